//! The card a page shows while it has nothing to list.
//!
//! Nothing is empty before start-up has read what is stored: until then the card is not
//! drawn (the page's "Loading your data…" says why the list is bare), so a large account
//! never flashes "No customers yet".

use leptos::prelude::*;

use crate::state::AppState;

/// A titled explanation of what would appear here and how to get it.
#[component]
pub fn EmptyState(
    /// The headline, e.g. "No workflows yet".
    #[prop(into)]
    title: String,
    /// One or two sentences on what the page is for and what to do.
    #[prop(into)]
    text: String,
    /// Optional actions under the text.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    // Without the app's state (a component mounted alone) there is nothing to wait for.
    let ready = use_context::<AppState>().map(|state| state.ready);
    let shown = move || ready.is_none_or(|r| r.get());
    view! {
        <section class="empty-state" hidden=move || !shown()>
            <h2>{title}</h2>
            <p>{text}</p>
            {children.map(|c| c())}
        </section>
    }
}
