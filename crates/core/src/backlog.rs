//! Prioritising candidate objectives: the backlog is a stack rank (its order), and ICE
//! (Impact × Confidence × Ease, 1–10 each) is the usual way to seed that rank. Every change is
//! a `Command`, so it undoes like any edit.

use crate::command::Command;
use crate::model::{Candidate, Id, Objective, Plan};

/// The backlog's ids sorted by ICE, highest first; equal scores keep their current rank (a
/// stable sort), so sorting twice changes nothing.
pub(crate) fn ranked_by_ice(backlog: &[Candidate]) -> Vec<Id> {
    let mut ranked: Vec<&Candidate> = backlog.iter().collect();
    ranked.sort_by_key(|c| std::cmp::Reverse(c.ice()));
    ranked.into_iter().map(|c| c.id).collect()
}

/// "Sort by ICE" as a command; `None` when the backlog is in that order already.
pub fn sort_by_ice(plan: &Plan) -> Option<Command> {
    let order = ranked_by_ice(&plan.backlog);
    let same = order.iter().eq(plan.backlog.iter().map(|c| &c.id));
    (!same).then_some(Command::OrderBacklog(order))
}

/// Moves candidate `id` to rank `to` (0 = top, clamped): dragging a row, or Alt+↑/↓. `None`
/// when it is not in the backlog or would not move.
pub fn move_to(plan: &Plan, id: Id, to: usize) -> Option<Command> {
    let from = plan.backlog.iter().position(|c| c.id == id)?;
    let to = to.min(plan.backlog.len().saturating_sub(1));
    if from == to {
        return None;
    }
    let mut order: Vec<Id> = plan.backlog.iter().map(|c| c.id).collect();
    let id = order.remove(from);
    order.insert(to, id);
    Some(Command::OrderBacklog(order))
}

/// Promotes a candidate: it leaves the backlog and becomes an objective of `period` (same id,
/// title and team), added after the period's last objective. One undo step.
pub fn promote(plan: &Plan, id: Id, period: &str) -> Option<Command> {
    let candidate = plan.backlog.iter().find(|c| c.id == id)?;
    let mut objective = Objective::empty(id, &candidate.title);
    objective.team = candidate.team.clone();
    objective.period = period.to_string();
    let index = plan
        .objectives
        .iter()
        .rposition(|o| o.period == period)
        .map_or(plan.objectives.len(), |i| i + 1);
    Some(Command::Batch(vec![
        Command::RemoveCandidate { id },
        Command::InsertObjective { index, objective },
    ]))
}

/// The period a promoted candidate goes to: the one shown, else the period of the plan's
/// last objective, else none.
pub fn promotion_period(plan: &Plan, shown: Option<&str>) -> String {
    shown
        .map(str::to_string)
        .or_else(|| plan.objectives.last().map(|o| o.period.clone()))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{apply, CommandError};
    use crate::example::example_plan;

    fn plan_with(ices: &[(u8, u8, u8)]) -> Plan {
        let mut plan = example_plan();
        for (n, &(impact, confidence, ease)) in ices.iter().enumerate() {
            let id = plan.allocate_id();
            plan.backlog.push(Candidate {
                impact,
                confidence,
                ease,
                ..Candidate::new(id, &format!("Candidate {n}"))
            });
        }
        plan
    }

    fn titles(plan: &Plan) -> Vec<&str> {
        plan.backlog.iter().map(|c| c.title.as_str()).collect()
    }

    #[test]
    fn ice_is_the_product_of_the_three_scores() {
        let c = Candidate {
            impact: 8,
            confidence: 5,
            ease: 3,
            ..Candidate::new(Id(1), "x")
        };
        assert_eq!(c.ice(), 120);
        assert_eq!(
            Candidate {
                impact: 10,
                confidence: 10,
                ease: 10,
                ..c
            }
            .ice(),
            1000
        );
    }

    #[test]
    fn sorting_ranks_by_ice_and_keeps_ties_in_their_order() {
        // ICE: 120, 500, 120, 8
        let mut plan = plan_with(&[(8, 5, 3), (10, 10, 5), (4, 5, 6), (2, 2, 2)]);
        let sort = sort_by_ice(&plan).unwrap();
        let undo = apply(&mut plan, sort).unwrap();
        assert_eq!(
            titles(&plan),
            ["Candidate 1", "Candidate 0", "Candidate 2", "Candidate 3"]
        );
        assert_eq!(sort_by_ice(&plan), None, "sorted already");
        apply(&mut plan, undo).unwrap();
        assert_eq!(
            titles(&plan),
            ["Candidate 0", "Candidate 1", "Candidate 2", "Candidate 3"]
        );
    }

    #[test]
    fn stack_ranking_moves_one_candidate_and_undoes() {
        let mut plan = plan_with(&[(1, 1, 1), (2, 2, 2), (3, 3, 3)]);
        let last = plan.backlog[2].id;
        let up = move_to(&plan, last, 0).unwrap();
        let undo = apply(&mut plan, up).unwrap();
        assert_eq!(titles(&plan), ["Candidate 2", "Candidate 0", "Candidate 1"]);
        assert_eq!(move_to(&plan, last, 0), None);
        apply(&mut plan, undo).unwrap();
        assert_eq!(titles(&plan), ["Candidate 0", "Candidate 1", "Candidate 2"]);
        // Past the end is the end.
        let first = plan.backlog[0].id;
        let down = move_to(&plan, first, 99).unwrap();
        apply(&mut plan, down).unwrap();
        assert_eq!(titles(&plan), ["Candidate 1", "Candidate 2", "Candidate 0"]);
        assert_eq!(move_to(&plan, Id(9999), 0), None);
    }

    #[test]
    fn an_order_must_name_every_candidate_once() {
        let mut plan = plan_with(&[(1, 1, 1), (2, 2, 2)]);
        let a = plan.backlog[0].id;
        let before = plan.clone();
        assert_eq!(
            apply(&mut plan, Command::OrderBacklog(vec![a, a])),
            Err(CommandError::BadOrder)
        );
        assert_eq!(
            apply(&mut plan, Command::OrderBacklog(vec![a])),
            Err(CommandError::BadOrder)
        );
        assert_eq!(plan, before);
    }

    #[test]
    fn ice_values_outside_one_to_ten_are_refused() {
        let mut plan = plan_with(&[(5, 5, 5)]);
        let mut c = plan.backlog[0].clone();
        c.ease = 11;
        assert_eq!(
            apply(&mut plan, Command::PutCandidate(c.clone())),
            Err(CommandError::IceOutOfRange("Ease", 11))
        );
        c.ease = 0;
        c.id = plan.allocate_id();
        assert!(apply(
            &mut plan,
            Command::InsertCandidate {
                index: 0,
                candidate: c
            }
        )
        .is_err());
        assert_eq!(plan.backlog.len(), 1);
    }

    #[test]
    fn promoting_makes_an_objective_of_the_period_in_one_undoable_step() {
        let mut plan = plan_with(&[(9, 9, 9), (1, 1, 1)]);
        plan.backlog[0].team = "Brand".into();
        let id = plan.backlog[0].id;
        let before = plan.clone();
        let period = promotion_period(&plan, None);
        assert_eq!(period, "2026-Q4");
        let command = promote(&plan, id, &period).unwrap();
        let undo = apply(&mut plan, command).unwrap();
        assert_eq!(plan.backlog.len(), 1);
        let o = plan.objective(id).unwrap();
        assert_eq!(
            (o.title.as_str(), o.team.as_str()),
            ("Candidate 0", "Brand")
        );
        assert_eq!(o.period, "2026-Q4");
        assert_eq!(plan.objectives.last().unwrap().id, id);
        assert!(plan.ids_are_unique());
        apply(&mut plan, undo).unwrap();
        assert_eq!(plan, before);
        assert_eq!(promote(&plan, Id(9999), "x"), None);
    }

    #[test]
    fn candidate_ids_are_plan_ids() {
        let mut plan = plan_with(&[(5, 5, 5)]);
        let taken = plan.backlog[0].id;
        let mut o = plan.new_objective("clash");
        o.id = taken;
        assert_eq!(
            apply(
                &mut plan,
                Command::InsertObjective {
                    index: 0,
                    objective: o
                }
            ),
            Err(CommandError::DuplicateId(taken))
        );
        let saved = crate::store::encode(&plan).unwrap();
        assert_eq!(crate::store::decode(&saved).unwrap(), plan);
    }
}
