//! The panel under the grid for the active row: a key result's check-ins (form, editable
//! history, trend chart, pace) or an objective's period, alignment and commitment. The rules
//! are the core's (`checkin`, `pace`, `trend`, `command`); this renders them and sends
//! commands.

use leptos::prelude::*;

use super::i18n::{t, t_string, td_string, use_i18n};
use super::translate::{self, Say};
use super::{on_demand, AppState};
use crate::browser::clock;
use okr_core::checkin;
use okr_core::command::{Command, ObjectiveEdit};
use okr_core::grid::RowRef;
use okr_core::model::{Commitment, Id, Initiative, KeyResult, Kind, ScoringRule, Step};
use okr_core::pace;
use okr_core::period::{Date, Period};
use okr_core::trend;

const CHART_W: f64 = 380.0;
const CHART_H: f64 = 150.0;

fn value_text(kind: Kind, v: f64, locale: okr_core::locale::Locale) -> String {
    match kind {
        Kind::Percent => locale.percent(v),
        Kind::Binary => {
            let (done, not_done) = locale.done_words();
            if v >= 1.0 { done } else { not_done }.to_lowercase()
        }
        _ => locale.number(v),
    }
}

/// The confidence menu's options: none, then 10 down to 1 with their words.
pub(super) fn confidence_options() -> impl IntoView {
    let state = expect_context::<AppState>();
    let locale = state.language;
    view! {
        <option value="">"—"</option>
        {(1..=10u8)
            .rev()
            .map(|x| {
                view! {
                    <option value=x.to_string()>
                        {move || format!("{x} ({})", translate::confidence(locale.get(), x))}
                    </option>
                }
            })
            .collect_view()}
    }
}

/// Runs an edit that may be refused (`AppState::edit` needs a default result).
fn try_edit(
    state: AppState,
    f: impl FnOnce(&mut okr_core::history::Document) -> Result<(), String>,
) -> Result<(), String> {
    state
        .edit(|d, _| Some(f(d)))
        .unwrap_or_else(|| Err(td_string!(state.locale(), err_nothing_changed).to_string()))
}

/// Says how an edit went under the grid: `done` with Undo, or the refusal. True when done.
fn say(state: AppState, result: Result<(), String>, done: String) -> bool {
    let ok = result.is_ok();
    state.message.set(Some(match result {
        Ok(()) => super::Message::undoable(done),
        Err(text) => super::Message {
            text,
            undoable: false,
        },
    }));
    ok
}

fn percent(share: f64) -> String {
    format!("{} %", okr_core::value::fixed(share * 100.0, 0))
}

/// "Behind · 46 % done, 50 % of Q4 2026 gone"
fn pace_text(l: okr_core::locale::Locale, p: &pace::Pace, period: &Period) -> String {
    td_string!(
        l,
        pace_line,
        status = translate::pace(l, p.status),
        done = percent(p.progress),
        gone = percent(p.expected),
        period = period.name.clone()
    )
    .to_string()
}

#[component]
pub(crate) fn DetailsPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    // The details follow the active row in a task of their own: a key that moves the active
    // cell (Enter, the arrows) has the grid updated and rescored without waiting for them.
    let active_row = RwSignal::new(state.grid.with_untracked(|g| g.active.map(|c| c.row)));
    Effect::new(move |_| {
        let row = state.grid.with(|g| g.active.map(|c| c.row));
        set_timeout(
            move || {
                if active_row
                    .try_get_untracked()
                    .is_some_and(|shown| shown != row)
                {
                    active_row.try_set(row);
                }
            },
            std::time::Duration::ZERO,
        );
    });
    view! {
        <section class="details" aria-label=move || t_string!(i18n, details_region).to_string() data-testid="details">
            // A shared plan's details can be read, not changed.
            <fieldset class="plain" disabled=move || state.read_only.get()>
            {move || match active_row.get() {
                Some(RowRef::KeyResult(id)) => on_demand::show(key_result_details(id)).into_any(),
                Some(RowRef::Objective(id)) => on_demand::show(objective_details(id)).into_any(),
                None => {
                    view! {
                        <p class="details-empty">
                            {t!(i18n, details_empty)}
                        </p>
                    }
                        .into_any()
                }
            }}
            </fieldset>
        </section>
    }
}

part! {
    details;
    /// A key result's details (code fetched the first time a row is selected).
    fn key_result_details(id: Id) -> Result<AnyView, on_demand::NotLoaded> {
        Ok(view! { <KeyResultDetails id/> }.into_any())
    }
}

part! {
    details;
    /// An objective's details (in the same part as a key result's).
    fn objective_details(id: Id) -> Result<AnyView, on_demand::NotLoaded> {
        Ok(view! { <ObjectiveDetails id/> }.into_any())
    }
}

#[component]
fn KeyResultDetails(id: Id) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    // Tracked where the text is built: the history and chart follow a language switch.
    let locale = state.language;
    let today = clock::today();
    let kr = Memo::new(move |_| {
        state.doc.with(|d| {
            let plan = d.plan();
            plan.key_result(id)
                .map(|(o, k)| (k.clone(), plan.period(&o.period).cloned()))
        })
    });
    let date = RwSignal::new(today.map(|d| d.to_string()).unwrap_or_default());
    let value = RwSignal::new(String::new());
    let confidence = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    // The history line being edited in the form, if any (else the form adds a check-in).
    let editing = RwSignal::new(None::<usize>);
    let store = move |new: KeyResult| {
        try_edit(state, |d| {
            d.execute(Command::PutKeyResult(new))
                .map_err(|e| e.say(state.locale()))
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(k) = kr.with_untracked(|x| x.as_ref().map(|(k, _)| k.clone())) else {
            return;
        };
        let locale = state.locale();
        let result = (|| {
            let day = Date::parse(&date.get_untracked())
                .ok_or_else(|| td_string!(locale, err_choose_date).to_string())?;
            let said = |e: checkin::CheckInError| e.say(locale);
            let v = checkin::parse_value_locale(k.kind, &k.unit, &value.get_untracked(), locale)
                .map_err(said)?;
            let c = checkin::parse_confidence(&confidence.get_untracked()).map_err(said)?;
            let new = match editing.get_untracked() {
                Some(i) => checkin::replace(&k, i, day, v, c, &note.get_untracked()),
                None => checkin::record(&k, day, v, c, &note.get_untracked()),
            }
            .map_err(said)?;
            store(new).map(|()| day)
        })();
        match result {
            Ok(day) => {
                error.set(None);
                value.set(String::new());
                note.set(String::new());
                let title = k.title.clone();
                let text = match editing.get_untracked() {
                    Some(_) => td_string!(locale, checkin_updated, date = locale.date(day), title)
                        .to_string(),
                    None => td_string!(locale, checked_in, title).to_string(),
                };
                editing.set(None);
                state.message.set(Some(super::Message::undoable(text)));
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let remove = move |index: usize| {
        let Some(k) = kr.with_untracked(|x| x.as_ref().map(|(k, _)| k.clone())) else {
            return;
        };
        if let Ok(new) = checkin::remove(&k, index) {
            let _ = store(new);
        }
    };
    move || {
        let Some((k, period)) = kr.get() else {
            return view! { <p>{t!(i18n, key_result_gone)}</p> }.into_any();
        };
        let kind = k.kind;
        let title = k.title.clone();
        let pace_view = match (&period, today) {
            (Some(p), Some(t)) => {
                let pace = pace::key_result(&k, p, t);
                let need = pace::required_per_week(&k, p, t);
                let l = locale.get();
                let text = match pace {
                    Some(x) => pace_text(l, &x, p),
                    None => t_string!(i18n, pace_no_value, period = p.name.clone()).to_string(),
                };
                let need = need.map(|n| {
                    if n == 0.0 {
                        t_string!(i18n, pace_target_reached).to_string()
                    } else {
                        t_string!(i18n, pace_needs, rate = pace::format_rate_in(kind, n, l))
                            .to_string()
                    }
                });
                view! {
                    <p class=format!("pace {}", pace.map_or("none", |x| x.status.css())) data-testid="pace">
                        {text}
                    </p>
                    {need.map(|n| view! { <p class="pace-need" data-testid="pace-need">{n}</p> })}
                }
                    .into_any()
            }
            _ => view! {
                <p class="pace none" data-testid="pace">
                    {t!(i18n, pace_no_dates)}
                </p>
            }
            .into_any(),
        };
        let chart = match (&period, today) {
            (Some(p), Some(t)) => trend::chart(&k, p, t, CHART_W, CHART_H),
            _ => None,
        };
        let chart_view = chart.map(|c| {
            let label = t_string!(
                i18n,
                trend_label,
                title = title.clone(),
                count = c.marks.len(),
                period = period.as_ref().map(|p| p.name.clone()).unwrap_or_default()
            )
            .to_string();
            view! {
                <svg
                    class="trend-chart"
                    data-testid="trend-chart"
                    role="img"
                    aria-label=label
                    width=c.width
                    height=c.height
                    viewBox=format!("0 0 {} {}", c.width, c.height)
                >
                    // Axes: values on the left, the period's dates below.
                    {
                        let (left, top, right, bottom) = c.plot;
                        let values = c.value_ticks.iter().map(|(y, v)| view! {
                            <line class="grid-line" x1=left y1=*y x2=right y2=*y></line>
                            <text class="tick" x=left - 4.0 y=*y + 4.0 text-anchor="end">
                                {value_text(kind, *v, locale.get())}
                            </text>
                        }).collect_view();
                        let last = c.date_ticks.len().saturating_sub(1);
                        let dates = c.date_ticks.iter().enumerate().map(|(i, (x, d))| {
                            let anchor = if i == 0 { "start" } else if i == last { "end" } else { "middle" };
                            view! {
                                <text class="tick" x=*x y=c.height - 5.0 text-anchor=anchor>
                                    {locale.get().date(*d)}
                                </text>
                            }
                        }).collect_view();
                        view! {
                            {values}
                            <line class="axis" x1=left y1=top x2=left y2=bottom></line>
                            <line class="axis" x1=left y1=bottom x2=right y2=bottom></line>
                            {dates}
                        }
                    }
                    {c.plan_line.map(|(x1, y1, x2, y2)| view! {
                        <line class="plan-line" x1=x1 y1=y1 x2=x2 y2=y2>
                            <title>{t_string!(i18n, chart_plan_line).to_string()}</title>
                        </line>
                    })}
                    {c.today_x.map(|x| view! {
                        <line class="today-line" x1=x y1=c.plot.1 x2=x y2=c.plot.3></line>
                        <text class="today-label" x=x + 3.0 y=c.plot.1 + 11.0>
                            {t_string!(i18n, chart_today).to_string()}
                        </text>
                    })}
                    <polyline class="actual-line" points=c.points.clone()></polyline>
                    {c.marks.iter().map(|(x, y, d, v)| view! {
                        <circle class="check-in-mark" cx=*x cy=*y r="3.5">
                            <title>{format!("{}: {}", locale.get().date(*d), value_text(kind, *v, locale.get()))}</title>
                        </circle>
                    }).collect_view()}
                </svg>
            }
        });
        let history = k
            .check_ins
            .iter()
            .enumerate()
            .rev()
            .map(|(i, c)| {
                let when = c.when.clone();
                view! {
                    <tr>
                        <td>{Date::parse(&c.when).map_or_else(|| c.when.clone(), |d| locale.get().date(d))}</td>
                        <td class="num">{value_text(kind, c.value, locale.get())}</td>
                        <td>
                            {c.confidence.map(|x| format!("{x} ({})", translate::confidence(locale.get(), x)))}
                        </td>
                        <td>{c.note.clone()}</td>
                        <td>
                            <button
                                type="button"
                                aria-label=t_string!(i18n, edit_checkin, when = when.clone()).to_string()
                                on:click={
                                    let c = c.clone();
                                    move |_| {
                                        editing.set(Some(i));
                                        if Date::parse(&c.when).is_some() {
                                            date.set(c.when.clone());
                                        }
                                        value.set(value_text(kind, c.value, locale.get()));
                                        confidence.set(c.confidence.map(|x| x.to_string()).unwrap_or_default());
                                        note.set(c.note.clone());
                                        error.set(None);
                                    }
                                }
                            >
                                {t!(i18n, edit)}
                            </button>
                            " "
                            <button
                                type="button"
                                aria-label=t_string!(i18n, delete_checkin, when = when.clone()).to_string()
                                on:click=move |_| {
                                    editing.set(None);
                                    remove(i)
                                }
                            >
                                {t!(i18n, delete)}
                            </button>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        let confidence_now = k.confidence.map(|x| {
            let words = translate::confidence(locale.get(), x);
            t_string!(i18n, confidence_now, n = x, words).to_string()
        });
        view! {
            // What a check-in needs first (pace, the form), then the trend and history, then
            // the key result's other fields: the panel's top is what stays in view.
            <h2 class="details-title">{t_string!(i18n, key_result_heading, title = title.clone()).to_string()}</h2>
            {pace_view}
            {confidence_now.map(|c| view! { <p class="confidence" data-testid="confidence">{c}</p> })}
            <form class="check-in-form" on:submit=submit aria-label=move || t_string!(i18n, check_in).to_string()>
                <label>
                    {t!(i18n, date)}
                    " "
                    <input type="date" required aria-label=move || t_string!(i18n, checkin_date).to_string() prop:value=move || date.get()
                        on:input=move |ev| date.set(event_target_value(&ev))/>
                </label>
                <label>
                    {t!(i18n, new_value)}
                    " "
                    <input type="text" class="check-in-value" data-testid="checkin-value" aria-label=move || t_string!(i18n, new_value).to_string()
                        prop:value=move || value.get()
                        on:input=move |ev| value.set(event_target_value(&ev))/>
                </label>
                <label>
                    {t!(i18n, confidence)}
                    " "
                    <select aria-label=move || t_string!(i18n, confidence).to_string() prop:value=move || confidence.get()
                        on:change=move |ev| confidence.set(event_target_value(&ev))>
                        {confidence_options()}
                    </select>
                </label>
                <label>
                    {t!(i18n, note)}
                    " "
                    <input type="text" aria-label=move || t_string!(i18n, checkin_note).to_string() prop:value=move || note.get()
                        on:input=move |ev| note.set(event_target_value(&ev))/>
                </label>
                <button type="submit" data-testid="checkin-submit">
                    {move || if editing.get().is_some() { t_string!(i18n, save_changes) } else { t_string!(i18n, check_in) }}
                </button>
                {move || editing.get().map(|_| view! {
                    <button
                        type="button"
                        on:click=move |_| {
                            editing.set(None);
                            value.set(String::new());
                            note.set(String::new());
                        }
                    >
                        {t!(i18n, cancel_change)}
                    </button>
                })}
            </form>
            {move || error.get().map(|e| view! {
                <p class="alert alert-error" role="alert" data-testid="checkin-error">{e}</p>
            })}
            {chart_view}
            <table class="check-ins" data-testid="check-ins">
                <caption>{t_string!(i18n, checkins_caption, n = k.check_ins.len()).to_string()}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, date)}</th>
                        <th scope="col">{t!(i18n, value)}</th>
                        <th scope="col">{t!(i18n, confidence)}</th>
                        <th scope="col">{t!(i18n, note)}</th>
                        <th scope="col">{t!(i18n, col_actions)}</th>
                    </tr>
                </thead>
                <tbody>{history}</tbody>
            </table>
            <KeyResultFields k=k.clone()/>
            {(kind == Kind::Milestone).then(|| view! { <Steps id=id/> })}
            <Initiatives of=id/>
        }
            .into_any()
    }
}

/// Stores key result `id` changed by `change` (one undo step); refused edits say why.
fn put_key_result(state: AppState, id: Id, change: &dyn Fn(&mut KeyResult)) -> Result<(), String> {
    let Some(mut next) = state
        .doc
        .with_untracked(|d| d.plan().key_result(id).map(|(_, k)| k.clone()))
    else {
        return Err(okr_core::command::CommandError::UnknownKeyResult(id).say(state.locale()));
    };
    change(&mut next);
    try_edit(state, |d| {
        d.execute(Command::PutKeyResult(next))
            .map_err(|e| e.say(state.locale()))
    })
}

/// The one-line "add an item" form of the panel's lists (steps, initiatives): `add` gets
/// the trimmed title and says whether it was stored; the field is emptied when it was.
fn add_form(
    class: &'static str,
    form_label: String,
    input_label: String,
    testids: (&'static str, &'static str),
    button: String,
    add: impl Fn(String) -> bool + 'static,
) -> impl IntoView {
    let new_title = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let title = new_title.get_untracked().trim().to_string();
        if !title.is_empty() && add(title) {
            new_title.set(String::new());
        }
    };
    view! {
        <form class=class on:submit=submit aria-label=form_label>
            <input
                type="text"
                aria-label=input_label
                data-testid=testids.0
                prop:value=move || new_title.get()
                on:input=move |ev| new_title.set(event_target_value(&ev))
            />
            <button type="submit" data-testid=testids.1>{button}</button>
        </form>
    }
}

/// A key result's unit (amounts only) and the link to the source of its number: only http,
/// https and mailto links become clickable, anything else is shown as text.
#[component]
fn KeyResultFields(k: KeyResult) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let id = k.id;
    let put = move |change: &dyn Fn(&mut KeyResult), done: String| {
        say(state, put_key_result(state, id, change), done);
    };
    let link = k.link.clone();
    let opened = if link.is_empty() {
        None
    } else if okr_sheets::export::is_safe_link(&link) {
        Some(
            view! {
                <a href=link.clone() target="_blank" rel="noopener noreferrer" data-testid="kr-link-open">
                    {link.clone()}
                </a>
            }
            .into_any(),
        )
    } else {
        Some(
            view! { <span class="link-text" data-testid="kr-link-open">{link.clone()}</span> }
                .into_any(),
        )
    };
    view! {
        <div class="key-result-fields">
            {k.kind.is_amount().then(|| {
                let unit = k.unit.clone();
                view! {
                    <label>
                        {t!(i18n, unit)}
                        " "
                        <input type="text" size="8" data-testid="kr-unit" aria-label=move || t_string!(i18n, unit).to_string()
                            placeholder="leads, €, ms" prop:value=unit
                            on:change=move |ev| {
                                let v = event_target_value(&ev).trim().to_string();
                                put(&|k: &mut KeyResult| k.unit = v.clone(), t_string!(i18n, unit_set, unit = v.clone()).to_string());
                            }/>
                    </label>
                }
            })}
            {move || {
                let rule = state.doc.with(|d| d.plan().scoring);
                let ranged = matches!(k.kind, Kind::Number | Kind::Percent | Kind::Milestone);
                (rule == ScoringRule::Thresholds && ranged).then(|| {
                    let field = move |label: &'static str, testid: &'static str, v: Option<f64>, set: fn(&mut KeyResult, Option<f64>)| {
                        let shown = state.doc.with_untracked(|d| {
                            let locale = state.grid.with_untracked(|g| g.locale);
                            d.plan().key_result(id).map(|(_, k)| okr_core::grid::format_value_in(k, v, locale)).unwrap_or_default()
                        });
                        view! {
                            <label>
                                {format!("{label} ")}
                                <input type="text" size="10" data-testid=testid aria-label=label prop:value=shown
                                    on:change=move |ev| {
                                        let text = event_target_value(&ev);
                                        let Some((kind, unit)) = state.doc.with_untracked(|d| {
                                            d.plan().key_result(id).map(|(_, k)| (k.kind, k.unit.clone()))
                                        }) else { return };
                                        let parsed = if text.trim().is_empty() {
                                            Ok(None)
                                        } else {
                                            let locale = state.grid.with_untracked(|g| g.locale);
                                            okr_core::checkin::parse_value_locale(kind, &unit, &text, locale).map(Some)
                                        };
                                        match parsed {
                                            Ok(v) => put(&|k: &mut KeyResult| set(k, v), t_string!(i18n, field_updated, field = label).to_string()),
                                            Err(e) => {
                                                say(state, Err(format!("{label}: {}", e.say(state.locale()))), String::new());
                                            }
                                        }
                                    }/>
                            </label>
                        }
                    };
                    view! {
                        {field(t_string!(i18n, commit_value), "kr-commit", k.commit, |k, v| k.commit = v)}
                        {field(t_string!(i18n, stretch_value), "kr-stretch", k.stretch, |k, v| k.stretch = v)}
                    }
                })
            }}
            <label>
                {t!(i18n, source_link)}
                " "
                <input type="url" size="32" data-testid="kr-link" aria-label=move || t_string!(i18n, source_link).to_string()
                    placeholder="https://…" prop:value=link.clone()
                    on:change=move |ev| {
                        let v = event_target_value(&ev).trim().to_string();
                        put(&|k: &mut KeyResult| k.link = v.clone(), t_string!(i18n, source_link_updated).to_string());
                    }/>
            </label>
            {opened}
        </div>
    }
}

/// A milestone's ordered steps: a done box each, add, move up, delete. Progress is the share
/// of steps done; the grid's Target and Current follow.
#[component]
fn Steps(id: Id) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let list = Memo::new(move |_| {
        state.doc.with(|d| {
            d.plan()
                .key_result(id)
                .map(|(_, k)| k.steps.clone())
                .unwrap_or_default()
        })
    });
    let set = move |change: &dyn Fn(&mut Vec<Step>)| {
        put_key_result(state, id, &|k: &mut KeyResult| change(&mut k.steps))
    };
    let add = move |title: String| {
        let added = set(&|l: &mut Vec<Step>| {
            l.push(Step {
                title: title.clone(),
                done: false,
            })
        });
        say(
            state,
            added,
            t_string!(i18n, step_added, title = title.clone()).to_string(),
        )
    };
    view! {
        <section class="steps" aria-label=move || t_string!(i18n, milestone_steps).to_string()>
            <h3 class="steps-title">
                {move || {
                    let l = list.get();
                    let done = l.iter().filter(|s| s.done).count();
                    t_string!(i18n, steps_heading, done, all = l.len()).to_string()
                }}
            </h3>
            <ol data-testid="steps">
                {move || {
                    list.get()
                        .into_iter()
                        .enumerate()
                        .map(|(i, step)| {
                            let title = step.title.clone();
                            view! {
                                <li class=if step.done { "done" } else { "" }>
                                    <label>
                                        <input
                                            type="checkbox"
                                            prop:checked=step.done
                                            aria-label=t_string!(i18n, done_item, title = title.clone()).to_string()
                                            on:change=move |ev| {
                                                let checked = event_target_checked(&ev);
                                                let _ = set(&|l: &mut Vec<Step>| {
                                                    if let Some(s) = l.get_mut(i) {
                                                        s.done = checked;
                                                    }
                                                });
                                            }
                                        />
                                        " "
                                        {title.clone()}
                                    </label>
                                    " "
                                    <button
                                        type="button"
                                        aria-label=t_string!(i18n, move_step_up, title = title.clone()).to_string()
                                        disabled=i == 0
                                        on:click=move |_| {
                                            let _ = set(&|l: &mut Vec<Step>| {
                                                if i > 0 && i < l.len() {
                                                    l.swap(i - 1, i);
                                                }
                                            });
                                        }
                                    >
                                        {t!(i18n, up)}
                                    </button>
                                    " "
                                    <button
                                        type="button"
                                        aria-label=t_string!(i18n, delete_step, title = title.clone()).to_string()
                                        on:click=move |_| {
                                            let _ = set(&|l: &mut Vec<Step>| {
                                                if i < l.len() {
                                                    l.remove(i);
                                                }
                                            });
                                        }
                                    >
                                        {t!(i18n, delete)}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
            {add_form(
                "add-step",
                t_string!(i18n, add_a_step).to_string(),
                t_string!(i18n, new_step).to_string(),
                ("step-input", "add-step"),
                t_string!(i18n, add_step).to_string(),
                add,
            )}
        </section>
    }
}

/// The initiatives (tasks) of an objective or key result: a done box each, add and delete.
/// They never count in a score.
#[component]
fn Initiatives(of: Id) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let list = Memo::new(move |_| {
        state.doc.with(|d| {
            let plan = d.plan();
            plan.objective(of)
                .map(|o| o.initiatives.clone())
                .or_else(|| plan.key_result(of).map(|(_, k)| k.initiatives.clone()))
                .unwrap_or_default()
        })
    });
    let set = move |change: &dyn Fn(&mut Vec<Initiative>)| {
        let mut next = list.get_untracked();
        change(&mut next);
        try_edit(state, |d| {
            d.execute(Command::SetInitiatives {
                of,
                initiatives: next,
            })
            .map_err(|e| e.say(state.locale()))
        })
    };
    let add = move |title: String| {
        let Some(id) = state.edit(|d, _| Some(d.allocate_id())) else {
            return false;
        };
        let added = set(&|l: &mut Vec<Initiative>| {
            l.push(Initiative {
                id,
                title: title.clone(),
                done: false,
            })
        });
        say(
            state,
            added,
            t_string!(i18n, initiative_added, title = title.clone()).to_string(),
        )
    };
    view! {
        <section class="initiatives" aria-label=move || t_string!(i18n, initiatives).to_string()>
            <h3 class="initiatives-title">{t!(i18n, initiatives_heading)}</h3>
            <ul data-testid="initiatives">
                <For each=move || list.get() key=|i| (i.id, i.done, i.title.clone()) let:item>
                    {
                        let id = item.id;
                        let title = item.title.clone();
                        let done = item.done;
                        view! {
                            <li class=if done { "done" } else { "" }>
                                <label>
                                    <input
                                        type="checkbox"
                                        prop:checked=done
                                        aria-label=t_string!(i18n, done_item, title = title.clone()).to_string()
                                        on:change=move |ev| {
                                            let checked = event_target_checked(&ev);
                                            let _ = set(&|l: &mut Vec<Initiative>| {
                                                if let Some(i) = l.iter_mut().find(|i| i.id == id) {
                                                    i.done = checked;
                                                }
                                            });
                                        }
                                    />
                                    " "
                                    {title.clone()}
                                </label>
                                " "
                                <button
                                    type="button"
                                    aria-label=t_string!(i18n, delete_initiative, title = title.clone()).to_string()
                                    on:click=move |_| {
                                        let _ = set(&|l: &mut Vec<Initiative>| l.retain(|i| i.id != id));
                                    }
                                >
                                    {t!(i18n, delete)}
                                </button>
                            </li>
                        }
                    }
                </For>
            </ul>
            {add_form(
                "add-initiative",
                t_string!(i18n, add_an_initiative).to_string(),
                t_string!(i18n, new_initiative).to_string(),
                ("initiative-input", "add-initiative"),
                t_string!(i18n, add_initiative).to_string(),
                add,
            )}
        </section>
    }
}

#[component]
fn ObjectiveDetails(id: Id) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let today = clock::today();
    let locale = state.language;
    let info = Memo::new(move |_| {
        state.doc.with(|d| {
            let plan = d.plan();
            let o = plan.objective(id)?;
            let others: Vec<(Id, String)> = plan
                .objectives
                .iter()
                .filter(|x| x.id != id)
                .map(|x| {
                    let label = if x.period.is_empty() {
                        x.title.clone()
                    } else {
                        format!("{} ({})", x.title, x.period)
                    };
                    (x.id, label)
                })
                .collect();
            let periods: Vec<String> = plan.periods.iter().map(|p| p.name.clone()).collect();
            let pace = plan.period(&o.period).zip(today).and_then(|(p, t)| {
                pace::objective(o, p, t).map(|x| pace_text(locale.get(), &x, p))
            });
            let children: Vec<String> = plan
                .objectives
                .iter()
                .filter(|x| x.aligned_to == Some(id))
                .map(|x| x.title.clone())
                .collect();
            Some((
                o.title.clone(),
                o.period.clone(),
                o.aligned_to,
                o.commitment,
                others,
                periods,
                pace,
                children,
            ))
        })
    });
    let edit = move |edit: ObjectiveEdit| {
        let result = try_edit(state, |d| {
            d.execute(Command::EditObjective { id, edit })
                .map_err(|e| e.say(state.locale()))
        });
        say(
            state,
            result,
            t_string!(i18n, objective_updated).to_string(),
        )
    };
    // A refused choice puts the menu back to what is stored.
    let edit_select = move |ev: leptos::ev::Event, change: ObjectiveEdit, stored: String| {
        if !edit(change) {
            event_target::<web_sys::HtmlSelectElement>(&ev).set_value(&stored);
        }
    };
    let year = RwSignal::new(
        today
            .map(|d| d.ymd().0.to_string())
            .unwrap_or_else(|| "2026".into()),
    );
    let add_year = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(y) = year.get_untracked().trim().parse::<i32>() else {
            state.message.set(Some(super::Message {
                text: t_string!(i18n, type_a_year).to_string(),
                undoable: false,
            }));
            return;
        };
        let result = try_edit(state, |d| {
            let mut periods = d.plan().periods.clone();
            let before = periods.len();
            for p in Period::year_with_quarters(y) {
                if d.plan().period(&p.name).is_none() {
                    periods.push(p);
                }
            }
            if periods.len() == before {
                return Err(t_string!(i18n, year_there, year = y).to_string());
            }
            d.execute(Command::SetPeriods(periods))
                .map_err(|e| e.say(state.locale()))
        });
        say(
            state,
            result,
            t_string!(i18n, year_added, year = y).to_string(),
        );
    };
    move || {
        let Some((title, period, aligned, commitment, others, periods, pace, children)) =
            info.get()
        else {
            return view! { <p>{t!(i18n, objective_gone)}</p> }.into_any();
        };
        let aligned_value = aligned.map(|a| a.0.to_string()).unwrap_or_default();
        let known_period = periods.iter().any(|p| p.eq_ignore_ascii_case(&period));
        view! {
            <h2 class="details-title">{t_string!(i18n, objective_heading, title = title.clone()).to_string()}</h2>
            {pace.map(|p| view! { <p class="pace" data-testid="pace">{p}</p> })}
            <div class="objective-fields">
                <label>
                    {t!(i18n, period)}
                    " "
                    <select
                        aria-label=move || t_string!(i18n, period).to_string()
                        prop:value=period.clone()
                        on:change={
                            let stored = period.clone();
                            move |ev| {
                                let v = event_target_value(&ev);
                                edit_select(ev, ObjectiveEdit::Period(v), stored.clone());
                            }
                        }
                    >
                        <option value="">{t!(i18n, no_period)}</option>
                        {(!known_period && !period.is_empty()).then(|| {
                            view! { <option value=period.clone()>{t_string!(i18n, period_no_dates, period = period.clone()).to_string()}</option> }
                        })}
                        {periods.into_iter().map(|p| view! { <option value=p.clone()>{p.clone()}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    {t!(i18n, aligned_to)}
                    " "
                    <select
                        aria-label=move || t_string!(i18n, aligned_to).to_string()
                        prop:value=aligned_value.clone()
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            let change = ObjectiveEdit::AlignedTo(v.parse().ok().map(Id));
                            edit_select(ev, change, aligned_value.clone());
                        }
                    >
                        <option value="">{t!(i18n, top_level)}</option>
                        {others.into_iter().map(|(oid, label)| view! {
                            <option value=oid.0.to_string()>{label}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>
                    {t!(i18n, commitment)}
                    " "
                    <select
                        aria-label=move || t_string!(i18n, commitment).to_string()
                        prop:value=commitment.name()
                        on:change=move |ev| {
                            let c = if event_target_value(&ev) == "committed" {
                                Commitment::Committed
                            } else {
                                Commitment::Aspirational
                            };
                            edit_select(ev, ObjectiveEdit::Commitment(c), commitment.name().into());
                        }
                    >
                        <option value="aspirational">{t!(i18n, aspirational)}</option>
                        <option value="committed">{t!(i18n, committed)}</option>
                    </select>
                </label>
            </div>
            {(!children.is_empty()).then(|| view! {
                <p class="aligned-children" data-testid="aligned-children">
                    {t_string!(i18n, aligned_under_it, list = children.join(", ")).to_string()}
                </p>
            })}
            <form class="add-year" on:submit=add_year aria-label=t_string!(i18n, add_year_form).to_string()>
                <label>
                    {t!(i18n, add_year_label)}
                    " "
                    <input type="text" inputmode="numeric" size="6" data-testid="add-year-input" aria-label=t_string!(i18n, year).to_string()
                        prop:value=move || year.get()
                        on:input=move |ev| year.set(event_target_value(&ev))/>
                </label>
                <button type="submit" data-testid="add-year">{t!(i18n, add_year_button)}</button>
            </form>
            <Initiatives of=id/>
        }
            .into_any()
    }
}
