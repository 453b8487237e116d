//! A plan with its undo/redo history. All edits go through `Document::execute`.

use crate::command::{apply, Command, CommandError};
use crate::model::{Id, Plan};

/// How many steps undo reaches back.
pub(crate) const HISTORY_LIMIT: usize = 200;

#[derive(Clone, Debug)]
pub struct Document {
    plan: Plan,
    undo: Vec<Command>,
    redo: Vec<Command>,
    /// Bumped on every change (execute, undo, redo) so the shell knows when to save.
    revision: u64,
    /// A shared plan shown read-only: every command is refused.
    read_only: bool,
}

impl Document {
    pub fn new(plan: Plan) -> Self {
        Document {
            plan,
            undo: Vec::new(),
            redo: Vec::new(),
            revision: 0,
            read_only: false,
        }
    }

    /// A document whose commands are all refused (`CommandError::ReadOnly`).
    pub fn read_only(plan: Plan) -> Self {
        Document {
            read_only: true,
            ..Document::new(plan)
        }
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    #[cfg(test)]
    /// Makes a read-only document editable (its plan saved as the user's own).
    pub(crate) fn make_editable(&mut self) {
        self.read_only = false;
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Applies a command as one undoable step; a refused command changes nothing.
    pub fn execute(&mut self, command: Command) -> Result<(), CommandError> {
        if self.read_only {
            return Err(CommandError::ReadOnly);
        }
        let inverse = apply(&mut self.plan, command)?;
        self.undo.push(inverse);
        if self.undo.len() > HISTORY_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
        self.revision += 1;
        Ok(())
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Undoes the last step; false when there is nothing to undo.
    pub fn undo(&mut self) -> bool {
        Self::step(
            &mut self.plan,
            &mut self.undo,
            &mut self.redo,
            &mut self.revision,
        )
    }

    /// Redoes the last undone step; false when there is nothing to redo.
    pub fn redo(&mut self) -> bool {
        Self::step(
            &mut self.plan,
            &mut self.redo,
            &mut self.undo,
            &mut self.revision,
        )
    }

    fn step(
        plan: &mut Plan,
        from: &mut Vec<Command>,
        to: &mut Vec<Command>,
        revision: &mut u64,
    ) -> bool {
        let Some(command) = from.pop() else {
            return false;
        };
        match apply(plan, command.clone()) {
            Ok(inverse) => {
                to.push(inverse);
                *revision += 1;
                true
            }
            Err(_) => {
                // Cannot happen for inverses produced by `apply`; if it ever does, drop the
                // broken history rather than leave a step that fails forever.
                from.clear();
                false
            }
        }
    }

    /// Takes a plan that was changed outside this document (in another tab). The history
    /// refers to the old plan, so it is cleared; the revision moves on so views refresh.
    /// A reset document is editable: it holds one of the user's own plans.
    pub fn reset(&mut self, plan: Plan) {
        self.plan = plan;
        self.read_only = false;
        self.undo.clear();
        self.redo.clear();
        self.revision += 1;
    }

    /// Takes a plan to show read-only (it holds what this build would drop on saving).
    pub fn reset_read_only(&mut self, plan: Plan) {
        self.reset(plan);
        self.read_only = true;
    }

    /// A fresh id for a row a command is about to insert (never handed out twice).
    pub fn allocate_id(&mut self) -> Id {
        self.plan.allocate_id()
    }

    /// Adds an empty objective at the end; returns its id.
    pub fn add_objective(&mut self, title: &str) -> Result<Id, CommandError> {
        if self.read_only {
            return Err(CommandError::ReadOnly);
        }
        let objective = self.plan.new_objective(title);
        let id = objective.id;
        let index = self.plan.objectives.len();
        self.execute(Command::InsertObjective { index, objective })?;
        Ok(id)
    }

    /// Adds an empty number key result at the end of an objective; returns its id.
    pub fn add_key_result(&mut self, objective: Id, title: &str) -> Result<Id, CommandError> {
        let index = self
            .plan
            .objective(objective)
            .ok_or(CommandError::UnknownObjective(objective))?
            .key_results
            .len();
        if self.read_only {
            return Err(CommandError::ReadOnly);
        }
        let key_result = self.plan.new_key_result(title);
        let id = key_result.id;
        self.execute(Command::InsertKeyResult {
            objective,
            index,
            key_result,
        })?;
        Ok(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::KeyResultEdit;
    use crate::example::example_plan;

    #[test]
    fn undo_and_redo_walk_the_history() {
        let mut doc = Document::new(example_plan());
        let original = doc.plan().clone();
        let o = doc.add_objective("Ship it").unwrap();
        let k = doc.add_key_result(o, "Ship 3 things").unwrap();
        doc.execute(Command::EditKeyResult {
            id: k,
            edit: KeyResultEdit::Current(Some(2.0)),
        })
        .unwrap();
        let edited = doc.plan().clone();

        assert!(doc.undo() && doc.undo() && doc.undo());
        assert!(!doc.undo());
        assert_eq!(doc.plan().objectives, original.objectives);

        assert!(doc.redo() && doc.redo() && doc.redo());
        assert!(!doc.redo());
        assert_eq!(doc.plan().objectives, edited.objectives);
    }

    #[test]
    fn a_new_edit_clears_redo() {
        let mut doc = Document::new(example_plan());
        doc.add_objective("a").unwrap();
        doc.undo();
        assert!(doc.can_redo());
        doc.add_objective("b").unwrap();
        assert!(!doc.can_redo());
    }

    #[test]
    fn deleting_an_objective_can_be_undone_with_its_key_results() {
        let mut doc = Document::new(example_plan());
        let before = doc.plan().objectives.clone();
        let o = before[1].id;
        doc.execute(Command::RemoveObjective { id: o }).unwrap();
        assert_eq!(doc.plan().objectives.len(), before.len() - 1);
        doc.undo();
        assert_eq!(doc.plan().objectives, before);
    }

    #[test]
    fn refused_command_is_not_recorded() {
        let mut doc = Document::new(example_plan());
        let rev = doc.revision();
        assert!(doc
            .execute(Command::RemoveObjective { id: Id(123456) })
            .is_err());
        assert!(!doc.can_undo());
        assert_eq!(doc.revision(), rev);
    }

    #[test]
    fn history_keeps_at_least_one_hundred_steps_and_is_bounded() {
        let mut doc = Document::new(example_plan());
        for i in 0..(HISTORY_LIMIT + 50) {
            doc.execute(Command::RenamePlan(format!("name {i}")))
                .unwrap();
        }
        let mut undone = 0;
        while doc.undo() {
            undone += 1;
        }
        assert!(undone >= 100);
        assert_eq!(undone, HISTORY_LIMIT);
    }

    #[test]
    fn a_read_only_document_refuses_every_command_until_made_editable() {
        let plan = example_plan();
        let mut doc = Document::read_only(plan.clone());
        assert!(doc.is_read_only());
        assert_eq!(
            doc.execute(Command::RenamePlan("x".into())),
            Err(CommandError::ReadOnly)
        );
        assert!(doc.add_objective("New").is_err());
        assert_eq!(doc.plan(), &plan);
        assert_eq!(doc.revision(), 0);
        assert!(!doc.undo());
        doc.make_editable();
        assert!(doc.execute(Command::RenamePlan("x".into())).is_ok());
        let mut shared = Document::read_only(plan.clone());
        shared.reset(plan);
        assert!(!shared.is_read_only());
    }

    #[test]
    fn reset_takes_the_new_plan_and_clears_history() {
        let mut doc = Document::new(example_plan());
        doc.add_objective("a").unwrap();
        doc.undo();
        let rev = doc.revision();
        let other = Plan::new("From another tab");
        doc.reset(other.clone());
        assert_eq!(doc.plan(), &other);
        assert!(!doc.can_undo() && !doc.can_redo());
        assert!(doc.revision() > rev);
    }

    #[test]
    fn revision_changes_on_every_step() {
        let mut doc = Document::new(example_plan());
        let r0 = doc.revision();
        doc.add_objective("a").unwrap();
        let r1 = doc.revision();
        doc.undo();
        let r2 = doc.revision();
        doc.redo();
        assert!(r0 < r1 && r1 < r2 && r2 < doc.revision());
    }
}
