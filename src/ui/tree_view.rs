//! The alignment tree: objectives nested under the objectives they align to (company →
//! team → quarter), each with its team, period, score and band, folding branches, and a
//! button that selects the objective in the grid. The tree is `Plan::alignment_tree`.

use std::collections::HashSet;

use leptos::prelude::*;

use super::i18n::{t, t_string, use_i18n};
use super::{on_demand, AppState};
use okr_core::grid::{self, RowRef};
use okr_core::model::Id;
use okr_core::score;

/// One line of the tree as shown.
#[derive(Clone, Debug, PartialEq)]
struct Line {
    id: Id,
    depth: usize,
    title: String,
    team: String,
    period: String,
    score: String,
    status: score::Status,
    /// Objectives aligned directly under it.
    children: usize,
}

fn lines(
    plan: &okr_core::model::Plan,
    today: Option<okr_core::period::Date>,
    locale: okr_core::locale::Locale,
) -> Vec<Line> {
    let tree = plan.alignment_tree();
    // Direct children: each line counts for the nearest line above it one level up.
    let mut children = vec![0usize; tree.len()];
    let mut open: Vec<usize> = Vec::new();
    for (at, &(depth, _)) in tree.iter().enumerate() {
        open.truncate(depth);
        if let Some(&parent) = open.last() {
            children[parent] += 1;
        }
        open.push(at);
    }
    tree.into_iter()
        .zip(children)
        .map(|((depth, i), children)| {
            let o = &plan.objectives[i];
            let score = score::objective_score_by(plan.scoring, o);
            Line {
                id: o.id,
                depth,
                title: o.title.clone(),
                team: o.team.clone(),
                period: o.period.clone(),
                score: grid::format_score_in(score, locale),
                status: grid::status_of(plan, o, None, today),
                children,
            }
        })
        .collect()
}

#[component]
pub(crate) fn AlignmentTree() -> impl IntoView {
    let open = RwSignal::new(false);
    let folded = RwSignal::new(HashSet::<Id>::new());
    let i18n = use_i18n();
    view! {
        <section class="tree-view" aria-label=move || t_string!(i18n, alignment_tree).to_string()>
            <button
                type="button"
                data-testid="tree-toggle"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {t!(i18n, alignment_tree)}
            </button>
            <Show when=move || open.get()>
                {move || on_demand::show(body(open, folded))}
            </Show>
        </section>
    }
}

part! {
    tree;
    /// The open panel's content (code fetched the first time it opens).
    fn body(
        open: RwSignal<bool>,
        folded: RwSignal<HashSet<Id>>,
    ) -> Result<AnyView, on_demand::NotLoaded> {
        let state = expect_context::<AppState>();
        let i18n = use_i18n();
        let today = crate::browser::clock::today();
        let all = Memo::new(move |_| {
            if open.get() {
                let locale = state.grid.with_untracked(|g| g.locale);
                state.doc.with(|d| lines(d.plan(), today, locale))
            } else {
                Vec::new()
            }
        });
        // The lines not hidden under a folded branch.
        let shown = Memo::new(move |_| {
            folded.with(|f| {
                let mut hide_below: Option<usize> = None;
                all.get()
                    .into_iter()
                    .filter(|l| {
                        if hide_below.is_some_and(|d| l.depth > d) {
                            return false;
                        }
                        hide_below = f.contains(&l.id).then_some(l.depth);
                        true
                    })
                    .collect::<Vec<_>>()
            })
        });
        let go_to = move |id: Id| super::grid_view::go_to_row(state, RowRef::Objective(id));
        Ok(view! {
            <ul class="tree" data-testid="alignment-tree">
                {move || shown.get().into_iter().map(|line| {
                        let id = line.id;
                        let is_folded = folded.with_untracked(|f| f.contains(&id));
                        let who = if line.team.trim().is_empty() {
                            t_string!(i18n, company).to_string()
                        } else {
                            line.team.clone()
                        };
                        let details = [who, line.period.clone()]
                            .into_iter()
                            .filter(|x| !x.trim().is_empty())
                            .collect::<Vec<_>>()
                            .join(" · ");
                        let title = line.title.clone();
                        view! {
                            <li
                                class="tree-line"
                                data-depth=line.depth
                                style=format!("padding-left: {}em", (line.depth.min(12) as f64) * 1.4)
                            >
                                {(line.children > 0).then(|| {
                                    let title = title.clone();
                                    view! {
                                        <button
                                            type="button"
                                            class="tree-fold"
                                            aria-expanded=if is_folded { "false" } else { "true" }
                                            aria-label=if is_folded {
                                                t_string!(i18n, show_aligned, title = title.clone()).to_string()
                                            } else {
                                                t_string!(i18n, hide_aligned, title = title.clone()).to_string()
                                            }
                                            on:click=move |_| folded.update(|f| {
                                                if !f.remove(&id) {
                                                    f.insert(id);
                                                }
                                            })
                                        >
                                            {if is_folded { "▸" } else { "▾" }}
                                        </button>
                                    }
                                })}
                                <span class="visually-hidden">{t_string!(i18n, level, n = line.depth + 1).to_string()}</span>
                                <button
                                    type="button"
                                    class="tree-go"
                                    aria-label=t_string!(i18n, select_in_grid, title = title.clone()).to_string()
                                    on:click=move |_| go_to(id)
                                >
                                    {title.clone()}
                                </button>
                                <span class="tree-meta">{details}</span>
                                <span class="tree-score">{line.score.clone()}</span>
                                <span class=format!("badge {}", line.status.css())>{super::status_text(line.status)}</span>
                            </li>
                        }
                }).collect_view()}
            </ul>
        }
        .into_any())
    }
}
