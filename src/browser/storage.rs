//! Where the app keeps its data. Plans, versions, kept originals and the small texts that go
//! with them live in IndexedDB (`database`); local storage keeps only the interface settings
//! (language, column widths, zoom) and is read once to move what an older build kept there
//! (`start`). This module also tells "full" from "unavailable", and at start-up keeps
//! unreadable data under a backup key instead of losing it.

use std::collections::HashMap;
use std::fmt;

use wasm_bindgen::JsCast;
use web_sys::{DomException, Storage};

use super::database;
use okr_core::example::example_plan;
use okr_core::library::{self, Library};
use okr_core::model::Plan;
use okr_core::store::{self, LoadError};

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

impl StorageError {
    /// What the browser said, without the sentence around it.
    pub fn detail(&self) -> String {
        match self {
            StorageError::Unavailable(why) | StorageError::Failed(why) => why.clone(),
            StorageError::Full => "storage is full".into(),
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

/// Writes `value` under `key` in local storage (interface settings).
pub fn write(key: &str, value: &str) -> Result<(), StorageError> {
    local_storage()?.set_item(key, value).map_err(|e| {
        if is_quota_error(&e) {
            StorageError::Full
        } else {
            StorageError::Failed(describe(&e))
        }
    })
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
    /// The stored revision of the plan (`database::save_plan` expects it; `None`: unknown).
    pub rev: Option<u64>,
    /// The length of each objective's stored record (`stored_plan::Baseline::of`); empty when
    /// the plan is not stored as read.
    pub sizes: HashMap<u64, usize>,
    /// The plan holds what this build does not know: it is shown read-only, never saved over.
    pub newer: bool,
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
    /// Moving the plans from local storage to the database failed (why); local storage was
    /// left as it was and nothing is saved in this session.
    NotMoved(String),
    /// A plan an older build kept in local storage could not be read when it was moved to the
    /// database; its text was kept under `backup_key`.
    NotMovedPlan {
        reason: LoadError,
        backup_key: String,
    },
    /// A newer okr-grid saved this plan with what this build does not know (`fields`, or a
    /// newer `format`): it is shown read-only so nothing of it is lost.
    Newer {
        fields: Vec<String>,
        format: Option<u64>,
    },
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
            StartupNotice::NotMoved(why) => write!(
                f,
                "Your plans could not be moved to this browser's database ({why}). They are \
                 kept where they were; changes you make now are not saved."
            ),
            StartupNotice::NotMovedPlan { reason, backup_key } => write!(
                f,
                "A plan kept in this browser could not be read: {reason}. Nothing was deleted: \
                 its saved text is kept under “{backup_key}”."
            ),
            StartupNotice::Newer { fields, format } => write!(
                f,
                "This plan was saved by a newer version of okr-grid (format {format:?}, \
                 {} fields this version does not know). It is shown read-only so nothing is \
                 lost.",
                fields.len()
            ),
        }
    }
}

/// Opens the database, moves what an older build kept in local storage into it (once), and
/// loads the plan opened last. Without a database the plans in local storage are shown and
/// nothing is saved.
pub async fn start() -> Startup {
    if let Err(e) = database::open().await {
        let why = e.detail();
        let mut startup = load_from_local_storage();
        startup.can_save = false;
        if startup.notice.is_none() {
            startup.notice = Some(StartupNotice::Unavailable(why));
        }
        return startup;
    }
    let damaged = match move_from_local_storage().await {
        Ok(damaged) => damaged,
        Err(why) => {
            let mut startup = load_from_local_storage();
            startup.can_save = false;
            startup.notice = Some(StartupNotice::NotMoved(why));
            return startup;
        }
    };
    let mut startup = load_from_database().await;
    if startup.notice.is_none() {
        startup.notice = damaged;
    }
    startup
}

async fn load_from_database() -> Startup {
    let index = database::kv_get(library::INDEX_KEY);
    let mut library = Library::decode(index.as_deref(), "My plan");
    // Plans stored under keys the index misses (lost index, older tab) stay reachable.
    if let Ok(names) = database::plan_names().await {
        let unlisted: Vec<(String, String)> = names
            .into_iter()
            .filter(|(k, _)| library.entry(k).is_none())
            .collect();
        library.add_found(unlisted);
    }
    let key = library.current().to_string();
    let first = index.is_none() || key == store::PLAN_KEY;
    let mut startup = load_plan_from_database(&key, first).await;
    library.upsert(&key, &startup.plan.name);
    library.open(&key);
    startup.key = key;
    startup.library = library;
    startup
}

/// The plan under `key` in the database. A key with nothing stored opens the example when
/// `first` (a first visit), else an empty plan. Unreadable records are backed up first.
pub async fn load_plan_from_database(key: &str, first: bool) -> Startup {
    let fresh = |plan, notice, rev, sizes| Startup {
        plan,
        notice,
        can_save: true,
        key: key.to_string(),
        library: Library::single(""),
        rev,
        sizes,
        newer: false,
    };
    let (raw, reason) = match database::load_plan(key).await {
        Ok(None) => {
            let plan = if first {
                example_plan()
            } else {
                Plan::new("My plan")
            };
            return fresh(plan, None, Some(0), HashMap::new());
        }
        Ok(Some(loaded)) => match store::decode_checked(&loaded.text) {
            Ok(checked) if checked.is_complete() => {
                return fresh(checked.plan, None, Some(loaded.rev), loaded.sizes);
            }
            Ok(checked) => {
                let notice = StartupNotice::Newer {
                    fields: checked.unknown,
                    format: checked.newer,
                };
                let mut startup = fresh(checked.plan, Some(notice), Some(loaded.rev), loaded.sizes);
                startup.newer = true;
                return startup;
            }
            Err(reason) => (loaded.text, reason),
        },
        Err(database::LoadFailure::Storage(e)) => return unavailable(e),
        Err(database::LoadFailure::Damaged { reason, raw }) => (raw, reason),
    };
    // A key that cannot be read counts as taken, so it is never written over.
    let (backup_key, needs_write) = store::backup_key_for(&raw, database::kv_get);
    let written = if needs_write {
        database::kv_set(&backup_key, Some(&raw)).await
    } else {
        Ok(())
    };
    let (notice, can_save) = match written {
        Ok(()) => (StartupNotice::Recovered { reason, backup_key }, true),
        Err(error) => (StartupNotice::NotBackedUp { reason, error }, false),
    };
    let mut startup = fresh(example_plan(), Some(notice), None, HashMap::new());
    startup.can_save = can_save;
    startup
}

/// A plan read from the database.
pub struct ReadPlan {
    pub plan: Plan,
    pub rev: u64,
    /// The length of each objective's record (`stored_plan::Baseline::of`).
    pub sizes: HashMap<u64, usize>,
    /// False when it holds what this build does not know (show it read-only).
    pub complete: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ReadError {
    Storage(StorageError),
    Load(LoadError),
}

/// The plan stored under `key`, if any; nothing is written.
pub async fn read_plan(key: &str) -> Result<Option<ReadPlan>, ReadError> {
    match database::load_plan(key).await {
        Ok(None) => Ok(None),
        Ok(Some(loaded)) => {
            let checked = store::decode_checked(&loaded.text).map_err(ReadError::Load)?;
            Ok(Some(ReadPlan {
                complete: checked.is_complete(),
                plan: checked.plan,
                rev: loaded.rev,
                sizes: loaded.sizes,
            }))
        }
        Err(database::LoadFailure::Storage(e)) => Err(ReadError::Storage(e)),
        Err(database::LoadFailure::Damaged { reason, .. }) => Err(ReadError::Load(reason)),
    }
}

/// Moves what an older build kept in local storage (plans, the index, the replaced plan,
/// import choices, backups, originals) into the database, once: it is all written in one
/// transaction, read back and compared, and only then removed from local storage. On any
/// failure local storage is left as it was. The interface settings stay where they are.
/// A plan there that does not read is kept as a backup, and said (the first one).
async fn move_from_local_storage() -> Result<Option<StartupNotice>, String> {
    if database::kv_get(store::MOVED_KEY).is_some() {
        return Ok(None);
    }
    let keys: Vec<String> = match local_storage() {
        Ok(storage) => (0..storage.length().unwrap_or(0))
            .filter_map(|i| storage.key(i).ok().flatten())
            .filter(|k| store::moves_to_database(k))
            .collect(),
        // Not readable now (blocked for this session): tried again on the next start, so
        // plans kept there are never left behind.
        Err(_) => return Ok(None),
    };
    if keys.is_empty() {
        // A browser an older build never used: nothing to move, nothing fetched.
        return database::kv_set(store::MOVED_KEY, Some("0"))
            .await
            .map(|()| None)
            .map_err(|e| e.detail());
    }
    // The move itself runs once in a browser's life: its code is in the `startup` part
    // (with the start-up alert).
    match move_keys(keys).await {
        Ok(moving) => moving.await,
        Err(_) => Err("the code that moves them could not be fetched".into()),
    }
}

/// The move of local storage's plans into the database, under way.
type Moving =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<Option<StartupNotice>, String>>>>;

part! {
    startup;
    /// Moves `keys` (not empty) from local storage into the database; see
    /// `move_from_local_storage`.
    fn move_keys(keys: Vec<String>) -> Result<Moving, leptos::wasm_split::SplitLoaderError> {
        Ok(Box::pin(move_now(keys)))
    }
}

async fn move_now(keys: Vec<String>) -> Result<Option<StartupNotice>, String> {
    let mut damaged = None;
    let mut plans = Vec::new();
    let mut decoded = Vec::new();
    let mut originals = Vec::new();
    let mut texts: Vec<(String, String)> = Vec::new();
    for key in &keys {
        let Some(raw) = read(key).map_err(|e| e.detail())? else {
            continue;
        };
        if let Some(digest) = key.strip_prefix(store::ORIGINAL_KEY_PREFIX) {
            // A copy cut short is not worth keeping: the export asks for the file again.
            if let Some(bytes) = store::decode_original(&raw, digest) {
                originals.push((digest.to_string(), bytes));
            }
        } else if library::is_plan_key(key) {
            match store::decode_checked(&raw) {
                Ok(checked) if checked.is_complete() => {
                    let delta = okr_core::stored_plan::delta(&mut None, &checked.plan)
                        .map_err(|e| e.to_string())?;
                    plans.push((key.clone(), delta));
                    decoded.push((key.clone(), checked.plan));
                }
                // Unreadable, or written by a newer build: kept as it is, as a backup.
                other => {
                    let (backup, _) = store::backup_key_for(&raw, |k| {
                        texts
                            .iter()
                            .find(|(t, _)| t == k)
                            .map(|(_, v)| v.clone())
                            .or_else(|| database::kv_get(k))
                    });
                    let reason = match other {
                        Err(reason) => reason,
                        Ok(checked) => LoadError::TooNew(checked.newer.unwrap_or(0)),
                    };
                    damaged.get_or_insert(StartupNotice::NotMovedPlan {
                        reason,
                        backup_key: backup.clone(),
                    });
                    texts.push((backup, raw));
                }
            }
        } else {
            texts.push((key.clone(), raw));
        }
    }
    database::write_moved(&plans, &originals, &texts)
        .await
        .map_err(|e| e.detail())?;
    // Read back and compared before anything is removed.
    for (key, plan) in &decoded {
        let back = match database::load_plan(key).await {
            Ok(Some(loaded)) => store::decode(&loaded.text).ok(),
            _ => None,
        };
        if back.as_ref() != Some(plan) {
            return Err(format!("the plan under {key} did not read back the same"));
        }
    }
    for (digest, bytes) in &originals {
        if database::load_original(digest).await.as_ref() != Some(bytes) {
            return Err("a kept workbook did not read back the same".into());
        }
    }
    database::reload_mirror().await.map_err(|e| e.detail())?;
    for (key, value) in &texts {
        if database::kv_get(key).as_ref() != Some(value) {
            return Err(format!("{key} did not read back the same"));
        }
    }
    database::kv_set(store::MOVED_KEY, Some(&keys.len().to_string()))
        .await
        .map_err(|e| e.detail())?;
    for key in &keys {
        let _ = remove(key);
    }
    Ok(damaged)
}

/// Loads the plan opened last from local storage (the first plan's key on a browser that
/// never had several): where an older build kept it, shown when the database cannot be used.
/// Unreadable data is first copied to a fresh backup key (an existing backup is never
/// overwritten) and only then may the example take its place.
pub fn load_from_local_storage() -> Startup {
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
    let why = e.detail();
    let plan = example_plan();
    Startup {
        library: Library::single(&plan.name),
        plan,
        notice: Some(StartupNotice::Unavailable(why)),
        can_save: false,
        key: store::PLAN_KEY.to_string(),
        rev: None,
        sizes: HashMap::new(),
        newer: false,
    }
}

/// Plan keys in local storage that `library` does not list, with the names their plans carry.
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

/// Loads the plan under `key` from local storage. A key with nothing stored opens the example
/// when `first` (a first visit), else an empty plan.
pub(crate) fn load_plan_at(key: &str, first: bool) -> Startup {
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
        rev: None,
        sizes: HashMap::new(),
        newer: false,
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
    let (notice, can_save) = match written {
        Ok(()) => (StartupNotice::Recovered { reason, backup_key }, true),
        Err(e) => (StartupNotice::NotBackedUp { reason, error: e }, false),
    };
    Startup {
        plan: example_plan(),
        notice: Some(notice),
        can_save,
        key: store::PLAN_KEY.to_string(),
        library: Library::single(""),
        rev: None,
        sizes: HashMap::new(),
        newer: false,
    }
}

/// Saves the index of plans.
pub async fn save_library(library: &Library) -> Result<(), StorageError> {
    database::kv_set(library::INDEX_KEY, Some(&library.encode())).await
}
