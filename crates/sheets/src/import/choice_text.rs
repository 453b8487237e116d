//! The import's choices as text, kept in an imported plan's `origin::Origin`: an export into
//! the original reads the file again with them, to find where each value came from.

use serde::{Deserialize, Serialize};

use super::layout::Choices;
use super::reading::ReadingKey;
use super::remembered::{shape_name, shape_named};
use super::synonyms::Field;

#[derive(Default, Serialize, Deserialize)]
struct Stored {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    columns: Vec<(usize, usize, String)>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    readings: Vec<(usize, String, usize)>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    header_rows: Vec<(usize, usize)>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    skipped_sheets: Vec<usize>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    check_ins_of: Vec<(usize, usize)>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    initiatives_of: Vec<(usize, usize)>,
}

fn sorted<T: Ord>(mut v: Vec<T>) -> Vec<T> {
    v.sort();
    v
}

impl Choices {
    /// The choices as JSON, in a stable order.
    pub(crate) fn to_text(&self) -> String {
        let stored = Stored {
            columns: sorted(
                self.columns
                    .iter()
                    .map(|((s, c), f)| (*s, *c, f.label().to_string()))
                    .collect(),
            ),
            readings: sorted(
                self.readings
                    .iter()
                    .map(|(s, k)| (*s, shape_name(k.shape).to_string(), k.header_row))
                    .collect(),
            ),
            header_rows: sorted(self.header_rows.iter().map(|(a, b)| (*a, *b)).collect()),
            skipped_sheets: sorted(self.skipped_sheets.iter().copied().collect()),
            check_ins_of: sorted(self.check_ins_of.iter().map(|(a, b)| (*a, *b)).collect()),
            initiatives_of: sorted(self.initiatives_of.iter().map(|(a, b)| (*a, *b)).collect()),
        };
        serde_json::to_string(&stored).unwrap_or_default()
    }

    /// `to_text` read back; `None` when the text is not choices this build knows (a field or
    /// shape name it does not have).
    pub(crate) fn from_text(text: &str) -> Option<Choices> {
        let stored: Stored = if text.trim().is_empty() {
            Stored::default()
        } else {
            serde_json::from_str(text).ok()?
        };
        let mut choices = Choices::default();
        for (s, c, label) in stored.columns {
            let field = Field::CHOICES.iter().find(|f| f.label() == label)?;
            choices.columns.insert((s, c), *field);
        }
        for (s, shape, header_row) in stored.readings {
            let shape = shape_named(&shape)?;
            choices.readings.insert(s, ReadingKey { shape, header_row });
        }
        choices.header_rows.extend(stored.header_rows);
        choices.skipped_sheets.extend(stored.skipped_sheets);
        choices.check_ins_of.extend(stored.check_ins_of);
        choices.initiatives_of.extend(stored.initiatives_of);
        Some(choices)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Shape;

    #[test]
    fn choices_come_back_as_they_were() {
        let mut c = Choices::default();
        c.columns.insert((0, 3), Field::Current);
        c.columns.insert((1, 0), Field::Ignore);
        c.readings.insert(
            2,
            ReadingKey {
                shape: Shape::Wide,
                header_row: 4,
            },
        );
        c.header_rows.insert(1, 2);
        c.skipped_sheets.insert(5);
        c.check_ins_of.insert(3, 0);
        c.initiatives_of.insert(4, 0);
        assert_eq!(Choices::from_text(&c.to_text()), Some(c));
        assert_eq!(Choices::from_text(""), Some(Choices::default()));
        assert_eq!(Choices::default().to_text(), "{}");
        assert_eq!(
            Choices::from_text(r#"{"columns":[[0,1,"Nonsense"]]}"#),
            None
        );
        assert_eq!(Choices::from_text("not json"), None);
    }
}
