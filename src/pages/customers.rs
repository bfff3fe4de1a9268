//! The sandbox's customers.

use leptos::prelude::*;

use crate::components::empty_state::EmptyState;

/// Lists the customers of the simulated Stripe account.
#[component]
pub fn CustomersPage() -> impl IntoView {
    view! {
        <header class="page-header">
            <h1>"Customers"</h1>
        </header>
        <EmptyState
            title="No customers yet"
            text="Customers of your sandbox account appear here. Creating one fires customer.created, which can trigger your workflows."
        />
    }
}
