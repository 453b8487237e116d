//! A plan → an .xlsx workbook with live formulas (rust_xlsxwriter).
//!
//! Sheets: `OKRs` (the contract: one row per key result, Score a formula with its result
//! cached), `Objectives` (weighted score formulas over the OKRs rows, status words), `Check-ins`
//! (when any key result has history), and the detail sheets. Every score, status, colour and
//! ICE formula is a `score_formula` tree placed on its row here (`Layout`); the trees are held
//! equal to `score` by okr-core's tests.
//!
//! How each key result is written, so that `import::own` can read it back unchanged:
//! - Type is the kind's word, or `graded` when a grade overrides the computed score; the
//!   grade is then the Score cell's value (a constant formula) and the kind is told by the
//!   value cells' number format (percent, or the done/not done format of binary).
//! - Percent values are fractions with a percent format; binary values are 0 and 1 shown as
//!   "Not done" / "Done" (`DONE_FORMAT`).
//! - Numbers are written with their shortest round-trip text, so no digit is lost.

use std::fmt::Write as _;

use rust_xlsxwriter::{
    Color, ConditionalFormatFormula, DataValidation, DataValidationRule, DocProperties,
    ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Url, Workbook, Worksheet, XlsxError,
};

use super::{
    check_lengths, col, rows, type_word, ExportError, BACKLOG_COLUMNS, BACKLOG_SHEET, BASE_COLUMNS,
    BASE_SHEET, CHECK_INS_SHEET, CHECK_IN_COLUMNS, CONFIDENCE_WORDS, ID_COLUMN, INITIATIVES_SHEET,
    INITIATIVE_COLUMNS, MAX_SHEET_ROWS, OBJECTIVES_SHEET, OBJECTIVE_COLUMNS, OKR_COLUMNS,
    OKR_SHEET, PERIODS_SHEET, PERIOD_COLUMNS, SCORING_COLUMNS, SCORING_SHEET, STEPS_SHEET,
    STEP_COLUMNS, THRESHOLDS_SHEET, THRESHOLD_COLUMNS, TYPE_WORDS, UNITS_SHEET, UNIT_COLUMNS,
};
use okr_core::formula::{Column, Expr, Layout};
use okr_core::merge::{self, Target};
use okr_core::model::{Commitment, KeyResult, Kind, Plan, ScoringRule};
use okr_core::period::PeriodKind;
use okr_core::score::{self, Score};
use okr_core::score_formula::{self, TreeInputs};
use okr_core::value;

/// Binary values: 1 shows "Done", 0 "Not done" (the importer recognises this exact code).
pub const DONE_FORMAT: &str = r#"[=1]"Done";[=0]"Not done";General"#;

/// Deflate level of the file's parts. Level 6 (zlib's default) spent a third of a large
/// export's time compressing; level 2 writes 10,000 key results about a fifth faster in a file
/// a fifth larger (1.68 MB against 1.39; docs/BENCHMARKS.md, issue 17).
const ZIP_LEVEL: u8 = 2;

/// Rows below the data that still get the Type/Confidence lists and the Score colours, so
/// rows added in Excel look the same.
const SPARE_ROWS: u32 = 500;

struct Formats {
    header: Format,
    int: Format,
    frac: Format,
    pct_int: Format,
    pct_frac: Format,
    done: Format,
    score: Format,
    date: Format,
    red: Format,
    amber: Format,
    green: Format,
    id: Format,
    wrap: Format,
}

impl Formats {
    fn new() -> Self {
        Formats {
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xE8EEF4))
                .set_border_bottom(FormatBorder::Thin),
            int: Format::new().set_num_format("#,##0"),
            frac: Format::new().set_num_format("#,##0.0#########"),
            pct_int: Format::new().set_num_format("0%"),
            pct_frac: Format::new().set_num_format("0.0#########%"),
            done: Format::new().set_num_format(DONE_FORMAT),
            score: Format::new().set_num_format("0.00"),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            red: Format::new()
                .set_background_color(Color::RGB(0xFFC7CE))
                .set_font_color(Color::RGB(0x9C0006)),
            amber: Format::new()
                .set_background_color(Color::RGB(0xFFEB9C))
                .set_font_color(Color::RGB(0x9C5700)),
            green: Format::new()
                .set_background_color(Color::RGB(0xC6EFCE))
                .set_font_color(Color::RGB(0x006100)),
            id: Format::new().set_font_color(Color::RGB(0x808080)),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        }
    }

    /// The number format of a key result's value (display only: the value is exact).
    fn value(&self, kind: Kind, v: f64) -> &Format {
        match kind {
            Kind::Binary => &self.done,
            Kind::Percent if is_whole(v * 100.0) => &self.pct_int,
            Kind::Percent => &self.pct_frac,
            _ if is_whole(v) => &self.int,
            _ => &self.frac,
        }
    }
}

fn is_whole(v: f64) -> bool {
    v.fract() == 0.0 && v.abs() < 1e15
}

fn excel_error(e: XlsxError) -> ExportError {
    ExportError(format!("The workbook could not be written: {e}"))
}

/// Excel's column letters for 0-based `col` ("A" … "N").
fn letter(col: u16) -> char {
    char::from(b'A' + col as u8)
}

/// The `Objectives` sheet's Score column (0-based; its Status is the next).
const OBJECTIVE_SCORE: u16 = 5;

/// Where a formula's cells are on row `n` (1-based) of the `OKRs` sheet: the key result's own.
struct OkrsRow(u32);

/// The `OKRs` sheet's column letter of a formula's column.
fn okrs_letter(column: Column) -> Option<char> {
    let c = match column {
        Column::Start => col::START,
        Column::Target => col::TARGET,
        Column::Current => col::CURRENT,
        Column::Score => col::SCORE,
        Column::Weight => col::WEIGHT,
        _ => return None,
    };
    Some(letter(c))
}

impl Layout for OkrsRow {
    fn cell(&self, column: Column) -> Option<String> {
        okrs_letter(column).map(|c| format!("{c}{}", self.0))
    }
}

/// Row `n` (1-based) of the `Objectives` sheet: its Score cell, and its key results' rows
/// `first..=last` of the `OKRs` sheet.
struct ObjectivesRow {
    n: u32,
    first: u32,
    last: u32,
}

impl Layout for ObjectivesRow {
    fn cell(&self, column: Column) -> Option<String> {
        (column == Column::Score).then(|| format!("{}{}", letter(OBJECTIVE_SCORE), self.n))
    }

    fn rows(&self, column: Column) -> Option<String> {
        let c = match column {
            Column::Score => letter(col::SCORE),
            Column::Weight => letter(col::WEIGHT),
            _ => return None,
        };
        Some(format!("{OKR_SHEET}!{c}{}:{c}{}", self.first, self.last))
    }
}

/// The first data row of a sheet whose Score is in the given column (0-based): the row a
/// conditional format's formula is written for (Excel moves it down the range).
struct FirstScore(u16);

impl Layout for FirstScore {
    fn cell(&self, column: Column) -> Option<String> {
        (column == Column::Score).then(|| format!("{}2", letter(self.0)))
    }
}

/// Row `n` (1-based) of the `Backlog` sheet: Impact, Confidence and Ease in D, E and F.
struct BacklogRow(u32);

impl Layout for BacklogRow {
    fn cell(&self, column: Column) -> Option<String> {
        let c = match column {
            Column::Impact => 'D',
            Column::Confidence => 'E',
            Column::Ease => 'F',
            _ => return None,
        };
        Some(format!("{c}{}", self.0))
    }
}

/// The Score formula of a key result on (1-based) Excel row `n`: `score_formula::key_result`
/// placed on the row. Blank ("") when there is nothing to score.
#[cfg(test)]
fn score_formula_by(rule: ScoringRule, kr: &KeyResult, n: u32) -> String {
    score_formula::key_result(rule, kr).excel(&OkrsRow(n))
}

/// Stand for row numbers in a formula's text written once for many rows (`Template`).
const MARKS: [char; 3] = ['\u{1}', '\u{2}', '\u{3}'];

/// The `OKRs` sheet's cells with the row left open (`MARKS[0]`).
struct OkrsAnyRow;

impl Layout for OkrsAnyRow {
    fn cell(&self, column: Column) -> Option<String> {
        okrs_letter(column).map(|c| format!("{c}{}", MARKS[0]))
    }
}

/// `ObjectivesRow` with its numbers left open: the row `MARKS[0]`, its key results' rows
/// `MARKS[1]` to `MARKS[2]`.
struct ObjectivesAnyRow;

impl Layout for ObjectivesAnyRow {
    fn cell(&self, column: Column) -> Option<String> {
        (column == Column::Score).then(|| format!("{}{}", letter(OBJECTIVE_SCORE), MARKS[0]))
    }

    fn rows(&self, column: Column) -> Option<String> {
        let c = match column {
            Column::Score => letter(col::SCORE),
            Column::Weight => letter(col::WEIGHT),
            _ => return None,
        };
        Some(format!("{OKR_SHEET}!{c}{}:{c}{}", MARKS[1], MARKS[2]))
    }
}

/// A formula's text with its row numbers left open, filled in row by row: the same tree is
/// written on many rows, and writing its text for each row was a tenth of a large export.
struct Template {
    /// The text between the marks (one more than `marks`).
    texts: Vec<String>,
    /// Which number each mark stands for (an index into `fill`'s `numbers`).
    marks: Vec<usize>,
}

impl Template {
    /// The text of a tree written with an open layout; `None` when it holds no mark.
    fn of(text: &str) -> Option<Template> {
        let mut texts = vec![String::new()];
        let mut marks = Vec::new();
        for ch in text.chars() {
            match MARKS.iter().position(|&m| m == ch) {
                Some(i) => {
                    marks.push(i);
                    texts.push(String::new());
                }
                None => texts.last_mut()?.push(ch),
            }
        }
        (!marks.is_empty()).then_some(Template { texts, marks })
    }

    fn fill(&self, numbers: &[u32]) -> String {
        let len = self.texts.iter().map(String::len).sum::<usize>() + 8 * self.marks.len();
        let mut out = String::with_capacity(len);
        for (i, text) in self.texts.iter().enumerate() {
            if let Some(n) = i.checked_sub(1).and_then(|m| numbers.get(self.marks[m])) {
                // Writing to a String cannot fail.
                let _ = write!(out, "{n}");
            }
            out.push_str(text);
        }
        out
    }

    /// The template of `tree` written with `open`, when it fills in with `numbers` to exactly
    /// `placed_text`, the tree's own text on that row: a text that held a mark of its own
    /// would fill wrongly, and is kept out.
    fn checked(tree: &Expr, open: &dyn Layout, placed_text: &str, numbers: &[u32]) -> Option<Self> {
        Template::of(&tree.excel(open)).filter(|t| t.fill(numbers) == placed_text)
    }
}

/// Formula texts by template: each distinct tree, under a key that stands for it, written
/// once with its row numbers left open and then filled in row by row. Most rows of a plan
/// share a handful of trees (a key result's Score: one per kind under a rule, found by
/// `score_formula::key_result_inputs` without building each row's tree; an objective's
/// Score, and its Status per commitment). Gives exactly the tree's own text for the row
/// (checked when a tree is first seen, and by tests).
struct Templates<K> {
    /// Trees seen, by their keys, each with its template.
    seen: Vec<(K, Template)>,
}

impl<K: PartialEq> Templates<K> {
    /// Trees with a value of their own (thresholds) are rarely shared: past this many, a tree
    /// not seen is written directly.
    const MOST: usize = 32;

    fn new() -> Self {
        Templates { seen: Vec::new() }
    }

    /// The text of the tree `key` stands for (`tree` builds it) on the row that `placed` lays
    /// out and `numbers` fill in (`open` leaves them open). A tree without a row number in it
    /// (a typed grade), or whose text held a mark of its own, is written directly each time.
    fn text(
        &mut self,
        key: K,
        tree: impl FnOnce() -> Expr,
        (open, placed): (&dyn Layout, &dyn Layout),
        numbers: &[u32],
    ) -> String {
        if let Some((_, template)) = self.seen.iter().find(|(k, _)| *k == key) {
            return template.fill(numbers);
        }
        let tree = tree();
        let text = tree.excel(placed);
        if self.seen.len() < Self::MOST {
            if let Some(template) = Template::checked(&tree, open, &text, numbers) {
                self.seen.push((key, template));
            }
        }
        text
    }
}

/// The Score formula of a key result on (1-based) Excel row `n` of the `OKRs` sheet.
fn key_result_score(
    texts: &mut Templates<TreeInputs>,
    rule: ScoringRule,
    kr: &KeyResult,
    n: u32,
) -> String {
    texts.text(
        score_formula::key_result_inputs(rule, kr),
        || score_formula::key_result(rule, kr),
        (&OkrsAnyRow, &OkrsRow(n)),
        &[n],
    )
}

/// Which formula of the `Objectives` sheet a tree is.
#[derive(Clone, Copy, Debug, PartialEq)]
enum ObjectiveFormula {
    Score,
    Status(Commitment),
}

/// An objective's Score or Status formula on its row `at` of the `Objectives` sheet.
fn objective_formula(
    texts: &mut Templates<ObjectiveFormula>,
    which: ObjectiveFormula,
    at: &ObjectivesRow,
) -> String {
    let tree = || match which {
        ObjectiveFormula::Score => score_formula::objective(),
        ObjectiveFormula::Status(c) => score_formula::status(c),
    };
    texts.text(
        which,
        tree,
        (&ObjectivesAnyRow, at),
        &[at.n, at.first, at.last],
    )
}

/// A score as a formula's cached result: the number, or "" when there is none.
fn cached(score: Option<Score>) -> String {
    match score {
        Some(s) if s.has_data => value::plain(s.value),
        _ => String::new(),
    }
}

/// Writes text as text (never a formula, whatever it starts with); empty text leaves the
/// cell blank.
fn text(ws: &mut Worksheet, row: u32, col: u16, s: &str) -> Result<(), ExportError> {
    if !s.is_empty() {
        ws.write_string(row, col, s).map_err(excel_error)?;
    }
    Ok(())
}

/// `text` for text already owned: handed to the sheet, not copied.
fn owned_text(ws: &mut Worksheet, row: u32, col: u16, s: String) -> Result<(), ExportError> {
    if !s.is_empty() {
        ws.write_string(row, col, s).map_err(excel_error)?;
    }
    Ok(())
}

/// Gives whole columns their format: long text (titles, notes) wrapped so it prints whole,
/// Score, ID, whole numbers. A cell written without a format of its own takes its column's, and so
/// do cells typed into the column later in Excel. Per cell, rust_xlsxwriter hashed the whole
/// `Format` of every cell to find its style: a tenth of a large export.
fn column_formats(ws: &mut Worksheet, formats: &[(u16, &Format)]) -> Result<(), ExportError> {
    for (col, format) in formats {
        ws.set_column_format(*col, format).map_err(excel_error)?;
    }
    Ok(())
}

/// Every sheet prints landscape on A4, one page wide, its header row repeated on each page,
/// the plan's name and the sheet's in the page header, the export date and page numbers in the
/// footer (`&` codes as Excel defines them).
fn print_setup(ws: &mut Worksheet, plan_name: &str, today: &str) -> Result<(), ExportError> {
    let name: String = plan_name
        .chars()
        .take(120)
        .collect::<String>()
        .replace('&', "&&");
    ws.set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0)
        .set_header(format!("&L{name}&R&A"))
        .set_footer(format!("&L{}&RPage &P of &N", today.replace('&', "&&")));
    ws.set_repeat_rows(0, 0).map_err(excel_error)?;
    Ok(())
}

/// A key result's value in its kind's number format, with its unit after amounts
/// (`#,##0 "leads"`: the cell stays a number); `None` leaves the cell blank. `in_int_column`:
/// the column's own format is `Formats::int`, so a whole number needs none of its own.
fn value(
    ws: &mut Worksheet,
    (row, col, in_int_column): (u32, u16, bool),
    v: Option<f64>,
    k: &KeyResult,
    f: &Formats,
) -> Result<(), ExportError> {
    let Some(v) = v else {
        return Ok(());
    };
    let base = f.value(k.kind, v);
    let unit = k.unit.trim();
    // A quote or backslash would end or escape the format's literal: such units are only
    // in the Units sheet.
    let quotable = !unit.is_empty() && !unit.contains(['"', '\\']) && unit.chars().count() <= 40;
    let write = if k.kind.is_amount() && quotable {
        let code = if is_whole(v) {
            "#,##0"
        } else {
            "#,##0.0#########"
        };
        let with_unit = Format::new().set_num_format(format!("{code} \"{unit}\""));
        ws.write_number_with_format(row, col, v, &with_unit)
    } else if in_int_column && std::ptr::eq(base, &f.int) {
        ws.write_number(row, col, v)
    } else {
        ws.write_number_with_format(row, col, v, base)
    };
    write.map(|_| ()).map_err(excel_error)
}

fn header(ws: &mut Worksheet, columns: &[&str], f: &Formats) -> Result<(), ExportError> {
    for (c, h) in columns.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &f.header)
            .map_err(excel_error)?;
    }
    ws.set_freeze_panes(1, 0).map_err(excel_error)?;
    // A formula whose cached result is "" (nothing to score) must cache an empty text, not
    // rust_xlsxwriter's default 0, or viewers that do not recalculate would show 0.
    ws.set_formula_result_default("");
    Ok(())
}

fn widths(ws: &mut Worksheet, widths: &[f64]) -> Result<(), ExportError> {
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w).map_err(excel_error)?;
    }
    Ok(())
}

/// Red below 0.4, amber below 0.7, green from 0.7 (`score_formula::band`); blank scores stay
/// uncoloured.
fn score_colours(
    ws: &mut Worksheet,
    col: u16,
    last_row: u32,
    f: &Formats,
) -> Result<(), ExportError> {
    let rules = [
        (score::Status::OffTrack, &f.red),
        (score::Status::AtRisk, &f.amber),
        (score::Status::OnTrack, &f.green),
    ];
    for (band, format) in rules {
        let Some(rule) = score_formula::band(band) else {
            continue;
        };
        let cf = ConditionalFormatFormula::new()
            .set_rule(rule.excel(&FirstScore(col)).as_str())
            .set_format(format);
        ws.add_conditional_format(1, col, last_row, col, &cf)
            .map_err(excel_error)?;
    }
    Ok(())
}

fn list(
    ws: &mut Worksheet,
    col: u16,
    last_row: u32,
    words: &[&str],
    title: &str,
) -> Result<(), ExportError> {
    let dv = DataValidation::new()
        .allow_list_strings(words)
        .map_err(excel_error)?
        .set_error_title(title)
        .map_err(excel_error)?
        .set_error_message(format!("Choose one of: {}.", words.join(", ")))
        .map_err(excel_error)?;
    ws.add_data_validation(1, col, last_row, col, &dv)
        .map_err(excel_error)?;
    Ok(())
}

/// A check-in date written as an Excel date when it is an ISO date that reads back the same;
/// otherwise `None` (the text is written as is: "W3", "Jan").
fn iso_date(when: &str) -> Option<ExcelDateTime> {
    let b = when.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: u16 = when.get(0..4)?.parse().ok()?;
    let m: u8 = when.get(5..7)?.parse().ok()?;
    let d: u8 = when.get(8..10)?.parse().ok()?;
    if y < 1901 {
        return None;
    }
    let date = ExcelDateTime::from_ymd(y, m, d).ok()?;
    (crate::import::source::excel_date(date.to_excel()) == when).then_some(date)
}

/// Builds the workbook. `today` ("yyyy-mm-dd") becomes the document's creation date.
pub fn workbook(plan: &Plan, today: &str) -> Result<Vec<u8>, ExportError> {
    written(plan, today).map(|(bytes, _)| bytes)
}

/// `workbook`'s file and the `Workbook` that wrote it, for a caller that frees its memory
/// later: the worker answers first (dropping the cells of a large plan took 6 % of its export).
pub fn written(plan: &Plan, today: &str) -> Result<(Vec<u8>, Workbook), ExportError> {
    check_lengths(plan)?;
    let row_count = rows(plan).count();
    let check_in_count: usize = plan
        .objectives
        .iter()
        .flat_map(|o| &o.key_results)
        .map(|k| k.check_ins.len())
        .sum();
    if row_count.max(check_in_count) >= MAX_SHEET_ROWS {
        return Err(ExportError(format!(
            "The plan has {} rows; a spreadsheet sheet holds at most {}.",
            row_count.max(check_in_count),
            MAX_SHEET_ROWS - 1
        )));
    }

    let f = Formats::new();
    let mut book = Workbook::new();
    book.set_zip_compression_level(ZIP_LEVEL);
    let mut properties = DocProperties::new()
        .set_title(plan.name.as_str())
        .set_subject("Objectives and key results")
        .set_keywords("OKR")
        .set_comment("Created by okr-grid");
    if let Ok(date) = ExcelDateTime::parse_from_str(today) {
        properties = properties.set_creation_datetime(&date);
    }
    book.set_properties(&properties);

    // Sheet 1: OKRs. Remember each objective's rows and each key result's row.
    let mut objective_rows: Vec<(u32, u32)> = Vec::with_capacity(plan.objectives.len());
    let mut kr_rows: Vec<u32> = Vec::with_capacity(row_count);
    {
        let ws = book.add_worksheet();
        ws.set_name(OKR_SHEET).map_err(excel_error)?;
        header(ws, &OKR_COLUMNS, &f)?;
        ws.write_string_with_format(0, col::ID, ID_COLUMN, &f.header)
            .map_err(excel_error)?;
        column_formats(
            ws,
            &[
                (col::OBJECTIVE, &f.wrap),
                (col::KEY_RESULT, &f.wrap),
                (col::START, &f.int),
                (col::TARGET, &f.int),
                (col::CURRENT, &f.int),
                (col::SCORE, &f.score),
                (col::NOTES, &f.wrap),
                (col::ID, &f.id),
            ],
        )?;
        let mut scores = Templates::new();
        let mut r: u32 = 1;
        let mut first = 1;
        let mut current_objective = None;
        for row in rows(plan) {
            let o = row.objective;
            if current_objective != Some(o.id) {
                if current_objective.is_some() {
                    objective_rows.push((first, r - 1));
                }
                current_objective = Some(o.id);
                first = r;
            }
            text(ws, r, col::PERIOD, &o.period)?;
            text(ws, r, col::TEAM, &o.team)?;
            text(ws, r, col::OBJECTIVE, &o.title)?;
            let id = row
                .key_result
                .map_or(Target::Objective(o.id), |k| Target::KeyResult(k.id));
            owned_text(ws, r, col::ID, id.tag())?;
            if let Some(k) = row.key_result {
                kr_rows.push(r);
                text(ws, r, col::KEY_RESULT, &k.title)?;
                text(ws, r, col::TYPE, type_word(k))?;
                text(ws, r, col::OWNER, &k.owner)?;
                value(ws, (r, col::START, true), k.start, k, &f)?;
                value(ws, (r, col::TARGET, true), k.target, k, &f)?;
                value(ws, (r, col::CURRENT, true), k.current, k, &f)?;
                let formula = Formula::new(key_result_score(&mut scores, plan.scoring, k, r + 1))
                    .set_result(cached(Some(score::key_result_score_by(plan.scoring, k))));
                ws.write_formula(r, col::SCORE, formula)
                    .map_err(excel_error)?;
                ws.write_number(r, col::WEIGHT, k.weight)
                    .map_err(excel_error)?;
                if super::is_safe_link(&k.link) {
                    let url = Url::new(k.link.as_str()).set_text(k.link.as_str());
                    if ws.write_url(r, col::LINK, &url).is_err() {
                        text(ws, r, col::LINK, &k.link)?;
                    }
                } else {
                    text(ws, r, col::LINK, &k.link)?;
                }
                text(ws, r, col::NOTES, &k.notes)?;
                if let Some(c) = k.confidence {
                    ws.write_number(r, col::CONFIDENCE, f64::from(c))
                        .map_err(excel_error)?;
                }
            }
            r += 1;
        }
        if current_objective.is_some() {
            objective_rows.push((first, r - 1));
        }
        let last = r - 1;
        ws.autofilter(0, 0, last, col::ID).map_err(excel_error)?;
        // The ID column is for merging, not for reading on paper.
        ws.set_print_area(0, 0, last, col::NOTES)
            .map_err(excel_error)?;
        let styled = last + SPARE_ROWS;
        list(ws, col::TYPE, styled, &TYPE_WORDS, "Type")?;
        list(ws, col::CONFIDENCE, styled, &CONFIDENCE_WORDS, "Confidence")?;
        score_colours(ws, col::SCORE, styled, &f)?;
        widths(
            ws,
            &[
                10.0, 14.0, 40.0, 44.0, 9.0, 14.0, 10.0, 10.0, 10.0, 8.0, 8.0, 11.0, 30.0, 40.0,
                7.0,
            ],
        )?;
    }

    // Sheet 2: Objectives, with weighted scores over their OKRs rows.
    {
        let ws = book.add_worksheet();
        ws.set_name(OBJECTIVES_SHEET).map_err(excel_error)?;
        header(ws, &OBJECTIVE_COLUMNS, &f)?;
        column_formats(
            ws,
            &[(2, &f.wrap), (OBJECTIVE_SCORE, &f.score), (11, &f.id)],
        )?;
        let mut texts = Templates::new();
        for (i, (o, (a, b))) in plan.objectives.iter().zip(&objective_rows).enumerate() {
            let r = i as u32 + 1;
            let n = r + 1;
            text(ws, r, 0, &o.period)?;
            text(ws, r, 1, &o.team)?;
            text(ws, r, 2, &o.title)?;
            text(ws, r, 3, &o.owner)?;
            ws.write_number(r, 4, o.weight).map_err(excel_error)?;
            let at = ObjectivesRow {
                n,
                first: a + 1,
                last: b + 1,
            };
            let formula = objective_formula(&mut texts, ObjectiveFormula::Score, &at);
            let objective_score = score::objective_score_by(plan.scoring, o);
            ws.write_formula(
                r,
                OBJECTIVE_SCORE,
                Formula::new(formula).set_result(cached(objective_score)),
            )
            .map_err(excel_error)?;
            if plan.scoring == ScoringRule::Pace {
                // Status by pace needs the period's dates and a day: the status on the day of
                // the export, as text (the Scoring sheet says so).
                let day = okr_core::period::Date::parse(today);
                let status = okr_core::grid::status_of(plan, o, None, day);
                text(ws, r, 6, status.label())?;
            } else {
                let status = objective_score.map_or(score::Status::NoData, |s| {
                    score::status_for(s, o.commitment)
                });
                // The bands follow the objective's expectation (committed: 1.0).
                let status_formula =
                    objective_formula(&mut texts, ObjectiveFormula::Status(o.commitment), &at);
                ws.write_formula(
                    r,
                    6,
                    Formula::new(status_formula).set_result(status.label()),
                )
                .map_err(excel_error)?;
            }
            ws.write_number(r, 8, o.key_results.len() as f64)
                .map_err(excel_error)?;
            // The objective it aligns to, by title and by its row here (titles may repeat).
            if let Some(t) = o.aligned_to.and_then(|a| plan.objective_index(a)) {
                text(ws, r, 7, &plan.objectives[t].title)?;
                ws.write_number(r, 9, t as f64 + 2.0).map_err(excel_error)?;
            }
            text(ws, r, 10, o.commitment.name())?;
            owned_text(ws, r, 11, Target::Objective(o.id).tag())?;
        }
        let last = plan.objectives.len() as u32;
        ws.autofilter(0, 0, last, OBJECTIVE_COLUMNS.len() as u16 - 1)
            .map_err(excel_error)?;
        score_colours(ws, OBJECTIVE_SCORE, last + SPARE_ROWS, &f)?;
        widths(
            ws,
            &[
                10.0, 14.0, 44.0, 14.0, 8.0, 8.0, 10.0, 30.0, 11.0, 13.0, 13.0, 7.0,
            ],
        )?;
    }

    // Sheet 3: Check-ins, when there is history.
    if check_in_count > 0 {
        let ws = book.add_worksheet();
        ws.set_name(CHECK_INS_SHEET).map_err(excel_error)?;
        header(ws, &CHECK_IN_COLUMNS, &f)?;
        let mut r: u32 = 1;
        let krs = plan
            .objectives
            .iter()
            .flat_map(|o| o.key_results.iter().map(move |k| (o.title.as_str(), k)));
        for ((objective, k), kr_row) in krs.zip(&kr_rows) {
            for c in &k.check_ins {
                match iso_date(&c.when) {
                    Some(date) => {
                        ws.write_datetime_with_format(r, 0, &date, &f.date)
                            .map_err(excel_error)?;
                    }
                    None => text(ws, r, 0, &c.when)?,
                }
                text(ws, r, 1, objective)?;
                text(ws, r, 2, &k.title)?;
                ws.write_number_with_format(r, 3, c.value, f.value(k.kind, c.value))
                    .map_err(excel_error)?;
                if let Some(conf) = c.confidence {
                    ws.write_number(r, 4, f64::from(conf))
                        .map_err(excel_error)?;
                }
                text(ws, r, 5, &c.note)?;
                ws.write_number(r, 6, f64::from(kr_row + 1))
                    .map_err(excel_error)?;
                r += 1;
            }
        }
        ws.autofilter(0, 0, r - 1, CHECK_IN_COLUMNS.len() as u16 - 1)
            .map_err(excel_error)?;
        widths(ws, &[12.0, 40.0, 44.0, 10.0, 11.0, 40.0, 10.0])?;
    }

    // Initiatives, when there are any: each objective's, then each of its key results'.
    let has_initiatives = plan.objectives.iter().any(|o| {
        !o.initiatives.is_empty() || o.key_results.iter().any(|k| !k.initiatives.is_empty())
    });
    if has_initiatives {
        let ws = book.add_worksheet();
        ws.set_name(INITIATIVES_SHEET).map_err(excel_error)?;
        header(ws, &INITIATIVE_COLUMNS, &f)?;
        let mut r: u32 = 1;
        let mut krs = kr_rows.iter();
        for (oi, o) in plan.objectives.iter().enumerate() {
            let objective_row = oi as f64 + 2.0;
            let own = o.initiatives.iter().map(|i| (None, i));
            let of_krs = o
                .key_results
                .iter()
                .map(|k| (k, krs.next().copied()))
                .flat_map(|(k, row)| k.initiatives.iter().map(move |i| (Some((k, row)), i)));
            for (kr, i) in own.chain(of_krs) {
                text(ws, r, 0, &o.title)?;
                if let Some((k, _)) = kr {
                    text(ws, r, 1, &k.title)?;
                }
                text(ws, r, 2, &i.title)?;
                ws.write_number_with_format(r, 3, if i.done { 1.0 } else { 0.0 }, &f.done)
                    .map_err(excel_error)?;
                ws.write_number(r, 4, objective_row).map_err(excel_error)?;
                if let Some((_, Some(row))) = kr {
                    ws.write_number(r, 5, f64::from(row + 1))
                        .map_err(excel_error)?;
                }
                r += 1;
            }
        }
        widths(ws, &[40.0, 44.0, 44.0, 10.0, 14.0, 10.0])?;
    }

    // Milestones' steps and key results' units, when there are any: one row per step or
    // unit, naming the key result and its OKRs row.
    let with_rows = || {
        plan.objectives
            .iter()
            .flat_map(|o| o.key_results.iter().map(move |k| (o, k)))
            .zip(kr_rows.iter().copied())
    };
    let milestone = |k: &KeyResult| k.kind == Kind::Milestone && !k.steps.is_empty();
    if with_rows().any(|((_, k), _)| milestone(k)) {
        let ws = book.add_worksheet();
        ws.set_name(STEPS_SHEET).map_err(excel_error)?;
        header(ws, &STEP_COLUMNS, &f)?;
        let mut r: u32 = 1;
        for ((o, k), okrs_row) in with_rows().filter(|((_, k), _)| milestone(k)) {
            for step in &k.steps {
                text(ws, r, 0, &o.title)?;
                text(ws, r, 1, &k.title)?;
                text(ws, r, 2, &step.title)?;
                ws.write_number_with_format(r, 3, if step.done { 1.0 } else { 0.0 }, &f.done)
                    .map_err(excel_error)?;
                ws.write_number(r, 4, f64::from(okrs_row + 1))
                    .map_err(excel_error)?;
                r += 1;
            }
        }
        widths(ws, &[40.0, 44.0, 44.0, 10.0, 10.0])?;
    }
    if with_rows().any(|((_, k), _)| !k.unit.trim().is_empty()) {
        let ws = book.add_worksheet();
        ws.set_name(UNITS_SHEET).map_err(excel_error)?;
        header(ws, &UNIT_COLUMNS, &f)?;
        let with_unit = with_rows().filter(|((_, k), _)| !k.unit.trim().is_empty());
        for (r, ((o, k), okrs_row)) in (1u32..).zip(with_unit) {
            text(ws, r, 0, &o.title)?;
            text(ws, r, 1, &k.title)?;
            text(ws, r, 2, k.unit.trim())?;
            ws.write_number(r, 3, f64::from(okrs_row + 1))
                .map_err(excel_error)?;
        }
        widths(ws, &[40.0, 44.0, 14.0, 10.0])?;
    }

    // The commit / stretch values of key results.
    let thresholds = |k: &KeyResult| k.commit.is_some() || k.stretch.is_some();
    if with_rows().any(|((_, k), _)| thresholds(k)) {
        let ws = book.add_worksheet();
        ws.set_name(THRESHOLDS_SHEET).map_err(excel_error)?;
        header(ws, &THRESHOLD_COLUMNS, &f)?;
        let listed = with_rows().filter(|((_, k), _)| thresholds(k));
        for (r, ((o, k), okrs_row)) in (1u32..).zip(listed) {
            text(ws, r, 0, &o.title)?;
            text(ws, r, 1, &k.title)?;
            value(ws, (r, 2, false), k.commit, k, &f)?;
            value(ws, (r, 3, false), k.stretch, k, &f)?;
            ws.write_number(r, 4, f64::from(okrs_row + 1))
                .map_err(excel_error)?;
        }
        widths(ws, &[40.0, 44.0, 12.0, 12.0, 10.0])?;
    }

    // The backlog: rank, candidate, team, I, C, E and ICE = I × C × E as a live formula.
    if !plan.backlog.is_empty() {
        let ws = book.add_worksheet();
        ws.set_name(BACKLOG_SHEET).map_err(excel_error)?;
        header(ws, &BACKLOG_COLUMNS, &f)?;
        for (r, c) in (1u32..).zip(&plan.backlog) {
            ws.write_number(r, 0, f64::from(r)).map_err(excel_error)?;
            text(ws, r, 1, &c.title)?;
            text(ws, r, 2, &c.team)?;
            for (col, v) in [(3, c.impact), (4, c.confidence), (5, c.ease)] {
                ws.write_number(r, col, f64::from(v)).map_err(excel_error)?;
            }
            let formula = Formula::new(score_formula::ice().excel(&BacklogRow(r + 1)))
                .set_result(c.ice().to_string());
            ws.write_formula(r, 6, formula).map_err(excel_error)?;
        }
        let last = plan.backlog.len() as u32;
        let scale = DataValidation::new()
            .allow_whole_number(DataValidationRule::Between(1, 10))
            .set_error_title("Impact, Confidence, Ease")
            .map_err(excel_error)?
            .set_error_message("A whole number from 1 to 10.")
            .map_err(excel_error)?;
        ws.add_data_validation(1, 3, last + SPARE_ROWS, 5, &scale)
            .map_err(excel_error)?;
        widths(ws, &[6.0, 48.0, 16.0, 8.0, 11.0, 8.0, 8.0])?;
    }

    // Periods, when the plan dates any.
    if !plan.periods.is_empty() {
        let ws = book.add_worksheet();
        ws.set_name(PERIODS_SHEET).map_err(excel_error)?;
        header(ws, &PERIOD_COLUMNS, &f)?;
        for (i, p) in plan.periods.iter().enumerate() {
            let r = i as u32 + 1;
            text(ws, r, 0, &p.name)?;
            let kind = match p.kind {
                PeriodKind::Year => "year",
                PeriodKind::Quarter => "quarter",
                PeriodKind::Month => "month",
            };
            text(ws, r, 1, kind)?;
            for (c, day) in [(2, p.start), (3, p.end)] {
                match iso_date(&day.to_string()) {
                    Some(date) => ws
                        .write_datetime_with_format(r, c, &date, &f.date)
                        .map(|_| ())
                        .map_err(excel_error)?,
                    None => text(ws, r, c, &day.to_string())?,
                }
            }
        }
        widths(ws, &[14.0, 10.0, 12.0, 12.0])?;
    }

    // Last: the scoring rule in force, named (always written).
    {
        let ws = book.add_worksheet();
        ws.set_name(SCORING_SHEET).map_err(excel_error)?;
        header(ws, &SCORING_COLUMNS, &f)?;
        text(ws, 1, 0, plan.scoring.label())?;
        text(ws, 1, 1, plan.scoring.code())?;
        ws.write_number_with_format(1, 2, plan.pace_margin, &f.pct_int)
            .map_err(excel_error)?;
        let mut about = plan.scoring.summary().to_string();
        if plan.scoring == ScoringRule::Pace {
            about.push_str(&format!(" Objectives' Status is as of {today}."));
        }
        text(ws, 1, 3, &about)?;
        widths(ws, &[26.0, 12.0, 12.0, 100.0])?;
    }

    for ws in book.worksheets_mut() {
        print_setup(ws, &plan.name, today)?;
    }
    base_sheet(&mut book, plan, &f)?;
    let bytes = book.save_to_buffer().map_err(excel_error)?;
    Ok((bytes, book))
}

/// The hidden `Merge base` sheet: what this export wrote, as `merge` compares it, so a
/// returned copy can be merged three-way (see `export::BASE_SHEET`). Left out when it would
/// not fit a sheet (returned copies then merge by titles).
fn base_sheet(book: &mut Workbook, plan: &Plan, f: &Formats) -> Result<(), ExportError> {
    let rows = plan.objectives.len() + plan.key_result_count();
    if rows + 1 >= MAX_SHEET_ROWS {
        return Ok(());
    }
    let ws = book.add_worksheet();
    ws.set_name(BASE_SHEET).map_err(excel_error)?;
    header(ws, &BASE_COLUMNS, f)?;
    let mut r: u32 = 1;
    for o in &plan.objectives {
        let parent = Target::Objective(o.id).tag();
        text(ws, r, 0, &parent)?;
        let values = merge::objective_values(o);
        text(ws, r, 2, &values[&merge::Field::Title])?;
        text(ws, r, 3, &values[&merge::Field::Owner])?;
        r += 1;
        for k in &o.key_results {
            owned_text(ws, r, 0, Target::KeyResult(k.id).tag())?;
            text(ws, r, 1, &parent)?;
            for (c, (_, v)) in merge::key_result_value_list(k).into_iter().enumerate() {
                owned_text(ws, r, c as u16 + 2, v)?;
            }
            r += 1;
        }
    }
    ws.set_hidden(true);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use okr_core::model::{CheckIn, Plan};

    #[test]
    fn score_formulas_follow_the_kind() {
        let mut plan = Plan::new("p");
        let mut k = plan.new_key_result("k");
        let linear = |k: &KeyResult, n| score_formula_by(ScoringRule::Linear, k, n);
        assert_eq!(
            linear(&k, 2),
            r#"IF(OR(G2="",H2="",I2=""),"",IF(H2=G2,IF(I2=H2,1,0),MIN(1,MAX(0,(I2-G2)/(H2-G2)))))"#
        );
        k.kind = Kind::Binary;
        assert_eq!(linear(&k, 7), r#"IF(I7="","",IF(I7>=1,1,0))"#);
        k.score_override = Some(0.6);
        assert_eq!(linear(&k, 7), "0.6");
    }

    #[test]
    fn score_texts_filled_row_by_row_are_the_formulas_written_for_each_row() {
        let mut plan = Plan::new("p");
        let mut krs = Vec::new();
        for (i, kind) in Kind::ALL.into_iter().enumerate() {
            for variant in 0..6 {
                let mut k = plan.new_key_result("k");
                k.kind = kind;
                (k.start, k.target) = (Some(1.0), Some(15.0));
                match variant {
                    1 => k.score_override = Some(0.25 * i as f64),
                    2 => k.commit = Some(3.0),
                    3 => k.stretch = Some(12.5 + i as f64),
                    4 => (k.commit, k.stretch) = (Some(2.0), Some(20.0)),
                    _ => {}
                }
                krs.push(k);
            }
        }
        // More distinct trees than `Templates` keeps: thresholds with values of their own.
        for v in 0..(Templates::<TreeInputs>::MOST as u32 + 8) {
            let mut k = plan.new_key_result("k");
            (k.start, k.target) = (Some(0.0), Some(100.0));
            k.commit = Some(f64::from(v) + 0.5);
            krs.push(k);
        }
        for rule in ScoringRule::ALL {
            let mut texts = Templates::new();
            // Every key result twice, rows of one, two and six digits.
            for (i, k) in krs.iter().chain(&krs).enumerate() {
                let n = [2, 10, 999_999][i % 3] + i as u32;
                assert_eq!(
                    key_result_score(&mut texts, rule, k, n),
                    score_formula_by(rule, k, n),
                    "{rule:?} {k:?}"
                );
            }
            // Every distinct tree with a row in it was kept (up to `MOST`; under thresholds
            // there are more), so most texts above were filled in. A constant (an override)
            // is written as it is.
            let mut distinct: Vec<TreeInputs> = Vec::new();
            for k in &krs {
                let tree = score_formula::key_result(rule, k);
                let inputs = score_formula::key_result_inputs(rule, k);
                if tree.excel(&OkrsRow(2)) != tree.excel(&OkrsRow(3)) && !distinct.contains(&inputs)
                {
                    distinct.push(inputs);
                }
            }
            assert!(distinct.len() >= Kind::ALL.len(), "{rule:?}");
            assert_eq!(
                texts.seen.len(),
                distinct.len().min(Templates::<TreeInputs>::MOST),
                "{rule:?}"
            );
            if rule == ScoringRule::Thresholds {
                assert!(distinct.len() > Templates::<TreeInputs>::MOST);
            }
        }
    }

    #[test]
    fn objective_texts_filled_row_by_row_are_the_formulas_placed_on_each_row() {
        let mut texts = Templates::new();
        let rows = [
            (2, 2, 5),
            (3, 6, 9),
            (10, 40, 44),
            (999_999, 1_000_000, 1_000_003),
        ];
        for (n, first, last) in rows {
            let at = ObjectivesRow { n, first, last };
            assert_eq!(
                objective_formula(&mut texts, ObjectiveFormula::Score, &at),
                score_formula::objective().excel(&at)
            );
            for c in [Commitment::Aspirational, Commitment::Committed] {
                assert_eq!(
                    objective_formula(&mut texts, ObjectiveFormula::Status(c), &at),
                    score_formula::status(c).excel(&at)
                );
            }
        }
        // Filled in from templates, not written from the trees: the Score and both Statuses
        // were kept.
        let kept: Vec<ObjectiveFormula> = texts.seen.iter().map(|(k, _)| *k).collect();
        assert_eq!(
            kept,
            [
                ObjectiveFormula::Score,
                ObjectiveFormula::Status(Commitment::Aspirational),
                ObjectiveFormula::Status(Commitment::Committed),
            ]
        );
    }

    #[test]
    fn objective_colour_and_ice_formulas_are_placed_on_their_rows() {
        let at = ObjectivesRow {
            n: 3,
            first: 5,
            last: 7,
        };
        assert_eq!(
            score_formula::objective().excel(&at),
            r#"IF(OR(COUNT(OKRs!J5:J7)=0,SUMPRODUCT((OKRs!K5:K7>0)*OKRs!K5:K7)=0),"",SUMPRODUCT(OKRs!J5:J7,(OKRs!K5:K7>0)*OKRs!K5:K7)/SUMPRODUCT((OKRs!K5:K7>0)*OKRs!K5:K7))"#
        );
        assert_eq!(
            score_formula::status(okr_core::model::Commitment::Aspirational).excel(&at),
            r#"IF(F3="","No data",IF(F3>=0.7,"On track",IF(F3>=0.4,"At risk","Off track")))"#
        );
        let red = score_formula::band(score::Status::OffTrack).unwrap();
        assert_eq!(
            red.excel(&FirstScore(col::SCORE)),
            "AND(ISNUMBER(J2),J2<0.4)"
        );
        assert_eq!(
            red.excel(&FirstScore(OBJECTIVE_SCORE)),
            "AND(ISNUMBER(F2),F2<0.4)"
        );
        assert_eq!(score_formula::ice().excel(&BacklogRow(4)), "D4*E4*F4");
    }

    #[test]
    fn iso_dates_become_dates_and_other_labels_stay_text() {
        assert!(iso_date("2026-03-31").is_some());
        assert!(iso_date("2024-02-29").is_some());
        assert!(iso_date("2026-02-30").is_none());
        assert!(iso_date("W3").is_none());
        assert!(iso_date("2026-3-31").is_none());
        assert!(iso_date("1900-01-01").is_none());
        assert!(iso_date("+026-03-31").is_none());
    }

    #[test]
    fn a_workbook_is_written_for_the_example_and_for_an_empty_plan() {
        let bytes = workbook(&okr_core::example::example_plan(), "2026-11-25").unwrap();
        assert_eq!(&bytes[..2], b"PK");
        let bytes = workbook(&Plan::new("empty"), "not a date").unwrap();
        assert_eq!(&bytes[..2], b"PK");
        let mut plan = okr_core::example::example_plan();
        plan.objectives[0].key_results[0].check_ins.push(CheckIn {
            when: "2026-01-05".into(),
            value: 3.0,
            note: "first".into(),
            confidence: Some(6),
        });
        assert!(workbook(&plan, "2026-11-25").is_ok());
    }
}
