//! Export into the original workbook, on every real .xlsx of `../shared/corpus/real` that
//! imports: a title changed, a Current value changed and a check-in added in okr-grid come back
//! in exactly their cells, read again by calamine, and the file reads back into the same plan.
//! Each export is written to target/original-check/ with the cells it should have changed, for
//! `tests/export/check_original.py` (openpyxl and LibreOffice, run by scripts/check-export.sh).
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::path::PathBuf;

use okr_core::checkin;
use okr_core::model::{Id, KeyResult, Kind, Plan};
use okr_core::origin::{CellAt, Imported, SourceField, SourceMap};
use okr_core::period::{Date, Period};
use okr_sheets::export::original;
use okr_sheets::import::{self, Choices};

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real")
}

/// The real workbooks: the shared corpus and the ones found for the importer (tests/fixtures/real).
fn xlsx_files() -> Vec<PathBuf> {
    let more = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real");
    let mut files: Vec<PathBuf> = [corpus(), more]
        .iter()
        .flat_map(|dir| std::fs::read_dir(dir).expect("corpus").flatten())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx" || e == "xlsm"))
        .collect();
    files.sort();
    files
}

fn imported(bytes: &[u8], name: &str) -> Plan {
    let book = import::read(bytes, name).expect("reads");
    import::apply::new_plan(&import::interpret(&book, &Choices::default()))
}

/// The imported plan and where each of its values came from.
fn imported_with_map(bytes: &[u8], name: &str) -> (Plan, SourceMap) {
    let book = import::read(bytes, name).expect("reads");
    let preview = import::interpret(&book, &Choices::default());
    (import::apply::new_plan(&preview), preview.sources)
}

fn source(map: &SourceMap, id: Id, field: &SourceField) -> Option<CellAt> {
    map.cells
        .iter()
        .find(|c| c.item == id && &c.field == field)
        .map(|c| c.at.clone())
}

fn key_results(plan: &Plan) -> Vec<&KeyResult> {
    plan.objectives
        .iter()
        .flat_map(|o| &o.key_results)
        .collect()
}

fn kr_mut(plan: &mut Plan, id: Id) -> &mut KeyResult {
    plan.objectives
        .iter_mut()
        .flat_map(|o| o.key_results.iter_mut())
        .find(|k| k.id == id)
        .expect("key result")
}

/// The edits made to an imported plan, and the cells they must change.
struct Edited {
    plan: Plan,
    expected: BTreeSet<CellAt>,
    title: (Id, String),
    current: Option<(Id, f64)>,
    /// Values changed that the file has no cell for.
    not_in_file: usize,
}

/// A number a key result does not hold yet.
fn fresh_value(kr: &KeyResult) -> f64 {
    match kr.kind {
        Kind::Binary => {
            if kr.current == Some(1.0) {
                0.0
            } else {
                1.0
            }
        }
        Kind::Percent => 0.37,
        _ => kr.current.map_or(7.0, |c| (c + 3.0).round()),
    }
}

fn edit(plan: &Plan, map: &SourceMap, name: &str) -> Edited {
    let mut out = plan.clone();
    let mut expected = BTreeSet::new();
    let krs: Vec<KeyResult> = key_results(plan).into_iter().cloned().collect();
    let titled: Vec<&KeyResult> = krs
        .iter()
        .filter(|k| source(map, k.id, &SourceField::Title).is_some())
        .collect();
    assert!(
        !titled.is_empty(),
        "{name}: no key result title came from a cell"
    );
    // A title.
    let a = titled[0];
    let new_title = format!("{} (revised)", a.title);
    kr_mut(&mut out, a.id).title = new_title.clone();
    expected.insert(source(map, a.id, &SourceField::Title).unwrap());
    // A Current value, typed.
    let b = titled
        .iter()
        .skip(1)
        .find(|k| source(map, k.id, &SourceField::Current).is_some());
    let mut current = None;
    let mut not_in_file = 0;
    if let Some(b) = b {
        let v = fresh_value(b);
        kr_mut(&mut out, b.id).current = Some(v);
        current = Some((b.id, v));
        expected.insert(source(map, b.id, &SourceField::Current).unwrap());
    }
    // A check-in, into the file's column for its day when it has one.
    let c = titled
        .iter()
        .rev()
        .find(|k| Some(k.id) != b.map(|b| b.id) && k.id != a.id && k.kind != Kind::Milestone);
    if let Some(c) = c {
        let day = Date::parse("2026-11-30").unwrap();
        let v = fresh_value(c);
        let recorded = checkin::record(kr_mut(&mut out, c.id), day, v, None, "").unwrap();
        *kr_mut(&mut out, c.id) = recorded;
        // The check-in moves Current: into its cell, or kept in okr-grid only.
        match source(map, c.id, &SourceField::Current) {
            Some(at) => {
                expected.insert(at);
            }
            None => not_in_file += 1,
        }
        // The file's check-in column for that quarter, month or week, on the key result's row.
        let row = source(map, c.id, &SourceField::Title).unwrap();
        let column = map.check_in_columns.iter().find(|col| {
            col.sheet == row.sheet && Period::from_name(&col.label).is_some_and(|p| p.contains(day))
        });
        if let Some(col) = column {
            expected.insert(CellAt {
                sheet: row.sheet.clone(),
                row: row.row,
                col: col.col,
            });
        }
    }
    Edited {
        plan: out,
        expected,
        title: (a.id, new_title),
        current,
        not_in_file,
    }
}

#[test]
fn every_real_xlsx_takes_back_exactly_the_changed_cells() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/original-check");
    std::fs::create_dir_all(&dir).expect("create target/original-check");
    let mut checked = 0;
    for path in xlsx_files() {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let bytes = std::fs::read(&path).unwrap();
        let (plan, map) = imported_with_map(&bytes, &name);
        if plan.key_result_count() == 0 {
            continue;
        }
        let again = original::source_map(&bytes, plan.origin.as_ref().unwrap()).unwrap();
        assert_eq!(
            (&again.cells, &again.check_in_columns, &again.read),
            (&map.cells, &map.check_in_columns, &plan.objectives),
            "{name}: the file read again gives the same map"
        );
        let edited = edit(&plan, &map, &name);
        let (out, report) = original::write(&bytes, &edited.plan).expect(&name);
        assert!(report.kept_formulas.is_empty(), "{name}: {report:?}");
        assert_eq!(report.added + report.deleted, 0, "{name}: {report:?}");
        assert_eq!(report.not_in_file, edited.not_in_file, "{name}: {report:?}");

        // Exactly the expected cells are written (scores the sheet computes aside).
        let changes = okr_core::origin::changes(&edited.plan, &map);
        let written: BTreeSet<CellAt> = changes
            .writes
            .iter()
            .filter(|w| !w.cached_only)
            .map(|w| w.at.clone())
            .collect();
        assert_eq!(written, edited.expected, "{name}");

        // Read back: the same plan as edited, values, titles and all.
        let again = imported(&out, &name);
        let titles =
            |p: &Plan| -> Vec<String> { key_results(p).iter().map(|k| k.title.clone()).collect() };
        assert_eq!(titles(&again), titles(&edited.plan), "{name}");
        let k = key_results(&again)
            .into_iter()
            .find(|k| k.title == edited.title.1)
            .expect("the changed title");
        assert_eq!(k.id, edited.title.0, "{name}");
        if let Some((id, v)) = edited.current {
            let k = key_results(&again)
                .into_iter()
                .find(|k| k.id == id)
                .unwrap();
            assert_eq!(k.current, Some(v), "{name}");
        }

        // For the checks from outside Rust.
        let stem = name.trim_end_matches(".xlsx");
        std::fs::write(dir.join(format!("{stem}.original.xlsx")), &bytes).unwrap();
        std::fs::write(dir.join(format!("{stem}.exported.xlsx")), &out).unwrap();
        let cells: Vec<serde_json::Value> = edited
            .expected
            .iter()
            .map(|c| serde_json::json!({"sheet": c.sheet, "row": c.row + 1, "col": c.col + 1}))
            .collect();
        let cached: Vec<serde_json::Value> = changes
            .writes
            .iter()
            .filter(|w| w.cached_only)
            .map(|w| serde_json::json!({"sheet": w.at.sheet, "row": w.at.row + 1, "col": w.at.col + 1}))
            .collect();
        std::fs::write(
            dir.join(format!("{stem}.changed.json")),
            serde_json::json!({"changed": cells, "cached": cached}).to_string(),
        )
        .unwrap();
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} corpus workbooks were checked");
}

#[test]
fn an_unchanged_plan_writes_no_cell() {
    for path in xlsx_files() {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let bytes = std::fs::read(&path).unwrap();
        let (plan, map) = imported_with_map(&bytes, &name);
        if plan.key_result_count() == 0 {
            continue;
        }
        let changes = okr_core::origin::changes(&plan, &map);
        assert!(changes.writes.is_empty(), "{name}: {:#?}", changes.writes);
        let (out, report) = original::write(&bytes, &plan).unwrap();
        assert_eq!((report.written, report.not_in_file), (0, 0), "{name}");
        // Only the workbook part changes: it asks for a recalculation on open.
        let parts = |b: &[u8]| {
            let mut z = zip::ZipArchive::new(std::io::Cursor::new(b.to_vec())).unwrap();
            (0..z.len())
                .map(|i| {
                    let mut f = z.by_index(i).unwrap();
                    let mut v = Vec::new();
                    std::io::Read::read_to_end(&mut f, &mut v).unwrap();
                    (f.name().unwrap().to_string(), v)
                })
                .collect::<Vec<_>>()
        };
        let (a, b) = (parts(&bytes), parts(&out));
        assert_eq!(a.len(), b.len(), "{name}");
        for ((na, va), (nb, vb)) in a.iter().zip(&b) {
            assert_eq!(na, nb, "{name}");
            assert!(
                va == vb || na.ends_with("workbook.xml"),
                "{name}: {na} changed"
            );
        }
    }
}

#[test]
fn added_and_deleted_key_results_are_listed_never_written_or_removed() {
    let path = corpus().join("sambitbhaumik__silvernova-assessment-task__Company OKRs.xlsx");
    let bytes = std::fs::read(&path).unwrap();
    let mut plan = imported(&bytes, "Company OKRs.xlsx");
    let count = plan.key_result_count();
    let gone = plan.objectives[0].key_results.remove(0);
    let id = plan.allocate_id();
    let mut added = KeyResult::empty(id, "Hire two engineers");
    added.target = Some(2.0);
    plan.objectives[1].key_results.push(added);
    let (out, report) = original::write(&bytes, &plan).unwrap();
    assert_eq!((report.added, report.deleted), (1, 1), "{report:?}");
    assert_eq!(report.listed_sheet.as_deref(), Some(original::LISTED_SHEET));
    let book = import::read(&out, "Company OKRs.xlsx").unwrap();
    let listed = book
        .sheets
        .iter()
        .find(|s| s.name == original::LISTED_SHEET)
        .expect("the listing sheet");
    let text: Vec<String> = listed.rows.iter().flatten().map(|c| c.text()).collect();
    assert!(text.iter().any(|t| t == "Hire two engineers"), "{text:?}");
    assert!(text.iter().any(|t| t == &gone.title), "{text:?}");
    // The deleted key result is still in its sheet.
    let all: Vec<String> = book
        .sheets
        .iter()
        .filter(|s| s.name != original::LISTED_SHEET)
        .flat_map(|s| s.rows.iter().flatten().map(|c| c.text()))
        .collect();
    assert!(all.iter().any(|t| t.ends_with(&gone.title)));
    // Read again, the listing sheet is not taken for OKRs of its own.
    let again = imported(&out, "Company OKRs.xlsx");
    assert_eq!(again.key_result_count(), count);
}

#[test]
fn another_file_or_format_is_refused_with_a_reason() {
    let path = corpus().join("sambitbhaumik__silvernova-assessment-task__Company OKRs.xlsx");
    let bytes = std::fs::read(&path).unwrap();
    let plan = imported(&bytes, "Company OKRs.xlsx");
    let other = std::fs::read(
        corpus().join("Peakboard__peakboard-templates.github.io__OKR_Values_DE.xlsx"),
    )
    .unwrap();
    assert_eq!(
        original::write(&other, &plan).unwrap_err(),
        original::OriginalError::OtherFile
    );
    let csv = b"Objective,Key result,Current\nGrow,Leads,3\n";
    let from_csv = imported(csv, "okrs.csv");
    let err = original::write(csv, &from_csv).unwrap_err();
    assert!(err.to_string().contains(".xlsx"), "{err}");
    assert_eq!(
        original::write(&bytes, &Plan::new("x")).unwrap_err(),
        original::OriginalError::NoOrigin
    );
    let _ = Imported::Done(None);
    // Read differently (another importer, or a tampered plan): refused, not guessed.
    let mut other_reading = plan.clone();
    other_reading.origin.as_mut().unwrap().fingerprint = "0".into();
    assert_eq!(
        original::write(&bytes, &other_reading).unwrap_err(),
        original::OriginalError::ReadDifferently
    );
}

#[test]
fn the_file_is_read_again_with_the_choices_made_at_import() {
    let path = corpus().join("sambitbhaumik__silvernova-assessment-task__Company OKRs.xlsx");
    let bytes = std::fs::read(&path).unwrap();
    let book = import::read(&bytes, "Company OKRs.xlsx").unwrap();
    // The user said the Q1 2028 sheet's Current column (G) is not to be read.
    let q1 = book
        .sheets
        .iter()
        .position(|s| s.name == "Q1 2028")
        .unwrap();
    let mut choices = Choices::default();
    choices
        .columns
        .insert((q1, 6), okr_sheets::import::Field::Ignore);
    let preview = import::interpret(&book, &choices);
    let mut plan = import::apply::new_plan(&preview);
    let origin = plan.origin.clone().unwrap();
    let map = original::source_map(&bytes, &origin).unwrap();
    assert_eq!(map.cells, preview.sources.cells);
    assert!(!map
        .cells
        .iter()
        .any(|c| c.at.sheet == "Q1 2028" && c.field == SourceField::Current));
    // A Current typed there has no cell to go to; the file is left as it was, and the report
    // says one value stays in okr-grid only.
    let q1_kr = plan
        .objectives
        .iter_mut()
        .flat_map(|o| o.key_results.iter_mut())
        .find(|k| k.title.contains("Ad campaigns"))
        .unwrap();
    q1_kr.current = Some(99.0);
    let (_, report) = original::write(&bytes, &plan).unwrap();
    assert_eq!((report.written, report.not_in_file), (0, 1));
}

mod generated {
    //! For generated edits on real templates: export to the original, import it again, and the
    //! edited plan comes back (titles, owners, start, target, current).
    use super::*;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    const TEMPLATES: [&str; 4] = [
        "sambitbhaumik__silvernova-assessment-task__Company OKRs.xlsx",
        "Peakboard__peakboard-templates.github.io__OKR_Values_DE.xlsx",
        "sshumaker__sshumaker-scale.github.io__okr-template.xlsx",
        "chloe19980401__socialpilot__市场部8月OKR.xlsx",
    ];

    fn template(i: usize) -> &'static (Vec<u8>, Plan, SourceMap) {
        static LOADED: OnceLock<Vec<(Vec<u8>, Plan, SourceMap)>> = OnceLock::new();
        &LOADED.get_or_init(|| {
            TEMPLATES
                .iter()
                .map(|name| {
                    let bytes = std::fs::read(corpus().join(name)).unwrap();
                    let (plan, map) = imported_with_map(&bytes, name);
                    (bytes, plan, map)
                })
                .collect()
        })[i]
    }

    const WORDS: [&str; 12] = [
        "Grow",
        "revenue",
        "reach",
        "customers",
        "ship",
        "faster",
        "quality",
        "launch",
        "new",
        "app",
        "retain",
        "users",
    ];

    #[derive(Clone, Debug)]
    struct Edit {
        which: usize,
        title: Option<Vec<&'static str>>,
        owner: Option<Vec<&'static str>>,
        current: Option<u32>,
        target: Option<u32>,
    }

    fn edit() -> impl Strategy<Value = Edit> {
        let words = || proptest::collection::vec(proptest::sample::select(&WORDS[..]), 2..5);
        (
            any::<usize>(),
            proptest::option::of(words()),
            proptest::option::of(words()),
            proptest::option::of(0u32..100_000),
            proptest::option::of(1u32..100_000),
        )
            .prop_map(|(which, title, owner, current, target)| Edit {
                which,
                title,
                owner,
                current,
                target,
            })
    }

    /// What an edit may touch: only values the file has a cell for.
    fn apply(plan: &mut Plan, map: &SourceMap, e: &Edit) {
        let ids: Vec<Id> = key_results(plan).iter().map(|k| k.id).collect();
        let id = ids[e.which % ids.len()];
        let has = |f: SourceField| source(map, id, &f).is_some();
        let (title, owner, current, target) = (
            has(SourceField::Title),
            has(SourceField::Owner),
            has(SourceField::Current),
            has(SourceField::Target),
        );
        let kr = kr_mut(plan, id);
        if let (Some(t), true) = (&e.title, title) {
            kr.title = t.join(" ");
        }
        if let (Some(o), true) = (&e.owner, owner) {
            kr.owner = o.join(" ");
        }
        let number = kr.kind == Kind::Number;
        if let (Some(c), true, true) = (e.current, current, number) {
            kr.current = Some(f64::from(c) / 100.0);
        }
        if let (Some(t), true, true) = (e.target, target, number) {
            kr.target = Some(f64::from(t) / 100.0);
        }
    }

    type Values = (String, String, Option<f64>, Option<f64>, Option<f64>);

    /// The key results' values the file has cells for (`template`'s map, by position): a target
    /// read from a title's words, for one, has no cell to go back to.
    fn values(plan: &Plan, template: &Plan, map: &SourceMap) -> Vec<Values> {
        key_results(plan)
            .iter()
            .zip(key_results(template))
            .map(|(k, t)| {
                let has = |f: SourceField| source(map, t.id, &f).is_some();
                let number = |f: SourceField, v: Option<f64>| if has(f) { v } else { None };
                (
                    k.title.clone(),
                    k.owner.clone(),
                    number(SourceField::Start, k.start),
                    number(SourceField::Target, k.target),
                    number(SourceField::Current, k.current),
                )
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

        #[test]
        fn edits_written_into_the_original_read_back_as_made(
            t in 0..TEMPLATES.len(),
            edits in proptest::collection::vec(edit(), 1..6),
        ) {
            let (bytes, plan, map) = template(t);
            let mut edited = plan.clone();
            for e in &edits {
                apply(&mut edited, map, e);
            }
            let (out, report) = original::write(bytes, &edited).unwrap();
            prop_assert!(report.kept_formulas.is_empty(), "{:?}", report);
            let again = imported(&out, TEMPLATES[t]);
            prop_assert_eq!(values(&again, plan, map), values(&edited, plan, map));
            let titles = |p: &Plan| -> Vec<String> { p.objectives.iter().map(|o| o.title.clone()).collect() };
            prop_assert_eq!(titles(&again), titles(&edited));
        }
    }
}

mod new_rows {
    //! Key results added in okr-grid go in as rows right under their objective's last row when
    //! the rows there are empty and nothing sums the block; else they are listed.
    use super::*;
    use rust_xlsxwriter::{Format, Workbook};

    /// A team template: two objectives (the first merged over its two rows), a progress formula
    /// per row, formatted empty rows below; with `total`, an average over the block in G8.
    fn template(total: bool) -> Vec<u8> {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet().set_name("Team OKRs").unwrap();
        let head = Format::new().set_bold();
        let number = Format::new().set_num_format("0.0");
        let progress = Format::new().set_num_format("0%");
        let blank = Format::new().set_background_color("#FFF2CC");
        for (c, h) in [
            "Objective",
            "Key result",
            "Owner",
            "Start",
            "Target",
            "Current",
            "Progress",
        ]
        .iter()
        .enumerate()
        {
            sheet.write_with_format(0, c as u16, *h, &head).unwrap();
        }
        let rows = [
            ("1. Grow revenue", "Close 10 deals", "Ana", 0.0, 10.0, 4.0),
            ("", "Sign 3 partners", "Ben", 0.0, 3.0, 1.0),
            ("2. Delight users", "NPS to 40", "Cy", 20.0, 40.0, 25.0),
        ];
        for (i, (o, k, w, s, t, c)) in rows.iter().enumerate() {
            let r = i as u32 + 1;
            if !o.is_empty() {
                sheet.write(r, 0, *o).unwrap();
            }
            sheet.write(r, 1, *k).unwrap();
            sheet.write(r, 2, *w).unwrap();
            sheet.write_with_format(r, 3, *s, &number).unwrap();
            sheet.write_with_format(r, 4, *t, &number).unwrap();
            sheet.write_with_format(r, 5, *c, &number).unwrap();
            let f = format!("=(F{0}-D{0})/(E{0}-D{0})", r + 1);
            sheet
                .write_formula_with_format(r, 6, f.as_str(), &progress)
                .unwrap();
        }
        sheet
            .merge_range(1, 0, 2, 0, "1. Grow revenue", &Format::new())
            .unwrap();
        for r in 4..7 {
            for c in 0..7 {
                sheet.write_blank(r, c, &blank).unwrap();
            }
        }
        if total {
            sheet.write(7, 5, "Average").unwrap();
            sheet.write_formula(7, 6, "=AVERAGE(G2:G4)").unwrap();
        }
        book.save_to_buffer().unwrap()
    }

    fn add(plan: &mut Plan, objective: usize, title: &str, current: f64) {
        let id = plan.allocate_id();
        let mut kr = KeyResult::empty(id, title);
        kr.owner = "Dee".into();
        kr.start = Some(0.0);
        kr.target = Some(8.0);
        kr.current = Some(current);
        plan.objectives[objective].key_results.push(kr);
    }

    fn sheet_xml(bytes: &[u8]) -> String {
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
        let mut f = z.by_name("xl/worksheets/sheet1.xml").unwrap();
        let mut s = String::new();
        std::io::Read::read_to_string(&mut f, &mut s).unwrap();
        s
    }

    /// The `s` attribute of cell `r` in a sheet's XML.
    fn style_of(xml: &str, r: &str) -> Option<String> {
        let at = xml.find(&format!("<c r=\"{r}\""))?;
        let tag = &xml[at..at + xml[at..].find('>')?];
        let s = tag.find(" s=\"")?;
        Some(tag[s + 4..].split('"').next()?.to_string())
    }

    #[test]
    fn under_the_last_objective_a_key_result_takes_the_free_row_styled_like_the_one_above() {
        let bytes = template(false);
        let mut plan = imported(&bytes, "team.xlsx");
        assert_eq!(plan.key_result_count(), 3);
        add(&mut plan, 1, "Ship the survey", 2.0);
        add(&mut plan, 0, "Open a new market", 1.0);
        let (out, report) = original::write(&bytes, &plan).unwrap();
        // Under "Delight users" (row 4; row 5 free): a row. Under "Grow revenue" the next row
        // is the next objective's: listed.
        assert_eq!((report.inserted, report.added), (1, 1), "{report:?}");
        let xml = sheet_xml(&out);
        assert!(xml.contains("<f>(F5-D5)/(E5-D5)</f>"), "{xml}");
        for col in ["B", "C", "D", "E", "F", "G"] {
            assert_eq!(
                style_of(&xml, &format!("{col}5")),
                style_of(&xml, &format!("{col}4")),
                "{col}5"
            );
        }
        let again = imported(&out, "team.xlsx");
        let titles: Vec<(String, Vec<String>)> = again
            .objectives
            .iter()
            .map(|o| {
                (
                    o.title.clone(),
                    o.key_results.iter().map(|k| k.title.clone()).collect(),
                )
            })
            .collect();
        assert_eq!(
            titles,
            vec![
                (
                    "Grow revenue".to_string(),
                    vec!["Close 10 deals".to_string(), "Sign 3 partners".to_string()]
                ),
                (
                    "Delight users".to_string(),
                    vec!["NPS to 40".to_string(), "Ship the survey".to_string()]
                ),
            ]
        );
        let k = &again.objectives[1].key_results[1];
        assert_eq!(
            (k.owner.as_str(), k.start, k.target, k.current),
            ("Dee", Some(0.0), Some(8.0), Some(2.0))
        );
        // The one that found no room is on the listing sheet.
        let book = import::read(&out, "team.xlsx").unwrap();
        let listed = book
            .sheets
            .iter()
            .find(|s| s.name == original::LISTED_SHEET)
            .unwrap();
        assert!(listed
            .rows
            .iter()
            .flatten()
            .any(|c| c.text() == "Open a new market"));
        // And exporting the re-imported plan again changes nothing.
        let (_, again_report) = original::write(&out, &again).unwrap();
        assert_eq!((again_report.written, again_report.inserted), (0, 0));
        // For the checks from outside Rust: only row 5 changed (and the listing sheet added).
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/original-check");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("generated-team.original.xlsx"), &bytes).unwrap();
        std::fs::write(dir.join("generated-team.exported.xlsx"), &out).unwrap();
        std::fs::write(
            dir.join("generated-team.changed.json"),
            serde_json::json!({"changed": [], "cached": [], "rows": [{"sheet": "Team OKRs", "row": 5}]})
                .to_string(),
        )
        .unwrap();
    }

    #[test]
    fn a_total_over_the_block_keeps_new_rows_out() {
        let bytes = template(true);
        let mut plan = imported(&bytes, "team.xlsx");
        add(&mut plan, 1, "Ship the survey", 2.0);
        let (out, report) = original::write(&bytes, &plan).unwrap();
        assert_eq!((report.inserted, report.added), (0, 1), "{report:?}");
        assert!(!sheet_xml(&out).contains("Ship the survey"));
    }
}
