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
/// beside their letters, case ignored), for the menus of owners and teams. The browser's own
/// sort does it (it is stable: names the collator finds equal keep the core's order). Keeps
/// the core's order if the browser has no collator.
pub(crate) fn sort_names(names: &mut [String], locale: Locale) {
    let locales = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(locale.tag()));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"sensitivity".into(), &"base".into());
    let compare = js_sys::Intl::Collator::new(&locales, &options).compare();
    let list: js_sys::Array = names
        .iter()
        .map(|n| wasm_bindgen::JsValue::from_str(n))
        .collect();
    let Ok(sort) = js_sys::Reflect::get(&list, &"sort".into()) else {
        return;
    };
    let sort: js_sys::Function = wasm_bindgen::JsCast::unchecked_into(sort);
    if sort.call1(&list, &compare).is_err() {
        return;
    }
    let sorted: Vec<String> = list.iter().filter_map(|v| v.as_string()).collect();
    if sorted.len() == names.len() {
        for (name, s) in names.iter_mut().zip(sorted) {
            *name = s;
        }
    }
}
