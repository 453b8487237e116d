//! Autosave: every change is written to local storage after a short pause (debounced), and at
//! once when the page is hidden or closed.

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use leptos::prelude::*;

use wasm_bindgen::JsCast;

use super::i18n::{t_string, td_string, use_i18n};
use super::{AppState, Message};
use crate::browser::storage::{self, StorageError};
use crate::history::Document;
use crate::library::{self, Library};

/// The pause after the last change before writing (the issue allows at most 500 ms).
const DEBOUNCE_MS: u32 = 300;

#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    Saved,
    Saving,
    /// The last write failed; the plan is kept in the page.
    Failed(StorageError),
    /// Saving is switched off for this session (see the start-up alert).
    Off,
}

impl SaveStatus {
    fn text(&self) -> String {
        let i18n = use_i18n();
        match self {
            SaveStatus::Saved => t_string!(i18n, saved).to_string(),
            SaveStatus::Saving => t_string!(i18n, saving).to_string(),
            SaveStatus::Failed(StorageError::Full) => t_string!(i18n, not_saved_full).to_string(),
            SaveStatus::Failed(StorageError::Unavailable(_)) => {
                t_string!(i18n, not_saved_unavailable).to_string()
            }
            SaveStatus::Failed(StorageError::Failed(_)) => {
                t_string!(i18n, not_saved_error).to_string()
            }
            SaveStatus::Off => t_string!(i18n, not_saved_off).to_string(),
        }
    }
}

/// Writes the plan under its key, and the index of plans when the plan's entry there (its
/// name, or the entry itself after another tab deleted it) is out of date. A shared plan shown
/// read-only is never written.
pub(super) fn save_now(state: AppState) {
    if state.doc.with_untracked(Document::is_read_only) {
        return;
    }
    let key = state.plan_key.get_untracked();
    let result = state
        .doc
        .with_untracked(|d| storage::save_plan(&key, d.plan()))
        .and_then(|()| {
            let name = state.doc.with_untracked(|d| d.plan().name.clone());
            let stale = state
                .library
                .with_untracked(|l| l.entry(&key).is_none_or(|e| e.name != name));
            if stale {
                state.library.update(|l| l.upsert(&key, &name));
                state.library.with_untracked(storage::save_library)
            } else {
                Ok(())
            }
        });
    state.save.set(match result {
        Ok(()) => SaveStatus::Saved,
        Err(e) => SaveStatus::Failed(e),
    });
}

pub fn install(state: AppState, can_save: bool) {
    if !can_save {
        return;
    }
    let timer = StoredValue::new_local(None::<Timeout>);
    let pending = StoredValue::new(false);
    Effect::new(move |previous: Option<u64>| {
        let revision = state.doc.with(|d| d.revision());
        if previous.is_some_and(|p| p != revision) {
            state.save.set(SaveStatus::Saving);
            pending.set_value(true);
            // Replacing the handle drops (cancels) the previous timeout.
            timer.set_value(Some(Timeout::new(DEBOUNCE_MS, move || {
                if pending.get_value() {
                    pending.set_value(false);
                    save_now(state);
                }
            })));
        }
        revision
    });
    let flush = move || {
        if pending.get_value() {
            pending.set_value(false);
            save_now(state);
        }
    };
    if let Some(window) = web_sys::window() {
        follow_other_tabs(state, pending, &window);
        EventListener::new(&window, "pagehide", move |_| flush()).forget();
        if let Some(document) = window.document() {
            let doc = document.clone();
            EventListener::new(&document, "visibilitychange", move |_| {
                if doc.hidden() {
                    flush();
                }
            })
            .forget();
        }
    }
}

/// When another tab of this origin saves the plan shown here, show its version, so that this
/// tab's next save does not silently overwrite it. (The `storage` event never fires in the tab
/// that wrote.) Saves of other plans only refresh the plan menu. The last writer wins; edits
/// typed in both tabs within the same 300 ms can still collide.
fn follow_other_tabs(state: AppState, pending: StoredValue<bool>, window: &web_sys::Window) {
    EventListener::new(window, "storage", move |ev| {
        let Some(ev) = ev.dyn_ref::<web_sys::StorageEvent>() else {
            return;
        };
        let Some(key) = ev.key() else {
            return;
        };
        if key == library::INDEX_KEY {
            if let Some(raw) = ev.new_value() {
                let mut theirs = Library::decode(Some(&raw), "My plan");
                // Which plan is open is this tab's own business.
                let ours = state.plan_key.get_untracked();
                theirs.open(&ours);
                if state.library.with_untracked(|l| *l != theirs) {
                    state.library.set(theirs);
                }
            }
            return;
        }
        if key != state.plan_key.get_untracked() || state.doc.with_untracked(Document::is_read_only)
        {
            return;
        }
        // A removed or unreadable value is not a plan: keep ours (and save it again later).
        let Some(Ok(plan)) = ev.new_value().map(|raw| crate::store::decode(&raw)) else {
            return;
        };
        if state.doc.with_untracked(|d| *d.plan() == plan) {
            return;
        }
        pending.set_value(false);
        state.edit(|d, g| {
            g.cancel();
            d.reset(plan);
        });
        state.message.set(Some(Message {
            text: td_string!(super::translate::ui(state.locale()), changed_in_other_tab)
                .to_string(),
            undoable: false,
        }));
    })
    .forget();
}

#[component]
pub fn SaveIndicator() -> impl IntoView {
    let state = expect_context::<AppState>();
    let class = move || match state.save.get() {
        SaveStatus::Saved => "save-status saved",
        SaveStatus::Saving => "save-status saving",
        SaveStatus::Failed(_) | SaveStatus::Off => "save-status failed",
    };
    view! {
        <span class=class data-testid="save-status" aria-live="polite">
            {move || state.save.get().text()}
        </span>
    }
}

/// The full explanation of a failed save, as an alert.
#[component]
pub fn SaveAlert() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || match state.save.get() {
        SaveStatus::Failed(e) => Some(view! {
            <div class="alert alert-warning" role="alert" data-testid="save-alert">
                <p>{super::translate::storage_error(state.locale(), &e)}</p>
            </div>
        }),
        _ => None,
    }
}
