//! Writes the import fixtures to a folder (default tests/fixtures): spreadsheets laid out the
//! way real OKR templates are, made with rust_xlsxwriter. scripts/make-fixtures.sh runs this
//! and converts some of them to .xls and .ods with LibreOffice.
//!
//! Usage: cargo run --example make_fixtures -- [folder] [--big N [--weeks W]]
//! (`--weeks W`: W weekly check-in columns, W1…, after Current: `big-N-wW.xlsx`)

use std::path::PathBuf;

use rust_xlsxwriter::{Format, Workbook, XlsxError};

fn main() -> Result<(), XlsxError> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let folder = PathBuf::from(
        args.iter()
            .find(|a| !a.starts_with("--") && a.parse::<usize>().is_err())
            .cloned()
            .unwrap_or_else(|| "tests/fixtures".into()),
    );
    std::fs::create_dir_all(&folder).map_err(XlsxError::IoError)?;
    if let Some(i) = args.iter().position(|a| a == "--big") {
        let n: usize = args
            .get(i + 1)
            .and_then(|n| n.parse().ok())
            .unwrap_or(10_000);
        let weeks: usize = args
            .iter()
            .position(|a| a == "--weeks")
            .and_then(|i| args.get(i + 1)?.parse().ok())
            .unwrap_or(0);
        let name = if weeks > 0 {
            format!("big-{n}-w{weeks}.xlsx")
        } else {
            format!("big-{n}.xlsx")
        };
        big(n, weeks).save(folder.join(name))?;
        return Ok(());
    }
    template().save(folder.join("marketing-template.xlsx"))?;
    teams().save(folder.join("teams-by-sheet.xlsx"))?;
    Ok(())
}

/// A typical downloaded template: title rows, a merged objective cell, percent and binary
/// key results, weekly check-ins, a totals row and a note below.
fn template() -> Workbook {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let pct = Format::new().set_num_format("0%");
    let s = book.add_worksheet();
    s.set_name("Q3 2026").unwrap();
    s.write_string_with_format(0, 0, "Marketing OKRs", &bold)
        .unwrap();
    s.write_string(1, 0, "Update the week columns every Friday.")
        .unwrap();
    let header = [
        "Objective",
        "Key Result",
        "Owner",
        "Start",
        "Target",
        "W1",
        "W2",
        "W3",
        "Score",
    ];
    for (c, h) in header.iter().enumerate() {
        s.write_string_with_format(3, c as u16, *h, &bold).unwrap();
    }
    s.merge_range(4, 0, 6, 0, "Build a predictable pipeline", &Format::new())
        .unwrap();
    // (title, owner, start, target, weekly values)
    type Row = (&'static str, &'static str, f64, f64, [Option<f64>; 3]);
    let rows: [Row; 3] = [
        (
            "Grow MQLs per month from 400 to 650",
            "Luis",
            400.0,
            650.0,
            [Some(430.0), Some(480.0), Some(520.0)],
        ),
        (
            "Cut cost per lead from 85 to 60",
            "Luis",
            85.0,
            60.0,
            [Some(80.0), Some(76.0), None],
        ),
        (
            "Raise conversion from 2.5% to 4%",
            "Mei",
            0.025,
            0.04,
            [Some(0.027), Some(0.031), None],
        ),
    ];
    for (i, (title, owner, start, target, weeks)) in rows.iter().enumerate() {
        let r = 4 + i as u32;
        s.write_string(r, 1, *title).unwrap();
        s.write_string(r, 2, *owner).unwrap();
        let f = if *target < 1.0 { &pct } else { &Format::new() };
        s.write_number_with_format(r, 3, *start, f).unwrap();
        s.write_number_with_format(r, 4, *target, f).unwrap();
        for (w, v) in weeks.iter().enumerate() {
            if let Some(v) = v {
                s.write_number_with_format(r, 5 + w as u16, *v, f).unwrap();
            }
        }
    }
    s.write_string(7, 0, "Make our brand the one buyers remember")
        .unwrap();
    s.write_string(7, 1, "Publish the benchmark report")
        .unwrap();
    s.write_string(7, 2, "Sam").unwrap();
    s.write_string(7, 7, "No").unwrap();
    s.write_string(8, 0, "Total").unwrap();
    s.write_string(10, 0, "Scores: 0.7 is on target.").unwrap();
    book
}

/// One sheet per team, a sheet of instructions and a lookup list.
fn teams() -> Workbook {
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    s.set_name("Instructions").unwrap();
    s.write_string(0, 0, "How to use this template").unwrap();
    for (team, objective, krs) in [
        (
            "Content",
            "Turn content into a growth engine",
            [
                ("Organic visits 40,000 → 60,000", 40000.0, 60000.0, 47000.0),
                ("Newsletter open rate 22 → 30", 22.0, 30.0, 27.0),
            ],
        ),
        (
            "Brand",
            "Be the brand buyers remember",
            [
                ("Aided awareness 10 → 20", 10.0, 20.0, 13.0),
                ("Press mentions 0 → 12", 0.0, 12.0, 9.0),
            ],
        ),
    ] {
        let s = book.add_worksheet();
        s.set_name(team).unwrap();
        for (c, h) in [
            "Objetivo",
            "Resultado clave",
            "Valor inicial",
            "Meta",
            "Valor actual",
        ]
        .iter()
        .enumerate()
        {
            s.write_string(0, c as u16, *h).unwrap();
        }
        for (i, (kr, start, target, current)) in krs.iter().enumerate() {
            let r = 1 + i as u32;
            s.write_string(r, 0, objective).unwrap();
            s.write_string(r, 1, *kr).unwrap();
            s.write_number(r, 2, *start).unwrap();
            s.write_number(r, 3, *target).unwrap();
            s.write_number(r, 4, *current).unwrap();
        }
    }
    let s = book.add_worksheet();
    s.set_name("Lists").unwrap();
    s.write_string(0, 0, "Owners").unwrap();
    s.write_string(1, 0, "Dana").unwrap();
    book
}

/// N key results, 4 per objective, for the import benchmark; with `weeks` weekly check-in
/// columns (W1, W2…) after Current.
fn big(n: usize, weeks: usize) -> Workbook {
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    for (c, h) in [
        "Team",
        "Objective",
        "Key Result",
        "Owner",
        "Start",
        "Target",
        "Current",
    ]
    .iter()
    .enumerate()
    {
        s.write_string(0, c as u16, *h).unwrap();
    }
    for i in 0..n {
        let r = 1 + i as u32;
        s.write_string(r, 0, format!("Team {}", i / 400)).unwrap();
        s.write_string(r, 1, format!("Objective {}", i / 4))
            .unwrap();
        s.write_string(
            r,
            2,
            format!("Key result {i}: grow metric {i} from 100 to 200"),
        )
        .unwrap();
        s.write_string(r, 3, format!("Owner {}", i % 37)).unwrap();
        s.write_number(r, 4, 100.0).unwrap();
        s.write_number(r, 5, 200.0).unwrap();
        s.write_number(r, 6, 100.0 + (i % 101) as f64).unwrap();
        for w in 0..weeks {
            let value = 100.0 + ((i + w * 7) % 101) as f64;
            s.write_number(r, 7 + w as u16, value).unwrap();
        }
    }
    for w in 0..weeks {
        s.write_string(0, 7 + w as u16, format!("W{}", w + 1))
            .unwrap();
    }
    book
}
