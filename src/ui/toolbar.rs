//! The plan's buttons, for mouse users and for what has no key: add, insert, delete, move,
//! indent and outdent rows, undo, redo, new plan, import and export.

use leptos::prelude::*;

use super::i18n::{t, t_string, td_string, use_i18n};
use super::{translate, AppState, Message};
use okr_core::command::Command;
use okr_core::grid::{Cell, Column, GridState, Outcome, RowRef};
use okr_core::history::Document;
use okr_core::model::{Id, Plan};

/// Adds an objective at the end and opens its title for typing.
pub fn add_objective(state: AppState) {
    state.edit(|d, g| {
        if let Ok(id) = d.add_objective(g.locale.new_title(true)) {
            open_title(d, g, RowRef::Objective(id), Column::Objective);
        }
    });
    state.message.set(None);
}

/// Adds a key result at the end of `objective` and opens its title for typing.
pub fn add_key_result(state: AppState, objective: Id) {
    state.edit(|d, g| {
        if let Ok(id) = d.add_key_result(objective, g.locale.new_title(false)) {
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
pub(crate) fn delete_row(state: AppState, row: RowRef) {
    let l = state.locale();
    let message = state.edit(|d, g| {
        if g.editing.as_ref().is_some_and(|e| e.cell.row == row) {
            g.cancel();
        }
        let (command, message) = match row {
            RowRef::Objective(id) => {
                let o = d.plan().objective(id)?;
                let n = o.key_results.len();
                let title = o.title.clone();
                let message = match n {
                    0 => td_string!(l, deleted_objective, title).to_string(),
                    n => td_string!(l, deleted_objective_with, title, count = n).to_string(),
                };
                (Command::RemoveObjective { id }, message)
            }
            RowRef::KeyResult(id) => {
                let (_, k) = d.plan().key_result(id)?;
                let message =
                    td_string!(l, deleted_key_result, title = k.title.clone()).to_string();
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

/// The row actions the grid's keys and the toolbar share.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RowAction {
    InsertAbove,
    InsertBelow,
    Delete,
    Indent,
    Outdent,
}

/// Runs a row action on the active row (or the selected rows) and says what happened; a
/// refusal is said too, and changes nothing.
pub(crate) fn row_action(state: AppState, action: RowAction) {
    let outcome: Option<Outcome> = state.edit(|d, g| {
        let out = match action {
            RowAction::InsertAbove => g.insert_row(d, false),
            RowAction::InsertBelow => g.insert_row(d, true),
            RowAction::Delete => g.delete_rows(d),
            RowAction::Indent => g.indent(d),
            RowAction::Outdent => g.outdent(d),
        };
        Some(out)
    });
    let l = state.locale();
    state.message.set(match outcome {
        // Inserting opens the new title for typing: no message to read over it.
        Some(Ok(_)) if matches!(action, RowAction::InsertAbove | RowAction::InsertBelow) => None,
        Some(Ok(done)) => Some(Message::undoable(translate::row_done(l, &done))),
        None => None,
        Some(Err(why)) => Some(Message {
            text: translate::row_refused(l, &why),
            undoable: false,
        }),
    });
}

/// Folds every objective's key results away, or shows them all.
fn fold_all(state: AppState, fold: bool) {
    state
        .doc
        .with_untracked(|d| state.grid.update(|g| g.collapse_all(d.plan(), fold)));
}

/// Starts an empty plan (undoable).
pub fn new_plan(state: AppState) {
    let done = state.edit(|d, g| {
        g.cancel();
        g.active = None;
        let name = td_string!(g.locale, my_plan).to_string();
        d.execute(Command::ReplacePlan(Box::new(Plan::new(&name))))
            .is_ok()
    });
    if done {
        let text = td_string!(state.locale(), started_new_plan).to_string();
        state.message.set(Some(Message::undoable(text)));
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
pub(crate) fn Toolbar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let can_undo = Memo::new(move |_| state.doc.with(Document::can_undo));
    let can_redo = Memo::new(move |_| state.doc.with(Document::can_redo));
    let kr_target = Memo::new(move |_| {
        state
            .doc
            .with(|d| state.grid.with(|g| target_objective(d.plan(), g)))
    });
    let active_row = Memo::new(move |_| state.grid.with(|g| g.active.map(|c| c.row)));
    let i18n = use_i18n();
    view! {
        <div class="toolbar" role="toolbar" aria-label=move || t_string!(i18n, plan_actions).to_string()>
            // Editing the rows. Moves, indents and undo are icons: their names and shortcuts
            // are in their labels and tooltips.
            <div class="toolbar-group" role="group" aria-label=move || t_string!(i18n, edit_group).to_string()>
            <button type="button" disabled=move || state.read_only.get() on:click=move |_| add_objective(state)>{t!(i18n, add_objective)}</button>
            <button
                type="button"
                disabled=move || state.read_only.get() || kr_target.get().is_none()
                on:click=move |_| {
                    if let Some(o) = kr_target.get_untracked() {
                        add_key_result(state, o);
                    }
                }
            >
                {t!(i18n, add_key_result)}
            </button>
            <button
                type="button"
                aria-keyshortcuts="Control+Alt+="
                title=move || t_string!(i18n, insert_above_title).to_string()
                disabled=move || state.read_only.get()
                on:click=move |_| row_action(state, RowAction::InsertAbove)
            >
                {t!(i18n, insert_above)}
            </button>
            <button
                type="button"
                title=move || t_string!(i18n, insert_below_title).to_string()
                disabled=move || state.read_only.get()
                on:click=move |_| row_action(state, RowAction::InsertBelow)
            >
                {t!(i18n, insert_below)}
            </button>
            <button
                type="button"
                aria-keyshortcuts="Control+Alt+-"
                title=move || t_string!(i18n, delete_row_title).to_string()
                disabled=move || state.read_only.get() || active_row.get().is_none()
                on:click=move |_| row_action(state, RowAction::Delete)
            >
                {t!(i18n, delete_row)}
            </button>
            <button
                type="button"
                class="icon-button"
                aria-keyshortcuts="Alt+Shift+ArrowUp"
                aria-label=move || t_string!(i18n, move_up).to_string()
                title=move || t_string!(i18n, move_up_title).to_string()
                disabled=move || state.read_only.get() || active_row.get().is_none()
                on:click=move |_| move_row(state, -1)
            >
                <span aria-hidden="true">"↑"</span>
            </button>
            <button
                type="button"
                class="icon-button"
                aria-keyshortcuts="Alt+Shift+ArrowDown"
                aria-label=move || t_string!(i18n, move_down).to_string()
                title=move || t_string!(i18n, move_down_title).to_string()
                disabled=move || state.read_only.get() || active_row.get().is_none()
                on:click=move |_| move_row(state, 1)
            >
                <span aria-hidden="true">"↓"</span>
            </button>
            <button
                type="button"
                class="icon-button"
                aria-keyshortcuts="Alt+Shift+ArrowRight"
                aria-label=move || t_string!(i18n, indent).to_string()
                title=move || t_string!(i18n, indent_title).to_string()
                disabled=move || state.read_only.get() || !matches!(active_row.get(), Some(RowRef::Objective(_)))
                on:click=move |_| row_action(state, RowAction::Indent)
            >
                <span aria-hidden="true">"⇥"</span>
            </button>
            <button
                type="button"
                class="icon-button"
                aria-keyshortcuts="Alt+Shift+ArrowLeft"
                aria-label=move || t_string!(i18n, outdent).to_string()
                title=move || t_string!(i18n, outdent_title).to_string()
                disabled=move || state.read_only.get() || !matches!(active_row.get(), Some(RowRef::KeyResult(_)))
                on:click=move |_| row_action(state, RowAction::Outdent)
            >
                <span aria-hidden="true">"⇤"</span>
            </button>
            <button
                type="button"
                class="icon-button"
                aria-keyshortcuts="Control+Z"
                aria-label=move || t_string!(i18n, undo).to_string()
                title=move || t_string!(i18n, undo_title).to_string()
                disabled=move || !can_undo.get()
                on:click=move |_| state.undo()
            >
                <span aria-hidden="true">"↶"</span>
            </button>
            <button
                type="button"
                class="icon-button"
                aria-keyshortcuts="Control+Y"
                aria-label=move || t_string!(i18n, redo).to_string()
                title=move || t_string!(i18n, redo_title).to_string()
                disabled=move || !can_redo.get()
                on:click=move |_| state.redo()
            >
                <span aria-hidden="true">"↷"</span>
            </button>
            </div>
            // Viewing: folding, presenting, zoom and column widths.
            <div class="toolbar-group" role="group" aria-label=move || t_string!(i18n, view_group).to_string()>
            <button
                type="button"
                data-testid="fold-all"
                title=move || t_string!(i18n, fold_all_title).to_string()
                on:click=move |_| fold_all(state, true)
            >
                {t!(i18n, fold_all)}
            </button>
            <button
                type="button"
                data-testid="unfold-all"
                title=move || t_string!(i18n, unfold_all_title).to_string()
                on:click=move |_| fold_all(state, false)
            >
                {t!(i18n, unfold_all)}
            </button>
            <super::present_view::PresentButton/>
            <super::grid_columns::ViewControls/>
            </div>
        </div>
    }
}
