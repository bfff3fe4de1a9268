//! The language in the browser: chosen at start-up (the stored choice, else the browser's
//! first language the app speaks, else English), shown on `<html lang>`, changed by
//! [`LanguageSwitch`] in the header and remembered in the preferences.
//!
//! English is built in. French is fetched the first time it is shown: the catalogs (event
//! types, actions, the engine's sentences and refusals) as `fr.json`, then the interface's
//! own strings as a lazily loaded part of the wasm; nothing is drawn in French before both
//! are there. If either cannot be fetched (no network and no offline copy yet), the app
//! stays in English and says why.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::catalog::{french_installed, install_french};
use super::{
    french_interface, french_interface_installed, install_french_interface, lang, set_current, Lang,
};
use crate::state::AppState;
use crate::storage::Prefs;

/// The French catalog's file beside the page, with a version taken from its contents
/// (build.rs), so that a browser's HTTP cache never hands a new build an older one. The
/// offline copy (sw.js) answers it whatever the version, from the same build.
const FRENCH_FILE: &str = concat!("fr.json?v=", env!("SANDFLOW_FR_VERSION"));

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

/// Starts in [`initial`], sets `<html lang>` and provides [`Language`] to the app. The
/// second signal is false while the start language's texts are still being fetched: the
/// app draws nothing until then.
pub fn provide_language() -> (RwSignal<Lang>, ReadSignal<bool>) {
    let start = initial();
    let ready = texts_present(start);
    // Until the start language's texts are there, the interface speaks English (nothing is
    // drawn meanwhile, but a notice may be worded).
    let shown = if ready { start } else { Lang::En };
    set_current(shown);
    mark_document(shown);
    let signal = RwSignal::new(shown);
    let (drawable, set_drawable) = leptos::prelude::signal(ready);
    provide_context(Language(signal));
    // Only a visit that waits for its texts sets these signals once drawn: each set draws
    // the whole app again, which an English visit has no reason to do at start-up.
    if !ready {
        let app = use_context::<AppState>();
        leptos::task::spawn_local(async move {
            if has_texts(start).await {
                show(start, signal, false);
            } else {
                warn_french_missing(app);
            }
            set_drawable.set(true);
        });
    }
    (signal, drawable)
}

/// Whether `lang`'s texts are there, fetching them the first time: for French, the
/// catalogs (`fr.json`), then the interface's strings (a lazily loaded part of the wasm).
/// Either failing is said by the caller and leaves English.
async fn has_texts(lang: Lang) -> bool {
    if texts_present(lang) {
        return true;
    }
    if !(french_installed() || fetch_french().await.is_ok()) {
        return false;
    }
    if !french_interface_installed() {
        // With the cut, the part's fetch comes first; without it, the texts are there.
        #[cfg(feature = "split")]
        let interface = french_interface().await;
        #[cfg(not(feature = "split"))]
        let interface = french_interface();
        match interface {
            Ok(texts) => install_french_interface(texts),
            Err(_) => return false,
        }
    }
    true
}

/// Whether `lang`'s texts are there already (English always is).
fn texts_present(lang: Lang) -> bool {
    match lang {
        Lang::En => true,
        Lang::Fr => french_installed() && french_interface_installed(),
    }
}

/// Fetches and takes `fr.json`; what went wrong, if it did.
async fn fetch_french() -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let why = |e: wasm_bindgen::JsValue| e.as_string().unwrap_or_else(|| format!("{e:?}"));
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(FRENCH_FILE))
        .await
        .map_err(why)?
        .dyn_into()
        .map_err(why)?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(why)?)
        .await
        .map_err(why)?
        .as_string()
        .ok_or("not text")?;
    install_french(text).map_err(|e| e.to_string())
}

/// Said when the French texts cannot be fetched, in both languages: the page stays in
/// English for someone who asked for French.
const FRENCH_MISSING: &str = "Le français n’a pas pu être chargé (pas de réseau\u{a0}?)\u{a0}: l’anglais est affiché. Réessayez une fois en ligne. · French could not be loaded (no network?): English is shown. Try again once online.";

fn warn_french_missing(app: Option<AppState>) {
    if let Some(app) = app {
        app.notice.set(Some(FRENCH_MISSING.to_owned()));
    }
}

/// Makes `lang` the interface's language and redraws the app; `remember` stores it.
fn show(lang: Lang, signal: RwSignal<Lang>, remember: bool) {
    set_current(lang);
    mark_document(lang);
    if remember {
        Prefs::remember_lang(lang.code());
    }
    signal.set(lang);
}

/// Makes `lang` the interface's language once its texts are there, remembers it and
/// redraws the app; if they cannot be fetched, nothing changes but the notice.
fn choose(lang: Lang, language: Option<Language>) {
    let Some(Language(signal)) = language else {
        return;
    };
    let app = use_context::<AppState>();
    leptos::task::spawn_local(async move {
        if has_texts(lang).await {
            show(lang, signal, true);
            // An earlier failure's notice is over.
            if let Some(app) = app {
                if app
                    .notice
                    .with_untracked(|n| n.as_deref() == Some(FRENCH_MISSING))
                {
                    app.notice.set(None);
                }
            }
        } else {
            // Drawn again, the switch shows the language still shown.
            signal.set(super::lang());
            warn_french_missing(app);
        }
    });
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
