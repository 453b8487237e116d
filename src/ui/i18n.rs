//! The interface's text in the user's language: `t!` (a view that follows the language),
//! `t_string!` (the text now, in the language shown) and `td_string!` (in a given locale), each
//! with the message's key and its values (`name = value`, or `name` for a variable of that
//! name). They build `messages::msg` structs, so a key or a value name English lacks does not
//! compile. The language shown is `AppState::language`; `load` fetches a language's catalogue
//! before the page switches to it.

use leptos::prelude::*;
use okr_core::locale::Locale;

use super::AppState;

/// The language the interface is shown in, for the `t!` macros.
#[derive(Clone, Copy)]
pub struct I18n(Memo<Locale>);

impl I18n {
    /// The language shown (tracked: a view or effect that reads it follows it).
    pub fn get_locale(&self) -> Locale {
        self.0.get()
    }
}

/// The interface language of the app around (`AppState::language`).
pub fn use_i18n() -> I18n {
    I18n(expect_context::<AppState>().language)
}

/// Makes `l`'s texts available: English always is; another language's catalogue is fetched
/// once. The request starts at once, so it runs beside whatever the caller awaits first.
/// Errs with what went wrong (the page stays in its language).
pub fn load(l: Locale) -> impl std::future::Future<Output = Result<(), String>> + 'static {
    let fetching =
        (!crate::messages::is_installed(l)).then(|| crate::browser::catalogue_file::fetch(l.tag()));
    async move {
        let Some(fetching) = fetching else {
            return Ok(());
        };
        let text = fetching.await?;
        crate::messages::install(l, &text).map_err(|e| e.to_string())
    }
}

/// The message `key` in the locale `l`, with its values: `td_string!(l, key, name = value)`.
/// A message without values is a `&'static str`, one with values a `String`.
macro_rules! td_string {
    ($l:expr, $key:ident $(,)?) => {
        $crate::messages::msg::$key {}.text($l)
    };
    ($l:expr, $key:ident, $($values:tt)+) => {
        $crate::ui::i18n::with_values!(($l) $key [] $($values)+)
    };
}

/// `td_string!`'s values, one at a time (`name = value` or `name`).
macro_rules! with_values {
    (($l:expr) $key:ident [$($done:tt)*] $name:ident = $value:expr, $($rest:tt)*) => {
        $crate::ui::i18n::with_values!(($l) $key [$($done)* $name: &$value,] $($rest)*)
    };
    (($l:expr) $key:ident [$($done:tt)*] $name:ident = $value:expr) => {
        $crate::ui::i18n::with_values!(($l) $key [$($done)* $name: &$value,])
    };
    (($l:expr) $key:ident [$($done:tt)*] $name:ident, $($rest:tt)*) => {
        $crate::ui::i18n::with_values!(($l) $key [$($done)* $name: &$name,] $($rest)*)
    };
    (($l:expr) $key:ident [$($done:tt)*] $name:ident) => {
        $crate::ui::i18n::with_values!(($l) $key [$($done)* $name: &$name,])
    };
    (($l:expr) $key:ident [$($done:tt)*]) => {
        $crate::messages::msg::$key { $($done)* }.text($l)
    };
}

/// The message `key` in the language shown now: `t_string!(i18n, key, name = value)`.
macro_rules! t_string {
    ($i18n:expr, $($message:tt)+) => {
        $crate::ui::i18n::td_string!($i18n.get_locale(), $($message)+)
    };
}

/// A view of the message `key` that follows the language: `t!(i18n, key)`, or with values
/// given as closures, read again when it is drawn again: `t!(i18n, key, count = move || n)`.
macro_rules! t {
    ($i18n:expr, $key:ident $(,)?) => {{
        let i18n = $i18n;
        move || $crate::messages::msg::$key {}.text(i18n.get_locale())
    }};
    ($i18n:expr, $key:ident, $($name:ident = $value:expr),+ $(,)?) => {{
        let i18n = $i18n;
        $(let $name = $value;)+
        move || $crate::messages::msg::$key { $($name: &$name(),)+ }.text(i18n.get_locale())
    }};
}

pub(crate) use {t, t_string, td_string, with_values};
