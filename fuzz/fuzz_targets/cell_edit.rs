//! Any text typed into any cell: parsing returns a command or a message, never panics; an
//! accepted edit can be undone exactly; accepted numbers survive formatting and re-parsing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use okr_core::example::example_plan;
use okr_core::grid::{self, Cell, Column};
use okr_core::history::Document;
use okr_core::value;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);

    if let Ok(v) = value::parse_number(&text) {
        assert_eq!(value::parse_number(&value::plain(v)), Ok(v));
        assert_eq!(value::parse_number(&value::grouped(v)), Ok(v));
    }
    if let Ok(v) = value::parse_percent(&text) {
        assert_eq!(value::parse_percent(&value::percent(v)), Ok(v));
    }

    let mut doc = Document::new(example_plan());
    let rows = grid::rows(doc.plan());
    let row = rows[selector as usize % rows.len()];
    let col = Column::ALL[(selector as usize / rows.len()) % Column::ALL.len()];
    let cell = Cell { row, col };
    let before = doc.plan().objectives.clone();
    if let Ok(command) = grid::parse_cell(doc.plan(), cell, &text) {
        if doc.execute(command).is_ok() {
            let _ = grid::display(doc.plan(), cell);
            assert!(doc.undo());
            assert_eq!(doc.plan().objectives, before);
        }
    }
});
