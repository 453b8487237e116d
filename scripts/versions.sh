# The one place where every tool version of okr-grid is pinned.
# Sourced by scripts/setup.sh; Cargo.toml pins wasm-bindgen to WASM_BINDGEN_VERSION and
# Trunk.toml names the same wasm-bindgen and wasm-opt versions (scripts/check-versions.sh keeps them equal).
RUST_WASM_TARGET=wasm32-unknown-unknown
RUST_WASI_TARGET=wasm32-wasip1
TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
BINARYEN_VERSION=132.0.0
# Splits the page's wasm at its #[wasm_split] functions (parts fetched on first use): the
# tool Leptos' own build tool uses (crate wasm_split_cli_support, binary wasm-split-cli).
WASM_SPLIT_VERSION=0.2.4
PLAYWRIGHT_VERSION=1.65.1
# axe-core's Playwright binding, for the accessibility audit in tests/e2e/a11y.spec.js
AXE_PLAYWRIGHT_VERSION=4.14.1
# SheetJS, only for comparing import speed in scripts/bench.sh import
SHEETJS_VERSION=0.18.5
# Debian packages (their version is the distribution's; we check they are installed):
# the browser for the tests, and LibreOffice + openpyxl to check exported workbooks
# (scripts/check-export.sh); none of them is needed to build or serve the app.
APT_PACKAGES="chromium chromium-driver libreoffice-calc-nogui python3-openpyxl"
# Fuzzing only (nightly toolchain, not part of the test command): scripts/fuzz.sh
CARGO_FUZZ_VERSION=0.13.2
