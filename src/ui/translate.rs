//! The core's structured messages (refusals, row actions, health findings, pace words) in the
//! interface language. The core states facts as enums with their arguments and keeps an
//! English `Display` for tests and logs; every sentence a user reads goes through the
//! catalogues here (`locales/*.json`).

use super::i18n::td_string;
use okr_core::checkin::CheckInError;
use okr_core::closing::CarryError;
use okr_core::command::CommandError;
use okr_core::grid::{CellError, Column, Refusal, RowDone, RowRefused};
use okr_core::health::{Says, MAX_KEY_RESULTS, MIN_KEY_RESULTS};
use okr_core::locale::Locale;
use okr_core::model::Kind;
use okr_core::pace::PaceStatus;
use okr_core::score::Status;
use okr_core::value::ValueError;
use okr_sheets::import::{Field, ImportError, Note};

/// A grid column's header.
pub fn column(l: Locale, c: Column) -> String {
    match c {
        Column::Objective => td_string!(l, col_objective).to_string(),
        Column::KeyResult => td_string!(l, col_key_result).to_string(),
        Column::Kind => td_string!(l, col_type).to_string(),
        Column::Owner => td_string!(l, col_owner).to_string(),
        Column::Start => td_string!(l, col_start).to_string(),
        Column::Target => td_string!(l, col_target).to_string(),
        Column::Current => td_string!(l, col_current).to_string(),
        Column::Weight => td_string!(l, col_weight).to_string(),
        Column::Score => td_string!(l, col_score).to_string(),
    }
}

/// A status band's words.
pub fn status(l: Locale, s: Status) -> String {
    match s {
        Status::NoData => td_string!(l, status_no_data).to_string(),
        Status::OffTrack => td_string!(l, status_off_track).to_string(),
        Status::AtRisk => td_string!(l, status_at_risk).to_string(),
        Status::OnTrack => td_string!(l, status_on_track).to_string(),
    }
}

/// A confidence's words (1–10: off track, at risk, on track), lower case as in a sentence.
pub fn confidence(l: Locale, c: u8) -> String {
    match okr_core::checkin::confidence_band(c) {
        Status::OnTrack => td_string!(l, confidence_on_track).to_string(),
        Status::AtRisk => td_string!(l, confidence_at_risk).to_string(),
        _ => td_string!(l, confidence_off_track).to_string(),
    }
}

/// A pace status's words.
pub fn pace(l: Locale, p: PaceStatus) -> String {
    match p {
        PaceStatus::NotStarted => td_string!(l, pace_not_started).to_string(),
        PaceStatus::Ahead => td_string!(l, pace_ahead).to_string(),
        PaceStatus::OnPace => td_string!(l, pace_on_pace).to_string(),
        PaceStatus::Behind => td_string!(l, pace_behind).to_string(),
    }
}

/// A field named in a core error by its English word ("Weight", "Start", …).
pub fn field(l: Locale, english: &str) -> String {
    match english {
        "Weight" => column(l, Column::Weight),
        "Start" => column(l, Column::Start),
        "Target" => column(l, Column::Target),
        "Current" => column(l, Column::Current),
        "Grade" => td_string!(l, grade).to_string(),
        "Commit" => td_string!(l, commit_value).to_string(),
        "Stretch" => td_string!(l, stretch_value).to_string(),
        "Impact" => td_string!(l, impact).to_string(),
        "Confidence" => td_string!(l, confidence).to_string(),
        "Ease" => td_string!(l, ease).to_string(),
        "Team" => td_string!(l, team).to_string(),
        "Title" => td_string!(l, title_word).to_string(),
        _ => td_string!(l, value).to_string(),
    }
}

pub(crate) fn command_error(l: Locale, e: &CommandError) -> String {
    match e {
        CommandError::UnknownObjective(_) => td_string!(l, err_unknown_objective).to_string(),
        CommandError::UnknownKeyResult(_) => td_string!(l, err_unknown_key_result).to_string(),
        CommandError::DuplicateId(_) => td_string!(l, err_duplicate_id).to_string(),
        CommandError::NotFinite(f) => {
            td_string!(l, err_not_finite, field = field(l, f)).to_string()
        }
        CommandError::NegativeWeight => td_string!(l, err_negative_weight).to_string(),
        CommandError::GradeOutOfRange(g) => {
            td_string!(l, err_grade_range, got = l.number(*g)).to_string()
        }
        CommandError::AlignmentCycle => td_string!(l, err_alignment_cycle).to_string(),
        CommandError::ConfidenceOutOfRange(c) => {
            td_string!(l, err_confidence_range, got = *c).to_string()
        }
        CommandError::PeriodEndsBeforeStart(name) => {
            td_string!(l, err_period_order, name = name.clone()).to_string()
        }
        CommandError::PeriodNameTaken(name) => {
            td_string!(l, err_period_name, name = name.clone()).to_string()
        }
        CommandError::Milestone(steps) => {
            td_string!(l, err_milestone_range, steps = *steps).to_string()
        }
        CommandError::StepsDone(steps) => td_string!(l, err_steps_done, steps = *steps).to_string(),
        CommandError::UnknownCandidate(_) => td_string!(l, err_unknown_candidate).to_string(),
        CommandError::IceOutOfRange(f, v) => {
            td_string!(l, err_ice_range, field = field(l, f), got = *v).to_string()
        }
        CommandError::BadOrder => td_string!(l, err_bad_order).to_string(),
        CommandError::BadMargin(m) => {
            td_string!(l, err_bad_margin, got = l.number(*m * 100.0)).to_string()
        }
        CommandError::ReadOnly => td_string!(l, err_read_only).to_string(),
    }
}

pub(crate) fn value_error(l: Locale, e: &ValueError) -> String {
    match e {
        ValueError::NotANumber(text) => {
            td_string!(l, err_not_a_number, text = text.clone()).to_string()
        }
        ValueError::NotDoneOrNot(text) => {
            td_string!(l, err_not_done, text = text.clone()).to_string()
        }
    }
}

/// A key result type's name as the grid shows it (the same words as `Locale::kind_name`).
pub fn kind(l: Locale, k: Kind) -> String {
    match k {
        Kind::Number => td_string!(l, kind_number).to_string(),
        Kind::Percent => td_string!(l, kind_percent).to_string(),
        Kind::Binary => td_string!(l, kind_binary).to_string(),
        Kind::StayAbove => td_string!(l, kind_stay_above).to_string(),
        Kind::StayBelow => td_string!(l, kind_stay_below).to_string(),
        Kind::Milestone => td_string!(l, kind_milestone).to_string(),
    }
}

pub(crate) fn cell_error(l: Locale, e: &CellError) -> String {
    match e {
        CellError::NotEditable => td_string!(l, err_not_editable).to_string(),
        CellError::NeedsTitle { objective: true } => td_string!(l, err_objective_title).to_string(),
        CellError::NeedsTitle { objective: false } => {
            td_string!(l, err_key_result_title).to_string()
        }
        CellError::NeedsWeight => td_string!(l, err_needs_weight).to_string(),
        CellError::NegativeWeight => td_string!(l, err_negative_weight).to_string(),
        CellError::NotAKind(text) => {
            let names: Vec<String> = Kind::ALL.iter().map(|k| kind(l, *k)).collect();
            let (last, rest) = names
                .split_last()
                .map_or((String::new(), &[][..]), |(a, b)| (a.clone(), b));
            let kinds = format!("{} {} {last}", rest.join(", "), td_string!(l, or_word));
            td_string!(l, err_not_a_kind, text = text.clone(), kinds).to_string()
        }
        CellError::Value(e) => value_error(l, e),
        CellError::Refused(e) => command_error(l, e),
    }
}

/// "row 4, Start: …" for a pasted value a cell refused.
pub fn refusal(l: Locale, r: &Refusal) -> String {
    td_string!(
        l,
        paste_refused_cell,
        row = r.row,
        column = column(l, r.col),
        why = cell_error(l, &r.why)
    )
    .to_string()
}

pub(crate) fn check_in_error(l: Locale, e: &CheckInError) -> String {
    match e {
        CheckInError::NoValue => td_string!(l, err_no_value).to_string(),
        CheckInError::Value(e) => value_error(l, e),
        CheckInError::NotConfidence(text) => {
            td_string!(l, err_not_confidence, text = text.clone()).to_string()
        }
        CheckInError::NotFinite => td_string!(l, err_value_not_finite).to_string(),
        CheckInError::NotBinary => td_string!(l, err_not_binary).to_string(),
        CheckInError::NotAStepCount(n) => td_string!(l, err_steps_done, steps = *n).to_string(),
        CheckInError::ConfidenceRange => td_string!(l, err_confidence_1_10).to_string(),
        CheckInError::NoSuchCheckIn => td_string!(l, err_no_such_checkin).to_string(),
        CheckInError::KeyResultGone => td_string!(l, err_checkin_gone).to_string(),
        CheckInError::NothingTyped => td_string!(l, err_nothing_typed).to_string(),
        CheckInError::For(title, why) => td_string!(
            l,
            err_for,
            title = title.clone(),
            why = check_in_error(l, why)
        )
        .to_string(),
    }
}

pub(crate) fn carry_error(l: Locale, e: &CarryError) -> String {
    match e {
        CarryError::NoDates(p) => td_string!(l, carry_no_dates, period = p.clone()).to_string(),
        CarryError::NoNext(p) => td_string!(l, carry_no_next, period = p.clone()).to_string(),
        CarryError::AllDone(p) => td_string!(l, carry_all_done, period = p.clone()).to_string(),
        CarryError::Refused(e) => command_error(l, e),
    }
}

/// "3 objectives", "1 key result".
pub fn objectives(l: Locale, n: usize) -> String {
    td_string!(l, objectives_count, count = n).to_string()
}

pub fn key_results(l: Locale, n: usize) -> String {
    td_string!(l, key_results_count, count = n).to_string()
}

/// "1 objective and 2 key results", leaving out a zero part.
pub(crate) fn objectives_and_key_results(l: Locale, o: usize, k: usize) -> String {
    match (o, k) {
        (0, k) => key_results(l, k),
        (o, 0) => objectives(l, o),
        (o, k) => td_string!(l, and_list, a = objectives(l, o), b = key_results(l, k)).to_string(),
    }
}

pub(crate) fn row_done(l: Locale, d: &RowDone) -> String {
    match d {
        RowDone::Inserted { objective: true } => td_string!(l, row_inserted_objective).to_string(),
        RowDone::Inserted { objective: false } => {
            td_string!(l, row_inserted_key_result).to_string()
        }
        RowDone::Deleted {
            objectives,
            key_results,
        } => td_string!(
            l,
            row_deleted,
            what = objectives_and_key_results(l, *objectives, *key_results)
        )
        .to_string(),
        RowDone::Outdented { dropped: true } => td_string!(l, row_outdented_dropped).to_string(),
        RowDone::Outdented { dropped: false } => td_string!(l, row_outdented).to_string(),
        RowDone::Indented { under, moved: 0 } => {
            td_string!(l, row_indented, under = under.clone()).to_string()
        }
        RowDone::Indented { under, moved } => {
            td_string!(l, row_indented_with, under = under.clone(), count = *moved).to_string()
        }
    }
}

pub(crate) fn row_refused(l: Locale, r: &RowRefused) -> String {
    match r {
        RowRefused::StillEditing => td_string!(l, row_still_editing).to_string(),
        RowRefused::SelectRow => td_string!(l, row_select_row).to_string(),
        RowRefused::SelectKeyResult => td_string!(l, row_select_key_result).to_string(),
        RowRefused::SelectObjective => td_string!(l, row_select_objective).to_string(),
        RowRefused::NothingToDelete => td_string!(l, row_nothing_to_delete).to_string(),
        RowRefused::AlreadyObjective => td_string!(l, row_already_objective).to_string(),
        RowRefused::AlreadyKeyResult => td_string!(l, row_already_key_result).to_string(),
        RowRefused::FirstObjective => td_string!(l, row_first_objective).to_string(),
        RowRefused::RowGone => td_string!(l, row_gone).to_string(),
        RowRefused::Command(e) => command_error(l, e),
    }
}

/// "0.7", "1.0" ("0,7" with a decimal comma).
pub(crate) fn one_decimal(l: Locale, v: f64) -> String {
    let text = okr_core::value::fixed(v, 1);
    if l.decimal_comma() {
        text.replace('.', ",")
    } else {
        text
    }
}

/// A health finding's sentence.
pub fn finding(l: Locale, s: &Says) -> String {
    match s {
        Says::TooManyObjectives {
            period,
            team,
            count,
            limit,
        } => {
            let period = period
                .clone()
                .unwrap_or_else(|| td_string!(l, hf_no_period).to_string());
            match team {
                Some(team) => td_string!(
                    l,
                    hf_too_many_objectives,
                    period,
                    count = *count,
                    team = team.clone(),
                    limit = *limit
                )
                .to_string(),
                None => td_string!(
                    l,
                    hf_too_many_company_objectives,
                    period,
                    count = *count,
                    limit = *limit
                )
                .to_string(),
            }
        }
        Says::TooFewKeyResults { objective, count } => td_string!(
            l,
            hf_too_few_key_results,
            title = objective.clone(),
            count = *count,
            min = MIN_KEY_RESULTS,
            max = MAX_KEY_RESULTS
        )
        .to_string(),
        Says::TooManyKeyResults { objective, count } => td_string!(
            l,
            hf_too_many_key_results,
            title = objective.clone(),
            count = *count,
            max = MAX_KEY_RESULTS
        )
        .to_string(),
        Says::AllGreenEarly {
            objective,
            bar,
            period,
        } => td_string!(
            l,
            hf_all_green_early,
            title = objective.clone(),
            bar = one_decimal(l, *bar),
            period = period.clone()
        )
        .to_string(),
        Says::LooksLikeTask { key_result } => {
            td_string!(l, hf_looks_like_task, title = key_result.clone()).to_string()
        }
        Says::NoOwner { key_result } => {
            td_string!(l, hf_no_owner, title = key_result.clone()).to_string()
        }
        Says::NoRange { key_result, value } => td_string!(
            l,
            hf_no_range,
            title = key_result.clone(),
            value = l.number(*value)
        )
        .to_string(),
        Says::StaleCheckIn {
            key_result,
            last,
            days,
        } => td_string!(
            l,
            hf_stale,
            title = key_result.clone(),
            date = l.date(*last),
            days = *days
        )
        .to_string(),
        Says::NoCheckIn {
            key_result,
            period,
            days,
        } => td_string!(
            l,
            hf_no_checkin,
            title = key_result.clone(),
            period = period.clone(),
            days = *days
        )
        .to_string(),
    }
}

/// A core message in the interface language: `e.say(locale)` where the English is
/// `e.to_string()`.
pub trait Say {
    fn say(&self, l: Locale) -> String;
}

impl Say for CommandError {
    fn say(&self, l: Locale) -> String {
        command_error(l, self)
    }
}

impl Say for ValueError {
    fn say(&self, l: Locale) -> String {
        value_error(l, self)
    }
}

impl Say for CellError {
    fn say(&self, l: Locale) -> String {
        cell_error(l, self)
    }
}

impl Say for CheckInError {
    fn say(&self, l: Locale) -> String {
        check_in_error(l, self)
    }
}

impl Say for RowRefused {
    fn say(&self, l: Locale) -> String {
        row_refused(l, self)
    }
}

/// A scoring rule's name (the menu's words).
pub fn rule(l: Locale, r: okr_core::model::ScoringRule) -> String {
    use okr_core::model::ScoringRule;
    match r {
        ScoringRule::Linear => td_string!(l, rule_linear).to_string(),
        ScoringRule::Graded => td_string!(l, rule_graded).to_string(),
        ScoringRule::Thresholds => td_string!(l, rule_thresholds).to_string(),
        ScoringRule::Pace => td_string!(l, rule_pace).to_string(),
    }
}

/// What the importer says about a sheet or row.
pub fn note(l: Locale, n: &Note) -> String {
    let rows = |r: &[usize]| okr_sheets::import::note::rows_list(r);
    match n {
        Note::DetailSheet => td_string!(l, imp_detail_sheet).to_string(),
        Note::NotOwnLayout => td_string!(l, imp_not_own_layout).to_string(),
        Note::Instructions => td_string!(l, imp_instructions).to_string(),
        Note::NoTable => td_string!(l, imp_no_table).to_string(),
        Note::NoOkrColumns(seen) => {
            let seen: Vec<String> = seen.iter().map(|h| format!("“{h}”")).collect();
            td_string!(l, imp_no_okr_columns, seen = seen.join(", ")).to_string()
        }
        Note::NothingInRows => td_string!(l, imp_nothing_in_rows).to_string(),
        Note::TotalsRow => td_string!(l, imp_totals_row).to_string(),
        Note::EmptyRow => td_string!(l, imp_empty_row).to_string(),
        Note::KeyResultWithoutObjective => td_string!(l, imp_kr_without_objective).to_string(),
        Note::NoteBelowTable => td_string!(l, imp_note_below).to_string(),
        Note::NoTitle => td_string!(l, imp_no_title).to_string(),
        Note::ScoresDiffer(n) => td_string!(l, imp_scores_differ, count = *n).to_string(),
        Note::UnknownType(row, word, kind_read) => td_string!(
            l,
            imp_unknown_type,
            row = *row,
            word = word.clone(),
            kind = kind(l, *kind_read)
        )
        .to_string(),
        Note::BadGrade(row, text) => {
            td_string!(l, imp_bad_grade, row = *row, text = text.clone()).to_string()
        }
        Note::ObjectiveDetails(sheet) => {
            td_string!(l, imp_objective_details, sheet = sheet.clone()).to_string()
        }
        Note::Periods(n) => td_string!(l, imp_periods, count = *n).to_string(),
        Note::Initiatives(n) => td_string!(l, imp_initiatives, count = *n).to_string(),
        Note::CheckIns(n) => td_string!(l, imp_check_ins, count = *n).to_string(),
        Note::Steps(n) => td_string!(l, imp_steps, count = *n).to_string(),
        Note::Units(n) => td_string!(l, imp_units, count = *n).to_string(),
        Note::Thresholds(n) => td_string!(l, imp_thresholds, count = *n).to_string(),
        Note::Backlog(n) => td_string!(l, imp_backlog, count = *n).to_string(),
        Note::InitiativesUnmatched(r) => {
            td_string!(l, imp_initiatives_unmatched, rows = rows(r)).to_string()
        }
        Note::CheckInsUnmatched(r) => {
            td_string!(l, imp_check_ins_unmatched, rows = rows(r)).to_string()
        }
        Note::RowsUnmatched(r) => td_string!(l, imp_rows_unmatched, rows = rows(r)).to_string(),
        Note::NoScoringRule => td_string!(l, imp_no_scoring_rule).to_string(),
        Note::UnknownScoringRule(name) => {
            td_string!(l, imp_unknown_scoring_rule, name = name.clone()).to_string()
        }
        Note::Scoring(r) => td_string!(l, imp_scoring_rule, rule = rule(l, *r)).to_string(),
        Note::BacklogAdjusted(r) => td_string!(l, imp_backlog_adjusted, rows = rows(r)).to_string(),
        Note::SkippedByUser => td_string!(l, imp_skipped_by_user).to_string(),
        Note::HiddenSheet => td_string!(l, imp_hidden_sheet).to_string(),
        Note::ListedByOkrGrid => td_string!(l, imp_listed_sheet).to_string(),
        Note::DetailsOfKeyResults(sheet) => {
            td_string!(l, imp_details_of_krs, sheet = sheet.clone()).to_string()
        }
        Note::ObjectiveTitlesJoined(n) => td_string!(l, imp_titles_joined, n = *n).to_string(),
        Note::UnderOneObjective(title, n) => {
            td_string!(l, imp_under_one_objective, title = title.clone(), n = *n).to_string()
        }
        Note::ObjectivesNamedById(n) => td_string!(l, imp_named_by_id, n = *n).to_string(),
        Note::ValuesKeptInNotes(r) => {
            td_string!(l, imp_values_in_notes, rows = rows(r)).to_string()
        }
        Note::TargetsFromTitles(n) => td_string!(l, imp_targets_from_titles, n = *n).to_string(),
        Note::ObjectivesWithoutKeyResults(n) => {
            td_string!(l, imp_objectives_only, n = *n).to_string()
        }
        Note::NoCheckInsFound(sheet) => {
            td_string!(l, imp_no_check_ins_found, sheet = sheet.clone()).to_string()
        }
        Note::NoInitiativesFound(sheet) => {
            td_string!(l, imp_no_initiatives_found, sheet = sheet.clone()).to_string()
        }
        Note::DoubtNoKeyResults(n) => td_string!(l, imp_doubt_no_krs, n = *n).to_string(),
        Note::DoubtEmptyObjectives(empty, all) => {
            td_string!(l, imp_doubt_empty, empty = *empty, all = *all).to_string()
        }
        Note::DoubtNoValues(n) => td_string!(l, imp_doubt_no_values, n = *n).to_string(),
    }
}

/// Several notes as sentences one after the other.
pub fn notes(l: Locale, notes: &[Note]) -> String {
    notes
        .iter()
        .map(|n| note(l, n))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Why a file could not be imported.
pub(crate) fn import_error(l: Locale, e: &ImportError) -> String {
    use okr_sheets::import::source::{MAX_BYTES, MAX_ROWS};
    match e {
        ImportError::Empty => td_string!(l, imp_err_empty).to_string(),
        ImportError::TooLarge { bytes } => td_string!(
            l,
            imp_err_too_large,
            size = l.number((*bytes as f64 / 104_857.6).round() / 10.0),
            limit = MAX_BYTES / 1_048_576
        )
        .to_string(),
        ImportError::TooManyRows { rows } => {
            td_string!(l, imp_err_too_many_rows, rows = *rows, limit = MAX_ROWS).to_string()
        }
        ImportError::NotASpreadsheet => td_string!(l, imp_err_not_spreadsheet).to_string(),
        ImportError::Damaged { format, detail } => td_string!(
            l,
            imp_err_damaged,
            format = format.clone(),
            detail = detail.clone()
        )
        .to_string(),
        ImportError::PasswordProtected => td_string!(l, imp_err_password).to_string(),
        ImportError::NoSheets => td_string!(l, imp_err_no_sheets).to_string(),
    }
}

/// A field the import preview offers for a column.
pub(crate) fn import_field(l: Locale, f: Field) -> String {
    match f {
        Field::Objective => column(l, Column::Objective),
        Field::KeyResult => td_string!(l, field_key_result).to_string(),
        Field::Okr => td_string!(l, field_okr).to_string(),
        Field::Owner => column(l, Column::Owner),
        Field::Team => td_string!(l, team).to_string(),
        Field::Period => td_string!(l, period).to_string(),
        Field::Kind => column(l, Column::Kind),
        Field::Start => column(l, Column::Start),
        Field::Target => column(l, Column::Target),
        Field::Current => column(l, Column::Current),
        Field::Score => td_string!(l, field_score).to_string(),
        Field::Weight => column(l, Column::Weight),
        Field::Confidence => td_string!(l, confidence).to_string(),
        Field::DueDate => td_string!(l, field_due_date).to_string(),
        Field::Notes => td_string!(l, field_notes).to_string(),
        Field::Link => td_string!(l, field_link).to_string(),
        Field::Unit => td_string!(l, unit).to_string(),
        Field::RowId => td_string!(l, field_row_id).to_string(),
        Field::ParentId => td_string!(l, field_parent_id).to_string(),
        Field::CheckIn => td_string!(l, field_check_in).to_string(),
        Field::Ignore => td_string!(l, field_ignore).to_string(),
    }
}

/// Why stored data could not be read.
pub(crate) fn load_error(l: Locale, e: &okr_core::store::LoadError) -> String {
    use okr_core::store::{LoadError, SCHEMA_VERSION};
    match e {
        LoadError::Unreadable(why) => td_string!(l, load_damaged, detail = why.clone()).to_string(),
        LoadError::TooNew(v) => {
            td_string!(l, load_too_new, format = *v, reads = SCHEMA_VERSION).to_string()
        }
    }
}

/// Why the plan was not saved.
pub(crate) fn storage_error(l: Locale, e: &crate::browser::storage::StorageError) -> String {
    use crate::browser::storage::StorageError;
    match e {
        StorageError::Unavailable(why) => {
            td_string!(l, store_unavailable, detail = why.clone()).to_string()
        }
        StorageError::Full => td_string!(l, store_full).to_string(),
        StorageError::Failed(why) => td_string!(l, store_failed, detail = why.clone()).to_string(),
    }
}

pub(crate) fn original_error(
    l: Locale,
    e: &okr_sheets::export::original::OriginalError,
    file: &str,
) -> String {
    use okr_sheets::export::original::OriginalError;
    let file = format!("“{file}”");
    match e {
        OriginalError::NoOrigin => td_string!(l, orig_err_none).to_string(),
        OriginalError::NotXlsx(_) => td_string!(l, orig_err_format, file).to_string(),
        OriginalError::OtherFile => td_string!(l, orig_err_other, file).to_string(),
        OriginalError::ReadDifferently => td_string!(l, orig_err_reread, file).to_string(),
        OriginalError::Damaged(detail) => {
            td_string!(l, orig_err_damaged, detail = detail.clone()).to_string()
        }
    }
}

/// What went wrong at start-up.
pub(crate) fn startup_notice(l: Locale, n: &crate::browser::storage::StartupNotice) -> String {
    use crate::browser::storage::StartupNotice;
    match n {
        StartupNotice::Recovered { reason, backup_key } => td_string!(
            l,
            startup_recovered,
            reason = load_error(l, reason),
            key = backup_key.clone()
        )
        .to_string(),
        StartupNotice::NotBackedUp { reason, error } => td_string!(
            l,
            startup_not_backed_up,
            reason = load_error(l, reason),
            error = storage_error(l, error)
        )
        .to_string(),
        StartupNotice::Share(why) => td_string!(l, startup_share, why = why.clone()).to_string(),
        StartupNotice::Unavailable(why) => {
            td_string!(l, startup_unavailable, detail = why.clone()).to_string()
        }
        StartupNotice::NotMovedPlan { reason, backup_key } => td_string!(
            l,
            startup_not_moved_plan,
            reason = load_error(l, reason),
            key = backup_key.clone()
        )
        .to_string(),
        StartupNotice::NotMoved(why) => {
            td_string!(l, startup_not_moved, why = why.clone()).to_string()
        }
        StartupNotice::Newer { fields, format } => {
            let what = match format {
                Some(format) => td_string!(l, newer_format, format = *format).to_string(),
                None => {
                    let mut shown: Vec<&str> = fields.iter().take(3).map(String::as_str).collect();
                    if fields.len() > 3 {
                        shown.push("…");
                    }
                    shown.join(", ")
                }
            };
            td_string!(l, startup_newer, what).to_string()
        }
    }
}

/// Why a version was kept, as the versions list says it.
pub(crate) fn version_reason(l: Locale, r: okr_core::versions::Reason) -> String {
    use okr_core::versions::Reason;
    match r {
        Reason::Import => td_string!(l, version_reason_import),
        Reason::Replace => td_string!(l, version_reason_replace),
        Reason::ClosePeriod => td_string!(l, version_reason_close_period),
        Reason::CopyForward => td_string!(l, version_reason_copy_forward),
        Reason::Delete => td_string!(l, version_reason_delete),
        Reason::Editing => td_string!(l, version_reason_editing),
        Reason::OtherTab => td_string!(l, version_reason_other_tab),
        Reason::Restore => td_string!(l, version_reason_restore),
        Reason::Other => td_string!(l, version_reason_other),
    }
    .to_string()
}

/// Why a plan cannot be shared as a link, or a link cannot be opened.
pub(crate) fn share_error(l: Locale, e: &okr_core::share::ShareError) -> String {
    use okr_core::share::{ShareError, LIMIT};
    match e {
        ShareError::TooLarge { chars } => td_string!(
            l,
            share_too_large,
            chars = l.number(*chars as f64),
            limit = l.number(LIMIT as f64)
        )
        .to_string(),
        ShareError::NotALink => td_string!(l, share_not_a_link).to_string(),
        ShareError::Damaged(why) => td_string!(l, share_damaged, detail = why.clone()).to_string(),
        ShareError::Plan(e) => td_string!(l, share_cannot_open, why = load_error(l, e)).to_string(),
        ShareError::NotEncoded(e) => {
            td_string!(l, share_not_encoded, why = e.to_string()).to_string()
        }
    }
}

/// A value as its key result's kind shows it.
fn shown(l: Locale, kind: Kind, v: f64) -> String {
    if kind == Kind::Percent {
        l.percent(v)
    } else {
        l.number(v)
    }
}

/// "1.50, clamped to 1.00" when the formula left 0–1, else the score.
fn clamped(l: Locale, raw: f64, score: f64) -> String {
    if (0.0..=1.0).contains(&raw) {
        l.score(score)
    } else {
        td_string!(l, ex_clamped, raw = l.score(raw), score = l.score(score)).to_string()
    }
}

/// How a score is computed (the Score cell's tooltip).
pub(crate) fn explained(l: Locale, e: &okr_core::score::Explained) -> String {
    use okr_core::score::Explained;
    let two = |v: f64| l.score(v);
    match e {
        Explained::Grade(g) => td_string!(l, ex_grade, score = two(*g)).to_string(),
        Explained::NoCurrent => td_string!(l, ex_no_current).to_string(),
        Explained::Binary { score, done } => {
            let (yes, no) = l.done_words();
            let now = if *done { yes } else { no }.to_lowercase();
            td_string!(l, ex_binary, score = two(*score), now).to_string()
        }
        Explained::Hold {
            score,
            above,
            line,
            current,
            kind,
        } => {
            let (score, line, current) = (
                two(*score),
                shown(l, *kind, *line),
                shown(l, *kind, *current),
            );
            if *above {
                td_string!(l, ex_hold_above, score, line, current).to_string()
            } else {
                td_string!(l, ex_hold_below, score, line, current).to_string()
            }
        }
        Explained::NoLine => td_string!(l, ex_no_line).to_string(),
        Explained::Flat {
            score,
            target,
            kind,
        } => td_string!(
            l,
            ex_flat,
            score = two(*score),
            target = shown(l, *kind, *target)
        )
        .to_string(),
        Explained::Linear {
            current,
            start,
            target,
            raw,
            score,
            kind,
        } => td_string!(
            l,
            ex_linear,
            current = shown(l, *kind, *current),
            start = shown(l, *kind, *start),
            target = shown(l, *kind, *target),
            result = clamped(l, *raw, *score)
        )
        .to_string(),
        Explained::Steps {
            done,
            steps,
            raw,
            score,
        } => td_string!(
            l,
            ex_steps,
            result = clamped(l, *raw, *score),
            done = l.number(*done),
            steps = l.number(*steps)
        )
        .to_string(),
        Explained::NoRange => td_string!(l, ex_no_range).to_string(),
        Explained::Pace(linear) => {
            td_string!(l, ex_pace, linear = explained(l, linear)).to_string()
        }
        Explained::Graded { linear, from, to } => td_string!(
            l,
            ex_graded,
            linear = explained(l, linear),
            from = two(*from),
            to = one_decimal(l, *to)
        )
        .to_string(),
        Explained::Thresholds {
            score,
            start,
            target,
            current,
            kind,
            commit,
            stretch,
        } => {
            let v = |x: f64| shown(l, *kind, x);
            let commit = match commit {
                Some((c, true)) => td_string!(l, ex_commit_at, value = v(*c)).to_string(),
                Some((c, false)) => td_string!(l, ex_commit_ignored, value = v(*c)).to_string(),
                None => td_string!(l, ex_no_commit).to_string(),
            };
            let stretch = match stretch {
                Some((x, true)) => td_string!(l, ex_stretch_at, value = v(*x)).to_string(),
                Some((x, false)) => td_string!(l, ex_stretch_ignored, value = v(*x)).to_string(),
                None => td_string!(l, ex_no_stretch).to_string(),
            };
            td_string!(
                l,
                ex_thresholds,
                score = two(*score),
                start = v(*start),
                commit,
                target = v(*target),
                stretch,
                current = v(*current)
            )
            .to_string()
        }
        Explained::NoKeyResults => td_string!(l, ex_no_key_results).to_string(),
        Explained::NoWeight => td_string!(l, ex_no_weight).to_string(),
        Explained::Mean {
            terms,
            weights,
            score,
        } => {
            let text: Vec<String> = terms
                .iter()
                .map(|(s, w)| format!("{} × {}", two(*s), l.plain(*w)))
                .collect();
            td_string!(
                l,
                ex_mean,
                count = terms.len(),
                terms = text.join(" + "),
                weights = l.plain(*weights),
                score = two(*score)
            )
            .to_string()
        }
    }
}
