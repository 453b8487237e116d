//! The dashboard of the period shown (the period switcher's choice, or all): overall score,
//! key results by band, team and objective bars (SVG), the key results furthest behind
//! pace, check-in coverage, and "Print summary" (a one-page print of this section). The
//! numbers are `dashboard::build`'s.

use leptos::prelude::*;

use super::i18n::{t, t_string, td_string, use_i18n};
use super::{on_demand, translate, AppState};
use crate::browser::clock;
use okr_core::dashboard::{self, Bar};

const BAR_W: f64 = 260.0;
const ROW_H: f64 = 22.0;
const LABEL_W: f64 = 230.0;

fn score_text(score: Option<f64>, l: okr_core::locale::Locale) -> String {
    score.map_or_else(|| "—".to_string(), |s| l.score(s))
}

/// Horizontal bars from 0 to 1 with the 0.7 line; each bar labelled with its score and band,
/// so nothing is told by colour alone. Readable in print (no hover needed).
fn bars_svg(title: &str, bars: &[Bar], l: okr_core::locale::Locale) -> impl IntoView {
    // A team bar without a name is the company level.
    let name = |b: &Bar| {
        if b.label.is_empty() {
            td_string!(l, company).to_string()
        } else {
            b.label.clone()
        }
    };
    let height = ROW_H * bars.len() as f64 + 18.0;
    let width = LABEL_W + BAR_W + 120.0;
    let summary = bars
        .iter()
        .map(|b| {
            format!(
                "{} {} {}",
                name(b),
                score_text(b.score, l),
                translate::status(l, b.status)
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let target_x = LABEL_W + 0.7 * BAR_W;
    view! {
        <svg
            class="dash-bars"
            role="img"
            aria-label=format!("{title}: {summary}")
            width=width
            height=height
            viewBox=format!("0 0 {width} {height}")
        >
            {bars
                .iter()
                .enumerate()
                .map(|(i, b)| {
                    let y = i as f64 * ROW_H;
                    let w = b.score.unwrap_or(0.0).clamp(0.0, 1.0) * BAR_W;
                    let full = name(b);
                    let label: String = if full.chars().count() > 34 {
                        full.chars().take(33).chain(std::iter::once('…')).collect()
                    } else {
                        full.clone()
                    };
                    view! {
                        <text x="0" y=y + 15.0 class="dash-label">{label}<title>{full}</title></text>
                        <rect x=LABEL_W y=y + 4.0 width=BAR_W height=ROW_H - 8.0 class="dash-track"></rect>
                        <rect x=LABEL_W y=y + 4.0 width=w height=ROW_H - 8.0 class=format!("dash-bar {}", b.status.css())></rect>
                        <text x=LABEL_W + BAR_W + 8.0 y=y + 15.0 class="dash-value">
                            {format!("{} {}", score_text(b.score, l), translate::status(l, b.status))}
                        </text>
                    }
                })
                .collect_view()}
            <line class="dash-target" x1=target_x y1="0" x2=target_x y2=height - 14.0></line>
            <text class="dash-axis" x=target_x y=height - 2.0 text-anchor="middle">{l.plain(0.7)}</text>
        </svg>
    }
}

/// Prints the dashboard alone: a class on the body switches the print stylesheet to it.
fn print_summary() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let body = window.document().and_then(|d| d.body());
    if let Some(b) = &body {
        let _ = b.class_list().add_1("print-dashboard");
    }
    let _ = window.print();
    if let Some(b) = &body {
        let _ = b.class_list().remove_1("print-dashboard");
    }
}

#[component]
pub fn Dashboard() -> impl IntoView {
    let open = RwSignal::new(false);
    let i18n = use_i18n();
    view! {
        <section class="dashboard" aria-label=move || t_string!(i18n, dashboard).to_string()>
            <button
                type="button"
                data-testid="dashboard-toggle"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {t!(i18n, dashboard)}
            </button>
            {move || open.get().then(|| on_demand::show(body()))}
        </section>
    }
}

part! {
    dashboard;
    /// The open dashboard (code fetched the first time it opens): its numbers, built again
    /// when the plan or the period shown changes.
    fn body() -> Result<AnyView, on_demand::NotLoaded> {
        let state = expect_context::<AppState>();
        let today = clock::today();
        let period = Memo::new(move |_| state.grid.with(|g| g.filter.period.clone()));
        let data = Memo::new(move |_| {
            let p = period.get();
            let built = state.doc.with(|d| dashboard::build(d.plan(), p.as_deref(), today));
            // With the period: a dashboard equal to the last (a period holding every
            // objective) must still retitle.
            (p, built)
        });
        Ok((move || {
            let (p, d) = data.get();
            shown(state, p, d)
        })
        .into_any())
    }
}

/// The dashboard of period `p` (None: all), its numbers `d`.
fn shown(state: AppState, p: Option<String>, d: dashboard::Dashboard) -> AnyView {
    let i18n = use_i18n();
    let locale = state.language;
    let scope = p.unwrap_or_else(|| t_string!(i18n, all_periods).to_string());
    let c = d.counts.clone();
    let coverage = d.coverage.map(|(done, all)| {
        let share = (done * 100).checked_div(all).unwrap_or(0);
        let days = dashboard::COVERAGE_DAYS;
        t_string!(i18n, coverage, days, done, all, share).to_string()
    });
    let behind = d.behind.clone();
    view! {
        <div class="dash-body" data-testid="dashboard">
            <h2 class="dash-title">{t_string!(i18n, dashboard_title, scope = scope.clone()).to_string()}</h2>
            <p class="dash-overall" data-testid="dash-overall">
                {t!(i18n, overall_score)}
                " "
                <strong>{score_text(d.overall, locale.get())}</strong>
                " "
                <span class=format!("badge {}", d.overall_status.css())>{super::status_text(d.overall_status)}</span>
            </p>
            <dl class="dash-counts" data-testid="dash-counts">
                <div><dt>{t!(i18n, status_on_track)}</dt><dd>{c.on_track}</dd></div>
                <div><dt>{t!(i18n, status_at_risk)}</dt><dd>{c.at_risk}</dd></div>
                <div><dt>{t!(i18n, status_off_track)}</dt><dd>{c.off_track}</dd></div>
                <div><dt>{t!(i18n, status_no_data)}</dt><dd>{c.no_data}</dd></div>
            </dl>
            {coverage.map(|t| view! { <p class="dash-coverage" data-testid="dash-coverage">{t}</p> })}
            <h3>{t!(i18n, teams)}</h3>
            {bars_svg(t_string!(i18n, team_scores), &d.teams, locale.get())}
            <h3>{t!(i18n, objectives)}</h3>
            {bars_svg(t_string!(i18n, objective_scores), &d.objectives, locale.get())}
            <h3>{t!(i18n, behind_pace)}</h3>
            {if behind.is_empty() {
                view! { <p class="dash-none">{t!(i18n, none_behind)}</p> }.into_any()
            } else {
                view! {
                    <ol class="dash-behind" data-testid="dash-behind">
                        {behind.into_iter().map(|b| {
                            let row = b.row;
                            view! {
                                <li>
                                    <button type="button" class="tree-go"
                                        aria-label=t_string!(i18n, select_in_grid, title = b.title.clone()).to_string()
                                        on:click=move |_| super::grid_view::go_to_row(state, row)>
                                        {b.title.clone()}
                                    </button>
                                    {
                                        let done = okr_core::value::fixed(b.progress * 100.0, 0);
                                        let expected = okr_core::value::fixed(b.expected * 100.0, 0);
                                        format!(" · {}", t_string!(i18n, done_expected, done, expected))
                                    }
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
            <button type="button" class="no-print" data-testid="print-summary" on:click=move |_| print_summary()>
                {t!(i18n, print_summary)}
            </button>
        </div>
    }
    .into_any()
}
