#!/usr/bin/python3
"""Checks a workbook exported by okr-grid from outside: openpyxl reads the contract
(../shared/CONTRACTS.md: sheets, headers, formulas in Score with cached values, formats, lists,
properties, safe links, text never turned into formulas), and LibreOffice recalculates every
formula and must find okr-grid's cached scores to 1e-9.

Usage: check_workbook.py FILE.xlsx [FILE.xlsx ...]   (exit status 1 and a message per failure)

LibreOffice is made to compute, not to trust the cached results: the file is first re-saved with
openpyxl (which drops every cached value), then converted to CSV with a profile that sets
"recalculate on load: always". A formula LibreOffice could not compute would leave its cell
empty or an error, and the comparison would fail.
"""
import csv
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile

import openpyxl

OKR_COLUMNS = ["Period", "Team", "Objective", "Key Result", "Type", "Owner", "Start", "Target",
               "Current", "Score", "Weight", "Confidence", "Link", "Notes"]
OBJECTIVE_COLUMNS = ["Period", "Team", "Objective", "Owner", "Weight", "Score", "Status",
                     "Aligned to", "Key results", "Aligned to row", "Commitment"]
CHECK_IN_COLUMNS = ["Date", "Objective", "Key Result", "Value", "Confidence", "Note", "OKRs row"]
STEP_COLUMNS = ["Objective", "Key Result", "Step", "Done", "OKRs row"]
UNIT_COLUMNS = ["Objective", "Key Result", "Unit", "OKRs row"]
SCORING_COLUMNS = ["Rule", "Code", "Pace margin", "How scores are computed"]
RULES = {"linear", "graded", "thresholds", "pace"}
BACKLOG_COLUMNS = ["Rank", "Candidate", "Team", "Impact", "Confidence", "Ease", "ICE"]
TYPES = {"number", "percent", "binary", "stay above", "stay below", "milestone", "graded"}
STATUS = {"No data", "Off track", "At risk", "On track"}
SAFE_SCHEMES = ("http://", "https://", "mailto:")

RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


class Failures:
    def __init__(self, path):
        self.path = path
        self.items = []

    def check(self, ok, message):
        if not ok:
            self.items.append(message)
        return ok


def header(ws):
    return [ws.cell(row=1, column=c + 1).value for c in range(ws.max_column)]


def check_openpyxl(path, f):
    wb = openpyxl.load_workbook(path)  # formulas as written
    cached = openpyxl.load_workbook(path, data_only=True)  # cached results
    f.check(wb.sheetnames[0] == "OKRs", f"first sheet is {wb.sheetnames[0]!r}, not 'OKRs'")
    f.check("Objectives" in wb.sheetnames, "no Objectives sheet")
    ws, wc = wb["OKRs"], cached["OKRs"]
    f.check(header(ws) == OKR_COLUMNS + ["ID"], f"OKRs header is {header(ws)}")
    # Row identity for merging returned copies: one K/O id per row, unique.
    ids = [ws.cell(row=r, column=15).value for r in range(2, ws.max_row + 1)
           if any(ws.cell(row=r, column=c).value not in (None, "") for c in range(1, 15))]
    f.check(all(isinstance(i, str) and i[:1] in "KO" and i[1:].isdigit() for i in ids)
            and len(set(ids)) == len(ids), f"OKRs ID column: {ids[:20]}")
    if f.check("Merge base" in wb.sheetnames, "no Merge base sheet"):
        base = wb["Merge base"]
        f.check(base.sheet_state == "hidden", f"Merge base is {base.sheet_state}")
        base_ids = {base.cell(row=r, column=1).value for r in range(2, base.max_row + 1)}
        f.check(set(ids) <= base_ids, "Merge base lacks ids of the OKRs sheet")
    f.check(ws.freeze_panes == "A2", f"OKRs freeze panes {ws.freeze_panes}")
    f.check(bool(ws.auto_filter.ref), "OKRs has no autofilter")
    f.check(all(ws.cell(row=1, column=c).font.b for c in range(1, 15)), "OKRs header not bold")
    cf_ranges = [str(r.sqref) for r in ws.conditional_formatting]
    f.check(sum(1 for r in cf_ranges if r.startswith("J2")) >= 1 and
            sum(len(r.rules) for r in ws.conditional_formatting) >= 3,
            f"OKRs Score has no red/amber/green conditional formats: {cf_ranges}")
    dv_ranges = [str(dv.sqref) for dv in ws.data_validations.dataValidation]
    f.check(any(r.startswith("E2") for r in dv_ranges), f"no Type list: {dv_ranges}")
    f.check(any(r.startswith("L2") for r in dv_ranges), f"no Confidence list: {dv_ranges}")
    f.check(wb.properties.title not in (None, ""), "no document title")
    f.check("okr-grid" in (wb.properties.description or ""),
            f"properties do not say okr-grid: {wb.properties.description!r}")

    scores = {}  # row → cached score (float or None)
    backlog = {}  # Backlog row → I × C × E
    milestones = {}  # row → (start, target, current)
    formats = {}  # row → Current's number format
    for r in range(2, ws.max_row + 1):
        row = [ws.cell(row=r, column=c).value for c in range(1, 15)]
        if all(v in (None, "") for v in row):
            continue
        # Nothing but the Score column holds a formula: typed text stays text.
        for c in range(1, 15):
            cell = ws.cell(row=r, column=c)
            if c != 10:
                f.check(cell.data_type != "f", f"OKRs!{cell.coordinate} is a formula: {cell.value!r}")
        link = ws.cell(row=r, column=13)
        if link.hyperlink is not None:
            target = link.hyperlink.target or ""
            f.check(target.startswith(SAFE_SCHEMES), f"unsafe hyperlink in {link.coordinate}: {target!r}")
        kind = row[4]
        if kind in (None, ""):
            f.check(row[3] in (None, "") and row[9] in (None, ""),
                    f"row {r}: a key result without a Type")
            continue
        f.check(kind in TYPES, f"row {r}: Type {kind!r}")
        score = ws.cell(row=r, column=10)
        f.check(score.data_type == "f" and str(score.value).startswith("="),
                f"row {r}: Score is not a formula: {score.value!r}")
        value = wc.cell(row=r, column=10).value
        f.check(value is None or value == "" or isinstance(value, (int, float)),
                f"row {r}: cached score {value!r}")
        scores[r] = float(value) if isinstance(value, (int, float)) else None
        if kind == "percent":
            for c in (7, 8, 9):
                cell = ws.cell(row=r, column=c)
                if isinstance(cell.value, (int, float)):
                    f.check("%" in cell.number_format, f"{cell.coordinate}: percent without % format")
        if kind == "binary":
            f.check(row[6] == 0 and row[7] == 1 and row[8] in (None, 0, 1),
                    f"row {r}: binary values {row[6:9]}")
        if kind == "milestone":
            milestones[r] = (row[6], row[7], row[8])
        formats[r] = ws.cell(row=r, column=9).number_format

    # Milestones: Start 0, Target = the steps listed in Steps, Current = those done.
    if "Steps" in wb.sheetnames:
        st = wb["Steps"]
        f.check(header(st)[:5] == STEP_COLUMNS, f"Steps header is {header(st)}")
        listed = {}
        for r in range(2, st.max_row + 1):
            okrs_row, done = st.cell(row=r, column=5).value, st.cell(row=r, column=4).value
            n, d = listed.get(okrs_row, (0, 0))
            listed[okrs_row] = (n + 1, d + (1 if done == 1 else 0))
        for okrs_row, (n, d) in listed.items():
            f.check(milestones.get(okrs_row) == (0, n, d),
                    f"Steps lists {n} steps, {d} done, for OKRs row {okrs_row}: "
                    f"values there are {milestones.get(okrs_row)}")
    # Units: named in the Units sheet and shown by the value cells' number format.
    if "Units" in wb.sheetnames:
        un = wb["Units"]
        f.check(header(un)[:4] == UNIT_COLUMNS, f"Units header is {header(un)}")
        for r in range(2, un.max_row + 1):
            unit, okrs_row = un.cell(row=r, column=3).value, un.cell(row=r, column=4).value
            if unit and '"' not in unit and "\\" not in unit:
                f.check(f'"{unit}"' in formats.get(okrs_row, ""),
                        f"OKRs row {okrs_row}: format {formats.get(okrs_row)!r} lacks {unit!r}")

    # The scoring rule in force is named.
    if f.check("Scoring" in wb.sheetnames, "no Scoring sheet naming the rule"):
        sc = wb["Scoring"]
        f.check(header(sc)[:4] == SCORING_COLUMNS, f"Scoring header is {header(sc)}")
        f.check(sc.cell(row=2, column=2).value in RULES,
                f"Scoring rule code {sc.cell(row=2, column=2).value!r}")
        f.check(bool(sc.cell(row=2, column=1).value), "Scoring rule has no name")

    # Backlog: Rank 1..n, ICE a formula whose cached value is Impact × Confidence × Ease.
    if "Backlog" in wb.sheetnames:
        bl, blc = wb["Backlog"], cached["Backlog"]
        f.check(header(bl)[:7] == BACKLOG_COLUMNS, f"Backlog header is {header(bl)}")
        for r in range(2, bl.max_row + 1):
            if bl.cell(row=r, column=2).value in (None, ""):
                continue
            f.check(bl.cell(row=r, column=1).value == r - 1, f"Backlog!A{r} rank")
            f.check(bl.cell(row=r, column=2).data_type != "f", f"Backlog!B{r} is a formula")
            f.check(bl.cell(row=r, column=7).data_type == "f", f"Backlog!G{r} is not a formula")
            i, c, e = (bl.cell(row=r, column=k).value for k in (4, 5, 6))
            f.check(blc.cell(row=r, column=7).value == i * c * e,
                    f"Backlog!G{r} caches {blc.cell(row=r, column=7).value!r}, not {i * c * e}")
            backlog[r] = i * c * e

    wo, wco = wb["Objectives"], cached["Objectives"]
    f.check(header(wo)[:11] == OBJECTIVE_COLUMNS, f"Objectives header is {header(wo)}")
    objective_scores = {}
    objective_status = {}
    for r in range(2, wo.max_row + 1):
        if wo.cell(row=r, column=3).value in (None, ""):
            continue
        f.check(wo.cell(row=r, column=6).data_type == "f", f"Objectives!F{r} is not a formula")
        f.check(wco.cell(row=r, column=7).value in STATUS,
                f"Objectives!G{r} status {wco.cell(row=r, column=7).value!r}")
        v = wco.cell(row=r, column=6).value
        objective_scores[r] = float(v) if isinstance(v, (int, float)) else None
        objective_status[r] = wco.cell(row=r, column=7).value
    if "Check-ins" in wb.sheetnames:
        f.check(header(wb["Check-ins"])[:7] == CHECK_IN_COLUMNS,
                f"Check-ins header is {header(wb['Check-ins'])}")
    return scores, objective_scores, objective_status, backlog


def libreoffice_values(path, f):
    """Score columns of OKRs and Objectives as LibreOffice computes them."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not f.check(soffice is not None, "LibreOffice (soffice) is not installed"):
        return None
    with tempfile.TemporaryDirectory() as tmp:
        stripped = os.path.join(tmp, "stripped.xlsx")
        openpyxl.load_workbook(path).save(stripped)  # no cached values left
        profile = os.path.join(tmp, "profile")
        os.makedirs(os.path.join(profile, "user"))
        with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w") as out:
            out.write(RECALC_ALWAYS)
        # Field sep, quote, UTF-8, first line, formats, language, quoted as text, detect
        # numbers, "as shown" = false (full precision), formulas, spaces, every sheet (-1).
        fmt = "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1"
        run = subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", fmt, "--outdir", tmp, stripped],
            capture_output=True, text=True, timeout=180)
        sheets = {}
        for name in ("OKRs", "Objectives", "Backlog"):
            if name not in openpyxl.load_workbook(path, read_only=True).sheetnames:
                continue
            csv_path = os.path.join(tmp, f"stripped-{name}.csv")
            if not f.check(os.path.exists(csv_path),
                           f"LibreOffice wrote no {name} CSV: {run.stdout} {run.stderr}"):
                return None
            with open(csv_path, newline="", encoding="utf-8") as fh:
                sheets[name] = list(csv.reader(fh))
        return sheets


def pdf_pages(path, f):
    """Pages LibreOffice prints the workbook on (every visible sheet, converted to PDF)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        profile = os.path.join(tmp, "profile")
        run = subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", tmp, path],
            capture_output=True, text=True, timeout=180)
        pdf = os.path.join(tmp, os.path.splitext(os.path.basename(path))[0] + ".pdf")
        if not f.check(os.path.exists(pdf), f"LibreOffice wrote no PDF: {run.stdout} {run.stderr}"):
            return None
        with open(pdf, "rb") as fh:
            return len(re.findall(rb"/Type\s*/Page(?![s\w])", fh.read()))


def check_printing(path, f):
    """Every sheet prints landscape, one page wide, header row repeated; a workbook whose
    visible sheets are short prints on one page per sheet (no blank pages, no columns on pages
    of their own)."""
    wb = openpyxl.load_workbook(path)
    visible = [ws for ws in wb if ws.sheet_state == "visible"]
    for ws in visible:
        f.check(ws.page_setup.orientation == "landscape", f"{ws.title} does not print landscape")
        f.check(ws.page_setup.fitToWidth in (None, 1, "1") and ws.sheet_properties.pageSetUpPr.fitToPage,
                f"{ws.title} does not print one page wide")
        f.check(str(ws.print_title_rows or "").startswith("1:1") or
                str(ws.print_title_rows or "").startswith("$1:$1"),
                f"{ws.title} does not repeat its header row: {ws.print_title_rows!r}")
    pages = pdf_pages(path, f)
    if pages is not None and all(ws.max_row <= 25 for ws in visible):
        f.check(pages == len(visible),
                f"prints on {pages} pages, not one per visible sheet ({len(visible)})")
    return pages


def same(a, b):
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=0, abs_tol=1e-9)


def number(text):
    if text.strip() == "":
        return None
    try:
        return float(text)
    except ValueError:
        return text


def check(path):
    f = Failures(path)
    scores, objective_scores, objective_status, backlog = check_openpyxl(path, f)
    sheets = libreoffice_values(path, f)
    pages = check_printing(path, f)
    if sheets is not None:
        okrs = sheets["OKRs"]
        for r, expected in scores.items():
            got = number(okrs[r - 1][9]) if r - 1 < len(okrs) and len(okrs[r - 1]) > 9 else None
            f.check(isinstance(got, (float, type(None))) and same(got, expected),
                    f"OKRs!J{r}: LibreOffice computes {got!r}, okr-grid cached {expected!r}")
        objectives = sheets["Objectives"]
        for r, expected in objective_scores.items():
            got = number(objectives[r - 1][5])
            f.check(isinstance(got, (float, type(None))) and same(got, expected),
                    f"Objectives!F{r}: LibreOffice computes {got!r}, okr-grid cached {expected!r}")
            # The status band (its thresholds follow the objective's commitment).
            status = objectives[r - 1][6] if len(objectives[r - 1]) > 6 else None
            f.check(status == objective_status[r],
                    f"Objectives!G{r}: LibreOffice says {status!r}, okr-grid cached "
                    f"{objective_status[r]!r}")
        for r, expected in backlog.items():
            got = number(sheets["Backlog"][r - 1][6])
            f.check(got == expected, f"Backlog!G{r}: LibreOffice computes {got!r}, not {expected}")
    print(f"{path}: {len(scores)} key-result scores and {len(objective_scores)} objective scores "
          f"checked{'' if sheets is None else ' against LibreOffice'}; "
          f"{len(f.items)} problem(s)" + (f" ({len(backlog)} ICE scores)" if backlog else "")
          + ("" if pages is None else f"; prints on {pages} page(s)"))
    for item in f.items[:50]:
        print(f"  - {item}")
    return not f.items


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    results = [check(p) for p in sys.argv[1:]]
    sys.exit(0 if all(results) else 1)
