//! The rules a plan's values keep, stated once. Commands refuse what breaks them
//! (`command::apply`, with `CommandError`), check-ins too (`checkin`), decoding refuses a
//! stored plan that breaks the rules it cannot mend and mends the others (`store::decode`:
//! `readable`, then `repair`), encoding refuses to write what would not read back
//! (`store::encode`), and the importers read only values that keep them (`import::own`).
//!
//! Three levels:
//! - one value: `is_value`, `is_weight`, `is_grade`, `is_confidence`, `is_pace_margin`,
//!   `is_ice`, `kind_value` (the predicates readers filter with), and the checks built on them
//!   that say which rule broke (`finite`, `weight`, `grade`, `confidence`, `pace_margin`,
//!   `ice`, `PeriodCheck`);
//! - one part of a plan: `key_result`, `objective`, `initiatives`, `candidate`, `periods`,
//!   `alignment`;
//! - a whole plan: `readable` (what no stored plan may break), `plan` (every rule: what the
//!   commands keep) and `repair` (the rules decoding mends by dropping or clamping a value).

use std::collections::HashSet;
use std::fmt;

use crate::model::{Candidate, Id, Initiative, KeyResult, Kind, Objective, Plan};
use crate::period::Period;

/// Which rule a value breaks, with the facts. `command::CommandError` has a variant for each
/// (the interface words them); `Display` is English, for stored data that does not read.
#[derive(Clone, Debug, PartialEq)]
pub enum Invalid {
    /// A number that is not finite, in the field named (English: "Start", "Weight", …).
    NotFinite(&'static str),
    NegativeWeight,
    GradeOutOfRange(f64),
    ConfidenceOutOfRange(u8),
    /// A period (named) whose last day is before its first.
    PeriodEndsBeforeStart(String),
    /// A period without a name, or with the name of another (ignoring case).
    PeriodNameTaken(String),
    /// Impact, Confidence or Ease (named) outside 1–10.
    IceOutOfRange(&'static str, u8),
    /// A pace margin outside 1 to 50 points.
    BadMargin(f64),
    /// An id used twice.
    DuplicateId(Id),
    /// An objective aligned, through others, to itself.
    AlignmentCycle,
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Invalid::NotFinite(field) => write!(f, "{field} is not a finite number"),
            Invalid::NegativeWeight => write!(f, "a weight is negative"),
            Invalid::GradeOutOfRange(g) => write!(f, "a grade is outside 0 to 1 ({g})"),
            Invalid::ConfidenceOutOfRange(c) => write!(f, "a confidence is outside 1 to 10 ({c})"),
            Invalid::PeriodEndsBeforeStart(name) => {
                write!(f, "the period “{name}” ends before it starts")
            }
            Invalid::PeriodNameTaken(name) => {
                write!(f, "the period “{name}” has no name of its own")
            }
            Invalid::IceOutOfRange(field, v) => write!(f, "{field} is outside 1 to 10 ({v})"),
            Invalid::BadMargin(m) => write!(f, "the pace margin is outside 0.01 to 0.5 ({m})"),
            Invalid::DuplicateId(id) => write!(f, "the id {} is used twice", id.0),
            Invalid::AlignmentCycle => write!(f, "objectives are aligned in a loop"),
        }
    }
}

impl std::error::Error for Invalid {}

/// A value a plan holds: a finite number (no NaN, no infinity: JSON cannot store them and no
/// score can be made of them).
pub fn is_value(v: f64) -> bool {
    v.is_finite()
}

/// A weight: a finite number, 0 or more (0 leaves a row out of its roll-up).
pub fn is_weight(w: f64) -> bool {
    is_value(w) && w >= 0.0
}

/// A grade typed in Score: 0 to 1.
pub fn is_grade(g: f64) -> bool {
    (0.0..=1.0).contains(&g)
}

/// A confidence: 1 (no chance) to 10 (certain).
pub fn is_confidence(c: u8) -> bool {
    (1..=10).contains(&c)
}

/// A confidence given as a number (a spreadsheet cell): a whole number from 1 to 10.
pub fn confidence_number(v: f64) -> Option<u8> {
    (v.fract() == 0.0 && (1.0..=10.0).contains(&v)).then_some(v as u8)
}

/// The pace rule's margin: 1 to 50 points of progress.
pub fn is_pace_margin(m: f64) -> bool {
    (0.01..=0.5).contains(&m)
}

/// Impact, Confidence and Ease: whole numbers from 1 to 10.
pub fn is_ice(v: u8) -> bool {
    (1..=10).contains(&v)
}

/// The ICE value nearest to `v`: rounded, then brought into 1–10 (5, the middle, for NaN).
pub fn ice_nearest(v: f64) -> u8 {
    if v.is_nan() {
        5
    } else {
        v.round().clamp(1.0, 10.0) as u8
    }
}

/// A value a key result of its kind cannot take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotOfKind {
    /// A binary key result is done (1) or not done (0).
    NotBinary,
    /// A milestone with steps counts its steps done: a whole number from 0 to its steps (how
    /// many).
    NotAStepCount(usize),
}

/// Whether `kr` can take `v` as a value of its kind: 0 or 1 for binary, a count of steps done
/// for a milestone with steps, any value otherwise. Checked where values are typed or read
/// (check-ins, the importer, a change of kind), not on stored plans, which keep what they hold.
pub fn kind_value(kr: &KeyResult, v: f64) -> Result<(), NotOfKind> {
    match kr.kind {
        Kind::Binary if v != 0.0 && v != 1.0 => Err(NotOfKind::NotBinary),
        Kind::Milestone if !kr.steps.is_empty() => kr
            .steps_done_from(v)
            .map(|_| ())
            .map_err(|e| NotOfKind::NotAStepCount(e.0)),
        _ => Ok(()),
    }
}

/// `is_value` for the field named, when set.
pub fn finite(field: &'static str, v: Option<f64>) -> Result<(), Invalid> {
    match v {
        Some(v) if !is_value(v) => Err(Invalid::NotFinite(field)),
        _ => Ok(()),
    }
}

/// `is_weight`, saying which half broke.
pub fn weight(w: f64) -> Result<(), Invalid> {
    finite("Weight", Some(w))?;
    if !is_weight(w) {
        return Err(Invalid::NegativeWeight);
    }
    Ok(())
}

/// `is_grade`, when set.
pub fn grade(g: Option<f64>) -> Result<(), Invalid> {
    finite("Grade", g)?;
    match g {
        Some(g) if !is_grade(g) => Err(Invalid::GradeOutOfRange(g)),
        _ => Ok(()),
    }
}

/// `is_confidence`, when set.
pub fn confidence(c: Option<u8>) -> Result<(), Invalid> {
    match c {
        Some(c) if !is_confidence(c) => Err(Invalid::ConfidenceOutOfRange(c)),
        _ => Ok(()),
    }
}

/// `is_pace_margin`.
pub fn pace_margin(m: f64) -> Result<(), Invalid> {
    if is_pace_margin(m) {
        Ok(())
    } else {
        Err(Invalid::BadMargin(m))
    }
}

/// `is_ice` for the scale named ("Impact", "Confidence", "Ease").
pub fn ice(field: &'static str, v: u8) -> Result<(), Invalid> {
    if is_ice(v) {
        Ok(())
    } else {
        Err(Invalid::IceOutOfRange(field, v))
    }
}

/// A candidate's three ICE values.
pub fn candidate(c: &Candidate) -> Result<(), Invalid> {
    ice("Impact", c.impact)?;
    ice("Confidence", c.confidence)?;
    ice("Ease", c.ease)
}

/// A plan's periods, admitted one after another: each must end on or after its first day and
/// have a name of its own (names compared trimmed, ignoring case).
#[derive(Debug, Default)]
pub struct PeriodCheck {
    names: HashSet<String>,
}

impl PeriodCheck {
    /// Whether `p` may join the periods admitted so far; it is admitted when it may.
    pub fn admit(&mut self, p: &Period) -> Result<(), Invalid> {
        if p.end < p.start {
            return Err(Invalid::PeriodEndsBeforeStart(p.name.clone()));
        }
        let name = p.name.trim().to_lowercase();
        if name.is_empty() || !self.names.insert(name) {
            return Err(Invalid::PeriodNameTaken(p.name.clone()));
        }
        Ok(())
    }
}

/// A plan's periods: each admitted after the ones before it (`PeriodCheck`).
pub fn periods(periods: &[Period]) -> Result<(), Invalid> {
    let mut check = PeriodCheck::default();
    periods.iter().try_for_each(|p| check.admit(p))
}

/// A list of initiatives (`Command::SetInitiatives`): their ids each once.
pub fn initiatives(list: &[Initiative]) -> Result<(), Invalid> {
    repeated(list.iter().map(|i| i.id)).map_or(Ok(()), |id| Err(Invalid::DuplicateId(id)))
}

/// The first id `ids` yields twice.
fn repeated(ids: impl Iterator<Item = Id>) -> Option<Id> {
    let mut seen = HashSet::new();
    ids.into_iter().find(|id| !seen.insert(*id))
}

/// The values of a key result no stored plan may break: finite numbers, its weight and grade.
fn key_result_values(kr: &KeyResult) -> Result<(), Invalid> {
    finite("Start", kr.start)?;
    finite("Target", kr.target)?;
    finite("Current", kr.current)?;
    finite("Commit", kr.commit)?;
    finite("Stretch", kr.stretch)?;
    weight(kr.weight)?;
    grade(kr.score_override)?;
    kr.check_ins
        .iter()
        .try_for_each(|c| finite("A check-in value", Some(c.value)))
}

/// A key result as the commands take it: confidences (its own and its check-ins'), its
/// values, and its ids (itself and its initiatives) each once.
pub fn key_result(kr: &KeyResult) -> Result<(), Invalid> {
    confidence(kr.confidence)?;
    kr.check_ins
        .iter()
        .try_for_each(|c| confidence(c.confidence))?;
    key_result_values(kr)?;
    repeated(kr.ids()).map_or(Ok(()), |id| Err(Invalid::DuplicateId(id)))
}

/// An objective as the commands take it: its weight, its ids (its own, its initiatives', its
/// key results' and theirs) each once, and each key result.
pub fn objective(o: &Objective) -> Result<(), Invalid> {
    repeated(o.ids()).map_or(Ok(()), |id| Err(Invalid::DuplicateId(id)))?;
    weight(o.weight)?;
    o.key_results.iter().try_for_each(key_result)
}

/// Aligning objective `id` to `to` closes no loop (`to` is not `id`, nor aligned under it).
/// An alignment to an objective no longer in the plan is no loop.
pub fn alignment(plan: &Plan, id: Id, to: Id) -> Result<(), Invalid> {
    if plan.alignment_loops(id, to) {
        Err(Invalid::AlignmentCycle)
    } else {
        Ok(())
    }
}

/// The rules no stored plan may break: ids each used once, finite numbers, weights, grades
/// (`head_record`, `objective_record`). `store::decode` refuses a plan that breaks one (it is
/// backed up, never mended into another plan), and `store::encode` refuses to write one.
pub fn readable(plan: &Plan) -> Result<(), Invalid> {
    repeated(plan.ids()).map_or(Ok(()), |id| Err(Invalid::DuplicateId(id)))?;
    head_record(plan)?;
    plan.objectives.iter().try_for_each(objective_record)
}

/// `readable` for the plan's own fields (`stored_plan::encode_head`): a finite pace margin
/// (one outside its range is mended, one that is not a number would not even be stored).
pub fn head_record(plan: &Plan) -> Result<(), Invalid> {
    finite("Pace margin", Some(plan.pace_margin))
}

/// `readable` for one objective's record (`stored_plan::encode_objective`): its weight and its
/// key results' values. Ids are the whole plan's business.
pub fn objective_record(o: &Objective) -> Result<(), Invalid> {
    weight(o.weight)?;
    o.key_results.iter().try_for_each(key_result_values)
}

/// Every rule: what the commands keep, and what a decoded plan holds (`readable`, then
/// `repair`). Alignments to objectives no longer in the plan are allowed (deleting an
/// objective leaves them, and the alignment tree shows such objectives at the top).
pub fn plan(plan: &Plan) -> Result<(), Invalid> {
    readable(plan)?;
    pace_margin(plan.pace_margin)?;
    periods(&plan.periods)?;
    plan.backlog.iter().try_for_each(candidate)?;
    for o in &plan.objectives {
        if let Some(to) = o.aligned_to {
            alignment(plan, o.id, to)?;
        }
        for k in &o.key_results {
            confidence(k.confidence)?;
            k.check_ins
                .iter()
                .try_for_each(|c| confidence(c.confidence))?;
        }
    }
    Ok(())
}

/// Mends what a stored plan may hold that the commands would refuse and that can go without
/// losing the plan (hand-edited or older data): a pace margin outside its range goes back to
/// the default, ICE values are brought into 1–10, confidences outside 1–10 are dropped, a
/// period that ends before it starts or has no name of its own is dropped, and an alignment
/// that closes a loop is dropped (the first one met). After it, a `readable` plan keeps every
/// rule (`plan`).
pub fn repair(plan: &mut Plan) {
    if !is_pace_margin(plan.pace_margin) {
        plan.pace_margin = crate::model::PACE_MARGIN;
    }
    for c in &mut plan.backlog {
        for v in [&mut c.impact, &mut c.confidence, &mut c.ease] {
            *v = ice_nearest(f64::from(*v));
        }
    }
    let kept = |c: Option<u8>| c.filter(|c| is_confidence(*c));
    for o in &mut plan.objectives {
        for k in &mut o.key_results {
            k.confidence = kept(k.confidence);
            for c in &mut k.check_ins {
                c.confidence = kept(c.confidence);
            }
        }
    }
    let mut check = PeriodCheck::default();
    plan.periods.retain(|p| check.admit(p).is_ok());
    let ids: Vec<Id> = plan.objectives.iter().map(|o| o.id).collect();
    for id in ids {
        let to = plan.objective(id).and_then(|o| o.aligned_to);
        if to.is_some_and(|to| alignment(plan, id, to).is_err()) {
            if let Some(o) = plan.objective_mut(id) {
                o.aligned_to = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CheckIn, Step};
    use crate::period::{Date, PeriodKind};

    fn quarter(name: &str, start: &str, end: &str) -> Period {
        Period {
            name: name.into(),
            kind: PeriodKind::Quarter,
            start: Date::parse(start).unwrap(),
            end: Date::parse(end).unwrap(),
        }
    }

    #[test]
    fn single_values_keep_their_ranges() {
        assert!(is_value(-1e300) && !is_value(f64::NAN) && !is_value(f64::INFINITY));
        assert!(is_weight(0.0) && is_weight(2.5) && !is_weight(-0.1) && !is_weight(f64::NAN));
        assert!(is_grade(0.0) && is_grade(1.0) && !is_grade(1.01) && !is_grade(f64::NAN));
        assert!(is_confidence(1) && is_confidence(10) && !is_confidence(0) && !is_confidence(11));
        assert_eq!(confidence_number(7.0), Some(7));
        assert_eq!(confidence_number(7.5), None);
        assert_eq!(confidence_number(11.0), None);
        assert!(is_pace_margin(0.01) && is_pace_margin(0.5) && !is_pace_margin(0.6));
        assert!(!is_pace_margin(f64::NAN));
        assert!(is_ice(1) && is_ice(10) && !is_ice(0) && !is_ice(11));
        assert_eq!(
            [-3.0, 0.4, 4.5, 12.0, f64::NAN].map(ice_nearest),
            [1, 1, 5, 10, 5]
        );
        // The checks say which rule broke, and which field.
        assert_eq!(weight(-1.0), Err(Invalid::NegativeWeight));
        assert_eq!(weight(f64::NAN), Err(Invalid::NotFinite("Weight")));
        assert_eq!(grade(Some(1.5)), Err(Invalid::GradeOutOfRange(1.5)));
        assert_eq!(grade(None), Ok(()));
        assert_eq!(
            finite("Start", Some(f64::NEG_INFINITY)),
            Err(Invalid::NotFinite("Start"))
        );
        assert_eq!(confidence(Some(0)), Err(Invalid::ConfidenceOutOfRange(0)));
        assert_eq!(pace_margin(0.0), Err(Invalid::BadMargin(0.0)));
        let mut c = Candidate::new(Id(1), "c");
        c.ease = 11;
        assert_eq!(candidate(&c), Err(Invalid::IceOutOfRange("Ease", 11)));
    }

    #[test]
    fn a_kind_takes_only_its_values() {
        let mut k = KeyResult::empty(Id(1), "k");
        assert_eq!(kind_value(&k, 0.5), Ok(()));
        k.kind = Kind::Binary;
        assert_eq!(kind_value(&k, 1.0), Ok(()));
        assert_eq!(kind_value(&k, 0.5), Err(NotOfKind::NotBinary));
        k.kind = Kind::Milestone;
        // A bare count takes any value; one with steps, a count of them.
        assert_eq!(kind_value(&k, 0.5), Ok(()));
        k.steps = vec![
            Step {
                title: "a".into(),
                done: false,
            };
            3
        ];
        assert_eq!(kind_value(&k, 3.0), Ok(()));
        assert_eq!(kind_value(&k, 4.0), Err(NotOfKind::NotAStepCount(3)));
        assert_eq!(kind_value(&k, 1.5), Err(NotOfKind::NotAStepCount(3)));
    }

    #[test]
    fn periods_need_their_own_name_and_days_in_order() {
        let q1 = quarter("Q1 2026", "2026-01-01", "2026-03-31");
        let q2 = quarter("Q2 2026", "2026-04-01", "2026-06-30");
        assert_eq!(periods(&[q1.clone(), q2.clone()]), Ok(()));
        let again = quarter(" q1 2026", "2026-01-01", "2026-03-31");
        assert_eq!(
            periods(&[q1.clone(), again]),
            Err(Invalid::PeriodNameTaken(" q1 2026".into()))
        );
        let blank = quarter(" ", "2026-01-01", "2026-03-31");
        assert_eq!(periods(&[blank]), Err(Invalid::PeriodNameTaken(" ".into())));
        let backwards = quarter("Back", "2026-03-31", "2026-01-01");
        assert_eq!(
            periods(std::slice::from_ref(&backwards)),
            Err(Invalid::PeriodEndsBeforeStart("Back".into()))
        );
        // A refused period is not admitted: its name stays free.
        let mut check = PeriodCheck::default();
        assert!(check.admit(&backwards).is_err());
        let mut fixed = backwards;
        std::mem::swap(&mut fixed.start, &mut fixed.end);
        assert_eq!(check.admit(&fixed), Ok(()));
    }

    #[test]
    fn ids_are_used_once_within_what_a_command_inserts() {
        let mut plan = crate::example::example_plan();
        let mut o = plan.objectives[0].clone();
        assert_eq!(objective(&o), Ok(()));
        let kr_id = o.key_results[0].id;
        o.key_results[1].initiatives.push(Initiative {
            id: kr_id,
            title: "dup".into(),
            done: false,
        });
        assert_eq!(objective(&o), Err(Invalid::DuplicateId(kr_id)));
        assert_eq!(key_result(&o.key_results[0]), Ok(()));
        let list = [
            o.key_results[1].initiatives.clone(),
            o.key_results[1].initiatives.clone(),
        ]
        .concat();
        assert!(matches!(initiatives(&list), Err(Invalid::DuplicateId(_))));
        let mut k = plan.new_key_result("k");
        k.check_ins.push(CheckIn {
            when: "W1".into(),
            value: f64::NAN,
            note: String::new(),
            confidence: None,
        });
        assert_eq!(key_result(&k), Err(Invalid::NotFinite("A check-in value")));
        k.check_ins[0].value = 1.0;
        k.check_ins[0].confidence = Some(12);
        assert_eq!(key_result(&k), Err(Invalid::ConfidenceOutOfRange(12)));
    }

    #[test]
    fn a_plan_keeps_every_rule_and_repair_mends_what_can_go() {
        let example = crate::example::example_plan();
        assert_eq!(plan(&example), Ok(()));
        // Each mendable rule broken once: `plan` sees it, `repair` mends it, `readable` never
        // minded it.
        let breaks: [fn(&mut Plan); 5] = [
            |p| p.pace_margin = 0.9,
            |p| p.objectives[0].key_results[0].confidence = Some(0),
            |p| {
                let id = p.allocate_id();
                p.backlog.push(Candidate {
                    impact: 20,
                    ..Candidate::new(id, "c")
                });
            },
            |p| {
                let first = p.periods[0].clone();
                p.periods.push(first);
            },
            |p| {
                let [a, b] = [0, 1].map(|i| p.objectives[i].id);
                p.objectives[0].aligned_to = Some(b);
                p.objectives[1].aligned_to = Some(a);
            },
        ];
        for (i, broken) in breaks.iter().enumerate() {
            let mut p = example.clone();
            broken(&mut p);
            assert!(plan(&p).is_err(), "break {i}");
            assert_eq!(readable(&p), Ok(()), "break {i}");
            repair(&mut p);
            assert_eq!(plan(&p), Ok(()), "break {i}");
        }
        // What cannot be mended is not readable, and repair leaves it.
        let mut p = example.clone();
        p.objectives[1].weight = -2.0;
        assert_eq!(readable(&p), Err(Invalid::NegativeWeight));
        repair(&mut p);
        assert_eq!(plan(&p), Err(Invalid::NegativeWeight));
        // An alignment to an objective no longer in the plan is no loop.
        let mut p = example;
        p.objectives[0].aligned_to = Some(Id(9_999));
        assert_eq!(plan(&p), Ok(()));
    }
}
