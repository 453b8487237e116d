//! "Update this plan from returned files": reading one or several returned workbooks, the
//! merge preview (per file and owner: clean changes ticked, conflicts side by side, new key
//! results, rows a file no longer holds), and confirm. The rules are in `okr_core::merge`; the
//! files are read by `okr_sheets::import::returned`. Nothing changes until confirm, and the merge
//! is one undo step (the plan before it is also kept for "Undo import" after a reload).

use std::sync::Arc;

use leptos::prelude::*;

use super::i18n::{t, t_string, td_string, use_i18n};
use super::import_view::ImportState;
use super::translate;
use super::{AppState, Message};
use crate::browser::files;
use okr_core::merge::{
    self, AddedNote, Field, Item, Matched, MergePreview, Parent, Returned, Target,
};
use okr_core::period::Date;
use okr_sheets::import::returned::{ReadReturned, Unread};
use okr_sheets::import::Choices;
use okr_sheets::job::{Book, Reply, Request};

use super::import_view::{
    is_current_read, next_read, remembered_text, unexpected_reply, worker_failure,
};
use crate::browser::sheet_worker;

#[derive(Clone, Debug, PartialEq)]
pub struct Merging {
    pub files: Arc<Vec<ReadReturned>>,
    /// Files that could not be read or hold nothing to merge: name and why.
    pub refused: Vec<(String, String)>,
    pub preview: Arc<MergePreview>,
    /// The workbook when one file was chosen, so the other import modes stay a choice away.
    pub single: Option<(Book, Option<Date>)>,
    /// Time to read the files and compare them with the plan, shown to the user.
    pub millis: f64,
    /// The plan compared (its storage key and revision): confirm compares again if either
    /// changed since.
    pub compared: (String, u64),
    /// Compared again because the plan changed after the first preview (the preview says so).
    pub stale: bool,
}

/// The day a file was last saved, from the browser's `File.lastModified`.
pub(crate) fn modified_day(file: &web_sys::File) -> Option<Date> {
    let ms = file.last_modified();
    if !ms.is_finite() || ms <= 0.0 {
        return None;
    }
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    Date::new(
        i32::try_from(d.get_full_year()).ok()?,
        d.get_month() + 1,
        d.get_date(),
    )
}

/// The merge of `files` against the plan shown (read now).
fn compare(
    state: AppState,
    files: Vec<ReadReturned>,
    refused: Vec<(String, String)>,
    single: Option<(Book, Option<Date>)>,
    started: f64,
) -> Merging {
    let returned: Vec<Returned> = files.iter().map(|f| f.returned.clone()).collect();
    let (preview, revision) = state
        .doc
        .with_untracked(|d| (merge::preview(d.plan(), &returned), d.revision()));
    Merging {
        files: Arc::new(files),
        refused,
        preview: Arc::new(preview),
        single,
        millis: files::now_ms() - started,
        compared: (state.plan_key.get_untracked(), revision),
        stale: false,
    }
}

fn not_mergeable(state: AppState, file: &str) -> String {
    td_string!(state.locale(), mrg_not_mergeable, file = file.to_string()).to_string()
}

/// The merge preview of the workbook the spreadsheet worker keeps (the import preview's mode
/// `update`). `choices`: the corrections made in that preview (for a workbook okr-grid did
/// not write).
pub(crate) fn merge_one(state: AppState, book: Book, date: Option<Date>, choices: &Choices) {
    let read = next_read();
    let request = Request::Returned {
        book: book.id,
        date,
        choices: choices.clone(),
    };
    leptos::task::spawn_local(async move {
        let started = files::now_ms();
        let answer = sheet_worker::ask(&request, None, |_| {}).await;
        if !is_current_read(read) {
            return;
        }
        let (files, refused) = match returned_or_why(state, &book.file_name, answer) {
            Some(Ok(r)) => (vec![r], Vec::new()),
            Some(Err(why)) => (Vec::new(), vec![(book.file_name.clone(), why)]),
            None => return,
        };
        state.import.set(ImportState::Merging(Box::new(compare(
            state,
            files,
            refused,
            Some((book, date)),
            started,
        ))));
    });
}

/// The worker's answer to a request for a returned copy of `file`: the copy, why there is
/// none, or `None` when the read was cancelled.
fn returned_or_why(
    state: AppState,
    file: &str,
    answer: Result<(Reply, Option<js_sys::ArrayBuffer>), sheet_worker::Failure>,
) -> Option<Result<ReadReturned, String>> {
    let locale = state.locale();
    match answer {
        Ok((Reply::Returned(Ok(r)), _)) => Some(Ok(*r)),
        Ok((Reply::Returned(Err(_)), _)) => Some(Err(not_mergeable(state, file))),
        Ok((reply, _)) => Some(Err(unexpected_reply(locale, &reply))),
        Err(failure) => worker_failure(locale, &failure).map(Err),
    }
}

/// Reads several returned files (in the spreadsheet worker, one after another) and previews
/// their merge into the plan shown.
pub(crate) fn start_merge(state: AppState, chosen: Vec<web_sys::File>) {
    let locale = state.locale();
    let names: Vec<String> = chosen.iter().map(|f| f.name()).collect();
    let read_now = next_read();
    state.import.set(ImportState::Reading {
        file_name: names.join(", "),
        stage: None,
    });
    leptos::task::spawn_local(async move {
        let started = files::now_ms();
        let mut read = Vec::new();
        let mut refused = Vec::new();
        for file in &chosen {
            let name = file.name();
            let buffer = match files::read_buffer(file).await {
                Ok(buffer) => buffer,
                Err(e) => {
                    let why = td_string!(locale, imp_err_read, detail = e);
                    refused.push((name, why.to_string()));
                    continue;
                }
            };
            // A layout corrected in an earlier import reads as corrected.
            let request = Request::ReadReturned {
                file_name: name.clone(),
                date: modified_day(file),
                remembered: remembered_text(),
            };
            let answer = sheet_worker::ask(&request, Some(buffer), |_| {}).await;
            if !is_current_read(read_now) {
                return;
            }
            match returned_or_why(state, &name, answer) {
                Some(Ok(r)) => read.push(r),
                Some(Err(why)) => refused.push((name, why)),
                None => return,
            }
        }
        if read.is_empty() {
            let message = refused
                .iter()
                .map(|(_, why)| why.clone())
                .collect::<Vec<_>>()
                .join(" ");
            state.import.set(ImportState::Failed {
                file_name: names.join(", "),
                message,
            });
            return;
        }
        state.import.set(ImportState::Merging(Box::new(compare(
            state, read, refused, None, started,
        ))));
    });
}

/// A value as the grid would show it for this key result (or the text as it is).
fn shown(
    locale: okr_core::locale::Locale,
    plan: &okr_core::model::Plan,
    target: Target,
    field: Field,
    value: &str,
    blank: &str,
) -> String {
    if value.trim().is_empty() {
        return blank.to_string();
    }
    if let (Target::KeyResult(id), Field::Start | Field::Target | Field::Current) = (target, field)
    {
        if let (Some((_, kr)), Ok(v)) = (plan.key_result(id), value.parse::<f64>()) {
            return okr_core::grid::format_value_in(kr, Some(v), locale);
        }
    }
    value.to_string()
}

/// An item of the preview that is ticked or not (a change, a new row, a deletion), with a
/// note beside it.
#[component]
fn Tick(
    test_id: &'static str,
    choice: RwSignal<usize>,
    label: String,
    note: Option<String>,
) -> impl IntoView {
    view! {
        <li data-testid=test_id>
            <label>
                <input
                    type="checkbox"
                    prop:checked=move || choice.get() == 1
                    on:change=move |ev| choice.set(usize::from(event_target_checked(&ev)))
                />
                " "
                {label}
            </label>
            {note.map(|n| view! { " " <span class="merge-edited">{n}</span> })}
        </li>
    }
}

#[component]
pub(crate) fn MergePanel(merging: Merging, import_state: RwSignal<ImportState>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let locale = state.locale();
    let Merging {
        files,
        refused,
        preview,
        single,
        millis,
        compared,
        stale,
    } = merging;
    let plan = state.doc.with_untracked(|d| d.plan().clone());
    let returned: Arc<Vec<Returned>> = Arc::new(files.iter().map(|f| f.returned.clone()).collect());
    let choices: Vec<RwSignal<usize>> = preview
        .items
        .iter()
        .map(|i| RwSignal::new(i.default_choice()))
        .collect();
    let file_names: Vec<String> = returned.iter().map(|r| r.file.clone()).collect();
    let blank = t_string!(i18n, mrg_blank).to_string();
    let field_name = move |target: Target, field: Field| -> String {
        match (target, field) {
            (Target::Objective(_), Field::Title) => t_string!(i18n, col_objective).to_string(),
            (_, Field::Title) => t_string!(i18n, col_key_result).to_string(),
            (_, Field::Owner) => t_string!(i18n, col_owner).to_string(),
            (_, Field::Start) => t_string!(i18n, col_start).to_string(),
            (_, Field::Target) => t_string!(i18n, col_target).to_string(),
            (_, Field::Current) => t_string!(i18n, col_current).to_string(),
            (_, Field::Confidence) => t_string!(i18n, confidence).to_string(),
            (_, Field::Notes) => t_string!(i18n, field_notes).to_string(),
        }
    };
    let title_of = |target: Target| -> String {
        match target {
            Target::KeyResult(id) => plan
                .key_result(id)
                .map(|(_, k)| k.title.clone())
                .unwrap_or_default(),
            Target::Objective(id) => plan
                .objective(id)
                .map(|o| o.title.clone())
                .unwrap_or_default(),
        }
    };
    let files_named = |from: &[usize]| -> String {
        let mut names: Vec<&str> = from
            .iter()
            .filter_map(|f| file_names.get(*f).map(String::as_str))
            .collect();
        names.dedup();
        names.join(", ")
    };

    // One view per item, grouped by file, then by owner.
    let mut sections = Vec::new();
    for (f, file) in returned.iter().enumerate() {
        let matched = preview.matched.get(f).copied().unwrap_or(Matched::ByTitles);
        let how = match matched {
            Matched::ByIds => t_string!(i18n, mrg_by_ids).to_string(),
            Matched::ByTitles => t_string!(i18n, mrg_by_titles).to_string(),
            Matched::ByTitlesAgainstExport => t_string!(i18n, mrg_by_titles_export).to_string(),
        };
        let unread: Vec<String> = files[f]
            .unread
            .iter()
            .map(|Unread { row, column, text }| {
                t_string!(
                    i18n,
                    mrg_unread,
                    row = *row,
                    column = column.clone(),
                    text = text.clone()
                )
                .to_string()
            })
            .collect();
        let mut owners: Vec<(String, Vec<AnyView>)> = Vec::new();
        for (i, item) in preview.items.iter().enumerate() {
            if item.first_file() != f {
                continue;
            }
            let choice = choices[i];
            let owner = preview.owner_of(item, &plan, &returned);
            let view = match item {
                Item::Change {
                    target,
                    field,
                    base,
                    options,
                    conflict: false,
                } => {
                    let from = shown(locale, &plan, *target, *field, &options[0].value, &blank);
                    let to = options
                        .get(1)
                        .map(|p| shown(locale, &plan, *target, *field, &p.value, &blank))
                        .unwrap_or_default();
                    let name = field_name(*target, *field);
                    // A title's change says it all; other fields name their row.
                    let label = if *field == Field::Title {
                        t_string!(i18n, mrg_renamed, field = name, from, to).to_string()
                    } else {
                        t_string!(
                            i18n,
                            mrg_change,
                            what = title_of(*target),
                            field = name,
                            from,
                            to
                        )
                        .to_string()
                    };
                    let _ = base;
                    view! { <Tick test_id="merge-change" choice=choice label=label note=None/> }
                        .into_any()
                }
                Item::Change {
                    target,
                    field,
                    base,
                    options,
                    conflict: true,
                } => {
                    let legend = t_string!(
                        i18n,
                        mrg_conflict,
                        what = title_of(*target),
                        field = field_name(*target, *field),
                        base = shown(locale, &plan, *target, *field, base, &blank)
                    )
                    .to_string();
                    let group = format!("merge-conflict-{i}");
                    let radios = options
                        .iter()
                        .enumerate()
                        .map(|(n, p)| {
                            let value = shown(locale, &plan, *target, *field, &p.value, &blank);
                            let label = if n == 0 {
                                t_string!(i18n, mrg_ours, value).to_string()
                            } else {
                                let from: Vec<usize> = p.from.iter().map(|(f, _)| *f).collect();
                                t_string!(i18n, mrg_theirs, files = files_named(&from), value)
                                    .to_string()
                            };
                            view! {
                                <label class="merge-option">
                                    <input
                                        type="radio"
                                        name=group.clone()
                                        prop:checked=move || choice.get() == n
                                        on:change=move |_| choice.set(n)
                                    />
                                    " "
                                    {label}
                                </label>
                            }
                        })
                        .collect_view();
                    view! {
                        <li>
                            <fieldset class="merge-conflict" data-testid="merge-conflict">
                                <legend>{legend}</legend>
                                {radios}
                            </fieldset>
                        </li>
                    }
                    .into_any()
                }
                Item::Added {
                    parent,
                    file,
                    row,
                    note,
                } => {
                    let r = returned.get(*file).and_then(|r| r.rows.get(*row));
                    let title = r
                        .and_then(|r| r.values.get(&Field::Title).cloned())
                        .unwrap_or_default();
                    let objective = match parent {
                        Parent::Objective(id) => plan
                            .objective(*id)
                            .map(|o| o.title.clone())
                            .unwrap_or_default(),
                        Parent::New { title, .. } => title.clone(),
                    };
                    let label = t_string!(i18n, mrg_added, title, objective).to_string();
                    let note = note.map(|n| match n {
                        AddedNote::DeletedHere => {
                            t_string!(i18n, mrg_added_deleted_here).to_string()
                        }
                        AddedNote::AlsoAddedBy(g) => t_string!(
                            i18n,
                            mrg_added_also,
                            file = file_names.get(g).cloned().unwrap_or_default()
                        )
                        .to_string(),
                    });
                    view! { <Tick test_id="merge-added" choice=choice label=label note=note/> }
                        .into_any()
                }
                Item::Deleted { id, files, edited } => {
                    let label = t_string!(
                        i18n,
                        mrg_deleted,
                        title = title_of(Target::KeyResult(*id)),
                        files = files_named(files)
                    )
                    .to_string();
                    let note = edited.then(|| t_string!(i18n, mrg_deleted_edited).to_string());
                    view! { <Tick test_id="merge-deleted" choice=choice label=label note=note/> }
                        .into_any()
                }
            };
            match owners.iter_mut().find(|(o, _)| *o == owner) {
                Some((_, views)) => views.push(view),
                None => owners.push((owner, vec![view])),
            }
        }
        let count = owners.iter().map(|(_, v)| v.len()).sum::<usize>();
        let groups = owners
            .into_iter()
            .map(|(owner, views)| {
                let heading = if owner.is_empty() {
                    t_string!(i18n, mrg_no_owner).to_string()
                } else {
                    t_string!(i18n, mrg_owner, owner).to_string()
                };
                view! {
                    <div class="merge-owner">
                        <h4>{heading}</h4>
                        <ul>{views}</ul>
                    </div>
                }
            })
            .collect_view();
        let date = file.date.map(|d| locale.date(d)).unwrap_or_default();
        // A file whose only say is in a conflict listed under an earlier file.
        let elsewhere = preview.items.iter().any(|i| i.files().contains(&f));
        let nothing = (count == 0).then(|| {
            if elsewhere {
                view! { <p class="muted">{t!(i18n, mrg_file_above)}</p> }.into_any()
            } else {
                view! { <p class="muted">{t!(i18n, mrg_file_nothing)}</p> }.into_any()
            }
        });
        sections.push(view! {
            <section class="merge-file" data-testid="merge-file" aria-label=file.file.clone()>
                <h3>{file.file.clone()} " " <span class="muted">{date}</span></h3>
                <p class="muted">{how}</p>
                {(!unread.is_empty()).then(|| view! {
                    <div class="alert alert-warning" role="alert">
                        {unread.into_iter().map(|u| view! { <p>{u}</p> }).collect_view()}
                    </div>
                })}
                {groups}
                {nothing}
            </section>
        });
    }

    let refused_view = (!refused.is_empty()).then(|| {
        view! {
            <div class="alert alert-error" role="alert" data-testid="merge-refused">
                {refused.iter().map(|(_, why)| view! { <p>{why.clone()}</p> }).collect_view()}
            </div>
        }
    });

    let nothing_to_do = preview.items.is_empty();
    let preview_for_confirm = Arc::clone(&preview);
    let returned_for_confirm = Arc::clone(&returned);
    let names_for_confirm = file_names.join(", ");
    let inputs = (Arc::clone(&files), refused.clone(), single.clone());
    let confirm = move |_| {
        // The plan changed since the comparison (edited, or another plan opened): compare
        // again and show that, rather than apply choices made against another state.
        let now = (
            state.plan_key.get_untracked(),
            state.doc.with_untracked(|d| d.revision()),
        );
        if now != compared {
            let (files, refused, single) = inputs.clone();
            let mut again = compare(state, files.to_vec(), refused, single, files::now_ms());
            again.stale = true;
            import_state.set(ImportState::Merging(Box::new(again)));
            return;
        }
        // A shared plan is not merged into (nothing is kept or replaced).
        if state.refuse_read_only() {
            return;
        }
        let chosen: Vec<usize> = choices.iter().map(|c| c.get_untracked()).collect();
        let Some(today) = crate::browser::clock::today().or_else(|| Date::new(2026, 1, 1)) else {
            return;
        };
        let merge::Merged {
            plan: merged,
            applied: n,
            not_applied: failed,
        } = state.doc.with_untracked(|d| {
            merge::apply(
                d.plan(),
                &preview_for_confirm,
                &returned_for_confirm,
                &chosen,
                today,
            )
        });
        // The plan before the merge stays restorable after a reload ("Undo import").
        if let Err(why) = super::plans_view::keep_replaced(state) {
            state.message.set(Some(Message {
                text: td_string!(state.locale(), mrg_backup_failed, why).to_string(),
                undoable: false,
            }));
            return;
        }
        let applied = state.edit(|d, g| {
            g.cancel();
            g.active = None;
            d.execute(okr_core::command::Command::ReplacePlan(Box::new(merged)))
                .is_ok()
        });
        if applied {
            let mut text = td_string!(
                state.locale(),
                mrg_done,
                files = names_for_confirm.clone(),
                n
            )
            .to_string();
            for f in &failed {
                text.push(' ');
                text.push_str(
                    &td_string!(
                        state.locale(),
                        mrg_not_applied,
                        why = format!(
                            "“{}”: {}",
                            f.title,
                            match &f.why {
                                merge::Why::Value(e) =>
                                    translate::check_in_error(state.locale(), e),
                                merge::Why::Refused(e) =>
                                    translate::command_error(state.locale(), e),
                            }
                        )
                    )
                    .to_string(),
                );
            }
            state.message.set(Some(Message::undoable(text)));
            import_state.set(ImportState::Idle);
        }
    };

    // The mode menu: back to the other modes when one file was chosen.
    let on_mode = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        if value == "update" {
            return;
        }
        if let Some((book, date)) = single.clone() {
            super::import_view::preview_book(state, book, date, &value);
        }
    };
    let several = file_names.len() + refused.len() > 1;
    let summary = t_string!(
        i18n,
        mrg_summary,
        changes = preview.changes(),
        added = preview.added(),
        conflicts = preview.conflicts(),
        deleted = preview.deleted()
    )
    .to_string();
    let plan_name = plan.name.clone();
    view! {
        <section class="import-preview merge-preview" role="region" aria-label=t_string!(i18n, mrg_region).to_string() data-testid="merge-preview">
            <h2>{t_string!(i18n, mrg_heading, plan = plan_name).to_string()}</h2>
            {stale.then(|| view! {
                <p class="alert alert-warning" role="alert" data-testid="merge-stale">{t!(i18n, mrg_stale)}</p>
            })}
            <p>
                <span data-testid="merge-summary">{summary}</span>
                " "
                <span class="muted" data-testid="merge-timing">{t_string!(i18n, imp_read_in, ms = format!("{millis:.0}")).to_string()}</span>
            </p>
            {refused_view}
            {nothing_to_do.then(|| view! { <p class="alert alert-warning" role="alert">{t!(i18n, mrg_nothing)}</p> })}
            <div class="merge-files">{sections}</div>
            <div class="import-footer">
                <fieldset class="import-mode">
                    <legend>{t!(i18n, imp_how)}</legend>
                    <select
                        data-testid="import-mode"
                        aria-label=t_string!(i18n, imp_mode_label).to_string()
                        on:change=on_mode
                    >
                        <option value="new" disabled=several>{t!(i18n, imp_mode_new)}</option>
                        <option value="replace" disabled=several>{t!(i18n, imp_replace)}</option>
                        <option value="add" disabled=several>{t!(i18n, imp_add)}</option>
                        <option value="update" selected=true>{t!(i18n, imp_mode_update)}</option>
                    </select>
                    {several.then(|| view! { <p class="muted">{t!(i18n, mrg_several)}</p> })}
                </fieldset>
                <div class="import-actions">
                    <button
                        type="button"
                        class="primary"
                        data-testid="import-confirm"
                        disabled=nothing_to_do
                        on:click=confirm
                    >
                        {t!(i18n, mrg_confirm)}
                    </button>
                    <button type="button" on:click=move |_| import_state.set(ImportState::Idle)>
                        {t!(i18n, cancel)}
                    </button>
                </div>
            </div>
        </section>
    }
}
