//! Merging returned copies of an exported plan into the plan, cell by cell (three-way).
//!
//! A facilitator exports the plan, sends the workbook round, and gets copies back with each
//! owner's numbers and comments. Each copy is read (by `import::returned`) into a `Returned`:
//! its rows as the file holds them now, and, when okr-grid wrote the file, the values it held
//! when it was exported (the base, kept in the workbook). `preview` compares, per cell, the
//! base, the plan as it is now ("ours") and every file ("theirs"):
//! - nobody changed it, or everyone who did agrees with the plan: nothing to do;
//! - one or more files changed it to the same value and the plan did not move since the
//!   export: a clean change, applied by default;
//! - files disagree, or a file changed a cell that was changed here since the export: a
//!   conflict, shown side by side; the plan's value stays unless the user picks another.
//!
//! Rows are matched by the id the export wrote (`K12`, `O3`), rows without one (added in the
//! spreadsheet) by objective and key-result title; the rest are new key results. A key result
//! that a file no longer holds is offered for deletion, never deleted by default. Files that
//! okr-grid did not write have no base: the plan as it is now stands for it, and rows are
//! matched by title. `apply` builds the merged plan (one `ReplacePlan`, so one undo step);
//! a new Current becomes a check-in dated by the file's date, with its confidence and note.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

use crate::checkin::CheckInError;
use crate::command::{Command, CommandError, KeyResultEdit, ObjectiveEdit};
use crate::model::{Id, KeyResult, Kind, Objective, Plan};
use crate::period::Date;
use crate::value::{self, ValueError};

/// What a merge compares, per key result (and title and owner per objective).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Field {
    Title,
    Owner,
    Start,
    Target,
    Current,
    Confidence,
    Notes,
}

impl Field {
    pub const ALL: [Field; 7] = [
        Field::Title,
        Field::Owner,
        Field::Start,
        Field::Target,
        Field::Current,
        Field::Confidence,
        Field::Notes,
    ];

    /// The field's column in the workbook contract (English, as the file's header says it).
    pub fn column(self) -> &'static str {
        match self {
            Field::Title => "Key Result",
            Field::Owner => "Owner",
            Field::Start => "Start",
            Field::Target => "Target",
            Field::Current => "Current",
            Field::Confidence => "Confidence",
            Field::Notes => "Notes",
        }
    }

    fn is_number(self) -> bool {
        matches!(self, Field::Start | Field::Target | Field::Current)
    }
}

/// Field values as text, so the file's, the export's and the plan's compare exactly: numbers
/// in their shortest round-trip text (percent values as fractions), blank for none.
pub type Values = BTreeMap<Field, String>;

/// A row's identity as the export writes it in the `ID` column: `K12` for a key result, `O3`
/// for an objective (a plan's ids are never reused).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Target {
    Objective(Id),
    KeyResult(Id),
}

impl Target {
    pub fn tag(self) -> String {
        match self {
            Target::Objective(id) => format!("O{}", id.0),
            Target::KeyResult(id) => format!("K{}", id.0),
        }
    }

    /// Reads `K12` / `O3` (spaces and case ignored); anything else is no id.
    pub fn parse(text: &str) -> Option<Target> {
        let t = text.trim();
        let (kind, digits) = t.split_at(t.char_indices().nth(1).map_or(t.len(), |(i, _)| i));
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let id = Id(digits.parse().ok()?);
        match kind {
            "K" | "k" => Some(Target::KeyResult(id)),
            "O" | "o" => Some(Target::Objective(id)),
            _ => None,
        }
    }
}

pub fn number_text(v: Option<f64>) -> String {
    v.filter(|v| v.is_finite())
        .map(value::plain)
        .unwrap_or_default()
}

/// A key result's values as a merge compares them.
pub fn key_result_values(kr: &KeyResult) -> Values {
    key_result_value_list(kr).into_iter().collect()
}

/// `key_result_values` in `Field::ALL`'s order, as a list (the export writes them in a row).
pub fn key_result_value_list(kr: &KeyResult) -> [(Field, String); 7] {
    Field::ALL.map(|f| {
        let v = match f {
            Field::Title => kr.title.trim().to_string(),
            Field::Owner => kr.owner.trim().to_string(),
            Field::Start => number_text(kr.start),
            Field::Target => number_text(kr.target),
            Field::Current => number_text(kr.current),
            Field::Confidence => kr.confidence.map(|c| c.to_string()).unwrap_or_default(),
            Field::Notes => kr.notes.trim().to_string(),
        };
        (f, v)
    })
}

/// An objective's values as a merge compares them (title and owner).
pub fn objective_values(o: &Objective) -> Values {
    [
        (Field::Title, o.title.trim().to_string()),
        (Field::Owner, o.owner.trim().to_string()),
    ]
    .into_iter()
    .collect()
}

/// One key-result row of a returned file, as the file holds it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReturnedRow {
    /// 1-based, as the spreadsheet shows it.
    pub row: usize,
    /// The id in the row's `ID` cell, when it has one.
    pub id: Option<Target>,
    pub period: String,
    pub team: String,
    /// The objective's title in this row.
    pub objective: String,
    /// The key result's kind for a new row (from its Type cell).
    pub kind: Kind,
    /// The fields the file holds and could be read (an unreadable value is left out, so it
    /// changes nothing; the reader reports it).
    pub values: Values,
}

/// What an exported file held when okr-grid wrote it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Base {
    pub objectives: HashMap<Id, Values>,
    /// Each key result's values and its objective.
    pub key_results: HashMap<Id, (Id, Values)>,
}

/// One returned file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Returned {
    pub file: String,
    /// When the file was last saved (the day new Current values are checked in on).
    pub date: Option<Date>,
    pub rows: Vec<ReturnedRow>,
    /// Objectives' titles and owners by id, from the file's Objectives sheet.
    pub objectives: Vec<(Id, Values)>,
    /// `None` when okr-grid did not write the file (or its base sheet is gone).
    pub base: Option<Base>,
}

/// How a file's rows were matched to the plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Matched {
    /// By the ids okr-grid wrote, against the values the export held.
    ByIds,
    /// By titles: the file was not exported from this plan; the plan as it is now stands
    /// for the export.
    ByTitles,
    /// By titles, the file's ids being gone, against what the export held.
    ByTitlesAgainstExport,
}

/// A value one or more files propose for a cell.
#[derive(Clone, Debug, PartialEq)]
pub struct Proposal {
    pub value: String,
    /// The files proposing it and the row each holds it in (indexes into `Returned::rows`).
    pub from: Vec<(usize, usize)>,
}

/// Why a new row is offered unticked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddedNote {
    /// A key result deleted here since the export, which the file changed.
    DeletedHere,
    /// An earlier file (this index) added a row with the same objective and title but other
    /// values.
    AlsoAddedBy(usize),
}

/// Where a new key result goes.
#[derive(Clone, Debug, PartialEq)]
pub enum Parent {
    Objective(Id),
    /// An objective that is not in the plan either (added in the spreadsheet).
    New {
        title: String,
        team: String,
        period: String,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// A cell one or more files changed: `options[0]` is the plan's value, the rest what files
    /// propose. A clean change has one proposal; a conflict more, or a plan value that moved
    /// since the export (`base` differs from `options[0]`).
    Change {
        target: Target,
        field: Field,
        base: String,
        options: Vec<Proposal>,
        conflict: bool,
    },
    /// A key result a file added (new rows with the same objective, title and values in
    /// several files are one item). With a note it is not added unless ticked.
    Added {
        parent: Parent,
        file: usize,
        row: usize,
        note: Option<AddedNote>,
    },
    /// A key result files no longer hold. `edited`: it was changed here or in another file
    /// since the export.
    Deleted {
        id: Id,
        files: Vec<usize>,
        edited: bool,
    },
}

impl Item {
    /// The choice made when the user makes none: clean changes and additions apply,
    /// conflicts keep the plan's value, deletions are not made.
    pub fn default_choice(&self) -> usize {
        match self {
            Item::Change { conflict: true, .. }
            | Item::Deleted { .. }
            | Item::Added { note: Some(_), .. } => 0,
            Item::Change { .. } | Item::Added { .. } => 1,
        }
    }

    /// Every file the item comes from.
    pub fn files(&self) -> Vec<usize> {
        let mut files: Vec<usize> = match self {
            Item::Change { options, .. } => options
                .iter()
                .flat_map(|p| p.from.iter().map(|(f, _)| *f))
                .collect(),
            Item::Added { file, .. } => vec![*file],
            Item::Deleted { files, .. } => files.clone(),
        };
        files.sort_unstable();
        files.dedup();
        files
    }

    /// The first file the item comes from (the preview groups by it).
    pub fn first_file(&self) -> usize {
        match self {
            Item::Change { options, .. } => options
                .iter()
                .skip(1)
                .flat_map(|p| p.from.iter().map(|(f, _)| *f))
                .min()
                .unwrap_or(0),
            Item::Added { file, .. } => *file,
            Item::Deleted { files, .. } => files.first().copied().unwrap_or(0),
        }
    }
}

/// What a merge would do.
#[derive(Clone, Debug, PartialEq)]
pub struct MergePreview {
    pub items: Vec<Item>,
    /// Per file: how its rows were matched.
    pub matched: Vec<Matched>,
}

impl MergePreview {
    pub fn conflicts(&self) -> usize {
        self.items
            .iter()
            .filter(|i| matches!(i, Item::Change { conflict: true, .. }))
            .count()
    }

    pub fn changes(&self) -> usize {
        self.items
            .iter()
            .filter(|i| {
                matches!(
                    i,
                    Item::Change {
                        conflict: false,
                        ..
                    }
                )
            })
            .count()
    }

    pub fn added(&self) -> usize {
        self.items
            .iter()
            .filter(|i| matches!(i, Item::Added { .. }))
            .count()
    }

    pub fn deleted(&self) -> usize {
        self.items
            .iter()
            .filter(|i| matches!(i, Item::Deleted { .. }))
            .count()
    }

    pub fn default_choices(&self) -> Vec<usize> {
        self.items.iter().map(Item::default_choice).collect()
    }

    /// The owner an item is grouped under: the key result's (or objective's) owner in the
    /// plan, or the new row's.
    pub fn owner_of(&self, item: &Item, plan: &Plan, returned: &[Returned]) -> String {
        let of_target = |t: &Target| match *t {
            Target::KeyResult(id) => plan
                .key_result_position(id)
                .map(|(o, k)| plan.objectives[o].key_results[k].owner.clone()),
            Target::Objective(id) => plan
                .objective_index(id)
                .map(|o| plan.objectives[o].owner.clone()),
        };
        match item {
            Item::Change { target, .. } => of_target(target),
            Item::Deleted { id, .. } => of_target(&Target::KeyResult(*id)),
            Item::Added { file, row, .. } => returned
                .get(*file)
                .and_then(|r| r.rows.get(*row))
                .and_then(|r| r.values.get(&Field::Owner).cloned()),
        }
        .unwrap_or_default()
    }
}

/// Where each objective and key result is in the plan (looked up once, not per row).
struct Positions {
    key_results: HashMap<Id, (usize, usize)>,
    objectives: HashMap<Id, usize>,
}

impl Positions {
    fn of(plan: &Plan) -> Positions {
        let mut key_results = HashMap::with_capacity(plan.key_result_count());
        let mut objectives = HashMap::with_capacity(plan.objectives.len());
        for (o, objective) in plan.objectives.iter().enumerate() {
            objectives.insert(objective.id, o);
            for (k, kr) in objective.key_results.iter().enumerate() {
                key_results.insert(kr.id, (o, k));
            }
        }
        Positions {
            key_results,
            objectives,
        }
    }

    fn key_result(&self, id: Id) -> Option<(usize, usize)> {
        self.key_results.get(&id).copied()
    }

    fn objective(&self, id: Id) -> Option<usize> {
        self.objectives.get(&id).copied()
    }
}

fn norm(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// How far a returned file can be trusted to be a copy of this plan's export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fit {
    /// Its ids fit: for most rows whose id the plan knows, the title the export wrote (or the
    /// file holds) is the plan's.
    Ids,
    /// It has the export's base but its rows carry no ids (the ID column deleted): rows are
    /// matched by title, and compared with the export's values where the exported title is
    /// the row's.
    NoIds,
    /// No base, or ids that mean other key results here (exported from another plan).
    Other,
}

fn ids_fit(plan: &Plan, at: &Positions, file: &Returned) -> Fit {
    let Some(base) = &file.base else {
        return Fit::Other;
    };
    let mut with_ids = 0usize;
    let mut known = 0usize;
    let mut fitting = 0usize;
    for row in &file.rows {
        let Some(Target::KeyResult(id)) = row.id else {
            continue;
        };
        with_ids += 1;
        let Some((o, k)) = at.key_result(id) else {
            continue;
        };
        known += 1;
        let ours = norm(&plan.objectives[o].key_results[k].title);
        let was = base
            .key_results
            .get(&id)
            .and_then(|(_, v)| v.get(&Field::Title));
        let now = row.values.get(&Field::Title);
        if was.is_some_and(|t| norm(t) == ours) || now.is_some_and(|t| norm(t) == ours) {
            fitting += 1;
        }
    }
    if with_ids == 0 {
        Fit::NoIds
    } else if known > 0 && fitting * 2 >= known {
        Fit::Ids
    } else {
        Fit::Other
    }
}

/// The plan's key result a row without a usable id stands for: same objective and title, or
/// the only key result with that title.
fn by_title(plan: &Plan, row: &ReturnedRow) -> Option<Id> {
    let title = norm(row.values.get(&Field::Title)?);
    if title.is_empty() {
        return None;
    }
    let objective = norm(&row.objective);
    let mut same_title = plan
        .objectives
        .iter()
        .flat_map(|o| o.key_results.iter().map(move |k| (o, k)))
        .filter(|(_, k)| norm(&k.title) == title);
    let all: Vec<_> = same_title.by_ref().collect();
    all.iter()
        .find(|(o, _)| norm(&o.title) == objective)
        .or_else(|| (all.len() == 1).then(|| &all[0]))
        .map(|(_, k)| k.id)
}

fn objective_by_title(plan: &Plan, title: &str) -> Option<Id> {
    let t = norm(title);
    plan.objectives
        .iter()
        .find(|o| norm(&o.title) == t)
        .map(|o| o.id)
}

/// One file's say on one cell.
struct Say {
    file: usize,
    row: usize,
    base: String,
    theirs: String,
}

/// Compares every returned file with the plan. Nothing is changed.
pub fn preview(plan: &Plan, returned: &[Returned]) -> MergePreview {
    let at = Positions::of(plan);
    let mut says: BTreeMap<(Target, Field), Vec<Say>> = BTreeMap::new();
    let mut added: Vec<Item> = Vec::new();
    // Each new row's objective and title → the file and row that added it first.
    let mut added_first: HashMap<(String, String), (usize, usize)> = HashMap::new();
    let mut deleted: BTreeMap<Id, Vec<usize>> = BTreeMap::new();
    let mut matched = Vec::with_capacity(returned.len());
    // Per file: key results whose base differs from the plan (edited here since the export).
    let mut edited_here: HashSet<Id> = HashSet::new();

    for (f, file) in returned.iter().enumerate() {
        let fit = ids_fit(plan, &at, file);
        matched.push(match fit {
            Fit::Ids => Matched::ByIds,
            Fit::NoIds => Matched::ByTitlesAgainstExport,
            Fit::Other => Matched::ByTitles,
        });
        let trusted = fit == Fit::Ids;
        let base = file.base.as_ref().filter(|_| fit != Fit::Other);
        let mut say = |target: Target, field: Field, base: String, theirs: &str, row: usize| {
            // A cell the file did not change has no say (most of them).
            if same(field, theirs, &base) {
                return;
            }
            says.entry((target, field)).or_default().push(Say {
                file: f,
                row,
                base,
                theirs: theirs.trim().to_string(),
            });
        };

        // Rows to key results: first every row with a usable id, then the others by title
        // among the key results no id claimed (so a row order never steals a key result).
        let mut row_id: Vec<Option<Id>> = vec![None; file.rows.len()];
        let mut seen: HashSet<Id> = HashSet::new();
        if trusted {
            for (r, row) in file.rows.iter().enumerate() {
                if let Some(Target::KeyResult(id)) = row.id {
                    // A second row with an id seen already is a row copied in the
                    // spreadsheet to make a new one: the id belongs to the first.
                    if at.key_result(id).is_some() && seen.insert(id) {
                        row_id[r] = Some(id);
                    }
                }
            }
        }
        let deleted_here = |row: &ReturnedRow| match (row.id, base) {
            (Some(Target::KeyResult(id)), Some(b)) if trusted && at.key_result(id).is_none() => {
                b.key_results.get(&id)
            }
            _ => None,
        };
        for (r, row) in file.rows.iter().enumerate() {
            if row_id[r].is_none() && deleted_here(row).is_none() {
                if let Some(id) = by_title(plan, row).filter(|id| !seen.contains(id)) {
                    seen.insert(id);
                    row_id[r] = Some(id);
                }
            }
        }

        // Per objective, how the file's rows spell its title (a rename when they all agree).
        let mut spelled: BTreeMap<Id, (Vec<String>, usize)> = BTreeMap::new();
        for (r, row) in file.rows.iter().enumerate() {
            let Some(id) = row_id[r] else {
                let title = row.values.get(&Field::Title).map_or("", |t| t.trim());
                if title.is_empty() {
                    continue;
                }
                let exported = deleted_here(row);
                if let Some((_, was)) = exported {
                    // Deleted here since the export: back only if the file changed it, and
                    // then only when ticked.
                    let changed = row.values.iter().any(|(field, theirs)| {
                        !same(*field, theirs, was.get(field).map_or("", String::as_str))
                    });
                    if !changed {
                        continue;
                    }
                }
                let parent = exported
                    .and_then(|(o, _)| at.objective(*o).map(|_| *o))
                    .or_else(|| objective_by_title(plan, &row.objective))
                    .map(Parent::Objective)
                    .unwrap_or_else(|| Parent::New {
                        title: row.objective.trim().to_string(),
                        team: row.team.trim().to_string(),
                        period: row.period.trim().to_string(),
                    });
                let key = match &parent {
                    Parent::Objective(o) => format!("{}", o.0),
                    Parent::New { title, .. } => format!("new:{}", norm(title)),
                };
                let key = (key, norm(title));
                let note = if exported.is_some() {
                    Some(AddedNote::DeletedHere)
                } else {
                    match added_first.get(&key) {
                        // The same new row again, the same values: one item.
                        Some(&(g, q)) if returned[g].rows[q].values == row.values => continue,
                        Some(&(g, _)) => Some(AddedNote::AlsoAddedBy(g)),
                        None => None,
                    }
                };
                added_first.entry(key).or_insert((f, r));
                added.push(Item::Added {
                    parent,
                    file: f,
                    row: r,
                    note,
                });
                continue;
            };
            let Some((o, k)) = at.key_result(id) else {
                continue;
            };
            let objective = &plan.objectives[o];
            let kr = &objective.key_results[k];
            let ours = key_result_values(kr);
            // The export's values: by id, or (ids gone) for the key result whose exported
            // title is the row's.
            let was = base.and_then(|b| b.key_results.get(&id)).filter(|(_, v)| {
                trusted
                    || v.get(&Field::Title).map(|t| norm(t))
                        == row.values.get(&Field::Title).map(|t| norm(t))
            });
            if was.is_some_and(|(_, v)| v != &ours) {
                edited_here.insert(id);
            }
            for (field, theirs) in &row.values {
                // With nothing to compare with, a blank cell says nothing (a file of its own
                // leaves cells empty that it does not track).
                let b = match was {
                    Some((_, v)) => v.get(field).cloned().unwrap_or_default(),
                    None if theirs.trim().is_empty() => continue,
                    None => ours.get(field).cloned().unwrap_or_default(),
                };
                say(Target::KeyResult(id), *field, b, theirs, r);
            }
            if trusted && !row.objective.trim().is_empty() {
                let entry = spelled.entry(objective.id).or_insert((Vec::new(), r));
                let t = norm(&row.objective);
                if !entry.0.contains(&t) {
                    entry.0.push(t);
                }
            }
        }
        // An objective renamed in the OKRs rows: every row of it spells the same new title,
        // which is no other objective's (a row moved to another objective is no rename).
        for (oid, (titles, r)) in &spelled {
            let exported = base
                .and_then(|b| b.objectives.get(oid))
                .and_then(|v| v.get(&Field::Title));
            let (Some(b), [title]) = (exported, titles.as_slice()) else {
                continue;
            };
            let taken = plan
                .objectives
                .iter()
                .any(|o| o.id != *oid && norm(&o.title) == *title);
            if norm(b) != *title && !taken {
                let spelled_as = file.rows[*r].objective.clone();
                say(
                    Target::Objective(*oid),
                    Field::Title,
                    b.clone(),
                    &spelled_as,
                    *r,
                );
            }
        }
        // Objectives sheet: titles and owners by id.
        if let Some(base) = base.filter(|_| trusted) {
            for (id, values) in &file.objectives {
                let Some(o) = at.objective(*id) else {
                    continue;
                };
                let target = Target::Objective(*id);
                let ours = objective_values(&plan.objectives[o]);
                let was = base.objectives.get(id).unwrap_or(&ours);
                for (field, theirs) in values {
                    let b = was.get(field).cloned().unwrap_or_default();
                    if same(*field, theirs, &b) {
                        // Not changed there: a rename in the OKRs rows (if any) stands.
                        continue;
                    }
                    // Changed on the Objectives sheet: that wins over the OKRs rows.
                    if let Some(list) = says.get_mut(&(target, *field)) {
                        list.retain(|s| s.file != f);
                    }
                    says.entry((target, *field)).or_default().push(Say {
                        file: f,
                        row: usize::MAX,
                        base: b,
                        theirs: theirs.trim().to_string(),
                    });
                }
            }
            // Key results the export held that the file no longer does.
            for (id, (_, was)) in &base.key_results {
                if seen.contains(id) {
                    continue;
                }
                if let Some((o, k)) = at.key_result(*id) {
                    deleted.entry(*id).or_default().push(f);
                    if *was != key_result_values(&plan.objectives[o].key_results[k]) {
                        edited_here.insert(*id);
                    }
                }
            }
        }
    }

    let mut items = Vec::new();
    // The plan's values of the target before (says are sorted by target, then field).
    let mut ours_of: Option<(Target, Option<Values>)> = None;
    for ((target, field), list) in &says {
        if ours_of.as_ref().is_none_or(|(t, _)| t != target) {
            let values = match *target {
                Target::KeyResult(id) => at
                    .key_result(id)
                    .map(|(o, k)| key_result_values(&plan.objectives[o].key_results[k])),
                Target::Objective(id) => at
                    .objective(id)
                    .map(|o| objective_values(&plan.objectives[o])),
            };
            ours_of = Some((*target, values));
        }
        let ours = ours_of.as_ref().and_then(|(_, v)| v.as_ref());
        let Some(ours) = ours.and_then(|v| v.get(field).cloned()) else {
            continue;
        };
        if let Some(item) = decide(*target, *field, &ours, list) {
            items.push(item);
        }
    }
    for (id, files) in deleted {
        let edited = edited_here.contains(&id)
            || items.iter().any(
                |i| matches!(i, Item::Change { target: Target::KeyResult(k), .. } if *k == id),
            );
        items.push(Item::Deleted { id, files, edited });
    }
    items.extend(added);
    // Grouped by the first file they come from; within a file, in plan order.
    let order: HashMap<Id, usize> = plan
        .objectives
        .iter()
        .flat_map(|o| std::iter::once(o.id).chain(o.key_results.iter().map(|k| k.id)))
        .enumerate()
        .map(|(i, id)| (id, i))
        .collect();
    let place = |item: &Item| -> usize {
        match item {
            Item::Change { target, .. } => match target {
                Target::KeyResult(id) | Target::Objective(id) => {
                    order.get(id).copied().unwrap_or(usize::MAX)
                }
            },
            Item::Deleted { id, .. } => order.get(id).copied().unwrap_or(usize::MAX),
            Item::Added { .. } => usize::MAX,
        }
    };
    items.sort_by_key(|i| (i.first_file(), place(i)));
    MergePreview { items, matched }
}

/// The three-way rule for one cell.
/// Two values of `field` are the same: text but for spaces around it, numbers to 12
/// significant digits.
fn same(field: Field, a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    if a == b {
        return true;
    }
    if !field.is_number() {
        return false;
    }
    // Another program may round a value at the 15th or 17th digit (0.123 written back as
    // 0.12300000000000001): that is no change.
    match (a.parse::<f64>(), b.parse::<f64>()) {
        (Ok(x), Ok(y)) => (x - y).abs() <= 1e-12 * x.abs().max(y.abs()),
        _ => false,
    }
}

fn decide(target: Target, field: Field, ours: &str, says: &[Say]) -> Option<Item> {
    let same = |a: &str, b: &str| same(field, a, b);
    let changed: Vec<&Say> = says.iter().filter(|s| !same(&s.theirs, &s.base)).collect();
    if changed.is_empty() {
        return None;
    }
    let mut options: Vec<Proposal> = vec![Proposal {
        value: ours.to_string(),
        from: Vec::new(),
    }];
    for s in &changed {
        if same(&s.theirs, ours) {
            // Both sides made the same change.
            continue;
        }
        match options[1..].iter_mut().find(|p| same(&p.value, &s.theirs)) {
            Some(p) => p.from.push((s.file, s.row)),
            None => options.push(Proposal {
                value: s.theirs.clone(),
                from: vec![(s.file, s.row)],
            }),
        }
    }
    if options.len() == 1 {
        return None;
    }
    let moved_here = changed
        .iter()
        .any(|s| !same(ours, &s.base) && !same(&s.theirs, ours));
    let conflict = options.len() > 2 || moved_here;
    Some(Item::Change {
        target,
        field,
        base: changed[0].base.clone(),
        options,
        conflict,
    })
}

/// An item a confirmed merge could not apply: the key result's (or objective's) title and
/// why (the shell words it).
#[derive(Clone, Debug, PartialEq)]
pub struct NotApplied {
    pub item: usize,
    pub title: String,
    pub why: Why,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Why {
    /// The value does not read as the field's, or is no check-in the key result takes.
    Value(CheckInError),
    /// The plan's rules refuse it, as they would in the grid (a binary key result's target, a
    /// milestone's start, a key result gone).
    Refused(CommandError),
}

fn parse_number(text: &str) -> Result<Option<f64>, CheckInError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(Some)
        .ok_or_else(|| CheckInError::Value(ValueError::NotANumber(t.to_string())))
}

/// The edit that sets `field` of a key result to `text`, as the grid's would.
fn key_result_edit(field: Field, text: &str) -> Result<KeyResultEdit, CheckInError> {
    let t = text.trim().to_string();
    Ok(match field {
        Field::Title => KeyResultEdit::Title(t),
        Field::Owner => KeyResultEdit::Owner(t),
        Field::Notes => KeyResultEdit::Notes(t),
        Field::Start => KeyResultEdit::Start(parse_number(&t)?),
        Field::Target => KeyResultEdit::Target(parse_number(&t)?),
        Field::Current => KeyResultEdit::Current(parse_number(&t)?),
        Field::Confidence => KeyResultEdit::Confidence(crate::checkin::parse_confidence(&t)?),
    })
}

/// A new row's value into the fresh key result it becomes (checked when it is inserted).
fn set_field(kr: &mut KeyResult, field: Field, text: &str) -> Result<(), CheckInError> {
    match field {
        Field::Title => kr.title = text.trim().to_string(),
        Field::Owner => kr.owner = text.trim().to_string(),
        Field::Notes => kr.notes = text.trim().to_string(),
        Field::Start => kr.start = parse_number(text)?,
        Field::Target => kr.target = parse_number(text)?,
        Field::Current => kr.current = parse_number(text)?,
        Field::Confidence => kr.confidence = crate::checkin::parse_confidence(text)?,
    }
    Ok(())
}

/// What a confirmed merge made.
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    pub plan: Plan,
    /// Items applied (choices other than "leave as it is" that took effect).
    pub applied: usize,
    pub not_applied: Vec<NotApplied>,
}

/// The merged plan for the user's `choices` (one per item: 0 leaves the plan as it is, `n`
/// takes option `n` of a change, 1 adds or deletes). A new Current is recorded as a check-in
/// on the proposing file's date (or `today`), with that row's confidence and the file's name
/// and notes as its note. Items that cannot be applied are returned, the rest applied.
pub fn apply(
    plan: &Plan,
    preview: &MergePreview,
    returned: &[Returned],
    choices: &[usize],
    today: Date,
) -> Merged {
    let mut out = plan.clone();
    out.is_example = false;
    // Positions stay true while items apply: changes edit in place, additions go at the ends,
    // deletions are made last.
    let at = Positions::of(&out);
    let mut failed = Vec::new();
    let mut done = 0;
    let mut deletions: Vec<Id> = Vec::new();
    let row_of = |file: usize, row: usize| returned.get(file).and_then(|r| r.rows.get(row));
    // New Current values go last, as check-ins carrying the confidence the merge settled on.
    let is_current = |item: &Item| {
        matches!(
            item,
            Item::Change {
                field: Field::Current,
                ..
            }
        )
    };
    let order = (0..preview.items.len())
        .filter(|&i| !is_current(&preview.items[i]))
        .chain((0..preview.items.len()).filter(|&i| is_current(&preview.items[i])));
    for i in order {
        let item = &preview.items[i];
        let choice = choices.get(i).copied().unwrap_or(0);
        if choice == 0 {
            continue;
        }
        match item {
            Item::Change {
                target,
                field,
                options,
                ..
            } => {
                let Some(chosen) = options.get(choice) else {
                    continue;
                };
                let title = match *target {
                    Target::Objective(id) => at.objective(id).map(|o| &plan.objectives[o].title),
                    Target::KeyResult(id) => at
                        .key_result(id)
                        .map(|(o, k)| &plan.objectives[o].key_results[k].title),
                };
                let command = match (*target, *field) {
                    (Target::Objective(id), Field::Title | Field::Owner) => {
                        let v = chosen.value.trim().to_string();
                        Ok(Command::EditObjective {
                            id,
                            edit: if *field == Field::Title {
                                ObjectiveEdit::Title(v)
                            } else {
                                ObjectiveEdit::Owner(v)
                            },
                        })
                    }
                    (Target::Objective(_), _) => continue,
                    (Target::KeyResult(id), Field::Current) => match at.key_result(id) {
                        Some((o, k)) => check_in(
                            &out.objectives[o].key_results[k],
                            &plan.objectives[o].key_results[k].notes,
                            chosen,
                            returned,
                            today,
                        )
                        .map(Command::PutKeyResult)
                        .map_err(Why::Value),
                        None => Err(Why::Refused(CommandError::UnknownKeyResult(id))),
                    },
                    (Target::KeyResult(id), field) => key_result_edit(field, &chosen.value)
                        .map(|edit| Command::EditKeyResult { id, edit })
                        .map_err(Why::Value),
                };
                // The same rules as an edit in the grid: a value the plan refuses stays out.
                let result = command.and_then(|c| {
                    crate::command::apply(&mut out, c)
                        .map(|_| ())
                        .map_err(Why::Refused)
                });
                match result {
                    Ok(()) => done += 1,
                    Err(why) => failed.push(NotApplied {
                        item: i,
                        title: title.cloned().unwrap_or_default(),
                        why,
                    }),
                }
            }
            Item::Added {
                parent, file, row, ..
            } => {
                let Some(r) = row_of(*file, *row) else {
                    continue;
                };
                let o = match parent {
                    Parent::Objective(id) => at.objective(*id),
                    Parent::New {
                        title,
                        team,
                        period,
                    } => {
                        let found = out
                            .objectives
                            .iter()
                            .position(|o| norm(&o.title) == norm(title));
                        found.or_else(|| {
                            let mut objective = out.new_objective(title);
                            objective.team = team.clone();
                            objective.period = period.clone();
                            out.objectives.push(objective);
                            Some(out.objectives.len() - 1)
                        })
                    }
                };
                let title = r.values.get(&Field::Title).cloned().unwrap_or_default();
                let Some(o) = o else {
                    failed.push(NotApplied {
                        item: i,
                        title,
                        why: Why::Refused(CommandError::UnknownObjective(match parent {
                            Parent::Objective(id) => *id,
                            Parent::New { .. } => Id(0),
                        })),
                    });
                    continue;
                };
                let mut kr = out.new_key_result("");
                kr.kind = r.kind;
                let mut read = Ok(());
                for (field, value) in &r.values {
                    read = read.and(set_field(&mut kr, *field, value));
                }
                let objective = out.objectives[o].id;
                let index = out.objectives[o].key_results.len();
                let result = read.map_err(Why::Value).and_then(|()| {
                    crate::command::apply(
                        &mut out,
                        Command::InsertKeyResult {
                            objective,
                            index,
                            key_result: kr,
                        },
                    )
                    .map_err(Why::Refused)
                });
                match result {
                    Ok(_) => done += 1,
                    Err(why) => failed.push(NotApplied {
                        item: i,
                        title,
                        why,
                    }),
                }
            }
            Item::Deleted { id, .. } => deletions.push(*id),
        }
    }
    let mut applied = 0;
    for id in deletions {
        if let Some((o, k)) = out.key_result_position(id) {
            out.objectives[o].key_results.remove(k);
            applied += 1;
        }
    }
    Merged {
        plan: out,
        applied: applied + done,
        not_applied: failed,
    }
}

/// A new Current from a returned file, as a check-in.
/// `notes_before`: the key result's notes before the merge (a file's changed notes go into the
/// check-in's note).
fn check_in(
    kr: &KeyResult,
    notes_before: &str,
    chosen: &Proposal,
    returned: &[Returned],
    today: Date,
) -> Result<KeyResult, CheckInError> {
    let Some(value) = parse_number(&chosen.value)? else {
        // A Current cleared in the file: no check-in to record.
        let mut kr = kr.clone();
        kr.current = None;
        return Ok(kr);
    };
    let (file, row) = chosen.from.first().copied().unwrap_or((usize::MAX, 0));
    let returned_file = returned.get(file);
    let date = returned_file.and_then(|r| r.date).unwrap_or(today);
    // Never before a check-in already recorded: the chosen value becomes the current one.
    let latest = kr
        .check_ins
        .iter()
        .filter_map(|c| Date::parse(&c.when))
        .max();
    let date = latest.filter(|l| *l > date).unwrap_or(date);
    let returned_row = returned_file.and_then(|r| r.rows.get(row));
    // The confidence as the merge left it (a conflict on it keeps the plan's unless chosen).
    let confidence = kr.confidence;
    let notes = returned_row
        .and_then(|r| r.values.get(&Field::Notes))
        .filter(|n| n.trim() != notes_before.trim() && !n.trim().is_empty());
    let name = returned_file.map_or("", |r| r.file.as_str());
    let note = match notes {
        Some(n) => format!("{name}: {}", n.trim()),
        None => name.to_string(),
    };
    crate::checkin::record(kr, date, value, confidence, &note)
}

#[cfg(test)]
mod tests;
