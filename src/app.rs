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
use crate::pages::{not_found::NotFound, workflows::WorkflowsPage};
use crate::parts::{part, provide_parts, HistoryPage, Page, SandboxPage};
use crate::state::provide_app_state;
use crate::storage::{quota, Prefs};

/// The whole application.
#[component]
pub fn App() -> impl IntoView {
    let state = provide_app_state();
    provide_parts();
    let (language, drawable) = provide_language();
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
        // A French visit waits for its French texts (fetched, see i18n::switch) before drawing.
        if !drawable.get() {
            return ().into_any();
        }
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
                        <Route path=path!("/workflows/:id") view=part(Page::Editor) />
                        <Route path=path!("/workflows/:id/runs/:run_id") view=part(Page::History(HistoryPage::Run)) />
                        <Route path=path!("/workflows/:id/runs/:a/compare/:b") view=part(Page::History(HistoryPage::RunCompare)) />
                        <Route path=path!("/workflows/:id/replay") view=part(Page::History(HistoryPage::Replay)) />
                        <Route path=path!("/workflows/:id/versions") view=part(Page::History(HistoryPage::Versions)) />
                        <Route path=path!("/workflows/:id/versions/:n") view=part(Page::History(HistoryPage::Version)) />
                        <Route path=path!("/workflows/:id/compare/:a/:b") view=part(Page::History(HistoryPage::Compare)) />
                        <Route path=path!("/customers") view=part(Page::Sandbox(SandboxPage::Customers)) />
                        <Route path=path!("/customers/:id") view=part(Page::Sandbox(SandboxPage::Customer)) />
                        <Route path=path!("/event-generator") view=part(Page::Sandbox(SandboxPage::EventGenerator)) />
                        <Route path=path!("/workbench") view=part(Page::Sandbox(SandboxPage::Workbench)) />
                        <Route path=path!("/outbox") view=part(Page::Sandbox(SandboxPage::Outbox)) />
                    </Routes>
                </main>
            </div>
        </Router>
        }
        .into_any()
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
