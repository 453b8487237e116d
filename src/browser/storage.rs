//! Local storage: read and write text, tell "full" from "unavailable", and the start-up load
//! that keeps unreadable data under a backup key instead of losing it.

use std::fmt;

use wasm_bindgen::JsCast;
use web_sys::{DomException, Storage};

use crate::example::example_plan;
use crate::library::{self, Library};
use crate::model::Plan;
use crate::store::{self, LoadError};

#[derive(Clone, Debug, PartialEq)]
pub enum StorageError {
    /// No local storage (blocked by settings, some private modes, sandboxed frames).
    Unavailable(String),
    /// The origin's quota (about 5 MiB) is used up.
    Full,
    /// Anything else the browser refused.
    Failed(String),
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageError::Unavailable(why) => write!(
                f,
                "Not saved: this browser does not let okr-grid use its storage ({why}). \
                 Your work stays in this page until you close it."
            ),
            StorageError::Full => write!(
                f,
                "Not saved: this browser's storage for okr-grid is full. Your work is kept in \
                 this page; free some space before closing it."
            ),
            StorageError::Failed(why) => write!(
                f,
                "Not saved: the browser refused to store the plan ({why}). Your work is kept in \
                 this page."
            ),
        }
    }
}

fn describe(err: &wasm_bindgen::JsValue) -> String {
    if let Some(e) = err.dyn_ref::<DomException>() {
        format!("{}: {}", e.name(), e.message())
    } else if let Some(s) = err.as_string() {
        s
    } else {
        "unknown error".to_string()
    }
}

fn is_quota_error(err: &wasm_bindgen::JsValue) -> bool {
    err.dyn_ref::<DomException>().is_some_and(|e| {
        // 22: the legacy code; Firefox used its own name.
        e.name() == "QuotaExceededError"
            || e.name() == "NS_ERROR_DOM_QUOTA_REACHED"
            || e.code() == 22
    })
}

fn local_storage() -> Result<Storage, StorageError> {
    let window = web_sys::window().ok_or_else(|| StorageError::Unavailable("no window".into()))?;
    match window.local_storage() {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err(StorageError::Unavailable(
            "local storage is turned off".into(),
        )),
        Err(e) => Err(StorageError::Unavailable(describe(&e))),
    }
}

pub fn read(key: &str) -> Result<Option<String>, StorageError> {
    local_storage()?
        .get_item(key)
        .map_err(|e| StorageError::Failed(describe(&e)))
}

/// Writes `value` under `key`. When the storage is full, the kept originals of imported
/// workbooks (which an export into them can ask for again) make room for anything else.
pub fn write(key: &str, value: &str) -> Result<(), StorageError> {
    match write_once(key, value) {
        Err(StorageError::Full)
            if !key.starts_with(store::ORIGINAL_KEY_PREFIX) && drop_originals() > 0 =>
        {
            write_once(key, value)
        }
        other => other,
    }
}

fn write_once(key: &str, value: &str) -> Result<(), StorageError> {
    local_storage()?.set_item(key, value).map_err(|e| {
        if is_quota_error(&e) {
            StorageError::Full
        } else {
            StorageError::Failed(describe(&e))
        }
    })
}

/// Removes every kept original; how many there were.
fn drop_originals() -> usize {
    let Ok(storage) = local_storage() else {
        return 0;
    };
    let keys: Vec<String> = (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(store::ORIGINAL_KEY_PREFIX))
        .collect();
    for k in &keys {
        let _ = storage.remove_item(k);
    }
    keys.len()
}

pub fn remove(key: &str) -> Result<(), StorageError> {
    local_storage()?
        .remove_item(key)
        .map_err(|e| StorageError::Failed(describe(&e)))
}

/// What the app starts with.
#[derive(Debug)]
pub struct Startup {
    pub plan: Plan,
    /// Something the user must be told (role="alert").
    pub notice: Option<StartupNotice>,
    /// False when saving would destroy data that could not be backed up, or storage is off.
    pub can_save: bool,
    /// The storage key the plan is saved under.
    pub key: String,
    /// The plans this browser keeps.
    pub library: Library,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StartupNotice {
    /// Stored data could not be read; it was copied to `backup_key` first.
    Recovered {
        reason: LoadError,
        backup_key: String,
    },
    /// Stored data could not be read nor backed up; it is left where it was and saving is off.
    NotBackedUp {
        reason: LoadError,
        error: StorageError,
    },
    /// No storage at all.
    Unavailable(String),
    /// The address held a share link that cannot be opened (why, said in the interface
    /// language); the user's plan opened instead.
    Share(String),
}

impl fmt::Display for StartupNotice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StartupNotice::Recovered { reason, backup_key } => write!(
                f,
                "Your saved plan could not be opened: {reason}. Nothing was deleted: the saved \
                 text is kept in this browser's storage under “{backup_key}” (you can download \
                 it below), and the example plan was opened instead."
            ),
            StartupNotice::NotBackedUp { reason, error } => write!(
                f,
                "Your saved plan could not be opened: {reason}. It could not be backed up either \
                 ({error}), so it was left untouched and okr-grid will not save over it: changes \
                 you make now are not saved."
            ),
            StartupNotice::Share(why) => write!(f, "{why} Your own plan was opened instead."),
            StartupNotice::Unavailable(why) => write!(
                f,
                "This browser does not let okr-grid use its storage ({why}). You can work, but \
                 nothing is saved when you close the page."
            ),
        }
    }
}

/// Loads the plan opened last (the first plan's key on a browser that never had several).
/// Unreadable data is first copied to a fresh backup key (an existing backup is never
/// overwritten) and only then may the example take its place.
pub fn load_plan() -> Startup {
    let (mut library, listed) = match read(library::INDEX_KEY) {
        Ok(raw) => (Library::decode(raw.as_deref(), "My plan"), raw.is_some()),
        Err(e) => return unavailable(e),
    };
    // Plans saved under keys the index misses (lost index, older tab) stay reachable.
    library.add_found(unlisted_plans(&library));
    let key = library.current().to_string();
    let mut startup = load_plan_at(&key, !listed || key == store::PLAN_KEY);
    library.upsert(&key, &startup.plan.name);
    library.open(&key);
    startup.key = key;
    startup.library = library;
    startup
}

fn unavailable(e: StorageError) -> Startup {
    let why = match e {
        StorageError::Unavailable(why) | StorageError::Failed(why) => why,
        StorageError::Full => "storage is full".into(),
    };
    let plan = example_plan();
    Startup {
        library: Library::single(&plan.name),
        plan,
        notice: Some(StartupNotice::Unavailable(why)),
        can_save: false,
        key: store::PLAN_KEY.to_string(),
    }
}

/// Plan keys in storage that `library` does not list, with the names their plans carry.
fn unlisted_plans(library: &Library) -> Vec<(String, String)> {
    let Ok(storage) = local_storage() else {
        return Vec::new();
    };
    let count = storage.length().unwrap_or(0);
    (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| library::is_plan_key(k) && library.entry(k).is_none())
        .filter_map(|k| {
            let raw = storage.get_item(&k).ok().flatten()?;
            let name = store::decode(&raw).map_or_else(|_| k.clone(), |p| p.name);
            Some((k, name))
        })
        .collect()
}

/// Loads the plan under `key`. A key with nothing stored opens the example when `first` (a
/// first visit), else an empty plan.
pub fn load_plan_at(key: &str, first: bool) -> Startup {
    let raw = match read(key) {
        Ok(raw) => raw,
        Err(e) => return unavailable(e),
    };
    let fresh = |plan, notice, can_save| Startup {
        plan,
        notice,
        can_save,
        key: key.to_string(),
        library: Library::single(""),
    };
    let Some(raw) = raw else {
        let plan = if first {
            example_plan()
        } else {
            Plan::new("My plan")
        };
        return fresh(plan, None, true);
    };
    match store::decode(&raw) {
        Ok(plan) => fresh(plan, None, true),
        Err(err) => {
            let mut startup = keep_unreadable(&raw, &err);
            startup.key = key.to_string();
            startup
        }
    }
}

fn keep_unreadable(raw: &str, err: &LoadError) -> Startup {
    // A key that cannot be read counts as taken, so it is never written over.
    let (backup_key, needs_write) =
        store::backup_key_for(raw, |k| read(k).unwrap_or_else(|e| Some(e.to_string())));
    let reason = err.clone();
    let written = if needs_write {
        write(&backup_key, raw)
    } else {
        Ok(())
    };
    match written {
        Ok(()) => Startup {
            plan: example_plan(),
            notice: Some(StartupNotice::Recovered { reason, backup_key }),
            can_save: true,
            key: store::PLAN_KEY.to_string(),
            library: Library::single(""),
        },
        Err(e) => Startup {
            plan: example_plan(),
            notice: Some(StartupNotice::NotBackedUp { reason, error: e }),
            can_save: false,
            key: store::PLAN_KEY.to_string(),
            library: Library::single(""),
        },
    }
}

/// Saves a plan under its key.
pub fn save_plan(key: &str, plan: &Plan) -> Result<(), StorageError> {
    write(key, &store::encode(plan))
}

/// Saves the index of plans.
pub fn save_library(library: &Library) -> Result<(), StorageError> {
    write(library::INDEX_KEY, &library.encode())
}

/// Keeps the bytes of a workbook a plan was imported from (`store::ORIGINAL_KEY_PREFIX`), for
/// an export into it. Originals no stored plan names any more are removed first, so they do
/// not fill the storage.
pub fn keep_original(digest: &str, bytes: &[u8]) -> Result<(), StorageError> {
    let storage = local_storage()?;
    let keys: Vec<String> = (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .collect();
    let originals: Vec<String> = keys
        .iter()
        .filter(|k| k.starts_with(store::ORIGINAL_KEY_PREFIX))
        .cloned()
        .collect();
    if originals.contains(&store::original_key(digest)) {
        return Ok(());
    }
    let texts: Vec<String> = keys
        .iter()
        .filter(|k| !k.starts_with(store::ORIGINAL_KEY_PREFIX))
        .filter_map(|k| storage.get_item(k).ok().flatten())
        .collect();
    for unused in store::unused_originals(&originals, &texts) {
        let _ = storage.remove_item(unused);
    }
    write_once(&store::original_key(digest), &store::encode_original(bytes))
}

/// The stored bytes of the original with this digest, when they are there and whole.
pub fn load_original(digest: &str) -> Option<Vec<u8>> {
    let raw = read(&store::original_key(digest)).ok().flatten()?;
    store::decode_original(&raw, digest)
}
