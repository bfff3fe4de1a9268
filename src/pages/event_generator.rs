//! The Event generator.

use leptos::prelude::*;

use crate::components::empty_state::EmptyState;

/// Sends sandbox events to the workflows.
#[component]
pub fn EventGeneratorPage() -> impl IntoView {
    view! {
        <header class="page-header">
            <h1>"Event generator"</h1>
        </header>
        <EmptyState
            title="No events sent yet"
            text="Fire any Stripe event type with realistic sandbox data, one at a time or in bulk, to test your workflows without typing."
        />
    }
}
