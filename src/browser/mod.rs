//! The browser adapter: the only code that talks to browser APIs other than through Leptos.
//! Each function is narrow and returns errors as values.

pub mod catalogue_file;
pub mod clock;
pub mod database;
pub mod download;
pub mod files;
pub mod language;
pub mod sheet_worker;
pub mod storage;
pub mod tabs;
