//! The grid's editing state key by key, as a spreadsheet user expects it: ranges, jumps,
//! clear, fill, clipboard (Excel and Google Sheets text), row moves, undo of each as one step.
#![cfg(not(target_arch = "wasm32"))]

use okr_core::clipboard::{format_tsv, parse_tsv};
use okr_core::example::example_plan;
use okr_core::grid::{display, rows, Cell, Column, GridState, Key, Mods, RowRef, Selection};
use okr_core::history::Document;
use okr_core::model::Kind;
use proptest::prelude::*;

const SHIFT: Mods = Mods::SHIFT;
const CTRL: Mods = Mods::CTRL;
const CTRL_SHIFT: Mods = Mods {
    shift: true,
    ctrl: true,
    alt: false,
};
const ALT_SHIFT: Mods = Mods {
    shift: true,
    ctrl: false,
    alt: true,
};

fn setup() -> (Document, GridState) {
    (Document::new(example_plan()), GridState::default())
}

/// The cell at row position `r` (0-based, as shown) and column `col`.
fn at(d: &Document, r: usize, col: Column) -> Cell {
    Cell {
        row: rows(d.plan())[r],
        col,
    }
}

fn text(d: &Document, r: usize, col: Column) -> String {
    display(d.plan(), at(d, r, col))
}

/// The cell's value as its editor holds it (Weight shows its share beside the value).
fn typed(d: &Document, r: usize, col: Column) -> String {
    okr_core::grid::edit_text(d.plan(), at(d, r, col)).unwrap_or_default()
}

fn sel(top: usize, bottom: usize, left: usize, right: usize) -> Option<Selection> {
    Some(Selection {
        top,
        bottom,
        left,
        right,
    })
}

// Example rows: 0 objective, 1 "Grow MQLs" number 400→650 (520), 2 conversion percent, 3 cost
// per lead, 4 objective, 5 NPS, 6 benchmark report (binary), 7 press, 8 branded search,
// 9 objective, 10 organic traffic, 11 open rate (percent).

#[test]
fn shift_arrows_extend_a_range_and_escape_or_an_arrow_collapses_it() {
    let (mut d, mut g) = setup();
    g.select(d.plan(), at(&d, 1, Column::Start));
    g.key_with(&mut d, Key::Down, SHIFT);
    g.key_with(&mut d, Key::Right, SHIFT);
    g.key_with(&mut d, Key::Right, SHIFT);
    assert_eq!(g.selection(d.plan()), sel(1, 2, 4, 6));
    assert_eq!(g.selected_cells(d.plan()).len(), 6);
    assert_eq!(g.active, Some(at(&d, 2, Column::Current)));
    assert!(g.key(&mut d, Key::Escape));
    assert_eq!(g.selection(d.plan()), sel(2, 2, 6, 6));
    // Escape with nothing to collapse is not used (the page may close a dialog).
    assert!(!g.key(&mut d, Key::Escape));
    g.key_with(&mut d, Key::Up, SHIFT);
    assert_eq!(g.selection(d.plan()), sel(1, 2, 6, 6));
    g.key(&mut d, Key::Left);
    assert_eq!(g.selection(d.plan()), sel(1, 1, 5, 5));
}

#[test]
fn shift_click_extends_and_ctrl_a_selects_everything() {
    let (mut d, mut g) = setup();
    let (a, b) = (at(&d, 5, Column::Owner), at(&d, 2, Column::KeyResult));
    g.click(&mut d, a);
    g.extend_to(&mut d, b);
    assert_eq!(g.selection(d.plan()), sel(2, 5, 1, 3));
    g.key_with(&mut d, Key::SelectAll, CTRL);
    assert_eq!(g.selection(d.plan()), sel(0, 11, 0, 8));
}

#[test]
fn a_click_on_a_row_header_selects_whole_rows() {
    let (mut d, mut g) = setup();
    let r3 = rows(d.plan())[3];
    let r6 = rows(d.plan())[6];
    g.select_rows(&mut d, r3, false);
    assert_eq!(g.selection(d.plan()), sel(3, 3, 0, 8));
    g.select_rows(&mut d, r6, true);
    assert_eq!(g.selection(d.plan()), sel(3, 6, 0, 8));
}

#[test]
fn ctrl_home_end_page_keys_and_shift_enter_move_like_a_spreadsheet() {
    let (mut d, mut g) = setup();
    g.select(d.plan(), at(&d, 5, Column::Owner));
    g.key_with(&mut d, Key::End, CTRL);
    assert_eq!(g.active, Some(at(&d, 11, Column::Score)));
    g.key_with(&mut d, Key::Home, CTRL);
    assert_eq!(g.active, Some(at(&d, 0, Column::Objective)));
    g.key(&mut d, Key::PageDown);
    assert_eq!(
        g.active,
        Some(at(&d, 11, Column::Objective)),
        "stops at the last row"
    );
    g.key(&mut d, Key::PageUp);
    assert_eq!(g.active, Some(at(&d, 0, Column::Objective)));
    g.select(d.plan(), at(&d, 3, Column::Owner));
    g.key_with(&mut d, Key::Enter, SHIFT);
    assert_eq!(g.active, Some(at(&d, 2, Column::Owner)));
    // Shift+Enter while editing commits and moves up.
    g.key(&mut d, Key::F2);
    g.input("Ana".into());
    g.key_with(&mut d, Key::Enter, SHIFT);
    assert_eq!(text(&d, 2, Column::Owner), "Ana");
    assert_eq!(g.active, Some(at(&d, 1, Column::Owner)));
    // Ctrl+Shift+End selects to the end.
    g.key_with(&mut d, Key::End, CTRL_SHIFT);
    assert_eq!(g.selection(d.plan()), sel(1, 11, 3, 8));
}

#[test]
fn ctrl_arrows_jump_to_the_edge_of_the_data() {
    let (mut d, mut g) = setup();
    // Key Result column: blank on objective rows, filled on key-result rows.
    g.select(d.plan(), at(&d, 1, Column::KeyResult));
    g.key_with(&mut d, Key::Down, CTRL);
    assert_eq!(
        g.active,
        Some(at(&d, 3, Column::KeyResult)),
        "last filled before a blank"
    );
    g.key_with(&mut d, Key::Down, CTRL);
    assert_eq!(
        g.active,
        Some(at(&d, 5, Column::KeyResult)),
        "next filled after blanks"
    );
    g.key_with(&mut d, Key::Down, CTRL_SHIFT);
    assert_eq!(g.selection(d.plan()), sel(5, 8, 1, 1));
    // Along an objective row: title, then blanks to Weight.
    g.select(d.plan(), at(&d, 0, Column::Objective));
    g.key_with(&mut d, Key::Right, CTRL);
    assert_eq!(g.active, Some(at(&d, 0, Column::Owner)));
    g.key_with(&mut d, Key::Right, CTRL);
    assert_eq!(g.active, Some(at(&d, 0, Column::Weight)));
    g.key_with(&mut d, Key::Up, CTRL);
    assert_eq!(
        g.active,
        Some(at(&d, 0, Column::Weight)),
        "at the edge it stays"
    );
}

#[test]
fn delete_clears_the_range_skips_computed_cells_and_undoes_in_one_step() {
    let (mut d, mut g) = setup();
    let before = d.plan().clone();
    g.select(d.plan(), at(&d, 1, Column::Kind));
    g.key_with(&mut d, Key::Down, SHIFT);
    g.key_with(&mut d, Key::End, SHIFT);
    assert!(g.key(&mut d, Key::Delete));
    for r in [1, 2] {
        assert_eq!(text(&d, r, Column::Owner), "");
        assert_eq!(text(&d, r, Column::Start), "");
        assert_eq!(text(&d, r, Column::Current), "");
        assert_eq!(typed(&d, r, Column::Weight), "1");
        assert_ne!(text(&d, r, Column::Kind), "", "the type cannot be empty");
        assert_eq!(text(&d, r, Column::Score), "", "nothing left to score");
    }
    assert_eq!(
        text(&d, 1, Column::KeyResult),
        before.objectives[0].key_results[0].title
    );
    assert!(d.undo());
    assert_eq!(d.plan(), &before);
    assert!(!d.can_undo(), "one step");
}

#[test]
fn space_toggles_a_binary_key_result() {
    let (mut d, mut g) = setup();
    let binary = rows(d.plan())[6];
    let RowRef::KeyResult(id) = binary else {
        panic!()
    };
    assert_eq!(d.plan().key_result(id).unwrap().1.kind, Kind::Binary);
    g.select(d.plan(), at(&d, 6, Column::Current));
    let was = text(&d, 6, Column::Current);
    assert!(g.key(&mut d, Key::Space));
    assert_ne!(text(&d, 6, Column::Current), was);
    assert!(g.key(&mut d, Key::Space));
    assert_eq!(text(&d, 6, Column::Current), was);
    // On other cells Space is typing (the view starts an edit with it).
    g.select(d.plan(), at(&d, 5, Column::Current));
    assert!(!g.key(&mut d, Key::Space));
}

#[test]
fn copy_gives_excel_text_that_pastes_back_exactly() {
    let (mut d, mut g) = setup();
    g.select(d.plan(), at(&d, 1, Column::KeyResult));
    g.key_with(&mut d, Key::Down, SHIFT);
    for _ in 0..5 {
        g.key_with(&mut d, Key::Right, SHIFT);
    }
    let copied = g.copy_text(d.plan()).unwrap();
    let block = parse_tsv(&copied);
    assert_eq!(block.len(), 2);
    assert_eq!(block[0][1], "number");
    assert_eq!(block[0][3..6], ["400", "650", "520"]);
    assert_eq!(block[1][1], "percent");
    assert_eq!(block[1][3], "2.5%");
    // Paste it over the branded-search and press rows' cells: the same values arrive.
    g.select(d.plan(), at(&d, 7, Column::KeyResult));
    let report = g.paste(&mut d, &copied);
    assert!(report.refused.is_empty(), "{:?}", report.refused);
    assert_eq!(g.selection(d.plan()), sel(7, 8, 1, 6));
    for (from, to) in [(1, 7), (2, 8)] {
        for col in [
            Column::KeyResult,
            Column::Kind,
            Column::Owner,
            Column::Start,
            Column::Target,
            Column::Current,
        ] {
            assert_eq!(text(&d, to, col), text(&d, from, col), "row {to} {col:?}");
        }
    }
    // One undo takes the whole paste back.
    let pasted = d.plan().clone();
    assert!(d.undo());
    assert_ne!(d.plan(), &pasted);
    assert_eq!(text(&d, 7, Column::Kind), "number");
    assert!(d.redo());
    assert_eq!(d.plan(), &pasted);
}

#[test]
fn pasting_rows_from_excel_below_the_last_row_adds_key_results() {
    let (mut d, mut g) = setup();
    let before_rows = rows(d.plan()).len();
    g.select(d.plan(), at(&d, 11, Column::KeyResult));
    let from_excel = "Open rate\tpercent\tMei\t22%\t30%\t25%\r\n\
                      Webinar signups\tnumber\tLuis\t0\t1,000\t250\r\n\
                      \"Launch the\nnew site\"\tbinary\tSam\t\t\tyes\r\n";
    let report = g.paste(&mut d, from_excel);
    assert!(report.refused.is_empty(), "{:?}", report.refused);
    assert_eq!(report.added_rows, 2);
    assert_eq!(rows(d.plan()).len(), before_rows + 2);
    assert_eq!(text(&d, 12, Column::KeyResult), "Webinar signups");
    assert_eq!(text(&d, 12, Column::Target), "1,000");
    assert_eq!(text(&d, 12, Column::Score), "0.25");
    assert_eq!(text(&d, 13, Column::KeyResult), "Launch the\nnew site");
    assert_eq!(text(&d, 13, Column::Current), "Done");
    assert_eq!(text(&d, 13, Column::Score), "1.00");
    assert_eq!(text(&d, 11, Column::Current), "25%");
    assert!(d.undo());
    assert_eq!(rows(d.plan()).len(), before_rows);
}

#[test]
fn a_single_value_fills_the_range_and_bad_cells_are_reported_not_lost() {
    let (mut d, mut g) = setup();
    g.select(d.plan(), at(&d, 1, Column::Owner));
    g.key_with(&mut d, Key::Down, SHIFT);
    g.key_with(&mut d, Key::Down, SHIFT);
    let report = g.paste(&mut d, "Priya\n");
    assert_eq!(report.cells, 3);
    for r in 1..=3 {
        assert_eq!(text(&d, r, Column::Owner), "Priya");
    }
    // "lots" cannot be a number: that cell keeps its value, the others take theirs.
    g.select(d.plan(), at(&d, 1, Column::Start));
    let report = g.paste(&mut d, "10\tlots\t20");
    assert_eq!(report.cells, 2);
    assert_eq!(report.refused.len(), 1);
    assert!(
        report.refused[0].to_string().starts_with("row 2, Target:"),
        "{:?}",
        report.refused
    );
    assert_eq!(text(&d, 1, Column::Start), "10");
    assert_eq!(text(&d, 1, Column::Target), "650");
    assert_eq!(text(&d, 1, Column::Current), "20");
    // A percentage pasted into a number key result is a fraction, as in a spreadsheet.
    g.select(d.plan(), at(&d, 1, Column::Start));
    let report = g.paste(&mut d, "2.5%");
    assert_eq!((report.cells, report.refused.len()), (1, 0));
    assert_eq!(text(&d, 1, Column::Start), "0.025");
    // The refused text is not lost: it is marked at the cell, and its editor offers it again
    // with the reason; Escape keeps the mark, a valid value removes it.
    let target = at(&d, 1, Column::Target);
    assert_eq!(g.invalid.len(), 1);
    assert_eq!(
        (g.invalid[0].cell, g.invalid[0].text.as_str()),
        (target, "lots")
    );
    g.select(d.plan(), target);
    assert!(g.key(&mut d, Key::F2));
    let editing = g.editing.clone().unwrap();
    assert_eq!(editing.text, "lots");
    assert!(editing.error.unwrap().to_string().contains("lots"));
    g.key(&mut d, Key::Escape);
    assert_eq!(g.invalid.len(), 1);
    g.key(&mut d, Key::Enter);
    g.input("700".into());
    g.key(&mut d, Key::Enter);
    assert_eq!(text(&d, 1, Column::Target), "700");
    assert!(g.invalid.is_empty());
    // Pasted again and cleared with Delete: the mark goes with the text.
    g.select(d.plan(), target);
    g.paste(&mut d, "n/a");
    assert_eq!(g.invalid.len(), 1);
    g.select(d.plan(), target);
    g.key(&mut d, Key::Delete);
    assert!(g.invalid.is_empty());
    // Marks on a deleted row go with it.
    g.select(d.plan(), target);
    g.paste(&mut d, "n/a");
    let id = match target.row {
        RowRef::KeyResult(id) => id,
        RowRef::Objective(_) => unreachable!(),
    };
    d.execute(okr_core::command::Command::RemoveKeyResult { id })
        .unwrap();
    g.settle(d.plan());
    assert!(g.invalid.is_empty());
}

#[test]
fn fill_down_copies_the_top_row_of_the_range() {
    let (mut d, mut g) = setup();
    g.select(d.plan(), at(&d, 1, Column::Owner));
    g.key_with(&mut d, Key::Down, SHIFT);
    g.key_with(&mut d, Key::Down, SHIFT);
    assert!(g.key_with(&mut d, Key::FillDown, CTRL));
    let owner = text(&d, 1, Column::Owner);
    assert_eq!(text(&d, 2, Column::Owner), owner);
    assert_eq!(text(&d, 3, Column::Owner), owner);
    assert!(d.undo());
    assert_ne!(text(&d, 2, Column::Owner), owner);
    // One cell: takes the value from the row above.
    g.select(d.plan(), at(&d, 3, Column::Weight));
    d.execute(okr_core::command::Command::EditKeyResult {
        id: match rows(d.plan())[2] {
            RowRef::KeyResult(id) => id,
            _ => panic!(),
        },
        edit: okr_core::command::KeyResultEdit::Weight(3.0),
    })
    .unwrap();
    assert!(g.key_with(&mut d, Key::FillDown, CTRL));
    assert_eq!(typed(&d, 3, Column::Weight), "3");
}

#[test]
fn alt_shift_arrows_move_rows_and_key_results_cross_objectives() {
    let (mut d, mut g) = setup();
    let kr = rows(d.plan())[1];
    g.select(d.plan(), at(&d, 1, Column::Owner));
    assert!(g.key_with(&mut d, Key::Down, ALT_SHIFT));
    assert_eq!(rows(d.plan())[2], kr);
    assert_eq!(g.active.unwrap().row, kr, "the active cell follows its row");
    g.key_with(&mut d, Key::Down, ALT_SHIFT);
    // Past its objective's last key result: first key result of the next objective.
    assert!(g.key_with(&mut d, Key::Down, ALT_SHIFT));
    assert_eq!(rows(d.plan())[4], kr);
    assert_eq!(
        d.plan().objectives[1].key_results[0].id,
        match kr {
            RowRef::KeyResult(id) => id,
            _ => panic!(),
        }
    );
    // An objective moves with its key results.
    let o3 = rows(d.plan())[9];
    g.select(
        d.plan(),
        Cell {
            row: o3,
            col: Column::Objective,
        },
    );
    assert!(g.key_with(&mut d, Key::Up, ALT_SHIFT));
    assert_eq!(
        d.plan().objectives[1].id,
        match o3 {
            RowRef::Objective(id) => id,
            _ => panic!(),
        }
    );
    assert!(g.key_with(&mut d, Key::Up, ALT_SHIFT));
    assert_eq!(rows(d.plan())[0], o3);
    assert!(!g.key_with(&mut d, Key::Up, ALT_SHIFT), "already first");
    while d.undo() {}
    assert_eq!(d.plan(), &example_plan());
}

#[test]
fn a_click_selects_and_a_double_click_edits() {
    let (mut d, mut g) = setup();
    let cell = at(&d, 1, Column::Owner);
    g.click(&mut d, cell);
    assert_eq!(g.active, Some(cell));
    assert!(g.editing.is_none());
    g.double_click(&mut d, cell);
    assert!(g.is_editing(cell));
}

fn cell_text() -> impl Strategy<Value = String> {
    "[a-z \t\n\r\"'%,.0-9中]{0,8}"
}

proptest! {
    #[test]
    fn clipboard_text_round_trips(block in prop::collection::vec(prop::collection::vec(cell_text(), 1..5), 1..5)) {
        // Rows of equal width, as a selection gives.
        let width = block[0].len();
        let block: Vec<Vec<String>> = block.into_iter().map(|mut r| { r.resize(width, String::new()); r }).collect();
        let back = parse_tsv(&format_tsv(&block));
        prop_assert_eq!(back, block);
    }
}
