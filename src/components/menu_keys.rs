//! The keys of a WAI-ARIA menu (`role="menu"` holding `role="menuitem"`s): the first item
//! has focus when the menu opens; ArrowDown and ArrowUp move through the items (wrapping),
//! Home and End go to the first and last; Escape closes the menu and gives focus back to
//! the button that opened it; Tab closes it and moves on as usual.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};

fn items(menu: &Element) -> Vec<HtmlElement> {
    let Ok(list) = menu.query_selector_all("[role=\"menuitem\"]") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<HtmlElement>().ok())
        .collect()
}

/// Focuses the menu's first item.
pub fn focus_first_item(menu: &Element) {
    if let Some(first) = items(menu).first() {
        let _ = first.focus();
    }
}

/// Handles a key pressed inside the menu; `close` closes it (`true`: focus goes back to
/// the menu's button, as after Escape).
pub fn menu_keydown(ev: &KeyboardEvent, menu: &Element, close: impl Fn(bool)) {
    let items = items(menu);
    if items.is_empty() {
        return;
    }
    let active = leptos::prelude::document().active_element();
    let at = active.and_then(|a| items.iter().position(|i| i.is_same_node(Some(&a))));
    let last = items.len() - 1;
    let next = match ev.key().as_str() {
        "ArrowDown" => Some(at.map_or(0, |i| if i == last { 0 } else { i + 1 })),
        "ArrowUp" => Some(at.map_or(last, |i| if i == 0 { last } else { i - 1 })),
        "Home" => Some(0),
        "End" => Some(last),
        "Escape" => {
            ev.prevent_default();
            close(true);
            return;
        }
        "Tab" => {
            close(false);
            return;
        }
        _ => None,
    };
    if let Some(n) = next {
        ev.prevent_default();
        let _ = items[n].focus();
    }
}
