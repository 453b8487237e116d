#!/usr/bin/env bash
# Import benchmark in headless Chromium: okr-grid vs SheetJS on an .xlsx of N key results.
# Usage: bash scripts/bench-import.sh [N=10000]   (figures go to docs/BENCHMARKS.md by hand)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-10000}"
bash scripts/setup.sh
source scripts/env.sh
[ -f dist/index.html ] || OKR_SKIP_SETUP=1 bash scripts/build.sh
cargo run --quiet --release --example make_fixtures -- target/bench --big "$n"
BENCH_KRS="$n" npx playwright test --config playwright.bench.config.js --reporter=list 2>&1 | grep -E '\[bench\]|passed|failed|Error'
