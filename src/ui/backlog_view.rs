//! The backlog of candidate objectives under the grid: a stack rank you edit in place (title,
//! team, Impact, Confidence, Ease), with ICE = I × C × E, "Sort by ICE", ranking by dragging
//! a row or with Alt+↑/↓ (and the Move buttons), and "Promote" into the period shown. The rules
//! are `backlog`'s; every change is one undo step.

use leptos::prelude::*;

use super::i18n::{t, t_string, td_string, use_i18n};
use super::translate::{self, Say};
use super::{on_demand, AppState, Message};
use okr_core::backlog;
use okr_core::command::Command;
use okr_core::model::{Candidate, Id};

fn run(state: AppState, command: Option<Command>, done: String) {
    let Some(command) = command else {
        return;
    };
    let result = state.edit(|d, _| Some(d.execute(command)));
    state.message.set(match result {
        Some(Ok(())) => Some(Message::undoable(done)),
        Some(Err(e)) => Some(Message {
            text: e.say(state.locale()),
            undoable: false,
        }),
        None => None,
    });
}

fn candidate(state: AppState, id: Id) -> Option<Candidate> {
    state
        .doc
        .with_untracked(|d| d.plan().backlog.iter().find(|c| c.id == id).cloned())
}

fn move_by(state: AppState, id: Id, delta: isize) {
    let (command, title) = state.doc.with_untracked(|d| {
        let plan = d.plan();
        let Some(at) = plan.backlog.iter().position(|c| c.id == id) else {
            return (None, String::new());
        };
        let Some(to) = at.checked_add_signed(delta) else {
            return (None, String::new());
        };
        (
            backlog::move_to(plan, id, to),
            plan.backlog[at].title.clone(),
        )
    });
    let rank = state.doc.with_untracked(|d| {
        let n = d.plan().backlog.len();
        d.plan()
            .backlog
            .iter()
            .position(|c| c.id == id)
            .map_or(0, |at| {
                at.saturating_add_signed(delta).min(n.saturating_sub(1))
            })
            + 1
    });
    let text = td_string!(state.locale(), moved_to_rank, title, rank).to_string();
    run(state, command, text);
    // The rows are drawn again after this handler: focus the moved one then.
    set_timeout(move || focus_row(id), std::time::Duration::ZERO);
}

/// Keeps the keyboard on the moved row.
fn focus_row(id: Id) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let selector = format!("[data-candidate=\"{}\"] .rank-handle", id.0);
    if let Ok(Some(el)) = doc.query_selector(&selector) {
        if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
            let _ = el.focus();
        }
    }
}

fn put(state: AppState, id: Id, change: impl FnOnce(&mut Candidate), what: &str) {
    let Some(mut c) = candidate(state, id) else {
        return;
    };
    change(&mut c);
    let what = translate::field(state.locale(), what);
    let text = td_string!(
        state.locale(),
        field_of_updated,
        field = what,
        title = c.title.clone()
    )
    .to_string();
    run(state, Some(Command::PutCandidate(c)), text);
}

/// An ICE value typed in its box: a whole number 1–10, else a message, the stored value shown
/// again and no change.
fn set_score(state: AppState, id: Id, field: &'static str, ev: &leptos::ev::Event) {
    let text = event_target_value(ev);
    let value = text
        .trim()
        .parse::<u8>()
        .ok()
        .filter(|v| (1..=10).contains(v));
    let Some(value) = value else {
        state.message.set(Some(Message {
            text: td_string!(
                state.locale(),
                err_ice_range,
                field = translate::field(state.locale(), field),
                got = format!("“{}”", text.trim())
            )
            .to_string(),
            undoable: false,
        }));
        let stored = candidate(state, id).map(|c| match field {
            "Impact" => c.impact,
            "Confidence" => c.confidence,
            _ => c.ease,
        });
        let input = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok());
        if let (Some(input), Some(v)) = (input, stored) {
            input.set_value(&v.to_string());
        }
        return;
    };
    put(
        state,
        id,
        |c| match field {
            "Impact" => c.impact = value,
            "Confidence" => c.confidence = value,
            _ => c.ease = value,
        },
        field,
    );
}

#[component]
pub(crate) fn BacklogPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let items = Memo::new(move |_| state.doc.with(|d| d.plan().backlog.clone()));
    let count = Memo::new(move |_| items.with(Vec::len));
    view! {
        <section class="backlog" aria-label=move || t_string!(i18n, backlog_region).to_string()>
            <button
                type="button"
                data-testid="backlog-toggle"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {t!(i18n, backlog)}
                " "
                <span class="count-badge zero" data-testid="backlog-count">{move || count.get()}</span>
            </button>
            <Show when=move || open.get()>
                {move || on_demand::show(body(items, count))}
            </Show>
        </section>
    }
}

part! {
    backlog;
    /// The open panel's content (code fetched the first time it opens).
    fn body(items: Memo<Vec<Candidate>>, count: Memo<usize>) -> Result<AnyView, on_demand::NotLoaded> {
        let state = expect_context::<AppState>();
        let i18n = use_i18n();
        let new_title = RwSignal::new(String::new());
        let dragged = StoredValue::new(None::<Id>);
        let period = Memo::new(move |_| {
            let shown = state.grid.with(|g| g.filter.period.clone());
            state
                .doc
                .with(|d| backlog::promotion_period(d.plan(), shown.as_deref()))
        });

        let add = move || {
            let title = new_title.get_untracked().trim().to_string();
            if title.is_empty() {
                return;
            }
            let result = state.edit(|d, _| {
                let id = d.allocate_id();
                let index = d.plan().backlog.len();
                Some(d.execute(Command::InsertCandidate {
                    index,
                    candidate: Candidate::new(id, &title),
                }))
            });
            state.message.set(match result {
                Some(Ok(())) => {
                    new_title.set(String::new());
                    Some(Message::undoable(
                        td_string!(state.locale(), added_to_backlog, title).to_string(),
                    ))
                }
                Some(Err(e)) => Some(Message {
                    text: e.say(state.locale()),
                    undoable: false,
                }),
                None => None,
            });
        };
        let sort = move |_| {
            let command = state.doc.with_untracked(|d| backlog::sort_by_ice(d.plan()));
            if command.is_none() {
                state.message.set(Some(Message {
                    text: td_string!(state.locale(), backlog_in_order).to_string(),
                    undoable: false,
                }));
            }
            run(
                state,
                command,
                td_string!(state.locale(), backlog_sorted).to_string(),
            );
        };

        let row = move |rank: usize, c: Candidate| {
            let id = c.id;
            let title = c.title.clone();
            let name = if title.is_empty() {
                t_string!(i18n, untitled).to_string()
            } else {
                title.clone()
            };
            let promote_to = period.get_untracked();
            let drag_text = name.clone();
            let score_input = move |field: &'static str, value: u8, label: String| {
                view! {
                    <td>
                        <input
                            type="number"
                            min="1"
                            max="10"
                            step="1"
                            class="ice-input"
                            aria-label=label
                            prop:value=value.to_string()
                            on:change=move |ev| set_score(state, id, field, &ev)
                        />
                    </td>
                }
            };
            view! {
                <tr
                    data-candidate=id.0.to_string()
                    draggable="true"
                    on:dragstart=move |ev| {
                        dragged.set_value(Some(id));
                        if let Some(dt) = ev.data_transfer() {
                            let _ = dt.set_data("text/plain", &drag_text);
                            dt.set_effect_allowed("move");
                        }
                    }
                    on:dragover=move |ev| {
                        if dragged.get_value().is_some() {
                            ev.prevent_default();
                            ev.stop_propagation();
                        }
                    }
                    on:drop=move |ev| {
                        let Some(from) = dragged.get_value() else { return };
                        ev.prevent_default();
                        ev.stop_propagation();
                        dragged.set_value(None);
                        let command = state.doc.with_untracked(|d| backlog::move_to(d.plan(), from, rank));
                        let moved = candidate(state, from).map(|c| c.title).unwrap_or_default();
                        let text = td_string!(state.locale(), moved_to_rank, title = moved, rank = rank + 1).to_string();
                        run(state, command, text);
                    }
                    on:dragend=move |_| dragged.set_value(None)
                >
                    <td>
                        <button
                            type="button"
                            class="rank-handle"
                            aria-label=t_string!(i18n, rank_aria, n = rank + 1, title = name.clone()).to_string()
                            aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
                            on:keydown=move |ev| {
                                if !ev.alt_key() {
                                    return;
                                }
                                match ev.key().as_str() {
                                    "ArrowUp" => move_by(state, id, -1),
                                    "ArrowDown" => move_by(state, id, 1),
                                    _ => return,
                                }
                                ev.prevent_default();
                            }
                        >
                            {format!("{} ⠿", rank + 1)}
                        </button>
                    </td>
                    <td>
                        <input
                            type="text"
                            class="candidate-title"
                            aria-label=t_string!(i18n, candidate_title_aria, title = name.clone()).to_string()
                            prop:value=title.clone()
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                put(state, id, |c| c.title = v.trim().to_string(), "Title");
                            }
                        />
                    </td>
                    <td>
                        <input
                            type="text"
                            class="candidate-team"
                            size="10"
                            aria-label=t_string!(i18n, team_of, title = name.clone()).to_string()
                            prop:value=c.team.clone()
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                put(state, id, |c| c.team = v.trim().to_string(), "Team");
                            }
                        />
                    </td>
                    {score_input("Impact", c.impact, t_string!(i18n, impact_of, title = name.clone()).to_string())}
                    {score_input("Confidence", c.confidence, t_string!(i18n, confidence_of, title = name.clone()).to_string())}
                    {score_input("Ease", c.ease, t_string!(i18n, ease_of, title = name.clone()).to_string())}
                    <td class="ice-score" data-testid="ice-score">{c.ice()}</td>
                    <td class="backlog-actions">
                        <button
                            type="button"
                            aria-label=t_string!(i18n, move_candidate_up, title = name.clone()).to_string()
                            disabled={rank == 0}
                            on:click=move |_| move_by(state, id, -1)
                        >
                            {t!(i18n, up)}
                        </button>
                        <button
                            type="button"
                            aria-label=t_string!(i18n, move_candidate_down, title = name.clone()).to_string()
                            disabled={move || rank + 1 >= count.get()}
                            on:click=move |_| move_by(state, id, 1)
                        >
                            {t!(i18n, down)}
                        </button>
                        <button
                            type="button"
                            aria-label={
                                let period = if promote_to.is_empty() { t_string!(i18n, the_plan).to_string() } else { promote_to.clone() };
                                t_string!(i18n, promote_to, title = name.clone(), period).to_string()
                            }
                            on:click={
                                let to = promote_to.clone();
                                let title = title.clone();
                                move |_| {
                                    let command = state.doc.with_untracked(|d| backlog::promote(d.plan(), id, &to));
                                    let place = if to.is_empty() { td_string!(state.locale(), the_plan).to_string() } else { to.clone() };
                                    let text = td_string!(state.locale(), promoted, title = title.clone(), place).to_string();
                                    run(state, command, text);
                                }
                            }
                        >
                            {t!(i18n, promote)}
                        </button>
                        <button
                            type="button"
                            aria-label=t_string!(i18n, delete_candidate, title = name.clone()).to_string()
                            on:click={
                                let title = title.clone();
                                move |_| {
                                    let text = td_string!(state.locale(), candidate_deleted, title = title.clone()).to_string();
                                    run(state, Some(Command::RemoveCandidate { id }), text)
                                }
                            }
                        >
                            {t!(i18n, delete)}
                        </button>
                    </td>
                </tr>
            }
        };
        Ok(view! {
            // A shared plan's backlog can be read, not changed.
            <fieldset class="plain" disabled=move || state.read_only.get()>
            <div class="backlog-body" data-testid="backlog">
                <p class="backlog-help">
                    {move || {
                        let p = period.get();
                        let period = if p.is_empty() { t_string!(i18n, the_plan).to_string() } else { p };
                        t_string!(i18n, backlog_help, period).to_string()
                    }}
                </p>
                <div class="backlog-tools">
                    <form on:submit=move |ev| { ev.prevent_default(); add(); }>
                        <input
                            type="text"
                            data-testid="candidate-input"
                            aria-label=move || t_string!(i18n, new_candidate).to_string()
                            placeholder=move || t_string!(i18n, new_candidate).to_string()
                            prop:value=move || new_title.get()
                            on:input=move |ev| new_title.set(event_target_value(&ev))
                        />
                        <button type="submit" data-testid="add-candidate">{t!(i18n, add_candidate)}</button>
                    </form>
                    <button type="button" data-testid="sort-ice" disabled={move || count.get() < 2} on:click=sort>
                        {t!(i18n, sort_ice)}
                    </button>
                </div>
                <Show when=move || { count.get() > 0 }>
                    <table class="backlog-table" data-testid="backlog-table">
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, rank)}</th>
                                <th scope="col">{t!(i18n, candidate)}</th>
                                <th scope="col">{t!(i18n, team)}</th>
                                <th scope="col" title="1–10">{t!(i18n, impact)}</th>
                                <th scope="col" title="1–10">{t!(i18n, confidence)}</th>
                                <th scope="col" title="1–10">{t!(i18n, ease)}</th>
                                <th scope="col" title=move || t_string!(i18n, ice_title).to_string()>"ICE"</th>
                                <th scope="col"><span class="visually-hidden">{t!(i18n, col_actions)}</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            {move || {
                                items
                                    .get()
                                    .into_iter()
                                    .enumerate()
                                    .map(|(rank, c)| row(rank, c))
                                    .collect_view()
                            }}
                        </tbody>
                    </table>
                </Show>
            </div>
            </fieldset>
        }
        .into_any())
    }
}
