//! Views whose code is fetched the first time they are shown. A function declared with
//! `part!` (src/parts.rs) returns `Result<AnyView, NotLoaded>`; the release build
//! (scripts/build.sh, feature `split`) moves it, and all code only it reaches, into a wasm part
//! of its own that the parts' loader fetches on its first call. Without the feature (clippy,
//! the wasm tests) the same call runs in place.

use std::future::Future;

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

use super::i18n::{t, td_string, use_i18n};

/// A part that could not be fetched (offline without the offline copy, a new release
/// deployed under an open page).
#[derive(Debug)]
pub(crate) struct NotLoaded;

impl From<SplitLoaderError> for NotLoaded {
    fn from(_: SplitLoaderError) -> Self {
        NotLoaded
    }
}

/// What is said when a part cannot be fetched, in `l` (`show` says it where the part would be).
pub(crate) fn not_loaded_text(l: okr_core::locale::Locale) -> String {
    td_string!(l, part_not_loaded).to_string()
}

/// A part's view on its way (boxed: one `Suspend` type for every part, not one per call).
type Coming = std::pin::Pin<Box<dyn Future<Output = Result<AnyView, NotLoaded>>>>;

/// Shows what `load` gives: at once when its part is already here, else once it has come;
/// an alert if it cannot come (the next `show` tries again).
pub(crate) fn show<F>(load: F) -> AnyView
where
    F: Future<Output = Result<AnyView, NotLoaded>> + 'static,
{
    shown(Box::pin(load), true)
}

/// `show`, but nothing where the part would be when it cannot come: for a second place drawn
/// from the same part as one that `show` draws, which says so.
pub(crate) fn show_quietly<F>(load: F) -> AnyView
where
    F: Future<Output = Result<AnyView, NotLoaded>> + 'static,
{
    shown(Box::pin(load), false)
}

fn shown(load: Coming, say: bool) -> AnyView {
    let load = send_wrapper::SendWrapper::new(load);
    Suspend::new(async move {
        match load.await {
            Ok(view) => view,
            Err(NotLoaded) if say => {
                let i18n = use_i18n();
                view! {
                    <p class="alert alert-error" role="alert" data-testid="part-not-loaded">
                        {t!(i18n, part_not_loaded)}
                    </p>
                }
                .into_any()
            }
            Err(NotLoaded) => ().into_any(),
        }
    })
    .into_any()
}

/// Fetches parts' code ahead of their first use, once: `asked` notes that it was asked for (a
/// drag fires dragover many times a second, a pointer crosses a button often) and is cleared
/// when `fetch` (true: every part came) failed, so the next ask tries again. A part that did
/// not come says so when it is drawn.
pub(crate) fn fetch_ahead(
    asked: &'static std::thread::LocalKey<std::cell::Cell<bool>>,
    fetch: impl Future<Output = bool> + 'static,
) {
    if asked.with(|a| a.replace(true)) {
        return;
    }
    leptos::task::spawn_local(async move {
        if !fetch.await {
            asked.with(|a| a.set(false));
        }
    });
}
