//! okr-grid's spreadsheet worker. The page (`browser::sheet_worker`) starts it on the first
//! import or export and sends it `okr_sheets::job::Request`s as `{id, text, bytes?}` (the
//! file's `ArrayBuffer` transferred); it answers `{id, text, bytes?}` with a `Reply` (progress
//! first, for long requests). All of the logic is `okr_sheets::job::Worker`; this is the glue.

#[cfg(target_arch = "wasm32")]
mod glue {
    use std::cell::RefCell;

    use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
    use okr_sheets::job::{reply_text, Reply, Worker};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    thread_local! {
        static WORKER: RefCell<Worker> = RefCell::new(Worker::default());
    }

    pub fn start() {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
            answer(&event.data());
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let ready = Object::new();
        let _ = Reflect::set(&ready, &"ready".into(), &JsValue::TRUE);
        let _ = scope.post_message(&ready);
    }

    fn answer(data: &JsValue) {
        let field = |name: &str| Reflect::get(data, &name.into()).ok();
        let Some(id) = field("id").and_then(|v| v.as_f64()) else {
            return;
        };
        let text = field("text")
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        let bytes = field("bytes")
            .filter(|v| v.is_instance_of::<ArrayBuffer>())
            .map(|b| Uint8Array::new(&b).to_vec());
        let mut progress = |stage| post(id, &Reply::Progress(stage), None);
        let (reply, out) = WORKER.with(|w| w.borrow_mut().run_text(&text, bytes, &mut progress));
        post(id, &reply, out);
        drop(reply);
        // Memory the request no longer needs is freed once the page has its answer.
        WORKER.with(|w| w.borrow_mut().tidy());
    }

    fn post(id: f64, reply: &Reply, bytes: Option<Vec<u8>>) {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let message = Object::new();
        let _ = Reflect::set(&message, &"id".into(), &JsValue::from_f64(id));
        let _ = Reflect::set(&message, &"text".into(), &reply_text(reply).into());
        let posted = match bytes {
            Some(bytes) => {
                // A fresh buffer outside the wasm memory, handed over, not copied again.
                let buffer = Uint8Array::from(bytes.as_slice()).buffer();
                let _ = Reflect::set(&message, &"bytes".into(), &buffer);
                scope.post_message_with_transfer(&message, &Array::of1(&buffer))
            }
            None => scope.post_message(&message),
        };
        if let Err(e) = posted {
            web_sys::console::error_2(&"okr-worker: the answer could not be sent".into(), &e);
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    glue::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("okr-worker runs as okr-grid's Web Worker in the browser (see README.md).");
    std::process::exit(2);
}
