//! Scoring: key result progress, objective and plan roll-ups, and status bands.
//!
//! Every score is in 0.0..=1.0. A key result with no current value yet counts as 0 in the
//! roll-ups but is reported as `Status::NoData`, not as a failure.

use std::fmt;

use crate::model::{Commitment, KeyResult, Kind, Objective, Plan, ScoringRule};

/// The usual "on target" score in OKR practice.
pub(crate) const ON_TRACK: f64 = 0.7;
/// Below this a key result is off track.
pub(crate) const AT_RISK: f64 = 0.4;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Score {
    pub value: f64,
    /// False when nothing has been measured yet (no current value, no grade).
    pub has_data: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    NoData,
    OffTrack,
    AtRisk,
    OnTrack,
}

impl Status {
    /// Words shown beside the number, so colour is never the only signal.
    pub fn label(self) -> &'static str {
        match self {
            Status::NoData => "No data",
            Status::OffTrack => "Off track",
            Status::AtRisk => "At risk",
            Status::OnTrack => "On track",
        }
    }

    /// A CSS-friendly name for the band.
    pub fn css(self) -> &'static str {
        match self {
            Status::NoData => "no-data",
            Status::OffTrack => "off-track",
            Status::AtRisk => "at-risk",
            Status::OnTrack => "on-track",
        }
    }
}

/// Band of a score: < 0.4 off track, 0.4 up to 0.7 at risk, ≥ 0.7 on track (the
/// aspirational expectation; see `status_for`).
pub fn status(score: Score) -> Status {
    status_for(score, Commitment::Aspirational)
}

/// The score an objective is expected to reach: 0.7 when aspirational, 1.0 when committed.
pub fn expectation(commitment: Commitment) -> f64 {
    match commitment {
        Commitment::Aspirational => ON_TRACK,
        Commitment::Committed => 1.0,
    }
}

/// The score below which work is off track, in proportion to the expectation (0.4 of 0.7:
/// about 0.57 for a committed objective).
pub(crate) fn off_track_below(commitment: Commitment) -> f64 {
    match commitment {
        Commitment::Aspirational => AT_RISK,
        Commitment::Committed => AT_RISK / ON_TRACK,
    }
}

/// Band of a score against its objective's expectation: on track from the expectation up,
/// at risk from `off_track_below`, off track under it.
pub fn status_for(score: Score, commitment: Commitment) -> Status {
    if !score.has_data {
        Status::NoData
    } else if score.value >= expectation(commitment) {
        Status::OnTrack
    } else if score.value >= off_track_below(commitment) {
        Status::AtRisk
    } else {
        Status::OffTrack
    }
}

/// Linear progress from start to target, clamped to 0..=1. Works for decreasing targets by the
/// same formula. When target equals start there is no range: 1 when reached, else 0.
pub fn progress(start: f64, target: f64, current: f64) -> f64 {
    if target == start {
        return if current == target { 1.0 } else { 0.0 };
    }
    let p = (current - start) / (target - start);
    if p.is_nan() {
        0.0
    } else {
        p.clamp(0.0, 1.0)
    }
}

pub fn key_result_score(kr: &KeyResult) -> Score {
    if let Some(grade) = kr.score_override {
        return Score {
            value: grade.clamp(0.0, 1.0),
            has_data: true,
        };
    }
    let Some(current) = kr.current else {
        return Score {
            value: 0.0,
            has_data: false,
        };
    };
    let value = match kr.kind {
        Kind::Binary => {
            if current >= 1.0 {
                1.0
            } else {
                0.0
            }
        }
        Kind::StayAbove | Kind::StayBelow => match kr.target {
            Some(line) => {
                let holds = if kr.kind == Kind::StayAbove {
                    current >= line
                } else {
                    current <= line
                };
                if holds {
                    1.0
                } else {
                    0.0
                }
            }
            None => {
                return Score {
                    value: 0.0,
                    has_data: false,
                }
            }
        },
        // A milestone with steps runs from 0 to its steps (`KeyResult::sync_steps`).
        Kind::Number | Kind::Percent | Kind::Milestone => match (kr.start, kr.target) {
            (Some(start), Some(target)) => progress(start, target, current),
            // Without a range there is nothing to measure against.
            _ => {
                return Score {
                    value: 0.0,
                    has_data: false,
                }
            }
        },
    };
    Score {
        value,
        has_data: true,
    }
}

/// Where a key result's commit and stretch values fall on its start → target scale (0 at
/// start, 1 at target): commit counts only strictly between start and target, stretch only
/// beyond the target; others are ignored (and the explanation says so).
pub(crate) fn threshold_points(kr: &KeyResult) -> (Option<f64>, Option<f64>) {
    let (Some(start), Some(target)) = (kr.start, kr.target) else {
        return (None, None);
    };
    if start == target {
        return (None, None);
    }
    let at = |v: f64| (v - start) / (target - start);
    (
        kr.commit.map(at).filter(|c| *c > 0.0 && *c < 1.0),
        kr.stretch.map(at).filter(|x| *x > 1.0 && x.is_finite()),
    )
}

/// The commit / target / stretch score of unclamped progress `f` (0 at start, 1 at target):
/// 0.3 at commit `fc`, 0.7 at target, 1.0 at stretch `fx`, straight lines between. Without a
/// commit the line runs from 0 at start to 0.7 at target; without a stretch, 0.7 is the most.
pub(crate) fn thresholds_value(f: f64, fc: Option<f64>, fx: Option<f64>) -> f64 {
    if f.is_nan() || f <= 0.0 {
        0.0
    } else if f < 1.0 {
        match fc {
            Some(c) if f < c => 0.3 * f / c,
            Some(c) => 0.3 + 0.4 * (f - c) / (1.0 - c),
            None => 0.7 * f,
        }
    } else {
        match fx {
            Some(x) if f < x => 0.7 + 0.3 * (f - 1.0) / (x - 1.0),
            Some(_) => 1.0,
            None => 0.7,
        }
    }
}

/// A key result's score under `rule`. A typed grade always wins; binary and hold-the-line
/// key results score 1 or 0 under every rule.
pub fn key_result_score_by(rule: ScoringRule, kr: &KeyResult) -> Score {
    let base = key_result_score(kr);
    if kr.score_override.is_some() || !base.has_data {
        return base;
    }
    let value = match rule {
        ScoringRule::Linear | ScoringRule::Pace => base.value,
        ScoringRule::Graded => (base.value * 10.0).round() / 10.0,
        ScoringRule::Thresholds => match (kr.kind, kr.start, kr.target, kr.current) {
            (Kind::Number | Kind::Percent | Kind::Milestone, Some(s), Some(t), Some(c))
                if s != t =>
            {
                let (fc, fx) = threshold_points(kr);
                thresholds_value((c - s) / (t - s), fc, fx)
            }
            _ => base.value,
        },
    };
    Score { value, ..base }
}

/// `objective_score` under `rule`.
pub fn objective_score_by(rule: ScoringRule, objective: &Objective) -> Option<Score> {
    weighted_mean(
        objective
            .key_results
            .iter()
            .map(|kr| (key_result_score_by(rule, kr), kr.weight)),
    )
}

/// `objectives_score` under `rule`.
pub(crate) fn objectives_score_by<'a>(
    rule: ScoringRule,
    objectives: impl Iterator<Item = &'a Objective>,
) -> Option<Score> {
    weighted_mean(objectives.filter_map(|o| objective_score_by(rule, o).map(|s| (s, o.weight))))
}

/// The band under the plan's rule. `pace` is (progress, share of the period gone) when the
/// row's period has dates and today is known: the pace rule bands by it (on track within the
/// margin, at risk within twice the margin, off track beyond); other rules, and the pace rule
/// without it, band the score against the objective's expectation.
pub(crate) fn status_by(
    plan: &Plan,
    score: Option<Score>,
    commitment: Commitment,
    pace: Option<(f64, f64)>,
) -> Status {
    let Some(score) = score.filter(|s| s.has_data) else {
        return Status::NoData;
    };
    match (plan.scoring, pace) {
        (ScoringRule::Pace, Some((progress, expected))) => {
            let behind = expected - progress;
            let margin = plan.pace_margin;
            if behind <= margin + 1e-9 {
                Status::OnTrack
            } else if behind <= 2.0 * margin + 1e-9 {
                Status::AtRisk
            } else {
                Status::OffTrack
            }
        }
        _ => status_for(score, commitment),
    }
}

/// Weighted mean of `(score, weight)` pairs; `None` when the weights sum to zero or there is
/// nothing to average. Negative or non-finite weights count as zero.
fn weighted_mean(items: impl Iterator<Item = (Score, f64)>) -> Option<Score> {
    let mut total = 0.0;
    let mut weights = 0.0;
    let mut has_data = false;
    for (score, weight) in items {
        let w = if weight.is_finite() && weight > 0.0 {
            weight
        } else {
            0.0
        };
        total += score.value * w;
        weights += w;
        has_data |= score.has_data;
    }
    (weights > 0.0).then(|| Score {
        value: total / weights,
        has_data,
    })
}

/// Weight-weighted mean of the key results; `None` for an objective with no (weighted) key result.
pub fn objective_score(objective: &Objective) -> Option<Score> {
    weighted_mean(
        objective
            .key_results
            .iter()
            .map(|kr| (key_result_score(kr), kr.weight)),
    )
}

/// The plan's score under its rule.
pub fn plan_score(plan: &Plan) -> Option<Score> {
    objectives_score_by(plan.scoring, plan.objectives.iter())
}

#[cfg(test)]
/// Score of one team's objectives, under the plan's rule.
pub(crate) fn team_score(plan: &Plan, team: &str) -> Option<Score> {
    objectives_score_by(
        plan.scoring,
        plan.objectives.iter().filter(|o| o.team == team),
    )
}

/// A value as the grid shows it: percentages as "45%", other values grouped ("40,000").
fn shown(kind: Kind, v: f64) -> String {
    if kind == Kind::Percent {
        crate::value::percent(v)
    } else {
        crate::value::grouped(v)
    }
}

fn two(v: f64) -> String {
    crate::value::fixed(v, 2)
}

/// Why a score is what it is, with its numbers: the Score cell's tooltip. The shell words it
/// in the interface language (`ui::translate`); `Display` is the English sentence. Values are
/// shown as their key result's kind shows them (`kind`).
#[derive(Clone, Debug, PartialEq)]
pub enum Explained {
    /// A grade typed in Score replaces the formula.
    Grade(f64),
    /// No current value: counts as 0 in its objective.
    NoCurrent,
    Binary {
        score: f64,
        done: bool,
    },
    /// Stay above (`above`) or below `line`.
    Hold {
        score: f64,
        above: bool,
        line: f64,
        current: f64,
        kind: Kind,
    },
    /// A hold-the-line key result without its line.
    NoLine,
    /// Target equals start.
    Flat {
        score: f64,
        target: f64,
        kind: Kind,
    },
    /// (current − start) / (target − start); `raw` before clamping.
    Linear {
        current: f64,
        start: f64,
        target: f64,
        raw: f64,
        score: f64,
        kind: Kind,
    },
    /// A milestone's steps done / steps.
    Steps {
        done: f64,
        steps: f64,
        raw: f64,
        score: f64,
    },
    /// Start or target missing.
    NoRange,
    /// The linear explanation, status by pace.
    Pace(Box<Explained>),
    /// The linear explanation, graded in tenths from `from` to `to`.
    Graded {
        linear: Box<Explained>,
        from: f64,
        to: f64,
    },
    /// Commit / target / stretch. `commit` and `stretch`: the value and whether it counts.
    Thresholds {
        score: f64,
        start: f64,
        target: f64,
        current: f64,
        kind: Kind,
        commit: Option<(f64, bool)>,
        stretch: Option<(f64, bool)>,
    },
    /// An objective without key results.
    NoKeyResults,
    /// An objective whose key results all weigh 0.
    NoWeight,
    /// The weighted mean of (score, weight) terms.
    Mean {
        terms: Vec<(f64, f64)>,
        weights: f64,
        score: f64,
    },
}

impl fmt::Display for Explained {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Explained::Grade(g) => write!(
                f,
                "Score {}: a grade typed in Score, which replaces the formula (clear it to go back to the formula).",
                two(*g)
            ),
            Explained::NoCurrent => write!(
                f,
                "No score yet: no current value. Counts as 0 in its objective's score."
            ),
            Explained::Binary { score, done } => write!(
                f,
                "Score {}: binary, 1 when done, else 0. Now: {}.",
                two(*score),
                if *done { "done" } else { "not done" }
            ),
            Explained::Hold {
                score,
                above,
                line,
                current,
                kind,
            } => write!(
                f,
                "Score {}: stay {} {}, 1 while the value holds the line, else 0. Current {}.",
                two(*score),
                if *above { "at or above" } else { "at or below" },
                shown(*kind, *line),
                shown(*kind, *current)
            ),
            Explained::NoLine => write!(
                f,
                "No score: a hold-the-line key result needs its line in Target."
            ),
            Explained::Flat {
                score,
                target,
                kind,
            } => write!(
                f,
                "Score {}: target equals start ({}), so 1 when current is exactly {}, else 0.",
                two(*score),
                shown(*kind, *target),
                shown(*kind, *target)
            ),
            Explained::Linear {
                current,
                start,
                target,
                raw,
                score,
                kind,
            } => {
                let v = |x: &f64| shown(*kind, *x);
                write!(
                    f,
                    "Score = (current − start) / (target − start) = ({} − {}) / ({} − {}){}.",
                    v(current),
                    v(start),
                    v(target),
                    v(start),
                    clamped(*raw, *score)
                )
            }
            Explained::Steps {
                done,
                steps,
                raw,
                score,
            } => write!(
                f,
                "Score{}: steps done / steps = {} / {}.",
                clamped(*raw, *score).replacen(" = ", " ", 1),
                shown(Kind::Milestone, *done),
                shown(Kind::Milestone, *steps)
            ),
            Explained::NoRange => write!(f, "No score: set Start and Target to measure progress."),
            Explained::Pace(linear) => write!(f, "{linear} Status by pace (Pace-based status rule)."),
            Explained::Graded { linear, from, to } => write!(
                f,
                "{linear} Google-style grading: graded in tenths, {} → {to:.1}.",
                two(*from)
            ),
            Explained::Thresholds {
                score,
                start,
                target,
                current,
                kind,
                commit,
                stretch,
            } => {
                let v = |x: f64| shown(*kind, x);
                let commit = match commit {
                    Some((c, true)) => format!("0.3 at commit {}", v(*c)),
                    Some((c, false)) => {
                        format!("commit {} ignored (not between start and target)", v(*c))
                    }
                    None => "no commit value".to_string(),
                };
                let stretch = match stretch {
                    Some((x, true)) => format!("1.0 at stretch {}", v(*x)),
                    Some((x, false)) => {
                        format!("stretch {} ignored (not beyond the target)", v(*x))
                    }
                    None => "no stretch value, so 0.7 is the most".to_string(),
                };
                write!(
                    f,
                    "Score {}: commit / target / stretch from start {}: {commit}, 0.7 at target {}, {stretch}; current {}.",
                    two(*score),
                    v(*start),
                    v(*target),
                    v(*current)
                )
            }
            Explained::NoKeyResults => {
                write!(f, "No score: add key results to score this objective.")
            }
            Explained::NoWeight => write!(f, "No score: every key result has weight 0."),
            Explained::Mean {
                terms,
                weights,
                score,
            } => {
                let terms: Vec<String> = terms
                    .iter()
                    .map(|(s, w)| format!("{} × {}", two(*s), crate::value::plain(*w)))
                    .collect();
                write!(
                    f,
                    "Score = weighted mean of {} key result{} = ({}) / {} = {}. Key results without a value count as 0.",
                    terms.len(),
                    if terms.len() == 1 { "" } else { "s" },
                    terms.join(" + "),
                    crate::value::plain(*weights),
                    two(*score)
                )
            }
        }
    }
}

/// " = 0.50" or " = 1.50, clamped to 1.00".
fn clamped(raw: f64, score: f64) -> String {
    if (0.0..=1.0).contains(&raw) {
        format!(" = {}", two(score))
    } else {
        format!(" = {}, clamped to {}", two(raw), two(score))
    }
}

#[cfg(test)]
/// How a key result's score is computed, with its numbers: the Score cell's tooltip.
pub(crate) fn explain_key_result(kr: &KeyResult) -> String {
    explained_key_result(kr).to_string()
}

/// `explain_key_result` as facts.
pub(crate) fn explained_key_result(kr: &KeyResult) -> Explained {
    let score = key_result_score(kr);
    if let Some(grade) = kr.score_override {
        return Explained::Grade(grade.clamp(0.0, 1.0));
    }
    let Some(current) = kr.current else {
        return Explained::NoCurrent;
    };
    match kr.kind {
        Kind::Binary => Explained::Binary {
            score: score.value,
            done: current >= 1.0,
        },
        Kind::StayAbove | Kind::StayBelow => match kr.target {
            Some(line) => Explained::Hold {
                score: score.value,
                above: kr.kind == Kind::StayAbove,
                line,
                current,
                kind: kr.kind,
            },
            None => Explained::NoLine,
        },
        Kind::Number | Kind::Percent | Kind::Milestone => match (kr.start, kr.target) {
            (Some(start), Some(target)) if start == target => Explained::Flat {
                score: score.value,
                target,
                kind: kr.kind,
            },
            (Some(start), Some(target)) => {
                let raw = (current - start) / (target - start);
                if kr.kind == Kind::Milestone && !kr.steps.is_empty() {
                    Explained::Steps {
                        done: current,
                        steps: target,
                        raw,
                        score: score.value,
                    }
                } else {
                    Explained::Linear {
                        current,
                        start,
                        target,
                        raw,
                        score: score.value,
                        kind: kr.kind,
                    }
                }
            }
            _ => Explained::NoRange,
        },
    }
}

#[cfg(test)]
/// `explain_key_result` under `rule`: what the rule changes, with its numbers.
pub(crate) fn explain_key_result_by(rule: ScoringRule, kr: &KeyResult) -> String {
    explained_key_result_by(rule, kr).to_string()
}

/// `explain_key_result_by` as facts.
pub(crate) fn explained_key_result_by(rule: ScoringRule, kr: &KeyResult) -> Explained {
    let linear = explained_key_result(kr);
    let base = key_result_score(kr);
    if kr.score_override.is_some() || !base.has_data {
        return linear;
    }
    let scored = key_result_score_by(rule, kr);
    match rule {
        ScoringRule::Linear => linear,
        ScoringRule::Pace => Explained::Pace(Box::new(linear)),
        ScoringRule::Graded => Explained::Graded {
            linear: Box::new(linear),
            from: base.value,
            to: scored.value,
        },
        ScoringRule::Thresholds => {
            let (Some(start), Some(target), Some(current)) = (kr.start, kr.target, kr.current)
            else {
                return linear;
            };
            if !matches!(kr.kind, Kind::Number | Kind::Percent | Kind::Milestone) || start == target
            {
                return linear;
            }
            let (fc, fx) = threshold_points(kr);
            Explained::Thresholds {
                score: scored.value,
                start,
                target,
                current,
                kind: kr.kind,
                commit: kr.commit.map(|c| (c, fc.is_some())),
                stretch: kr.stretch.map(|x| (x, fx.is_some())),
            }
        }
    }
}

#[cfg(test)]
/// How an objective's score is computed: the weighted mean of its key results' scores.
pub(crate) fn explain_objective(objective: &Objective) -> String {
    explain_objective_by(ScoringRule::Linear, objective)
}

#[cfg(test)]
/// `explain_objective` under `rule`.
pub(crate) fn explain_objective_by(rule: ScoringRule, objective: &Objective) -> String {
    explained_objective_by(rule, objective).to_string()
}

/// `explain_objective_by` as facts.
pub(crate) fn explained_objective_by(rule: ScoringRule, objective: &Objective) -> Explained {
    let Some(total) = objective_score_by(rule, objective) else {
        return if objective.key_results.is_empty() {
            Explained::NoKeyResults
        } else {
            Explained::NoWeight
        };
    };
    let weight = |k: &KeyResult| {
        if k.weight.is_finite() && k.weight > 0.0 {
            k.weight
        } else {
            0.0
        }
    };
    let terms: Vec<(f64, f64)> = objective
        .key_results
        .iter()
        .map(|k| (key_result_score(k).value, weight(k)))
        .collect();
    let weights = objective.key_results.iter().map(weight).sum();
    Explained::Mean {
        terms,
        weights,
        score: total.value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Id;

    fn kr(kind: Kind, start: Option<f64>, target: Option<f64>, current: Option<f64>) -> KeyResult {
        KeyResult {
            kind,
            start,
            target,
            current,
            ..KeyResult::empty(Id(1), "kr")
        }
    }

    fn num(start: f64, target: f64, current: f64) -> KeyResult {
        kr(Kind::Number, Some(start), Some(target), Some(current))
    }

    fn value(k: &KeyResult) -> f64 {
        key_result_score(k).value
    }

    #[test]
    fn increasing_number_scores_linear_progress() {
        assert_eq!(value(&num(400.0, 650.0, 525.0)), 0.5);
    }

    #[test]
    fn progress_is_clamped_to_zero_and_one() {
        assert_eq!(value(&num(0.0, 10.0, 15.0)), 1.0);
        assert_eq!(value(&num(0.0, 10.0, -3.0)), 0.0);
    }

    #[test]
    fn decreasing_target_uses_the_same_formula() {
        assert_eq!(value(&num(5.0, 2.0, 3.5)), 0.5);
        assert_eq!(value(&num(5.0, 2.0, 1.0)), 1.0);
        assert_eq!(value(&num(5.0, 2.0, 6.0)), 0.0);
    }

    #[test]
    fn negative_values_score_like_any_other() {
        // Net promoter score from -20 to 10, now -5: half way.
        assert_eq!(value(&num(-20.0, 10.0, -5.0)), 0.5);
    }

    #[test]
    fn percent_values_are_fractions() {
        let k = kr(Kind::Percent, Some(0.2), Some(0.3), Some(0.25));
        assert!((value(&k) - 0.5).abs() < 1e-12);
    }

    #[test]
    fn target_equal_to_start_scores_one_only_when_reached() {
        assert_eq!(value(&num(3.0, 3.0, 3.0)), 1.0);
        assert_eq!(value(&num(3.0, 3.0, 2.0)), 0.0);
        assert_eq!(value(&num(3.0, 3.0, 4.0)), 0.0);
    }

    #[test]
    fn no_current_value_is_zero_and_no_data() {
        let s = key_result_score(&kr(Kind::Number, Some(0.0), Some(10.0), None));
        assert_eq!(s.value, 0.0);
        assert!(!s.has_data);
        assert_eq!(status(s), Status::NoData);
    }

    #[test]
    fn missing_start_or_target_is_no_data() {
        let s = key_result_score(&kr(Kind::Number, None, Some(10.0), Some(5.0)));
        assert_eq!(status(s), Status::NoData);
    }

    #[test]
    fn binary_is_one_when_done_else_zero() {
        assert_eq!(
            value(&kr(Kind::Binary, Some(0.0), Some(1.0), Some(1.0))),
            1.0
        );
        assert_eq!(
            value(&kr(Kind::Binary, Some(0.0), Some(1.0), Some(0.0))),
            0.0
        );
        let not_started = key_result_score(&kr(Kind::Binary, Some(0.0), Some(1.0), None));
        assert_eq!(status(not_started), Status::NoData);
    }

    #[test]
    fn score_override_wins_over_formula() {
        let mut k = num(0.0, 10.0, 10.0);
        k.score_override = Some(0.3);
        assert_eq!(value(&k), 0.3);
        // even with no current value
        let mut k = kr(Kind::Number, None, None, None);
        k.score_override = Some(0.8);
        assert_eq!(
            key_result_score(&k),
            Score {
                value: 0.8,
                has_data: true
            }
        );
    }

    #[test]
    fn committed_objectives_are_on_track_only_when_met() {
        let s = |value| Score {
            value,
            has_data: true,
        };
        assert_eq!(
            status_for(s(0.7), Commitment::Aspirational),
            Status::OnTrack
        );
        assert_eq!(status_for(s(0.7), Commitment::Committed), Status::AtRisk);
        assert_eq!(status_for(s(1.0), Commitment::Committed), Status::OnTrack);
        assert_eq!(status_for(s(0.5), Commitment::Committed), Status::OffTrack);
        assert_eq!(status_for(s(0.5), Commitment::Aspirational), Status::AtRisk);
        assert_eq!(status(s(0.39)), Status::OffTrack);
        let none = Score {
            value: 0.0,
            has_data: false,
        };
        assert_eq!(status_for(none, Commitment::Committed), Status::NoData);
    }

    #[test]
    fn stay_above_and_below_score_one_while_the_line_holds() {
        let above = |current| key_result_score(&kr(Kind::StayAbove, None, Some(40.0), current));
        assert_eq!(above(Some(40.0)).value, 1.0);
        assert_eq!(above(Some(55.0)).value, 1.0);
        assert_eq!(above(Some(39.9)).value, 0.0);
        assert!(!above(None).has_data);
        let below = |current| key_result_score(&kr(Kind::StayBelow, Some(0.0), Some(2.0), current));
        assert_eq!(below(Some(2.0)).value, 1.0);
        assert_eq!(below(Some(3.0)).value, 0.0);
        let no_line = key_result_score(&kr(Kind::StayBelow, None, None, Some(1.0)));
        assert!(!no_line.has_data);
    }

    fn objective(krs: Vec<KeyResult>, weight: f64) -> Objective {
        Objective {
            weight,
            key_results: krs,
            ..Objective::empty(Id(100), "o")
        }
    }

    #[test]
    fn objective_score_is_equal_weight_mean_by_default() {
        let o = objective(vec![num(0.0, 10.0, 10.0), num(0.0, 10.0, 0.0)], 1.0);
        assert_eq!(objective_score(&o).unwrap().value, 0.5);
    }

    #[test]
    fn objective_score_respects_key_result_weights() {
        let mut heavy = num(0.0, 10.0, 10.0);
        heavy.weight = 3.0;
        let o = objective(vec![heavy, num(0.0, 10.0, 0.0)], 1.0);
        assert_eq!(objective_score(&o).unwrap().value, 0.75);
    }

    #[test]
    fn no_data_key_results_count_as_zero_in_the_objective() {
        let o = objective(
            vec![
                num(0.0, 10.0, 10.0),
                kr(Kind::Number, Some(0.0), Some(10.0), None),
            ],
            1.0,
        );
        let s = objective_score(&o).unwrap();
        assert_eq!(s.value, 0.5);
        assert!(s.has_data);
    }

    #[test]
    fn objective_without_key_results_has_no_score() {
        assert_eq!(objective_score(&objective(vec![], 1.0)), None);
    }

    #[test]
    fn zero_weights_give_no_score_instead_of_nan() {
        let mut k = num(0.0, 10.0, 5.0);
        k.weight = 0.0;
        assert_eq!(objective_score(&objective(vec![k], 1.0)), None);
    }

    #[test]
    fn plan_and_team_scores_are_weighted_means_of_objectives() {
        let mut plan = Plan::new("p");
        let mut a = objective(vec![num(0.0, 10.0, 10.0)], 1.0);
        a.team = "Brand".into();
        let mut b = objective(vec![num(0.0, 10.0, 4.0)], 3.0);
        b.team = "Content".into();
        let empty = objective(vec![], 5.0);
        plan.objectives = vec![a, b, empty];
        let s = plan_score(&plan).unwrap();
        assert!((s.value - (1.0 + 3.0 * 0.4) / 4.0).abs() < 1e-12);
        assert_eq!(team_score(&plan, "Brand").unwrap().value, 1.0);
        assert_eq!(team_score(&plan, "Nobody"), None);
    }

    #[test]
    fn score_cells_explain_themselves_with_their_numbers() {
        assert_eq!(
            explain_key_result(&num(400.0, 650.0, 525.0)),
            "Score = (current − start) / (target − start) = (525 − 400) / (650 − 400) = 0.50."
        );
        assert!(explain_key_result(&num(0.0, 10.0, 15.0)).ends_with("= 1.50, clamped to 1.00."));
        let pct = kr(Kind::Percent, Some(0.2), Some(0.3), Some(0.25));
        assert!(explain_key_result(&pct).contains("(25% − 20%) / (30% − 20%)"));
        let done = kr(Kind::Binary, Some(0.0), Some(1.0), Some(1.0));
        assert_eq!(
            explain_key_result(&done),
            "Score 1.00: binary, 1 when done, else 0. Now: done."
        );
        let mut graded = num(0.0, 10.0, 2.0);
        graded.score_override = Some(0.6);
        assert!(explain_key_result(&graded).starts_with("Score 0.60: a grade typed in Score"));
        assert!(
            explain_key_result(&kr(Kind::Number, Some(0.0), Some(1.0), None))
                .starts_with("No score yet")
        );
        let above = kr(Kind::StayAbove, None, Some(40.0), Some(39.0));
        assert!(explain_key_result(&above).contains("stay at or above 40"));
        let mut milestone = kr(Kind::Milestone, None, None, None);
        milestone.steps = ["a", "b", "c", "d", "e"]
            .iter()
            .enumerate()
            .map(|(i, t)| crate::model::Step {
                title: t.to_string(),
                done: i < 2,
            })
            .collect();
        milestone.sync_steps();
        assert_eq!(
            explain_key_result(&milestone),
            "Score 0.40: steps done / steps = 2 / 5."
        );
        let mut heavy = num(0.0, 10.0, 10.0);
        heavy.weight = 3.0;
        let o = objective(vec![heavy, num(0.0, 10.0, 0.0)], 1.0);
        assert_eq!(
            explain_objective(&o),
            "Score = weighted mean of 2 key results = (1.00 × 3 + 0.00 × 1) / 4 = 0.75. Key results without a value count as 0."
        );
        assert!(explain_objective(&objective(vec![], 1.0)).starts_with("No score"));
    }

    #[test]
    fn graded_rule_grades_in_tenths() {
        let k = num(400.0, 650.0, 520.0); // 0.48
        assert_eq!(key_result_score_by(ScoringRule::Linear, &k).value, 0.48);
        assert_eq!(key_result_score_by(ScoringRule::Graded, &k).value, 0.5);
        assert_eq!(
            key_result_score_by(ScoringRule::Graded, &num(0.0, 100.0, 34.0)).value,
            0.3
        );
        assert_eq!(
            key_result_score_by(ScoringRule::Graded, &num(0.0, 100.0, 35.0)).value,
            0.4
        );
        // Grades typed by hand and "no data" are left alone.
        let mut graded = num(0.0, 10.0, 5.0);
        graded.score_override = Some(0.33);
        assert_eq!(
            key_result_score_by(ScoringRule::Graded, &graded).value,
            0.33
        );
        assert!(
            !key_result_score_by(
                ScoringRule::Graded,
                &kr(Kind::Number, Some(0.0), Some(1.0), None)
            )
            .has_data
        );
        assert!(explain_key_result_by(ScoringRule::Graded, &k)
            .ends_with("graded in tenths, 0.48 → 0.5."));
    }

    #[test]
    fn commit_target_stretch_scores_0_3_0_7_and_1_at_its_three_values() {
        let mut k = num(0.0, 100.0, 0.0);
        k.commit = Some(50.0);
        k.stretch = Some(150.0);
        let at = |k: &KeyResult, current: f64| {
            let mut k = k.clone();
            k.current = Some(current);
            key_result_score_by(ScoringRule::Thresholds, &k).value
        };
        assert_eq!(at(&k, 0.0), 0.0);
        assert!((at(&k, 25.0) - 0.15).abs() < 1e-12);
        assert!((at(&k, 50.0) - 0.3).abs() < 1e-12);
        assert!((at(&k, 75.0) - 0.5).abs() < 1e-12);
        assert!((at(&k, 100.0) - 0.7).abs() < 1e-12);
        assert!((at(&k, 125.0) - 0.85).abs() < 1e-12);
        assert_eq!(at(&k, 150.0), 1.0);
        assert_eq!(at(&k, 400.0), 1.0);
        assert_eq!(at(&k, -5.0), 0.0);
        // Decreasing: cost per lead 85 → 60, commit 70, stretch 50.
        let mut down = num(85.0, 60.0, 70.0);
        down.commit = Some(70.0);
        down.stretch = Some(50.0);
        assert!((at(&down, 70.0) - 0.3).abs() < 1e-12);
        assert!((at(&down, 60.0) - 0.7).abs() < 1e-12);
        assert!((at(&down, 55.0) - 0.85).abs() < 1e-12);
        // Without commit: straight to 0.7 at target; without stretch 0.7 is the most.
        let plain = num(0.0, 100.0, 50.0);
        assert!((at(&plain, 50.0) - 0.35).abs() < 1e-12);
        assert!((at(&plain, 200.0) - 0.7).abs() < 1e-12);
        // A commit outside start..target, or a stretch short of the target, is ignored and said.
        let mut odd = num(0.0, 100.0, 50.0);
        odd.commit = Some(120.0);
        odd.stretch = Some(90.0);
        assert_eq!(threshold_points(&odd), (None, None));
        let said = explain_key_result_by(ScoringRule::Thresholds, &odd);
        assert!(
            said.contains("commit 120 ignored") && said.contains("stretch 90 ignored"),
            "{said}"
        );
        assert!(explain_key_result_by(ScoringRule::Thresholds, &k).contains("0.3 at commit 50"));
        // Binary keeps 1 / 0.
        let done = kr(Kind::Binary, Some(0.0), Some(1.0), Some(1.0));
        assert_eq!(
            key_result_score_by(ScoringRule::Thresholds, &done).value,
            1.0
        );
    }

    #[test]
    fn pace_rule_bands_by_pace_with_the_plans_margin() {
        let mut plan = Plan::new("p");
        plan.scoring = ScoringRule::Pace;
        let s = Some(Score {
            value: 0.5,
            has_data: true,
        });
        let c = Commitment::Aspirational;
        // Half the period gone: 0.42 trails by 0.08 (within 0.1) → on track.
        assert_eq!(status_by(&plan, s, c, Some((0.42, 0.5))), Status::OnTrack);
        assert_eq!(status_by(&plan, s, c, Some((0.35, 0.5))), Status::AtRisk);
        assert_eq!(status_by(&plan, s, c, Some((0.2, 0.5))), Status::OffTrack);
        plan.pace_margin = 0.2;
        assert_eq!(status_by(&plan, s, c, Some((0.35, 0.5))), Status::OnTrack);
        // Without a dated period it bands the score; other rules ignore pace.
        assert_eq!(status_by(&plan, s, c, None), Status::AtRisk);
        plan.scoring = ScoringRule::Linear;
        assert_eq!(status_by(&plan, s, c, Some((0.9, 0.1))), Status::AtRisk);
        assert_eq!(status_by(&plan, None, c, None), Status::NoData);
    }

    #[test]
    fn the_plan_score_follows_the_plans_rule() {
        let mut plan = Plan::new("p");
        let o = objective(vec![num(400.0, 650.0, 520.0)], 1.0);
        plan.objectives.push(o);
        assert_eq!(plan_score(&plan).unwrap().value, 0.48);
        plan.scoring = ScoringRule::Graded;
        assert_eq!(plan_score(&plan).unwrap().value, 0.5);
    }

    #[test]
    fn status_bands_follow_thresholds() {
        let s = |v| {
            status(Score {
                value: v,
                has_data: true,
            })
        };
        assert_eq!(s(0.0), Status::OffTrack);
        assert_eq!(s(0.39), Status::OffTrack);
        assert_eq!(s(0.4), Status::AtRisk);
        assert_eq!(s(0.69), Status::AtRisk);
        assert_eq!(s(0.7), Status::OnTrack);
        assert_eq!(s(1.0), Status::OnTrack);
    }
}
