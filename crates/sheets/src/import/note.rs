//! What the importer says about a sheet or a row: why it was skipped, what a detail sheet
//! brought in, what looked wrong. Facts with their numbers and names; the shell words them in
//! the interface language (`ui::translate`), `Display` is the English sentence.

use serde::{Deserialize, Serialize};
use std::fmt;

use okr_core::model::{Kind, ScoringRule};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Note {
    // Sheets skipped.
    /// okr-grid's own detail sheet, when the OKRs sheet is read with changed columns.
    DetailSheet,
    /// A sheet that is not part of okr-grid's workbook layout, in okr-grid's own workbook.
    NotOwnLayout,
    Instructions,
    NoTable,
    /// No OKR columns among the headers seen.
    NoOkrColumns(Vec<String>),
    /// A sheet read but holding no objective or key result.
    NothingInRows,

    // Rows skipped.
    TotalsRow,
    EmptyRow,
    KeyResultWithoutObjective,
    NoteBelowTable,
    NoTitle,

    // Warnings.
    /// Scores in the sheet that differ from okr-grid's.
    ScoresDiffer(usize),
    /// A type word okr-grid does not know (row, the word, the kind read instead).
    UnknownType(usize, String, Kind),
    /// A grade outside 0–1 (row, the text).
    BadGrade(usize, String),

    // What okr-grid's detail sheets brought in.
    /// Objective owners, weights, … read with the OKRs sheet (its name).
    ObjectiveDetails(String),
    Periods(usize),
    Initiatives(usize),
    CheckIns(usize),
    Steps(usize),
    Units(usize),
    Thresholds(usize),
    Backlog(usize),
    /// Rows of the Initiatives sheet naming no objective or key result.
    InitiativesUnmatched(Vec<usize>),
    /// Rows of the Check-ins sheet naming no key result, or holding no value.
    CheckInsUnmatched(Vec<usize>),
    /// Rows of a detail sheet naming no key result.
    RowsUnmatched(Vec<usize>),
    NoScoringRule,
    UnknownScoringRule(String),
    Scoring(ScoringRule),
    /// Backlog rows whose ICE values were brought into 1–10.
    BacklogAdjusted(Vec<usize>),

    // Reading real-world workbooks.
    /// A sheet the user chose to skip.
    SkippedByUser,
    /// A hidden sheet (lookup lists, helpers).
    HiddenSheet,
    /// The sheet an export to the original file adds to list what was added or deleted in
    /// okr-grid (`export::original::LISTED_SHEET`).
    ListedByOkrGrid,
    /// A sheet whose rows name key results of another sheet (KPIs, actions, links): details,
    /// not key results of their own (the other sheet's name).
    DetailsOfKeyResults(String),
    /// Objectives listed by id whose titles went to the key results naming them (how many).
    ObjectiveTitlesJoined(usize),
    /// A bare list of key results put under one objective (its title, how many).
    UnderOneObjective(String, usize),
    /// Objectives named by their ids: no sheet gives their titles (how many).
    ObjectivesNamedById(usize),
    /// Values that do not read as numbers, kept in the key results' notes (rows).
    ValuesKeptInNotes(Vec<usize>),
    /// Targets read from the key results' own text ("… to 5%"), no target column (how many).
    TargetsFromTitles(usize),
    /// Objectives without any key result in a workbook whose other sheets hold key results:
    /// a list beside the plan, not part of it (how many).
    ObjectivesWithoutKeyResults(usize),
    /// A sheet the user said holds check-ins of another (its name), where no key result,
    /// date and value columns were found.
    NoCheckInsFound(String),
    /// The same for initiatives: no column naming key results or objectives of that sheet.
    NoInitiativesFound(String),
    /// Doubts about the whole reading: objectives but no key results (objectives).
    DoubtNoKeyResults(usize),
    /// Most objectives have no key result (empty, all).
    DoubtEmptyObjectives(usize, usize),
    /// Key results without any value though the sheet has value columns (key results).
    DoubtNoValues(usize),
}

/// "4, 9, 12"
pub fn rows_list(rows: &[usize]) -> String {
    rows.iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::export::OKR_SHEET;
        match self {
            Note::DetailSheet => write!(
                f,
                "okr-grid's detail sheet, read only with the columns as exported"
            ),
            Note::NotOwnLayout => write!(f, "not part of okr-grid's workbook layout"),
            Note::Instructions => {
                write!(f, "looks like instructions or a lookup list, not OKRs")
            }
            Note::NoTable => write!(f, "no table found"),
            Note::NoOkrColumns(seen) => {
                let seen: Vec<String> = seen.iter().map(|h| format!("“{h}”")).collect();
                write!(
                    f,
                    "no OKR columns found (headers seen: {})",
                    seen.join(", ")
                )
            }
            Note::NothingInRows => write!(f, "no objectives or key results in its rows"),
            Note::TotalsRow => write!(f, "totals row"),
            Note::EmptyRow => write!(f, "no objective or key result in this row"),
            Note::KeyResultWithoutObjective => {
                write!(f, "key result with no objective above it")
            }
            Note::NoteBelowTable => write!(f, "note below the table"),
            Note::NoTitle => write!(f, "no objective or key result title"),
            Note::ScoresDiffer(n) => write!(
                f,
                "{} in the sheet differ{} from okr-grid's, which are computed from start, \
                 target and current. Sheets that score with MIN(current/target, 1) ignore the \
                 start and get decreasing key results wrong.",
                count(*n, "score", "scores"),
                if *n == 1 { "s" } else { "" },
            ),
            Note::UnknownType(row, word, read_as) => write!(
                f,
                "Row {row}: type “{word}” is not number, percent, binary, stay above, stay \
                 below, milestone or graded; read as {}.",
                read_as.name()
            ),
            Note::BadGrade(row, text) => write!(
                f,
                "Row {row}: the grade “{text}” is not between 0 and 1; the score is computed \
                 instead."
            ),
            Note::ObjectiveDetails(sheet) => write!(
                f,
                "Objective owners, weights, alignment and commitment, read with “{sheet}”."
            ),
            Note::Periods(1) => write!(f, "1 period with its dates."),
            Note::Periods(n) => write!(f, "{n} periods with their dates."),
            Note::Initiatives(n) => write!(f, "{} read.", count(*n, "initiative", "initiatives")),
            Note::CheckIns(1) => write!(f, "1 check-in read into its key result."),
            Note::CheckIns(n) => write!(f, "{n} check-ins read into their key results."),
            Note::Steps(n) => write!(
                f,
                "{} read.",
                count(*n, "milestone step", "milestone steps")
            ),
            Note::Units(1) => write!(f, "1 key result's unit read."),
            Note::Units(n) => write!(f, "{n} key results' units read."),
            Note::Thresholds(1) => write!(f, "1 key result's commit and stretch values read."),
            Note::Thresholds(n) => {
                write!(f, "{n} key results' commit and stretch values read.")
            }
            Note::Backlog(n) => write!(
                f,
                "{} in the backlog.",
                count(*n, "candidate objective", "candidate objectives")
            ),
            Note::InitiativesUnmatched(rows) => write!(
                f,
                "Rows {} name no objective or key result of the OKRs sheet and were left out.",
                rows_list(rows)
            ),
            Note::CheckInsUnmatched(rows) => write!(
                f,
                "Rows {} name no key result of “{OKR_SHEET}” or hold no value, and were skipped.",
                rows_list(rows)
            ),
            Note::RowsUnmatched(rows) => write!(
                f,
                "Rows {} name no key result of “{OKR_SHEET}” and were left out.",
                rows_list(rows)
            ),
            Note::NoScoringRule => write!(f, "No scoring rule named: linear progress."),
            Note::UnknownScoringRule(name) => write!(
                f,
                "Scoring rule “{name}” is not one okr-grid knows: linear progress is used."
            ),
            Note::Scoring(rule) => write!(f, "Scoring rule: {}.", rule.label()),
            Note::BacklogAdjusted(rows) => write!(
                f,
                "Impact, Confidence or Ease brought into 1–10 on row(s) {}.",
                rows_list(rows)
            ),
            Note::SkippedByUser => write!(f, "Skipped, as you chose."),
            Note::HiddenSheet => write!(f, "A hidden sheet (lists or helpers): not read."),
            Note::ListedByOkrGrid => write!(
                f,
                "okr-grid's list of what was added or deleted since the file was imported: not read."
            ),
            Note::DetailsOfKeyResults(sheet) => write!(
                f,
                "Its rows name key results of “{sheet}”: details of those, not key results of their own."
            ),
            Note::ObjectiveTitlesJoined(n) => write!(
                f,
                "{} read by id into the key results that name them.",
                count(*n, "objective title", "objective titles")
            ),
            Note::UnderOneObjective(title, n) => write!(
                f,
                "No objectives in this sheet: its {} are under one objective, “{title}”. Rename it in the grid.",
                count(*n, "key result", "key results")
            ),
            Note::ObjectivesNamedById(n) => write!(
                f,
                "{} named by their id: the file does not hold their titles.",
                count(*n, "objective", "objectives")
            ),
            Note::ValuesKeptInNotes(rows) => write!(
                f,
                "Values that are not numbers kept in the key result's notes, row(s) {}.",
                rows_list(rows)
            ),
            Note::TargetsFromTitles(n) => write!(
                f,
                "No target column: {} read from the key result's own words.",
                count(*n, "target", "targets")
            ),
            Note::ObjectivesWithoutKeyResults(n) => write!(
                f,
                "{} without any key result, beside the sheets that hold the key results: a list, not part of the plan.",
                count(*n, "objective", "objectives")
            ),
            Note::NoCheckInsFound(sheet) => write!(
                f,
                "No check-ins found: this sheet needs a column naming key results of “{sheet}” (by id or title), a date column and a value column."
            ),
            Note::NoInitiativesFound(sheet) => write!(
                f,
                "No initiatives found: this sheet needs a column naming key results or objectives of “{sheet}” (by id or title) and a column of titles."
            ),
            Note::DoubtNoKeyResults(n) => write!(
                f,
                "This reading gives {} and no key results, though the file has many more rows. Check the columns read as Objective and Key result, or read it differently.",
                count(*n, "objective", "objectives")
            ),
            Note::DoubtEmptyObjectives(empty, all) => write!(
                f,
                "{empty} of {all} objectives have no key result. Check the columns, or read it differently."
            ),
            Note::DoubtNoValues(n) => write!(
                f,
                "None of the {n} key results has a value. Check the columns read as Start, Target and Current."
            ),
        }
    }
}

/// Sentences said one after the other ("3 initiatives read. Rows 4, 9 … left out.").
pub fn sentences(notes: &[Note]) -> String {
    notes
        .iter()
        .map(Note::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}
