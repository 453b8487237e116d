//! The interface catalogues (`locales/*.json`, compiled into the app by build.rs): every
//! locale has every message English has (plural forms counted as one message), no message
//! English lacks, and the same `{{ variables }}` in each.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};

const LOCALES: [&str; 4] = ["en", "es", "it", "zh-Hans"];
const PLURAL_FORMS: [&str; 6] = ["_zero", "_one", "_two", "_few", "_many", "_other"];

/// Message → the variables its text (or any of its plural forms) uses.
fn messages(locale: &str) -> BTreeMap<String, BTreeSet<String>> {
    let path = format!("{}/locales/{locale}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let json: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let object = json
        .as_object()
        .unwrap_or_else(|| panic!("{path}: not an object"));
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (key, value) in object {
        let text = value
            .as_str()
            .unwrap_or_else(|| panic!("{path}: “{key}” is not a string"));
        assert!(!text.trim().is_empty(), "{path}: “{key}” is empty");
        let base = PLURAL_FORMS
            .iter()
            .find_map(|f| key.strip_suffix(f))
            .unwrap_or(key);
        let vars = out.entry(base.to_string()).or_default();
        let mut rest = text;
        while let Some(start) = rest.find("{{") {
            let Some(end) = rest[start..].find("}}") else {
                panic!("{path}: “{key}” has an unclosed {{{{");
            };
            vars.insert(rest[start + 2..start + end].trim().to_string());
            rest = &rest[start + end + 2..];
        }
    }
    out
}

#[test]
fn every_catalogue_has_every_message_with_the_same_variables() {
    let en = messages("en");
    assert!(en.len() > 50, "the English catalogue looks truncated");
    for locale in &LOCALES[1..] {
        let other = messages(locale);
        let missing: Vec<&String> = en.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<&String> = other.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{locale} misses {missing:?}");
        assert!(
            extra.is_empty(),
            "{locale} has messages English lacks: {extra:?}"
        );
        for (key, vars) in &en {
            assert_eq!(&other[key], vars, "{locale}: “{key}” uses other variables");
        }
    }
}

/// The text of one message (not a plural) in a catalogue.
fn text(locale: &str, key: &str) -> String {
    let path = format!("{}/locales/{locale}.json", env!("CARGO_MANIFEST_DIR"));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_default())
            .unwrap_or_default();
    json[key]
        .as_str()
        .unwrap_or_else(|| panic!("{locale}: no “{key}”"))
        .to_string()
}

/// The grid shows and reads key result types and done / not done with `locale`'s words (the
/// core cannot read the catalogues): they must be the interface's words.
#[test]
fn the_grid_words_of_the_core_are_the_catalogue_words() {
    use okr_core::locale::Locale;
    use okr_core::model::Kind;
    let keys = [
        (Kind::Number, "kind_number"),
        (Kind::Percent, "kind_percent"),
        (Kind::Binary, "kind_binary"),
        (Kind::StayAbove, "kind_stay_above"),
        (Kind::StayBelow, "kind_stay_below"),
        (Kind::Milestone, "kind_milestone"),
    ];
    for (locale, tag) in Locale::ALL.into_iter().zip(LOCALES) {
        for (kind, key) in keys {
            assert_eq!(locale.kind_name(kind), text(tag, key), "{tag} {key}");
        }
        assert_eq!(
            locale.new_title(true),
            text(tag, "new_objective_title"),
            "{tag}"
        );
        assert_eq!(
            locale.new_title(false),
            text(tag, "new_key_result_title"),
            "{tag}"
        );
        let (done, not_done) = locale.done_words();
        assert_eq!(done, text(tag, "done_value"), "{tag}");
        assert_eq!(not_done, text(tag, "not_done_value"), "{tag}");
    }
}

/// The page has English compiled in and fetches the other catalogues (`okr_grid::messages`):
/// each file as shipped is read whole into the slots build.rs numbered, plural forms and
/// values included, and a file that is not a catalogue is refused with English left as it was.
#[test]
fn each_catalogue_file_reads_into_the_compiled_messages() {
    use okr_core::locale::Locale;
    use okr_grid::messages::{self, msg};
    let path = |tag: &str| format!("{}/locales/{tag}.json", env!("CARGO_MANIFEST_DIR"));
    assert!(messages::install(Locale::Es, "<!doctype html><p>Not found</p>").is_err());
    assert!(!messages::is_installed(Locale::Es));
    assert_eq!(msg::col_score {}.text(Locale::Es), "Score");
    for (locale, tag) in Locale::ALL.into_iter().zip(LOCALES).skip(1) {
        let file = std::fs::read_to_string(path(tag)).unwrap_or_else(|e| panic!("{tag}: {e}"));
        messages::install(locale, &file).unwrap_or_else(|e| panic!("{tag}: {e}"));
        assert!(messages::is_installed(locale));
        assert_eq!(
            msg::col_score {}.text(locale),
            text(tag, "col_score"),
            "{tag}"
        );
    }
    assert_eq!(msg::col_score {}.text(Locale::En), "Score");
    let counted = |l: Locale, n: usize| msg::objectives_count { count: &n }.text(l);
    assert_eq!(counted(Locale::En, 1), "1 objective");
    assert_eq!(counted(Locale::En, 3), "3 objectives");
    assert_eq!(counted(Locale::Es, 1), "1 objetivo");
    assert_eq!(counted(Locale::It, 2), "2 obiettivi");
    assert_eq!(counted(Locale::ZhHans, 1), "1 个目标");
    let showing = msg::showing_rows {
        shown: &5,
        all: &"12",
    }
    .text(Locale::En);
    assert_eq!(showing, "Showing 5 of 12 rows");
}
