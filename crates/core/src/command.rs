//! Every change to a plan is a `Command`. Applying one returns its inverse, so undo and redo
//! are a history of commands (see `history`), never a copy of the screen.
//!
//! `apply` validates before it touches anything: a refused command leaves the plan unchanged.

use std::fmt;

use crate::model::{
    Candidate, Commitment, Id, Initiative, KeyResult, Kind, Objective, Plan, ScoringRule,
};
use crate::period::Period;
use crate::validate::{self, Invalid};

#[derive(Clone, Debug, PartialEq)]
pub enum ObjectiveEdit {
    Title(String),
    Owner(String),
    Team(String),
    Period(String),
    Weight(f64),
    /// The objective this one contributes to, or none. A cycle is refused.
    AlignedTo(Option<Id>),
    Commitment(Commitment),
}

#[derive(Clone, Debug, PartialEq)]
pub enum KeyResultEdit {
    Title(String),
    Owner(String),
    /// Changing the kind to binary also sets start 0 and target 1; its inverse restores the
    /// whole key result, so nothing is lost.
    Kind(Kind),
    Start(Option<f64>),
    Target(Option<f64>),
    Current(Option<f64>),
    Weight(f64),
    ScoreOverride(Option<f64>),
    Link(String),
    Notes(String),
    /// 1–10, or none.
    Confidence(Option<u8>),
    /// The value that scores 0.3 under the commit / target / stretch rule.
    Commit(Option<f64>),
    /// The value that scores 1.0 under the commit / target / stretch rule.
    Stretch(Option<f64>),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    RenamePlan(String),
    EditObjective {
        id: Id,
        edit: ObjectiveEdit,
    },
    EditKeyResult {
        id: Id,
        edit: KeyResultEdit,
    },
    /// Replaces the key result that has the same id (the inverse of a kind change).
    PutKeyResult(KeyResult),
    InsertObjective {
        index: usize,
        objective: Objective,
    },
    RemoveObjective {
        id: Id,
    },
    InsertKeyResult {
        objective: Id,
        index: usize,
        key_result: KeyResult,
    },
    RemoveKeyResult {
        id: Id,
    },
    /// Swaps in a whole plan ("New plan", later: import).
    ReplacePlan(Box<Plan>),
    /// Moves an objective (with its key results) to `index` among the objectives.
    MoveObjective {
        id: Id,
        index: usize,
    },
    /// Moves a key result to position `index` of objective `objective` (maybe another one).
    MoveKeyResult {
        id: Id,
        objective: Id,
        index: usize,
    },
    /// Several commands as one undoable step (paste, clear, fill): all apply, or none.
    Batch(Vec<Command>),
    /// Replaces the plan's periods (names with dates).
    SetPeriods(Vec<Period>),
    /// Replaces the initiatives of objective or key result `of`.
    SetInitiatives {
        of: Id,
        initiatives: Vec<Initiative>,
    },
    /// Dismisses (or brings back) a health-check finding by its key.
    Dismiss {
        key: String,
        dismissed: bool,
    },
    /// Chooses the plan's scoring rule and pace margin (0.01–0.5).
    SetScoring {
        rule: ScoringRule,
        pace_margin: f64,
    },
    /// Puts a candidate objective into the backlog at `index` (clamped).
    InsertCandidate {
        index: usize,
        candidate: Candidate,
    },
    RemoveCandidate {
        id: Id,
    },
    /// Replaces the candidate that has the same id (title, team, ICE values).
    PutCandidate(Candidate),
    /// Puts the backlog in this order: the same ids, each once (stack ranking, sort by ICE).
    OrderBacklog(Vec<Id>),
}

#[derive(Clone, Debug, PartialEq)]
pub enum CommandError {
    UnknownObjective(Id),
    UnknownKeyResult(Id),
    DuplicateId(Id),
    NotFinite(&'static str),
    NegativeWeight,
    GradeOutOfRange(f64),
    /// Aligning would make an objective contribute to itself.
    AlignmentCycle,
    ConfidenceOutOfRange(u8),
    /// A period (named) whose last day is before its first.
    PeriodEndsBeforeStart(String),
    /// A period without a name, or two periods with the same name (the name).
    PeriodNameTaken(String),
    /// A milestone's start and target come from its steps (how many); its current counts
    /// done steps.
    Milestone(usize),
    /// A milestone's current is a whole number of its steps (how many) done.
    StepsDone(usize),
    UnknownCandidate(Id),
    /// Impact, Confidence and Ease are whole numbers from 1 to 10.
    IceOutOfRange(&'static str, u8),
    /// An order that is not the backlog's ids, each once.
    BadOrder,
    /// A pace margin outside 1 to 50 points.
    BadMargin(f64),
    /// The document is a shared plan opened read-only (`Document::set_read_only`).
    ReadOnly,
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CommandError::UnknownObjective(_) => write!(f, "That objective no longer exists."),
            CommandError::UnknownKeyResult(_) => write!(f, "That key result no longer exists."),
            CommandError::DuplicateId(_) => write!(f, "That row is already in the plan."),
            CommandError::NotFinite(field) => write!(f, "{field} must be a finite number."),
            CommandError::NegativeWeight => write!(f, "A weight cannot be negative."),
            CommandError::GradeOutOfRange(g) => {
                write!(f, "A grade must be between 0 and 1 (got {g}).")
            }
            CommandError::AlignmentCycle => write!(
                f,
                "An objective cannot align to itself or to an objective aligned under it."
            ),
            CommandError::ConfidenceOutOfRange(c) => {
                write!(f, "Confidence is 1 to 10 (got {c}).")
            }
            CommandError::PeriodEndsBeforeStart(name) => {
                write!(f, "The period “{name}” ends before it starts.")
            }
            CommandError::PeriodNameTaken(name) => {
                write!(f, "Each period needs its own name (“{name}”).")
            }
            CommandError::Milestone(steps) => write!(
                f,
                "A milestone runs from 0 to its {steps} steps: add or remove steps in the \
                 panel below the grid."
            ),
            CommandError::StepsDone(n) => crate::model::NotAStepCount(*n).fmt(f),
            CommandError::UnknownCandidate(_) => {
                write!(f, "That candidate is no longer in the backlog.")
            }
            CommandError::IceOutOfRange(field, v) => {
                write!(f, "{field} is a whole number from 1 to 10 (got {v}).")
            }
            CommandError::BadOrder => write!(f, "The backlog changed; try again."),
            CommandError::BadMargin(m) => write!(
                f,
                "The pace margin is 1 to 50 points of progress (got {}).",
                crate::value::percent(*m).trim_end_matches('%')
            ),
            CommandError::ReadOnly => write!(
                f,
                "This shared plan is read-only: use “Save a copy to my plans” to edit it."
            ),
        }
    }
}

impl std::error::Error for CommandError {}

/// A rule of `validate` broken: the command is refused with its facts.
impl From<Invalid> for CommandError {
    fn from(e: Invalid) -> Self {
        match e {
            Invalid::NotFinite(field) => CommandError::NotFinite(field),
            Invalid::NegativeWeight => CommandError::NegativeWeight,
            Invalid::GradeOutOfRange(g) => CommandError::GradeOutOfRange(g),
            Invalid::ConfidenceOutOfRange(c) => CommandError::ConfidenceOutOfRange(c),
            Invalid::PeriodEndsBeforeStart(name) => CommandError::PeriodEndsBeforeStart(name),
            Invalid::PeriodNameTaken(name) => CommandError::PeriodNameTaken(name),
            Invalid::IceOutOfRange(field, v) => CommandError::IceOutOfRange(field, v),
            Invalid::BadMargin(m) => CommandError::BadMargin(m),
            Invalid::DuplicateId(id) => CommandError::DuplicateId(id),
            Invalid::AlignmentCycle => CommandError::AlignmentCycle,
        }
    }
}

/// Refuses an alignment of `id` to `to` that would close a loop (or point at no objective).
fn check_alignment(plan: &Plan, id: Id, to: Option<Id>) -> Result<(), CommandError> {
    let Some(to) = to else { return Ok(()) };
    plan.objective(to)
        .ok_or(CommandError::UnknownObjective(to))?;
    Ok(validate::alignment(plan, id, to)?)
}

/// True when `id` is in use (an objective, a key result or an initiative).
fn contains_id(plan: &Plan, id: Id) -> bool {
    plan.may_contain(id) && plan.ids().any(|x| x == id)
}

fn candidate_index(plan: &Plan, id: Id) -> Result<usize, CommandError> {
    plan.backlog
        .iter()
        .position(|c| c.id == id)
        .ok_or(CommandError::UnknownCandidate(id))
}

/// Applies `command` to `plan` and returns the command that undoes it.
pub fn apply(plan: &mut Plan, command: Command) -> Result<Command, CommandError> {
    match command {
        Command::RenamePlan(name) => {
            let old = std::mem::replace(&mut plan.name, name);
            Ok(Command::RenamePlan(old))
        }
        Command::EditObjective { id, edit } => {
            match edit {
                ObjectiveEdit::Weight(w) => validate::weight(w)?,
                ObjectiveEdit::AlignedTo(to) => check_alignment(plan, id, to)?,
                _ => {}
            }
            let o = plan
                .objective_mut(id)
                .ok_or(CommandError::UnknownObjective(id))?;
            let old = match edit {
                ObjectiveEdit::Title(v) => ObjectiveEdit::Title(std::mem::replace(&mut o.title, v)),
                ObjectiveEdit::Owner(v) => ObjectiveEdit::Owner(std::mem::replace(&mut o.owner, v)),
                ObjectiveEdit::Team(v) => ObjectiveEdit::Team(std::mem::replace(&mut o.team, v)),
                ObjectiveEdit::Period(v) => {
                    ObjectiveEdit::Period(std::mem::replace(&mut o.period, v))
                }
                ObjectiveEdit::Weight(v) => {
                    ObjectiveEdit::Weight(std::mem::replace(&mut o.weight, v))
                }
                ObjectiveEdit::AlignedTo(v) => {
                    ObjectiveEdit::AlignedTo(std::mem::replace(&mut o.aligned_to, v))
                }
                ObjectiveEdit::Commitment(v) => {
                    ObjectiveEdit::Commitment(std::mem::replace(&mut o.commitment, v))
                }
            };
            Ok(Command::EditObjective { id, edit: old })
        }
        Command::EditKeyResult { id, edit } => {
            match &edit {
                KeyResultEdit::Start(v) => validate::finite("Start", *v)?,
                KeyResultEdit::Target(v) => validate::finite("Target", *v)?,
                KeyResultEdit::Current(v) => validate::finite("Current", *v)?,
                KeyResultEdit::Weight(w) => validate::weight(*w)?,
                KeyResultEdit::ScoreOverride(g) => validate::grade(*g)?,
                KeyResultEdit::Confidence(c) => validate::confidence(*c)?,
                KeyResultEdit::Commit(v) => validate::finite("Commit", *v)?,
                KeyResultEdit::Stretch(v) => validate::finite("Stretch", *v)?,
                _ => {}
            }
            let k = plan
                .key_result_mut(id)
                .ok_or(CommandError::UnknownKeyResult(id))?;
            let counted = k.kind == Kind::Milestone && !k.steps.is_empty();
            let old = match edit {
                KeyResultEdit::Kind(kind) => {
                    let before = k.clone();
                    set_kind(k, kind);
                    k.sync_steps();
                    return Ok(Command::PutKeyResult(before));
                }
                KeyResultEdit::Start(_) | KeyResultEdit::Target(_) if counted => {
                    return Err(CommandError::Milestone(k.steps.len()));
                }
                KeyResultEdit::Current(v) if counted => {
                    let before = k.clone();
                    k.set_steps_done(v.unwrap_or(0.0))
                        .map_err(|e| CommandError::StepsDone(e.0))?;
                    return Ok(Command::PutKeyResult(before));
                }
                KeyResultEdit::Title(v) => KeyResultEdit::Title(std::mem::replace(&mut k.title, v)),
                KeyResultEdit::Owner(v) => KeyResultEdit::Owner(std::mem::replace(&mut k.owner, v)),
                KeyResultEdit::Start(v) => KeyResultEdit::Start(std::mem::replace(&mut k.start, v)),
                KeyResultEdit::Target(v) => {
                    KeyResultEdit::Target(std::mem::replace(&mut k.target, v))
                }
                KeyResultEdit::Current(v) => {
                    KeyResultEdit::Current(std::mem::replace(&mut k.current, v))
                }
                KeyResultEdit::Weight(v) => {
                    KeyResultEdit::Weight(std::mem::replace(&mut k.weight, v))
                }
                KeyResultEdit::ScoreOverride(v) => {
                    KeyResultEdit::ScoreOverride(std::mem::replace(&mut k.score_override, v))
                }
                KeyResultEdit::Link(v) => KeyResultEdit::Link(std::mem::replace(&mut k.link, v)),
                KeyResultEdit::Notes(v) => KeyResultEdit::Notes(std::mem::replace(&mut k.notes, v)),
                KeyResultEdit::Confidence(v) => {
                    KeyResultEdit::Confidence(std::mem::replace(&mut k.confidence, v))
                }
                KeyResultEdit::Commit(v) => {
                    KeyResultEdit::Commit(std::mem::replace(&mut k.commit, v))
                }
                KeyResultEdit::Stretch(v) => {
                    KeyResultEdit::Stretch(std::mem::replace(&mut k.stretch, v))
                }
            };
            Ok(Command::EditKeyResult { id, edit: old })
        }
        Command::PutKeyResult(kr) => {
            validate::key_result(&kr)?;
            let old = plan
                .key_result(kr.id)
                .ok_or(CommandError::UnknownKeyResult(kr.id))?
                .1;
            // New initiatives must bring ids not used elsewhere.
            if let Some(i) = kr
                .initiatives
                .iter()
                .find(|i| !old.initiatives.iter().any(|o| o.id == i.id) && contains_id(plan, i.id))
            {
                return Err(CommandError::DuplicateId(i.id));
            }
            for i in &kr.initiatives {
                plan.note_id(i.id);
            }
            let k = plan
                .key_result_mut(kr.id)
                .ok_or(CommandError::UnknownKeyResult(kr.id))?;
            let mut kr = kr;
            kr.sync_steps();
            let old = std::mem::replace(k, kr);
            Ok(Command::PutKeyResult(old))
        }
        Command::SetInitiatives { of, initiatives } => {
            validate::initiatives(&initiatives)?;
            let current: Vec<Id> = match plan.objective(of) {
                Some(o) => o.initiatives.iter().map(|i| i.id).collect(),
                None => plan
                    .key_result(of)
                    .ok_or(CommandError::UnknownKeyResult(of))?
                    .1
                    .initiatives
                    .iter()
                    .map(|i| i.id)
                    .collect(),
            };
            if let Some(i) = initiatives
                .iter()
                .find(|i| !current.contains(&i.id) && contains_id(plan, i.id))
            {
                return Err(CommandError::DuplicateId(i.id));
            }
            for i in &initiatives {
                plan.note_id(i.id);
            }
            let slot = match plan.objective_index(of) {
                Some(oi) => &mut plan.objectives[oi].initiatives,
                None => {
                    &mut plan
                        .key_result_mut(of)
                        .ok_or(CommandError::UnknownKeyResult(of))?
                        .initiatives
                }
            };
            let old = std::mem::replace(slot, initiatives);
            Ok(Command::SetInitiatives {
                of,
                initiatives: old,
            })
        }
        Command::InsertObjective { index, objective } => {
            if let Some(id) = objective.ids().find(|&id| contains_id(plan, id)) {
                return Err(CommandError::DuplicateId(id));
            }
            validate::objective(&objective)?;
            let id = objective.id;
            for x in objective.ids() {
                plan.note_id(x);
            }
            let index = index.min(plan.objectives.len());
            plan.objectives.insert(index, objective);
            Ok(Command::RemoveObjective { id })
        }
        Command::RemoveObjective { id } => {
            let index = plan
                .objective_index(id)
                .ok_or(CommandError::UnknownObjective(id))?;
            let objective = plan.objectives.remove(index);
            Ok(Command::InsertObjective { index, objective })
        }
        Command::InsertKeyResult {
            objective,
            index,
            key_result,
        } => {
            if let Some(id) = key_result.ids().find(|&id| contains_id(plan, id)) {
                return Err(CommandError::DuplicateId(id));
            }
            validate::key_result(&key_result)?;
            let ids: Vec<Id> = key_result.ids().collect();
            let o = plan
                .objective_mut(objective)
                .ok_or(CommandError::UnknownObjective(objective))?;
            let id = key_result.id;
            let index = index.min(o.key_results.len());
            o.key_results.insert(index, key_result);
            for x in ids {
                plan.note_id(x);
            }
            Ok(Command::RemoveKeyResult { id })
        }
        Command::RemoveKeyResult { id } => {
            let (oi, ki) = plan
                .key_result_position(id)
                .ok_or(CommandError::UnknownKeyResult(id))?;
            let o = &mut plan.objectives[oi];
            let key_result = o.key_results.remove(ki);
            Ok(Command::InsertKeyResult {
                objective: o.id,
                index: ki,
                key_result,
            })
        }
        Command::ReplacePlan(new_plan) => {
            let old = std::mem::replace(plan, *new_plan);
            Ok(Command::ReplacePlan(Box::new(old)))
        }
        Command::MoveObjective { id, index } => {
            let from = plan
                .objective_index(id)
                .ok_or(CommandError::UnknownObjective(id))?;
            let objective = plan.objectives.remove(from);
            let index = index.min(plan.objectives.len());
            plan.objectives.insert(index, objective);
            Ok(Command::MoveObjective { id, index: from })
        }
        Command::MoveKeyResult {
            id,
            objective,
            index,
        } => {
            let (oi, ki) = plan
                .key_result_position(id)
                .ok_or(CommandError::UnknownKeyResult(id))?;
            let to = plan
                .objective_index(objective)
                .ok_or(CommandError::UnknownObjective(objective))?;
            let from = plan.objectives[oi].id;
            let key_result = plan.objectives[oi].key_results.remove(ki);
            let krs = &mut plan.objectives[to].key_results;
            let index = index.min(krs.len());
            krs.insert(index, key_result);
            Ok(Command::MoveKeyResult {
                id,
                objective: from,
                index: ki,
            })
        }
        Command::Dismiss { key, dismissed } => {
            let was = plan.dismissed.contains(&key);
            if dismissed {
                plan.dismissed.insert(key.clone());
            } else {
                plan.dismissed.remove(&key);
            }
            Ok(Command::Dismiss {
                key,
                dismissed: was,
            })
        }
        Command::SetScoring { rule, pace_margin } => {
            validate::pace_margin(pace_margin)?;
            let old = Command::SetScoring {
                rule: plan.scoring,
                pace_margin: plan.pace_margin,
            };
            plan.scoring = rule;
            plan.pace_margin = pace_margin;
            Ok(old)
        }
        Command::InsertCandidate { index, candidate } => {
            if contains_id(plan, candidate.id) {
                return Err(CommandError::DuplicateId(candidate.id));
            }
            validate::candidate(&candidate)?;
            let id = candidate.id;
            plan.note_id(id);
            plan.backlog
                .insert(index.min(plan.backlog.len()), candidate);
            Ok(Command::RemoveCandidate { id })
        }
        Command::RemoveCandidate { id } => {
            let index = candidate_index(plan, id)?;
            let candidate = plan.backlog.remove(index);
            Ok(Command::InsertCandidate { index, candidate })
        }
        Command::PutCandidate(candidate) => {
            let index = candidate_index(plan, candidate.id)?;
            validate::candidate(&candidate)?;
            Ok(Command::PutCandidate(std::mem::replace(
                &mut plan.backlog[index],
                candidate,
            )))
        }
        Command::OrderBacklog(order) => {
            let mut by_id: std::collections::HashMap<Id, Candidate> =
                plan.backlog.iter().map(|c| (c.id, c.clone())).collect();
            if order.len() != plan.backlog.len() {
                return Err(CommandError::BadOrder);
            }
            let mut ordered = Vec::with_capacity(order.len());
            for id in &order {
                ordered.push(by_id.remove(id).ok_or(CommandError::BadOrder)?);
            }
            let old = std::mem::replace(&mut plan.backlog, ordered);
            Ok(Command::OrderBacklog(old.iter().map(|c| c.id).collect()))
        }
        Command::SetPeriods(periods) => {
            validate::periods(&periods)?;
            Ok(Command::SetPeriods(std::mem::replace(
                &mut plan.periods,
                periods,
            )))
        }
        Command::Batch(commands) => {
            let mut inverses = Vec::with_capacity(commands.len());
            for command in commands {
                match apply(plan, command) {
                    Ok(inverse) => inverses.push(inverse),
                    Err(e) => {
                        // Undo what was applied, newest first, so a refused batch changes
                        // nothing. Inverses of applied commands always apply.
                        for inverse in inverses.into_iter().rev() {
                            let _ = apply(plan, inverse);
                        }
                        return Err(e);
                    }
                }
            }
            inverses.reverse();
            Ok(Command::Batch(inverses))
        }
    }
}

/// Binary key results run from 0 (not done) to 1 (done); a current value that is neither is
/// cleared rather than guessed (`validate::kind_value`).
fn set_kind(k: &mut KeyResult, kind: Kind) {
    k.kind = kind;
    if kind == Kind::Binary {
        k.start = Some(0.0);
        k.target = Some(1.0);
        let current = k.current.filter(|&c| validate::kind_value(k, c).is_ok());
        k.current = current;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::example_plan;

    #[test]
    fn a_dismissal_is_kept_saved_and_undone() {
        let mut plan = example_plan();
        let key = "no_owner:7".to_string();
        let undo = apply(
            &mut plan,
            Command::Dismiss {
                key: key.clone(),
                dismissed: true,
            },
        )
        .unwrap();
        assert!(plan.dismissed.contains(&key));
        let saved = crate::store::encode(&plan).unwrap();
        let loaded = crate::store::decode(&saved).unwrap();
        assert!(loaded.dismissed.contains(&key));
        apply(&mut plan, undo).unwrap();
        assert!(plan.dismissed.is_empty());
        assert_eq!(plan, example_plan());
    }

    #[test]
    fn scoring_rule_and_thresholds_are_undoable_edits_and_bad_margins_are_refused() {
        let mut plan = example_plan();
        let undo = apply(
            &mut plan,
            Command::SetScoring {
                rule: ScoringRule::Pace,
                pace_margin: 0.2,
            },
        )
        .unwrap();
        assert_eq!((plan.scoring, plan.pace_margin), (ScoringRule::Pace, 0.2));
        let saved = crate::store::decode(&crate::store::encode(&plan).unwrap()).unwrap();
        assert_eq!((saved.scoring, saved.pace_margin), (ScoringRule::Pace, 0.2));
        for bad in [0.0, 0.6, f64::NAN] {
            let refused = apply(
                &mut plan,
                Command::SetScoring {
                    rule: ScoringRule::Linear,
                    pace_margin: bad,
                },
            );
            assert!(matches!(refused, Err(CommandError::BadMargin(_))));
        }
        apply(&mut plan, undo).unwrap();
        assert_eq!(plan, example_plan());
        let k = first_kr(&plan);
        let undo = apply(
            &mut plan,
            Command::EditKeyResult {
                id: k,
                edit: KeyResultEdit::Commit(Some(480.0)),
            },
        )
        .unwrap();
        assert_eq!(plan.key_result(k).unwrap().1.commit, Some(480.0));
        assert!(apply(
            &mut plan,
            Command::EditKeyResult {
                id: k,
                edit: KeyResultEdit::Stretch(Some(f64::INFINITY)),
            }
        )
        .is_err());
        apply(&mut plan, undo).unwrap();
        assert_eq!(plan, example_plan());
    }

    #[test]
    fn a_milestones_current_ticks_steps_its_range_is_refused_and_undo_restores_them() {
        let mut plan = example_plan();
        let k = first_kr(&plan);
        let kr = plan.key_result_mut(k).unwrap();
        kr.steps = ["Brief", "Draft", "Review", "Publish"]
            .iter()
            .map(|t| crate::model::Step {
                title: t.to_string(),
                done: *t == "Brief",
            })
            .collect();
        let before = plan.clone();
        let to_milestone = Command::EditKeyResult {
            id: k,
            edit: KeyResultEdit::Kind(Kind::Milestone),
        };
        let undo_kind = apply(&mut plan, to_milestone).unwrap();
        let kr = plan.key_result(k).unwrap().1;
        assert_eq!(
            (kr.start, kr.target, kr.current),
            (Some(0.0), Some(4.0), Some(1.0))
        );
        assert_eq!(crate::score::key_result_score(kr).value, 0.25);

        let three = Command::EditKeyResult {
            id: k,
            edit: KeyResultEdit::Current(Some(3.0)),
        };
        let undo_three = apply(&mut plan, three).unwrap();
        let kr = plan.key_result(k).unwrap().1;
        assert_eq!(kr.current, Some(3.0));
        assert!(kr.steps[..3].iter().all(|s| s.done) && !kr.steps[3].done);
        for edit in [
            KeyResultEdit::Target(Some(10.0)),
            KeyResultEdit::Start(Some(1.0)),
            KeyResultEdit::Current(Some(5.0)),
            KeyResultEdit::Current(Some(1.5)),
        ] {
            let refused = apply(&mut plan, Command::EditKeyResult { id: k, edit });
            assert!(
                matches!(
                    refused,
                    Err(CommandError::Milestone(_) | CommandError::StepsDone(_))
                ),
                "{refused:?}"
            );
        }
        apply(&mut plan, undo_three).unwrap();
        apply(&mut plan, undo_kind).unwrap();
        assert_eq!(plan, before);
    }

    fn first_kr(plan: &Plan) -> Id {
        plan.objectives[0].key_results[0].id
    }

    #[test]
    fn a_batch_applies_whole_or_not_at_all_and_undoes_in_one_step() {
        let original = example_plan();
        let k = first_kr(&original);
        let o2 = original.objectives[1].id;
        let mut plan = original.clone();
        let batch = Command::Batch(vec![
            Command::EditKeyResult {
                id: k,
                edit: KeyResultEdit::Current(Some(1.0)),
            },
            Command::MoveKeyResult {
                id: k,
                objective: o2,
                index: 0,
            },
            Command::MoveObjective { id: o2, index: 0 },
        ]);
        let inverse = apply(&mut plan, batch).unwrap();
        assert_eq!(plan.objectives[0].id, o2);
        assert_eq!(plan.objectives[0].key_results[0].id, k);
        assert_eq!(plan.objectives[0].key_results[0].current, Some(1.0));
        apply(&mut plan, inverse).unwrap();
        assert_eq!(plan, original);

        // The third command fails: the first two are taken back.
        let refused = Command::Batch(vec![
            Command::EditKeyResult {
                id: k,
                edit: KeyResultEdit::Current(Some(1.0)),
            },
            Command::MoveObjective { id: o2, index: 0 },
            Command::EditKeyResult {
                id: k,
                edit: KeyResultEdit::Weight(-1.0),
            },
        ]);
        assert_eq!(apply(&mut plan, refused), Err(CommandError::NegativeWeight));
        assert_eq!(plan, original);
    }

    #[test]
    fn applying_the_inverse_restores_the_plan() {
        let original = example_plan();
        let o = original.objectives[0].id;
        let k = first_kr(&original);
        let mut scratch = original.clone();
        let new_obj = scratch.new_objective("New");
        let new_kr = scratch.new_key_result("New KR");
        let commands = vec![
            Command::RenamePlan("Renamed".into()),
            Command::EditObjective {
                id: o,
                edit: ObjectiveEdit::Title("T".into()),
            },
            Command::EditObjective {
                id: o,
                edit: ObjectiveEdit::Weight(2.5),
            },
            Command::EditKeyResult {
                id: k,
                edit: KeyResultEdit::Current(Some(-3.25)),
            },
            Command::EditKeyResult {
                id: k,
                edit: KeyResultEdit::Kind(Kind::Binary),
            },
            Command::EditKeyResult {
                id: k,
                edit: KeyResultEdit::ScoreOverride(Some(0.6)),
            },
            Command::InsertObjective {
                index: 1,
                objective: new_obj,
            },
            Command::InsertKeyResult {
                objective: o,
                index: 0,
                key_result: new_kr,
            },
            Command::RemoveKeyResult { id: k },
            Command::RemoveObjective { id: o },
            Command::ReplacePlan(Box::new(Plan::new("Empty"))),
        ];
        for command in commands {
            let mut plan = original.clone();
            let inverse = apply(&mut plan, command.clone()).expect("applies");
            assert_ne!(plan, original, "{command:?} changed nothing");
            apply(&mut plan, inverse).expect("inverse applies");
            // next_id may have moved forward (ids are never reused); compare the content.
            assert_eq!(
                serde_json::to_value(&plan.objectives).unwrap(),
                serde_json::to_value(&original.objectives).unwrap(),
                "{command:?}"
            );
            assert_eq!(plan.name, original.name);
        }
    }

    #[test]
    fn refused_commands_leave_the_plan_unchanged() {
        let original = example_plan();
        let k = first_kr(&original);
        let o = original.objectives[0].id;
        let refused = vec![
            (
                Command::EditKeyResult {
                    id: k,
                    edit: KeyResultEdit::Current(Some(f64::NAN)),
                },
                CommandError::NotFinite("Current"),
            ),
            (
                Command::EditKeyResult {
                    id: k,
                    edit: KeyResultEdit::Weight(-1.0),
                },
                CommandError::NegativeWeight,
            ),
            (
                Command::EditKeyResult {
                    id: k,
                    edit: KeyResultEdit::ScoreOverride(Some(1.5)),
                },
                CommandError::GradeOutOfRange(1.5),
            ),
            (
                Command::EditKeyResult {
                    id: Id(9999),
                    edit: KeyResultEdit::Title("x".into()),
                },
                CommandError::UnknownKeyResult(Id(9999)),
            ),
            (
                Command::RemoveObjective { id: Id(9999) },
                CommandError::UnknownObjective(Id(9999)),
            ),
            (
                Command::InsertObjective {
                    index: 0,
                    objective: original.objectives[0].clone(),
                },
                CommandError::DuplicateId(o),
            ),
        ];
        for (command, expected) in refused {
            let mut plan = original.clone();
            assert_eq!(apply(&mut plan, command), Err(expected));
            assert_eq!(plan, original);
        }
    }

    #[test]
    fn changing_kind_to_binary_sets_zero_to_one_and_keeps_a_valid_current() {
        let mut plan = example_plan();
        let k = first_kr(&plan);
        apply(
            &mut plan,
            Command::EditKeyResult {
                id: k,
                edit: KeyResultEdit::Current(Some(1.0)),
            },
        )
        .unwrap();
        apply(
            &mut plan,
            Command::EditKeyResult {
                id: k,
                edit: KeyResultEdit::Kind(Kind::Binary),
            },
        )
        .unwrap();
        let (_, kr) = plan.key_result(k).unwrap();
        assert_eq!(
            (kr.kind, kr.start, kr.target, kr.current),
            (Kind::Binary, Some(0.0), Some(1.0), Some(1.0))
        );
    }

    #[test]
    fn insert_index_past_the_end_appends() {
        let mut plan = example_plan();
        let o = plan.new_objective("Last");
        let id = o.id;
        apply(
            &mut plan,
            Command::InsertObjective {
                index: 99,
                objective: o,
            },
        )
        .unwrap();
        assert_eq!(plan.objectives.last().unwrap().id, id);
    }

    #[test]
    fn removing_a_key_result_remembers_its_place() {
        let mut plan = example_plan();
        let o = &plan.objectives[0];
        let second = o.key_results[1].id;
        let inverse = apply(&mut plan, Command::RemoveKeyResult { id: second }).unwrap();
        assert_eq!(
            inverse,
            Command::InsertKeyResult {
                objective: plan.objectives[0].id,
                index: 1,
                key_result: example_plan().objectives[0].key_results[1].clone(),
            }
        );
    }

    #[test]
    fn alignment_is_undoable_and_cycles_are_refused() {
        let mut plan = example_plan();
        let [a, b, c] = [0, 1, 2].map(|i| plan.objectives[i].id);
        let align = |plan: &mut Plan, id, to| {
            apply(
                plan,
                Command::EditObjective {
                    id,
                    edit: ObjectiveEdit::AlignedTo(to),
                },
            )
        };
        // b and c under a; a under c would close a loop, a under itself too.
        let inverse = align(&mut plan, b, Some(a)).unwrap();
        align(&mut plan, c, Some(b)).unwrap();
        assert_eq!(
            align(&mut plan, a, Some(c)),
            Err(CommandError::AlignmentCycle)
        );
        assert_eq!(
            align(&mut plan, a, Some(a)),
            Err(CommandError::AlignmentCycle)
        );
        assert!(matches!(
            align(&mut plan, a, Some(Id(9999))),
            Err(CommandError::UnknownObjective(_))
        ));
        assert_eq!(plan.objectives[0].aligned_to, None);
        apply(
            &mut plan,
            Command::EditObjective {
                id: c,
                edit: ObjectiveEdit::AlignedTo(None),
            },
        )
        .unwrap();
        apply(&mut plan, inverse).unwrap();
        assert_eq!(plan.objectives[1].aligned_to, None);
        // A loop already in stored data does not hang the check.
        plan.objectives[0].aligned_to = Some(b);
        plan.objectives[1].aligned_to = Some(a);
        assert_eq!(
            align(&mut plan, c, Some(a)),
            Err(CommandError::AlignmentCycle)
        );
    }

    #[test]
    fn commitment_confidence_and_periods() {
        let mut plan = example_plan();
        let o = plan.objectives[0].id;
        let k = plan.objectives[0].key_results[0].id;
        apply(
            &mut plan,
            Command::EditObjective {
                id: o,
                edit: ObjectiveEdit::Commitment(Commitment::Committed),
            },
        )
        .unwrap();
        assert_eq!(plan.objectives[0].commitment, Commitment::Committed);
        let conf = |c| Command::EditKeyResult {
            id: k,
            edit: KeyResultEdit::Confidence(c),
        };
        assert_eq!(
            apply(&mut plan, conf(Some(11))),
            Err(CommandError::ConfidenceOutOfRange(11))
        );
        let inverse = apply(&mut plan, conf(Some(6))).unwrap();
        assert_eq!(plan.objectives[0].key_results[0].confidence, Some(6));
        apply(&mut plan, inverse).unwrap();
        assert_eq!(plan.objectives[0].key_results[0].confidence, None);

        let year = Period::year_with_quarters(2026);
        let inverse = apply(&mut plan, Command::SetPeriods(year.clone())).unwrap();
        assert_eq!(plan.periods, year);
        assert!(plan.period("q2 2026").is_some());
        let mut twice = year.clone();
        twice.push(year[1].clone());
        assert!(matches!(
            apply(&mut plan, Command::SetPeriods(twice)),
            Err(CommandError::PeriodEndsBeforeStart(_) | CommandError::PeriodNameTaken(_))
        ));
        let mut backwards = year[1].clone();
        std::mem::swap(&mut backwards.start, &mut backwards.end);
        assert!(apply(&mut plan, Command::SetPeriods(vec![backwards])).is_err());
        apply(&mut plan, inverse).unwrap();
        assert_eq!(plan.periods, example_plan().periods);
    }

    #[test]
    fn initiatives_are_set_undone_and_never_reuse_an_id() {
        let mut plan = example_plan();
        let o = plan.objectives[0].id;
        let k = plan.objectives[0].key_results[0].id;
        let fresh = plan.allocate_id();
        let task = |id, title: &str| Initiative {
            id,
            title: title.into(),
            done: false,
        };
        let inverse = apply(
            &mut plan,
            Command::SetInitiatives {
                of: k,
                initiatives: vec![task(fresh, "Run a webinar")],
            },
        )
        .unwrap();
        assert_eq!(plan.objectives[0].key_results[0].initiatives.len(), 1);
        // An id already in use (here the objective's) is refused, as is a repeated one.
        let taken = Command::SetInitiatives {
            of: o,
            initiatives: vec![task(o, "x")],
        };
        assert_eq!(apply(&mut plan, taken), Err(CommandError::DuplicateId(o)));
        let twice = Command::SetInitiatives {
            of: o,
            initiatives: vec![task(fresh, "a"), task(fresh, "b")],
        };
        assert!(apply(&mut plan, twice).is_err());
        assert!(plan.ids_are_unique());
        // Removing the objective and undoing brings the initiatives back, ids kept.
        let back = apply(&mut plan, Command::RemoveObjective { id: o }).unwrap();
        apply(&mut plan, back).unwrap();
        assert_eq!(plan.objectives[0].key_results[0].initiatives[0].id, fresh);
        apply(&mut plan, inverse).unwrap();
        assert!(plan.objectives[0].key_results[0].initiatives.is_empty());
        assert!(plan.may_contain(fresh), "the id is never handed out again");
    }
}
