//! Import: the file picker and drop target, the busy indicator, and the preview where the
//! user checks what was understood, corrects column fields, and confirms or cancels.
//! Reading and interpreting run in the spreadsheet worker (`browser::sheet_worker`,
//! `okr_sheets::job`), which keeps the workbook: the preview's corrections go to it as small
//! messages. Nothing changes until confirm.

use std::sync::Arc;

use leptos::prelude::*;

use super::i18n::{t, t_string, td_string, use_i18n};
use super::translate;
use wasm_bindgen::JsCast;

use super::{on_demand, AppState, Message};
use crate::browser::files;
use crate::browser::sheet_worker::{self, Failure};
use okr_sheets::import::{
    self, layout::SheetOutcome, Choices, Field, Mode, Preview, ReadingKey, Shape,
};
use okr_sheets::job::{Book, Reply, Request, Shown, Stage};

/// What the import panel shows.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum ImportState {
    Idle,
    Reading {
        file_name: String,
        /// How far the spreadsheet worker has come (none until it says).
        stage: Option<Stage>,
    },
    Previewing(Box<Previewing>),
    /// Returned copies compared with the plan (mode `update`).
    Merging(Box<super::merge_view::Merging>),
    Failed {
        file_name: String,
        message: String,
    },
}

/// Shared, not copied: the panel re-renders from a clone of the state, and a preview of
/// 10 000 key results is large. The workbook itself stays in the spreadsheet worker.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Previewing {
    pub book: Book,
    pub choices: Choices,
    /// The preview as the worker sent it: of a large file, only the objectives listed.
    pub preview: Arc<Preview>,
    /// The whole preview's counts and doubts.
    pub shown: Shown,
    /// Time to read and interpret the file, shown to the user.
    pub millis: f64,
    /// The user's corrections of an earlier import of the same layout were applied.
    pub recalled: bool,
    /// When the file was last saved (a merge checks its new values in on that day).
    pub modified: Option<okr_core::period::Date>,
    /// The import mode shown selected ("new" unless the user came back from another).
    pub mode: String,
}

/// The corrections remembered from earlier imports (the database's small texts).
fn remembered() -> import::remembered::Remembered {
    import::remembered::Remembered::decode(remembered_text().as_deref())
}

/// The same, as the text the spreadsheet worker reads.
pub(crate) fn remembered_text() -> Option<String> {
    crate::browser::database::kv_get(okr_core::store::IMPORT_COLUMNS_KEY)
}

thread_local! {
    /// The file previewed, for its bytes at confirm (kept for an export into it): the worker
    /// was handed the bytes it read.
    static PREVIEWED_FILE: std::cell::RefCell<Option<(u32, web_sys::File)>> =
        const { std::cell::RefCell::new(None) };
    /// Counts reads started and cancelled: a reply to an earlier one is not shown.
    static READS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// A new read begins (and any earlier one is forgotten); its number.
pub(crate) fn next_read() -> u32 {
    READS.with(|r| {
        r.set(r.get().wrapping_add(1));
        r.get()
    })
}

/// The read `n` is still the one the user waits for.
pub(crate) fn is_current_read(n: u32) -> bool {
    READS.with(|r| r.get()) == n
}

/// What the user sees when the spreadsheet worker gave no answer (`None`: cancelled).
pub(crate) fn worker_failure(
    locale: okr_core::locale::Locale,
    failure: &Failure,
) -> Option<String> {
    match failure {
        Failure::Cancelled => None,
        Failure::NotLoaded => Some(on_demand::not_loaded_text(locale)),
        Failure::Stopped(detail) => {
            Some(td_string!(locale, imp_err_worker, detail = detail.clone()).to_string())
        }
    }
}

/// Keeps an imported workbook's bytes in this browser, for an export into it (in the
/// background): `done` is said at once, with a word added when they cannot be kept.
fn with_original_kept(state: AppState, book: &Book, done: String) -> String {
    if !book.writable {
        return done;
    }
    let file = PREVIEWED_FILE.with(|f| {
        f.borrow()
            .as_ref()
            .filter(|(id, _)| *id == book.id)
            .map(|(_, file)| file.clone())
    });
    let Some(file) = file else {
        return done;
    };
    let digest = book.digest.clone();
    let said = done.clone();
    leptos::task::spawn_local(async move {
        let kept = match files::read_bytes(&file).await {
            Ok(bytes) if okr_core::origin::digest_of(&bytes) == digest => {
                crate::browser::database::keep_original(&digest, &bytes)
                    .await
                    .is_ok()
            }
            _ => false,
        };
        if !kept {
            let word = td_string!(state.locale(), orig_not_kept);
            state.message.update(|m| {
                if let Some(m) = m.as_mut().filter(|m| m.text == said) {
                    m.text = format!("{said} {word}");
                }
            });
        }
    });
    done
}

/// Reads, interprets and previews a file in the spreadsheet worker; the current plan is not
/// touched.
pub(crate) fn start_import(state: AppState, file: web_sys::File) {
    let import_state = state.import;
    let locale = state.locale();
    let file_name = file.name();
    let modified = super::merge_view::modified_day(&file);
    let read = next_read();
    import_state.set(ImportState::Reading {
        file_name: file_name.clone(),
        stage: None,
    });
    leptos::task::spawn_local(async move {
        let started = files::now_ms();
        let buffer = match files::read_buffer(&file).await {
            Ok(buffer) => buffer,
            Err(e) => {
                if is_current_read(read) {
                    let message = td_string!(locale, imp_err_read, detail = e).to_string();
                    import_state.set(ImportState::Failed { file_name, message });
                }
                return;
            }
        };
        let request = Request::Read {
            file_name: file_name.clone(),
            remembered: remembered_text(),
        };
        let name_for_stage = file_name.clone();
        let on_stage = move |stage: Stage| {
            if is_current_read(read) {
                import_state.set(ImportState::Reading {
                    file_name: name_for_stage.clone(),
                    stage: Some(stage),
                });
            }
        };
        let answer = sheet_worker::ask(&request, Some(buffer), on_stage).await;
        if !is_current_read(read) {
            return;
        }
        show_answer(state, file_name, answer, move |p| {
            PREVIEWED_FILE.with(|f| *f.borrow_mut() = Some((p.book.id, file)));
            Previewing {
                book: p.book,
                choices: p.choices,
                preview: Arc::new(p.preview),
                shown: p.shown,
                millis: files::now_ms() - started,
                recalled: p.recalled,
                modified,
                mode: "new".to_string(),
            }
        });
    });
}

/// Shows the worker's answer to a preview request: the preview `previewing` makes of it, or
/// why there is none (nothing when the read was cancelled).
fn show_answer(
    state: AppState,
    file_name: String,
    answer: Result<(Reply, Option<js_sys::ArrayBuffer>), Failure>,
    previewing: impl FnOnce(okr_sheets::job::Previewed) -> Previewing,
) {
    let locale = state.locale();
    let failed = |message| state.import.set(ImportState::Failed { file_name, message });
    match answer {
        Ok((Reply::Previewed(p), _)) => {
            state
                .import
                .set(ImportState::Previewing(Box::new(previewing(*p))));
        }
        Ok((reply, _)) => failed(unexpected_reply(locale, &reply)),
        Err(failure) => {
            if let Some(message) = worker_failure(locale, &failure) {
                failed(message);
            }
        }
    }
}

/// Why a reply is not the one asked for (a preview, a returned copy): the file did not read, the
/// worker no longer keeps it, or it answered something else.
pub(crate) fn unexpected_reply(locale: okr_core::locale::Locale, reply: &Reply) -> String {
    match reply {
        Reply::NotRead(e) => translate::import_error(locale, e),
        Reply::NoBook => td_string!(locale, imp_err_book_gone).to_string(),
        Reply::NotUnderstood(why) => {
            td_string!(locale, imp_err_worker, detail = why.clone()).to_string()
        }
        other => td_string!(locale, imp_err_worker, detail = format!("{other:?}")).to_string(),
    }
}

/// The import preview of the workbook the worker keeps, with the corrections remembered for
/// its layout and `mode` selected (back from the merge view).
pub(crate) fn preview_book(
    state: AppState,
    book: Book,
    modified: Option<okr_core::period::Date>,
    mode: &str,
) {
    let request = Request::Recall {
        book: book.id,
        remembered: remembered_text(),
    };
    show_preview(state, request, book, modified, mode.to_string(), false);
}

/// Asks the worker for a preview of the kept workbook and shows it (or why not).
fn show_preview(
    state: AppState,
    request: Request,
    book: Book,
    modified: Option<okr_core::period::Date>,
    mode: String,
    correction: bool,
) {
    let read = next_read();
    leptos::task::spawn_local(async move {
        let started = files::now_ms();
        let answer = sheet_worker::ask(&request, None, |_| {}).await;
        if !is_current_read(read) {
            return;
        }
        let file_name = book.file_name.clone();
        show_answer(state, file_name, answer, move |p| Previewing {
            book,
            choices: p.choices,
            preview: Arc::new(p.preview),
            shown: p.shown,
            millis: files::now_ms() - started,
            recalled: p.recalled && !correction,
            modified,
            mode,
        });
    });
}

/// The chosen (or dropped) files: one is imported (previewed), several are merged into the
/// plan. Their reading is in the import preview's part (fetched on Import's click or a
/// drag over the page); if it cannot come, the import panel says so. False when no file was
/// chosen.
fn start_files(state: AppState, list: Option<web_sys::FileList>) -> bool {
    let Some(list) = list else { return false };
    let chosen: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
    if chosen.is_empty() {
        return false;
    }
    let names = chosen.iter().map(web_sys::File::name).collect::<Vec<_>>();
    leptos::task::spawn_local(async move {
        if read_files(state, chosen).await.is_err() {
            state.import.set(ImportState::Failed {
                file_name: names.join(", "),
                message: on_demand::not_loaded_text(state.locale()),
            });
        }
    });
    true
}

part! {
    import_preview;
    /// Starts reading `chosen` (one file: an import; several: a merge).
    fn read_files(state: AppState, chosen: Vec<web_sys::File>) -> Result<(), on_demand::NotLoaded> {
        let mut chosen = chosen;
        match chosen.len() {
            1 => {
                if let Some(file) = chosen.pop() {
                    start_import(state, file);
                }
            }
            _ => super::merge_view::start_merge(state, chosen),
        }
        Ok(())
    }
}

/// The "Import" control of the toolbar: a labelled file input.
#[component]
pub(crate) fn ImportButton(state: AppState) -> impl IntoView {
    let i18n = use_i18n();
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        start_files(state, input.files());
        // Picking the same file again must fire `change` again.
        input.set_value("");
    };
    view! {
        <label class="button import-button">
            {move || t_string!(i18n, import).to_string()}
            <input
                class="visually-hidden"
                type="file"
                multiple=true
                data-testid="import-input"
                aria-label=move || t_string!(i18n, import_aria).to_string()
                accept=".xlsx,.xlsm,.xls,.ods,.csv,.tsv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,application/vnd.oasis.opendocument.spreadsheet,text/csv,text/tab-separated-values"
                on:click=move |_| {
                    sheet_worker::warm();
                    fetch_panels();
                }
                on:change=on_change
            />
        </label>
    }
}

/// Handlers that make the whole page a drop target for a spreadsheet.
pub(crate) fn on_drop(state: AppState) -> impl Fn(web_sys::DragEvent) + Clone {
    move |ev: web_sys::DragEvent| {
        let files = ev.data_transfer().and_then(|dt| dt.files());
        if files.as_ref().is_some_and(|f| f.length() > 0) {
            ev.prevent_default();
            start_files(state, files);
        }
    }
}

pub(crate) fn on_dragover(ev: web_sys::DragEvent) {
    // Without this the browser opens the dropped file instead.
    let has_files = ev.data_transfer().is_some_and(|dt| {
        dt.types()
            .iter()
            .any(|t| t.as_string().as_deref() == Some("Files"))
    });
    if has_files {
        ev.prevent_default();
        sheet_worker::warm();
        fetch_panels();
    }
}

/// The panel: busy indicator, error, or preview.
#[component]
pub(crate) fn ImportPanel(import_state: RwSignal<ImportState>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        match import_state.get() {
        ImportState::Idle => ().into_any(),
        // Set only by the reading, which is in the preview's part: its view is there too.
        ImportState::Reading { file_name, stage } => {
            on_demand::show(reading(file_name, stage, import_state)).into_any()
        }
        ImportState::Failed { file_name, message } => view! {
            <div class="alert alert-error" role="alert" data-testid="import-error">
                <p>
                    <strong>{t_string!(i18n, imp_not_imported, file = file_name).to_string()}</strong>
                    " "
                    {message}
                    " "
                    {t!(i18n, imp_plan_unchanged)}
                </p>
                <div class="alert-actions">
                    <button type="button" on:click=move |_| import_state.set(ImportState::Idle)>
                        {t!(i18n, dismiss)}
                    </button>
                </div>
            </div>
        }
        .into_any(),
        ImportState::Previewing(p) => on_demand::show(preview_panel(*p, import_state)).into_any(),
        ImportState::Merging(m) => on_demand::show(merge_panel(*m, import_state)).into_any(),
    }
    }
}

part! {
    import_preview;
    /// A file being read: its stage and Cancel.
    fn reading(
        file_name: String,
        stage: Option<Stage>,
        import_state: RwSignal<ImportState>,
    ) -> Result<AnyView, on_demand::NotLoaded> {
        let i18n = use_i18n();
        let said = match stage {
            None => t_string!(i18n, imp_reading, file = file_name.clone()).to_string(),
            Some(Stage::Reading) => t_string!(i18n, imp_stage_reading, file = file_name.clone()).to_string(),
            Some(Stage::Interpreting | Stage::Writing) => {
                t_string!(i18n, imp_stage_interpreting, file = file_name.clone()).to_string()
            }
        };
        // Cancel stops the worker at once (a large file mid-read); the plan is untouched.
        let cancel = move |_| {
            next_read();
            sheet_worker::cancel();
            import_state.set(ImportState::Idle);
        };
        Ok(view! {
            <div class="import-busy" role="status" aria-busy="true" data-testid="import-busy">
                <span class="spinner" aria-hidden="true"></span>
                <span data-testid="import-stage">{said}</span>
                " "
                <button
                    type="button"
                    data-testid="import-cancel"
                    aria-label=t_string!(i18n, imp_cancel_aria, file = file_name).to_string()
                    on:click=cancel
                >
                    {t!(i18n, cancel)}
                </button>
            </div>
        }
        .into_any())
    }
}

part! {
    import_preview, fetch fetch_preview_panel;
    /// The preview of a file read (code fetched the first time, or on Import's click).
    fn preview_panel(
        previewing: Previewing,
        import_state: RwSignal<ImportState>,
    ) -> Result<AnyView, on_demand::NotLoaded> {
        Ok(view! { <PreviewPanel previewing import_state/> }.into_any())
    }
}

part! {
    merge, fetch fetch_merge_panel;
    /// The choices over returned copies (code fetched the first time, or on Import's click).
    fn merge_panel(
        merging: super::merge_view::Merging,
        import_state: RwSignal<ImportState>,
    ) -> Result<AnyView, on_demand::NotLoaded> {
        Ok(view! { <super::merge_view::MergePanel merging import_state/> }.into_any())
    }
}

thread_local! {
    /// The panels' parts are fetched or being fetched (a drag fires dragover many times a second).
    static PANELS_ASKED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Fetches the preview's and the merge's code while the user picks a file, once (again after
/// a failure, which shows when the panel is drawn).
pub(crate) fn fetch_panels() {
    on_demand::fetch_ahead(&PANELS_ASKED, async {
        let preview = fetch_preview_panel().await;
        let merge = fetch_merge_panel().await;
        preview.is_ok() && merge.is_ok()
    });
}

#[component]
fn PreviewPanel(previewing: Previewing, import_state: RwSignal<ImportState>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    // The preview is drawn again when the language changes (its parent reads the state).
    let locale = state.locale();
    let Previewing {
        book,
        choices,
        preview,
        shown,
        millis,
        recalled,
        modified,
        mode: chosen_mode,
    } = previewing;
    let objectives = shown.objectives;
    let key_results = shown.key_results;
    let nothing = shown.nothing_found.clone().map(|sheets| {
        let why: Vec<String> = sheets
            .iter()
            .map(|(sheet, why)| format!("“{sheet}”: {}", translate::note(locale, why)))
            .collect();
        t_string!(i18n, imp_nothing_found, why = why.join(" ")).to_string()
    });
    // "new" (the default: nothing is replaced), "replace" or "add".
    let mode = RwSignal::new(chosen_mode.clone());
    let mode_add = Memo::new(move |_| mode.with(|m| m == "add"));
    let team = RwSignal::new(String::new());
    let period = RwSignal::new(String::new());
    let file_name = book.file_name.clone();

    // Any correction re-reads the kept workbook at once with the new choices.
    let book_for_change = book.clone();
    let book_for_merge = book.clone();
    let choices_for_merge = choices.clone();
    let choices_now = choices.clone();
    let rechoose = move |change: &dyn Fn(&mut Choices)| {
        let mut choices = choices_now.clone();
        change(&mut choices);
        let request = Request::Interpret {
            book: book_for_change.id,
            choices,
        };
        show_preview(
            state,
            request,
            book_for_change.clone(),
            modified,
            mode.get_untracked(),
            true,
        );
    };
    let rechoose = Arc::new(rechoose);

    let book_for_confirm = book.clone();
    let file_name_for_confirm = book.file_name.clone();
    let choices_for_confirm = choices.clone();
    let apply = move |preview_for_confirm: &Preview| {
        // The corrections made here are remembered for the next file of this layout.
        let mut memory = remembered();
        if memory.remember(preview_for_confirm, &choices_for_confirm) {
            super::autosave::write_text(
                state,
                okr_core::store::IMPORT_COLUMNS_KEY,
                Some(memory.encode()),
            );
        }
        let chosen = mode.get_untracked();
        let what = translate::objectives_and_key_results(state.locale(), objectives, key_results);
        let done = td_string!(
            state.locale(),
            imp_imported,
            what,
            file = preview_for_confirm.plan.name.clone()
        )
        .to_string();
        if chosen == "new" {
            // A plan of its own in the plan library: the open plan is not touched.
            if super::plans_view::add_plan(state, import::apply::new_plan(preview_for_confirm)) {
                let done = with_original_kept(state, &book_for_confirm, done);
                state.message.set(Some(Message {
                    text: done,
                    undoable: false,
                }));
                import_state.set(ImportState::Idle);
            }
            return;
        }
        // A shared plan cannot be replaced or added to (a new plan is fine).
        if state.refuse_read_only() {
            return;
        }
        let mode = if chosen == "add" {
            super::autosave::keep_version(state, okr_core::versions::Reason::Import);
            Mode::Add {
                team: team.get_untracked(),
                period: period.get_untracked(),
            }
        } else {
            // The replaced plan stays restorable after a reload ("Undo import").
            if let Err(why) = super::plans_view::keep_replaced(state) {
                state.message.set(Some(Message {
                    text: td_string!(state.locale(), imp_backup_failed, why).to_string(),
                    undoable: false,
                }));
                return;
            }
            Mode::Replace
        };
        let applied = state.edit(|d, g| {
            g.cancel();
            g.active = None;
            d.execute(import::apply::command(d.plan(), preview_for_confirm, &mode))
                .is_ok()
        });
        if applied {
            let done = if chosen == "add" {
                done
            } else {
                with_original_kept(state, &book_for_confirm, done)
            };
            state.message.set(Some(Message::undoable(done)));
            import_state.set(ImportState::Idle);
        }
    };
    // A large file's preview holds only what the panel lists: the whole one comes from the
    // worker first (while it comes, Confirm is not pressed twice).
    let confirming = RwSignal::new(false);
    let whole_request = Request::Whole {
        book: book.id,
        choices: choices.clone(),
    };
    let shown_preview = Arc::clone(&preview);
    let complete = shown.complete;
    let confirm = move |_| {
        if complete {
            apply(&shown_preview);
            return;
        }
        if confirming.get_untracked() {
            return;
        }
        confirming.set(true);
        let request = whole_request.clone();
        let apply = apply.clone();
        let file_name = file_name_for_confirm.clone();
        let locale = state.locale();
        leptos::task::spawn_local(async move {
            let answer = sheet_worker::ask(&request, None, |_| {}).await;
            confirming.set(false);
            match answer {
                Ok((Reply::Previewed(p), _)) if p.shown.complete => apply(&p.preview),
                Ok((reply, _)) => import_state.set(ImportState::Failed {
                    file_name,
                    message: unexpected_reply(locale, &reply),
                }),
                Err(failure) => {
                    if let Some(message) = worker_failure(locale, &failure) {
                        import_state.set(ImportState::Failed { file_name, message });
                    }
                }
            }
        });
    };

    let skipped_sheets = preview
        .sheets
        .iter()
        .filter(|s| matches!(s.outcome, SheetOutcome::Skipped { .. }))
        .count();
    let doubts: Vec<String> = shown
        .doubts
        .iter()
        .map(|d| translate::note(locale, d))
        .collect();
    let read_sheets = preview
        .sheets
        .iter()
        .filter(|s| matches!(s.outcome, SheetOutcome::Read(_)))
        .count();
    let sheet_names: Vec<String> = preview.sheets.iter().map(|s| s.name.clone()).collect();
    let choices_for_roles = choices.clone();
    let sheets = preview
        .sheets
        .iter()
        .enumerate()
        .map(|(sheet_index, report)| {
            let rechoose = Arc::clone(&rechoose);
            let sheet_name = report.name.clone();
            let (body, open) = match &report.outcome {
                SheetOutcome::Skipped { reason } => {
                    let by_user = *reason == import::Note::SkippedByUser;
                    let rechoose = Arc::clone(&rechoose);
                    let read_again = by_user.then(|| view! {
                        <button
                            type="button"
                            data-testid="import-read-sheet"
                            on:click=move |_| rechoose(&|c: &mut Choices| {
                                c.skipped_sheets.remove(&sheet_index);
                            })
                        >
                            {t!(i18n, imp_read_sheet)}
                        </button>
                    });
                    (view! {
                        <p class="sheet-skipped">{t_string!(i18n, imp_skipped, why = translate::note(locale, reason)).to_string()}</p>
                        {read_again}
                    }
                    .into_any(), false)
                }
                SheetOutcome::Details { summary } => (view! {
                    <p class="sheet-details">{translate::notes(locale, summary)}</p>
                }
                .into_any(), false),
                SheetOutcome::Read(read) => {
                    let mut what = vec![t_string!(
                        i18n,
                        and_list,
                        a = translate::objectives(locale, read.objectives),
                        b = translate::key_results(locale, read.key_results)
                    )
                    .to_string()];
                    if let Some(t) = &read.team {
                        what.push(t_string!(i18n, imp_team_named, team = t.clone()).to_string());
                    }
                    if let Some(p) = &read.period {
                        what.push(t_string!(i18n, imp_period_named, period = p.clone()).to_string());
                    }
                    let found = t_string!(i18n, imp_found_in_sheet, row = read.header_row, what = what.join(", ")).to_string();
                    let reading = read.reading;
                    // "Read it differently": the reading shown and the others, by shape.
                    let shape_words = move |key: ReadingKey| -> String {
                        let row = key.header_row + 1;
                        match key.shape {
                            Shape::Rows => t_string!(i18n, imp_shape_rows, row).to_string(),
                            Shape::TwoHeaderRows => t_string!(i18n, imp_shape_two, row).to_string(),
                            Shape::Wide => t_string!(i18n, imp_shape_wide).to_string(),
                            Shape::Transposed => t_string!(i18n, imp_shape_transposed).to_string(),
                            Shape::ObjectiveColumns => t_string!(i18n, imp_shape_objective_columns).to_string(),
                        }
                    };
                    let mut options: Vec<(ReadingKey, String)> = vec![(
                        reading,
                        t_string!(i18n, imp_reading_option, shape = shape_words(reading), what = what[0].clone()).to_string(),
                    )];
                    for a in &read.alternatives {
                        let counts = t_string!(
                            i18n,
                            and_list,
                            a = translate::objectives(locale, a.objectives),
                            b = translate::key_results(locale, a.key_results)
                        )
                        .to_string();
                        options.push((
                            a.key,
                            t_string!(i18n, imp_reading_option, shape = shape_words(a.key), what = counts).to_string(),
                        ));
                    }
                    let keys: Vec<ReadingKey> = options.iter().map(|(k, _)| *k).collect();
                    let rechoose_reading = Arc::clone(&rechoose);
                    let on_reading = move |ev: leptos::ev::Event| {
                        if let Some(key) = event_target_value(&ev).parse::<usize>().ok().and_then(|i| keys.get(i).copied()) {
                            rechoose_reading(&|c: &mut Choices| {
                                c.readings.insert(sheet_index, key);
                                c.columns.retain(|(s, _), _| *s != sheet_index);
                            });
                        }
                    };
                    let reading_menu = (options.len() > 1).then(|| view! {
                        <label class="import-reading">
                            {t!(i18n, imp_read_differently)}
                            " "
                            <select
                                data-testid="import-reading"
                                aria-label=t_string!(i18n, imp_reading_for, sheet = sheet_name.clone()).to_string()
                                on:change=on_reading
                            >
                                {options
                                    .iter()
                                    .enumerate()
                                    .map(|(i, (_, label))| view! { <option value=i.to_string() selected=i == 0>{label.clone()}</option> })
                                    .collect_view()}
                            </select>
                        </label>
                    });
                    let rechoose_header = Arc::clone(&rechoose);
                    let on_header_row = move |ev: leptos::ev::Event| {
                        if let Ok(n) = event_target_value(&ev).trim().parse::<usize>() {
                            if n >= 1 {
                                rechoose_header(&|c: &mut Choices| {
                                    c.header_rows.insert(sheet_index, n - 1);
                                    c.readings.remove(&sheet_index);
                                    c.columns.retain(|(s, _), _| *s != sheet_index);
                                });
                            }
                        }
                    };
                    let header_row_input = view! {
                        <label class="import-header-row">
                            {t!(i18n, imp_header_row)}
                            " "
                            <input
                                type="number"
                                min="1"
                                data-testid="import-header-row"
                                aria-label=t_string!(i18n, imp_header_row_of, sheet = sheet_name.clone()).to_string()
                                prop:value=read.header_row.to_string()
                                on:change=on_header_row
                            />
                        </label>
                    };
                    let rechoose_skip = Arc::clone(&rechoose);
                    let skip_button = view! {
                        <button
                            type="button"
                            data-testid="import-skip-sheet"
                            on:click=move |_| rechoose_skip(&|c: &mut Choices| {
                                c.skipped_sheets.insert(sheet_index);
                            })
                        >
                            {t!(i18n, imp_skip_sheet)}
                        </button>
                    };
                    let column_rows = read
                        .columns
                        .iter()
                        .map(|c| {
                            let rechoose = Arc::clone(&rechoose);
                            let col = c.index;
                            let current = c.field;
                            let on_change = move |ev: leptos::ev::Event| {
                                let value = event_target_value(&ev);
                                if let Some(field) =
                                    Field::CHOICES.iter().find(|f| f.label() == value).copied()
                                {
                                    // The reading shown stays the one corrected.
                                    rechoose(&|c: &mut Choices| {
                                        c.columns.insert((sheet_index, col), field);
                                        c.readings.insert(sheet_index, reading);
                                    });
                                }
                            };
                            let header = if c.header.is_empty() {
                                t_string!(i18n, imp_column_n, n = col + 1).to_string()
                            } else {
                                c.header.clone()
                            };
                            view! {
                                <tr>
                                    <td>{header.clone()}</td>
                                    <td>
                                        <select
                                            aria-label=t_string!(i18n, imp_field_for, header = header.clone()).to_string()
                                            on:change=on_change
                                        >
                                            {Field::CHOICES
                                                .iter()
                                                .map(|f| {
                                                    view! {
                                                        <option value=f.label() selected=*f == current>
                                                            {translate::import_field(locale, *f)}
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
                    let skipped = (!read.skipped_rows.is_empty()).then(|| {
                        let items = read
                            .skipped_rows
                            .iter()
                            .map(|s| view! { <li>{t_string!(i18n, imp_row_why, row = s.row, why = translate::note(locale, &s.reason)).to_string()}</li> })
                            .collect_view();
                        view! {
                            <details class="skipped-rows-fold">
                                <summary class="skipped-title">{t!(i18n, imp_rows_skipped)}" ("{read.skipped_rows.len()}")"</summary>
                                <ul class="skipped-rows">{items}</ul>
                            </details>
                        }
                    });
                    let warnings = read
                        .warnings
                        .iter()
                        .map(|w| view! { <p class="import-warning">{translate::note(locale, w)}</p> })
                        .collect_view();
                    (view! {
                        <p>{found}</p>
                        <div class="import-sheet-actions">{reading_menu}{header_row_input}{skip_button}</div>
                        {warnings}
                        <details class="column-map-fold" open=read_sheets == 1>
                            <summary>{t!(i18n, imp_read_as)}</summary>
                            <table class="column-map">
                                <thead>
                                    <tr>
                                        <th scope="col">{t!(i18n, imp_column)}</th>
                                        <th scope="col">{t!(i18n, imp_read_as)}</th>
                                    </tr>
                                </thead>
                                <tbody>{column_rows}</tbody>
                            </table>
                        </details>
                        {skipped}
                    }
                    .into_any(), true)
                }
            };
            // "This sheet holds": its objectives and key results, or check-ins of another sheet.
            let role_menu = (sheet_names.len() > 1).then(|| {
                // Option values: "" (OKRs), "c:J" (check-ins of sheet J), "i:J" (initiatives).
                let current = match (
                    choices_for_roles.check_ins_of.get(&sheet_index),
                    choices_for_roles.initiatives_of.get(&sheet_index),
                ) {
                    (Some(j), _) => format!("c:{j}"),
                    (None, Some(j)) => format!("i:{j}"),
                    (None, None) => String::new(),
                };
                let role_is_okrs = current.is_empty();
                let rechoose_role = Arc::clone(&rechoose);
                let on_role = move |ev: leptos::ev::Event| {
                    let value = event_target_value(&ev);
                    let role = value
                        .split_once(':')
                        .and_then(|(kind, j)| Some((kind == "i", j.parse::<usize>().ok()?)));
                    rechoose_role(&|c: &mut Choices| {
                        c.check_ins_of.remove(&sheet_index);
                        c.initiatives_of.remove(&sheet_index);
                        match role {
                            Some((true, of)) => c.initiatives_of.insert(sheet_index, of),
                            Some((false, of)) => c.check_ins_of.insert(sheet_index, of),
                            None => None,
                        };
                        c.readings.remove(&sheet_index);
                        c.columns.retain(|(s, _), _| *s != sheet_index);
                    });
                };
                let options = sheet_names
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != sheet_index)
                    .map(|(j, name)| {
                        let (c, i) = (format!("c:{j}"), format!("i:{j}"));
                        view! {
                            <option value=c.clone() selected=current == c>
                                {t_string!(i18n, imp_role_check_ins_of, sheet = name.clone()).to_string()}
                            </option>
                            <option value=i.clone() selected=current == i>
                                {t_string!(i18n, imp_role_initiatives_of, sheet = name.clone()).to_string()}
                            </option>
                        }
                    })
                    .collect_view();
                view! {
                    <label class="import-sheet-role">
                        {t!(i18n, imp_sheet_role)}
                        " "
                        <select
                            data-testid="import-sheet-role"
                            aria-label=t_string!(i18n, imp_sheet_role_for, sheet = report.name.clone()).to_string()
                            on:change=on_role
                        >
                            <option value="" selected=role_is_okrs>{t!(i18n, imp_role_okrs)}</option>
                            {options}
                        </select>
                    </label>
                }
            });
            view! {
                <details class="sheet-report" open=open>
                    <summary>{t_string!(i18n, imp_sheet, name = report.name.clone()).to_string()}</summary>
                    {body}
                    {role_menu}
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
                .map(|k| view! { <li dir="auto">{k.title.clone()}</li> })
                .collect_view();
            view! {
                <li>
                    <strong dir="auto">{o.title.clone()}</strong>
                    <ul>{krs}</ul>
                </li>
            }
        })
        .collect_view();
    let more = (objectives > 50)
        .then(|| t_string!(i18n, imp_more_objectives, n = objectives - 50).to_string());

    view! {
        <section class="import-preview" role="region" aria-label=t_string!(i18n, imp_preview).to_string() data-testid="import-preview">
            <h2>{t_string!(i18n, imp_heading, file = file_name.clone()).to_string()}</h2>
            <p data-testid="import-summary">
                {t_string!(
                    i18n,
                    imp_found,
                    objectives = translate::objectives(locale, objectives),
                    key_results = translate::key_results(locale, key_results)
                )
                .to_string()}
                " "
                <span class="muted" data-testid="import-timing">{t_string!(i18n, imp_read_in, ms = format!("{millis:.0}")).to_string()}</span>
            </p>
            {recalled.then(|| view! {
                <p class="muted" data-testid="import-recalled">{t!(i18n, imp_recalled)}</p>
            })}
            {(skipped_sheets > 0).then(|| view! {
                <p class="muted" data-testid="import-skipped-sheets">{t_string!(i18n, imp_summary_skipped, n = skipped_sheets).to_string()}</p>
            })}
            {nothing.map(|m| view! { <p class="alert alert-warning" role="alert">{m}</p> })}
            <details class="found-objectives" open=true>
                <summary>{t!(i18n, imp_found_list)}</summary>
                <ul>{objective_list}</ul>
                {more}
            </details>
            <div class="sheet-reports">{sheets}</div>
            <div class="import-footer">
            <fieldset class="import-mode">
                <legend>{t!(i18n, imp_how)}</legend>
                <select
                    data-testid="import-mode"
                    aria-label=t_string!(i18n, imp_mode_label).to_string()
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        if value == "update" {
                            super::merge_view::merge_one(state, book_for_merge.clone(), modified, &choices_for_merge);
                        } else {
                            mode.set(value);
                        }
                    }
                >
                    <option value="new" selected=chosen_mode == "new">{t!(i18n, imp_mode_new)}</option>
                    <option value="replace" selected=chosen_mode == "replace">{t!(i18n, imp_replace)}</option>
                    <option value="add" selected=chosen_mode == "add">{t!(i18n, imp_add)}</option>
                    <option value="update">{t!(i18n, imp_mode_update)}</option>
                </select>
                <Show when=move || mode_add.get()>
                    <label>
                        {t!(i18n, imp_as_team)}
                        " "
                        <input
                            type="text"
                            aria-label=t_string!(i18n, imp_team_aria).to_string()
                            prop:value=move || team.get()
                            on:input=move |ev| team.set(event_target_value(&ev))
                        />
                    </label>
                    <label>
                        " "
                        {t!(i18n, imp_as_period)}
                        " "
                        <input
                            type="text"
                            aria-label=t_string!(i18n, imp_period_aria).to_string()
                            prop:value=move || period.get()
                            on:input=move |ev| period.set(event_target_value(&ev))
                        />
                    </label>
                </Show>
            </fieldset>
            {(!doubts.is_empty()).then(|| view! {
                <div class="alert alert-warning" role="alert" data-testid="import-doubts">
                    {doubts.into_iter().map(|d| view! { <p>{d}</p> }).collect_view()}
                </div>
            })}
            <div class="import-actions">
                <button
                    type="button"
                    class="primary"
                    data-testid="import-confirm"
                    disabled=move || objectives == 0 || confirming.get()
                    on:click=confirm
                >
                    {t_string!(i18n, imp_confirm, count = objectives).to_string()}
                </button>
                <button type="button" on:click=move |_| import_state.set(ImportState::Idle)>
                    {t!(i18n, cancel)}
                </button>
            </div>
            </div>
        </section>
    }
}
