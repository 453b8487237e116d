//! Share without a server: "Share read-only link" puts the plan (or the period shown) in the
//! page's URL fragment (`share`); opening such a link shows that plan read-only, with "Save a
//! copy to my plans". The fragment never leaves the browser: browsers do not send it.

use leptos::prelude::*;

use super::i18n::{t, t_string, td_string, use_i18n};
use super::{on_demand, plans_view, translate, AppState, Message};
use okr_core::history::Document;
use okr_core::model::Plan;
use okr_core::share::{self, ShareError};

/// The share panel: a link and its size, or why there is none.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum SharePanel {
    Closed,
    Link {
        url: String,
        chars: usize,
        scope: String,
    },
    Refused(String),
}

/// The page's address without its fragment.
fn page_address() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|href| href.split('#').next().unwrap_or_default().to_string())
        .unwrap_or_default()
}

/// The location's fragment, with its `#`.
pub(crate) fn location_fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Builds the link of the plan, or of the period the grid shows when one is chosen (by the
/// share part of the page, fetched on the first share).
pub(crate) fn open_panel(state: AppState) {
    let period = state.grid.with_untracked(|g| g.filter.period.clone());
    let plan = state.doc.with_untracked(|d| match &period {
        Some(p) => share::period_only(d.plan(), p),
        None => d.plan().clone(),
    });
    leptos::task::spawn_local(async move {
        let result = make_link(plan).await;
        state.share.set(match result {
            Ok(Ok(fragment)) => SharePanel::Link {
                chars: fragment.len(),
                url: format!("{}#{fragment}", page_address()),
                scope: {
                    let l = state.locale();
                    match period {
                        Some(p) if p.is_empty() => td_string!(l, share_no_period).to_string(),
                        Some(p) => td_string!(l, share_period_only, period = p).to_string(),
                        None => td_string!(l, share_whole_plan).to_string(),
                    }
                },
            },
            Ok(Err(e)) => SharePanel::Refused(translate::share_error(state.locale(), &e)),
            Err(on_demand::NotLoaded) => {
                SharePanel::Refused(on_demand::not_loaded_text(state.locale()))
            }
        });
    });
}

part! {
    share;
    /// A plan's share fragment (deflate and base64url: the share part's code).
    fn make_link(plan: Plan) -> Result<Result<String, ShareError>, on_demand::NotLoaded> {
        Ok(share::fragment(&plan))
    }
}

part! {
    share;
    /// The plan of a share link (in the share part).
    fn read_link(fragment: String) -> Result<Result<Plan, ShareError>, on_demand::NotLoaded> {
        Ok(share::read(&fragment))
    }
}

/// Why the share link in the address opened no plan.
pub enum NotShared {
    Unreadable(ShareError),
    NotLoaded,
}

/// The plan of the share link in the page's address, if it has one (read before the page is
/// drawn; the share part is fetched only then).
pub(crate) async fn shared_plan() -> Option<Result<Plan, NotShared>> {
    let fragment = location_fragment();
    if !share::is_link(&fragment) {
        return None;
    }
    Some(match read_link(fragment).await {
        Ok(Ok(plan)) => Ok(plan),
        Ok(Err(e)) => Err(NotShared::Unreadable(e)),
        Err(on_demand::NotLoaded) => Err(NotShared::NotLoaded),
    })
}

/// Drops the fragment from the address bar without reloading.
fn clear_fragment() {
    if let Some(w) = web_sys::window() {
        let address = page_address();
        if let Ok(history) = w.history() {
            let _ =
                history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&address));
        }
    }
}

/// Reloads the page when the fragment turns into a share link (a link pasted into this
/// tab's address bar changes only the fragment, which does not reload by itself).
pub(crate) fn follow_pasted_links() {
    let _ = window_event_listener(leptos::ev::hashchange, |_| {
        if share::is_link(&location_fragment()) {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        }
    });
}

#[component]
pub(crate) fn ShareLinkPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    move || {
        match state.share.get() {
        SharePanel::Closed => None,
        SharePanel::Refused(why) => Some(
            view! {
                <div class="alert alert-warning share-panel" role="alert" data-testid="share-error">
                    <p>{why}</p>
                    <button type="button" on:click=move |_| state.share.set(SharePanel::Closed)>{t!(i18n, close)}</button>
                </div>
            }
            .into_any(),
        ),
        // The link was made by the share part: its panel is drawn by it too.
        SharePanel::Link { url, chars, scope } => {
            Some(on_demand::show(link_panel(url, chars, scope)).into_any())
        }
    }
    }
}

part! {
    share;
    /// The open share panel: the link, Copy, Close and the link's size.
    fn link_panel(url: String, chars: usize, scope: String) -> Result<AnyView, on_demand::NotLoaded> {
        let state = expect_context::<AppState>();
        let i18n = use_i18n();
        let copied = RwSignal::new(false);
        let copy = move |url: String| {
            let Some(w) = web_sys::window() else {
                return;
            };
            let promise = w.navigator().clipboard().write_text(&url);
            leptos::task::spawn_local(async move {
                let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
                copied.set(ok);
            });
        };
        let for_copy = url.clone();
        Ok(view! {
            <section class="share-panel" aria-label=move || t_string!(i18n, share_link).to_string() data-testid="share-panel">
                <label>
                    {t!(i18n, read_only_link)}
                    <input
                        type="text"
                        readonly=true
                        data-testid="share-link"
                        prop:value=url
                        on:focus=|ev| {
                            let input = ev
                                .target()
                                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok());
                            if let Some(i) = input {
                                i.select();
                            }
                        }
                    />
                </label>
                <button type="button" on:click=move |_| copy(for_copy.clone())>{t!(i18n, copy_link)}</button>
                <button type="button" on:click=move |_| { copied.set(false); state.share.set(SharePanel::Closed) }>{t!(i18n, close)}</button>
                <p class="share-note" data-testid="share-size">
                    {
                        let limit = share::LIMIT;
                        let scope = scope.clone();
                        move || t_string!(i18n, share_scope, scope = scope.clone(), chars, limit).to_string()
                    }
                    {move || copied.get().then(|| format!(" {}", t_string!(i18n, copied)))}
                </p>
            </section>
        }
        .into_any())
    }
}

/// Shown while a shared plan is open: says it is read-only and offers to keep a copy (drawn
/// by the share part, which read the link).
#[component]
pub(crate) fn SharedBanner() -> impl IntoView {
    let state = expect_context::<AppState>();
    // A plan a newer build saved is read-only too, but it is not a shared one.
    let read_only =
        Memo::new(move |_| state.doc.with(Document::is_read_only) && !state.newer.get());
    move || read_only.get().then(|| on_demand::show(shared_banner()))
}

part! {
    share;
    /// The shared plan's banner, with "Save a copy to my plans" and "Back to my plans".
    fn shared_banner() -> Result<AnyView, on_demand::NotLoaded> {
        let state = expect_context::<AppState>();
        let i18n = use_i18n();
        let save_copy = move |_| {
            let mut plan = state.doc.with_untracked(|d| d.plan().clone());
            plan.is_example = false;
            let taken = state
                .library
                .with_untracked(|l| l.plans.iter().any(|e| e.name == plan.name));
            if taken {
                let copy = td_string!(state.locale(), copy_word);
                plan.name = state
                    .library
                    .with_untracked(|l| l.copy_name(&plan.name, copy));
            }
            let name = plan.name.clone();
            if plans_view::add_plan(state, plan) {
                clear_fragment();
                state.message.set(Some(Message {
                    text: td_string!(state.locale(), copy_saved, name).to_string(),
                    undoable: false,
                }));
            }
        };
        let close = move |_| {
            clear_fragment();
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        };
        Ok(view! {
            <div class="shared-banner" role="region" aria-label=move || t_string!(i18n, shared_plan).to_string() data-testid="shared-banner">
                <p>
                    <strong>{t!(i18n, shared_read_only)}</strong>
                    " "
                    {t!(i18n, shared_text)}
                </p>
                <button type="button" data-testid="save-shared-copy" on:click=save_copy>
                    {t!(i18n, save_copy)}
                </button>
                <button type="button" on:click=close>{t!(i18n, back_to_my_plans)}</button>
            </div>
        }
        .into_any())
    }
}
