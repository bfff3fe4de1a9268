//! The language in the browser: chosen at start-up (the stored choice, else the browser's
//! first language the app speaks, else English), shown on `<html lang>`, changed by
//! [`LanguageSwitch`] in the header and remembered in the preferences.

use leptos::prelude::*;

use super::{lang, set_current, Lang};
use crate::storage::Prefs;

/// The app's language signal; the app draws itself again when it changes.
#[derive(Clone, Copy)]
pub struct Language(pub RwSignal<Lang>);

/// The language to start in: the one stored, else the browser's, else English.
pub fn initial() -> Lang {
    if let Some(lang) = Prefs::load().lang.as_deref().and_then(Lang::from_tag) {
        return lang;
    }
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return Lang::default();
    };
    navigator
        .languages()
        .iter()
        .filter_map(|tag| tag.as_string())
        .chain(navigator.language())
        .find_map(|tag| Lang::from_tag(&tag))
        .unwrap_or_default()
}

/// Starts in [`initial`], sets `<html lang>` and provides [`Language`] to the app.
pub fn provide_language() -> RwSignal<Lang> {
    let start = initial();
    set_current(start);
    mark_document(start);
    let signal = RwSignal::new(start);
    provide_context(Language(signal));
    signal
}

/// Makes `lang` the interface's language, remembers it and redraws the app.
fn choose(lang: Lang, language: Option<Language>) {
    set_current(lang);
    mark_document(lang);
    Prefs::remember_lang(lang.code());
    if let Some(Language(signal)) = language {
        signal.set(lang);
    }
}

/// `<html lang>`, read by screen readers, spell checkers and the browser's translation.
fn mark_document(lang: Lang) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.code());
    }
}

/// The language picker of the header: each language by its own name.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let language = use_context::<Language>();
    let on_change = move |ev: leptos::ev::Event| {
        if let Some(picked) = Lang::from_tag(&event_target_value(&ev)) {
            choose(picked, language);
        }
    };
    view! {
        <select class="language-switch" aria-label=crate::tr!("Language") on:change=on_change>
            {Lang::ALL
                .into_iter()
                .map(|l| {
                    view! {
                        <option value=l.code() lang=l.code() selected=l == lang()>
                            {l.name()}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
}
