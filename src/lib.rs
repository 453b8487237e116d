//! okr-grid's web crate: the Leptos components (`ui`) and the browser adapter (`browser`:
//! storage, files, download, clipboard, tabs). The rules live in `okr-core`, spreadsheet I/O in
//! `okr-sheets`; this crate renders state and sends commands. It exists only on wasm32, but for
//! `messages` (the interface's texts), which the native tests read too.

#[cfg(target_arch = "wasm32")]
#[macro_use]
mod parts;
#[cfg(target_arch = "wasm32")]
pub mod browser;
pub mod messages;
#[cfg(target_arch = "wasm32")]
pub mod ui;
