//! The scoring rules as spreadsheet formulas (`formula::Expr`): what the exported workbook
//! writes in its Score, Status and ICE cells and its score colours, built once here. Each tree
//! evaluates in Rust too, and the tests hold it equal to `score` (`key_result_score_by`,
//! `objective_score_by`, `status_for`, `status`) and to `Candidate::ice` for generated values
//! under every scoring rule, so a wrong formula fails `cargo test`; LibreOffice stays the
//! external check of the written text (`scripts/check-export.sh`).

use crate::formula::{
    and, cell, count, if_, is_number, max, min, num, or, round, rows, sum_product, text, Cells,
    Column, Expr, Value,
};
use crate::model::{Commitment, KeyResult, Kind, Objective, ScoringRule};
use crate::score::{self, Status};

use Column::{Current, Ease, Impact, Score, Start, Target, Weight};

/// A key result's Score formula under `rule`: `score::key_result_score_by` over the row's
/// Start, Target and Current cells; "" when there is nothing to score. A typed grade is the
/// grade itself. Under commit / target / stretch, commit and stretch are numbers in the
/// formula (the Thresholds sheet lists them) and count when `score::threshold_points` counts
/// them now; start, target and current stay the cells.
pub fn key_result(rule: ScoringRule, kr: &KeyResult) -> Expr {
    if let Some(grade) = kr.score_override {
        return num(grade.clamp(0.0, 1.0));
    }
    let (g, h, i) = (cell(Start), cell(Target), cell(Current));
    let one_if = |holds: Expr| if_(holds, num(1.0), num(0.0));
    match kr.kind {
        Kind::Binary => if_(i.clone().is_blank(), text(""), one_if(i.ge(num(1.0)))),
        Kind::StayAbove => if_(
            or([h.clone().is_blank(), i.clone().is_blank()]),
            text(""),
            one_if(i.ge(h)),
        ),
        Kind::StayBelow => if_(
            or([h.clone().is_blank(), i.clone().is_blank()]),
            text(""),
            one_if(i.le(h)),
        ),
        Kind::Number | Kind::Percent | Kind::Milestone => if_(
            or([
                g.clone().is_blank(),
                h.clone().is_blank(),
                i.clone().is_blank(),
            ]),
            text(""),
            if_(h.clone().equals(g), one_if(i.equals(h)), ranged(rule, kr)),
        ),
    }
}

/// What `key_result`'s tree for a key result under a rule is made of, without building it:
/// key results with equal inputs get equal trees (a test holds it for generated key results).
/// An exporter writing the tree's text on many rows finds it by these, not by building the
/// tree of each row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TreeInputs {
    /// A typed grade (its bits, clamped as the tree has it).
    Grade(u64),
    /// The kind's tree under the rule; under thresholds, the commit and stretch values (bits)
    /// that count.
    Kind {
        rule: ScoringRule,
        kind: Kind,
        commit: Option<u64>,
        stretch: Option<u64>,
    },
}

/// `key_result`'s inputs for `kr` under `rule` (see `TreeInputs`).
pub fn key_result_inputs(rule: ScoringRule, kr: &KeyResult) -> TreeInputs {
    if let Some(grade) = kr.score_override {
        return TreeInputs::Grade(grade.clamp(0.0, 1.0).to_bits());
    }
    let ranged = matches!(kr.kind, Kind::Number | Kind::Percent | Kind::Milestone);
    let (commit, stretch) = if ranged && rule == ScoringRule::Thresholds {
        // As `ranged` reads them.
        let (fc, fx) = score::threshold_points(kr);
        (
            fc.and(kr.commit).map(f64::to_bits),
            fx.and(kr.stretch).map(f64::to_bits),
        )
    } else {
        (None, None)
    };
    TreeInputs::Kind {
        rule,
        kind: kr.kind,
        commit,
        stretch,
    }
}

/// Progress from start to target, unclamped: (current − start) / (target − start).
fn progress() -> Expr {
    (cell(Current) - cell(Start)) / (cell(Target) - cell(Start))
}

/// Where `v` falls on the start → target scale.
fn point(v: f64) -> Expr {
    (num(v) - cell(Start)) / (cell(Target) - cell(Start))
}

/// The score of a key result with a range (start ≠ target) under `rule`.
fn ranged(rule: ScoringRule, kr: &KeyResult) -> Expr {
    let clamped = || min([num(1.0), max([num(0.0), progress()])]);
    match rule {
        ScoringRule::Linear | ScoringRule::Pace => clamped(),
        ScoringRule::Graded => round(clamped(), 1),
        ScoringRule::Thresholds => {
            // `score::thresholds_value` over the points `score::threshold_points` counts.
            let f = progress;
            let (fc, fx) = score::threshold_points(kr);
            let lower = match (fc, kr.commit) {
                (Some(_), Some(c)) => if_(
                    f().lt(point(c)),
                    num(0.3) * f() / point(c),
                    num(0.3) + num(0.4) * (f() - point(c)) / (num(1.0) - point(c)),
                ),
                _ => num(0.7) * f(),
            };
            let upper = match (fx, kr.stretch) {
                (Some(_), Some(x)) => if_(
                    f().lt(point(x)),
                    num(0.7) + num(0.3) * (f() - num(1.0)) / (point(x) - num(1.0)),
                    num(1.0),
                ),
                _ => num(0.7),
            };
            if_(
                f().le(num(0.0)),
                num(0.0),
                if_(f().lt(num(1.0)), lower, upper),
            )
        }
    }
}

/// An objective's Score formula: the weighted mean of its key results' Score cells over
/// their rows (`Rows`), weights below 0 counting as 0; "" when none has a score or the
/// weights sum to 0 (`score::objective_score_by`).
pub fn objective() -> Expr {
    let weights = || rows(Weight).gt(num(0.0)) * rows(Weight);
    if_(
        or([
            count(rows(Score)).equals(num(0.0)),
            sum_product([weights()]).equals(num(0.0)),
        ]),
        text(""),
        sum_product([rows(Score), weights()]) / sum_product([weights()]),
    )
}

/// The Status of a row whose Score cell is `Score`, against its objective's expectation
/// (`score::status_for`): the band's words.
pub fn status(commitment: Commitment) -> Expr {
    let s = || cell(Score);
    if_(
        s().is_blank(),
        text(Status::NoData.label()),
        if_(
            s().ge(num(score::expectation(commitment))),
            text(Status::OnTrack.label()),
            if_(
                s().ge(num(score::off_track_below(commitment))),
                text(Status::AtRisk.label()),
                text(Status::OffTrack.label()),
            ),
        ),
    )
}

/// The condition that colours a Score cell in `band` (`score::status`: off track under 0.4, at
/// risk from 0.4, on track from 0.7); `None` for no data, which stays uncoloured.
pub fn band(band: Status) -> Option<Expr> {
    let s = || cell(Score);
    let (at_risk, on_track) = (num(score::AT_RISK), num(score::ON_TRACK));
    match band {
        Status::NoData => None,
        Status::OffTrack => Some(and([is_number(s()), s().lt(at_risk)])),
        Status::AtRisk => Some(and([is_number(s()), s().ge(at_risk), s().lt(on_track)])),
        Status::OnTrack => Some(and([is_number(s()), s().ge(on_track)])),
    }
}

/// A backlog candidate's ICE formula: Impact × Confidence × Ease (`Candidate::ice`).
pub fn ice() -> Expr {
    cell(Impact) * cell(Column::Confidence) * cell(Ease)
}

/// A key result's cells: Start, Target, Current (blank when unset) and Weight.
pub struct KeyResultCells<'a>(pub &'a KeyResult);

impl Cells for KeyResultCells<'_> {
    fn cell(&self, column: Column) -> Option<Value> {
        let k = self.0;
        match column {
            Start => Some(Value::of(k.start)),
            Target => Some(Value::of(k.target)),
            Current => Some(Value::of(k.current)),
            Weight => Some(Value::Number(k.weight)),
            _ => None,
        }
    }
}

/// An objective's rows as its Score formula reads them: each key result's Score formula under
/// `rule` evaluated, and its weight (one blank row for an objective without key results, as
/// the `OKRs` sheet has it).
pub struct ObjectiveRows {
    scores: Vec<Value>,
    weights: Vec<Value>,
}

impl ObjectiveRows {
    pub fn new(rule: ScoringRule, objective: &Objective) -> Self {
        if objective.key_results.is_empty() {
            // The objective's own row, with nothing in Score and Weight.
            return ObjectiveRows {
                scores: vec![Value::Blank],
                weights: vec![Value::Blank],
            };
        }
        ObjectiveRows {
            scores: objective
                .key_results
                .iter()
                .map(|k| key_result(rule, k).evaluate(&KeyResultCells(k)))
                .collect(),
            weights: objective
                .key_results
                .iter()
                .map(|k| Value::Number(k.weight))
                .collect(),
        }
    }
}

impl Cells for ObjectiveRows {
    fn cell(&self, _column: Column) -> Option<Value> {
        None
    }

    fn rows(&self, column: Column) -> Option<Vec<Value>> {
        match column {
            Score => Some(self.scores.clone()),
            Weight => Some(self.weights.clone()),
            _ => None,
        }
    }
}

/// One cell, `Score`, holding a score (blank when it has no data).
pub struct ScoreCell(pub Option<score::Score>);

impl Cells for ScoreCell {
    fn cell(&self, column: Column) -> Option<Value> {
        (column == Score).then(|| match self.0 {
            Some(s) if s.has_data => Value::Number(s.value),
            _ => Value::Text(String::new()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formula::Layout;
    use crate::model::{Candidate, Id};

    /// The exported `OKRs` sheet's layout on row 7.
    struct OkrsRow;

    impl Layout for OkrsRow {
        fn cell(&self, column: Column) -> Option<String> {
            match column {
                Start => Some("G7".into()),
                Target => Some("H7".into()),
                Current => Some("I7".into()),
                Score => Some("J7".into()),
                _ => None,
            }
        }

        fn rows(&self, column: Column) -> Option<String> {
            match column {
                Score => Some("OKRs!J2:J4".into()),
                Weight => Some("OKRs!K2:K4".into()),
                _ => None,
            }
        }
    }

    fn kr(kind: Kind, start: Option<f64>, target: Option<f64>, current: Option<f64>) -> KeyResult {
        KeyResult {
            kind,
            start,
            target,
            current,
            ..KeyResult::empty(Id(1), "k")
        }
    }

    #[test]
    fn a_key_results_score_formula_is_written_for_its_row() {
        let number = kr(Kind::Number, Some(0.0), Some(100.0), Some(40.0));
        assert_eq!(
            key_result(ScoringRule::Linear, &number).excel(&OkrsRow),
            r#"IF(OR(G7="",H7="",I7=""),"",IF(H7=G7,IF(I7=H7,1,0),MIN(1,MAX(0,(I7-G7)/(H7-G7)))))"#
        );
        assert_eq!(
            key_result(ScoringRule::Graded, &number).excel(&OkrsRow),
            r#"IF(OR(G7="",H7="",I7=""),"",IF(H7=G7,IF(I7=H7,1,0),ROUND(MIN(1,MAX(0,(I7-G7)/(H7-G7))),1)))"#
        );
        let mut stretched = number.clone();
        stretched.commit = Some(50.0);
        stretched.stretch = Some(150.0);
        let f = "(I7-G7)/(H7-G7)";
        let (fc, fx) = ("(50-G7)/(H7-G7)", "(150-G7)/(H7-G7)");
        assert_eq!(
            key_result(ScoringRule::Thresholds, &stretched).excel(&OkrsRow),
            format!(
                r#"IF(OR(G7="",H7="",I7=""),"",IF(H7=G7,IF(I7=H7,1,0),IF({f}<=0,0,IF({f}<1,IF({f}<{fc},0.3*({f})/({fc}),0.3+0.4*({f}-{fc})/(1-{fc})),IF({f}<{fx},0.7+0.3*({f}-1)/({fx}-1),1)))))"#
            )
        );
        assert_eq!(
            key_result(ScoringRule::Thresholds, &number).excel(&OkrsRow),
            format!(
                r#"IF(OR(G7="",H7="",I7=""),"",IF(H7=G7,IF(I7=H7,1,0),IF({f}<=0,0,IF({f}<1,0.7*({f}),0.7))))"#
            )
        );
        let binary = kr(Kind::Binary, Some(0.0), Some(1.0), None);
        assert_eq!(
            key_result(ScoringRule::Pace, &binary).excel(&OkrsRow),
            r#"IF(I7="","",IF(I7>=1,1,0))"#
        );
        let above = kr(Kind::StayAbove, None, Some(40.0), Some(41.0));
        assert_eq!(
            key_result(ScoringRule::Linear, &above).excel(&OkrsRow),
            r#"IF(OR(H7="",I7=""),"",IF(I7>=H7,1,0))"#
        );
        let below = kr(Kind::StayBelow, None, Some(40.0), Some(41.0));
        assert_eq!(
            key_result(ScoringRule::Linear, &below).excel(&OkrsRow),
            r#"IF(OR(H7="",I7=""),"",IF(I7<=H7,1,0))"#
        );
        let mut graded = number;
        graded.score_override = Some(0.6);
        assert_eq!(
            key_result(ScoringRule::Linear, &graded).excel(&OkrsRow),
            "0.6"
        );
    }

    #[test]
    fn objective_status_band_and_ice_formulas_are_written() {
        assert_eq!(
            objective().excel(&OkrsRow),
            r#"IF(OR(COUNT(OKRs!J2:J4)=0,SUMPRODUCT((OKRs!K2:K4>0)*OKRs!K2:K4)=0),"",SUMPRODUCT(OKRs!J2:J4,(OKRs!K2:K4>0)*OKRs!K2:K4)/SUMPRODUCT((OKRs!K2:K4>0)*OKRs!K2:K4))"#
        );
        assert_eq!(
            status(Commitment::Aspirational).excel(&OkrsRow),
            r#"IF(J7="","No data",IF(J7>=0.7,"On track",IF(J7>=0.4,"At risk","Off track")))"#
        );
        assert_eq!(
            status(Commitment::Committed).excel(&OkrsRow),
            r#"IF(J7="","No data",IF(J7>=1,"On track",IF(J7>=0.5714285714285715,"At risk","Off track")))"#
        );
        assert_eq!(
            band(Status::AtRisk).unwrap().excel(&OkrsRow),
            "AND(ISNUMBER(J7),J7>=0.4,J7<0.7)"
        );
        assert_eq!(band(Status::NoData), None);
        struct Backlog;
        impl Layout for Backlog {
            fn cell(&self, column: Column) -> Option<String> {
                match column {
                    Impact => Some("D2".into()),
                    Column::Confidence => Some("E2".into()),
                    Ease => Some("F2".into()),
                    _ => None,
                }
            }
        }
        assert_eq!(ice().excel(&Backlog), "D2*E2*F2");
    }

    #[test]
    fn status_bands_and_ice_evaluate_as_the_rust_rules() {
        let scores = [
            None,
            Some(0.0),
            Some(0.39),
            Some(0.4),
            Some(0.5714285714285715),
        ]
        .into_iter()
        .chain([Some(0.6), Some(0.7), Some(0.99), Some(1.0)]);
        for value in scores {
            let s = value.map(|value| score::Score {
                value,
                has_data: true,
            });
            let cells = ScoreCell(s);
            for c in [Commitment::Aspirational, Commitment::Committed] {
                let expected = s.map_or(Status::NoData, |s| score::status_for(s, c));
                assert_eq!(
                    status(c).evaluate(&cells),
                    Value::Text(expected.label().to_string()),
                    "{value:?} {c:?}"
                );
            }
            let shown = s.map_or(Status::NoData, score::status);
            for b in [Status::OffTrack, Status::AtRisk, Status::OnTrack] {
                let coloured = band(b).map(|e| e.evaluate(&cells));
                assert_eq!(coloured, Some(Value::Bool(b == shown)), "{value:?} {b:?}");
            }
        }
        struct Candidate3(Candidate);
        impl Cells for Candidate3 {
            fn cell(&self, column: Column) -> Option<Value> {
                let c = &self.0;
                let v = match column {
                    Impact => c.impact,
                    Column::Confidence => c.confidence,
                    Ease => c.ease,
                    _ => return None,
                };
                Some(Value::Number(f64::from(v)))
            }
        }
        for (i, c, e) in [(1, 1, 1), (10, 10, 10), (3, 7, 9), (10, 1, 6)] {
            let candidate = Candidate {
                impact: i,
                confidence: c,
                ease: e,
                ..Candidate::new(Id(1), "c")
            };
            let ice_value = f64::from(candidate.ice());
            assert_eq!(
                ice().evaluate(&Candidate3(candidate)),
                Value::Number(ice_value)
            );
        }
    }

    /// A score as its formula's value: the number, or "" without data.
    fn as_value(s: Option<score::Score>) -> Value {
        match s {
            Some(s) if s.has_data => Value::Number(s.value),
            _ => Value::Text(String::new()),
        }
    }

    #[test]
    fn edge_cases_of_every_kind_score_the_same_in_the_formula() {
        let mut cases = Vec::new();
        for kind in Kind::ALL {
            for (s, t, c) in [
                (Some(0.0), Some(10.0), Some(5.0)),
                (Some(10.0), Some(0.0), Some(2.5)),
                (Some(3.0), Some(3.0), Some(3.0)),
                (Some(3.0), Some(3.0), Some(2.0)),
                (Some(0.0), Some(10.0), Some(15.0)),
                (Some(0.0), Some(10.0), Some(-5.0)),
                (Some(-20.0), Some(10.0), Some(-5.0)),
                (Some(0.0), Some(10.0), None),
                (None, Some(10.0), Some(1.0)),
                (Some(0.0), None, Some(1.0)),
                (Some(0.0), Some(1.0), Some(1.0)),
                (Some(0.0), Some(1.0), Some(0.0)),
            ] {
                let mut k = kr(kind, s, t, c);
                cases.push(k.clone());
                k.commit = Some(4.0);
                k.stretch = Some(15.0);
                cases.push(k.clone());
                k.score_override = Some(0.35);
                cases.push(k);
            }
        }
        for k in &cases {
            for rule in ScoringRule::ALL {
                assert_eq!(
                    key_result(rule, k).evaluate(&KeyResultCells(k)),
                    as_value(Some(score::key_result_score_by(rule, k))),
                    "{rule:?} {k:?}"
                );
            }
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod generated {
        use super::*;
        use proptest::prelude::*;

        /// Values as plans hold them: whole, decimal, negative, percent fractions, large, and
        /// the few values the rules turn on (0, 1, the same as another). Finite and within
        /// ±1e12: beyond about ±1e300 a spreadsheet overflows to #NUM! where Rust clamps.
        fn value() -> impl Strategy<Value = f64> {
            prop_oneof![
                (-1000i32..=1000).prop_map(f64::from),
                (-100_000i64..=100_000).prop_map(|n| n as f64 / 1000.0),
                (0u32..=100).prop_map(|n| f64::from(n) / 100.0),
                (-1e12f64..1e12),
                Just(0.0),
                Just(1.0),
            ]
        }

        /// `Some` mostly, sometimes missing.
        fn maybe() -> impl Strategy<Value = Option<f64>> {
            prop_oneof![4 => value().prop_map(Some), 1 => Just(None)]
        }

        fn kind() -> impl Strategy<Value = Kind> {
            proptest::sample::select(Kind::ALL.to_vec())
        }

        fn rule() -> impl Strategy<Value = ScoringRule> {
            proptest::sample::select(ScoringRule::ALL.to_vec())
        }

        /// A key result of any kind: values anywhere (also start = target, current beyond the
        /// target or before the start, missing ones), commit and stretch anywhere, sometimes a
        /// grade, milestones with steps, binaries done, not done or odd.
        fn key_result_strategy() -> impl Strategy<Value = KeyResult> {
            (
                kind(),
                (maybe(), maybe(), maybe()),
                (maybe(), maybe()),
                prop_oneof![4 => Just(None), 1 => (0u32..=100).prop_map(|g| Some(f64::from(g) / 100.0))],
                prop_oneof![2 => Just(0u8), 1 => 0u8..4],
                (0u32..=8, 0u32..=8, any::<bool>()),
                // Negative weights count as 0 (stored plans never hold one).
                (-2i32..=4).prop_map(f64::from),
            )
                .prop_map(
                    |(kind, (s, t, c), (commit, stretch), grade, odd, (steps, done, flat), weight)| {
                        let mut k = kr(kind, s, t, c);
                        k.commit = commit;
                        k.stretch = stretch;
                        k.score_override = grade;
                        k.weight = weight;
                        match (kind, odd) {
                            // Start equal to target, and current reaching exactly it.
                            (_, 1) => {
                                k.target = k.start;
                                if flat {
                                    k.current = k.start;
                                }
                            }
                            // Commit and stretch where they count: between start and target,
                            // beyond the target.
                            (_, 2) => {
                                if let (Some(s), Some(t)) = (k.start, k.target) {
                                    k.commit = Some(s + (t - s) * 0.4);
                                    k.stretch = Some(s + (t - s) * 1.5);
                                }
                            }
                            (Kind::Binary, 3) => {
                                k.start = Some(0.0);
                                k.target = Some(1.0);
                                k.current = Some(f64::from(done % 2));
                            }
                            (Kind::Milestone, 3) => {
                                k.steps = (0..steps.max(1))
                                    .map(|i| crate::model::Step {
                                        title: format!("step {i}"),
                                        done: i < done,
                                    })
                                    .collect();
                                k.sync_steps();
                            }
                            _ => {}
                        }
                        k
                    },
                )
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2000))]

            /// The Score formula evaluates to `score::key_result_score_by` for every kind under
            /// every rule: the number, or "" where the score has no data.
            #[test]
            fn key_result_formulas_evaluate_to_the_rust_score(
                k in key_result_strategy(),
                rule in rule(),
            ) {
                let formula = key_result(rule, &k).evaluate(&KeyResultCells(&k));
                let rust = score::key_result_score_by(rule, &k);
                prop_assert_eq!(formula, as_value(Some(rust)), "{:?}", k);
            }

            /// Key results with equal `key_result_inputs` get equal trees: the second key
            /// result has another's values, and the first's kind, grade, commit and stretch
            /// or another's (`same`, field by field).
            #[test]
            fn equal_tree_inputs_give_equal_trees(
                a in key_result_strategy(),
                other in key_result_strategy(),
                rule in rule(),
                same in proptest::array::uniform4(proptest::bool::weighted(0.8)),
            ) {
                fn pick<T>(take: bool, mine: T, theirs: T) -> T {
                    if take { mine } else { theirs }
                }
                let b = KeyResult {
                    kind: pick(same[0], a.kind, other.kind),
                    score_override: pick(same[1], a.score_override, other.score_override),
                    commit: pick(same[2], a.commit, other.commit),
                    stretch: pick(same[3], a.stretch, other.stretch),
                    ..other.clone()
                };
                if key_result_inputs(rule, &a) == key_result_inputs(rule, &b) {
                    prop_assert_eq!(key_result(rule, &a), key_result(rule, &b));
                }
            }

            /// An objective's Score formula over its key results' Score cells evaluates to
            /// `score::objective_score_by`, weights 0 and all-blank scores included.
            #[test]
            fn objective_formulas_evaluate_to_the_rust_score(
                krs in proptest::collection::vec(key_result_strategy(), 0..6),
                rule in rule(),
            ) {
                let o = Objective {
                    key_results: krs,
                    ..Objective::empty(Id(100), "o")
                };
                let formula = objective().evaluate(&ObjectiveRows::new(rule, &o));
                let rust = as_value(score::objective_score_by(rule, &o));
                match (&formula, &rust) {
                    // The same sums in the same order: equal to the last bit.
                    (Value::Number(a), Value::Number(b)) => prop_assert_eq!(a, b),
                    _ => prop_assert_eq!(&formula, &rust),
                }
            }
        }
    }
}
