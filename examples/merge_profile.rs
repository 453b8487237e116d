//! Times a merge at scale (native, release): the plan in FILE (an .xlsx the importer reads,
//! e.g. `target/bench/big-10000.xlsx` from `make_fixtures --big 10000`) is exported, three
//! returned copies are made from the export (every 10th key result's Current changed, the
//! first two files agreeing, the third not on every 30th), read back and merged:
//! `cargo run --release --example merge_profile -- FILE`.
use std::time::Instant;

use okr_core::merge::{self, Field};
use okr_core::period::Date;
use okr_sheets::import::{self, returned::read_returned, Choices};

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: merge_profile FILE.xlsx");
    let bytes = std::fs::read(&path).expect("file");
    let book = import::read(&bytes, "plan.xlsx").expect("reads");
    let plan = import::apply::new_plan(&import::interpret(&book, &Choices::default()));
    let exported = okr_sheets::export::workbook::workbook(&plan, "2026-12-02").expect("exports");
    // Kept for profiling the reader alone (`import_profile`).
    let _ = std::fs::write("target/merge-profile-export.xlsx", &exported);

    let t = Instant::now();
    let book = import::read(&exported, "returned.xlsx").expect("reads");
    let bytes_ms = ms(t);
    let t = Instant::now();
    let read = read_returned(&book, None, &Choices::default()).expect("returned");
    let rows_ms = ms(t);
    let sheets: Vec<String> = book
        .sheets
        .iter()
        .map(|s| format!("{} {}", s.name, s.rows.len()))
        .collect();
    println!(
        "export of {} bytes ({}): import::read {bytes_ms:.0} ms, read_returned {rows_ms:.0} ms",
        exported.len(),
        sheets.join(", ")
    );
    let read_ms = bytes_ms + rows_ms;
    let mut files = vec![read.returned.clone(), read.returned.clone(), read.returned];
    for (f, file) in files.iter_mut().enumerate() {
        file.file = format!("copy-{f}.xlsx");
        for (i, row) in file.rows.iter_mut().enumerate() {
            if i % 10 == 0 {
                let v = if f == 2 && i % 30 == 0 { "7" } else { "5" };
                row.values.insert(Field::Current, v.to_string());
            }
        }
    }
    let t = Instant::now();
    let preview = merge::preview(&plan, &files);
    let preview_ms = ms(t);
    let t = Instant::now();
    let today = Date::new(2026, 12, 2).expect("date");
    let merge::Merged {
        plan: merged,
        not_applied: failed,
        ..
    } = merge::apply(&plan, &preview, &files, &preview.default_choices(), today);
    let apply_ms = ms(t);
    println!(
        "{} key results, 3 returned copies: read one back {read_ms:.0} ms, preview {preview_ms:.0} ms ({} changes, {} conflicts), apply {apply_ms:.0} ms ({} not applied, {} key results)",
        plan.key_result_count(),
        preview.changes(),
        preview.conflicts(),
        failed.len(),
        merged.key_result_count()
    );
}
