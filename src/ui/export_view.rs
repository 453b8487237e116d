//! The export buttons: the plan → .xlsx or CSV (built by `export`), or into a copy of the
//! workbook it was imported from (`export::original`), offered as a download. The files are
//! written in the spreadsheet worker (`browser::sheet_worker`); the page stays responsive.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::i18n::{t, t_string, td_string, use_i18n};
use super::{on_demand, AppState, Message};
use crate::browser::sheet_worker::{self, Failure};
use crate::browser::{database, download, files};
use okr_core::origin::FileFormat;
use okr_sheets::export::original;
use okr_sheets::job::{Format, Reply, Request};

/// Today in the user's time zone, "yyyy-mm-dd": the date in the file name and properties.
fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// "Writing …" while the worker writes; `None` once something else was said.
fn say_busy(state: AppState, file: &str) -> String {
    let text = td_string!(state.locale(), exp_busy, file = file.to_string()).to_string();
    state.message.set(Some(Message {
        text: text.clone(),
        undoable: false,
    }));
    text
}

/// Takes back the busy words, unless something else was said meanwhile.
fn unsay(state: AppState, busy: &str) {
    if state
        .message
        .with_untracked(|m| m.as_ref().is_some_and(|m| m.text == busy))
    {
        state.message.set(None);
    }
}

/// Why the worker gave no file.
fn worker_failed(state: AppState, failure: &Failure) -> String {
    let detail = match failure {
        Failure::Stopped(detail) => detail.clone(),
        Failure::Cancelled => String::from("cancelled"),
        Failure::NotLoaded => return super::on_demand::not_loaded_text(state.locale()),
    };
    td_string!(state.locale(), exp_err_worker, detail).to_string()
}

fn run(state: AppState, error: RwSignal<Option<String>>, format: Format) {
    let started = files::now_ms();
    let date = today();
    let ext = match format {
        Format::Xlsx => "xlsx",
        Format::Csv => "csv",
    };
    let name = state
        .doc
        .with_untracked(|d| okr_sheets::export::file_name(&d.plan().name, &date, ext));
    let busy = say_busy(state, &name);
    // The worker keeps the plan of the last export: only what changed since is sent.
    let request = move || Request::Export {
        plan: state
            .doc
            .with_untracked(|d| sheet_worker::plan_to_send(d.plan())),
        date: date.clone(),
        format,
    };
    leptos::task::spawn_local(async move {
        let mut answer = sheet_worker::ask(&request(), None, |_| {}).await;
        if matches!(answer, Ok((Reply::PlanNotKept, _))) {
            // A worker started since keeps no plan: the plan whole.
            sheet_worker::plan_not_kept();
            answer = sheet_worker::ask(&request(), None, |_| {}).await;
        }
        if exported(state, error, answer, busy.clone(), started)
            .await
            .is_err()
        {
            answer_unread(state, error, &busy);
        }
    });
}

/// The `sheets` part, which acts on the worker's answer, could not be fetched: said in the
/// export's alert, and no file is offered.
fn answer_unread(state: AppState, error: RwSignal<Option<String>>, busy: &str) {
    unsay(state, busy);
    error.set(Some(on_demand::not_loaded_text(state.locale())));
}

/// A reply from the worker, as `sheet_worker::ask` gives it.
type Answer = Result<(Reply, Option<js_sys::ArrayBuffer>), Failure>;

part! {
    sheets;
    /// Offers the exported file and says so, or says why there is none. Code fetched with the
    /// worker's reply reader (the `sheets` part), not with the page.
    fn exported(
        state: AppState,
        error: RwSignal<Option<String>>,
        answer: Answer,
        busy: String,
        started: f64,
    ) -> Result<(), on_demand::NotLoaded> {
        let l = state.locale();
        let result = match answer {
            Ok((
                Reply::Exported {
                    name,
                    mime,
                    key_results,
                },
                Some(bytes),
            )) => download::download_buffer(&name, &mime, &bytes)
                .map(|()| (name, key_results))
                .map_err(|_| td_string!(l, download_failed).to_string()),
            Ok((Reply::NotExported(e), _)) => Err(e.to_string()),
            Ok((other, _)) => {
                Err(td_string!(l, exp_err_worker, detail = format!("{other:?}")).to_string())
            }
            Err(failure) => Err(worker_failed(state, &failure)),
        };
        match result {
            Ok((name, count)) => {
                error.set(None);
                let seconds = (files::now_ms() - started) / 1000.0;
                let text = td_string!(
                    l,
                    exported,
                    what = super::translate::key_results(l, count),
                    file = name,
                    seconds = super::translate::one_decimal(l, seconds)
                )
                .to_string();
                state.message.set(Some(Message {
                    text,
                    undoable: false,
                }));
            }
            Err(e) => {
                unsay(state, &busy);
                error.set(Some(e));
            }
        }
        Ok(())
    }
}

/// Why the last export failed, shown under the toolbar (the buttons are in the plan menu,
/// which closes).
#[derive(Clone, Copy)]
pub struct ExportError(RwSignal<Option<String>>);

/// The original file an export into it waits for, when this browser does not hold it.
#[derive(Clone, Copy)]
struct OriginalWanted(RwSignal<Option<String>>);

/// Provides the shared export error; call once, before `ExportButtons` and `ExportAlert`.
pub(crate) fn provide_export_error() {
    provide_context(ExportError(RwSignal::new(None)));
    provide_context(OriginalWanted(RwSignal::new(None)));
}

/// Export to the original file: the stored copy of the workbook the plan came from, else the
/// user is asked for it.
fn run_original(
    state: AppState,
    error: RwSignal<Option<String>>,
    wanted: RwSignal<Option<String>>,
) {
    let Some(origin) = state.doc.with_untracked(|d| d.plan().origin.clone()) else {
        return;
    };
    if origin.format != FileFormat::Xlsx {
        let e = original::OriginalError::NotXlsx(origin.format);
        error.set(Some(super::translate::original_error(
            state.locale(),
            &e,
            &origin.file_name,
        )));
        return;
    }
    leptos::task::spawn_local(async move {
        match database::load_original(&origin.digest).await {
            Some(bytes) => write_original(state, error, bytes, false),
            None => {
                error.set(None);
                wanted.set(Some(origin.file_name));
            }
        }
    });
}

/// Writes the plan into `bytes` (the original) and offers the copy; `chosen`: the user just
/// picked the file, which is kept for next time.
fn write_original(state: AppState, error: RwSignal<Option<String>>, bytes: Vec<u8>, chosen: bool) {
    let (plan, file) = state.doc.with_untracked(|d| {
        let plan = d.plan().clone();
        let file = plan
            .origin
            .as_ref()
            .map(|o| o.file_name.clone())
            .unwrap_or_default();
        (plan, file)
    });
    let digest = plan.origin.as_ref().map(|o| o.digest.clone());
    let busy = say_busy(state, &original::copy_name(&file, &today()));
    let request = Request::ExportOriginal {
        plan: Box::new(plan),
        date: today(),
    };
    // The worker is handed a copy; `bytes` stay here to be kept when the user picked them.
    let buffer = js_sys::Uint8Array::from(bytes.as_slice()).buffer();
    leptos::task::spawn_local(async move {
        let answer = sheet_worker::ask(&request, Some(buffer), |_| {}).await;
        let written = Written {
            file,
            busy: busy.clone(),
            kept: digest.filter(|_| chosen).map(|d| (d, bytes)),
        };
        if wrote_original(state, error, answer, written).await.is_err() {
            answer_unread(state, error, &busy);
        }
    });
}

/// What an export into the original has to say once the worker answers.
struct Written {
    /// The original's file name.
    file: String,
    /// The busy words shown meanwhile.
    busy: String,
    /// The original's digest and bytes, when the user just picked the file: kept for next time.
    kept: Option<(String, Vec<u8>)>,
}

part! {
    sheets;
    /// Offers the copy written into the original and says what was written, or says why there
    /// is none. Code fetched with the worker's reply reader, not with the page.
    fn wrote_original(
        state: AppState,
        error: RwSignal<Option<String>>,
        answer: Answer,
        written: Written,
    ) -> Result<(), on_demand::NotLoaded> {
        let Written { file, busy, kept } = written;
        let l = state.locale();
        let result = match answer {
            Ok((Reply::WroteOriginal { name, mime, report }, Some(out))) => {
                download::download_buffer(&name, &mime, &out)
                    .map(|()| (name, report))
                    .map_err(|_| td_string!(l, download_failed).to_string())
            }
            Ok((Reply::NotWrittenOriginal(e), _)) => {
                Err(super::translate::original_error(l, &e, &file))
            }
            Ok((other, _)) => {
                Err(td_string!(l, exp_err_worker, detail = format!("{other:?}")).to_string())
            }
            Err(failure) => Err(worker_failed(state, &failure)),
        };
        let (name, report) = match result {
            Ok(done) => done,
            Err(e) => {
                unsay(state, &busy);
                error.set(Some(e));
                return Ok(());
            }
        };
        error.set(None);
        let mut parts = vec![td_string!(
            l,
            orig_done,
            file = format!("“{file}”"),
            cells = report.written,
            name
        )
        .to_string()];
        if report.inserted > 0 {
            parts.push(td_string!(l, orig_inserted, count = report.inserted).to_string());
        }
        if let Some(sheet) = &report.listed_sheet {
            parts.push(
                td_string!(
                    l,
                    orig_listed,
                    sheet = sheet.clone(),
                    count = report.added + report.deleted
                )
                .to_string(),
            );
        }
        if !report.kept_formulas.is_empty() {
            let mut cells: Vec<String> = report.kept_formulas.iter().take(5).cloned().collect();
            if report.kept_formulas.len() > 5 {
                cells.push("…".to_string());
            }
            parts.push(td_string!(l, orig_kept, cells = cells.join(", ")).to_string());
        }
        if report.not_in_file > 0 {
            parts.push(td_string!(l, orig_not_in_file, count = report.not_in_file).to_string());
        }
        if report.unplaced_check_ins > 0 {
            parts.push(td_string!(l, orig_unplaced, count = report.unplaced_check_ins).to_string());
        }
        let said = Message {
            text: parts.join(" "),
            undoable: false,
        };
        match kept {
            // Said once the picked file is kept, as before the move into this part.
            Some((digest, bytes)) => leptos::task::spawn_local(async move {
                let _ = database::keep_original(&digest, &bytes).await;
                state.message.set(Some(said));
            }),
            None => state.message.set(Some(said)),
        }
        Ok(())
    }
}

#[component]
pub(crate) fn ExportButtons() -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let error = expect_context::<ExportError>().0;
    view! {
        <button
            type="button"
            data-testid="export-button"
            on:pointerenter=move |_| sheet_worker::warm()
            on:focus=move |_| sheet_worker::warm()
            title=move || t_string!(i18n, export_xlsx_title).to_string()
            on:click=move |_| run(state, error, Format::Xlsx)
        >
            {t!(i18n, export_xlsx)}
        </button>
        <button
            type="button"
            data-testid="export-csv-button"
            on:pointerenter=move |_| sheet_worker::warm()
            on:focus=move |_| sheet_worker::warm()
            title=move || t_string!(i18n, export_csv_title).to_string()
            on:click=move |_| run(state, error, Format::Csv)
        >
            {t!(i18n, export_csv)}
        </button>
        {move || {
            // A plan from a workbook (a CSV file is no template to write into).
            let file = state.doc.with(|d| {
                d.plan()
                    .origin
                    .as_ref()
                    .filter(|o| o.format != FileFormat::Text)
                    .map(|o| o.file_name.clone())
            })?;
            let wanted = expect_context::<OriginalWanted>().0;
            Some(view! {
                <button
                    type="button"
                    data-testid="export-original"
                    on:pointerenter=move |_| sheet_worker::warm()
                    on:focus=move |_| sheet_worker::warm()
                    title=move || {
                        t_string!(i18n, export_original_title, file = format!("“{file}”")).to_string()
                    }
                    on:click=move |_| run_original(state, error, wanted)
                >
                    {t!(i18n, export_original)}
                </button>
            })
        }}
    }
}

/// The export's failure, if any, with Dismiss; and the request for the original file when
/// an export into it finds none stored.
#[component]
pub(crate) fn ExportAlert() -> impl IntoView {
    let error = expect_context::<ExportError>().0;
    let wanted = expect_context::<OriginalWanted>().0;
    let shown = Memo::new(move |_| wanted.with(Option::is_some) || error.with(Option::is_some));
    // An export starts from the plan menu, whose part draws this too.
    move || {
        shown
            .get()
            .then(|| on_demand::show(export_alert(error, wanted)))
    }
}

part! {
    occasional;
    /// The export's alerts (code in the plan menu's part).
    fn export_alert(
        error: RwSignal<Option<String>>,
        wanted: RwSignal<Option<String>>,
    ) -> Result<AnyView, on_demand::NotLoaded> {
        let i18n = use_i18n();
        let state = expect_context::<AppState>();
        let on_pick = move |ev: leptos::ev::Event| {
            let Some(input) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            leptos::task::spawn_local(async move {
                match files::read_bytes(&file).await {
                    Ok(bytes) => {
                        wanted.set(None);
                        write_original(state, error, bytes, true);
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        };
        Ok(view! {
            {move || {
                wanted
                    .get()
                    .map(|file| {
                        view! {
                            <div class="alert alert-warning" role="alert" data-testid="export-original-wanted">
                                <p>{t_string!(i18n, orig_pick, file = format!("“{file}”")).to_string()}</p>
                                <div class="alert-actions">
                                    <label class="button">
                                        {t!(i18n, export_original_file)}
                                        <input
                                            class="visually-hidden"
                                            type="file"
                                            data-testid="export-original-file"
                                            accept=".xlsx,.xlsm"
                                            on:change=on_pick
                                        />
                                    </label>
                                    <button type="button" on:click=move |_| wanted.set(None)>{t!(i18n, dismiss)}</button>
                                </div>
                            </div>
                        }
                    })
            }}
            {move || {
                error
                    .get()
                    .map(|e| {
                        view! {
                            <div class="alert alert-error export-error" role="alert" data-testid="export-error">
                                <span>{t_string!(i18n, export_failed, why = e).to_string()}</span>
                                " "
                                <button type="button" on:click=move |_| error.set(None)>{t!(i18n, dismiss)}</button>
                            </div>
                        }
                    })
            }}
        }
        .into_any())
    }
}
