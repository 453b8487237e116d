//! A plan → CSV: one row per key result (an objective without one still gets a row), the
//! first sheet's columns, computed scores as numbers.
//!
//! UTF-8 with a byte-order mark, so Excel opens accents and Chinese correctly. Text that a
//! spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage
//! return) is neutralised with a leading `'`, as OWASP recommends for CSV injection.

use super::{rows, type_word, ExportError, OKR_COLUMNS};
use okr_core::score;
use okr_core::value;

/// Text as written to a CSV cell: formula-like text gets a leading `'`.
pub(crate) fn neutralise(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

fn number(v: Option<f64>) -> String {
    v.map(value::plain).unwrap_or_default()
}

pub fn csv(plan: &okr_core::model::Plan) -> Result<String, ExportError> {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let fail = |e: csv::Error| ExportError(format!("The CSV file could not be written: {e}"));
    out.write_record(OKR_COLUMNS).map_err(fail)?;
    for row in rows(plan) {
        let o = row.objective;
        let mut record: Vec<String> = vec![
            neutralise(&o.period),
            neutralise(&o.team),
            neutralise(&o.title),
        ];
        match row.key_result {
            Some(k) => {
                let s = score::key_result_score_by(plan.scoring, k);
                record.extend([
                    neutralise(&k.title),
                    type_word(k).to_string(),
                    neutralise(&k.owner),
                    number(k.start),
                    number(k.target),
                    number(k.current),
                    if s.has_data {
                        value::plain(s.value)
                    } else {
                        String::new()
                    },
                    value::plain(k.weight),
                    String::new(),
                    neutralise(&k.link),
                    neutralise(&k.notes),
                ]);
            }
            None => record.extend(std::iter::repeat_n(String::new(), 11)),
        }
        out.write_record(&record).map_err(fail)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| ExportError(format!("The CSV file could not be written: {e}")))?;
    let text = String::from_utf8(bytes)
        .map_err(|e| ExportError(format!("The CSV file could not be written: {e}")))?;
    Ok(format!("\u{feff}{text}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use okr_core::model::{Kind, Plan};

    #[test]
    fn formula_like_text_is_neutralised() {
        for t in ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise(t), format!("'{t}"));
        }
        assert_eq!(neutralise("Grow revenue"), "Grow revenue");
        assert_eq!(neutralise(""), "");
    }

    #[test]
    fn one_row_per_key_result_with_the_contract_columns() {
        let mut plan = Plan::new("p");
        let mut o = plan.new_objective("=HYPERLINK(\"http://evil\")");
        o.team = "Sales".into();
        o.period = "2026-Q3".into();
        let mut k = plan.new_key_result("Reach 45%, \"quoted\"\nnext line");
        k.kind = Kind::Percent;
        k.start = Some(0.0);
        k.target = Some(0.5);
        k.current = Some(0.25);
        o.key_results.push(k);
        let empty = plan.new_objective("No KRs yet");
        plan.objectives = vec![o, empty];
        let text = csv(&plan).unwrap();
        assert!(text.starts_with('\u{feff}'));
        let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(headers, OKR_COLUMNS);
        let records: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect();
        assert_eq!(records.len(), 2);
        assert_eq!(records[0][0], "2026-Q3");
        assert_eq!(records[0][2], "'=HYPERLINK(\"http://evil\")");
        assert_eq!(records[0][3], "Reach 45%, \"quoted\"\nnext line");
        assert_eq!(records[0][4], "percent");
        assert_eq!(records[0][6..10], ["0", "0.5", "0.25", "0.5"]);
        assert_eq!(records[1][2], "No KRs yet");
        assert!(records[1][3..].iter().all(String::is_empty));
    }
}
