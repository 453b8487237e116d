//! The plan's buttons, for mouse users and for what has no key: add, insert, delete, move,
//! indent and outdent rows, undo, redo, new plan, import and export.

use leptos::prelude::*;

use super::i18n::{t_string, td_string, use_i18n};
use super::{translate, AppState, Message};
use okr_core::command::Command;
use okr_core::grid::{Cell, Column, GridState, Outcome, RowRef};
use okr_core::history::Document;
use okr_core::locale::Locale;
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

/// What the toolbar's buttons read to know whether they can act, and act on.
#[derive(Clone, Copy)]
struct Tools {
    state: AppState,
    kr_target: Memo<Option<Id>>,
    active_row: Memo<Option<RowRef>>,
    can_undo: Memo<bool>,
    can_redo: Memo<bool>,
}

impl Tools {
    fn editable(&self) -> bool {
        !self.state.read_only.get()
    }

    fn row_active(&self) -> bool {
        self.editable() && self.active_row.get().is_some()
    }
}

/// A toolbar button. An icon button's name is its label (`aria-label`); a text button shows
/// its label.
#[derive(Clone, Copy)]
struct Tool {
    label: fn(Locale) -> &'static str,
    title: Option<fn(Locale) -> &'static str>,
    icon: Option<&'static str>,
    keys: Option<&'static str>,
    test_id: Option<&'static str>,
    enabled: fn(&Tools) -> bool,
    run: fn(&Tools),
}

/// The buttons that edit the rows, in their order. Moves, indents and undo are icons: their
/// names and shortcuts are in their labels and tooltips.
fn edit_tools() -> [Tool; 11] {
    let text =
        |label: fn(Locale) -> &'static str, enabled: fn(&Tools) -> bool, run: fn(&Tools)| Tool {
            label,
            title: None,
            icon: None,
            keys: None,
            test_id: None,
            enabled,
            run,
        };
    let icon = |icon: &'static str,
                keys: &'static str,
                label: fn(Locale) -> &'static str,
                title: fn(Locale) -> &'static str| Tool {
        label,
        title: Some(title),
        icon: Some(icon),
        keys: Some(keys),
        test_id: None,
        enabled: Tools::row_active,
        run: |_| {},
    };
    [
        text(
            |l| td_string!(l, add_objective),
            Tools::editable,
            |t| add_objective(t.state),
        ),
        text(
            |l| td_string!(l, add_key_result),
            |t| t.editable() && t.kr_target.get().is_some(),
            |t| {
                if let Some(o) = t.kr_target.get_untracked() {
                    add_key_result(t.state, o);
                }
            },
        ),
        Tool {
            keys: Some("Control+Alt+="),
            title: Some(|l| td_string!(l, insert_above_title)),
            ..text(
                |l| td_string!(l, insert_above),
                Tools::editable,
                |t| row_action(t.state, RowAction::InsertAbove),
            )
        },
        Tool {
            title: Some(|l| td_string!(l, insert_below_title)),
            ..text(
                |l| td_string!(l, insert_below),
                Tools::editable,
                |t| row_action(t.state, RowAction::InsertBelow),
            )
        },
        Tool {
            keys: Some("Control+Alt+-"),
            title: Some(|l| td_string!(l, delete_row_title)),
            ..text(
                |l| td_string!(l, delete_row),
                Tools::row_active,
                |t| row_action(t.state, RowAction::Delete),
            )
        },
        Tool {
            run: |t| move_row(t.state, -1),
            ..icon(
                "↑",
                "Alt+Shift+ArrowUp",
                |l| td_string!(l, move_up),
                |l| td_string!(l, move_up_title),
            )
        },
        Tool {
            run: |t| move_row(t.state, 1),
            ..icon(
                "↓",
                "Alt+Shift+ArrowDown",
                |l| td_string!(l, move_down),
                |l| td_string!(l, move_down_title),
            )
        },
        Tool {
            enabled: |t| t.editable() && matches!(t.active_row.get(), Some(RowRef::Objective(_))),
            run: |t| row_action(t.state, RowAction::Indent),
            ..icon(
                "⇥",
                "Alt+Shift+ArrowRight",
                |l| td_string!(l, indent),
                |l| td_string!(l, indent_title),
            )
        },
        Tool {
            enabled: |t| t.editable() && matches!(t.active_row.get(), Some(RowRef::KeyResult(_))),
            run: |t| row_action(t.state, RowAction::Outdent),
            ..icon(
                "⇤",
                "Alt+Shift+ArrowLeft",
                |l| td_string!(l, outdent),
                |l| td_string!(l, outdent_title),
            )
        },
        Tool {
            enabled: |t| t.can_undo.get(),
            run: |t| t.state.undo(),
            ..icon(
                "↶",
                "Control+Z",
                |l| td_string!(l, undo),
                |l| td_string!(l, undo_title),
            )
        },
        Tool {
            enabled: |t| t.can_redo.get(),
            run: |t| t.state.redo(),
            ..icon(
                "↷",
                "Control+Y",
                |l| td_string!(l, redo),
                |l| td_string!(l, redo_title),
            )
        },
    ]
}

/// Folding all objectives, and unfolding them.
fn fold_tools() -> [Tool; 2] {
    let fold = |fold: bool| Tool {
        label: if fold {
            |l| td_string!(l, fold_all)
        } else {
            |l| td_string!(l, unfold_all)
        },
        title: Some(if fold {
            |l| td_string!(l, fold_all_title)
        } else {
            |l| td_string!(l, unfold_all_title)
        }),
        icon: None,
        keys: None,
        test_id: Some(if fold { "fold-all" } else { "unfold-all" }),
        enabled: |_| true,
        run: if fold {
            |t| fold_all(t.state, true)
        } else {
            |t| fold_all(t.state, false)
        },
    };
    [fold(true), fold(false)]
}

/// One button: every toolbar button is this one view, not a view of its own each.
fn tool_button(tool: Tool, tools: Tools) -> impl IntoView {
    let i18n = use_i18n();
    let shown = match tool.icon {
        Some(icon) => {
            leptos::either::Either::Left(view! { <span aria-hidden="true">{icon}</span> })
        }
        None => leptos::either::Either::Right(move || (tool.label)(i18n.get_locale())),
    };
    view! {
        <button
            type="button"
            class=if tool.icon.is_some() { "icon-button" } else { "" }
            data-testid=tool.test_id
            aria-keyshortcuts=tool.keys
            aria-label=move || tool.icon.map(|_| (tool.label)(i18n.get_locale()))
            title=move || tool.title.map(|title| title(i18n.get_locale()))
            disabled=move || !(tool.enabled)(&tools)
            on:click=move |_| (tool.run)(&tools)
        >
            {shown}
        </button>
    }
}

#[component]
pub(crate) fn Toolbar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let tools = Tools {
        state,
        can_undo: Memo::new(move |_| state.doc.with(Document::can_undo)),
        can_redo: Memo::new(move |_| state.doc.with(Document::can_redo)),
        kr_target: Memo::new(move |_| {
            state
                .doc
                .with(|d| state.grid.with(|g| target_objective(d.plan(), g)))
        }),
        active_row: Memo::new(move |_| state.grid.with(|g| g.active.map(|c| c.row))),
    };
    let i18n = use_i18n();
    let buttons = |list: &[Tool]| {
        list.iter()
            .map(|tool| tool_button(*tool, tools))
            .collect_view()
    };
    view! {
        <div class="toolbar" role="toolbar" aria-label=move || t_string!(i18n, plan_actions).to_string()>
            <div class="toolbar-group" role="group" aria-label=move || t_string!(i18n, edit_group).to_string()>
                {buttons(&edit_tools())}
            </div>
            // Viewing: folding, presenting, zoom and column widths.
            <div class="toolbar-group" role="group" aria-label=move || t_string!(i18n, view_group).to_string()>
                {buttons(&fold_tools())}
                <super::present_view::PresentButton/>
                <super::grid_columns::ViewControls/>
            </div>
        </div>
    }
}
