//! `<App/>`: the Dashboard-like frame (sidebar + content) and the router, under the path
//! the app is served from ([`crate::base`]).

use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::base;
use crate::components::clock::Clock;
use crate::components::sidebar::Sidebar;
use crate::components::update_notice::UpdateNotice;
use crate::i18n::switch::provide_language;
use crate::offline;
use crate::pages::{
    compare::ComparePage,
    customer::CustomerPage,
    customers::CustomersPage,
    event_generator::EventGeneratorPage,
    not_found::NotFound,
    outbox::OutboxPage,
    replay::ReplayPage,
    run::RunPage,
    run_compare::RunComparePage,
    versions::{VersionPage, VersionsPage},
    workbench::WorkbenchPage,
    workflow::WorkflowPage,
    workflows::WorkflowsPage,
};
use crate::state::provide_app_state;
use crate::storage::{quota, Prefs};

/// The whole application.
#[component]
pub fn App() -> impl IntoView {
    let state = provide_app_state();
    let language = provide_language();
    let update_waiting = offline::register();
    // Once per start-up: ask the browser to keep the data when the disk runs low (its
    // answer is shown in the sidebar's storage footer).
    leptos::task::spawn_local(async {
        quota::keep().await;
    });
    // The whole frame is drawn again when the language changes: every string is looked up
    // as it is drawn, and the app state (above) stays as it is.
    move || {
        language.track();
        view! {
        <Router base=base::base()>
            <div class="shell">
                <Sidebar />
                <RememberPage />
                <main class="content">
                    <Clock />
                    <UpdateNotice waiting=update_waiting />
                    {move || (!state.ready.get()).then(|| view! {
                        <div class="notice notice--loading" role="status">{tr!("Loading your data… Changes are possible once it is loaded.")}</div>
                    })}
                    {move || state.notice.get().map(|n| view! { <div class="notice" role="alert">{n}</div> })}
                    {move || {
                        let waiting = state.waiting.get();
                        (waiting > 0).then(|| view! {
                            <div class="notice" role="status">
                                {trn!(waiting, "{n} saved event is waiting for its workflow runs to be saved", "{n} saved events are waiting for their workflow runs to be saved", n = waiting)}
                                ": " {tr!("Sandflow tries again by itself every 30 seconds and at the next start. Free some disk space if this stays.")}
                            </div>
                        })
                    }}
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=ReopenLastPage />
                        <Route path=path!("/workflows") view=WorkflowsPage />
                        <Route path=path!("/workflows/:id") view=WorkflowPage />
                        <Route path=path!("/workflows/:id/runs/:run_id") view=RunPage />
                        <Route path=path!("/workflows/:id/runs/:a/compare/:b") view=RunComparePage />
                        <Route path=path!("/workflows/:id/replay") view=ReplayPage />
                        <Route path=path!("/workflows/:id/versions") view=VersionsPage />
                        <Route path=path!("/workflows/:id/versions/:n") view=VersionPage />
                        <Route path=path!("/workflows/:id/compare/:a/:b") view=ComparePage />
                        <Route path=path!("/customers") view=CustomersPage />
                        <Route path=path!("/customers/:id") view=CustomerPage />
                        <Route path=path!("/event-generator") view=EventGeneratorPage />
                        <Route path=path!("/workbench") view=WorkbenchPage />
                        <Route path=path!("/outbox") view=OutboxPage />
                    </Routes>
                </main>
            </div>
        </Router>
        }
    }
}

/// Opens the page visited last in this browser (Workflows the first time).
#[component]
fn ReopenLastPage() -> impl IntoView {
    let path = Prefs::load()
        .last_page
        .unwrap_or_else(|| "/workflows".to_owned());
    view! { <Redirect path=path /> }
}

/// Remembers the current page in the preferences as the person moves around (as an app
/// path, without the base, which the redirect adds again).
#[component]
fn RememberPage() -> impl IntoView {
    let location = use_location();
    Effect::new(move || Prefs::remember_page(base::app_path(&location.pathname.get())));
}
