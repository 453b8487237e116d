//! Offers text or bytes to the user as a downloaded file (exports, and unreadable stored data
//! handed back).

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

pub(crate) fn download_text(filename: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options(mime))?;
    offer(filename, &blob)
}

/// Offers a buffer the spreadsheet worker wrote (no copy into the page's memory).
pub(crate) fn download_buffer(
    filename: &str,
    mime: &str,
    buffer: &js_sys::ArrayBuffer,
) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(buffer);
    let blob = Blob::new_with_buffer_source_sequence_and_options(&parts, &options(mime))?;
    offer(filename, &blob)
}

fn options(mime: &str) -> BlobPropertyBag {
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    options
}

fn offer(filename: &str, blob: &Blob) -> Result<(), JsValue> {
    let url = Url::create_object_url_with_blob(blob)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let anchor: HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.click();
    // Revoked later: some browsers read the blob after `click` returns.
    gloo::timers::callback::Timeout::new(60_000, move || {
        let _ = Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}
