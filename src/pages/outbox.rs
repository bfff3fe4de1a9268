//! Outbox: emails sent by workflows.

use leptos::prelude::*;

use crate::components::empty_state::EmptyState;

/// Lists the emails that "Email a team member" steps sent.
#[component]
pub fn OutboxPage() -> impl IntoView {
    view! {
        <header class="page-header">
            <h1>"Outbox"</h1>
        </header>
        <EmptyState
            title="No emails yet"
            text="Emails that \"Email a team member\" steps send are kept here instead of leaving the sandbox."
        />
    }
}
