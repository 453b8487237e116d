#!/usr/bin/env bash
# Regenerates the committed import fixtures in tests/fixtures: .xlsx from code
# (examples/make_fixtures.rs), then .xls and .ods converted by LibreOffice
# (apt-get install libreoffice-calc-nogui). Not part of the test command: the files are committed.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
cargo run --quiet --example make_fixtures -- tests/fixtures
cd tests/fixtures
soffice --headless --calc --convert-to xls marketing-template.xlsx >/dev/null
soffice --headless --calc --convert-to ods teams-by-sheet.xlsx >/dev/null
ls -l
