//! "Versions…" in the plan menu: the plan's saved versions (time, why, counts), each restored
//! over the plan (one undoable step) or opened as a new plan; versions of deleted plans are
//! listed too. Also the storage the browser gives okr-grid, shown in the plan menu.

use leptos::prelude::*;

use super::i18n::{t, t_string, td_string, use_i18n};
use super::{autosave, on_demand, plans_view, translate, AppState, Message};
use crate::browser::database;
use okr_core::command::Command;
use okr_core::versions::{self, Meta, Reason};

/// What the versions panel shows.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum VersionsPanel {
    Closed,
    Loading,
    Listed(Vec<Meta>),
    Failed(String),
}

/// Opens the panel and reads the list.
pub fn open(state: AppState) {
    state.versions.set(VersionsPanel::Loading);
    refresh(state);
}

fn refresh(state: AppState) {
    leptos::task::spawn_local(async move {
        let listed = match database::versions().await {
            Ok(all) => VersionsPanel::Listed(all),
            Err(e) => VersionsPanel::Failed(
                td_string!(
                    state.locale(),
                    versions_failed,
                    why = translate::storage_error(state.locale(), &e)
                )
                .to_string(),
            ),
        };
        if state.versions.get_untracked() != VersionsPanel::Closed {
            state.versions.set(listed);
        }
    });
}

/// A moment as the interface language writes it.
fn when(state: AppState, ms: f64) -> String {
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms))
        .to_locale_string(state.locale().tag(), &wasm_bindgen::JsValue::UNDEFINED)
        .into()
}

fn say(state: AppState, text: String, undoable: bool) {
    state.message.set(Some(Message { text, undoable }));
}

/// Reads a version's plan; says why when it cannot.
async fn read(state: AppState, id: u64) -> Option<okr_core::model::Plan> {
    let plan = match database::version_text(id).await {
        Ok(Some(text)) => okr_core::store::decode(&text),
        Ok(None) => Err(okr_core::store::LoadError::Unreadable(
            "the version is no longer stored".into(),
        )),
        Err(e) => Err(e),
    };
    plan.map_err(|e| {
        let why = translate::load_error(state.locale(), &e);
        let u = state.locale();
        say(
            state,
            td_string!(u, version_unreadable, why).to_string(),
            false,
        );
    })
    .ok()
}

/// Puts a version in place of the plan shown, as one undoable step (a version of what was
/// there is kept first).
fn restore(state: AppState, meta: Meta) {
    if state.refuse_read_only() {
        return;
    }
    leptos::task::spawn_local(async move {
        let Some(plan) = read(state, meta.id).await else {
            return;
        };
        autosave::keep_version(state, Reason::Restore);
        let done = state.edit(|d, g| {
            g.cancel();
            g.active = None;
            d.execute(Command::ReplacePlan(Box::new(plan))).is_ok()
        });
        if done {
            let time = when(state, meta.time_ms);
            let u = state.locale();
            say(
                state,
                td_string!(u, version_restored, time).to_string(),
                true,
            );
            state.versions.set(VersionsPanel::Closed);
        }
    });
}

/// Opens a version as a plan of its own (the plan shown is not touched).
fn open_as_new(state: AppState, meta: Meta) {
    leptos::task::spawn_local(async move {
        let Some(mut plan) = read(state, meta.id).await else {
            return;
        };
        let u = state.locale();
        let time = when(state, meta.time_ms);
        let base = td_string!(
            u,
            version_name,
            name = plan.name.clone(),
            time = time.clone()
        )
        .to_string();
        plan.name = state.library.with_untracked(|l| l.new_name(&base));
        plan.is_example = false;
        let name = plan.name.clone();
        if plans_view::add_plan(state, plan) {
            say(
                state,
                td_string!(u, version_opened_new, time, name).to_string(),
                false,
            );
            state.versions.set(VersionsPanel::Closed);
        }
    });
}

#[component]
fn VersionRow(meta: Meta, restorable: bool) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let time = when(state, meta.time_ms);
    let reason = translate::version_reason(state.locale(), meta.reason);
    let (objectives, key_results) = (meta.objectives, meta.key_results);
    let name = meta.name.clone();
    let for_restore = meta.clone();
    let for_open = meta.clone();
    let t1 = time.clone();
    let t2 = time.clone();
    view! {
        <li class="version" data-testid="version">
            <span class="version-time">{time}</span>
            " · "
            <span class="version-reason">{reason}</span>
            " · "
            <span class="version-counts">{move || t_string!(i18n, version_counts, objectives, key_results).to_string()}</span>
            {(!restorable).then(|| view! { <span class="version-name">" · "{name}</span> })}
            <span class="version-actions">
                {restorable.then(|| view! {
                    <button
                        type="button"
                        data-testid="version-restore"
                        disabled=move || state.read_only.get()
                        aria-label=move || t_string!(i18n, version_restore_label, time = t1.clone()).to_string()
                        on:click=move |_| restore(state, for_restore.clone())
                    >
                        {t!(i18n, version_restore)}
                    </button>
                })}
                <button
                    type="button"
                    data-testid="version-open"
                    aria-label=move || t_string!(i18n, version_open_new_label, time = t2.clone()).to_string()
                    on:click=move |_| open_as_new(state, for_open.clone())
                >
                    {t!(i18n, version_open_new)}
                </button>
            </span>
        </li>
    }
}

#[component]
pub(crate) fn VersionsPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let open = Memo::new(move |_| state.versions.with(|v| *v != VersionsPanel::Closed));
    move || open.get().then(|| on_demand::show(panel()))
}

part! {
    versions;
    /// The open panel: its title, the list (or why there is none) and Close.
    fn panel() -> Result<AnyView, on_demand::NotLoaded> {
        let state = expect_context::<AppState>();
        let i18n = use_i18n();
        let body = move || match state.versions.get() {
            VersionsPanel::Closed => ().into_any(),
            VersionsPanel::Loading => view! { <p aria-busy="true">"…"</p> }.into_any(),
            VersionsPanel::Failed(why) => view! { <p role="alert">{why}</p> }.into_any(),
            VersionsPanel::Listed(all) => on_demand::show(listed(all)).into_any(),
        };
        Ok(view! {
            <section
                class="versions-panel"
                data-testid="versions-panel"
                aria-label=move || t_string!(i18n, versions_title).to_string()
            >
                <h2>{t!(i18n, versions_title)}</h2>
                {body}
                <button type="button" data-testid="versions-close" on:click=move |_| state.versions.set(VersionsPanel::Closed)>
                    {t!(i18n, versions_close)}
                </button>
            </section>
        }
        .into_any())
    }
}

part! {
    versions;
    /// The list of kept versions (code fetched the first time the panel lists them).
    fn listed(all: Vec<Meta>) -> Result<AnyView, on_demand::NotLoaded> {
        let state = expect_context::<AppState>();
        let i18n = use_i18n();
        let key = state.plan_key.get();
        let own: Vec<Meta> = versions::of_plan(&all, &key).into_iter().cloned().collect();
        let deleted: Vec<Meta> = {
            let mut list: Vec<Meta> = all
                .iter()
                .filter(|m| state.library.with(|l| l.entry(&m.plan_key).is_none()))
                .cloned()
                .collect();
            list.sort_by(|a, b| b.time_ms.total_cmp(&a.time_ms));
            list
        };
        let none = own.is_empty();
        Ok(view! {
            {none.then(|| view! { <p data-testid="versions-none">{t!(i18n, versions_none)}</p> })}
            <ol class="versions-list" data-testid="versions-list">
                {own.into_iter().map(|meta| view! { <VersionRow meta restorable=true/> }).collect_view()}
            </ol>
            {(!deleted.is_empty()).then(|| view! {
                <ol class="versions-list versions-deleted" data-testid="versions-deleted">
                    {deleted.into_iter().map(|meta| view! { <VersionRow meta restorable=false/> }).collect_view()}
                </ol>
            })}
        }
        .into_any())
    }
}

/// The storage the browser gives okr-grid, read each time the plan menu opens.
#[component]
pub(crate) fn StorageEstimate(open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let text = RwSignal::new(None::<(f64, f64)>);
    Effect::new(move |_| {
        if open.get() {
            leptos::task::spawn_local(async move {
                text.set(database::estimate().await);
            });
        }
    });
    move || {
        text.get().map(|(used, quota)| {
            let used = versions::size_text(used);
            let quota = versions::size_text(quota);
            view! {
                <p class="storage-estimate" data-testid="storage-estimate">
                    {t_string!(i18n, storage_estimate, used, quota).to_string()}
                </p>
            }
        })
    }
}
