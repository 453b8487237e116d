//! Generated sheets: cells drawn from header words, titles with outline numbering, numbers in
//! both decimal conventions, percentages, yes/no words, blanks and totals, in any order and
//! with any column choices; sometimes laid out as okr-grid's own workbook (OKRs, Objectives and
//! Check-ins sheets with their headers, ids and the hidden Merge base sheet), so `import::own`,
//! `import::returned` and `merge` are fuzzed too. Interpreting them never panics, ids stay
//! unique, and every imported value is finite; merging them into the example plan never
//! panics and keeps its ids unique.
#![no_main]

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use okr_sheets::import::layout::interpret;
use okr_sheets::import::source::{Sheet, Workbook};
use okr_sheets::import::values::Cell;
use okr_sheets::import::remembered::Remembered;
use okr_sheets::import::{Choices, Field, ReadingKey, Shape};

const WORDS: &[&str] = &[
    "Objective", "Key Result", "OKR", "Owner", "Team", "Quarter", "Type", "Start", "Target",
    "Current", "Score", "Weight", "Row ID", "Parent Row ID", "W1", "W2", "Jan", "Objetivo",
    "关键结果", "Total", "O1: Grow", "KR1.1 Leads", "1.2 Hit", "- bullet", "1) First", "45%",
    "1.000,5", "1,000", "3,5", "yes", "No", "✓", "percent", "binary", "", " ", "2026-01-15",
    "\u{212A}R1", "Ｏ１", "%", "-", ".", "1e308", "NaN", "graded", "number", "Grow", "Leads",
    "2", "0", "1", "K1", "K2", "O1", "k3", "O9", "K99999999999999999999", "ID",
];

fn cell(u: &mut Unstructured) -> Result<Cell> {
    Ok(match u.int_in_range(0..=5)? {
        0 => Cell::Empty,
        1 => Cell::Text(WORDS[u.choose_index(WORDS.len())?].to_string()),
        2 => Cell::Text(u.arbitrary::<String>()?),
        3 => Cell::Number(u.arbitrary::<f64>()?),
        4 => Cell::Percent(u.arbitrary::<f64>()?),
        _ => Cell::Bool(u.arbitrary()?),
    })
}

fn build(u: &mut Unstructured) -> Result<(Workbook, Choices)> {
    let mut sheets = Vec::new();
    let own: bool = u.arbitrary()?;
    for s in 0..u.int_in_range(1..=4)? {
        let mut rows = Vec::new();
        if own {
            let header: &[&str] = match s {
                0 => &okr_sheets::export::OKR_COLUMNS,
                1 => &okr_sheets::export::OBJECTIVE_COLUMNS,
                2 => &okr_sheets::export::CHECK_IN_COLUMNS,
                _ => &okr_sheets::export::BASE_COLUMNS,
            };
            let mut header: Vec<Cell> = header.iter().map(|h| Cell::Text(h.to_string())).collect();
            if s == 0 {
                header.push(Cell::Text(okr_sheets::export::ID_COLUMN.to_string()));
            }
            rows.push(header);
        }
        for _ in 0..u.int_in_range(0..=30)? {
            let mut row = Vec::new();
            for _ in 0..u.int_in_range(0..=15)? {
                row.push(cell(u)?);
            }
            rows.push(row);
        }
        let name = if own {
            ["OKRs", "Objectives", "Check-ins", "Merge base"][s.min(3)].to_string()
        } else if u.arbitrary()? {
            format!("Q{s}")
        } else {
            u.arbitrary::<String>()?
        };
        let bold_rows = (0..rows.len()).filter(|_| u.arbitrary().unwrap_or(false)).collect();
        let hidden = (!own || s == 3) && u.ratio(1, 8)?;
        sheets.push(Sheet { name, rows, bold_rows, hidden });
    }
    let mut choices = Choices::default();
    for _ in 0..u.int_in_range(0..=3)? {
        let field = Field::CHOICES[u.choose_index(Field::CHOICES.len())?];
        choices
            .columns
            .insert((u.int_in_range(0..=3)?, u.int_in_range(0..=14)?), field);
    }
    // The preview's other corrections: a reading, a header row, a skipped sheet, a sheet of
    // check-ins of another (indexes may be out of range: they must be ignored, not panic).
    const SHAPES: [Shape; 5] = [
        Shape::Rows,
        Shape::TwoHeaderRows,
        Shape::Wide,
        Shape::Transposed,
        Shape::ObjectiveColumns,
    ];
    for _ in 0..u.int_in_range(0..=2)? {
        let key = ReadingKey {
            shape: SHAPES[u.choose_index(SHAPES.len())?],
            header_row: u.int_in_range(0..=40)?,
        };
        choices.readings.insert(u.int_in_range(0..=3)?, key);
    }
    if u.ratio(1, 4)? {
        choices.header_rows.insert(u.int_in_range(0..=3)?, u.int_in_range(0..=40)?);
    }
    if u.ratio(1, 6)? {
        choices.skipped_sheets.insert(u.int_in_range(0..=3)?);
    }
    if u.ratio(1, 4)? {
        choices
            .check_ins_of
            .insert(u.int_in_range(0..=3)?, u.int_in_range(0..=3)?);
    }
    if u.ratio(1, 4)? {
        choices
            .initiatives_of
            .insert(u.int_in_range(0..=3)?, u.int_in_range(0..=3)?);
    }
    Ok((
        Workbook {
            file_name: u.arbitrary()?,
            sheets,
            format: okr_core::origin::FileFormat::Xlsx,
            size: 0,
            digest: String::new(),
            bytes: None,
        },
        choices,
    ))
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok((book, choices)) = build(&mut u) else {
        return;
    };
    let preview = interpret(&book, &choices);
    assert!(preview.plan.ids_are_unique());
    let _ = preview.doubts();
    // Remembered corrections read back and applied to the same workbook.
    let mut memory = Remembered::default();
    memory.remember(&preview, &choices);
    let again = Remembered::decode(Some(&memory.encode())).recall(&preview);
    assert!(interpret(&book, &again).plan.ids_are_unique());
    // As a returned copy merged into the example plan, with the default and with any choices.
    if let Ok(read) = okr_sheets::import::returned::read_returned(&book, None, &choices) {
        let plan = okr_core::example::example_plan();
        let files = [read.returned];
        let merge = okr_core::merge::preview(&plan, &files);
        let today = okr_core::period::Date::new(2026, 12, 2).unwrap();
        let merged = okr_core::merge::apply(&plan, &merge, &files, &merge.default_choices(), today);
        assert!(merged.plan.ids_are_unique());
        let chosen: Vec<usize> = merge
            .items
            .iter()
            .map(|i| u.choose_index(i.choice_count()).unwrap_or(0))
            .collect();
        let merged = okr_core::merge::apply(&plan, &merge, &files, &chosen, today);
        assert!(merged.plan.ids_are_unique());
    }
    for o in &preview.plan.objectives {
        assert!(o.weight.is_finite() && o.weight >= 0.0);
        for k in &o.key_results {
            for v in [k.start, k.target, k.current, k.score_override].into_iter().flatten() {
                assert!(v.is_finite(), "{k:?}");
            }
            assert!(k.score_override.is_none_or(|g| (0.0..=1.0).contains(&g)));
        }
    }
});
