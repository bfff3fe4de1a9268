//! Workbench: the developer log of the sandbox, as in Stripe's Workbench.
//!
//! Three tabs: **Events** (every event, filter by type, search by id), **Logs** (every API
//! request, filter by status and by run) and **Objects** (the account's customers,
//! invoices, subscriptions, disputes, ...). Each item opens as JSON. The tab and the
//! selected item live in the address (`/workbench?tab=events&id=evt_…`), so **Inspect in
//! Workbench** links land on the item and a reload keeps it.
//!
//! Events and logs list the sandbox's memory (its newest 5,000) first, then older ones read
//! from storage as the list is extended ([`AppState::older_events`](crate::state::AppState::older_events)).
//!
//! One file per tab ([`events`], [`logs`], [`objects`]); [`list`] is what their lists
//! share: the part read from storage past memory, the selected item's lookup, the footer.

mod events;
mod list;
mod logs;
mod objects;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use sandflow_engine::limits::MAX_ID_CHARS;

use crate::components::empty_state::EmptyState;
use crate::state::{use_app, Hint};
use events::EventsTab;
use logs::LogsTab;
use objects::ObjectsTab;

/// Rows a list shows before **Show more**.
pub(super) const PAGE: usize = 100;

/// The Workbench tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tab {
    Events,
    Logs,
    Objects,
}

impl Tab {
    const ALL: [Tab; 3] = [Tab::Events, Tab::Logs, Tab::Objects];

    fn parse(value: Option<&str>) -> Self {
        match value {
            Some("logs") => Tab::Logs,
            Some("objects") => Tab::Objects,
            _ => Tab::Events,
        }
    }

    fn key(self) -> &'static str {
        match self {
            Tab::Events => "events",
            Tab::Logs => "logs",
            Tab::Objects => "objects",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Tab::Events => tr!("Events"),
            Tab::Logs => tr!("Logs"),
            Tab::Objects => tr!("Objects"),
        }
    }
}

/// Shows the sandbox's events, request logs and objects as JSON.
#[component]
pub fn WorkbenchPage() -> impl IntoView {
    let state = use_app();
    let query = use_query_map();
    // Address parameters are looked up, never stored; one longer than any id finds nothing.
    let param = move |key: &str| query.read().get(key).filter(|v| v.len() <= MAX_ID_CHARS);
    let tab = Memo::new(move |_| Tab::parse(query.read().get("tab").as_deref()));
    let selected = Memo::new(move |_| param("id"));
    let run_filter = Memo::new(move |_| param("run"));
    let hint = Memo::new(move |_| hint_from(&query.read()));
    let object_type = Memo::new(move |_| param("type"));
    let is_empty = move || {
        state
            .sandbox
            .with(|sb| sb.events().next().is_none() && sb.logs().next().is_none())
    };

    view! {
        <header class="page-header">
            <h1>{tr!("Workbench")}</h1>
        </header>
        <div class="tabs" role="tablist" aria-label=tr!("Workbench")>
            {Tab::ALL.map(|t| view! {
                <a
                    role="tab"
                    class="tabs__tab"
                    href=crate::base::href(&format!("/workbench?tab={}", t.key()))
                    aria-selected=move || (tab.get() == t).to_string()
                >
                    {t.label()}
                </a>
            })}
        </div>
        <div class="tabpanel" role="tabpanel" aria-label=move || tab.get().label()>
            {move || match tab.get() {
                Tab::Events if is_empty() => view! {
                    <EmptyState
                        title=tr!("No events or requests yet")
                        text=tr!("Every event of the sandbox and every API request a workflow makes is logged here, with its full JSON. Create a customer or use the Event generator to see some.")
                    />
                }.into_any(),
                Tab::Events => view! { <EventsTab selected=selected hint=hint /> }.into_any(),
                Tab::Logs => view! { <LogsTab selected=selected run=run_filter hint=hint /> }.into_any(),
                Tab::Objects => view! { <ObjectsTab selected=selected object_type=object_type /> }.into_any(),
            }}
        </div>
    }
}

/// Where the address says the selected item may be stored (see [`Hint`]).
fn hint_from(query: &leptos_router::params::ParamsMap) -> Hint {
    Hint {
        record: query.get("in").filter(|v| v.len() <= MAX_ID_CHARS),
        kind: query.get("kind").filter(|v| v.len() <= MAX_ID_CHARS),
        at: query.get("at").and_then(|at| at.parse().ok()),
        run: query.get("run"),
    }
}
