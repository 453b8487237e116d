//! IndexedDB, the browser's database (through the `idb` crate): plans as records (a head and
//! one record per objective, `stored_plan`), their version history (`versions`), the kept
//! originals of imported workbooks, and small texts (the index of plans, import column
//! choices, the replaced plan, backups of unreadable data) mirrored in memory so the shell
//! reads them at once.
//!
//! A save is one transaction: it checks the plan's revision first and writes nothing when
//! another tab saved in the meantime (`SaveError::Behind`); a page closed in the middle of a
//! save leaves the previous revision whole.

use std::cell::RefCell;
use std::collections::HashMap;

use idb::{Database, DatabaseEvent, Factory, KeyRange, ObjectStoreParams, Query, TransactionMode};
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

use super::storage::StorageError;
use okr_core::store::{LoadError, SCHEMA_VERSION};
use okr_core::stored_plan::{self, Delta};
use okr_core::versions::{self, Meta};

pub const DB_NAME: &str = "okr-grid";
const DB_VERSION: u32 = 1;
/// Small texts under their local storage names (`library::INDEX_KEY`, `store::REPLACED_KEY`…).
const KV: &str = "kv";
/// Plan heads under the plan's key.
const PLANS: &str = "plans";
/// Objective records under `stored_plan::record_key`.
const RECORDS: &str = "objectives";
/// Version metadata (JSON of `versions::Meta`), keys handed out by the database.
const VERSIONS: &str = "versions";
/// A version's plan, under its metadata's key.
const VERSION_DATA: &str = "version_data";
/// Kept originals: bytes under the file's digest.
const ORIGINALS: &str = "originals";

thread_local! {
    static DB: RefCell<Option<web_sys::IdbDatabase>> = const { RefCell::new(None) };
    static MIRROR: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

fn failed(e: impl std::fmt::Display) -> StorageError {
    let text = e.to_string();
    if text.contains("QuotaExceeded") || text.contains("quota") {
        StorageError::Full
    } else {
        StorageError::Failed(text)
    }
}

fn db() -> Result<Database, StorageError> {
    DB.with(|d| d.borrow().clone())
        .map(Database::from)
        .ok_or_else(|| StorageError::Unavailable("the database is not open".into()))
}

fn key(text: &str) -> JsValue {
    JsValue::from_str(text)
}

fn range(plan_key: &str) -> Result<Query, StorageError> {
    KeyRange::bound(
        &key(&stored_plan::records_from(plan_key)),
        &key(&stored_plan::records_to(plan_key)),
        None,
        None,
    )
    .map(Query::from)
    .map_err(failed)
}

/// Opens the database (creating its stores on first use) and reads the small texts into the
/// mirror.
pub async fn open() -> Result<(), StorageError> {
    let factory = Factory::new().map_err(|e| StorageError::Unavailable(e.to_string()))?;
    let mut request = factory
        .open(DB_NAME, Some(DB_VERSION))
        .map_err(|e| StorageError::Unavailable(e.to_string()))?;
    request.on_upgrade_needed(|event| {
        let Ok(db) = event.database() else {
            return;
        };
        let names = db.store_names();
        for name in [KV, PLANS, RECORDS, VERSION_DATA, ORIGINALS] {
            if !names.iter().any(|n| n == name) {
                let _ = db.create_object_store(name, ObjectStoreParams::new());
            }
        }
        if !names.iter().any(|n| n == VERSIONS) {
            let mut params = ObjectStoreParams::new();
            params.auto_increment(true);
            let _ = db.create_object_store(VERSIONS, params);
        }
    });
    let database = request
        .await
        .map_err(|e| StorageError::Unavailable(e.to_string()))?;
    let database: web_sys::IdbDatabase = database.into();
    // A newer build that needs another layout can only open the database once every tab has
    // let go of it: this one does (its next save then fails and says so).
    let handle = database.clone();
    let on_version_change = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || handle.close());
    database.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
    on_version_change.forget();
    DB.with(|d| *d.borrow_mut() = Some(database));
    load_mirror().await
}

/// Lets go of the database (it can then be deleted or upgraded); `open` opens it again.
pub fn close() {
    if let Some(db) = DB.with(|d| d.borrow_mut().take()) {
        db.close();
    }
    MIRROR.with(|m| m.borrow_mut().clear());
}

/// Reads the small texts into the mirror again (after the migration wrote them).
pub async fn reload_mirror() -> Result<(), StorageError> {
    load_mirror().await
}

/// Every record of `store` (in `query`'s range), as key and value.
async fn entries(
    store: &idb::ObjectStore,
    query: Option<Query>,
) -> Result<Vec<(JsValue, JsValue)>, StorageError> {
    let keys = store
        .get_all_keys(query.clone(), None)
        .map_err(failed)?
        .await
        .map_err(failed)?;
    let values = store
        .get_all(query, None)
        .map_err(failed)?
        .await
        .map_err(failed)?;
    Ok(keys.into_iter().zip(values).collect())
}

async fn load_mirror() -> Result<(), StorageError> {
    let tx = db()?
        .transaction(&[KV], TransactionMode::ReadOnly)
        .map_err(failed)?;
    let store = tx.object_store(KV).map_err(failed)?;
    let entries = entries(&store, None).await?;
    let map: HashMap<String, String> = entries
        .into_iter()
        .filter_map(|(k, v)| Some((k.as_string()?, v.as_string()?)))
        .collect();
    MIRROR.with(|m| *m.borrow_mut() = map);
    Ok(())
}

/// A small text, from the mirror.
pub fn kv_get(key: &str) -> Option<String> {
    MIRROR.with(|m| m.borrow().get(key).cloned())
}

/// Sets a small text in the mirror at once (what another tab wrote, `tabs`), without writing.
pub(crate) fn kv_mirror(key: &str, value: Option<String>) {
    MIRROR.with(|m| match value {
        Some(v) => {
            m.borrow_mut().insert(key.to_string(), v);
        }
        None => {
            m.borrow_mut().remove(key);
        }
    });
}

/// Writes a small text (`None`: removes it). The mirror holds the new value as soon as this is
/// called (before the returned future runs); when the write fails it goes back to what it held.
pub(crate) fn kv_set(
    key: &str,
    value: Option<&str>,
) -> impl std::future::Future<Output = Result<(), StorageError>> {
    let before = kv_get(key);
    kv_mirror(key, value.map(str::to_string));
    let (key, value) = (key.to_string(), value.map(str::to_string));
    async move {
        let result = kv_write(&[(&key, value.as_deref())]).await;
        match &result {
            Ok(()) => super::tabs::announce(&super::tabs::News::Text { key, value }),
            Err(_) => kv_mirror(&key, before),
        }
        result
    }
}

async fn kv_write(entries: &[(&str, Option<&str>)]) -> Result<(), StorageError> {
    let tx = db()?
        .transaction(&[KV], TransactionMode::ReadWrite)
        .map_err(failed)?;
    let written = (|| {
        let store = tx.object_store(KV).map_err(failed)?;
        for (k, v) in entries {
            match v {
                Some(v) => {
                    store.put(&key(v), Some(&key(k))).map_err(failed)?;
                }
                None => {
                    store.delete(Query::from(key(k))).map_err(failed)?;
                }
            }
        }
        Ok(())
    })();
    commit_or_abort(tx, written).await
}

/// Commits when every write was issued, else aborts (nothing of the transaction is written).
async fn commit_or_abort(
    tx: idb::Transaction,
    written: Result<(), StorageError>,
) -> Result<(), StorageError> {
    match written {
        Ok(()) => finish(tx).await,
        Err(e) => {
            let _ = tx.abort();
            Err(e)
        }
    }
}

async fn finish(tx: idb::Transaction) -> Result<(), StorageError> {
    let result = tx.commit().map_err(failed)?.await.map_err(failed)?;
    if result.is_committed() {
        Ok(())
    } else {
        Err(StorageError::Failed("the browser did not write it".into()))
    }
}

/// A plan's head record.
struct Head {
    schema_version: u64,
    rev: u64,
    name: String,
    order: Vec<u64>,
    plan: String,
}

fn get_number(o: &JsValue, field: &str) -> Option<f64> {
    Reflect::get(o, &key(field)).ok()?.as_f64()
}

impl Head {
    fn read(value: &JsValue) -> Option<Head> {
        let order = Reflect::get(value, &key("order")).ok()?;
        let order: Array = order.dyn_into().ok()?;
        Some(Head {
            schema_version: get_number(value, "schema_version")? as u64,
            rev: get_number(value, "rev")? as u64,
            name: Reflect::get(value, &key("name"))
                .ok()?
                .as_string()
                .unwrap_or_default(),
            order: order
                .iter()
                .filter_map(|v| v.as_f64())
                .map(|v| v as u64)
                .collect(),
            plan: Reflect::get(value, &key("plan")).ok()?.as_string()?,
        })
    }

    fn value(&self) -> JsValue {
        let o = Object::new();
        let order: Array = self
            .order
            .iter()
            .map(|&id| JsValue::from_f64(id as f64))
            .collect();
        let _ = Reflect::set(
            &o,
            &key("schema_version"),
            &JsValue::from_f64(self.schema_version as f64),
        );
        let _ = Reflect::set(&o, &key("rev"), &JsValue::from_f64(self.rev as f64));
        let _ = Reflect::set(&o, &key("name"), &key(&self.name));
        let _ = Reflect::set(&o, &key("order"), &order);
        let _ = Reflect::set(&o, &key("plan"), &key(&self.plan));
        o.into()
    }
}

/// A plan as read.
pub struct Loaded {
    /// The stored text, put back together (`store::decode_checked` reads it).
    pub text: String,
    /// The revision read: the next save expects it.
    pub rev: u64,
    /// The length of each objective's record (`stored_plan::Baseline::of`).
    pub sizes: HashMap<u64, usize>,
}

/// Why a stored plan could not be read.
pub enum LoadFailure {
    Storage(StorageError),
    /// The records do not make a plan; `raw` is all they hold, as text, for a backup.
    Damaged {
        reason: LoadError,
        raw: String,
    },
}

/// The plan stored under `plan_key`, if there is one.
pub async fn load_plan(plan_key: &str) -> Result<Option<Loaded>, LoadFailure> {
    let storage = LoadFailure::Storage;
    let tx = db()
        .map_err(storage)?
        .transaction(&[PLANS, RECORDS], TransactionMode::ReadOnly)
        .map_err(|e| storage(failed(e)))?;
    let plans = tx.object_store(PLANS).map_err(|e| storage(failed(e)))?;
    let Some(value) = plans
        .get(Query::from(key(plan_key)))
        .map_err(|e| storage(failed(e)))?
        .await
        .map_err(|e| storage(failed(e)))?
    else {
        return Ok(None);
    };
    let records = tx.object_store(RECORDS).map_err(|e| storage(failed(e)))?;
    let range = range(plan_key).map_err(storage)?;
    let texts: HashMap<u64, String> = entries(&records, Some(range))
        .await
        .map_err(storage)?
        .into_iter()
        .filter_map(|(k, v)| {
            let id = stored_plan::record_id(plan_key, &k.as_string()?)?;
            Some((id, v.as_string()?))
        })
        .collect();
    let Some(head) = Head::read(&value) else {
        let raw = js_sys::JSON::stringify(&value)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default();
        return Err(LoadFailure::Damaged {
            reason: LoadError::Unreadable("the plan's head record is damaged".into()),
            raw,
        });
    };
    let sizes = texts.iter().map(|(id, t)| (*id, t.len())).collect();
    match stored_plan::assemble_records(head.schema_version, &head.plan, &head.order, &texts) {
        Ok(text) => Ok(Some(Loaded {
            text,
            rev: head.rev,
            sizes,
        })),
        Err(reason) => {
            let raw = serde_json::json!({
                "head": head.plan,
                "order": head.order,
                "records": texts,
            })
            .to_string();
            Err(LoadFailure::Damaged { reason, raw })
        }
    }
}

/// The stored plans' keys and names.
pub async fn plan_names() -> Result<Vec<(String, String)>, StorageError> {
    let tx = db()?
        .transaction(&[PLANS], TransactionMode::ReadOnly)
        .map_err(failed)?;
    let store = tx.object_store(PLANS).map_err(failed)?;
    let entries = entries(&store, None).await?;
    Ok(entries
        .into_iter()
        .filter_map(|(k, v)| {
            let name = Reflect::get(&v, &key("name"))
                .ok()?
                .as_string()
                .unwrap_or_default();
            Some((k.as_string()?, name))
        })
        .collect())
}

#[derive(Debug)]
pub enum SaveError {
    Storage(StorageError),
    /// Another tab saved this plan since it was read here: revision `rev` is stored. Nothing
    /// was written.
    Behind {
        rev: u64,
    },
}

impl From<StorageError> for SaveError {
    fn from(e: StorageError) -> Self {
        SaveError::Storage(e)
    }
}

/// Writes a delta of the plan under `plan_key` in one transaction. `expected` is the
/// revision this tab holds (`None`: write whatever is stored, for a new key). With `version`,
/// the plan as saved is also kept as a version (copied inside the database), and versions past
/// their time or the budget are dropped. Returns the new revision.
pub async fn save_plan(
    plan_key: &str,
    expected: Option<u64>,
    delta: &Delta,
    version: Option<Meta>,
) -> Result<u64, SaveError> {
    let mut scope = vec![PLANS, RECORDS];
    if version.is_some() {
        scope.extend([VERSIONS, VERSION_DATA]);
    }
    let tx = db()?
        .transaction(&scope, TransactionMode::ReadWrite)
        .map_err(failed)?;
    // Any failure aborts the transaction: nothing of this save is written.
    let written: Result<u64, SaveError> = async {
        let plans = tx.object_store(PLANS).map_err(failed)?;
        let stored = plans
            .get(Query::from(key(plan_key)))
            .map_err(failed)?
            .await
            .map_err(failed)?;
        let stored_rev = stored.as_ref().and_then(Head::read).map_or(0, |h| h.rev);
        if expected.is_some_and(|expected| stored_rev != expected) {
            return Err(SaveError::Behind { rev: stored_rev });
        }
        let rev = stored_rev + 1;
        let head_value = write_delta(&tx, plan_key, delta, rev)?;
        if let Some(meta) = version {
            // The records as they are after this save, copied by the database itself.
            let records = tx.object_store(RECORDS).map_err(failed)?;
            let range = range(plan_key)?;
            let (keys, values): (Array, Array) =
                entries(&records, Some(range)).await?.into_iter().unzip();
            let data = Object::new();
            let _ = Reflect::set(&data, &key("head"), &head_value);
            let _ = Reflect::set(&data, &key("keys"), &keys);
            let _ = Reflect::set(&data, &key("values"), &values);
            put_version(&tx, meta, &data.into()).await?;
        }
        Ok(rev)
    }
    .await;
    match written {
        Ok(rev) => {
            finish(tx).await?;
            Ok(rev)
        }
        Err(e) => {
            let _ = tx.abort();
            Err(e)
        }
    }
}

/// Writes a delta at once, without waiting for anything, for a page that is going away (its
/// callbacks would never run): no revision check, committed as soon as the requests are done.
/// The revision written is `rev`.
pub(crate) fn save_plan_now(plan_key: &str, rev: u64, delta: &Delta) -> Result<(), StorageError> {
    let tx = db()?
        .transaction(&[PLANS, RECORDS], TransactionMode::ReadWrite)
        .map_err(failed)?;
    if let Err(e) = write_delta(&tx, plan_key, delta, rev) {
        let _ = tx.abort();
        return Err(e);
    }
    tx.commit().map_err(failed)?;
    Ok(())
}

/// Issues a delta's writes inside `tx`: records removed (all of the plan's when the delta is
/// full) and written, then the head at revision `rev`, whose value is returned.
fn write_delta(
    tx: &idb::Transaction,
    plan_key: &str,
    delta: &Delta,
    rev: u64,
) -> Result<JsValue, StorageError> {
    let records = tx.object_store(RECORDS).map_err(failed)?;
    if delta.full {
        records.delete(range(plan_key)?).map_err(failed)?;
    }
    for id in &delta.deletes {
        records
            .delete(Query::from(key(&stored_plan::record_key(plan_key, *id))))
            .map_err(failed)?;
    }
    for (id, text) in &delta.puts {
        records
            .put(
                &key(text),
                Some(&key(&stored_plan::record_key(plan_key, *id))),
            )
            .map_err(failed)?;
    }
    let head = Head {
        schema_version: SCHEMA_VERSION,
        rev,
        name: delta.name.clone(),
        order: delta.order.clone(),
        plan: delta.head.clone(),
    }
    .value();
    tx.object_store(PLANS)
        .map_err(failed)?
        .put(&head, Some(&key(plan_key)))
        .map_err(failed)?;
    Ok(head)
}

async fn put_version(
    tx: &idb::Transaction,
    meta: Meta,
    data: &JsValue,
) -> Result<(), StorageError> {
    let metas = tx.object_store(VERSIONS).map_err(failed)?;
    let datas = tx.object_store(VERSION_DATA).map_err(failed)?;
    let text = serde_json::to_string(&meta).map_err(failed)?;
    let id = metas
        .put(&key(&text), None)
        .map_err(failed)?
        .await
        .map_err(failed)?;
    datas.put(data, Some(&id)).map_err(failed)?;
    // Past their time or the budget: dropped, both halves.
    let all = read_metas(&metas).await?;
    for drop in versions::to_drop(&all, js_sys::Date::now()) {
        let k = JsValue::from_f64(drop as f64);
        metas.delete(Query::from(k.clone())).map_err(failed)?;
        datas.delete(Query::from(k)).map_err(failed)?;
    }
    Ok(())
}

async fn read_metas(store: &idb::ObjectStore) -> Result<Vec<Meta>, StorageError> {
    let entries = entries(store, None).await?;
    Ok(entries
        .into_iter()
        .filter_map(|(k, v)| {
            let mut meta: Meta = serde_json::from_str(&v.as_string()?).ok()?;
            meta.id = k.as_f64()? as u64;
            Some(meta)
        })
        .collect())
}

/// Keeps `text` (a whole stored plan, `store::encode`) as a version.
pub async fn add_version(meta: Meta, text: &str) -> Result<(), StorageError> {
    let tx = db()?
        .transaction(&[VERSIONS, VERSION_DATA], TransactionMode::ReadWrite)
        .map_err(failed)?;
    let data = Object::new();
    let _ = Reflect::set(&data, &key("text"), &key(text));
    put_version(&tx, meta, &data.into()).await?;
    finish(tx).await
}

/// Every version kept, of every plan.
pub async fn versions() -> Result<Vec<Meta>, StorageError> {
    let tx = db()?
        .transaction(&[VERSIONS], TransactionMode::ReadOnly)
        .map_err(failed)?;
    let store = tx.object_store(VERSIONS).map_err(failed)?;
    read_metas(&store).await
}

/// A version's stored text (`store::decode_checked` reads it).
pub async fn version_text(id: u64) -> Result<Option<String>, LoadError> {
    let unreadable = |e: StorageError| LoadError::Unreadable(e.to_string());
    let tx = db()
        .map_err(unreadable)?
        .transaction(&[VERSION_DATA], TransactionMode::ReadOnly)
        .map_err(|e| unreadable(failed(e)))?;
    let store = tx
        .object_store(VERSION_DATA)
        .map_err(|e| unreadable(failed(e)))?;
    let Some(data) = store
        .get(Query::from(JsValue::from_f64(id as f64)))
        .map_err(|e| unreadable(failed(e)))?
        .await
        .map_err(|e| unreadable(failed(e)))?
    else {
        return Ok(None);
    };
    if let Some(text) = Reflect::get(&data, &key("text"))
        .ok()
        .and_then(|t| t.as_string())
    {
        return Ok(Some(text));
    }
    let head = Reflect::get(&data, &key("head"))
        .ok()
        .and_then(|h| Head::read(&h))
        .ok_or_else(|| LoadError::Unreadable("the version is damaged".into()))?;
    let array = |name: &str| -> Vec<JsValue> {
        Reflect::get(&data, &key(name))
            .ok()
            .and_then(|a| a.dyn_into::<Array>().ok())
            .map(|a| a.iter().collect())
            .unwrap_or_default()
    };
    let texts: HashMap<u64, String> = array("keys")
        .iter()
        .zip(array("values"))
        .filter_map(|(k, v)| {
            let k = k.as_string()?;
            let id = k.rsplit_once('#')?.1.parse().ok()?;
            Some((id, v.as_string()?))
        })
        .collect();
    stored_plan::assemble_records(head.schema_version, &head.plan, &head.order, &texts).map(Some)
}

/// Removes a plan's head and records (its versions stay, to restore it).
pub async fn remove_plan(plan_key: &str) -> Result<(), StorageError> {
    let tx = db()?
        .transaction(&[PLANS, RECORDS], TransactionMode::ReadWrite)
        .map_err(failed)?;
    tx.object_store(PLANS)
        .map_err(failed)?
        .delete(Query::from(key(plan_key)))
        .map_err(failed)?;
    tx.object_store(RECORDS)
        .map_err(failed)?
        .delete(range(plan_key)?)
        .map_err(failed)?;
    finish(tx).await
}

/// Keeps the bytes of a workbook a plan was imported from. Originals no stored plan, small
/// text or version names any more are removed first.
pub async fn keep_original(digest: &str, bytes: &[u8]) -> Result<(), StorageError> {
    let tx = db()?
        .transaction(&[ORIGINALS, PLANS], TransactionMode::ReadWrite)
        .map_err(failed)?;
    let written: Result<(), StorageError> = async {
        let originals = tx.object_store(ORIGINALS).map_err(failed)?;
        let kept: Vec<String> = originals
            .get_all_keys(None, None)
            .map_err(failed)?
            .await
            .map_err(failed)?
            .into_iter()
            .filter_map(|k| k.as_string())
            .collect();
        if !kept.iter().any(|k| k == digest) {
            let heads: Vec<String> = tx
                .object_store(PLANS)
                .map_err(failed)?
                .get_all(None, None)
                .map_err(failed)?
                .await
                .map_err(failed)?
                .iter()
                .filter_map(Head::read)
                .map(|h| h.plan)
                .chain(MIRROR.with(|m| m.borrow().values().cloned().collect::<Vec<_>>()))
                .collect();
            for unused in kept
                .iter()
                .filter(|d| !heads.iter().any(|t| t.contains(d.as_str())))
            {
                originals.delete(Query::from(key(unused))).map_err(failed)?;
            }
            let array = Uint8Array::from(bytes);
            originals.put(&array, Some(&key(digest))).map_err(failed)?;
        }
        Ok(())
    }
    .await;
    commit_or_abort(tx, written).await
}

/// The kept bytes of the original with this digest, when they are there and whole.
pub async fn load_original(digest: &str) -> Option<Vec<u8>> {
    let tx = db()
        .ok()?
        .transaction(&[ORIGINALS], TransactionMode::ReadOnly)
        .ok()?;
    let value = tx
        .object_store(ORIGINALS)
        .ok()?
        .get(Query::from(key(digest)))
        .ok()?
        .await
        .ok()??;
    let bytes = value.dyn_into::<Uint8Array>().ok()?.to_vec();
    (okr_core::origin::digest_of(&bytes) == digest).then_some(bytes)
}

/// Writes what local storage held (the migration): plans as records, originals as bytes,
/// the rest as small texts, in one transaction.
pub async fn write_moved(
    plans: &[(String, Delta)],
    originals: &[(String, Vec<u8>)],
    texts: &[(String, String)],
) -> Result<(), StorageError> {
    let tx = db()?
        .transaction(&[PLANS, RECORDS, ORIGINALS, KV], TransactionMode::ReadWrite)
        .map_err(failed)?;
    let written = (|| {
        for (plan_key, delta) in plans {
            write_delta(&tx, plan_key, delta, 1)?;
        }
        let store = tx.object_store(ORIGINALS).map_err(failed)?;
        for (digest, bytes) in originals {
            store
                .put(&Uint8Array::from(bytes.as_slice()), Some(&key(digest)))
                .map_err(failed)?;
        }
        let kv = tx.object_store(KV).map_err(failed)?;
        for (k, v) in texts {
            kv.put(&key(v), Some(&key(k))).map_err(failed)?;
        }
        Ok(())
    })();
    commit_or_abort(tx, written).await?;
    for (k, v) in texts {
        kv_mirror(k, Some(v.clone()));
    }
    Ok(())
}

/// The space the origin uses and may use, in bytes (`navigator.storage.estimate()`).
pub async fn estimate() -> Option<(f64, f64)> {
    let manager = web_sys::window()?.navigator().storage();
    let promise = manager.estimate().ok()?;
    let value = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    Some((get_number(&value, "usage")?, get_number(&value, "quota")?))
}

/// Asks the browser to keep this origin's data under storage pressure
/// (`navigator.storage.persist()`); whether it agreed.
pub async fn persist() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let Ok(promise) = window.navigator().storage().persist() else {
        return false;
    };
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}
