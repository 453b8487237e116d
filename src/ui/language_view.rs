//! The interface language: English, Spanish, Italian or Simplified Chinese. It follows the
//! browser's preference on a first visit; the Language menu changes it at once and the choice
//! is kept in local storage. Numbers follow it too (`GridState::locale`).

use leptos::prelude::*;

use super::i18n::{td_string, use_i18n};
use super::{AppState, Message};
use crate::browser::storage;
use okr_core::locale::Locale;

/// Where the chosen language is kept (a BCP 47 tag).
pub const LANGUAGE_KEY: &str = okr_core::store::LANGUAGE_KEY;

/// The language's own name, as the menu shows it.
fn native_name(l: Locale) -> &'static str {
    match l {
        Locale::En => "English",
        Locale::Es => "Español",
        Locale::It => "Italiano",
        Locale::ZhHans => "中文（简体）",
    }
}

/// The saved choice, else the browser's preference.
pub(crate) fn initial_locale() -> Locale {
    storage::read(LANGUAGE_KEY)
        .ok()
        .flatten()
        .and_then(|tag| Locale::from_tag(&tag))
        .unwrap_or_else(crate::browser::language::locale)
}

/// Shows `l` everywhere: interface text, and numbers in the grid and forms.
pub fn apply(state: AppState, l: Locale) {
    // The untouched example plan shows in the chosen language too.
    let example = state
        .doc
        .with_untracked(|d| okr_core::example::untouched_example(d.plan()));
    if example.is_some_and(|shown| shown != l) {
        state.edit(|d, g| {
            g.cancel();
            let again = okr_core::example::example_like(d.plan(), l);
            d.reset(again);
        });
    }
    if state.grid.with_untracked(|g| g.locale != l) {
        state.grid.update(|g| g.locale = l);
        // Rows read the locale when the plan changes: show the numbers again now.
        state.doc.notify();
    }
}

thread_local! {
    /// The language chosen last: a slower catalogue that arrives after a later choice is
    /// not shown.
    static CHOSEN: std::cell::Cell<Option<Locale>> = const { std::cell::Cell::new(None) };
}

/// Switches to `l` once its texts are here (`i18n::load`), and keeps the choice. If they
/// cannot be fetched, the page stays in its language, the menu shows it again, and the
/// message bar says why.
fn switch(state: AppState, l: Locale, menu: web_sys::HtmlSelectElement) {
    CHOSEN.set(Some(l));
    leptos::task::spawn_local(async move {
        let loaded = super::i18n::load(l).await;
        if CHOSEN.get() != Some(l) {
            return;
        }
        match loaded {
            Ok(()) => {
                let _ = storage::write(LANGUAGE_KEY, l.tag());
                apply(state, l);
            }
            Err(why) => {
                menu.set_value(state.locale().tag());
                say_not_loaded(state, l, why);
            }
        }
    });
}

/// Says in the message bar that `wanted`'s texts could not be fetched (`why`).
pub(crate) fn say_not_loaded(state: AppState, wanted: Locale, why: String) {
    let language = native_name(wanted);
    let text = td_string!(state.locale(), language_not_loaded, language, why);
    state.message.set(Some(Message {
        text,
        undoable: false,
    }));
}

/// Keeps the page's `lang` (`<html lang>`: screen readers, fonts, hyphens) on the language
/// shown.
pub(crate) fn follow_in_page(state: AppState) {
    Effect::new(move |_| {
        let tag = state.language.get().tag();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", tag);
        }
    });
}

#[component]
pub(crate) fn LanguageSwitcher() -> impl IntoView {
    let state = expect_context::<AppState>();
    let current = state.language;
    let i18n = use_i18n();
    view! {
        <label class="language-switcher">
            <span class="visually-hidden">{move || crate::ui::i18n::t_string!(i18n, language_label).to_string()}</span>
            <select
                data-testid="language-switcher"
                aria-label=move || crate::ui::i18n::t_string!(i18n, language_label).to_string()
                on:change=move |ev| {
                    if let Some(l) = Locale::from_tag(&event_target_value(&ev)) {
                        switch(state, l, event_target::<web_sys::HtmlSelectElement>(&ev));
                    }
                }
            >
                {Locale::ALL
                    .into_iter()
                    .map(|l| {
                        view! {
                            <option value=l.tag() lang=l.tag() prop:selected=move || current.get() == l>
                                {native_name(l)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
