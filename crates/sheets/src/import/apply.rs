//! Turning a confirmed preview into one undoable command: replace the current plan, or add
//! the imported objectives to it (as a team or period of their own).

use super::layout::Preview;
use okr_core::command::Command;
use okr_core::model::Plan;

#[derive(Clone, Debug, PartialEq)]
pub enum Mode {
    /// Open the import as a plan of its own (the default: nothing is replaced).
    New,
    Replace,
    /// Add to the current plan; a non-empty team or period is given to every imported
    /// objective, so the import shows up as its own team or period.
    Add {
        team: String,
        period: String,
    },
}

/// The command that applies `preview` to `current`. It is a whole-plan swap, so undo brings
/// the plan back exactly, whatever the mode.
pub fn command(current: &Plan, preview: &Preview, mode: &Mode) -> Command {
    match mode {
        Mode::New | Mode::Replace => Command::ReplacePlan(Box::new(new_plan(preview))),
        Mode::Add { team, period } => {
            let mut plan = current.clone();
            plan.is_example = false;
            let mut new_ids = std::collections::HashMap::new();
            let first_new = plan.objectives.len();
            for imported in &preview.plan.objectives {
                // Fresh ids from the receiving plan: the preview's may collide with its own.
                let mut objective = imported.clone();
                objective.id = plan.allocate_id();
                new_ids.insert(imported.id, objective.id);
                for kr in &mut objective.key_results {
                    kr.id = plan.allocate_id();
                }
                if !team.trim().is_empty() {
                    objective.team = team.trim().to_string();
                }
                if !period.trim().is_empty() {
                    objective.period = period.trim().to_string();
                }
                plan.objectives.push(objective);
            }
            // Alignments among the imported objectives follow their new ids.
            for o in &mut plan.objectives[first_new..] {
                o.aligned_to = o.aligned_to.and_then(|a| new_ids.get(&a).copied());
            }
            for p in &preview.plan.periods {
                if plan.period(&p.name).is_none() {
                    plan.periods.push(p.clone());
                }
            }
            okr_core::period::date_named_periods(&mut plan);
            Command::ReplacePlan(Box::new(plan))
        }
    }
}

/// The imported plan on its own (mode New, or what Replace puts in place).
pub fn new_plan(preview: &Preview) -> Plan {
    let mut plan = preview.plan.clone();
    plan.is_example = false;
    okr_core::period::date_named_periods(&mut plan);
    plan
}

impl Mode {
    /// The value of the mode's option in the preview (`data-testid="import-mode"`).
    pub fn value(&self) -> &'static str {
        match self {
            Mode::New => "new",
            Mode::Replace => "replace",
            Mode::Add { .. } => "add",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{interpret, read, Choices};
    use okr_core::example::example_plan;
    use okr_core::history::Document;

    fn preview() -> Preview {
        let csv =
            "Objective,Key result,Start,Target,Current\nGrow,Leads,1,2,1.5\nGrow,Deals,0,4,1\n";
        interpret(
            &read(csv.as_bytes(), "sales.csv").unwrap(),
            &Choices::default(),
        )
    }

    #[test]
    fn replace_swaps_the_plan_in_one_undoable_step() {
        let mut doc = Document::new(example_plan());
        let before = doc.plan().clone();
        let p = preview();
        doc.execute(command(doc.plan(), &p, &Mode::Replace))
            .unwrap();
        assert_eq!(doc.plan().objectives, p.plan.objectives);
        assert_eq!(doc.plan().name, "sales");
        assert!(!doc.plan().is_example);
        assert!(doc.undo());
        assert_eq!(doc.plan(), &before);
    }

    #[test]
    fn add_appends_with_fresh_ids_and_the_given_team() {
        let mut doc = Document::new(example_plan());
        let p = preview();
        let mode = Mode::Add {
            team: "Sales".into(),
            period: "".into(),
        };
        doc.execute(command(doc.plan(), &p, &mode)).unwrap();
        let plan = doc.plan();
        assert_eq!(plan.objectives.len(), 4);
        let added = plan.objectives.last().unwrap();
        assert_eq!(
            (added.title.as_str(), added.team.as_str()),
            ("Grow", "Sales")
        );
        assert!(plan.ids_are_unique());
        assert!(doc.undo());
        assert_eq!(doc.plan().objectives.len(), 3);
    }
}
