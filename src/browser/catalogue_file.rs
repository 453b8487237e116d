//! Fetching an interface catalogue (`ui::i18n::load`). scripts/build.sh copies the files other
//! than English beside the page with content-hashed names, `locale-<tag>-<hash>.json`, and
//! names them in `<meta name="okr-locales">` (the service worker keeps them for offline use).

use std::future::Future;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The text of the catalogue of the language `tag`. The request starts at once, before the
/// future is first polled, so it runs beside other work.
pub fn fetch(tag: &str) -> impl Future<Output = Result<String, String>> + 'static {
    let started = start(tag);
    async move {
        let response = JsFuture::from(started?)
            .await
            .map_err(|e| super::files::describe(&e))?
            .dyn_into::<web_sys::Response>()
            .map_err(|_| "no response".to_string())?;
        if !response.ok() {
            return Err(format!("HTTP {}", response.status()));
        }
        let text = response.text().map_err(|e| super::files::describe(&e))?;
        JsFuture::from(text)
            .await
            .map_err(|e| super::files::describe(&e))?
            .as_string()
            .ok_or_else(|| "no text".to_string())
    }
}

fn start(tag: &str) -> Result<js_sys::Promise, String> {
    let window = web_sys::window().ok_or("no window")?;
    let prefix = format!("locale-{tag}-");
    let file = window
        .document()
        .and_then(|d| d.query_selector("meta[name=okr-locales]").ok().flatten())
        .and_then(|m| m.get_attribute("content"))
        .and_then(|names| {
            names
                .split_whitespace()
                .find(|f| f.starts_with(&prefix))
                .map(str::to_string)
        })
        .ok_or_else(|| format!("the page names no file for {tag}"))?;
    Ok(window.fetch_with_str(&file))
}
