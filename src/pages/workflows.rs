//! The Workflows list.

use leptos::prelude::*;

use crate::components::empty_state::EmptyState;

/// Lists the workflows of the sandbox.
#[component]
pub fn WorkflowsPage() -> impl IntoView {
    view! {
        <header class="page-header">
            <h1>"Workflows"</h1>
        </header>
        <EmptyState
            title="No workflows yet"
            text="A workflow runs steps automatically when a Stripe event happens in your sandbox: when this event happens, if these conditions hold, do these steps."
        />
    }
}
