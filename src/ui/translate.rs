//! The core's structured messages (refusals, row actions, health findings, pace words) in the
//! interface language. The core states facts as enums with their arguments and keeps an
//! English `Display` for tests and logs; every sentence a user reads goes through the
//! catalogues here (`locales/*.json`).

use super::i18n::{td_string, Locale as UiLocale};
use crate::checkin::CheckInError;
use crate::closing::CarryError;
use crate::command::CommandError;
use crate::grid::{CellError, Column, Refusal, RowDone, RowRefused};
use crate::health::{Says, MAX_KEY_RESULTS, MIN_KEY_RESULTS};
use crate::locale::Locale;
use crate::model::Kind;
use crate::pace::PaceStatus;
use crate::score::Status;
use crate::value::ValueError;

/// The catalogue locale for a core `Locale`.
pub fn ui(l: Locale) -> UiLocale {
    super::language_view::ui_locale(l)
}

/// A grid column's header.
pub fn column(l: Locale, c: Column) -> String {
    let l = ui(l);
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
    let l = ui(l);
    match s {
        Status::NoData => td_string!(l, status_no_data).to_string(),
        Status::OffTrack => td_string!(l, status_off_track).to_string(),
        Status::AtRisk => td_string!(l, status_at_risk).to_string(),
        Status::OnTrack => td_string!(l, status_on_track).to_string(),
    }
}

/// A pace status's words.
pub fn pace(l: Locale, p: PaceStatus) -> String {
    let l = ui(l);
    match p {
        PaceStatus::NotStarted => td_string!(l, pace_not_started).to_string(),
        PaceStatus::Ahead => td_string!(l, pace_ahead).to_string(),
        PaceStatus::OnPace => td_string!(l, pace_on_pace).to_string(),
        PaceStatus::Behind => td_string!(l, pace_behind).to_string(),
    }
}

/// A field named in a core error by its English word ("Weight", "Start", …).
pub fn field(l: Locale, english: &str) -> String {
    let u = ui(l);
    match english {
        "Weight" => column(l, Column::Weight),
        "Start" => column(l, Column::Start),
        "Target" => column(l, Column::Target),
        "Current" => column(l, Column::Current),
        "Grade" => td_string!(u, grade).to_string(),
        "Commit" => td_string!(u, commit_value).to_string(),
        "Stretch" => td_string!(u, stretch_value).to_string(),
        "Impact" => td_string!(u, impact).to_string(),
        "Confidence" => td_string!(u, confidence).to_string(),
        "Ease" => td_string!(u, ease).to_string(),
        "Team" => td_string!(u, team).to_string(),
        "Title" => td_string!(u, title_word).to_string(),
        _ => td_string!(u, value).to_string(),
    }
}

pub fn command_error(l: Locale, e: &CommandError) -> String {
    let u = ui(l);
    match e {
        CommandError::UnknownObjective(_) => td_string!(u, err_unknown_objective).to_string(),
        CommandError::UnknownKeyResult(_) => td_string!(u, err_unknown_key_result).to_string(),
        CommandError::DuplicateId(_) => td_string!(u, err_duplicate_id).to_string(),
        CommandError::NotFinite(f) => {
            td_string!(u, err_not_finite, field = field(l, f)).to_string()
        }
        CommandError::NegativeWeight => td_string!(u, err_negative_weight).to_string(),
        CommandError::GradeOutOfRange(g) => {
            td_string!(u, err_grade_range, got = l.number(*g)).to_string()
        }
        CommandError::AlignmentCycle => td_string!(u, err_alignment_cycle).to_string(),
        CommandError::ConfidenceOutOfRange(c) => {
            td_string!(u, err_confidence_range, got = *c).to_string()
        }
        CommandError::PeriodEndsBeforeStart(name) => {
            td_string!(u, err_period_order, name = name.clone()).to_string()
        }
        CommandError::PeriodNameTaken(name) => {
            td_string!(u, err_period_name, name = name.clone()).to_string()
        }
        CommandError::Milestone(steps) => {
            td_string!(u, err_milestone_range, steps = *steps).to_string()
        }
        CommandError::StepsDone(steps) => td_string!(u, err_steps_done, steps = *steps).to_string(),
        CommandError::UnknownCandidate(_) => td_string!(u, err_unknown_candidate).to_string(),
        CommandError::IceOutOfRange(f, v) => {
            td_string!(u, err_ice_range, field = field(l, f), got = *v).to_string()
        }
        CommandError::BadOrder => td_string!(u, err_bad_order).to_string(),
        CommandError::BadMargin(m) => {
            td_string!(u, err_bad_margin, got = l.number(*m * 100.0)).to_string()
        }
        CommandError::ReadOnly => td_string!(u, err_read_only).to_string(),
    }
}

pub fn value_error(l: Locale, e: &ValueError) -> String {
    let u = ui(l);
    match e {
        ValueError::NotANumber(text) => {
            td_string!(u, err_not_a_number, text = text.clone()).to_string()
        }
        ValueError::NotDoneOrNot(text) => {
            td_string!(u, err_not_done, text = text.clone()).to_string()
        }
    }
}

/// A key result type's name as the grid shows it (the same words as `Locale::kind_name`).
pub fn kind(l: Locale, k: Kind) -> String {
    let u = ui(l);
    match k {
        Kind::Number => td_string!(u, kind_number).to_string(),
        Kind::Percent => td_string!(u, kind_percent).to_string(),
        Kind::Binary => td_string!(u, kind_binary).to_string(),
        Kind::StayAbove => td_string!(u, kind_stay_above).to_string(),
        Kind::StayBelow => td_string!(u, kind_stay_below).to_string(),
        Kind::Milestone => td_string!(u, kind_milestone).to_string(),
    }
}

pub fn cell_error(l: Locale, e: &CellError) -> String {
    let u = ui(l);
    match e {
        CellError::NotEditable => td_string!(u, err_not_editable).to_string(),
        CellError::NeedsTitle { objective: true } => td_string!(u, err_objective_title).to_string(),
        CellError::NeedsTitle { objective: false } => {
            td_string!(u, err_key_result_title).to_string()
        }
        CellError::NeedsWeight => td_string!(u, err_needs_weight).to_string(),
        CellError::NegativeWeight => td_string!(u, err_negative_weight).to_string(),
        CellError::NotAKind(text) => {
            let names: Vec<String> = Kind::ALL.iter().map(|k| kind(l, *k)).collect();
            let (last, rest) = names
                .split_last()
                .map_or((String::new(), &[][..]), |(a, b)| (a.clone(), b));
            let kinds = format!("{} {} {last}", rest.join(", "), td_string!(u, or_word));
            td_string!(u, err_not_a_kind, text = text.clone(), kinds).to_string()
        }
        CellError::Value(e) => value_error(l, e),
        CellError::Refused(e) => command_error(l, e),
    }
}

/// "row 4, Start: …" for a pasted value a cell refused.
pub fn refusal(l: Locale, r: &Refusal) -> String {
    td_string!(
        ui(l),
        paste_refused_cell,
        row = r.row,
        column = column(l, r.col),
        why = cell_error(l, &r.why)
    )
    .to_string()
}

pub fn check_in_error(l: Locale, e: &CheckInError) -> String {
    let u = ui(l);
    match e {
        CheckInError::NoValue => td_string!(u, err_no_value).to_string(),
        CheckInError::Value(e) => value_error(l, e),
        CheckInError::NotConfidence(text) => {
            td_string!(u, err_not_confidence, text = text.clone()).to_string()
        }
        CheckInError::NotFinite => td_string!(u, err_value_not_finite).to_string(),
        CheckInError::NotBinary => td_string!(u, err_not_binary).to_string(),
        CheckInError::NotAStepCount(n) => td_string!(u, err_steps_done, steps = *n).to_string(),
        CheckInError::ConfidenceRange => td_string!(u, err_confidence_1_10).to_string(),
        CheckInError::NoSuchCheckIn => td_string!(u, err_no_such_checkin).to_string(),
        CheckInError::KeyResultGone => td_string!(u, err_checkin_gone).to_string(),
        CheckInError::NothingTyped => td_string!(u, err_nothing_typed).to_string(),
        CheckInError::For(title, why) => td_string!(
            u,
            err_for,
            title = title.clone(),
            why = check_in_error(l, why)
        )
        .to_string(),
    }
}

pub fn carry_error(l: Locale, e: &CarryError) -> String {
    let u = ui(l);
    match e {
        CarryError::NoDates(p) => td_string!(u, carry_no_dates, period = p.clone()).to_string(),
        CarryError::NoNext(p) => td_string!(u, carry_no_next, period = p.clone()).to_string(),
        CarryError::AllDone(p) => td_string!(u, carry_all_done, period = p.clone()).to_string(),
        CarryError::Refused(e) => command_error(l, e),
    }
}

/// "3 objectives", "1 key result".
pub fn objectives(l: Locale, n: usize) -> String {
    td_string!(ui(l), objectives_count, count = n).to_string()
}

pub fn key_results(l: Locale, n: usize) -> String {
    td_string!(ui(l), key_results_count, count = n).to_string()
}

/// "1 objective and 2 key results", leaving out a zero part.
pub fn objectives_and_key_results(l: Locale, o: usize, k: usize) -> String {
    match (o, k) {
        (0, k) => key_results(l, k),
        (o, 0) => objectives(l, o),
        (o, k) => {
            td_string!(ui(l), and_list, a = objectives(l, o), b = key_results(l, k)).to_string()
        }
    }
}

pub fn row_done(l: Locale, d: &RowDone) -> String {
    let u = ui(l);
    match d {
        RowDone::Inserted { objective: true } => td_string!(u, row_inserted_objective).to_string(),
        RowDone::Inserted { objective: false } => {
            td_string!(u, row_inserted_key_result).to_string()
        }
        RowDone::Deleted {
            objectives,
            key_results,
        } => td_string!(
            u,
            row_deleted,
            what = objectives_and_key_results(l, *objectives, *key_results)
        )
        .to_string(),
        RowDone::Outdented { dropped: true } => td_string!(u, row_outdented_dropped).to_string(),
        RowDone::Outdented { dropped: false } => td_string!(u, row_outdented).to_string(),
        RowDone::Indented { under, moved: 0 } => {
            td_string!(u, row_indented, under = under.clone()).to_string()
        }
        RowDone::Indented { under, moved } => {
            td_string!(u, row_indented_with, under = under.clone(), count = *moved).to_string()
        }
    }
}

pub fn row_refused(l: Locale, r: &RowRefused) -> String {
    let u = ui(l);
    match r {
        RowRefused::StillEditing => td_string!(u, row_still_editing).to_string(),
        RowRefused::SelectRow => td_string!(u, row_select_row).to_string(),
        RowRefused::SelectKeyResult => td_string!(u, row_select_key_result).to_string(),
        RowRefused::SelectObjective => td_string!(u, row_select_objective).to_string(),
        RowRefused::NothingToDelete => td_string!(u, row_nothing_to_delete).to_string(),
        RowRefused::AlreadyObjective => td_string!(u, row_already_objective).to_string(),
        RowRefused::AlreadyKeyResult => td_string!(u, row_already_key_result).to_string(),
        RowRefused::FirstObjective => td_string!(u, row_first_objective).to_string(),
        RowRefused::RowGone => td_string!(u, row_gone).to_string(),
        RowRefused::Command(e) => command_error(l, e),
    }
}

/// "0.7", "1.0" ("0,7" with a decimal comma).
fn one_decimal(l: Locale, v: f64) -> String {
    let text = format!("{v:.1}");
    if l.plain(0.5).contains(',') {
        text.replace('.', ",")
    } else {
        text
    }
}

/// A health finding's sentence.
pub fn finding(l: Locale, s: &Says) -> String {
    let u = ui(l);
    match s {
        Says::TooManyObjectives {
            period,
            team,
            count,
            limit,
        } => {
            let period = period
                .clone()
                .unwrap_or_else(|| td_string!(u, hf_no_period).to_string());
            match team {
                Some(team) => td_string!(
                    u,
                    hf_too_many_objectives,
                    period,
                    count = *count,
                    team = team.clone(),
                    limit = *limit
                )
                .to_string(),
                None => td_string!(
                    u,
                    hf_too_many_company_objectives,
                    period,
                    count = *count,
                    limit = *limit
                )
                .to_string(),
            }
        }
        Says::TooFewKeyResults { objective, count } => td_string!(
            u,
            hf_too_few_key_results,
            title = objective.clone(),
            count = *count,
            min = MIN_KEY_RESULTS,
            max = MAX_KEY_RESULTS
        )
        .to_string(),
        Says::TooManyKeyResults { objective, count } => td_string!(
            u,
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
            u,
            hf_all_green_early,
            title = objective.clone(),
            bar = one_decimal(l, *bar),
            period = period.clone()
        )
        .to_string(),
        Says::LooksLikeTask { key_result } => {
            td_string!(u, hf_looks_like_task, title = key_result.clone()).to_string()
        }
        Says::NoOwner { key_result } => {
            td_string!(u, hf_no_owner, title = key_result.clone()).to_string()
        }
        Says::NoRange { key_result, value } => td_string!(
            u,
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
            u,
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
            u,
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
