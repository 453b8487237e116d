//! Export → import gives back the same plan: a property test over generated plans, plus cases
//! for what users do to the workbook in Excel (rows added, grades typed, sheets removed).
#![cfg(not(target_arch = "wasm32"))]

use okr_core::model::{CheckIn, Commitment, Initiative, Kind, Objective, Plan, Step};
use okr_core::period::Period;
use okr_sheets::export::{self, workbook::workbook};
use okr_sheets::import::{self, Choices, SheetOutcome};
use proptest::prelude::*;
use rust_xlsxwriter::Workbook;

fn round_trip(plan: &Plan) -> Plan {
    let bytes = workbook(plan, "2026-11-25").expect("export");
    let name = export::file_name(&plan.name, "2026-11-25", "xlsx");
    let book = import::read(&bytes, &name).expect("read");
    import::interpret(&book, &Choices::default()).plan
}

/// The one thing a workbook cannot carry: a graded key result with no start, target or
/// current has no cell to show whether it was a percent one, and comes back as a number one.
fn normalised(mut plan: Plan) -> Plan {
    for k in plan.objectives.iter_mut().flat_map(|o| &mut o.key_results) {
        // A graded hold-the-line key result is written as `graded` with its values; no cell
        // format tells the kind back, so it returns as a graded number (README says so).
        // A graded milestone without steps has nothing to tell it from a graded number.
        if k.score_override.is_some() && k.kind == Kind::Milestone && k.steps.is_empty() {
            k.kind = Kind::Number;
        }
        if k.score_override.is_some() && matches!(k.kind, Kind::StayAbove | Kind::StayBelow) {
            k.kind = Kind::Number;
        }
        if k.score_override.is_some()
            && k.kind == Kind::Percent
            && k.start.is_none()
            && k.target.is_none()
            && k.current.is_none()
        {
            k.kind = Kind::Number;
        }
    }
    plan
}

// ---- generators ----

/// Text as the product stores it: trimmed, anything else allowed, including what a
/// spreadsheet would take for a formula, a number, a boolean or an XML escape.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-zA-Z0-9 éüñ中文日本€%,.:;/()'\"&<>_\\-]{0,16}",
        1 => prop::sample::select(vec![
            "=HYPERLINK(\"http://evil.example\",\"click\")",
            "+1",
            "-2",
            "@SUM(A1:A3)",
            "=1+1",
            "TRUE",
            "12",
            "1,000",
            "45%",
            "_x0041_ literal",
            "line one\nline two",
            "tab\there",
            "2026-01-05",
            "W3",
            "营销 · 第三季度",
            "bell\u{7} and nul\u{0} inside",
            "_x000D_ escaped return",
        ]).prop_map(String::from),
    ]
    .prop_map(|s| s.trim().to_string())
}

fn title() -> impl Strategy<Value = String> {
    // A few repeated titles, so neighbouring objectives with the same title occur.
    prop_oneof![
        1 => prop::sample::select(vec!["Grow", "Ship", "Grow"]).prop_map(String::from),
        2 => text().prop_filter("objective titles are not empty", |t| !t.is_empty()),
    ]
}

fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => (-1000i32..100_000).prop_map(f64::from),
        3 => (-100_000i64..100_000).prop_map(|n| n as f64 / 100.0),
        1 => any::<f64>().prop_filter("finite", |v| v.is_finite()),
        1 => prop::sample::select(vec![0.1, 0.2 + 0.1, 1e-300, 1e300, 123_456_789.123_456_78, -0.0]),
    ]
}

fn link() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => Just(String::new()),
        1 => Just("https://crm.example.com/report?id=4&x=\"q\"".to_string()),
        1 => Just("mailto:ana@example.com".to_string()),
        1 => Just("javascript:alert(1)".to_string()),
        1 => Just("file:///etc/passwd".to_string()),
        1 => text(),
    ]
}

#[derive(Clone, Debug)]
struct KrSpec {
    title: String,
    owner: String,
    kind: Kind,
    values: [Option<f64>; 3],
    done: Option<bool>,
    weight: f64,
    grade: Option<f64>,
    link: String,
    notes: String,
    check_ins: Vec<(String, f64, String, Option<u8>)>,
    confidence: Option<u8>,
    initiatives: Vec<(String, bool)>,
    unit: String,
    steps: Vec<(String, bool)>,
}

fn when() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "2026-01-05",
            "2024-02-29",
            "1900-01-01",
            "W3",
            "Jan",
            ""
        ])
        .prop_map(String::from),
        text(),
    ]
}

/// Tasks: titles are never empty (an empty row is not an initiative).
fn initiatives() -> impl Strategy<Value = Vec<(String, bool)>> {
    prop::collection::vec((title(), any::<bool>()), 0..3)
}

fn key_result() -> impl Strategy<Value = KrSpec> {
    (
        (text(), text(), prop::sample::select(Kind::ALL.to_vec())),
        (
            prop::array::uniform3(prop::option::of(number())),
            prop::option::of(any::<bool>()),
        ),
        (
            prop_oneof![Just(1.0), (0u32..50).prop_map(|w| f64::from(w) / 4.0)],
            prop::option::weighted(0.2, (0u32..=100).prop_map(|g| f64::from(g) / 100.0)),
        ),
        (link(), text()),
        (
            prop::collection::vec((when(), number(), text(), prop::option::of(1u8..=10)), 0..3),
            prop::option::of(1u8..=10),
            initiatives(),
        ),
        (
            prop_oneof![
                Just(String::new()),
                prop::sample::select(vec!["leads", "€", "ms", "a \"quoted\" unit", "\\"])
                    .prop_map(String::from),
            ],
            initiatives(),
        ),
    )
        .prop_map(
            |(
                (title, owner, kind),
                (values, done),
                (weight, grade),
                (link, notes),
                (check_ins, confidence, initiatives),
                (unit, steps),
            )| {
                KrSpec {
                    title,
                    owner,
                    kind,
                    values,
                    done,
                    weight,
                    grade,
                    link,
                    notes,
                    check_ins,
                    confidence,
                    initiatives,
                    unit,
                    steps,
                }
            },
        )
}

#[derive(Clone, Debug)]
struct ObjectiveSpec {
    title: String,
    owner: String,
    team: String,
    period: String,
    weight: f64,
    key_results: Vec<KrSpec>,
    committed: bool,
    /// Aligned to one of the objectives before it.
    aligned: Option<prop::sample::Index>,
    initiatives: Vec<(String, bool)>,
}

fn objective() -> impl Strategy<Value = ObjectiveSpec> {
    (
        title(),
        text(),
        prop::sample::select(vec!["", "Sales", "Brand"]).prop_map(String::from),
        prop::sample::select(vec!["", "2026-Q1", "FY26"]).prop_map(String::from),
        prop_oneof![Just(1.0), (0u32..20).prop_map(f64::from)],
        prop::collection::vec(key_result(), 0..5),
        (
            any::<bool>(),
            prop::option::of(any::<prop::sample::Index>()),
            initiatives(),
        ),
    )
        .prop_map(
            |(
                title,
                owner,
                team,
                period,
                weight,
                key_results,
                (committed, aligned, initiatives),
            )| {
                ObjectiveSpec {
                    title,
                    owner,
                    team,
                    period,
                    weight,
                    key_results,
                    committed,
                    aligned,
                    initiatives,
                }
            },
        )
}

/// Builds the plan the way the product does (fresh ids in order, binary ones 0 → 1).
fn build(specs: &[ObjectiveSpec]) -> Plan {
    let mut plan = Plan::new("Round trip");
    for (i, spec) in specs.iter().enumerate() {
        let mut o: Objective = plan.new_objective(&spec.title);
        if spec.committed {
            o.commitment = Commitment::Committed;
        }
        o.aligned_to = spec
            .aligned
            .as_ref()
            .filter(|_| i > 0)
            .map(|ix| plan.objectives[ix.index(i)].id);
        o.owner = spec.owner.clone();
        o.team = spec.team.clone();
        o.period = spec.period.clone();
        o.weight = spec.weight;
        for k in &spec.key_results {
            let mut kr = plan.new_key_result(&k.title);
            kr.owner = k.owner.clone();
            kr.kind = k.kind;
            kr.weight = k.weight;
            kr.score_override = k.grade;
            kr.link = k.link.clone();
            kr.notes = k.notes.clone();
            kr.confidence = k.confidence;
            kr.unit = k.unit.clone();
            // Only milestones keep steps (the export writes no others').
            kr.steps = k
                .steps
                .iter()
                .filter(|_| k.kind == Kind::Milestone)
                .map(|(title, done)| Step {
                    title: title.clone(),
                    done: *done,
                })
                .collect();
            let binary = |v: f64| if v.abs() >= 1.0 { 1.0 } else { 0.0 };
            match k.kind {
                Kind::Binary => {
                    kr.start = Some(0.0);
                    kr.target = Some(1.0);
                    kr.current = k.done.map(|d| if d { 1.0 } else { 0.0 });
                }
                _ => [kr.start, kr.target, kr.current] = k.values,
            }
            kr.check_ins = k
                .check_ins
                .iter()
                .map(|(when, value, note, confidence)| CheckIn {
                    when: when.clone(),
                    value: if k.kind == Kind::Binary {
                        binary(*value)
                    } else {
                        *value
                    },
                    note: note.clone(),
                    confidence: *confidence,
                })
                .collect();
            kr.sync_steps();
            o.key_results.push(kr);
        }
        plan.objectives.push(o);
    }
    // Initiatives get their ids after every row, in the order the workbook lists them (an
    // objective's own, then each key result's), as the importer hands them out.
    for (oi, spec) in specs.iter().enumerate() {
        let tasks = |plan: &mut Plan, list: &[(String, bool)]| -> Vec<Initiative> {
            list.iter()
                .map(|(title, done)| Initiative {
                    id: plan.allocate_id(),
                    title: title.clone(),
                    done: *done,
                })
                .collect()
        };
        let own = tasks(&mut plan, &spec.initiatives);
        plan.objectives[oi].initiatives = own;
        for (ki, k) in spec.key_results.iter().enumerate() {
            let list = tasks(&mut plan, &k.initiatives);
            plan.objectives[oi].key_results[ki].initiatives = list;
        }
    }
    okr_core::period::date_named_periods(&mut plan);
    plan.periods.extend(Period::quarter(2027, 2).map(|mut p| {
        p.name = "Sprint 7 · 冲刺".into();
        p
    }));
    plan
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn importing_an_export_gives_back_the_same_plan(specs in prop::collection::vec(objective(), 0..6)) {
        let plan = build(&specs);
        let back = round_trip(&plan);
        // What the importer reads keeps every rule of a plan (`validate`).
        prop_assert_eq!(okr_core::validate::plan(&back), Ok(()));
        prop_assert_eq!(&back.objectives, &normalised(plan.clone()).objectives);
        prop_assert_eq!(&back.periods, &plan.periods);
        prop_assert_eq!(back.name, plan.name);
    }

    /// The browser keeps a plan as a head record and one record per objective: put back
    /// together, they read as the plan, with no field this build would not know.
    #[test]
    fn a_plan_kept_as_records_reads_back_whole(specs in prop::collection::vec(objective(), 0..6)) {
        let plan = build(&specs);
        let delta = okr_core::stored_plan::delta(&mut None, &plan).unwrap();
        let records: std::collections::HashMap<u64, String> = delta.puts.into_iter().collect();
        let text = okr_core::stored_plan::assemble_records(
            okr_core::store::SCHEMA_VERSION, &delta.head, &delta.order, &records).unwrap();
        let checked = okr_core::store::decode_checked(&text).unwrap();
        prop_assert!(checked.is_complete(), "{:?}", checked.unknown);
        prop_assert_eq!(checked.plan, okr_core::store::decode(&okr_core::store::encode(&plan).unwrap()).unwrap());
    }
}

// ---- what people do to the workbook in Excel ----

fn example() -> Plan {
    okr_core::example::example_plan()
}

#[test]
fn the_example_plan_comes_back_whole_and_the_detail_sheets_are_reported() {
    let plan = example();
    let bytes = workbook(&plan, "2026-11-25").unwrap();
    let book = import::read(&bytes, "Example-2026-11-25.xlsx").unwrap();
    let preview = import::interpret(&book, &Choices::default());
    assert_eq!(preview.plan.objectives, plan.objectives);
    assert_eq!(preview.plan.name, "Example");
    let names: Vec<&str> = preview.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["OKRs", "Objectives", "Periods", "Scoring"]);
    assert!(preview.sheets[1..]
        .iter()
        .all(|s| matches!(s.outcome, SheetOutcome::Details { .. })));
    assert_eq!(preview.plan.periods, plan.periods);
}

/// Writes an OKRs sheet by hand, as Excel would save it after edits.
fn hand_made(rows: &[[&str; 14]], objectives: Option<&[[&str; 9]]>) -> Vec<u8> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet().set_name("OKRs").unwrap();
    for (c, h) in export::OKR_COLUMNS.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if let Ok(n) = v.parse::<f64>() {
                ws.write_number(r as u32 + 1, c as u16, n).unwrap();
            } else if !v.is_empty() {
                ws.write_string(r as u32 + 1, c as u16, *v).unwrap();
            }
        }
    }
    if let Some(objectives) = objectives {
        let ws = book.add_worksheet().set_name("Objectives").unwrap();
        for (c, h) in export::OBJECTIVE_COLUMNS.iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for (r, row) in objectives.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if let Ok(n) = v.parse::<f64>() {
                    ws.write_number(r as u32 + 1, c as u16, n).unwrap();
                } else if !v.is_empty() {
                    ws.write_string(r as u32 + 1, c as u16, *v).unwrap();
                }
            }
        }
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn rows_added_in_excel_and_a_grade_typed_over_a_formula_are_read() {
    let bytes = hand_made(
        &[
            [
                "Q3", "Sales", "Grow", "Leads", "number", "Ana", "0", "100", "40", "", "1", "", "",
                "",
            ],
            // Added in Excel below, objective left blank: belongs to "Grow".
            [
                "", "", "", "Demos", "number", "", "0", "10", "5", "", "2", "", "", "",
            ],
            // A grade typed into Score on a graded row.
            [
                "Q3", "Sales", "Ship", "Launch", "graded", "", "", "", "", "0.6", "1", "", "", "",
            ],
            // A type nobody knows: read as a number, with a warning.
            [
                "Q3", "Sales", "Ship", "Odd", "fancy", "", "0", "4", "1", "", "1", "", "", "",
            ],
        ],
        // Counts no longer fit (a row was added): titles still match the details.
        Some(&[
            ["Q3", "Sales", "Grow", "Bo", "2", "", "", "", "1"],
            ["Q3", "Sales", "Ship", "Cy", "3", "", "", "", "1"],
        ]),
    );
    let book = import::read(&bytes, "Edited-2026-11-25.xlsx").unwrap();
    assert!(import::own::is_own(&book));
    let preview = import::interpret(&book, &Choices::default());
    let p = &preview.plan;
    assert_eq!(okr_core::validate::plan(p), Ok(()));
    assert_eq!(p.objectives.len(), 2);
    let grow = &p.objectives[0];
    assert_eq!((grow.owner.as_str(), grow.weight), ("Bo", 2.0));
    let titles: Vec<&str> = grow.key_results.iter().map(|k| k.title.as_str()).collect();
    assert_eq!(titles, ["Leads", "Demos"]);
    assert_eq!(grow.key_results[1].weight, 2.0);
    let ship = &p.objectives[1];
    assert_eq!((ship.owner.as_str(), ship.weight), ("Cy", 3.0));
    assert_eq!(ship.key_results[0].score_override, Some(0.6));
    assert_eq!(ship.key_results[1].kind, Kind::Number);
    let SheetOutcome::Read(read) = &preview.sheets[0].outcome else {
        panic!("OKRs sheet not read");
    };
    let warnings = &read.warnings;
    assert!(
        warnings
            .iter()
            .map(ToString::to_string)
            .any(|w| w.contains("Row 5") && w.contains("fancy")),
        "{warnings:?}"
    );
}

#[test]
fn without_the_objectives_sheet_objectives_get_default_owner_and_weight() {
    let bytes = hand_made(
        &[[
            "", "", "Grow", "Leads", "percent", "", "0.1", "0.5", "0.3", "", "1", "", "", "",
        ]],
        None,
    );
    let book = import::read(&bytes, "plain.xlsx").unwrap();
    let p = import::interpret(&book, &Choices::default()).plan;
    assert_eq!(p.objectives[0].owner, "");
    assert_eq!(p.objectives[0].weight, 1.0);
    let k = &p.objectives[0].key_results[0];
    assert_eq!(
        (k.kind, k.start, k.current),
        (Kind::Percent, Some(0.1), Some(0.3))
    );
}

#[test]
fn changing_a_column_in_the_preview_reads_only_the_first_sheet_generically() {
    let bytes = workbook(&example(), "2026-11-25").unwrap();
    let book = import::read(&bytes, "x.xlsx").unwrap();
    let mut choices = Choices::default();
    choices.columns.insert((0, 13), import::Field::Ignore);
    let preview = import::interpret(&book, &choices);
    assert_eq!(
        preview.plan.objectives.len(),
        example().objectives.len(),
        "{:?}",
        preview.sheets
    );
    assert!(matches!(
        preview.sheets[1].outcome,
        SheetOutcome::Skipped { .. }
    ));
}

#[test]
fn the_backlog_comes_back_in_rank_order_with_its_ice_values() {
    let mut plan = okr_core::example::example_plan();
    for (title, team, ice) in [
        ("Enter the German market", "Sales", (8, 4, 3)),
        ("=1+1", "", (10, 10, 10)),
        ("Rebuild the pricing page", "Web", (1, 2, 3)),
    ] {
        let id = plan.allocate_id();
        let mut c = okr_core::model::Candidate::new(id, title);
        c.team = team.into();
        (c.impact, c.confidence, c.ease) = ice;
        plan.backlog.push(c);
    }
    let back = round_trip(&plan);
    let fields = |p: &Plan| -> Vec<(String, String, u8, u8, u8)> {
        p.backlog
            .iter()
            .map(|c| {
                (
                    c.title.clone(),
                    c.team.clone(),
                    c.impact,
                    c.confidence,
                    c.ease,
                )
            })
            .collect()
    };
    assert_eq!(fields(&back), fields(&plan));
    assert!(back.ids_are_unique());
}

#[test]
fn the_scoring_rule_and_commit_stretch_values_come_back() {
    let mut plan = okr_core::example::example_plan();
    plan.scoring = okr_core::model::ScoringRule::Thresholds;
    plan.pace_margin = 0.25;
    let k = &mut plan.objectives[0].key_results[0];
    k.commit = Some(480.0);
    k.stretch = Some(800.0);
    let p = &mut plan.objectives[0].key_results[1];
    p.commit = Some(0.03);
    let back = round_trip(&plan);
    assert_eq!(back.scoring, plan.scoring);
    assert_eq!(back.pace_margin, 0.25);
    assert_eq!(back.objectives[0].key_results[0].commit, Some(480.0));
    assert_eq!(back.objectives[0].key_results[0].stretch, Some(800.0));
    assert_eq!(back.objectives[0].key_results[1].commit, Some(0.03));
    assert_eq!(back.objectives[0].key_results[1].stretch, None);
}
