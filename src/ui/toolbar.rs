//! Buttons for what the keyboard does not cover yet: add and delete rows, undo, redo, new plan.

use leptos::prelude::*;

use super::{AppState, Message};
use crate::command::Command;
use crate::grid::{Cell, Column, GridState, RowRef};
use crate::history::Document;
use crate::model::{Id, Plan};

/// Adds an objective at the end and opens its title for typing.
pub fn add_objective(state: AppState) {
    state.edit(|d, g| {
        if let Ok(id) = d.add_objective("New objective") {
            open_title(d, g, RowRef::Objective(id), Column::Objective);
        }
    });
    state.message.set(None);
}

/// Adds a key result at the end of `objective` and opens its title for typing.
pub fn add_key_result(state: AppState, objective: Id) {
    state.edit(|d, g| {
        if let Ok(id) = d.add_key_result(objective, "New key result") {
            open_title(d, g, RowRef::KeyResult(id), Column::KeyResult);
        }
    });
    state.message.set(None);
}

fn open_title(d: &mut Document, g: &mut GridState, row: RowRef, col: Column) {
    if g.commit(d) {
        g.select(d.plan(), Cell { row, col });
        g.begin_edit(d.plan(), None);
    }
}

/// Deletes a row as one undoable step and says so, with an Undo button.
pub fn delete_row(state: AppState, row: RowRef) {
    let message = state.edit(|d, g| {
        if g.editing.as_ref().is_some_and(|e| e.cell.row == row) {
            g.cancel();
        }
        let (command, message) = match row {
            RowRef::Objective(id) => {
                let o = d.plan().objective(id)?;
                let n = o.key_results.len();
                let message = match n {
                    0 => format!("Deleted objective “{}”.", o.title),
                    1 => format!("Deleted objective “{}” and its key result.", o.title),
                    n => format!("Deleted objective “{}” and its {n} key results.", o.title),
                };
                (Command::RemoveObjective { id }, message)
            }
            RowRef::KeyResult(id) => {
                let (_, k) = d.plan().key_result(id)?;
                let message = format!("Deleted key result “{}”.", k.title);
                (Command::RemoveKeyResult { id }, message)
            }
        };
        d.execute(command).ok().map(|()| Message::undoable(message))
    });
    state.message.set(message);
}

/// Moves the active row up (-1) or down (1), as Alt+Shift+arrows do.
pub fn move_row(state: AppState, delta: isize) {
    state.edit(|d, g| g.commit(d) && g.move_row(d, delta));
    state.message.set(None);
}

/// Starts an empty plan (undoable).
pub fn new_plan(state: AppState) {
    let done = state.edit(|d, g| {
        g.cancel();
        g.active = None;
        d.execute(Command::ReplacePlan(Box::new(Plan::new("My plan"))))
            .is_ok()
    });
    if done {
        state.message.set(Some(Message::undoable(
            "Started a new, empty plan.".to_string(),
        )));
    }
}

/// The objective that "Add key result" adds to: the active row's, else the last one.
fn target_objective(plan: &Plan, g: &GridState) -> Option<Id> {
    let from_active = g.active.and_then(|cell| match cell.row {
        RowRef::Objective(id) => Some(id),
        RowRef::KeyResult(id) => plan.key_result(id).map(|(o, _)| o.id),
    });
    from_active.or_else(|| plan.objectives.last().map(|o| o.id))
}

#[component]
pub fn Toolbar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let can_undo = Memo::new(move |_| state.doc.with(Document::can_undo));
    let can_redo = Memo::new(move |_| state.doc.with(Document::can_redo));
    let kr_target = Memo::new(move |_| {
        state
            .doc
            .with(|d| state.grid.with(|g| target_objective(d.plan(), g)))
    });
    let active_row = Memo::new(move |_| state.grid.with(|g| g.active.map(|c| c.row)));
    view! {
        <div class="toolbar" role="toolbar" aria-label="Plan actions">
            <button type="button" on:click=move |_| add_objective(state)>"Add objective"</button>
            <button
                type="button"
                disabled=move || kr_target.get().is_none()
                on:click=move |_| {
                    if let Some(o) = kr_target.get_untracked() {
                        add_key_result(state, o);
                    }
                }
            >
                "Add key result"
            </button>
            <button
                type="button"
                disabled=move || active_row.get().is_none()
                on:click=move |_| {
                    if let Some(row) = active_row.get_untracked() {
                        delete_row(state, row);
                    }
                }
            >
                "Delete row"
            </button>
            <button
                type="button"
                aria-keyshortcuts="Alt+Shift+ArrowUp"
                title="Move the row up (Alt+Shift+↑)"
                disabled=move || active_row.get().is_none()
                on:click=move |_| move_row(state, -1)
            >
                "Move up"
            </button>
            <button
                type="button"
                aria-keyshortcuts="Alt+Shift+ArrowDown"
                title="Move the row down (Alt+Shift+↓)"
                disabled=move || active_row.get().is_none()
                on:click=move |_| move_row(state, 1)
            >
                "Move down"
            </button>
            <span class="toolbar-sep" aria-hidden="true"></span>
            <button
                type="button"
                aria-keyshortcuts="Control+Z"
                disabled=move || !can_undo.get()
                on:click=move |_| state.undo()
            >
                "Undo"
            </button>
            <button
                type="button"
                aria-keyshortcuts="Control+Y"
                disabled=move || !can_redo.get()
                on:click=move |_| state.redo()
            >
                "Redo"
            </button>
            <span class="toolbar-sep" aria-hidden="true"></span>
            <button type="button" on:click=move |_| new_plan(state)>"New plan"</button>
            <super::import_view::ImportButton import_state=state.import/>
            <super::export_view::ExportButtons/>
        </div>
    }
}
