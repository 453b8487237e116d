#!/usr/bin/env bash
# Checks exported workbooks from outside Rust: openpyxl reads the contract, LibreOffice
# recalculates every formula and must agree with okr-grid's scores (tests/export/check_workbook.py).
# Usage: scripts/check-export.sh FILE.xlsx...   (default: the samples `cargo test` writes)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$#" -eq 0 ]; then
  set -- target/export-check/*.xlsx
fi
# Debian's python3: python3-openpyxl is installed for it by scripts/setup.sh.
exec /usr/bin/python3 tests/export/check_workbook.py "$@"
