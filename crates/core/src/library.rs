//! Several plans in one browser: the index of saved plans (which storage key holds which plan,
//! which one was open last). Pure functions over text; `browser::storage` reads and writes.
//!
//! The first plan keeps the foundation's key (`store::PLAN_KEY`), so a browser that saved a
//! plan before there were several finds it as the first entry; later plans get keys of their
//! own (`okr-grid/v1/plan-2`, `-3`…), never reused within an index.

use serde::{Deserialize, Serialize};

use crate::store::PLAN_KEY;

/// Where the index lives.
pub const INDEX_KEY: &str = "okr-grid/v1/plans";
/// Keys of plans after the first: this prefix and a number.
pub(crate) const PLAN_KEY_PREFIX: &str = "okr-grid/v1/plan-";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The local storage key that holds the plan.
    pub key: String,
    /// The plan's name as last saved (the switcher shows it without reading every plan).
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Library {
    pub plans: Vec<Entry>,
    /// The key of the plan opened last: it reopens on the next visit.
    #[serde(default)]
    pub last: String,
    /// The number of the next new key.
    #[serde(default = "first_number")]
    next: u64,
}

fn first_number() -> u64 {
    2
}

/// True for the keys this module hands out (and the first plan's).
pub fn is_plan_key(key: &str) -> bool {
    key == PLAN_KEY
        || key
            .strip_prefix(PLAN_KEY_PREFIX)
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Why a plan cannot be taken off the list (the shell says it in the interface language).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RemoveError {
    /// The only plan: there is always one to show.
    OnlyPlan,
    NotListed,
}

impl Library {
    /// The index of a browser with one plan under the first key.
    pub fn single(name: &str) -> Self {
        Library {
            plans: vec![Entry {
                key: PLAN_KEY.to_string(),
                name: name.to_string(),
            }],
            last: PLAN_KEY.to_string(),
            next: first_number(),
        }
    }

    /// Reads a stored index. Missing or unreadable text, or an index with no valid entry,
    /// gives the single-plan index: the plans themselves are never lost with it, as their
    /// keys are fixed (and `add_found` brings back the ones found in storage).
    pub fn decode(raw: Option<&str>, first_name: &str) -> Self {
        let Some(mut library) = raw.and_then(|r| serde_json::from_str::<Library>(r).ok()) else {
            return Library::single(first_name);
        };
        let mut seen = std::collections::HashSet::new();
        library
            .plans
            .retain(|e| is_plan_key(&e.key) && seen.insert(e.key.clone()));
        if library.plans.is_empty() {
            return Library::single(first_name);
        }
        let highest = library
            .plans
            .iter()
            .filter_map(|e| e.key.strip_prefix(PLAN_KEY_PREFIX)?.parse::<u64>().ok())
            .max()
            .unwrap_or(1);
        library.next = library.next.max(highest.saturating_add(1));
        library
    }

    pub fn encode(&self) -> String {
        // Strings and numbers only: serialising cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Lists plan keys found in storage that the index misses (an index lost or written by
    /// an older tab), so no saved plan becomes unreachable. Returns whether any was added.
    pub fn add_found(&mut self, found: impl IntoIterator<Item = (String, String)>) -> bool {
        let mut added = false;
        for (key, name) in found {
            if is_plan_key(&key) && self.entry(&key).is_none() {
                if let Some(n) = key
                    .strip_prefix(PLAN_KEY_PREFIX)
                    .and_then(|n| n.parse::<u64>().ok())
                {
                    self.next = self.next.max(n.saturating_add(1));
                }
                self.plans.push(Entry { key, name });
                added = true;
            }
        }
        added
    }

    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.plans.iter().find(|e| e.key == key)
    }

    /// The plan to open: the last opened if it is still listed, else the first.
    pub fn current(&self) -> &str {
        if self.entry(&self.last).is_some() {
            &self.last
        } else {
            self.plans.first().map_or(PLAN_KEY, |e| e.key.as_str())
        }
    }

    pub fn open(&mut self, key: &str) {
        self.last = key.to_string();
    }

    /// A key no listed plan uses.
    pub fn new_key(&mut self) -> String {
        loop {
            let key = format!("{PLAN_KEY_PREFIX}{}", self.next);
            self.next = self.next.saturating_add(1);
            if self.entry(&key).is_none() {
                return key;
            }
        }
    }

    /// Adds a plan (or renames it when its key is listed already).
    pub fn upsert(&mut self, key: &str, name: &str) {
        match self.plans.iter_mut().find(|e| e.key == key) {
            Some(e) => {
                if e.name != name {
                    e.name = name.to_string();
                }
            }
            None => self.plans.push(Entry {
                key: key.to_string(),
                name: name.to_string(),
            }),
        }
    }

    /// Takes a plan off the list; `restore` puts it back where it was. The last plan cannot
    /// be removed: there is always one to show.
    pub fn remove(&mut self, key: &str) -> Result<(usize, Entry), RemoveError> {
        if self.plans.len() <= 1 {
            return Err(RemoveError::OnlyPlan);
        }
        let at = self
            .plans
            .iter()
            .position(|e| e.key == key)
            .ok_or(RemoveError::NotListed)?;
        let entry = self.plans.remove(at);
        if self.last == key {
            self.last = self.plans[at.min(self.plans.len() - 1)].key.clone();
        }
        Ok((at, entry))
    }

    pub fn restore(&mut self, at: usize, entry: Entry) {
        if self.entry(&entry.key).is_none() {
            self.plans.insert(at.min(self.plans.len()), entry);
        }
    }

    /// A name for a copy of `name` that no listed plan has: "Q4 (copy)", "Q4 (copy 2)"…
    /// (`copy`: the word in the interface language).
    pub fn copy_name(&self, name: &str, copy: &str) -> String {
        self.free_name(format!("{name} ({copy})"), |i| {
            format!("{name} ({copy} {i})")
        })
    }

    /// A name for a new plan that no listed plan has: "My plan", "My plan 2"…
    pub fn new_name(&self, base: &str) -> String {
        self.free_name(base.to_string(), |i| format!("{base} {i}"))
    }

    /// `first` if no listed plan has it, else the first of `nth(2)`, `nth(3)`… that is free.
    fn free_name(&self, first: String, nth: impl Fn(usize) -> String) -> String {
        let taken = |n: &str| self.plans.iter().any(|e| e.name == n);
        if !taken(&first) {
            return first;
        }
        (2..).map(nth).find(|n| !taken(n)).unwrap_or(first)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_browser_without_an_index_has_its_one_plan_under_the_first_key() {
        let lib = Library::decode(None, "Marketing");
        assert_eq!(lib.plans.len(), 1);
        assert_eq!(lib.plans[0].key, PLAN_KEY);
        assert_eq!(lib.current(), PLAN_KEY);
        let damaged = Library::decode(Some("{not json"), "Marketing");
        assert_eq!(damaged, lib);
        let empty = Library::decode(Some(r#"{"plans":[],"last":""}"#), "Marketing");
        assert_eq!(empty, lib);
    }

    #[test]
    fn new_keys_are_fresh_and_survive_a_round_trip() {
        let mut lib = Library::single("A");
        let b = lib.new_key();
        lib.upsert(&b, "B");
        let c = lib.new_key();
        lib.upsert(&c, "C");
        assert_eq!(b, "okr-grid/v1/plan-2");
        assert_eq!(c, "okr-grid/v1/plan-3");
        lib.open(&c);
        let mut back = Library::decode(Some(&lib.encode()), "ignored");
        assert_eq!(back, lib);
        assert_eq!(back.current(), c);
        // A removed key is not handed out again by this index.
        back.remove(&c).unwrap();
        assert_eq!(back.new_key(), "okr-grid/v1/plan-4");
    }

    #[test]
    fn decoding_drops_foreign_and_duplicate_keys_and_repairs_the_counter() {
        let raw = r#"{"plans":[{"key":"okr-grid/v1/plan-7","name":"Seven"},
            {"key":"okr-grid/v1/plan-7","name":"Again"},
            {"key":"okr-grid/v1/backup","name":"Not a plan"},
            {"key":"okr-grid/v1/plan-x","name":"Bad"}],"last":"gone","next":1}"#;
        let mut lib = Library::decode(Some(raw), "x");
        assert_eq!(lib.plans.len(), 1);
        assert_eq!(lib.current(), "okr-grid/v1/plan-7");
        assert_eq!(lib.new_key(), "okr-grid/v1/plan-8");
    }

    #[test]
    fn removing_moves_the_last_opened_and_restore_puts_it_back() {
        let mut lib = Library::single("A");
        let b = lib.new_key();
        lib.upsert(&b, "B");
        lib.open(&b);
        let (at, entry) = lib.remove(&b).unwrap();
        assert_eq!(lib.current(), PLAN_KEY);
        lib.restore(at, entry);
        assert_eq!(lib.plans[1].key, b);
        lib.remove(PLAN_KEY).unwrap();
        assert!(lib.remove(&b).is_err(), "the only plan stays");
        assert!(lib.remove("okr-grid/v1/plan-99").is_err());
    }

    #[test]
    fn found_plans_missing_from_the_index_are_listed() {
        let mut lib = Library::single("A");
        assert!(lib.add_found([
            ("okr-grid/v1/plan-5".to_string(), "Five".to_string()),
            ("okr-grid/v1/column-widths".to_string(), "no".to_string()),
            (PLAN_KEY.to_string(), "A".to_string()),
        ]));
        assert_eq!(lib.plans.len(), 2);
        assert_eq!(lib.new_key(), "okr-grid/v1/plan-6");
        assert!(!lib.add_found([("okr-grid/v1/plan-5".to_string(), "Five".to_string())]));
    }

    #[test]
    fn copies_get_names_not_taken() {
        let mut lib = Library::single("Q4");
        assert_eq!(lib.copy_name("Q4", "copy"), "Q4 (copy)");
        lib.upsert("okr-grid/v1/plan-2", "Q4 (copy)");
        assert_eq!(lib.copy_name("Q4", "copy"), "Q4 (copy 2)");
        assert_eq!(lib.new_name("My plan"), "My plan");
        lib.upsert("okr-grid/v1/plan-3", "My plan");
        assert_eq!(lib.new_name("My plan"), "My plan 2");
    }

    #[test]
    fn plan_keys_are_told_from_other_keys() {
        assert!(is_plan_key(PLAN_KEY));
        assert!(is_plan_key("okr-grid/v1/plan-12"));
        assert!(!is_plan_key("okr-grid/v1/plan-"));
        assert!(!is_plan_key("okr-grid/v1/plans"));
        assert!(!is_plan_key("okr-grid/v1/backup-2"));
    }
}
