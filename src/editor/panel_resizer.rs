//! The handle between the flow and the configuration panel. Drag it, or focus it and use
//! the arrow keys, to make the panel wider or narrower; the width is remembered in this
//! browser's preferences.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::storage::Prefs;

/// The narrowest the panel gets, in pixels.
pub const MIN_WIDTH: u32 = 320;
/// The widest.
pub const MAX_WIDTH: u32 = 720;
/// Its width until someone changes it.
pub const DEFAULT_WIDTH: u32 = 400;
/// What one arrow key press changes.
const KEY_STEP: u32 = 16;

/// The panel width this browser remembers, within the limits.
pub fn remembered_width() -> u32 {
    Prefs::load()
        .panel_width
        .unwrap_or(DEFAULT_WIDTH)
        .clamp(MIN_WIDTH, MAX_WIDTH)
}

/// A vertical separator that sets `width`.
#[component]
pub fn PanelResizer(
    /// The panel's width in pixels, which dragging or the arrow keys change.
    width: RwSignal<u32>,
) -> impl IntoView {
    // Where a drag started: the pointer's x and the width then.
    let drag = StoredValue::new(None::<(i32, u32)>);
    let set = move |w: i64| width.set(w.clamp(MIN_WIDTH.into(), MAX_WIDTH.into()) as u32);
    let remember = move || Prefs::remember_panel_width(width.get_untracked());

    let down = move |e: ev::PointerEvent| {
        if let Some(el) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            let _ = el.set_pointer_capture(e.pointer_id());
        }
        drag.set_value(Some((e.client_x(), width.get_untracked())));
    };
    let moved = move |e: ev::PointerEvent| {
        if let Some((x, w)) = drag.get_value() {
            // The panel is on the right: moving left widens it.
            set(i64::from(w) + i64::from(x - e.client_x()));
        }
    };
    let up = move |_: ev::PointerEvent| {
        if drag.get_value().is_some() {
            drag.set_value(None);
            remember();
        }
    };
    let key = move |e: ev::KeyboardEvent| {
        let w = i64::from(width.get_untracked());
        let step = i64::from(KEY_STEP);
        let next = match e.key().as_str() {
            "ArrowLeft" => w + step,
            "ArrowRight" => w - step,
            "Home" => MIN_WIDTH.into(),
            "End" => MAX_WIDTH.into(),
            _ => return,
        };
        e.prevent_default();
        set(next);
        remember();
    };

    view! {
        <div
            class="panel-resizer"
            role="separator"
            tabindex="0"
            aria-orientation="vertical"
            aria-label=tr!("Configuration panel width")
            aria-valuemin=MIN_WIDTH
            aria-valuemax=MAX_WIDTH
            aria-valuenow=move || width.get()
            title=tr!("Drag, or use the arrow keys, to resize the panel")
            on:pointerdown=down
            on:pointermove=moved
            on:pointerup=up
            on:pointercancel=up
            on:keydown=key
        ></div>
    }
}
