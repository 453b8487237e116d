//! Times the .xlsx and CSV exports of the plan each file on the command line imports as (native,
//! release, median of 7 runs): `cargo run --release --example export_profile -- FILE…`.
use std::time::Instant;

const RUNS: usize = 7;

fn median(ms: &mut [f64]) -> f64 {
    ms.sort_by(f64::total_cmp);
    ms[ms.len() / 2]
}

fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("file");
        let name = path.rsplit('/').next().unwrap_or(&path).to_string();
        let book = okr_sheets::import::read(&bytes, &name).expect("reads");
        let plan =
            okr_sheets::import::interpret(&book, &okr_sheets::import::Choices::default()).plan;
        let mut xlsx_ms = Vec::new();
        let mut csv_ms = Vec::new();
        let (mut xlsx, mut csv) = (Vec::new(), String::new());
        for _ in 0..RUNS {
            let t0 = Instant::now();
            xlsx = okr_sheets::export::workbook::workbook(&plan, "2026-12-03").expect("writes");
            let t1 = Instant::now();
            csv = okr_sheets::export::csv::csv(&plan).expect("writes");
            let t2 = Instant::now();
            xlsx_ms.push((t1 - t0).as_secs_f64() * 1000.0);
            csv_ms.push((t2 - t1).as_secs_f64() * 1000.0);
        }
        println!(
            "{name}: .xlsx median {:.1} ms ({} B), CSV median {:.1} ms ({} B), {RUNS} runs",
            median(&mut xlsx_ms),
            xlsx.len(),
            median(&mut csv_ms),
            csv.len()
        );
        if let Ok(out) = std::env::var("EXPORT_PROFILE_OUT") {
            std::fs::write(out, &xlsx).expect("written");
        }
    }
}
