//! The importer against spreadsheet layouts people really use. Every fixture is generated
//! here with rust_xlsxwriter (or written as CSV), so the test shows the layout it covers.

use okr_core::model::{Kind, Objective};
use okr_sheets::import::{self, Choices, Field, Preview, SheetOutcome};
use rust_xlsxwriter::{Format, Workbook};

#[derive(Clone)]
enum V {
    S(&'static str),
    N(f64),
    F(&'static str, f64),
    E,
}
use V::*;

fn xlsx(sheets: &[(&str, Vec<Vec<V>>)]) -> Vec<u8> {
    let mut book = Workbook::new();
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match v {
                    S(t) => {
                        sheet.write_string(r, c, *t).unwrap();
                    }
                    N(n) => {
                        sheet.write_number(r, c, *n).unwrap();
                    }
                    F(f, cached) => {
                        sheet
                            .write_formula(
                                r,
                                c,
                                rust_xlsxwriter::Formula::new(*f).set_result(cached.to_string()),
                            )
                            .unwrap();
                    }
                    E => {}
                }
            }
        }
    }
    book.save_to_buffer().unwrap()
}

fn preview(bytes: &[u8], name: &str) -> Preview {
    let book = import::read(bytes, name).expect("reads");
    import::interpret(&book, &Choices::default())
}

fn titles(o: &Objective) -> Vec<&str> {
    o.key_results.iter().map(|k| k.title.as_str()).collect()
}

#[test]
fn title_rows_above_and_totals_and_notes_below_are_skipped() {
    let bytes = xlsx(&[(
        "OKRs",
        vec![
            vec![S("Marketing OKRs — Q3 2026")],
            vec![S("Fill in the yellow cells every Friday")],
            vec![],
            vec![
                S("Objective"),
                S("Key Result"),
                S("Owner"),
                S("Start"),
                S("Target"),
                S("Current"),
            ],
            vec![
                S("Grow pipeline"),
                S("Leads 400 → 650"),
                S("Luis"),
                N(400.0),
                N(650.0),
                N(525.0),
            ],
            vec![
                S("Grow pipeline"),
                S("Cost per lead 85 → 60"),
                S("Luis"),
                N(85.0),
                N(60.0),
                N(72.5),
            ],
            vec![
                S("Win the brand"),
                S("NPS -20 → 10"),
                S("Priya"),
                N(-20.0),
                N(10.0),
                N(-5.0),
            ],
            vec![S("Total"), E, E, E, E, F("=SUM(F5:F7)", 592.5)],
            vec![],
            vec![S("Scores are updated weekly.")],
        ],
    )]);
    let p = preview(&bytes, "marketing.xlsx");
    assert_eq!(p.plan.objectives.len(), 2);
    assert_eq!(
        titles(&p.plan.objectives[0]),
        ["Leads 400 → 650", "Cost per lead 85 → 60"]
    );
    let kr = &p.plan.objectives[1].key_results[0];
    assert_eq!(
        (kr.start, kr.target, kr.current),
        (Some(-20.0), Some(10.0), Some(-5.0))
    );
    assert_eq!(kr.owner, "Priya");
    match &p.sheets[0].outcome {
        SheetOutcome::Read(read) => {
            assert_eq!(read.header_row, 4);
            let reasons: Vec<(usize, String)> = read
                .skipped_rows
                .iter()
                .map(|s| (s.row, s.reason.to_string()))
                .collect();
            assert_eq!(
                reasons,
                [
                    (8, "totals row".to_string()),
                    (10, "note below the table".to_string())
                ]
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn objective_written_once_is_carried_down() {
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    for (c, h) in ["Objective", "Key result", "Target", "Actual"]
        .iter()
        .enumerate()
    {
        s.write_string(0, c as u16, *h).unwrap();
    }
    // Merged over its two key results, as templates do.
    s.merge_range(1, 0, 2, 0, "Delight customers", &Format::new())
        .unwrap();
    s.write_string(1, 1, "CSAT to 90").unwrap();
    s.write_number(1, 2, 90.0).unwrap();
    s.write_number(1, 3, 85.0).unwrap();
    s.write_string(2, 1, "Churn below 2").unwrap();
    s.write_number(2, 2, 2.0).unwrap();
    // Written on the first row only, blanks below.
    s.write_string(3, 0, "Ship faster").unwrap();
    s.write_string(3, 1, "Cycle time 10 → 5").unwrap();
    s.write_string(4, 1, "Deploys per week 20").unwrap();
    let p = preview(&book.save_to_buffer().unwrap(), "x.xlsx");
    assert_eq!(p.plan.objectives.len(), 2);
    assert_eq!(
        titles(&p.plan.objectives[0]),
        ["CSAT to 90", "Churn below 2"]
    );
    assert_eq!(
        titles(&p.plan.objectives[1]),
        ["Cycle time 10 → 5", "Deploys per week 20"]
    );
    // A target with no start starts from zero.
    let csat = &p.plan.objectives[0].key_results[0];
    assert_eq!(
        (csat.start, csat.target, csat.current),
        (Some(0.0), Some(90.0), Some(85.0))
    );
}

#[test]
fn objective_rows_followed_by_key_result_rows_in_one_column() {
    let bytes = xlsx(&[(
        "Q3",
        vec![
            vec![
                S("OKR"),
                S("Owner"),
                S("Baseline"),
                S("Goal"),
                S("Current"),
                S("Score"),
            ],
            vec![S("O1: Build a predictable pipeline"), S("Dana")],
            vec![
                S("KR1.1: 650 MQLs a month"),
                S("Luis"),
                N(400.0),
                N(650.0),
                N(520.0),
                N(0.48),
            ],
            vec![
                S("KR1.2: Conversion 4%"),
                S("Mei"),
                S("2.5%"),
                S("4%"),
                S("3.1%"),
            ],
            vec![S("O2: Be remembered")],
            vec![S("KR2.1 Publish the report"), S("Sam"), E, E, S("No")],
        ],
    )]);
    let p = preview(&bytes, "plan.xlsx");
    assert_eq!(p.plan.objectives.len(), 2);
    let o1 = &p.plan.objectives[0];
    assert_eq!(o1.title, "Build a predictable pipeline");
    assert_eq!(o1.owner, "Dana");
    assert_eq!(o1.period, "Q3");
    assert_eq!(titles(o1), ["650 MQLs a month", "Conversion 4%"]);
    let conversion = &o1.key_results[1];
    assert_eq!(conversion.kind, Kind::Percent);
    assert_eq!(
        (conversion.start, conversion.target, conversion.current),
        (Some(0.025), Some(0.04), Some(0.031))
    );
    let report = &p.plan.objectives[1].key_results[0];
    assert_eq!((report.kind, report.current), (Kind::Binary, Some(0.0)));
}

#[test]
fn one_sheet_per_team_and_instruction_sheets_are_skipped_with_a_reason() {
    let header = || {
        vec![
            S("Objective"),
            S("Key Result"),
            S("Start"),
            S("Target"),
            S("Current"),
        ]
    };
    let bytes = xlsx(&[
        (
            "Instructions",
            vec![
                vec![S("How to use this template")],
                vec![S("1. Write objectives")],
            ],
        ),
        (
            "Content",
            vec![
                header(),
                vec![
                    S("Rank"),
                    S("Organic visits 40k → 60k"),
                    N(40000.0),
                    N(60000.0),
                    N(50000.0),
                ],
            ],
        ),
        (
            "Brand",
            vec![
                header(),
                vec![
                    S("Be known"),
                    S("Aided awareness 10% → 20%"),
                    S("10%"),
                    S("20%"),
                    S("15%"),
                ],
            ],
        ),
        (
            "Lists",
            vec![vec![S("Owners")], vec![S("Dana")], vec![S("Luis")]],
        ),
    ]);
    let p = preview(&bytes, "teams.xlsx");
    let teams: Vec<&str> = p.plan.objectives.iter().map(|o| o.team.as_str()).collect();
    assert_eq!(teams, ["Content", "Brand"]);
    match &p.sheets[0].outcome {
        SheetOutcome::Skipped { reason } => {
            assert!(reason.to_string().contains("instructions"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(p.sheets[3].outcome, SheetOutcome::Skipped { .. }));
}

#[test]
fn weekly_check_in_columns_give_the_latest_value_as_current() {
    let bytes = xlsx(&[(
        "2026 Q1",
        vec![
            vec![
                S("Objective"),
                S("Key Result"),
                S("Start"),
                S("Target"),
                S("W1"),
                S("W2"),
                S("W3"),
                S("W4"),
            ],
            vec![
                S("Grow"),
                S("Signups 100 → 200"),
                N(100.0),
                N(200.0),
                N(110.0),
                N(120.0),
                N(150.0),
            ],
            vec![S("Grow"), S("Demos 10 → 30"), N(10.0), N(30.0), N(12.0)],
        ],
    )]);
    let p = preview(&bytes, "weekly.xlsx");
    let krs = &p.plan.objectives[0].key_results;
    assert_eq!(krs[0].current, Some(150.0));
    assert_eq!(krs[1].current, Some(12.0));
    let history: Vec<(&str, f64)> = krs[0]
        .check_ins
        .iter()
        .map(|c| (c.when.as_str(), c.value))
        .collect();
    assert_eq!(history, [("W1", 110.0), ("W2", 120.0), ("W3", 150.0)]);
    assert_eq!(p.plan.objectives[0].period, "2026 Q1");
}

#[test]
fn monthly_columns_in_spanish_with_a_percent_kind() {
    let bytes = xlsx(&[(
        "OKRs",
        vec![
            vec![
                S("Objetivo"),
                S("Resultado clave"),
                S("Tipo"),
                S("Inicio"),
                S("Meta"),
                S("Ene"),
                S("Feb"),
                S("Mar"),
            ],
            vec![
                S("Crecer"),
                S("Conversión"),
                S("Porcentaje"),
                N(2.0),
                N(4.0),
                N(2.5),
                N(3.0),
            ],
        ],
    )]);
    let p = preview(&bytes, "x.xlsx");
    let kr = &p.plan.objectives[0].key_results[0];
    assert_eq!(kr.kind, Kind::Percent);
    assert_eq!(
        (kr.start, kr.target, kr.current),
        (Some(0.02), Some(0.04), Some(0.03))
    );
    let months: Vec<&str> = kr.check_ins.iter().map(|c| c.when.as_str()).collect();
    assert_eq!(months, ["Ene", "Feb"]);
}

#[test]
fn a_grading_column_alone_is_kept_as_the_score() {
    let bytes = xlsx(&[(
        "OKRs",
        vec![
            vec![S("Objective"), S("Key Result"), S("Grade")],
            vec![S("Ship"), S("Launch the app"), N(0.7)],
            vec![S("Ship"), S("Hire two engineers"), S("40%")],
            vec![S("Ship"), S("Cut bugs"), N(90.0)],
        ],
    )]);
    let p = preview(&bytes, "graded.xlsx");
    let grades: Vec<Option<f64>> = p.plan.objectives[0]
        .key_results
        .iter()
        .map(|k| k.score_override)
        .collect();
    assert_eq!(grades, [Some(0.7), Some(0.4), Some(0.9)]);
}

#[test]
fn spanish_headers_numbers_and_yes_no() {
    let csv = "Objetivo;Resultado clave;Responsable;Valor inicial;Meta;Valor actual\n\
               Crecer;Ingresos;Ana;1.000,5;2.000;1.500,25\n\
               Crecer;Lanzar la tienda;Ana;;;Sí\n";
    let p = preview(csv.as_bytes(), "okr.csv");
    let krs = &p.plan.objectives[0].key_results;
    assert_eq!(
        (krs[0].start, krs[0].target, krs[0].current),
        (Some(1000.5), Some(2000.0), Some(1500.25))
    );
    assert_eq!((krs[1].kind, krs[1].current), (Kind::Binary, Some(1.0)));
}

#[test]
fn chinese_italian_french_german_portuguese_headers() {
    for header in [
        ["目标", "关键结果", "负责人", "起始值", "目标值", "当前值"],
        [
            "Obiettivo",
            "Risultato chiave",
            "Responsabile",
            "Valore iniziale",
            "Valore obiettivo",
            "Valore attuale",
        ],
        [
            "Objectif",
            "Résultat clé",
            "Responsable",
            "Valeur initiale",
            "Cible",
            "Valeur actuelle",
        ],
        [
            "Ziel",
            "Schlüsselergebnis",
            "Verantwortlich",
            "Startwert",
            "Zielwert",
            "Aktueller Wert",
        ],
        [
            "Objetivo",
            "Resultado-chave",
            "Responsável",
            "Valor inicial",
            "Valor alvo",
            "Valor atual",
        ],
    ] {
        let row: Vec<V> = header.iter().map(|h| S(h)).collect();
        let bytes = xlsx(&[(
            "S",
            vec![row, vec![S("O"), S("K"), S("A"), N(1.0), N(3.0), N(2.0)]],
        )]);
        let p = preview(&bytes, "x.xlsx");
        let kr = &p.plan.objectives[0].key_results[0];
        assert_eq!(
            (kr.start, kr.target, kr.current, kr.owner.as_str()),
            (Some(1.0), Some(3.0), Some(2.0), "A"),
            "{header:?}"
        );
    }
}

#[test]
fn row_id_and_parent_row_id_rebuild_the_hierarchy() {
    let bytes = xlsx(&[(
        "Export",
        vec![
            vec![
                S("Row ID"),
                S("Parent Row ID"),
                S("Title"),
                S("Owner"),
                S("Start"),
                S("Target"),
                S("Current"),
            ],
            vec![N(1.0), E, S("Grow revenue"), S("CEO")],
            vec![
                N(2.0),
                N(1.0),
                S("ARR 1M → 2M"),
                S("CFO"),
                N(1.0),
                N(2.0),
                N(1.5),
            ],
            vec![N(3.0), E, S("Hire well"), S("COO")],
            vec![
                N(4.0),
                N(3.0),
                S("Hires 0 → 10"),
                S("HR"),
                N(0.0),
                N(10.0),
                N(4.0),
            ],
            vec![
                N(5.0),
                N(1.0),
                S("Customers 100 → 150"),
                S("Sales"),
                N(100.0),
                N(150.0),
                N(120.0),
            ],
        ],
    )]);
    let book = import::read(&bytes, "export.xlsx").unwrap();
    let p = import::interpret(&book, &Choices::default());
    assert_eq!(p.plan.objectives.len(), 2);
    assert_eq!(
        titles(&p.plan.objectives[0]),
        ["ARR 1M → 2M", "Customers 100 → 150"]
    );
    assert_eq!(titles(&p.plan.objectives[1]), ["Hires 0 → 10"]);
    assert_eq!(p.plan.objectives[0].owner, "CEO");

    // The preview's column choice: ignore the Owner column.
    let mut choices = Choices::default();
    choices.columns.insert((0, 3), Field::Ignore);
    let p = import::interpret(&book, &choices);
    assert_eq!(p.plan.objectives[0].owner, "");
    assert_eq!(p.plan.objectives[0].key_results[0].owner, "");
}

#[test]
fn okr_tool_export_with_team_corporate_objective_start_end_actual_unit() {
    let bytes = xlsx(&[(
        "Sheet1",
        vec![
            vec![
                S("Team"),
                S("Objective"),
                S("Corporate Objective"),
                S("Key Result"),
                S("Start"),
                S("End"),
                S("Actual"),
                S("Unit"),
            ],
            vec![
                S("Sales"),
                S("Close more"),
                S("Grow"),
                S("Deals 10 → 20"),
                N(10.0),
                N(20.0),
                N(15.0),
                S("deals"),
            ],
            vec![
                S("Support"),
                S("Answer fast"),
                S("Grow"),
                S("Reply hours 24 → 4"),
                N(24.0),
                N(4.0),
                N(14.0),
                S("h"),
            ],
        ],
    )]);
    let p = preview(&bytes, "tool.xlsx");
    let o: Vec<(&str, &str)> = p
        .plan
        .objectives
        .iter()
        .map(|o| (o.team.as_str(), o.title.as_str()))
        .collect();
    assert_eq!(o, [("Sales", "Close more"), ("Support", "Answer fast")]);
    let reply = &p.plan.objectives[1].key_results[0];
    assert_eq!(
        (reply.start, reply.target, reply.current),
        (Some(24.0), Some(4.0), Some(14.0))
    );
}

#[test]
fn sheet_scores_that_ignore_the_start_are_flagged_and_values_win() {
    // MIN(current/target, 1) scores "cut cost 85 → 60, now 72" as 1.0; it is 0.52.
    let bytes = xlsx(&[(
        "OKRs",
        vec![
            vec![
                S("Objective"),
                S("Key Result"),
                S("Start"),
                S("Target"),
                S("Current"),
                S("Progress"),
            ],
            vec![
                S("Efficiency"),
                S("Cost per lead"),
                N(85.0),
                N(60.0),
                N(72.0),
                F("=MIN(E2/D2,1)", 1.0),
            ],
        ],
    )]);
    let p = preview(&bytes, "x.xlsx");
    let kr = &p.plan.objectives[0].key_results[0];
    assert_eq!(kr.score_override, None);
    match &p.sheets[0].outcome {
        SheetOutcome::Read(read) => {
            assert!(
                read.warnings[0]
                    .to_string()
                    .contains("MIN(current/target, 1)"),
                "{:?}",
                read.warnings
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn no_okr_columns_says_which_headers_were_seen() {
    let bytes = xlsx(&[(
        "Budget",
        vec![
            vec![S("Item"), S("Cost"), S("Month")],
            vec![S("Ads"), N(100.0), S("Jan")],
        ],
    )]);
    let p = preview(&bytes, "budget.xlsx");
    let message = p.nothing_found_message().unwrap();
    assert!(message.contains("“Item”, “Cost”, “Month”"), "{message}");
}

#[test]
fn percent_column_title_makes_plain_numbers_percentages() {
    let bytes = xlsx(&[(
        "S",
        vec![
            vec![
                S("Objective"),
                S("Key Result"),
                S("Start %"),
                S("Target %"),
                S("Current %"),
            ],
            vec![S("Convert"), S("Conversion"), N(20.0), N(30.0), N(25.0)],
        ],
    )]);
    let p = preview(&bytes, "x.xlsx");
    let kr = &p.plan.objectives[0].key_results[0];
    assert_eq!(kr.kind, Kind::Percent);
    assert_eq!(
        (kr.start, kr.target, kr.current),
        (Some(0.2), Some(0.3), Some(0.25))
    );
}

fn fixture(name: &str) -> Preview {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).expect("fixture exists: run scripts/make-fixtures.sh");
    preview(&bytes, name)
}

#[test]
fn template_fixture_reads_the_same_as_xlsx_and_as_xls_made_by_libreoffice() {
    for name in ["marketing-template.xlsx", "marketing-template.xls"] {
        let p = fixture(name);
        assert_eq!(p.plan.objectives.len(), 2, "{name}");
        let pipeline = &p.plan.objectives[0];
        assert_eq!(pipeline.title, "Build a predictable pipeline", "{name}");
        assert_eq!(pipeline.period, "Q3 2026", "{name}");
        let mqls = &pipeline.key_results[0];
        assert_eq!(
            (mqls.start, mqls.target, mqls.current),
            (Some(400.0), Some(650.0), Some(520.0)),
            "{name}"
        );
        assert_eq!(mqls.check_ins.len(), 3, "{name}");
        let cost = &pipeline.key_results[1];
        assert_eq!(cost.current, Some(76.0), "{name}");
        let conversion = &pipeline.key_results[2];
        assert_eq!(
            (conversion.start, conversion.target, conversion.current),
            (Some(0.025), Some(0.04), Some(0.031)),
            "{name}"
        );
        let report = &p.plan.objectives[1].key_results[0];
        assert_eq!(
            (report.kind, report.current),
            (Kind::Binary, Some(0.0)),
            "{name}"
        );
    }
    // Only .xlsx carries number formats that calamine reads: there the percent is known.
    assert_eq!(
        fixture("marketing-template.xlsx").plan.objectives[0].key_results[2].kind,
        Kind::Percent
    );
}

#[test]
fn teams_fixture_reads_the_same_as_xlsx_and_as_ods_made_by_libreoffice() {
    for name in ["teams-by-sheet.xlsx", "teams-by-sheet.ods"] {
        let p = fixture(name);
        let got: Vec<(&str, usize)> = p
            .plan
            .objectives
            .iter()
            .map(|o| (o.team.as_str(), o.key_results.len()))
            .collect();
        assert_eq!(got, [("Content", 2), ("Brand", 2)], "{name}");
        let skipped: Vec<&str> = p
            .sheets
            .iter()
            .filter(|s| matches!(s.outcome, SheetOutcome::Skipped { .. }))
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(skipped, ["Instructions", "Lists"], "{name}");
    }
}

#[test]
fn bold_rows_are_objectives_in_a_shared_title_column() {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let s = book.add_worksheet();
    for (c, h) in ["OKR", "Target", "Current"].iter().enumerate() {
        s.write_string(0, c as u16, *h).unwrap();
    }
    s.write_string_with_format(1, 0, "Delight customers", &bold)
        .unwrap();
    s.write_number_with_format(1, 1, 1.0, &bold).unwrap();
    s.write_string(2, 0, "CSAT to 90").unwrap();
    s.write_number(2, 1, 90.0).unwrap();
    s.write_number(2, 2, 80.0).unwrap();
    let p = preview(&book.save_to_buffer().unwrap(), "x.xlsx");
    assert_eq!(p.plan.objectives.len(), 1);
    assert_eq!(p.plan.objectives[0].title, "Delight customers");
    assert_eq!(titles(&p.plan.objectives[0]), ["CSAT to 90"]);
}

#[test]
fn columns_chosen_as_check_ins_give_history_in_left_to_right_order() {
    let csv = "Objective,Key result,Start,Target,Sprint A,Sprint B\nGrow,Signups,0,10,3,6\n";
    let book = import::read(csv.as_bytes(), "sprints.csv").unwrap();
    let before = import::interpret(&book, &Choices::default());
    assert_eq!(before.plan.objectives[0].key_results[0].current, None);
    let mut choices = Choices::default();
    choices.columns.insert((0, 4), Field::CheckIn);
    choices.columns.insert((0, 5), Field::CheckIn);
    let p = import::interpret(&book, &choices);
    let kr = &p.plan.objectives[0].key_results[0];
    assert_eq!(kr.current, Some(6.0));
    let when: Vec<&str> = kr.check_ins.iter().map(|c| c.when.as_str()).collect();
    assert_eq!(when, ["Sprint A", "Sprint B"]);
}

#[test]
fn relational_backup_joins_objectives_and_reads_long_check_ins_as_history() {
    // An app's backup: objectives, key results and check-ins on their own sheets, joined by id.
    let bytes = xlsx(&[
        (
            "objectives",
            vec![
                vec![S("objective_id"), S("objective_title"), S("owner")],
                vec![S("G1"), S("Grow the community"), S("Ana")],
                vec![S("G2"), S("Ship faster"), S("Ben")],
            ],
        ),
        (
            "key_results",
            vec![
                vec![
                    S("kr_id"),
                    S("objective_id"),
                    S("kr_title"),
                    S("start_value"),
                    S("target_value"),
                ],
                vec![S("K1"), S("G1"), S("Members"), N(100.0), N(500.0)],
                vec![S("K2"), S("G1"), S("Meetups"), N(0.0), N(12.0)],
                vec![S("K3"), S("G2"), S("Lead time in days"), N(20.0), N(5.0)],
            ],
        ),
        (
            "checkins",
            vec![
                vec![S("kr_id"), S("date"), S("value"), S("comment")],
                vec![S("K1"), S("2026-02-01"), N(180.0), S("first month")],
                vec![S("K1"), S("2026-01-15"), N(140.0), E],
                vec![S("K3"), S("2026-01-20"), N(15.0), E],
                vec![S("K2"), S("2026-01-20"), N(1.0), E],
                vec![S("K2"), S("2026-01-27"), N(2.0), E],
                vec![S("K9"), S("2026-01-20"), N(1.0), S("names no key result")],
            ],
        ),
    ]);
    let p = preview(&bytes, "backup.xlsx");
    let titles: Vec<&str> = p.plan.objectives.iter().map(|o| o.title.as_str()).collect();
    assert_eq!(titles, ["Grow the community", "Ship faster"]);
    assert_eq!(p.plan.objectives[0].owner, "Ana");
    let members = &p.plan.objectives[0].key_results[0];
    let history: Vec<(&str, f64)> = members
        .check_ins
        .iter()
        .map(|c| (c.when.as_str(), c.value))
        .collect();
    assert_eq!(history, [("2026-01-15", 140.0), ("2026-02-01", 180.0)]);
    assert_eq!(members.check_ins[1].note, "first month");
    assert_eq!(members.current, Some(180.0));
    assert_eq!(p.plan.objectives[1].key_results[0].current, Some(15.0));
    assert!(matches!(
        &p.sheets[2].outcome,
        SheetOutcome::Details { summary } if summary == &vec![import::Note::CheckIns(5)]
    ));
    assert!(matches!(&p.sheets[0].outcome, SheetOutcome::Details { .. }));
}

#[test]
fn tool_export_with_a_type_column_and_parents_by_reference() {
    // An OKR tool's export: one title column, a type per row, the parent by its key.
    let csv = "Issue key,Issue Type,Summary,Parent,Assignee,Start,Target,Current\n\
               OKR-1,Objective,Grow the community,,Ana,,,\n\
               OKR-2,Key Result,Reach 500 members,OKR-1,Ana,100,500,180\n\
               OKR-3,Task,Run the spring meetup,OKR-2,Ben,,,\n\
               OKR-4,Objective,Ship faster,,Ben,,,\n\
               OKR-5,Key Result,Lead time to 5 days,OKR-4,Ben,20,5,15\n\
               OKR-6,Initiative,Automate releases,OKR-4,Cy,,,\n\
               OKR-7,Key Result,Deploy daily,OKR-4,Cy,0,1,0\n";
    let p = preview(csv.as_bytes(), "jira.csv");
    let titles: Vec<&str> = p.plan.objectives.iter().map(|o| o.title.as_str()).collect();
    assert_eq!(titles, ["Grow the community", "Ship faster"]);
    assert_eq!(
        titles_of(&p.plan.objectives[1]),
        ["Lead time to 5 days", "Deploy daily"]
    );
    let members = &p.plan.objectives[0].key_results[0];
    assert_eq!(members.initiatives[0].title, "Run the spring meetup");
    assert_eq!(
        p.plan.objectives[1].initiatives[0].title,
        "Automate releases"
    );
    assert_eq!(members.owner, "Ana");
    assert_eq!(
        (members.start, members.target, members.current),
        (Some(100.0), Some(500.0), Some(180.0))
    );
}

fn titles_of(o: &Objective) -> Vec<&str> {
    titles(o)
}

#[test]
fn objectives_side_by_side_with_their_key_results_below() {
    let bytes = xlsx(&[(
        "Q3",
        vec![
            vec![S("Team OKRs, third quarter")],
            vec![E],
            vec![
                S("O1: Grow the community"),
                S("O2: Ship faster"),
                S("O3: Hire well"),
            ],
            vec![
                S("Reach 500 members"),
                S("Deploy daily"),
                S("Hire 3 engineers"),
            ],
            vec![S("Run 4 meetups"), S("Lead time to 5 days"), E],
            vec![E, S("Zero failed releases"), E],
        ],
    )]);
    let p = preview(&bytes, "side.xlsx");
    let titles: Vec<&str> = p.plan.objectives.iter().map(|o| o.title.as_str()).collect();
    assert_eq!(titles, ["Grow the community", "Ship faster", "Hire well"]);
    assert_eq!(
        titles_of(&p.plan.objectives[1]),
        [
            "Deploy daily",
            "Lead time to 5 days",
            "Zero failed releases"
        ]
    );
    assert!(matches!(
        &p.sheets[0].outcome,
        SheetOutcome::Read(r) if r.reading.shape == import::Shape::ObjectiveColumns
    ));
}

#[test]
fn a_sheet_the_user_names_as_check_ins_of_another_becomes_history_by_title() {
    let bytes = xlsx(&[
        (
            "Plan",
            vec![
                vec![S("Objective"), S("Key result"), S("Start"), S("Target")],
                vec![S("Grow"), S("Members"), N(100.0), N(500.0)],
                vec![S("Grow"), S("Meetups"), N(0.0), N(12.0)],
            ],
        ),
        (
            "Log",
            vec![
                vec![S("Key result"), S("Week of"), S("Value"), S("Comment")],
                vec![S("Members"), S("2026-01-05"), N(150.0), S("launch")],
                vec![S("members"), S("2026-01-12"), N(170.0), E],
                vec![S("Meetups"), S("2026-01-12"), N(1.0), E],
            ],
        ),
    ]);
    let book = import::read(&bytes, "log.xlsx").unwrap();
    // Read on its own, the log looks like a second list of key results.
    let first = import::interpret(&book, &Choices::default());
    assert_eq!(first.key_result_count(), 5);
    let mut choices = Choices::default();
    choices.check_ins_of.insert(1, 0);
    let p = import::interpret(&book, &choices);
    assert_eq!(p.key_result_count(), 2);
    let members = &p.plan.objectives[0].key_results[0];
    let history: Vec<(&str, f64)> = members
        .check_ins
        .iter()
        .map(|c| (c.when.as_str(), c.value))
        .collect();
    assert_eq!(history, [("2026-01-05", 150.0), ("2026-01-12", 170.0)]);
    assert_eq!(members.current, Some(170.0));
    assert!(matches!(
        &p.sheets[1].outcome,
        SheetOutcome::Details { summary } if summary == &vec![import::Note::CheckIns(3)]
    ));
    // A sheet without such columns says so.
    choices.check_ins_of.insert(0, 1);
    choices.check_ins_of.remove(&1);
    let p = import::interpret(&book, &choices);
    assert!(matches!(
        &p.sheets[0].outcome,
        SheetOutcome::Skipped { reason: import::Note::NoCheckInsFound(s) } if s == "Log"
    ));
}

#[test]
fn a_label_value_block_above_the_table_gives_team_and_period() {
    let bytes = xlsx(&[(
        "Sheet1",
        vec![
            vec![S("Team OKR tracker")],
            vec![S("Team:"), S("Growth")],
            vec![S("Quarter:"), S("Q3 2026")],
            vec![S("Last check-in: 2026-08-01")],
            vec![E],
            vec![S("Objective"), S("Key result"), S("Target"), S("Current")],
            vec![S("Grow"), S("Signups"), N(200.0), N(150.0)],
        ],
    )]);
    let p = preview(&bytes, "tracker.xlsx");
    let o = &p.plan.objectives[0];
    assert_eq!((o.team.as_str(), o.period.as_str()), ("Growth", "Q3 2026"));
    assert_eq!(p.key_result_count(), 1);
}

#[test]
fn a_goal_tree_with_parents_by_title_gives_objectives_and_their_key_results() {
    // A goal tracker's export: one goal column, the parent goal by its title.
    let csv = "Goal name,Goal type,Parent goal,Owner,Progress,Due date\n\
               Win the market,Company,,Ana,40%,2026-12-31\n\
               Grow EMEA revenue,Department,Win the market,Ben,50%,\n\
               Launch in Spain,Department,Win the market,Cy,20%,\n\
               Hire a team,Company,,Dee,10%,\n\
               Hire 3 engineers,Individual,Hire a team,Eve,33%,\n";
    let p = preview(csv.as_bytes(), "goals.csv");
    let titles: Vec<&str> = p.plan.objectives.iter().map(|o| o.title.as_str()).collect();
    assert_eq!(titles, ["Win the market", "Hire a team"]);
    assert_eq!(
        titles_of(&p.plan.objectives[0]),
        ["Grow EMEA revenue", "Launch in Spain"]
    );
    assert_eq!(p.plan.objectives[0].key_results[0].owner, "Ben");
    assert_eq!(
        p.plan.objectives[0].key_results[0].score_override,
        Some(0.5)
    );
}

#[test]
fn a_type_column_export_with_parents_by_title() {
    // Viva Goals-style: Title, Type, Aligned To (the parent's title), check-ins elsewhere.
    let csv = "Title,Type,Aligned To,Owner,Start,Target,Current\n\
               Delight customers,Objective,,Ana,,,\n\
               Raise NPS to 50,Key Result,Delight customers,Ana,30,50,38\n\
               Survey every account,Project,Raise NPS to 50,Ben,,,\n\
               Cut churn,Key Result,Delight customers,Cy,8,5,7\n";
    let p = preview(csv.as_bytes(), "viva.csv");
    assert_eq!(p.plan.objectives.len(), 1);
    let o = &p.plan.objectives[0];
    assert_eq!(titles_of(o), ["Raise NPS to 50", "Cut churn"]);
    assert_eq!(
        o.key_results[0].initiatives[0].title,
        "Survey every account"
    );
}

#[test]
fn a_sheet_the_user_names_as_initiatives_of_another_goes_under_its_key_results() {
    let bytes = xlsx(&[
        (
            "Plan",
            vec![
                vec![S("Objective"), S("Key result"), S("Target")],
                vec![S("Grow"), S("Members"), N(500.0)],
                vec![S("Grow"), S("Meetups"), N(12.0)],
            ],
        ),
        (
            "Actions",
            vec![
                vec![S("#"), S("What?"), S("For"), S("Status")],
                vec![N(1.0), S("Launch the forum"), S("Members"), S("Done")],
                vec![N(2.0), S("Book a venue"), S("meetups"), S("Not done")],
                vec![N(3.0), S("Refresh the brand"), S("Grow"), E],
                vec![N(4.0), S("Names nothing"), S("Elsewhere"), E],
            ],
        ),
    ]);
    let book = import::read(&bytes, "plan.xlsx").unwrap();
    let mut choices = Choices::default();
    choices.initiatives_of.insert(1, 0);
    let p = import::interpret(&book, &choices);
    let grow = &p.plan.objectives[0];
    assert_eq!(p.key_result_count(), 2);
    assert_eq!(grow.key_results[0].initiatives[0].title, "Launch the forum");
    assert!(grow.key_results[0].initiatives[0].done);
    assert_eq!(grow.key_results[1].initiatives[0].title, "Book a venue");
    assert_eq!(grow.initiatives[0].title, "Refresh the brand");
    assert!(matches!(
        &p.sheets[1].outcome,
        SheetOutcome::Details { summary } if summary == &vec![import::Note::Initiatives(3)]
    ));
    assert!(p.plan.ids_are_unique());
}

#[test]
fn a_period_over_its_values_repeated_per_period_gives_check_in_history() {
    // Two header rows: each quarter over its Baseline / Actual / Target, later quarters empty.
    let bytes = xlsx(&[(
        "Tracker",
        vec![
            vec![E, E, S("Q1 2026"), E, E, S("Q2 2026"), E, E],
            vec![
                S("Objective"),
                S("Key result"),
                S("Baseline"),
                S("Actual"),
                S("Target"),
                S("Baseline"),
                S("Actual"),
                S("Target"),
            ],
            vec![
                S("Grow"),
                S("Members"),
                N(100.0),
                N(180.0),
                N(300.0),
                N(180.0),
                N(240.0),
                N(500.0),
            ],
            vec![S("Grow"), S("Meetups"), N(0.0), N(2.0), N(4.0), E, E, E],
        ],
    )]);
    let p = preview(&bytes, "tracker.xlsx");
    assert!(matches!(
        &p.sheets[0].outcome,
        SheetOutcome::Read(r) if r.reading.shape == import::Shape::TwoHeaderRows
    ));
    let members = &p.plan.objectives[0].key_results[0];
    let history: Vec<(&str, f64)> = members
        .check_ins
        .iter()
        .map(|c| (c.when.as_str(), c.value))
        .collect();
    assert_eq!(history, [("Q1 2026", 180.0), ("Q2 2026", 240.0)]);
    assert_eq!(members.current, Some(240.0));
    assert_eq!(p.plan.objectives[0].key_results[1].current, Some(2.0));
}
