//! Where an imported plan's values came from, so that an export can write the plan back into
//! the very workbook it was read from (`export::original`), changing only what changed.
//!
//! At import every value okr-grid reads from a sheet row (titles, owners, notes, start, target,
//! current, score, check-in columns) is remembered with its sheet and cell and with the value as
//! read (`SourceCell`). `changes` compares a plan with that map: a cell is rewritten only when
//! its value in the plan differs from the one read, new check-ins go into the file's own column
//! for their week or month, and objectives or key results the file does not have (added in
//! okr-grid) or no longer in the plan (deleted in okr-grid) are listed, never written or removed.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::model::{Id, KeyResult, Kind, Objective, Plan};
use crate::period::{Date, Period};

/// The sheet an export to the original adds to list what the file does not take (added in
/// okr-grid) or still holds (deleted in okr-grid); the importer does not read it as OKRs.
pub const LISTED_SHEET: &str = "Added in okr-grid";

/// The file a plan was imported from, kept with the plan: small, whatever the file's size.
/// Where each value came from (`SourceMap`) is read again from the file when it is needed: the
/// same bytes read with the same choices give the same plan, which `fingerprint` checks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Origin {
    pub file_name: String,
    pub format: FileFormat,
    /// The file's length and digest (`digest_of`): which bytes the plan came from.
    pub size: u64,
    pub digest: String,
    /// The import's choices (columns, readings, skipped sheets), as `import::Choices` writes them.
    #[serde(default)]
    pub choices: String,
    /// `fingerprint_of` the objectives the import read.
    #[serde(default)]
    pub fingerprint: String,
}

/// Where each value of an import came from, and the check-in columns of its sheets.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SourceMap {
    pub cells: Vec<SourceCell>,
    /// Check-in columns (a week, a month, a date) per sheet, for check-ins added later.
    pub check_in_columns: Vec<CheckInColumn>,
    /// The objectives as the import read them, when the map was read again for an export
    /// (empty in a preview): what changed since, even where the file has no cell for it.
    pub read: Vec<Objective>,
}

/// What an import read, as a digest: reading the file again must give the same. It is
/// `digest_of` the objectives' JSON, hashed as it is written (a plan of 10,000 key results is
/// megabytes of JSON, never held whole); stored fingerprints stay valid.
pub fn fingerprint_of(objectives: &[Objective]) -> String {
    let mut digest = Fnv::default();
    match serde_json::to_writer(&mut digest, objectives) {
        Ok(()) => digest.hex(),
        // As the text it once was: nothing (plain data always serialises).
        Err(_) => digest_of(b""),
    }
}

/// What the file was; only .xlsx and .xlsm can be written back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileFormat {
    Xlsx,
    Xls,
    Ods,
    Text,
}

/// A cell of the original workbook: sheet name, row and column from 0 (A1 is 0, 0).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CellAt {
    pub sheet: String,
    pub row: u32,
    pub col: u32,
}

impl CellAt {
    /// "Sheet!C5", as a user finds it in Excel.
    pub fn a1(&self) -> String {
        format!(
            "{}!{}{}",
            self.sheet,
            column_letters(self.col),
            self.row + 1
        )
    }
}

/// "A", "Z", "AA", … for a column from 0.
pub fn column_letters(col: u32) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        out.push(b'A' + r);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourceCell {
    /// The objective or key result the value belongs to.
    pub item: Id,
    pub field: SourceField,
    pub at: CellAt,
    pub imported: Imported,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceField {
    Title,
    Owner,
    Notes,
    Start,
    Target,
    Current,
    /// A score the sheet computes (a formula): only its cached value is refreshed.
    Score,
    /// The check-in column with this label ("Week 3", "2026-01-15", "Jan").
    CheckIn(String),
}

/// The value as read, and how the cell held it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Imported {
    /// Text; `prefix` is numbering taken off a title ("1. ", "KR1.2 "), put back on write.
    Text { value: String, prefix: String },
    /// A number in okr-grid's units; the cell holds `value × scale` (45 for 45 % read as
    /// 0.45), or, when `text` is set, that text with the number in it ("93 days").
    Number {
        value: Option<f64>,
        scale: f64,
        text: Option<String>,
    },
    /// Done / not done.
    Done(Option<bool>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct CheckInColumn {
    pub sheet: String,
    pub col: u32,
    pub label: String,
    /// The days its header names, as the importer read it (`None`: it names none).
    pub time: Option<ColumnTime>,
}

/// The time a check-in column's header names.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ColumnTime {
    /// "2026-01-15": from that day until the next dated column.
    Day(Date),
    /// A quarter, a year or a month with its year ("Q4-2026", "Mar 2026").
    Span(Date, Date),
    /// "Jan", "febrero"; in the check-in's year when the header names none.
    Month { year: Option<i32>, month: u32 },
    /// "W3", "Week 3", "KW 3", "第3周": an ISO week.
    Week { year: Option<i32>, week: u32 },
}

/// A value to write into a cell of the original.
#[derive(Clone, Debug, PartialEq)]
pub enum NewValue {
    Text(String),
    Number(f64),
    Done(bool),
    Empty,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Write {
    pub at: CellAt,
    pub value: NewValue,
    /// Only the cached result of the cell's formula is refreshed (a score the sheet computes).
    pub cached_only: bool,
}

/// An objective or key result that is in one of plan and file but not the other.
#[derive(Clone, Debug, PartialEq)]
pub struct Listed {
    pub objective: String,
    /// Empty for an objective.
    pub key_result: String,
    pub owner: String,
    pub start: Option<f64>,
    pub target: Option<f64>,
    pub current: Option<f64>,
    /// Where it still is in the file (deleted ones).
    pub at: Option<CellAt>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Changes {
    /// In sheet, row, column order; one per cell.
    pub writes: Vec<Write>,
    pub added: Vec<Listed>,
    pub deleted: Vec<Listed>,
    /// Check-ins whose date has no column in the file (their latest value is in Current).
    pub unplaced_check_ins: usize,
    /// Values changed in okr-grid that the file has no cell for (a Current where it has no
    /// Current column, a target read from a title's words): kept in okr-grid only.
    pub not_in_file: usize,
    /// Rows the added key results of an objective could take in the file, right under its last
    /// one (`export::original` writes them there when the layout allows, else lists them).
    pub new_rows: Vec<NewRows>,
}

/// Key results added in okr-grid under an objective the file lays out one key result per row,
/// its title in a column of its own: the rows right under the objective's last row.
#[derive(Clone, Debug, PartialEq)]
pub struct NewRows {
    pub sheet: String,
    /// The objective's last row (from 0): new rows copy its styles and its own-row formulas.
    pub after: u32,
    /// The objective's column and title as the file writes them: put on the new rows too when
    /// the last row repeats it.
    pub objective: (u32, String),
    /// Per key result, in order: its index in `Changes::added` and the cells of its row.
    pub rows: Vec<(usize, Vec<(u32, NewValue)>)>,
}

/// A 64-bit FNV-1a digest of a file's bytes, in hex: names the stored copy of an original.
pub fn digest_of(bytes: &[u8]) -> String {
    let mut digest = Fnv::default();
    digest.add(bytes);
    digest.hex()
}

/// 64-bit FNV-1a over the bytes given so far (`digest_of`, `fingerprint_of`).
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn add(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn hex(&self) -> String {
        format!("{:016x}", self.0)
    }
}

impl std::io::Write for Fnv {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.add(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn same_number(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0),
        (None, None) => true,
        _ => false,
    }
}

/// A number as a cell holds it: `scale`d, without float noise (45.00000000000001 → 45).
fn scaled(v: f64, scale: f64) -> f64 {
    let x = v * scale;
    let rounded = (x * 1e9).round() / 1e9;
    if (rounded - x).abs() < 1e-12 * x.abs().max(1.0) {
        rounded
    } else {
        x
    }
}

/// `text` with its first number replaced by `v` ("93 days" → "120 days"); `v` alone when the
/// text has no number.
fn with_number(text: &str, v: f64) -> String {
    let shown = crate::value::plain(v);
    let bytes = text.as_bytes();
    let start = bytes.iter().position(u8::is_ascii_digit);
    let Some(mut start) = start else {
        return shown;
    };
    if start > 0 && bytes[start - 1] == b'-' {
        start -= 1;
    }
    let mut end = start + 1;
    while end < bytes.len()
        && (bytes[end].is_ascii_digit() || bytes[end] == b'.' || bytes[end] == b',')
    {
        end += 1;
    }
    // Not a number's own trailing separator ("5, 6").
    while end > start + 1 && matches!(bytes[end - 1], b'.' | b',') {
        end -= 1;
    }
    format!("{}{}{}", &text[..start], shown, &text[end..])
}

fn plain(v: NewValue) -> (NewValue, bool) {
    (v, false)
}

enum Item<'a> {
    Objective(&'a Objective),
    KeyResult(&'a KeyResult),
}

fn new_text(imported: &Imported, now: &str) -> Option<NewValue> {
    match imported {
        Imported::Text { value, prefix } => (value != now).then(|| {
            if now.is_empty() {
                NewValue::Empty
            } else {
                NewValue::Text(format!("{prefix}{now}"))
            }
        }),
        _ => None,
    }
}

fn new_number(imported: &Imported, now: Option<f64>, kind: Kind) -> Option<NewValue> {
    match imported {
        Imported::Number { value, scale, text } => {
            if same_number(*value, now) {
                return None;
            }
            Some(match (now, text) {
                (None, _) => NewValue::Empty,
                (Some(v), Some(t)) => NewValue::Text(with_number(t, scaled(v, *scale))),
                (Some(v), None) => NewValue::Number(scaled(v, *scale)),
            })
        }
        Imported::Done(was) => {
            let now_done = now.map(|v| v >= 1.0 || (kind != Kind::Binary && v > 0.0));
            (*was != now_done).then_some(match now_done {
                Some(d) => NewValue::Done(d),
                None => NewValue::Empty,
            })
        }
        Imported::Text { .. } => None,
    }
}

/// The first and last day a check-in column stands for, in the year of `day` when its header
/// names none; a dated column runs up to the next dated one (or a week).
fn column_span(time: &ColumnTime, day: Date, next_dated: Option<Date>) -> Option<(Date, Date)> {
    let (this_year, _, _) = day.ymd();
    match *time {
        ColumnTime::Day(d) => {
            let end = match next_dated {
                Some(n) if n > d => n.add_days(-1),
                _ => d.add_days(6),
            };
            Some((d, end))
        }
        ColumnTime::Span(from, to) => Some((from, to)),
        ColumnTime::Month { year, month } => {
            let p = Period::month(year.unwrap_or(this_year), month)?;
            Some((p.start, p.end))
        }
        ColumnTime::Week { year, week } => {
            if !(1..=53).contains(&week) {
                return None;
            }
            // ISO weeks: week 1 holds 4 January; weeks start on Monday (2024-01-01 was one).
            let year = year.unwrap_or(this_year);
            let jan4 = Date::new(year, 1, 4)?;
            let weekday = Date::new(2024, 1, 1)?.days_until(jan4).rem_euclid(7);
            let start = jan4.add_days(-weekday).add_days(7 * (week as i32 - 1));
            Some((start, start.add_days(6)))
        }
    }
}

/// The check-in column of `sheet` that `day` falls in, if the file has one.
fn column_for(columns: &[&CheckInColumn], day: Date) -> Option<u32> {
    let day_of = |c: &CheckInColumn| match c.time {
        Some(ColumnTime::Day(d)) => Some(d),
        _ => None,
    };
    let mut dated: Vec<Date> = columns.iter().filter_map(|c| day_of(c)).collect();
    dated.sort();
    columns.iter().find_map(|c| {
        let next = day_of(c).and_then(|d| dated.iter().copied().find(|x| *x > d));
        let (from, to) = column_span(c.time.as_ref()?, day, next)?;
        (from <= day && day <= to).then_some(c.col)
    })
}

fn listed(o: &Objective, kr: Option<&KeyResult>, at: Option<CellAt>) -> Listed {
    Listed {
        objective: o.title.clone(),
        key_result: kr.map(|k| k.title.clone()).unwrap_or_default(),
        owner: kr.map_or(&o.owner, |k| &k.owner).clone(),
        start: kr.and_then(|k| k.start),
        target: kr.and_then(|k| k.target),
        current: kr.and_then(|k| k.current),
        at,
    }
}

/// An objective's block of key-result rows in the file: one key result per row, in one column,
/// the objective's title in another column at or above the first.
struct Block<'a> {
    sheet: String,
    after: u32,
    objective: (u32, String),
    /// The last key result's cells (title, owner, notes, start, target, current): where a new
    /// row's values go, and in what form.
    model: Vec<&'a SourceCell>,
}

impl Block<'_> {
    fn cells_of(&self, k: &KeyResult) -> Vec<(u32, NewValue)> {
        let mut out = Vec::new();
        for c in &self.model {
            let number = |v: Option<f64>| -> Option<NewValue> {
                let v = v?;
                Some(match (&c.imported, k.kind) {
                    (_, Kind::Binary) => NewValue::Done(v >= 1.0),
                    (Imported::Number { scale, .. }, _) => NewValue::Number(scaled(v, *scale)),
                    _ => NewValue::Number(v),
                })
            };
            let text = |t: &str| (!t.is_empty()).then(|| NewValue::Text(t.to_string()));
            let value = match c.field {
                SourceField::Title => text(&k.title),
                SourceField::Owner => text(&k.owner),
                SourceField::Notes => text(&k.notes),
                SourceField::Start if k.kind != Kind::Binary => number(k.start),
                SourceField::Target if k.kind != Kind::Binary => number(k.target),
                SourceField::Current => number(k.current),
                _ => None,
            };
            if let Some(v) = value {
                out.push((c.at.col, v));
            }
        }
        out
    }
}

fn row_block<'a>(
    by_item: &HashMap<Id, Vec<&'a SourceCell>>,
    o: &Objective,
    titled: &HashMap<Id, &CellAt>,
) -> Option<Block<'a>> {
    let objective_at = *titled.get(&o.id)?;
    let rows: Vec<&CellAt> = o
        .key_results
        .iter()
        .filter_map(|k| titled.get(&k.id).copied())
        .collect();
    let last = *rows.last()?;
    let one_column = rows
        .iter()
        .all(|a| a.sheet == objective_at.sheet && a.col == last.col);
    let distinct_rows = rows.windows(2).all(|w| w[0].row < w[1].row);
    if !one_column
        || !distinct_rows
        || last.col == objective_at.col
        || rows[0].row < objective_at.row
    {
        return None;
    }
    let model_id = o
        .key_results
        .iter()
        .rev()
        .find(|k| titled.contains_key(&k.id))?
        .id;
    let model: Vec<&SourceCell> = by_item
        .get(&model_id)?
        .iter()
        .copied()
        .filter(|c| c.at.row == last.row && c.at.sheet == last.sheet)
        .filter(|c| {
            matches!(
                c.field,
                SourceField::Title
                    | SourceField::Owner
                    | SourceField::Notes
                    | SourceField::Start
                    | SourceField::Target
                    | SourceField::Current
            )
        })
        .collect();
    let prefix = by_item.get(&o.id)?.iter().find_map(|c| match &c.imported {
        Imported::Text { prefix, .. } if c.field == SourceField::Title => Some(prefix.clone()),
        _ => None,
    });
    Some(Block {
        sheet: last.sheet.clone(),
        after: last.row,
        objective: (
            objective_at.col,
            format!("{}{}", prefix.unwrap_or_default(), o.title),
        ),
        model,
    })
}

/// The objectives and key results of `ids` (no longer in the plan) as the file still has them.
fn deleted_listing(origin: &SourceMap, ids: &[Id], titled: &HashMap<Id, &CellAt>) -> Vec<Listed> {
    let mut of_item: HashMap<Id, Vec<&SourceCell>> = HashMap::new();
    for c in &origin.cells {
        of_item.entry(c.item).or_default().push(c);
    }
    // Title cells per sheet in row order: a key result is listed under the title nearest above
    // it and to its left (its objective's).
    let mut titles: HashMap<&str, Vec<&SourceCell>> = HashMap::new();
    for c in origin
        .cells
        .iter()
        .filter(|c| c.field == SourceField::Title)
    {
        titles.entry(c.at.sheet.as_str()).or_default().push(c);
    }
    for list in titles.values_mut() {
        list.sort_by_key(|c| (c.at.row, c.at.col));
    }
    let text = |c: &SourceCell| match &c.imported {
        Imported::Text { value, .. } => Some(value.clone()),
        _ => None,
    };
    ids.iter()
        .map(|id| {
            let cells = of_item.get(id).map(Vec::as_slice).unwrap_or_default();
            let field_text =
                |f: SourceField| cells.iter().find(|c| c.field == f).and_then(|c| text(c));
            let number = |f: SourceField| {
                cells
                    .iter()
                    .find(|c| c.field == f)
                    .and_then(|c| match &c.imported {
                        Imported::Number { value, .. } => *value,
                        _ => None,
                    })
            };
            let at = titled.get(id).map(|a| (*a).clone());
            let name = field_text(SourceField::Title).unwrap_or_default();
            let objective = at.as_ref().and_then(|a| {
                let list = titles.get(a.sheet.as_str())?;
                let end = list.partition_point(|c| (c.at.row, c.at.col) <= (a.row, a.col));
                list[..end]
                    .iter()
                    .rev()
                    .find(|c| c.item != *id && c.at.col < a.col)
                    .and_then(|c| text(c))
            });
            let (objective, key_result) = match objective {
                Some(o) => (o, name),
                None => (name, String::new()),
            };
            Listed {
                objective,
                key_result,
                owner: field_text(SourceField::Owner).unwrap_or_default(),
                start: number(SourceField::Start),
                target: number(SourceField::Target),
                current: number(SourceField::Current),
                at,
            }
        })
        .collect()
}

/// What an export to the original must write, list and report for `plan`.
pub fn changes(plan: &Plan, origin: &SourceMap) -> Changes {
    let mut items: HashMap<Id, Item> = HashMap::new();
    for o in &plan.objectives {
        items.insert(o.id, Item::Objective(o));
        for kr in &o.key_results {
            items.insert(kr.id, Item::KeyResult(kr));
        }
    }
    let mut writes: BTreeMap<CellAt, Write> = BTreeMap::new();
    let mut put = |at: &CellAt, value: NewValue, cached_only: bool| {
        writes.insert(
            at.clone(),
            Write {
                at: at.clone(),
                value,
                cached_only,
            },
        );
    };
    let mut titled: HashMap<Id, &CellAt> = HashMap::new();
    let mut deleted_ids: Vec<Id> = Vec::new();
    let mut deleted_seen: HashSet<Id> = HashSet::new();
    let mut labels_of: HashMap<Id, HashSet<&str>> = HashMap::new();
    // Key results with a value written: the score their sheet computes is stale.
    let mut revalued: HashSet<Id> = HashSet::new();
    for cell in &origin.cells {
        if cell.field == SourceField::Title {
            titled.insert(cell.item, &cell.at);
        }
        let Some(item) = items.get(&cell.item) else {
            if deleted_seen.insert(cell.item) {
                deleted_ids.push(cell.item);
            }
            continue;
        };
        let new = match (item, &cell.field) {
            (Item::Objective(o), SourceField::Title) => {
                new_text(&cell.imported, &o.title).map(plain)
            }
            (Item::Objective(o), SourceField::Owner) => {
                new_text(&cell.imported, &o.owner).map(plain)
            }
            (Item::KeyResult(k), SourceField::Title) => {
                new_text(&cell.imported, &k.title).map(plain)
            }
            (Item::KeyResult(k), SourceField::Owner) => {
                new_text(&cell.imported, &k.owner).map(plain)
            }
            (Item::KeyResult(k), SourceField::Notes) => {
                new_text(&cell.imported, &k.notes).map(plain)
            }
            (Item::KeyResult(k), SourceField::Start) => {
                new_number(&cell.imported, k.start, k.kind).map(plain)
            }
            (Item::KeyResult(k), SourceField::Target) => {
                new_number(&cell.imported, k.target, k.kind).map(plain)
            }
            (Item::KeyResult(k), SourceField::Current) => {
                new_number(&cell.imported, k.current, k.kind).map(plain)
            }
            // Once the values are known to have changed (below).
            (Item::KeyResult(_), SourceField::Score) => None,
            (Item::KeyResult(k), SourceField::CheckIn(label)) => {
                labels_of.entry(k.id).or_default().insert(label.as_str());
                let now = k
                    .check_ins
                    .iter()
                    .find(|c| &c.when == label)
                    .map(|c| c.value);
                new_number(&cell.imported, now, k.kind).map(plain)
            }
            _ => None,
        };
        if let Some((v, cached_only)) = new {
            if matches!(
                cell.field,
                SourceField::Start
                    | SourceField::Target
                    | SourceField::Current
                    | SourceField::CheckIn(_)
            ) {
                revalued.insert(cell.item);
            }
            put(&cell.at, v, cached_only);
        }
    }
    // Check-ins added in okr-grid: into the file's column for their day, the latest wins, in
    // the form the key result's other check-in cells have.
    let mut by_item: HashMap<Id, Vec<&SourceCell>> = HashMap::new();
    for c in &origin.cells {
        by_item.entry(c.item).or_default().push(c);
    }
    let mut check_in_form: HashMap<Id, &Imported> = HashMap::new();
    for c in &origin.cells {
        if matches!(c.field, SourceField::CheckIn(_)) {
            check_in_form.entry(c.item).or_insert(&c.imported);
        }
    }
    let mut unplaced = 0;
    let mut added = Vec::new();
    let mut new_rows = Vec::new();
    // What the import read (when known): read but without a title cell is not "added".
    let read: HashSet<Id> = origin
        .read
        .iter()
        .flat_map(|o| std::iter::once(o.id).chain(o.key_results.iter().map(|k| k.id)))
        .collect();
    for o in &plan.objectives {
        if !titled.contains_key(&o.id)
            && !read.contains(&o.id)
            && !o.key_results.iter().any(|k| titled.contains_key(&k.id))
        {
            added.push(listed(o, None, None));
        }
        let block = row_block(&by_item, o, &titled);
        let mut rows = Vec::new();
        for k in &o.key_results {
            if read.contains(&k.id) && !titled.contains_key(&k.id) {
                continue;
            }
            let Some(title_at) = titled.get(&k.id) else {
                if let Some(b) = &block {
                    rows.push((added.len(), b.cells_of(k)));
                }
                added.push(listed(o, Some(k), None));
                continue;
            };
            let known = labels_of.get(&k.id);
            let columns: Vec<&CheckInColumn> = origin
                .check_in_columns
                .iter()
                .filter(|c| c.sheet == title_at.sheet)
                .collect();
            let kind_scale = check_in_form.get(&k.id).copied().cloned();
            for c in &k.check_ins {
                if known.is_some_and(|l| l.contains(c.when.as_str())) {
                    continue;
                }
                let placed = Date::parse(&c.when).and_then(|day| column_for(&columns, day));
                let Some(col) = placed else {
                    unplaced += 1;
                    continue;
                };
                let at = CellAt {
                    sheet: title_at.sheet.clone(),
                    row: title_at.row,
                    col,
                };
                let value = match &kind_scale {
                    Some(Imported::Number { scale, .. }) => {
                        NewValue::Number(scaled(c.value, *scale))
                    }
                    Some(Imported::Done(_)) => NewValue::Done(c.value >= 1.0),
                    _ if k.kind == Kind::Percent => NewValue::Number(c.value),
                    _ => NewValue::Number(c.value),
                };
                put(&at, value, false);
                revalued.insert(k.id);
            }
        }
        if let (Some(b), false) = (block, rows.is_empty()) {
            new_rows.push(NewRows {
                sheet: b.sheet,
                after: b.after,
                objective: b.objective,
                rows,
            });
        }
    }
    // The cached result of the sheet's score formula, for viewers that do not recalculate:
    // okr-grid's score, for the key results whose values changed.
    for cell in &origin.cells {
        let (SourceField::Score, Some(Item::KeyResult(k))) = (&cell.field, items.get(&cell.item))
        else {
            continue;
        };
        let s = crate::score::key_result_score_by(plan.scoring, k);
        if revalued.contains(&k.id) && s.has_data {
            if let Some(v) = new_number(&cell.imported, Some(s.value), k.kind) {
                put(&cell.at, v, true);
            }
        }
    }
    let deleted = if deleted_ids.is_empty() {
        Vec::new()
    } else {
        deleted_listing(origin, &deleted_ids, &titled)
    };
    Changes {
        writes: writes.into_values().collect(),
        added,
        deleted,
        unplaced_check_ins: unplaced,
        not_in_file: not_in_file(&items, origin),
        new_rows,
    }
}

/// How many values changed since the import (titles, owners, notes, start, target, current)
/// have no cell in the file to go to.
fn not_in_file(items: &HashMap<Id, Item>, map: &SourceMap) -> usize {
    let has: HashSet<(Id, &SourceField)> = map.cells.iter().map(|c| (c.item, &c.field)).collect();
    let mut n = 0;
    let mut count = |id: Id, field: SourceField, changed: bool| {
        if changed && !has.contains(&(id, &field)) {
            n += 1;
        }
    };
    for was in &map.read {
        if let Some(Item::Objective(now)) = items.get(&was.id) {
            count(was.id, SourceField::Title, was.title != now.title);
            count(was.id, SourceField::Owner, was.owner != now.owner);
        }
        for k in &was.key_results {
            let Some(Item::KeyResult(now)) = items.get(&k.id) else {
                continue;
            };
            count(k.id, SourceField::Title, k.title != now.title);
            count(k.id, SourceField::Owner, k.owner != now.owner);
            count(k.id, SourceField::Notes, k.notes != now.notes);
            count(k.id, SourceField::Start, !same_number(k.start, now.start));
            count(
                k.id,
                SourceField::Target,
                !same_number(k.target, now.target),
            );
            count(
                k.id,
                SourceField::Current,
                !same_number(k.current, now.current),
            );
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn a_title_keeps_the_numbering_it_was_read_with() {
        let was = Imported::Text {
            value: "Grow".into(),
            prefix: "1. ".into(),
        };
        assert_eq!(new_text(&was, "Grow"), None);
        assert_eq!(
            new_text(&was, "Grow faster"),
            Some(NewValue::Text("1. Grow faster".into()))
        );
        assert_eq!(new_text(&was, ""), Some(NewValue::Empty));
    }

    #[test]
    fn numbers_go_back_as_the_cell_held_them() {
        let percent = Imported::Number {
            value: Some(0.45),
            scale: 100.0,
            text: None,
        };
        assert_eq!(
            new_number(&percent, Some(0.5), Kind::Percent),
            Some(NewValue::Number(50.0))
        );
        assert_eq!(new_number(&percent, Some(0.45), Kind::Percent), None);
        let text = Imported::Number {
            value: Some(93.0),
            scale: 1.0,
            text: Some("93 days".into()),
        };
        assert_eq!(
            new_number(&text, Some(120.0), Kind::Number),
            Some(NewValue::Text("120 days".into()))
        );
        assert_eq!(with_number("-5,5%", 7.0), "7%");
        assert_eq!(with_number("about", 3.0), "3");
        let done = Imported::Done(Some(false));
        assert_eq!(
            new_number(&done, Some(1.0), Kind::Binary),
            Some(NewValue::Done(true))
        );
        assert_eq!(scaled(0.07, 100.0), 7.0);
    }

    #[test]
    fn a_check_in_day_finds_its_week_month_quarter_or_dated_column() {
        let d = day("2026-03-10");
        let span = |from: &str, to: &str| ColumnTime::Span(day(from), day(to));
        assert_eq!(
            column_span(&span("2026-01-01", "2026-03-31"), d, None),
            Some((day("2026-01-01"), day("2026-03-31")))
        );
        let march = ColumnTime::Month {
            year: None,
            month: 3,
        };
        assert_eq!(
            column_span(&march, d, None),
            Some((day("2026-03-01"), day("2026-03-31")))
        );
        // ISO week 11 of 2026: Monday 9 March to Sunday 15 March; 2021's week 1 starts 4 January.
        let w11 = ColumnTime::Week {
            year: None,
            week: 11,
        };
        assert_eq!(
            column_span(&w11, d, None),
            Some((day("2026-03-09"), day("2026-03-15")))
        );
        let w1 = ColumnTime::Week {
            year: Some(2021),
            week: 1,
        };
        assert_eq!(
            column_span(&w1, d, None),
            Some((day("2021-01-04"), day("2021-01-10")))
        );
        assert_eq!(
            column_span(
                &ColumnTime::Day(day("2026-03-02")),
                d,
                Some(day("2026-03-16"))
            ),
            Some((day("2026-03-02"), day("2026-03-15")))
        );
        let col = |c: u32, label: &str| CheckInColumn {
            sheet: "S".into(),
            col: c,
            label: label.into(),
            time: Some(ColumnTime::Day(day(label))),
        };
        let cols = [col(4, "2026-03-02"), col(5, "2026-03-09")];
        let refs: Vec<&CheckInColumn> = cols.iter().collect();
        assert_eq!(column_for(&refs, d), Some(5));
        assert_eq!(column_for(&refs, day("2026-03-04")), Some(4));
        assert_eq!(column_for(&refs, day("2026-04-01")), None);
    }

    #[test]
    fn column_letters_run_past_z() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(16_383), "XFD");
        let at = CellAt {
            sheet: "Q1".into(),
            row: 4,
            col: 2,
        };
        assert_eq!(at.a1(), "Q1!C5");
    }

    #[test]
    fn a_fingerprint_is_the_digest_of_the_objectives_json() {
        let plan = crate::example::example_plan();
        let text = serde_json::to_string(&plan.objectives).unwrap();
        assert_eq!(fingerprint_of(&plan.objectives), digest_of(text.as_bytes()));
        assert_ne!(fingerprint_of(&plan.objectives), fingerprint_of(&[]));
        // FNV-1a's published value for "a".
        assert_eq!(digest_of(b"a"), "af63dc4c8601ec8c");
    }
}
