//! A modal dialog: a titled card over a dimmed page, closed by Escape or its buttons.
//!
//! Focus moves into the dialog when it opens (its first field, else its first button, the
//! least destructive: Cancel, Stay), Tab and Shift+Tab stay inside it, and focus goes back
//! to where it was when the dialog closes.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use crate::components::focus::{after_render, focus_first, FOCUSABLE};

thread_local! {
    /// What had focus before each open dialog, the innermost last.
    static OPENERS: std::cell::RefCell<Vec<Option<HtmlElement>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A `role="dialog"` card; the children hold its text and buttons.
#[component]
pub fn Modal(
    /// The dialog's heading, which also names it for assistive technology.
    #[prop(into)]
    title: String,
    /// Called when the person dismisses it (Escape, or a click on the backdrop).
    on_close: Callback<()>,
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<html::Div>::new();
    // What had focus when the dialog opened, taken once it is drawn: by then a menu that
    // opened it has given focus back to its button.
    OPENERS.with(|o| o.borrow_mut().push(None));
    after_render(move || {
        let opener = document()
            .active_element()
            .and_then(|e| e.dyn_into::<HtmlElement>().ok());
        OPENERS.with(|o| {
            if let Some(last) = o.borrow_mut().last_mut() {
                *last = opener;
            }
        });
        if let Some(d) = dialog.try_get_untracked().flatten() {
            if !focus_first(&d, "input:not([disabled]), textarea, select") {
                focus_first(&d, "button");
            }
        }
    });
    let handle = window_event_listener(ev::keydown, move |e| {
        if e.key() == "Escape" {
            on_close.run(());
        } else if e.key() == "Tab" {
            trap_tab(dialog, &e);
        }
    });
    on_cleanup(move || {
        handle.remove();
        if let Some(opener) = OPENERS.with(|o| o.borrow_mut().pop()).flatten() {
            // The opener may have gone with what the dialog did (a deleted row).
            if opener.is_connected() {
                let _ = opener.focus();
            }
        }
    });
    view! {
        <div class="modal-backdrop" on:click=move |_| on_close.run(())>
            <div
                class="modal"
                node_ref=dialog
                role="dialog"
                aria-modal="true"
                aria-labelledby="modal-title"
                on:click=|e| e.stop_propagation()
            >
                <h2 id="modal-title">{title}</h2>
                {children()}
            </div>
        </div>
    }
}

/// Keeps Tab inside the dialog: past its last control to its first, and back.
fn trap_tab(dialog: NodeRef<html::Div>, e: &web_sys::KeyboardEvent) {
    let Some(d) = dialog.try_get_untracked().flatten() else {
        return;
    };
    let Ok(list) = d.query_selector_all(FOCUSABLE) else {
        return;
    };
    let all: Vec<HtmlElement> = (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<HtmlElement>().ok())
        .collect();
    let (Some(first), Some(last)) = (all.first(), all.last()) else {
        return;
    };
    let active = document().active_element();
    let inside = active.as_ref().is_some_and(|a| d.contains(Some(a)));
    let at = |el: &HtmlElement| active.as_ref().is_some_and(|a| el.is_same_node(Some(a)));
    if e.shift_key() && (at(first) || !inside) {
        e.prevent_default();
        let _ = last.focus();
    } else if !e.shift_key() && (at(last) || !inside) {
        e.prevent_default();
        let _ = first.focus();
    }
}
