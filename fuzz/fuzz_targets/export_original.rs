//! Export into the original workbook on hostile packages: a workbook whose sheet, shared
//! strings and workbook parts are built from XML fragments (rows and cells in any order, with
//! or without `r`, self-closing, formulas, prefixes, stray text), patched with generated
//! writes, added and deleted lists. Patching returns the new package or an error, never panics;
//! a package it returns opens again as a zip with the same parts first.
#![no_main]

use std::io::{Cursor, Write};

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use okr_sheets::export::original;
use okr_core::origin::{CellAt, Changes, Listed, NewRows, NewValue, Write as CellWrite};

const PIECES: &[&str] = &[
    "<row r=\"1\">", "<row r=\"3\" spans=\"1:4\">", "<row>", "<row r=\"2\"/>", "</row>",
    "<c r=\"A1\" s=\"1\">", "<c r=\"B2\" t=\"s\">", "<c>", "<c r=\"C3\"/>", "<c r=\"ZZZ9\">",
    "<c r=\"A\">", "</c>", "<v>1</v>", "<v>0</v>", "<f>A1+1</f>", "<f/>", "<is><t>x</t></is>",
    "<x:c r=\"D4\">", "</x:c>", "text", "&amp;", "<!-- c -->", "<![CDATA[<c>]]>", "<v>",
    "</v>", "<row r=\"99999999999\">", "<c r=\"B1\" t=\"inlineStr\">",
    "<c r=\"G2\"><f>(F2-D2)/(E2-D2)</f></c>", "<c r=\"H3\"><f>AVERAGE(G1:G3)</f></c>",
    "<c r=\"B2\"><f t=\"shared\" ref=\"B2:B4\" si=\"0\">A2*2</f></c>", "<f t=\"shared\" si=\"0\"/>",
    "<f>\"a\"&amp;B2</f>", "<f>SUM(2:2)</f>",
];

fn sheet_xml(u: &mut Unstructured) -> Result<String> {
    let mut body = String::new();
    for _ in 0..u.int_in_range(0..=40)? {
        body.push_str(u.choose(PIECES)?);
    }
    let data = if u.ratio(1, 8)? {
        "<sheetData/>".to_string()
    } else {
        format!("<sheetData>{body}</sheetData>")
    };
    let cols = if u.ratio(1, 2)? {
        "<cols><col min=\"1\" max=\"3\" style=\"2\"/></cols>"
    } else {
        ""
    };
    let merges = if u.ratio(1, 4)? {
        "<mergeCells count=\"1\"><mergeCell ref=\"A2:A3\"/></mergeCells>"
    } else {
        ""
    };
    let tables = if u.ratio(1, 8)? { "<tableParts count=\"1\"><tablePart r:id=\"x\"/></tableParts>" } else { "" };
    Ok(format!(
        "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">{cols}{data}{merges}{tables}</worksheet>"
    ))
}

fn package(u: &mut Unstructured) -> Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    let calc = if u.ratio(1, 2)? { "<calcPr calcId=\"1\"/>" } else { "" };
    let defined = if u.ratio(1, 3)? { "<definedNames><definedName name=\"x\">S!A1</definedName></definedNames>" } else { "" };
    let sst = u.ratio(1, 2)?;
    let mut parts: Vec<(String, String)> = vec![
        ("[Content_Types].xml".into(), "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"></Types>".into()),
        ("_rels/.rels".into(), "<Relationships><Relationship Id=\"r1\" Type=\"http://x/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".into()),
        ("xl/workbook.xml".into(), format!("<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets>{defined}{calc}</workbook>")),
        ("xl/_rels/workbook.xml.rels".into(), format!("<Relationships><Relationship Id=\"rId1\" Type=\"t/worksheet\" Target=\"worksheets/sheet1.xml\"/>{}</Relationships>", if sst { "<Relationship Id=\"rId2\" Type=\"t/sharedStrings\" Target=\"/xl/sharedStrings.xml\"/>" } else { "" })),
        ("xl/worksheets/sheet1.xml".into(), sheet_xml(u)?),
    ];
    if sst {
        let empty = u.ratio(1, 4)?;
        parts.push((
            "xl/sharedStrings.xml".into(),
            if empty { "<sst count=\"0\"/>".into() } else { "<sst count=\"2\" uniqueCount=\"2\"><si><t>a</t></si><si><r><t>b</t></r></si></sst>".into() },
        ));
    }
    for (name, text) in &parts {
        // A damaged part now and then.
        let text = if u.ratio(1, 20)? { &text[..text.len() / 2] } else { text.as_str() };
        if zip.start_file(name.as_str(), opts).is_err() || zip.write_all(text.as_bytes()).is_err() {
            return Err(libfuzzer_sys::arbitrary::Error::IncorrectFormat);
        }
    }
    zip.finish()
        .map(|c| c.into_inner())
        .map_err(|_| libfuzzer_sys::arbitrary::Error::IncorrectFormat)
}

fn changes(u: &mut Unstructured) -> Result<Changes> {
    let mut writes = Vec::new();
    for _ in 0..u.int_in_range(0..=8)? {
        let value = match u.int_in_range(0..=4)? {
            0 => NewValue::Text(u.arbitrary()?),
            1 => NewValue::Number(u.arbitrary()?),
            2 => NewValue::Done(u.arbitrary()?),
            _ => NewValue::Empty,
        };
        writes.push(CellWrite {
            at: CellAt {
                sheet: if u.ratio(1, 10)? { "Missing".into() } else { "S".into() },
                row: u.int_in_range(0..=5)?,
                col: u.int_in_range(0..=5)?,
            },
            value,
            cached_only: u.ratio(1, 4)?,
        });
    }
    writes.sort_by(|a, b| a.at.cmp(&b.at));
    writes.dedup_by(|a, b| a.at == b.at);
    let listed = |u: &mut Unstructured| -> Result<Listed> {
        Ok(Listed {
            objective: u.arbitrary()?,
            key_result: u.arbitrary()?,
            owner: u.arbitrary()?,
            start: u.arbitrary()?,
            target: u.arbitrary()?,
            current: u.arbitrary()?,
            at: None,
        })
    };
    let added = if u.ratio(1, 3)? { vec![listed(u)?, listed(u)?] } else { Vec::new() };
    let deleted = if u.ratio(1, 4)? { vec![listed(u)?] } else { Vec::new() };
    // Added key results as rows under a block (`new_rows`), indexes into `added`.
    let mut new_rows = Vec::new();
    if !added.is_empty() && u.ratio(1, 2)? {
        let mut rows = Vec::new();
        for i in 0..u.int_in_range(1..=2)? {
            let cells = vec![
                (u.int_in_range(0..=5)?, NewValue::Text(u.arbitrary()?)),
                (u.int_in_range(0..=5)?, NewValue::Number(u.arbitrary()?)),
            ];
            rows.push((i, cells));
        }
        new_rows.push(NewRows {
            sheet: "S".into(),
            after: u.int_in_range(0..=5)?,
            objective: (u.int_in_range(0..=5)?, u.arbitrary()?),
            rows,
        });
    }
    Ok(Changes { writes, added, deleted, unplaced_check_ins: 0, not_in_file: 0, new_rows })
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let (Ok(bytes), Ok(changes)) = (package(&mut u), changes(&mut u)) else {
        return;
    };
    if let Ok((out, _)) = original::patch(&bytes, &changes) {
        let mut back = zip::ZipArchive::new(Cursor::new(out)).expect("the patched package opens");
        let before = zip::ZipArchive::new(Cursor::new(bytes)).expect("the original opens");
        for i in 0..before.len() {
            let name = before.name_for_index(i).and_then(|n| n.ok()).map(|n| n.to_string());
            assert_eq!(back.by_index(i).ok().and_then(|f| f.name().ok().map(|n| n.to_string())), name);
        }
    }
});
