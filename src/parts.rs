//! The pages that load lazily, and how their code is fetched.
//!
//! Every page but the Workflows list (the first screen) is in one of three parts: the
//! editor; a workflow's history (runs, replay, versions, comparisons); the sandbox
//! (Workbench, Event generator, customers, Outbox). In the release build (the `split`
//! feature, which index.html asks Trunk for) each part's code is a WebAssembly chunk of
//! its own, fetched the first time one of its pages opens (scripts/split.mjs cuts the
//! chunks after the link); grouping pages keeps that to a few files. Without the feature
//! (the browser tests, `cargo check`) every part is there from the start.
//!
//! The routes themselves are plain: each shows a [`PartPage`], which fetches its part in a
//! task of its own and draws the page once the part is in. The router never waits for a
//! part. (With the router's own lazy routes, a link followed while a part was still being
//! fetched could leave the content empty for good.) A part that cannot be fetched (no
//! network, a host that lost a file) is said, with **Try again**, instead of stopping the
//! app: the cut is made `fallible` (wasm_split_helpers, the crate Leptos's own `#[lazy]`
//! is built on).

use leptos::prelude::*;

use crate::pages::{
    compare::ComparePage, customer::CustomerPage, customers::CustomersPage,
    event_generator::EventGeneratorPage, outbox::OutboxPage, replay::ReplayPage, run::RunPage,
    run_compare::RunComparePage, versions::VersionPage, versions::VersionsPage,
    workbench::WorkbenchPage, workflow::WorkflowPage,
};
use crate::state::NotFetched;

/// A page in a part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    /// A workflow in the editor.
    Editor,
    /// A page of a workflow's history.
    History(HistoryPage),
    /// A page of the sandbox.
    Sandbox(SandboxPage),
}

/// A page of a workflow's history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistoryPage {
    Run,
    RunCompare,
    Replay,
    Versions,
    Version,
    Compare,
}

/// A page of the sandbox.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SandboxPage {
    Customers,
    Customer,
    EventGenerator,
    Workbench,
    Outbox,
}

/// The three parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Editor,
    History,
    Sandbox,
}

impl Page {
    fn part(self) -> Part {
        match self {
            Page::Editor => Part::Editor,
            Page::History(_) => Part::History,
            Page::Sandbox(_) => Part::Sandbox,
        }
    }

    /// Draws the page, from its part's code; `None` when that code is not there yet.
    fn draw(self) -> Option<Result<AnyView, NotFetched>> {
        match self {
            Page::Editor => now(editor_part()),
            Page::History(page) => now(history_part(page)),
            Page::Sandbox(page) => now(sandbox_part(page)),
        }
    }
}

/// Where fetching a part's code stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fetch {
    NotAsked,
    Fetching,
    Done,
    Failed,
}

/// Where each part's fetch stands, for the whole app (a context).
#[derive(Clone, Copy)]
struct Parts {
    editor: RwSignal<Fetch>,
    history: RwSignal<Fetch>,
    sandbox: RwSignal<Fetch>,
}

impl Parts {
    fn new() -> Self {
        // Without the cut, every part is in the one module.
        let start = if cfg!(feature = "split") {
            Fetch::NotAsked
        } else {
            Fetch::Done
        };
        Self {
            editor: RwSignal::new(start),
            history: RwSignal::new(start),
            sandbox: RwSignal::new(start),
        }
    }

    fn of(self, part: Part) -> RwSignal<Fetch> {
        match part {
            Part::Editor => self.editor,
            Part::History => self.history,
            Part::Sandbox => self.sandbox,
        }
    }

    /// Fetches `part` again, after a failure.
    fn retry(self, part: Part) {
        self.of(part).set(Fetch::NotAsked);
        self.fetch(part);
    }

    /// Starts fetching `part` unless it is in or on its way. The task belongs to no page,
    /// so leaving the page (or following a link) never cancels it half-way.
    fn fetch(self, part: Part) {
        let status = self.of(part);
        if matches!(status.get_untracked(), Fetch::Fetching | Fetch::Done) {
            return;
        }
        status.set(Fetch::Fetching);
        leptos::task::spawn_local(async move {
            let fetched = load(part).await;
            status.set(if fetched.is_ok() {
                Fetch::Done
            } else {
                Fetch::Failed
            });
        });
    }
}

/// Makes the parts' fetch state available to [`PartPage`]; called once by the App.
pub fn provide_parts() {
    provide_context(Parts::new());
}

/// A route's view showing `page` (one closure type for every route, so the router's code
/// for a route's view is compiled once, not once per page).
pub fn part(page: Page) -> impl Fn() -> AnyView + Clone + Send + Sync + 'static {
    move || view! { <PartPage page=page /> }.into_any()
}

/// A page of a part: drawn once the part's code is in; until then a quiet "Loading the
/// page…" (shown only if it takes a moment, see `.part-loading`), or why it failed.
#[component]
fn PartPage(page: Page) -> impl IntoView {
    let parts = expect_context::<Parts>();
    let part = page.part();
    let status = parts.of(part);
    parts.fetch(part);
    move || match status.get() {
        // Once fetched, the call answers at once; were the code missing all the same, the
        // page says so rather than wait.
        Fetch::Done => page
            .draw()
            .and_then(Result::ok)
            .unwrap_or_else(|| not_fetched(parts, part)),
        Fetch::Failed => not_fetched(parts, part),
        Fetch::NotAsked | Fetch::Fetching => loading(),
    }
}

fn loading() -> AnyView {
    view! { <p class="part-loading muted" role="status">{tr!("Loading the page…")}</p> }.into_any()
}

fn not_fetched(parts: Parts, part: Part) -> AnyView {
    view! {
        <div class="notice" role="alert">
            {tr!("This page could not be loaded: its code could not be fetched. Check your connection, then try again. Your data is safe in this browser.")}
            " "
            <button type="button" class="button button--small" on:click=move |_| parts.retry(part)>
                {tr!("Try again")}
            </button>
        </div>
    }
    .into_any()
}

/// The answer of a part's function, if it has one at once. With the cut, each is an
/// `async` wrapper that first makes sure its chunk is in; once [`load`] said it is, the
/// first poll answers.
#[cfg(feature = "split")]
fn now<T>(answer: impl std::future::Future<Output = T>) -> Option<T> {
    futures::FutureExt::now_or_never(answer)
}

/// Without the cut, a part's function answers directly.
#[cfg(not(feature = "split"))]
fn now<T>(answer: T) -> Option<T> {
    Some(answer)
}

/// Fetches `part`'s chunk (the functions `wasm_split` writes beside each part's).
#[cfg(feature = "split")]
async fn load(part: Part) -> Result<(), NotFetched> {
    match part {
        Part::Editor => load_editor_part().await,
        Part::History => load_history_part().await,
        Part::Sandbox => load_sandbox_part().await,
    }
}

/// Without the cut, every part is there.
#[cfg(not(feature = "split"))]
async fn load(_part: Part) -> Result<(), NotFetched> {
    Ok(())
}

#[cfg_attr(
    feature = "split",
    wasm_split_helpers::wasm_split(editor_part, fallible, preload(load_editor_part))
)]
fn editor_part() -> Result<AnyView, NotFetched> {
    Ok(view! { <WorkflowPage /> }.into_any())
}

#[cfg_attr(
    feature = "split",
    wasm_split_helpers::wasm_split(history_part, fallible, preload(load_history_part))
)]
fn history_part(page: HistoryPage) -> Result<AnyView, NotFetched> {
    Ok(match page {
        HistoryPage::Run => view! { <RunPage /> }.into_any(),
        HistoryPage::RunCompare => view! { <RunComparePage /> }.into_any(),
        HistoryPage::Replay => view! { <ReplayPage /> }.into_any(),
        HistoryPage::Versions => view! { <VersionsPage /> }.into_any(),
        HistoryPage::Version => view! { <VersionPage /> }.into_any(),
        HistoryPage::Compare => view! { <ComparePage /> }.into_any(),
    })
}

#[cfg_attr(
    feature = "split",
    wasm_split_helpers::wasm_split(sandbox_part, fallible, preload(load_sandbox_part))
)]
fn sandbox_part(page: SandboxPage) -> Result<AnyView, NotFetched> {
    Ok(match page {
        SandboxPage::Customers => view! { <CustomersPage /> }.into_any(),
        SandboxPage::Customer => view! { <CustomerPage /> }.into_any(),
        SandboxPage::EventGenerator => view! { <EventGeneratorPage /> }.into_any(),
        SandboxPage::Workbench => view! { <WorkbenchPage /> }.into_any(),
        SandboxPage::Outbox => view! { <OutboxPage /> }.into_any(),
    })
}
