//! The source map of an import (`origin::Origin`): for each value read from a sheet row, the
//! cell it came from and the value as read. Recorded only where the table's rows and columns
//! are the sheet's own (not for turned or regrouped readings, whose cells moved).

use super::values::{Cell, Num};
use okr_core::model::{Id, Kind};
use okr_core::origin::{CellAt, CheckInColumn, ColumnTime, Imported, SourceCell, SourceField};
use okr_core::period::{Date, Period};

#[derive(Clone, Debug, Default)]
pub(super) struct Sources {
    /// The sheet the table's rows are rows of; `None`: nothing is recorded.
    pub sheet: Option<String>,
    pub cells: Vec<SourceCell>,
    pub check_in_columns: Vec<CheckInColumn>,
}

impl Sources {
    pub fn at(sheet: Option<String>) -> Self {
        Sources {
            sheet,
            ..Default::default()
        }
    }

    /// Records a value of `item`: `row` is the sheet row from 1, `col` from 0.
    pub fn record(
        &mut self,
        item: Id,
        field: SourceField,
        row: usize,
        col: usize,
        imported: Imported,
    ) {
        let Some(sheet) = &self.sheet else { return };
        let (Ok(row), Ok(col)) = (u32::try_from(row.saturating_sub(1)), u32::try_from(col)) else {
            return;
        };
        self.cells.push(SourceCell {
            item,
            field,
            at: CellAt {
                sheet: sheet.clone(),
                row,
                col,
            },
            imported,
        });
    }

    pub(crate) fn check_in_column(&mut self, col: usize, label: &str) {
        let Some(sheet) = &self.sheet else { return };
        let Ok(col) = u32::try_from(col) else { return };
        self.check_in_columns.push(CheckInColumn {
            sheet: sheet.clone(),
            col,
            label: label.to_string(),
            time: column_time(label),
        });
    }

    /// Keeps what the sheet's chosen reading recorded.
    pub(crate) fn append(&mut self, other: Sources) {
        self.cells.extend(other.cells);
        self.check_in_columns.extend(other.check_in_columns);
    }
}

/// The days a check-in column's header names: a date, a period ("Q4-2026", "Mar 2026"), or a
/// month or week as the importer reads check-in headers (`synonyms::check_in_column`).
pub(super) fn column_time(label: &str) -> Option<ColumnTime> {
    if let Some(d) = Date::parse(label.trim()) {
        return Some(ColumnTime::Day(d));
    }
    if let Some(p) = Period::from_name(label) {
        return Some(ColumnTime::Span(p.start, p.end));
    }
    // Its ordering keys: 10,000 + year × 12 + month index, 1,000 + month index, or the week.
    match super::synonyms::check_in_column(label)? {
        k @ 10_000.. => Some(ColumnTime::Month {
            year: i32::try_from((k - 10_000) / 12).ok(),
            month: (k - 10_000) % 12 + 1,
        }),
        k @ 1_000..=1_011 => Some(ColumnTime::Month {
            year: None,
            month: k - 1_000 + 1,
        }),
        k @ 1..=53 => Some(ColumnTime::Week {
            year: None,
            week: k,
        }),
        _ => None,
    }
}

/// A title as read: the text after the numbering the importer took off ("1. ") is the title;
/// the numbering is kept to be put back. `None` when the cell does not end with the title.
pub(super) fn title(cell: &str, title: &str) -> Option<Imported> {
    let text = cell.trim();
    let prefix = text.strip_suffix(title)?;
    Some(Imported::Text {
        value: title.to_string(),
        prefix: prefix.to_string(),
    })
}

pub(super) fn text(value: &str) -> Imported {
    Imported::Text {
        value: value.to_string(),
        prefix: String::new(),
    }
}

/// A number as read into `value` (okr-grid's units) from `cell`: how the cell holds it.
/// `percent_column`: an empty cell of a percent key result under a "%" header takes 45 for 45 %.
pub(super) fn number(
    cell: Option<&Cell>,
    parsed: Option<Num>,
    value: Option<f64>,
    kind: Kind,
    percent_column: bool,
) -> Imported {
    if kind == Kind::Binary {
        return Imported::Done(value.map(|v| v >= 1.0));
    }
    let ratio = |raw: f64| match value {
        Some(v) if v != 0.0 && ((raw / v) - 100.0).abs() < 1e-6 => 100.0,
        Some(v) if v != 0.0 => 1.0,
        _ if kind == Kind::Percent && percent_column => 100.0,
        _ => 1.0,
    };
    match cell {
        None | Some(Cell::Empty) => Imported::Number {
            value,
            scale: if kind == Kind::Percent && percent_column {
                100.0
            } else {
                1.0
            },
            text: None,
        },
        Some(Cell::Number(n)) => Imported::Number {
            value,
            scale: ratio(*n),
            text: None,
        },
        Some(Cell::Percent(_)) => Imported::Number {
            value,
            scale: 1.0,
            text: None,
        },
        Some(Cell::Bool(b)) => Imported::Done(Some(*b)),
        Some(Cell::Text(t)) => Imported::Number {
            value,
            scale: match parsed {
                Some(n) if n.percent => 100.0,
                Some(n) => ratio(n.value),
                None => 1.0,
            },
            text: Some(t.clone()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_in_headers_name_their_days() {
        let d = |s: &str| Date::parse(s).unwrap();
        assert_eq!(
            column_time("2026-03-02"),
            Some(ColumnTime::Day(d("2026-03-02")))
        );
        assert_eq!(
            column_time("Q1-2026"),
            Some(ColumnTime::Span(d("2026-01-01"), d("2026-03-31")))
        );
        assert_eq!(
            column_time("Mar 2026"),
            Some(ColumnTime::Span(d("2026-03-01"), d("2026-03-31")))
        );
        for label in ["Mar", "march", "marzo", "mar"] {
            assert_eq!(
                column_time(label),
                Some(ColumnTime::Month {
                    year: None,
                    month: 3
                }),
                "{label}"
            );
        }
        for label in ["W11", "Week 11", "KW 11", "Semana 11", "第11周"] {
            assert_eq!(
                column_time(label),
                Some(ColumnTime::Week {
                    year: None,
                    week: 11
                }),
                "{label}"
            );
        }
        assert_eq!(column_time("Notes"), None);
    }
}
