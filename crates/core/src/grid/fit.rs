//! How wide each column must be for what it holds: the grid never cuts a number, and "Fit
//! columns" (or a double-click on a header's edge) sizes columns to their content, as Excel
//! does. Widths are in `ch` of the cell font (the advance of "0"), so they follow the zoom.
//! The estimate errs wide: a cut number is a bug, a few spare pixels are not.

use super::{display_in, Cell, Column, Position, RowRef};
use crate::locale::Locale;
use crate::model::Plan;

/// Bold text (objective rows, headers) is about this much wider than regular text.
pub const BOLD: f64 = 1.12;

/// Title columns fitted to their content stop here and wrap (two lines in a row).
pub(crate) const TITLE_CAP_CH: f64 = 42.0;
/// Owner and type columns fitted to their content stop here and wrap.
pub const SHORT_CAP_CH: f64 = 11.0;

/// The grid's zoom levels, in percent (Excel's steps between 50 % and 200 %).
pub const ZOOM_LEVELS: [u16; 9] = [50, 75, 90, 100, 110, 125, 150, 175, 200];

/// The next zoom level up (`up`) or down from `percent`, which may be between levels (an old
/// setting); the ends stay where they are.
pub fn zoom_step(percent: u16, up: bool) -> u16 {
    let next = if up {
        ZOOM_LEVELS.iter().find(|&&z| z > percent)
    } else {
        ZOOM_LEVELS.iter().rev().find(|&&z| z < percent)
    };
    next.copied()
        .unwrap_or(if up { ZOOM_LEVELS[8] } else { ZOOM_LEVELS[0] })
}

/// A stored zoom, or 100 % when it is none of the levels' range.
pub fn zoom_or_default(percent: Option<u16>) -> u16 {
    percent
        .filter(|z| (ZOOM_LEVELS[0]..=ZOOM_LEVELS[8]).contains(z))
        .unwrap_or(100)
}

/// Advance widths of the ASCII letters in `ch`, measured in DejaVu Sans (the widest of the
/// common sans-serif faces: Segoe UI, San Francisco and Roboto are narrower), 5 % added.
const LOWER: [f64; 26] = [
    1.02, 1.08, 0.9, 1.08, 1.02, 0.61, 1.08, 1.07, 0.52, 0.52, 1.01, 0.52, 1.58, 1.07, 1.04, 1.08,
    1.08, 0.75, 0.9, 0.73, 1.07, 0.99, 1.4, 0.98, 0.99, 0.89,
];
const UPPER: [f64; 26] = [
    1.17, 1.16, 1.1, 1.25, 1.03, 1.03, 1.24, 1.26, 0.56, 0.56, 1.17, 0.97, 1.5, 1.26, 1.28, 1.1,
    1.28, 1.17, 1.03, 1.06, 1.23, 1.17, 1.67, 1.17, 1.09, 1.09,
];

/// The width of `c` in `ch`, rounded up over the common sans-serif faces: figures are 1
/// (tabular), narrow marks about half, "%" one and a half, ideographs a full em (1.8 ch).
pub(crate) fn char_ch(c: char) -> f64 {
    match c {
        'a'..='z' => LOWER[(c as u8 - b'a') as usize],
        'A'..='Z' => UPPER[(c as u8 - b'A') as usize],
        '0'..='9' | '$' | '€' | '£' | '¥' | '#' | '+' | '=' | '<' | '>' | '~' | '^' | '_' => {
            1.0
        }
        ' ' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | '(' | ')' | '[' | ']' | '·' | '/'
        | '\\' | '`' | '"' | '\u{a0}' | '\u{202f}' => 0.6,
        '-' | '−' | '–' => 0.8,
        '%' | '@' | '&' | '—' | '…' => 1.6,
        // Ideographs, kana, hangul and full-width forms take a whole em.
        '\u{1100}'..='\u{115f}'
        | '\u{2e80}'..='\u{a4cf}'
        | '\u{ac00}'..='\u{d7a3}'
        | '\u{f900}'..='\u{faff}'
        | '\u{fe30}'..='\u{fe4f}'
        | '\u{ff00}'..='\u{ff60}'
        | '\u{ffe0}'..='\u{ffe6}' => 1.8,
        _ => 1.3,
    }
}

/// The width of `text` in `ch` (see `char_ch`).
pub fn text_ch(text: &str) -> f64 {
    text.chars().map(char_ch).sum()
}

/// The widest text of each column (`Column::ALL` order) over every row of `plan`, in `ch`,
/// objective rows counted bold. Titles and owners are capped (`TITLE_CAP_CH`,
/// `SHORT_CAP_CH`): past that they wrap. Rows hidden by a filter or a fold count too, so the
/// columns do not jump when the view changes.
pub fn content_ch(plan: &Plan, locale: Locale) -> [f64; Column::ALL.len()] {
    let mut widest = [0.0f64; Column::ALL.len()];
    for (oi, o) in plan.objectives.iter().enumerate() {
        widen(
            &mut widest,
            plan,
            RowRef::Objective(o.id),
            Some((oi, None)),
            locale,
        );
        for (ki, k) in o.key_results.iter().enumerate() {
            widen(
                &mut widest,
                plan,
                RowRef::KeyResult(k.id),
                Some((oi, Some(ki))),
                locale,
            );
        }
    }
    capped(widest)
}

/// `content_ch` over some rows only (those in view: what an edit can have widened at once,
/// before the whole plan is measured again), each with its position hint (checked by id,
/// as `display_at` does), and whether one of them draws a sparkline. Rows no longer in the
/// plan show nothing and widen nothing.
pub fn rows_ch(
    plan: &Plan,
    rows: &[(RowRef, Option<Position>)],
    locale: Locale,
) -> ([f64; Column::ALL.len()], bool) {
    let mut widest = [0.0f64; Column::ALL.len()];
    let mut spark = false;
    for &(row, hint) in rows {
        if let RowRef::KeyResult(id) = row {
            spark |= super::key_result_at(plan, id, hint).is_some_and(draws_sparkline);
        }
        widen(&mut widest, plan, row, hint, locale);
    }
    (capped(widest), spark)
}

/// Widens `widest` to what `row` (at `hint`) shows: an objective row its title, owner, weight
/// and score, bold; a key result row every column but the objective's title.
fn widen(
    widest: &mut [f64; Column::ALL.len()],
    plan: &Plan,
    row: RowRef,
    hint: Option<Position>,
    locale: Locale,
) {
    let (cols, bold): (&[Column], f64) = match row {
        RowRef::Objective(_) => (
            &[
                Column::Objective,
                Column::Owner,
                Column::Weight,
                Column::Score,
            ],
            BOLD,
        ),
        RowRef::KeyResult(_) => (&Column::ALL[1..], 1.0),
    };
    for &col in cols {
        let text = display_in(plan, Cell { row, col }, hint, locale);
        let slot = &mut widest[col.index()];
        *slot = slot.max(text_ch(&text) * bold);
    }
}

/// Titles stop at `TITLE_CAP_CH`, owners and types at `SHORT_CAP_CH`.
fn capped(mut widest: [f64; Column::ALL.len()]) -> [f64; Column::ALL.len()] {
    for col in Column::ALL {
        let cap = match col {
            Column::Objective | Column::KeyResult => TITLE_CAP_CH,
            Column::Kind | Column::Owner => SHORT_CAP_CH,
            _ => f64::INFINITY,
        };
        widest[col.index()] = widest[col.index()].min(cap);
    }
    widest
}

fn draws_sparkline(k: &crate::model::KeyResult) -> bool {
    k.check_ins.iter().filter(|c| c.value.is_finite()).count() >= 2
}

/// Whether any key result draws a sparkline beside its Current value (`trend::sparkline`
/// needs two check-ins).
pub fn has_sparklines(plan: &Plan) -> bool {
    plan.objectives
        .iter()
        .flat_map(|o| &o.key_results)
        .any(draws_sparkline)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example;

    #[test]
    fn figures_are_one_ch_and_wide_marks_more() {
        assert_eq!(text_ch("12,000"), 5.6);
        assert!(text_ch("33 %") > text_ch("330"));
        assert!(text_ch("未完成") >= 5.4);
        // DejaVu Sans draws "Whitfield" 6.6 ch wide.
        assert!(text_ch("Whitfield") > 6.6);
    }

    #[test]
    fn numeric_columns_hold_their_widest_value() {
        let plan = example::example_plan();
        let w = content_ch(&plan, Locale::En);
        // "60,000" is the widest target of the example, "8,600" and "9" are narrower.
        assert_eq!(w[Column::Target.index()], text_ch("60,000"));
        assert!(w[Column::Start.index()] >= text_ch("40,000"));
        // Spanish groups with a point and names types in longer words.
        let es = content_ch(&plan, Locale::Es);
        assert_eq!(es[Column::Target.index()], text_ch("60.000"));
        assert!(es[Column::Kind.index()] >= text_ch("porcentaje"));
    }

    #[test]
    fn titles_are_capped_and_bold_rows_count_wider() {
        let mut plan = example::example_plan();
        plan.objectives[0].title = "x".repeat(200);
        plan.objectives[0].owner = "Al".into();
        let w = content_ch(&plan, Locale::En);
        assert_eq!(w[Column::Objective.index()], TITLE_CAP_CH);
        assert!(w[Column::KeyResult.index()] <= TITLE_CAP_CH);
        assert!(w[Column::Owner.index()] <= SHORT_CAP_CH);
        // The objective's score row is bold: its text counts 10 % wider.
        let score = crate::grid::display_in(
            &plan,
            Cell {
                row: RowRef::Objective(plan.objectives[0].id),
                col: Column::Score,
            },
            None,
            Locale::En,
        );
        assert!(w[Column::Score.index()] >= text_ch(&score) * BOLD);
    }

    #[test]
    fn zoom_steps_through_the_levels_and_stops_at_the_ends() {
        assert_eq!(zoom_step(100, true), 110);
        assert_eq!(zoom_step(100, false), 90);
        assert_eq!(zoom_step(125, true), 150);
        assert_eq!(zoom_step(200, true), 200);
        assert_eq!(zoom_step(50, false), 50);
        assert_eq!(zoom_step(120, true), 125);
        assert_eq!(zoom_step(120, false), 110);
        assert_eq!(zoom_or_default(Some(150)), 150);
        assert_eq!(zoom_or_default(Some(20)), 100);
        assert_eq!(zoom_or_default(None), 100);
    }

    #[test]
    fn rows_in_view_measure_as_the_whole_plan_does_for_them() {
        let mut plan = example::example_plan();
        let k = &mut plan.objectives[0].key_results[0];
        k.current = Some(1_234_567.0);
        let kr = RowRef::KeyResult(k.id);
        let o = RowRef::Objective(plan.objectives[0].id);
        let (w, spark) = rows_ch(
            &plan,
            // A stale hint (another row's position) is checked by id and falls back.
            &[
                (kr, Some((2, Some(0)))),
                (o, None),
                (RowRef::KeyResult(crate::model::Id(9999)), None),
            ],
            Locale::En,
        );
        assert_eq!(w[Column::Current.index()], text_ch("1,234,567"));
        assert_eq!(
            w[Column::Current.index()],
            content_ch(&plan, Locale::En)[Column::Current.index()]
        );
        assert!(w[Column::Objective.index()] > 0.0);
        assert!(!spark);
        let checked = example::example_plan_on(Locale::En, crate::period::Date::new(2026, 11, 23));
        let first = RowRef::KeyResult(checked.objectives[0].key_results[0].id);
        assert!(rows_ch(&checked, &[(first, Some((0, Some(0))))], Locale::En).1);
    }

    #[test]
    fn an_empty_plan_has_no_content_and_no_sparklines() {
        let plan = Plan::default();
        assert_eq!(content_ch(&plan, Locale::En), [0.0; Column::ALL.len()]);
        assert!(!has_sparklines(&plan));
    }
}
