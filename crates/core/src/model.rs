//! The OKR model: a plan holds objectives, an objective holds key results.
//!
//! Values are `f64` and are never rounded on the way in or out: text is parsed with Rust's
//! correctly rounded parser and written back with its shortest round-trip formatting (see
//! `value`), so "0.1" stays "0.1" and serde_json stores the same bits.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::period::Period;

/// Stable identity of an objective or key result; never reused within a plan, never an index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(pub u64);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Start → target, increasing or decreasing.
    Number,
    /// Like `Number`, but values are fractions: 45 % is 0.45.
    Percent,
    /// Done (current = 1) or not done (current = 0).
    Binary,
    /// Hold a line: scores 1 while current ≥ target (the threshold), else 0.
    #[serde(rename = "stay_above")]
    StayAbove,
    /// Hold a line: scores 1 while current ≤ target (the threshold), else 0.
    #[serde(rename = "stay_below")]
    StayBelow,
    /// An ordered list of steps: start 0, target = the number of steps, current = the steps
    /// done (kept so by `KeyResult::sync_steps`), so progress = done steps / steps.
    Milestone,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Number,
        Kind::Percent,
        Kind::Binary,
        Kind::StayAbove,
        Kind::StayBelow,
        Kind::Milestone,
    ];

    /// The word used in the grid and in the exported workbook's Type column.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Number => "number",
            Kind::Percent => "percent",
            Kind::Binary => "binary",
            Kind::StayAbove => "stay above",
            Kind::StayBelow => "stay below",
            Kind::Milestone => "milestone",
        }
    }

    /// A kind named in English: its `name` or a usual synonym ("percentage", "%", "yes/no",
    /// "at least", "≥", "steps", …), lower case.
    pub fn parse(text: &str) -> Option<Kind> {
        match text.trim().to_lowercase().as_str() {
            "number" | "numeric" | "num" | "#" => Some(Kind::Number),
            "percent" | "percentage" | "%" => Some(Kind::Percent),
            "binary" | "done" | "yes/no" | "done/not done" => Some(Kind::Binary),
            "stay above" | "above" | "at least" | ">=" | "≥" => Some(Kind::StayAbove),
            "stay below" | "below" | "at most" | "<=" | "≤" => Some(Kind::StayBelow),
            "milestone" | "milestones" | "steps" => Some(Kind::Milestone),
            _ => None,
        }
    }

    /// Kinds whose values are plain counts or amounts (shown grouped, with the unit).
    pub fn is_amount(self) -> bool {
        matches!(
            self,
            Kind::Number | Kind::StayAbove | Kind::StayBelow | Kind::Milestone
        )
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeyResult {
    pub id: Id,
    pub title: String,
    #[serde(default)]
    pub owner: String,
    pub kind: Kind,
    #[serde(default)]
    pub start: Option<f64>,
    #[serde(default)]
    pub target: Option<f64>,
    #[serde(default)]
    pub current: Option<f64>,
    #[serde(default = "default_weight")]
    pub weight: f64,
    /// A grade typed or imported (0.0–1.0); wins over the computed progress.
    #[serde(default)]
    pub score_override: Option<f64>,
    #[serde(default)]
    pub link: String,
    #[serde(default)]
    pub notes: String,
    /// Values recorded over time, oldest first (weekly check-ins, or the week and month
    /// columns of an imported sheet). Current is the latest of them when they exist.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub check_ins: Vec<CheckIn>,
    /// How sure the owner is of reaching the target, 1 (not at all) to 10 (certain), as of
    /// the last check-in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<u8>,
    /// Tasks that serve this key result; never scored.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub initiatives: Vec<Initiative>,
    /// What the values count ("leads", "€", "ms"), shown after them; amounts only.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    /// A milestone's steps, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<Step>,
    /// The commit value (scores 0.3) under the commit / target / stretch rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commit: Option<f64>,
    /// The stretch value (scores 1.0) under the commit / target / stretch rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stretch: Option<f64>,
}

/// One step of a milestone key result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub title: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub done: bool,
}

/// A task (initiative) under an objective or a key result: done or not, never scored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Initiative {
    pub id: Id,
    pub title: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub done: bool,
}

/// How a plan turns progress into scores and bands (`score`), chosen per plan. Every tool on
/// the market hard-codes one; okr-grid names the one in force on screen and in the workbook.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScoringRule {
    /// Progress from start to target, 0–1.
    #[default]
    Linear,
    /// Google-style grading: progress graded in tenths, 0.0–1.0 (0.0–0.3 red, 0.4–0.6
    /// yellow, 0.7–1.0 green).
    Graded,
    /// Three values per key result: 0.3 at commit, 0.7 at target, 1.0 at stretch.
    Thresholds,
    /// Linear scores; the band follows pace: behind when progress trails the elapsed share
    /// of the period by more than the plan's margin.
    Pace,
}

impl ScoringRule {
    pub const ALL: [ScoringRule; 4] = [
        ScoringRule::Linear,
        ScoringRule::Graded,
        ScoringRule::Thresholds,
        ScoringRule::Pace,
    ];

    /// The rule's name, on screen and in the workbook.
    pub fn label(self) -> &'static str {
        match self {
            ScoringRule::Linear => "Linear progress",
            ScoringRule::Graded => "Google-style grading",
            ScoringRule::Thresholds => "Commit / target / stretch",
            ScoringRule::Pace => "Pace-based status",
        }
    }

    /// A stable word for storage-free places (menus, the workbook's Scoring sheet).
    pub fn code(self) -> &'static str {
        match self {
            ScoringRule::Linear => "linear",
            ScoringRule::Graded => "graded",
            ScoringRule::Thresholds => "thresholds",
            ScoringRule::Pace => "pace",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        let code = code.trim();
        Self::ALL
            .into_iter()
            .find(|r| r.code().eq_ignore_ascii_case(code) || r.label().eq_ignore_ascii_case(code))
    }

    /// One sentence on what the rule does.
    pub fn summary(self) -> &'static str {
        match self {
            ScoringRule::Linear => {
                "Score = progress from start to target, 0 to 1; 0.7 and up is on track."
            }
            ScoringRule::Graded => {
                "Scores are graded in tenths from 0.0 to 1.0: 0.0–0.3 red, 0.4–0.6 yellow, 0.7–1.0 green."
            }
            ScoringRule::Thresholds => {
                "Each key result scores 0.3 at its commit value, 0.7 at its target and 1.0 at its stretch value, linearly between."
            }
            ScoringRule::Pace => {
                "Scores are linear progress; status is by pace: behind when progress trails the share of the period gone by more than the margin."
            }
        }
    }
}

/// The pace margin a plan starts with (10 points).
pub(crate) const PACE_MARGIN: f64 = 0.1;

fn default_pace_margin() -> f64 {
    PACE_MARGIN
}

fn is_default_pace_margin(m: &f64) -> bool {
    *m == PACE_MARGIN
}

/// A candidate objective in the backlog, prioritised by ICE: Impact, Confidence and Ease,
/// each 1–10 (`backlog`). Promoting it makes it an objective of a period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub id: Id,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub team: String,
    pub impact: u8,
    pub confidence: u8,
    pub ease: u8,
}

impl Candidate {
    /// A candidate in the middle of every scale (5 × 5 × 5).
    pub fn new(id: Id, title: &str) -> Self {
        Candidate {
            id,
            title: title.to_string(),
            team: String::new(),
            impact: 5,
            confidence: 5,
            ease: 5,
        }
    }

    /// The ICE score: Impact × Confidence × Ease (1 to 1,000).
    pub fn ice(&self) -> u32 {
        u32::from(self.impact) * u32::from(self.confidence) * u32::from(self.ease)
    }
}

/// One recorded value of a key result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckIn {
    /// When, as the source names it: "2026-01-15", "W3", "Jan".
    pub when: String,
    pub value: f64,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// 1–10, as said at this check-in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<u8>,
}

/// Google's distinction: a committed objective is expected to be fully met (1.0), an
/// aspirational one is on target at 0.7.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Commitment {
    #[default]
    Aspirational,
    Committed,
}

impl Commitment {
    pub fn name(self) -> &'static str {
        match self {
            Commitment::Aspirational => "aspirational",
            Commitment::Committed => "committed",
        }
    }

    fn is_default(&self) -> bool {
        *self == Commitment::default()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Objective {
    pub id: Id,
    pub title: String,
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub team: String,
    #[serde(default)]
    pub period: String,
    #[serde(default = "default_weight")]
    pub weight: f64,
    #[serde(default)]
    pub key_results: Vec<KeyResult>,
    /// The objective this one contributes to (a quarterly objective under an annual one, a
    /// team's under the company's). Never a cycle: `command::apply` refuses one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aligned_to: Option<Id>,
    #[serde(default, skip_serializing_if = "Commitment::is_default")]
    pub commitment: Commitment,
    /// Tasks that serve the objective as a whole; never scored.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub initiatives: Vec<Initiative>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub name: String,
    /// True while the plan is the bundled example, so the UI can label it as such.
    #[serde(default)]
    pub is_example: bool,
    #[serde(default)]
    pub objectives: Vec<Objective>,
    /// The periods objectives name (`Objective::period`), with their dates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub periods: Vec<Period>,
    /// Health-check findings dismissed by the user (`health::Finding::key`).
    #[serde(default, skip_serializing_if = "std::collections::BTreeSet::is_empty")]
    pub dismissed: std::collections::BTreeSet<String>,
    /// Candidate objectives, in rank order (first = top priority).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub backlog: Vec<Candidate>,
    /// The scoring rule in force.
    #[serde(default, skip_serializing_if = "is_default_rule")]
    pub scoring: ScoringRule,
    /// How far (0–1) progress may trail the elapsed share under the pace rule.
    #[serde(
        default = "default_pace_margin",
        skip_serializing_if = "is_default_pace_margin"
    )]
    pub pace_margin: f64,
    /// The workbook the plan was imported from and where each value came from, for an export
    /// into that file (`origin::changes`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<crate::origin::Origin>,
    /// The next id to hand out; ids are never reused, so undo/redo and keyed lists stay stable.
    next_id: u64,
}

impl KeyResult {
    /// The key result's id and its initiatives'.
    pub fn ids(&self) -> impl Iterator<Item = Id> + '_ {
        std::iter::once(self.id).chain(self.initiatives.iter().map(|i| i.id))
    }
}

impl Objective {
    /// The objective's id, its initiatives' and its key results' (with theirs).
    pub fn ids(&self) -> impl Iterator<Item = Id> + '_ {
        std::iter::once(self.id)
            .chain(self.initiatives.iter().map(|i| i.id))
            .chain(self.key_results.iter().flat_map(KeyResult::ids))
    }

    /// An objective with only an id and a title.
    pub fn empty(id: Id, title: &str) -> Self {
        Objective {
            id,
            title: title.to_string(),
            owner: String::new(),
            team: String::new(),
            period: String::new(),
            weight: 1.0,
            key_results: Vec::new(),
            aligned_to: None,
            commitment: Commitment::Aspirational,
            initiatives: Vec::new(),
        }
    }
}

impl KeyResult {
    /// A number key result with only an id and a title.
    pub fn empty(id: Id, title: &str) -> Self {
        KeyResult {
            id,
            title: title.to_string(),
            owner: String::new(),
            kind: Kind::Number,
            start: None,
            target: None,
            current: None,
            weight: 1.0,
            score_override: None,
            link: String::new(),
            notes: String::new(),
            check_ins: Vec::new(),
            confidence: None,
            initiatives: Vec::new(),
            unit: String::new(),
            steps: Vec::new(),
            commit: None,
            stretch: None,
        }
    }

    /// A milestone with steps: start 0, target = steps, current = steps done. Other kinds,
    /// and a milestone without a list of steps (a bare count), are left as they are.
    pub fn sync_steps(&mut self) {
        if self.kind == Kind::Milestone && !self.steps.is_empty() {
            self.start = Some(0.0);
            self.target = Some(self.steps.len() as f64);
            self.current = Some(self.steps.iter().filter(|s| s.done).count() as f64);
        }
    }

    /// `done` as a count of this milestone's steps: a whole number from 0 to the steps.
    pub(crate) fn steps_done_from(&self, done: f64) -> Result<usize, NotAStepCount> {
        let n = self.steps.len();
        if done.fract() != 0.0 || !(0.0..=n as f64).contains(&done) {
            return Err(NotAStepCount(n));
        }
        Ok(done as usize)
    }

    /// Makes `done` steps done by ticking the first open steps or clearing the last done
    /// ones (the steps are ordered), then syncs. Refused when `done` is not a whole number
    /// of this milestone's steps.
    pub fn set_steps_done(&mut self, done: f64) -> Result<(), NotAStepCount> {
        let want = self.steps_done_from(done)?;
        let mut have = self.steps.iter().filter(|s| s.done).count();
        for s in self.steps.iter_mut() {
            if have < want && !s.done {
                s.done = true;
                have += 1;
            }
        }
        for s in self.steps.iter_mut().rev() {
            if have > want && s.done {
                s.done = false;
                have -= 1;
            }
        }
        self.sync_steps();
        Ok(())
    }
}

/// A milestone's value that is not a count of its steps done (it has this many steps).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotAStepCount(pub usize);

impl fmt::Display for NotAStepCount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "A milestone counts its steps done: a whole number from 0 to {}.",
            self.0
        )
    }
}

fn is_default_rule(r: &ScoringRule) -> bool {
    *r == ScoringRule::Linear
}

fn default_weight() -> f64 {
    1.0
}

impl Default for Plan {
    fn default() -> Self {
        Plan::new("Untitled plan")
    }
}

impl Plan {
    pub fn new(name: &str) -> Self {
        Plan {
            name: name.to_string(),
            is_example: false,
            objectives: Vec::new(),
            periods: Vec::new(),
            dismissed: std::collections::BTreeSet::new(),
            backlog: Vec::new(),
            scoring: ScoringRule::Linear,
            pace_margin: PACE_MARGIN,
            origin: None,
            next_id: 1,
        }
    }

    /// Hands out a fresh id. Ids already present (e.g. after deserialising a hand-edited file)
    /// are never handed out again: see `repair_next_id`.
    /// An empty plan of the same name whose ids continue this plan's: a scratch plan to
    /// build objectives in before they join this one (`continue_ids_from`).
    pub fn fresh_like(&self) -> Plan {
        let mut p = Plan::new(&self.name);
        p.next_id = self.next_id;
        p
    }

    /// Takes up the ids another plan made from `fresh_like`, so none is handed out twice.
    pub fn continue_ids_from(&mut self, other: &Plan) {
        self.next_id = self.next_id.max(other.next_id);
    }

    pub fn allocate_id(&mut self) -> Id {
        let id = Id(self.next_id);
        self.next_id += 1;
        id
    }

    /// Makes `next_id` larger than every id in the plan, so a stored plan whose counter was
    /// edited or lost cannot produce duplicate ids.
    pub(crate) fn repair_next_id(&mut self) {
        let max = self.ids().map(|id| id.0).max().unwrap_or(0);
        if self.next_id <= max {
            self.next_id = max + 1;
        }
    }

    /// True when `id` may be in the plan: ids from `next_id` on were never handed out (the
    /// counter is kept past every id: see `repair_next_id`), so a fresh id needs no search.
    pub(crate) fn may_contain(&self, id: Id) -> bool {
        id.0 < self.next_id
    }

    /// Keeps the counter past `id`, which has just been put into the plan.
    pub(crate) fn note_id(&mut self, id: Id) {
        if self.next_id <= id.0 {
            self.next_id = id.0 + 1;
        }
    }

    /// Every id in the plan: each objective's, then its key results', then the backlog's.
    pub fn ids(&self) -> impl Iterator<Item = Id> + '_ {
        self.objectives
            .iter()
            .flat_map(Objective::ids)
            .chain(self.backlog.iter().map(|c| c.id))
    }

    /// True when no id appears twice.
    pub fn ids_are_unique(&self) -> bool {
        let mut seen = std::collections::HashSet::new();
        self.ids().all(|id| seen.insert(id))
    }

    /// A new, empty objective with a fresh id (not yet inserted).
    pub fn new_objective(&mut self, title: &str) -> Objective {
        Objective::empty(self.allocate_id(), title)
    }

    /// A new number key result with a fresh id (not yet inserted).
    pub fn new_key_result(&mut self, title: &str) -> KeyResult {
        KeyResult::empty(self.allocate_id(), title)
    }

    /// True when aligning objective `id` to `to` would close a loop: `to` is `id`, or `id` is
    /// met walking up from `to`. The walk is bounded by the number of objectives, so a loop
    /// already in (hand-edited) data counts as one instead of hanging.
    pub(crate) fn alignment_loops(&self, id: Id, to: Id) -> bool {
        let mut at = Some(to);
        for _ in 0..=self.objectives.len() {
            match at {
                None => return false,
                Some(x) if x == id => return true,
                Some(x) => at = self.objective(x).and_then(|o| o.aligned_to),
            }
        }
        true
    }

    /// The alignment tree as (depth, objective index) in depth-first order: each top-level
    /// objective (aligned to nothing, or to an objective no longer in the plan) in plan
    /// order, followed by the objectives aligned under it. Every objective appears once;
    /// one caught in a loop (only in hand-edited data) starts its own branch. No recursion,
    /// so a long chain cannot overflow the stack.
    pub fn alignment_tree(&self) -> Vec<(usize, usize)> {
        let n = self.objectives.len();
        let index: std::collections::HashMap<Id, usize> = self
            .objectives
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id, i))
            .collect();
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut roots = Vec::new();
        for (i, o) in self.objectives.iter().enumerate() {
            match o.aligned_to.and_then(|to| index.get(&to)) {
                Some(&parent) if parent != i => children[parent].push(i),
                _ => roots.push(i),
            }
        }
        let mut out = Vec::with_capacity(n);
        let mut seen = vec![false; n];
        let starts = roots.into_iter().chain(0..n);
        for root in starts {
            if seen[root] {
                continue;
            }
            let mut stack = vec![(0usize, root)];
            while let Some((depth, i)) = stack.pop() {
                if std::mem::replace(&mut seen[i], true) {
                    continue;
                }
                out.push((depth, i));
                for &c in children[i].iter().rev() {
                    stack.push((depth + 1, c));
                }
            }
        }
        out
    }

    /// The period named `name`, if the plan has its dates.
    pub fn period(&self, name: &str) -> Option<&Period> {
        let name = name.trim();
        self.periods
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name))
    }

    pub fn objective(&self, id: Id) -> Option<&Objective> {
        self.objectives.iter().find(|o| o.id == id)
    }

    pub fn objective_mut(&mut self, id: Id) -> Option<&mut Objective> {
        self.objectives.iter_mut().find(|o| o.id == id)
    }

    pub fn objective_index(&self, id: Id) -> Option<usize> {
        self.objectives.iter().position(|o| o.id == id)
    }

    /// The key result with this id and the objective that holds it.
    pub fn key_result(&self, id: Id) -> Option<(&Objective, &KeyResult)> {
        self.objectives
            .iter()
            .find_map(|o| o.key_results.iter().find(|k| k.id == id).map(|k| (o, k)))
    }

    pub(crate) fn key_result_mut(&mut self, id: Id) -> Option<&mut KeyResult> {
        self.objectives
            .iter_mut()
            .find_map(|o| o.key_results.iter_mut().find(|k| k.id == id))
    }

    /// (objective index, key result index) of a key result.
    pub(crate) fn key_result_position(&self, id: Id) -> Option<(usize, usize)> {
        self.objectives.iter().enumerate().find_map(|(oi, o)| {
            o.key_results
                .iter()
                .position(|k| k.id == id)
                .map(|ki| (oi, ki))
        })
    }

    pub fn key_result_count(&self) -> usize {
        self.objectives.iter().map(|o| o.key_results.len()).sum()
    }

    /// The plan without its objectives, serialised as the plan's own fields
    /// (`stored_plan::encode_head`). The destructuring names every field, so a field added to
    /// `Plan` does not compile until it is stored here too.
    pub fn head(&self) -> PlanHead<'_> {
        let Plan {
            name,
            is_example,
            objectives: _,
            periods,
            dismissed,
            backlog,
            scoring,
            pace_margin,
            origin,
            next_id,
        } = self;
        PlanHead {
            name,
            is_example: *is_example,
            periods,
            dismissed,
            backlog,
            scoring,
            pace_margin: *pace_margin,
            origin,
            next_id: *next_id,
        }
    }
}

fn is_default_rule_ref(rule: &&ScoringRule) -> bool {
    is_default_rule(rule)
}

/// `Plan::head`: every field of the plan but its objectives, under the plan's field names.
#[derive(Serialize)]
pub struct PlanHead<'a> {
    name: &'a String,
    is_example: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    periods: &'a Vec<Period>,
    #[serde(skip_serializing_if = "std::collections::BTreeSet::is_empty")]
    dismissed: &'a std::collections::BTreeSet<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    backlog: &'a Vec<Candidate>,
    #[serde(skip_serializing_if = "is_default_rule_ref")]
    scoring: &'a ScoringRule,
    #[serde(skip_serializing_if = "is_default_pace_margin")]
    pace_margin: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    origin: &'a Option<crate::origin::Origin>,
    next_id: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn milestone(done: &[bool]) -> KeyResult {
        let mut k = KeyResult::empty(Id(1), "Launch");
        k.kind = Kind::Milestone;
        k.steps = done
            .iter()
            .enumerate()
            .map(|(i, &done)| Step {
                title: format!("step {i}"),
                done,
            })
            .collect();
        k.sync_steps();
        k
    }

    #[test]
    fn the_alignment_tree_nests_objectives_under_what_they_align_to() {
        let mut plan = Plan::new("p");
        for t in ["Company", "Team A", "Team B", "A's quarter", "Loose"] {
            let o = plan.new_objective(t);
            plan.objectives.push(o);
        }
        let ids: Vec<Id> = plan.objectives.iter().map(|o| o.id).collect();
        let id = |i: usize| ids[i];
        let (company, a) = (id(0), id(1));
        plan.objectives[1].aligned_to = Some(company);
        plan.objectives[2].aligned_to = Some(company);
        plan.objectives[3].aligned_to = Some(a);
        plan.objectives[4].aligned_to = Some(Id(999));
        assert_eq!(
            plan.alignment_tree(),
            [(0, 0), (1, 1), (2, 3), (1, 2), (0, 4)]
        );
        // A loop in hand-edited data: each objective still appears once.
        plan.objectives[0].aligned_to = Some(id(3));
        let tree = plan.alignment_tree();
        assert_eq!(tree.len(), 5);
        let mut seen: Vec<usize> = tree.iter().map(|x| x.1).collect();
        seen.sort();
        assert_eq!(seen, [0, 1, 2, 3, 4]);
        // A long chain is walked without recursion.
        let mut chain = Plan::new("chain");
        let mut last = None;
        for i in 0..20_000 {
            let mut o = chain.new_objective(&i.to_string());
            o.aligned_to = last;
            last = Some(o.id);
            chain.objectives.push(o);
        }
        assert_eq!(chain.alignment_tree().last(), Some(&(19_999, 19_999)));
    }

    #[test]
    fn a_milestone_runs_from_zero_to_its_steps_and_counts_the_done_ones() {
        let k = milestone(&[true, false, true, false, false]);
        assert_eq!(
            (k.start, k.target, k.current),
            (Some(0.0), Some(5.0), Some(2.0))
        );
        // A bare count (no list of steps) and other kinds are left alone.
        let mut bare = KeyResult::empty(Id(2), "count");
        bare.kind = Kind::Milestone;
        bare.current = Some(3.0);
        bare.sync_steps();
        assert_eq!(
            (bare.start, bare.target, bare.current),
            (None, None, Some(3.0))
        );
    }

    #[test]
    fn setting_steps_done_ticks_the_first_open_ones_and_clears_the_last_done_ones() {
        let mut k = milestone(&[true, false, true, false, false]);
        k.set_steps_done(4.0).unwrap();
        let done: Vec<bool> = k.steps.iter().map(|s| s.done).collect();
        assert_eq!(done, [true, true, true, true, false]);
        k.set_steps_done(1.0).unwrap();
        let done: Vec<bool> = k.steps.iter().map(|s| s.done).collect();
        assert_eq!(done, [true, false, false, false, false]);
        assert_eq!(k.current, Some(1.0));
        for bad in [2.5, 6.0, -1.0, f64::NAN, f64::INFINITY] {
            let err = k.set_steps_done(bad).unwrap_err().to_string();
            assert!(err.contains("0 to 5"), "{err}");
        }
        assert_eq!(k.current, Some(1.0));
    }

    #[test]
    fn ids_are_never_reused_after_removal() {
        let mut plan = Plan::new("p");
        let a = plan.new_objective("a");
        let a_id = a.id;
        plan.objectives.push(a);
        plan.objectives.clear();
        let b = plan.new_objective("b");
        assert_ne!(a_id, b.id);
    }

    #[test]
    fn repair_next_id_moves_counter_past_existing_ids() {
        let mut plan = Plan::new("p");
        let mut o = plan.new_objective("o");
        o.id = Id(41);
        let mut kr = plan.new_key_result("kr");
        kr.id = Id(57);
        o.key_results.push(kr);
        plan.objectives.push(o);
        plan.repair_next_id();
        assert_eq!(plan.allocate_id(), Id(58));
    }

    #[test]
    fn finds_key_result_with_its_objective() {
        let mut plan = Plan::new("p");
        let mut o = plan.new_objective("o");
        let kr = plan.new_key_result("kr");
        let kr_id = kr.id;
        o.key_results.push(kr);
        let o_id = o.id;
        plan.objectives.push(o);
        let (obj, k) = plan.key_result(kr_id).unwrap();
        assert_eq!(obj.id, o_id);
        assert_eq!(k.title, "kr");
        assert_eq!(plan.key_result_position(kr_id), Some((0, 0)));
        assert!(plan.key_result(Id(999)).is_none());
    }
}
