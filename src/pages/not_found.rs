//! The page for an address that matches no route.

use leptos::prelude::*;

use crate::components::link::A;

/// Says the page does not exist and offers the way back.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <header class="page-header">
            <h1>{tr!("Page not found")}</h1>
        </header>
        <p>{tr!("There is no page at this address.")} " " <A href="/workflows">{tr!("Back to Workflows")}</A></p>
    }
}
