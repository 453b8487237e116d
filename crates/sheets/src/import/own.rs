//! Reading okr-grid's own export back (see `export::workbook`): the first sheet `OKRs` with the
//! contract header, plus the `Objectives` sheet (objective owners, weights and key-result
//! counts) and the `Check-ins` sheet (history). Importing a workbook okr-grid wrote gives back
//! the same plan; rows added or edited in Excel are read as well, and what cannot be read is
//! reported per row, as elsewhere in the importer.

use super::layout::{
    file_stem, grade_of, plan_name, ColumnReport, Preview, SheetOutcome, SheetRead, SheetReport,
    SkippedRow,
};
use super::note::Note;
use super::reading::{ReadingKey, Shape};
use super::source::{Sheet, Workbook};
use super::synonyms::Field;
use super::values::{done, number, Cell};
use crate::export::{
    col, BACKLOG_COLUMNS, BACKLOG_SHEET, BASE_SHEET, CHECK_INS_SHEET, CHECK_IN_COLUMNS, GRADED,
    INITIATIVES_SHEET, INITIATIVE_COLUMNS, OBJECTIVES_SHEET, OBJECTIVE_COLUMNS, OKR_COLUMNS,
    OKR_SHEET, PERIODS_SHEET, PERIOD_COLUMNS, SCORING_COLUMNS, SCORING_SHEET, STEPS_SHEET,
    STEP_COLUMNS, THRESHOLDS_SHEET, THRESHOLD_COLUMNS, UNITS_SHEET, UNIT_COLUMNS,
};
use okr_core::model::{
    CheckIn, Commitment, Id, Initiative, KeyResult, Kind, Objective, Plan, Step,
};
use okr_core::period::{Date, Period, PeriodKind};
use okr_core::validate;

/// The `Objectives` columns every version wrote (later ones add columns after these).
const OBJECTIVE_COLUMNS_V1: usize = 9;

fn objectives_header() -> &'static [&'static str] {
    &OBJECTIVE_COLUMNS[..OBJECTIVE_COLUMNS_V1]
}

/// True when the workbook's first sheet is okr-grid's `OKRs` sheet with its exact header.
pub fn is_own(book: &Workbook) -> bool {
    book.sheets
        .first()
        .is_some_and(|s| s.name == OKR_SHEET && has_header(s, &OKR_COLUMNS))
}

/// True for the detail sheets of an own workbook, which are read together with `OKRs`.
pub fn is_detail_sheet(sheet: &Sheet) -> bool {
    (sheet.name == OBJECTIVES_SHEET && has_header(sheet, objectives_header()))
        || (sheet.name == CHECK_INS_SHEET && has_header(sheet, &CHECK_IN_COLUMNS))
        || (sheet.name == PERIODS_SHEET && has_header(sheet, &PERIOD_COLUMNS))
        || (sheet.name == INITIATIVES_SHEET && has_header(sheet, &INITIATIVE_COLUMNS))
        || (sheet.name == STEPS_SHEET && has_header(sheet, &STEP_COLUMNS))
        || (sheet.name == UNITS_SHEET && has_header(sheet, &UNIT_COLUMNS))
        || (sheet.name == BACKLOG_SHEET && has_header(sheet, &BACKLOG_COLUMNS))
        || (sheet.name == SCORING_SHEET && has_header(sheet, &SCORING_COLUMNS))
        || (sheet.name == THRESHOLDS_SHEET && has_header(sheet, &THRESHOLD_COLUMNS))
}

fn has_header(sheet: &Sheet, columns: &[&str]) -> bool {
    sheet.rows.first().is_some_and(|row| {
        columns
            .iter()
            .enumerate()
            .all(|(i, h)| row.get(i).is_some_and(|c| c.text().eq_ignore_ascii_case(h)))
    })
}

fn sheet_named<'a>(book: &'a Workbook, name: &str, columns: &[&str]) -> Option<(usize, &'a Sheet)> {
    book.sheets
        .iter()
        .enumerate()
        .find(|(_, s)| s.name == name && has_header(s, columns))
}

fn get(row: &[Cell], c: u16) -> &Cell {
    row.get(usize::from(c)).unwrap_or(&Cell::Empty)
}

fn text(row: &[Cell], c: u16) -> String {
    get(row, c).text()
}

/// One data row of the `OKRs` sheet.
struct Line<'a> {
    /// 1-based, as the spreadsheet shows it.
    row: usize,
    period: String,
    team: String,
    objective: String,
    key_result: String,
    kind: String,
    cells: &'a [Cell],
}

impl Line<'_> {
    fn holds_key_result(&self) -> bool {
        !self.key_result.is_empty() || !self.kind.is_empty()
    }

    fn same_objective(&self, other: &Line) -> bool {
        (&self.period, &self.team, &self.objective)
            == (&other.period, &other.team, &other.objective)
    }
}

/// One row of the `Objectives` sheet.
struct ObjectiveDetails {
    /// 1-based, as the spreadsheet shows it.
    row: usize,
    period: String,
    team: String,
    title: String,
    owner: String,
    weight: f64,
    key_results: Option<usize>,
    aligned_title: String,
    aligned_row: Option<usize>,
    commitment: Commitment,
}

fn weight_of(cell: &Cell) -> f64 {
    number(cell)
        .map(|n| n.value)
        .filter(|w| validate::is_weight(*w))
        .unwrap_or(1.0)
}

fn objective_details(sheet: &Sheet) -> Vec<ObjectiveDetails> {
    let whole = |cell: &Cell| {
        number(cell)
            .map(|n| n.value)
            .filter(|n| n.fract() == 0.0 && (0.0..1e9).contains(n))
            .map(|n| n as usize)
    };
    sheet
        .rows
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(_, r)| r.iter().any(|c| !c.is_empty()))
        .map(|(i, r)| ObjectiveDetails {
            row: i + 1,
            period: text(r, 0),
            team: text(r, 1),
            title: text(r, 2),
            owner: text(r, 3),
            weight: weight_of(get(r, 4)),
            key_results: whole(get(r, 8)),
            aligned_title: text(r, 7),
            aligned_row: whole(get(r, 9)),
            commitment: if text(r, 10).eq_ignore_ascii_case(Commitment::Committed.name()) {
                Commitment::Committed
            } else {
                Commitment::Aspirational
            },
        })
        .collect()
}

/// Groups lines into objectives using the `Objectives` sheet's key-result counts, which keep
/// apart two neighbouring objectives with the same title. `None` when the counts do not fit
/// the lines (rows were added or removed in Excel).
fn group_by_counts<'l, 'a>(
    lines: &'l [Line<'a>],
    details: &[ObjectiveDetails],
) -> Option<Vec<(&'l [Line<'a>], usize)>> {
    let mut groups = Vec::with_capacity(details.len());
    let mut at = 0;
    for (d, details) in details.iter().enumerate() {
        let n = details.key_results?;
        let take = n.max(1);
        let group = lines.get(at..at + take)?;
        let fits = group.iter().all(|l| {
            (&l.period, &l.team, &l.objective) == (&details.period, &details.team, &details.title)
        }) && (n > 0 || !group[0].holds_key_result());
        if !fits {
            return None;
        }
        groups.push((group, d));
        at += take;
    }
    (at == lines.len()).then_some(groups)
}

/// A Confidence cell: 1–10 or the words OKR tools use; `Some(None)` when blank, `None` when
/// it does not read.
pub(crate) fn confidence_in(cell: &Cell) -> Option<Option<u8>> {
    if let Cell::Number(v) = cell {
        if let Some(c) = validate::confidence_number(*v) {
            return Some(Some(c));
        }
    }
    okr_core::checkin::parse_confidence(&cell.text()).ok()
}

/// The kind a graded row keeps underneath: told by its value cells' formats.
pub(crate) fn formatted_kind<'c>(value_cells: impl IntoIterator<Item = &'c Cell>) -> Kind {
    let mut kind = Kind::Number;
    for c in value_cells {
        match c {
            Cell::Bool(_) => return Kind::Binary,
            Cell::Percent(_) => kind = Kind::Percent,
            _ => {}
        }
    }
    kind
}

/// A cell's value for a key result of this kind; percent values are fractions already.
pub(crate) fn value_of(kind: Kind, cell: &Cell) -> Option<f64> {
    match cell {
        Cell::Empty => None,
        Cell::Number(v) | Cell::Percent(v) => Some(*v).filter(|v| validate::is_value(*v)),
        Cell::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
        Cell::Text(_) if kind == Kind::Binary => done(cell).map(|d| if d { 1.0 } else { 0.0 }),
        Cell::Text(_) => number(cell).map(|n| n.value),
    }
}

struct Reader {
    plan: Plan,
    skipped: Vec<SkippedRow>,
    warnings: Vec<Note>,
}

impl Reader {
    fn key_result(&mut self, line: &Line) -> KeyResult {
        let cells = line.cells;
        let mut kr = self.plan.new_key_result(&line.key_result);
        kr.owner = text(cells, col::OWNER);
        kr.link = text(cells, col::LINK);
        kr.notes = text(cells, col::NOTES);
        kr.weight = weight_of(get(cells, col::WEIGHT));
        kr.confidence = confidence_in(get(cells, col::CONFIDENCE)).flatten();
        let value_cells = [col::START, col::TARGET, col::CURRENT].map(|c| get(cells, c));
        let formatted_kind = formatted_kind(value_cells);
        let word = line.kind.to_lowercase();
        kr.kind = match word.as_str() {
            "number" => Kind::Number,
            "percent" => Kind::Percent,
            "binary" => Kind::Binary,
            "stay above" => Kind::StayAbove,
            "stay below" => Kind::StayBelow,
            "milestone" => Kind::Milestone,
            GRADED | "" => formatted_kind,
            other => {
                self.warnings.push(Note::UnknownType(
                    line.row,
                    other.to_string(),
                    formatted_kind,
                ));
                formatted_kind
            }
        };
        let [start, target, current] = value_cells.map(|c| value_of(kr.kind, c));
        kr.start = start;
        kr.target = target;
        kr.current = current;
        if kr.kind == Kind::Binary {
            kr.start = Some(0.0);
            kr.target = Some(1.0);
            let done = kr.current.filter(|&c| validate::kind_value(&kr, c).is_ok());
            kr.current = done;
        }
        if word == GRADED {
            let score = get(cells, col::SCORE);
            kr.score_override = number(score).and_then(grade_of);
            if kr.score_override.is_none() && !score.is_empty() {
                self.warnings.push(Note::BadGrade(line.row, score.text()));
            }
        }
        kr
    }

    fn objective(&mut self, group: &[Line], details: Option<&ObjectiveDetails>) -> Objective {
        let first = &group[0];
        let mut o = self.plan.new_objective(&first.objective);
        o.period = first.period.clone();
        o.team = first.team.clone();
        if let Some(d) = details {
            o.owner = d.owner.clone();
            o.weight = d.weight;
            o.commitment = d.commitment;
        }
        for line in group.iter().filter(|l| l.holds_key_result()) {
            let kr = self.key_result(line);
            o.key_results.push(kr);
        }
        o
    }
}

/// Reads an own workbook (`is_own` is true) into a preview.
pub fn interpret(book: &Workbook) -> Preview {
    let name = strip_date_suffix(file_stem(&book.file_name));
    let mut reader = Reader {
        plan: Plan::new(plan_name(name)),
        skipped: Vec::new(),
        warnings: Vec::new(),
    };
    let okrs = &book.sheets[0];

    // Lines of the OKRs sheet; a key result row left without its objective (added in
    // Excel) belongs to the objective above.
    let mut lines: Vec<Line> = Vec::new();
    for (i, row) in okrs.rows.iter().enumerate().skip(1) {
        if row.iter().all(Cell::is_empty) {
            continue;
        }
        let mut line = Line {
            row: i + 1,
            period: text(row, col::PERIOD),
            team: text(row, col::TEAM),
            objective: text(row, col::OBJECTIVE),
            key_result: text(row, col::KEY_RESULT),
            kind: text(row, col::TYPE),
            cells: row,
        };
        if line.objective.is_empty() {
            match lines.last() {
                Some(above) if line.holds_key_result() => {
                    line.objective = above.objective.clone();
                    if line.period.is_empty() && line.team.is_empty() {
                        line.period = above.period.clone();
                        line.team = above.team.clone();
                    }
                }
                _ => {
                    reader.skipped.push(SkippedRow {
                        row: i + 1,
                        reason: Note::NoTitle,
                    });
                    continue;
                }
            }
        }
        lines.push(line);
    }

    let details = sheet_named(book, OBJECTIVES_SHEET, objectives_header())
        .map(|(_, s)| objective_details(s))
        .unwrap_or_default();
    // Which Objectives row each objective was read with, for alignments.
    let mut from_details: Vec<(usize, Id)> = Vec::new();
    // Row of the OKRs sheet (1-based) → (objective index, key result index).
    let mut kr_at_row: Vec<(usize, usize, usize)> = Vec::new();
    let mut add = |reader: &mut Reader, group: &[Line], d: Option<usize>| {
        let o = reader.objective(group, d.and_then(|d| details.get(d)));
        if let Some(d) = d {
            from_details.push((d, o.id));
        }
        let oi = reader.plan.objectives.len();
        for (ki, line) in group.iter().filter(|l| l.holds_key_result()).enumerate() {
            kr_at_row.push((line.row, oi, ki));
        }
        reader.plan.objectives.push(o);
    };
    if let Some(groups) = group_by_counts(&lines, &details) {
        for (group, d) in groups {
            add(&mut reader, group, Some(d));
        }
    } else {
        // Neighbouring rows with the same period, team and objective form one objective; its
        // details are the next matching row of the Objectives sheet.
        let mut used = vec![false; details.len()];
        let mut start = 0;
        while start < lines.len() {
            let mut end = start + 1;
            while end < lines.len() && lines[end].same_objective(&lines[start]) {
                end += 1;
            }
            let first = &lines[start];
            let d = details.iter().enumerate().position(|(j, d)| {
                !used[j]
                    && (&d.period, &d.team, &d.title)
                        == (&first.period, &first.team, &first.objective)
            });
            if let Some(j) = d {
                used[j] = true;
            }
            add(&mut reader, &lines[start..end], d);
            start = end;
        }
    }

    let mut sheets = vec![SheetReport {
        name: okrs.name.clone(),
        outcome: SheetOutcome::Read(Box::new(SheetRead {
            reading: ReadingKey {
                shape: Shape::Rows,
                header_row: 0,
            },
            alternatives: Vec::new(),
            header_row: 1,
            columns: OKR_COLUMNS
                .iter()
                .enumerate()
                .map(|(index, header)| ColumnReport {
                    index,
                    header: header.to_string(),
                    field: FIELDS[index],
                })
                .collect(),
            objectives: reader.plan.objectives.len(),
            key_results: reader.plan.key_result_count(),
            skipped_rows: Vec::new(),
            warnings: Vec::new(),
            team: None,
            period: None,
            data_rows: okrs.rows.len().saturating_sub(1),
        })),
    }];

    align(&mut reader.plan, &details, &from_details);
    let periods = sheet_named(book, PERIODS_SHEET, &PERIOD_COLUMNS).map(|(_, s)| read_periods(s));
    reader.plan.periods = periods.clone().unwrap_or_default();
    okr_core::period::date_named_periods(&mut reader.plan);

    let initiatives = sheet_named(book, INITIATIVES_SHEET, &INITIATIVE_COLUMNS)
        .map(|(_, s)| read_initiatives(&mut reader.plan, s, &kr_at_row, &details, &from_details));

    let check_ins = sheet_named(book, CHECK_INS_SHEET, &CHECK_IN_COLUMNS)
        .map(|(_, s)| read_check_ins(&mut reader, s, &kr_at_row));
    let steps = sheet_named(book, STEPS_SHEET, &STEP_COLUMNS)
        .map(|(_, s)| read_steps(&mut reader.plan, s, &kr_at_row));
    let units = sheet_named(book, UNITS_SHEET, &UNIT_COLUMNS)
        .map(|(_, s)| read_units(&mut reader.plan, s, &kr_at_row));
    let backlog = sheet_named(book, BACKLOG_SHEET, &BACKLOG_COLUMNS)
        .map(|(_, s)| read_backlog(&mut reader.plan, s));
    let scoring = sheet_named(book, SCORING_SHEET, &SCORING_COLUMNS)
        .map(|(_, s)| read_scoring(&mut reader.plan, s));
    let thresholds = sheet_named(book, THRESHOLDS_SHEET, &THRESHOLD_COLUMNS)
        .map(|(_, s)| read_thresholds(&mut reader.plan, s, &kr_at_row));

    if let SheetOutcome::Read(read) = &mut sheets[0].outcome {
        read.skipped_rows = std::mem::take(&mut reader.skipped);
        read.warnings = std::mem::take(&mut reader.warnings);
    }
    // What each detail sheet read, by name (`None`: not read).
    let periods = periods.map(|read| vec![Note::Periods(read.len())]);
    let read: [(&str, Option<Vec<Note>>); 8] = [
        (INITIATIVES_SHEET, initiatives),
        (PERIODS_SHEET, periods),
        (CHECK_INS_SHEET, check_ins),
        (STEPS_SHEET, steps),
        (UNITS_SHEET, units),
        (BACKLOG_SHEET, backlog),
        (SCORING_SHEET, scoring),
        (THRESHOLDS_SHEET, thresholds),
    ];
    // The hidden `Merge base` sheet is for merging returned copies (`import::returned`); an
    // import has nothing to read in it, and the user never saw it: not reported.
    for sheet in book
        .sheets
        .iter()
        .skip(1)
        .filter(|s| !(s.name == BASE_SHEET && s.hidden))
    {
        let outcome = if sheet.name == OBJECTIVES_SHEET && has_header(sheet, objectives_header()) {
            SheetOutcome::Details {
                summary: vec![Note::ObjectiveDetails(okrs.name.clone())],
            }
        } else if let Some((_, Some(summary))) = read.iter().find(|(name, _)| *name == sheet.name) {
            SheetOutcome::Details {
                summary: summary.clone(),
            }
        } else {
            SheetOutcome::Skipped {
                reason: Note::NotOwnLayout,
            }
        };
        sheets.push(SheetReport {
            name: sheet.name.clone(),
            outcome,
        });
    }
    Preview {
        plan: reader.plan,
        sheets,
        sources: Default::default(),
    }
}

/// Sets alignments from the Objectives sheet: by the row it names when that row's title
/// matches, else by the title when exactly one objective has it. Self-alignment and loops
/// are left out (the first alignment that would close a loop is dropped).
fn align(plan: &mut Plan, details: &[ObjectiveDetails], from_details: &[(usize, Id)]) {
    for &(d, id) in from_details {
        let Some(me) = details.get(d) else { continue };
        if me.aligned_title.is_empty() {
            continue;
        }
        let by_row = me
            .aligned_row
            .and_then(|row| details.iter().position(|x| x.row == row))
            .filter(|&e| details[e].title == me.aligned_title)
            .and_then(|e| from_details.iter().find(|(x, _)| *x == e).map(|(_, t)| *t));
        let by_title = || {
            let mut same = plan
                .objectives
                .iter()
                .filter(|o| o.title == me.aligned_title);
            match (same.next(), same.next()) {
                (Some(o), None) => Some(o.id),
                _ => None,
            }
        };
        let Some(target) = by_row.or_else(by_title) else {
            continue;
        };
        if validate::alignment(plan, id, target).is_ok() {
            if let Some(o) = plan.objective_mut(id) {
                o.aligned_to = Some(target);
            }
        }
    }
}

/// The `Initiatives` sheet: each row to the key result of its OKRs row (when the titles
/// agree), else to the objective of its Objectives row, else by titles. Returns the summary.
fn read_initiatives(
    plan: &mut Plan,
    sheet: &Sheet,
    kr_at_row: &[(usize, usize, usize)],
    details: &[ObjectiveDetails],
    from_details: &[(usize, Id)],
) -> Vec<Note> {
    let (mut read, mut unmatched) = (0, Vec::new());
    for (i, row) in sheet.rows.iter().enumerate().skip(1) {
        let title = text(row, 2);
        if title.is_empty() {
            continue;
        }
        let (objective, key_result) = (text(row, 0), text(row, 1));
        let whole = |c: u16| number(get(row, c)).map(|n| n.value as usize);
        // A key result's initiative names its OKRs row (its title may be empty); an
        // objective's own has none.
        let of_objective = key_result.is_empty() && whole(5).is_none();
        let place: Option<(usize, Option<usize>)> = if of_objective {
            let by_row = whole(4)
                .and_then(|r| details.iter().position(|d| d.row == r))
                .and_then(|d| {
                    from_details
                        .iter()
                        .find(|(x, _)| *x == d)
                        .map(|(_, id)| *id)
                })
                .and_then(|id| plan.objective_index(id))
                .filter(|&oi| plan.objectives[oi].title == objective);
            by_row
                .or_else(|| plan.objectives.iter().position(|o| o.title == objective))
                .map(|oi| (oi, None))
        } else {
            let okrs_row = number(get(row, 5)).map(|n| n.value);
            key_result_named(plan, kr_at_row, okrs_row, &objective, &key_result)
                .map(|(oi, ki)| (oi, Some(ki)))
        };
        let Some((oi, ki)) = place else {
            unmatched.push(i + 1);
            continue;
        };
        let item = Initiative {
            id: plan.allocate_id(),
            title,
            done: done(get(row, 3)).unwrap_or(false),
        };
        let o = &mut plan.objectives[oi];
        match ki {
            Some(ki) => o.key_results[ki].initiatives.push(item),
            None => o.initiatives.push(item),
        }
        read += 1;
    }
    let mut summary = vec![Note::Initiatives(read)];
    if !unmatched.is_empty() {
        summary.push(Note::InitiativesUnmatched(unmatched));
    }
    summary
}

/// The `Periods` sheet: name, kind, first and last day (rows that do not read, or that the
/// plan's rules refuse: `validate::PeriodCheck`, are left out).
fn read_periods(sheet: &Sheet) -> Vec<Period> {
    let mut out: Vec<Period> = Vec::new();
    let mut check = validate::PeriodCheck::default();
    for r in sheet.rows.iter().skip(1) {
        let name = text(r, 0);
        let kind = match text(r, 1).to_lowercase().as_str() {
            "year" => PeriodKind::Year,
            "month" => PeriodKind::Month,
            _ => PeriodKind::Quarter,
        };
        let (Some(start), Some(end)) = (Date::parse(&text(r, 2)), Date::parse(&text(r, 3))) else {
            continue;
        };
        let period = Period {
            name,
            kind,
            start,
            end,
        };
        if check.admit(&period).is_ok() {
            out.push(period);
        }
    }
    out
}

/// Field of each contract column, as the preview lists them.
const FIELDS: [Field; 14] = [
    Field::Period,
    Field::Team,
    Field::Objective,
    Field::KeyResult,
    Field::Kind,
    Field::Owner,
    Field::Start,
    Field::Target,
    Field::Current,
    Field::Score,
    Field::Weight,
    Field::Confidence,
    Field::Link,
    Field::Notes,
];

/// Attaches the `Check-ins` rows to their key results (by the OKRs row they name, else by
/// objective and key result titles); returns the sheet's summary for the preview.
/// The key result a detail row (a check-in, an initiative) names: the one on the OKRs row it
/// gives when the titles agree, else the first with both titles. `kr_at_row` maps OKRs rows
/// (1-based) to (objective index, key result index).
fn key_result_named(
    plan: &Plan,
    kr_at_row: &[(usize, usize, usize)],
    okrs_row: Option<f64>,
    objective: &str,
    key_result: &str,
) -> Option<(usize, usize)> {
    let titles_match = |oi: usize, ki: usize| {
        let o = &plan.objectives[oi];
        o.title == objective && o.key_results[ki].title == key_result
    };
    okrs_row
        .and_then(|r| kr_at_row.iter().find(|(line, _, _)| *line as f64 == r))
        .filter(|(_, oi, ki)| titles_match(*oi, *ki))
        .or_else(|| kr_at_row.iter().find(|(_, oi, ki)| titles_match(*oi, *ki)))
        .map(|(_, oi, ki)| (*oi, *ki))
}

fn read_check_ins(
    reader: &mut Reader,
    sheet: &Sheet,
    kr_at_row: &[(usize, usize, usize)],
) -> Vec<Note> {
    let mut read = 0;
    let mut unmatched = Vec::new();
    for (i, row) in sheet.rows.iter().enumerate().skip(1) {
        if row.iter().all(Cell::is_empty) {
            continue;
        }
        let (objective, key_result) = (text(row, 1), text(row, 2));
        let okrs_row = number(get(row, 6)).map(|n| n.value);
        let target = key_result_named(&reader.plan, kr_at_row, okrs_row, &objective, &key_result);
        let Some((oi, ki)) = target else {
            unmatched.push(i + 1);
            continue;
        };
        let kr = &mut reader.plan.objectives[oi].key_results[ki];
        let Some(value) = value_of(kr.kind, get(row, 3)) else {
            unmatched.push(i + 1);
            continue;
        };
        kr.check_ins.push(CheckIn {
            when: text(row, 0),
            value,
            note: text(row, 5),
            confidence: okr_core::checkin::parse_confidence(&text(row, 4))
                .ok()
                .flatten(),
        });
        read += 1;
    }
    let mut summary = vec![Note::CheckIns(read)];
    if !unmatched.is_empty() {
        summary.push(Note::CheckInsUnmatched(unmatched));
    }
    summary
}

/// `read` followed by the rows that named no key result, if any.
fn with_unmatched(read: Note, unmatched: Vec<usize>) -> Vec<Note> {
    let mut out = vec![read];
    if !unmatched.is_empty() {
        out.push(Note::RowsUnmatched(unmatched));
    }
    out
}

/// The `Steps` sheet: each milestone's steps in order. The OKRs sheet's Current (steps
/// done) wins when it was changed in the spreadsheet, as typing it in the grid does.
/// Walks a detail sheet whose rows name a key result (Objective, Key Result, …, the OKRs row in
/// column `okrs_col`): `value` reads a row (`None` skips it), `put` stores the value in the key
/// result the row names. Returns the key results touched (each once, in order), how many rows
/// were stored, and the sentence naming the rows that matched no key result.
fn per_key_result<V>(
    plan: &mut Plan,
    sheet: &Sheet,
    kr_at_row: &[(usize, usize, usize)],
    okrs_col: u16,
    value: impl Fn(&[Cell]) -> Option<V>,
    mut put: impl FnMut(&mut KeyResult, V),
) -> (Vec<(usize, usize)>, usize, Vec<usize>) {
    let (mut read, mut unmatched, mut touched) = (0, Vec::new(), Vec::new());
    for (i, row) in sheet.rows.iter().enumerate().skip(1) {
        let Some(v) = value(row) else {
            continue;
        };
        let okrs_row = number(get(row, okrs_col)).map(|n| n.value);
        let Some((oi, ki)) =
            key_result_named(plan, kr_at_row, okrs_row, &text(row, 0), &text(row, 1))
        else {
            unmatched.push(i + 1);
            continue;
        };
        put(&mut plan.objectives[oi].key_results[ki], v);
        if !touched.contains(&(oi, ki)) {
            touched.push((oi, ki));
        }
        read += 1;
    }
    (touched, read, unmatched)
}

fn read_steps(plan: &mut Plan, sheet: &Sheet, kr_at_row: &[(usize, usize, usize)]) -> Vec<Note> {
    let (touched, read, unmatched) = per_key_result(
        plan,
        sheet,
        kr_at_row,
        4,
        |row| {
            let title = text(row, 2);
            (!title.is_empty()).then(|| Step {
                title,
                done: done(get(row, 3)).unwrap_or(false),
            })
        },
        |k, step| k.steps.push(step),
    );
    for (oi, ki) in touched {
        let k = &mut plan.objectives[oi].key_results[ki];
        // Only milestones have steps; a graded one is written as `graded`.
        if k.score_override.is_some() {
            k.kind = Kind::Milestone;
        }
        let current = k.current.filter(|_| k.kind == Kind::Milestone);
        if current.is_none_or(|c| k.set_steps_done(c).is_err()) {
            k.sync_steps();
        }
    }
    with_unmatched(Note::Steps(read), unmatched)
}

/// The `Units` sheet: the unit each key result counts in.
fn read_units(plan: &mut Plan, sheet: &Sheet, kr_at_row: &[(usize, usize, usize)]) -> Vec<Note> {
    let (_, read, unmatched) = per_key_result(
        plan,
        sheet,
        kr_at_row,
        3,
        |row| {
            let unit = text(row, 2);
            (!unit.trim().is_empty()).then(|| unit.trim().to_string())
        },
        |k, unit| k.unit = unit,
    );
    with_unmatched(Note::Units(read), unmatched)
}

/// The Scoring sheet: the rule by its code (or its name) and the pace margin.
fn read_scoring(plan: &mut Plan, sheet: &Sheet) -> Vec<Note> {
    let Some(row) = sheet.rows.get(1) else {
        return vec![Note::NoScoringRule];
    };
    let rule = okr_core::model::ScoringRule::from_code(&text(row, 1))
        .or_else(|| okr_core::model::ScoringRule::from_code(&text(row, 0)));
    let Some(rule) = rule else {
        return vec![Note::UnknownScoringRule(text(row, 0).trim().to_string())];
    };
    plan.scoring = rule;
    if let Some(m) = number(get(row, 2))
        .map(|n| n.value)
        .filter(|m| validate::is_pace_margin(*m))
    {
        plan.pace_margin = m;
    }
    vec![Note::Scoring(rule)]
}

/// The Thresholds sheet: commit and stretch values of the key results it names.
fn read_thresholds(
    plan: &mut Plan,
    sheet: &Sheet,
    kr_at_row: &[(usize, usize, usize)],
) -> Vec<Note> {
    let (_, read, unmatched) = per_key_result(
        plan,
        sheet,
        kr_at_row,
        4,
        |row| {
            let finite = |c: u16| {
                number(get(row, c))
                    .map(|n| n.value)
                    .filter(|v| validate::is_value(*v))
            };
            let (commit, stretch) = (finite(2), finite(3));
            (commit.is_some() || stretch.is_some()).then_some((commit, stretch))
        },
        |k, (commit, stretch)| {
            k.commit = commit;
            k.stretch = stretch;
        },
    );
    with_unmatched(Note::Thresholds(read), unmatched)
}

/// The Backlog sheet, in its row order (the rank): ICE values outside 1–10 or not whole are
/// brought into the scale, and said; the ICE column is a formula and is not read.
fn read_backlog(plan: &mut Plan, sheet: &Sheet) -> Vec<Note> {
    let mut adjusted = Vec::new();
    for (i, row) in sheet.rows.iter().enumerate().skip(1) {
        let title = text(row, 1);
        if title.trim().is_empty() {
            continue;
        }
        let id = plan.allocate_id();
        let mut c = okr_core::model::Candidate::new(id, title.trim());
        c.team = text(row, 2).trim().to_string();
        for (col, slot) in [(3, &mut c.impact), (4, &mut c.confidence), (5, &mut c.ease)] {
            let v = number(get(row, col)).map_or(5.0, |n| n.value);
            let scaled = validate::ice_nearest(v);
            if f64::from(scaled) != v {
                adjusted.push(i + 1);
            }
            *slot = scaled;
        }
        plan.backlog.push(c);
    }
    let mut summary = vec![Note::Backlog(plan.backlog.len())];
    adjusted.dedup();
    if !adjusted.is_empty() {
        summary.push(Note::BacklogAdjusted(adjusted));
    }
    summary
}

/// "Marketing Q3-2026-11-25" → "Marketing Q3": the date `export::file_name` appends.
fn strip_date_suffix(stem: &str) -> &str {
    let cut = stem.len().saturating_sub(11);
    if cut > 0 && stem.is_char_boundary(cut) {
        let (head, tail) = stem.split_at(cut);
        let t = tail.as_bytes();
        let digits = |r: std::ops::Range<usize>| t[r].iter().all(u8::is_ascii_digit);
        if t[0] == b'-'
            && digits(1..5)
            && t[5] == b'-'
            && digits(6..8)
            && t[8] == b'-'
            && digits(9..11)
        {
            return head;
        }
    }
    stem
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_export_date_is_taken_off_the_file_name() {
        assert_eq!(strip_date_suffix("Marketing Q3-2026-11-25"), "Marketing Q3");
        assert_eq!(strip_date_suffix("Marketing Q3"), "Marketing Q3");
        assert_eq!(strip_date_suffix("-2026-11-25"), "-2026-11-25");
        assert_eq!(strip_date_suffix("季度计划-2026-11-25"), "季度计划");
        assert_eq!(strip_date_suffix("计划计划计划计划"), "计划计划计划计划");
    }
}
