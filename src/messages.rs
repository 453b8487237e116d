//! The interface's messages in the user's language. English is compiled in; Spanish, Italian
//! and Chinese are fetched the first time they are needed (`ui::i18n::load`) and kept for the
//! page's life, so the page carries one language's texts, not four.
//!
//! build.rs numbers the messages (slots) and writes, from `locales/en.json`, the English
//! texts, the keys a catalogue file may use and a struct per message in `msg`, whose fields
//! are the values its text takes: `ui::i18n`'s `t!` macros build those structs, so keys and
//! value names are checked when the app compiles. Reading a file and the plural rule are the
//! core's (`okr_core::catalogue`). A text that a fetched catalogue lacks reads in English.

use std::cell::Cell;
use std::fmt::Display;

use okr_core::catalogue::{self, CatalogueError};
use okr_core::locale::Locale;

include!(concat!(env!("OUT_DIR"), "/messages.rs"));

type Texts = &'static [Option<Box<str>>];

thread_local! {
    /// The fetched catalogues: es, it, zh-Hans.
    static FETCHED: [Cell<Option<Texts>>; 3] = const { [const { Cell::new(None) }; 3] };
}

fn place(l: Locale) -> Option<usize> {
    match l {
        Locale::En => None,
        Locale::Es => Some(0),
        Locale::It => Some(1),
        Locale::ZhHans => Some(2),
    }
}

/// Whether `l`'s texts are here (English always is).
pub fn is_installed(l: Locale) -> bool {
    place(l).is_none_or(|i| FETCHED.with(|f| f[i].get().is_some()))
}

/// Makes `json`, a catalogue file of `l`, the texts of `l` (once: a second call keeps the
/// first). Refuses a file that is not a catalogue or lacks a message.
pub fn install(l: Locale, json: &str) -> Result<(), CatalogueError> {
    let Some(i) = place(l) else {
        return Ok(());
    };
    if is_installed(l) {
        return Ok(());
    }
    // Chinese has one plural form: its catalogue has no "one" texts.
    let required =
        |slot: usize| l != Locale::ZhHans || !ONE_FORMS.iter().any(|&s| usize::from(s) == slot);
    let texts = catalogue::read(json, &KEYS, SLOTS, required)?;
    // Kept for the page's life: at most three, each read once.
    let texts: Texts = Box::leak(texts.into_boxed_slice());
    FETCHED.with(|f| f[i].set(Some(texts)));
    Ok(())
}

/// `l`'s text in `slot`, if `l`'s catalogue is here and has it.
fn own(l: Locale, slot: u16) -> Option<&'static str> {
    let slot = usize::from(slot);
    match place(l) {
        None => EN.get(slot).copied(),
        Some(i) => FETCHED
            .with(|f| f[i].get())
            .and_then(|texts| texts.get(slot)?.as_deref()),
    }
}

/// The text in `slot` in `l`, else in English.
pub fn text(l: Locale, slot: u16) -> &'static str {
    own(l, slot)
        .or_else(|| EN.get(usize::from(slot)).copied())
        .unwrap_or_default()
}

/// Which text a message with values reads.
pub enum Form {
    Plain(u16),
    /// A message that counts: the slots of its "one" and "other" forms, chosen by its
    /// `count` value.
    Counted(u16, u16),
}

/// The message's text in `l` with its values put in.
pub fn format(l: Locale, form: Form, args: &[(&str, &dyn Display)]) -> String {
    let slot = match form {
        Form::Plain(slot) => slot,
        Form::Counted(one, other) => {
            let count = args
                .iter()
                .find(|(name, _)| *name == "count")
                .map(|(_, v)| v.to_string())
                .unwrap_or_default();
            match catalogue::is_one(l, &count) {
                true if own(l, one).is_some() => one,
                _ => other,
            }
        }
    };
    catalogue::interpolate(text(l, slot), args)
}
