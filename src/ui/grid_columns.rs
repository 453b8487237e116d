//! The grid's column widths and zoom. By default every number column is as wide as its
//! widest value (`grid::fit`, in `ch` so it follows the zoom) and the titles share the rest,
//! wrapping to two lines: a number is never cut. Dragging a header's edge sets a width (kept
//! in local storage, at 100 %), a double-click fits that column to its content, "Fit
//! columns" goes back to the automatic widths. Ctrl + / Ctrl − / Ctrl 0 in the grid and the
//! zoom buttons scale the grid.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::i18n::{t_string, use_i18n};
use super::AppState;
use crate::browser::storage;
use okr_core::grid::fit::{self, text_ch};
use okr_core::grid::Column;
use okr_core::score::Status;

/// Columns: the data columns, then the row actions.
pub(super) const COLS: usize = Column::ALL.len() + 1;

/// A cell's horizontal padding and borders, in px (style/main.css: `.okr-grid td`).
const CELL_PAD_PX: f64 = 14.0;
/// Room for the sparkline beside a Current value (`grid_view::SPARK_W` and a gap).
const SPARK_ROOM_PX: f64 = 50.0;
/// Headers are 0.85 em and bold, with the resize handle at their edge.
const HEADER_SCALE: f64 = 0.85 * fit::BOLD;
const HEADER_ROOM_CH: f64 = 1.0;

const WIDTHS_KEY: &str = okr_core::store::WIDTHS_KEY;
const ZOOM_KEY: &str = okr_core::store::ZOOM_KEY;
const MIN_PX: f64 = 40.0;
const MAX_PX: f64 = 2000.0;

/// The saved widths (px at 100 %), or `None` (automatic) when there are none or they are not
/// a list of plausible widths.
pub(super) fn load_widths() -> Option<Vec<f64>> {
    let raw = storage::read(WIDTHS_KEY).ok()??;
    let w: Vec<f64> = serde_json::from_str(&raw).ok()?;
    (w.len() == COLS && w.iter().all(|x| (MIN_PX..=MAX_PX).contains(x))).then_some(w)
}

/// Saving is best effort: if storage is full the widths last for this visit.
fn save_widths(widths: Option<&[f64]>) {
    let _ = match widths {
        Some(w) => serde_json::to_string(w)
            .map_err(|_| ())
            .and_then(|text| storage::write(WIDTHS_KEY, &text).map_err(|_| ())),
        None => storage::remove(WIDTHS_KEY).map_err(|_| ()),
    };
}

fn clamp(px: f64) -> f64 {
    px.clamp(MIN_PX, MAX_PX)
}

/// The saved zoom in percent (100 when none).
pub(super) fn load_zoom() -> u16 {
    let saved = storage::read(ZOOM_KEY)
        .ok()
        .flatten()
        .and_then(|z| z.trim().parse().ok());
    fit::zoom_or_default(saved)
}

/// Sets the zoom and keeps it (best effort).
pub(super) fn set_zoom(state: AppState, percent: u16) {
    let z = fit::zoom_or_default(Some(percent));
    state.zoom.set(z);
    let _ = if z == 100 {
        storage::remove(ZOOM_KEY)
    } else {
        storage::write(ZOOM_KEY, &z.to_string())
    };
}

/// Ctrl + / Ctrl − / Ctrl 0 (Cmd on macOS) zoom the grid, as in a spreadsheet. True when the
/// key was one of them.
pub(super) fn zoom_key(state: AppState, ev: &web_sys::KeyboardEvent) -> bool {
    if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
        return false;
    }
    let z = state.zoom.get_untracked();
    let next = match ev.key().as_str() {
        "+" | "=" => fit::zoom_step(z, true),
        "-" | "_" => fit::zoom_step(z, false),
        "0" => 100,
        _ => return false,
    };
    set_zoom(state, next);
    true
}

/// What each column holds, in `ch`, and whether Current draws sparklines.
pub(super) type Content = ([f64; Column::ALL.len()], bool);

/// The header's own width in `ch` of the cell font.
fn header_ch(col: Column) -> f64 {
    text_ch(&super::column_name(col)) * HEADER_SCALE + HEADER_ROOM_CH
}

/// What data column `col` needs for its content and header: `ch` of the cell font and px
/// (padding, the sparkline's room, the badge's padding). Titles count up to their cap.
fn need(col: Column, content: &Content) -> (f64, f64) {
    let (ch, spark) = content;
    let own = ch[col.index()];
    match col {
        Column::Kind | Column::Owner => {
            (own.max(header_ch(col).min(fit::SHORT_CAP_CH)), CELL_PAD_PX)
        }
        Column::Current => {
            let room = if *spark { SPARK_ROOM_PX } else { 0.0 };
            (own.max(header_ch(col)), CELL_PAD_PX + room)
        }
        Column::Score => {
            // The score and its pace mark on the first line, under them a badge (0.75 em,
            // bold, padded) with the longest status word.
            let badge = [
                Status::NoData,
                Status::OffTrack,
                Status::AtRisk,
                Status::OnTrack,
            ]
            .into_iter()
            .map(|s| text_ch(&format!("■ {}", super::status_text(s))))
            .fold(0.0, f64::max);
            let first = own + 2.0;
            let w = first.max(badge * 0.75 * 1.05).max(header_ch(col));
            (w, CELL_PAD_PX + 14.0)
        }
        _ => (own.max(header_ch(col)), CELL_PAD_PX),
    }
}

/// The width that fits column `i`'s content, as a CSS length (`None`: the stylesheet's, a
/// share of the table, for the two title columns). `rows` is the number of rows shown (the
/// row numbers' digits).
fn fitted(i: usize, content: &Content, rows: usize) -> Option<String> {
    match Column::ALL.get(i).copied() {
        Some(Column::Objective | Column::KeyResult) => None,
        Some(col) => {
            let (ch, px) = need(col, content);
            Some(format!("calc({ch:.1}ch + {px}px)"))
        }
        // The row actions: the row's number and three small buttons.
        None => {
            let digits = ((rows.max(1) as f64).log10().floor() + 1.0).max(3.0);
            Some(format!(
                "calc({:.1}ch + 4.6em + {CELL_PAD_PX}px)",
                digits * 0.8 + 0.6
            ))
        }
    }
}

/// The table's least width when the columns are fitted: the fitted columns, the Key Result
/// column's least width and the Objective column's share (style/main.css: 17 %). Past it the
/// grid scrolls sideways, as at 150 % on a laptop. The Key Result column keeps 10 em at 100 %
/// (two lines of some 25 characters: what a 1280 px window has room for in Italian) and 13 em
/// zoomed in, where a sideways scroll is expected.
pub(super) fn table_min_width(content: &Content, rows: usize, zoom: u16) -> String {
    let fixed: Vec<String> = (0..COLS).filter_map(|i| fitted(i, content, rows)).collect();
    let key_result_em = if zoom > 100 { 13 } else { 10 };
    format!("calc(({} + {key_result_em}em) / 0.83)", fixed.join(" + "))
}

/// Column `i`'s CSS width: the user's (scaled by the zoom, never narrower than a number
/// column's values) or the fitted one.
pub(super) fn col_width(
    i: usize,
    content: &Content,
    rows: usize,
    user: Option<&[f64]>,
    zoom: u16,
) -> Option<String> {
    let auto = fitted(i, content, rows);
    let numeric = Column::ALL.get(i).is_some_and(|c| c.is_numeric());
    match user.and_then(|w| w.get(i)) {
        Some(px) => {
            let scaled = format!("{:.0}px", px * f64::from(zoom) / 100.0);
            Some(match auto {
                Some(auto) if numeric => format!("max({auto}, {scaled})"),
                _ => scaled,
            })
        }
        None => auto,
    }
}

/// The width of "0" in the grid's font at 100 %, measured on the probe.
fn ch_px(probe: NodeRef<html::Span>, zoom: u16) -> Option<f64> {
    let w = f64::from(probe.get_untracked()?.offset_width());
    (w > 0.0).then(|| w / 10.0 / (f64::from(zoom) / 100.0))
}

/// Every column's width as shown now, in px at 100 %.
fn measured(table: NodeRef<html::Table>, zoom: u16) -> Option<Vec<f64>> {
    let t = table.get_untracked()?;
    let head = t.t_head()?.rows().item(0)?;
    let cells = head
        .dyn_into::<web_sys::HtmlTableRowElement>()
        .ok()?
        .cells();
    let w: Option<Vec<f64>> = (0..cells.length())
        .map(|i| {
            cells
                .item(i)
                .and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok())
                .map(|c| clamp(f64::from(c.offset_width()) * 100.0 / f64::from(zoom)))
        })
        .collect();
    w.filter(|w| w.len() == COLS)
}

/// The drag handle on a column header's right edge: dragging resizes the column (the table
/// grows or shrinks, as in a spreadsheet); a double-click fits the column to its content.
#[component]
pub(super) fn ColumnResizer(
    col: usize,
    table: NodeRef<html::Table>,
    probe: NodeRef<html::Span>,
    content: RwSignal<Content>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let widths = state.widths;
    // The pointer's x when pressed, and the column's width once it moved (a click or a
    // double-click changes no width, so the second click lands where the first did).
    let drag = StoredValue::new(None::<(f64, Option<f64>)>);
    // The first drag or fit fixes every column at its current width.
    let fix_all = move || -> bool {
        if widths.with_untracked(Option::is_some) {
            return true;
        }
        match measured(table, state.zoom.get_untracked()) {
            Some(w) => {
                widths.set(Some(w));
                true
            }
            None => false,
        }
    };
    let on_down = move |ev: web_sys::PointerEvent| {
        ev.prevent_default();
        ev.stop_propagation();
        drag.set_value(Some((f64::from(ev.client_x()), None)));
        if let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        let Some((x0, start)) = drag.get_value() else {
            return;
        };
        let w0 = match start {
            Some(w0) => w0,
            None if (f64::from(ev.client_x()) - x0).abs() < 3.0 => return,
            None => {
                let Some(w0) = fix_all()
                    .then(|| widths.with_untracked(|w| w.as_ref()?.get(col).copied()))
                    .flatten()
                else {
                    drag.set_value(None);
                    return;
                };
                drag.set_value(Some((x0, Some(w0))));
                w0
            }
        };
        let zoom = f64::from(state.zoom.get_untracked()) / 100.0;
        let px = clamp((w0 + (f64::from(ev.client_x()) - x0) / zoom).round());
        widths.update(|w| {
            if let Some(slot) = w.as_mut().and_then(|w| w.get_mut(col)) {
                *slot = px;
            }
        });
    };
    let on_up = move |_: web_sys::PointerEvent| {
        if let Some((_, moved)) = drag.get_value() {
            drag.set_value(None);
            if moved.is_some() {
                widths.with_untracked(|w| save_widths(w.as_deref()));
            }
        }
    };
    let fit_column = move |ev: web_sys::MouseEvent| {
        ev.stop_propagation();
        let Some(column) = Column::ALL.get(col).copied() else {
            return;
        };
        let Some(ch) = ch_px(probe, state.zoom.get_untracked()) else {
            return;
        };
        if !fix_all() {
            return;
        }
        let (fit_ch, extra) = content.with_untracked(|c| need(column, c));
        let px = clamp((fit_ch * ch + extra).ceil());
        widths.update(|w| {
            if let Some(slot) = w.as_mut().and_then(|w| w.get_mut(col)) {
                *slot = px;
            }
        });
        widths.with_untracked(|w| save_widths(w.as_deref()));
    };
    view! {
        <span
            class="col-resizer"
            aria-hidden="true"
            title=move || t_string!(i18n, resize_title).to_string()
            on:pointerdown=on_down
            on:pointermove=on_move
            on:pointerup=on_up
            on:pointercancel=on_up
            on:click=|ev| ev.stop_propagation()
            on:dblclick=fit_column
        ></span>
    }
}

/// Zoom out (−) or in (+): disabled at the end of the levels, where `zoom_step` stays.
#[component]
fn ZoomStep(up: bool) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let zoom = state.zoom;
    view! {
        <button
            type="button"
            class="zoom-button"
            data-testid=if up { "zoom-in" } else { "zoom-out" }
            aria-keyshortcuts=if up { "Control+=" } else { "Control+-" }
            aria-label=move || if up {
                t_string!(i18n, zoom_in).to_string()
            } else {
                t_string!(i18n, zoom_out).to_string()
            }
            title=move || if up {
                t_string!(i18n, zoom_in_title).to_string()
            } else {
                t_string!(i18n, zoom_out_title).to_string()
            }
            disabled=move || fit::zoom_step(zoom.get(), up) == zoom.get()
            on:click=move |_| set_zoom(state, fit::zoom_step(zoom.get_untracked(), up))
        >
            {if up { "+" } else { "−" }}
        </button>
    }
}

/// Zoom out, the zoom (a click puts it back to 100 %), zoom in, and "Fit columns".
#[component]
pub(crate) fn ViewControls() -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let zoom = state.zoom;
    view! {
        <span class="view-controls">
            <ZoomStep up=false/>
            <button
                type="button"
                class="zoom-level"
                data-testid="zoom-level"
                aria-keyshortcuts="Control+0"
                aria-label=move || t_string!(i18n, zoom_reset, percent = zoom.get()).to_string()
                title=move || t_string!(i18n, zoom_reset_title).to_string()
                on:click=move |_| set_zoom(state, 100)
            >
                {move || format!("{} %", zoom.get())}
            </button>
            <ZoomStep up=true/>
            <button
                type="button"
                data-testid="fit-columns"
                title=move || t_string!(i18n, fit_columns_title).to_string()
                on:click=move |_| {
                    state.widths.set(None);
                    save_widths(None);
                }
            >
                {move || t_string!(i18n, fit_columns).to_string()}
            </button>
        </span>
    }
}
