#!/usr/bin/env bash
# Installs every tool okr-grid needs, at the pinned versions of scripts/versions.sh.
# Idempotent: what is already installed at the right version is skipped.
# `--build`: only what building and serving need (no Debian packages: Chromium, ChromeDriver,
# LibreOffice and openpyxl are for the tests alone). `--bench`: everything, and the WASI target
# of `bash scripts/bench.sh worker` (kept off the test command's path: CI does not need it).
set -euo pipefail
build_only=false
bench=false
[ "${1:-}" = "--build" ] && build_only=true
[ "${1:-}" = "--bench" ] && bench=true
cd "$(dirname "$0")/.."
# shellcheck source=scripts/versions.sh
source scripts/versions.sh
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '[setup] %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    say "need root to run: $*"; return 1; fi
}

# 1. Rust wasm targets: the app's, and with --bench WASI's for `bash scripts/bench.sh worker`
#    (the spreadsheet worker's work timed in Node)
targets=("$RUST_WASM_TARGET")
$bench && targets+=("$RUST_WASI_TARGET")
for target in "${targets[@]}"; do
  if rustup target list --installed | grep -qx "$target"; then
    say "rust target $target: present"
  else
    say "installing rust target $target"
    rustup target add "$target"
  fi
done

# 2. Trunk (--locked is required: without it lightningcss/cssparser clash)
if command -v trunk >/dev/null && trunk --version | grep -q " $TRUNK_VERSION\$"; then
  say "trunk $TRUNK_VERSION: present"
else
  say "installing trunk $TRUNK_VERSION (takes 5 to 10 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# 3. wasm-bindgen CLI (must equal the wasm-bindgen crate version; --locked fails on this registry)
if command -v wasm-bindgen >/dev/null && wasm-bindgen --version | grep -q " $WASM_BINDGEN_VERSION\$" \
   && command -v wasm-bindgen-test-runner >/dev/null; then
  say "wasm-bindgen-cli $WASM_BINDGEN_VERSION: present"
else
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# 3b. wasm-split-cli (scripts/build.sh splits the page's wasm with it)
if cargo install --list | grep -q "^wasm_split_cli_support v$WASM_SPLIT_VERSION:" && command -v wasm-split-cli >/dev/null; then
  say "wasm-split-cli $WASM_SPLIT_VERSION: present"
else
  say "installing wasm-split-cli $WASM_SPLIT_VERSION (about 3 minutes on 2 cores)"
  cargo install wasm_split_cli_support --version "=$WASM_SPLIT_VERSION" --features build-binary --locked --force
fi

# 4. Debian packages: Chromium + ChromeDriver (never a browser downloaded by a test tool),
#    LibreOffice and openpyxl (to check exported workbooks)
missing=""
for p in $APT_PACKAGES; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if $build_only; then
  say "debian packages: not needed to build or serve (the test command installs them)"
elif [ -z "$missing" ]; then
  say "debian packages ($APT_PACKAGES): present"
else
  say "installing debian packages:$missing"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq $missing
fi

# 5. npm packages: binaryen (wasm-opt) and Playwright, exact versions from package.json / package-lock.json
npm_ok=true
[ -x node_modules/.bin/wasm-opt ] || npm_ok=false
[ -f node_modules/@playwright/test/package.json ] &&
  grep -q "\"version\": \"$PLAYWRIGHT_VERSION\"" node_modules/@playwright/test/package.json || npm_ok=false
[ -f node_modules/binaryen/package.json ] &&
  grep -q "\"version\": \"$BINARYEN_VERSION\"" node_modules/binaryen/package.json || npm_ok=false
[ -f node_modules/xlsx/package.json ] &&
  grep -q "\"version\": \"$SHEETJS_VERSION\"" node_modules/xlsx/package.json || npm_ok=false
[ -f node_modules/@axe-core/playwright/package.json ] &&
  grep -q "\"version\": \"$AXE_PLAYWRIGHT_VERSION\"" node_modules/@axe-core/playwright/package.json || npm_ok=false
if $npm_ok; then
  say "npm packages: present"
else
  say "installing npm packages (binaryen $BINARYEN_VERSION, @playwright/test $PLAYWRIGHT_VERSION, @axe-core/playwright $AXE_PLAYWRIGHT_VERSION)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi

say "done"
