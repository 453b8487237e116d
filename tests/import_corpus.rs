//! The importer against real public OKR files (`../shared/corpus/real`, described in its
//! INDEX.md, counts in expected.json): each file's objectives and key results as a faithful
//! reading gives them, and what the readings it chose between look like.

use std::path::PathBuf;

use okr_sheets::import::{self, Choices, Note, Preview, Shape, SheetOutcome};

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real")
}

fn preview(name: &str) -> Preview {
    let path = if name.starts_with('/') {
        PathBuf::from(name)
    } else {
        corpus().join(name)
    };
    let bytes = std::fs::read(path).expect("corpus file");
    let book = import::read(&bytes, name).expect("reads");
    import::interpret(&book, &Choices::default())
}

fn key_results(p: &Preview) -> Vec<&okr_core::model::KeyResult> {
    p.plan
        .objectives
        .iter()
        .flat_map(|o| &o.key_results)
        .collect()
}

fn read_of<'a>(p: &'a Preview, sheet: &str) -> &'a import::SheetRead {
    match &p
        .sheets
        .iter()
        .find(|s| s.name == sheet)
        .expect("sheet")
        .outcome
    {
        SheetOutcome::Read(r) => r,
        other => panic!("{sheet}: {other:?}"),
    }
}

#[test]
fn every_corpus_file_comes_in_with_the_expected_counts() {
    let expected: serde_json::Value =
        serde_json::from_slice(&std::fs::read(corpus().join("expected.json")).unwrap()).unwrap();
    let mut wrong = Vec::new();
    for (name, e) in expected.as_object().unwrap() {
        let p = preview(name);
        let (o, k) = (p.plan.objectives.len(), p.key_result_count());
        let eo = e["objectives"].as_u64().map(|x| x as usize);
        let ek = e["krs"].as_u64().map(|x| x as usize);
        if !(eo.is_none_or(|x| x == o) && ek.is_none_or(|x| x == k)) {
            wrong.push(format!("{name}: {o} / {k}, expected {eo:?} / {ek:?}"));
        }
        assert!(p.plan.ids_are_unique(), "{name}");
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// The files found after tuning (`tests/fixtures/real`, sources in its INDEX.md).
#[test]
fn more_real_files_come_in_with_their_counts() {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real");
    let expected: serde_json::Value =
        serde_json::from_slice(&std::fs::read(folder.join("expected.json")).unwrap()).unwrap();
    let mut wrong = Vec::new();
    for (name, e) in expected.as_object().unwrap() {
        let p = preview(folder.join(name).to_str().unwrap());
        let (o, k) = (p.plan.objectives.len(), p.key_result_count());
        let eo = e["objectives"].as_u64().map(|x| x as usize);
        let ek = e["krs"].as_u64().map(|x| x as usize);
        if !(eo.is_none_or(|x| x == o) && ek.is_none_or(|x| x == k)) {
            wrong.push(format!("{name}: {o} / {k}, expected {eo:?} / {ek:?}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn units_in_values_and_lower_is_better_key_results() {
    let p = preview("Mehmet-Aytac__ProjectManagement__okr-template.csv");
    let krs = key_results(&p);
    // "320/month" → "150/month": a number with its unit, going down.
    let cost = krs
        .iter()
        .find(|k| k.unit == "/month")
        .expect("a key result per month");
    assert_eq!((cost.start, cost.target), (Some(320.0), Some(150.0)));
    // "48%": a percentage.
    assert!(krs.iter().any(|k| k.kind == okr_core::model::Kind::Percent));
    // "9 days": a unit word.
    assert!(krs.iter().any(|k| k.unit == "days"), "{krs:#?}");
}

#[test]
fn two_header_rows_are_chosen_over_the_top_row_alone() {
    let p = preview("Montinou__initiative-dashboard__OKRfulldata.xlsx");
    let read = read_of(&p, "Producto");
    assert_eq!(read.reading.shape, Shape::TwoHeaderRows);
    assert_eq!(read.key_results, 27);
    // The lower row alone loses the objectives (their column is named in the top row): its
    // key results come as one bare list, offered under "Read it differently", not taken.
    assert!(read
        .alternatives
        .iter()
        .any(|a| a.key.shape == Shape::Rows && a.objectives < read.objectives));
    // The "Responsable Acción" column is the owner.
    let owners: Vec<&str> = p
        .plan
        .objectives
        .iter()
        .flat_map(|o| &o.key_results)
        .map(|k| k.owner.as_str())
        .collect();
    assert!(owners.contains(&"Gerente Producto"), "{owners:?}");
}

#[test]
fn wide_sheet_gives_each_objective_its_column_groups() {
    let p = preview("Peakboard__peakboard-templates.github.io__OKR_Values_DE.xlsx");
    assert_eq!(read_of(&p, "Sheet1").reading.shape, Shape::Wide);
    let first = &p.plan.objectives[0];
    assert_eq!(first.key_results.len(), 3);
    let kr = &first.key_results[0];
    assert_eq!((kr.current, kr.target), (Some(30.0), Some(100.0)));
}

#[test]
fn relational_workbook_joins_objective_titles_and_skips_details_and_hidden_lists() {
    let p = preview(
        "flavioluizseixas__planejamento_estrategico_ppea__MPEA_KRs_KPIs_StreamlitBase.xlsx",
    );
    assert!(p.plan.objectives[0]
        .title
        .starts_with("Consolidar identidade"));
    let outcome = |sheet: &str| {
        p.sheets
            .iter()
            .find(|s| s.name == sheet)
            .map(|s| s.outcome.clone())
            .unwrap()
    };
    assert!(matches!(
        outcome("KPIs"),
        SheetOutcome::Skipped { reason: Note::DetailsOfKeyResults(s) } if s == "KRs"
    ));
    assert!(matches!(
        outcome("LISTAS"),
        SheetOutcome::Skipped {
            reason: Note::HiddenSheet
        }
    ));
    assert!(matches!(
        outcome("OKRs"),
        SheetOutcome::Details { summary } if summary == vec![Note::ObjectiveTitlesJoined(5)]
    ));
    // Targets such as "≥70%" are read; "+X p.p. vs. baseline" is kept in the notes.
    let krs = key_results(&p);
    assert!(krs.iter().any(|k| k.target == Some(0.7)), "{krs:#?}");
    assert!(krs.iter().any(|k| k.notes.contains("+X p.p.")));
    assert!(read_of(&p, "KRs")
        .warnings
        .iter()
        .any(|w| matches!(w, Note::ValuesKeptInNotes(_))));
}

#[test]
fn app_export_with_snake_case_fields_and_its_owners() {
    let p = preview("FOX2920__OKR-Shift-and-checkin-analysis__goal_data.csv");
    let owners: std::collections::HashSet<&str> = p
        .plan
        .objectives
        .iter()
        .flat_map(|o| &o.key_results)
        .map(|k| k.owner.as_str())
        .collect();
    assert!(owners.contains("Phan Thanh Đạt"), "{owners:?}");
    // Owner names are never titles.
    assert!(p
        .plan
        .objectives
        .iter()
        .all(|o| !owners.contains(o.title.as_str())));
    // The six check-ins joined on their key results' rows are history, dated by day.
    let check_ins: Vec<_> = p
        .plan
        .objectives
        .iter()
        .flat_map(|o| &o.key_results)
        .flat_map(|k| &k.check_ins)
        .collect();
    assert_eq!(check_ins.len(), 6, "{check_ins:#?}");
    assert!(check_ins
        .iter()
        .any(|c| c.when == "2026-01-10" && c.value == 2.0 && c.note == "Set progression to 2%"));
}

#[test]
fn a_bare_list_of_measures_goes_under_one_objective_with_its_monthly_history() {
    let p = preview("shirelzipori-droid__okr-2026__okr_2026_dashboard.csv");
    assert_eq!(p.plan.objectives.len(), 1);
    let orders = &p.plan.objectives[0].key_results[0];
    assert_eq!(orders.title, "Orders");
    assert_eq!(orders.check_ins.len(), 6);
    assert_eq!(orders.current, Some(371.0));
    let read = &read_of(&p, "shirelzipori-droid__okr-2026__okr_2026_dashboard");
    assert!(read
        .warnings
        .iter()
        .any(|w| matches!(w, Note::UnderOneObjective(_, 19))));
}

#[test]
fn objectives_known_only_by_id_are_named_by_it_and_said_so() {
    let p = preview("hpgerald__tra-corporate-plan-7__kpis.csv");
    assert!(p.plan.objectives.iter().any(|o| o.title == "so1"));
    let read = read_of(&p, "hpgerald__tra-corporate-plan-7__kpis");
    assert!(read.warnings.contains(&Note::ObjectivesNamedById(7)));
}

#[test]
fn empty_templates_give_nothing_and_no_placeholder_key_results() {
    for name in [
        "StarinaClytie__OKR-management-ongoing__OKR表单.xlsx",
        "Montinou__initiative-dashboard__OKRFull.xlsx",
    ] {
        let p = preview(name);
        assert_eq!(p.key_result_count(), 0, "{name}");
        assert!(p.nothing_found().is_some(), "{name}");
    }
}

#[test]
fn lower_is_better_key_results_keep_their_direction() {
    let p = preview("sambitbhaumik__silvernova-assessment-task__Company OKRs.xlsx");
    let krs = key_results(&p);
    assert!(krs
        .iter()
        .any(|k| k.start == Some(100.0) && k.target == Some(70.0)));
    // The projects and core-process sheets are not part of the plan.
    assert_eq!(p.plan.objectives.len(), 6);
}

#[test]
fn dump() {
    let Ok(name) = std::env::var("DUMP") else {
        return;
    };
    let p = preview(&name);
    for s in &p.sheets {
        println!("SHEET {}: {:?}", s.name, s.outcome);
    }
    for o in &p.plan.objectives {
        println!("O {:?} [{}]", o.title, o.owner);
        for k in &o.key_results {
            println!(
                "   K {:?} {:?}->{:?} cur {:?} unit {:?} notes {:?}",
                k.title, k.start, k.target, k.current, k.unit, k.notes
            );
        }
    }
}

/// The scorer on every real file's candidates: the shape each read sheet is taken in, and
/// that no reading it passed over holds more key results with fewer objectives left empty.
#[test]
fn every_read_sheet_is_taken_in_the_shape_of_its_layout() {
    let expected: serde_json::Value =
        serde_json::from_slice(&std::fs::read(corpus().join("expected.json")).unwrap()).unwrap();
    for name in expected.as_object().unwrap().keys() {
        let p = preview(name);
        for sheet in &p.sheets {
            let SheetOutcome::Read(read) = &sheet.outcome else {
                continue;
            };
            let shape = match (name.as_str(), sheet.name.as_str()) {
                (n, _) if n.starts_with("Peakboard") => Shape::Wide,
                (n, _) if n.starts_with("Montinou") => Shape::TwoHeaderRows,
                _ => Shape::Rows,
            };
            if name.starts_with("Montinou__initiative-dashboard__OKRFull") {
                continue; // an empty shell: no reading gives anything
            }
            assert_eq!(read.reading.shape, shape, "{name} / {}", sheet.name);
            for alt in &read.alternatives {
                assert!(
                    alt.key_results <= read.key_results || alt.objectives > read.objectives,
                    "{name} / {}: {alt:?} passed over for {} key results",
                    sheet.name,
                    read.key_results
                );
            }
        }
    }
}
