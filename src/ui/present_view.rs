//! Presentation mode: one objective at a time in large type, the toolbars out of sight, arrow
//! keys to move, Esc to leave. Slides and moves come from `okr_core::presentation`; each slide
//! shows the objective's score and status and its key results' values, scores and pace.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::i18n::{t, t_string, use_i18n};
use super::{on_demand, translate, AppState};
use okr_core::presentation::{self, Move};

/// The toolbar's "Present" button.
#[component]
pub(crate) fn PresentButton() -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    view! {
        <button
            type="button"
            data-testid="present"
            title=move || t_string!(i18n, present_title).to_string()
            on:click=move |_| state.presenting.set(Some(0))
        >
            {t!(i18n, present)}
        </button>
    }
}

/// The slides, over the whole page while presenting.
#[component]
pub fn Presentation() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <Show when=move || state.presenting.with(Option::is_some)>
            {move || on_demand::show(body())}
        </Show>
    }
}

part! {
    present;
    /// The open panel's content (code fetched the first time it opens).
    fn body() -> Result<AnyView, on_demand::NotLoaded> {
        let state = expect_context::<AppState>();
        let i18n = use_i18n();
        let overlay = NodeRef::<html::Div>::new();
        let slides = Memo::new(move |_| {
            state.presenting.with(Option::is_some).then(|| {
                state.doc.with(|d| {
                    state
                        .grid
                        .with(|g| presentation::slides(d.plan(), &g.filter))
                })
            })
        });
        // Focus goes to the slides when they open, so the keys move them at once.
        Effect::new(move |_| {
            if state.presenting.with(Option::is_some) {
                if let Some(el) = overlay.get() {
                    let _ = el.focus();
                }
            }
        });
        let leave = move || {
            state.presenting.set(None);
            // Back to the button that opened it.
            let button = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector("[data-testid=present]").ok().flatten())
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(b) = button {
                let _ = b.focus();
            }
        };
        let go = move |m: Move| {
            let count = slides.with_untracked(|s| s.as_ref().map_or(0, Vec::len));
            state
                .presenting
                .update(|at| *at = at.map(|i| presentation::step(i, count, m)));
        };
        let on_keydown = move |ev: web_sys::KeyboardEvent| {
            let m = match ev.key().as_str() {
                "ArrowRight" | "ArrowDown" | "PageDown" | " " => Some(Move::Next),
                "ArrowLeft" | "ArrowUp" | "PageUp" => Some(Move::Previous),
                "Home" => Some(Move::First),
                "End" => Some(Move::Last),
                "Escape" => {
                    ev.prevent_default();
                    leave();
                    return;
                }
                _ => None,
            };
            if let Some(m) = m {
                ev.prevent_default();
                go(m);
            }
        };
        let slide = move || {
            let at = state.presenting.get()?;
            let slides = slides.get()?;
            let count = slides.len();
            let locale = state.language.get();
            let today = crate::browser::clock::today();
            let Some(slide) = slides.get(at.min(count.saturating_sub(1))).cloned() else {
                return Some(
                    view! { <p class="present-empty">{t!(i18n, present_nothing)}</p> }.into_any(),
                );
            };
            let body = state.doc.with(|d| {
                let plan = d.plan();
                let o = plan.objective(slide.objective)?;
                let period = plan.period(&o.period);
                let score = okr_core::score::objective_score_by(plan.scoring, o);
                let status = okr_core::grid::status_of(plan, o, None, today);
                let meta: Vec<String> = [o.team.clone(), o.period.clone(), o.owner.clone()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect();
                let rows = slide
                    .key_results
                    .iter()
                    .filter_map(|id| plan.key_result(*id))
                    .map(|(_, k)| {
                        let value = |v| okr_core::grid::format_value_in(k, v, locale);
                        let kr_score = okr_core::score::key_result_score_by(plan.scoring, k);
                        let kr_status = okr_core::grid::status_of(plan, o, Some(k), today);
                        let pace = period
                            .zip(today)
                            .and_then(|(p, t)| okr_core::pace::key_result(k, p, t))
                            .map(|p| translate::pace(locale, p.status));
                        view! {
                            <tr>
                                <th scope="row">{k.title.clone()}</th>
                                <td>{k.owner.clone()}</td>
                                <td class="num">{value(k.current)}</td>
                                <td class="num">{value(k.target)}</td>
                                <td class="num">
                                    {kr_score.has_data.then(|| locale.score(kr_score.value))}
                                    " "
                                    <span class=format!("badge {}", kr_status.css())>{translate::status(locale, kr_status)}</span>
                                </td>
                                <td class="present-pace">{pace}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                Some(view! {
                    <p class="present-meta">{meta.join(" · ")}</p>
                    <h2 class="present-title">{o.title.clone()}</h2>
                    <p class="present-score">
                        {score.filter(|s| s.has_data).map(|s| locale.score(s.value))}
                        " "
                        <span class=format!("badge {}", status.css())>{translate::status(locale, status)}</span>
                    </p>
                    <table class="present-table">
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, col_key_result)}</th>
                                <th scope="col">{t!(i18n, col_owner)}</th>
                                <th scope="col" class="num">{t!(i18n, col_current)}</th>
                                <th scope="col" class="num">{t!(i18n, col_target)}</th>
                                <th scope="col" class="num">{t!(i18n, col_score)}</th>
                                <th scope="col">{t!(i18n, present_pace)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                })
            });
            let position = t_string!(
                i18n,
                present_position,
                n = at.min(count.saturating_sub(1)) + 1,
                count
            )
            .to_string();
            Some(view! {
                {body}
                <p class="present-nav">
                    <button type="button" data-testid="present-previous" disabled={at == 0} on:click=move |_| go(Move::Previous)>
                        {t!(i18n, present_previous)}
                    </button>
                    " "
                    <span data-testid="present-position">{position}</span>
                    " "
                    <button type="button" data-testid="present-next" disabled={at + 1 >= count} on:click=move |_| go(Move::Next)>
                        {t!(i18n, present_next)}
                    </button>
                    " "
                    <button type="button" data-testid="present-leave" on:click=move |_| leave()>
                        {t!(i18n, present_leave)}
                    </button>
                </p>
            }
            .into_any())
        };
        Ok(view! {
            <div
                class="presentation"
                role="dialog"
                aria-modal="true"
                aria-label=move || t_string!(i18n, present_region).to_string()
                data-testid="presentation"
                tabindex="-1"
                node_ref=overlay
                on:keydown=on_keydown
            >
                {slide}
            </div>
        }
        .into_any())
    }
}
