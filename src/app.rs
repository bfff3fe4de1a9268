//! `<App/>`: the Dashboard-like frame (sidebar + content) and the router.

use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;

use crate::components::sidebar::Sidebar;
use crate::pages::{
    customers::CustomersPage, event_generator::EventGeneratorPage, not_found::NotFound,
    outbox::OutboxPage, workbench::WorkbenchPage, workflows::WorkflowsPage,
};

/// The whole application.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <div class="shell">
                <Sidebar />
                <main class="content">
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=|| view! { <Redirect path="/workflows" /> } />
                        <Route path=path!("/workflows") view=WorkflowsPage />
                        <Route path=path!("/customers") view=CustomersPage />
                        <Route path=path!("/event-generator") view=EventGeneratorPage />
                        <Route path=path!("/workbench") view=WorkbenchPage />
                        <Route path=path!("/outbox") view=OutboxPage />
                    </Routes>
                </main>
            </div>
        </Router>
    }
}
