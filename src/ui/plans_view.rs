//! The plan menu: several plans, each saved under its own key (`library`). Create, duplicate,
//! delete (with Undo) and switch; renaming is the plan name field. The plan left open reopens
//! on the next visit.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::i18n::{t, t_string, td_string, use_i18n};
use super::{autosave, on_demand, translate, AppState, Message};
use std::collections::HashMap;

use crate::browser::database;
use crate::browser::storage::{self, ReadError};
use okr_core::history::Document;
use okr_core::library::Entry;
use okr_core::model::Plan;
use okr_core::store;
use okr_core::versions::Reason;

/// A deleted plan, kept in the page while the message saying so is shown ("Undo delete").
#[derive(Clone, Debug, PartialEq)]
pub struct Deleted {
    at: usize,
    entry: Entry,
    raw: String,
    /// The message announcing the deletion: Undo delete is offered beside it only.
    pub message: String,
}

fn say(state: AppState, text: String) {
    state.message.set(Some(Message {
        text,
        undoable: false,
    }));
}

/// Saves the plan shown (unless saving is off or it is a shared plan) before another is
/// shown in its place.
fn save_shown(state: AppState) {
    autosave::save_now(state);
}

/// How a plan to show is stored.
pub(super) struct Stored<'a> {
    /// Its revision (`None`: unknown, the next save writes over whatever is stored).
    pub rev: Option<u64>,
    /// The length of each objective's record, when it is stored as given.
    pub sizes: Option<&'a HashMap<u64, usize>>,
    /// It holds what this build does not know: shown read-only, never saved over.
    pub newer: bool,
}

impl Stored<'_> {
    /// A plan not stored yet.
    fn new_plan() -> Self {
        Stored {
            rev: Some(0),
            sizes: None,
            newer: false,
        }
    }

    /// A plan to write over whatever its key holds.
    fn unknown() -> Self {
        Stored {
            rev: None,
            sizes: None,
            newer: false,
        }
    }
}

/// Shows `plan`, saved under `key`, in place of the current one (a fresh undo history).
pub(super) fn show(state: AppState, key: &str, plan: Plan, stored: Stored<'_>) {
    autosave::open_plan(key, &plan, stored.rev, stored.sizes);
    state.plan_key.set(key.to_string());
    state.edit(|d, g| {
        g.cancel();
        g.active = None;
        if stored.newer {
            d.reset_read_only(plan);
        } else {
            d.reset(plan);
        }
    });
    state.newer.set(stored.newer);
    state.library.update(|l| l.open(key));
    autosave::save_library(state);
}

/// Opens the plan saved under `key`. One that cannot be read is not opened (and not touched).
pub(crate) fn switch_to(state: AppState, key: &str) {
    let shared = state.doc.with_untracked(Document::is_read_only) && !state.newer.get_untracked();
    if key == state.plan_key.get_untracked() && !shared {
        return;
    }
    let name = state
        .library
        .with_untracked(|l| l.entry(key).map(|e| e.name.clone()))
        .unwrap_or_default();
    save_shown(state);
    let key = key.to_string();
    leptos::task::spawn_local(async move {
        match storage::read_plan(&key).await {
            Ok(Some(read)) => {
                // What was typed while it was read is saved too.
                save_shown(state);
                let stored = Stored {
                    rev: Some(read.rev),
                    sizes: Some(&read.sizes),
                    newer: !read.complete,
                };
                show(state, &key, read.plan, stored);
            }
            Ok(None) => {
                save_shown(state);
                show(state, &key, Plan::new(&name), Stored::new_plan());
            }
            Err(ReadError::Load(e)) => {
                let why = translate::load_error(state.locale(), &e);
                let text = td_string!(state.locale(), plan_not_opened, name, why).to_string();
                return say(state, text);
            }
            Err(ReadError::Storage(e)) => {
                return say(state, translate::storage_error(state.locale(), &e));
            }
        }
        say(
            state,
            td_string!(state.locale(), plan_opened, name).to_string(),
        );
    });
}

/// Saves `plan` as a new plan of this browser and opens it.
pub(crate) fn add_plan(state: AppState, plan: Plan) -> bool {
    let key = state
        .library
        .try_update(|l| l.new_key())
        .unwrap_or_default();
    save_shown(state);
    state.library.update(|l| l.upsert(&key, &plan.name));
    show(state, &key, plan, Stored::new_plan());
    autosave::save_now(state);
    true
}

/// The name of the plan kept by the last "Replace" import, if any (at start-up).
pub(crate) fn replaced_name() -> Option<String> {
    let raw = database::kv_get(store::REPLACED_KEY)?;
    store::decode_replaced(&raw).ok().map(|(_, plan)| plan.name)
}

/// Before an import replaces the plan shown: keeps it as a version, and as the replaced plan
/// so "Undo import" can bring it back after a reload. The message saying why when it cannot
/// be kept (saving is off, or the plan does not encode: then nothing is written).
pub(crate) fn keep_replaced(state: AppState) -> Result<(), String> {
    if matches!(state.save.get_untracked(), autosave::SaveStatus::Off) {
        return Err(td_string!(state.locale(), not_saved_off).to_string());
    }
    // Encoded first: a plan that does not encode cannot be kept, and nothing is written.
    let key = state.plan_key.get_untracked();
    let (raw, name) = state.doc.with_untracked(|d| {
        (
            store::encode_replaced(&key, d.plan()),
            d.plan().name.clone(),
        )
    });
    let raw = raw.map_err(|e| e.to_string())?;
    // A plan kept by an earlier Replace is not dropped: it becomes a plan of its own.
    let earlier =
        database::kv_get(store::REPLACED_KEY).and_then(|raw| store::decode_replaced(&raw).ok());
    if let Some((_, plan)) = earlier {
        let key = state
            .library
            .try_update(|l| l.new_key())
            .unwrap_or_default();
        autosave::store_other(state, &key, &plan);
        state.library.update(|l| l.upsert(&key, &plan.name));
        autosave::save_library(state);
    }
    autosave::keep_version(state, Reason::Replace);
    autosave::write_text(state, store::REPLACED_KEY, Some(raw));
    state.replaced.set(Some(name));
    Ok(())
}

/// "Undo import": the plan the last "Replace" import replaced comes back in its place (one
/// undoable step when it is the plan shown), and the kept copy is discarded.
pub(crate) fn undo_import(state: AppState) {
    let kept =
        database::kv_get(store::REPLACED_KEY).and_then(|raw| store::decode_replaced(&raw).ok());
    let Some((key, plan)) = kept else {
        state.replaced.set(None);
        return;
    };
    if state.plan_key.get_untracked() != key {
        if state.library.with_untracked(|l| l.entry(&key).is_none()) {
            // Its plan was deleted since: it comes back as a plan of its own.
            add_plan(state, plan);
        } else {
            // It is written over what its key holds now.
            save_shown(state);
            show(state, &key, plan, Stored::unknown());
            autosave::save_now(state);
        }
    } else {
        state.edit(|d, g| {
            g.cancel();
            g.active = None;
            d.execute(okr_core::command::Command::ReplacePlan(Box::new(plan)))
                .is_ok()
        });
    }
    autosave::write_text(state, store::REPLACED_KEY, None);
    state.replaced.set(None);
    say(
        state,
        td_string!(state.locale(), plan_import_undone).to_string(),
    );
}

/// "Keep the import": the replaced plan's copy is discarded.
pub(crate) fn keep_import(state: AppState) {
    autosave::write_text(state, store::REPLACED_KEY, None);
    state.replaced.set(None);
}

/// Brings back the plan deleted last (the action message's "Undo delete").
pub(crate) fn undo_delete(state: AppState) {
    let Some(d) = state.deleted_plan.get_untracked() else {
        return;
    };
    let plan = match store::decode(&d.raw) {
        Ok(plan) => plan,
        Err(e) => return say(state, translate::load_error(state.locale(), &e)),
    };
    save_shown(state);
    state.library.update(|l| l.restore(d.at, d.entry.clone()));
    show(state, &d.entry.key, plan, Stored::unknown());
    autosave::save_now(state);
    state.deleted_plan.set(None);
    let text = td_string!(state.locale(), plan_back, name = d.entry.name.clone()).to_string();
    say(state, text);
}

#[component]
pub(crate) fn PlanSwitcher() -> impl IntoView {
    let state = expect_context::<AppState>();
    let deleted = state.deleted_plan;
    let i18n = use_i18n();
    let read_only = Memo::new(move |_| state.doc.with(Document::is_read_only));
    // A shared plan is shown: the user's own plans stay as they are until it is closed. (A plan
    // a newer build saved is read-only too, but the other plans stay at hand.)
    let shared = Memo::new(move |_| read_only.get() && !state.newer.get());
    let entries = Memo::new(move |_| state.library.with(|l| l.plans.clone()));

    // The plan menu: new, duplicate, delete, import, export, share. It closes after a choice,
    // on Escape (focus back on its button) and on a click elsewhere.
    let open = RwSignal::new(false);
    let toggle_ref = NodeRef::<leptos::html::Button>::new();
    let menu_ref = NodeRef::<leptos::html::Div>::new();
    let _outside = window_event_listener(leptos::ev::pointerdown, move |ev| {
        if !open.get_untracked() {
            return;
        }
        let inside = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .zip(menu_ref.get_untracked())
            .is_some_and(|(t, menu)| menu.contains(Some(&t)));
        if !inside {
            open.set(false);
        }
    });
    // The items' part is fetched once the page has been drawn a while, so that the menu's first
    // opening does not wait for it (about 25 small files: 100–200 ms when asked on the click).
    set_timeout(prefetch_menu, MENU_PREFETCH_AFTER);
    let on_menu_key = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            ev.prevent_default();
            ev.stop_propagation();
            open.set(false);
            if let Some(b) = toggle_ref.get_untracked() {
                let _ = b.focus();
            }
        }
    };
    view! {
        <div class="plan-switcher" role="group" aria-label=move || t_string!(i18n, plans).to_string()>
            <select
                aria-label=move || t_string!(i18n, plan).to_string()
                data-testid="plan-switcher"
                disabled=move || shared.get()
                on:change=move |ev| {
                    deleted.set(None);
                    switch_to(state, &event_target_value(&ev));
                }
            >
                {move || {
                    let current = state.plan_key.get();
                    entries
                        .get()
                        .into_iter()
                        .map(|e| {
                            let selected = e.key == current;
                            view! {
                                <option value=e.key.clone() selected=selected>
                                    {if e.name.trim().is_empty() { t_string!(i18n, untitled_plan).to_string() } else { e.name }}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
            <div class="plan-menu" node_ref=menu_ref on:keydown=on_menu_key>
                <button
                    type="button"
                    class="plan-menu-button"
                    data-testid="plan-menu"
                    node_ref=toggle_ref
                    aria-expanded=move || if open.get() { "true" } else { "false" }
                    aria-controls="plan-menu-items"
                    title=move || t_string!(i18n, plan_menu_title).to_string()
                    on:pointerenter=move |_| prefetch_menu()
                    on:focus=move |_| prefetch_menu()
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    {t!(i18n, plan_menu)}
                    <span aria-hidden="true">" ▾"</span>
                </button>
                <div
                    id="plan-menu-items"
                    class="plan-menu-items"
                    hidden=move || !open.get()
                    // A choice closes the menu (after its own handler ran).
                    on:click=move |ev: web_sys::MouseEvent| {
                        let on_control = ev
                            .target()
                            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                            .is_some_and(|e| e.closest("button").ok().flatten().is_some());
                        if on_control {
                            open.set(false);
                        }
                    }
                    on:change=move |_| open.set(false)
                >
                    // The items are drawn while the menu is open: their code is a part of the page,
                    // fetched when the pointer or the focus comes to the button, or on its click
                    // (opening again tries again). The file input is always there: a file can be
                    // given to it without the menu.
                    {move || open.get().then(|| on_demand::show(menu_head(open, shared, read_only, entries)))}
                    <super::import_view::ImportButton state=state/>
                    {move || open.get().then(|| on_demand::show_quietly(menu_tail()))}
                </div>
            </div>
            <Show when=move || state.replaced.with(Option::is_some)>
                <button
                    type="button"
                    data-testid="undo-import"
                    disabled=move || read_only.get()
                    title=move || t_string!(i18n, plan_undo_import_title, name = state.replaced.get().unwrap_or_default()).to_string()
                    on:click=move |_| undo_import(state)
                >
                    {t!(i18n, plan_undo_import)}
                </button>
                <button type="button" data-testid="keep-import" on:click=move |_| keep_import(state)>
                    {t!(i18n, plan_keep_import)}
                </button>
            </Show>
        </div>
    }
}

part! {
    occasional, fetch fetch_menu;
    /// The plan menu's items above Import: new, duplicate, delete, versions, the storage used.
    fn menu_head(
        open: RwSignal<bool>,
        shared: Memo<bool>,
        read_only: Memo<bool>,
        entries: Memo<Vec<Entry>>,
    ) -> Result<AnyView, on_demand::NotLoaded> {
        let state = expect_context::<AppState>();
        let deleted = state.deleted_plan;
        let i18n = use_i18n();
    let create = move |_| {
            deleted.set(None);
            let base = td_string!(state.locale(), my_plan).to_string();
            let name = state.library.with_untracked(|l| l.new_name(&base));
            if add_plan(state, Plan::new(&name)) {
                say(
                    state,
                    td_string!(state.locale(), plan_created, name).to_string(),
                );
            }
        };
        let duplicate = move |_| {
            deleted.set(None);
            let mut plan = state.doc.with_untracked(|d| d.plan().clone());
            let copy = td_string!(state.locale(), copy_word);
            plan.name = state
                .library
                .with_untracked(|l| l.copy_name(&plan.name, copy));
            plan.is_example = false;
            let name = plan.name.clone();
            if add_plan(state, plan) {
                say(
                    state,
                    td_string!(state.locale(), plan_duplicated, name).to_string(),
                );
            }
        };
        let delete = move |_| {
            let key = state.plan_key.get_untracked();
            // What is shown is at least as new as what was saved: Undo writes it back. A plan
            // that does not encode could not come back, so it is not deleted (a failed save says
            // why).
            let raw = match state.doc.with_untracked(|d| store::encode(d.plan())) {
                Ok(raw) => raw,
                Err(e) => {
                    state
                        .save
                        .set(autosave::SaveStatus::Failed(storage::StorageError::Failed(
                            e.to_string(),
                        )));
                    return;
                }
            };
            let removed = state.library.try_update(|l| l.remove(&key));
            let Some(Ok((at, entry))) = removed else {
                if let Some(Err(why)) = removed {
                    let text = match why {
                        okr_core::library::RemoveError::OnlyPlan => {
                            td_string!(state.locale(), plan_is_the_only)
                        }
                        okr_core::library::RemoveError::NotListed => {
                            td_string!(state.locale(), plan_not_listed)
                        }
                    };
                    say(state, text.to_string());
                }
                return;
            };
            // A version first: the plan can come back from Versions after a reload too.
            autosave::keep_version(state, Reason::Delete);
            autosave::save_library(state);
            autosave::remove_plan(state, &key);
            // Nothing is saved under the deleted key while the next plan is read.
            autosave::pause();
            let next = state.library.with_untracked(|l| l.current().to_string());
            let message = td_string!(state.locale(), plan_deleted, name = entry.name.clone()).to_string();
            deleted.set(Some(Deleted {
                at,
                entry,
                raw,
                message: message.clone(),
            }));
            leptos::task::spawn_local(async move {
                match storage::read_plan(&next).await {
                    Ok(Some(read)) => {
                        let stored = Stored {
                            rev: Some(read.rev),
                            sizes: Some(&read.sizes),
                            newer: !read.complete,
                        };
                        show(state, &next, read.plan, stored);
                    }
                    _ => {
                        let plan = Plan::new(td_string!(state.locale(), my_plan));
                        show(state, &next, plan, Stored::new_plan());
                    }
                }
                say(state, message);
            });
        };

        Ok(view! {
            <button type="button" data-testid="plan-create" disabled=move || shared.get() on:click=create>
                {t!(i18n, create_plan)}
            </button>
            <button type="button" data-testid="plan-duplicate" disabled=move || shared.get() on:click=duplicate>
                {t!(i18n, duplicate_plan)}
            </button>
            <button
                type="button"
                data-testid="plan-delete"
                disabled=move || read_only.get() || entries.with(|e| e.len() <= 1)
                title=move || t_string!(i18n, delete_plan_title).to_string()
                on:click=delete
            >
                {t!(i18n, delete_plan)}
            </button>
            <button
                type="button"
                data-testid="versions"
                title=move || t_string!(i18n, versions_title).to_string()
                on:click=move |_| super::versions_view::open(state)
            >
                {t!(i18n, versions)}
            </button>
            <super::versions_view::StorageEstimate open=open/>
            <hr aria-hidden="true"/>
        }
        .into_any())
    }
}

part! {
    occasional;
    /// The plan menu's items below Import: the exports and the share link.
    fn menu_tail() -> Result<AnyView, on_demand::NotLoaded> {
        let state = expect_context::<AppState>();
        let i18n = use_i18n();
        Ok(view! {
            <super::export_view::ExportButtons/>
            <hr aria-hidden="true"/>
            <button
                type="button"
                data-testid="share-button"
                title=move || t_string!(i18n, share_link_title).to_string()
                on:click=move |_| super::share_view::open_panel(state)
            >
                {t!(i18n, share_link)}
            </button>
        }
        .into_any())
    }
}

/// How long after the plan menu is drawn its items' part is fetched (after the page's first
/// paint, out of its way).
const MENU_PREFETCH_AFTER: std::time::Duration = std::time::Duration::from_millis(1000);

thread_local! {
    /// The menu's part is fetched or being fetched.
    static MENU_ASKED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Fetches the menu's items (a while after the page is drawn, or when the pointer or the focus
/// comes to its button), once (again after a failure, which shows when the menu opens).
fn prefetch_menu() {
    on_demand::fetch_ahead(&MENU_ASKED, async { fetch_menu().await.is_ok() });
}
