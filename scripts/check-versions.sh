#!/usr/bin/env bash
# Fails when a version pinned in scripts/versions.sh is stated differently elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/versions.sh
fail=0
check() { # file, expected text
  grep -qF -- "$2" "$1" || { echo "version drift: $1 should contain: $2"; fail=1; }
}
check Cargo.toml "wasm-bindgen = \"=$WASM_BINDGEN_VERSION\""
check Trunk.toml "wasm_bindgen = \"$WASM_BINDGEN_VERSION\""
check Trunk.toml "wasm_opt = \"version_${BINARYEN_VERSION%%.*}\""
check package.json "\"@playwright/test\": \"$PLAYWRIGHT_VERSION\""
check package.json "\"binaryen\": \"$BINARYEN_VERSION\""
check package.json "\"xlsx\": \"$SHEETJS_VERSION\""
check package.json "\"@axe-core/playwright\": \"$AXE_PLAYWRIGHT_VERSION\""
locked=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
[ "$locked" = "$WASM_BINDGEN_VERSION" ] || { echo "version drift: Cargo.lock has wasm-bindgen $locked"; fail=1; }
exit $fail
