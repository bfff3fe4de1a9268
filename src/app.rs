//! `<App/>`: the Dashboard-like frame (sidebar + content) and the router, under the path
//! the app is served from ([`crate::base`]).

use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::{path, Lazy, LazyRoute};

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

// Every page but the Workflows list (the first screen) loads lazily, in three parts: the
// editor; a workflow's history (runs, replay, versions, comparisons); the sandbox
// (Workbench, Event generator, customers, Outbox). In the release build (the `split`
// feature, which index.html asks Trunk for) each part's code is a WebAssembly chunk of
// its own, fetched the first time one of its pages opens (scripts/split.mjs cuts the
// chunks after the link); grouping pages keeps that to a few files. Without the feature
// (the browser tests, `cargo check`) the same routes run at once from the one module: the
// placeholders `#[lazy]` leaves for the cut would have nothing to resolve them.

/// A page of a workflow's history.
#[derive(Clone, Copy)]
enum HistoryPage {
    Run,
    RunCompare,
    Replay,
    Versions,
    Version,
    Compare,
}

/// A page of the sandbox.
#[derive(Clone, Copy)]
enum SandboxPage {
    Customers,
    Customer,
    EventGenerator,
    Workbench,
    Outbox,
}

#[cfg_attr(feature = "split", leptos::lazy)]
async fn editor_part() -> AnyView {
    view! { <WorkflowPage /> }.into_any()
}

#[cfg_attr(feature = "split", leptos::lazy)]
async fn history_part(page: HistoryPage) -> AnyView {
    match page {
        HistoryPage::Run => view! { <RunPage /> }.into_any(),
        HistoryPage::RunCompare => view! { <RunComparePage /> }.into_any(),
        HistoryPage::Replay => view! { <ReplayPage /> }.into_any(),
        HistoryPage::Versions => view! { <VersionsPage /> }.into_any(),
        HistoryPage::Version => view! { <VersionPage /> }.into_any(),
        HistoryPage::Compare => view! { <ComparePage /> }.into_any(),
    }
}

#[cfg_attr(feature = "split", leptos::lazy)]
async fn sandbox_part(page: SandboxPage) -> AnyView {
    match page {
        SandboxPage::Customers => view! { <CustomersPage /> }.into_any(),
        SandboxPage::Customer => view! { <CustomerPage /> }.into_any(),
        SandboxPage::EventGenerator => view! { <EventGeneratorPage /> }.into_any(),
        SandboxPage::Workbench => view! { <WorkbenchPage /> }.into_any(),
        SandboxPage::Outbox => view! { <OutboxPage /> }.into_any(),
    }
}

/// One lazy route per page, each showing its page from its part.
macro_rules! lazy_routes {
    ($($route:ident => $part:expr,)*) => {$(
        struct $route;

        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }
            async fn view(_this: Self) -> AnyView {
                $part.await
            }
        }
    )*};
}

lazy_routes! {
    EditorRoute => editor_part(),
    RunRoute => history_part(HistoryPage::Run),
    RunCompareRoute => history_part(HistoryPage::RunCompare),
    ReplayRoute => history_part(HistoryPage::Replay),
    VersionsRoute => history_part(HistoryPage::Versions),
    VersionRoute => history_part(HistoryPage::Version),
    CompareRoute => history_part(HistoryPage::Compare),
    CustomersRoute => sandbox_part(SandboxPage::Customers),
    CustomerRoute => sandbox_part(SandboxPage::Customer),
    EventGeneratorRoute => sandbox_part(SandboxPage::EventGenerator),
    WorkbenchRoute => sandbox_part(SandboxPage::Workbench),
    OutboxRoute => sandbox_part(SandboxPage::Outbox),
}

/// The whole application.
#[component]
pub fn App() -> impl IntoView {
    let state = provide_app_state();
    let (language, drawable) = provide_language();
    let update_waiting = offline::register();
    // Once per start-up: ask the browser to keep the data when the disk runs low (its
    // answer is shown in the sidebar's storage footer).
    leptos::task::spawn_local(async {
        quota::keep().await;
    });
    ignore_links_to_this_page();
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
                        <Route path=path!("/workflows/:id") view={Lazy::<EditorRoute>::new()} />
                        <Route path=path!("/workflows/:id/runs/:run_id") view={Lazy::<RunRoute>::new()} />
                        <Route path=path!("/workflows/:id/runs/:a/compare/:b") view={Lazy::<RunCompareRoute>::new()} />
                        <Route path=path!("/workflows/:id/replay") view={Lazy::<ReplayRoute>::new()} />
                        <Route path=path!("/workflows/:id/versions") view={Lazy::<VersionsRoute>::new()} />
                        <Route path=path!("/workflows/:id/versions/:n") view={Lazy::<VersionRoute>::new()} />
                        <Route path=path!("/workflows/:id/compare/:a/:b") view={Lazy::<CompareRoute>::new()} />
                        <Route path=path!("/customers") view={Lazy::<CustomersRoute>::new()} />
                        <Route path=path!("/customers/:id") view={Lazy::<CustomerRoute>::new()} />
                        <Route path=path!("/event-generator") view={Lazy::<EventGeneratorRoute>::new()} />
                        <Route path=path!("/workbench") view={Lazy::<WorkbenchRoute>::new()} />
                        <Route path=path!("/outbox") view={Lazy::<OutboxRoute>::new()} />
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

/// A plain click on a link to the page already open does nothing, as before the wasm was
/// cut in parts. Following it again would start the page's route again, and while the
/// page's part is still being fetched (a deep link just opened, then its sidebar link
/// clicked) the router dropped the pending page and left the content empty.
fn ignore_links_to_this_page() {
    crate::components::link::on_link_click(|ev, link| {
        if ev.default_prevented() || ev.alt_key() || !link.target().is_empty() {
            return;
        }
        if window()
            .location()
            .href()
            .is_ok_and(|here| link.href() == here)
        {
            ev.prevent_default();
        }
    });
}
