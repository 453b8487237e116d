//! The user's locale from the browser's language preferences (`navigator.languages`), the one
//! place the app reads them; the core takes the locale as a parameter.

use okr_core::locale::Locale;

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

/// Sorts names as people of `locale` expect (`Intl.Collator`: Chinese by pinyin, accents
/// beside their letters, case ignored), for the menus of owners and teams. Keeps the core's
/// order if the browser has no collator.
pub(crate) fn sort_names(names: &mut [String], locale: Locale) {
    let locales = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(locale.tag()));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"sensitivity".into(), &"base".into());
    let compare = js_sys::Intl::Collator::new(&locales, &options).compare();
    names.sort_by(|a, b| {
        compare
            .call2(&wasm_bindgen::JsValue::NULL, &a.into(), &b.into())
            .ok()
            .and_then(|v| v.as_f64())
            .map_or(std::cmp::Ordering::Equal, |n| n.total_cmp(&0.0))
    });
}
