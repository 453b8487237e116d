//! okr-grid: a spreadsheet-style OKR tracker that runs entirely in the browser.
//!
//! The functional core (everything but `browser` and `ui`) is plain Rust with no DOM and no
//! clock; it compiles and tests natively. The shell (`browser`, `ui`) exists only on wasm32.

pub mod backlog;
pub mod checkin;
pub mod clipboard;
pub mod closing;
pub mod command;
pub mod dashboard;
pub mod example;
pub mod export;
pub mod grid;
pub mod health;
pub mod history;
pub mod import;
pub mod library;
pub mod locale;
pub mod merge;
pub mod model;
pub mod origin;
pub mod pace;
pub mod period;
pub mod presentation;
pub mod score;
pub mod share;
pub mod store;
pub mod stored_plan;
pub mod trend;
pub mod value;
pub mod versions;

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod ui;
