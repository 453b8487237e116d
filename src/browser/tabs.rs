//! Tells the other tabs of this origin what this one saved, and hears what they saved
//! (a `BroadcastChannel`; IndexedDB itself sends no events between tabs).

use std::cell::RefCell;

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, MessageEvent};

const CHANNEL: &str = "okr-grid";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) enum News {
    /// The plan under `key` was saved as revision `rev`.
    Plan { key: String, rev: u64 },
    /// A small text was written (`None`: removed).
    Text { key: String, value: Option<String> },
}

thread_local! {
    // One object both posts and listens: a channel does not hear its own messages.
    static CHANNEL_OBJECT: RefCell<Option<BroadcastChannel>> = const { RefCell::new(None) };
}

fn channel() -> Option<BroadcastChannel> {
    CHANNEL_OBJECT.with(|c| {
        let mut c = c.borrow_mut();
        if c.is_none() {
            *c = BroadcastChannel::new(CHANNEL).ok();
        }
        c.clone()
    })
}

/// Tells the other tabs. A browser without channels just does not hear of it.
pub(crate) fn announce(news: &News) {
    if let (Some(ch), Ok(text)) = (channel(), serde_json::to_string(news)) {
        let _ = ch.post_message(&wasm_bindgen::JsValue::from_str(&text));
    }
}

/// Calls `on_news` with what the other tabs announce, for the life of the page.
pub(crate) fn listen(on_news: impl Fn(News) + 'static) {
    let Some(ch) = channel() else {
        return;
    };
    let handler = Closure::<dyn Fn(MessageEvent)>::new(move |ev: MessageEvent| {
        if let Some(news) = ev
            .data()
            .as_string()
            .and_then(|t| serde_json::from_str::<News>(&t).ok())
        {
            on_news(news);
        }
    });
    ch.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
}
