#!/usr/bin/python3
"""Checks exports into the original workbook from outside Rust (tests/export_original.rs writes
them to target/original-check/: NAME.original.xlsx, NAME.exported.xlsx and NAME.changed.json,
the cells the edits should have changed and the score cells whose cached results may change).

openpyxl: exactly the listed cells changed; every other cell value and formula, every style id
(changed cells included), merged range, sheet name, defined name, data validation and
conditional format is as it was; the package's other parts are byte for byte the same; the
workbook asks for a full recalculation on open. LibreOffice: recalculates both files (profile
set to "recalculate on load: always") and finds no more error values in the export than in the
original.

Usage: check_original.py DIR   (exit status 1 and a message per failure)
"""
import csv
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

import openpyxl

sys.path.insert(0, os.path.dirname(__file__))
from check_workbook import RECALC_ALWAYS  # noqa: E402

LISTED_SHEET = "Added in okr-grid"
ERRORS = ("#VALUE!", "#REF!", "#NAME?", "#DIV/0!", "#N/A", "#NUM!", "#NULL!", "Err:")


def cells(ws):
    out = {}
    for row in ws.iter_rows():
        for c in row:
            if c.value is not None or c.has_style:
                out[(c.row, c.column)] = (c.value, c.style_id)
    return out


def defined_names(wb):
    names = wb.defined_names
    if hasattr(names, "definedName"):  # openpyxl before 3.1
        return sorted((d.name, d.attr_text) for d in names.definedName)
    return sorted((k, v.attr_text) for k, v in names.items())


def check_openpyxl(original, exported, changed, fail, rows=()):
    a = openpyxl.load_workbook(original)
    b = openpyxl.load_workbook(exported)
    extra = [s for s in b.sheetnames if s not in a.sheetnames]
    if b.sheetnames[: len(a.sheetnames)] != a.sheetnames or any(
        not s.startswith(LISTED_SHEET) for s in extra
    ):
        fail(f"sheets {b.sheetnames}, were {a.sheetnames}")
    if defined_names(a) != defined_names(b):
        fail("defined names differ")
    for name in a.sheetnames:
        wa, wb = a[name], b[name]
        if sorted(map(str, wa.merged_cells.ranges)) != sorted(map(str, wb.merged_cells.ranges)):
            fail(f"{name}: merged ranges differ")
        dv = lambda ws: sorted((str(d.sqref), d.formula1) for d in ws.data_validations.dataValidation)
        if dv(wa) != dv(wb):
            fail(f"{name}: data validation differs")
        cf = lambda ws: sorted(str(r.sqref) for r in ws.conditional_formatting)
        if cf(wa) != cf(wb):
            fail(f"{name}: conditional formats differ")
        ca, cb = cells(wa), cells(wb)
        want = {(c["row"], c["col"]) for c in changed if c["sheet"] == name}
        new_rows = {r["row"] for r in rows if r["sheet"] == name}
        for key in set(ca) | set(cb):
            if key[0] in new_rows:
                continue
            va, sa = ca.get(key, (None, 0))
            vb, sb = cb.get(key, (None, 0))
            where = f"{name}!{openpyxl.utils.get_column_letter(key[1])}{key[0]}"
            if key in want:
                if va == vb:
                    fail(f"{where} should have changed and is still {va!r}")
                # A cell that existed keeps its style; a new one takes its row's or column's.
                if key in ca and sa != sb:
                    fail(f"{where}: style {sb}, was {sa}")
            elif (va, sa) != (vb, sb):
                fail(f"{where}: {vb!r} (style {sb}), was {va!r} (style {sa})")
        for key in want:
            if key not in cb:
                fail(f"{name}!{key}: the changed cell is missing")


def check_package(original, exported, changed, fail):
    """Parts other than the changed sheets, shared strings and the workbook (and, when the
    listing sheet was added, its relationships and content types) are byte for byte the same."""
    za, zb = zipfile.ZipFile(original), zipfile.ZipFile(exported)
    names_a = za.namelist()
    names_b = zb.namelist()
    if names_b[: len(names_a)] != names_a:
        fail("the package's parts are not all there, in their order")
    workbook = za.read("xl/workbook.xml").decode("utf-8") if "xl/workbook.xml" in names_a else ""
    patched = {n for n in names_a if n.startswith("xl/worksheets/") or n.endswith("sharedStrings.xml")}
    patched |= {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"}
    for n in names_a:
        if n not in names_b:
            fail(f"part {n} is missing")
            continue
        if n in patched:
            continue
        if za.read(n) != zb.read(n):
            fail(f"part {n} changed")
    # Sheets without a changed cell are untouched.
    touched = {c["sheet"] for c in changed}
    wb = openpyxl.load_workbook(original, read_only=True)
    untouched = [s for s in wb.sheetnames if s not in touched]
    wb.close()
    rels = za.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    for n in names_a:
        if n.startswith("xl/worksheets/") and n.endswith(".xml") and n in names_b:
            if za.read(n) != zb.read(n):
                # Find which sheet this part is; only touched sheets may change.
                target = n[len("xl/"):]
                rid = None
                for part in rels.split("<Relationship")[1:]:
                    if f'Target="{target}"' in part or f'Target="/{n}"' in part:
                        rid = part.split('Id="')[1].split('"')[0]
                sheet = None
                for part in workbook.split("<sheet ")[1:]:
                    if rid and f'"{rid}"' in part:
                        sheet = part.split('name="')[1].split('"')[0]
                if sheet in untouched:
                    fail(f"sheet {sheet} ({n}) changed though none of its cells did")
    if "xl/workbook.xml" not in names_b or b'fullCalcOnLoad="1"' not in zb.read("xl/workbook.xml"):
        fail("the workbook does not ask for a full recalculation on open")


def libreoffice_errors(paths, fail):
    """Error values per file after LibreOffice recalculated every sheet."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        fail("LibreOffice (soffice) is not installed")
        return {}
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        profile = os.path.join(tmp, "profile")
        os.makedirs(os.path.join(profile, "user"))
        with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w") as fh:
            fh.write(RECALC_ALWAYS)
        fmt = "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1"
        copies = []
        for i, p in enumerate(paths):
            copy = os.path.join(tmp, f"f{i}.xlsx")
            shutil.copy(p, copy)
            copies.append(copy)
        run = subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", fmt, "--outdir", os.path.join(tmp, "out")] + copies,
            capture_output=True, text=True, timeout=600)
        for i, p in enumerate(paths):
            sheets = glob.glob(os.path.join(tmp, "out", f"f{i}-*.csv"))
            if not sheets:
                fail(f"LibreOffice did not open {os.path.basename(p)}: {run.stdout} {run.stderr}")
                continue
            n = 0
            for s in sheets:
                with open(s, newline="", encoding="utf-8", errors="replace") as fh:
                    for row in csv.reader(fh):
                        n += sum(1 for v in row if v.startswith(ERRORS))
            out[p] = (n, len(sheets))
    return out


def main(directory):
    failures = []
    exports = sorted(glob.glob(os.path.join(directory, "*.exported.xlsx")))
    if not exports:
        print(f"no exports in {directory}: run cargo test first")
        return 1
    pairs = []
    for exported in exports:
        stem = exported[: -len(".exported.xlsx")]
        original = stem + ".original.xlsx"
        with open(stem + ".changed.json", encoding="utf-8") as fh:
            manifest = json.load(fh)
        name = os.path.basename(stem)
        fail = lambda m, name=name: failures.append(f"{name}: {m}")
        # Cells holding a formula of the file's keep it: only their cached result may change.
        rows = manifest.get("rows", [])
        check_openpyxl(original, exported, manifest["changed"], fail, rows)
        if rows:
            wb = openpyxl.load_workbook(exported)
            for r in rows:
                if all(c.value is None for c in wb[r["sheet"]][r["row"]]):
                    fail(f"{r['sheet']} row {r['row']} should hold a new key result and is empty")
        # Cached scores may differ; typed cells must.
        check_package(original, exported, manifest["changed"] + manifest["cached"]
                      + [{"sheet": r["sheet"]} for r in manifest.get("rows", [])], fail)
        pairs.append((name, original, exported))
    errors = libreoffice_errors([p for _, a, b in pairs for p in (a, b)],
                                lambda m: failures.append(m))
    for name, a, b in pairs:
        if a in errors and b in errors:
            (ea, sa), (eb, sb) = errors[a], errors[b]
            if eb > ea:
                failures.append(f"{name}: LibreOffice finds {eb} error values, {ea} in the original")
            if sb < sa:
                failures.append(f"{name}: LibreOffice read {sb} sheets, {sa} in the original")
            print(f"{name}: LibreOffice recalculated {sb} sheets, {eb} error values ({ea} before)")
    for f in failures:
        print("FAIL", f)
    print(f"{len(pairs)} exports into the original checked, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "target/original-check"))
