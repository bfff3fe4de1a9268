//! `A`: the router's link, under the path the app is served from.
//!
//! leptos_router's `<A href="/workflows">` leaves an absolute path as it is, so under a
//! sub-path (`--public-url /any/sub/path/`) it would lead out of the app. This `A` takes
//! the same app paths and adds the base ([`crate::base::href`]); pages import it in place
//! of the router's.

use leptos::prelude::*;
use leptos_router::components::ToHref;
use leptos_router::components::A as RouterA;

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
