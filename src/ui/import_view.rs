//! Import: the file picker and drop target, the busy indicator, and the preview where the
//! user checks what was understood, corrects column fields, and confirms or cancels.
//! Reading and interpreting are in `crate::import`; nothing changes until confirm.

use std::sync::Arc;

use leptos::prelude::*;

use super::i18n::{t_string, use_i18n};
use wasm_bindgen::JsCast;

use super::{AppState, Message};
use crate::browser::files;
use crate::import::{self, layout::SheetOutcome, Choices, Field, Mode, Preview, Workbook};

/// What the import panel shows.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportState {
    Idle,
    Reading { file_name: String },
    Previewing(Box<Previewing>),
    Failed { file_name: String, message: String },
}

/// Shared, not copied: the panel re-renders from a clone of the state, and a workbook or
/// preview of 10 000 key results is large.
#[derive(Clone, Debug, PartialEq)]
pub struct Previewing {
    pub book: Arc<Workbook>,
    pub choices: Choices,
    pub preview: Arc<Preview>,
    /// Time to read and interpret the file, shown to the user.
    pub millis: f64,
}

/// Reads, interprets and previews a file; the current plan is not touched.
pub fn start_import(import_state: RwSignal<ImportState>, file: web_sys::File) {
    let file_name = file.name();
    import_state.set(ImportState::Reading {
        file_name: file_name.clone(),
    });
    leptos::task::spawn_local(async move {
        // Let the busy indicator paint before the synchronous parse.
        files::next_paint().await;
        let started = files::now_ms();
        let result = match files::read_bytes(&file).await {
            Ok(bytes) => import::read(&bytes, &file_name).map_err(|e| e.to_string()),
            Err(e) => Err(format!("The file could not be read: {e}.")),
        };
        import_state.set(match result {
            Ok(book) => {
                let choices = Choices::default();
                let preview = Arc::new(import::interpret(&book, &choices));
                ImportState::Previewing(Box::new(Previewing {
                    book: Arc::new(book),
                    choices,
                    preview,
                    millis: files::now_ms() - started,
                }))
            }
            Err(message) => ImportState::Failed { file_name, message },
        });
    });
}

fn first_file(list: Option<web_sys::FileList>) -> Option<web_sys::File> {
    list.and_then(|l| l.get(0))
}

/// The "Import" control of the toolbar: a labelled file input.
#[component]
pub fn ImportButton(import_state: RwSignal<ImportState>) -> impl IntoView {
    let i18n = use_i18n();
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(file) = first_file(input.files()) {
            start_import(import_state, file);
        }
        // Picking the same file again must fire `change` again.
        input.set_value("");
    };
    view! {
        <label class="button import-button">
            {move || t_string!(i18n, import).to_string()}
            <input
                class="visually-hidden"
                type="file"
                data-testid="import-input"
                aria-label=move || t_string!(i18n, import_aria).to_string()
                accept=".xlsx,.xlsm,.xls,.ods,.csv,.tsv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,application/vnd.oasis.opendocument.spreadsheet,text/csv,text/tab-separated-values"
                on:change=on_change
            />
        </label>
    }
}

/// Handlers that make the whole page a drop target for a spreadsheet.
pub fn on_drop(import_state: RwSignal<ImportState>) -> impl Fn(web_sys::DragEvent) + Clone {
    move |ev: web_sys::DragEvent| {
        let file = ev.data_transfer().and_then(|dt| first_file(dt.files()));
        if let Some(file) = file {
            ev.prevent_default();
            start_import(import_state, file);
        }
    }
}

pub fn on_dragover(ev: web_sys::DragEvent) {
    // Without this the browser opens the dropped file instead.
    let has_files = ev.data_transfer().is_some_and(|dt| {
        dt.types()
            .iter()
            .any(|t| t.as_string().as_deref() == Some("Files"))
    });
    if has_files {
        ev.prevent_default();
    }
}

/// The panel: busy indicator, error, or preview.
#[component]
pub fn ImportPanel(import_state: RwSignal<ImportState>) -> impl IntoView {
    move || match import_state.get() {
        ImportState::Idle => ().into_any(),
        ImportState::Reading { file_name } => view! {
            <div class="import-busy" role="status" aria-busy="true" data-testid="import-busy">
                <span class="spinner" aria-hidden="true"></span>
                {format!("Reading “{file_name}”…")}
            </div>
        }
        .into_any(),
        ImportState::Failed { file_name, message } => view! {
            <div class="alert alert-error" role="alert" data-testid="import-error">
                <p>
                    <strong>{format!("“{file_name}” was not imported. ")}</strong>
                    {message}
                    " Your plan is unchanged."
                </p>
                <div class="alert-actions">
                    <button type="button" on:click=move |_| import_state.set(ImportState::Idle)>
                        "Dismiss"
                    </button>
                </div>
            </div>
        }
        .into_any(),
        ImportState::Previewing(p) => {
            view! { <PreviewPanel previewing=*p import_state=import_state/> }.into_any()
        }
    }
}

#[component]
fn PreviewPanel(previewing: Previewing, import_state: RwSignal<ImportState>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Previewing {
        book,
        choices,
        preview,
        millis,
    } = previewing;
    let objectives = preview.plan.objectives.len();
    let key_results = preview.key_result_count();
    let nothing = preview.nothing_found_message();
    let mode_add = RwSignal::new(false);
    let team = RwSignal::new(String::new());
    let period = RwSignal::new(String::new());
    let file_name = book.file_name.clone();

    let book_for_change = Arc::clone(&book);
    let change_field = move |sheet: usize, col: usize, field: Field| {
        let mut choices = choices.clone();
        choices.columns.insert((sheet, col), field);
        let started = files::now_ms();
        let preview = Arc::new(import::interpret(&book_for_change, &choices));
        import_state.set(ImportState::Previewing(Box::new(Previewing {
            book: Arc::clone(&book_for_change),
            choices,
            preview,
            millis: files::now_ms() - started,
        })));
    };

    let preview_for_confirm = Arc::clone(&preview);
    let confirm = move |_| {
        let mode = if mode_add.get_untracked() {
            Mode::Add {
                team: team.get_untracked(),
                period: period.get_untracked(),
            }
        } else {
            Mode::Replace
        };
        let applied = state.edit(|d, g| {
            g.cancel();
            g.active = None;
            d.execute(import::apply::command(
                d.plan(),
                &preview_for_confirm,
                &mode,
            ))
            .is_ok()
        });
        if applied {
            state.message.set(Some(Message::undoable(format!(
                "Imported {objectives} objective{} and {key_results} key result{} from “{}”.",
                if objectives == 1 { "" } else { "s" },
                if key_results == 1 { "" } else { "s" },
                preview_for_confirm.plan.name,
            ))));
            import_state.set(ImportState::Idle);
        }
    };

    let sheets = preview
        .sheets
        .iter()
        .enumerate()
        .map(|(sheet_index, report)| {
            let change_field = change_field.clone();
            let body = match &report.outcome {
                SheetOutcome::Skipped { reason } => view! {
                    <p class="sheet-skipped">{format!("Skipped: {reason}.")}</p>
                }
                .into_any(),
                SheetOutcome::Details { summary } => view! {
                    <p class="sheet-details">{summary.clone()}</p>
                }
                .into_any(),
                SheetOutcome::Read {
                    header_row,
                    columns,
                    objectives,
                    key_results,
                    skipped_rows,
                    warnings,
                    team,
                    period,
                } => {
                    let found = format!(
                        "Header in row {header_row}. Found {objectives} objective{} and {key_results} key result{}{}{}.",
                        if *objectives == 1 { "" } else { "s" },
                        if *key_results == 1 { "" } else { "s" },
                        team.as_ref().map(|t| format!(", team “{t}”")).unwrap_or_default(),
                        period.as_ref().map(|p| format!(", period “{p}”")).unwrap_or_default(),
                    );
                    let column_rows = columns
                        .iter()
                        .map(|c| {
                            let change_field = change_field.clone();
                            let col = c.index;
                            let current = c.field;
                            let on_change = move |ev: leptos::ev::Event| {
                                let value = event_target_value(&ev);
                                if let Some(field) =
                                    Field::CHOICES.iter().find(|f| f.label() == value)
                                {
                                    change_field(sheet_index, col, *field);
                                }
                            };
                            let header = if c.header.is_empty() {
                                format!("(column {})", col + 1)
                            } else {
                                c.header.clone()
                            };
                            view! {
                                <tr>
                                    <td>{header.clone()}</td>
                                    <td>
                                        <select
                                            aria-label=format!("Field for column “{header}”")
                                            on:change=on_change
                                        >
                                            {Field::CHOICES
                                                .iter()
                                                .map(|f| {
                                                    view! {
                                                        <option value=f.label() selected=*f == current>
                                                            {f.label()}
                                                        </option>
                                                    }
                                                })
                                                .collect_view()}
                                        </select>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view();
                    let skipped = (!skipped_rows.is_empty()).then(|| {
                        let items = skipped_rows
                            .iter()
                            .map(|s| view! { <li>{format!("Row {}: {}", s.row, s.reason)}</li> })
                            .collect_view();
                        view! {
                            <p class="skipped-title">"Rows skipped:"</p>
                            <ul class="skipped-rows">{items}</ul>
                        }
                    });
                    let warnings = warnings
                        .iter()
                        .map(|w| view! { <p class="import-warning">{w.clone()}</p> })
                        .collect_view();
                    view! {
                        <p>{found}</p>
                        <table class="column-map">
                            <thead>
                                <tr>
                                    <th scope="col">"Column"</th>
                                    <th scope="col">"Read as"</th>
                                </tr>
                            </thead>
                            <tbody>{column_rows}</tbody>
                        </table>
                        {skipped}
                        {warnings}
                    }
                    .into_any()
                }
            };
            view! {
                <details class="sheet-report" open=true>
                    <summary>{format!("Sheet “{}”", report.name)}</summary>
                    {body}
                </details>
            }
        })
        .collect_view();

    let objective_list = preview
        .plan
        .objectives
        .iter()
        .take(50)
        .map(|o| {
            let krs = o
                .key_results
                .iter()
                .map(|k| view! { <li>{k.title.clone()}</li> })
                .collect_view();
            view! {
                <li>
                    <strong>{o.title.clone()}</strong>
                    <ul>{krs}</ul>
                </li>
            }
        })
        .collect_view();
    let more = (objectives > 50).then(|| format!("… and {} more objectives.", objectives - 50));

    view! {
        <section class="import-preview" role="region" aria-label="Import preview" data-testid="import-preview">
            <h2>{format!("Import “{file_name}”")}</h2>
            <p data-testid="import-summary">
                {format!(
                    "Found {objectives} objective{} and {key_results} key result{}.",
                    if objectives == 1 { "" } else { "s" },
                    if key_results == 1 { "" } else { "s" },
                )}
                " "
                <span class="muted" data-testid="import-timing">{format!("Read in {millis:.0} ms.")}</span>
            </p>
            {nothing.map(|m| view! { <p class="alert alert-warning" role="alert">{m}</p> })}
            <div class="sheet-reports">{sheets}</div>
            <details class="found-objectives">
                <summary>"Objectives and key results found"</summary>
                <ul>{objective_list}</ul>
                {more}
            </details>
            <fieldset class="import-mode">
                <legend>"How to import"</legend>
                <label>
                    <input
                        type="radio"
                        name="import-mode"
                        checked=true
                        on:change=move |_| mode_add.set(false)
                    />
                    "Replace the current plan"
                </label>
                <label>
                    <input type="radio" name="import-mode" on:change=move |_| mode_add.set(true)/>
                    "Add to the current plan"
                </label>
                <Show when=move || mode_add.get()>
                    <label>
                        "as team "
                        <input
                            type="text"
                            aria-label="Team for the imported objectives"
                            prop:value=move || team.get()
                            on:input=move |ev| team.set(event_target_value(&ev))
                        />
                    </label>
                    <label>
                        " period "
                        <input
                            type="text"
                            aria-label="Period for the imported objectives"
                            prop:value=move || period.get()
                            on:input=move |ev| period.set(event_target_value(&ev))
                        />
                    </label>
                </Show>
            </fieldset>
            <div class="import-actions">
                <button
                    type="button"
                    class="primary"
                    data-testid="import-confirm"
                    disabled=objectives == 0
                    on:click=confirm
                >
                    {format!("Import {objectives} objective{}", if objectives == 1 { "" } else { "s" })}
                </button>
                <button type="button" on:click=move |_| import_state.set(ImportState::Idle)>
                    "Cancel"
                </button>
            </div>
        </section>
    }
}
