//! Generates the interface's messages (`src/messages.rs` includes them) from the catalogues in
//! `locales/`: one JSON file per locale, English the default.
//!
//! Every message gets a slot number; a message that counts (`key_one` and `key_other` in
//! English) gets two, one per form. Out come the English texts by slot (compiled into the
//! page), the keys a catalogue file may use with the slot each fills (the other languages'
//! files are fetched when first needed and read into slots at run time), and in `msg` one
//! struct per message whose fields are its `{{ values }}`: the `t!` macros build them, so a
//! key or a value name that English does not have is a compile error.
//! `tests/catalogues.rs` fails when a catalogue misses a message English has.

use std::collections::{BTreeMap, BTreeSet};
use std::error::Error;
use std::fmt::Write;
use std::path::PathBuf;

/// The locales beside English; their files are read at run time, only checked here.
const OTHERS: [&str; 3] = ["es", "it", "zh-Hans"];

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=locales");
    let en = catalogue("en")?;
    for other in OTHERS {
        catalogue(other)?;
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("no OUT_DIR")?).join("messages.rs");
    std::fs::write(out, generate(&en)?)?;
    Ok(())
}

fn catalogue(locale: &str) -> Result<BTreeMap<String, String>, Box<dyn Error>> {
    let path = format!("locales/{locale}.json");
    println!("cargo::rerun-if-changed={path}");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    Ok(serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?)
}

/// The `{{ names }}` a text uses.
fn values(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        let Some(close) = rest[open..].find("}}") else {
            break;
        };
        out.insert(rest[open + 2..open + close].trim().to_string());
        rest = &rest[open + close + 2..];
    }
    out
}

fn is_identifier(s: &str) -> bool {
    const KEYWORDS: [&str; 39] = [
        "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn",
        "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref",
        "return", "self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use",
        "where", "while", "async", "await", "dyn", "gen", "try",
    ];
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !KEYWORDS.contains(&s)
}

fn generate(en: &BTreeMap<String, String>) -> Result<String, Box<dyn Error>> {
    // Messages that count: English has both forms.
    let plural: BTreeSet<&str> = en
        .keys()
        .filter_map(|k| k.strip_suffix("_one"))
        .filter(|base| en.contains_key(&format!("{base}_other")))
        .collect();
    let mut slot_of: BTreeMap<String, u16> = BTreeMap::new();
    let mut english: Vec<&str> = Vec::new();
    for (key, text) in en {
        slot_of.insert(key.clone(), u16::try_from(english.len())?);
        english.push(text);
    }
    // A language with one form may give it as the plain key.
    for base in &plural {
        let other = slot_of[&format!("{base}_other")];
        slot_of.insert((*base).to_string(), other);
    }
    let mut code = String::new();
    writeln!(code, "/// How many texts a catalogue holds.")?;
    writeln!(code, "pub const SLOTS: usize = {};", english.len())?;
    writeln!(code, "/// The English texts, by slot.")?;
    writeln!(code, "pub static EN: [&str; SLOTS] = [")?;
    for text in &english {
        writeln!(code, "    {text:?},")?;
    }
    writeln!(code, "];")?;
    writeln!(
        code,
        "/// The keys a catalogue file may use and the slot each fills, by key."
    )?;
    writeln!(
        code,
        "pub static KEYS: [(&str, u16); {}] = [",
        slot_of.len()
    )?;
    for (key, slot) in &slot_of {
        writeln!(code, "    ({key:?}, {slot}),")?;
    }
    writeln!(code, "];")?;
    writeln!(
        code,
        "/// The slots of the \"one\" forms (a language with one form lacks them)."
    )?;
    let ones: Vec<String> = plural
        .iter()
        .map(|b| slot_of[&format!("{b}_one")].to_string())
        .collect();
    writeln!(
        code,
        "pub static ONE_FORMS: [u16; {}] = [{}];",
        ones.len(),
        ones.join(", ")
    )?;
    writeln!(
        code,
        "/// One struct per message, its fields the values its text takes."
    )?;
    writeln!(code, "#[allow(non_camel_case_types)]")?;
    writeln!(code, "pub mod msg {{")?;
    writeln!(code, "    use super::{{Display, Locale}};")?;
    let mut messages: BTreeMap<&str, (Option<u16>, u16, BTreeSet<String>)> = BTreeMap::new();
    for (key, text) in en {
        let (name, one) = match key.strip_suffix("_one").filter(|b| plural.contains(b)) {
            Some(base) => (base, true),
            None => match key.strip_suffix("_other").filter(|b| plural.contains(b)) {
                Some(base) => (base, false),
                None => (key.as_str(), false),
            },
        };
        let entry = messages.entry(name).or_insert((None, 0, BTreeSet::new()));
        if one {
            entry.0 = Some(slot_of[key]);
        } else {
            entry.1 = slot_of[key];
        }
        entry.2.extend(values(text));
        if plural.contains(name) {
            entry.2.insert("count".to_string());
        }
    }
    for (name, (one, slot, names)) in &messages {
        if !is_identifier(name) {
            return Err(format!("locales/en.json: “{name}” cannot name a message in Rust").into());
        }
        if let Some(bad) = names.iter().find(|n| !is_identifier(n)) {
            return Err(
                format!("locales/en.json: “{name}”: {{{{ {bad} }}}} cannot be a field").into(),
            );
        }
        if names.is_empty() {
            writeln!(code, "    pub struct {name} {{}}")?;
            writeln!(code, "    impl {name} {{")?;
            writeln!(code, "        #[inline]")?;
            writeln!(
                code,
                "        pub fn text(self, l: Locale) -> &'static str {{ super::text(l, {slot}) }}"
            )?;
            writeln!(code, "    }}")?;
            continue;
        }
        let fields: Vec<String> = names
            .iter()
            .map(|n| format!("pub {n}: &'a dyn Display"))
            .collect();
        let args: Vec<String> = names.iter().map(|n| format!("({n:?}, self.{n})")).collect();
        writeln!(
            code,
            "    pub struct {name}<'a> {{ {} }}",
            fields.join(", ")
        )?;
        writeln!(code, "    impl {name}<'_> {{")?;
        let slots = match one {
            Some(one) => format!("super::Form::Counted({one}, {slot})"),
            None => format!("super::Form::Plain({slot})"),
        };
        writeln!(
            code,
            "        pub fn text(self, l: Locale) -> String {{ super::format(l, {slots}, &[{}]) }}",
            args.join(", ")
        )?;
        writeln!(code, "    }}")?;
    }
    writeln!(code, "}}")?;
    Ok(code)
}
