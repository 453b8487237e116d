#!/usr/bin/env bash
# Benchmarks in headless Chromium against the release build, on a plan of N key results:
#   import  okr-grid vs SheetJS reading the same .xlsx (tests/bench/import.bench.js)
#   export  the real export buttons, .xlsx and CSV (tests/bench/export.bench.js)
#   merge   three returned copies of the plan merged back (tests/bench/merge.bench.js)
#   grid    keystroke → paint, scrolling frames, paste of 1,000 rows (tests/bench/grid.bench.js)
#   storage import with 13 weekly check-ins, save, reload, autosave long tasks, the move from
#           local storage (tests/bench/storage.bench.js; BENCH_WEEKS, default 13)
# Usage: bash scripts/bench.sh import|export|merge|grid|storage [N=10000]   (figures go to docs/BENCHMARKS.md by hand)
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:?usage: scripts/bench.sh import|export|merge|grid|storage [N]}"
n="${2:-10000}"
[ -f "tests/bench/$what.bench.js" ] || { echo "no benchmark named $what"; exit 2; }
bash scripts/setup.sh
source scripts/env.sh
[ -f dist/index.html ] || OKR_SKIP_SETUP=1 bash scripts/build.sh
weeks=()
[ "$what" = storage ] && weeks=(--weeks "${BENCH_WEEKS:-13}")
cargo run --quiet --release --example make_fixtures -- target/bench --big "$n" "${weeks[@]}"
BENCH_KRS="$n" npx playwright test --config playwright.bench.config.js --reporter=list \
  "tests/bench/$what.bench.js" 2>&1 | grep -E '\[bench\]|passed|failed|Error'
