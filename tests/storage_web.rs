//! The storage adapters in a real browser (headless Chromium via wasm-bindgen-test): local
//! storage (interface settings, and where an older build kept plans) and the IndexedDB
//! database (plans as records, versions, originals, the move from local storage).
#![cfg(target_arch = "wasm32")]

use okr_core::example::example_plan;
use okr_core::store::{self, BACKUP_KEY_PREFIX, PLAN_KEY};
use okr_grid::browser::storage::{self, StartupNotice, StorageError};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn clear() {
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear()
        .unwrap();
}

#[wasm_bindgen_test]
fn write_then_read_gives_the_same_text() {
    clear();
    storage::write("okr-grid/test", "héllo ✓").unwrap();
    assert_eq!(
        storage::read("okr-grid/test").unwrap().as_deref(),
        Some("héllo ✓")
    );
    storage::remove("okr-grid/test").unwrap();
    assert_eq!(storage::read("okr-grid/test").unwrap(), None);
}

#[wasm_bindgen_test]
fn a_write_past_the_quota_is_reported_as_full() {
    clear();
    // Local storage holds about 5 MiB of UTF-16 per origin; 6 M characters cannot fit.
    let huge = "x".repeat(6 * 1024 * 1024);
    assert_eq!(
        storage::write("okr-grid/huge", &huge),
        Err(StorageError::Full)
    );
    // Nothing was stored, and storage still works.
    assert_eq!(storage::read("okr-grid/huge").unwrap(), None);
    storage::write("okr-grid/small", "ok").unwrap();
    clear();
}

#[wasm_bindgen_test]
fn first_start_from_local_storage_opens_the_example() {
    clear();
    let startup = storage::load_from_local_storage();
    assert_eq!(startup.plan, example_plan());
    assert_eq!(startup.notice, None);
    assert!(startup.can_save);
}

#[wasm_bindgen_test]
fn a_plan_in_local_storage_loads_back_unchanged() {
    clear();
    let mut plan = example_plan();
    plan.name = "Mine".into();
    plan.objectives[0].key_results[0].current = Some(0.1 + 0.2);
    storage::write(PLAN_KEY, &store::encode(&plan).unwrap()).unwrap();
    let startup = storage::load_from_local_storage();
    assert_eq!(startup.plan, plan);
    assert_eq!(startup.notice, None);
}

#[wasm_bindgen_test]
fn unreadable_data_is_backed_up_and_never_overwritten() {
    clear();
    storage::write(PLAN_KEY, "{ this is not json").unwrap();
    let first = storage::load_from_local_storage();
    assert_eq!(first.plan, example_plan());
    assert!(first.can_save);
    match first.notice {
        Some(StartupNotice::Recovered { backup_key, .. }) => {
            assert_eq!(backup_key, BACKUP_KEY_PREFIX)
        }
        other => panic!("expected a recovered notice, got {other:?}"),
    }
    assert_eq!(
        storage::read(BACKUP_KEY_PREFIX).unwrap().as_deref(),
        Some("{ this is not json")
    );

    // Reloading with the same unreadable text does not pile up copies.
    let again = storage::load_from_local_storage();
    match again.notice {
        Some(StartupNotice::Recovered { backup_key, .. }) => {
            assert_eq!(backup_key, BACKUP_KEY_PREFIX)
        }
        other => panic!("expected a recovered notice, got {other:?}"),
    }
    assert_eq!(
        storage::read(&format!("{BACKUP_KEY_PREFIX}-2")).unwrap(),
        None
    );

    // A second, different corruption gets its own backup; the first stays as it was.
    storage::write(PLAN_KEY, "{\"schema_version\":99}").unwrap();
    let second = storage::load_from_local_storage();
    match second.notice {
        Some(StartupNotice::Recovered { backup_key, reason }) => {
            assert_eq!(backup_key, format!("{BACKUP_KEY_PREFIX}-2"));
            assert!(reason.to_string().contains("newer version"), "{reason}");
        }
        other => panic!("expected a recovered notice, got {other:?}"),
    }
    assert_eq!(
        storage::read(BACKUP_KEY_PREFIX).unwrap().as_deref(),
        Some("{ this is not json")
    );
    clear();
}

#[wasm_bindgen_test]
fn data_that_cannot_be_backed_up_is_left_in_place_and_saving_is_off() {
    clear();
    // Fill storage so that the backup copy cannot be written.
    let broken = format!("{{\"broken\": \"{}", "y".repeat(1024 * 1024));
    storage::write(PLAN_KEY, &broken).unwrap();
    let chunk = "z".repeat(512 * 1024);
    let mut i = 0;
    while storage::write(&format!("filler-{i}"), &chunk).is_ok() {
        i += 1;
        assert!(i < 64, "storage never filled up");
    }
    let startup = storage::load_from_local_storage();
    assert!(!startup.can_save);
    assert!(matches!(
        startup.notice,
        Some(StartupNotice::NotBackedUp { .. })
    ));
    assert_eq!(storage::read(PLAN_KEY).unwrap(), Some(broken));
    clear();
}

#[wasm_bindgen_test]
fn the_plan_opened_last_reopens_and_unlisted_plans_are_found() {
    use okr_core::library::{Library, INDEX_KEY};
    clear();
    let mut first = example_plan();
    first.name = "First".into();
    storage::write(PLAN_KEY, &store::encode(&first).unwrap()).unwrap();
    let mut library = Library::single("First");
    let key = library.new_key();
    let mut second = okr_core::model::Plan::new("Second");
    let only = second.new_objective("Only here");
    second.objectives.push(only);
    storage::write(&key, &store::encode(&second).unwrap()).unwrap();
    library.upsert(&key, "Second");
    library.open(&key);
    storage::write(INDEX_KEY, &library.encode()).unwrap();
    let startup = storage::load_from_local_storage();
    assert_eq!(startup.key, key);
    assert_eq!(startup.plan, second);
    assert_eq!(startup.library.plans.len(), 2);

    // An index that lost an entry: the plan saved under that key is listed again.
    storage::write(INDEX_KEY, &Library::single("First").encode()).unwrap();
    let startup = storage::load_from_local_storage();
    assert_eq!(startup.key, PLAN_KEY);
    assert_eq!(startup.plan, first);
    assert_eq!(
        startup.library.entry(&key).map(|e| e.name.as_str()),
        Some("Second")
    );
    assert!(storage::read(INDEX_KEY).unwrap().is_some());
    clear();
}

// ---- the database ----

use okr_core::library::{Library, INDEX_KEY};
use okr_core::model::Plan;
use okr_core::stored_plan::{self, Baseline};
use okr_core::versions::{Meta, Reason};
use okr_grid::browser::database::{self, SaveError};

/// An empty database and local storage, and the database open.
async fn fresh() {
    clear();
    database::close();
    let factory = idb::Factory::new().unwrap();
    factory.delete(database::DB_NAME).unwrap().await.unwrap();
    database::open().await.unwrap();
}

fn mine() -> Plan {
    let mut plan = example_plan();
    plan.is_example = false;
    plan.name = "Mine".into();
    plan.objectives[0].key_results[0].current = Some(0.1 + 0.2);
    plan
}

async fn stored(key: &str) -> Option<(Plan, u64)> {
    let loaded = database::load_plan(key).await.ok()??;
    Some((store::decode(&loaded.text).unwrap(), loaded.rev))
}

fn meta(key: &str, reason: Reason) -> Meta {
    Meta {
        id: 0,
        plan_key: key.into(),
        time_ms: js_sys::Date::now(),
        reason,
        name: "Mine".into(),
        objectives: 3,
        key_results: 9,
        size: 100,
    }
}

#[wasm_bindgen_test]
async fn a_plan_saved_as_records_reads_back_the_same() {
    fresh().await;
    let plan = mine();
    let delta = stored_plan::delta(&mut None, &plan).unwrap();
    let rev = database::save_plan(PLAN_KEY, Some(0), &delta, None)
        .await
        .unwrap();
    assert_eq!(rev, 1);
    assert_eq!(stored(PLAN_KEY).await, Some((plan.clone(), 1)));
    // What the records hold is the versioned envelope, field for field.
    let loaded = database::load_plan(PLAN_KEY).await.ok().flatten().unwrap();
    assert!(loaded
        .text
        .starts_with(&format!("{{\"schema_version\":{},", store::SCHEMA_VERSION)));
    assert_eq!(loaded.sizes.len(), plan.objectives.len());
}

#[wasm_bindgen_test]
async fn a_save_writes_the_changes_and_never_over_a_newer_revision() {
    fresh().await;
    let mut plan = mine();
    let mut baseline = None;
    let first = stored_plan::delta(&mut baseline, &plan).unwrap();
    database::save_plan(PLAN_KEY, Some(0), &first, None)
        .await
        .unwrap();

    plan.objectives[2].title = "Changed here".into();
    let gone = plan.objectives.remove(0);
    let second = stored_plan::delta(&mut baseline, &plan).unwrap();
    assert_eq!((second.puts.len(), second.deletes.len()), (1, 1));
    assert_eq!(
        database::save_plan(PLAN_KEY, Some(1), &second, None)
            .await
            .unwrap(),
        2
    );
    assert_eq!(stored(PLAN_KEY).await, Some((plan.clone(), 2)));
    assert!(!stored(PLAN_KEY)
        .await
        .unwrap()
        .0
        .objectives
        .iter()
        .any(|o| o.id == gone.id));

    // Another tab that still holds revision 1: nothing of its save is written.
    let mut theirs = mine();
    theirs.name = "Theirs".into();
    let delta = stored_plan::delta(&mut None, &theirs).unwrap();
    match database::save_plan(PLAN_KEY, Some(1), &delta, None).await {
        Err(SaveError::Behind { rev }) => assert_eq!(rev, 2),
        other => panic!("expected Behind, got {other:?}"),
    }
    assert_eq!(stored(PLAN_KEY).await, Some((plan, 2)));
}

#[wasm_bindgen_test]
async fn a_version_is_the_plan_as_saved_and_restores_whole() {
    fresh().await;
    let plan = mine();
    let delta = stored_plan::delta(&mut None, &plan).unwrap();
    database::save_plan(
        PLAN_KEY,
        Some(0),
        &delta,
        Some(meta(PLAN_KEY, Reason::Import)),
    )
    .await
    .unwrap();
    let mut text_plan = plan.clone();
    text_plan.name = "From text".into();
    database::add_version(
        meta(PLAN_KEY, Reason::OtherTab),
        &store::encode(&text_plan).unwrap(),
    )
    .await
    .unwrap();
    let all = database::versions().await.unwrap();
    assert_eq!(all.len(), 2);
    let by = |r: Reason| all.iter().find(|m| m.reason == r).unwrap().id;
    let copied = database::version_text(by(Reason::Import))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(store::decode(&copied).unwrap(), plan);
    let kept = database::version_text(by(Reason::OtherTab))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(store::decode(&kept).unwrap(), text_plan);

    // Later saves do not change a version.
    let mut later = plan.clone();
    later.objectives.clear();
    let mut baseline = Some(Baseline::of(&plan, &Default::default()));
    let delta = stored_plan::delta(&mut baseline, &later).unwrap();
    database::save_plan(PLAN_KEY, Some(1), &delta, None)
        .await
        .unwrap();
    let copied = database::version_text(by(Reason::Import))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(store::decode(&copied).unwrap(), plan);
    // Removing the plan keeps its versions.
    database::remove_plan(PLAN_KEY).await.unwrap();
    assert_eq!(stored(PLAN_KEY).await, None);
    assert_eq!(database::versions().await.unwrap().len(), 2);
}

#[wasm_bindgen_test]
async fn originals_are_kept_as_bytes_and_unused_ones_dropped() {
    fresh().await;
    let a: Vec<u8> = (0..2_200_000u32).map(|i| (i % 251) as u8).collect();
    let b = b"second workbook".to_vec();
    let (da, db) = (
        okr_core::origin::digest_of(&a),
        okr_core::origin::digest_of(&b),
    );
    database::keep_original(&da, &a).await.unwrap();
    assert_eq!(database::load_original(&da).await, Some(a.clone()));
    // A plan names the second; none names the first any more when the second is kept.
    let mut plan = mine();
    plan.origin = Some(okr_core::origin::Origin {
        file_name: "b.xlsx".into(),
        format: okr_core::origin::FileFormat::Xlsx,
        size: b.len() as u64,
        digest: db.clone(),
        choices: String::new(),
        fingerprint: String::new(),
    });
    let delta = stored_plan::delta(&mut None, &plan).unwrap();
    database::save_plan(PLAN_KEY, Some(0), &delta, None)
        .await
        .unwrap();
    database::keep_original(&db, &b).await.unwrap();
    assert_eq!(database::load_original(&da).await, None);
    assert_eq!(database::load_original(&db).await, Some(b.clone()));
    // Bytes that are not the file's (another digest) are never handed out.
    assert_eq!(database::load_original("0000000000000000").await, None);
}

#[wasm_bindgen_test]
async fn what_local_storage_held_moves_to_the_database_once_and_is_checked() {
    fresh().await;
    let first = mine();
    let mut library = Library::single("Mine");
    let key = library.new_key();
    let mut second = Plan::new("Second");
    let only = second.new_objective("Only here");
    second.objectives.push(only);
    library.upsert(&key, "Second");
    library.open(&key);
    let bytes = b"PK a workbook".to_vec();
    let digest = okr_core::origin::digest_of(&bytes);
    storage::write(PLAN_KEY, &store::encode(&first).unwrap()).unwrap();
    storage::write(&key, &store::encode(&second).unwrap()).unwrap();
    storage::write(INDEX_KEY, &library.encode()).unwrap();
    storage::write(
        &store::original_key(&digest),
        &store::encode_original(&bytes),
    )
    .unwrap();
    storage::write(store::IMPORT_COLUMNS_KEY, "{\"layouts\":[]}").unwrap();
    storage::write("okr-grid/v1/plan-7", "{ damaged").unwrap();
    storage::write(store::LANGUAGE_KEY, "it").unwrap();
    database::close();

    let startup = storage::start().await;
    // The damaged plan is said, with where its text is kept.
    match &startup.notice {
        Some(StartupNotice::NotMovedPlan { backup_key, .. }) => {
            assert_eq!(backup_key, BACKUP_KEY_PREFIX)
        }
        other => panic!("expected the damaged plan to be said, got {other:?}"),
    }
    assert!(startup.can_save);
    assert_eq!(startup.key, key);
    assert_eq!(startup.plan, second);
    assert_eq!(stored(PLAN_KEY).await.map(|(p, _)| p), Some(first.clone()));
    assert_eq!(database::load_original(&digest).await, Some(bytes));
    assert_eq!(
        database::kv_get(store::IMPORT_COLUMNS_KEY).as_deref(),
        Some("{\"layouts\":[]}")
    );
    // The damaged plan is kept as it was, as a backup.
    assert_eq!(
        database::kv_get(BACKUP_KEY_PREFIX).as_deref(),
        Some("{ damaged")
    );
    // Moved: gone from local storage, but for the interface settings.
    assert_eq!(storage::read(PLAN_KEY).unwrap(), None);
    assert_eq!(storage::read(INDEX_KEY).unwrap(), None);
    assert_eq!(storage::read("okr-grid/v1/plan-7").unwrap(), None);
    assert_eq!(
        storage::read(store::LANGUAGE_KEY).unwrap().as_deref(),
        Some("it")
    );

    // Once only: a plan an older tab writes to local storage afterwards is not taken again.
    storage::write(PLAN_KEY, &store::encode(&Plan::new("Late")).unwrap()).unwrap();
    database::close();
    let again = storage::start().await;
    assert_eq!(stored(PLAN_KEY).await.map(|(p, _)| p), Some(first));
    assert_eq!(again.plan, second);
}

#[wasm_bindgen_test]
async fn unreadable_records_are_backed_up_and_the_example_opens() {
    fresh().await;
    let plan = mine();
    let mut delta = stored_plan::delta(&mut None, &plan).unwrap();
    // A record lost: the plan does not read, and is never shown with a hole.
    delta.puts.remove(1);
    database::save_plan(PLAN_KEY, Some(0), &delta, None)
        .await
        .unwrap();
    database::close();
    let startup = storage::start().await;
    assert_eq!(startup.plan, example_plan());
    let backup = match startup.notice {
        Some(StartupNotice::Recovered { backup_key, .. }) => backup_key,
        other => panic!("expected a recovered notice, got {other:?}"),
    };
    let kept = database::kv_get(&backup).unwrap();
    assert!(
        kept.contains("Only here") || kept.contains(&plan.objectives[0].title),
        "{kept}"
    );
    // Saving over it is allowed (the text is kept), and writes every record again.
    assert!(startup.can_save);
    assert_eq!(startup.rev, None);
}

#[wasm_bindgen_test]
async fn a_plan_a_newer_build_saved_opens_read_only_and_whole() {
    fresh().await;
    let plan = mine();
    let mut delta = stored_plan::delta(&mut None, &plan).unwrap();
    // A field this build does not know, in one objective's record.
    let (_, text) = &mut delta.puts[0];
    *text = text.replacen('{', "{\"forecast\":{\"model\":\"bayes\"},", 1);
    database::save_plan(PLAN_KEY, Some(0), &delta, None)
        .await
        .unwrap();
    database::close();
    let startup = storage::start().await;
    assert!(startup.newer);
    assert_eq!(startup.plan, plan);
    match startup.notice {
        Some(StartupNotice::Newer { fields, format }) => {
            assert_eq!(fields, vec!["plan.objectives.0.forecast".to_string()]);
            assert_eq!(format, None);
        }
        other => panic!("expected a newer-build notice, got {other:?}"),
    }
}
