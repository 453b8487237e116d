//! Export: a plan → an .xlsx workbook (`workbook`, rust_xlsxwriter) or a CSV file (`csv`).
//!
//! The first sheet's layout is a public contract (`OKR_COLUMNS`, see ../shared/CONTRACTS.md):
//! other tools read it, and `import::own` reads it back into the same plan. Text typed by users
//! is always written as text, never as a formula; only http, https and mailto links become
//! hyperlinks.

use serde::{Deserialize, Serialize};
mod cell_refs;
pub mod csv;
pub mod original;
pub mod workbook;

use std::fmt;

use okr_core::model::{KeyResult, Objective, Plan};

/// The first sheet's name and header, in order (public contract).
pub(crate) const OKR_SHEET: &str = "OKRs";
pub const OKR_COLUMNS: [&str; 14] = [
    "Period",
    "Team",
    "Objective",
    "Key Result",
    "Type",
    "Owner",
    "Start",
    "Target",
    "Current",
    "Score",
    "Weight",
    "Confidence",
    "Link",
    "Notes",
];

/// Column positions in `OKR_COLUMNS` (0-based).
pub mod col {
    pub(crate) const PERIOD: u16 = 0;
    pub(crate) const TEAM: u16 = 1;
    pub(crate) const OBJECTIVE: u16 = 2;
    pub(crate) const KEY_RESULT: u16 = 3;
    pub(crate) const TYPE: u16 = 4;
    pub(crate) const OWNER: u16 = 5;
    pub(crate) const START: u16 = 6;
    pub(crate) const TARGET: u16 = 7;
    pub(crate) const CURRENT: u16 = 8;
    pub(crate) const SCORE: u16 = 9;
    pub(crate) const WEIGHT: u16 = 10;
    pub(crate) const CONFIDENCE: u16 = 11;
    pub(crate) const LINK: u16 = 12;
    pub(crate) const NOTES: u16 = 13;
    /// `ID_COLUMN`, after the contract's 14.
    pub const ID: u16 = 14;
}

/// The column after `Notes` that names each row's key result (`K12`) or, for an objective
/// without key results, its objective (`O3`): stable identity for merging returned copies
/// (`merge::Target`). Sorting and filtering in a spreadsheet keep it with its row.
pub(crate) const ID_COLUMN: &str = "ID";

/// A hidden sheet holding what the export wrote, as `merge` compares it (its base): one row
/// per objective (`O3`, Parent blank) and per key result (`K12`, Parent its objective's id),
/// every value as text. Written last; `import::returned` reads it.
pub(crate) const BASE_SHEET: &str = "Merge base";
pub(crate) const BASE_COLUMNS: [&str; 9] = [
    "ID",
    "Parent",
    "Title",
    "Owner",
    "Start",
    "Target",
    "Current",
    "Confidence",
    "Notes",
];

/// Further sheets (added after the first; their headers are part of what `import::own` reads).
pub(crate) const OBJECTIVES_SHEET: &str = "Objectives";
pub const OBJECTIVE_COLUMNS: [&str; 12] = [
    "Period",
    "Team",
    "Objective",
    "Owner",
    "Weight",
    "Score",
    "Status",
    "Aligned to",
    "Key results",
    "Aligned to row",
    "Commitment",
    ID_COLUMN,
];
/// Initiatives (tasks, never scored) under objectives and key results, when there are any.
/// An objective's own have no OKRs row.
pub(crate) const INITIATIVES_SHEET: &str = "Initiatives";
pub(crate) const INITIATIVE_COLUMNS: [&str; 6] = [
    "Objective",
    "Key Result",
    "Initiative",
    "Done",
    "Objectives row",
    "OKRs row",
];
/// Milestone key results' steps, in order (written when a milestone has any).
pub(crate) const STEPS_SHEET: &str = "Steps";
pub(crate) const STEP_COLUMNS: [&str; 5] = ["Objective", "Key Result", "Step", "Done", "OKRs row"];
/// The units key results count in (written when one has a unit).
pub(crate) const UNITS_SHEET: &str = "Units";
pub(crate) const UNIT_COLUMNS: [&str; 4] = ["Objective", "Key Result", "Unit", "OKRs row"];
/// The scoring rule in force: its name, code, pace margin and what it does (always written).
pub(crate) const SCORING_SHEET: &str = "Scoring";
pub(crate) const SCORING_COLUMNS: [&str; 4] =
    ["Rule", "Code", "Pace margin", "How scores are computed"];
/// Commit and stretch values (written when a key result has either).
pub(crate) const THRESHOLDS_SHEET: &str = "Thresholds";
pub(crate) const THRESHOLD_COLUMNS: [&str; 5] =
    ["Objective", "Key Result", "Commit", "Stretch", "OKRs row"];
/// Candidate objectives in rank order, ICE a formula (written when the backlog has any).
pub(crate) const BACKLOG_SHEET: &str = "Backlog";
pub(crate) const BACKLOG_COLUMNS: [&str; 7] = [
    "Rank",
    "Candidate",
    "Team",
    "Impact",
    "Confidence",
    "Ease",
    "ICE",
];
/// The plan's periods with their dates (written when the plan has any).
pub(crate) const PERIODS_SHEET: &str = "Periods";
pub(crate) const PERIOD_COLUMNS: [&str; 4] = ["Period", "Kind", "Start", "End"];
pub(crate) const CHECK_INS_SHEET: &str = "Check-ins";
pub(crate) const CHECK_IN_COLUMNS: [&str; 7] = [
    "Date",
    "Objective",
    "Key Result",
    "Value",
    "Confidence",
    "Note",
    "OKRs row",
];

/// The Type column's words: the key result's kind, or `graded` when a grade overrides it.
pub(crate) const GRADED: &str = "graded";
pub(crate) const TYPE_WORDS: [&str; 7] = [
    "number",
    "percent",
    "binary",
    "stay above",
    "stay below",
    "milestone",
    GRADED,
];

/// Confidence choices offered in the workbook (1–10, or the three words OKR tools use).
pub(crate) const CONFIDENCE_WORDS: [&str; 13] = [
    "1",
    "2",
    "3",
    "4",
    "5",
    "6",
    "7",
    "8",
    "9",
    "10",
    "on track",
    "at risk",
    "off track",
];

/// Excel's limits: longer text or more rows cannot be written.
pub(crate) const MAX_CELL_CHARS: usize = 32_767;
pub(crate) const MAX_SHEET_ROWS: usize = 1_048_576;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportError(pub String);

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ExportError {}

/// The Type column's word for a key result.
pub(crate) fn type_word(kr: &KeyResult) -> &'static str {
    if kr.score_override.is_some() {
        GRADED
    } else {
        kr.kind.name()
    }
}

/// One row of the first sheet: a key result, or an objective that has none.
#[derive(Clone, Copy, Debug)]
pub struct Row<'a> {
    pub objective: &'a Objective,
    pub key_result: Option<&'a KeyResult>,
}

/// The first sheet's rows in plan order.
pub fn rows(plan: &Plan) -> impl Iterator<Item = Row<'_>> {
    plan.objectives.iter().flat_map(|o| {
        let krs: Box<dyn Iterator<Item = Row<'_>>> = if o.key_results.is_empty() {
            Box::new(std::iter::once(Row {
                objective: o,
                key_result: None,
            }))
        } else {
            Box::new(o.key_results.iter().map(move |k| Row {
                objective: o,
                key_result: Some(k),
            }))
        };
        krs
    })
}

/// True for links that may become clickable: http, https and mailto, with no spaces or
/// control characters. Anything else (javascript:, file:, data:, relative paths) stays text.
pub fn is_safe_link(link: &str) -> bool {
    // Lower-case schemes only: rust_xlsxwriter tells link types by these exact prefixes.
    let scheme_ok = ["http://", "https://", "mailto:"]
        .iter()
        .any(|s| link.starts_with(s) && link.len() > s.len());
    scheme_ok && !link.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// `<plan name>-<yyyy-mm-dd>.<ext>`, with characters that file systems refuse replaced.
pub fn file_name(plan_name: &str, date: &str, ext: &str) -> String {
    let cleaned: String = plan_name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let cleaned = cleaned.trim().trim_matches('.').trim();
    let stem: String = if cleaned.is_empty() {
        "okr-plan".to_string()
    } else {
        cleaned.chars().take(120).collect()
    };
    format!("{stem}-{date}.{ext}")
}

/// Checks that every text fits in a cell, naming the first that does not.
pub(crate) fn check_lengths(plan: &Plan) -> Result<(), ExportError> {
    let too_long = |text: &str| text.chars().count() > MAX_CELL_CHARS;
    let refuse = |what: &str, title: &str| {
        let short: String = title.chars().take(40).collect();
        Err(ExportError(format!(
            "The {what} of “{short}” is longer than the {MAX_CELL_CHARS} characters a spreadsheet \
             cell can hold; shorten it, then export again."
        )))
    };
    for o in &plan.objectives {
        for (what, text) in [
            ("title", &o.title),
            ("owner", &o.owner),
            ("team", &o.team),
            ("period", &o.period),
        ] {
            if too_long(text) {
                return refuse(&format!("objective {what}"), &o.title);
            }
        }
        for k in &o.key_results {
            for (what, text) in [
                ("title", &k.title),
                ("owner", &k.owner),
                ("link", &k.link),
                ("notes", &k.notes),
            ] {
                if too_long(text) {
                    return refuse(&format!("key result {what}"), &k.title);
                }
            }
            for c in &k.check_ins {
                if too_long(&c.when) || too_long(&c.note) {
                    return refuse("check-in", &k.title);
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use okr_core::model::Plan;

    #[test]
    fn only_http_https_and_mailto_links_are_safe() {
        assert!(is_safe_link("https://crm.example.com/report?id=4"));
        assert!(is_safe_link("http://example.com"));
        assert!(is_safe_link("mailto:ana@example.com"));
        for bad in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "file:///etc/passwd",
            "data:text/html,<b>",
            "internal:Sheet1!A1",
            "example.com",
            "https://",
            "https://exa mple.com",
            "HTTPS://EXAMPLE.COM",
            " https://example.com",
            "",
        ] {
            assert!(!is_safe_link(bad), "{bad}");
        }
    }

    #[test]
    fn file_names_are_cleaned_and_dated() {
        assert_eq!(
            file_name("Marketing Q3", "2026-11-25", "xlsx"),
            "Marketing Q3-2026-11-25.xlsx"
        );
        assert_eq!(
            file_name("a/b:c*?\"<>|", "2026-01-02", "csv"),
            "a-b-c-------2026-01-02.csv"
        );
        assert_eq!(
            file_name("  ..  ", "2026-01-02", "xlsx"),
            "okr-plan-2026-01-02.xlsx"
        );
        assert_eq!(
            file_name("", "2026-01-02", "xlsx"),
            "okr-plan-2026-01-02.xlsx"
        );
    }

    #[test]
    fn an_objective_without_key_results_still_gets_a_row() {
        let mut plan = Plan::new("p");
        let mut a = plan.new_objective("A");
        let b = plan.new_objective("B");
        a.key_results.push(plan.new_key_result("a1"));
        a.key_results.push(plan.new_key_result("a2"));
        plan.objectives = vec![a, b];
        let titles: Vec<(String, Option<String>)> = rows(&plan)
            .map(|r| {
                (
                    r.objective.title.clone(),
                    r.key_result.map(|k| k.title.clone()),
                )
            })
            .collect();
        assert_eq!(
            titles,
            vec![
                ("A".into(), Some("a1".into())),
                ("A".into(), Some("a2".into())),
                ("B".into(), None)
            ]
        );
    }

    #[test]
    fn text_longer_than_a_cell_is_refused_by_name() {
        let mut plan = Plan::new("p");
        let mut o = plan.new_objective("Grow");
        let mut k = plan.new_key_result("Leads");
        k.notes = "x".repeat(MAX_CELL_CHARS + 1);
        o.key_results.push(k);
        plan.objectives.push(o);
        let err = check_lengths(&plan).unwrap_err();
        assert!(err.0.contains("key result notes of “Leads”"), "{err}");
        plan.objectives[0].key_results[0].notes = "x".repeat(MAX_CELL_CHARS);
        assert!(check_lengths(&plan).is_ok());
    }
}
