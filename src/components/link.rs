//! `A`: the router's link, under the path the app is served from.
//!
//! leptos_router's `<A href="/workflows">` leaves an absolute path as it is, so under a
//! sub-path (`--public-url /any/sub/path/`) it would lead out of the app. This `A` takes
//! the same app paths and adds the base ([`crate::base::href`]); pages import it in place
//! of the router's.

use leptos::prelude::*;
use leptos_router::components::ToHref;
use leptos_router::components::A as RouterA;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;

use crate::base;

/// A link to an app path (`/workflows/wf_1`), static or reactive, marked
/// `aria-current="page"` while that page is shown.
#[component]
pub fn A<H>(
    /// The app path, as a route of `<App/>` spells it.
    href: H,
    /// The link's content.
    children: Children,
) -> impl IntoView
where
    H: ToHref + Send + Sync + 'static,
{
    view! { <RouterA href=move || base::href(&href.to_href()())>{children()}</RouterA> }
}

/// Calls `on_click` with each plain click on a link of the page (the left button, without
/// Ctrl, ⌘ or Shift, which open it elsewhere) and the link, for the app's whole life. It
/// listens in the capture phase, ahead of the router's own handler, which leaves alone a
/// click whose default `on_click` prevented.
pub fn on_link_click(
    on_click: impl Fn(&web_sys::MouseEvent, web_sys::HtmlAnchorElement) + 'static,
) {
    let listener = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
        if ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() {
            return;
        }
        let link = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href]").ok().flatten())
            .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok());
        if let Some(link) = link {
            on_click(&ev, link);
        }
    });
    let _ = document().add_event_listener_with_callback_and_bool(
        "click",
        listener.as_ref().unchecked_ref(),
        true,
    );
    listener.forget();
}
