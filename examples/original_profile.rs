//! Times an export into the original workbook (native, release): for each file given, import it,
//! change every key result's Current (and title), write into the original, and import the result
//! again. With `--generate N`, a workbook of N key results under N/4 objectives (written with
//! rust_xlsxwriter, a team template's shape) is profiled instead.
//! `cargo run --release --example original_profile -- FILE…` or `-- --generate 10000`.
use std::time::Instant;

use okr_sheets::export::original;
use okr_sheets::import::{self, Choices};

fn generated(n: usize) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let bold = rust_xlsxwriter::Format::new().set_bold();
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
        sheet.write_with_format(0, c as u16, *h, &bold).unwrap();
    }
    for i in 0..n {
        let r = i as u32 + 1;
        sheet
            .write(r, 0, format!("Objective {}", i / 4 + 1))
            .unwrap();
        sheet
            .write(r, 1, format!("Key result {} of the plan", i + 1))
            .unwrap();
        sheet.write(r, 2, format!("Owner {}", i % 37)).unwrap();
        sheet.write(r, 3, 0.0).unwrap();
        sheet.write(r, 4, 100.0).unwrap();
        sheet.write(r, 5, (i % 100) as f64).unwrap();
        sheet
            .write_formula(r, 6, format!("=(F{0}-D{0})/(E{0}-D{0})", r + 1).as_str())
            .unwrap();
    }
    book.save_to_buffer().unwrap()
}

fn profile(name: &str, bytes: &[u8]) {
    let t0 = Instant::now();
    let book = import::read(bytes, name).expect("reads");
    let mut plan = import::apply::new_plan(&import::interpret(&book, &Choices::default()));
    let t1 = Instant::now();
    let mut changed = 0;
    for o in &mut plan.objectives {
        for k in &mut o.key_results {
            if k.kind == okr_core::model::Kind::Number {
                k.current = Some(k.current.unwrap_or(0.0) + 1.0);
                changed += 1;
            }
        }
        if let Some(k) = o.key_results.first_mut() {
            k.title.push_str(" (revised)");
        }
    }
    let t2 = Instant::now();
    let stored = okr_core::store::encode(&plan).expect("encodes").len();
    let map = plan
        .origin
        .as_ref()
        .map_or(0, |o| serde_json::to_string(o).unwrap().len());
    println!("stored plan {stored} characters, of which the origin {map}");
    let (out, report) = original::write(bytes, &plan).expect("writes");
    let t3 = Instant::now();
    let again = import::read(&out, name).expect("reads back");
    let _ = import::interpret(&again, &Choices::default());
    let t4 = Instant::now();
    println!(
        "{name}: {} bytes, {} key results ({changed} values changed): import {:.1} ms, export into the original {:.1} ms ({} cells), import of the result {:.1} ms",
        bytes.len(),
        plan.key_result_count(),
        (t1 - t0).as_secs_f64() * 1000.0,
        (t3 - t2).as_secs_f64() * 1000.0,
        report.written,
        (t4 - t3).as_secs_f64() * 1000.0,
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--generate") {
        let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(10_000);
        profile(&format!("generated-{n}.xlsx"), &generated(n));
        return;
    }
    for path in &args {
        let bytes = std::fs::read(path).expect("file");
        profile(path.rsplit('/').next().unwrap_or(path), &bytes);
    }
}
