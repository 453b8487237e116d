//! Generates the `i18n` module (leptos_i18n) from the catalogues in `locales/`: one JSON file
//! per locale, English the default. Keys are checked at compile time where they are used;
//! `tests/catalogues.rs` fails when a catalogue misses a key English has.

use std::error::Error;
use std::path::PathBuf;

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("no OUT_DIR")?).join("i18n");
    // Interpolated messages are also needed as plain strings (aria-labels, titles).
    let options = ParseOptions::default().interpolate_display(true);
    let config = Config::new("en")?
        .add_locales(["es", "it", "zh-Hans"])?
        .parse_options(options);
    let infos = TranslationsInfos::parse(config)?;
    infos.emit_diagnostics();
    infos.rerun_if_locales_changed();
    infos.generate_i18n_module(out)?;
    Ok(())
}
