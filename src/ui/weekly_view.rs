//! The weekly check-in: pick an owner, type the new values of all their key results at once
//! (with confidence and a note), save them as one step. The rules are `checkin::owned_by` and
//! `checkin::record_many`.

use leptos::prelude::*;

use super::i18n::{t, t_string, use_i18n};
use super::translate::Say;
use super::{on_demand, AppState};
use crate::browser::clock;
use okr_core::checkin::{self, Entry};
use okr_core::grid;
use okr_core::model::Id;
use okr_core::period::Date;

#[component]
pub(crate) fn WeeklyCheckIn() -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let owner = RwSignal::new(String::new());
    let date = RwSignal::new(clock::today().map(|d| d.to_string()).unwrap_or_default());
    let error = RwSignal::new(None::<String>);
    // The lines being typed, one per key result of the chosen owner.
    let entries = RwSignal::new(Vec::<Entry>::new());
    view! {
        <section class="weekly" aria-label=move || t_string!(i18n, weekly_checkin).to_string()>
            <button
                type="button"
                data-testid="weekly-toggle"
                disabled=move || state.read_only.get()
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {t!(i18n, weekly_checkin)}
            </button>
            <Show when=move || open.get()>
                {move || on_demand::show(body(open, owner, date, error, entries))}
            </Show>
        </section>
    }
}

part! {
    weekly;
    /// The open panel's content (code fetched the first time it opens).
    fn body(
        open: RwSignal<bool>,
        owner: RwSignal<String>,
        date: RwSignal<String>,
        error: RwSignal<Option<String>>,
        entries: RwSignal<Vec<Entry>>,
    ) -> Result<AnyView, on_demand::NotLoaded> {
        let state = expect_context::<AppState>();
        let i18n = use_i18n();
        let locale = state.language;
        let owners = Memo::new(move |_| {
            if open.get() {
                let mut names = state.doc.with(|d| grid::owners(d.plan()));
                crate::browser::language::sort_names(&mut names, locale.get());
                names
            } else {
                Vec::new()
            }
        });
        let choose = move |name: String| {
            let ids = state
                .doc
                .with_untracked(|d| checkin::owned_by(d.plan(), &name));
            entries.set(
                ids.into_iter()
                    .map(|key_result| Entry {
                        key_result,
                        value: String::new(),
                        confidence: String::new(),
                        note: String::new(),
                    })
                    .collect(),
            );
            owner.set(name);
            error.set(None);
        };
        let ids =
            Memo::new(move |_| entries.with(|l| l.iter().map(|e| e.key_result).collect::<Vec<Id>>()));
        let edit_entry = move |id: Id, change: &dyn Fn(&mut Entry)| {
            entries.update(|list| {
                if let Some(e) = list.iter_mut().find(|e| e.key_result == id) {
                    change(e);
                }
            });
        };
        let save = move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Some(day) = Date::parse(&date.get_untracked()) else {
                error.set(Some(t_string!(i18n, err_choose_date).to_string()));
                return;
            };
            let list = entries.get_untracked();
            let result = state.edit(|d, g| {
                Some(
                    checkin::record_many(d.plan(), day, &list, g.locale)
                        .map_err(|e| e.say(g.locale))
                        .and_then(|(command, n)| {
                            d.execute(command).map(|()| n).map_err(|e| e.say(g.locale))
                        }),
                )
            });
            match result {
                Some(Ok(n)) => {
                    error.set(None);
                    let who = owner.get_untracked();
                    choose(who.clone());
                    let date = state.locale().date(day);
                    let text = t_string!(i18n, recorded_checkins, count = n, who, date).to_string();
                    state.message.set(Some(super::Message::undoable(text)));
                }
                Some(Err(e)) => error.set(Some(e)),
                None => {}
            }
        };
        Ok(view! {
            <form class="weekly-form" on:submit=save aria-label=move || t_string!(i18n, weekly_form).to_string()>
                <label>
                    {t!(i18n, col_owner)}
                    " "
                    <select
                        aria-label=move || t_string!(i18n, owner_to_check_in).to_string()
                        prop:value=move || owner.get()
                        on:change=move |ev| choose(event_target_value(&ev))
                    >
                        <option value="">{t!(i18n, choose_owner)}</option>
                        <For each=move || owners.get() key=|o| o.clone() let:name>
                            <option value=name.clone()>{name.clone()}</option>
                        </For>
                    </select>
                </label>
                <label>
                    " "
                    {t!(i18n, date)}
                    " "
                    <input
                        type="date"
                        aria-label=move || t_string!(i18n, weekly_date).to_string()
                        prop:value=move || date.get()
                        on:input=move |ev| date.set(event_target_value(&ev))
                    />
                </label>
                <table class="weekly-table" data-testid="weekly-table">
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, col_key_result)}</th>
                            <th scope="col">{t!(i18n, col_current)}</th>
                            <th scope="col">{t!(i18n, new_value)}</th>
                            <th scope="col">{t!(i18n, confidence)}</th>
                            <th scope="col">{t!(i18n, note)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || ids.get()
                            key=|id| *id
                            let:id
                        >
                            {
                                let (title, current) = state.doc.with_untracked(|d| {
                                    let cell = grid::Cell {
                                        row: grid::RowRef::KeyResult(id),
                                        col: grid::Column::Current,
                                    };
                                    let title = d
                                        .plan()
                                        .key_result(id)
                                        .map(|(_, k)| k.title.clone())
                                        .unwrap_or_default();
                                    (title, grid::display_in(d.plan(), cell, None, state.grid.with_untracked(|g| g.locale)))
                                });
                                let value = move || {
                                    entries.with(|l| {
                                        l.iter()
                                            .find(|e| e.key_result == id)
                                            .map(|e| e.value.clone())
                                            .unwrap_or_default()
                                    })
                                };
                                view! {
                                    <tr>
                                        <th scope="row">{title.clone()}</th>
                                        <td class="num">{current}</td>
                                        <td>
                                            <input
                                                type="text"
                                                aria-label=t_string!(i18n, new_value_of, title = title.clone()).to_string()
                                                prop:value=value
                                                on:input=move |ev| {
                                                    let v = event_target_value(&ev);
                                                    edit_entry(id, &|e: &mut Entry| e.value = v.clone());
                                                }
                                            />
                                        </td>
                                        <td>
                                            <select
                                                aria-label=t_string!(i18n, confidence_in, title = title.clone()).to_string()
                                                on:change=move |ev| {
                                                    let v = event_target_value(&ev);
                                                    edit_entry(id, &|e: &mut Entry| e.confidence = v.clone());
                                                }
                                            >
                                                {super::details_view::confidence_options()}
                                            </select>
                                        </td>
                                        <td>
                                            <input
                                                type="text"
                                                aria-label=t_string!(i18n, note_on, title = title.clone()).to_string()
                                                on:input=move |ev| {
                                                    let v = event_target_value(&ev);
                                                    edit_entry(id, &|e: &mut Entry| e.note = v.clone());
                                                }
                                            />
                                        </td>
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
                <button type="submit" data-testid="weekly-save">{t!(i18n, save_checkins)}</button>
                {move || error.get().map(|e| view! {
                    <p class="alert alert-error" role="alert" data-testid="weekly-error">{e}</p>
                })}
            </form>
        }
        .into_any())
    }
}
