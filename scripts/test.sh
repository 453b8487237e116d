#!/usr/bin/env bash
# Runs every test of okr-grid on a fresh or warm machine: setup, formatting, lints, native unit
# tests, exported workbooks checked with openpyxl and LibreOffice, in-browser wasm tests, the
# release build (with its size) and the Playwright suite.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n=== %s ===\n' "$*"; }

step setup
bash scripts/setup.sh
source scripts/env.sh
bash scripts/check-versions.sh

step "format and lints"
cargo fmt --check
cargo clippy --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings

step "native unit tests"
cargo test

step "exported workbooks checked with openpyxl and LibreOffice"
bash scripts/check-export.sh

step "in-browser tests (wasm-bindgen-test, headless Chromium)"
cargo test --target wasm32-unknown-unknown --test storage_web

step "release build"
OKR_SKIP_SETUP=1 bash scripts/build.sh

step "end-to-end tests (Playwright, Debian Chromium)"
npx playwright test
