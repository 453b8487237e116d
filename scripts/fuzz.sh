#!/usr/bin/env bash
# Fuzzes the parsers that take untrusted text (stored plans, typed cells) with cargo-fuzz on the
# nightly toolchain. Usage: bash scripts/fuzz.sh [seconds per target, default 60] [target…]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/versions.sh
export PATH="$HOME/.cargo/bin:$PATH"
if ! cargo fuzz --version 2>/dev/null | grep -q " $CARGO_FUZZ_VERSION\$"; then
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
fi
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(store_decode cell_edit)
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t"
  echo "=== fuzzing $t for ${seconds}s ==="
  # Seeds are optional (import_sheets builds its sheets from raw bytes).
  seeds=()
  [ -d "fuzz/seeds/$t" ] && seeds=("fuzz/seeds/$t")
  cargo +nightly fuzz run "$t" "fuzz/corpus/$t" "${seeds[@]}" -- -max_total_time="$seconds" 2>&1 |
    grep -E '^(Done|#[0-9]+.*DONE)|panicked|SUMMARY|crash-' || true
  if ls "fuzz/artifacts/$t"/crash-* >/dev/null 2>&1; then
    echo "fuzz target $t found a crash: see fuzz/artifacts/$t"; exit 1
  fi
done
