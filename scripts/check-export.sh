#!/usr/bin/env bash
# Checks exported workbooks from outside Rust: openpyxl reads the contract, LibreOffice
# recalculates every formula and must agree with okr-grid's scores (tests/export/check_workbook.py);
# then the exports into the original workbooks of the corpus (tests/export/check_original.py).
# Usage: scripts/check-export.sh FILE.xlsx...   (default: the samples `cargo test` writes)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$#" -eq 0 ]; then
  set -- target/export-check/*.xlsx
fi
# Debian's python3: python3-openpyxl is installed for it by scripts/setup.sh.
/usr/bin/python3 tests/export/check_workbook.py "$@"
# Exports into the original workbook (tests/export_original.rs writes them): exactly the
# changed cells, everything else as it was, and LibreOffice recalculates them.
if [ -d target/original-check ]; then
  /usr/bin/python3 tests/export/check_original.py target/original-check
fi
