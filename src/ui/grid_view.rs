//! The grid: a WAI-ARIA grid (table) with one tab stop and roving focus. Each cell reads its
//! own memo, so an edit re-renders only the cells whose text changed.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;

use super::grid_columns::{self, ColumnResizer};
use super::i18n::{t_string, td_string, use_i18n};
use super::toolbar;
use super::{translate, AppState};
use crate::browser::clock;
use okr_core::grid::{self, Cell, Column, Key, Mods, RowRef};
use okr_core::model::Id;
use okr_core::score;

/// aria-colindex of the row actions column, after the data columns.
const ACTIONS_COL: usize = grid_columns::COLS;

/// Every body row is this tall at 100 % zoom (style/main.css: two lines of title, numbers on
/// one), so the rows in view follow from the scroll position alone: only those (and
/// `OVERSCAN` more each side) are in the DOM, whatever the size of the plan.
const ROW_PX: f64 = 44.0;
const OVERSCAN: usize = 10;

/// A row's height at `zoom` percent (the stylesheet's `--zoom` gives the same).
fn row_px(zoom: u16) -> f64 {
    ROW_PX * f64::from(zoom) / 100.0
}

/// The rows to render for a scroll position: `[first, end)` in `rows`.
fn window_of(scroll_top: f64, viewport_height: f64, total: usize, row: f64) -> (usize, usize) {
    let first = ((scroll_top.max(0.0) / row) as usize)
        .saturating_sub(OVERSCAN)
        .min(total);
    let count = (viewport_height.max(row) / row).ceil() as usize + 2 * OVERSCAN;
    (first, (first + count).min(total))
}

fn row_dom_key(row: RowRef) -> String {
    match row {
        RowRef::Objective(id) => format!("o{}", id.0),
        RowRef::KeyResult(id) => format!("k{}", id.0),
    }
}

fn cell_dom_id(cell: Cell) -> String {
    format!("cell-{}-{}", row_dom_key(cell.row), cell.col.index() + 1)
}

/// Cmd plays the role of Ctrl on macOS.
fn mods_of(ev: &KeyboardEvent) -> Mods {
    Mods {
        shift: ev.shift_key(),
        ctrl: ev.ctrl_key() || ev.meta_key(),
        alt: ev.alt_key(),
    }
}

/// The grid's keys; `None` for keys the browser or the editor should have (Ctrl+C/X/V fire
/// the clipboard events handled below, Ctrl+Z/Y the page's undo).
fn map_key(ev: &KeyboardEvent, mods: Mods) -> Option<Key> {
    let key = ev.key();
    if mods.ctrl && !mods.alt {
        return match key.to_lowercase().as_str() {
            "a" => Some(Key::SelectAll),
            "d" => Some(Key::FillDown),
            "arrowup" => Some(Key::Up),
            "arrowdown" => Some(Key::Down),
            "arrowleft" => Some(Key::Left),
            "arrowright" => Some(Key::Right),
            "home" => Some(Key::Home),
            "end" => Some(Key::End),
            _ => None,
        };
    }
    if mods.alt && !(mods.shift && matches!(key.as_str(), "ArrowUp" | "ArrowDown")) {
        return None;
    }
    Some(match key.as_str() {
        "ArrowUp" => Key::Up,
        "ArrowDown" => Key::Down,
        "ArrowLeft" => Key::Left,
        "ArrowRight" => Key::Right,
        "Home" => Key::Home,
        "End" => Key::End,
        "PageUp" => Key::PageUp,
        "PageDown" => Key::PageDown,
        "Enter" => Key::Enter,
        "Escape" => Key::Escape,
        "F2" => Key::F2,
        "Delete" | "Backspace" => Key::Delete,
        " " => Key::Space,
        "Tab" if mods.shift => Key::BackTab,
        "Tab" => Key::Tab,
        _ => return None,
    })
}

/// Selects `row`'s title cell (unfolding its objective) and moves focus into the grid, which
/// scrolls to it: "go to row" from the health checks and the alignment tree.
pub(super) fn go_to_row(state: AppState, row: RowRef) {
    state.edit(|d, g| {
        let (objective, col) = match row {
            RowRef::Objective(id) => (Some(id), Column::Objective),
            RowRef::KeyResult(id) => (
                d.plan().key_result(id).map(|(o, _)| o.id),
                Column::KeyResult,
            ),
        };
        if let Some(o) = objective {
            g.set_collapsed(d.plan(), o, false);
        }
        g.select(d.plan(), Cell { row, col });
    });
    // The viewport's focus handler hands focus to the active cell once it is in view.
    let viewport = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(".grid-viewport").ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(v) = viewport {
        let _ = v.focus();
    }
}

/// Folds or unfolds the active row's objective and says so.
fn fold_active(state: AppState, fold: bool) {
    let changed = state.doc.with_untracked(|d| {
        let mut out = None;
        state
            .grid
            .update(|g| out = g.collapse_active(d.plan(), fold));
        out.and_then(|id| d.plan().objective(id).map(|o| o.title.clone()))
    });
    if let Some(title) = changed {
        let l = state.locale();
        let text = if fold {
            td_string!(l, folded, title).to_string()
        } else {
            td_string!(l, unfolded, title).to_string()
        };
        state.message.set(Some(super::Message {
            text,
            undoable: false,
        }));
    }
}

/// Folds or unfolds one objective's key results (the row's toggle button).
fn fold_objective(state: AppState, id: Id, fold: bool) {
    state.doc.with_untracked(|d| {
        state.grid.update(|g| {
            g.set_collapsed(d.plan(), id, fold);
        })
    });
}

/// Row keys: Alt+Shift+→ indents, Alt+Shift+← outdents (Google Sheets' group keys);
/// Ctrl+Alt+= or Ctrl+Shift++ inserts a row above, Ctrl+Alt+- or Ctrl+- deletes the selected
/// rows (Google Sheets' and Excel's).
fn row_key(ev: &KeyboardEvent, mods: Mods) -> Option<toolbar::RowAction> {
    use toolbar::RowAction;
    let key = ev.key();
    if mods.alt && mods.shift && !mods.ctrl {
        return match key.as_str() {
            "ArrowRight" => Some(RowAction::Indent),
            "ArrowLeft" => Some(RowAction::Outdent),
            _ => None,
        };
    }
    if !mods.ctrl {
        return None;
    }
    // With Alt, the key may be reported as typed with Alt (a layout's symbol): use the code.
    let code = ev.code();
    match (key.as_str(), code.as_str(), mods.alt) {
        ("+", _, _) | (_, "Equal", true) | (_, "NumpadAdd", true) => Some(RowAction::InsertAbove),
        ("-", _, _) | (_, "Minus", true) | (_, "NumpadSubtract", _) => Some(RowAction::Delete),
        _ => None,
    }
}

/// Says what a paste did: how many cells changed, rows added, and which cells refused.
fn paste_message(report: &grid::PasteReport, locale: okr_core::locale::Locale) -> Option<String> {
    if report.cells == 0 && report.refused.is_empty() {
        return None;
    }
    let mut text = td_string!(locale, pasted_cells, count = report.cells).to_string();
    if report.added_rows > 0 {
        text.push_str(&td_string!(locale, pasted_adding, count = report.added_rows).to_string());
    }
    text.push(if locale == okr_core::locale::Locale::ZhHans {
        '。'
    } else {
        '.'
    });
    if !report.refused.is_empty() {
        let mut shown: Vec<String> = report
            .refused
            .iter()
            .take(3)
            .map(|r| translate::refusal(locale, r))
            .collect();
        let more = report.refused.len().saturating_sub(3);
        if more > 0 {
            shown.push(td_string!(locale, and_more, n = more).to_string());
        }
        text.push(' ');
        text.push_str(
            &td_string!(
                locale,
                pasted_kept,
                count = report.refused.len(),
                list = shown.join("; ")
            )
            .to_string(),
        );
        if !report.marks.is_empty() {
            text.push(' ');
            text.push_str(td_string!(locale, pasted_marked));
        }
    }
    Some(text)
}

type Positions = Memo<std::collections::HashMap<RowRef, grid::Position>>;

/// The selected rectangle as the cells read it: the rows in it (by id) and its columns.
#[derive(Clone, Debug, PartialEq)]
struct Selected {
    rows: std::collections::HashSet<RowRef>,
    cols: std::ops::RangeInclusive<usize>,
}

#[component]
pub(crate) fn Grid() -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    // The rows shown: all, or those the filter keeps. The selection's corners matter only
    // while a filter is on (they stay shown), so without one a move does not rebuild rows.
    let filter = Memo::new(move |_| state.grid.with(|g| (g.filter.clone(), g.collapsed.clone())));
    let keep = Memo::new(move |_| {
        state.grid.with(|g| {
            if g.filter.is_empty() && g.collapsed.is_empty() {
                Vec::new()
            } else {
                g.active.iter().chain(&g.anchor).map(|c| c.row).collect()
            }
        })
    });
    let rows = Memo::new(move |_| {
        filter.with(|(f, folded)| {
            keep.with(|k| state.doc.with(|d| grid::shown_rows(d.plan(), f, folded, k)))
        })
    });
    let selected = Memo::new(move |_| {
        state.doc.with(|d| {
            state.grid.with(|g| {
                let sel = g.selection(d.plan())?;
                rows.with(|all| {
                    Some(Selected {
                        rows: sel.rows().filter_map(|r| all.get(r).copied()).collect(),
                        cols: sel.cols(),
                    })
                })
            })
        })
    });
    // Position of each row, for aria-rowindex and scrolling (rebuilt only when rows change).
    let index_of = Memo::new(move |_| {
        rows.with(|r| {
            r.iter()
                .enumerate()
                .map(|(i, row)| (*row, i))
                .collect::<std::collections::HashMap<RowRef, usize>>()
        })
    });
    // Where each row's data sits in the plan, so each cell reads it without searching
    // (rebuilt only when the rows change; a stale entry is checked and falls back).
    let positions: Positions = Memo::new(move |_| {
        rows.track();
        state.doc.with_untracked(|d| grid::positions(d.plan()))
    });
    let rows_context = RowsContext {
        registry: StoredValue::new(std::collections::HashMap::new()),
        index_of,
        rows,
        selection: selected,
        positions,
        today: StoredValue::new(clock::today()),
    };
    provide_context(rows_context);
    // The two drivers: each change of the plan (or of the grid state) is computed once for
    // the rows in the DOM, and only rows whose content (or state) changed are woken.
    Effect::new(move |_| rows_context.drive_data(state));
    Effect::new(move |_| rows_context.drive_ui(state));
    let viewport_ref = NodeRef::<html::Div>::new();
    let scroll_top = RwSignal::new(0.0_f64);
    let viewport_height = RwSignal::new(800.0_f64);
    let zoom = state.zoom;
    let window = Memo::new(move |_| {
        window_of(
            scroll_top.get(),
            viewport_height.get(),
            rows.with(Vec::len),
            row_px(zoom.get()),
        )
    });
    let visible = Memo::new(move |_| {
        let (first, end) = window.get();
        rows.with(|r| r[first..end].to_vec())
    });
    let measure = move || {
        if let Some(v) = viewport_ref.get_untracked() {
            viewport_height.set(f64::from(v.client_height()));
            scroll_top.set(f64::from(v.scroll_top()));
        }
    };
    // The viewport's height, kept as it changes (the window resized, the details panel opened
    // under the grid on a laptop): keeping the active row in view then reads no layout on a
    // keystroke (`reveal`), where the DOM has just been written.
    let observer = send_wrapper::SendWrapper::new({
        let on_resize = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
            if let Some(v) = viewport_ref.get_untracked() {
                let height = f64::from(v.client_height());
                if viewport_height.get_untracked() != height {
                    viewport_height.set(height);
                }
            }
        });
        let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
        // Lives as long as the page (one grid).
        on_resize.forget();
        observer
    });
    viewport_ref.on_load(move |v| {
        measure();
        if let Some(o) = observer.as_ref() {
            o.observe(&v);
        }
    });
    let _resize = window_event_listener(leptos::ev::resize, move |_| measure());

    // Keeps the active cell's row in view (it may not be rendered yet: the window follows).
    // The cell last pressed with the mouse, until it becomes active: a clicked cell is in
    // view, and scrolling under the pointer would send a double-click's second click to
    // another row.
    let pressed = StoredValue::new(None::<Cell>);
    let reveal = move |cell: Cell| {
        if pressed.get_value() == Some(cell) {
            pressed.set_value(None);
            return;
        }
        pressed.set_value(None);
        let Some(v) = viewport_ref.get_untracked() else {
            return;
        };
        let Some(i) = index_of.with_untracked(|m| m.get(&cell.row).copied()) else {
            return;
        };
        let row = row_px(zoom.get_untracked());
        let top = i as f64 * row;
        // As the scroll handler and the resize observer keep them: reading them from the
        // viewport here would lay the page out in the keystroke's task.
        let current = scroll_top.get_untracked();
        let height = viewport_height.get_untracked();
        // The sticky header covers the first row's height at the top of the viewport.
        let next = if top < current {
            top
        } else if top + 2.0 * row > current + height {
            top + 2.0 * row - height
        } else {
            return;
        };
        v.set_scroll_top(next as i32);
        // The scroll event brings the value the browser kept (at most the content's end).
        scroll_top.set(next.max(0.0));
    };
    let table_ref = NodeRef::<html::Table>::new();
    let probe_ref = NodeRef::<html::Span>::new();
    let widths = state.widths;
    // What each column holds, for widths that never cut a number (every row, shown or not,
    // so columns do not jump when a filter changes). A pass over the whole plan: done once the
    // plan has been still for a moment, off the typing path, and at once for a new language.
    let measure_content = move |plan: &okr_core::model::Plan, locale| {
        (
            grid::fit::content_ch(plan, locale),
            grid::fit::has_sparklines(plan),
        )
    };
    let content = super::when_still(state, std::time::Duration::from_millis(250), move |plan| {
        measure_content(plan, state.language.get_untracked())
    });
    // A value typed into a row in view widens its column at once (never an ellipsis on a
    // number); the whole-plan measure, which may narrow it again, follows when the plan is
    // still.
    Effect::new(move |first: Option<()>| {
        state.doc.track();
        if first.is_none() {
            return;
        }
        let in_view: Vec<(RowRef, Option<grid::Position>)> = positions.with_untracked(|at| {
            rows_context
                .registry
                .with_value(|r| r.keys().map(|row| (*row, at.get(row).copied())).collect())
        });
        let locale = state.language.get_untracked();
        let (grown, spark) = state
            .doc
            .with_untracked(|d| grid::fit::rows_ch(d.plan(), &in_view, locale));
        let wider = content.with_untracked(|(now, sparks)| {
            grown.iter().zip(now).any(|(g, n)| g > n) || (spark && !sparks)
        });
        if wider {
            content.update(|(now, sparks)| {
                for (n, g) in now.iter_mut().zip(grown) {
                    *n = n.max(g);
                }
                *sparks |= spark;
            });
        }
    });
    Effect::new(move |first: Option<()>| {
        let locale = state.language.get();
        if first.is_some() {
            let now = state
                .doc
                .with_untracked(|d| measure_content(d.plan(), locale));
            if content.with_untracked(|c| *c != now) {
                content.set(now);
            }
        }
    });

    // Roving focus: when the active cell moves while focus is in the grid (or was dropped
    // to the body by a closing editor), focus follows it.
    let follow = move |cell: Cell| {
        reveal(cell);
        request_animation_frame(move || {
            // The state may have moved on since (a click that opened an editor): stealing
            // focus from that editor would blur, and so close, it.
            let still_wanted = state
                .grid
                .with_untracked(|g| g.editing.is_none() && g.active == Some(cell));
            if !still_wanted {
                return;
            }
            let Some(document) = web_sys::window().and_then(|w| w.document()) else {
                return;
            };
            let focus_in_grid = match (document.active_element(), viewport_ref.get_untracked()) {
                (None, _) => true,
                (Some(active), Some(viewport)) => {
                    document.body().is_some_and(|b| *b == active)
                        || viewport.contains(Some(&active))
                }
                (Some(_), None) => false,
            };
            if !focus_in_grid {
                return;
            }
            if let Some(el) = document
                .get_element_by_id(&cell_dom_id(cell))
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.focus();
            }
        });
    };
    Effect::new(move |_| {
        let target = state
            .grid
            .with(|g| if g.editing.is_some() { None } else { g.active });
        if let Some(cell) = target {
            follow(cell);
        }
    });
    // The grid's tab stop is the active cell (or the first cell); when that row is scrolled
    // out of the rendered window, the viewport itself takes the tab stop and hands focus on.
    let tab_stop_rendered = Memo::new(move |_| {
        let (first, end) = window.get();
        if rows.with(Vec::is_empty) {
            return true;
        }
        match state.grid.with(|g| g.active.map(|c| c.row)) {
            None => first == 0,
            Some(row) => index_of.with(|m| m.get(&row).is_some_and(|&i| i >= first && i < end)),
        }
    });
    // Set while the scroll handler parks focus on the viewport (that must not scroll back).
    let parking = StoredValue::new(false);
    let on_viewport_focus = move |ev: web_sys::FocusEvent| {
        if parking.get_value() {
            return;
        }
        let on_viewport = ev
            .target()
            .zip(viewport_ref.get_untracked())
            .is_some_and(|(t, v)| {
                t.dyn_ref::<web_sys::Element>()
                    .is_some_and(|t| *t == *v.unchecked_ref::<web_sys::Element>())
            });
        if !on_viewport {
            return;
        }
        match state.grid.with_untracked(|g| g.active) {
            Some(cell) => follow(cell),
            // Selects the first cell; the effect above then moves focus to it.
            None => {
                state.edit(|d, g| g.key(d, Key::Home));
            }
        }
    };

    let on_keydown = move |ev: KeyboardEvent| {
        // Keys typed in the cell editor are its own (it handles Enter, Tab and Escape).
        let from_editor = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .is_some();
        if from_editor
            || ev.default_prevented()
            || state.grid.with_untracked(|g| g.editing.is_some())
        {
            return;
        }
        if grid_columns::zoom_key(state, &ev) {
            ev.prevent_default();
            return;
        }
        let mods = mods_of(&ev);
        if mods.alt && mods.shift && !mods.ctrl {
            // Alt+Shift+− folds the active row's objective, Alt+Shift+= unfolds it (the
            // outline's − and + buttons; Alt+Shift+arrows move rows). The code, not the key:
            // with Alt and Shift a layout may report another symbol.
            let fold = match ev.code().as_str() {
                "Minus" | "NumpadSubtract" => Some(true),
                "Equal" | "NumpadAdd" => Some(false),
                _ => None,
            };
            if let Some(fold) = fold {
                ev.prevent_default();
                fold_active(state, fold);
                return;
            }
        }
        if let Some(action) = row_key(&ev, mods) {
            ev.prevent_default();
            toolbar::row_action(state, action);
            return;
        }
        let k = ev.key();
        let printable = k.chars().count() == 1 && !mods.ctrl && !mods.alt;
        let map = map_key(&ev, mods);
        let edits = printable
            || matches!(map, Some(Key::Delete | Key::FillDown | Key::F2))
            || (map == Some(Key::Enter) && !mods.shift);
        if edits && state.refuse_read_only() {
            ev.prevent_default();
            return;
        }
        if let Some(key) = map {
            if state.edit(|d, g| g.key_with(d, key, mods)) {
                ev.prevent_default();
                if key == Key::Delete || key == Key::FillDown {
                    state.message.set(None);
                }
                return;
            }
            if key != Key::Space {
                return;
            }
        }
        if printable && state.edit(|d, g| g.begin_edit(d.plan(), Some(k.clone()))) {
            ev.prevent_default();
        }
    };

    // Clipboard: the browser fires these for Ctrl/Cmd+C, X and V (and the Edit menu) on the
    // focused cell; the grid reads and writes tab-separated text, as Excel and Sheets do.
    let in_editor = move || state.grid.with_untracked(|g| g.editing.is_some());
    let on_copy = move |ev: web_sys::ClipboardEvent| {
        if in_editor() {
            return;
        }
        let text = state
            .doc
            .with_untracked(|d| state.grid.with_untracked(|g| g.copy_text(d.plan())));
        if let (Some(text), Some(data)) = (text, ev.clipboard_data()) {
            if data.set_data("text/plain", &text).is_ok() {
                ev.prevent_default();
            }
        }
    };
    let on_cut = move |ev: web_sys::ClipboardEvent| {
        if in_editor() {
            return;
        }
        if state.read_only.get_untracked() {
            // Copying is reading: allowed; the cut part is refused, with the reason.
            on_copy(ev);
            state.refuse_read_only();
            return;
        }
        on_copy(ev.clone());
        if ev.default_prevented() {
            state.edit(|d, g| g.clear(d));
        }
    };
    let on_paste = move |ev: web_sys::ClipboardEvent| {
        if in_editor() {
            return;
        }
        let Some(text) = ev
            .clipboard_data()
            .and_then(|d| d.get_data("text/plain").ok())
        else {
            return;
        };
        ev.prevent_default();
        if state.refuse_read_only() {
            return;
        }
        let report = state.edit(|d, g| g.paste(d, &text));
        state.message.set(
            paste_message(&report, state.locale()).map(|text| super::Message {
                text,
                undoable: report.cells > 0,
            }),
        );
    };

    view! {
        <div
            class="grid-viewport"
            style:--zoom=move || format!("{}", f64::from(zoom.get()) / 100.0)
            node_ref=viewport_ref
            tabindex=move || if tab_stop_rendered.get() { "-1" } else { "0" }
            on:focus=on_viewport_focus
            on:scroll=move |_| {
                if let Some(v) = viewport_ref.get_untracked() {
                    scroll_top.set(f64::from(v.scroll_top()));
                    // Scrolling the focused cell out of view unmounts it and focus falls to
                    // the page: keep it in the grid, so the keyboard still drives it.
                    let lost = web_sys::window()
                        .and_then(|w| w.document())
                        .and_then(|d| d.active_element().zip(d.body()))
                        .is_some_and(|(a, b)| a == *b.unchecked_ref::<web_sys::Element>());
                    if lost && state.grid.with_untracked(|g| g.active.is_some()) {
                        parking.set_value(true);
                        let _ = v.focus();
                        parking.set_value(false);
                    }
                }
            }
            on:keydown=on_keydown
            on:copy=on_copy
            on:cut=on_cut
            on:paste=on_paste
        >
        // The width of ten "0" in the grid's font, for fitting columns.
        <span class="ch-probe" aria-hidden="true" node_ref=probe_ref>"0000000000"</span>
        <table
            class="okr-grid"
            style:width=move || widths.with(|w| w.as_ref().map(|w| {
                format!("{:.0}px", w.iter().sum::<f64>() * f64::from(zoom.get()) / 100.0)
            }))
            style:min-width=move || {
                if widths.with(Option::is_some) {
                    "0".to_string()
                } else {
                    content.with(|c| {
                        grid_columns::table_min_width(c, rows.with(Vec::len), zoom.get())
                    })
                }
            }
            role="grid"
            aria-label=move || t_string!(i18n, grid_name).to_string()
            aria-rowcount=move || rows.with(|r| r.len() + 1)
            aria-colcount=ACTIONS_COL
            node_ref=table_ref
            on:click=move |ev: web_sys::MouseEvent| on_cell_click(state, ev)
            on:dblclick=move |ev: web_sys::MouseEvent| {
                if let Some((cell, _)) = cell_of_event(&ev) {
                    if state.read_only.get_untracked() {
                        state.edit(|d, g| g.select(d.plan(), cell));
                        state.refuse_read_only();
                        return;
                    }
                    state.edit(|d, g| g.double_click(d, cell));
                }
            }
            on:mousedown=move |ev: web_sys::MouseEvent| {
                // Shift+click extends the range: keep focus (and the anchor) where it is; the
                // grid moves focus to the new active cell itself.
                if let Some((cell, _)) = cell_of_event(&ev) {
                    pressed.set_value(Some(cell));
                    if ev.shift_key() {
                        ev.prevent_default();
                    }
                }
            }
            on:focusin=move |ev: web_sys::FocusEvent| {
                let Some((cell, td)) = cell_of_event(&ev) else { return };
                let target_is_cell = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|e| e == td);
                let idle = state
                    .grid
                    .with_untracked(|g| g.active != Some(cell) && g.editing.is_none());
                if target_is_cell && idle {
                    state.edit(|d, g| g.select(d.plan(), cell));
                }
            }
        >
            <thead>
                <tr role="row" aria-rowindex="1">
                    {Column::ALL
                        .iter()
                        .map(|c| {
                            view! {
                                <th
                                    role="columnheader"
                                    scope="col"
                                    aria-colindex=c.index() + 1
                                    class=if c.is_numeric() { "num" } else { "" }
                                >
                                    <span class="th-text" title=move || super::column_name(*c)>
                                        {move || super::column_name(*c)}
                                    </span>
                                    <ColumnResizer col=c.index() table=table_ref probe=probe_ref content=content/>
                                </th>
                            }
                        })
                        .collect_view()}
                    <th role="columnheader" scope="col" aria-colindex=ACTIONS_COL>
                        <span class="th-text">{move || t_string!(i18n, col_actions).to_string()}</span>
                    </th>
                </tr>
            </thead>
            <colgroup>
                {COL_CLASSES
                    .iter()
                    .enumerate()
                    .map(|(i, class)| {
                        view! {
                            <col
                                class=*class
                                style:width=move || {
                                    let n = rows.with(Vec::len);
                                    content.with(|c| widths.with(|w| {
                                        grid_columns::col_width(i, c, n, w.as_deref(), zoom.get())
                                    }))
                                }
                            />
                        }
                    })
                    .collect_view()}
            </colgroup>
            <tbody>
                <tr class="spacer" aria-hidden="true" style:height=move || {
                    format!("{}px", window.get().0 as f64 * row_px(zoom.get()))
                }></tr>
                <For each=move || visible.get() key=|row| *row let:row>
                    <GridRow row=row/>
                </For>
                <tr class="spacer" aria-hidden="true" style:height=move || {
                    let (_, end) = window.get();
                    format!("{}px", rows.with(Vec::len).saturating_sub(end) as f64 * row_px(zoom.get()))
                }></tr>
            </tbody>
        </table>
        </div>
        <Show when=move || rows.with(Vec::is_empty)>
            <p class="empty-plan">
                {move || {
                    if filter.with(|(f, _)| f.is_empty()) {
                        t_string!(i18n, plan_empty).to_string()
                    } else {
                        t_string!(i18n, no_rows_match).to_string()
                    }
                }}
            </p>
        </Show>
    }
}

/// The `<col>` classes, data columns then actions (their default widths are in the CSS).
const COL_CLASSES: [&str; ACTIONS_COL] = [
    "col-objective",
    "col-key-result",
    "col-type",
    "col-owner",
    "col-num",
    "col-num",
    "col-num",
    "col-weight",
    "col-score",
    "col-actions",
];

/// What a row shows, computed once per change of the plan for the whole row: each cell
/// reads its part, so a change re-renders only the rows whose content changed.
#[derive(Clone, Debug, PartialEq)]
struct RowData {
    texts: [String; Column::ALL.len()],
    editable: [bool; Column::ALL.len()],
    status: score::Status,
    meta: Option<String>,
    title: String,
    /// Pace against today in the objective's dated period.
    pace: Option<okr_core::pace::PaceStatus>,
    /// A key result's check-ins as sparkline points.
    spark: Option<String>,
    /// An objective's number of key results (what its fold toggle hides).
    children: usize,
    /// How the Score is computed, with its numbers (the Score cell's tooltip).
    explain: String,
}

const SPARK_W: f64 = 44.0;
const SPARK_H: f64 = 14.0;

fn row_data(
    plan: &okr_core::model::Plan,
    row: RowRef,
    pos: Option<grid::Position>,
    today: Option<okr_core::period::Date>,
    locale: okr_core::locale::Locale,
) -> RowData {
    let cell = |col| Cell { row, col };
    let (spark, children) = match row {
        RowRef::KeyResult(id) => (
            grid::key_result_at(plan, id, pos)
                .and_then(|k| okr_core::trend::sparkline(k, SPARK_W, SPARK_H)),
            0,
        ),
        RowRef::Objective(_) => (None, grid::children_at(plan, row, pos)),
    };
    RowData {
        texts: Column::ALL.map(|col| grid::display_in(plan, cell(col), pos, locale)),
        editable: Column::ALL.map(|col| grid::is_editable_at(plan, cell(col), pos)),
        status: grid::row_status_at(plan, row, pos, today),
        meta: grid::objective_meta_at(plan, cell(Column::Objective), pos),
        title: grid::row_title_at(plan, row, pos),
        pace: grid::row_pace_at(plan, row, pos, today),
        spark,
        children,
        explain: grid::score_explained_at(plan, row, pos)
            .map_or_else(String::new, |e| translate::explained(locale, &e)),
    }
}

/// The grid state as one row sees it (column positions).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct RowUi {
    active: Option<usize>,
    editing: Option<usize>,
    selected: Option<(usize, usize)>,
    tab_stop: Option<usize>,
    /// Columns (bits) holding refused pasted text.
    invalid: u16,
    /// Position among the rows shown (aria-rowindex is one more, for the header row).
    index: usize,
    /// An objective whose key results are folded away.
    folded: bool,
}

/// The cell a DOM event happened in, from its id ("cell-k12-5").
fn cell_of_event(ev: &web_sys::Event) -> Option<(Cell, web_sys::Element)> {
    let td = ev
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("td[data-cell]")
        .ok()??;
    let key = td.get_attribute("data-cell")?;
    let (row, col) = key.split_once(':')?;
    let row = row_of_key(row)?;
    let col = *Column::ALL.get(col.parse::<usize>().ok()?)?;
    Some((Cell { row, col }, td))
}

/// Mouse and focus events of every cell, handled once on the table (fewer listeners to
/// create while scrolling).
fn on_cell_click(state: AppState, ev: web_sys::MouseEvent) {
    // The actions cell, outside its buttons, is the row's header: a click selects the row.
    let target_is_row_actions = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|e| {
            e.closest("button").ok().flatten().is_none()
                && e.closest("td.actions").ok().flatten().is_some()
        });
    if target_is_row_actions {
        let Some(row) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("tr[data-row]").ok().flatten())
            .and_then(|tr| tr.get_attribute("data-row"))
            .and_then(|key| row_of_key(&key))
        else {
            return;
        };
        let extend = ev.shift_key();
        state.edit(|d, g| g.select_rows(d, row, extend));
        return;
    }
    let Some((cell, _)) = cell_of_event(&ev) else {
        return;
    };
    if ev.shift_key() {
        state.edit(|d, g| g.extend_to(d, cell));
    } else {
        state.edit(|d, g| g.click(d, cell));
    }
}

/// The row of a `row_dom_key` ("o3", "k12").
fn row_of_key(key: &str) -> Option<RowRef> {
    let id = okr_core::model::Id(key.get(1..)?.parse().ok()?);
    match key.as_bytes().first()? {
        b'o' => Some(RowRef::Objective(id)),
        b'k' => Some(RowRef::KeyResult(id)),
        _ => None,
    }
}

/// The signals of a row in the DOM. Only the grid's two drivers set them, and only when the
/// row's content or state changed: a change anywhere else wakes nothing in the row.
#[derive(Clone, Copy)]
struct RowSignals {
    data: RwSignal<RowData>,
    ui: RwSignal<RowUi>,
}

type Registry = StoredValue<std::collections::HashMap<RowRef, RowSignals>>;

/// What a row needs from the grid to compute its first values and to register itself.
#[derive(Clone, Copy)]
struct RowsContext {
    registry: Registry,
    index_of: Memo<std::collections::HashMap<RowRef, usize>>,
    rows: Memo<Vec<RowRef>>,
    selection: Memo<Option<Selected>>,
    positions: Positions,
    /// Today as of the last data pass: rows mounted while scrolling read it here instead of
    /// asking the browser clock each.
    today: StoredValue<Option<okr_core::period::Date>>,
}

/// The grid state as `row` shows it.
fn row_ui(
    g: &grid::GridState,
    row: RowRef,
    selection: Option<&Selected>,
    first_row: bool,
    index: usize,
) -> RowUi {
    let active = g.active.filter(|c| c.row == row).map(|c| c.col.index());
    RowUi {
        active,
        editing: g
            .editing
            .as_ref()
            .filter(|e| e.cell.row == row)
            .map(|e| e.cell.col.index()),
        selected: selection
            .filter(|s| s.rows.contains(&row))
            .map(|s| (*s.cols.start(), *s.cols.end())),
        // Until a cell is active, the first cell is the grid's one tab stop.
        tab_stop: if g.active.is_none() && first_row {
            Some(0)
        } else {
            active
        },
        invalid: g
            .invalid
            .iter()
            .filter(|m| m.cell.row == row)
            .fold(0, |bits, m| bits | 1 << m.cell.col.index()),
        index,
        folded: matches!(row, RowRef::Objective(id) if g.collapsed.contains(&id)),
    }
}

impl RowsContext {
    fn ui_of(&self, g: &grid::GridState, row: RowRef) -> RowUi {
        let first = self.rows.with_untracked(|r| r.first() == Some(&row));
        let index = self
            .index_of
            .with_untracked(|m| m.get(&row).copied().unwrap_or(0));
        self.selection
            .with_untracked(|s| row_ui(g, row, s.as_ref(), first, index))
    }

    /// Sets each mounted row's content from the plan, where it changed.
    fn drive_data(&self, state: AppState) {
        let today = clock::today();
        self.today.set_value(today);
        let locale = state.grid.with_untracked(|g| g.locale);
        self.positions.with(|at| {
            state.doc.with(|d| {
                self.registry.with_value(|reg| {
                    for (row, s) in reg {
                        let new = row_data(d.plan(), *row, at.get(row).copied(), today, locale);
                        if s.data.with_untracked(|old| *old != new) {
                            s.data.set(new);
                        }
                    }
                })
            })
        });
    }

    /// Sets each mounted row's share of the grid state, where it changed.
    fn drive_ui(&self, state: AppState) {
        self.selection.with(|sel| {
            self.index_of.with(|idx| {
                let first = self.rows.with(|r| r.first().copied());
                state.grid.with(|g| {
                    self.registry.with_value(|reg| {
                        for (row, s) in reg {
                            let index = idx.get(row).copied().unwrap_or(0);
                            let new = row_ui(g, *row, sel.as_ref(), first == Some(*row), index);
                            if s.ui.with_untracked(|old| *old != new) {
                                s.ui.set(new);
                            }
                        }
                    })
                })
            })
        });
    }
}

#[component]
fn GridRow(row: RowRef) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<AppState>();
    let ctx = expect_context::<RowsContext>();
    let pos = ctx.positions.with_untracked(|m| m.get(&row).copied());
    let data = RwSignal::new(state.doc.with_untracked(|d| {
        let locale = state.grid.with_untracked(|g| g.locale);
        row_data(d.plan(), row, pos, ctx.today.get_value(), locale)
    }));
    let ui = RwSignal::new(state.grid.with_untracked(|g| ctx.ui_of(g, row)));
    ctx.registry.update_value(|reg| {
        reg.insert(row, RowSignals { data, ui });
    });
    on_cleanup(move || {
        ctx.registry.update_value(|reg| {
            if reg.get(&row).is_some_and(|s| s.data == data) {
                reg.remove(&row);
            }
        });
    });
    let class = match row {
        RowRef::Objective(_) => "objective-row",
        RowRef::KeyResult(_) => "kr-row",
    };
    let index = move || ui.with(|u| u.index);
    let attrs_now = move || {
        data.with(|d| {
            ui.with(|u| Column::ALL.map(|col| cell_attrs(state, Cell { row, col }, d, u)))
        })
    };
    let initial = attrs_now();
    let tr_ref = NodeRef::<html::Tr>::new();
    {
        let initial = initial.clone();
        Effect::new(move |prev: Option<[CellAttrs; Column::ALL.len()]>| {
            let old = prev.unwrap_or_else(|| initial.clone());
            let new = attrs_now();
            let Some(tr) = tr_ref.get_untracked() else {
                return old;
            };
            let cells = tr.cells();
            for (i, (o, n)) in old.iter().zip(&new).enumerate() {
                if o != n {
                    if let Some(td) = cells.item(i as u32) {
                        write_attrs(&td, o, n);
                    }
                }
            }
            new
        });
    }
    view! {
        <tr
            role="row"
            class=class
            aria-rowindex=move || index() + 2
            data-row=row_dom_key(row)
            node_ref=tr_ref
        >
            {Column::ALL
                .iter()
                .zip(&initial)
                .map(|(&col, attrs)| grid_cell(Cell { row, col }, data, attrs, ui))
                .collect_view()}
            <td
                role="gridcell"
                class="actions"
                aria-colindex=ACTIONS_COL
                title=move || t_string!(i18n, select_row_title).to_string()
            >
                <span class="row-number" aria-hidden="true">{move || index() + 1}</span>
                {match row {
                    RowRef::Objective(id) => Some(view! { <FoldToggle id=id data=data ui=ui/> }),
                    RowRef::KeyResult(_) => None,
                }}
                <RowActions row=row data=data/>
            </td>
        </tr>
    }
}

/// The fold toggle of an objective with key results (Excel's outline +/−).
#[component]
fn FoldToggle(id: Id, data: RwSignal<RowData>, ui: RwSignal<RowUi>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let children = Memo::new(move |_| data.with(|d| d.children));
    let folded = Memo::new(move |_| ui.with(|u| u.folded));
    move || {
        (children.get() > 0).then(|| {
            let folded = folded.get();
            let n = children.get();
            let title = data.with_untracked(|d| d.title.clone());
            let label = if folded {
                t_string!(i18n, show_key_results_of, count = n, title).to_string()
            } else {
                t_string!(i18n, hide_key_results_of, count = n, title).to_string()
            };
            view! {
                <button
                    type="button"
                    class="row-button fold"
                    tabindex="-1"
                    data-testid="fold-toggle"
                    aria-expanded=if folded { "false" } else { "true" }
                    aria-label=label
                    title=move || t_string!(i18n, fold_title).to_string()
                    on:click=move |_| fold_objective(state, id, !folded)
                >
                    {if folded { format!("▸ {n}") } else { "▾".to_string() }}
                </button>
            }
        })
    }
}

#[component]
fn RowActions(row: RowRef, data: RwSignal<RowData>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let title = Memo::new(move |_| data.with(|d| d.title.clone()));
    let add = match row {
        RowRef::Objective(id) => Some(view! {
            <button
                type="button"
                class="row-button add"
                tabindex="-1"
                disabled=move || state.read_only.get()
                aria-label=move || t_string!(i18n, add_key_result_to, title = title.get()).to_string()
                title=move || t_string!(i18n, add_key_result).to_string()
                on:click=move |_| toolbar::add_key_result(state, id)
            >
                // An icon: the name says what it adds to, the tooltip what it does.
                <span aria-hidden="true">"+"</span>
            </button>
        }),
        RowRef::KeyResult(_) => None,
    };
    let objective = matches!(row, RowRef::Objective(_));
    view! {
        {add}
        <button
            type="button"
            class="row-button delete"
            tabindex="-1"
            disabled=move || state.read_only.get()
            aria-label=move || if objective {
                t_string!(i18n, delete_objective_named, title = title.get()).to_string()
            } else {
                t_string!(i18n, delete_key_result_named, title = title.get()).to_string()
            }
            title=move || if objective {
                t_string!(i18n, delete_objective).to_string()
            } else {
                t_string!(i18n, delete_key_result).to_string()
            }
            on:click=move |_| toolbar::delete_row(state, row)
        >
            // A bin, drawn: the name says what it deletes.
            <svg class="icon" aria-hidden="true" viewBox="0 0 16 16" width="14" height="14">
                <path d="M3 4h10M6.5 4V2.5h3V4M4.5 4l.7 9.5h5.6l.7-9.5M7 6.5v5M9 6.5v5"></path>
            </svg>
        </button>
    }
}

/// A cell's attributes that follow the grid state and the row's content. A row writes them
/// itself when they change (one effect per row, not one per attribute and cell: scrolling
/// creates rows fast).
#[derive(Clone, Debug, Default, PartialEq)]
struct CellAttrs {
    class: String,
    title: Option<String>,
    invalid: bool,
    selected: bool,
    readonly: bool,
    tab_stop: bool,
}

fn cell_attrs(state: AppState, cell: Cell, d: &RowData, u: &RowUi) -> CellAttrs {
    let i = cell.col.index();
    let selected = u.selected.is_some_and(|(a, b)| (a..=b).contains(&i));
    let readonly = !d.editable[i];
    let invalid = u.invalid & (1 << i) != 0;
    let mut class = String::from("cell");
    for (on, name) in [
        (cell.col == Column::Score, " score-cell"),
        (cell.col.is_numeric(), " num"),
        (wraps(cell.col), " wrap"),
        (u.active == Some(i), " active"),
        (selected, " selected"),
        (u.editing == Some(i), " editing"),
        (readonly, " readonly"),
        (invalid, " invalid"),
    ] {
        if on {
            class.push_str(name);
        }
    }
    let title = if invalid {
        // Refused pasted text, kept: said at the cell (and offered by its editor).
        state.grid.with_untracked(|g| {
            g.invalid.iter().find(|m| m.cell == cell).map(|m| {
                td_string!(
                    g.locale,
                    not_stored,
                    text = m.text.clone(),
                    why = translate::cell_error(g.locale, &m.reason)
                )
                .to_string()
            })
        })
    } else if cell.col == Column::Score {
        // The score explains itself: the formula with its numbers.
        Some(d.explain.clone())
    } else {
        // Cells are one line: the full text shows on hover.
        let t = &d.texts[i];
        (t.chars().count() > 12).then(|| t.clone())
    };
    CellAttrs {
        class,
        title,
        invalid,
        selected,
        readonly,
        tab_stop: u.tab_stop == Some(i),
    }
}

/// Writes the attributes that differ between `old` and `new` on a cell element.
fn write_attrs(td: &web_sys::Element, old: &CellAttrs, new: &CellAttrs) {
    let set = |name: &str, value: Option<&str>| {
        let _ = match value {
            Some(v) => td.set_attribute(name, v),
            None => td.remove_attribute(name),
        };
    };
    if old.class != new.class {
        td.set_class_name(&new.class);
    }
    if old.title != new.title {
        set("title", new.title.as_deref());
    }
    if old.invalid != new.invalid {
        set("aria-invalid", new.invalid.then_some("true"));
    }
    if old.selected != new.selected {
        set(
            "aria-selected",
            Some(if new.selected { "true" } else { "false" }),
        );
    }
    if old.readonly != new.readonly {
        set("aria-readonly", new.readonly.then_some("true"));
    }
    if old.tab_stop != new.tab_stop {
        set("tabindex", Some(if new.tab_stop { "0" } else { "-1" }));
    }
}

/// Title, owner and type cells wrap to two lines (the row's height); numbers stay on one.
fn wraps(col: Column) -> bool {
    matches!(
        col,
        Column::Objective | Column::KeyResult | Column::Owner | Column::Kind
    )
}

fn grid_cell(
    cell: Cell,
    data: RwSignal<RowData>,
    attrs: &CellAttrs,
    ui: RwSignal<RowUi>,
) -> impl IntoView {
    let i = cell.col.index();
    let i18n = use_i18n();
    let editing = Memo::new(move |_| ui.with(|u| u.editing == Some(i)));
    let text = move || data.with(|d| d.texts[i].clone());
    let is_title = matches!(
        (cell.row, cell.col),
        (RowRef::Objective(_), Column::Objective)
    );
    view! {
        <td
            role="gridcell"
            id=cell_dom_id(cell)
            data-cell=format!("{}:{i}", row_dom_key(cell.row))
            class=attrs.class.clone()
            aria-colindex=i + 1
            title=attrs.title.clone()
            aria-invalid=attrs.invalid.then_some("true")
            aria-selected=if attrs.selected { "true" } else { "false" }
            aria-readonly=attrs.readonly.then_some("true")
            tabindex=if attrs.tab_stop { "0" } else { "-1" }
        >
            {move || {
                if editing.get() {
                    view! { <CellEditor cell=cell/> }.into_any()
                } else if cell.col == Column::Score {
                    let status = Memo::new(move |_| data.with(|d| d.status));
                    let pace = Memo::new(move |_| data.with(|d| d.pace));
                    view! {
                        // Read in this order ("0.48 At risk, behind"); shown as the score and
                        // its pace mark, the badge under them (style/main.css).
                        <span class="score-box">
                        <span class="score-value">{text}</span>
                        " "
                        <span class=move || format!("badge {}", status.get().css())>
                            {move || super::status_text(status.get())}
                        </span>
                        {move || pace.get().map(|p| {
                            let (glyph, words) = match p {
                                okr_core::pace::PaceStatus::Ahead => ("▲", t_string!(i18n, pace_mark_ahead)),
                                okr_core::pace::PaceStatus::OnPace => ("●", t_string!(i18n, pace_mark_on_pace)),
                                okr_core::pace::PaceStatus::Behind => ("▼", t_string!(i18n, pace_mark_behind)),
                                okr_core::pace::PaceStatus::NotStarted => ("○", t_string!(i18n, pace_mark_not_started)),
                            };
                            view! {
                                <span class=format!("pace-mark {}", p.css()) title=t_string!(i18n, pace_mark_title, words).to_string() data-pace=p.css()>
                                    <span aria-hidden="true">{glyph}</span>
                                    <span class="visually-hidden">{format!(" {words}")}</span>
                                </span>
                            }
                        })}
                        </span>
                    }
                    .into_any()
                } else if wraps(cell.col) {
                    view! {
                        <span class="clamp">
                            <span class="cell-text">{text}</span>
                            {move || {
                                is_title
                                    .then(|| data.with(|d| d.meta.clone()))
                                    .flatten()
                                    .map(|m| view! { <span class="objective-meta">{m}</span> })
                            }}
                        </span>
                    }
                    .into_any()
                } else {
                    let spark = (cell.col == Column::Current)
                        .then(|| Memo::new(move |_| data.with(|d| d.spark.clone())));
                    view! {
                        <span class="cell-text">{text}</span>
                        {move || spark.and_then(|s| s.get()).map(|points| view! {
                            <svg class="sparkline" aria-hidden="true" width=SPARK_W height=SPARK_H
                                viewBox=format!("0 0 {SPARK_W} {SPARK_H}")>
                                <polyline points=points></polyline>
                            </svg>
                        })}
                    }
                    .into_any()
                }
            }}
        </td>
    }
}

#[component]
fn CellEditor(cell: Cell) -> impl IntoView {
    let state = expect_context::<AppState>();
    let input_ref = NodeRef::<html::Input>::new();
    let (initial, replacing) = state.grid.with_untracked(|g| {
        g.editing
            .as_ref()
            .map(|e| (e.text.clone(), e.replacing))
            .unwrap_or_default()
    });
    // The value is set here rather than with `prop:value`, which Leptos applies after this
    // callback and which would drop the selection. Focus moves at once, so keys typed right
    // after the first one land in the editor.
    input_ref.on_load(move |input| {
        input.set_value(&initial);
        let _ = input.focus();
        if replacing {
            let end = input.value().encode_utf16().count() as u32;
            let _ = input.set_selection_range(end, end);
        } else {
            input.select();
        }
    });
    let error = Memo::new(move |_| {
        state.grid.with(|g| {
            g.editing
                .as_ref()
                .filter(|e| e.cell == cell)
                .and_then(|e| e.error.as_ref())
                .map(|e| translate::cell_error(g.locale, e))
        })
    });
    let error_id = format!("{}-error", cell_dom_id(cell));
    let on_keydown = move |ev: KeyboardEvent| {
        let key = match (ev.key().as_str(), ev.shift_key()) {
            ("Enter", _) => Key::Enter,
            ("Escape", _) => Key::Escape,
            ("Tab", false) => Key::Tab,
            ("Tab", true) => Key::BackTab,
            _ => return,
        };
        ev.prevent_default();
        let mods = mods_of(&ev);
        state.edit(|d, g| g.key_with(d, key, mods));
        // Once the editor has closed, focus goes to the grid's viewport at once (the roving
        // focus reaches the active cell a frame later): a key pressed in between must reach
        // the grid's key handler, not the page. Not the cell: focusing a cell selects it.
        // Blurring the input then commits nothing: it is no longer being edited.
        if !state.grid.with_untracked(|g| g.is_editing(cell)) {
            let viewport = input_ref
                .get_untracked()
                .and_then(|i| i.closest(".grid-viewport").ok().flatten())
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(v) = viewport {
                let _ = v.focus();
            }
        }
    };
    let on_blur = move |_| {
        if state.grid.with_untracked(|g| g.is_editing(cell)) {
            state.edit(|d, g| g.commit(d));
        }
    };
    view! {
        <input
            class="cell-input"
            type="text"
            node_ref=input_ref
            aria-label=super::column_name(cell.col)
            aria-invalid=move || error.with(Option::is_some).to_string()
            aria-describedby=move || error.with(Option::is_some).then(|| error_id.clone())
            on:input=move |ev| {
                let value = event_target_value(&ev);
                // Nothing shows the typed text but the input itself: no one to notify.
                state.grid.update_untracked(|g| g.input(value));
            }
            on:keydown=on_keydown
            on:blur=on_blur
            on:click=|ev| ev.stop_propagation()
        />
        {move || {
            error.get().map(|message| {
                view! {
                    <div class="cell-error" role="alert" id=format!("{}-error", cell_dom_id(cell))>
                        {message}
                    </div>
                }
            })
        }}
    }
}
