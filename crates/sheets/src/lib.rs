//! okr-grid's spreadsheet I/O: a file's bytes → sheets of cells → a previewed plan (`import`),
//! and a plan → okr-grid's workbook, CSV, or the user's own workbook with the new values
//! (`export`). Plain Rust over calamine, rust_xlsxwriter, csv, zip and quick-xml; no DOM.

pub mod export;
pub mod import;
pub mod job;
pub mod sent_plan;
