//! Understanding a sheet: where its header row is, which column holds which field, and how
//! its rows become objectives and key results, whatever the layout (objective repeated on each
//! row, written once and carried down, objective rows followed by key-result rows, a Row ID /
//! Parent Row ID hierarchy, objectives named by id and joined from another sheet, one sheet per
//! team or per quarter). Each sheet is read in every shape `reading` offers and the most
//! plausible plan is kept; the others are offered in the preview.

use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

use rustc_hash::FxHashMap;

use super::note::Note;
use super::reading::{self, owner_names, plausibility, Alternative, ReadingKey, Table};
use super::source::{Sheet, Workbook};
use super::sources::{self, Sources};
use super::synonyms::{check_in_column, normalize, Field};
use super::synonyms_more::{check_in_part, is_date_header, row_type_of, CheckInPart, RowType};
use super::values::{done, number_in, number_with_unit_in, uses_decimal_comma, Cell, Num};
use okr_core::model::{CheckIn, Id, KeyResult, Kind, Objective, Plan};
use okr_core::origin::{Imported, SourceField};
use okr_core::score;
use okr_core::value;

/// The user's corrections in the preview.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Choices {
    /// (sheet index, column index of the reading shown) → field.
    #[serde(with = "pairs")]
    pub columns: HashMap<(usize, usize), Field>,
    /// Sheet index → the reading the user picked ("Read it differently").
    pub readings: HashMap<usize, ReadingKey>,
    /// Sheet index → the header row the user named (0-based).
    pub header_rows: HashMap<usize, usize>,
    /// Sheets the user chose to skip.
    pub skipped_sheets: HashSet<usize>,
    /// Sheet index → the sheet whose key results it holds check-ins of (the user's word).
    pub check_ins_of: HashMap<usize, usize>,
    /// Sheet index → the sheet whose key results or objectives it holds initiatives of.
    pub initiatives_of: HashMap<usize, usize>,
}

/// A map with tuple keys as a list of pairs: JSON objects need text keys.
mod pairs {
    use std::collections::HashMap;
    use std::hash::Hash;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S, K, V>(map: &HashMap<K, V>, s: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
        K: Serialize,
        V: Serialize,
    {
        s.collect_seq(map.iter())
    }

    pub fn deserialize<'de, D, K, V>(d: D) -> Result<HashMap<K, V>, D::Error>
    where
        D: Deserializer<'de>,
        K: Deserialize<'de> + Eq + Hash,
        V: Deserialize<'de>,
    {
        Vec::<(K, V)>::deserialize(d).map(|pairs| pairs.into_iter().collect())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ColumnReport {
    pub index: usize,
    pub header: String,
    pub field: Field,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SkippedRow {
    /// 1-based, as the spreadsheet shows it.
    pub row: usize,
    pub reason: Note,
}

/// What reading a sheet gave.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SheetRead {
    /// The reading shown, and the others that gave something ("Read it differently").
    pub reading: ReadingKey,
    pub alternatives: Vec<Alternative>,
    /// 1-based.
    pub header_row: usize,
    pub columns: Vec<ColumnReport>,
    pub objectives: usize,
    pub key_results: usize,
    pub skipped_rows: Vec<SkippedRow>,
    pub warnings: Vec<Note>,
    pub team: Option<String>,
    pub period: Option<String>,
    /// Rows below the header holding anything.
    pub data_rows: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum SheetOutcome {
    Skipped {
        reason: Note,
    },
    Read(Box<SheetRead>),
    /// A sheet read together with another (okr-grid's Objectives and Check-ins sheets, the
    /// objectives of a workbook whose key results name them by id).
    Details {
        summary: Vec<Note>,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SheetReport {
    pub name: String,
    pub outcome: SheetOutcome,
}

/// What an import would bring in, before anything changes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Preview {
    pub plan: Plan,
    pub sheets: Vec<SheetReport>,
    /// Where each value of `plan` came from in the file (`origin`). Used by an export into
    /// the original, in the spreadsheet worker only: not sent to the page.
    #[serde(skip)]
    pub sources: okr_core::origin::SourceMap,
}

impl Preview {
    /// Records in the plan's origin the fingerprint of the objectives read (what an export
    /// into the original file checks the file against).
    pub fn seal(&mut self) {
        if let Some(origin) = self.plan.origin.as_mut() {
            origin.fingerprint = okr_core::origin::fingerprint_of(&self.plan.objectives);
        }
    }

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

    /// Signs that the reading is wrong, said above the confirm button: objectives without
    /// any key result in a sheet with many more rows than objectives, key results without
    /// any value where the sheet has value columns.
    pub fn doubts(&self) -> Vec<Note> {
        let mut out = Vec::new();
        let objectives = &self.plan.objectives;
        let empty = objectives
            .iter()
            .filter(|o| o.key_results.is_empty())
            .count();
        let rows: usize = self
            .sheets
            .iter()
            .filter_map(|s| match &s.outcome {
                SheetOutcome::Read(r) => Some(r.data_rows),
                _ => None,
            })
            .sum();
        if !objectives.is_empty() && empty == objectives.len() && rows > 2 * objectives.len() {
            out.push(Note::DoubtNoKeyResults(objectives.len()));
        } else if empty * 2 > objectives.len() && objectives.len() >= 4 {
            out.push(Note::DoubtEmptyObjectives(empty, objectives.len()));
        }
        let krs: Vec<&KeyResult> = objectives.iter().flat_map(|o| &o.key_results).collect();
        let value_columns = self.sheets.iter().any(|s| match &s.outcome {
            SheetOutcome::Read(r) => r.columns.iter().any(|c| {
                matches!(
                    c.field,
                    Field::Start | Field::Target | Field::Current | Field::CheckIn | Field::Score
                )
            }),
            _ => false,
        });
        let without_values = krs
            .iter()
            .filter(|k| {
                k.start.is_none()
                    && k.target.is_none()
                    && k.current.is_none()
                    && k.score_override.is_none()
                    && k.check_ins.is_empty()
            })
            .count();
        if value_columns && krs.len() >= 3 && without_values == krs.len() {
            out.push(Note::DoubtNoValues(krs.len()));
        }
        out
    }
}

/// What the other sheets of a workbook tell the reading of one: objective titles by id (an
/// objectives sheet beside a key-results sheet that names them by id).
#[derive(Default)]
struct Joins {
    /// Objective id → (title, owner, the sheet it came from).
    objective_titles: HashMap<String, (String, String, usize)>,
    /// Sheets whose rows name key results of another sheet: (sheet, the other sheet).
    details_of: HashMap<usize, usize>,
    /// Of those, the sheets of check-ins in long format (a row per key result and date).
    check_in_sheets: HashMap<usize, CheckInSheet>,
}

/// Where a sheet of check-ins in long format keeps each part.
#[derive(Clone, Copy)]
struct CheckInSheet {
    header_row: usize,
    key_result: usize,
    date: usize,
    value: usize,
    note: Option<usize>,
    confidence: Option<usize>,
}

/// The distinct values of a sheet's columns: (column, values).
type ColumnValues = Vec<(usize, HashSet<String>)>;

/// Interprets every sheet of a workbook.
pub fn interpret(book: &Workbook, choices: &Choices) -> Preview {
    let mut preview = interpret_unsealed(book, choices);
    preview.seal();
    preview
}

/// `interpret` without the fingerprint of what was read (`Preview::seal` adds it): for a
/// preview that is shown in part and thrown away, where hashing megabytes of objectives
/// would be a tenth of the work for nothing.
pub fn interpret_unsealed(book: &Workbook, choices: &Choices) -> Preview {
    let own = super::own::is_own(book);
    if own && choices.columns.is_empty() && choices.readings.is_empty() {
        return super::own::interpret(book);
    }
    let mut plan = Plan::new(plan_name(file_stem(&book.file_name)));
    // In okr-grid's own workbook read with changed columns, only the first sheet holds rows.
    let detail = |i: usize, s: &Sheet| own && i > 0 && super::own::is_detail_sheet(s);
    let skipped_by_user = |i: usize| choices.skipped_sheets.contains(&i);
    let used_sheets = book
        .sheets
        .iter()
        .enumerate()
        .filter(|(i, s)| {
            !detail(*i, s)
                && !s.hidden
                && !is_listing_sheet(&s.name)
                && !skipped_by_user(*i)
                && reading::find_header(&s.rows).is_some()
        })
        .count();
    let joins = joins(book, choices);
    let mut joined_from: HashMap<usize, usize> = HashMap::new();
    // (sheet, key result id as written) → the key result read from it.
    let mut key_result_ids: HashMap<(usize, String), Id> = HashMap::new();
    let mut sheets: Vec<SheetReport> = Vec::with_capacity(book.sheets.len());
    // Per sheet: the range of `plan.objectives` it added.
    let mut added: Vec<std::ops::Range<usize>> = Vec::with_capacity(book.sheets.len());
    let mut sources = Sources::default();
    for (i, sheet) in book.sheets.iter().enumerate() {
        let before = plan.objectives.len();
        let outcome = if skipped_by_user(i) {
            SheetOutcome::Skipped {
                reason: Note::SkippedByUser,
            }
        } else if detail(i, sheet) {
            SheetOutcome::Skipped {
                reason: Note::DetailSheet,
            }
        } else if sheet.hidden {
            SheetOutcome::Skipped {
                reason: Note::HiddenSheet,
            }
        } else if is_listing_sheet(&sheet.name) {
            SheetOutcome::Skipped {
                reason: Note::ListedByOkrGrid,
            }
        } else if let Some(&of) = choices
            .check_ins_of
            .get(&i)
            .or_else(|| choices.initiatives_of.get(&i))
            .filter(|of| **of != i && **of < book.sheets.len())
            .or_else(|| joins.details_of.get(&i))
        {
            SheetOutcome::Skipped {
                reason: Note::DetailsOfKeyResults(book.sheets[of].name.clone()),
            }
        } else {
            let context = SheetContext {
                index: i,
                several_sheets: used_sheets > 1,
                joins: &joins,
                file_stem: file_stem(&book.file_name),
            };
            let (outcome, used, ids) =
                read_sheet(&mut plan, sheet, choices, &context, &mut sources);
            for source in used {
                *joined_from.entry(source).or_default() += 1;
            }
            for (id, kr) in ids {
                key_result_ids.insert((i, id), kr);
            }
            outcome
        };
        sheets.push(SheetReport {
            name: sheet.name.clone(),
            outcome,
        });
        added.push(before..plan.objectives.len());
    }
    // Check-ins in long format become the history of the key results they name.
    for (&sheet, columns) in &joins.check_in_sheets {
        let Some(&of) = joins.details_of.get(&sheet) else {
            continue;
        };
        if choices.check_ins_of.contains_key(&sheet) || choices.initiatives_of.contains_key(&sheet)
        {
            continue;
        }
        let lookup = |id: &str| key_result_ids.get(&(of, id.to_string())).copied();
        let read = read_check_in_sheet(&mut plan, &book.sheets[sheet], columns, &lookup);
        if read > 0 {
            sheets[sheet].outcome = SheetOutcome::Details {
                summary: vec![Note::CheckIns(read)],
            };
        }
    }
    // Sheets the user says hold check-ins or initiatives of another: the rows name its key
    // results (or, for initiatives, its objectives too) by id or by title.
    let roles = choices
        .check_ins_of
        .iter()
        .map(|(s, of)| (*s, *of, false))
        .chain(choices.initiatives_of.iter().map(|(s, of)| (*s, *of, true)));
    for (sheet, of, initiatives) in roles {
        if sheet == of || sheet >= book.sheets.len() || of >= book.sheets.len() {
            continue;
        }
        let by_key = keys_of(&plan, added[of].clone(), &key_result_ids, of, initiatives);
        let lookup = |key: &str| {
            by_key
                .get(key)
                .or_else(|| by_key.get(&normalize(key)))
                .copied()
        };
        let source = &book.sheets[sheet];
        let ref_col = detail_header(source).and_then(|(r, row)| {
            // The column naming most of those key results.
            (0..row.len())
                .map(|c| {
                    let hits = source.rows[r + 1..]
                        .iter()
                        .filter(|x| x.get(c).is_some_and(|v| lookup(&v.text()).is_some()))
                        .count();
                    (hits, c)
                })
                .filter(|(hits, _)| *hits > 0)
                .max()
                .map(|(_, c)| (r, c))
        });
        let (read, note) = if initiatives {
            let read = ref_col.map_or(0, |(r, c)| {
                read_initiative_sheet(&mut plan, source, r, c, &lookup)
            });
            (read, Note::Initiatives(read))
        } else {
            let found = ref_col.and_then(|(r, c)| check_in_columns(source, r, c));
            let read = found.map_or(0, |columns| {
                read_check_in_sheet(&mut plan, source, &columns, &lookup)
            });
            (read, Note::CheckIns(read))
        };
        sheets[sheet].outcome = if read > 0 {
            SheetOutcome::Details {
                summary: vec![note],
            }
        } else if initiatives {
            SheetOutcome::Skipped {
                reason: Note::NoInitiativesFound(book.sheets[of].name.clone()),
            }
        } else {
            SheetOutcome::Skipped {
                reason: Note::NoCheckInsFound(book.sheets[of].name.clone()),
            }
        };
    }
    // Sheets that gave objectives and no key result, in a workbook whose other sheets give
    // key results, are not part of the plan: an objectives sheet whose titles were joined
    // into the key results naming them by id, or a list of processes or projects beside it.
    let key_results_elsewhere = plan.key_result_count() > 0;
    for i in (0..sheets.len()).rev() {
        let range = added[i].clone();
        let joined = joined_from.get(&i).copied();
        let only_objectives = !range.is_empty()
            && plan.objectives[range.clone()]
                .iter()
                .all(|o| o.key_results.is_empty());
        if !only_objectives || (joined.is_none() && !key_results_elsewhere) {
            continue;
        }
        let count = range.len();
        plan.objectives.drain(range);
        sheets[i].outcome = match joined {
            Some(n) => SheetOutcome::Details {
                summary: vec![Note::ObjectiveTitlesJoined(n)],
            },
            None => SheetOutcome::Skipped {
                reason: Note::ObjectivesWithoutKeyResults(count),
            },
        };
    }
    plan.origin = Some(okr_core::origin::Origin {
        file_name: book.file_name.clone(),
        format: book.format,
        size: book.size,
        digest: book.digest.clone(),
        choices: choices.to_text(),
        // Set by `Preview::seal`.
        fingerprint: String::new(),
    });
    let sources = source_map(sources, &plan);
    Preview {
        plan,
        sheets,
        sources,
    }
}

/// The source map of what the plan kept: values of objectives and key results dropped after
/// reading (notes under a table, objectives-only sheets) are left out.
fn source_map(sources: Sources, plan: &Plan) -> okr_core::origin::SourceMap {
    let kept: HashSet<Id> = plan
        .objectives
        .iter()
        .flat_map(|o| std::iter::once(o.id).chain(o.key_results.iter().map(|k| k.id)))
        .collect();
    let mut cells = sources.cells;
    cells.retain(|c| kept.contains(&c.item));
    let mut check_in_columns = sources.check_in_columns;
    check_in_columns.dedup();
    okr_core::origin::SourceMap {
        cells,
        check_in_columns,
        read: Vec::new(),
    }
}

/// Reads the whole workbook once for what sheets say about each other: objective titles by
/// id, and sheets that hold details of another sheet's key results (rows naming them by id).
fn joins(book: &Workbook, choices: &Choices) -> Joins {
    let mut joins = Joins::default();
    // One sheet joins nothing (and a large one is not read twice).
    if book.sheets.iter().filter(|s| !s.hidden).count() < 2 {
        return joins;
    }
    // Per sheet: the key-result ids of its own rows (unique values of its row id column,
    // on a sheet that has a key-result title column).
    let mut key_result_ids: Vec<(usize, HashSet<String>)> = Vec::new();
    // Per sheet: its header row and the values of its columns (column, values).
    let mut id_columns: Vec<(usize, usize, ColumnValues)> = Vec::new();
    for (i, sheet) in book.sheets.iter().enumerate() {
        if sheet.hidden || choices.skipped_sheets.contains(&i) {
            continue;
        }
        let Some((r, fields)) = reading::find_header(&sheet.rows).or_else(|| {
            detail_header(sheet).map(|(r, row)| {
                let fields = row
                    .iter()
                    .map(|c| super::synonyms::field_of(&c.text()))
                    .collect();
                (r, fields)
            })
        }) else {
            continue;
        };
        let col = |f: Field| fields.iter().position(|x| *x == Some(f));
        let values = |c: usize| -> Vec<String> {
            sheet.rows[r + 1..]
                .iter()
                .filter_map(|row| row.get(c))
                .map(Cell::text)
                .filter(|t| !t.is_empty())
                .collect()
        };
        let titles_krs = col(Field::KeyResult).or(col(Field::Okr));
        // Objectives by id: an id column and an objective title column, no key results.
        if let (Some(id), Some(title), None) =
            (col(Field::ParentId), col(Field::Objective), titles_krs)
        {
            let owner = col(Field::Owner);
            for row in &sheet.rows[r + 1..] {
                let key = row.get(id).map(Cell::text).unwrap_or_default();
                let t = row.get(title).map(Cell::text).unwrap_or_default();
                if !key.is_empty() && !t.is_empty() {
                    let o = owner
                        .and_then(|c| row.get(c))
                        .map(Cell::text)
                        .unwrap_or_default();
                    joins.objective_titles.entry(key).or_insert((t, o, i));
                }
            }
        }
        if let (Some(id), Some(_)) = (col(Field::RowId), titles_krs) {
            let ids = values(id);
            let set: HashSet<String> = ids.iter().cloned().collect();
            if !set.is_empty() && set.len() == ids.len() {
                key_result_ids.push((i, set));
            }
        }
        // Every other column's values, for the detail test below.
        let own_id = col(Field::RowId).filter(|_| titles_krs.is_some());
        let width = sheet.rows.get(r).map_or(0, Vec::len).max(fields.len());
        // Row numbers (1, 2, 3 …) join nothing unless the header says they name key results.
        let sets: Vec<(usize, HashSet<String>)> = (0..width)
            .filter(|c| Some(*c) != own_id)
            .map(|c| (c, values(c).into_iter().collect::<HashSet<String>>()))
            .filter(|(c, values)| {
                let header = sheet.rows[r].get(*c).map(Cell::text).unwrap_or_default();
                let names_key_results = fields.get(*c).copied().flatten() == Some(Field::RowId)
                    && !matches!(
                        normalize(&header).as_str(),
                        "id" | "key" | "nr" | "no" | "n" | "#"
                    );
                names_key_results || values.iter().any(|v| v.parse::<f64>().is_err())
            })
            .collect();
        id_columns.push((i, r, sets));
    }
    for (i, r, sets) in &id_columns {
        for (other, ids) in &key_result_ids {
            if other == i {
                continue;
            }
            let names_them = sets.iter().find(|(_, values)| {
                // Two thirds of its distinct values are that sheet's key-result ids (a few
                // may name key results deleted since).
                values.len() >= 2
                    && values.iter().filter(|v| ids.contains(*v)).count() * 3 >= values.len() * 2
            });
            if let Some((ref_col, _)) = names_them {
                joins.details_of.insert(*i, *other);
                if let Some(c) = check_in_columns(&book.sheets[*i], *r, *ref_col) {
                    joins.check_in_sheets.insert(*i, c);
                }
                break;
            }
        }
    }
    // A sheet that is itself a key-results sheet named by a detail sheet is never a detail.
    let owners: HashSet<usize> = joins.details_of.values().copied().collect();
    joins.details_of.retain(|i, _| !owners.contains(i));
    joins
}

/// A sheet of details may have no title column: its first row of words (within ten) is its
/// header.
fn detail_header(sheet: &Sheet) -> Option<(usize, &[Cell])> {
    sheet
        .rows
        .iter()
        .enumerate()
        .take(10)
        .find(|(_, row)| row.iter().filter(|c| matches!(c, Cell::Text(_))).count() >= 2)
        .map(|(r, row)| (r, row.as_slice()))
}

/// What a sheet's rows may name of sheet `of`: its key results by the id their row gave and
/// by title, and (`objectives`) its objectives by title.
fn keys_of(
    plan: &Plan,
    range: std::ops::Range<usize>,
    key_result_ids: &HashMap<(usize, String), Id>,
    of: usize,
    objectives: bool,
) -> HashMap<String, Id> {
    let mut by_key: HashMap<String, Id> = key_result_ids
        .iter()
        .filter(|((s, _), _)| *s == of)
        .map(|((_, id), kr)| (id.clone(), *kr))
        .collect();
    for o in plan.objectives.get(range).unwrap_or_default() {
        for k in &o.key_results {
            by_key.entry(normalize(&k.title)).or_insert(k.id);
        }
        if objectives {
            by_key.entry(normalize(&o.title)).or_insert(o.id);
        }
    }
    by_key
}

/// A sheet of initiatives of another: each row's title (the column of distinct words beside
/// the one naming the key result or objective) goes under what it names; a status column says
/// whether it is done. Returns how many were read.
fn read_initiative_sheet(
    plan: &mut Plan,
    sheet: &Sheet,
    header_row: usize,
    ref_col: usize,
    lookup: &dyn Fn(&str) -> Option<Id>,
) -> usize {
    let rows = &sheet.rows[header_row + 1..];
    let header = &sheet.rows[header_row];
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let title_col = (0..width)
        .filter(|c| *c != ref_col)
        .map(|c| {
            let texts: HashSet<String> = rows
                .iter()
                .filter_map(|r| r.get(c))
                .filter(|x| matches!(x, Cell::Text(_)) && number_in(x, false).is_none())
                .map(Cell::text)
                .filter(|t| !t.is_empty())
                .collect();
            (texts.len(), std::cmp::Reverse(c))
        })
        .max()
        .filter(|(n, _)| *n > 0)
        .map(|(_, std::cmp::Reverse(c))| c);
    let Some(title_col) = title_col else {
        return 0;
    };
    let done_col = header.iter().position(|h| {
        matches!(
            super::synonyms::field_of(&h.text()),
            Some(Field::Score | Field::Current)
        )
    });
    let mut read = 0;
    for row in rows {
        let title = row.get(title_col).map(Cell::text).unwrap_or_default();
        let Some(target) = row.get(ref_col).and_then(|x| lookup(&x.text())) else {
            continue;
        };
        if title.is_empty() {
            continue;
        }
        let done = done_col
            .and_then(|c| row.get(c))
            .and_then(done)
            .unwrap_or(false);
        let initiative = okr_core::model::Initiative {
            id: plan.allocate_id(),
            title,
            done,
        };
        let mut initiative = Some(initiative);
        for o in &mut plan.objectives {
            if o.id == target {
                o.initiatives.extend(initiative.take());
                break;
            }
            if let Some(k) = o.key_results.iter_mut().find(|k| k.id == target) {
                k.initiatives.extend(initiative.take());
                break;
            }
        }
        if initiative.is_none() {
            read += 1;
        }
    }
    read
}

/// A detail sheet of check-ins: beside the column naming key results, a date column and a
/// value column (a note and a confidence when there are).
fn check_in_columns(sheet: &Sheet, header_row: usize, key_result: usize) -> Option<CheckInSheet> {
    let header = sheet.rows.get(header_row)?;
    let find = |pick: &dyn Fn(&str) -> bool| {
        header
            .iter()
            .enumerate()
            .find(|(c, cell)| *c != key_result && pick(&cell.text()))
            .map(|(c, _)| c)
    };
    let date = find(&|h| is_date_header(h) || check_in_part(h) == Some(CheckInPart::Date))?;
    let value = find(&|h| {
        matches!(
            super::synonyms::field_of(h),
            Some(Field::Current | Field::CheckIn)
        ) || check_in_part(h) == Some(CheckInPart::Value)
            || matches!(
                normalize(h).as_str(),
                "value" | "valor" | "valore" | "wert" | "值" | "数值"
            )
    })?;
    let note = find(&|h| super::synonyms::field_of(h) == Some(Field::Notes));
    let confidence = find(&|h| super::synonyms::field_of(h) == Some(Field::Confidence));
    Some(CheckInSheet {
        header_row,
        key_result,
        date,
        value,
        note,
        confidence,
    })
}

/// Reads a sheet of check-ins in long format into the key results it names (`lookup` turns
/// what a row writes into the key result); returns how many were read.
fn read_check_in_sheet(
    plan: &mut Plan,
    sheet: &Sheet,
    columns: &CheckInSheet,
    lookup: &dyn Fn(&str) -> Option<Id>,
) -> usize {
    let mut at: HashMap<Id, (usize, usize)> = HashMap::new();
    for (oi, o) in plan.objectives.iter().enumerate() {
        for (ki, k) in o.key_results.iter().enumerate() {
            at.insert(k.id, (oi, ki));
        }
    }
    let decimal_comma = uses_decimal_comma(sheet.rows.iter().flatten());
    let mut read = 0;
    let mut touched: HashSet<(usize, usize)> = HashSet::new();
    for row in sheet.rows.iter().skip(columns.header_row + 1) {
        let cell = |c: usize| row.get(c).filter(|x| !x.is_empty());
        let Some(id) = cell(columns.key_result).map(Cell::text) else {
            continue;
        };
        let Some(&(oi, ki)) = lookup(&id).and_then(|kr| at.get(&kr)) else {
            continue;
        };
        let (Some(date), Some(value)) = (cell(columns.date), cell(columns.value)) else {
            continue;
        };
        let kr = &mut plan.objectives[oi].key_results[ki];
        let Some(n) = number_with_unit_in(value, decimal_comma) else {
            continue;
        };
        let value = if kr.kind == Kind::Percent && !n.percent {
            value::parse_percent(&value::plain(n.value)).unwrap_or(n.value)
        } else {
            n.value
        };
        let date = date.text();
        let when = match date.get(..10) {
            Some(day) if okr_core::period::Date::parse(day).is_some() => day.to_string(),
            _ => date,
        };
        let confidence = columns
            .confidence
            .and_then(cell)
            .and_then(|c| number_in(c, decimal_comma))
            .map(|n| n.value)
            .filter(|v| (0.0..=10.0).contains(v))
            .map(|v| v.round() as u8);
        kr.check_ins.push(CheckIn {
            when,
            value,
            note: columns
                .note
                .and_then(cell)
                .map(Cell::text)
                .unwrap_or_default(),
            confidence,
        });
        touched.insert((oi, ki));
        read += 1;
    }
    // In date order; the latest stands for a missing current value.
    for (oi, ki) in touched {
        let kr = &mut plan.objectives[oi].key_results[ki];
        kr.check_ins.sort_by(|a, b| a.when.cmp(&b.when));
        if kr.current.is_none() {
            kr.current = kr.check_ins.last().map(|c| c.value);
        }
    }
    read
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

/// The sheet an export to the original adds: "Added in okr-grid", "Added in okr-grid (2)".
fn is_listing_sheet(name: &str) -> bool {
    name.starts_with(okr_core::origin::LISTED_SHEET)
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
pub(crate) fn period_of_sheet_name(name: &str) -> Option<String> {
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
    of: FxHashMap<Field, usize>,
    /// (order, column, header) of week, month and date columns, in time order.
    check_ins: Vec<(u32, usize, String)>,
    /// Value columns whose header carries a "%": their plain numbers are percentages.
    percent_headers: bool,
    /// The sheet writes numbers as text with a decimal comma.
    decimal_comma: bool,
    /// A check-in written on the key result's own row by an app's export.
    check_in_parts: FxHashMap<CheckInPart, usize>,
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
        number_with_unit_in(cell, self.decimal_comma)
    }
}

/// Where a sheet sits in its workbook, for reading it.
struct SheetContext<'a> {
    index: usize,
    several_sheets: bool,
    joins: &'a Joins,
    file_stem: &'a str,
}

/// A reading of one table on a scratch plan, before the most plausible is chosen.
struct Candidate {
    key: ReadingKey,
    plan: Plan,
    read: SheetRead,
    /// Sheets whose objective titles this reading joined.
    joined: Vec<usize>,
    /// Key results by the id their row gives.
    kr_ids: Vec<(String, Id)>,
    sources: Sources,
}

/// Reads a sheet in each shape `reading::tables` offers, keeps the most plausible reading (or
/// the one the user picked) and adds its objectives to `plan`. Returns the sheets whose
/// objective titles it joined.
fn read_sheet(
    plan: &mut Plan,
    sheet: &Sheet,
    choices: &Choices,
    cx: &SheetContext,
    sources: &mut Sources,
) -> (SheetOutcome, Vec<usize>, Vec<(String, Id)>) {
    let tables = reading::tables(sheet, choices.header_rows.get(&cx.index).copied());
    if tables.is_empty() {
        return (
            SheetOutcome::Skipped {
                reason: no_header_reason(sheet),
            },
            Vec::new(),
            Vec::new(),
        );
    }
    let sheet_period = period_of_sheet_name(&sheet.name);
    let sheet_team =
        (cx.several_sheets && sheet_period.is_none() && !is_generic_sheet_name(&sheet.name))
            .then(|| sheet.name.trim().to_string());
    // A label / value block above the table names the team and period better than the
    // sheet's name does.
    let first_header = tables
        .iter()
        .filter(|t| t.rows_are_sheet_rows)
        .map(|t| t.key.header_row)
        .min()
        .unwrap_or(0);
    let (meta_team, meta_period) = metadata_above(&sheet.rows, first_header);
    let sheet_team = meta_team.or(sheet_team);
    let sheet_period = meta_period.or(sheet_period);
    let picked = choices.readings.get(&cx.index).copied();
    let mut candidates: Vec<Candidate> = tables
        .iter()
        .map(|table| {
            // Column choices were made on the reading shown: they apply to it.
            let own_choices = picked.is_none_or(|k| k == table.key);
            let mut scratch = plan.fresh_like();
            let (read, joined, kr_ids, sources) = read_table(
                &mut scratch,
                table,
                sheet,
                if own_choices { Some(choices) } else { None },
                cx,
                (&sheet_team, &sheet_period),
            );
            Candidate {
                key: table.key,
                plan: scratch,
                read,
                joined,
                kr_ids,
                sources,
            }
        })
        .collect();
    let owners = owner_names(candidates.iter().map(|c| c.plan.objectives.as_slice()));
    let scores: Vec<f64> = candidates
        .iter()
        .map(|c| plausibility(&c.plan.objectives, &owners))
        .collect();
    let chosen = picked
        .and_then(|k| candidates.iter().position(|c| c.key == k))
        .unwrap_or_else(|| {
            // The first of the best: the order of `tables` breaks ties.
            let mut best = 0;
            for (i, s) in scores.iter().enumerate() {
                if *s > scores[best] {
                    best = i;
                }
            }
            best
        });
    let mut others: Vec<(f64, Alternative)> = candidates
        .iter()
        .enumerate()
        .filter(|(i, c)| *i != chosen && !c.plan.objectives.is_empty())
        .map(|(i, c)| {
            (
                scores[i],
                Alternative {
                    key: c.key,
                    objectives: c.read.objectives,
                    key_results: c.read.key_results,
                },
            )
        })
        .collect();
    others.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut taken = candidates.swap_remove(chosen);
    taken.read.alternatives = others.into_iter().map(|(_, a)| a).take(3).collect();
    taken.read.reading = taken.key;
    plan.continue_ids_from(&taken.plan);
    plan.objectives.append(&mut taken.plan.objectives);
    sources.append(std::mem::take(&mut taken.sources));
    (
        SheetOutcome::Read(Box::new(taken.read)),
        taken.joined,
        taken.kr_ids,
    )
}

/// The team and period a label / value block above the table gives: "Team: Growth" in one
/// cell, or "Quarter" | "Q3 2026" side by side.
fn metadata_above(rows: &[Vec<Cell>], header_row: usize) -> (Option<String>, Option<String>) {
    let (mut team, mut period) = (None, None);
    for row in rows
        .iter()
        .take(header_row.min(reading::HEADER_SEARCH_ROWS))
    {
        let texts: Vec<String> = row
            .iter()
            .map(Cell::text)
            .filter(|t| !t.is_empty())
            .collect();
        let mut pairs: Vec<(String, String)> = texts
            .iter()
            .filter_map(|t| t.split_once([':', '：']))
            .map(|(l, v)| (l.trim().to_string(), v.trim().to_string()))
            .collect();
        pairs.extend(texts.windows(2).map(|w| {
            (
                w[0].trim_end_matches([':', '：']).trim().to_string(),
                w[1].clone(),
            )
        }));
        for (label, value) in pairs {
            if value.is_empty()
                || value.chars().count() > 60
                || super::synonyms::field_of(&value).is_some()
            {
                continue;
            }
            match super::synonyms::field_of(&label) {
                Some(Field::Team) if team.is_none() => team = Some(value),
                Some(Field::Period) if period.is_none() => period = Some(value),
                _ => {}
            }
        }
    }
    (team, period)
}

/// Why a sheet without any header gave nothing.
fn no_header_reason(sheet: &Sheet) -> Note {
    let seen: Vec<String> = sheet
        .rows
        .iter()
        .take(reading::HEADER_SEARCH_ROWS)
        .find(|r| r.iter().filter(|c| !c.is_empty()).count() >= 2)
        .map(|r| {
            r.iter()
                .filter(|c| !c.is_empty())
                .map(Cell::text)
                .take(12)
                .collect()
        })
        .unwrap_or_default();
    if looks_like_instructions(&sheet.name) {
        Note::Instructions
    } else if seen.is_empty() {
        Note::NoTable
    } else {
        Note::NoOkrColumns(seen)
    }
}

/// Non-empty cells per column of a table's rows.
fn filled_per_column(table: &Table) -> Vec<usize> {
    let mut filled = vec![0; table.header.len()];
    for (_, row) in &table.rows {
        for (c, cell) in row.iter().enumerate().take(filled.len()) {
            if !cell.is_empty() {
                filled[c] += 1;
            }
        }
    }
    filled
}

/// The leftmost column of mostly distinct text: the titles of a bare list of measures.
fn title_column(table: &Table, taken: &FxHashMap<Field, usize>) -> Option<usize> {
    let used: HashSet<usize> = taken.values().copied().collect();
    let rows_with_data = table
        .rows
        .iter()
        .filter(|(_, r)| r.iter().any(|x| !x.is_empty()))
        .count();
    (0..table.header.len()).find(|c| {
        if used.contains(c) && taken.get(&Field::Kind) != Some(c) {
            return false;
        }
        let texts: Vec<String> = table
            .rows
            .iter()
            .filter_map(|(_, r)| r.get(*c))
            .filter(|x| matches!(x, Cell::Text(t) if !t.trim().is_empty() && number_in(x, false).is_none()))
            .map(Cell::text)
            .collect();
        let distinct: HashSet<&String> = texts.iter().collect();
        texts.len() >= 2
            && texts.len() * 5 >= rows_with_data * 4
            && distinct.len() * 5 >= texts.len() * 4
            && texts.iter().all(|t| kind_of_text(&normalize(t)).is_none())
    })
}

type SheetNames<'a> = (&'a Option<String>, &'a Option<String>);

fn read_table(
    plan: &mut Plan,
    table: &Table,
    sheet: &Sheet,
    choices: Option<&Choices>,
    cx: &SheetContext,
    (sheet_team, sheet_period): SheetNames,
) -> (SheetRead, Vec<usize>, Vec<(String, Id)>, Sources) {
    let sheet_index = cx.index;
    let filled = filled_per_column(table);
    // A field named under several period groups ("Q1 / Actual", "Q2 / Actual") is history.
    let grouped_currents = (0..table.header.len())
        .filter(|c| table.fields[*c] == Some(Field::Current) && table.groups[*c].is_some())
        .count();
    let mut reports = Vec::with_capacity(table.header.len());
    let mut columns = Columns {
        of: FxHashMap::default(),
        check_ins: Vec::new(),
        percent_headers: false,
        decimal_comma: uses_decimal_comma(table.rows.iter().flat_map(|(_, r)| r.iter())),
        check_in_parts: FxHashMap::default(),
    };
    for (col, header_text) in table.header.iter().enumerate() {
        if let Some(part) = check_in_part(header_text) {
            columns.check_in_parts.entry(part).or_insert(col);
        }
    }
    for (col, header_text) in table.header.iter().enumerate() {
        let chosen = choices.and_then(|ch| ch.columns.get(&(sheet_index, col)).copied());
        let check_in = check_in_column(header_text).or_else(|| date_key(header_text));
        let detected = table.fields.get(col).copied().flatten();
        let detected = if detected == Some(Field::Current) && grouped_currents >= 2 {
            Some(Field::CheckIn)
        } else {
            detected
        };
        let mut field = chosen
            .or(detected)
            .or(check_in.map(|_| Field::CheckIn))
            .unwrap_or(Field::Ignore);
        let label = table.groups[col]
            .clone()
            .filter(|_| field == Field::CheckIn && check_in.is_none())
            .unwrap_or_else(|| header_text.clone());
        match field {
            Field::Ignore => {}
            // Check-in columns are many, in time order (or left to right when chosen).
            Field::CheckIn => {
                let order = check_in.unwrap_or(2_000_000 + col as u32);
                columns.check_ins.push((order, col, label));
            }
            // The first column claims a field, unless a later one detected as the same holds
            // more (an empty "dept_name" before a filled "team_name"); a chosen one always wins.
            _ => match columns.of.get(&field).copied() {
                Some(earlier) if chosen.is_none() && filled[col] > filled[earlier] => {
                    columns.of.insert(field, col);
                    if let Some(r) = reports
                        .iter_mut()
                        .find(|r: &&mut ColumnReport| r.index == earlier)
                    {
                        r.field = Field::Ignore;
                    }
                }
                Some(_) => field = Field::Ignore,
                None => {
                    columns.of.insert(field, col);
                }
            },
        }
        if !header_text.is_empty() || field != Field::Ignore {
            reports.push(ColumnReport {
                index: col,
                header: header_text.clone(),
                field,
            });
        }
    }
    // A bare list of measures: no title column was named, the leftmost column of distinct
    // text holds the key results.
    let has_title = [Field::Objective, Field::KeyResult, Field::Okr]
        .iter()
        .any(|f| columns.of.contains_key(f));
    if !has_title {
        if let Some(c) = title_column(table, &columns.of) {
            columns.of.retain(|_, col| *col != c);
            columns.of.insert(Field::KeyResult, c);
            match reports.iter_mut().find(|r| r.index == c) {
                Some(r) => r.field = Field::KeyResult,
                None => reports.push(ColumnReport {
                    index: c,
                    header: table.header[c].clone(),
                    field: Field::KeyResult,
                }),
            }
        }
    }
    columns.check_ins.sort();
    columns.percent_headers = [Field::Start, Field::Target, Field::Current]
        .iter()
        .filter_map(|f| columns.of.get(f))
        .any(|&col| table.header[col].contains(['%', '％']));

    let empty: Vec<usize> = Vec::new();
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
        bold_rows: if table.rows_are_sheet_rows {
            &sheet.bold_rows
        } else {
            &empty
        },
        bold: false,
        joins: cx.joins,
        joined: Vec::new(),
        kr_ids: Vec::new(),
        kr_rows: HashMap::new(),
        last_kr: None,
        initiatives: 0,
        named_by_id: 0,
        sheet_objective: sheet_objective_title(&sheet.name, cx.file_stem),
        sheet_objective_index: None,
        under_sheet_objective: 0,
        values_in_notes: Vec::new(),
        targets_from_titles: 0,
        row_number: 0,
        sources: Sources::at(
            (table.rows_are_sheet_rows || table.positions.is_some()).then(|| sheet.name.clone()),
        ),
        row_positions: None,
    };
    if table.rows_are_sheet_rows {
        for (_, col, label) in &columns.check_ins {
            reader.sources.check_in_column(*col, label);
        }
    }
    reader.first_objective = reader.plan.objectives.len();
    for (i, (number, row)) in table.rows.iter().enumerate() {
        reader.row_positions = table.positions.as_ref().and_then(|s| s.get(i).cloned());
        reader.row(*number, row);
    }
    reader.drop_trailing_notes();

    let mut warnings = Vec::new();
    if reader.disagreements > 0 {
        warnings.push(Note::ScoresDiffer(reader.disagreements));
    }
    if reader.under_sheet_objective > 0 {
        warnings.push(Note::UnderOneObjective(
            reader.sheet_objective.clone(),
            reader.under_sheet_objective,
        ));
    }
    if reader.named_by_id > 0 {
        warnings.push(Note::ObjectivesNamedById(reader.named_by_id));
    }
    if !reader.values_in_notes.is_empty() {
        warnings.push(Note::ValuesKeptInNotes(reader.values_in_notes.clone()));
    }
    if reader.initiatives > 0 {
        warnings.push(Note::Initiatives(reader.initiatives));
    }
    if reader.targets_from_titles > 0 {
        warnings.push(Note::TargetsFromTitles(reader.targets_from_titles));
    }
    let objectives = reader.plan.objectives.len() - reader.first_objective;
    let joined = reader.joined.clone();
    let read = SheetRead {
        reading: table.key,
        alternatives: Vec::new(),
        header_row: table.key.header_row + 1,
        columns: reports,
        objectives,
        key_results: reader.key_results,
        skipped_rows: reader.skipped,
        warnings,
        team: sheet_team.clone(),
        period: sheet_period.clone(),
        data_rows: table
            .rows
            .iter()
            .filter(|(_, r)| r.iter().any(|c| !c.is_empty()))
            .count(),
    };
    let sources = std::mem::take(&mut reader.sources);
    (read, joined, reader.kr_ids, sources)
}

/// The objective a bare list of key results goes under: the sheet's name, or the file's
/// when the sheet's is generic ("Sheet1", a CSV).
fn sheet_objective_title(sheet_name: &str, file_stem: &str) -> String {
    let name = sheet_name.trim();
    if name.is_empty() || is_generic_sheet_name(name) || name == file_stem {
        if file_stem.is_empty() {
            "Imported key results".to_string()
        } else {
            file_stem.to_string()
        }
    } else {
        name.to_string()
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
    /// A task, initiative or deliverable row of a tool export with a type column.
    Task(String),
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
    joins: &'a Joins,
    /// Sheets whose objective titles were joined in.
    joined: Vec<usize>,
    /// Key results by the id their row gives (Row ID column).
    kr_ids: Vec<(String, Id)>,
    /// Key results by that id and by their title, as (objective index, key result index), for
    /// tasks naming their parent.
    kr_rows: HashMap<String, (usize, usize)>,
    /// The key result read last (a task row without a parent goes under it).
    last_kr: Option<(usize, usize)>,
    /// Task rows read as initiatives.
    initiatives: usize,
    /// Objectives named by their id (no sheet gave their titles).
    named_by_id: usize,
    /// The objective a bare list of key results goes under, and how many went there.
    sheet_objective: String,
    sheet_objective_index: Option<usize>,
    under_sheet_objective: usize,
    /// Rows whose unreadable values were kept in the key result's notes.
    values_in_notes: Vec<usize>,
    /// Key results whose target was read from their own text.
    targets_from_titles: usize,
    /// The sheet row being read (from 1).
    row_number: usize,
    /// Where each value came from (`origin`).
    sources: Sources,
    /// The sheet cell of each of the row's cells, when the table moved them.
    row_positions: Option<reading::RowPositions>,
}

impl RowReader<'_> {
    fn skip(&mut self, row: usize, reason: Note) {
        self.skipped.push(SkippedRow { row, reason });
    }

    fn row(&mut self, row_number: usize, row: &[Cell]) {
        let c = self.columns;
        self.row_number = row_number;
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
            RowKind::Task(title) => {
                // Under the key result or objective its parent names, else the row above's.
                let parent = c.get(row, Field::ParentId).map(Cell::text);
                let initiative = okr_core::model::Initiative {
                    id: self.plan.allocate_id(),
                    title,
                    done: c.get(row, Field::Current).and_then(done).unwrap_or(false),
                };
                let on_kr = parent
                    .as_ref()
                    .and_then(|p| {
                        self.kr_rows
                            .get(p)
                            .or_else(|| self.kr_rows.get(&strip_numbering(p)))
                            .copied()
                    })
                    .or(if parent.is_none() { self.last_kr } else { None });
                let on_objective = parent
                    .as_ref()
                    .and_then(|p| self.by_row_id.get(p).copied())
                    .or(self.current);
                if let Some((oi, ki)) = on_kr.filter(|(oi, ki)| {
                    self.plan
                        .objectives
                        .get(*oi)
                        .is_some_and(|o| *ki < o.key_results.len())
                }) {
                    self.plan.objectives[oi].key_results[ki]
                        .initiatives
                        .push(initiative);
                    self.initiatives += 1;
                } else if let Some(oi) = on_objective {
                    self.plan.objectives[oi].initiatives.push(initiative);
                    self.initiatives += 1;
                } else {
                    self.skip(row_number, Note::KeyResultWithoutObjective);
                }
            }
            RowKind::KeyResult(title) => {
                let parent_id = c.get(row, Field::ParentId).map(Cell::text);
                let parent = self.parent_named(row);
                // An objective named only by its id (objective_id, id_obj): its title comes
                // from another sheet when one lists it, else the id stands for it.
                let parent = parent.or_else(|| {
                    let id = parent_id.filter(|_| !c.of.contains_key(&Field::Objective))?;
                    Some(self.objective_by_id(&id))
                });
                // No objective column and none named: a bare list of key results.
                let bare_list =
                    !c.of.contains_key(&Field::Objective) && !c.of.contains_key(&Field::ParentId);
                let index = match parent.or(self.current) {
                    Some(i) => i,
                    // A bare list of key results: under one objective named after the sheet.
                    None if bare_list => {
                        let title = self.sheet_objective.clone();
                        let i = self.objective(&title, &[], false);
                        self.sheet_objective_index = Some(i);
                        i
                    }
                    None => {
                        self.skip(row_number, Note::KeyResultWithoutObjective);
                        return;
                    }
                };
                if self.sheet_objective_index == Some(index) {
                    self.under_sheet_objective += 1;
                }
                let key_result = self.key_result(title, row, row_number);
                let at = (index, self.plan.objectives[index].key_results.len());
                if let Some(id) = c.get(row, Field::RowId) {
                    self.kr_ids.push((id.text(), key_result.id));
                    self.kr_rows.insert(id.text(), at);
                }
                // Tasks may name their key result by its title.
                self.kr_rows.entry(key_result.title.clone()).or_insert(at);
                self.last_kr = Some(at);
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
            if objective.is_empty() {
                return None;
            }
            // A goal whose parent is a goal read above (by id or by title, as goal trackers
            // export their trees) is a key result of it.
            if self.parent_named(row).is_some() {
                return Some(RowKind::KeyResult(strip_numbering(&objective)));
            }
            return Some(RowKind::Objective(strip_numbering(&objective)));
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
        // A tool export's type column says what each row is.
        if let Some(t) = c.get(row, Field::Kind).and_then(|x| row_type_of(&x.text())) {
            return Some(match t {
                RowType::Objective => RowKind::Objective(strip_numbering(&title)),
                RowType::KeyResult => RowKind::KeyResult(strip_numbering(&title)),
                RowType::Task => RowKind::Task(title),
            });
        }
        let kind = match numbering(&title) {
            Numbering::KeyResult => RowKind::KeyResult(strip_numbering(&title)),
            Numbering::Objective => RowKind::Objective(strip_numbering(&title)),
            Numbering::None if has_parent => RowKind::KeyResult(title),
            // Templates set objective rows in bold.
            Numbering::None if self.bold => RowKind::Objective(title),
            // In a Row ID / Parent Row ID hierarchy, rows without a parent are objectives.
            Numbering::None if c.of.contains_key(&Field::ParentId) => RowKind::Objective(title),
            Numbering::None if has_values && self.current.is_some() => RowKind::KeyResult(title),
            // In a shared title column a row without values is an objective; a column headed
            // "Key results" holds key results, with or without values.
            Numbering::None if !has_values && c.of.contains_key(&Field::Okr) => {
                RowKind::Objective(title)
            }
            Numbering::None => RowKind::KeyResult(title),
        };
        Some(kind)
    }

    /// The objective read above that a row's parent column names, by its row id or its title.
    fn parent_named(&self, row: &[Cell]) -> Option<usize> {
        let p = self.columns.get(row, Field::ParentId)?.text();
        self.by_row_id
            .get(&p)
            .or_else(|| self.by_title.get(&strip_numbering(&p)))
            .copied()
    }

    /// The objective a key result names by id: made once per id, titled from the sheet that
    /// lists the objectives when there is one.
    fn objective_by_id(&mut self, id: &str) -> usize {
        if let Some(&i) = self.by_row_id.get(id) {
            return i;
        }
        let joined = self.joins.objective_titles.get(id).cloned();
        let title = match &joined {
            Some((title, _, sheet)) => {
                self.joined.push(*sheet);
                title.clone()
            }
            None => {
                self.named_by_id += 1;
                id.to_string()
            }
        };
        let saved = self.current;
        let i = self.objective(&title, &[], false);
        if let Some((_, owner, _)) = joined {
            if self.plan.objectives[i].owner.is_empty() {
                self.plan.objectives[i].owner = owner;
            }
        }
        self.current = saved;
        self.by_row_id.insert(id.to_string(), i);
        i
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
        self.record_title(
            o.id,
            title,
            row,
            &[Field::Objective, Field::Okr, Field::KeyResult],
        );
        if own_row && c.of.contains_key(&Field::Owner) {
            self.record_text(o.id, SourceField::Owner, Field::Owner, &o.owner);
        }
        self.plan.objectives.push(o);
        let i = self.plan.objectives.len() - 1;
        self.by_title.insert(title.to_string(), i);
        self.current = Some(i);
        i
    }

    fn key_result(&mut self, title: String, row: &[Cell], row_number: usize) -> KeyResult {
        let c = self.columns;
        let mut kr = self.plan.new_key_result(&title);
        kr.owner = c.text(row, Field::Owner);
        kr.link = c.text(row, Field::Link);
        kr.notes = c.text(row, Field::Notes);
        if let Some(w) = c.get(row, Field::Weight).and_then(|x| c.number(x)) {
            if okr_core::validate::is_weight(w.value) {
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
        // Never silently drop: a value that does not read is kept in the notes.
        if kind != Kind::Binary {
            let unread: Vec<String> = [
                (Field::Start, start),
                (Field::Target, target),
                (Field::Current, current),
            ]
            .iter()
            .filter_map(|(f, cell)| {
                let cell = (*cell)?;
                to_value(cell)
                    .is_none()
                    .then(|| format!("{}: {}", f.label(), cell.text()))
            })
            .collect();
            if !unread.is_empty() {
                if !kr.notes.is_empty() {
                    kr.notes.push('\n');
                }
                kr.notes.push_str(&unread.join("; "));
                self.values_in_notes.push(row_number);
            }
        }
        // A unit written with the values ("93 days", "320/month") is the key result's unit.
        if kr.unit.is_empty() && kind == Kind::Number {
            if let Some(unit) = [start, target, current]
                .iter()
                .flatten()
                .find_map(|cell| super::values::unit_in(cell))
            {
                kr.unit = unit;
            }
        }
        // No target column: a target written in the key result's words ("… to 5%", "≥ 70%").
        if kr.target.is_none() && !c.of.contains_key(&Field::Target) && kind != Kind::Binary {
            if let Some(t) = super::values::target_in_title(&kr.title) {
                if t.percent
                    && kr.kind == Kind::Number
                    && kr.start.is_none()
                    && kr.current.is_none()
                {
                    kr.kind = Kind::Percent;
                }
                kr.target = Some(t.value);
                self.targets_from_titles += 1;
            }
        }
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
        // A check-in on the key result's own row (an app's export): its date, value and note.
        if let Some(check_in) = self.row_check_in(row, &to_value) {
            kr.check_ins.push(check_in);
        }
        // A number key result with a target but no start starts from zero, as templates
        // that only ask for a target mean.
        if kr.kind == Kind::Number && kr.start.is_none() && kr.target.is_some() {
            kr.start = Some(0.0);
        }
        self.record_key_result(&kr, row, &to_value);

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

    /// The check-in an app's export writes on a key result's row: a date and a value, on rows
    /// that name a check-in (its id, when the export has an id column).
    fn row_check_in(
        &self,
        row: &[Cell],
        to_value: &dyn Fn(&Cell) -> Option<f64>,
    ) -> Option<CheckIn> {
        let parts = &self.columns.check_in_parts;
        let cell = |part: CheckInPart| {
            parts
                .get(&part)
                .and_then(|c| row.get(*c))
                .filter(|x| !x.is_empty())
        };
        if parts.contains_key(&CheckInPart::Id) && cell(CheckInPart::Id).is_none() {
            return None;
        }
        let date = cell(CheckInPart::Date)?.text();
        let value = to_value(cell(CheckInPart::Value)?)?;
        // "2026-01-10 18:12:43" → the day.
        let when = match date.get(..10) {
            Some(day) if okr_core::period::Date::parse(day).is_some() => day.to_string(),
            _ => date,
        };
        Some(CheckIn {
            when,
            value,
            note: cell(CheckInPart::Note).map(Cell::text).unwrap_or_default(),
            confidence: None,
        })
    }

    /// Records a value read from the row's column `col` (of the table), at its sheet cell.
    fn record(&mut self, item: Id, field: SourceField, col: usize, imported: Imported) {
        let (row, col) = match &self.row_positions {
            Some(cells) => match cells.get(col).copied().flatten() {
                Some(at) => at,
                None => return,
            },
            None => (self.row_number, col),
        };
        self.sources.record(item, field, row, col, imported);
    }

    /// Records where a title came from: the first of `fields`' cells on the row that ends with it.
    fn record_title(&mut self, item: Id, title: &str, row: &[Cell], fields: &[Field]) {
        let c = self.columns;
        let found = fields.iter().find_map(|f| {
            let col = *c.of.get(f)?;
            let text = row.get(col).map(Cell::text)?;
            sources::title(&text, title).map(|imported| (col, imported))
        });
        if let Some((col, imported)) = found {
            self.record(item, SourceField::Title, col, imported);
        }
    }

    fn record_text(&mut self, item: Id, field: SourceField, column: Field, value: &str) {
        if let Some(&col) = self.columns.of.get(&column) {
            self.record(item, field, col, sources::text(value));
        }
    }

    /// Records where a key result's values came from, as they were read.
    fn record_key_result(
        &mut self,
        kr: &KeyResult,
        row: &[Cell],
        to_value: &dyn Fn(&Cell) -> Option<f64>,
    ) {
        if self.sources.sheet.is_none() {
            return;
        }
        let c = self.columns;
        self.record_title(
            kr.id,
            &kr.title,
            row,
            &[Field::KeyResult, Field::Okr, Field::Objective],
        );
        self.record_text(kr.id, SourceField::Owner, Field::Owner, &kr.owner);
        // Notes that took in values the importer could not read are not the cell's text.
        if c.text(row, Field::Notes) == kr.notes {
            self.record_text(kr.id, SourceField::Notes, Field::Notes, &kr.notes);
        }
        // How a cell held the value read from it.
        let form = |cell: Option<&Cell>, value: Option<f64>| {
            sources::number(
                cell,
                cell.and_then(|x| c.number(x)),
                value,
                kr.kind,
                c.percent_headers,
            )
        };
        let fields = [
            (Field::Start, SourceField::Start, kr.start),
            (Field::Target, SourceField::Target, kr.target),
            (Field::Current, SourceField::Current, kr.current),
        ];
        for (field, source, value) in fields {
            // A binary key result's start and target are 0 and 1 whatever the cells say.
            if kr.kind == Kind::Binary && source != SourceField::Current {
                continue;
            }
            let Some(&col) = c.of.get(&field) else {
                continue;
            };
            let cell = row.get(col).filter(|x| !x.is_empty());
            self.record(kr.id, source, col, form(cell, value));
        }
        for (_, col, label) in &c.check_ins {
            let cell = row.get(*col).filter(|x| !x.is_empty());
            // The first of columns with the same label holds that check-in.
            if c.check_ins.iter().find(|(_, _, l)| l == label).map(|x| x.1) != Some(*col) {
                continue;
            }
            let value = cell.and_then(to_value);
            self.record(
                kr.id,
                SourceField::CheckIn(label.clone()),
                *col,
                form(cell, value),
            );
        }
        // The sheet's own score, when it is a number (a formula's cached value).
        if let Some(&col) = c.of.get(&Field::Score) {
            if let Some(cell @ (Cell::Number(_) | Cell::Percent(_))) = row.get(col) {
                let grade = c.number(cell).and_then(grade_of);
                let imported = sources::number(Some(cell), None, grade, Kind::Number, false);
                self.record(kr.id, SourceField::Score, col, imported);
            }
        }
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

    #[test]
    fn a_reading_with_objectives_and_no_key_results_is_doubted() {
        use crate::import::{interpret, read};
        let csv = "Objective,Measure,Start,Target,Current\nGrow,Signups,1,2,1\nGrow,Demos,1,2,1\nGrow,Deals,1,2,1\n";
        let p = interpret(&read(csv.as_bytes(), "m.csv").unwrap(), &Choices::default());
        assert_eq!(p.doubts(), vec![Note::DoubtNoKeyResults(1)]);
        let ok = "Objective,Key result,Start,Target,Current\nGrow,Signups,1,2,1\n";
        let p = interpret(&read(ok.as_bytes(), "k.csv").unwrap(), &Choices::default());
        assert!(p.doubts().is_empty());
    }
}
