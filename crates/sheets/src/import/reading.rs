//! Several readings of one sheet, and how plausible the plan each gives is.
//!
//! A sheet can be read with its header in one row or in two (group cells over the fields),
//! as a wide table (one objective per row, its key results in repeated column groups) or
//! transposed (objectives as columns). `tables` builds each shape as a plain table of a header
//! and rows; `layout` reads every table the same way; `plausibility` scores the plans so the
//! most plausible reading is taken and the next ones offered in the preview.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashSet;

use super::source::Sheet;
use super::synonyms::{check_in_column, field_of, Field};
use super::values::Cell;
use okr_core::model::Objective;

/// How far down a header row is looked for.
pub(super) const HEADER_SEARCH_ROWS: usize = 50;
/// Transposed readings are tried on small sheets only (a plan laid out sideways is short).
const TRANSPOSE_LIMIT: usize = 120;

/// The shape a sheet is read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Shape {
    /// A header row, one record per row.
    Rows,
    /// Two header rows: group cells (a period, "Key result 1") over the field names.
    TwoHeaderRows,
    /// One objective per row, its key results in repeated column groups.
    Wide,
    /// Objectives as columns, fields as rows.
    Transposed,
    /// Objectives as column headers, their key results in the cells below.
    ObjectiveColumns,
}

/// Which reading of a sheet: its shape and the (0-based) row of its header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReadingKey {
    pub shape: Shape,
    pub header_row: usize,
}

/// Another way the sheet could be read, for "Read it differently".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Alternative {
    pub key: ReadingKey,
    pub objectives: usize,
    pub key_results: usize,
}

/// A sheet in one shape: a header and rows of cells, each row with the number the user sees.
/// Per cell of a table row, the sheet cell it came from (row from 1, column from 0).
pub(super) type RowPositions = Vec<Option<(usize, usize)>>;

pub(super) struct Table<'a> {
    pub key: ReadingKey,
    pub header: Vec<String>,
    pub fields: Vec<Option<Field>>,
    /// Two header rows: the group label above each column (a period over its values).
    pub groups: Vec<Option<String>>,
    /// (1-based row number in the sheet, cells).
    pub rows: Vec<(usize, Cow<'a, [Cell]>)>,
    /// Bold rows of the sheet apply (the table's rows are the sheet's rows).
    pub rows_are_sheet_rows: bool,
    /// Per row, the sheet cell (row from 1, column from 0) each of the table's cells was taken
    /// from, when the table moved them (a wide, turned or objectives-across layout); `None`
    /// when rows and columns are the sheet's own.
    pub positions: Option<Vec<RowPositions>>,
}

fn header_fields(row: &[Cell]) -> Vec<Option<Field>> {
    row.iter()
        .map(|c| match c {
            Cell::Text(t) => field_of(t),
            _ => None,
        })
        .collect()
}

fn is_title_field(f: Field) -> bool {
    matches!(f, Field::Objective | Field::KeyResult | Field::Okr)
}

/// How much a header row says: distinct fields, with a title among them, or, for a bare list
/// of measures (no title column), fields and dated check-in columns together.
fn header_strength(row: &[Cell], fields: &[Option<Field>]) -> usize {
    let mut distinct: Vec<Field> = fields.iter().flatten().copied().collect();
    distinct.sort();
    distinct.dedup();
    let has_title = distinct.iter().any(|f| is_title_field(*f));
    if has_title && distinct.len() >= 2 {
        return distinct.len() * 2;
    }
    let check_ins = row
        .iter()
        .filter(|c| matches!(c, Cell::Text(t) if check_in_column(t).is_some()))
        .count();
    let values = distinct
        .iter()
        .filter(|f| matches!(f, Field::Start | Field::Target | Field::Current))
        .count();
    if !has_title && distinct.len() + check_ins >= 3 && (check_ins >= 2 || values >= 2) {
        // A list of measures with values, or a value per month or week, and no column named
        // as their title: weaker than a titled header (`layout` finds the title column).
        return 1;
    }
    0
}

/// The header row: among the first rows, the one that says the most (see `header_strength`).
pub(super) fn find_header(rows: &[Vec<Cell>]) -> Option<(usize, Vec<Option<Field>>)> {
    let mut best: Option<(usize, usize, Vec<Option<Field>>)> = None;
    for (r, row) in rows.iter().enumerate().take(HEADER_SEARCH_ROWS) {
        let fields = header_fields(row);
        let strength = header_strength(row, &fields);
        if strength > 0 && best.as_ref().is_none_or(|(_, n, _)| strength > *n) {
            best = Some((r, strength, fields));
        }
    }
    best.map(|(r, _, f)| (r, f))
}

/// Every reading of a sheet worth trying, the plain one first. `header_row` is the user's
/// "header is in row N" (0-based), which replaces the search.
pub(super) fn tables(sheet: &Sheet, header_row: Option<usize>) -> Vec<Table<'_>> {
    let rows = &sheet.rows;
    let mut out = Vec::new();
    let single = match header_row {
        Some(r) if r < rows.len() => Some((r, header_fields(&rows[r]))),
        Some(_) => None,
        None => find_header(rows),
    };
    if let Some((r, fields)) = &single {
        let table = plain_table(rows, *r, fields.clone());
        if let Some(wide) = wide_table(&table) {
            out.push(wide);
        }
        out.push(table);
    }
    if header_row.is_none() {
        if let Some(two) = two_row_table(rows, single.as_ref().map(|(r, _)| *r)) {
            if let Some(wide) = wide_table(&two) {
                out.push(wide);
            }
            out.push(two);
        }
        if let Some(t) = transposed_table(rows) {
            out.push(t);
        }
        if let Some(t) = objective_columns_table(rows).or_else(|| labelled_rows_table(rows)) {
            out.push(t);
        }
    }
    out
}

fn plain_table(rows: &[Vec<Cell>], r: usize, fields: Vec<Option<Field>>) -> Table<'_> {
    Table {
        key: ReadingKey {
            shape: Shape::Rows,
            header_row: r,
        },
        header: rows[r].iter().map(Cell::text).collect(),
        groups: vec![None; fields.len()],
        fields,
        rows: rows
            .iter()
            .enumerate()
            .skip(r + 1)
            .map(|(i, row)| (i + 1, Cow::Borrowed(row.as_slice())))
            .collect(),
        rows_are_sheet_rows: true,
        positions: None,
    }
}

/// Two header rows: the top row's cells name groups (carried right over the empty cells a
/// merged group leaves) or fields of their own; the lower row names the fields.
fn two_row_table(rows: &[Vec<Cell>], single: Option<usize>) -> Option<Table<'_>> {
    let mut best: Option<(usize, usize)> = None;
    for r in 0..rows.len().saturating_sub(1).min(HEADER_SEARCH_ROWS) {
        let (top, bottom) = (&rows[r], &rows[r + 1]);
        let bottom_fields = header_fields(bottom);
        if bottom_fields.iter().flatten().count() < 2 {
            continue;
        }
        let merged = merge_header_fields(top, bottom);
        let strength = header_strength(&merged.0, &merged.1);
        let alone =
            header_strength(top, &header_fields(top)).max(header_strength(bottom, &bottom_fields));
        // The same field under two group labels (a period over its values, repeated): the
        // top row says which period each value belongs to.
        let periods = periods_over_fields(&merged.1, &merged.2);
        let strength = strength + usize::from(periods && strength >= alone);
        if strength > alone && best.is_none_or(|(_, s)| strength > s) {
            best = Some((r, strength));
        }
    }
    let (r, _) = best?;
    let (header_cells, fields, groups) = merge_header_fields(&rows[r], &rows[r + 1]);
    // The plain reading already has this header: nothing new.
    if single == Some(r + 1)
        && header_fields(&rows[r]).iter().flatten().count() == 0
        && !periods_over_fields(&fields, &groups)
    {
        return None;
    }
    Some(Table {
        key: ReadingKey {
            shape: Shape::TwoHeaderRows,
            header_row: r,
        },
        header: header_cells.iter().map(Cell::text).collect(),
        fields,
        groups,
        rows: rows
            .iter()
            .enumerate()
            .skip(r + 2)
            .map(|(i, row)| (i + 1, Cow::Borrowed(row.as_slice())))
            .collect(),
        rows_are_sheet_rows: true,
        positions: None,
    })
}

type MergedHeader = (Vec<Cell>, Vec<Option<Field>>, Vec<Option<String>>);

/// The same field under two different group labels: a period over its values, repeated.
fn periods_over_fields(fields: &[Option<Field>], groups: &[Option<String>]) -> bool {
    fields.iter().enumerate().any(|(c, f)| {
        f.is_some()
            && groups[c].is_some()
            && fields
                .iter()
                .enumerate()
                .any(|(d, g)| d != c && g == f && groups[d].is_some() && groups[d] != groups[c])
    })
}

fn merge_header_fields(top: &[Cell], bottom: &[Cell]) -> MergedHeader {
    let width = top.len().max(bottom.len());
    let mut cells = Vec::with_capacity(width);
    let mut fields = Vec::with_capacity(width);
    let mut groups = Vec::with_capacity(width);
    let mut carried: Option<String> = None;
    for c in 0..width {
        let t = top.get(c).map(Cell::text).unwrap_or_default();
        let b = bottom.get(c).map(Cell::text).unwrap_or_default();
        let own_top = !t.is_empty();
        if own_top {
            carried = Some(t.clone());
        }
        let group = if own_top {
            Some(t.clone())
        } else {
            carried.clone()
        };
        let top_field = own_top.then(|| field_of(&t)).flatten();
        let bottom_field = (!b.is_empty()).then(|| field_of(&b)).flatten();
        // The lower cell names the field; a top cell with nothing below is a field spanning
        // both rows (merged vertically).
        let (text, field) = if !b.is_empty() {
            (b, bottom_field)
        } else {
            (t, top_field)
        };
        cells.push(Cell::Text(text));
        fields.push(field);
        groups.push(if bottom_field.is_some() && top_field.is_none() {
            group
        } else {
            None
        });
    }
    (cells, fields, groups)
}

/// The group number at the end of a header: "KeyResult_Target_2" → 2, "KR 3 owner" → 3.
fn group_number(header: &str) -> Option<u32> {
    let n = super::synonyms::normalize(header);
    n.split(' ')
        .rfind(|t| (1..=2).contains(&t.len()) && t.chars().all(|c| c.is_ascii_digit()))
        .and_then(|t| t.parse().ok())
}

/// One objective per row and its key results in repeated column groups ("Key result 1",
/// "Target 1", "Key result 2", …): each group becomes a row of its own.
fn wide_table<'a>(table: &Table<'a>) -> Option<Table<'a>> {
    let mut group_of: Vec<Option<u32>> = Vec::with_capacity(table.header.len());
    let mut groups_with_title: Vec<u32> = Vec::new();
    for (c, h) in table.header.iter().enumerate() {
        let field = table.fields.get(c).copied().flatten();
        let g = field
            .filter(|f| !matches!(f, Field::Objective | Field::Team | Field::Period))
            .and_then(|_| group_number(h));
        if let (Some(g), Some(Field::KeyResult | Field::Okr)) = (g, field) {
            if !groups_with_title.contains(&g) {
                groups_with_title.push(g);
            }
        }
        group_of.push(g);
    }
    if groups_with_title.len() < 2 {
        return None;
    }
    let has_objective = table
        .fields
        .iter()
        .flatten()
        .any(|f| *f == Field::Objective);
    if !has_objective {
        return None;
    }
    // The long header: the columns outside any group, then one column per field of a group.
    let shared: Vec<usize> = (0..table.header.len())
        .filter(|c| group_of[*c].is_none())
        .collect();
    let mut group_fields: Vec<Field> = Vec::new();
    for (c, g) in group_of.iter().enumerate() {
        if let (Some(_), Some(f)) = (g, table.fields.get(c).copied().flatten()) {
            let f = if f == Field::Okr { Field::KeyResult } else { f };
            if !group_fields.contains(&f) {
                group_fields.push(f);
            }
        }
    }
    let mut header: Vec<String> = shared.iter().map(|c| table.header[*c].clone()).collect();
    let mut fields: Vec<Option<Field>> = shared.iter().map(|c| table.fields[*c]).collect();
    for f in &group_fields {
        header.push(f.label().to_string());
        fields.push(Some(*f));
    }
    // Per group, the sheet column of each long column.
    let group_columns: Vec<Vec<Option<usize>>> =
        groups_with_title
            .iter()
            .map(|g| {
                let mut cols: Vec<Option<usize>> = shared.iter().map(|c| Some(*c)).collect();
                for f in &group_fields {
                    cols.push((0..table.header.len()).find(|c| {
                        group_of[*c] == Some(*g)
                            && table.fields[*c].map(|x| {
                                if x == Field::Okr {
                                    Field::KeyResult
                                } else {
                                    x
                                }
                            }) == Some(*f)
                    }));
                }
                cols
            })
            .collect();
    let mut rows = Vec::new();
    let mut positions = Vec::new();
    for (number, row) in &table.rows {
        for cols in &group_columns {
            let cells: Vec<Cell> = cols
                .iter()
                .map(|c| c.and_then(|c| row.get(c).cloned()).unwrap_or(Cell::Empty))
                .collect();
            rows.push((*number, Cow::Owned(cells)));
            positions.push(cols.iter().map(|c| c.map(|c| (*number, c))).collect());
        }
    }
    Some(Table {
        key: ReadingKey {
            shape: Shape::Wide,
            header_row: table.key.header_row,
        },
        groups: vec![None; header.len()],
        header,
        fields,
        rows,
        rows_are_sheet_rows: false,
        positions: table.rows_are_sheet_rows.then_some(positions),
    })
}

/// Objectives as columns and fields as rows: the sheet turned a quarter.
fn transposed_table(rows: &[Vec<Cell>]) -> Option<Table<'static>> {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    if rows.len() > TRANSPOSE_LIMIT || !(2..=TRANSPOSE_LIMIT).contains(&width) {
        return None;
    }
    let turned: Vec<Vec<Cell>> = (0..width)
        .map(|c| {
            let mut col: Vec<Cell> = rows
                .iter()
                .map(|r| r.get(c).cloned().unwrap_or(Cell::Empty))
                .collect();
            while col.last().is_some_and(Cell::is_empty) {
                col.pop();
            }
            col
        })
        .collect();
    let (r, fields) = find_header(&turned)?;
    // A plan laid out sideways names its fields down its first columns; and only a header
    // with a title and two other fields reads as a turned table.
    if r > 1 {
        return None;
    }
    if fields.iter().flatten().count() < 3 {
        return None;
    }
    let header = turned[r].iter().map(Cell::text).collect();
    // Table row i is sheet column i; its cell j is sheet row j.
    let positions = (0..turned.len())
        .skip(r + 1)
        .map(|i| (0..turned[i].len()).map(|j| Some((j + 1, i))).collect())
        .collect();
    let rows = turned
        .into_iter()
        .enumerate()
        .skip(r + 1)
        .map(|(i, row)| (i + 1, Cow::Owned(row)))
        .collect();
    Some(Table {
        key: ReadingKey {
            shape: Shape::Transposed,
            header_row: r,
        },
        header,
        groups: vec![None; fields.len()],
        fields,
        rows,
        rows_are_sheet_rows: false,
        positions: Some(positions),
    })
}

/// A header cell that names an objective: "Objective 1", "O2: Grow", "Objetivo 3 – …".
fn names_an_objective(cell: &Cell) -> bool {
    let Cell::Text(t) = cell else { return false };
    let n = super::synonyms::normalize(t);
    let mut words = n.split(' ');
    let first = words.next().unwrap_or_default();
    let numbered_o = first.len() >= 2
        && first.starts_with('o')
        && first[1..].chars().all(|c| c.is_ascii_digit());
    numbered_o
        || (field_of(t) == Some(Field::Objective)
            && words
                .next()
                .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit())))
}

/// Objectives side by side as column headers, each column's cells below its key results: one
/// row per (objective, key result).
fn objective_columns_table(rows: &[Vec<Cell>]) -> Option<Table<'static>> {
    let (r, header) = rows
        .iter()
        .enumerate()
        .take(HEADER_SEARCH_ROWS)
        .find(|(_, row)| row.iter().filter(|c| names_an_objective(c)).count() >= 2)?;
    let columns: Vec<usize> = (0..header.len())
        .filter(|c| names_an_objective(&header[*c]))
        .collect();
    let mut out = Vec::new();
    let mut positions = Vec::new();
    for &c in &columns {
        for (i, row) in rows.iter().enumerate().skip(r + 1) {
            let Some(cell @ Cell::Text(_)) = row.get(c).filter(|x| !x.is_empty()) else {
                continue;
            };
            out.push((i + 1, Cow::Owned(vec![header[c].clone(), cell.clone()])));
            positions.push(vec![Some((r + 1, c)), Some((i + 1, c))]);
        }
    }
    objective_key_result_table(r, out, positions)
}

/// Rows labelled "Key result 1", "Key result 2" … in one of the first two columns, the
/// objectives across the columns to their right, titled in the topmost of the rows just above
/// the labelled ones (a description may follow the title).
fn labelled_rows_table(rows: &[Vec<Cell>]) -> Option<Table<'static>> {
    let labelled = |row: &[Cell], l: usize| matches!(row.get(l), Some(Cell::Text(t)) if field_of(t) == Some(Field::KeyResult));
    let (label, kr_rows) = (0..2)
        .map(|l| {
            let rows_at: Vec<usize> = rows
                .iter()
                .enumerate()
                .take(TRANSPOSE_LIMIT)
                .filter(|(_, row)| labelled(row, l))
                .map(|(i, _)| i)
                .collect();
            (l, rows_at)
        })
        .find(|(_, at)| at.len() >= 2)?;
    let right_of_label = |r: usize| rows[r].iter().skip(label + 1).any(|c| !c.is_empty());
    // The run of filled rows just above the first labelled row; its top row holds the titles.
    let mut top = None;
    let mut r = kr_rows[0];
    while r > 0 && right_of_label(r - 1) && !labelled(&rows[r - 1], label) {
        r -= 1;
        top = Some(r);
    }
    let top = top?;
    let mut out = Vec::new();
    let mut positions = Vec::new();
    for (c, title) in rows[top].iter().enumerate().skip(label + 1) {
        if !matches!(title, Cell::Text(t) if !t.trim().is_empty()) {
            continue;
        }
        for &kr in &kr_rows {
            if let Some(cell @ Cell::Text(_)) = rows[kr].get(c).filter(|x| !x.is_empty()) {
                out.push((kr + 1, Cow::Owned(vec![title.clone(), cell.clone()])));
                positions.push(vec![Some((top + 1, c)), Some((kr + 1, c))]);
            }
        }
    }
    objective_key_result_table(top, out, positions)
}

/// (objective, key result) pairs as a table of the objectives-in-columns shape; none if empty.
fn objective_key_result_table(
    header_row: usize,
    out: Vec<(usize, Cow<'static, [Cell]>)>,
    positions: Vec<RowPositions>,
) -> Option<Table<'static>> {
    (!out.is_empty()).then(|| Table {
        key: ReadingKey {
            shape: Shape::ObjectiveColumns,
            header_row,
        },
        header: vec![
            Field::Objective.label().to_string(),
            Field::KeyResult.label().to_string(),
        ],
        fields: vec![Some(Field::Objective), Some(Field::KeyResult)],
        groups: vec![None, None],
        rows: out,
        rows_are_sheet_rows: false,
        positions: Some(positions),
    })
}

/// How plausible the plan a reading gives is: key results, more so with readable values, and
/// objectives that hold them; objectives without key results, and titles that are the names
/// of owners or a header's words ("Summary", "Target": a reading that turned the header into
/// rows), count against it.
pub(crate) fn plausibility(objectives: &[Objective], owners: &HashSet<String>) -> f64 {
    let wrong_title = |t: &str| owners.contains(t) || super::synonyms::is_header_word(t);
    let mut score = 0.0;
    for o in objectives {
        if o.key_results.is_empty() {
            score -= 1.0;
        } else {
            score += 0.5;
        }
        if wrong_title(&o.title) {
            score -= 3.0;
        }
        for k in &o.key_results {
            score += 1.0;
            if k.start.is_some()
                || k.target.is_some()
                || k.current.is_some()
                || k.score_override.is_some()
                || !k.check_ins.is_empty()
            {
                score += 0.5;
            }
            if wrong_title(&k.title) {
                score -= 3.0;
            }
            // A reading that keeps the sheet's history keeps more of what it says.
            if !k.check_ins.is_empty() {
                score += 0.25;
            }
        }
    }
    score
}

/// Names in the owner columns of every reading: a reading that makes them titles is wrong.
pub(super) fn owner_names<'o>(readings: impl Iterator<Item = &'o [Objective]>) -> HashSet<String> {
    let mut names = HashSet::new();
    for objectives in readings {
        for o in objectives {
            if !o.owner.is_empty() {
                names.insert(o.owner.clone());
            }
            for k in &o.key_results {
                if !k.owner.is_empty() {
                    names.insert(k.owner.clone());
                }
            }
        }
    }
    names
}
