//! The search box and the team, owner and status filters above the grid. The rules are
//! `grid::Filter`'s; this only reads the controls into one.

use leptos::prelude::*;

use super::i18n::{t, t_string, td_string, use_i18n};
use super::{on_demand, AppState};
use okr_core::grid::{self, Filter};
use okr_core::score::Status;

const STATUSES: [Status; 4] = [
    Status::OnTrack,
    Status::AtRisk,
    Status::OffTrack,
    Status::NoData,
];

/// Menu values: "" is "all", "=name" one value, "none" the empty value (team only).
fn menu_value(choice: &Option<String>) -> String {
    match choice.as_deref() {
        None => String::new(),
        Some("") => "none".into(),
        Some(v) => format!("={v}"),
    }
}

fn choice_of(value: &str) -> Option<String> {
    match value {
        "" => None,
        "none" => Some(String::new()),
        v => Some(v.strip_prefix('=').unwrap_or(v).to_string()),
    }
}

const MENU_DELAY: std::time::Duration = std::time::Duration::from_millis(400);

fn menu_values(plan: &okr_core::model::Plan) -> (Vec<String>, Vec<String>, Vec<String>) {
    (grid::teams(plan), grid::owners(plan), grid::periods(plan))
}

fn set(state: AppState, change: impl FnOnce(&mut Filter)) {
    state.edit(|d, g| {
        let mut f = g.filter.clone();
        change(&mut f);
        if f != g.filter {
            g.set_filter(d.plan(), f);
        }
    });
}

/// Runs a period action whose code is in the plan menu's part (it is seldom used); says so
/// when the part cannot come.
fn run_in_part(
    state: AppState,
    action: impl std::future::Future<Output = Result<(), on_demand::NotLoaded>> + 'static,
) {
    leptos::task::spawn_local(async move {
        if action.await.is_err() {
            state.message.set(Some(super::Message {
                text: on_demand::not_loaded_text(state.locale()),
                undoable: false,
            }));
        }
    });
}

part! {
    occasional;
    /// "Close period": freezes the chosen period's final scores as grades (one undo step).
    fn close_period(state: AppState, period: String) -> Result<(), on_demand::NotLoaded> {
        let lang = state.locale();
        super::autosave::keep_version(state, okr_core::versions::Reason::ClosePeriod);
        let frozen = state.edit(|d, _| {
            let command = okr_core::closing::close(d.plan(), &period)?;
            let n = match &command {
                okr_core::command::Command::Batch(c) => c.len(),
                _ => 1,
            };
            d.execute(command).ok().map(|()| n)
        });
        state.message.set(Some(match frozen {
            Some(n) => super::Message::undoable(
                td_string!(lang, period_closed, period = period.clone(), count = n).to_string(),
            ),
            None => super::Message {
                text: td_string!(lang, nothing_to_close, period).to_string(),
                undoable: false,
            },
        }));
        Ok(())
    }
}

part! {
    occasional;
    /// "Copy unfinished to next period": carries the chosen period's unfinished objectives and
    /// key results forward, then shows the next period.
    fn copy_forward(state: AppState, period: String) -> Result<(), on_demand::NotLoaded> {
        let locale = state.locale();
        super::autosave::keep_version(state, okr_core::versions::Reason::CopyForward);
        let result = state.edit(|d, g| {
            let snapshot = d.plan().clone();
            let out = okr_core::closing::carry_forward(&snapshot, &period, || d.allocate_id())
                .and_then(|c| {
                    d.execute(c.command)
                        .map_err(okr_core::closing::CarryError::Refused)?;
                    Ok((c.to, c.objectives, c.key_results))
                });
            if let Ok((to, _, _)) = &out {
                let mut f = g.filter.clone();
                f.period = Some(to.clone());
                g.set_filter(d.plan(), f);
            }
            Some(out)
        });
        state.message.set(Some(match result {
            Some(Ok((to, o, k))) => super::Message::undoable(
                td_string!(
                    locale,
                    copied_forward,
                    objectives = td_string!(locale, unfinished_objectives, count = o).to_string(),
                    key_results = super::translate::key_results(locale, k),
                    to
                )
                .to_string(),
            ),
            Some(Err(e)) => super::Message {
                text: super::translate::carry_error(locale, &e),
                undoable: false,
            },
            None => return Ok(()),
        }));
        Ok(())
    }
}

#[component]
pub(crate) fn FilterBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let filter = Memo::new(move |_| state.grid.with(|g| g.filter.clone()));
    let i18n = use_i18n();
    // The menus' values need a pass over the whole plan: done at once on load, then once
    // the plan has been still for a moment, not on every keystroke of a big plan.
    let menus = super::when_still(state, MENU_DELAY, menu_values);
    // Names in the order of the interface language (Chinese by pinyin).
    let locale = state.language;
    let sorted = move |mut names: Vec<String>| {
        crate::browser::language::sort_names(&mut names, locale.get());
        names
    };
    let teams = Memo::new(move |_| sorted(menus.with(|m| m.0.clone())));
    let owners = Memo::new(move |_| sorted(menus.with(|m| m.1.clone())));
    // The chosen period is always among the options (a period just created by "Copy
    // unfinished to next period" shows before the menus refresh).
    let periods = Memo::new(move |_| {
        let mut list = menus.with(|m| m.2.clone());
        if let Some(p) = filter.with(|f| f.period.clone()) {
            if !list.iter().any(|x| x.eq_ignore_ascii_case(&p)) {
                list.push(p);
            }
        }
        list
    });
    let counts = Memo::new(move |_| {
        let f = filter.get();
        if f.is_empty() {
            return None;
        }
        state.doc.with(|d| {
            let plan = d.plan();
            let shown = f.rows(plan, &[]).len();
            Some((shown, plan.objectives.len() + plan.key_result_count()))
        })
    });
    view! {
        <div class="filter-bar" role="search" aria-label=move || t_string!(i18n, filter_grid).to_string()>
            <select
                data-testid="filter-period"
                aria-label=move || t_string!(i18n, period_shown).to_string()
                prop:value=move || filter.with(|f| menu_value(&f.period))
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    set(state, |f| f.period = choice_of(&v));
                }
            >
                <option value="">{t!(i18n, all_periods)}</option>
                <For each=move || periods.get() key=|p| p.clone() let:period>
                    <option
                        value=format!("={period}")
                        prop:selected={
                            let p = period.clone();
                            move || filter.with(|f| f.period.as_deref() == Some(p.as_str()))
                        }
                    >
                        {period.clone()}
                    </option>
                </For>
            </select>
            {move || {
                filter.with(|f| f.period.clone()).map(|period| {
                    let (a, b) = (period.clone(), period.clone());
                    view! {
                        <button
                            type="button"
                            data-testid="close-period"
                            title=move || t_string!(i18n, close_period_title).to_string()
                            on:click=move |_| run_in_part(state, close_period(state, a.clone()))
                        >
                            {t!(i18n, close_period)}
                        </button>
                        <button
                            type="button"
                            data-testid="copy-forward"
                            title=move || t_string!(i18n, copy_forward_title).to_string()
                            on:click=move |_| run_in_part(state, copy_forward(state, b.clone()))
                        >
                            {t!(i18n, copy_forward)}
                        </button>
                    }
                })
            }}
            <input
                type="search"
                class="grid-search"
                data-testid="grid-search"
                aria-label=move || t_string!(i18n, search_aria).to_string()
                placeholder=move || t_string!(i18n, search_placeholder).to_string()
                prop:value=move || filter.with(|f| f.text.clone())
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    set(state, |f| f.text = text);
                }
            />
            <select
                data-testid="filter-team"
                aria-label=move || t_string!(i18n, filter_team).to_string()
                prop:value=move || filter.with(|f| menu_value(&f.team))
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    set(state, |f| f.team = choice_of(&v));
                }
            >
                <option value="">{t!(i18n, all_teams)}</option>
                <option value="none">{t!(i18n, no_team)}</option>
                <For each=move || teams.get() key=|t| t.clone() let:team>
                    <option value=format!("={team}")>{team.clone()}</option>
                </For>
            </select>
            <select
                data-testid="filter-owner"
                aria-label=move || t_string!(i18n, filter_owner).to_string()
                prop:value=move || filter.with(|f| menu_value(&f.owner))
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    set(state, |f| f.owner = choice_of(&v));
                }
            >
                <option value="">{t!(i18n, all_owners)}</option>
                <For each=move || owners.get() key=|o| o.clone() let:owner>
                    <option value=format!("={owner}")>{owner.clone()}</option>
                </For>
            </select>
            <select
                data-testid="filter-status"
                aria-label=move || t_string!(i18n, filter_status).to_string()
                prop:value=move || {
                    filter.with(|f| f.status.map(|s| s.css().to_string()).unwrap_or_default())
                }
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    set(state, |f| f.status = STATUSES.into_iter().find(|s| s.css() == v));
                }
            >
                <option value="">{t!(i18n, all_statuses)}</option>
                {STATUSES
                    .iter()
                    .map(|s| view! { <option value=s.css()>{move || super::status_text(*s)}</option> })
                    .collect_view()}
            </select>
            <button
                type="button"
                data-testid="filter-clear"
                disabled=move || filter.with(Filter::is_empty)
                on:click=move |_| set(state, |f| *f = Filter::default())
            >
                {t!(i18n, clear_filters)}
            </button>
            <span class="filter-count" data-testid="filter-count" aria-live="polite">
                {move || counts.get().map(|(shown, all)| t_string!(i18n, showing_rows, shown, all).to_string())}
            </span>
        </div>
    }
}
