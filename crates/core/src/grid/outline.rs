//! Row structure from the grid: insert a row above or below, delete the selected rows, and
//! turn a key result into an objective and back (outdent / indent). Each is one command, so
//! one undo takes it back.

use super::{Cell, Column, GridState, RowRef};
use crate::command::{Command, CommandError};
use crate::history::Document;
use crate::model::{KeyResult, Kind, Objective};

/// What a row action did, or why it did nothing, for the message under the toolbar.
pub type Outcome = Result<RowDone, RowRefused>;

/// A row action that was done. The shell says it in the interface language; `Display` is the
/// English sentence.
#[derive(Clone, Debug, PartialEq)]
pub enum RowDone {
    Inserted {
        objective: bool,
    },
    Deleted {
        objectives: usize,
        key_results: usize,
    },
    /// Outdent; `dropped` when the key result's values and check-ins could not come along.
    Outdented {
        dropped: bool,
    },
    /// Indent under the objective titled `under`, taking `moved` key results along.
    Indented {
        under: String,
        moved: usize,
    },
}

/// Why a row action did nothing.
#[derive(Clone, Debug, PartialEq)]
pub enum RowRefused {
    StillEditing,
    SelectRow,
    SelectKeyResult,
    SelectObjective,
    NothingToDelete,
    AlreadyObjective,
    AlreadyKeyResult,
    FirstObjective,
    RowGone,
    Command(CommandError),
}

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

impl std::fmt::Display for RowDone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RowDone::Inserted { objective: true } => write!(f, "Inserted an objective."),
            RowDone::Inserted { objective: false } => write!(f, "Inserted a key result."),
            RowDone::Deleted {
                objectives,
                key_results,
            } => {
                let o = count(*objectives, "objective", "objectives");
                let k = count(*key_results, "key result", "key results");
                match (objectives, key_results) {
                    (0, _) => write!(f, "Deleted {k}."),
                    (_, 0) => write!(f, "Deleted {o}."),
                    _ => write!(f, "Deleted {o} and {k}."),
                }
            }
            RowDone::Outdented { dropped: true } => write!(
                f,
                "Turned the key result into an objective; its values and check-ins were \
                 dropped (Undo brings them back)."
            ),
            RowDone::Outdented { dropped: false } => {
                write!(f, "Turned the key result into an objective.")
            }
            RowDone::Indented { under, moved: 0 } => {
                write!(f, "Turned the objective into a key result of “{under}”.")
            }
            RowDone::Indented { under, moved } => write!(
                f,
                "Turned the objective into a key result of “{under}”, with its {}.",
                count(*moved, "key result", "key results")
            ),
        }
    }
}

impl std::fmt::Display for RowRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            RowRefused::StillEditing => "Finish or cancel the edit first.",
            RowRefused::SelectRow => "Select a row first.",
            RowRefused::SelectKeyResult => "Select a key result first.",
            RowRefused::SelectObjective => "Select an objective first.",
            RowRefused::NothingToDelete => "Nothing to delete.",
            RowRefused::AlreadyObjective => "This row is already an objective.",
            RowRefused::AlreadyKeyResult => "This row is already a key result.",
            RowRefused::FirstObjective => {
                "The first objective has no objective above it to go under."
            }
            RowRefused::RowGone => "The row is gone.",
            RowRefused::Command(e) => return e.fmt(f),
        })
    }
}

impl From<CommandError> for RowRefused {
    fn from(e: CommandError) -> Self {
        RowRefused::Command(e)
    }
}

/// The title column of a row kind.
fn title_col(row: RowRef) -> Column {
    match row {
        RowRef::Objective(_) => Column::Objective,
        RowRef::KeyResult(_) => Column::KeyResult,
    }
}

/// The same column on a row of the other kind: a title stays a title.
fn matching_col(col: Column, to: RowRef) -> Column {
    match col {
        Column::Objective | Column::KeyResult => title_col(to),
        other => other,
    }
}

impl GridState {
    /// Inserts an empty row next to the active one and opens its title for typing. Above an
    /// objective: a new objective (same team and period); below it: its first key result.
    /// Next to a key result: a key result of the same objective. In an empty plan: an
    /// objective.
    pub fn insert_row(&mut self, doc: &mut Document, below: bool) -> Outcome {
        if !self.commit(doc) {
            return Err(RowRefused::StillEditing);
        }
        let active = self.active.map(|c| c.row);
        let fresh = doc.allocate_id();
        let plan = doc.plan();
        let (command, row) = match active {
            None if !plan.objectives.is_empty() => {
                return Err(RowRefused::SelectRow);
            }
            None => {
                let o = Objective::empty(fresh, self.locale.new_title(true));
                let row = RowRef::Objective(o.id);
                (
                    Command::InsertObjective {
                        index: 0,
                        objective: o,
                    },
                    row,
                )
            }
            Some(RowRef::Objective(id)) => {
                let oi = plan.objective_index(id).ok_or(RowRefused::RowGone)?;
                if below {
                    let k = KeyResult::empty(fresh, self.locale.new_title(false));
                    let row = RowRef::KeyResult(k.id);
                    (
                        Command::InsertKeyResult {
                            objective: id,
                            index: 0,
                            key_result: k,
                        },
                        row,
                    )
                } else {
                    let mut o = Objective::empty(fresh, self.locale.new_title(true));
                    o.team = plan.objectives[oi].team.clone();
                    o.period = plan.objectives[oi].period.clone();
                    let row = RowRef::Objective(o.id);
                    (
                        Command::InsertObjective {
                            index: oi,
                            objective: o,
                        },
                        row,
                    )
                }
            }
            Some(RowRef::KeyResult(id)) => {
                let (oi, ki) = plan.key_result_position(id).ok_or(RowRefused::RowGone)?;
                let k = KeyResult::empty(fresh, self.locale.new_title(false));
                let row = RowRef::KeyResult(k.id);
                (
                    Command::InsertKeyResult {
                        objective: plan.objectives[oi].id,
                        index: ki + usize::from(below),
                        key_result: k,
                    },
                    row,
                )
            }
        };
        doc.execute(command)?;
        self.select(
            doc.plan(),
            Cell {
                row,
                col: title_col(row),
            },
        );
        self.begin_edit(doc.plan(), None);
        Ok(RowDone::Inserted {
            objective: matches!(row, RowRef::Objective(_)),
        })
    }

    /// Deletes every row the selection touches (an objective with its key results), as one
    /// undo step.
    pub fn delete_rows(&mut self, doc: &mut Document) -> Outcome {
        self.cancel();
        let plan = doc.plan();
        let Some(sel) = self.selection(plan) else {
            return Err(RowRefused::SelectRow);
        };
        let shown = self.shown(plan);
        let chosen: Vec<RowRef> = sel.rows().filter_map(|r| shown.get(r).copied()).collect();
        let objectives: std::collections::HashSet<_> = chosen
            .iter()
            .filter_map(|r| match r {
                RowRef::Objective(id) => Some(*id),
                RowRef::KeyResult(_) => None,
            })
            .collect();
        let mut commands = Vec::new();
        let (mut n_obj, mut n_kr) = (0, 0);
        for row in &chosen {
            match *row {
                RowRef::Objective(id) => {
                    n_obj += 1;
                    commands.push(Command::RemoveObjective { id });
                }
                RowRef::KeyResult(id) => {
                    let parent_goes = plan
                        .key_result(id)
                        .is_some_and(|(o, _)| objectives.contains(&o.id));
                    if !parent_goes {
                        n_kr += 1;
                        commands.push(Command::RemoveKeyResult { id });
                    }
                }
            }
        }
        if commands.is_empty() {
            return Err(RowRefused::NothingToDelete);
        }
        self.anchor = None;
        doc.execute(Command::Batch(commands))?;
        self.settle(doc.plan());
        Ok(RowDone::Deleted {
            objectives: n_obj,
            key_results: n_kr,
        })
    }

    /// Outdent: the active key result becomes an objective right after its own, taking the
    /// key results below it along (as in an outline). Title, owner and weight carry over;
    /// the team and period are its objective's.
    pub fn outdent(&mut self, doc: &mut Document) -> Outcome {
        if !self.commit(doc) {
            return Err(RowRefused::StillEditing);
        }
        let Some(cell) = self.active else {
            return Err(RowRefused::SelectKeyResult);
        };
        let RowRef::KeyResult(id) = cell.row else {
            return Err(RowRefused::AlreadyObjective);
        };
        let plan = doc.plan();
        let (oi, ki) = plan.key_result_position(id).ok_or(RowRefused::RowGone)?;
        let parent = &plan.objectives[oi];
        let k = &parent.key_results[ki];
        let tail: Vec<KeyResult> = parent.key_results[ki + 1..].to_vec();
        let mut commands: Vec<Command> = parent.key_results[ki..]
            .iter()
            .map(|k| Command::RemoveKeyResult { id: k.id })
            .collect();
        let dropped = has_values(k);
        commands.push(Command::InsertObjective {
            index: oi + 1,
            objective: Objective {
                id,
                title: k.title.clone(),
                owner: k.owner.clone(),
                team: parent.team.clone(),
                period: parent.period.clone(),
                weight: k.weight,
                key_results: tail,
                aligned_to: None,
                commitment: parent.commitment,
                initiatives: k.initiatives.clone(),
            },
        });
        doc.execute(Command::Batch(commands))?;
        let row = RowRef::Objective(id);
        self.anchor = None;
        self.place(
            doc.plan(),
            Cell {
                row,
                col: matching_col(cell.col, row),
            },
        );
        Ok(RowDone::Outdented { dropped })
    }

    /// Indent: the active objective becomes a key result of the objective above it, and its
    /// key results follow it there. Title, owner and weight carry over.
    pub fn indent(&mut self, doc: &mut Document) -> Outcome {
        if !self.commit(doc) {
            return Err(RowRefused::StillEditing);
        }
        let Some(cell) = self.active else {
            return Err(RowRefused::SelectObjective);
        };
        let RowRef::Objective(id) = cell.row else {
            return Err(RowRefused::AlreadyKeyResult);
        };
        let plan = doc.plan();
        let oi = plan.objective_index(id).ok_or(RowRefused::RowGone)?;
        if oi == 0 {
            return Err(RowRefused::FirstObjective);
        }
        let o = &plan.objectives[oi];
        let above = &plan.objectives[oi - 1];
        let at = above.key_results.len();
        let mut kr = KeyResult::empty(id, &o.title);
        kr.owner = o.owner.clone();
        kr.weight = o.weight;
        kr.initiatives = o.initiatives.clone();
        let mut commands = vec![
            Command::RemoveObjective { id },
            Command::InsertKeyResult {
                objective: above.id,
                index: at,
                key_result: kr,
            },
        ];
        commands.extend(
            o.key_results
                .iter()
                .enumerate()
                .map(|(j, k)| Command::InsertKeyResult {
                    objective: above.id,
                    index: at + 1 + j,
                    key_result: k.clone(),
                }),
        );
        let moved = o.key_results.len();
        let above_title = above.title.clone();
        doc.execute(Command::Batch(commands))?;
        let row = RowRef::KeyResult(id);
        self.anchor = None;
        self.place(
            doc.plan(),
            Cell {
                row,
                col: matching_col(cell.col, row),
            },
        );
        Ok(RowDone::Indented {
            under: above_title,
            moved,
        })
    }
}

/// True when a key result holds more than an objective row can (values, grade, link, notes,
/// check-ins, a kind other than number).
fn has_values(k: &KeyResult) -> bool {
    k.kind != Kind::Number
        || k.start.is_some()
        || k.target.is_some()
        || k.current.is_some()
        || k.score_override.is_some()
        || !k.link.is_empty()
        || !k.notes.is_empty()
        || !k.check_ins.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::example_plan;
    use crate::grid::rows;
    use crate::model::Plan;

    fn doc_with(objectives: &[(&str, &[&str])]) -> Document {
        let mut p = Plan::new("t");
        for (title, krs) in objectives {
            let mut o = p.new_objective(title);
            o.team = "Sales".into();
            for k in *krs {
                let kr = p.new_key_result(k);
                o.key_results.push(kr);
            }
            p.objectives.push(o);
        }
        Document::new(p)
    }

    fn outline(doc: &Document) -> Vec<String> {
        doc.plan()
            .objectives
            .iter()
            .flat_map(|o| {
                std::iter::once(o.title.clone())
                    .chain(o.key_results.iter().map(|k| format!("  {}", k.title)))
            })
            .collect()
    }

    fn at(doc: &Document, i: usize, col: Column) -> Cell {
        Cell {
            row: rows(doc.plan())[i],
            col,
        }
    }

    #[test]
    fn insert_above_and_below_a_key_result_and_an_objective() {
        let mut doc = doc_with(&[("A", &["a1", "a2"]), ("B", &["b1"])]);
        let mut g = GridState::default();
        g.select(doc.plan(), at(&doc, 2, Column::Owner));
        assert!(g.insert_row(&mut doc, true).is_ok());
        assert_eq!(
            outline(&doc),
            ["A", "  a1", "  a2", "  New key result", "B", "  b1"]
        );
        // The new row's title is open for typing; Enter stores it.
        g.input("a3".into());
        assert!(g.key(&mut doc, super::super::Key::Enter));
        assert_eq!(outline(&doc)[3], "  a3");
        g.select(doc.plan(), at(&doc, 1, Column::Start));
        g.insert_row(&mut doc, false).unwrap();
        g.cancel();
        assert_eq!(outline(&doc)[1], "  New key result");
        // Above an objective: an objective in the same team; below it: its first key result.
        let b = rows(doc.plan())
            .iter()
            .position(|r| *r == RowRef::Objective(doc.plan().objectives[1].id));
        g.select(doc.plan(), at(&doc, b.unwrap(), Column::Objective));
        g.insert_row(&mut doc, false).unwrap();
        g.cancel();
        assert_eq!(doc.plan().objectives[1].title, "New objective");
        assert_eq!(doc.plan().objectives[1].team, "Sales");
        g.insert_row(&mut doc, true).unwrap();
        g.cancel();
        assert_eq!(
            doc.plan().objectives[1].key_results[0].title,
            "New key result"
        );
        assert!(doc.plan().ids_are_unique());
        // Each insert is one undo step (and the typed title one more).
        for _ in 0..5 {
            assert!(doc.undo());
        }
        assert_eq!(outline(&doc), ["A", "  a1", "  a2", "B", "  b1"]);
    }

    #[test]
    fn insert_into_an_empty_plan_adds_an_objective() {
        let mut doc = doc_with(&[]);
        let mut g = GridState::default();
        g.insert_row(&mut doc, true).unwrap();
        assert_eq!(outline(&doc), ["New objective"]);
        assert!(g.editing.is_some());
    }

    #[test]
    fn outdent_makes_an_objective_that_takes_the_key_results_below() {
        let mut doc = doc_with(&[("A", &["a1", "a2", "a3"]), ("B", &["b1"])]);
        doc.execute(Command::EditKeyResult {
            id: doc.plan().objectives[0].key_results[1].id,
            edit: crate::command::KeyResultEdit::Target(Some(5.0)),
        })
        .unwrap();
        let before = doc.plan().clone();
        let mut g = GridState::default();
        g.select(doc.plan(), at(&doc, 2, Column::KeyResult));
        let said = g.outdent(&mut doc).unwrap().to_string();
        assert!(said.contains("dropped"), "{said}");
        assert_eq!(outline(&doc), ["A", "  a1", "a2", "  a3", "B", "  b1"]);
        let new = &doc.plan().objectives[1];
        assert_eq!(new.team, "Sales");
        assert_eq!(
            g.active,
            Some(Cell {
                row: RowRef::Objective(new.id),
                col: Column::Objective
            })
        );
        assert!(doc.plan().ids_are_unique());
        assert!(doc.undo());
        assert_eq!(*doc.plan(), before);
        assert!(g.outdent(&mut doc).is_err(), "the row is an objective now");
    }

    #[test]
    fn indent_puts_an_objective_and_its_key_results_under_the_one_above() {
        let mut doc = doc_with(&[("A", &["a1"]), ("B", &["b1", "b2"]), ("C", &[])]);
        let before = doc.plan().clone();
        let mut g = GridState::default();
        g.select(doc.plan(), at(&doc, 0, Column::Objective));
        assert!(g
            .indent(&mut doc)
            .unwrap_err()
            .to_string()
            .contains("first objective"));
        g.select(doc.plan(), at(&doc, 2, Column::Objective));
        let said = g.indent(&mut doc).unwrap().to_string();
        assert!(said.contains("with its 2 key results"), "{said}");
        assert_eq!(outline(&doc), ["A", "  a1", "  B", "  b1", "  b2", "C"]);
        assert_eq!(g.active.map(|c| c.col), Some(Column::KeyResult));
        assert!(g.indent(&mut doc).is_err(), "already a key result");
        // Outdent undoes the shape (not the data: it is a new objective row).
        g.outdent(&mut doc).unwrap();
        assert_eq!(outline(&doc), ["A", "  a1", "B", "  b1", "  b2", "C"]);
        assert!(doc.undo() && doc.undo());
        assert_eq!(*doc.plan(), before);
    }

    #[test]
    fn delete_rows_removes_the_selection_in_one_step() {
        let mut doc = doc_with(&[("A", &["a1", "a2"]), ("B", &["b1"]), ("C", &["c1"])]);
        let before = doc.plan().clone();
        let mut g = GridState::default();
        // From a2 down to b1: a2, objective B (with b1).
        g.select(doc.plan(), at(&doc, 2, Column::Owner));
        let to = at(&doc, 4, Column::Owner);
        g.extend_to(&mut doc, to);
        assert_eq!(
            g.delete_rows(&mut doc).unwrap().to_string(),
            "Deleted 1 objective and 1 key result."
        );
        assert_eq!(outline(&doc), ["A", "  a1", "C", "  c1"]);
        assert!(g.active.is_some());
        assert!(doc.undo());
        assert_eq!(*doc.plan(), before);
        let mut none = GridState::default();
        assert!(none.delete_rows(&mut doc).is_err());
    }

    #[test]
    fn row_actions_on_the_example_keep_ids_unique() {
        let mut doc = Document::new(example_plan());
        let mut g = GridState::default();
        for i in 0..rows(doc.plan()).len() {
            let n = rows(doc.plan()).len();
            g.select(doc.plan(), at(&doc, i % n, Column::Owner));
            let _ = g.outdent(&mut doc);
            let _ = g.indent(&mut doc);
            let _ = g.insert_row(&mut doc, i % 2 == 0);
            g.cancel();
            assert!(doc.plan().ids_are_unique());
        }
    }
}
