//! Health checks under the grid: a count badge, the open findings (each goes to its row or
//! is dismissed, undoably) and the dismissed ones (brought back). The rules are `health`.

use leptos::prelude::*;

use super::i18n::{t, t_string, td_string, use_i18n};
use super::{on_demand, translate, AppState};
use crate::browser::clock;
use okr_core::command::Command;
use okr_core::health::{self, Finding};

/// Checks run once the plan has been still this long (they read the whole plan).
const CHECK_DELAY: std::time::Duration = std::time::Duration::from_millis(400);

fn dismiss(state: AppState, key: String, dismissed: bool) {
    let done = state.edit(|d, _| d.execute(Command::Dismiss { key, dismissed }).is_ok());
    if done {
        let l = state.locale();
        let text = if dismissed {
            td_string!(l, finding_dismissed).to_string()
        } else {
            td_string!(l, finding_back).to_string()
        };
        state.message.set(Some(super::Message::undoable(text)));
    }
}

#[component]
pub(crate) fn HealthPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let open = RwSignal::new(false);
    let i18n = use_i18n();
    let today = clock::today();
    let found = super::when_still(state, CHECK_DELAY, move |plan| health::check(plan, today));
    // Dismissals show at once (they are read from the plan, not from the delayed checks).
    let split = Memo::new(move |_| {
        state.doc.with(|d| {
            let dismissed = &d.plan().dismissed;
            found.with(|all| {
                let (gone, live): (Vec<Finding>, Vec<Finding>) = all
                    .iter()
                    .cloned()
                    .partition(|f| dismissed.contains(&f.key));
                (live, gone)
            })
        })
    });
    let count = Memo::new(move |_| split.with(|(live, _)| live.len()));
    view! {
        <section class="health" aria-label=move || t_string!(i18n, health_checks).to_string()>
            <button
                type="button"
                data-testid="health-toggle"
                aria-expanded=move || open.get().to_string()
                aria-label=move || t_string!(i18n, health_findings, count = count.get()).to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {t!(i18n, health_checks)}
                " "
                <span class=move || if count.get() == 0 { "count-badge zero" } else { "count-badge" }
                    data-testid="health-count">
                    {move || count.get()}
                </span>
            </button>
            <Show when=move || open.get()>
                {move || on_demand::show(body(split))}
            </Show>
        </section>
    }
}

part! {
    health;
    /// The open list of findings (code fetched the first time it opens).
    fn body(split: Memo<(Vec<Finding>, Vec<Finding>)>) -> Result<AnyView, on_demand::NotLoaded> {
        let state = expect_context::<AppState>();
        let i18n = use_i18n();
        let locale = state.language;
        let item = move |f: Finding, is_dismissed: bool| {
            let row = f.row;
            let key = f.key.clone();
            let message = translate::finding(locale.get(), &f.message);
            view! {
                <li class=format!("health-item {}", f.rule.code())>
                    <span class="health-message">{message.clone()}</span>
                    " "
                    <button
                        type="button"
                        aria-label=format!("{}: {message}", t_string!(i18n, go_to_row))
                        on:click=move |_| super::grid_view::go_to_row(state, row)
                    >
                        {t!(i18n, go_to_row)}
                    </button>
                    " "
                    <button
                        type="button"
                        aria-label=format!("{}: {message}", if is_dismissed { t_string!(i18n, bring_back).to_string() } else { t_string!(i18n, dismiss).to_string() })
                        disabled=move || state.read_only.get()
                        on:click=move |_| dismiss(state, key.clone(), !is_dismissed)
                    >
                        {if is_dismissed { t_string!(i18n, bring_back).to_string() } else { t_string!(i18n, dismiss).to_string() }}
                    </button>
                </li>
            }
        };
        Ok(view! {
        <div class="health-body">
            {move || {
                let (live, gone) = split.get();
                view! {
                    {live.is_empty().then(|| view! {
                        <p class="health-none">{t!(i18n, no_findings)}</p>
                    })}
                    <ul class="health-list" data-testid="health-list">
                        {live.into_iter().map(|f| item(f, false)).collect_view()}
                    </ul>
                    {(!gone.is_empty()).then(|| view! {
                        <details class="health-dismissed" data-testid="health-dismissed">
                            <summary>{t_string!(i18n, dismissed_count, n = gone.len()).to_string()}</summary>
                            <ul class="health-list">
                                {gone.into_iter().map(|f| item(f, true)).collect_view()}
                            </ul>
                        </details>
                    })}
                }
            }}
        </div>
        }
        .into_any())
    }
}
