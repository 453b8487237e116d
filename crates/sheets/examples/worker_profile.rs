//! The spreadsheet worker's own work on a large file, as WebAssembly, without a browser: the
//! `Read` of an .xlsx (read, interpret, the preview's reply text) and the `Export` of the plan
//! it gives, each timed over 9 runs in one instance. `bash scripts/bench.sh worker` builds it
//! for wasm32-wasip1 and runs it in Node (V8, the engine of the Chromium benchmarks). Node's
//! figures vary less than a page's: compare builds with this, confirm in the browser.
use std::time::Instant;

use okr_sheets::job::{reply_text, request_text, Format, Reply, Request, Worker};
use okr_sheets::sent_plan::Sender;

const RUNS: usize = 9;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: worker_profile FILE.xlsx");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).expect("the file reads");
    let name = path.rsplit('/').next().unwrap_or(&path).to_string();
    let book = okr_sheets::import::read(&bytes, &name).expect("the file is a workbook");
    let plan = okr_sheets::import::interpret(&book, &Default::default()).plan;
    let mut worker = Worker::default();
    let mut time = |what: &str, request: &dyn Fn() -> (Request, Option<Vec<u8>>)| {
        let mut ms = Vec::with_capacity(RUNS);
        for _ in 0..RUNS {
            let (request, bytes) = request();
            let t0 = Instant::now();
            let (reply, _) = worker.run(request, bytes, &mut |_| {});
            let text = reply_text(&reply);
            ms.push(t0.elapsed().as_secs_f64() * 1000.0);
            // As the worker does, once the answer is sent.
            worker.tidy();
            assert!(
                matches!(reply, Reply::Previewed(_) | Reply::Exported { .. }),
                "{what}: {text}"
            );
        }
        let first = ms[0];
        ms.sort_by(f64::total_cmp);
        println!(
            "{name}: {what}: first {first:.0} ms, median of {RUNS} {:.0} ms, fastest {:.0} ms",
            ms[RUNS / 2],
            ms[0]
        );
    };
    time("Read (read, interpret, reply)", &|| {
        let request = Request::Read {
            file_name: name.clone(),
            remembered: None,
        };
        (request, Some(bytes.clone()))
    });
    // The page sends the plan as the request's JSON text, which the worker reads first: whole
    // on a page's first export.
    let request = || Request::Export {
        plan: Sender::default().send(&plan),
        date: "2026-12-03".into(),
        format: Format::Xlsx,
    };
    let (mut encode, mut decode) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let request = request();
        let t0 = Instant::now();
        let text = serde_json::to_string(&request).expect("the request encodes");
        encode.push(t0.elapsed().as_secs_f64() * 1000.0);
        let t0 = Instant::now();
        let back: Request = serde_json::from_str(&text).expect("the request decodes");
        decode.push(t0.elapsed().as_secs_f64() * 1000.0);
        drop(back);
    }
    encode.sort_by(f64::total_cmp);
    decode.sort_by(f64::total_cmp);
    println!(
        "{name}: Export request as JSON: encode median {:.0} ms, decode median {:.0} ms",
        encode[RUNS / 2],
        decode[RUNS / 2]
    );
    time("Export .xlsx", &|| {
        let request = Request::Export {
            plan: Sender::default().send(&plan),
            date: "2026-12-03".into(),
            format: Format::Xlsx,
        };
        (request, None)
    });
    // As the page and the worker do it: the plan compared with the last one sent, the request
    // encoded, decoded, run. A page's first
    // export sends the plan whole; later ones only what changed (here nothing), as the worker
    // keeps the plan.
    for (what, mut sender) in [
        ("plan sent whole", None),
        ("plan kept", Some(Sender::default())),
    ] {
        let mut ms = Vec::with_capacity(RUNS);
        for _ in 0..RUNS {
            let t0 = Instant::now();
            let plan = match sender.as_mut() {
                Some(sender) => sender.send(&plan),
                None => Sender::default().send(&plan),
            };
            let request = Request::Export {
                plan,
                date: "2026-12-03".into(),
                format: Format::Xlsx,
            };
            let text = request_text(&request).expect("the request encodes");
            let (reply, _) = worker.run_text(&text, None, &mut |_| {});
            ms.push(t0.elapsed().as_secs_f64() * 1000.0);
            worker.tidy();
            assert!(matches!(reply, Reply::Exported { .. }), "{reply:?}");
        }
        ms.sort_by(f64::total_cmp);
        println!(
            "{name}: Export .xlsx with its request's JSON, {what}: median of {RUNS} {:.0} ms, fastest {:.0} ms",
            ms[RUNS / 2],
            ms[0]
        );
    }
}
