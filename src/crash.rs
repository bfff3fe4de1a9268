//! What a person sees when the app crashes (a Rust panic): a banner that says what
//! happened, that what is stored is safe, a **Reload** link, and the error text to copy
//! into a bug report.
//!
//! After a panic the app cannot go on (the release build aborts), so the banner is built
//! with the DOM directly, not with Leptos, and its **Reload** is a plain link to the page
//! itself, which works without any code running.

use std::panic::PanicHookInfo;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Installs the panic hook: the console message, then the banner.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show(info);
    }));
}

/// Writes the banner into the page (once: a second panic leaves the first banner).
fn show(info: &PanicHookInfo<'_>) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document.get_element_by_id("crash").is_some() {
        return;
    }
    let Some(body) = document.body() else {
        return;
    };
    let text = format!("Sandflow {}: {info}", env!("CARGO_PKG_VERSION"));
    let build = || -> Result<(), JsValue> {
        let banner = document.create_element("div")?;
        banner.set_id("crash");
        banner.set_class_name("crash");
        banner.set_attribute("role", "alert")?;
        let title = document.create_element("h2")?;
        title.set_text_content(Some(tr!("Sandflow stopped because of an error")));
        let said = document.create_element("p")?;
        said.set_text_content(Some(tr!(
            "Everything already saved in this browser is safe: reload the page to go on. If it happens again, copy the error below into a bug report."
        )));
        let reload = document.create_element("a")?;
        reload.set_class_name("button button--primary");
        let href = web_sys::window()
            .and_then(|w| w.location().href().ok())
            .unwrap_or_else(|| "/".to_owned());
        reload.set_attribute("href", &href)?;
        reload.set_text_content(Some(tr!("Reload")));
        let details = document.create_element("textarea")?;
        details.set_class_name("crash__text");
        details.set_attribute("readonly", "")?;
        details.set_attribute("aria-label", tr!("Error text"))?;
        details.set_attribute("rows", "4")?;
        details.set_text_content(Some(&text));
        let copy = document.create_element("button")?;
        copy.set_attribute("type", "button")?;
        copy.set_class_name("button");
        copy.set_text_content(Some(tr!("Copy error text")));
        let copied = text.clone();
        let on_copy = Closure::<dyn FnMut()>::new(move || {
            if let Some(w) = web_sys::window() {
                let _ = w.navigator().clipboard().write_text(&copied);
            }
        });
        copy.add_event_listener_with_callback("click", on_copy.as_ref().unchecked_ref())?;
        // The banner stays until the page reloads.
        on_copy.forget();
        let actions = document.create_element("div")?;
        actions.set_class_name("crash__actions");
        actions.append_child(&reload)?;
        actions.append_child(&copy)?;
        for part in [&title, &said, &actions, &details] {
            banner.append_child(part)?;
        }
        body.prepend_with_node_1(&banner)?;
        Ok(())
    };
    let _ = build();
}
