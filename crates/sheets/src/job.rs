//! What the page asks the spreadsheet worker, and what it answers: the messages (`Request`,
//! `Reply`, sent as JSON beside the file's bytes, which are transferred, not copied) and
//! `Worker::run`, the worker's whole logic, plain Rust so it is tested natively. The worker
//! keeps the last workbook it read, so the preview's corrections travel as small `Choices`
//! messages and the workbook is never sent back.

use serde::{Deserialize, Serialize};

use okr_core::model::Plan;
use okr_core::origin::FileFormat;
use okr_core::period::Date;

use crate::export::{self, original, ExportError};
use crate::import::remembered::Remembered;
use crate::import::returned::{self, NotMergeable, ReadReturned};
use crate::import::{self, Choices, ImportError, Preview, Workbook};
use crate::sent_plan::{Kept, PlanSent};

/// A request from the page. `Read`, `ReadReturned` and `ExportOriginal` come with a file's
/// bytes beside the message.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// Read a file and preview it with the corrections remembered for its layout
    /// (`remembered`: the text `Remembered::encode` keeps). The worker keeps the workbook.
    Read {
        file_name: String,
        remembered: Option<String>,
    },
    /// The kept workbook `book` previewed again with the user's choices.
    Interpret { book: u32, choices: Choices },
    /// The kept workbook `book` previewed with the remembered corrections (the preview
    /// shown again after the merge view).
    Recall {
        book: u32,
        remembered: Option<String>,
    },
    /// The whole preview of the kept workbook `book` with `choices` (the one shown holds only
    /// the objectives the panel lists), to apply it.
    Whole { book: u32, choices: Choices },
    /// The kept workbook `book` as a returned copy, for a merge into the plan.
    Returned {
        book: u32,
        date: Option<Date>,
        choices: Choices,
    },
    /// A file read as a returned copy, with the corrections remembered for its layout. The
    /// kept workbook stays as it is.
    ReadReturned {
        file_name: String,
        date: Option<Date>,
        remembered: Option<String>,
    },
    /// The plan written as okr-grid's workbook or as CSV; `date`: today, "yyyy-mm-dd". The
    /// worker keeps the plan for the next export, which may send only what changed.
    Export {
        plan: PlanSent,
        date: String,
        format: Format,
    },
    /// The plan written into its original workbook (the bytes beside).
    ExportOriginal { plan: Box<Plan>, date: String },
}

/// What an export writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Format {
    Xlsx,
    Csv,
}

/// The workbook the worker keeps, as the page knows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Book {
    /// Which read this is: requests about the kept workbook name it, so an answer never
    /// comes from another file (after a restart the worker keeps none).
    pub id: u32,
    pub file_name: String,
    pub format: FileFormat,
    pub size: u64,
    pub digest: String,
    /// An export can write into this file (.xlsx, .xlsm): the page keeps its bytes.
    pub writable: bool,
}

/// A preview of the kept workbook. Unless `Request::Whole` asked for it, its plan holds only
/// the first `SHOWN_OBJECTIVES` objectives (what the panel lists), so the page reads a small
/// answer whatever the file's size; `shown` tells the whole.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Previewed {
    pub book: Book,
    pub choices: Choices,
    pub preview: Preview,
    pub shown: Shown,
    /// Corrections remembered from an earlier import of the layout were applied.
    pub recalled: bool,
}

/// How many objectives the preview panel lists (and a shown preview holds).
pub const SHOWN_OBJECTIVES: usize = 50;

/// What the panel says of the whole preview.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Shown {
    pub objectives: usize,
    pub key_results: usize,
    /// `Preview::doubts` of the whole preview.
    pub doubts: Vec<crate::import::Note>,
    /// `Preview::nothing_found` of the whole preview.
    pub nothing_found: Option<Vec<(String, crate::import::Note)>>,
    /// The preview's plan is the whole plan.
    pub complete: bool,
}

impl Previewed {
    fn of(
        book: Book,
        choices: Choices,
        preview: Preview,
        recalled: bool,
        whole: bool,
    ) -> Previewed {
        let objectives = preview.plan.objectives.len();
        let shown = Shown {
            objectives,
            key_results: preview.key_result_count(),
            doubts: preview.doubts(),
            nothing_found: preview.nothing_found(),
            complete: whole || objectives <= SHOWN_OBJECTIVES,
        };
        let mut preview = preview;
        if shown.complete {
            preview.seal();
        } else {
            preview.plan.objectives.truncate(SHOWN_OBJECTIVES);
            preview.sources = Default::default();
        }
        Previewed {
            book,
            choices,
            preview,
            shown,
            recalled,
        }
    }
}

/// How far a long request has come, sent before its answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    /// Reading the file's sheets.
    Reading,
    /// Finding the OKRs in them.
    Interpreting,
    /// Writing a file.
    Writing,
}

/// An answer. `Exported` and `WroteOriginal` come with the file's bytes beside.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    Progress(Stage),
    Previewed(Box<Previewed>),
    /// The file could not be read; nothing was kept.
    NotRead(ImportError),
    Returned(Result<Box<ReadReturned>, NotMergeable>),
    /// The request names a workbook the worker does not keep (read again).
    NoBook,
    Exported {
        name: String,
        mime: String,
        key_results: usize,
    },
    NotExported(ExportError),
    WroteOriginal {
        name: String,
        mime: String,
        report: original::Report,
    },
    NotWrittenOriginal(original::OriginalError),
    /// An export sent changes to a plan the worker does not keep (it was restarted): send the
    /// plan whole.
    PlanNotKept,
    /// The message could not be understood (a page and a worker of different builds).
    NotUnderstood(String),
}

const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const XLSM_MIME: &str = "application/vnd.ms-excel.sheet.macroEnabled.12";
const CSV_MIME: &str = "text/csv;charset=utf-8";

/// The worker's state: the last workbook read, the plan of the last export.
#[derive(Default)]
pub struct Worker {
    kept: Option<(u32, Workbook)>,
    plan: Kept,
    reads: u32,
    /// What the last request no longer needs, freed after its answer is sent (`tidy`).
    leftovers: Vec<Box<dyn std::any::Any>>,
}

/// A reply and the bytes that go beside it.
pub type Answer = (Reply, Option<Vec<u8>>);

impl Worker {
    /// Answers one request; `progress` is told the stages of a long one. Never panics on any
    /// input: every failure is a `Reply`.
    pub fn run(
        &mut self,
        request: Request,
        bytes: Option<Vec<u8>>,
        progress: &mut dyn FnMut(Stage),
    ) -> Answer {
        self.tidy();
        match request {
            Request::Read {
                file_name,
                remembered,
            } => {
                self.kept = None;
                let book = match read_file(bytes.as_deref(), &file_name, progress) {
                    Ok(book) => book,
                    Err(e) => return (Reply::NotRead(e), None),
                };
                self.reads = self.reads.wrapping_add(1);
                let id = self.reads;
                let memory = Remembered::decode(remembered.as_deref());
                let (choices, preview, recalled) = with_remembered(&book, &memory);
                let shown = describe(id, &book);
                self.kept = Some((id, book));
                (
                    Reply::Previewed(Box::new(Previewed::of(
                        shown, choices, preview, recalled, false,
                    ))),
                    None,
                )
            }
            Request::Interpret { book, choices } => self.interpret(book, choices, false),
            Request::Whole { book, choices } => self.interpret(book, choices, true),
            Request::Recall { book, remembered } => match self.kept(book) {
                Some(workbook) => {
                    let memory = Remembered::decode(remembered.as_deref());
                    let (choices, preview, recalled) = with_remembered(workbook, &memory);
                    let shown = describe(book, workbook);
                    (
                        Reply::Previewed(Box::new(Previewed::of(
                            shown, choices, preview, recalled, false,
                        ))),
                        None,
                    )
                }
                None => (Reply::NoBook, None),
            },
            Request::Returned {
                book,
                date,
                choices,
            } => match self.kept(book) {
                Some(workbook) => (
                    Reply::Returned(
                        returned::read_returned(workbook, date, &choices).map(Box::new),
                    ),
                    None,
                ),
                None => (Reply::NoBook, None),
            },
            Request::ReadReturned {
                file_name,
                date,
                remembered,
            } => {
                let book = match read_file(bytes.as_deref(), &file_name, progress) {
                    Ok(book) => book,
                    Err(e) => return (Reply::NotRead(e), None),
                };
                // A layout corrected in an earlier import reads as corrected.
                let memory = Remembered::decode(remembered.as_deref());
                let (choices, _, _) = with_remembered(&book, &memory);
                (
                    Reply::Returned(returned::read_returned(&book, date, &choices).map(Box::new)),
                    None,
                )
            }
            Request::Export { plan, date, format } => {
                let Some(plan) = self.plan.take(plan) else {
                    return (Reply::PlanNotKept, None);
                };
                progress(Stage::Writing);
                let written = match format {
                    Format::Xlsx => export::workbook::written(plan, &date).map(|(b, book)| {
                        self.leftovers.push(Box::new(book));
                        (b, "xlsx", XLSX_MIME)
                    }),
                    Format::Csv => {
                        export::csv::csv(plan).map(|t| (t.into_bytes(), "csv", CSV_MIME))
                    }
                };
                match written {
                    Ok((out, ext, mime)) => (
                        Reply::Exported {
                            name: export::file_name(&plan.name, &date, ext),
                            mime: mime.to_string(),
                            key_results: plan.key_result_count(),
                        },
                        Some(out),
                    ),
                    Err(e) => (Reply::NotExported(e), None),
                }
            }
            Request::ExportOriginal { plan, date } => {
                progress(Stage::Writing);
                let file = plan
                    .origin
                    .as_ref()
                    .map(|o| o.file_name.clone())
                    .unwrap_or_default();
                match original::write(bytes.as_deref().unwrap_or_default(), &plan) {
                    Ok((out, report)) => {
                        let name = original::copy_name(&file, &date);
                        let mime = if name.ends_with(".xlsm") {
                            XLSM_MIME
                        } else {
                            XLSX_MIME
                        };
                        (
                            Reply::WroteOriginal {
                                name,
                                mime: mime.to_string(),
                                report,
                            },
                            Some(out),
                        )
                    }
                    Err(e) => (Reply::NotWrittenOriginal(e), None),
                }
            }
        }
    }

    /// Frees what the last request left (a large export's cells and plan). The worker calls
    /// it once the answer is sent, so that this is not part of the wait; `run` calls it too.
    pub fn tidy(&mut self) {
        self.leftovers.clear();
    }

    /// Answers a request as the worker receives it: JSON text and the bytes beside.
    pub fn run_text(
        &mut self,
        text: &str,
        bytes: Option<Vec<u8>>,
        progress: &mut dyn FnMut(Stage),
    ) -> Answer {
        match serde_json::from_str::<Request>(text) {
            Ok(request) => self.run(request, bytes, progress),
            Err(e) => (Reply::NotUnderstood(e.to_string()), None),
        }
    }

    /// The kept workbook `book` previewed with `choices`, whole or as shown.
    fn interpret(&self, book: u32, choices: Choices, whole: bool) -> Answer {
        let Some(workbook) = self.kept(book) else {
            return (Reply::NoBook, None);
        };
        let preview = import::interpret_unsealed(workbook, &choices);
        let shown = describe(book, workbook);
        let previewed = Previewed::of(shown, choices, preview, false, whole);
        (Reply::Previewed(Box::new(previewed)), None)
    }

    fn kept(&self, book: u32) -> Option<&Workbook> {
        self.kept
            .as_ref()
            .filter(|(id, _)| *id == book)
            .map(|(_, workbook)| workbook)
    }
}

/// A file's bytes read into sheets, the stages told as they begin (reading, then finding the
/// OKRs once it has read).
fn read_file(
    bytes: Option<&[u8]>,
    file_name: &str,
    progress: &mut dyn FnMut(Stage),
) -> Result<Workbook, ImportError> {
    progress(Stage::Reading);
    let book = import::read(bytes.unwrap_or_default(), file_name)?;
    progress(Stage::Interpreting);
    Ok(book)
}

/// `book` read with the corrections remembered for its layout: the choices, the preview, and
/// whether any correction was remembered. Next quarter's copy of a layout corrected before
/// reads as corrected. The preview is unsealed: `Previewed::of` seals it when it is given whole.
pub(crate) fn with_remembered(book: &Workbook, memory: &Remembered) -> (Choices, Preview, bool) {
    let choices = Choices::default();
    let preview = import::interpret_unsealed(book, &choices);
    if memory.is_empty() {
        return (choices, preview, false);
    }
    let again = memory.recall(&preview);
    if again.columns.is_empty() {
        return (choices, preview, false);
    }
    let preview = import::interpret_unsealed(book, &again);
    (again, preview, true)
}

fn describe(id: u32, book: &Workbook) -> Book {
    Book {
        id,
        file_name: book.file_name.clone(),
        format: book.format,
        size: book.size,
        digest: book.digest.clone(),
        writable: book.bytes.is_some(),
    }
}

/// A reply as JSON text. Every reply type serialises (plain data, text map keys), so this
/// cannot fail; should it ever, the page gets `NotUnderstood` rather than nothing.
pub fn reply_text(reply: &Reply) -> String {
    serde_json::to_string(reply).unwrap_or_else(|e| {
        serde_json::to_string(&Reply::NotUnderstood(e.to_string()))
            .unwrap_or_else(|_| String::from("{\"NotUnderstood\":\"\"}"))
    })
}

/// A request as JSON text (the page's side of `reply_text`).
pub fn request_text(request: &Request) -> Result<String, String> {
    serde_json::to_string(request).map_err(|e| e.to_string())
}

/// A reply read back on the page.
pub fn read_reply(text: &str) -> Result<Reply, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use okr_core::example::example_plan;

    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(format!(
            "{}/../../tests/fixtures/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    fn through_text(
        worker: &mut Worker,
        request: &Request,
        bytes: Option<Vec<u8>>,
    ) -> (Reply, Option<Vec<u8>>, Vec<Stage>) {
        let mut stages = Vec::new();
        let (reply, out) = worker.run_text(&request_text(request).unwrap(), bytes, &mut |s| {
            stages.push(s)
        });
        // What the page reads is what the worker meant.
        let back = read_reply(&reply_text(&reply)).unwrap();
        assert_eq!(back, strip_sources(reply.clone()));
        (back, out, stages)
    }

    /// The source map stays in the worker.
    fn strip_sources(reply: Reply) -> Reply {
        match reply {
            Reply::Previewed(mut p) => {
                p.preview.sources = Default::default();
                Reply::Previewed(p)
            }
            other => other,
        }
    }

    #[test]
    fn a_read_previews_as_the_importer_does_and_keeps_the_workbook() {
        let bytes = fixture("marketing-template.xls");
        let direct =
            import::interpret(&import::read(&bytes, "m.xls").unwrap(), &Choices::default());
        let mut worker = Worker::default();
        let read = Request::Read {
            file_name: "m.xls".into(),
            remembered: None,
        };
        let (reply, out, stages) = through_text(&mut worker, &read, Some(bytes));
        assert_eq!(stages, vec![Stage::Reading, Stage::Interpreting]);
        assert!(out.is_none());
        let Reply::Previewed(p) = reply else {
            panic!("{reply:?}")
        };
        assert_eq!(p.preview.plan, direct.plan);
        assert_eq!(p.preview.sheets, direct.sheets);
        assert!(!p.recalled);
        assert!(p.preview.key_result_count() > 0);

        // A correction travels as choices; the kept workbook is read again.
        let mut choices = p.choices.clone();
        choices.skipped_sheets.insert(0);
        let again = Request::Interpret {
            book: p.book.id,
            choices: choices.clone(),
        };
        let (reply, _, _) = through_text(&mut worker, &again, None);
        let Reply::Previewed(q) = reply else {
            panic!("{reply:?}")
        };
        assert_eq!(q.choices, choices);
        assert_eq!(q.book, p.book);
        let book = import::read(&fixture("marketing-template.xls"), "m.xls").unwrap();
        assert_eq!(q.preview.plan, import::interpret(&book, &choices).plan);

        // Another id (a worker restarted since) is refused, not answered from another file.
        let stale = Request::Interpret {
            book: p.book.id + 1,
            choices,
        };
        assert_eq!(through_text(&mut worker, &stale, None).0, Reply::NoBook);
    }

    #[test]
    fn a_large_preview_is_shown_in_part_and_given_whole_on_request() {
        let mut csv = String::from("Objective,Key Result,Target\n");
        for i in 0..(SHOWN_OBJECTIVES + 10) * 3 {
            csv.push_str(&format!(
                "Objective {},Key result {i},{}\n",
                i / 3 + 1,
                10 + i
            ));
        }
        let mut worker = Worker::default();
        let read = Request::Read {
            file_name: "big.csv".into(),
            remembered: None,
        };
        let (reply, _, _) = through_text(&mut worker, &read, Some(csv.into_bytes()));
        let Reply::Previewed(p) = reply else {
            panic!("{reply:?}")
        };
        assert_eq!(p.preview.plan.objectives.len(), SHOWN_OBJECTIVES);
        assert_eq!(p.shown.objectives, SHOWN_OBJECTIVES + 10);
        assert_eq!(p.shown.key_results, (SHOWN_OBJECTIVES + 10) * 3);
        assert!(!p.shown.complete);
        let whole = Request::Whole {
            book: p.book.id,
            choices: p.choices.clone(),
        };
        let (reply, _, _) = through_text(&mut worker, &whole, None);
        let Reply::Previewed(w) = reply else {
            panic!("{reply:?}")
        };
        assert!(w.shown.complete);
        assert_eq!(w.preview.plan.objectives.len(), SHOWN_OBJECTIVES + 10);
        assert_eq!(w.preview.key_result_count(), (SHOWN_OBJECTIVES + 10) * 3);
        assert_eq!(
            w.shown,
            Shown {
                complete: true,
                ..p.shown.clone()
            }
        );
        assert_eq!(
            w.preview.plan.objectives[..SHOWN_OBJECTIVES],
            p.preview.plan.objectives[..]
        );
        // Only the whole plan carries the fingerprint of what was read (an export into the
        // original file checks it); the part shown is never applied, so it goes without.
        let fingerprint = |q: &Previewed| q.preview.plan.origin.clone().unwrap().fingerprint;
        assert_eq!(
            fingerprint(&w),
            okr_core::origin::fingerprint_of(&w.preview.plan.objectives)
        );
        assert_eq!(fingerprint(&p), "");
    }

    #[test]
    fn a_file_that_does_not_read_says_why_and_keeps_nothing() {
        let mut worker = Worker::default();
        let read = Request::Read {
            file_name: "x.xlsx".into(),
            remembered: None,
        };
        let (reply, _, _) =
            through_text(&mut worker, &read, Some(b"PK\x03\x04 not a zip".to_vec()));
        assert!(
            matches!(reply, Reply::NotRead(ImportError::Damaged { .. })),
            "{reply:?}"
        );
        let (reply, _, _) = through_text(&mut worker, &read, None);
        assert_eq!(reply, Reply::NotRead(ImportError::Empty));
        let interpret = Request::Interpret {
            book: 1,
            choices: Choices::default(),
        };
        assert_eq!(through_text(&mut worker, &interpret, None).0, Reply::NoBook);
        let garbled = worker.run_text("{\"Read\":", None, &mut |_| {});
        assert!(matches!(garbled.0, Reply::NotUnderstood(_)));
    }

    #[test]
    fn exports_give_the_bytes_the_exporters_write() {
        let mut plan = example_plan();
        let mut worker = Worker::default();
        let mut sender = crate::sent_plan::Sender::default();
        for (format, ext) in [
            (Format::Xlsx, "xlsx"),
            (Format::Csv, "csv"),
            (Format::Csv, "csv"),
        ] {
            // The first export sends the plan whole, the next ones what changed.
            plan.objectives[0].key_results[0].current = Some(ext.len() as f64);
            let request = Request::Export {
                plan: sender.send(&plan),
                date: "2026-12-03".into(),
                format,
            };
            let (reply, out, stages) = through_text(&mut worker, &request, None);
            assert_eq!(stages, vec![Stage::Writing]);
            let Reply::Exported {
                name, key_results, ..
            } = reply
            else {
                panic!("{reply:?}")
            };
            assert!(name.ends_with(ext), "{name}");
            assert_eq!(key_results, plan.key_result_count());
            let out = out.unwrap();
            match format {
                Format::Csv => assert_eq!(out, export::csv::csv(&plan).unwrap().into_bytes()),
                Format::Xlsx => assert!(out.starts_with(b"PK\x03\x04")),
            }
            // The workbook's cells (xlsx) wait to be freed after the answer; the plan is kept.
            let kept = usize::from(format == Format::Xlsx);
            assert_eq!(worker.leftovers.len(), kept, "{format:?}");
            worker.tidy();
            assert!(worker.leftovers.is_empty());
        }
        // A restarted worker keeps no plan: changes to one are refused, and nothing written.
        let mut restarted = Worker::default();
        let request = Request::Export {
            plan: sender.send(&plan),
            date: "2026-12-03".into(),
            format: Format::Csv,
        };
        assert_eq!(
            through_text(&mut restarted, &request, None).0,
            Reply::PlanNotKept
        );
        // Into an original: a plan with no origin is refused with its reason.
        let request = Request::ExportOriginal {
            plan: Box::new(plan),
            date: "2026-12-03".into(),
        };
        let (reply, out, _) = through_text(&mut worker, &request, Some(b"PK".to_vec()));
        assert!(out.is_none());
        assert!(matches!(reply, Reply::NotWrittenOriginal(_)), "{reply:?}");
    }

    #[test]
    fn a_returned_copy_reads_from_the_kept_workbook_or_from_bytes() {
        let plan = example_plan();
        let bytes = export::workbook::workbook(&plan, "2026-12-03").unwrap();
        let mut worker = Worker::default();
        let read = Request::Read {
            file_name: "back.xlsx".into(),
            remembered: None,
        };
        let (reply, _, _) = through_text(&mut worker, &read, Some(bytes.clone()));
        let Reply::Previewed(p) = reply else {
            panic!("{reply:?}")
        };
        assert!(p.book.writable);
        let kept = Request::Returned {
            book: p.book.id,
            date: None,
            choices: p.choices.clone(),
        };
        let (from_kept, _, _) = through_text(&mut worker, &kept, None);
        let fresh = Request::ReadReturned {
            file_name: "back.xlsx".into(),
            date: None,
            remembered: None,
        };
        let (from_bytes, _, _) = through_text(&mut worker, &fresh, Some(bytes));
        let Reply::Returned(Ok(r)) = &from_kept else {
            panic!("{from_kept:?}")
        };
        assert_eq!(r.returned.rows.len(), plan.key_result_count());
        assert_eq!(from_kept, from_bytes);
    }
}
