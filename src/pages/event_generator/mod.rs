//! The Event generator: fires any of the catalog's event types with realistic sandbox data,
//! one at a time with optional field overrides ([`single`]) or in bulk ([`bulk`]), and
//! shows what ran. The event type is picked on the left and lives in the address
//! (`/event-generator?type=customer.created`).
//!
//! Generating is the sandbox's work (`generate_event`, `generate_bulk` with `BulkOptions`),
//! delivering the state's (`AppState::generate`, `AppState::send_bulk`, which cuts a bulk
//! send into batches with pauses for the browser); this page asks and shows the progress.

mod bulk;
mod single;

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use sandflow_engine::sandbox::event_type;

use crate::components::empty_state::EmptyState;
use crate::components::event_type_picker::EventTypePicker;
use crate::components::import_events::ImportEvents;
use crate::state::{Bulk, Sent};
use bulk::BulkSend;
use single::{SentReport, SingleSend};

/// Sends sandbox events to the workflows.
#[component]
pub fn EventGeneratorPage() -> impl IntoView {
    let query = use_query_map();
    let navigate = use_navigate();
    let kind = Memo::new(move |_| query.read().get("type").filter(|k| event_type(k).is_some()));
    let sent = RwSignal::new(None::<Result<Sent, String>>);
    let bulk = RwSignal::new(None::<Bulk>);
    let bulk_running = Signal::derive(move || bulk.with(|b| b.as_ref().is_some_and(|b| b.running)));

    let on_pick = Callback::new(move |k: String| {
        sent.set(None);
        navigate(&format!("/event-generator?type={k}"), Default::default());
    });

    view! {
        <header class="page-header">
            <h1>{tr!("Event generator")}</h1>
        </header>
        <div class="generator">
            <section class="card generator__picker" aria-label=tr!("Event types")>
                <h2>{tr!("Event type")}</h2>
                <EventTypePicker selected=kind on_pick=on_pick />
            </section>
            <div class="generator__main">
                <SingleSend kind=kind sent=sent bulk_running=bulk_running />
                {move || match sent.get() {
                    None if bulk.with(Option::is_none) => Some(view! {
                        <EmptyState
                            title=tr!("No events sent yet")
                            text=tr!("Fire any Stripe event type with realistic sandbox data, one at a time or in bulk, to test your workflows without typing.")
                        />
                    }.into_any()),
                    None => None,
                    Some(Err(e)) => Some(view! { <p class="callout callout--danger" role="alert">{e}</p> }.into_any()),
                    Some(Ok(s)) => Some(view! { <SentReport sent=s /> }.into_any()),
                }}
                <BulkSend kind=kind bulk=bulk />
                <section class="card" aria-label=tr!("Events from Stripe")>
                    <h2>{tr!("Events from Stripe")}</h2>
                    <p class="muted">{tr!("Events that happened in a Stripe account, as `stripe events list`, `stripe events retrieve` or `stripe listen --format JSON` give them.")}</p>
                    <ImportEvents add_hint=tr!("delivers them to the active workflows, like generated events, and keeps their objects in the sandbox") />
                </section>
            </div>
        </div>
    }
}
