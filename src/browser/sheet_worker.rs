//! The spreadsheet worker (crate `okr-worker`, `okr_sheets::job`), started on the first import
//! or export: its files are fetched then, not with the page. `ask` sends one request (a file's
//! `ArrayBuffer` transferred beside it) and resolves with the reply; `cancel` stops the worker
//! and everything it was doing. A worker that fails to load or dies fails every request it had
//! (`Failure::Stopped`), and the next request starts a new one.
//!
//! The worker's file names come from `<meta name="okr-worker">` in index.html (the release
//! build gives them content hashes, `scripts/build.sh`); without it, Trunk's names.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use js_sys::{Array, ArrayBuffer, Function, Object, Promise, Reflect};
use leptos::wasm_split::SplitLoaderError;
use okr_core::model::Plan;
use okr_sheets::job::{read_reply, request_text, Reply, Request, Stage};
use okr_sheets::sent_plan::{PlanSent, Sender};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, MessageEvent, Url, Worker};

/// Why a request got no reply.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// The worker could not be loaded, or stopped while working (its words, when it had any).
    Stopped(String),
    /// `cancel` was called.
    Cancelled,
    /// The part of the page that reads the worker's replies could not be fetched.
    NotLoaded,
}

impl From<SplitLoaderError> for Failure {
    fn from(_: SplitLoaderError) -> Self {
        Failure::NotLoaded
    }
}

part! {
    sheets;
    /// A reply read from its text. Its reader (every reply type's deserialiser) is a part of the
    /// page fetched with the first reply (ui::on_demand tells how), not with the page.
    fn decode(text: String) -> Result<Reply, Failure> {
        read_reply(&text).map_err(Failure::Stopped)
    }
}

/// A progress message (`{"Progress":…}`), read without the whole reply reader.
#[derive(serde::Deserialize)]
enum ProgressReply {
    Progress(Stage),
}

struct Pending {
    resolve: Function,
    reject: Function,
    progress: Rc<dyn Fn(Stage)>,
}

struct Running {
    worker: Worker,
    ready: bool,
    /// Requests sent before the worker said it was ready.
    queue: Vec<(Object, Option<ArrayBuffer>)>,
    pending: HashMap<u32, Pending>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

thread_local! {
    static RUNNING: RefCell<Option<Running>> = const { RefCell::new(None) };
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
    /// The plan of the last export, which the worker keeps (`okr_sheets::sent_plan`).
    static SENT_PLAN: RefCell<Sender> = RefCell::new(Sender::default());
}

/// `plan` for an export request: what changed since the last plan sent, or the whole plan.
pub fn plan_to_send(plan: &Plan) -> PlanSent {
    SENT_PLAN.with(|s| s.borrow_mut().send(plan))
}

/// The worker said it keeps no plan from this page (it was started since): the next plan
/// sent is whole.
pub fn plan_not_kept() {
    SENT_PLAN.with(|s| s.borrow_mut().forget());
}

/// Sends `request` (with `bytes` transferred, so the page no longer holds them) and waits for
/// the reply and the bytes that come with it. `progress` hears the stages of a long request.
pub async fn ask(
    request: &Request,
    bytes: Option<ArrayBuffer>,
    progress: impl Fn(Stage) + 'static,
) -> Result<(Reply, Option<ArrayBuffer>), Failure> {
    let text = request_text(request).map_err(Failure::Stopped)?;
    // The reply reader is fetched while the worker works, also when nothing warmed it (a file
    // given to the input without Import's click).
    warm();
    let id = NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1));
        id
    });
    let message = Object::new();
    let _ = Reflect::set(&message, &"id".into(), &JsValue::from(id));
    let _ = Reflect::set(&message, &"text".into(), &text.into());
    if let Some(b) = &bytes {
        let _ = Reflect::set(&message, &"bytes".into(), b);
    }
    let progress: Rc<dyn Fn(Stage)> = Rc::new(progress);
    let answer = Promise::new(&mut |resolve, reject| {
        // Posted once the borrow ends: a failed post stops the worker, which borrows again.
        let send_now = RUNNING.with(|r| {
            let mut running = r.borrow_mut();
            if running.is_none() {
                *running = Some(start()?);
            }
            let Some(run) = running.as_mut() else {
                return Ok(None);
            };
            run.pending.insert(
                id,
                Pending {
                    resolve,
                    reject: reject.clone(),
                    progress: Rc::clone(&progress),
                },
            );
            if run.ready {
                Ok(Some(run.worker.clone()))
            } else {
                run.queue.push((message.clone(), bytes.clone()));
                Ok::<_, JsValue>(None)
            }
        });
        match send_now {
            Ok(Some(worker)) => post(&worker, &message, bytes.as_ref()),
            Ok(None) => {}
            Err(e) => {
                let _ = reject.call1(&JsValue::NULL, &e);
            }
        }
    });
    match JsFuture::from(answer).await {
        Ok(data) => {
            let field = |name: &str| Reflect::get(&data, &name.into()).ok();
            let text = field("text")
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            let bytes = field("bytes").and_then(|v| v.dyn_into::<ArrayBuffer>().ok());
            // Receiving the reply, reading it and what it leads to (a preview drawn) run in
            // tasks of their own: on a page's first import, when the browser compiles the code
            // of each on its first call, they were one task of 60-90 ms.
            super::files::next_task().await;
            let reply = decode(text).await?;
            super::files::next_task().await;
            Ok((reply, bytes))
        }
        Err(e) if e.as_string().as_deref() == Some(CANCELLED) => Err(Failure::Cancelled),
        Err(e) => Err(Failure::Stopped(describe(&e))),
    }
}

/// Starts the worker ahead of a request the user is about to make (the file chooser is open
/// for seconds): its files are fetched and compiled meanwhile. Does nothing when it runs.
pub(crate) fn warm() {
    if RUNNING.with(|r| r.borrow().is_some()) {
        return;
    }
    // A worker that cannot start now is said by the request that needs it; a part that
    // cannot come, by the first reply.
    leptos::task::spawn_local(async {
        let _ = start_ahead().await;
    });
}

part! {
    sheets;
    /// Starts the worker ahead of its first request, in the reply reader's part: the code that
    /// starts a worker is not in the page, only fetched with the reader.
    fn start_ahead() -> Result<(), Failure> {
        RUNNING.with(|r| {
            let mut running = r.borrow_mut();
            if running.is_none() {
                *running = start().ok();
            }
        });
        Ok(())
    }
}

/// Stops the worker and whatever it is doing (a large file being read): its requests fail
/// with `Failure::Cancelled`. The next request starts a new worker.
pub fn cancel() {
    stop(&JsValue::from_str(CANCELLED));
}

const CANCELLED: &str = "okr-grid: cancelled";

fn stop(why: &JsValue) {
    let running = RUNNING.with(|r| r.borrow_mut().take());
    if let Some(run) = running {
        run.worker.terminate();
        for (_, p) in run.pending {
            let _ = p.reject.call1(&JsValue::NULL, why);
        }
    }
}

fn post(worker: &Worker, message: &Object, bytes: Option<&ArrayBuffer>) {
    let sent = match bytes {
        Some(b) => worker.post_message_with_transfer(message, &Array::of1(b)),
        None => worker.post_message(message),
    };
    if let Err(e) = sent {
        stop(&e);
    }
}

/// The worker's script and wasm, relative to the page.
fn file_names() -> (String, String) {
    let named = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("meta[name=okr-worker]").ok().flatten())
        .and_then(|m| m.get_attribute("content"));
    let mut parts = named.as_deref().unwrap_or_default().split_whitespace();
    match (parts.next(), parts.next()) {
        (Some(js), Some(wasm)) => (js.to_string(), wasm.to_string()),
        _ => (
            "okr-worker.js".to_string(),
            "okr-worker_bg.wasm".to_string(),
        ),
    }
}

fn start() -> Result<Running, JsValue> {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .ok_or_else(|| JsValue::from_str("no page address"))?;
    let (js, wasm) = file_names();
    let js = Url::new_with_base(&js, &base)?.href();
    let wasm = Url::new_with_base(&wasm, &base)?.href();
    // A loader of our own, so a wasm that cannot be fetched is said, not waited for forever.
    // JSON string literals are JavaScript string literals.
    let js = serde_json::to_string(&js).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let wasm = serde_json::to_string(&wasm).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let loader = format!(
        "importScripts({js});wasm_bindgen({{module_or_path:{wasm}}}).catch(function(e){{postMessage({{failed:String(e)}});}});"
    );
    let options = BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = Blob::new_with_str_sequence_and_options(&Array::of1(&loader.into()), &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let worker = Worker::new(&url);
    let _ = Url::revoke_object_url(&url);
    let worker = worker?;
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        heard(&event.data());
    });
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(|event: web_sys::Event| {
        event.prevent_default();
        let said = event
            .dyn_ref::<web_sys::ErrorEvent>()
            .map(|e| e.message())
            .filter(|m| !m.is_empty());
        stop(&JsValue::from_str(&said.unwrap_or_else(|| {
            "its files could not be loaded".to_string()
        })));
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Running {
        worker,
        ready: false,
        queue: Vec::new(),
        pending: HashMap::new(),
        _on_message: on_message,
        _on_error: on_error,
    })
}

/// A message from the worker: ready, failed to start, progress, or a reply.
fn heard(data: &JsValue) {
    let field = |name: &str| Reflect::get(data, &name.into()).ok();
    if field("ready").and_then(|v| v.as_bool()) == Some(true) {
        let queued = RUNNING.with(|r| {
            r.borrow_mut().as_mut().map(|run| {
                run.ready = true;
                (run.worker.clone(), std::mem::take(&mut run.queue))
            })
        });
        if let Some((worker, queue)) = queued {
            for (message, bytes) in queue {
                post(&worker, &message, bytes.as_ref());
            }
        }
        return;
    }
    if let Some(failed) = field("failed").and_then(|v| v.as_string()) {
        stop(&JsValue::from_str(&failed));
        return;
    }
    let Some(id) = field("id").and_then(|v| v.as_f64()).map(|v| v as u32) else {
        return;
    };
    let text = field("text")
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    // Progress is small and comes before the reply; the request stays pending.
    if text.starts_with("{\"Progress\"") {
        if let Ok(ProgressReply::Progress(stage)) = serde_json::from_str(&text) {
            let progress = RUNNING.with(|r| {
                r.borrow()
                    .as_ref()
                    .and_then(|run| run.pending.get(&id).map(|p| Rc::clone(&p.progress)))
            });
            if let Some(progress) = progress {
                progress(stage);
            }
        }
        return;
    }
    let pending = RUNNING.with(|r| {
        r.borrow_mut()
            .as_mut()
            .and_then(|run| run.pending.remove(&id))
    });
    if let Some(p) = pending {
        let _ = p.resolve.call1(&JsValue::NULL, data);
    }
}

fn describe(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| format!("{e:?}"))
}
