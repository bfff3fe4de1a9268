//! Where keyboard focus goes when the page changes under it.
//!
//! Leptos replaces the elements a change redraws, and a focused element that leaves the
//! page leaves focus on `<body>`: the next Tab starts again from the top. These helpers
//! move focus where the person's next action is once the new elements are drawn, and put
//! it back on the element that stands where the focused one stood.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// What a person can focus with Tab (or that a page focuses on purpose).
pub const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([disabled]), \
    select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex=\"-1\"])";

/// Runs `f` once the browser has drawn what the current change renders.
pub fn after_render(f: impl FnOnce() + 'static) {
    request_animation_frame(f);
}

/// Runs `f`, which moves focus, once the browser has drawn the current change, unless the
/// person has put focus somewhere else in the meantime: a focus move that lands a frame
/// late must not take focus from where the person already went.
pub fn refocus_after_render(f: impl FnOnce() + 'static) {
    let before = document().active_element();
    request_animation_frame(move || {
        let now = document().active_element();
        let unmoved = match (&before, &now) {
            (Some(b), Some(n)) => b.is_same_node(Some(n)),
            (None, None) => true,
            _ => false,
        };
        if unmoved || focus_lost() {
            f();
        }
    });
}

/// Focuses the first element under `root` that matches `selector`; `true` when one did.
pub fn focus_first(root: &Element, selector: &str) -> bool {
    let found = root
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    match found {
        Some(el) => {
            let _ = el.focus();
            true
        }
        None => false,
    }
}

/// Focuses the first element of the page that matches `selector`, once drawn.
pub fn focus_soon(selector: &'static str) {
    refocus_after_render(move || {
        if let Some(body) = document().body() {
            focus_first(&body, selector);
        }
    });
}

/// Whether focus has fallen out of the page (on `<body>`, or on an element removed).
pub fn focus_lost() -> bool {
    match document().active_element() {
        None => true,
        Some(active) => {
            !active.is_connected()
                || document()
                    .body()
                    .is_some_and(|b| b.is_same_node(Some(&active)))
        }
    }
}

/// How an element is told apart from the others under a root: its tag, its name for
/// assistive technology (or its text), and its rank among those alike.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FocusKey {
    name: String,
    rank: usize,
}

fn name_of(el: &Element) -> String {
    let label = el
        .get_attribute("aria-label")
        .or_else(|| {
            el.dyn_ref::<web_sys::HtmlInputElement>()
                .and_then(|i| i.labels())
                .and_then(|l| l.item(0))
                .and_then(|l| l.text_content())
        })
        .or_else(|| el.text_content())
        .unwrap_or_default();
    format!("{}|{}", el.tag_name(), label.trim())
}

fn focusables(root: &Element) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(FOCUSABLE) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

/// The key of `el` under `root`.
pub fn key_of(root: &Element, el: &Element) -> Option<FocusKey> {
    if !root.contains(Some(el)) {
        return None;
    }
    let name = name_of(el);
    let rank = focusables(root)
        .iter()
        .take_while(|e| !e.is_same_node(Some(el)))
        .filter(|e| name_of(e) == name)
        .count();
    Some(FocusKey { name, rank })
}

/// Focuses the element of `root` with this key (or the last one of that name); `true`
/// when there was one.
pub fn restore(root: &Element, key: &FocusKey) -> bool {
    let alike: Vec<Element> = focusables(root)
        .into_iter()
        .filter(|e| name_of(e) == key.name)
        .collect();
    match alike.get(key.rank).or(alike.last()) {
        Some(el) => el
            .dyn_ref::<HtmlElement>()
            .map(|el| el.focus().is_ok())
            .unwrap_or(false),
        None => false,
    }
}
