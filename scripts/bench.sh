#!/usr/bin/env bash
# Benchmarks in headless Chromium against the release build, on a plan of N key results:
#   load    cold load to the first grid row, unthrottled and at 10 Mbit/s; the build's .wasm and
#           .js sizes; whether a worker wasm is fetched for the first paint (tests/bench/load.bench.js;
#           needs no fixture, N is unused)
#   import  okr-grid vs SheetJS reading the same .xlsx; file chosen → preview painted and its long
#           tasks (tests/bench/import.bench.js)
#   export  the real export buttons, .xlsx and CSV (tests/bench/export.bench.js)
#   merge   three returned copies of the plan merged back (tests/bench/merge.bench.js)
#   grid    keystroke → paint, scrolling frames, paste of 1,000 rows (tests/bench/grid.bench.js)
#   storage import with 13 weekly check-ins, save, reload, autosave long tasks, the move from
#           local storage (tests/bench/storage.bench.js; BENCH_WEEKS, default 13)
#   worker  the spreadsheet worker's Read and Export of the fixture as WebAssembly in Node, no
#           browser (crates/sheets/examples/worker_profile.rs, built for wasm32-wasip1 with the
#           worker's Cargo profile, `worker`, as the worker is): steadier
#           figures than a page's for comparing two versions of the importer or exporter; the
#           Export also with its request's JSON, the plan sent whole (a page's first export)
#           and kept by the worker (later ones)
# Usage: bash scripts/bench.sh load|import|export|merge|grid|storage|worker [N=10000]   (figures go to docs/BENCHMARKS.md by hand)
# BENCH_DIST=DIR serves that build instead of dist/ (e.g. a copy kept from before a change; dist/ is
# then neither needed nor built), see playwright.bench.config.js; BENCH_RUNS sets the runs (default 7).
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:?usage: scripts/bench.sh load|import|export|merge|grid|storage|worker [N]}"
n="${2:-10000}"
[ -f "tests/bench/$what.bench.js" ] || [ "$what" = worker ] || { echo "no benchmark named $what"; exit 2; }
bash scripts/setup.sh --bench
source scripts/env.sh
# shellcheck source=scripts/versions.sh
source scripts/versions.sh
weeks=()
[ "$what" = storage ] && weeks=(--weeks "${BENCH_WEEKS:-13}")
cargo run --quiet --release --example make_fixtures -- target/bench --big "$n" "${weeks[@]}"
if [ "$what" = worker ]; then
  CARGO_TARGET_WASM32_WASIP1_RUNNER="node --no-warnings $PWD/scripts/wasi-run.mjs" \
    cargo run --quiet --profile worker -p okr-sheets --example worker_profile \
    --target "$RUST_WASI_TARGET" -- "$PWD/target/bench/big-$n.xlsx"
  exit 0
fi
if [ -n "${BENCH_DIST:-}" ]; then
  [ -f "$BENCH_DIST/index.html" ] || { echo "BENCH_DIST=$BENCH_DIST has no index.html"; exit 2; }
else
  [ -f dist/index.html ] || OKR_SKIP_SETUP=1 bash scripts/build.sh
fi
BENCH_KRS="$n" npx playwright test --config playwright.bench.config.js --reporter=list \
  "tests/bench/$what.bench.js" 2>&1 | grep -E '\[bench\]|passed|failed|Error'
