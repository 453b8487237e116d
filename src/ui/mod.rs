//! The Leptos shell: components render state and send commands to the core. Logic that a test
//! would want to reach lives in the core modules, not here.

mod autosave;
mod backlog_view;
mod dashboard_view;
mod details_view;
mod export_view;
mod filter_bar;
mod grid_columns;
mod grid_view;
mod health_view;
mod i18n;
mod import_view;
mod language_view;
mod merge_view;
mod on_demand;
mod plans_view;
mod present_view;
mod share_view;
mod toolbar;
mod translate;
mod tree_view;
mod versions_view;
mod weekly_view;

use leptos::prelude::*;

use i18n::{t, t_string, td_string, use_i18n};

use crate::browser::download::download_text;
use crate::browser::storage::{self, StartupNotice};
use okr_core::grid::GridState;
use okr_core::history::Document;
use okr_core::model::Plan;
use okr_core::score;

pub use autosave::SaveStatus;

/// The app's state, shared through context. Every field is a Copy handle.
#[derive(Clone, Copy)]
pub(crate) struct AppState {
    pub doc: RwSignal<Document>,
    pub grid: RwSignal<GridState>,
    /// The interface language (`GridState::locale`), for views that word or format text:
    /// they are drawn again when it changes, not on every grid change.
    pub language: Memo<okr_core::locale::Locale>,
    /// A shared plan is shown: every editing control is disabled.
    pub read_only: Memo<bool>,
    pub save: RwSignal<SaveStatus>,
    /// The last structural action ("Deleted …"), or news from another tab.
    pub message: RwSignal<Option<Message>>,
    /// The import in progress, if any (reading, previewing, or failed).
    pub import: RwSignal<import_view::ImportState>,
    /// The storage key of the plan shown (`library`).
    pub plan_key: RwSignal<String>,
    /// The plans this browser keeps.
    pub library: RwSignal<okr_core::library::Library>,
    /// The "Share read-only link" panel.
    pub share: RwSignal<share_view::SharePanel>,
    /// The plan deleted last, while its message offers "Undo delete".
    pub deleted_plan: RwSignal<Option<plans_view::Deleted>>,
    /// The name of the plan the last "Replace" import replaced, kept in storage (after a
    /// reload too) while the plan menu offers "Undo import".
    pub replaced: RwSignal<Option<String>>,
    /// The plan shown was saved by a newer build with what this one does not know: it is
    /// read-only, but the plan menu stays usable.
    pub newer: RwSignal<bool>,
    /// The "Versions…" panel.
    pub versions: RwSignal<versions_view::VersionsPanel>,
    /// The slide shown in presentation mode (`None`: not presenting).
    pub presenting: RwSignal<Option<usize>>,
    /// The grid's zoom in percent (`grid::fit::ZOOM_LEVELS`).
    pub zoom: RwSignal<u16>,
    /// Column widths the user set, in px at 100 % (`None`: fitted to the content).
    pub widths: RwSignal<Option<Vec<f64>>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    pub text: String,
    /// Offer an Undo button beside it.
    pub undoable: bool,
}

impl Message {
    pub fn undoable(text: String) -> Self {
        Message {
            text,
            undoable: true,
        }
    }
}

impl AppState {
    /// Runs `f` on the document and the grid state together, then notifies only what changed,
    /// so a click that edits nothing does not re-render the plan.
    pub fn edit<R: Default>(&self, f: impl FnOnce(&mut Document, &mut GridState) -> R) -> R {
        let mut f = Some(f);
        let mut out = None;
        self.edit_with(&mut |d, g| {
            if let Some(f) = f.take() {
                out = Some(f(d, g));
            }
        });
        // `None` only if the signal were disposed, which the app's own signals never are.
        out.unwrap_or_default()
    }

    /// `edit`'s work, written once (not once per caller's closure: forty of them).
    #[inline(never)]
    fn edit_with(&self, f: &mut dyn FnMut(&mut Document, &mut GridState)) {
        let mut grid = self.grid.get_untracked();
        let before = self.doc.with_untracked(Document::revision);
        self.doc.update_untracked(|d| {
            f(d, &mut grid);
            grid.settle(d.plan());
        });
        if self.doc.with_untracked(Document::revision) != before {
            self.doc.notify();
        }
        if self.grid.with_untracked(|old| *old != grid) {
            self.grid.set(grid);
        }
    }

    /// The interface's locale (numbers, dates and the catalogue messages are in it).
    /// In a shared plan, says at once that it is read-only (and how to get an editable copy)
    /// and returns true; otherwise false.
    pub(crate) fn refuse_read_only(&self) -> bool {
        if !self.read_only.get_untracked() {
            return false;
        }
        let text = if self.newer.get_untracked() {
            td_string!(self.locale(), err_read_only_newer).to_string()
        } else {
            translate::command_error(self.locale(), &okr_core::command::CommandError::ReadOnly)
        };
        self.message.set(Some(Message {
            text,
            undoable: false,
        }));
        true
    }

    pub fn locale(&self) -> okr_core::locale::Locale {
        self.grid.with_untracked(|g| g.locale)
    }

    pub fn undo(&self) {
        self.edit(|d, _| d.undo());
        self.message.set(None);
    }

    pub fn redo(&self) {
        self.edit(|d, _| d.redo());
        self.message.set(None);
    }
}

/// A value computed from the plan now, then again each time the plan has been still for
/// `delay`: whole-plan passes (filter menus, health checks) kept off the typing path. The
/// signal is set only when the value changed.
pub(crate) fn when_still<T>(
    state: AppState,
    delay: std::time::Duration,
    compute: impl Fn(&okr_core::model::Plan) -> T + Copy + Send + Sync + 'static,
) -> RwSignal<T>
where
    T: PartialEq + Send + Sync + 'static,
{
    let value = RwSignal::new(state.doc.with_untracked(|d| compute(d.plan())));
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |first: Option<()>| {
        state.doc.track();
        if first.is_none() {
            return;
        }
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let refresh = move || {
            let now = state.doc.with_untracked(|d| compute(d.plan()));
            if value.with_untracked(|v| *v != now) {
                value.set(now);
            }
        };
        pending.set_value(set_timeout_with_handle(refresh, delay).ok());
    });
    value
}

/// Reads what is stored (`storage::start`), then mounts the app on the page's body.
pub fn start() {
    // Leptos's own executor starts with the mount: this first task runs on the browser's.
    wasm_bindgen_futures::spawn_local(async {
        // The saved language, else the browser's; its texts are fetched beside the reading
        // of the stored plan (English needs nothing fetched). If they cannot come, the page
        // opens in English and says so.
        let wanted = language_view::initial_locale();
        let texts = i18n::load(wanted);
        let startup = storage::start().await;
        let shared = share_view::shared_plan().await;
        let (locale, not_loaded) = match texts.await {
            Ok(()) => (wanted, None),
            Err(why) => (okr_core::locale::Locale::En, Some((wanted, why))),
        };
        leptos::mount::mount_to_body(move || view! { <Shell startup shared locale not_loaded/> });
    });
}

#[component]
fn Shell(
    startup: storage::Startup,
    shared: Option<Result<Plan, share_view::NotShared>>,
    /// The interface language, its texts here.
    locale: okr_core::locale::Locale,
    /// The language wanted, if its texts could not be fetched, and why.
    not_loaded: Option<(okr_core::locale::Locale, String)>,
) -> impl IntoView {
    let mut startup = startup;
    // A share link in the address opens that plan read-only; the user's own plans stay as
    // they are (and stay in the plan menu).
    let shared = match shared {
        Some(Ok(plan)) => Some(plan),
        Some(Err(not)) => {
            let why = match not {
                share_view::NotShared::Unreadable(e) => translate::share_error(locale, &e),
                share_view::NotShared::NotLoaded => on_demand::not_loaded_text(locale),
            };
            startup.notice = Some(StartupNotice::Share(why));
            None
        }
        None => None,
    };
    // A first visit shows the example in the language the page opens in, its check-ins
    // ending today (an untouched example is brought up to today on each visit).
    let redated = okr_core::example::untouched_example(&startup.plan).is_some();
    if redated {
        startup.plan = okr_core::example::example_plan_on(locale, crate::browser::clock::today());
    }
    let newer = shared.is_none() && startup.newer;
    // The plan as stored is the baseline of the next save (a re-dated example is written whole).
    let as_stored = (startup.rev.is_some() && !redated).then_some(&startup.sizes);
    autosave::open_plan(&startup.key, &startup.plan, startup.rev, as_stored);
    let doc = match shared {
        Some(plan) => Document::read_only(plan),
        None if newer => Document::read_only(startup.plan),
        None => Document::new(startup.plan),
    };
    let grid = RwSignal::new({
        let mut grid = GridState::default();
        // Today, for the pace rule's status filter.
        grid.filter.today = crate::browser::clock::today();
        grid
    });
    let doc_signal = RwSignal::new(doc);
    let state = AppState {
        doc: doc_signal,
        grid,
        language: Memo::new(move |_| grid.with(|g| g.locale)),
        read_only: Memo::new(move |_| doc_signal.with(Document::is_read_only)),
        save: RwSignal::new(if startup.can_save {
            SaveStatus::Saved
        } else {
            SaveStatus::Off
        }),
        message: RwSignal::new(None),
        import: RwSignal::new(import_view::ImportState::Idle),
        plan_key: RwSignal::new(startup.key),
        library: RwSignal::new(startup.library),
        share: RwSignal::new(share_view::SharePanel::Closed),
        deleted_plan: RwSignal::new(None),
        replaced: RwSignal::new(plans_view::replaced_name()),
        newer: RwSignal::new(newer),
        versions: RwSignal::new(versions_view::VersionsPanel::Closed),
        presenting: RwSignal::new(None),
        zoom: RwSignal::new(grid_columns::load_zoom()),
        widths: RwSignal::new(grid_columns::load_widths()),
    };
    provide_context(state);
    export_view::provide_export_error();
    let i18n = use_i18n();
    // The saved language, else the browser's: interface text and numbers.
    language_view::apply(state, locale);
    language_view::follow_in_page(state);
    if let Some((wanted, why)) = not_loaded {
        language_view::say_not_loaded(state, wanted, why);
    }
    autosave::install(state, startup.can_save);
    share_view::follow_pasted_links();

    // Undo and redo from anywhere on the page (focus may be on the body after a row is
    // deleted), except inside a text field, which keeps its own undo.
    let _undo_keys = window_event_listener(leptos::ev::keydown, move |ev| {
        let in_text_field = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok())
            .is_some();
        if in_text_field || !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
            return;
        }
        match (ev.key().to_lowercase().as_str(), ev.shift_key()) {
            ("z", false) => state.undo(),
            ("z", true) | ("y", false) => state.redo(),
            _ => return,
        }
        ev.prevent_default();
    });

    view! {
        <div
            class="app"
            on:dragover=import_view::on_dragover
            on:drop=import_view::on_drop(state)
        >
            <header class="app-header">
                <h1 class="brand">"okr-grid"</h1>
                <PlanName/>
                <plans_view::PlanSwitcher/>
                <autosave::SaveIndicator/>
                <language_view::LanguageSwitcher/>
            </header>
            <StartupAlert notice=startup.notice/>
            <share_view::SharedBanner/>
            <autosave::SaveAlert/>
            <ExampleBanner/>
            <toolbar::Toolbar/>
            <export_view::ExportAlert/>
            <share_view::ShareLinkPanel/>
            <versions_view::VersionsPanel/>
            <import_view::ImportPanel import_state=state.import/>
            <div class="summary-bar">
                <PlanSummary/>
                <ScoringRulePicker/>
            </div>
            <filter_bar::FilterBar/>
            // The grid with the selected row's details where the eye is: beside it on a wide
            // screen, right under it (the grid shorter) on a laptop.
            <div class="workspace">
                <div class="workspace-grid">
                    <grid_view::Grid/>
                    <ActionMessage/>
                </div>
                <details_view::DetailsPanel/>
            </div>
            <health_view::HealthPanel/>
            <dashboard_view::Dashboard/>
            <backlog_view::BacklogPanel/>
            <weekly_view::WeeklyCheckIn/>
            <tree_view::AlignmentTree/>
            <footer class="app-footer">{move || t_string!(i18n, footer).to_string()}</footer>
            <present_view::Presentation/>
        </div>
    }
}

#[component]
fn PlanName() -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let name = Memo::new(move |_| state.doc.with(|d| d.plan().name.clone()));
    view! {
        <input
            class="plan-name"
            type="text"
            prop:readOnly=move || state.read_only.get()
            aria-label=move || t_string!(i18n, plan_name).to_string()
            prop:value=move || name.get()
            on:change=move |ev| {
                let value = event_target_value(&ev);
                state.edit(|d, _| d.execute(okr_core::command::Command::RenamePlan(value)).ok());
            }
        />
    }
}

#[component]
fn StartupAlert(notice: Option<StartupNotice>) -> impl IntoView {
    // Rare (a plan recovered, storage off, a share link that does not open): the code is
    // in the `startup` part, fetched only when there is something to say.
    notice.map(|n| on_demand::show(startup_alert(n)))
}

part! {
    startup;
    /// What the user must be told about the start, with Dismiss (and the unreadable text's
    /// download when it was backed up).
    fn startup_alert(notice: StartupNotice) -> Result<AnyView, on_demand::NotLoaded> {
        let state = expect_context::<AppState>();
        let i18n = use_i18n();
        let locale = state.language;
        let notice = RwSignal::new(Some(notice));
        Ok((move || {
            notice.get().map(|n| {
                let backup_key = match &n {
                    StartupNotice::Recovered { backup_key, .. }
                    | StartupNotice::NotMovedPlan { backup_key, .. } => Some(backup_key.clone()),
                    _ => None,
                };
                let download = backup_key.map(|key| {
                    let on_click = move |_| {
                        let raw = crate::browser::database::kv_get(&key)
                            .or_else(|| storage::read(&key).ok().flatten());
                        if let Some(raw) = raw {
                            let _ = download_text("okr-grid-unreadable-plan.json", "application/json", &raw);
                        }
                    };
                    view! { <button type="button" on:click=on_click>{t!(i18n, download_unreadable)}</button> }
                });
                view! {
                    <div class="alert alert-error" role="alert" data-testid="startup-alert">
                        <p>{translate::startup_notice(locale.get(), &n)}</p>
                        <div class="alert-actions">
                            {download}
                            <button type="button" on:click=move |_| notice.set(None)>{t!(i18n, dismiss)}</button>
                        </div>
                    </div>
                }
            })
        })
        .into_any())
    }
}

#[component]
fn ExampleBanner() -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let is_example = Memo::new(move |_| state.doc.with(|d| d.plan().is_example));
    view! {
        <Show when=move || is_example.get()>
            <p class="example-banner" data-testid="example-banner">
                <strong>{t!(i18n, example_plan)}</strong>
                " "
                {t!(i18n, example_text)}
                " "
                <button type="button" disabled=move || state.read_only.get() on:click=move |_| toolbar::new_plan(state)>{t!(i18n, new_plan)}</button>
                "."
            </p>
        </Show>
    }
}

#[component]
fn PlanSummary() -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let summary = Memo::new(move |_| {
        state.doc.with(|d| {
            let plan = d.plan();
            let s = score::plan_score(plan);
            (
                okr_core::grid::format_score_in(s, state.grid.with_untracked(|g| g.locale)),
                s.map(score::status).unwrap_or(score::Status::NoData),
                plan.objectives.len(),
                plan.key_result_count(),
            )
        })
    });
    view! {
        <p class="plan-summary" data-testid="plan-summary">
            {move || {
                let (value, status, objectives, krs) = summary.get();
                view! {
                    <span>{t!(i18n, plan_score)}" "</span>
                    <strong class="score-value">{if value.is_empty() { "–".to_string() } else { value }}</strong>
                    " "
                    <span class=format!("badge {}", status.css())>{status_text(status)}</span>
                    <span class="counts">
                        " · "
                        {t!(i18n, objectives_count, count = move || objectives)}
                        " · "
                        {t!(i18n, key_results_count, count = move || krs)}
                    </span>
                }
            }}
        </p>
    }
}

/// The interface language, tracked (a view that calls this is drawn again when it changes).
fn tracked_locale() -> okr_core::locale::Locale {
    expect_context::<AppState>().language.get()
}

/// A grid column's header in the interface language.
pub(crate) fn column_name(c: okr_core::grid::Column) -> String {
    translate::column(tracked_locale(), c)
}

/// A status band's words in the interface language (colour is never the only signal).
pub(crate) fn status_text(status: score::Status) -> String {
    translate::status(tracked_locale(), status)
}

/// The scoring rule in force, named and switchable (one undo step), with what it does.
#[component]
fn ScoringRulePicker() -> impl IntoView {
    use okr_core::model::ScoringRule;
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let label = move |r: ScoringRule| match r {
        ScoringRule::Linear => t_string!(i18n, rule_linear).to_string(),
        ScoringRule::Graded => t_string!(i18n, rule_graded).to_string(),
        ScoringRule::Thresholds => t_string!(i18n, rule_thresholds).to_string(),
        ScoringRule::Pace => t_string!(i18n, rule_pace).to_string(),
    };
    let summary = move |r: ScoringRule| match r {
        ScoringRule::Linear => t_string!(i18n, rule_linear_summary).to_string(),
        ScoringRule::Graded => t_string!(i18n, rule_graded_summary).to_string(),
        ScoringRule::Thresholds => t_string!(i18n, rule_thresholds_summary).to_string(),
        ScoringRule::Pace => t_string!(i18n, rule_pace_summary).to_string(),
    };
    let rule = Memo::new(move |_| state.doc.with(|d| (d.plan().scoring, d.plan().pace_margin)));
    let set = move |rule: ScoringRule, pace_margin: f64| {
        let result = state.edit(|d, _| {
            Some(d.execute(okr_core::command::Command::SetScoring { rule, pace_margin }))
        });
        state.message.set(match result {
            Some(Ok(())) => Some(Message::undoable(format!(
                "{}: {}.",
                t_string!(i18n, scoring_rule),
                label(rule)
            ))),
            Some(Err(e)) => Some(Message {
                text: e.to_string(),
                undoable: false,
            }),
            None => None,
        });
    };
    view! {
        <div class="scoring-rule">
            <label>
                {t!(i18n, scoring_rule)}
                " "
                <select
                    data-testid="scoring-rule"
                    disabled=move || state.read_only.get()
                    aria-label=move || t_string!(i18n, scoring_rule).to_string()
                    on:change=move |ev| {
                        let margin = rule.get_untracked().1;
                        if let Some(r) = ScoringRule::from_code(&event_target_value(&ev)) {
                            set(r, margin);
                        }
                    }
                >
                    {ScoringRule::ALL
                        .into_iter()
                        .map(|r| {
                            view! {
                                <option value=r.code() prop:selected=move || rule.get().0 == r>
                                    {move || label(r)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <Show when=move || rule.get().0 == ScoringRule::Pace>
                <label>
                    " "
                    {t!(i18n, margin)}
                    " "
                    <input
                        type="number"
                        min="1"
                        max="50"
                        step="1"
                        size="3"
                        data-testid="pace-margin"
                        disabled=move || state.read_only.get()
                        aria-label=move || t_string!(i18n, pace_margin_aria).to_string()
                        prop:value=move || okr_core::value::percent(rule.get().1).trim_end_matches('%').to_string()
                        on:change=move |ev| {
                            let text = event_target_value(&ev);
                            let points = text.trim().parse::<f64>().unwrap_or(f64::NAN);
                            set(ScoringRule::Pace, points / 100.0);
                        }
                    />
                    " "
                    {t!(i18n, points)}
                </label>
            </Show>
            <span class="scoring-summary" data-testid="scoring-summary">{move || summary(rule.get().0)}</span>
        </div>
    }
}

#[component]
fn ActionMessage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    view! {
        <div class="action-message" role="status">
            {move || {
                state.message.get().map(|m| {
                    let undo = m.undoable.then(|| {
                        view! {
                            " "
                            <button type="button" on:click=move |_| state.undo()>{t!(i18n, undo)}</button>
                        }
                    });
                    let deleted = state
                        .deleted_plan
                        .with(|d| d.as_ref().is_some_and(|d| d.message == m.text));
                    let undo_delete = deleted.then(|| {
                        view! {
                            " "
                            <button type="button" on:click=move |_| plans_view::undo_delete(state)>
                                {t!(i18n, undo_delete)}
                            </button>
                        }
                    });
                    view! {
                        <span>{m.text}</span>
                        {undo}
                        {undo_delete}
                    }
                })
            }}
        </div>
    }
}
