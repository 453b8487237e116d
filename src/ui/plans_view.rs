//! The plan menu: several plans, each saved under its own key (`library`). Create, duplicate,
//! delete (with Undo) and switch; renaming is the plan name field. The plan left open reopens
//! on the next visit.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::i18n::{t, t_string, td_string, use_i18n};
use super::{autosave, translate, AppState, Message};
use crate::browser::storage;
use crate::history::Document;
use crate::library::Entry;
use crate::model::Plan;
use crate::store;

/// A deleted plan, kept in the page while the message saying so is shown ("Undo delete").
#[derive(Clone, Debug, PartialEq)]
pub struct Deleted {
    at: usize,
    entry: Entry,
    raw: String,
    /// The message announcing the deletion: Undo delete is offered beside it only.
    pub message: String,
}

/// The catalogue locale now.
fn lang(state: AppState) -> super::i18n::Locale {
    translate::ui(state.locale())
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
    if !matches!(state.save.get_untracked(), autosave::SaveStatus::Off) {
        autosave::save_now(state);
    }
}

/// Shows `plan`, saved under `key`, in place of the current one (a fresh undo history).
fn show(state: AppState, key: &str, plan: Plan) {
    state.plan_key.set(key.to_string());
    state.edit(|d, g| {
        g.cancel();
        g.active = None;
        d.reset(plan);
    });
    state.library.update(|l| l.open(key));
    let _ = state.library.with_untracked(storage::save_library);
}

/// Opens the plan saved under `key`. One that cannot be read is not opened (and not touched).
pub fn switch_to(state: AppState, key: &str) {
    if key == state.plan_key.get_untracked() && !state.doc.with_untracked(Document::is_read_only) {
        return;
    }
    let name = state
        .library
        .with_untracked(|l| l.entry(key).map(|e| e.name.clone()))
        .unwrap_or_default();
    let plan = match storage::read(key) {
        Ok(Some(raw)) => match store::decode(&raw) {
            Ok(plan) => plan,
            Err(e) => {
                let why = translate::load_error(state.locale(), &e);
                let text = td_string!(lang(state), plan_not_opened, name, why).to_string();
                return say(state, text);
            }
        },
        Ok(None) => Plan::new(&name),
        Err(e) => return say(state, translate::storage_error(state.locale(), &e)),
    };
    save_shown(state);
    show(state, key, plan);
    say(
        state,
        td_string!(lang(state), plan_opened, name).to_string(),
    );
}

/// Saves `plan` as a new plan of this browser and opens it.
pub fn add_plan(state: AppState, plan: Plan) -> bool {
    let key = state
        .library
        .try_update(|l| l.new_key())
        .unwrap_or_default();
    if let Err(e) = storage::save_plan(&key, &plan) {
        say(state, translate::storage_error(state.locale(), &e));
        return false;
    }
    save_shown(state);
    state.library.update(|l| l.upsert(&key, &plan.name));
    show(state, &key, plan);
    true
}

/// The name of the plan kept by the last "Replace" import, if any (at start-up).
pub fn replaced_name() -> Option<String> {
    let raw = storage::read(store::REPLACED_KEY).ok().flatten()?;
    store::decode_replaced(&raw).ok().map(|(_, plan)| plan.name)
}

/// Before an import replaces the plan shown: keeps it in storage so "Undo import" can bring
/// it back after a reload. The message of the storage error when it cannot be kept.
pub fn keep_replaced(state: AppState) -> Result<(), String> {
    // A plan kept by an earlier Replace is not dropped: it becomes a plan of its own.
    let earlier = storage::read(store::REPLACED_KEY)
        .ok()
        .flatten()
        .and_then(|raw| store::decode_replaced(&raw).ok());
    if let Some((_, plan)) = earlier {
        let key = state
            .library
            .try_update(|l| l.new_key())
            .unwrap_or_default();
        storage::save_plan(&key, &plan)
            .map_err(|e| translate::storage_error(state.locale(), &e))?;
        state.library.update(|l| l.upsert(&key, &plan.name));
        state
            .library
            .with_untracked(storage::save_library)
            .map_err(|e| translate::storage_error(state.locale(), &e))?;
    }
    let key = state.plan_key.get_untracked();
    let (raw, name) = state.doc.with_untracked(|d| {
        (
            store::encode_replaced(&key, d.plan()),
            d.plan().name.clone(),
        )
    });
    storage::write(store::REPLACED_KEY, &raw)
        .map_err(|e| translate::storage_error(state.locale(), &e))?;
    state.replaced.set(Some(name));
    Ok(())
}

/// "Undo import": the plan the last "Replace" import replaced comes back in its place (one
/// undoable step when it is the plan shown), and the kept copy is discarded.
pub fn undo_import(state: AppState) {
    let kept = storage::read(store::REPLACED_KEY)
        .ok()
        .flatten()
        .and_then(|raw| store::decode_replaced(&raw).ok());
    let Some((key, plan)) = kept else {
        state.replaced.set(None);
        return;
    };
    if state.plan_key.get_untracked() != key {
        if state.library.with_untracked(|l| l.entry(&key).is_none()) {
            // Its plan was deleted since: it comes back as a plan of its own.
            add_plan(state, plan);
        } else {
            if let Err(e) = storage::save_plan(&key, &plan) {
                return say(state, translate::storage_error(state.locale(), &e));
            }
            switch_to(state, &key);
        }
    } else {
        state.edit(|d, g| {
            g.cancel();
            g.active = None;
            d.execute(crate::command::Command::ReplacePlan(Box::new(plan)))
                .is_ok()
        });
    }
    let _ = storage::remove(store::REPLACED_KEY);
    state.replaced.set(None);
    say(
        state,
        td_string!(lang(state), plan_import_undone).to_string(),
    );
}

/// "Keep the import": the replaced plan's copy is discarded.
pub fn keep_import(state: AppState) {
    let _ = storage::remove(store::REPLACED_KEY);
    state.replaced.set(None);
}

/// Brings back the plan deleted last (the action message's "Undo delete").
pub fn undo_delete(state: AppState) {
    let Some(d) = state.deleted_plan.get_untracked() else {
        return;
    };
    if let Err(e) = storage::write(&d.entry.key, &d.raw) {
        return say(state, translate::storage_error(state.locale(), &e));
    }
    let plan = match store::decode(&d.raw) {
        Ok(plan) => plan,
        Err(e) => return say(state, translate::load_error(state.locale(), &e)),
    };
    save_shown(state);
    state.library.update(|l| l.restore(d.at, d.entry.clone()));
    show(state, &d.entry.key, plan);
    state.deleted_plan.set(None);
    let text = td_string!(lang(state), plan_back, name = d.entry.name.clone()).to_string();
    say(state, text);
}

#[component]
pub fn PlanSwitcher() -> impl IntoView {
    let state = expect_context::<AppState>();
    let deleted = state.deleted_plan;
    let i18n = use_i18n();
    let read_only = Memo::new(move |_| state.doc.with(Document::is_read_only));
    let entries = Memo::new(move |_| state.library.with(|l| l.plans.clone()));

    let create = move |_| {
        deleted.set(None);
        let base = td_string!(lang(state), my_plan).to_string();
        let name = state.library.with_untracked(|l| l.new_name(&base));
        if add_plan(state, Plan::new(&name)) {
            say(
                state,
                td_string!(lang(state), plan_created, name).to_string(),
            );
        }
    };
    let duplicate = move |_| {
        deleted.set(None);
        let mut plan = state.doc.with_untracked(|d| d.plan().clone());
        let copy = td_string!(lang(state), copy_word);
        plan.name = state
            .library
            .with_untracked(|l| l.copy_name(&plan.name, copy));
        plan.is_example = false;
        let name = plan.name.clone();
        if add_plan(state, plan) {
            say(
                state,
                td_string!(lang(state), plan_duplicated, name).to_string(),
            );
        }
    };
    let delete = move |_| {
        let key = state.plan_key.get_untracked();
        // What is shown is at least as new as what was saved: Undo writes it back.
        let raw = state.doc.with_untracked(|d| store::encode(d.plan()));
        let removed = state.library.try_update(|l| l.remove(&key));
        let Some(Ok((at, entry))) = removed else {
            if let Some(Err(why)) = removed {
                let text = match why {
                    crate::library::RemoveError::OnlyPlan => {
                        td_string!(lang(state), plan_is_the_only)
                    }
                    crate::library::RemoveError::NotListed => {
                        td_string!(lang(state), plan_not_listed)
                    }
                };
                say(state, text.to_string());
            }
            return;
        };
        if let Err(e) = state.library.with_untracked(storage::save_library) {
            state.library.update(|l| l.restore(at, entry));
            return say(state, translate::storage_error(state.locale(), &e));
        }
        let _ = storage::remove(&key);
        let next = state.library.with_untracked(|l| l.current().to_string());
        let plan = match storage::read(&next) {
            Ok(Some(text)) => store::decode(&text).ok(),
            _ => None,
        }
        .unwrap_or_else(|| Plan::new(td_string!(lang(state), my_plan)));
        show(state, &next, plan);
        let message = td_string!(lang(state), plan_deleted, name = entry.name.clone()).to_string();
        deleted.set(Some(Deleted {
            at,
            entry,
            raw,
            message: message.clone(),
        }));
        say(state, message);
    };

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
                disabled=move || read_only.get()
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
                    <button type="button" data-testid="plan-create" disabled=move || read_only.get() on:click=create>
                        {t!(i18n, create_plan)}
                    </button>
                    <button type="button" data-testid="plan-duplicate" disabled=move || read_only.get() on:click=duplicate>
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
                    <hr aria-hidden="true"/>
                    <super::import_view::ImportButton state=state/>
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
