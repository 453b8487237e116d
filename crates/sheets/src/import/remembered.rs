//! The user's corrections in the preview, remembered per sheet layout: a sheet whose header
//! reads the same as one the user corrected before (next quarter's copy of the same template)
//! gets the same reading and column fields at once. Kept by the shell in local storage.

use serde::{Deserialize, Serialize};

use super::layout::{Choices, Preview, SheetOutcome};
use super::reading::{ReadingKey, Shape};
use super::synonyms::{normalize, Field};

/// How many layouts are remembered (the most recent first).
const LIMIT: usize = 40;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Remembered {
    layouts: Vec<Layout>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Layout {
    /// The sheet's header texts, normalised and joined (`signature`).
    signature: String,
    /// The reading picked: shape name and 0-based header row.
    reading: Option<(String, usize)>,
    /// Column index → field label (`Field::label`).
    columns: Vec<(usize, String)>,
}

/// A sheet's header as the reading shown saw it.
fn signature(columns: &[super::layout::ColumnReport]) -> String {
    columns
        .iter()
        .map(|c| format!("{}:{}", c.index, normalize(&c.header)))
        .collect::<Vec<_>>()
        .join("|")
}

pub(super) fn shape_name(s: Shape) -> &'static str {
    match s {
        Shape::Rows => "rows",
        Shape::TwoHeaderRows => "two-header-rows",
        Shape::Wide => "wide",
        Shape::Transposed => "transposed",
        Shape::ObjectiveColumns => "objective-columns",
    }
}

pub(super) fn shape_named(name: &str) -> Option<Shape> {
    [
        Shape::Rows,
        Shape::TwoHeaderRows,
        Shape::Wide,
        Shape::Transposed,
        Shape::ObjectiveColumns,
    ]
    .into_iter()
    .find(|s| shape_name(*s) == name)
}

impl Remembered {
    /// Reads what the shell stored; anything unreadable is forgotten, never an error.
    pub fn decode(text: Option<&str>) -> Remembered {
        text.and_then(|t| serde_json::from_str(t).ok())
            .unwrap_or_default()
    }

    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{\"layouts\":[]}".to_string())
    }

    pub fn is_empty(&self) -> bool {
        self.layouts.is_empty()
    }

    /// Remembers the corrections made in `choices` for the sheets of `preview` (the preview
    /// read with those choices). Returns whether anything was remembered.
    pub fn remember(&mut self, preview: &Preview, choices: &Choices) -> bool {
        let mut any = false;
        for (i, sheet) in preview.sheets.iter().enumerate() {
            let SheetOutcome::Read(read) = &sheet.outcome else {
                continue;
            };
            let columns: Vec<(usize, String)> = choices
                .columns
                .iter()
                .filter(|((s, _), _)| *s == i)
                .map(|((_, c), f)| (*c, f.label().to_string()))
                .collect();
            let reading = choices
                .readings
                .get(&i)
                .map(|k| (shape_name(k.shape).to_string(), k.header_row));
            if columns.is_empty() && reading.is_none() {
                continue;
            }
            let mut columns = columns;
            columns.sort();
            let signature = signature(&read.columns);
            self.layouts.retain(|l| l.signature != signature);
            self.layouts.insert(
                0,
                Layout {
                    signature,
                    reading,
                    columns,
                },
            );
            any = true;
        }
        self.layouts.truncate(LIMIT);
        any
    }

    /// The choices remembered for the sheets of `preview` (read with no choices) whose header
    /// reads as one corrected before; empty when none is known.
    pub(crate) fn recall(&self, preview: &Preview) -> Choices {
        let mut choices = Choices::default();
        for (i, sheet) in preview.sheets.iter().enumerate() {
            let SheetOutcome::Read(read) = &sheet.outcome else {
                continue;
            };
            let signature = signature(&read.columns);
            let Some(layout) = self.layouts.iter().find(|l| l.signature == signature) else {
                continue;
            };
            if let Some((shape, row)) = &layout.reading {
                if let Some(shape) = shape_named(shape) {
                    choices.readings.insert(
                        i,
                        ReadingKey {
                            shape,
                            header_row: *row,
                        },
                    );
                }
            }
            for (col, label) in &layout.columns {
                if let Some(field) = Field::CHOICES.iter().find(|f| f.label() == label) {
                    choices.columns.insert((i, *col), *field);
                }
            }
            // Column choices belong to the reading they were made on.
            choices.readings.entry(i).or_insert(read.reading);
        }
        choices
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{interpret, read};

    fn preview_of(csv: &str, choices: &Choices) -> Preview {
        interpret(&read(csv.as_bytes(), "q3.csv").unwrap(), choices)
    }

    #[test]
    fn a_correction_is_applied_to_the_next_file_with_the_same_header() {
        let q3 = "Objective,Measure,Start,Target,Current\nGrow,Signups,100,200,150\n";
        let mut choices = Choices::default();
        choices.columns.insert((0, 1), Field::KeyResult);
        let corrected = preview_of(q3, &choices);
        assert_eq!(corrected.key_result_count(), 1);
        let mut memory = Remembered::default();
        assert!(memory.remember(&corrected, &choices));
        let stored = memory.encode();

        // Next quarter: same header, new rows; read with no choices, then recalled.
        let q4 = "Objective,Measure,Start,Target,Current\nGrow,Demos,0,40,10\nKeep,Churn,5,3,4\n";
        let first = preview_of(q4, &Choices::default());
        assert_eq!(first.key_result_count(), 0);
        let recalled = Remembered::decode(Some(&stored)).recall(&first);
        assert_eq!(preview_of(q4, &recalled).key_result_count(), 2);

        // Another layout is left alone.
        let other = "Objective,Key result,Owner\nGrow,Demos,Ana\n";
        assert!(memory
            .recall(&preview_of(other, &Choices::default()))
            .columns
            .is_empty());
        assert_eq!(Remembered::decode(Some("not json")), Remembered::default());
    }
}
