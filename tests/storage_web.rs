//! The local-storage adapter, in a real browser (headless Chromium via wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use okr_grid::browser::storage::{self, StartupNotice, StorageError};
use okr_grid::example::example_plan;
use okr_grid::store::{self, BACKUP_KEY_PREFIX, PLAN_KEY};
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
fn a_kept_original_never_takes_the_room_a_plan_needs() {
    clear();
    // An imported workbook's bytes, about 3 M characters once in base64.
    let bytes: Vec<u8> = (0..2_200_000u32).map(|i| (i % 251) as u8).collect();
    let digest = okr_grid::origin::digest_of(&bytes);
    storage::keep_original(&digest, &bytes).unwrap();
    assert_eq!(storage::load_original(&digest), Some(bytes.clone()));
    // A plan that fits only without it is saved, and the original gives way.
    let plan_text = "p".repeat(2_500_000);
    storage::write(PLAN_KEY, &plan_text).unwrap();
    assert_eq!(
        storage::read(PLAN_KEY).unwrap().map(|t| t.len()),
        Some(2_500_000)
    );
    assert_eq!(storage::load_original(&digest), None);
    // An original that does not fit is refused, and nothing else is touched.
    assert_eq!(
        storage::keep_original(&digest, &bytes),
        Err(StorageError::Full)
    );
    assert_eq!(
        storage::read(PLAN_KEY).unwrap().map(|t| t.len()),
        Some(2_500_000)
    );
    clear();
}

#[wasm_bindgen_test]
fn originals_no_stored_plan_names_are_dropped_when_another_is_kept() {
    clear();
    let a = b"first workbook".to_vec();
    let b = b"second workbook".to_vec();
    let (da, db) = (
        okr_grid::origin::digest_of(&a),
        okr_grid::origin::digest_of(&b),
    );
    storage::keep_original(&da, &a).unwrap();
    storage::write(PLAN_KEY, &format!("{{\"digest\":\"{db}\"}}")).unwrap();
    storage::keep_original(&db, &b).unwrap();
    // No stored plan names the first any more; the second is named.
    assert_eq!(storage::load_original(&da), None);
    assert_eq!(storage::load_original(&db), Some(b));
    clear();
}

#[wasm_bindgen_test]
fn first_start_opens_the_example() {
    clear();
    let startup = storage::load_plan();
    assert_eq!(startup.plan, example_plan());
    assert_eq!(startup.notice, None);
    assert!(startup.can_save);
}

#[wasm_bindgen_test]
fn saved_plan_loads_back_unchanged() {
    clear();
    let mut plan = example_plan();
    plan.name = "Mine".into();
    plan.objectives[0].key_results[0].current = Some(0.1 + 0.2);
    storage::save_plan(PLAN_KEY, &plan).unwrap();
    let startup = storage::load_plan();
    assert_eq!(startup.plan, plan);
    assert_eq!(startup.notice, None);
}

#[wasm_bindgen_test]
fn unreadable_data_is_backed_up_and_never_overwritten() {
    clear();
    storage::write(PLAN_KEY, "{ this is not json").unwrap();
    let first = storage::load_plan();
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
    let again = storage::load_plan();
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
    let second = storage::load_plan();
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
    let startup = storage::load_plan();
    assert!(!startup.can_save);
    assert!(matches!(
        startup.notice,
        Some(StartupNotice::NotBackedUp { .. })
    ));
    assert_eq!(storage::read(PLAN_KEY).unwrap(), Some(broken));
    clear();
}

#[wasm_bindgen_test]
fn stored_text_is_the_versioned_envelope() {
    clear();
    storage::save_plan(PLAN_KEY, &example_plan()).unwrap();
    let raw = storage::read(PLAN_KEY).unwrap().unwrap();
    assert_eq!(raw, store::encode(&example_plan()));
    assert!(raw.starts_with(&format!("{{\"schema_version\":{},", store::SCHEMA_VERSION)));
    clear();
}

#[wasm_bindgen_test]
fn the_plan_opened_last_reopens_and_unlisted_plans_are_found() {
    use okr_grid::library::{Library, INDEX_KEY};
    clear();
    let mut first = example_plan();
    first.name = "First".into();
    storage::save_plan(PLAN_KEY, &first).unwrap();
    let mut library = Library::single("First");
    let key = library.new_key();
    let mut second = okr_grid::model::Plan::new("Second");
    let only = second.new_objective("Only here");
    second.objectives.push(only);
    storage::save_plan(&key, &second).unwrap();
    library.upsert(&key, "Second");
    library.open(&key);
    storage::save_library(&library).unwrap();
    let startup = storage::load_plan();
    assert_eq!(startup.key, key);
    assert_eq!(startup.plan, second);
    assert_eq!(startup.library.plans.len(), 2);

    // An index that lost an entry: the plan saved under that key is listed again.
    storage::save_library(&Library::single("First")).unwrap();
    let startup = storage::load_plan();
    assert_eq!(startup.key, PLAN_KEY);
    assert_eq!(startup.plan, first);
    assert_eq!(
        startup.library.entry(&key).map(|e| e.name.as_str()),
        Some("Second")
    );
    assert!(storage::read(INDEX_KEY).unwrap().is_some());
    clear();
}
