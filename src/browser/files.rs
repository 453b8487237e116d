//! Reading a file the user picked or dropped, and giving the page a frame to paint (so a busy
//! indicator shows before synchronous work starts) or a task boundary.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The bytes of a picked or dropped file.
pub async fn read_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = read_buffer(file).await?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// A picked or dropped file as a buffer, to hand to the spreadsheet worker (not copied into
/// the page's memory).
pub async fn read_buffer(file: &web_sys::File) -> Result<js_sys::ArrayBuffer, String> {
    JsFuture::from(file.array_buffer())
        .await
        .and_then(|b| b.dyn_into::<js_sys::ArrayBuffer>())
        .map_err(|e| describe(&e))
}

/// Resolves after the browser has had a chance to paint.
pub async fn next_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(window) = web_sys::window() {
            // A timeout after the next animation frame runs once the frame is painted.
            let resolve_later = wasm_bindgen::closure::Closure::once_into_js(move || {
                if let Some(w) = web_sys::window() {
                    let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                        resolve.unchecked_ref(),
                        0,
                    );
                }
            });
            let _ = window.request_animation_frame(resolve_later.unchecked_ref());
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Resolves in a task of its own: the work before and after it are two tasks, not one long
/// one (a worker's reply read, then drawn).
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let queued = web_sys::window().is_some_and(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                .is_ok()
        });
        if !queued {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Milliseconds from the page's clock, for timings shown to the user.
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

pub(crate) fn describe(err: &JsValue) -> String {
    err.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| err.as_string())
        .unwrap_or_else(|| "the browser could not read the file".to_string())
}
