//! Writes sample exports to target/export-check/ for the checks made from outside Rust:
//! `scripts/check-export.sh` opens them with openpyxl and LibreOffice (run by scripts/test.sh
//! right after `cargo test`).
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

use okr_core::model::{CheckIn, Commitment, Kind, Plan, ScoringRule};
use okr_sheets::export::workbook::workbook;

fn out_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/export-check");
    std::fs::create_dir_all(&dir).expect("create target/export-check");
    dir
}

/// Every scoring case the Score formulas must agree on with `score`.
fn every_case() -> Plan {
    let mut plan = Plan::new("Every case");
    let add = |plan: &mut Plan,
               o: &mut okr_core::model::Objective,
               title: &str,
               kind: Kind,
               v: [Option<f64>; 3],
               weight: f64,
               grade: Option<f64>| {
        let mut k = plan.new_key_result(title);
        k.kind = kind;
        [k.start, k.target, k.current] = v;
        k.weight = weight;
        k.score_override = grade;
        o.key_results.push(k);
    };
    let mut a = plan.new_objective("=HYPERLINK(\"http://evil.example\",\"click me\")");
    a.team = "Sales".into();
    a.period = "2026-Q3".into();
    a.owner = "+1 Ana".into();
    add(
        &mut plan,
        &mut a,
        "Increase leads",
        Kind::Number,
        [Some(100.0), Some(500.0), Some(260.0)],
        1.0,
        None,
    );
    add(
        &mut plan,
        &mut a,
        "Cut churn (decreasing)",
        Kind::Percent,
        [Some(0.08), Some(0.05), Some(0.065)],
        2.0,
        None,
    );
    add(
        &mut plan,
        &mut a,
        "Over target",
        Kind::Number,
        [Some(0.0), Some(10.0), Some(14.0)],
        1.0,
        None,
    );
    add(
        &mut plan,
        &mut a,
        "Below start",
        Kind::Number,
        [Some(10.0), Some(20.0), Some(3.0)],
        1.0,
        None,
    );
    add(
        &mut plan,
        &mut a,
        "Target equals start, met",
        Kind::Number,
        [Some(5.0), Some(5.0), Some(5.0)],
        1.0,
        None,
    );
    add(
        &mut plan,
        &mut a,
        "Target equals start, missed",
        Kind::Number,
        [Some(5.0), Some(5.0), Some(4.0)],
        1.0,
        None,
    );
    add(
        &mut plan,
        &mut a,
        "-2 no current yet",
        Kind::Number,
        [Some(0.0), Some(10.0), None],
        1.0,
        None,
    );
    add(
        &mut plan,
        &mut a,
        "@SUM(A1:A9) done",
        Kind::Binary,
        [Some(0.0), Some(1.0), Some(1.0)],
        1.0,
        None,
    );
    add(
        &mut plan,
        &mut a,
        "Not done",
        Kind::Binary,
        [Some(0.0), Some(1.0), Some(0.0)],
        0.5,
        None,
    );
    // Hold-the-line kinds: one holding, one broken, one without a value.
    add(
        &mut plan,
        &mut a,
        "Keep uptime at or above 99.9%",
        Kind::StayAbove,
        [None, Some(99.9), Some(99.95)],
        1.0,
        None,
    );
    add(
        &mut plan,
        &mut a,
        "Keep churn at or below 2%",
        Kind::StayBelow,
        [Some(1.5), Some(2.0), Some(2.4)],
        1.0,
        None,
    );
    add(
        &mut plan,
        &mut a,
        "Keep incidents below 3",
        Kind::StayBelow,
        [None, Some(3.0), None],
        1.0,
        None,
    );
    add(
        &mut plan,
        &mut a,
        "Graded by hand",
        Kind::Number,
        [None, None, None],
        1.0,
        Some(0.65),
    );
    add(
        &mut plan,
        &mut a,
        "Graded over values",
        Kind::Percent,
        [Some(0.1), Some(0.5), Some(0.2)],
        1.0,
        Some(0.9),
    );
    add(
        &mut plan,
        &mut a,
        "Zero weight",
        Kind::Number,
        [Some(0.0), Some(4.0), Some(1.0)],
        0.0,
        None,
    );
    // A milestone with 2 of 5 steps done (scored 0.4 by LibreOffice from 0 / 5 / 2).
    let mut m = plan.new_key_result("Launch the partner programme");
    m.kind = Kind::Milestone;
    m.steps = ["Terms", "Pricing", "Portal", "Pilot", "Launch"]
        .iter()
        .enumerate()
        .map(|(i, t)| okr_core::model::Step {
            title: t.to_string(),
            done: i < 2,
        })
        .collect();
    m.sync_steps();
    a.key_results.push(m);
    a.key_results[0].unit = "leads".into();
    a.key_results[0].link = "https://crm.example.com/report?id=4".into();
    a.key_results[1].link = "javascript:alert(1)".into();
    a.key_results[2].link = "mailto:ana@example.com".into();
    a.key_results[3].notes = "=cmd|' /C calc'!A0".into();
    a.key_results[0].check_ins = vec![
        CheckIn {
            when: "2026-07-06".into(),
            value: 120.0,
            note: "first week".into(),
            confidence: Some(7),
        },
        CheckIn {
            when: "W3".into(),
            value: 260.0,
            note: String::new(),
            confidence: None,
        },
    ];

    // Committed: its status bands expect 1.0 (checked against LibreOffice's recalculation).
    a.commitment = Commitment::Committed;
    let mut b = plan.new_objective("打造品牌 · no data yet");
    b.team = "Brand".into();
    add(
        &mut plan,
        &mut b,
        "品牌知名度",
        Kind::Percent,
        [None, Some(0.3), None],
        1.0,
        None,
    );
    let empty = plan.new_objective("Objective without key results");
    let mut zero = plan.new_objective("Only zero weights");
    add(
        &mut plan,
        &mut zero,
        "Zero",
        Kind::Number,
        [Some(0.0), Some(1.0), Some(1.0)],
        0.0,
        None,
    );
    plan.objectives = vec![a, b, empty, zero];
    // A backlog: ICE = I × C × E as a formula LibreOffice recomputes.
    for (title, ice) in [
        ("Enter the German market", (8, 4, 3)),
        ("=HYPERLINK(\"http://evil.example\")", (10, 10, 10)),
        ("Rebuild the pricing page", (1, 1, 1)),
    ] {
        let id = plan.allocate_id();
        plan.backlog.push(okr_core::model::Candidate {
            impact: ice.0,
            confidence: ice.1,
            ease: ice.2,
            ..okr_core::model::Candidate::new(id, title)
        });
    }
    plan
}

#[test]
fn writes_sample_workbooks_for_the_external_checks() {
    let dir = out_dir();
    // The same cases under each other scoring rule: LibreOffice recomputes their Score
    // formulas (rounding in tenths; commit / target / stretch with values on both sides).
    let ruled = |rule: ScoringRule| {
        let mut plan = every_case();
        plan.scoring = rule;
        for (n, k) in plan
            .objectives
            .iter_mut()
            .flat_map(|o| &mut o.key_results)
            .enumerate()
        {
            if let (Some(s), Some(t)) = (k.start, k.target) {
                // Commit a third of the way (every other one), stretch half again past target.
                if n % 2 == 0 {
                    k.commit = Some(s + (t - s) / 3.0);
                }
                k.stretch = Some(t + (t - s) / 2.0);
            }
        }
        plan
    };
    for (name, plan) in [
        ("every-case.xlsx", every_case()),
        ("example.xlsx", okr_core::example::example_plan()),
        ("graded.xlsx", ruled(ScoringRule::Graded)),
        ("thresholds.xlsx", ruled(ScoringRule::Thresholds)),
        ("pace.xlsx", ruled(ScoringRule::Pace)),
    ] {
        let bytes = workbook(&plan, "2026-11-25").expect("export");
        std::fs::write(dir.join(name), bytes).expect("write sample");
    }
}
