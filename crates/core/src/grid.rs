//! The grid's editing state: which rows and columns there are, what each cell shows, which
//! cell is active, what is being typed, and how keys and commits turn into commands.
//! No DOM here: the view maps events to these methods and renders the result.

use crate::command::{Command, CommandError, KeyResultEdit, ObjectiveEdit};
use crate::history::Document;
use crate::locale::Locale;
use crate::model::{Id, KeyResult, Kind, Objective, Plan};
use crate::score::{self, Score};
use crate::value::{self, ValueError};

mod filter;
pub mod fit;
mod outline;

/// Why text typed or pasted into a cell cannot be stored. The shell says it in the interface
/// language; `Display` is the English sentence.
#[derive(Clone, Debug, PartialEq)]
pub enum CellError {
    /// A read-only cell (Score of a roll-up, a milestone's start, …).
    NotEditable,
    /// An empty title: `objective` true for an objective, false for a key result.
    NeedsTitle {
        objective: bool,
    },
    NeedsWeight,
    NegativeWeight,
    /// Text that names no key result type.
    NotAKind(String),
    Value(ValueError),
    /// The command the text became was refused.
    Refused(CommandError),
}

impl std::fmt::Display for CellError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CellError::NotEditable => write!(f, "This cell cannot be edited."),
            CellError::NeedsTitle { objective: true } => {
                write!(f, "The objective needs a title (or delete the row).")
            }
            CellError::NeedsTitle { objective: false } => {
                write!(f, "The key result needs a title (or delete the row).")
            }
            CellError::NeedsWeight => write!(f, "A weight is needed: type 1 for the usual share."),
            CellError::NegativeWeight => write!(f, "A weight cannot be negative."),
            CellError::NotAKind(other) => write!(
                f,
                "“{other}” is not a key result type. Type number, percent, binary, stay above, \
                 stay below or milestone."
            ),
            CellError::Value(e) => e.fmt(f),
            CellError::Refused(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for CellError {}

impl From<ValueError> for CellError {
    fn from(e: ValueError) -> Self {
        CellError::Value(e)
    }
}

impl From<CommandError> for CellError {
    fn from(e: CommandError) -> Self {
        CellError::Refused(e)
    }
}

/// A pasted value a cell refused: the row as shown (from 1), the column and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Refusal {
    pub row: usize,
    pub col: Column,
    pub why: CellError,
}

impl std::fmt::Display for Refusal {
    /// "row 4, Start: “abc” is not a number. …"
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "row {}, {}: {}", self.row, self.col.header(), self.why)
    }
}

pub use filter::{owners, periods, teams, Filter};
pub use outline::{Outcome, RowDone, RowRefused};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Objective,
    KeyResult,
    Kind,
    Owner,
    Start,
    Target,
    Current,
    Weight,
    Score,
}

impl Column {
    pub const ALL: [Column; 9] = [
        Column::Objective,
        Column::KeyResult,
        Column::Kind,
        Column::Owner,
        Column::Start,
        Column::Target,
        Column::Current,
        Column::Weight,
        Column::Score,
    ];

    /// Header text (part of the public contract: see shared/CONTRACTS.md).
    pub fn header(self) -> &'static str {
        match self {
            Column::Objective => "Objective",
            Column::KeyResult => "Key Result",
            Column::Kind => "Type",
            Column::Owner => "Owner",
            Column::Start => "Start",
            Column::Target => "Target",
            Column::Current => "Current",
            Column::Weight => "Weight",
            Column::Score => "Score",
        }
    }

    pub fn index(self) -> usize {
        Column::ALL.iter().position(|c| *c == self).unwrap_or(0)
    }

    fn at(index: usize) -> Column {
        Column::ALL[index.min(Column::ALL.len() - 1)]
    }

    /// Numeric columns are right-aligned, as in a spreadsheet.
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            Column::Start | Column::Target | Column::Current | Column::Weight | Column::Score
        )
    }
}

/// A row of the grid: an objective, or one of its key results. Ids, never indexes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RowRef {
    Objective(Id),
    KeyResult(Id),
}

/// The rows in display order: each objective followed by its key results.
pub fn rows(plan: &Plan) -> Vec<RowRef> {
    let mut out = Vec::with_capacity(plan.objectives.len() + plan.key_result_count());
    for o in &plan.objectives {
        out.push(RowRef::Objective(o.id));
        out.extend(o.key_results.iter().map(|k| RowRef::KeyResult(k.id)));
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Cell {
    pub row: RowRef,
    pub col: Column,
}

enum Target<'a> {
    Objective(&'a Objective),
    KeyResult(&'a KeyResult),
}

/// Where a row's objective and key result sit in the plan: (objective index, key result
/// index). A view that renders many cells keeps these (see `positions`) so that each cell
/// finds its data at once instead of searching the plan.
pub type Position = (usize, Option<usize>);

/// Every row's position, for `*_at` lookups; rebuild it when `rows` changes.
pub fn positions(plan: &Plan) -> std::collections::HashMap<RowRef, Position> {
    let mut out =
        std::collections::HashMap::with_capacity(plan.objectives.len() + plan.key_result_count());
    for (oi, o) in plan.objectives.iter().enumerate() {
        out.insert(RowRef::Objective(o.id), (oi, None));
        for (ki, k) in o.key_results.iter().enumerate() {
            out.insert(RowRef::KeyResult(k.id), (oi, Some(ki)));
        }
    }
    out
}

/// The rows a filter and the folded objectives leave shown; rows in `keep` (the
/// selection's) stay shown whatever they say.
pub fn shown_rows(
    plan: &Plan,
    filter: &Filter,
    collapsed: &std::collections::BTreeSet<Id>,
    keep: &[RowRef],
) -> Vec<RowRef> {
    let rows = filter.rows(plan, keep);
    if collapsed.is_empty() {
        return rows;
    }
    let mut folded = false;
    rows.into_iter()
        .filter(|row| match row {
            RowRef::Objective(id) => {
                folded = collapsed.contains(id);
                true
            }
            RowRef::KeyResult(_) => !folded || keep.contains(row),
        })
        .collect()
}

/// A key result row's data, looking at `hint` first.
pub fn key_result_at(plan: &Plan, id: Id, hint: Option<Position>) -> Option<&KeyResult> {
    match target_at(plan, RowRef::KeyResult(id), hint)? {
        Target::KeyResult(k) => Some(k),
        Target::Objective(_) => None,
    }
}

/// How many key results an objective row holds (0 for a key result row).
pub fn children_at(plan: &Plan, row: RowRef, hint: Option<Position>) -> usize {
    match target_at(plan, row, hint) {
        Some(Target::Objective(o)) => o.key_results.len(),
        _ => 0,
    }
}

/// The row's data, tried first at `hint` (checked by id, so a stale hint only costs the
/// search it would have saved).
fn target_at(plan: &Plan, row: RowRef, hint: Option<Position>) -> Option<Target<'_>> {
    if let Some((oi, ki)) = hint {
        let o = plan.objectives.get(oi);
        match (row, ki) {
            (RowRef::Objective(id), None) => {
                if let Some(o) = o.filter(|o| o.id == id) {
                    return Some(Target::Objective(o));
                }
            }
            (RowRef::KeyResult(id), Some(ki)) => {
                if let Some(k) = o.and_then(|o| o.key_results.get(ki)).filter(|k| k.id == id) {
                    return Some(Target::KeyResult(k));
                }
            }
            _ => {}
        }
    }
    match row {
        RowRef::Objective(id) => plan.objective(id).map(Target::Objective),
        RowRef::KeyResult(id) => plan.key_result(id).map(|(_, k)| Target::KeyResult(k)),
    }
}

/// `row_score`, looking at `hint` first.
pub(crate) fn row_score_at(plan: &Plan, row: RowRef, hint: Option<Position>) -> Option<Score> {
    match target_at(plan, row, hint)? {
        Target::Objective(o) => score::objective_score_by(plan.scoring, o),
        Target::KeyResult(k) => Some(score::key_result_score_by(plan.scoring, k)),
    }
}

/// How a row's Score is computed, with its numbers (the Score cell's tooltip), as facts for
/// the shell to word (`score::Explained`; its `Display` is the English sentence).
pub fn score_explained_at(
    plan: &Plan,
    row: RowRef,
    hint: Option<Position>,
) -> Option<score::Explained> {
    match target_at(plan, row, hint)? {
        Target::Objective(o) => Some(score::explained_objective_by(plan.scoring, o)),
        Target::KeyResult(k) => Some(score::explained_key_result_by(plan.scoring, k)),
    }
}

/// A row's band under the plan's rule: against its objective's expectation (committed
/// objectives expect 1.0), or by pace on `today` under the pace rule.
pub fn row_status_at(
    plan: &Plan,
    row: RowRef,
    hint: Option<Position>,
    today: Option<crate::period::Date>,
) -> score::Status {
    let Some(o) = objective_of_at(plan, row, hint) else {
        return score::Status::NoData;
    };
    match target_at(plan, row, hint) {
        Some(Target::KeyResult(k)) => status_of(plan, o, Some(k), today),
        Some(Target::Objective(_)) => status_of(plan, o, None, today),
        None => score::Status::NoData,
    }
}

/// The band of objective `o` (or of its key result `kr`) under the plan's rule, with no
/// lookup (the filter calls it for every row).
pub fn status_of(
    plan: &Plan,
    o: &Objective,
    kr: Option<&crate::model::KeyResult>,
    today: Option<crate::period::Date>,
) -> score::Status {
    let score = match kr {
        Some(k) => Some(score::key_result_score_by(plan.scoring, k)),
        None => score::objective_score_by(plan.scoring, o),
    };
    // The pace rule bands by (progress, share of the period gone) when it can.
    let pace = (plan.scoring == crate::model::ScoringRule::Pace)
        .then(|| {
            let today = today?;
            let period = plan.period(&o.period)?;
            let pace = match kr {
                Some(k) => crate::pace::key_result(k, period, today),
                None => crate::pace::objective(o, period, today),
            }?;
            Some((pace.progress, pace.expected))
        })
        .flatten();
    score::status_by(plan, score, o.commitment, pace)
}

/// A row's pace on `today` within its objective's dated period (`None` without a dated
/// period, a today, or a score).
pub fn row_pace_at(
    plan: &Plan,
    row: RowRef,
    hint: Option<Position>,
    today: Option<crate::period::Date>,
) -> Option<crate::pace::PaceStatus> {
    let today = today?;
    let period = plan.period(&objective_of_at(plan, row, hint)?.period)?;
    let pace = match target_at(plan, row, hint)? {
        Target::Objective(o) => crate::pace::objective(o, period, today),
        Target::KeyResult(k) => crate::pace::key_result(k, period, today),
    };
    pace.map(|p| p.status)
}

/// The objective a row belongs to (its own, or its key result's), looking at `hint` first.
fn objective_of_at(plan: &Plan, row: RowRef, hint: Option<Position>) -> Option<&Objective> {
    let hinted = hint.and_then(|(oi, ki)| {
        let o = plan.objectives.get(oi)?;
        let matches = match (row, ki) {
            (RowRef::Objective(id), None) => o.id == id,
            (RowRef::KeyResult(id), Some(ki)) => o.key_results.get(ki).is_some_and(|k| k.id == id),
            _ => false,
        };
        matches.then_some(o)
    });
    hinted.or_else(|| match row {
        RowRef::Objective(id) => plan.objective(id),
        RowRef::KeyResult(id) => plan.key_result(id).map(|(o, _)| o),
    })
}

/// `format_score` with `locale`'s decimal separator.
pub fn format_score_in(score: Option<Score>, locale: Locale) -> String {
    match score {
        Some(s) if s.has_data => locale.score(s.value),
        _ => String::new(),
    }
}

/// `format_value` in `locale`.
pub fn format_value_in(k: &KeyResult, v: Option<f64>, locale: Locale) -> String {
    match (k.kind, v) {
        (_, None) => String::new(),
        (Kind::Percent, Some(v)) => locale.percent(v),
        (Kind::Binary, Some(v)) => {
            let (done, not_done) = locale.done_words();
            if v >= 1.0 { done } else { not_done }.to_string()
        }
        (_, Some(v)) => value::with_unit(locale.number(v), &k.unit),
    }
}

fn edit_value(kind: Kind, v: Option<f64>, locale: Locale) -> String {
    match (kind, v) {
        (_, None) => String::new(),
        (Kind::Percent, Some(v)) => locale.percent(v),
        (Kind::Binary, Some(v)) => {
            let (done, not_done) = locale.done_words();
            if v >= 1.0 { done } else { not_done }.to_lowercase()
        }
        (_, Some(v)) => locale.plain(v),
    }
}

/// What a cell shows when not being edited.
pub fn display(plan: &Plan, cell: Cell) -> String {
    display_at(plan, cell, None)
}

/// `display`, looking at `hint` first.
pub(crate) fn display_at(plan: &Plan, cell: Cell, hint: Option<Position>) -> String {
    display_in(plan, cell, hint, Locale::En)
}

/// `display_at`, numbers in `locale`.
pub fn display_in(plan: &Plan, cell: Cell, hint: Option<Position>, locale: Locale) -> String {
    let Some(t) = target_at(plan, cell.row, hint) else {
        return String::new();
    };
    let format_value = |k, v| format_value_in(k, v, locale);
    let with_share = |w, s| with_share(w, s, locale);
    match (t, cell.col) {
        (_, Column::Score) => format_score_in(row_score_at(plan, cell.row, hint), locale),
        (Target::Objective(o), Column::Objective) => o.title.clone(),
        (Target::Objective(o), Column::Owner) => o.owner.clone(),
        (Target::Objective(o), Column::Weight) => {
            with_share(o.weight, weight_share(plan, cell.row, hint))
        }
        (Target::Objective(_), _) => String::new(),
        (Target::KeyResult(_), Column::Objective) => String::new(),
        (Target::KeyResult(k), Column::KeyResult) => k.title.clone(),
        (Target::KeyResult(k), Column::Kind) => locale.kind_name(k.kind).to_string(),
        (Target::KeyResult(k), Column::Owner) => k.owner.clone(),
        (Target::KeyResult(k), Column::Start) if k.kind != Kind::Binary => format_value(k, k.start),
        (Target::KeyResult(k), Column::Target) if k.kind != Kind::Binary => {
            format_value(k, k.target)
        }
        (Target::KeyResult(_), Column::Start | Column::Target) => String::new(),
        (Target::KeyResult(k), Column::Current) => format_value(k, k.current),
        (Target::KeyResult(k), Column::Weight) => {
            with_share(k.weight, weight_share(plan, cell.row, hint))
        }
    }
}

/// "2 · 40 %": a weight and its share of the parent's score.
fn with_share(weight: f64, share: Option<f64>, locale: Locale) -> String {
    match share {
        Some(s) => format!(
            "{} · {} %",
            locale.number(weight),
            value::fixed(s * 100.0, 0)
        ),
        None => locale.number(weight),
    }
}

/// A row's share of its parent's score: a key result's of its objective, an objective's of
/// the plan (among the objectives that have key results, as `score::plan_score` weighs them).
/// Weights ≤ 0 count as 0. `None` when the parent has no positive weight to share.
pub(crate) fn weight_share(plan: &Plan, row: RowRef, hint: Option<Position>) -> Option<f64> {
    let positive = |w: f64| if w.is_finite() && w > 0.0 { w } else { 0.0 };
    let (mine, total) = match row {
        RowRef::Objective(id) => {
            let o = match hint.and_then(|(oi, _)| plan.objectives.get(oi)) {
                Some(o) if o.id == id => o,
                _ => plan.objective(id)?,
            };
            if o.key_results.is_empty() {
                return None;
            }
            let total: f64 = plan
                .objectives
                .iter()
                .filter(|o| !o.key_results.is_empty())
                .map(|o| positive(o.weight))
                .sum();
            (positive(o.weight), total)
        }
        RowRef::KeyResult(id) => {
            let hinted = hint.and_then(|(oi, ki)| {
                let o = plan.objectives.get(oi)?;
                let k = o.key_results.get(ki?)?;
                (k.id == id).then_some((o, k))
            });
            let (o, k) = match hinted {
                Some(found) => found,
                None => plan.key_result(id)?,
            };
            let total: f64 = o.key_results.iter().map(|k| positive(k.weight)).sum();
            (positive(k.weight), total)
        }
    };
    (total > 0.0).then(|| mine / total)
}

#[cfg(test)]
/// The team, period and alignment of an objective row, shown beside its title ("Sales ·
/// 2026-Q4 · ↳ Company objective"); `None` for other cells or when there is none.
pub(crate) fn objective_meta(plan: &Plan, cell: Cell) -> Option<String> {
    objective_meta_at(plan, cell, None)
}

/// `objective_meta`, looking at `hint` first.
pub fn objective_meta_at(plan: &Plan, cell: Cell, hint: Option<Position>) -> Option<String> {
    let (RowRef::Objective(_), Column::Objective) = (cell.row, cell.col) else {
        return None;
    };
    let Target::Objective(o) = target_at(plan, cell.row, hint)? else {
        return None;
    };
    let mut parts: Vec<String> = [o.team.trim(), o.period.trim()]
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    if let Some(parent) = o.aligned_to.and_then(|a| plan.objective(a)) {
        parts.push(format!("↳ {}", parent.title));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// The text put in the editor when editing starts; `None` for cells that cannot be edited
/// (computed scores, and cells that have no meaning on that row).
pub fn edit_text(plan: &Plan, cell: Cell) -> Option<String> {
    edit_text_at(plan, cell, None)
}

/// `edit_text`, looking at `hint` first.
pub(crate) fn edit_text_at(plan: &Plan, cell: Cell, hint: Option<Position>) -> Option<String> {
    edit_text_in(plan, cell, hint, Locale::En)
}

/// `edit_text_at`, numbers in `locale`.
pub(crate) fn edit_text_in(
    plan: &Plan,
    cell: Cell,
    hint: Option<Position>,
    locale: Locale,
) -> Option<String> {
    let edit_value = |kind, v| edit_value(kind, v, locale);
    match (target_at(plan, cell.row, hint)?, cell.col) {
        (_, Column::Score) => None,
        (Target::Objective(o), Column::Objective) => Some(o.title.clone()),
        (Target::Objective(o), Column::Owner) => Some(o.owner.clone()),
        (Target::Objective(o), Column::Weight) => Some(locale.plain(o.weight)),
        (Target::Objective(_), _) => None,
        (Target::KeyResult(_), Column::Objective) => None,
        (Target::KeyResult(k), Column::KeyResult) => Some(k.title.clone()),
        (Target::KeyResult(k), Column::Kind) => Some(locale.kind_name(k.kind).to_string()),
        (Target::KeyResult(k), Column::Owner) => Some(k.owner.clone()),
        (Target::KeyResult(k), Column::Start | Column::Target) if k.kind == Kind::Binary => None,
        (Target::KeyResult(k), Column::Start) => Some(edit_value(k.kind, k.start)),
        (Target::KeyResult(k), Column::Target) => Some(edit_value(k.kind, k.target)),
        (Target::KeyResult(k), Column::Current) => Some(edit_value(k.kind, k.current)),
        (Target::KeyResult(k), Column::Weight) => Some(locale.plain(k.weight)),
    }
}

pub(crate) fn is_editable(plan: &Plan, cell: Cell) -> bool {
    edit_text(plan, cell).is_some()
}

/// `is_editable`, looking at `hint` first.
pub fn is_editable_at(plan: &Plan, cell: Cell, hint: Option<Position>) -> bool {
    edit_text_at(plan, cell, hint).is_some()
}

/// A row's title (objective or key result), for the names of its buttons.
pub fn row_title_at(plan: &Plan, row: RowRef, hint: Option<Position>) -> String {
    match target_at(plan, row, hint) {
        Some(Target::Objective(o)) => o.title.clone(),
        Some(Target::KeyResult(k)) => k.title.clone(),
        None => String::new(),
    }
}

fn parse_kind(text: &str, locale: Locale) -> Result<Kind, CellError> {
    locale
        .parse_kind(text)
        .ok_or_else(|| CellError::NotAKind(text.trim().to_string()))
}

fn parse_weight(text: &str, locale: Locale) -> Result<f64, CellError> {
    if text.trim().is_empty() {
        return Err(CellError::NeedsWeight);
    }
    let w = locale.parse_number(text)?;
    if !crate::validate::is_weight(w) {
        return Err(CellError::NegativeWeight);
    }
    Ok(w)
}

fn require_title(text: &str, objective: bool) -> Result<String, CellError> {
    let t = text.trim();
    if t.is_empty() {
        Err(CellError::NeedsTitle { objective })
    } else {
        Ok(t.to_string())
    }
}

#[cfg(test)]
/// Turns the text typed into a cell into the command that stores it, or a message saying why
/// the text cannot be stored. Pure: nothing changes until the command is executed.
pub(crate) fn parse_cell(plan: &Plan, cell: Cell, text: &str) -> Result<Command, CellError> {
    parse_cell_at(plan, cell, text, None)
}

#[cfg(test)]
/// `parse_cell`, looking at `hint` first.
pub(crate) fn parse_cell_at(
    plan: &Plan,
    cell: Cell,
    text: &str,
    hint: Option<Position>,
) -> Result<Command, CellError> {
    parse_cell_in(plan, cell, text, hint, Locale::En)
}

/// `parse_cell_at`, numbers typed in `locale`.
pub(crate) fn parse_cell_in(
    plan: &Plan,
    cell: Cell,
    text: &str,
    hint: Option<Position>,
    locale: Locale,
) -> Result<Command, CellError> {
    let parse_weight = |t: &str| parse_weight(t, locale);
    let not_editable = || CellError::NotEditable;
    match (
        target_at(plan, cell.row, hint).ok_or_else(not_editable)?,
        cell.col,
    ) {
        (Target::Objective(o), col) => {
            let edit = match col {
                Column::Objective => ObjectiveEdit::Title(require_title(text, true)?),
                Column::Owner => ObjectiveEdit::Owner(text.trim().to_string()),
                Column::Weight => ObjectiveEdit::Weight(parse_weight(text)?),
                _ => return Err(not_editable()),
            };
            Ok(Command::EditObjective { id: o.id, edit })
        }
        (Target::KeyResult(k), col) => {
            // The value reading the check-in forms use too; blank clears the cell.
            let numeric = |t: &str| locale.parse_value(k.kind, &k.unit, t);
            let edit = match col {
                Column::KeyResult => KeyResultEdit::Title(require_title(text, false)?),
                Column::Kind => KeyResultEdit::Kind(parse_kind(text, locale)?),
                Column::Owner => KeyResultEdit::Owner(text.trim().to_string()),
                Column::Start if k.kind != Kind::Binary => KeyResultEdit::Start(numeric(text)?),
                Column::Target if k.kind != Kind::Binary => KeyResultEdit::Target(numeric(text)?),
                Column::Current => KeyResultEdit::Current(numeric(text)?),
                Column::Weight => KeyResultEdit::Weight(parse_weight(text)?),
                _ => return Err(not_editable()),
            };
            Ok(Command::EditKeyResult { id: k.id, edit })
        }
    }
}

/// Keys the grid reacts to (the view maps DOM key events to these; Cmd on macOS is `ctrl`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    Enter,
    Escape,
    Tab,
    BackTab,
    F2,
    /// Delete or Backspace: clears the selected cells.
    Delete,
    Space,
    /// Ctrl+A.
    SelectAll,
    /// Ctrl+D.
    FillDown,
}

/// Modifier keys held with a key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mods {
    pub shift: bool,
    pub ctrl: bool,
    pub alt: bool,
}

impl Mods {
    pub const SHIFT: Mods = Mods {
        shift: true,
        ctrl: false,
        alt: false,
    };
    pub const CTRL: Mods = Mods {
        shift: false,
        ctrl: true,
        alt: false,
    };
}

/// How many rows PageUp and PageDown move.
pub(crate) const PAGE_ROWS: usize = 20;

#[derive(Clone, Debug, PartialEq)]
pub struct Editing {
    pub cell: Cell,
    pub text: String,
    /// Why the last commit was refused; the typed text stays until the user cancels.
    pub error: Option<CellError>,
    /// True when typing over the cell started the edit (caret at the end), false when the
    /// old content was opened for change (all of it selected).
    pub replacing: bool,
}

/// A rectangle of cells by row and column positions (inclusive), as shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    pub top: usize,
    pub bottom: usize,
    pub left: usize,
    pub right: usize,
}

impl Selection {
    pub fn rows(&self) -> std::ops::RangeInclusive<usize> {
        self.top..=self.bottom
    }

    pub fn cols(&self) -> std::ops::RangeInclusive<usize> {
        self.left..=self.right
    }

    pub(crate) fn is_single(&self) -> bool {
        self.top == self.bottom && self.left == self.right
    }
}

/// What a paste did, for the message shown after it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PasteReport {
    /// Cells whose value changed.
    pub cells: usize,
    /// Key results added below the last row.
    pub added_rows: usize,
    /// Cells that could not take the pasted text, with the reason.
    pub refused: Vec<Refusal>,
    /// The refused cells with their text, marked in the grid until fixed.
    pub marks: Vec<Invalid>,
}

/// Text a cell refused (a paste), kept and shown at the cell with the reason until the cell
/// is edited, cleared or pasted into: opening the cell's editor offers the text again.
#[derive(Clone, Debug, PartialEq)]
pub struct Invalid {
    pub cell: Cell,
    pub text: String,
    pub reason: CellError,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct GridState {
    pub active: Option<Cell>,
    /// The other corner of a range selection (Shift+arrows, Shift+click, Ctrl+A); `None` when
    /// only the active cell is selected.
    pub anchor: Option<Cell>,
    pub editing: Option<Editing>,
    /// Row index of the active cell when it was last placed, to land nearby if its row goes.
    last_row_index: usize,
    /// Which rows are shown; moves, ranges, paste and fill work on the shown rows only.
    pub filter: Filter,
    /// Cells holding refused pasted text (see `Invalid`).
    pub invalid: Vec<Invalid>,
    /// Objectives whose key results are folded away (the outline's collapse; view state).
    pub collapsed: std::collections::BTreeSet<Id>,
    /// How numbers are shown, typed, pasted and copied (the user's locale).
    pub locale: Locale,
}

/// The command that clears a cell (Delete, or an empty pasted cell); `None` when the cell is
/// computed, has no meaning on its row, or is already empty. Weights go back to 1, the usual
/// share; the Type of a key result cannot be empty and is left as it is.
pub(crate) fn clear_command(plan: &Plan, cell: Cell) -> Option<Command> {
    clear_command_at(plan, cell, None)
}

fn clear_command_at(plan: &Plan, cell: Cell, hint: Option<Position>) -> Option<Command> {
    if !is_editable_at(plan, cell, hint) {
        return None;
    }
    match (target_at(plan, cell.row, hint)?, cell.col) {
        (Target::Objective(o), col) => {
            let edit = match col {
                Column::Objective if !o.title.is_empty() => ObjectiveEdit::Title(String::new()),
                Column::Owner if !o.owner.is_empty() => ObjectiveEdit::Owner(String::new()),
                Column::Weight if o.weight != 1.0 => ObjectiveEdit::Weight(1.0),
                _ => return None,
            };
            Some(Command::EditObjective { id: o.id, edit })
        }
        (Target::KeyResult(k), col) => {
            let edit = match col {
                Column::KeyResult if !k.title.is_empty() => KeyResultEdit::Title(String::new()),
                Column::Owner if !k.owner.is_empty() => KeyResultEdit::Owner(String::new()),
                Column::Start if k.start.is_some() => KeyResultEdit::Start(None),
                Column::Target if k.target.is_some() => KeyResultEdit::Target(None),
                Column::Current if k.current.is_some() => KeyResultEdit::Current(None),
                Column::Weight if k.weight != 1.0 => KeyResultEdit::Weight(1.0),
                _ => return None,
            };
            Some(Command::EditKeyResult { id: k.id, edit })
        }
    }
}

/// The command that puts pasted or filled text into a cell: empty text clears it, anything
/// else is parsed as if typed. `Ok(None)` when nothing changes.
fn put_command(
    plan: &Plan,
    cell: Cell,
    text: &str,
    hint: Option<Position>,
    locale: Locale,
) -> Result<Option<Command>, CellError> {
    if text.trim().is_empty() {
        return Ok(clear_command_at(plan, cell, hint));
    }
    if edit_text_in(plan, cell, hint, locale).as_deref() == Some(text) {
        return Ok(None);
    }
    parse_cell_in(plan, cell, text, hint, locale).map(Some)
}

/// A key result for a pasted row past the end, built on its own (no search of the plan):
/// returns it with the number of cells that took a value and the cells that refused theirs.
fn pasted_key_result(
    kr: KeyResult,
    line: &[String],
    left: usize,
    locale: Locale,
) -> (Option<KeyResult>, usize, Vec<(Column, String, CellError)>) {
    let id = kr.id;
    let mut alone = Plan::new("");
    alone.note_id(id);
    let mut holder = alone.new_objective("");
    holder.key_results.push(kr);
    alone.objectives.push(holder);
    let hint = Some((0, Some(0)));
    let (mut cells, mut refused) = (0, Vec::new());
    for (j, value) in line.iter().enumerate() {
        let Some(&col) = Column::ALL.get(left + j) else {
            break;
        };
        let cell = Cell {
            row: RowRef::KeyResult(id),
            col,
        };
        if !is_editable_at(&alone, cell, hint) {
            if !value.trim().is_empty() && col != Column::Score && col != Column::Objective {
                refused.push((col, String::new(), CellError::NotEditable));
            }
            continue;
        }
        match put_command(&alone, cell, value, hint, locale) {
            Ok(Some(c)) => match crate::command::apply(&mut alone, c) {
                Ok(_) => cells += 1,
                Err(e) => refused.push((col, value.clone(), CellError::Refused(e))),
            },
            Ok(None) => {}
            Err(e) => refused.push((col, value.clone(), e)),
        }
    }
    (alone.objectives[0].key_results.pop(), cells, refused)
}

/// Applies commands to a scratch copy as they are made (so later cells see earlier ones, such
/// as a Type pasted before values, or a row added), then hands them over as one batch.
struct Batch {
    scratch: Plan,
    /// How typed and pasted numbers are read.
    locale: Locale,
    commands: Vec<Command>,
    /// Cells that took their text.
    stored: Vec<Cell>,
}

impl Batch {
    fn new(plan: &Plan, locale: Locale) -> Self {
        Batch {
            scratch: plan.clone(),
            locale,
            commands: Vec::new(),
            stored: Vec::new(),
        }
    }

    fn push(&mut self, command: Command) -> Result<(), CellError> {
        crate::command::apply(&mut self.scratch, command.clone())?;
        self.commands.push(command);
        Ok(())
    }

    /// Puts pasted text into a cell, counting it in `report` or listing why it was refused.
    fn put(&mut self, cell: Cell, text: &str, hint: Option<Position>, report: &mut PasteReport) {
        let result = put_command(&self.scratch, cell, text, hint, self.locale)
            .and_then(|command| command.map_or(Ok(false), |c| self.push(c).map(|()| true)));
        match result {
            Ok(changed) => {
                report.cells += usize::from(changed);
                self.stored.push(cell);
            }
            Err(e) => {
                report.refused.push(refusal(&self.scratch, cell, e.clone()));
                report.marks.push(Invalid {
                    cell,
                    text: text.to_string(),
                    reason: e,
                });
            }
        }
    }

    /// Runs the batch as one undoable step; false when there was nothing to do.
    fn execute(self, doc: &mut Document) -> bool {
        match self.commands.len() {
            0 => false,
            _ => doc.execute(Command::Batch(self.commands)).is_ok(),
        }
    }
}

impl GridState {
    /// The rows shown, in order: all of them, or those the filter keeps (and the rows of
    /// the selection's corners, which never vanish under the user: see `Filter::rows`).
    pub fn shown(&self, plan: &Plan) -> Vec<RowRef> {
        let keep: Vec<RowRef> = self
            .active
            .iter()
            .chain(&self.anchor)
            .map(|c| c.row)
            .collect();
        shown_rows(plan, &self.filter, &self.collapsed, &keep)
    }

    /// Folds (`collapse`) or unfolds the key results of `objective`. A selection inside the
    /// folded rows moves to the objective's row. False when nothing changed (no such
    /// objective, no key results, or already so).
    pub fn set_collapsed(&mut self, plan: &Plan, objective: Id, collapse: bool) -> bool {
        let Some(o) = plan.objective(objective) else {
            return false;
        };
        if o.key_results.is_empty() || self.collapsed.contains(&objective) == collapse {
            return false;
        }
        if !collapse {
            self.collapsed.remove(&objective);
            return true;
        }
        let inside = |cell: &Cell| matches!(cell.row, RowRef::KeyResult(k) if o.key_results.iter().any(|x| x.id == k));
        if self.anchor.as_ref().is_some_and(inside) {
            self.anchor = None;
        }
        if let Some(cell) = self.active.filter(inside) {
            self.editing = None;
            self.anchor = None;
            self.active = Some(Cell {
                row: RowRef::Objective(objective),
                col: cell.col,
            });
        }
        self.collapsed.insert(objective);
        true
    }

    /// Folds or unfolds the active row's objective (Alt+Shift+− / Alt+Shift+= in the view).
    /// Returns the objective when it changed.
    pub fn collapse_active(&mut self, plan: &Plan, collapse: bool) -> Option<Id> {
        let objective = match self.active?.row {
            RowRef::Objective(id) => id,
            RowRef::KeyResult(id) => plan.key_result(id)?.0.id,
        };
        self.set_collapsed(plan, objective, collapse)
            .then_some(objective)
    }

    /// Folds every objective with key results, or unfolds all.
    pub fn collapse_all(&mut self, plan: &Plan, collapse: bool) {
        if collapse {
            for o in plan.objectives.iter().filter(|o| !o.key_results.is_empty()) {
                self.set_collapsed(plan, o.id, true);
            }
        } else {
            self.collapsed.clear();
        }
    }

    /// Changes the filter. An active cell whose row the new filter hides moves to the first
    /// row shown (or none), and a range is dropped.
    pub fn set_filter(&mut self, plan: &Plan, filter: Filter) {
        self.editing = None;
        self.anchor = None;
        self.filter = filter;
        let now = self.filter.rows(plan, &[]);
        if let Some(cell) = self.active {
            if !now.contains(&cell.row) {
                self.active = now.first().map(|&row| Cell { row, col: cell.col });
                self.last_row_index = 0;
            }
        }
    }
    pub fn is_editing(&self, cell: Cell) -> bool {
        self.editing.as_ref().is_some_and(|e| e.cell == cell)
    }

    /// Makes `cell` active without editing it; the selection becomes that one cell.
    pub fn select(&mut self, plan: &Plan, cell: Cell) {
        self.anchor = None;
        self.place(plan, cell);
    }

    fn place(&mut self, plan: &Plan, cell: Cell) {
        self.active = Some(cell);
        if let Some(i) = self.shown(plan).iter().position(|r| *r == cell.row) {
            self.last_row_index = i;
        }
    }

    /// Extends the selection from its anchor (or the active cell) to `cell` (Shift+click).
    pub fn extend_to(&mut self, doc: &mut Document, cell: Cell) {
        if !self.commit(doc) {
            return;
        }
        self.anchor = self.anchor.or(self.active).or(Some(cell));
        self.place(doc.plan(), cell);
    }

    /// Selects whole rows from the anchor's row to `row` (a click on a row's header; with
    /// `extend`, Shift+click).
    pub fn select_rows(&mut self, doc: &mut Document, row: RowRef, extend: bool) {
        if !self.commit(doc) {
            return;
        }
        let first = Column::ALL[0];
        let last = Column::ALL[Column::ALL.len() - 1];
        let anchor_row = match (extend, self.anchor.or(self.active)) {
            (true, Some(a)) => a.row,
            _ => row,
        };
        self.anchor = Some(Cell {
            row: anchor_row,
            col: first,
        });
        self.place(doc.plan(), Cell { row, col: last });
    }

    /// The selected rectangle by positions in `self.shown(plan)`; `None` without an active cell.
    pub fn selection(&self, plan: &Plan) -> Option<Selection> {
        let active = self.active?;
        let all = self.shown(plan);
        let a = all.iter().position(|r| *r == active.row)?;
        let anchor = self.anchor.unwrap_or(active);
        let b = all.iter().position(|r| *r == anchor.row).unwrap_or(a);
        let (c, d) = (active.col.index(), anchor.col.index());
        Some(Selection {
            top: a.min(b),
            bottom: a.max(b),
            left: c.min(d),
            right: c.max(d),
        })
    }

    /// Every selected cell, row by row.
    pub fn selected_cells(&self, plan: &Plan) -> Vec<Cell> {
        let Some(sel) = self.selection(plan) else {
            return Vec::new();
        };
        let all = self.shown(plan);
        sel.rows()
            .filter_map(|r| all.get(r))
            .flat_map(|&row| {
                sel.cols().map(move |c| Cell {
                    row,
                    col: Column::at(c),
                })
            })
            .collect()
    }

    /// A click: commits any open edit first (staying put if it is refused), then selects the
    /// cell, as in a spreadsheet. Double-click, F2, Enter or typing edit it.
    pub fn click(&mut self, doc: &mut Document, cell: Cell) {
        if self.is_editing(cell) {
            return;
        }
        if !self.commit(doc) {
            return;
        }
        self.select(doc.plan(), cell);
    }

    /// A double-click: selects the cell and edits it, keeping its content.
    pub fn double_click(&mut self, doc: &mut Document, cell: Cell) {
        if self.is_editing(cell) {
            return;
        }
        if !self.commit(doc) {
            return;
        }
        self.select(doc.plan(), cell);
        self.begin_edit(doc.plan(), None);
    }

    /// Starts editing the active cell, with its current text or with `replacement`
    /// (typing a character over a cell replaces its content, as in a spreadsheet).
    pub fn begin_edit(&mut self, plan: &Plan, replacement: Option<String>) -> bool {
        let Some(cell) = self.active else {
            return false;
        };
        let Some(current) = edit_text_in(plan, cell, None, self.locale) else {
            return false;
        };
        self.anchor = None;
        // A cell that refused pasted text offers that text again, with the reason.
        let mark = replacement
            .is_none()
            .then(|| self.invalid.iter().find(|m| m.cell == cell))
            .flatten();
        self.editing = Some(match mark {
            Some(m) => Editing {
                cell,
                replacing: false,
                text: m.text.clone(),
                error: Some(m.reason.clone()),
            },
            None => Editing {
                cell,
                replacing: replacement.is_some(),
                text: replacement.unwrap_or(current),
                error: None,
            },
        });
        true
    }

    /// The editor's text changed.
    pub fn input(&mut self, text: String) {
        if let Some(e) = &mut self.editing {
            e.text = text;
        }
    }

    pub fn cancel(&mut self) {
        self.editing = None;
    }

    /// Stores the edited text. Returns true when there is no edit open afterwards (nothing
    /// was being edited, or the value was stored); false when it was refused, in which case
    /// the editor stays open with the reason.
    pub fn commit(&mut self, doc: &mut Document) -> bool {
        let Some(editing) = &mut self.editing else {
            return true;
        };
        let cell = editing.cell;
        let unchanged =
            edit_text_in(doc.plan(), cell, None, self.locale).as_deref() == Some(&editing.text);
        if unchanged {
            self.editing = None;
            self.invalid.retain(|m| m.cell != cell);
            return true;
        }
        let result = parse_cell_in(doc.plan(), cell, &editing.text, None, self.locale)
            .and_then(|command| doc.execute(command).map_err(CellError::Refused));
        match result {
            Ok(()) => {
                self.editing = None;
                self.invalid.retain(|m| m.cell != cell);
                true
            }
            Err(message) => {
                editing.error = Some(message);
                false
            }
        }
    }

    /// Handles a key without modifiers (see `key_with`).
    pub fn key(&mut self, doc: &mut Document, key: Key) -> bool {
        self.key_with(doc, key, Mods::default())
    }

    /// Handles a key; returns whether the grid used it (the view then stops the browser's
    /// default). While editing only Enter, Tab, Shift+Tab and Escape reach here (the editor
    /// keeps arrows for moving in its text). Tab past the last cell is not used, so focus can
    /// leave the grid: the grid is one tab stop, never a keyboard trap.
    pub fn key_with(&mut self, doc: &mut Document, key: Key, mods: Mods) -> bool {
        if self.editing.is_some() {
            match key {
                Key::Escape => self.cancel(),
                Key::Enter => {
                    if self.commit(doc) {
                        let down = if mods.shift { -1 } else { 1 };
                        self.step(doc.plan(), down, 0, false);
                    }
                }
                Key::Tab => {
                    if self.commit(doc) {
                        self.step(doc.plan(), 0, 1, true);
                    }
                }
                Key::BackTab => {
                    if self.commit(doc) {
                        self.step(doc.plan(), 0, -1, true);
                    }
                }
                _ => return false,
            }
            return true;
        }
        if self.active.is_none() {
            let Some(first) = self.shown(doc.plan()).first().copied() else {
                return false;
            };
            if matches!(key, Key::Tab | Key::BackTab | Key::Escape) {
                return false;
            }
            self.select(
                doc.plan(),
                Cell {
                    row: first,
                    col: Column::ALL[0],
                },
            );
            return true;
        }
        let arrow = match key {
            Key::Up => Some((-1, 0)),
            Key::Down => Some((1, 0)),
            Key::Left => Some((0, -1)),
            Key::Right => Some((0, 1)),
            _ => None,
        };
        if let Some((dr, dc)) = arrow {
            if mods.alt && mods.shift {
                return dc == 0 && self.move_row(doc, dr);
            }
            let plan = doc.plan();
            if mods.ctrl {
                if let Some(cell) = self.data_edge(plan, dr, dc) {
                    self.go(plan, cell, mods.shift);
                }
            } else if mods.shift {
                self.anchor = self.anchor.or(self.active);
                self.move_active(plan, dr, dc);
            } else {
                // Arrows are used even at an edge, so the page does not scroll instead.
                self.anchor = None;
                self.step(plan, dr, dc, false);
            }
            return true;
        }
        let plan = doc.plan();
        let all = self.shown(plan);
        let last_col = Column::ALL[Column::ALL.len() - 1];
        match key {
            // Not editing, Tab and Shift+Tab leave the grid (the WAI-ARIA grid pattern: one
            // tab stop), so the keyboard reaches the panels below it; while editing, Tab
            // commits and moves right as in Excel (above).
            Key::Tab | Key::BackTab => return false,
            Key::Home | Key::End => {
                let Some(cell) = self.active else {
                    return false;
                };
                let (row, col) = match (key, mods.ctrl) {
                    (Key::Home, true) => (all[0], Column::ALL[0]),
                    (Key::Home, false) => (cell.row, Column::ALL[0]),
                    (_, true) => (all[all.len() - 1], last_col),
                    (_, false) => (cell.row, last_col),
                };
                self.go(plan, Cell { row, col }, mods.shift);
            }
            Key::PageUp | Key::PageDown => {
                let d = if key == Key::PageUp {
                    -(PAGE_ROWS as isize)
                } else {
                    PAGE_ROWS as isize
                };
                if mods.shift {
                    self.anchor = self.anchor.or(self.active);
                    self.move_active(plan, d, 0);
                } else {
                    self.anchor = None;
                    self.step(plan, d, 0, false);
                }
            }
            Key::Enter if mods.shift => {
                self.anchor = None;
                self.step(plan, -1, 0, false);
            }
            Key::Enter | Key::F2 => return self.begin_edit(plan, None),
            Key::Escape => {
                if self.anchor.take().is_none() {
                    return false;
                }
            }
            Key::SelectAll => {
                let (Some(&first), Some(&last)) = (all.first(), all.last()) else {
                    return false;
                };
                self.anchor = Some(Cell {
                    row: first,
                    col: Column::ALL[0],
                });
                self.place(
                    plan,
                    Cell {
                        row: last,
                        col: last_col,
                    },
                );
            }
            Key::Delete => return self.clear(doc),
            Key::FillDown => return self.fill_down(doc),
            Key::Space => return self.toggle_done(doc),
            Key::Up | Key::Down | Key::Left | Key::Right => {}
        }
        true
    }

    /// Moves the active cell to `cell`, extending the selection with `extend`.
    fn go(&mut self, plan: &Plan, cell: Cell, extend: bool) {
        if extend {
            self.anchor = self.anchor.or(self.active);
        } else {
            self.anchor = None;
        }
        self.place(plan, cell);
    }

    /// Moves only the active corner (Shift+arrows), stopping at the edges.
    fn move_active(&mut self, plan: &Plan, d_row: isize, d_col: isize) {
        let anchor = self.anchor;
        self.step(plan, d_row, d_col, false);
        self.anchor = anchor;
    }

    /// Ctrl+arrow, as in a spreadsheet: from a filled cell with a filled neighbour, to the
    /// last filled cell before a blank; otherwise to the next filled cell; else to the edge.
    fn data_edge(&self, plan: &Plan, d_row: isize, d_col: isize) -> Option<Cell> {
        let cell = self.active?;
        let all = self.shown(plan);
        let r = all.iter().position(|x| *x == cell.row)? as isize;
        let c = cell.col.index() as isize;
        let (nrows, ncols) = (all.len() as isize, Column::ALL.len() as isize);
        let at = |r: isize, c: isize| Cell {
            row: all[r as usize],
            col: Column::at(c as usize),
        };
        let filled = |r: isize, c: isize| !display(plan, at(r, c)).is_empty();
        let inside = |r: isize, c: isize| (0..nrows).contains(&r) && (0..ncols).contains(&c);
        let (mut r2, mut c2) = (r + d_row, c + d_col);
        if !inside(r2, c2) {
            return Some(cell);
        }
        if filled(r, c) && filled(r2, c2) {
            while inside(r2 + d_row, c2 + d_col) && filled(r2 + d_row, c2 + d_col) {
                r2 += d_row;
                c2 += d_col;
            }
        } else {
            while inside(r2 + d_row, c2 + d_col) && !filled(r2, c2) {
                r2 += d_row;
                c2 += d_col;
            }
        }
        Some(at(r2, c2))
    }

    /// Moves the active cell by rows/columns, stopping at the edges; with `wrap`, moving past
    /// the end of a row continues on the next one (Tab). Returns whether the cell moved.
    fn step(&mut self, plan: &Plan, d_row: isize, d_col: isize, wrap: bool) -> bool {
        let all = self.shown(plan);
        let Some(cell) = self.active else {
            return false;
        };
        let Some(r) = all.iter().position(|x| *x == cell.row) else {
            self.settle(plan);
            return false;
        };
        let ncols = Column::ALL.len() as isize;
        let mut row = r as isize + d_row;
        let mut col = cell.col.index() as isize + d_col;
        if wrap {
            if col >= ncols && row + 1 < all.len() as isize {
                col = 0;
                row += 1;
            } else if col < 0 && row > 0 {
                col = ncols - 1;
                row -= 1;
            }
        }
        let row = row.clamp(0, all.len() as isize - 1) as usize;
        let col = col.clamp(0, ncols - 1) as usize;
        let next = Cell {
            row: all[row],
            col: Column::at(col),
        };
        self.place(plan, next);
        next != cell
    }

    /// Delete / Backspace: clears every selected cell that can be edited, as one undo step.
    pub fn clear(&mut self, doc: &mut Document) -> bool {
        let plan = doc.plan();
        let cells = self.selected_cells(plan);
        let marked = self.invalid.len();
        self.invalid.retain(|m| !cells.contains(&m.cell));
        let unmarked = self.invalid.len() != marked;
        let commands: Vec<Command> = cells
            .into_iter()
            .filter_map(|cell| clear_command(plan, cell))
            .collect();
        (!commands.is_empty() && doc.execute(Command::Batch(commands)).is_ok()) || unmarked
    }

    /// Space on a binary key result's Current (or Score) cell: done ↔ not done.
    fn toggle_done(&mut self, doc: &mut Document) -> bool {
        let Some(Cell {
            row: RowRef::KeyResult(id),
            col: Column::Current | Column::Score,
        }) = self.active
        else {
            return false;
        };
        let Some((_, k)) = doc.plan().key_result(id) else {
            return false;
        };
        if k.kind != Kind::Binary {
            return false;
        }
        let next = if k.current == Some(1.0) { 0.0 } else { 1.0 };
        doc.execute(Command::EditKeyResult {
            id,
            edit: KeyResultEdit::Current(Some(next)),
        })
        .is_ok()
    }

    /// The selection as clipboard text (Ctrl+C / Ctrl+X): what each cell's editor would show
    /// (so values paste back exactly), computed cells as displayed.
    pub fn copy_text(&self, plan: &Plan) -> Option<String> {
        let sel = self.selection(plan)?;
        let all = self.shown(plan);
        let block: Vec<Vec<String>> = sel
            .rows()
            .filter_map(|r| all.get(r))
            .map(|&row| {
                sel.cols()
                    .map(|c| {
                        let cell = Cell {
                            row,
                            col: Column::at(c),
                        };
                        edit_text_in(plan, cell, None, self.locale)
                            .unwrap_or_else(|| display_in(plan, cell, None, self.locale))
                    })
                    .collect()
            })
            .collect();
        Some(crate::clipboard::format_tsv(&block))
    }

    /// Ctrl+V: pastes clipboard text at the selection. A single value fills every selected
    /// cell; a block goes from the top-left selected cell, adding key results (to the last
    /// objective) for rows past the end. Values are read as if typed; cells that refuse
    /// their text are listed and keep their value. One undo step takes the whole paste back.
    pub fn paste(&mut self, doc: &mut Document, text: &str) -> PasteReport {
        let mut report = PasteReport::default();
        if !self.commit(doc) {
            return report;
        }
        let block = crate::clipboard::parse_tsv(text);
        let Some(sel) = self.selection(doc.plan()) else {
            return report;
        };
        let mut batch = Batch::new(doc.plan(), self.locale);
        let mut new_selection = None;
        let single = block.len() == 1 && block[0].len() == 1;
        if single && !sel.is_single() {
            let value = &block[0][0];
            for cell in self.selected_cells(doc.plan()) {
                if !is_editable(&batch.scratch, cell) {
                    continue;
                }
                batch.put(cell, value, None, &mut report);
            }
        } else {
            let mut last_row: Option<RowRef> = None;
            // Rows and positions are computed once; rows added below are appended to both.
            let mut all = self.shown(&batch.scratch);
            let mut at = positions(&batch.scratch);
            for (i, line) in block.iter().enumerate() {
                let row = match all.get(sel.top + i) {
                    Some(&row) => row,
                    None => {
                        // Past the last row: a new key result under the last objective.
                        let Some(oi) = batch.scratch.objectives.len().checked_sub(1) else {
                            break;
                        };
                        let objective = batch.scratch.objectives[oi].id;
                        let index = batch.scratch.objectives[oi].key_results.len();
                        let fresh = batch.scratch.new_key_result(batch.locale.new_title(false));
                        let (kr, cells, refused) =
                            pasted_key_result(fresh, line, sel.left, self.locale);
                        let Some(kr) = kr else { break };
                        let row = RowRef::KeyResult(kr.id);
                        let insert = Command::InsertKeyResult {
                            objective,
                            index,
                            key_result: kr,
                        };
                        if batch.push(insert).is_err() {
                            break;
                        }
                        all.push(row);
                        at.insert(row, (oi, Some(index)));
                        report.added_rows += 1;
                        report.cells += cells;
                        for (col, text, why) in refused {
                            if !text.is_empty() {
                                report.marks.push(Invalid {
                                    cell: Cell { row, col },
                                    text,
                                    reason: why.clone(),
                                });
                            }
                            report.refused.push(Refusal {
                                row: all.len(),
                                col,
                                why,
                            });
                        }
                        last_row = Some(row);
                        continue;
                    }
                };
                last_row = Some(row);
                let hint = at.get(&row).copied();
                for (j, value) in line.iter().enumerate() {
                    let Some(&col) = Column::ALL.get(sel.left + j) else {
                        break;
                    };
                    let cell = Cell { row, col };
                    if !is_editable_at(&batch.scratch, cell, hint) {
                        if !value.trim().is_empty()
                            && edit_text_at(&batch.scratch, cell, hint).is_none()
                        {
                            let shown = display_in(&batch.scratch, cell, hint, batch.locale);
                            if shown != *value {
                                report.refused.push(refusal(
                                    &batch.scratch,
                                    cell,
                                    CellError::NotEditable,
                                ));
                            }
                        }
                        continue;
                    }
                    batch.put(cell, value, hint, &mut report);
                }
            }
            // The pasted block becomes the selection, as in a spreadsheet.
            if let Some(bottom) = last_row {
                let width = block.iter().map(Vec::len).max().unwrap_or(1).max(1);
                let right = (sel.left + width - 1).min(Column::ALL.len() - 1);
                let top_row = self.shown(&batch.scratch).get(sel.top).copied();
                if let Some(top_row) = top_row {
                    new_selection = Some((
                        Cell {
                            row: top_row,
                            col: Column::at(sel.left),
                        },
                        Cell {
                            row: bottom,
                            col: Column::at(right),
                        },
                    ));
                }
            }
        }
        let stored = std::mem::take(&mut batch.stored);
        batch.execute(doc);
        self.invalid.retain(|m| {
            !stored.contains(&m.cell) && !report.marks.iter().any(|n| n.cell == m.cell)
        });
        self.invalid.extend(report.marks.iter().cloned());
        if let Some((anchor, active)) = new_selection {
            self.anchor = (anchor != active).then_some(anchor);
            self.place(doc.plan(), active);
        }
        report
    }

    /// Ctrl+D: copies the top row of the selection into the rows below it (with one row
    /// selected, copies the row above into it), column by column, as one undo step.
    pub(crate) fn fill_down(&mut self, doc: &mut Document) -> bool {
        let Some(sel) = self.selection(doc.plan()) else {
            return false;
        };
        let all = self.shown(doc.plan());
        let (source, targets) = if sel.top == sel.bottom {
            if sel.top == 0 {
                return false;
            }
            (sel.top - 1, sel.top..=sel.bottom)
        } else {
            (sel.top, sel.top + 1..=sel.bottom)
        };
        let mut batch = Batch::new(doc.plan(), self.locale);
        for c in sel.cols() {
            let col = Column::at(c);
            let Some(text) = edit_text_in(
                doc.plan(),
                Cell {
                    row: all[source],
                    col,
                },
                None,
                self.locale,
            ) else {
                continue;
            };
            for r in targets.clone() {
                let cell = Cell { row: all[r], col };
                if let Ok(Some(command)) =
                    put_command(&batch.scratch, cell, &text, None, batch.locale)
                {
                    let _ = batch.push(command);
                }
            }
        }
        batch.execute(doc)
    }

    /// Alt+Shift+↑/↓: moves the active row up or down. A key result crosses into the
    /// neighbouring objective at the ends of its own; an objective moves with its key results.
    pub fn move_row(&mut self, doc: &mut Document, delta: isize) -> bool {
        let Some(cell) = self.active else {
            return false;
        };
        let plan = doc.plan();
        let command = match cell.row {
            RowRef::Objective(id) => {
                let Some(i) = plan.objective_index(id) else {
                    return false;
                };
                let to = i as isize + delta;
                if to < 0 || to >= plan.objectives.len() as isize {
                    return false;
                }
                Command::MoveObjective {
                    id,
                    index: to as usize,
                }
            }
            RowRef::KeyResult(id) => {
                let Some((oi, ki)) = plan.key_result_position(id) else {
                    return false;
                };
                let n = plan.objectives[oi].key_results.len() as isize;
                let to = ki as isize + delta;
                if (0..n).contains(&to) {
                    Command::MoveKeyResult {
                        id,
                        objective: plan.objectives[oi].id,
                        index: to as usize,
                    }
                } else {
                    let neighbour = oi as isize + delta.signum();
                    let Some(o) = usize::try_from(neighbour)
                        .ok()
                        .and_then(|n| plan.objectives.get(n))
                    else {
                        return false;
                    };
                    Command::MoveKeyResult {
                        id,
                        objective: o.id,
                        index: if delta < 0 { o.key_results.len() } else { 0 },
                    }
                }
            }
        };
        self.anchor = None;
        let moved = doc.execute(command).is_ok();
        self.place(doc.plan(), cell);
        moved
    }

    /// After rows disappear (delete, undo), keeps the active cell on an existing row near
    /// where it was, and drops an edit or a range whose row is gone.
    pub fn settle(&mut self, plan: &Plan) {
        if !self.invalid.is_empty() {
            self.invalid.retain(|m| match m.cell.row {
                RowRef::Objective(id) => plan.objective(id).is_some(),
                RowRef::KeyResult(id) => plan.key_result(id).is_some(),
            });
        }
        let all = self.shown(plan);
        if let Some(e) = &self.editing {
            if !all.contains(&e.cell.row) {
                self.editing = None;
            }
        }
        if self.anchor.is_some_and(|a| !all.contains(&a.row)) {
            self.anchor = None;
        }
        let Some(cell) = self.active else { return };
        if all.contains(&cell.row) {
            return;
        }
        self.anchor = None;
        self.active = if all.is_empty() {
            None
        } else {
            let i = self.last_row_index.min(all.len() - 1);
            Some(Cell {
                row: all[i],
                col: cell.col,
            })
        };
    }
}

/// The refusal of `cell` (rows counted as shown, from 1).
fn refusal(plan: &Plan, cell: Cell, why: CellError) -> Refusal {
    let row = rows(plan)
        .iter()
        .position(|r| *r == cell.row)
        .map_or(0, |i| i + 1);
    Refusal {
        row,
        col: cell.col,
        why,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::example_plan;

    fn doc() -> Document {
        Document::new(example_plan())
    }

    fn first_kr(doc: &Document) -> Id {
        doc.plan().objectives[0].key_results[0].id
    }

    fn kr_cell(doc: &Document, col: Column) -> Cell {
        Cell {
            row: RowRef::KeyResult(first_kr(doc)),
            col,
        }
    }

    #[test]
    fn a_spanish_grid_shows_types_pastes_and_copies_numbers_the_spanish_way() {
        let mut d = doc();
        let mut g = GridState {
            locale: Locale::Es,
            ..GridState::default()
        };
        let current = kr_cell(&d, Column::Current);
        g.select(d.plan(), current);
        assert!(g.begin_edit(d.plan(), Some("1.234,5".into())));
        assert!(g.commit(&mut d));
        assert_eq!(d.plan().objectives[0].key_results[0].current, Some(1234.5));
        assert_eq!(display_in(d.plan(), current, None, Locale::Es), "1234,5");
        assert_eq!(display(d.plan(), current), "1,234.5");
        assert_eq!(
            edit_text_in(d.plan(), current, None, Locale::Es).as_deref(),
            Some("1234,5")
        );
        // The ambiguous "1,5" is one and a half in Spanish.
        g.select(d.plan(), current);
        assert!(g.begin_edit(d.plan(), Some("1,5".into())));
        assert!(g.commit(&mut d));
        assert_eq!(d.plan().objectives[0].key_results[0].current, Some(1.5));
        // Pasted Spanish text, and copied text in the same convention.
        g.select(d.plan(), current);
        let report = g.paste(&mut d, "12.000,25");
        assert_eq!(report.cells, 1, "{report:?}");
        assert_eq!(
            d.plan().objectives[0].key_results[0].current,
            Some(12000.25)
        );
        assert_eq!(g.copy_text(d.plan()).as_deref(), Some("12000,25\r\n"));
        // Percent key results: "3,5 %" is 0.035.
        let pct = Cell {
            row: RowRef::KeyResult(d.plan().objectives[0].key_results[1].id),
            col: Column::Current,
        };
        g.select(d.plan(), pct);
        assert!(g.begin_edit(d.plan(), Some("3,5 %".into())));
        assert!(g.commit(&mut d));
        assert_eq!(d.plan().objectives[0].key_results[1].current, Some(0.035));
        assert_eq!(display_in(d.plan(), pct, None, Locale::Es), "3,5\u{a0}%");
    }

    #[test]
    fn collapsing_an_objective_folds_its_key_results_and_moves_the_cursor_out() {
        let mut d = doc();
        let mut g = GridState::default();
        let o = d.plan().objectives[0].id;
        let krs = d.plan().objectives[0].key_results.len();
        let all = g.shown(d.plan()).len();
        g.select(d.plan(), kr_cell(&d, Column::Current));
        assert_eq!(g.collapse_active(d.plan(), true), Some(o));
        assert_eq!(g.shown(d.plan()).len(), all - krs);
        assert_eq!(
            g.active,
            Some(Cell {
                row: RowRef::Objective(o),
                col: Column::Current
            })
        );
        // Down goes to the next objective, past the folded rows.
        g.key(&mut d, Key::Down);
        assert_eq!(
            g.active.map(|c| c.row),
            Some(RowRef::Objective(d.plan().objectives[1].id))
        );
        assert!(!g.set_collapsed(d.plan(), o, true), "already folded");
        assert!(g.set_collapsed(d.plan(), o, false));
        assert_eq!(g.shown(d.plan()).len(), all);
        g.collapse_all(d.plan(), true);
        assert_eq!(g.shown(d.plan()).len(), d.plan().objectives.len());
        g.collapse_all(d.plan(), false);
        assert_eq!(g.shown(d.plan()).len(), all);
    }

    #[test]
    fn a_rows_pace_needs_a_dated_period_and_a_today() {
        let plan = example_plan();
        let o = &plan.objectives[0];
        let row = RowRef::Objective(o.id);
        assert_eq!(row_pace_at(&plan, row, None, None), None);
        let period = plan
            .period(&o.period)
            .expect("the example's quarter has dates");
        let mid = period
            .start
            .add_days(period.start.days_until(period.end) / 2);
        let expected = crate::pace::objective(o, period, mid).map(|p| p.status);
        assert!(expected.is_some());
        assert_eq!(row_pace_at(&plan, row, None, Some(mid)), expected);
        // An objective without a period has no pace.
        let mut undated = plan.clone();
        undated.objectives[0].period.clear();
        assert_eq!(row_pace_at(&undated, row, None, Some(mid)), None);
    }

    #[test]
    fn amounts_show_their_unit_and_typed_text_may_carry_it() {
        let mut d = doc();
        let k = first_kr(&d);
        let mut kr = d.plan().key_result(k).unwrap().1.clone();
        kr.kind = Kind::Number;
        kr.unit = "leads".into();
        kr.current = Some(1250.0);
        d.execute(Command::PutKeyResult(kr)).unwrap();
        let current = kr_cell(&d, Column::Current);
        assert_eq!(display(d.plan(), current), "1,250 leads");
        assert_eq!(edit_text(d.plan(), current).as_deref(), Some("1250"));
        let typed = parse_cell(d.plan(), current, "1,500 Leads").unwrap();
        assert_eq!(
            typed,
            Command::EditKeyResult {
                id: k,
                edit: KeyResultEdit::Current(Some(1500.0))
            }
        );
        assert!(parse_cell(d.plan(), current, "1,500 calls").is_err());
        let kind = parse_cell(d.plan(), kr_cell(&d, Column::Kind), "Milestone").unwrap();
        assert_eq!(
            kind,
            Command::EditKeyResult {
                id: k,
                edit: KeyResultEdit::Kind(Kind::Milestone)
            }
        );
    }

    #[test]
    fn lookups_at_a_position_match_the_search_even_with_a_stale_position() {
        let mut d = doc();
        let before = positions(d.plan());
        // Move the first key result: its old position now holds another key result.
        d.execute(Command::MoveKeyResult {
            id: first_kr(&d),
            objective: d.plan().objectives[1].id,
            index: 0,
        })
        .unwrap();
        let plan = d.plan();
        let fresh = positions(plan);
        for row in rows(plan) {
            for col in Column::ALL {
                let cell = Cell { row, col };
                let expected = display(plan, cell);
                assert_eq!(display_at(plan, cell, fresh.get(&row).copied()), expected);
                assert_eq!(display_at(plan, cell, before.get(&row).copied()), expected);
                assert_eq!(display_at(plan, cell, Some((99, Some(99)))), expected);
                assert_eq!(
                    is_editable_at(plan, cell, before.get(&row).copied()),
                    is_editable(plan, cell)
                );
            }
        }
    }

    #[test]
    fn rows_list_each_objective_then_its_key_results() {
        let plan = example_plan();
        let r = rows(&plan);
        assert_eq!(r.len(), 3 + 9);
        assert_eq!(r[0], RowRef::Objective(plan.objectives[0].id));
        assert_eq!(
            r[1],
            RowRef::KeyResult(plan.objectives[0].key_results[0].id)
        );
        assert_eq!(r[4], RowRef::Objective(plan.objectives[1].id));
    }

    #[test]
    fn headers_include_the_contract_names() {
        let headers: Vec<_> = Column::ALL.iter().map(|c| c.header()).collect();
        for h in [
            "Objective",
            "Key Result",
            "Owner",
            "Start",
            "Target",
            "Current",
            "Score",
        ] {
            assert!(headers.contains(&h), "{h}");
        }
    }

    #[test]
    fn displays_values_by_kind() {
        let plan = example_plan();
        let o = &plan.objectives[0];
        let percent = Cell {
            row: RowRef::KeyResult(o.key_results[1].id),
            col: Column::Start,
        };
        assert_eq!(display(&plan, percent), "2.5%");
        let big = Cell {
            row: RowRef::KeyResult(plan.objectives[2].key_results[0].id),
            col: Column::Target,
        };
        assert_eq!(display(&plan, big), "60,000");
        let binary = Cell {
            row: RowRef::KeyResult(plan.objectives[1].key_results[1].id),
            col: Column::Current,
        };
        assert_eq!(display(&plan, binary), "Not done");
        let no_data = Cell {
            row: RowRef::KeyResult(plan.objectives[2].key_results[0].id),
            col: Column::Score,
        };
        assert_eq!(display(&plan, no_data), "");
    }

    #[test]
    fn objective_rows_show_team_and_period_under_the_title() {
        let mut plan = example_plan();
        let id = plan.objectives[0].id;
        let cell = Cell {
            row: RowRef::Objective(id),
            col: Column::Objective,
        };
        assert_eq!(
            objective_meta(&plan, cell).as_deref(),
            Some("Marketing · 2026-Q4")
        );
        plan.objectives[0].period.clear();
        assert_eq!(objective_meta(&plan, cell).as_deref(), Some("Marketing"));
        plan.objectives[0].team.clear();
        assert_eq!(objective_meta(&plan, cell), None);
        let kr = Cell {
            row: RowRef::KeyResult(plan.objectives[0].key_results[0].id),
            col: Column::Objective,
        };
        assert_eq!(objective_meta(&plan, kr), None);
    }

    #[test]
    fn score_cells_are_computed_and_read_only() {
        let d = doc();
        let cell = kr_cell(&d, Column::Score);
        assert!(!is_editable(d.plan(), cell));
        assert_eq!(display(d.plan(), cell), "0.48");
        assert!(parse_cell(d.plan(), cell, "1").is_err());
    }

    #[test]
    fn editing_current_rescores_key_result_and_objective() {
        let mut d = doc();
        let mut g = GridState::default();
        let cell = kr_cell(&d, Column::Current);
        let objective_score = Cell {
            row: RowRef::Objective(d.plan().objectives[0].id),
            col: Column::Score,
        };
        let before = display(d.plan(), objective_score);
        g.double_click(&mut d, cell);
        assert_eq!(g.editing.as_ref().unwrap().text, "520");
        g.input("650".into());
        g.key(&mut d, Key::Enter);
        assert!(g.editing.is_none());
        assert_eq!(display(d.plan(), kr_cell(&d, Column::Score)), "1.00");
        assert_ne!(display(d.plan(), objective_score), before);
        // Enter moved down, as in a spreadsheet.
        assert_eq!(
            g.active.unwrap().row,
            RowRef::KeyResult(d.plan().objectives[0].key_results[1].id)
        );
    }

    #[test]
    fn bad_value_is_refused_at_the_cell_and_text_is_kept() {
        let mut d = doc();
        let mut g = GridState::default();
        let cell = kr_cell(&d, Column::Current);
        g.double_click(&mut d, cell);
        g.input("lots".into());
        g.key(&mut d, Key::Enter);
        let e = g.editing.as_ref().expect("still editing");
        assert_eq!(e.text, "lots");
        assert!(e
            .error
            .as_ref()
            .unwrap()
            .to_string()
            .contains("not a number"));
        assert!(!d.can_undo());
        // Clicking elsewhere does not lose it either.
        let elsewhere = kr_cell(&d, Column::Owner);
        g.click(&mut d, elsewhere);
        assert_eq!(g.editing.as_ref().unwrap().cell, cell);
        // Escape cancels; the stored value is untouched.
        g.key(&mut d, Key::Escape);
        assert!(g.editing.is_none());
        assert_eq!(d.plan().objectives[0].key_results[0].current, Some(520.0));
    }

    #[test]
    fn escape_cancels_without_changing_anything() {
        let mut d = doc();
        let mut g = GridState::default();
        let cell = kr_cell(&d, Column::KeyResult);
        g.double_click(&mut d, cell);
        assert!(g.is_editing(cell));
        g.input("Renamed".into());
        g.key(&mut d, Key::Escape);
        assert!(g.editing.is_none());
        assert!(!d.can_undo());
    }

    #[test]
    fn committing_unchanged_text_records_no_step() {
        let mut d = doc();
        let mut g = GridState::default();
        let cell = kr_cell(&d, Column::Current);
        g.double_click(&mut d, cell);
        assert!(g.is_editing(cell));
        g.key(&mut d, Key::Enter);
        assert!(g.editing.is_none());
        assert!(!d.can_undo());
    }

    #[test]
    fn percent_cells_take_percent_text() {
        let mut d = doc();
        let id = d.plan().objectives[0].key_results[1].id;
        let cmd = parse_cell(
            d.plan(),
            Cell {
                row: RowRef::KeyResult(id),
                col: Column::Current,
            },
            "3.5%",
        )
        .unwrap();
        d.execute(cmd).unwrap();
        assert_eq!(d.plan().key_result(id).unwrap().1.current, Some(0.035));
    }

    #[test]
    fn clearing_current_gives_no_data() {
        let mut d = doc();
        let cell = kr_cell(&d, Column::Current);
        let cmd = parse_cell(d.plan(), cell, "  ").unwrap();
        d.execute(cmd).unwrap();
        assert_eq!(display(d.plan(), kr_cell(&d, Column::Score)), "");
    }

    #[test]
    fn weights_show_their_share_of_the_parent() {
        let mut d = doc();
        let o = d.plan().objectives[0].clone();
        let first = Cell {
            row: RowRef::KeyResult(o.key_results[0].id),
            col: Column::Weight,
        };
        let n = o.key_results.len() as f64;
        assert_eq!(display(d.plan(), first), format!("1 · {:.0} %", 100.0 / n));
        let cmd = parse_cell(d.plan(), first, "3").unwrap();
        d.execute(cmd).unwrap();
        assert_eq!(
            display(d.plan(), first),
            format!("3 · {:.0} %", 300.0 / (n + 2.0))
        );
        // The editor still holds the plain weight.
        assert_eq!(edit_text(d.plan(), first).as_deref(), Some("3"));
        let objective = Cell {
            row: RowRef::Objective(o.id),
            col: Column::Weight,
        };
        let objectives = d.plan().objectives.len() as f64;
        assert_eq!(
            display(d.plan(), objective),
            format!("1 · {:.0} %", 100.0 / objectives)
        );
    }

    #[test]
    fn type_column_accepts_names_and_refuses_others() {
        let d = doc();
        let cell = kr_cell(&d, Column::Kind);
        assert!(parse_cell(d.plan(), cell, "Percent").is_ok());
        assert_eq!(
            parse_cell(d.plan(), cell, "Stay above"),
            parse_cell(d.plan(), cell, ">=")
        );
        assert!(parse_cell(d.plan(), cell, "at most").is_ok());
        let e = parse_cell(d.plan(), cell, "banana").unwrap_err();
        assert!(e
            .to_string()
            .contains("number, percent, binary, stay above, stay below or milestone"));
    }

    #[test]
    fn binary_rows_have_no_start_or_target_to_edit() {
        let d = doc();
        let id = d.plan().objectives[1].key_results[1].id;
        let cell = |col| Cell {
            row: RowRef::KeyResult(id),
            col,
        };
        assert!(!is_editable(d.plan(), cell(Column::Start)));
        assert!(!is_editable(d.plan(), cell(Column::Target)));
        assert_eq!(
            edit_text(d.plan(), cell(Column::Current)).as_deref(),
            Some("not done")
        );
        assert!(parse_cell(d.plan(), cell(Column::Current), "done").is_ok());
    }

    #[test]
    fn empty_titles_and_negative_weights_are_refused() {
        let d = doc();
        let title = Cell {
            row: RowRef::Objective(d.plan().objectives[0].id),
            col: Column::Objective,
        };
        assert!(parse_cell(d.plan(), title, "  ").is_err());
        assert!(parse_cell(d.plan(), kr_cell(&d, Column::Weight), "-2").is_err());
        assert!(parse_cell(d.plan(), kr_cell(&d, Column::Weight), "").is_err());
        assert!(parse_cell(d.plan(), kr_cell(&d, Column::Weight), "2.5").is_ok());
    }

    #[test]
    fn arrows_move_and_stop_at_edges() {
        let mut d = doc();
        let mut g = GridState::default();
        let top = Cell {
            row: RowRef::Objective(d.plan().objectives[0].id),
            col: Column::Objective,
        };
        g.select(d.plan(), top);
        g.key(&mut d, Key::Up);
        g.key(&mut d, Key::Left);
        assert_eq!(g.active, Some(top));
        g.key(&mut d, Key::Down);
        g.key(&mut d, Key::Right);
        assert_eq!(g.active, Some(kr_cell(&d, Column::KeyResult)));
        g.key(&mut d, Key::End);
        assert_eq!(g.active.unwrap().col, Column::Score);
        g.key(&mut d, Key::Home);
        assert_eq!(g.active.unwrap().col, Column::Objective);
    }

    #[test]
    fn tab_while_editing_commits_and_moves_right_wrapping_to_the_next_row() {
        let mut d = doc();
        let mut g = GridState::default();
        let current = kr_cell(&d, Column::Current);
        g.select(d.plan(), current);
        assert!(g.begin_edit(d.plan(), Some("7".into())));
        assert!(g.key(&mut d, Key::Tab));
        assert_eq!(d.plan().objectives[0].key_results[0].current, Some(7.0));
        assert_eq!(g.active, Some(kr_cell(&d, Column::Weight)));
        // From the last column, Tab while editing wraps to the next row's first cell.
        let objective = RowRef::Objective(d.plan().objectives[0].id);
        let weight = Cell {
            row: objective,
            col: Column::Weight,
        };
        g.select(d.plan(), weight);
        assert!(g.begin_edit(d.plan(), Some("2".into())));
        assert!(g.key(&mut d, Key::Tab));
        assert_eq!(d.plan().objectives[0].weight, 2.0);
        assert_ne!(g.active, Some(weight));
    }

    #[test]
    fn tab_without_an_editor_leaves_the_grid_and_keeps_the_active_cell() {
        let mut d = doc();
        let mut g = GridState::default();
        let cell = kr_cell(&d, Column::Current);
        g.select(d.plan(), cell);
        assert!(!g.key(&mut d, Key::Tab));
        assert!(!g.key(&mut d, Key::BackTab));
        assert_eq!(g.active, Some(cell));
        assert!(g.key(&mut d, Key::Left));
    }

    #[test]
    fn first_arrow_key_activates_the_first_cell() {
        let mut d = doc();
        let mut g = GridState::default();
        assert!(g.key(&mut d, Key::Down));
        assert_eq!(
            g.active,
            Some(Cell {
                row: rows(d.plan())[0],
                col: Column::Objective
            })
        );
    }

    #[test]
    fn enter_starts_editing_and_f2_too() {
        let mut d = doc();
        let mut g = GridState::default();
        g.select(d.plan(), kr_cell(&d, Column::Owner));
        g.key(&mut d, Key::Enter);
        assert_eq!(g.editing.as_ref().unwrap().text, "Luis Ortega");
        g.key(&mut d, Key::Escape);
        g.key(&mut d, Key::F2);
        assert!(g.editing.is_some());
    }

    #[test]
    fn typing_over_a_cell_replaces_its_content() {
        let d = doc();
        let mut g = GridState::default();
        g.select(d.plan(), kr_cell(&d, Column::Current));
        assert!(g.begin_edit(d.plan(), Some("7".into())));
        let e = g.editing.unwrap();
        assert_eq!(e.text, "7");
        assert!(e.replacing);
    }

    #[test]
    fn read_only_cells_do_not_open_an_editor() {
        let mut d = doc();
        let mut g = GridState::default();
        let score = kr_cell(&d, Column::Score);
        g.double_click(&mut d, score);
        assert_eq!(g.active, Some(score));
        assert!(g.editing.is_none());
        assert!(!g.key(&mut d, Key::F2));
        assert!(g.editing.is_none());
    }

    #[test]
    fn active_cell_settles_near_a_deleted_row() {
        let mut d = doc();
        let mut g = GridState::default();
        let cell = kr_cell(&d, Column::Owner);
        g.select(d.plan(), cell);
        d.execute(Command::RemoveKeyResult { id: first_kr(&d) })
            .unwrap();
        g.settle(d.plan());
        // Lands on the row that took its place.
        assert_eq!(g.active, Some(kr_cell(&d, Column::Owner)));
        d.execute(Command::ReplacePlan(Box::new(Plan::new("empty"))))
            .unwrap();
        g.settle(d.plan());
        assert_eq!(g.active, None);
    }
}
