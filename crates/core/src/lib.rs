//! okr-grid's functional core: plain Rust with no DOM, no clock and no spreadsheet crates. It
//! compiles and tests natively; the web crate renders its state and sends it commands, and the
//! spreadsheet crate (`okr-sheets`) reads and writes files into and out of its model.

pub mod backlog;
pub mod catalogue;
pub mod checkin;
pub mod clipboard;
pub mod closing;
pub mod command;
pub mod dashboard;
pub mod example;
pub mod formula;
pub mod grid;
pub mod health;
pub mod history;
pub mod library;
pub mod locale;
pub mod merge;
pub mod model;
pub mod origin;
pub mod pace;
pub mod period;
pub mod presentation;
pub mod score;
pub mod score_formula;
pub mod share;
pub mod store;
pub mod stored_plan;
pub mod trend;
pub mod validate;
pub mod value;
pub mod versions;
