//! The interface's message catalogues (`locales/*.json`) as the app reads them: a catalogue is
//! a JSON object of message key → text, with `{{ name }}` where a value goes, and a message
//! that counts has a form per plural category (`key_one`, `key_other`; a language with one
//! form, like Chinese, may give it as plain `key`).
//!
//! The web crate compiles the English catalogue in and fetches the others when they are first
//! needed (`okr_grid::messages`); its build script numbers the messages (slots). Here: reading a
//! fetched catalogue into those slots, putting values into a text, and the plural rule.

use std::collections::HashMap;
use std::fmt::{self, Display, Write};

use crate::locale::Locale;

/// A fetched catalogue that cannot be used.
#[derive(Clone, Debug, PartialEq)]
pub enum CatalogueError {
    /// Not a JSON object of texts (the parser's message).
    Unreadable(String),
    /// Read, but without these messages (keys as in the file; at most a few named).
    Incomplete(Vec<String>),
}

impl Display for CatalogueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CatalogueError::Unreadable(why) => write!(f, "not a catalogue: {why}"),
            CatalogueError::Incomplete(keys) => write!(f, "messages missing: {}", keys.join(", ")),
        }
    }
}

/// Reads a catalogue's text into `slots` texts. `keys` gives each key a file may use and the
/// slot it fills, sorted by key; keys the file has and `keys` lacks are ignored (a newer
/// file), and the file must fill every slot `required` says it must.
pub fn read(
    json: &str,
    keys: &[(&str, u16)],
    slots: usize,
    required: impl Fn(usize) -> bool,
) -> Result<Vec<Option<Box<str>>>, CatalogueError> {
    let texts: HashMap<String, String> =
        serde_json::from_str(json).map_err(|e| CatalogueError::Unreadable(e.to_string()))?;
    let mut out: Vec<Option<Box<str>>> = vec![None; slots];
    for (key, text) in texts {
        if let Ok(i) = keys.binary_search_by(|(k, _)| (*k).cmp(key.as_str())) {
            if let Some(slot) = out.get_mut(usize::from(keys[i].1)) {
                *slot = Some(text.into_boxed_str());
            }
        }
    }
    let missing: Vec<String> = (0..slots)
        .filter(|&s| out[s].is_none() && required(s))
        .filter_map(|s| keys.iter().find(|(_, slot)| usize::from(*slot) == s))
        .map(|(k, _)| (*k).to_string())
        .take(5)
        .collect();
    if missing.is_empty() {
        Ok(out)
    } else {
        Err(CatalogueError::Incomplete(missing))
    }
}

/// `template` with each `{{ name }}` replaced by the value given for `name`; a name with no
/// value stays as written.
pub fn interpolate(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        let Some(close) = rest[open..].find("}}").map(|c| open + c) else {
            break;
        };
        out.push_str(&rest[..open]);
        let name = rest[open + 2..close].trim();
        match args.iter().find(|(n, _)| *n == name) {
            Some((_, value)) => {
                let _ = write!(out, "{value}");
            }
            None => out.push_str(&rest[open..close + 2]),
        }
        rest = &rest[close + 2..];
    }
    out.push_str(rest);
    out
}

/// Whether a count, as written, takes the "one" form in `locale` (CLDR's cardinal rules for
/// the integers and decimals the app shows: English, Spanish and Italian say "1 objective",
/// any other count, "1.5" or "0" too, takes "other"; Chinese has one form only).
pub fn is_one(locale: Locale, count: &str) -> bool {
    locale != Locale::ZhHans && count == "1"
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: [(&str, u16); 4] = [("a", 0), ("b", 1), ("n", 3), ("n_one", 2)];

    #[test]
    fn a_catalogue_fills_the_slots_its_keys_name() {
        let json = r#"{"b": "Bee", "a": "Ay", "n_one": "{{ count }} thing", "newer": "x"}"#;
        let texts = read(json, &KEYS, 4, |s| s != 3).unwrap();
        let got: Vec<Option<&str>> = texts.iter().map(|t| t.as_deref()).collect();
        assert_eq!(
            got,
            [Some("Ay"), Some("Bee"), Some("{{ count }} thing"), None]
        );
    }

    #[test]
    fn a_catalogue_missing_a_required_message_or_not_json_is_refused() {
        assert_eq!(
            read(r#"{"a": "Ay"}"#, &KEYS, 4, |_| true),
            Err(CatalogueError::Incomplete(vec![
                "b".into(),
                "n_one".into(),
                "n".into()
            ]))
        );
        assert!(matches!(
            read("<html>offline</html>", &KEYS, 4, |_| true),
            Err(CatalogueError::Unreadable(_))
        ));
        assert!(matches!(
            read(r#"{"a": 3}"#, &KEYS, 4, |_| false),
            Err(CatalogueError::Unreadable(_))
        ));
    }

    #[test]
    fn values_go_where_their_names_are() {
        let n = 3;
        assert_eq!(
            interpolate(
                "{{ count }} of {{all}} ({{ who }})",
                &[("all", &"ten"), ("count", &n)]
            ),
            "3 of ten ({{ who }})"
        );
        assert_eq!(interpolate("no values", &[]), "no values");
        assert_eq!(interpolate("open {{ end", &[("end", &1)]), "open {{ end");
        assert_eq!(interpolate("{{ a }}{{ a }}", &[("a", &"é")]), "éé");
    }

    #[test]
    fn one_is_singular_except_in_chinese() {
        for l in [Locale::En, Locale::Es, Locale::It] {
            assert!(is_one(l, "1"));
            for other in ["0", "2", "1.5", "11", "21"] {
                assert!(!is_one(l, other), "{l:?} {other}");
            }
        }
        assert!(!is_one(Locale::ZhHans, "1"));
    }
}
