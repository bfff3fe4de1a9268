//! Workbench: the developer log of events and API requests.

use leptos::prelude::*;

use crate::components::empty_state::EmptyState;

/// Shows the sandbox's events and request logs as JSON.
#[component]
pub fn WorkbenchPage() -> impl IntoView {
    view! {
        <header class="page-header">
            <h1>"Workbench"</h1>
        </header>
        <EmptyState
            title="No events or requests yet"
            text="Every event of the sandbox and every API request a workflow makes is logged here, with its full JSON."
        />
    }
}
