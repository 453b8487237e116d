//! Export into the original workbook: a copy of the .xlsx (or .xlsm) the plan was imported from
//! in which only the cells whose values changed in okr-grid are rewritten (`origin::changes`),
//! each keeping its style. Every other part of the package is copied byte for byte: other
//! sheets, styles, merged cells, formulas, defined names, validation, conditional formats,
//! charts and drawings. The workbook is marked for a full recalculation on open, so formulas
//! that depend on the changed cells are brought up to date by Excel and LibreOffice.
//!
//! Objectives and key results added in okr-grid, and those deleted in okr-grid that the file
//! still holds, are listed on a sheet of their own (`LISTED_SHEET`): inserting rows into a
//! team's layout (merged blocks, ranges that formulas sum) is not safe to do blind, and a row
//! is never deleted from the team's file.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::io::{Cursor, Read, Write as _};

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use super::cell_refs;
use crate::import::{self, Choices};
use okr_core::model::Plan;
use okr_core::origin::{
    self, column_letters, Changes, FileFormat, Listed, NewRows, NewValue, Origin, SourceMap, Write,
};

pub use okr_core::origin::LISTED_SHEET;

const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WORKSHEET_TYPE: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
const WORKSHEET_CONTENT: &str =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum OriginalError {
    /// The plan was not imported from a workbook (or its map was not kept).
    NoOrigin,
    /// The original is not an .xlsx or .xlsm file.
    NotXlsx(FileFormat),
    /// The bytes given are not the file the plan was imported from.
    OtherFile,
    /// This build reads the file differently from the build that imported it (another
    /// importer), so where each value came from is not known for sure.
    ReadDifferently,
    Damaged(String),
}

impl fmt::Display for OriginalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OriginalError::NoOrigin => write!(
                f,
                "This plan was not imported from an Excel workbook, so there is no original file to write into."
            ),
            OriginalError::NotXlsx(_) => write!(
                f,
                "Writing into the original file needs an .xlsx or .xlsm workbook; this plan came from another format. Export .xlsx instead."
            ),
            OriginalError::OtherFile => write!(
                f,
                "This is not the file the plan was imported from."
            ),
            OriginalError::ReadDifferently => write!(
                f,
                "This version of okr-grid reads the file differently from when the plan was imported, so it cannot tell which cells to change. Import the file again."
            ),
            OriginalError::Damaged(d) => write!(f, "The original workbook could not be read ({d})."),
        }
    }
}

impl std::error::Error for OriginalError {}

/// What an export to the original did.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Cells rewritten.
    pub written: usize,
    /// Cells whose value changed but hold a formula of the file's: kept ("Sheet!C5").
    pub kept_formulas: Vec<String>,
    /// Key results added in okr-grid put in as rows under their objective's last row.
    pub inserted: usize,
    /// Objectives and key results listed on `LISTED_SHEET` as added or deleted in okr-grid.
    pub added: usize,
    pub deleted: usize,
    /// Check-ins without a column for their day in the file.
    pub unplaced_check_ins: usize,
    /// Values changed in okr-grid with no cell in the file (kept in okr-grid only).
    pub not_in_file: usize,
    /// The name of the listing sheet, when one was added.
    pub listed_sheet: Option<String>,
}

/// The updated copy's name: "Company OKRs.xlsx" → "Company OKRs (okr-grid 2026-12-03).xlsx";
/// a macro workbook keeps its .xlsm.
pub fn copy_name(file_name: &str, date: &str) -> String {
    let (stem, ext) = match file_name.rsplit_once('.') {
        Some((s, e)) if e.eq_ignore_ascii_case("xlsm") => (s, "xlsm"),
        Some((s, e)) if e.eq_ignore_ascii_case("xlsx") => (s, "xlsx"),
        _ => (file_name, "xlsx"),
    };
    let stem = if stem.trim().is_empty() {
        "okr-grid"
    } else {
        stem
    };
    format!("{stem} (okr-grid {date}).{ext}")
}

fn damaged(e: impl fmt::Display) -> OriginalError {
    OriginalError::Damaged(e.to_string())
}

/// The original workbook with `plan`'s changes written in.
pub fn write(original: &[u8], plan: &Plan) -> Result<(Vec<u8>, Report), OriginalError> {
    let origin = plan.origin.as_ref().ok_or(OriginalError::NoOrigin)?;
    if origin.format != FileFormat::Xlsx {
        return Err(OriginalError::NotXlsx(origin.format));
    }
    if origin.size != original.len() as u64 || origin.digest != origin::digest_of(original) {
        return Err(OriginalError::OtherFile);
    }
    let map = source_map(original, origin)?;
    let changes = origin::changes(plan, &map);
    patch(original, &changes)
}

/// Where each value of the plan came from: the original read again as it was at import (same
/// bytes, same choices), which must give the same objectives (`Origin::fingerprint`).
pub fn source_map(original: &[u8], origin: &Origin) -> Result<SourceMap, OriginalError> {
    let choices = Choices::from_text(&origin.choices).ok_or(OriginalError::ReadDifferently)?;
    let book = import::read(original, &origin.file_name).map_err(damaged)?;
    let preview = import::interpret(&book, &choices);
    let read = preview.plan.origin.as_ref().map(|o| o.fingerprint.as_str());
    if read != Some(origin.fingerprint.as_str()) {
        return Err(OriginalError::ReadDifferently);
    }
    let mut map = preview.sources;
    map.read = preview.plan.objectives;
    Ok(map)
}

/// A package part's text.
fn part(zip: &mut ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>, OriginalError> {
    let mut file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(damaged(e)),
    };
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(damaged)?;
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| damaged(format!("{name} is not UTF-8")))
}

/// XML read event by event, each with where it starts and ends in the text (for splicing).
struct Positioned<'a>(Reader<&'a [u8]>);

impl<'a> Positioned<'a> {
    fn new(xml: &'a str) -> Self {
        Positioned(Reader::from_str(xml))
    }

    /// The next event with its start and end; `None` at the end of the text.
    fn next(&mut self) -> Result<Option<(usize, Event<'a>, usize)>, OriginalError> {
        let before = self.0.buffer_position() as usize;
        let event = self.0.read_event().map_err(damaged)?;
        let after = self.0.buffer_position() as usize;
        Ok((!matches!(event, Event::Eof)).then_some((before, event, after)))
    }
}

/// "xl/workbook.xml" + "worksheets/sheet1.xml" → "xl/worksheets/sheet1.xml".
fn resolve(base_part: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = base_part.split('/').collect();
    parts.pop();
    for seg in target.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// The relationships file of a part: "xl/workbook.xml" → "xl/_rels/workbook.xml.rels".
fn rels_of(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| {
            a.normalized_value(XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// The attribute whose local name is `local` (any prefix), with its full name.
fn attr_local(e: &BytesStart, local: &str) -> Option<(String, String)> {
    e.attributes().with_checks(false).flatten().find_map(|a| {
        let key = a.key.as_ref();
        let l = key.rsplit(':').next().unwrap_or(key);
        (l == local && key != local).then(|| {
            (
                key.to_string(),
                a.normalized_value(XmlVersion::Implicit1_0)
                    .map(|v| v.into_owned())
                    .unwrap_or_default(),
            )
        })
    })
}

fn local(e: &BytesStart) -> String {
    let n = e.name();
    let n = n.as_ref();
    n.rsplit(':').next().unwrap_or(n).to_string()
}

/// A start tag rebuilt with some attributes set (`Some`) or removed (`None`); the others keep
/// their text as written.
fn rebuild(e: &BytesStart, set: &[(&str, Option<String>)], empty: bool) -> String {
    let mut out = format!("<{}", e.name().as_ref());
    for a in e.attributes().with_checks(false).flatten() {
        let key = a.key.as_ref();
        if set.iter().any(|(k, _)| *k == key) {
            continue;
        }
        out.push_str(&format!(" {key}=\"{}\"", a.value.replace('"', "&quot;")));
    }
    for (k, v) in set {
        if let Some(v) = v {
            out.push_str(&format!(" {k}=\"{}\"", escape(v)));
        }
    }
    out.push_str(if empty { "/>" } else { ">" });
    out
}

/// Text for XML: escaped, without the control characters XML 1.0 forbids.
fn escape(text: &str) -> String {
    let clean: String = text
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
        .collect();
    quick_xml::escape::escape(clean.as_str()).into_owned()
}

/// A number as a cell's `<v>` holds it.
fn number_text(v: f64) -> Option<String> {
    v.is_finite().then(|| format!("{v}"))
}

/// The sheets of a workbook part: name → part path; and the prefix its `<sheet>` elements use
/// for the relationship id, with the highest sheet id.
struct Sheets {
    parts: HashMap<String, String>,
    id_attr: String,
    max_id: u64,
    /// The defined names' formulas (a named range over a block of rows stays on it).
    names: Vec<String>,
}

fn sheets_of(workbook: &str, rels: &str, workbook_part: &str) -> Result<Sheets, OriginalError> {
    let mut targets: HashMap<String, String> = HashMap::new();
    let mut reader = Reader::from_str(rels);
    loop {
        match reader.read_event().map_err(damaged)? {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) if local(&e) == "Relationship" => {
                if let (Some(id), Some(target)) = (attr(&e, "Id"), attr(&e, "Target")) {
                    targets.insert(id, resolve(workbook_part, &target));
                }
            }
            _ => {}
        }
    }
    let mut parts = HashMap::new();
    let mut id_attr = "r:id".to_string();
    let mut max_id = 0;
    let mut names = Vec::new();
    let mut name_from: Option<usize> = None;
    let mut events = Positioned::new(workbook);
    while let Some((before, event, after)) = events.next()? {
        match event {
            Event::Start(e) if local(&e) == "definedName" => name_from = Some(after),
            Event::End(e) if local_end(e.name().as_ref()) == "definedName" => {
                if let Some(from) = name_from.take() {
                    names.push(unescape_text(&workbook[from..before]));
                }
            }
            Event::Start(e) | Event::Empty(e) if local(&e) == "sheet" => {
                let name = attr(&e, "name").unwrap_or_default();
                max_id = max_id.max(
                    attr(&e, "sheetId")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0),
                );
                if let Some((key, rid)) = attr_local(&e, "id") {
                    id_attr = key;
                    if let Some(t) = targets.get(&rid) {
                        parts.insert(name, t.clone());
                    }
                }
            }
            _ => {}
        }
    }
    Ok(Sheets {
        parts,
        id_attr,
        max_id,
        names,
    })
}

/// How a new value is written: `t` attribute and inner XML.
fn cell_body(value: &NewValue, strings: &mut Strings) -> Option<(Option<&'static str>, String)> {
    match value {
        NewValue::Empty => None,
        NewValue::Number(v) => number_text(*v).map(|n| (None, format!("<v>{n}</v>"))),
        NewValue::Done(d) => Some((Some("b"), format!("<v>{}</v>", u8::from(*d)))),
        NewValue::Text(t) => Some(strings.cell(t)),
    }
}

/// New text goes into the shared strings when the workbook has them, else inline.
struct Strings {
    shared: bool,
    first: usize,
    added: Vec<String>,
}

impl Strings {
    fn cell(&mut self, text: &str) -> (Option<&'static str>, String) {
        if self.shared {
            let i = match self.added.iter().position(|t| t == text) {
                Some(i) => i,
                None => {
                    self.added.push(text.to_string());
                    self.added.len() - 1
                }
            };
            (Some("s"), format!("<v>{}</v>", self.first + i))
        } else {
            (
                Some("inlineStr"),
                format!("<is><t xml:space=\"preserve\">{}</t></is>", escape(text)),
            )
        }
    }
}

struct CellSpan {
    col: u32,
    start: usize,
    end: usize,
    tag: String,
    /// Inner XML span (for a `<c>…</c>`), and whether it holds a formula.
    inner: Option<(usize, usize)>,
    formula: bool,
    /// A value, inline text or formula: not an empty styled cell.
    content: bool,
    /// The raw text of its formula, when it has one written out (a shared formula's first
    /// cell has, the others do not), and whether it is shared or an array.
    formula_text: Option<(usize, usize)>,
    formula_shared: bool,
}

struct RowSpan {
    r: u32,
    start: usize,
    /// After the start tag; `None` for `<row …/>`.
    open_end: Option<usize>,
    end: usize,
    close_start: usize,
    style: Option<String>,
    cells: Vec<CellSpan>,
}

/// "C5" → (4, 2), from 0.
fn parse_ref(r: &str) -> Option<(u32, u32)> {
    let letters: String = r.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let digits = &r[letters.len()..];
    let mut col: u32 = 0;
    for ch in letters.chars() {
        col = col
            .checked_mul(26)?
            .checked_add(ch.to_ascii_uppercase() as u32 - 'A' as u32 + 1)?;
    }
    let row: u32 = digits.parse().ok()?;
    Some((row.checked_sub(1)?, col.checked_sub(1)?))
}

struct SheetXml {
    rows: Vec<RowSpan>,
    /// Where `<sheetData>`'s content ends (before `</sheetData>`), or the `<sheetData/>` span.
    data_close: Option<usize>,
    data_empty: Option<(usize, usize)>,
    /// (first col, last col, style) from `<cols>`, 1-based as written.
    col_styles: Vec<(u32, u32, String)>,
    /// Merged ranges: first row, first column, last row, last column, from 0.
    merges: Vec<(u32, u32, u32, u32)>,
    /// The sheet has Excel tables (`<tableParts>`), whose ranges new rows would not join.
    has_tables: bool,
    /// Row number (from 0) → index in `rows` (the first, if a row is written twice).
    row_at: HashMap<u32, usize>,
}

fn scan_sheet(xml: &str) -> Result<SheetXml, OriginalError> {
    let mut events = Positioned::new(xml);
    let mut out = SheetXml {
        rows: Vec::new(),
        data_close: None,
        data_empty: None,
        col_styles: Vec::new(),
        merges: Vec::new(),
        has_tables: false,
        row_at: HashMap::new(),
    };
    let mut formula_from: Option<usize> = None;
    let mut in_data = false;
    let mut next_row: u32 = 0;
    let mut next_col: u32 = 0;
    let mut cell: Option<CellSpan> = None;
    while let Some((before, event, after)) = events.next()? {
        match event {
            Event::Empty(e) if local(&e) == "col" => {
                if let (Some(min), Some(max), Some(style)) =
                    (attr(&e, "min"), attr(&e, "max"), attr(&e, "style"))
                {
                    if let (Ok(min), Ok(max)) = (min.parse(), max.parse()) {
                        out.col_styles.push((min, max, style));
                    }
                }
            }
            Event::Empty(e) if local(&e) == "sheetData" => out.data_empty = Some((before, after)),
            Event::Start(e) if local(&e) == "sheetData" => in_data = true,
            Event::End(e) if in_data && local_end(e.name().as_ref()) == "sheetData" => {
                out.data_close = Some(before);
                in_data = false;
            }
            Event::Start(e) | Event::Empty(e) if in_data && local(&e) == "row" => {
                let empty = reader_last_empty(xml, before, after);
                let r = attr(&e, "r")
                    .and_then(|v| v.parse::<u32>().ok())
                    .and_then(|v| v.checked_sub(1))
                    .unwrap_or(next_row);
                next_row = r + 1;
                next_col = 0;
                let custom = attr(&e, "customFormat").is_some_and(|v| v == "1" || v == "true");
                out.rows.push(RowSpan {
                    r,
                    start: before,
                    open_end: (!empty).then_some(after),
                    end: after,
                    close_start: after,
                    style: attr(&e, "s").filter(|_| custom),
                    cells: Vec::new(),
                });
            }
            Event::End(e) if in_data && local_end(e.name().as_ref()) == "row" => {
                if let Some(row) = out.rows.last_mut() {
                    row.close_start = before;
                    row.end = after;
                }
            }
            Event::Start(e) | Event::Empty(e) if in_data && local(&e) == "c" => {
                let empty = reader_last_empty(xml, before, after);
                let col = attr(&e, "r")
                    .and_then(|v| parse_ref(&v))
                    .map_or(next_col, |(_, c)| c);
                next_col = col + 1;
                let span = CellSpan {
                    col,
                    start: before,
                    end: after,
                    tag: xml[before..after].to_string(),
                    inner: (!empty).then_some((after, after)),
                    formula: false,
                    content: false,
                    formula_text: None,
                    formula_shared: false,
                };
                if empty {
                    if let Some(row) = out.rows.last_mut() {
                        row.cells.push(span);
                    }
                } else {
                    cell = Some(span);
                }
            }
            Event::Start(e) | Event::Empty(e) if cell.is_some() && local(&e) == "f" => {
                let kind = attr(&e, "t");
                if let Some(c) = cell.as_mut() {
                    c.formula = true;
                    c.content = true;
                    c.formula_shared = kind.is_some_and(|k| k != "normal");
                }
                if !reader_last_empty(xml, before, after) {
                    formula_from = Some(after);
                }
            }
            Event::End(e) if local_end(e.name().as_ref()) == "f" => {
                if let (Some(from), Some(c)) = (formula_from.take(), cell.as_mut()) {
                    c.formula_text = Some((from, before));
                }
            }
            Event::Start(e) | Event::Empty(e)
                if cell.is_some() && matches!(local(&e).as_str(), "v" | "is") =>
            {
                if let Some(c) = cell.as_mut() {
                    c.content = true;
                }
            }
            Event::Start(e) | Event::Empty(e) if local(&e) == "mergeCell" => {
                let range = attr(&e, "ref").unwrap_or_default();
                let (a, b) = range
                    .split_once(':')
                    .unwrap_or((range.as_str(), range.as_str()));
                if let (Some((r1, c1)), Some((r2, c2))) = (parse_ref(a), parse_ref(b)) {
                    out.merges
                        .push((r1.min(r2), c1.min(c2), r1.max(r2), c1.max(c2)));
                }
            }
            Event::Start(e) | Event::Empty(e) if local(&e) == "tablePart" => out.has_tables = true,
            Event::End(e) if local_end(e.name().as_ref()) == "c" => {
                if let Some(mut c) = cell.take() {
                    if let Some(inner) = c.inner.as_mut() {
                        inner.1 = before;
                    }
                    c.end = after;
                    if let Some(row) = out.rows.last_mut() {
                        row.cells.push(c);
                    }
                }
            }
            _ => {}
        }
    }
    out.row_at = out
        .rows
        .iter()
        .enumerate()
        .map(|(i, x)| (x.r, i))
        .rev()
        .collect();
    Ok(out)
}

/// XML text as written → the text it stands for (a formula's `&amp;`, `&lt;`).
fn unescape_text(raw: &str) -> String {
    quick_xml::escape::unescape(raw)
        .map(|c| c.into_owned())
        .unwrap_or_else(|_| raw.to_string())
}

/// An attribute of a start tag given as text (`<c r="B2" s="3">`).
fn tag_attr(tag: &str, name: &str) -> Option<String> {
    match Reader::from_str(tag).read_event().ok()? {
        Event::Start(e) | Event::Empty(e) => attr(&e, name),
        _ => None,
    }
}

/// The rows (from 1) on which a range of the sheet's formulas or of a defined name ends, worked
/// out once per sheet; `None` when one could not be read (then no block is safe).
fn range_ends(xml: &str, scanned: &SheetXml, names: &[String]) -> Option<HashSet<u32>> {
    let formulas = scanned
        .rows
        .iter()
        .flat_map(|r| &r.cells)
        .filter_map(|c| c.formula_text.map(|(a, b)| unescape_text(&xml[a..b])));
    let mut ends = HashSet::new();
    for f in formulas.chain(names.iter().cloned()) {
        ends.extend(cell_refs::range_ends(&f)?);
    }
    Some(ends)
}

/// The edits that put a group of new key-result rows right under their objective's last row,
/// or `None` when the layout makes that unsafe: rows there are not empty, a merged range or an
/// Excel table reaches them, or a formula of the sheet (or a defined name) covers a range that
/// ends on the objective's last row (a total the new rows would not join).
fn place_rows(
    xml: &str,
    scanned: &SheetXml,
    range_ends: Option<&HashSet<u32>>,
    group: &NewRows,
    strings: &mut Strings,
) -> Option<Vec<(usize, usize, String)>> {
    let after = group.after;
    let k = u32::try_from(group.rows.len()).ok()?;
    let last = after.checked_add(k)?;
    if scanned.has_tables || last >= 1_048_576 {
        return None;
    }
    let row_of = |r: u32| scanned.row_at.get(&r).map(|&i| &scanned.rows[i]);
    let model = row_of(after)?;
    for r in after + 1..=last {
        if row_of(r).is_some_and(|row| row.cells.iter().any(|c| c.content)) {
            return None;
        }
    }
    if scanned
        .merges
        .iter()
        .any(|(r1, _, r2, _)| *r1 <= last && *r2 > after)
    {
        return None;
    }
    let block_end = after + 1;
    if range_ends.is_none_or(|ends| ends.contains(&block_end)) {
        return None;
    }
    let mut edits = Vec::new();
    let model_tag = &xml[model.start..model.open_end.unwrap_or(model.end)];
    for (i, (_, values)) in group.rows.iter().enumerate() {
        let delta = u32::try_from(i).ok()? + 1;
        let r = after + delta;
        let n = (r + 1).to_string();
        let reference = |col: u32| format!("{}{n}", column_letters(col));
        let style = |col: u32| {
            model
                .cells
                .iter()
                .find(|c| c.col == col)
                .and_then(|c| tag_attr(&c.tag, "s"))
                .or_else(|| new_cell_style(scanned, Some(model), col))
        };
        let mut cells: BTreeMap<u32, String> = BTreeMap::new();
        // The model row's styles, and its own-row formulas moved down.
        for c in &model.cells {
            let formula = c
                .formula_text
                .filter(|_| !c.formula_shared)
                .map(|(a, b)| unescape_text(&xml[a..b]))
                .filter(|f| cell_refs::only_row(f, block_end))
                .and_then(|f| cell_refs::shifted(&f, delta));
            let s = tag_attr(&c.tag, "s");
            let cell = match formula {
                Some(f) => {
                    let s = s
                        .map(|s| format!(" s=\"{}\"", escape(&s)))
                        .unwrap_or_default();
                    format!("<c r=\"{}\"{s}><f>{}</f></c>", reference(c.col), escape(&f))
                }
                None => new_cell(&reference(c.col), s.as_deref(), None),
            };
            cells.insert(c.col, cell);
        }
        // The objective's title, when its rows repeat it.
        let (objective_col, objective) = &group.objective;
        if model
            .cells
            .iter()
            .any(|c| c.col == *objective_col && c.content)
        {
            let body = Some(strings.cell(objective));
            cells.insert(
                *objective_col,
                new_cell(
                    &reference(*objective_col),
                    style(*objective_col).as_deref(),
                    body,
                ),
            );
        }
        for (col, value) in values {
            let body = cell_body(value, strings);
            cells.insert(
                *col,
                new_cell(&reference(*col), style(*col).as_deref(), body),
            );
        }
        let open = match Reader::from_str(model_tag).read_event().ok()? {
            Event::Start(e) | Event::Empty(e) => rebuild(&e, &[("r", Some(n.clone()))], false),
            _ => return None,
        };
        let text = format!("{open}{}</row>", cells.into_values().collect::<String>());
        match row_of(r) {
            Some(row) => edits.push((row.start, row.end, text)),
            None => {
                let pos = scanned
                    .rows
                    .iter()
                    .find(|x| x.r > r)
                    .map(|x| x.start)
                    .or(scanned.data_close)?;
                edits.push((pos, pos, text));
            }
        }
    }
    Some(edits)
}

fn local_end(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// Whether the tag at `xml[before..after]` closes itself (`<c …/>`).
fn reader_last_empty(xml: &str, before: usize, after: usize) -> bool {
    xml.get(before..after)
        .is_some_and(|t| t.trim_end().ends_with("/>"))
}

/// The style a new cell in `col` (from 0) takes: the row's, else the column's.
fn new_cell_style(sheet: &SheetXml, row: Option<&RowSpan>, col: u32) -> Option<String> {
    row.and_then(|r| r.style.clone()).or_else(|| {
        sheet
            .col_styles
            .iter()
            .find(|(min, max, _)| *min <= col + 1 && col < *max)
            .map(|(_, _, s)| s.clone())
    })
}

fn new_cell(r: &str, style: Option<&str>, body: Option<(Option<&'static str>, String)>) -> String {
    let s = style
        .map(|s| format!(" s=\"{}\"", escape(s)))
        .unwrap_or_default();
    match body {
        None => format!("<c r=\"{r}\"{s}/>"),
        Some((t, inner)) => {
            let t = t.map(|t| format!(" t=\"{t}\"")).unwrap_or_default();
            format!("<c r=\"{r}\"{s}{t}>{inner}</c>")
        }
    }
}

/// `sheet`'s XML with `writes` applied; cells holding a formula keep it (listed in `kept`).
/// What a sheet is to take: cells to rewrite, and new key-result rows.
struct SheetChanges<'a> {
    writes: Vec<&'a Write>,
    new_rows: Vec<&'a NewRows>,
}

/// `sheet`'s XML with its changes applied, the cells written, and the indexes (in
/// `Changes::added`) of the key results put in as rows.
fn patch_sheet(
    xml: &str,
    sheet_name: &str,
    changes: &SheetChanges,
    names: &[String],
    strings: &mut Strings,
    kept: &mut Vec<String>,
) -> Result<(String, usize, Vec<usize>), OriginalError> {
    let writes = &changes.writes;
    let scanned = scan_sheet(xml)?;
    let mut by_row: BTreeMap<u32, BTreeMap<u32, &Write>> = BTreeMap::new();
    for w in writes {
        by_row.entry(w.at.row).or_default().insert(w.at.col, w);
    }
    // (start, end, text): replacements and insertions, applied from the end.
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let mut written = 0;
    let mut missing_rows: Vec<(u32, String)> = Vec::new();
    for (&r, cols) in &by_row {
        let row = scanned.row_at.get(&r).map(|&i| &scanned.rows[i]);
        let mut inserts: BTreeMap<usize, String> = BTreeMap::new();
        let mut new_cells = String::new();
        for (&c, w) in cols {
            let reference = format!("{}{}", column_letters(c), r + 1);
            let existing = row.and_then(|x| x.cells.iter().find(|s| s.col == c));
            match existing {
                Some(span) => {
                    let tag = Reader::from_str(&span.tag)
                        .read_event()
                        .ok()
                        .and_then(|e| match e {
                            Event::Start(s) | Event::Empty(s) => Some(s.into_owned()),
                            _ => None,
                        })
                        .ok_or_else(|| damaged(format!("cell {reference} of {sheet_name}")))?;
                    if span.formula && !w.cached_only {
                        kept.push(format!("{sheet_name}!{reference}"));
                        continue;
                    }
                    // A score the user typed is theirs: only a formula's result is refreshed.
                    if w.cached_only && !span.formula {
                        continue;
                    }
                    let body = cell_body(&w.value, strings);
                    let text = if span.formula {
                        // A formula of the file's: its cached result only.
                        let Some((from, to)) = span.inner else {
                            continue;
                        };
                        let inner = &xml[from..to];
                        let kept_inner = strip_value(inner);
                        let (t, v): (Option<&str>, String) = match body {
                            Some((None, v)) => (None, v),
                            _ => continue,
                        };
                        format!(
                            "{}{}{}</c>",
                            rebuild(&tag, &[("t", t.map(String::from))], false),
                            kept_inner,
                            v
                        )
                    } else {
                        match body {
                            None => rebuild(&tag, &[("t", None), ("vm", None), ("cm", None)], true),
                            Some((t, inner)) => format!(
                                "{}{}</c>",
                                rebuild(
                                    &tag,
                                    &[("t", t.map(String::from)), ("vm", None), ("cm", None)],
                                    false
                                ),
                                inner
                            ),
                        }
                    };
                    edits.push((span.start, span.end, text));
                    written += 1;
                }
                None => {
                    if w.cached_only {
                        continue;
                    }
                    let Some(body) = cell_body(&w.value, strings) else {
                        continue;
                    };
                    let style = new_cell_style(&scanned, row, c);
                    let cell = new_cell(&reference, style.as_deref(), Some(body));
                    written += 1;
                    match row {
                        Some(row) => {
                            let pos = row
                                .cells
                                .iter()
                                .find(|s| s.col > c)
                                .map_or(row.close_start, |s| s.start);
                            inserts.entry(pos).or_default().push_str(&cell);
                        }
                        None => new_cells.push_str(&cell),
                    }
                }
            }
        }
        if let Some(row) = row {
            if row.open_end.is_none() && !inserts.is_empty() {
                // `<row …/>` opens up to take its new cells.
                let tag = &xml[row.start..row.end];
                let open = format!("{}>", tag.trim_end().trim_end_matches("/>").trim_end());
                let cells: String = inserts.into_values().collect();
                edits.push((row.start, row.end, format!("{open}{cells}</row>")));
            } else {
                for (pos, text) in inserts {
                    edits.push((pos, pos, text));
                }
            }
        } else if !new_cells.is_empty() {
            missing_rows.push((r, new_cells));
        }
    }
    for (r, cells) in missing_rows {
        let text = format!("<row r=\"{}\">{cells}</row>", r + 1);
        match scanned.rows.iter().find(|x| x.r > r) {
            Some(next) => edits.push((next.start, next.start, text)),
            None => match (scanned.data_close, scanned.data_empty) {
                (Some(pos), _) => edits.push((pos, pos, text)),
                (None, Some((from, to))) => {
                    edits.push((from, to, format!("<sheetData>{text}</sheetData>")))
                }
                (None, None) => return Err(damaged(format!("{sheet_name} has no sheetData"))),
            },
        }
    }
    let mut placed = Vec::new();
    if !changes.new_rows.is_empty() {
        let range_ends = range_ends(xml, &scanned, names);
        for group in &changes.new_rows {
            if let Some(rows) = place_rows(xml, &scanned, range_ends.as_ref(), group, strings) {
                edits.extend(rows);
                placed.extend(group.rows.iter().map(|(i, _)| *i));
            }
        }
    }
    Ok((apply_edits(xml, edits), written, placed))
}

/// A formula cell's inner XML without its cached `<v>` (the formula and the rest stay).
fn strip_value(inner: &str) -> String {
    let mut events = Positioned::new(inner);
    let mut out = String::new();
    let mut skip_from: Option<usize> = None;
    let mut last = 0;
    loop {
        let Ok(next) = events.next() else {
            return inner.to_string();
        };
        let Some((before, event, after)) = next else {
            break;
        };
        match event {
            Event::Start(e) if local(&e) == "v" => skip_from = Some(before),
            Event::Empty(e) if local(&e) == "v" => {
                out.push_str(&inner[last..before]);
                last = after;
            }
            Event::End(e) if local_end(e.name().as_ref()) == "v" => {
                if let Some(from) = skip_from.take() {
                    out.push_str(&inner[last..from]);
                    last = after;
                }
            }
            _ => {}
        }
    }
    out.push_str(&inner[last..]);
    out
}

fn apply_edits(xml: &str, mut edits: Vec<(usize, usize, String)>) -> String {
    edits.sort_by_key(|e| (e.0, e.1));
    let mut out = String::with_capacity(xml.len() + 256);
    let mut at = 0;
    for (start, end, text) in edits {
        if start < at {
            continue;
        }
        out.push_str(&xml[at..start]);
        out.push_str(&text);
        at = end;
    }
    out.push_str(&xml[at..]);
    out
}

/// Shared strings with `added` appended, and their counts updated.
fn append_strings(sst: &str, added: &[String]) -> Result<String, OriginalError> {
    let mut events = Positioned::new(sst);
    let mut edits = Vec::new();
    while let Some((before, event, after)) = events.next()? {
        match event {
            Event::Start(e) if local(&e) == "sst" => {
                let count = attr(&e, "count").and_then(|v| v.parse::<usize>().ok());
                let unique = attr(&e, "uniqueCount").and_then(|v| v.parse::<usize>().ok());
                let set = [
                    ("count", count.map(|c| (c + added.len()).to_string())),
                    ("uniqueCount", unique.map(|c| (c + added.len()).to_string())),
                ];
                let set: Vec<(&str, Option<String>)> =
                    set.into_iter().filter(|(_, v)| v.is_some()).collect();
                edits.push((before, after, rebuild(&e, &set, false)));
            }
            Event::Empty(e) if local(&e) == "sst" => {
                let items: String = added.iter().map(|t| si(t)).collect();
                let open = rebuild(
                    &e,
                    &[
                        ("count", Some(added.len().to_string())),
                        ("uniqueCount", Some(added.len().to_string())),
                    ],
                    false,
                );
                edits.push((before, after, format!("{open}{items}</sst>")));
            }
            Event::End(e) if local_end(e.name().as_ref()) == "sst" => {
                let items: String = added.iter().map(|t| si(t)).collect();
                edits.push((before, before, items));
            }
            _ => {}
        }
    }
    Ok(apply_edits(sst, edits))
}

fn si(text: &str) -> String {
    format!("<si><t xml:space=\"preserve\">{}</t></si>", escape(text))
}

/// How many strings the shared strings table holds.
fn string_count(sst: &str) -> Result<usize, OriginalError> {
    let mut reader = Reader::from_str(sst);
    let mut n = 0;
    let mut depth = 0usize;
    loop {
        match reader.read_event().map_err(damaged)? {
            Event::Eof => break,
            Event::Start(e) => {
                if depth == 1 && local(&e) == "si" {
                    n += 1;
                }
                depth += 1;
            }
            Event::Empty(e) if depth == 1 && local(&e) == "si" => n += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(n)
}

/// The workbook's elements that come before `<calcPr>` in the schema's order.
const BEFORE_CALC_PR: [&str; 9] = [
    "fileVersion",
    "fileSharing",
    "workbookPr",
    "workbookProtection",
    "bookViews",
    "sheets",
    "functionGroups",
    "externalReferences",
    "definedNames",
];

/// The workbook part marked for a full recalculation on open, with the listing sheet added.
fn patch_workbook(
    xml: &str,
    listing: Option<(&str, &str, u64, &str)>,
) -> Result<String, OriginalError> {
    let mut events = Positioned::new(xml);
    let mut edits = Vec::new();
    let mut calc_done = false;
    // Where a missing `<calcPr/>` goes: after the elements the schema puts before it.
    let mut calc_at: Option<usize> = None;
    let mut depth = 0usize;
    while let Some((before, event, after)) = events.next()? {
        match event {
            Event::Start(e) => {
                depth += 1;
                if local(&e) == "calcPr" {
                    edits.push((
                        before,
                        after,
                        rebuild(&e, &[("fullCalcOnLoad", Some("1".into()))], false),
                    ));
                    calc_done = true;
                }
            }
            Event::Empty(e) => {
                let name = local(&e);
                if name == "calcPr" {
                    edits.push((
                        before,
                        after,
                        rebuild(&e, &[("fullCalcOnLoad", Some("1".into()))], true),
                    ));
                    calc_done = true;
                } else if depth == 1 && BEFORE_CALC_PR.contains(&name.as_str()) {
                    calc_at = Some(after);
                }
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                let qname = e.name();
                let name = local_end(qname.as_ref());
                if depth == 1 && BEFORE_CALC_PR.contains(&name) {
                    calc_at = Some(after);
                }
                if name == "sheets" {
                    if let Some((sheet_name, rid, id, id_attr)) = listing {
                        let prefix_decl = if id_attr.contains(':') && xml.contains(REL_NS) {
                            String::new()
                        } else {
                            format!(" xmlns:r=\"{REL_NS}\"")
                        };
                        let id_attr = if prefix_decl.is_empty() {
                            id_attr
                        } else {
                            "r:id"
                        };
                        edits.push((
                            before,
                            before,
                            format!(
                                "<sheet{prefix_decl} name=\"{}\" sheetId=\"{id}\" {id_attr}=\"{rid}\"/>",
                                escape(sheet_name)
                            ),
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    if !calc_done {
        let at = calc_at.ok_or_else(|| damaged("the workbook part has no sheets"))?;
        edits.push((at, at, "<calcPr fullCalcOnLoad=\"1\"/>".to_string()));
    }
    Ok(apply_edits(xml, edits))
}

/// `xml` with `text` inserted before its closing `</{root}>`.
fn insert_before_close(xml: &str, root: &str, text: &str) -> Result<String, OriginalError> {
    let mut events = Positioned::new(xml);
    while let Some((before, event, _)) = events.next()? {
        if let Event::End(e) = event {
            if local_end(e.name().as_ref()) == root {
                return Ok(apply_edits(xml, vec![(before, before, text.to_string())]));
            }
        }
    }
    Err(damaged(format!("no </{root}>")))
}

fn inline(reference: &str, text: &str) -> String {
    format!(
        "<c r=\"{reference}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
        escape(text)
    )
}

/// The listing sheet: what okr-grid has that the file does not, and the reverse.
fn listing_sheet(added: &[&Listed], deleted: &[Listed]) -> String {
    let mut rows = String::new();
    let header = [
        "Change",
        "Objective",
        "Key result",
        "Owner",
        "Start",
        "Target",
        "Current",
        "In the file at",
    ];
    let mut push_row = |r: usize, cells: Vec<Option<NewValue>>| {
        let mut row = format!("<row r=\"{r}\">");
        for (c, v) in cells.into_iter().enumerate() {
            let reference = format!("{}{r}", column_letters(c as u32));
            match v {
                Some(NewValue::Text(t)) if !t.is_empty() => row.push_str(&inline(&reference, &t)),
                Some(NewValue::Number(n)) => {
                    if let Some(n) = number_text(n) {
                        row.push_str(&format!("<c r=\"{reference}\"><v>{n}</v></c>"));
                    }
                }
                _ => {}
            }
        }
        row.push_str("</row>");
        rows.push_str(&row);
    };
    push_row(
        1,
        header
            .iter()
            .map(|h| Some(NewValue::Text(h.to_string())))
            .collect(),
    );
    let line = |change: &str, l: &Listed| {
        vec![
            Some(NewValue::Text(change.to_string())),
            Some(NewValue::Text(l.objective.clone())),
            Some(NewValue::Text(l.key_result.clone())),
            Some(NewValue::Text(l.owner.clone())),
            l.start.map(NewValue::Number),
            l.target.map(NewValue::Number),
            l.current.map(NewValue::Number),
            l.at.as_ref().map(|a| NewValue::Text(a.a1())),
        ]
    };
    let mut r = 2;
    for l in added {
        push_row(r, line("Added in okr-grid", l));
        r += 1;
    }
    for l in deleted {
        push_row(r, line("Deleted in okr-grid (still in this file)", l));
        r += 1;
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><cols><col min=\"1\" max=\"1\" width=\"36\" customWidth=\"1\"/><col min=\"2\" max=\"3\" width=\"48\" customWidth=\"1\"/><col min=\"4\" max=\"7\" width=\"14\" customWidth=\"1\"/><col min=\"8\" max=\"8\" width=\"22\" customWidth=\"1\"/></cols><sheetData>{rows}</sheetData></worksheet>"
    )
}

/// The package's main part ("xl/workbook.xml"), from its root relationships.
fn workbook_part(zip: &mut ZipArchive<Cursor<&[u8]>>) -> Result<String, OriginalError> {
    if let Some(rels) = part(zip, "_rels/.rels")? {
        let mut reader = Reader::from_str(&rels);
        loop {
            match reader.read_event().map_err(damaged)? {
                Event::Eof => break,
                Event::Start(e) | Event::Empty(e) if local(&e) == "Relationship" => {
                    let ty = attr(&e, "Type").unwrap_or_default();
                    if ty.ends_with("/officeDocument") {
                        if let Some(t) = attr(&e, "Target") {
                            return Ok(resolve("", &t));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    Ok("xl/workbook.xml".to_string())
}

/// The shared strings part named by the workbook's relationships, if any.
fn shared_strings_part(rels: &str, workbook_part: &str) -> Result<Option<String>, OriginalError> {
    let mut reader = Reader::from_str(rels);
    loop {
        match reader.read_event().map_err(damaged)? {
            Event::Eof => return Ok(None),
            Event::Start(e) | Event::Empty(e) if local(&e) == "Relationship" => {
                let ty = attr(&e, "Type").unwrap_or_default();
                if ty.ends_with("/sharedStrings") {
                    return Ok(attr(&e, "Target").map(|t| resolve(workbook_part, &t)));
                }
            }
            _ => {}
        }
    }
}

/// The original package with `changes` applied.
pub(crate) fn patch(
    original: &[u8],
    changes: &Changes,
) -> Result<(Vec<u8>, Report), OriginalError> {
    let mut zip = ZipArchive::new(Cursor::new(original)).map_err(damaged)?;
    let wb_part = workbook_part(&mut zip)?;
    let wb_rels_part = rels_of(&wb_part);
    let workbook = part(&mut zip, &wb_part)?.ok_or_else(|| damaged("no workbook part"))?;
    let wb_rels =
        part(&mut zip, &wb_rels_part)?.ok_or_else(|| damaged("no workbook relationships"))?;
    let sheets = sheets_of(&workbook, &wb_rels, &wb_part)?;
    let sst_part = shared_strings_part(&wb_rels, &wb_part)?;
    let sst = match &sst_part {
        Some(p) => part(&mut zip, p)?,
        None => None,
    };
    let mut strings = Strings {
        shared: sst.is_some(),
        first: match &sst {
            Some(s) => string_count(s)?,
            None => 0,
        },
        added: Vec::new(),
    };

    let mut report = Report {
        deleted: changes.deleted.len(),
        unplaced_check_ins: changes.unplaced_check_ins,
        not_in_file: changes.not_in_file,
        ..Report::default()
    };
    let mut replaced: HashMap<String, Vec<u8>> = HashMap::new();
    let mut by_sheet: BTreeMap<&str, SheetChanges> = BTreeMap::new();
    let empty = || SheetChanges {
        writes: Vec::new(),
        new_rows: Vec::new(),
    };
    for w in &changes.writes {
        by_sheet
            .entry(w.at.sheet.as_str())
            .or_insert_with(empty)
            .writes
            .push(w);
    }
    for g in &changes.new_rows {
        by_sheet
            .entry(g.sheet.as_str())
            .or_insert_with(empty)
            .new_rows
            .push(g);
    }
    let mut placed: Vec<usize> = Vec::new();
    for (name, sheet_changes) in by_sheet {
        let path = sheets
            .parts
            .get(name)
            .ok_or_else(|| damaged(format!("the sheet “{name}” is not in the file")))?;
        let xml = part(&mut zip, path)?.ok_or_else(|| damaged(format!("no part {path}")))?;
        let (patched, written, rows) = patch_sheet(
            &xml,
            name,
            &sheet_changes,
            &sheets.names,
            &mut strings,
            &mut report.kept_formulas,
        )?;
        report.written += written;
        placed.extend(rows);
        replaced.insert(path.clone(), patched.into_bytes());
    }
    report.inserted = placed.len();
    report.added = changes.added.len() - placed.len();
    let listed_added: Vec<&Listed> = changes
        .added
        .iter()
        .enumerate()
        .filter(|(i, _)| !placed.contains(i))
        .map(|(_, l)| l)
        .collect();
    if let (Some(p), Some(s)) = (&sst_part, &sst) {
        if !strings.added.is_empty() {
            replaced.insert(p.clone(), append_strings(s, &strings.added)?.into_bytes());
        }
    }

    // The listing sheet, when something is added or deleted.
    let names: Vec<String> = zip
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .collect();
    let mut new_parts: Vec<(String, Vec<u8>)> = Vec::new();
    let listing = if listed_added.is_empty() && changes.deleted.is_empty() {
        None
    } else {
        let mut name = LISTED_SHEET.to_string();
        let mut n = 2;
        while sheets.parts.keys().any(|s| s.eq_ignore_ascii_case(&name)) {
            name = format!("{LISTED_SHEET} ({n})");
            n += 1;
        }
        let dir = wb_part.rsplit_once('/').map_or("", |(d, _)| d);
        let mut file = "okr-grid-listed.xml".to_string();
        let mut k = 2;
        let full = |f: &str| {
            if dir.is_empty() {
                format!("worksheets/{f}")
            } else {
                format!("{dir}/worksheets/{f}")
            }
        };
        while names.contains(&full(&file)) {
            file = format!("okr-grid-listed-{k}.xml");
            k += 1;
        }
        let mut rid = "rIdOkrGrid1".to_string();
        let mut k = 2;
        while wb_rels.contains(&format!("\"{rid}\"")) {
            rid = format!("rIdOkrGrid{k}");
            k += 1;
        }
        new_parts.push((
            full(&file),
            listing_sheet(&listed_added, &changes.deleted).into_bytes(),
        ));
        replaced.insert(
            wb_rels_part.clone(),
            insert_before_close(
                &wb_rels,
                "Relationships",
                &format!(
                    "<Relationship Id=\"{rid}\" Type=\"{WORKSHEET_TYPE}\" Target=\"worksheets/{file}\"/>"
                ),
            )?
            .into_bytes(),
        );
        let types = part(&mut zip, "[Content_Types].xml")?
            .ok_or_else(|| damaged("no [Content_Types].xml"))?;
        replaced.insert(
            "[Content_Types].xml".to_string(),
            insert_before_close(
                &types,
                "Types",
                &format!(
                    "<Override PartName=\"/{}\" ContentType=\"{WORKSHEET_CONTENT}\"/>",
                    full(&file)
                ),
            )?
            .into_bytes(),
        );
        report.listed_sheet = Some(name.clone());
        Some((name, rid))
    };
    let listing_args = listing.as_ref().map(|(name, rid)| {
        (
            name.as_str(),
            rid.as_str(),
            sheets.max_id + 1,
            sheets.id_attr.as_str(),
        )
    });
    replaced.insert(
        wb_part.clone(),
        patch_workbook(&workbook, listing_args)?.into_bytes(),
    );

    let mut out = ZipWriter::new(Cursor::new(Vec::with_capacity(original.len() + 4096)));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for i in 0..zip.len() {
        let file = zip.by_index_raw(i).map_err(damaged)?;
        let name = file.name().map_err(damaged)?.into_owned();
        match replaced.get(&name) {
            Some(bytes) => {
                drop(file);
                out.start_file(name.as_str(), options).map_err(damaged)?;
                out.write_all(bytes).map_err(damaged)?;
            }
            None => out.raw_copy_file(file).map_err(damaged)?,
        }
    }
    for (name, bytes) in new_parts {
        out.start_file(name.as_str(), options).map_err(damaged)?;
        out.write_all(&bytes).map_err(damaged)?;
    }
    let bytes = out.finish().map_err(damaged)?.into_inner();
    Ok((bytes, report))
}
