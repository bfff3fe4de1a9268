//! The card a page shows while it has nothing to list.

use leptos::prelude::*;

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
    view! {
        <section class="empty-state">
            <h2>{title}</h2>
            <p>{text}</p>
            {children.map(|c| c())}
        </section>
    }
}
