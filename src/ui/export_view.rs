//! The export buttons: the plan → .xlsx or CSV (built by `export`), offered as a download.

use leptos::prelude::*;

use super::i18n::{t, t_string, td_string, use_i18n};
use super::{AppState, Message};
use crate::browser::{download, files};
use crate::export;

const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Xlsx,
    Csv,
}

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

fn run(state: AppState, error: RwSignal<Option<String>>, format: Format) {
    let started = files::now_ms();
    let date = today();
    let result = state.doc.with_untracked(|d| {
        let plan = d.plan();
        let (bytes, ext, mime) = match format {
            Format::Xlsx => (export::workbook::workbook(plan, &date)?, "xlsx", XLSX_MIME),
            Format::Csv => (
                export::csv::csv(plan)?.into_bytes(),
                "csv",
                "text/csv;charset=utf-8",
            ),
        };
        let name = export::file_name(&plan.name, &date, ext);
        download::download_bytes(&name, mime, &bytes).map_err(|_| {
            let l = super::translate::ui(state.locale());
            export::ExportError(td_string!(l, download_failed).to_string())
        })?;
        Ok::<_, export::ExportError>((name, plan.key_result_count()))
    });
    match result {
        Ok((name, count)) => {
            error.set(None);
            let seconds = (files::now_ms() - started) / 1000.0;
            let l = state.locale();
            let text = td_string!(
                super::translate::ui(l),
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
        Err(e) => error.set(Some(e.to_string())),
    }
}

/// Why the last export failed, shown under the toolbar (the buttons are in the plan menu,
/// which closes).
#[derive(Clone, Copy)]
pub struct ExportError(RwSignal<Option<String>>);

/// Provides the shared export error; call once, before `ExportButtons` and `ExportAlert`.
pub fn provide_export_error() {
    provide_context(ExportError(RwSignal::new(None)));
}

#[component]
pub fn ExportButtons() -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let error = expect_context::<ExportError>().0;
    view! {
        <button
            type="button"
            data-testid="export-button"
            title=move || t_string!(i18n, export_xlsx_title).to_string()
            on:click=move |_| run(state, error, Format::Xlsx)
        >
            {t!(i18n, export_xlsx)}
        </button>
        <button
            type="button"
            data-testid="export-csv-button"
            title=move || t_string!(i18n, export_csv_title).to_string()
            on:click=move |_| run(state, error, Format::Csv)
        >
            {t!(i18n, export_csv)}
        </button>
    }
}

/// The export's failure, if any, with Dismiss.
#[component]
pub fn ExportAlert() -> impl IntoView {
    let i18n = use_i18n();
    let error = expect_context::<ExportError>().0;
    view! {
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
}
