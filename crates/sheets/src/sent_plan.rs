//! The plan an export writes, sent to the spreadsheet worker once and then as changes: the
//! worker keeps the plan of the page's last export, and the next export sends only the
//! objectives that differ from it (none, when nothing was edited in between), not the whole
//! plan as JSON again. At 10,000 key results, encoding, sending and decoding the whole plan
//! was about a tenth of an export.
//!
//! Each plan sent has a `token`; changes name the token of the plan they apply to (`base`).
//! A worker that keeps another plan, or none (it was restarted), refuses them and the page
//! sends the plan whole: nothing the page remembers can make the worker write a wrong plan.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use okr_core::model::{Id, Objective, Plan};

/// The plan as the page sends it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PlanSent {
    /// The whole plan, kept from now on as `token`.
    Whole { token: u64, plan: Box<Plan> },
    /// The plan kept as `base`, changed into the plan `token`.
    Changes {
        base: u64,
        token: u64,
        /// The plan's own fields as JSON (`Plan::head`, as a stored plan's head record), when
        /// they changed.
        head: Option<String>,
        /// Every objective's id, in the plan's order.
        order: Vec<Id>,
        /// The objectives that are new or differ from the kept plan's.
        changed: Vec<Objective>,
    },
}

/// The page's side: what it last sent, to send only what changed since.
#[derive(Debug, Default)]
pub struct Sender {
    last: Option<Sent>,
    tokens: u64,
}

#[derive(Debug)]
struct Sent {
    token: u64,
    /// `Plan::head` as JSON.
    head: String,
    objectives: HashMap<Id, Objective>,
}

impl Sender {
    /// `plan` to send: the changes since the last plan sent, or the whole plan when none was.
    pub fn send(&mut self, plan: &Plan) -> PlanSent {
        self.tokens += 1;
        let token = self.tokens;
        // A head that does not encode is sent inside the whole plan, which then says why.
        let head = serde_json::to_string(&plan.head()).ok();
        let Some((head, last)) = head.clone().zip(self.last.take()) else {
            self.last = head.map(|head| Sent {
                token,
                head,
                objectives: plan.objectives.iter().map(|o| (o.id, o.clone())).collect(),
            });
            return PlanSent::Whole {
                token,
                plan: Box::new(plan.clone()),
            };
        };
        let Sent {
            token: base,
            head: last_head,
            objectives: mut old,
        } = last;
        let mut objectives = HashMap::with_capacity(plan.objectives.len());
        let mut changed = Vec::new();
        for o in &plan.objectives {
            let kept = match old.remove(&o.id) {
                Some(sent) if sent == *o => sent,
                _ => {
                    changed.push(o.clone());
                    o.clone()
                }
            };
            objectives.insert(o.id, kept);
        }
        let head_changed = head != last_head;
        self.last = Some(Sent {
            token,
            head: head.clone(),
            objectives,
        });
        PlanSent::Changes {
            base,
            token,
            head: head_changed.then_some(head),
            order: plan.objectives.iter().map(|o| o.id).collect(),
            changed,
        }
    }

    /// The worker keeps no plan this page sent (it was restarted): the next send is whole.
    pub fn forget(&mut self) {
        self.last = None;
    }
}

/// The worker's side: the plan of the last export.
#[derive(Debug, Default)]
pub struct Kept(Option<(u64, Plan)>);

impl Kept {
    /// The plan `sent` stands for, kept for the next export; `None` when it names changes to
    /// a plan not kept here (then none is kept: the page sends the plan whole).
    pub fn take(&mut self, sent: PlanSent) -> Option<&Plan> {
        match sent {
            PlanSent::Whole { token, plan } => {
                self.0 = Some((token, *plan));
            }
            PlanSent::Changes {
                base,
                token,
                head,
                order,
                changed,
            } => {
                let (_, mut plan) = self.0.take().filter(|(t, _)| *t == base)?;
                if let Some(head) = head {
                    let objectives = std::mem::take(&mut plan.objectives);
                    plan = serde_json::from_str(&head).ok()?;
                    plan.objectives = objectives;
                }
                let mut old: HashMap<Id, Objective> = std::mem::take(&mut plan.objectives)
                    .into_iter()
                    .map(|o| (o.id, o))
                    .collect();
                let mut new: HashMap<Id, Objective> =
                    changed.into_iter().map(|o| (o.id, o)).collect();
                plan.objectives = order
                    .iter()
                    .map(|id| new.remove(id).or_else(|| old.remove(id)))
                    .collect::<Option<Vec<_>>>()?;
                if !new.is_empty() {
                    return None;
                }
                self.0 = Some((token, plan));
            }
        }
        self.0.as_ref().map(|(_, plan)| plan)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use okr_core::example::example_plan;

    /// Sends `plan` and has the worker take it through JSON, as the page and worker do.
    fn through(sender: &mut Sender, kept: &mut Kept, plan: &Plan) -> Option<Plan> {
        let sent = sender.send(plan);
        let text = serde_json::to_string(&sent).unwrap();
        kept.take(serde_json::from_str(&text).unwrap()).cloned()
    }

    fn changed_count(sent: &PlanSent) -> Option<usize> {
        match sent {
            PlanSent::Whole { .. } => None,
            PlanSent::Changes { changed, .. } => Some(changed.len()),
        }
    }

    #[test]
    fn the_worker_holds_the_plan_sent_after_every_kind_of_edit() {
        let (mut sender, mut kept) = (Sender::default(), Kept::default());
        let mut plan = example_plan();
        assert_eq!(through(&mut sender, &mut kept, &plan), Some(plan.clone()));
        // Unchanged: nothing but the order travels.
        let sent = sender.send(&plan);
        assert_eq!(changed_count(&sent), Some(0));
        assert!(matches!(&sent, PlanSent::Changes { head: None, .. }));
        assert_eq!(kept.take(sent).cloned(), Some(plan.clone()));

        type Edit = Box<dyn Fn(&mut Plan)>;
        let edits: Vec<Edit> = vec![
            Box::new(|p| p.objectives[1].key_results[0].current = Some(42.5)),
            Box::new(|p| p.objectives[0].title.push_str(" (renamed)")),
            Box::new(|p| p.name = "Renamed plan".into()),
            Box::new(|p| p.objectives.swap(0, 2)),
            Box::new(|p| {
                p.objectives.remove(1);
            }),
            Box::new(|p| {
                let mut o = p.new_objective("A new one");
                o.key_results.push(p.new_key_result("Its key result"));
                p.objectives.insert(0, o);
            }),
            Box::new(|p| p.scoring = okr_core::model::ScoringRule::Graded),
            Box::new(|p| p.objectives.clear()),
        ];
        for edit in edits {
            edit(&mut plan);
            assert_eq!(through(&mut sender, &mut kept, &plan), Some(plan.clone()));
        }
    }

    #[test]
    fn only_what_changed_is_sent() {
        let mut sender = Sender::default();
        let mut plan = example_plan();
        assert!(matches!(sender.send(&plan), PlanSent::Whole { .. }));
        plan.objectives[2].key_results[1].current = Some(1.0);
        let sent = sender.send(&plan);
        match &sent {
            PlanSent::Changes {
                head: None,
                changed,
                order,
                ..
            } => {
                assert_eq!(changed.len(), 1);
                assert_eq!(changed[0].id, plan.objectives[2].id);
                assert_eq!(order.len(), plan.objectives.len());
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn changes_to_a_plan_the_worker_does_not_keep_are_refused_and_the_next_send_is_whole() {
        let (mut sender, mut kept) = (Sender::default(), Kept::default());
        let mut plan = example_plan();
        through(&mut sender, &mut kept, &plan).unwrap();
        // The worker was restarted: it keeps nothing.
        let mut restarted = Kept::default();
        plan.name.push('!');
        assert_eq!(through(&mut sender, &mut restarted, &plan), None);
        sender.forget();
        assert_eq!(
            through(&mut sender, &mut restarted, &plan),
            Some(plan.clone())
        );
        // Changes to an older plan than the one kept: refused, and nothing is kept.
        let old_base = sender.send(&plan);
        let newer = sender.send(&plan);
        assert!(restarted.take(newer.clone()).is_none());
        assert!(restarted.take(old_base).is_none());
        // Changes naming an objective neither sent nor kept: refused.
        let (mut sender, mut kept) = (Sender::default(), Kept::default());
        let plan = example_plan();
        through(&mut sender, &mut kept, &plan).unwrap();
        let sent = match sender.send(&plan) {
            PlanSent::Changes {
                base,
                token,
                head,
                mut order,
                changed,
            } => {
                order.push(Id(999_999));
                PlanSent::Changes {
                    base,
                    token,
                    head,
                    order,
                    changed,
                }
            }
            other => panic!("{other:?}"),
        };
        assert!(kept.take(sent).is_none());
    }
}
