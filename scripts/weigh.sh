#!/usr/bin/env bash
# Weighs the page's first-paint wasm by who wrote its code (docs/BENCHMARKS.md, issue 17,
# nineteenth session): a release build of the page with v0 symbol names, whose names keep the
# generic arguments (so tachys and reactive_graph code built for a view's closures counts for
# that view), split by wasm-split-cli as scripts/build.sh splits it, then read by
# scripts/weigh.py. Sizes are before wasm-opt. Its own target dir (target/weigh): the first run
# builds every crate again (about 5 min), later ones only the page.
# Usage: bash scripts/weigh.sh [by-component [N] | by-generic [N] | grep REGEX [N]]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
dir=target/weigh
CARGO_TARGET_DIR="$dir/cargo" RUSTFLAGS="-Csymbol-mangling-version=v0 --cfg erase_components" \
  cargo rustc --quiet --release --target wasm32-unknown-unknown --features split --bin okr-grid \
  -- -Clink-args=--emit-relocs
rm -rf "$dir/split"
mkdir -p "$dir/split"
wasm-split-cli "$dir/cargo/wasm32-unknown-unknown/release/okr-grid.wasm" "$dir/split" --out-name okr-grid >/dev/null
echo "[weigh] the page's first-paint wasm, split, before wasm-opt: $dir/split/okr-grid.wasm (parts beside it)"
python3 scripts/weigh.py "$dir/split/okr-grid.wasm" "${@:-by-component}"
