//! Autosave: every change is written to the database after a short pause (debounced), and at
//! once when the page is hidden or closed. A save writes only the objectives that changed
//! (`stored_plan::delta`), in one transaction that first checks the plan's revision: a tab
//! that is behind another never writes over it; it keeps its own edits as a version and shows
//! the newer plan. Versions are also kept before large changes (`keep_version`) and at most
//! every ten minutes while editing.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use leptos::prelude::*;

use super::i18n::{t_string, td_string, use_i18n};
use super::{AppState, Message};
use crate::browser::database::{self, SaveError};
use crate::browser::storage::{self, StorageError};
use crate::browser::tabs::{self, News};
use okr_core::history::Document;
use okr_core::library::{self, Library};
use okr_core::model::Plan;
use okr_core::stored_plan::{self, Baseline, Delta};
use okr_core::versions::{self, Meta, Reason};

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

#[derive(Clone)]
enum Work {
    /// Write a delta of the plan (and keep it as a version).
    Save {
        delta: Rc<Delta>,
        version: Option<Meta>,
    },
    /// Remove the plan's records (its versions stay).
    Remove,
}

#[derive(Clone)]
struct Job {
    /// Told apart from the others while it is written.
    id: u64,
    key: String,
    /// The shown plan's generation it belongs to (0: another plan than the one shown).
    generation: u64,
    /// The revision the stored plan must have (`None`: write over whatever is stored).
    expected: Option<u64>,
    work: Work,
}

/// The saving state of the plan shown, and the writes waiting to go out, in order.
struct Saver {
    key: String,
    /// Bumped each time another plan is shown: results for an older one leave this state.
    generation: u64,
    /// The revision the stored plan will have once the queued writes are done.
    rev: Option<u64>,
    /// The plan as handed to the database last (`None`: unknown, the next save writes all).
    baseline: Option<Baseline>,
    queue: VecDeque<Job>,
    running: bool,
    /// When this tab last kept a version of the plan shown.
    last_version_ms: Option<f64>,
    /// Persistent storage was asked for.
    persist_asked: bool,
    /// The id of the next job.
    next_job: u64,
    /// Nothing is saved (a deleted plan is still shown while the next one is read).
    paused: bool,
}

thread_local! {
    static SAVER: RefCell<Saver> = const { RefCell::new(Saver {
        key: String::new(),
        generation: 1,
        rev: None,
        baseline: None,
        queue: VecDeque::new(),
        running: false,
        last_version_ms: None,
        persist_asked: false,
        next_job: 1,
        paused: false,
    }) };
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn meta(key: &str, reason: Reason, delta_or_plan: (&str, usize, usize, usize)) -> Meta {
    let (name, objectives, key_results, size) = delta_or_plan;
    Meta {
        id: 0,
        plan_key: key.to_string(),
        time_ms: now_ms(),
        reason,
        name: name.to_string(),
        objectives,
        key_results,
        size,
    }
}

/// The plan shown is now the one under `key`, stored as revision `rev` (`None`: unknown) and
/// read as `plan` (`stored`: with the length of each objective's record), so the next save
/// writes only what changes from here.
pub(super) fn open_plan(
    key: &str,
    plan: &Plan,
    rev: Option<u64>,
    stored: Option<&HashMap<u64, usize>>,
) {
    SAVER.with(|s| {
        let mut s = s.borrow_mut();
        s.key = key.to_string();
        s.generation += 1;
        s.rev = rev;
        s.baseline = stored.map(|sizes| Baseline::of(plan, sizes));
        s.last_version_ms = None;
        s.paused = false;
    });
}

/// Saves nothing until the next `open_plan`.
pub(super) fn pause() {
    SAVER.with(|s| s.borrow_mut().paused = true);
}

/// Writes the plan shown under its key (only what changed), and the index of plans when the
/// plan's entry there is out of date. A shared plan shown read-only is never written.
pub(super) fn save_now(state: AppState) {
    queue_save(state, None);
}

/// Keeps the plan shown, as it is now, as a version (saving it first), before a change that
/// replaces much of it.
pub(super) fn keep_version(state: AppState, reason: Reason) {
    queue_save(state, Some(reason));
}

fn queue_save(state: AppState, reason: Option<Reason>) {
    if state.doc.with_untracked(Document::is_read_only)
        || matches!(state.save.get_untracked(), SaveStatus::Off)
        || SAVER.with(|s| s.borrow().paused)
    {
        return;
    }
    let key = state.plan_key.get_untracked();
    let now = now_ms();
    let timing = SaveTiming::start();
    let job = SAVER.with(|s| {
        let mut s = s.borrow_mut();
        if s.key != key {
            // The shown plan's key changed without `open_plan` (should not happen): write all.
            s.key = key.clone();
            s.generation += 1;
            s.baseline = None;
        }
        let (delta, is_example) = state.doc.with_untracked(|d| {
            (
                stored_plan::delta(&mut s.baseline, d.plan()),
                d.plan().is_example,
            )
        });
        let delta = match delta {
            Ok(delta) => delta,
            Err(e) => return Err(StorageError::Failed(e.to_string())),
        };
        let reason = reason.or_else(|| {
            (!delta.is_empty() && !is_example && versions::editing_due(s.last_version_ms, now))
                .then_some(Reason::Editing)
        });
        if delta.is_empty() && reason.is_none() {
            return Ok(None);
        }
        let version = reason.map(|r| {
            s.last_version_ms = Some(now);
            meta(
                &key,
                r,
                (&delta.name, delta.objectives, delta.key_results, delta.size),
            )
        });
        let expected = s.rev;
        s.rev = s.rev.map(|r| r + 1);
        Ok(Some(Job {
            id: 0,
            key: key.clone(),
            generation: s.generation,
            expected,
            work: Work::Save {
                delta: Rc::new(delta),
                version,
            },
        }))
    });
    timing.end();
    match job {
        Ok(Some(job)) => push(state, job),
        Ok(None) => {
            if SAVER.with(|s| {
                let s = s.borrow();
                s.queue.is_empty() && !s.running
            }) && state.save.get_untracked() == SaveStatus::Saving
            {
                state.save.set(SaveStatus::Saved);
            }
            update_index(state, &key);
        }
        Err(e) => state.save.set(SaveStatus::Failed(e)),
    }
}

/// The main-thread work of a save (the delta against the last write, the changed objectives
/// encoded) as the user timing measure `okr-grid:save`: the last one only, for the benchmarks.
struct SaveTiming(Option<web_sys::Performance>);

impl SaveTiming {
    const MARK: &'static str = "okr-grid:save-start";
    const MEASURE: &'static str = "okr-grid:save";

    fn start() -> Self {
        let performance = web_sys::window().and_then(|w| w.performance());
        if let Some(p) = &performance {
            let _ = p.mark(Self::MARK);
        }
        SaveTiming(performance)
    }

    fn end(self) {
        if let Some(p) = self.0 {
            p.clear_measures_with_measure_name(Self::MEASURE);
            let _ = p.measure_with_start_mark(Self::MEASURE, Self::MARK);
            p.clear_marks_with_mark_name(Self::MARK);
        }
    }
}

/// Writes `plan` as a new plan under `key` (not the plan shown).
pub(super) fn store_other(state: AppState, key: &str, plan: &Plan) {
    match stored_plan::delta(&mut None, plan) {
        Ok(delta) => push_other(
            state,
            key,
            Work::Save {
                delta: Rc::new(delta),
                version: None,
            },
        ),
        Err(e) => state
            .save
            .set(SaveStatus::Failed(StorageError::Failed(e.to_string()))),
    }
}

/// Removes the plan under `key` from the database, after the writes queued before.
pub(super) fn remove_plan(state: AppState, key: &str) {
    push_other(state, key, Work::Remove);
}

/// Queues work on a plan other than the one shown: no revision expected, no saving state.
fn push_other(state: AppState, key: &str, work: Work) {
    let job = Job {
        id: 0,
        key: key.to_string(),
        generation: 0,
        expected: None,
        work,
    };
    push(state, job);
}

fn push(state: AppState, mut job: Job) {
    let start = SAVER.with(|s| {
        let mut s = s.borrow_mut();
        job.id = s.next_job;
        s.next_job += 1;
        s.queue.push_back(job);
        !std::mem::replace(&mut s.running, true)
    });
    if start {
        leptos::task::spawn_local(run(state));
    }
}

/// The page is going away: every queued write goes out at once, without the revision check
/// (whose answer would come too late), the one in flight too.
fn write_all_now() {
    let jobs: Vec<(String, Option<u64>, Rc<Delta>)> = SAVER.with(|s| {
        let mut s = s.borrow_mut();
        s.queue
            .drain(..)
            .filter_map(|job| match job.work {
                Work::Save { delta, .. } => Some((job.key, job.expected, delta)),
                Work::Remove => None,
            })
            .collect()
    });
    for (key, expected, delta) in jobs {
        let _ = database::save_plan_now(&key, expected.unwrap_or(0) + 1, &delta);
    }
}

async fn run(state: AppState) {
    loop {
        // The job stays queued while it is written (`write_all_now` sends it again if the page
        // goes away meanwhile).
        let Some(job) = SAVER.with(|s| s.borrow().queue.front().cloned()) else {
            SAVER.with(|s| s.borrow_mut().running = false);
            if state.save.get_untracked() == SaveStatus::Saving {
                state.save.set(SaveStatus::Saved);
            }
            return;
        };
        let result = match &job.work {
            Work::Save { delta, version } => {
                database::save_plan(&job.key, job.expected, delta, version.clone()).await
            }
            Work::Remove => database::remove_plan(&job.key)
                .await
                .map(|()| 0)
                .map_err(SaveError::Storage),
        };
        let current = SAVER.with(|s| {
            let mut s = s.borrow_mut();
            if s.queue.front().is_some_and(|j| j.id == job.id) {
                s.queue.pop_front();
            }
            s.generation == job.generation
        });
        match result {
            Ok(rev) => {
                if let Work::Save { delta, .. } = &job.work {
                    if current {
                        SAVER.with(|s| {
                            let mut s = s.borrow_mut();
                            let more = s.queue.iter().any(|j| j.generation == job.generation);
                            if s.rev.is_none() && !more {
                                s.rev = Some(rev);
                            }
                        });
                        update_index(state, &job.key);
                        if !delta.name.is_empty() {
                            ask_to_persist(state);
                        }
                    }
                    tabs::announce(&News::Plan {
                        key: job.key.clone(),
                        rev,
                    });
                }
            }
            Err(e) => {
                // What was queued after this write assumed it: it is dropped, and the next save
                // of the plan shown writes everything again.
                SAVER.with(|s| {
                    let mut s = s.borrow_mut();
                    s.queue
                        .retain(|j| j.generation != job.generation || job.generation == 0);
                    if current {
                        s.baseline = None;
                        s.rev = job.expected;
                    }
                });
                match e {
                    SaveError::Behind { rev } if current => {
                        SAVER.with(|s| s.borrow_mut().rev = Some(rev));
                        take_newer(state, &job.key, true).await;
                    }
                    SaveError::Behind { .. } => state.save.set(SaveStatus::Failed(
                        StorageError::Failed("another tab saved this plan first".into()),
                    )),
                    SaveError::Storage(e) => state.save.set(SaveStatus::Failed(e)),
                }
            }
        }
    }
}

/// Brings the shown plan's entry in the index of plans up to date (its name, or the entry
/// itself after another tab deleted it) once `key` was saved, and writes the index when it
/// changed. Not while a deleted plan is still shown.
fn update_index(state: AppState, key: &str) {
    if key != state.plan_key.get_untracked() || SAVER.with(|s| s.borrow().paused) {
        return;
    }
    let name = state.doc.with_untracked(|d| d.plan().name.clone());
    let stale = state
        .library
        .with_untracked(|l| l.entry(key).is_none_or(|e| e.name != name));
    if stale {
        state.library.update(|l| l.upsert(key, &name));
        save_library(state);
    }
}

/// Writes the index of plans (in the background; a failure is shown as a failed save).
pub(super) fn save_library(state: AppState) {
    let text = state.library.with_untracked(Library::encode);
    write_text(state, library::INDEX_KEY, Some(text));
}

/// Writes a small text (`None`: removes it): the page reads the new value at once, the
/// database gets it in the background, and a failure is shown as a failed save.
pub(super) fn write_text(state: AppState, key: &'static str, value: Option<String>) {
    if matches!(state.save.get_untracked(), SaveStatus::Off) {
        return;
    }
    let written = database::kv_set(key, value.as_deref());
    leptos::task::spawn_local(async move {
        if let Err(e) = written.await {
            state.save.set(SaveStatus::Failed(e));
        }
    });
}

/// Once the user has a plan of their own saved, asks the browser to keep the data under
/// storage pressure.
fn ask_to_persist(state: AppState) {
    let ask = state.doc.with_untracked(|d| !d.plan().is_example)
        && SAVER.with(|s| !std::mem::replace(&mut s.borrow_mut().persist_asked, true));
    if ask {
        leptos::task::spawn_local(async {
            let _ = database::persist().await;
        });
    }
}

/// Another tab saved the plan shown: this tab shows the stored plan. `kept`: this tab's own
/// edits could not be saved over it, so they are kept as a version first.
async fn take_newer(state: AppState, key: &str, kept: bool) {
    if kept {
        let saved = state.doc.with_untracked(|d| {
            let plan = d.plan();
            let text = okr_core::store::encode(plan)?;
            let m = meta(
                key,
                Reason::OtherTab,
                (
                    &plan.name,
                    plan.objectives.len(),
                    plan.key_result_count(),
                    text.len(),
                ),
            );
            Ok::<_, okr_core::store::EncodeError>((m, text))
        });
        // A plan that does not encode is not kept: nothing is written, the save is failed.
        let written = match saved {
            Ok((m, text)) => database::add_version(m, &text).await,
            Err(e) => Err(StorageError::Failed(e.to_string())),
        };
        if let Err(e) = written {
            // Not even kept as a version: the edits stay in the page and the save is failed.
            state.save.set(SaveStatus::Failed(e));
            return;
        }
    }
    let Ok(Some(read)) = storage::read_plan(key).await else {
        return;
    };
    if state.plan_key.get_untracked() != key {
        return;
    }
    open_plan(key, &read.plan, Some(read.rev), Some(&read.sizes));
    if state.doc.with_untracked(|d| *d.plan() == read.plan) {
        return;
    }
    // A newer build saved it with what this one does not know: shown, never saved over.
    let newer = !read.complete;
    state.edit(|d, g| {
        g.cancel();
        if newer {
            d.reset_read_only(read.plan);
        } else {
            d.reset(read.plan);
        }
    });
    state.newer.set(newer);
    let u = state.locale();
    let text = if kept {
        td_string!(u, changed_in_other_tab_kept).to_string()
    } else {
        td_string!(u, changed_in_other_tab).to_string()
    };
    state.message.set(Some(Message {
        text,
        undoable: false,
    }));
    state.save.set(SaveStatus::Saved);
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
    follow_other_tabs(state, pending);
    if let Some(window) = web_sys::window() {
        EventListener::new(&window, "pagehide", move |_| {
            flush();
            write_all_now();
        })
        .forget();
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

/// What other tabs of this origin save: a newer revision of the plan shown is shown here when
/// this tab has nothing unsaved (otherwise its next save finds it is behind, keeps its edits
/// as a version and shows the newer plan); the index of plans and other small texts are
/// taken as they are written.
fn follow_other_tabs(state: AppState, pending: StoredValue<bool>) {
    tabs::listen(move |news| match news {
        News::Text { key, value } => {
            database::kv_mirror(&key, value.clone());
            if key == library::INDEX_KEY {
                if let Some(raw) = value {
                    let mut theirs = Library::decode(Some(&raw), "My plan");
                    // Which plan is open is this tab's own business.
                    let ours = state.plan_key.get_untracked();
                    theirs.open(&ours);
                    if state.library.with_untracked(|l| *l != theirs) {
                        state.library.set(theirs);
                    }
                }
            } else if key == okr_core::store::REPLACED_KEY {
                state.replaced.set(
                    value
                        .and_then(|raw| okr_core::store::decode_replaced(&raw).ok())
                        .map(|(_, plan)| plan.name),
                );
            }
        }
        News::Plan { key, rev } => {
            if key != state.plan_key.get_untracked()
                || state.doc.with_untracked(Document::is_read_only)
            {
                return;
            }
            let (behind, busy) = SAVER.with(|s| {
                let s = s.borrow();
                (
                    s.rev.is_none_or(|r| r < rev),
                    s.running || !s.queue.is_empty(),
                )
            });
            if behind && !busy && !pending.get_value() {
                leptos::task::spawn_local(async move { take_newer(state, &key, false).await });
            }
        }
    });
}

#[component]
pub(crate) fn SaveIndicator() -> impl IntoView {
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
pub(crate) fn SaveAlert() -> impl IntoView {
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
