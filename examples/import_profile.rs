//! Times reading and interpreting each file given on the command line (native, release):
//! `cargo run --release --example import_profile -- FILE…`.
use std::time::Instant;

fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("file");
        let name = path.rsplit('/').next().unwrap_or(&path).to_string();
        let t0 = Instant::now();
        let book = okr_sheets::import::read(&bytes, &name).expect("reads");
        let t1 = Instant::now();
        let preview = okr_sheets::import::interpret(&book, &okr_sheets::import::Choices::default());
        let t2 = Instant::now();
        let check_ins: usize = preview
            .plan
            .objectives
            .iter()
            .flat_map(|o| &o.key_results)
            .map(|k| k.check_ins.len())
            .sum();
        println!(
            "{name}: read {:.1} ms, interpret {:.1} ms ({} objectives, {} key results, {} check-ins)",
            (t1 - t0).as_secs_f64() * 1000.0,
            (t2 - t1).as_secs_f64() * 1000.0,
            preview.plan.objectives.len(),
            preview.key_result_count(),
            check_ins
        );
    }
}
