//! The user's locale from the browser's language preferences (`navigator.languages`), the one
//! place the app reads them; the core takes the locale as a parameter.

use crate::locale::Locale;

pub fn locale() -> Locale {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return Locale::En;
    };
    let mut tags: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    if tags.is_empty() {
        tags.extend(navigator.language());
    }
    Locale::negotiate(&tags)
}
