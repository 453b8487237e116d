//! Understanding a sheet: where its header row is, which column holds which field, and how
//! its rows become objectives and key results, whatever the layout (objective repeated on each
//! row, written once and carried down, objective rows followed by key-result rows, a Row ID /
//! Parent Row ID hierarchy, one sheet per team or per quarter).

use std::collections::HashMap;

use super::note::Note;
use super::source::{Sheet, Workbook};
use super::synonyms::{check_in_column, field_of, normalize, Field};
use super::values::{done, number_in, uses_decimal_comma, Cell, Num};
use crate::model::{CheckIn, KeyResult, Kind, Objective, Plan};
use crate::score;
use crate::value;

/// How far down a header row is looked for.
const HEADER_SEARCH_ROWS: usize = 50;

/// The user's corrections in the preview: (sheet index, column index) → field.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Choices {
    pub columns: HashMap<(usize, usize), Field>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ColumnReport {
    pub index: usize,
    pub header: String,
    pub field: Field,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SkippedRow {
    /// 1-based, as the spreadsheet shows it.
    pub row: usize,
    pub reason: Note,
}

#[derive(Clone, Debug, PartialEq)]
pub enum SheetOutcome {
    Skipped {
        reason: Note,
    },
    Read {
        /// 1-based.
        header_row: usize,
        columns: Vec<ColumnReport>,
        objectives: usize,
        key_results: usize,
        skipped_rows: Vec<SkippedRow>,
        warnings: Vec<Note>,
        team: Option<String>,
        period: Option<String>,
    },
    /// A sheet read together with another (okr-grid's Objectives and Check-ins sheets).
    Details {
        summary: Vec<Note>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct SheetReport {
    pub name: String,
    pub outcome: SheetOutcome,
}

/// What an import would bring in, before anything changes.
#[derive(Clone, Debug, PartialEq)]
pub struct Preview {
    pub plan: Plan,
    pub sheets: Vec<SheetReport>,
}

impl Preview {
    pub fn key_result_count(&self) -> usize {
        self.plan.key_result_count()
    }

    /// When nothing was found: each sheet's name with why it gave nothing (headers seen
    /// where no OKR columns were found), to say what was seen.
    pub fn nothing_found(&self) -> Option<Vec<(String, Note)>> {
        if !self.plan.objectives.is_empty() {
            return None;
        }
        let reasons = self
            .sheets
            .iter()
            .map(|s| match &s.outcome {
                SheetOutcome::Skipped { reason } => (s.name.clone(), reason.clone()),
                SheetOutcome::Read { .. } | SheetOutcome::Details { .. } => {
                    (s.name.clone(), Note::NothingInRows)
                }
            })
            .collect();
        Some(reasons)
    }

    /// `nothing_found` in English.
    pub fn nothing_found_message(&self) -> Option<String> {
        let reasons: Vec<String> = self
            .nothing_found()?
            .iter()
            .map(|(sheet, why)| format!("“{sheet}”: {why}"))
            .collect();
        Some(format!(
            "No objectives or key results were found. {}",
            reasons.join(" ")
        ))
    }
}

/// Interprets every sheet of a workbook.
pub fn interpret(book: &Workbook, choices: &Choices) -> Preview {
    let own = super::own::is_own(book);
    if own && choices.columns.is_empty() {
        return super::own::interpret(book);
    }
    let mut plan = Plan::new(plan_name(file_stem(&book.file_name)));
    // In okr-grid's own workbook read with changed columns, only the first sheet holds rows.
    let detail = |i: usize, s: &Sheet| own && i > 0 && super::own::is_detail_sheet(s);
    let used_sheets = book
        .sheets
        .iter()
        .enumerate()
        .filter(|(i, s)| !detail(*i, s) && find_header(&s.rows).is_some())
        .count();
    let sheets = book
        .sheets
        .iter()
        .enumerate()
        .map(|(i, sheet)| SheetReport {
            name: sheet.name.clone(),
            outcome: if detail(i, sheet) {
                SheetOutcome::Skipped {
                    reason: Note::DetailSheet,
                }
            } else {
                read_sheet(&mut plan, i, sheet, choices, used_sheets > 1)
            },
        })
        .collect();
    Preview { plan, sheets }
}

/// The file name without its extension.
pub(super) fn file_stem(file_name: &str) -> &str {
    file_name.rsplit_once('.').map_or(file_name, |(s, _)| s)
}

/// The imported plan's name: the file's stem, or a generic name when there is none.
pub(super) fn plan_name(stem: &str) -> &str {
    if stem.is_empty() {
        "Imported plan"
    } else {
        stem
    }
}

fn is_title_field(f: Field) -> bool {
    matches!(f, Field::Objective | Field::KeyResult | Field::Okr)
}

/// The header row: among the first rows, the one naming the most distinct fields, at least two
/// of them, one being a title (objective, key result or OKR).
fn find_header(rows: &[Vec<Cell>]) -> Option<(usize, Vec<Option<Field>>)> {
    let mut best: Option<(usize, usize, Vec<Option<Field>>)> = None;
    for (r, row) in rows.iter().enumerate().take(HEADER_SEARCH_ROWS) {
        let fields: Vec<Option<Field>> = row
            .iter()
            .map(|c| match c {
                Cell::Text(t) => field_of(t),
                _ => None,
            })
            .collect();
        let mut distinct: Vec<Field> = fields.iter().flatten().copied().collect();
        distinct.sort();
        distinct.dedup();
        if distinct.len() >= 2
            && distinct.iter().any(|f| is_title_field(*f))
            && best.as_ref().is_none_or(|(_, n, _)| distinct.len() > *n)
        {
            best = Some((r, distinct.len(), fields));
        }
    }
    best.map(|(r, _, f)| (r, f))
}

/// Sheets that explain or hold lookup lists.
fn looks_like_instructions(name: &str) -> bool {
    let n = normalize(name);
    [
        "instruction",
        "how to",
        "readme",
        "read me",
        "guide",
        "help",
        "lists",
        "lookup",
        "dropdown",
        "settings",
        "config",
        "instrucciones",
        "istruzioni",
        "说明",
        "指南",
        "anleitung",
        "mode d emploi",
        "instrucoes",
        "legend",
        "legenda",
        "leyenda",
    ]
    .iter()
    .any(|w| n.contains(w))
}

/// "Q3", "Q3 2026", "2026-Q3", "T1", "H2", "FY26", "2026", "第三季度".
pub fn period_of_sheet_name(name: &str) -> Option<String> {
    let n = normalize(name);
    let tokens: Vec<&str> = n.split(' ').collect();
    let is_year = |t: &str| t.len() == 4 && t.chars().all(|c| c.is_ascii_digit());
    let is_part = |t: &str| {
        let mut c = t.chars();
        matches!(c.next(), Some('q' | 't' | 'h'))
            && c.as_str().len() == 1
            && c.as_str().chars().all(|d| ('1'..='4').contains(&d))
    };
    let is_fy = |t: &str| {
        t.strip_prefix("fy").is_some_and(|y| {
            (y.len() == 2 || y.len() == 4) && y.chars().all(|c| c.is_ascii_digit())
        })
    };
    let all_periodish = !tokens.is_empty()
        && tokens.iter().all(|t| is_year(t) || is_part(t) || is_fy(t))
        && tokens.iter().any(|t| is_year(t) || is_part(t) || is_fy(t));
    let chinese = n.contains("季度") || n.ends_with("年");
    (all_periodish || chinese).then(|| name.trim().to_string())
}

/// Generic sheet names that do not name a team.
fn is_generic_sheet_name(name: &str) -> bool {
    let n = normalize(name);
    let stem = n.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
    [
        "sheet",
        "hoja",
        "foglio",
        "tabelle",
        "feuil",
        "planilha",
        "工作表",
        "okr",
        "okrs",
        "data",
        "plan",
        "template",
        "plantilla",
        "modello",
        "vorlage",
        "modelo",
    ]
    .contains(&stem)
}

const TOTAL_WORDS: &[&str] = &[
    "total",
    "totals",
    "sum",
    "average",
    "overall",
    "overall score",
    "grand total",
    "summe",
    "gesamt",
    "durchschnitt",
    "totale",
    "media",
    "promedio",
    "合计",
    "总计",
    "平均",
    "总分",
    "moyenne",
    "média",
    "score total",
    "puntuacion total",
];

struct Columns {
    of: HashMap<Field, usize>,
    /// (order, column, header) of week, month and date columns, in time order.
    check_ins: Vec<(u32, usize, String)>,
    /// Value columns whose header carries a "%": their plain numbers are percentages.
    percent_headers: bool,
    /// The sheet writes numbers as text with a decimal comma.
    decimal_comma: bool,
}

impl Columns {
    fn get<'a>(&self, row: &'a [Cell], field: Field) -> Option<&'a Cell> {
        self.of
            .get(&field)
            .and_then(|&c| row.get(c))
            .filter(|c| !c.is_empty())
    }

    fn text(&self, row: &[Cell], field: Field) -> String {
        self.get(row, field).map(Cell::text).unwrap_or_default()
    }

    fn number(&self, cell: &Cell) -> Option<Num> {
        number_in(cell, self.decimal_comma)
    }
}

fn read_sheet(
    plan: &mut Plan,
    sheet_index: usize,
    sheet: &Sheet,
    choices: &Choices,
    several_sheets: bool,
) -> SheetOutcome {
    let Some((header_row, detected)) = find_header(&sheet.rows) else {
        let seen: Vec<String> = sheet
            .rows
            .iter()
            .take(HEADER_SEARCH_ROWS)
            .find(|r| r.iter().filter(|c| !c.is_empty()).count() >= 2)
            .map(|r| {
                r.iter()
                    .filter(|c| !c.is_empty())
                    .map(Cell::text)
                    .take(12)
                    .collect()
            })
            .unwrap_or_default();
        let reason = if looks_like_instructions(&sheet.name) {
            Note::Instructions
        } else if seen.is_empty() {
            Note::NoTable
        } else {
            Note::NoOkrColumns(seen)
        };
        return SheetOutcome::Skipped { reason };
    };

    // Column fields: detected, then the user's choices; the first column claims a field.
    let header = &sheet.rows[header_row];
    let mut reports = Vec::with_capacity(header.len());
    let mut columns = Columns {
        of: HashMap::new(),
        check_ins: Vec::new(),
        percent_headers: false,
        decimal_comma: uses_decimal_comma(sheet.rows.iter().skip(header_row + 1).flatten()),
    };
    for (col, header_cell) in header.iter().enumerate() {
        let header_text = header_cell.text();
        let chosen = choices.columns.get(&(sheet_index, col)).copied();
        let check_in = check_in_column(&header_text).or_else(|| date_key(&header_text));
        let mut field = chosen
            .or_else(|| detected.get(col).copied().flatten())
            .or(check_in.map(|_| Field::CheckIn))
            .unwrap_or(Field::Ignore);
        match field {
            Field::Ignore => {}
            // Check-in columns are many, in time order (or left to right when chosen).
            Field::CheckIn => {
                let order = check_in.unwrap_or(2_000_000 + col as u32);
                columns.check_ins.push((order, col, header_text.clone()));
            }
            _ => match columns.of.entry(field) {
                std::collections::hash_map::Entry::Occupied(_) => field = Field::Ignore,
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(col);
                }
            },
        }
        if !header_text.is_empty() || field != Field::Ignore {
            reports.push(ColumnReport {
                index: col,
                header: header_text,
                field,
            });
        }
    }
    columns.check_ins.sort();
    columns.percent_headers = [Field::Start, Field::Target, Field::Current]
        .iter()
        .filter_map(|f| columns.of.get(f))
        .any(|&col| header[col].text().contains(['%', '％']));

    let sheet_period = period_of_sheet_name(&sheet.name);
    let sheet_team =
        (several_sheets && sheet_period.is_none() && !is_generic_sheet_name(&sheet.name))
            .then(|| sheet.name.trim().to_string());

    let mut reader = RowReader {
        plan,
        columns: &columns,
        first_objective: 0,
        current: None,
        by_title: HashMap::new(),
        by_row_id: HashMap::new(),
        skipped: Vec::new(),
        disagreements: 0,
        key_results: 0,
        gap_after_data: false,
        after_gap: Vec::new(),
        team: sheet_team.clone(),
        period: sheet_period.clone(),
        bold_rows: &sheet.bold_rows,
        bold: false,
    };
    reader.first_objective = reader.plan.objectives.len();
    for (r, row) in sheet.rows.iter().enumerate().skip(header_row + 1) {
        reader.row(r + 1, row);
    }
    reader.drop_trailing_notes();

    let mut warnings = Vec::new();
    if reader.disagreements > 0 {
        warnings.push(Note::ScoresDiffer(reader.disagreements));
    }
    let objectives = reader.plan.objectives.len() - reader.first_objective;
    SheetOutcome::Read {
        header_row: header_row + 1,
        columns: reports,
        objectives,
        key_results: reader.key_results,
        skipped_rows: reader.skipped,
        warnings,
        team: sheet_team,
        period: sheet_period,
    }
}

/// "2026-01-15" headers order check-in columns by date.
fn date_key(header: &str) -> Option<u32> {
    let parts: Vec<&str> = header.trim().split(['-', '/']).collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => {
            let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
            ((1..=12).contains(&m) && (1..=31).contains(&d))
                .then_some(100_000 + y * 10_000 + m * 100 + d)
        }
        _ => None,
    }
}

enum RowKind {
    Objective(String),
    KeyResult(String),
}

struct RowReader<'a> {
    plan: &'a mut Plan,
    columns: &'a Columns,
    first_objective: usize,
    /// Index (in plan.objectives) of the objective key results attach to.
    current: Option<usize>,
    by_title: HashMap<String, usize>,
    by_row_id: HashMap<String, usize>,
    skipped: Vec<SkippedRow>,
    disagreements: usize,
    key_results: usize,
    /// A blank row came after data: what follows may be notes.
    gap_after_data: bool,
    /// Objectives created after such a gap (dropped at the end if they got no key result).
    after_gap: Vec<(usize, usize)>,
    team: Option<String>,
    period: Option<String>,
    bold_rows: &'a [usize],
    /// Whether the row being read is set in bold.
    bold: bool,
}

impl RowReader<'_> {
    fn skip(&mut self, row: usize, reason: Note) {
        self.skipped.push(SkippedRow { row, reason });
    }

    fn row(&mut self, row_number: usize, row: &[Cell]) {
        let c = self.columns;
        if row.iter().all(Cell::is_empty) {
            if self.current.is_some() {
                self.gap_after_data = true;
            }
            return;
        }
        let first_text = row
            .iter()
            .find(|x| !x.is_empty())
            .map(Cell::text)
            .unwrap_or_default();
        if TOTAL_WORDS.contains(&normalize(&first_text).as_str()) {
            self.skip(row_number, Note::TotalsRow);
            return;
        }
        self.bold = self.bold_rows.binary_search(&(row_number - 1)).is_ok();
        let Some(kind) = self.classify(row) else {
            self.skip(row_number, Note::EmptyRow);
            return;
        };
        match kind {
            RowKind::Objective(title) => {
                let index = self.objective(&title, row, true);
                if let Some(id) = c.get(row, Field::RowId).map(Cell::text) {
                    self.by_row_id.insert(id, index);
                }
                if self.gap_after_data {
                    self.after_gap.push((index, row_number));
                }
            }
            RowKind::KeyResult(title) => {
                let parent = c
                    .get(row, Field::ParentId)
                    .and_then(|p| self.by_row_id.get(&p.text()).copied());
                let Some(index) = parent.or(self.current) else {
                    self.skip(row_number, Note::KeyResultWithoutObjective);
                    return;
                };
                let key_result = self.key_result(title, row);
                self.plan.objectives[index].key_results.push(key_result);
                self.key_results += 1;
            }
        }
    }

    /// Decides whether a row is an objective or a key result, and its title.
    fn classify(&mut self, row: &[Cell]) -> Option<RowKind> {
        let c = self.columns;
        let objective = c.text(row, Field::Objective);
        let key_result = c.text(row, Field::KeyResult);
        let has_parent = c.get(row, Field::ParentId).is_some();
        let has_both_columns =
            c.of.contains_key(&Field::Objective) && c.of.contains_key(&Field::KeyResult);
        if has_both_columns {
            if !objective.is_empty() {
                // Repeated on every row, or written once (merged / carried down).
                self.objective(&strip_numbering(&objective), row, key_result.is_empty());
            }
            return if !key_result.is_empty() {
                Some(RowKind::KeyResult(strip_numbering(&key_result)))
            } else if !objective.is_empty() {
                // An objective row with no key result on it: already recorded above.
                self.current
                    .map(|i| RowKind::Objective(self.plan.objectives[i].title.clone()))
            } else {
                None
            };
        }
        // Only an objective column: its rows are objectives (their values belong to key
        // results that no column names yet; the preview lets the user say which).
        if !c.of.contains_key(&Field::KeyResult) && !c.of.contains_key(&Field::Okr) {
            return (!objective.is_empty())
                .then(|| RowKind::Objective(strip_numbering(&objective)));
        }
        // One title column: objectives and key results share it.
        let title = [Field::Okr, Field::KeyResult]
            .iter()
            .map(|f| c.text(row, *f))
            .find(|t| !t.is_empty())?;
        let has_values = [Field::Start, Field::Target, Field::Current, Field::Score]
            .iter()
            .any(|f| c.get(row, *f).is_some())
            || c.check_ins
                .iter()
                .any(|(_, col, _)| row.get(*col).is_some_and(|x| !x.is_empty()));
        let kind = match numbering(&title) {
            Numbering::KeyResult => RowKind::KeyResult(strip_numbering(&title)),
            Numbering::Objective => RowKind::Objective(strip_numbering(&title)),
            Numbering::None if has_parent => RowKind::KeyResult(title),
            // Templates set objective rows in bold.
            Numbering::None if self.bold => RowKind::Objective(title),
            Numbering::None
                if c.of.contains_key(&Field::ParentId) || c.of.contains_key(&Field::RowId) =>
            {
                RowKind::Objective(title)
            }
            Numbering::None if has_values && self.current.is_some() => RowKind::KeyResult(title),
            Numbering::None if !has_values => RowKind::Objective(title),
            Numbering::None => RowKind::KeyResult(title),
        };
        Some(kind)
    }

    /// Finds the objective with this title in this sheet or adds it; makes it current.
    /// `own_row`: the row is the objective's own (no key result on it), so its owner and
    /// weight are the objective's; otherwise the objective is only named on a key result's
    /// row, which still gives its team and period.
    fn objective(&mut self, title: &str, row: &[Cell], own_row: bool) -> usize {
        if let Some(&i) = self.by_title.get(title) {
            self.current = Some(i);
            return i;
        }
        let c = self.columns;
        let mut o: Objective = self.plan.new_objective(title);
        if own_row {
            o.owner = c.text(row, Field::Owner);
            if let Some(w) = c.get(row, Field::Weight).and_then(|x| c.number(x)) {
                if w.value >= 0.0 {
                    o.weight = w.value;
                }
            }
        }
        o.team = Some(c.text(row, Field::Team))
            .filter(|t| !t.is_empty())
            .or_else(|| self.team.clone())
            .unwrap_or_default();
        o.period = Some(c.text(row, Field::Period))
            .filter(|t| !t.is_empty())
            .or_else(|| self.period.clone())
            .unwrap_or_default();
        self.plan.objectives.push(o);
        let i = self.plan.objectives.len() - 1;
        self.by_title.insert(title.to_string(), i);
        self.current = Some(i);
        i
    }

    fn key_result(&mut self, title: String, row: &[Cell]) -> KeyResult {
        let c = self.columns;
        let mut kr = self.plan.new_key_result(&title);
        kr.owner = c.text(row, Field::Owner);
        kr.link = c.text(row, Field::Link);
        kr.notes = c.text(row, Field::Notes);
        if let Some(w) = c.get(row, Field::Weight).and_then(|x| c.number(x)) {
            if w.value.is_finite() && w.value >= 0.0 {
                kr.weight = w.value;
            }
        }
        let start = c.get(row, Field::Start);
        let target = c.get(row, Field::Target);
        let check_in_cells: Vec<(&str, &Cell)> = c
            .check_ins
            .iter()
            .filter_map(|(_, col, label)| {
                row.get(*col)
                    .filter(|x| !x.is_empty())
                    .map(|x| (label.as_str(), x))
            })
            .collect();
        // The latest filled check-in column stands in for a missing Current.
        let current = c
            .get(row, Field::Current)
            .or(check_in_cells.last().map(|(_, x)| *x));

        let kind_text = normalize(&c.text(row, Field::Kind));
        let declared = kind_of_text(&kind_text);
        let nums = [start, target, current].map(|x| x.and_then(|x| c.number(x)));
        let binary_current = current.filter(|x| c.number(x).is_none()).and_then(done);
        let kind = declared.unwrap_or(if binary_current.is_some() {
            Kind::Binary
        } else if c.percent_headers || nums.iter().flatten().any(|n| n.percent) {
            Kind::Percent
        } else {
            Kind::Number
        });
        // A cell's value for this kind: done → 1 / 0; percentages as fractions ("45%", or
        // 45 under a "%" header, or 45 typed into a percent key result, as Excel reads it).
        let to_value = |cell: &Cell| -> Option<f64> {
            match kind {
                Kind::Binary => done(cell).map(|d| if d { 1.0 } else { 0.0 }),
                Kind::Percent => c.number(cell).map(|n| {
                    if n.percent {
                        n.value
                    } else {
                        value::parse_percent(&value::plain(n.value)).unwrap_or(n.value)
                    }
                }),
                _ => c.number(cell).map(|n| n.value),
            }
        };
        kr.kind = kind;
        if kind == Kind::Binary {
            kr.start = Some(0.0);
            kr.target = Some(1.0);
        } else {
            kr.start = start.and_then(to_value);
            kr.target = target.and_then(to_value);
        }
        kr.current = current.and_then(to_value);
        kr.check_ins = check_in_cells
            .iter()
            .filter_map(|(label, cell)| {
                to_value(cell).map(|value| CheckIn {
                    when: label.to_string(),
                    value,
                    note: String::new(),
                    confidence: None,
                })
            })
            .collect();
        // A number key result with a target but no start starts from zero, as templates
        // that only ask for a target mean.
        if kr.kind == Kind::Number && kr.start.is_none() && kr.target.is_some() {
            kr.start = Some(0.0);
        }

        // The sheet's own score: kept as a grade when there is nothing to compute from,
        // otherwise compared with ours (values win).
        if let Some(grade) = c
            .get(row, Field::Score)
            .and_then(|x| c.number(x))
            .and_then(grade_of)
        {
            let computed = score::key_result_score(&kr);
            if computed.has_data {
                if (computed.value - grade).abs() > 0.005 {
                    self.disagreements += 1;
                }
            } else if kr.current.is_none() {
                kr.score_override = Some(grade);
            }
        }
        kr
    }

    /// Objectives that appeared after a blank row below the data and got no key result are
    /// most likely notes under the table: drop that run at the end of the sheet.
    fn drop_trailing_notes(&mut self) {
        while let Some(last) = self.plan.objectives.len().checked_sub(1) {
            if last < self.first_objective || !self.plan.objectives[last].key_results.is_empty() {
                break;
            }
            let Some(&(_, row)) = self.after_gap.iter().find(|(i, _)| *i == last) else {
                break;
            };
            self.plan.objectives.pop();
            self.skipped.push(SkippedRow {
                row,
                reason: Note::NoteBelowTable,
            });
        }
        self.skipped.sort_by_key(|s| s.row);
    }
}

fn kind_of_text(t: &str) -> Option<Kind> {
    if t.is_empty() {
        return None;
    }
    const PERCENT: &[&str] = &[
        "percent",
        "percentage",
        "%",
        "porcentaje",
        "percentuale",
        "百分比",
        "pourcentage",
        "prozent",
        "porcentagem",
    ];
    const BINARY: &[&str] = &[
        "binary",
        "yes no",
        "done not done",
        "boolean",
        "milestone",
        "binario",
        "sí no",
        "si no",
        "sì no",
        "是否",
        "二元",
        "binaire",
        "oui non",
        "ja nein",
        "binär",
        "sim nao",
    ];
    const NUMBER: &[&str] = &[
        "number",
        "numeric",
        "count",
        "currency",
        "numero",
        "número",
        "numerico",
        "数值",
        "数字",
        "nombre",
        "numérique",
        "zahl",
        "numerisch",
        "numérico",
    ];
    // Normalised once: this runs for every key-result row that has a Type cell.
    static WORDS: std::sync::LazyLock<Vec<(String, Kind)>> = std::sync::LazyLock::new(|| {
        [
            (PERCENT, Kind::Percent),
            (BINARY, Kind::Binary),
            (NUMBER, Kind::Number),
        ]
        .iter()
        .flat_map(|(list, kind)| list.iter().map(|w| (normalize(w), *kind)))
        .collect()
    });
    WORDS.iter().find(|(w, _)| w == t).map(|(_, kind)| *kind)
}

/// A sheet's score as a 0–1 grade: 0.7, "70%", or 70 on a 0–100 scale.
pub(super) fn grade_of(n: Num) -> Option<f64> {
    let v = n.value;
    if n.percent || (0.0..=1.0).contains(&v) {
        Some(v.clamp(0.0, 1.0))
    } else if (1.0..=100.0).contains(&v) {
        value::parse_percent(&format!("{}%", value::plain(v))).ok()
    } else {
        None
    }
}

enum Numbering {
    Objective,
    KeyResult,
    None,
}

/// Reads outline numbering at the start of a title: "O1", "Objective 2:", "KR1.1", "1.2",
/// "- ", "• " (key results) or "1." / "1)" (objectives).
fn numbering(title: &str) -> Numbering {
    let t = title.trim_start();
    let lower = t.to_lowercase();
    if t.starts_with(['-', '•', '–', '·', '*']) {
        return Numbering::KeyResult;
    }
    let rest_after = |prefix: &str| lower.strip_prefix(prefix).map(str::trim_start);
    let starts_with_digit = |s: &str| s.chars().next().is_some_and(|c| c.is_ascii_digit());
    if let Some(rest) = rest_after("kr") {
        if starts_with_digit(rest) || rest.starts_with([':', '.', '-']) {
            return Numbering::KeyResult;
        }
    }
    for word in [
        "key result",
        "resultado clave",
        "risultato chiave",
        "关键结果",
        "résultat clé",
        "schlüsselergebnis",
        "resultado-chave",
    ] {
        if lower.starts_with(word) {
            return Numbering::KeyResult;
        }
    }
    if let Some(rest) = rest_after("o") {
        if starts_with_digit(rest) {
            return Numbering::Objective;
        }
    }
    for word in [
        "objective",
        "objetivo",
        "obiettivo",
        "目标",
        "objectif",
        "ziel",
    ] {
        if lower.starts_with(word) {
            return Numbering::Objective;
        }
    }
    // "1.2" is a key result of objective 1; "1." or "1)" an objective. A bare number
    // ("2026 plan", "100 new customers") is part of the title.
    let digits_and_dots: String = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let parts: Vec<&str> = digits_and_dots
        .split('.')
        .filter(|s| !s.is_empty())
        .collect();
    let after = &t[digits_and_dots.len()..];
    match parts.len() {
        0 => Numbering::None,
        1 if parts[0].len() <= 2 && (digits_and_dots.ends_with('.') || after.starts_with(')')) => {
            Numbering::Objective
        }
        1 => Numbering::None,
        _ => Numbering::KeyResult,
    }
}

/// Removes outline numbering: "O1: Grow" → "Grow", "KR 1.2 - Hit" → "Hit", "1.1 Hit" → "Hit".
fn strip_numbering(title: &str) -> String {
    let t = title.trim();
    let mut cut = 0;
    for prefix in ["key result", "objective", "kr", "o"] {
        // Compared without lower-casing the title, whose byte offsets must stay valid.
        let Some(after) = t
            .get(..prefix.len())
            .filter(|head| head.eq_ignore_ascii_case(prefix))
            .and_then(|_| t.get(prefix.len()..))
        else {
            continue;
        };
        let spaces = after.len() - after.trim_start().len();
        let digits = after
            .trim_start()
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .count();
        if digits > 0 {
            cut = prefix.len() + spaces + digits;
            break;
        }
    }
    if cut == 0 {
        // Outline numbers with their punctuation: "1. ", "1) ", "1.1: ", "1.1. ". A bare
        // leading number is part of the title ("100 new customers", "3.5 million users").
        let number: usize = t
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .map(char::len_utf8)
            .sum();
        let rest = &t[number..];
        let punctuated =
            t[..number].ends_with('.') && rest.starts_with(' ') || rest.starts_with([')', ':']);
        if number > 0 && punctuated {
            cut = number;
        }
    }
    if cut == 0 && t.starts_with(['-', '•', '–', '·', '*']) {
        cut = t.chars().next().map_or(0, char::len_utf8);
    }
    let rest = t[cut..]
        .trim_start_matches([' ', ':', '.', ')', '-', '–', '—'])
        .trim();
    if rest.is_empty() {
        t.to_string()
    } else {
        rest.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_tells_objectives_from_key_results() {
        assert!(matches!(numbering("O1: Grow"), Numbering::Objective));
        assert!(matches!(
            numbering("Objective 2 - Win"),
            Numbering::Objective
        ));
        assert!(matches!(numbering("1. Grow"), Numbering::Objective));
        assert!(matches!(numbering("KR1.1 Leads"), Numbering::KeyResult));
        assert!(matches!(numbering("1.2 Leads"), Numbering::KeyResult));
        assert!(matches!(numbering("- Leads"), Numbering::KeyResult));
        assert!(matches!(numbering("Own the category"), Numbering::None));
        assert!(matches!(numbering("2026 plan"), Numbering::None));
        assert!(matches!(numbering("100 new customers"), Numbering::None));
    }

    #[test]
    fn numbering_is_stripped_from_titles() {
        assert_eq!(strip_numbering("O1: Grow"), "Grow");
        assert_eq!(strip_numbering("KR 1.2 - Hit 650"), "Hit 650");
        assert_eq!(strip_numbering("1.1: Hit"), "Hit");
        assert_eq!(strip_numbering("1) Grow"), "Grow");
        assert_eq!(strip_numbering("3.5 million users"), "3.5 million users");
        assert_eq!(strip_numbering("• Hit"), "Hit");
        assert_eq!(strip_numbering("Own the category"), "Own the category");
        assert_eq!(strip_numbering("2026 revenue"), "2026 revenue");
        assert_eq!(strip_numbering("KR1"), "KR1");
    }

    #[test]
    fn titles_whose_lower_case_changes_length_do_not_break_stripping() {
        // U+212A KELVIN SIGN lower-cases to an ASCII "k" of a different byte length.
        assert_eq!(strip_numbering("\u{212A}R1.1 x"), "\u{212A}R1.1 x");
        assert!(matches!(
            numbering("\u{212A}R1.1 x"),
            Numbering::KeyResult | Numbering::None
        ));
    }

    #[test]
    fn sheet_names_that_are_periods() {
        for name in [
            "Q3",
            "Q3 2026",
            "2026-Q3",
            "FY26",
            "H2",
            "2026",
            "2026年第三季度",
        ] {
            assert!(period_of_sheet_name(name).is_some(), "{name}");
        }
        for name in ["Marketing", "Sheet1", "Q9"] {
            assert!(period_of_sheet_name(name).is_none(), "{name}");
        }
    }
}
