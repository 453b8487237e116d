//! A returned copy of a workbook → `merge::Returned`, the rows `merge` compares with the plan.
//!
//! A workbook okr-grid exported is read by its `OKRs` sheet's header names (so a column moved
//! or removed in the spreadsheet still reads), its `ID` column, the `Objectives` sheet's ids,
//! and the hidden `Merge base` sheet (what the export held). Any other workbook is read by the
//! importer as usual (`interpret`) and merged by titles.

use super::layout::{interpret, Choices};
use super::own::{confidence_in, formatted_kind, value_of};
use super::source::{Sheet, Workbook};
use super::values::Cell;
use crate::export::{BASE_COLUMNS, BASE_SHEET, GRADED, ID_COLUMN, OBJECTIVES_SHEET, OKR_SHEET};
use okr_core::merge::{self, Base, Field, Returned, ReturnedRow, Target, Values};
use okr_core::model::{Id, Kind};
use okr_core::period::Date;
use serde::{Deserialize, Serialize};

/// A value in a returned file that could not be read (left out: it changes nothing).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unread {
    /// 1-based, as the spreadsheet shows it.
    pub row: usize,
    pub column: String,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReadReturned {
    pub returned: Returned,
    pub unread: Vec<Unread>,
}

/// Why a file cannot be merged.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum NotMergeable {
    /// Nothing in it reads as key results.
    NoKeyResults,
}

fn header_index(sheet: &Sheet) -> impl Fn(&str) -> Option<usize> + '_ {
    move |name: &str| {
        sheet
            .rows
            .first()?
            .iter()
            .position(|c| c.text().trim().eq_ignore_ascii_case(name))
    }
}

fn cell(row: &[Cell], c: Option<usize>) -> &Cell {
    c.and_then(|c| row.get(c)).unwrap_or(&Cell::Empty)
}

/// A returned workbook's rows; `date` is when the file was saved (new Current values are
/// checked in on it).
/// `choices`: the user's corrections for a workbook okr-grid did not write (as in the import
/// preview; an own workbook is read by its header names).
pub fn read_returned(
    book: &Workbook,
    date: Option<Date>,
    choices: &Choices,
) -> Result<ReadReturned, NotMergeable> {
    let okrs = book.sheets.iter().find(|s| {
        s.name == OKR_SHEET && {
            let at = header_index(s);
            at("Key Result").is_some() && at("Objective").is_some()
        }
    });
    let read = match okrs {
        Some(sheet) => own_rows(book, sheet, date),
        None => by_importer(book, date, choices),
    };
    if read.returned.rows.is_empty() {
        return Err(NotMergeable::NoKeyResults);
    }
    Ok(read)
}

/// okr-grid's own workbook, however its rows were sorted, filtered or moved.
fn own_rows(book: &Workbook, sheet: &Sheet, date: Option<Date>) -> ReadReturned {
    let at = header_index(sheet);
    let columns = Field::ALL.map(|f| (f, at(f.column())));
    let [period, team, objective, kind, id] =
        ["Period", "Team", "Objective", "Type", ID_COLUMN].map(&at);
    let mut rows = Vec::new();
    let mut unread = Vec::new();
    for (i, row) in sheet.rows.iter().enumerate().skip(1) {
        if row.iter().all(Cell::is_empty) {
            continue;
        }
        let title = cell(row, columns[0].1).text();
        let type_word = cell(row, kind).text().to_lowercase();
        if title.is_empty() && type_word.is_empty() {
            // An objective without key results.
            continue;
        }
        let kind = Kind::parse(&type_word).unwrap_or(if type_word == GRADED {
            formatted_kind(
                columns
                    .iter()
                    .filter(|(f, _)| matches!(f, Field::Start | Field::Target | Field::Current))
                    .map(|(_, c)| cell(row, *c)),
            )
        } else {
            Kind::Number
        });
        let mut values = Values::new();
        for (field, c) in columns {
            let Some(c) = c else { continue };
            let value = cell(row, Some(c));
            let read = match field {
                Field::Start | Field::Target | Field::Current => match value {
                    Cell::Empty => Some(String::new()),
                    v => value_of(kind, v).map(|n| merge::number_text(Some(n))),
                },
                Field::Confidence => {
                    confidence_in(value).map(|c| c.map(|c| c.to_string()).unwrap_or_default())
                }
                _ => Some(value.text()),
            };
            match read {
                Some(v) => {
                    values.insert(field, v);
                }
                None => unread.push(Unread {
                    row: i + 1,
                    column: field.column().to_string(),
                    text: value.text(),
                }),
            }
        }
        rows.push(ReturnedRow {
            row: i + 1,
            id: Target::parse(&cell(row, id).text()),
            period: cell(row, period).text(),
            team: cell(row, team).text(),
            objective: cell(row, objective).text(),
            kind,
            values,
        });
    }
    ReadReturned {
        returned: Returned {
            file: book.file_name.clone(),
            date,
            rows,
            objectives: objective_rows(book),
            base: base_of(book),
        },
        unread,
    }
}

/// Titles and owners from the `Objectives` sheet, for the rows that carry an id.
fn objective_rows(book: &Workbook) -> Vec<(Id, Values)> {
    let Some(sheet) = book.sheets.iter().find(|s| s.name == OBJECTIVES_SHEET) else {
        return Vec::new();
    };
    let at = header_index(sheet);
    let [id, title, owner] = [ID_COLUMN, "Objective", "Owner"].map(&at);
    if id.is_none() || title.is_none() {
        return Vec::new();
    }
    sheet
        .rows
        .iter()
        .skip(1)
        .filter_map(|row| match Target::parse(&cell(row, id).text())? {
            Target::Objective(o) => {
                let mut values = Values::new();
                values.insert(Field::Title, cell(row, title).text());
                if owner.is_some() {
                    values.insert(Field::Owner, cell(row, owner).text());
                }
                Some((o, values))
            }
            Target::KeyResult(_) => None,
        })
        .collect()
}

/// What the export held (the `Merge base` sheet), when it is there with its header.
fn base_of(book: &Workbook) -> Option<Base> {
    let sheet = book.sheets.iter().find(|s| s.name == BASE_SHEET)?;
    let header: Vec<String> = sheet.rows.first()?.iter().map(Cell::text).collect();
    if header.len() < BASE_COLUMNS.len() || header.iter().zip(BASE_COLUMNS).any(|(h, c)| h != c) {
        return None;
    }
    let mut base = Base::default();
    for row in sheet.rows.iter().skip(1) {
        let text = |c: usize| row.get(c).map(Cell::text).unwrap_or_default();
        match (Target::parse(&text(0)), Target::parse(&text(1))) {
            (Some(Target::Objective(o)), _) => {
                let values = [(Field::Title, text(2)), (Field::Owner, text(3))];
                base.objectives.insert(o, values.into_iter().collect());
            }
            (Some(Target::KeyResult(k)), Some(Target::Objective(o))) => {
                // BASE_COLUMNS from "Title" on are `Field::ALL` in order.
                let values = Field::ALL
                    .iter()
                    .enumerate()
                    .map(|(i, f)| (*f, text(i + 2)))
                    .collect();
                base.key_results.insert(k, (o, values));
            }
            _ => {}
        }
    }
    Some(base)
}

/// Any other workbook: read by the importer, merged by titles.
fn by_importer(book: &Workbook, date: Option<Date>, choices: &Choices) -> ReadReturned {
    let preview = interpret(book, choices);
    let mut rows: Vec<ReturnedRow> = preview
        .plan
        .objectives
        .iter()
        .flat_map(|o| o.key_results.iter().map(move |k| (o, k)))
        .enumerate()
        .map(|(i, (o, k))| ReturnedRow {
            row: i + 2,
            id: None,
            period: o.period.clone(),
            team: o.team.clone(),
            objective: o.title.clone(),
            kind: k.kind,
            values: merge::key_result_values(k),
        })
        .collect();
    // A field no row holds a value for is a column the file does not have: it says nothing
    // (rather than clearing the plan's values).
    for field in Field::ALL {
        if rows
            .iter()
            .all(|r| r.values.get(&field).is_none_or(String::is_empty))
        {
            for r in &mut rows {
                r.values.remove(&field);
            }
        }
    }
    ReadReturned {
        returned: Returned {
            file: book.file_name.clone(),
            date,
            rows,
            objectives: Vec::new(),
            base: None,
        },
        unread: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::workbook::workbook;
    use crate::import::read;
    use okr_core::example::example_plan;

    #[test]
    fn an_export_reads_back_with_its_ids_and_base() {
        let plan = example_plan();
        let bytes = workbook(&plan, "2026-11-25").unwrap();
        let book = read(&bytes, "back.xlsx").unwrap();
        let read = read_returned(&book, None, &Choices::default()).unwrap();
        assert_eq!(read.unread, vec![]);
        let r = &read.returned;
        assert_eq!(r.rows.len(), plan.key_result_count());
        let base = r.base.as_ref().unwrap();
        for (row, kr) in r
            .rows
            .iter()
            .zip(plan.objectives.iter().flat_map(|o| &o.key_results))
        {
            assert_eq!(row.id, Some(Target::KeyResult(kr.id)));
            assert_eq!(row.values, merge::key_result_values(kr), "{}", kr.title);
            assert_eq!(base.key_results[&kr.id].1, row.values);
        }
        assert_eq!(r.objectives.len(), plan.objectives.len());
        // Unchanged, it merges to nothing.
        let preview = merge::preview(&plan, std::slice::from_ref(r));
        assert_eq!(preview.items, vec![]);
    }

    #[test]
    fn sorted_rows_and_a_moved_column_keep_their_ids() {
        let plan = example_plan();
        let bytes = workbook(&plan, "2026-11-25").unwrap();
        let mut book = read(&bytes, "sorted.xlsx").unwrap();
        let okrs = &mut book.sheets[0];
        okrs.rows[1..].reverse();
        // Notes moved to the front, as a user might drag it.
        for row in &mut okrs.rows {
            if row.len() > 13 {
                let notes = row.remove(13);
                row.insert(0, notes);
            }
        }
        let mut read = read_returned(&book, None, &Choices::default())
            .unwrap()
            .returned;
        let n = read.rows.len();
        read.rows[n - 1].values.insert(Field::Current, "450".into());
        let preview = merge::preview(&plan, &[read]);
        assert_eq!(preview.deleted(), 0);
        assert_eq!(preview.changes(), 1, "{:?}", preview.items);
        assert!(matches!(preview.items[0],
            merge::Item::Change { target: Target::KeyResult(id), field: Field::Current, .. }
                if id == plan.objectives[0].key_results[0].id));
    }

    #[test]
    fn a_workbook_without_key_results_cannot_be_merged() {
        let book = read(b"Name,Age\nAna,4\n", "people.csv").unwrap();
        assert_eq!(
            read_returned(&book, None, &Choices::default()).unwrap_err(),
            NotMergeable::NoKeyResults
        );
    }

    #[test]
    fn any_okr_sheet_merges_by_titles() {
        let plan = example_plan();
        let kr = &plan.objectives[0].key_results[0];
        let csv = format!(
            "Objective,Key result,Start,Target,Current\n{},{},400,650,512\n",
            plan.objectives[0].title, kr.title
        );
        let book = read(csv.as_bytes(), "team.csv").unwrap();
        let read = read_returned(&book, None, &Choices::default()).unwrap();
        let preview = merge::preview(&plan, &[read.returned]);
        assert_eq!(preview.matched, vec![merge::Matched::ByTitles]);
        assert_eq!(preview.changes(), 1, "{:?}", preview.items);
    }
}
