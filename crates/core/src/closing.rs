//! The end of a period: closing it freezes each key result's final score as a grade (which
//! stays editable), and "copy to next period" carries the unfinished objectives and key
//! results forward, with every field, starting from their last value. Each is one command.

use crate::command::{Command, KeyResultEdit};
use crate::model::{Id, Objective, Plan};
use crate::period::{Period, PeriodKind};
use crate::score;

fn in_period<'a>(plan: &'a Plan, period: &'a str) -> impl Iterator<Item = &'a Objective> {
    plan.objectives
        .iter()
        .filter(move |o| o.period.trim().eq_ignore_ascii_case(period.trim()))
}

/// Freezes the final scores of `period`'s key results as grades; a key result never measured
/// closes at 0. Already graded ones keep their grade. `None` when there is nothing to freeze.
pub fn close(plan: &Plan, period: &str) -> Option<Command> {
    let commands: Vec<Command> = in_period(plan, period)
        .flat_map(|o| &o.key_results)
        .filter(|k| k.score_override.is_none())
        .map(|k| Command::EditKeyResult {
            id: k.id,
            edit: KeyResultEdit::ScoreOverride(Some(
                score::key_result_score_by(plan.scoring, k).value,
            )),
        })
        .collect();
    (!commands.is_empty()).then_some(Command::Batch(commands))
}

/// The period after `p`, of the same kind: the plan's if it has one starting the next day,
/// else a new one ("Q4 2026" → "Q1 2027", "2026" → "2027", "Dec 2026" → "Jan 2027").
pub(crate) fn next_period(plan: &Plan, p: &Period) -> Option<Period> {
    let day_after = p.end.add_days(1);
    if let Some(existing) = plan
        .periods
        .iter()
        .find(|x| x.kind == p.kind && x.start == day_after)
    {
        return Some(existing.clone());
    }
    let (y, m, _) = day_after.ymd();
    match p.kind {
        PeriodKind::Year => Period::year(y),
        PeriodKind::Quarter => Period::quarter(y, (m - 1) / 3 + 1),
        PeriodKind::Month => Period::month(y, m),
    }
}

/// The initiatives still open, with fresh ids (done ones stay with the period they closed).
fn open_tasks(
    list: &[crate::model::Initiative],
    fresh: &mut impl FnMut() -> Id,
) -> Vec<crate::model::Initiative> {
    list.iter()
        .filter(|i| !i.done)
        .map(|i| crate::model::Initiative {
            id: fresh(),
            ..i.clone()
        })
        .collect()
}

/// What `carry_forward` did, for the message.
#[derive(Debug, PartialEq)]
pub struct Carried {
    pub command: Command,
    pub to: String,
    pub objectives: usize,
    pub key_results: usize,
}

/// Why `carry_forward` copied nothing. The shell says it in the interface language;
/// `Display` is the English sentence.
#[derive(Clone, Debug, PartialEq)]
pub enum CarryError {
    /// The period (named) has no dates.
    NoDates(String),
    /// The period after this one is out of range.
    NoNext(String),
    /// Everything in the period is done.
    AllDone(String),
    Refused(crate::command::CommandError),
}

impl std::fmt::Display for CarryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CarryError::NoDates(p) => {
                write!(f, "“{p}” has no dates, so its next period is unknown.")
            }
            CarryError::NoNext(p) => write!(f, "The period after “{p}” is out of range."),
            CarryError::AllDone(p) => write!(f, "Everything in “{p}” is done: nothing to carry."),
            CarryError::Refused(e) => e.fmt(f),
        }
    }
}

/// Copies `period`'s unfinished objectives (any key result below 1, or none at all) into the
/// next period with their unfinished key results: every field kept, start = the last value,
/// no current, history, grade or confidence yet; fresh ids from `fresh`. Alignments between
/// carried objectives follow the copies. Adds the next period's dates if the plan lacks them.
pub fn carry_forward(
    plan: &Plan,
    period: &str,
    mut fresh: impl FnMut() -> Id,
) -> Result<Carried, CarryError> {
    let from = plan
        .period(period)
        .ok_or_else(|| CarryError::NoDates(period.to_string()))?;
    let to = next_period(plan, from).ok_or_else(|| CarryError::NoNext(from.name.clone()))?;
    let unfinished = |k: &crate::model::KeyResult| score::key_result_score(k).value < 1.0;
    let mut copies: Vec<Objective> = Vec::new();
    let mut new_id_of = std::collections::HashMap::new();
    let mut key_results = 0;
    for o in in_period(plan, period) {
        if !o.key_results.is_empty() && !o.key_results.iter().any(unfinished) {
            continue;
        }
        let mut copy = o.clone();
        copy.id = fresh();
        copy.initiatives = open_tasks(&o.initiatives, &mut fresh);
        new_id_of.insert(o.id, copy.id);
        copy.period = to.name.clone();
        copy.key_results = o
            .key_results
            .iter()
            .filter(|k| unfinished(k))
            .map(|k| {
                let mut c = k.clone();
                c.id = fresh();
                if c.kind != crate::model::Kind::Binary {
                    c.start = k.current.or(k.start);
                }
                c.current = None;
                c.check_ins.clear();
                c.score_override = None;
                c.confidence = None;
                c.initiatives = open_tasks(&k.initiatives, &mut fresh);
                c
            })
            .collect();
        key_results += copy.key_results.len();
        copies.push(copy);
    }
    if copies.is_empty() {
        return Err(CarryError::AllDone(from.name.clone()));
    }
    for c in &mut copies {
        if let Some(new) = c.aligned_to.and_then(|a| new_id_of.get(&a)) {
            c.aligned_to = Some(*new);
        }
    }
    let mut commands = Vec::new();
    if plan.period(&to.name).is_none() {
        let mut periods = plan.periods.clone();
        periods.push(to.clone());
        commands.push(Command::SetPeriods(periods));
    }
    let objectives = copies.len();
    let at = plan.objectives.len();
    commands.extend(copies.into_iter().enumerate().map(|(i, objective)| {
        Command::InsertObjective {
            index: at + i,
            objective,
        }
    }));
    Ok(Carried {
        command: Command::Batch(commands),
        to: to.name,
        objectives,
        key_results,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::Document;
    use crate::model::Kind;

    fn plan() -> Plan {
        let mut p = Plan::new("t");
        p.periods = Period::year_with_quarters(2026);
        let mut a = p.new_objective("Pipeline");
        a.period = "Q4 2026".into();
        a.team = "Sales".into();
        for (title, cur) in [
            ("Leads", Some(500.0)),
            ("Deals", Some(40.0)),
            ("Demos", None),
        ] {
            let mut k = p.new_key_result(title);
            k.owner = "Ana".into();
            k.start = Some(0.0);
            k.target = Some(40.0);
            k.current = cur;
            k.notes = "keep me".into();
            for (task, done) in [("Book a booth", true), ("Call 20 leads", false)] {
                k.initiatives.push(crate::model::Initiative {
                    id: p.allocate_id(),
                    title: task.into(),
                    done,
                });
            }
            a.key_results.push(k);
        }
        let mut done = p.new_objective("Done already");
        done.period = "Q4 2026".into();
        let mut k = p.new_key_result("Shipped");
        k.kind = Kind::Binary;
        k.start = Some(0.0);
        k.target = Some(1.0);
        k.current = Some(1.0);
        done.key_results.push(k);
        let mut other = p.new_objective("Other quarter");
        other.period = "Q3 2026".into();
        p.objectives.extend([a, done, other]);
        p
    }

    #[test]
    fn closing_freezes_final_scores_as_grades_in_one_step() {
        let mut d = Document::new(plan());
        let c = close(d.plan(), "q4 2026").unwrap();
        d.execute(c).unwrap();
        let grades: Vec<Option<f64>> = d.plan().objectives[0]
            .key_results
            .iter()
            .map(|k| k.score_override)
            .collect();
        assert_eq!(grades, [Some(1.0), Some(1.0), Some(0.0)]);
        assert_eq!(d.plan().objectives[2].key_results.len(), 0);
        // Closed again: nothing left to freeze.
        assert!(close(d.plan(), "Q4 2026").is_none());
        assert!(d.undo());
        assert!(d.plan().objectives[0].key_results[0]
            .score_override
            .is_none());
    }

    #[test]
    fn next_periods_follow_on() {
        let p = Plan::new("t");
        let q4 = Period::quarter(2026, 4).unwrap();
        assert_eq!(next_period(&p, &q4).unwrap().name, "Q1 2027");
        assert_eq!(
            next_period(&p, &Period::year(2026).unwrap()).unwrap().name,
            "2027"
        );
        assert_eq!(
            next_period(&p, &Period::month(2026, 12).unwrap())
                .unwrap()
                .name,
            "Jan 2027"
        );
        // The plan's own next period (its name) wins.
        let mut named = p.clone();
        let mut q1 = Period::quarter(2027, 1).unwrap();
        q1.name = "2027-Q1".into();
        named.periods.push(q1);
        assert_eq!(next_period(&named, &q4).unwrap().name, "2027-Q1");
    }

    #[test]
    fn unfinished_work_is_carried_from_its_last_value() {
        let mut d = Document::new(plan());
        let mut next = 1000;
        let carried = carry_forward(d.plan(), "Q4 2026", || {
            next += 1;
            Id(next)
        })
        .unwrap();
        assert_eq!(
            (carried.to.as_str(), carried.objectives, carried.key_results),
            ("Q1 2027", 1, 1)
        );
        d.execute(carried.command).unwrap();
        let plan = d.plan();
        assert!(
            plan.period("Q1 2027").is_some(),
            "the next period gets dates"
        );
        let copy = plan.objectives.last().unwrap();
        assert_eq!(
            (
                copy.title.as_str(),
                copy.team.as_str(),
                copy.period.as_str()
            ),
            ("Pipeline", "Sales", "Q1 2027")
        );
        // Leads (500 of 40) and Deals (40 of 40) are done; Demos (no value) carries.
        let k = &copy.key_results[0];
        assert_eq!(
            (k.title.as_str(), k.owner.as_str(), k.notes.as_str()),
            ("Demos", "Ana", "keep me")
        );
        assert_eq!(
            (k.start, k.target, k.current),
            (Some(0.0), Some(40.0), None)
        );
        // Open initiatives come along with fresh ids; done ones stay behind.
        let tasks: Vec<&str> = k.initiatives.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(tasks, ["Call 20 leads"]);
        assert!(plan.ids_are_unique());
        assert!(d.undo());
        // Back as it was (ids are never reused, so only the id counter moved on).
        assert_eq!(d.plan().objectives, self::plan().objectives);
        assert_eq!(d.plan().periods, self::plan().periods);
        assert!(carry_forward(d.plan(), "Someday", || Id(1)).is_err());
    }

    #[test]
    fn start_is_the_last_value() {
        let mut p = plan();
        p.objectives[0].key_results[1].current = Some(25.0);
        let mut n = 500;
        let carried = carry_forward(&p, "Q4 2026", || {
            n += 1;
            Id(n)
        })
        .unwrap();
        let Command::Batch(commands) = carried.command else {
            panic!("a batch")
        };
        let Some(Command::InsertObjective { objective, .. }) = commands.last() else {
            panic!("an insert")
        };
        assert_eq!(objective.key_results[0].start, Some(25.0));
        assert_eq!(objective.key_results[0].check_ins.len(), 0);
    }
}
