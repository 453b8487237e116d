#!/usr/bin/python3
"""Makes returned copies of an exported okr-grid workbook, as owners would edit them in a
spreadsheet program, for the merge tests (tests/e2e/merge.spec.js).

    returned_copies.py EXPORT.xlsx OUT_DIR [--libreoffice]

Writes, in OUT_DIR:
- luis.xlsx: the lead-growth key result's Current set to 530 with a note; the OKRs sheet
  sorted by Owner (Z to A), and a filter hiding Priya Raman's rows: ids must survive both.
- mei.xlsx: a key result added below the first objective's rows (no id, as typed in Excel),
  and a title changed.
- sam.xlsx: the same Current as luis.xlsx set to 560 (a conflict).
The files' modified dates are set to 2026-11-20, 2026-11-21 and 2026-11-22. With
--libreoffice, luis.xlsx is then opened and saved again by LibreOffice (headless), as an owner
using LibreOffice would return it: the ids and the hidden Merge base sheet must survive that.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime

import openpyxl

LEADS = "Grow marketing-qualified leads per month from 400 to 650"
NPS = "Lift net promoter score from -20 to 10"


def header(ws):
    return {ws.cell(row=1, column=c).value: c for c in range(1, ws.max_column + 1)}


def row_of(ws, title):
    col = header(ws)["Key Result"]
    for r in range(2, ws.max_row + 1):
        if ws.cell(row=r, column=col).value == title:
            return r
    raise SystemExit(f"no row {title!r}")


def sort_by_owner(ws):
    """Sorts the data rows by Owner, Z to A, as a spreadsheet's sort does: values move with
    their row, and formulas' references to their own row follow."""
    cols = header(ws)
    last = max(r for r in range(2, ws.max_row + 1)
               if any(ws.cell(row=r, column=c).value not in (None, "") for c in range(1, 15)))
    rows = []
    for r in range(2, last + 1):
        cells = [ws.cell(row=r, column=c) for c in range(1, ws.max_column + 1)]
        rows.append((r, [(c.value, c.number_format) for c in cells]))
    rows.sort(key=lambda item: str(item[1][cols["Owner"] - 1][0] or ""), reverse=True)
    for new, (old, cells) in enumerate(rows, start=2):
        for c, (value, fmt) in enumerate(cells, start=1):
            if isinstance(value, str) and value.startswith("="):
                value = re.sub(rf"([A-Z]+){old}\b", rf"\g<1>{new}", value)
            cell = ws.cell(row=new, column=c)
            cell.value = value
            cell.number_format = fmt
    return last


def stamp(path, day):
    t = datetime(2026, 11, day, 12, 0).timestamp()
    os.utime(path, (t, t))


def through_libreoffice(path):
    """Saves `path` again with LibreOffice Calc, in place."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        profile = os.path.join(tmp, "profile")
        outdir = os.path.join(tmp, "out")
        run = subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", outdir, path],
            capture_output=True, text=True, timeout=180)
        saved = os.path.join(outdir, os.path.basename(path))
        if not os.path.exists(saved):
            raise SystemExit(f"LibreOffice did not save {path}: {run.stdout} {run.stderr}")
        shutil.copyfile(saved, path)


def main(export, out, libreoffice=False):
    os.makedirs(out, exist_ok=True)

    wb = openpyxl.load_workbook(export)
    ws = wb["OKRs"]
    cols = header(ws)
    r = row_of(ws, LEADS)
    ws.cell(row=r, column=cols["Current"]).value = 530
    ws.cell(row=r, column=cols["Notes"]).value = "Webinar series started"
    last = sort_by_owner(ws)
    ws.auto_filter.ref = f"A1:{openpyxl.utils.get_column_letter(ws.max_column)}{last}"
    for r in range(2, last + 1):
        if ws.cell(row=r, column=cols["Owner"]).value == "Priya Raman":
            ws.row_dimensions[r].hidden = True
    path = os.path.join(out, "luis.xlsx")
    wb.save(path)
    if libreoffice:
        through_libreoffice(path)
    stamp(path, 20)

    wb = openpyxl.load_workbook(export)
    ws = wb["OKRs"]
    cols = header(ws)
    ws.cell(row=row_of(ws, NPS), column=cols["Key Result"]).value = "Lift net promoter score from -20 to 15"
    # A new row under the first objective, as typed in Excel: no id.
    first_objective = ws.cell(row=2, column=cols["Objective"]).value
    ws.insert_rows(5)
    for name, value in [("Period", ws.cell(row=2, column=cols["Period"]).value),
                        ("Team", ws.cell(row=2, column=cols["Team"]).value),
                        ("Objective", first_objective),
                        ("Key Result", "Launch the partner referral programme"),
                        ("Type", "number"), ("Owner", "Mei Chen"),
                        ("Start", 0), ("Target", 40), ("Current", 5)]:
        ws.cell(row=5, column=cols[name]).value = value
    path = os.path.join(out, "mei.xlsx")
    wb.save(path)
    stamp(path, 21)

    wb = openpyxl.load_workbook(export)
    ws = wb["OKRs"]
    cols = header(ws)
    ws.cell(row=row_of(ws, LEADS), column=cols["Current"]).value = 560
    path = os.path.join(out, "sam.xlsx")
    wb.save(path)
    stamp(path, 22)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], "--libreoffice" in sys.argv[3:])
