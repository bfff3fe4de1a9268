//! The Event generator: fires any of the catalog's event types with realistic sandbox data,
//! one at a time (with optional field overrides) or in bulk, and shows what ran.
//!
//! Generating is the sandbox's work (`generate_event`, `generate_bulk` with `BulkOptions`),
//! delivering the state's (`AppState::generate`, `AppState::send_bulk`, which cuts a bulk
//! send into batches with pauses for the browser); this page asks and shows the progress.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use sandflow_engine::limits::MAX_BULK_EVENTS;
use sandflow_engine::sandbox::{event_type, event_types, BulkOptions};
use serde_json::{Map, Value};

use crate::components::empty_state::EmptyState;
use crate::components::event_type_picker::EventTypePicker;
use crate::components::link::A;
use crate::components::run_badge::RunBadge;
use crate::state::{use_app, Bulk, BulkRequest, Sent};

/// Window within which out-of-order delivery shuffles events.
const SHUFFLE_WINDOW: usize = 10;

/// One `path = value` override row.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Override {
    path: RwSignal<String>,
    value: RwSignal<String>,
}

/// Sends sandbox events to the workflows.
#[component]
pub fn EventGeneratorPage() -> impl IntoView {
    let state = use_app();
    let query = use_query_map();
    let navigate = use_navigate();
    let kind = Memo::new(move |_| query.read().get("type").filter(|k| event_type(k).is_some()));
    let overrides = RwSignal::new(Vec::<Override>::new());
    let sent = RwSignal::new(None::<Result<Sent, String>>);
    let sending = RwSignal::new(false);
    let count = RwSignal::new("500".to_owned());
    let duplicates = RwSignal::new(false);
    let out_of_order = RwSignal::new(false);
    let bulk = RwSignal::new(None::<Bulk>);
    let bulk_error = RwSignal::new(None::<String>);
    let stop = RwSignal::new(false);
    // Types a bulk send mixes in with the chosen one, taken in turn.
    let also = RwSignal::new(Vec::<String>::new());
    let also_text = RwSignal::new(String::new());
    let also_error = RwSignal::new(None::<String>);
    let add_also = move || {
        let text = also_text.get_untracked().trim().to_owned();
        if text.is_empty() {
            return;
        }
        match event_type(&text) {
            None => also_error.set(Some(format!(
                "There is no event type \"{text}\": pick one from the list, such as invoice.paid."
            ))),
            Some(spec)
                if Some(spec.kind) == kind.get_untracked().as_deref()
                    || also.with_untracked(|a| a.iter().any(|k| k == spec.kind)) =>
            {
                also_error.set(Some(format!("{} is already in the send.", spec.kind)))
            }
            Some(spec) => {
                also.update(|a| a.push(spec.kind.to_owned()));
                also_text.set(String::new());
                also_error.set(None);
            }
        }
    };

    let on_pick = Callback::new(move |k: String| {
        sent.set(None);
        navigate(&format!("/event-generator?type={k}"), Default::default());
    });

    let send = move |_| {
        let Some(kind) = kind.get_untracked() else {
            return;
        };
        let fields: Map<String, Value> = overrides
            .get_untracked()
            .iter()
            .filter_map(|o| {
                let path = o.path.get_untracked().trim().to_owned();
                (!path.is_empty()).then(|| (path, typed(&o.value.get_untracked())))
            })
            .collect();
        sending.set(true);
        spawn_local(async move {
            let result = state.generate(kind, fields).await;
            sending.try_set(false);
            sent.try_set(Some(result.map_err(|e| e.to_string())));
        });
    };

    let send_bulk = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(kind) = kind.get_untracked() else {
            return;
        };
        let total = match count.get_untracked().trim().parse::<usize>() {
            Ok(n) if (1..=MAX_BULK_EVENTS).contains(&n) => n,
            _ => {
                bulk_error.set(Some(format!(
                    "Enter a number of events from 1 to {MAX_BULK_EVENTS}."
                )));
                return;
            }
        };
        bulk_error.set(None);
        stop.set(false);
        let kinds: Vec<String> = std::iter::once(kind.clone())
            .chain(also.get_untracked().into_iter().filter(|k| *k != kind))
            .collect();
        let request = BulkRequest {
            kinds,
            total,
            options: BulkOptions {
                count: 0,
                duplicate_percent: if duplicates.get_untracked() { 10 } else { 0 },
                shuffle_window: if out_of_order.get_untracked() {
                    SHUFFLE_WINDOW
                } else {
                    0
                },
            },
        };
        bulk.set(Some(Bulk {
            total,
            running: true,
            ..Bulk::default()
        }));
        spawn_local(async move {
            // Leaving the page disposes its signals: that stops the send too.
            let done = state
                .send_bulk(
                    request,
                    move |b| {
                        bulk.try_set(Some(b.clone()));
                    },
                    move || stop.try_get_untracked().unwrap_or(true),
                )
                .await;
            if let Some(e) = done.error {
                bulk_error.try_set(Some(e));
            }
        });
    };

    let running = move || bulk.with(|b| b.as_ref().is_some_and(|b| b.running));
    let spec = move || kind.get().and_then(|k| event_type(&k));

    view! {
        <header class="page-header">
            <h1>"Event generator"</h1>
        </header>
        <div class="generator">
            <section class="card generator__picker" aria-label="Event types">
                <h2>"Event type"</h2>
                <EventTypePicker selected=kind on_pick=on_pick />
            </section>
            <div class="generator__main">
                <section class="card" aria-labelledby="single-heading">
                    <h2 id="single-heading">{move || spec().map_or("Pick an event type", |s| s.label)}</h2>
                    {move || match spec() {
                        Some(s) => view! {
                            <p><code>{s.kind}</code> " · " <span class="muted">{s.description}</span></p>
                        }.into_any(),
                        None => view! {
                            <p class="muted">"Choose any of the 265 event types on the left: suggested ones first, or search or browse by category."</p>
                        }.into_any(),
                    }}
                    <fieldset class="fieldset" disabled=move || kind.with(Option::is_none)>
                        <legend>"Field overrides"</legend>
                        <p class="muted">"Set fields of the event's object by path, such as name or metadata.tier. Values that read as JSON (42, true, {\"a\": 1}) are sent as such, anything else as text."</p>
                        <For
                            each=move || overrides.get().into_iter().enumerate()
                            key=|(i, o)| (*i, o.path)
                            children=move |(i, o)| view! {
                                <div class="override-row">
                                    <label class="field field--inline">
                                        <span class="field__label">{format!("Field path {}", i + 1)}</span>
                                        <input type="text" placeholder="name" bind:value=o.path />
                                    </label>
                                    <label class="field field--inline">
                                        <span class="field__label">{format!("Value {}", i + 1)}</span>
                                        <input type="text" placeholder="Jean Dupont" bind:value=o.value />
                                    </label>
                                    <button
                                        type="button"
                                        class="button button--small"
                                        aria-label=format!("Remove override {}", i + 1)
                                        on:click=move |_| overrides.update(|all| all.retain(|x| x.path != o.path))
                                    >
                                        "Remove"
                                    </button>
                                </div>
                            }
                        />
                        <button
                            type="button"
                            class="button button--small"
                            on:click=move |_| overrides.update(|all| all.push(Override {
                                path: RwSignal::new(String::new()),
                                value: RwSignal::new(String::new()),
                            }))
                        >
                            "Add field override"
                        </button>
                    </fieldset>
                    <div class="form__actions">
                        <button
                            type="button"
                            class="button button--primary"
                            disabled=move || kind.with(Option::is_none) || running() || sending.get() || !state.ready.get()
                            on:click=send
                        >
                            {move || if state.ready.get() { "Send event" } else { "Loading…" }}
                        </button>
                    </div>
                </section>
                {move || match sent.get() {
                    None if bulk.with(Option::is_none) => Some(view! {
                        <EmptyState
                            title="No events sent yet"
                            text="Fire any Stripe event type with realistic sandbox data, one at a time or in bulk, to test your workflows without typing."
                        />
                    }.into_any()),
                    None => None,
                    Some(Err(e)) => Some(view! { <p class="callout callout--danger" role="alert">{e}</p> }.into_any()),
                    Some(Ok(s)) => Some(view! { <SentReport sent=s /> }.into_any()),
                }}
                <section class="card" aria-labelledby="bulk-heading">
                    <h2 id="bulk-heading">"Bulk send"</h2>
                    <p class="muted">"Generates many events of the chosen type (and of any types mixed in, in turn), with their side-effect events, and delivers them to the workflows as Stripe might."</p>
                    <form class="bulk" on:submit=send_bulk novalidate>
                        <label class="field field--inline">
                            <span class="field__label">"Number of events"</span>
                            <input type="number" min="1" max=MAX_BULK_EVENTS step="1" bind:value=count />
                        </label>
                        <div class="bulk__types">
                            <span class="field__label">"Event types"</span>
                            <ul class="bulk__chips" aria-label="Event types of the bulk send">
                                {move || kind.get().map(|k| view! { <li class="chip">{k}</li> })}
                                {move || also.get().into_iter().map(|k| {
                                    let label = format!("Remove {k}");
                                    let gone = k.clone();
                                    view! {
                                        <li class="chip">
                                            {k}
                                            <button
                                                type="button"
                                                class="chip__remove"
                                                aria-label=label
                                                on:click=move |_| also.update(|a| a.retain(|x| *x != gone))
                                            >
                                                "✕"
                                            </button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            <div class="bulk__add">
                                <label class="field field--inline">
                                    <span class="field__label">"Mix in another type"</span>
                                    <input
                                        type="text"
                                        list="bulk-event-types"
                                        placeholder="invoice.paid"
                                        bind:value=also_text
                                        on:keydown=move |ev| {
                                            if ev.key() == "Enter" {
                                                ev.prevent_default();
                                                add_also();
                                            }
                                        }
                                    />
                                </label>
                                <button type="button" class="button button--small" on:click=move |_| add_also()>"Add type"</button>
                            </div>
                            <datalist id="bulk-event-types">
                                {event_types().iter().map(|t| view! { <option value=t.kind>{t.label}</option> }).collect_view()}
                            </datalist>
                            {move || also_error.get().map(|e| view! { <p class="field__error" role="alert">{e}</p> })}
                        </div>
                        <label class="check">
                            <input type="checkbox" bind:checked=duplicates />
                            "Deliver some events twice (duplicates, about 1 in 10)"
                        </label>
                        <label class="check">
                            <input type="checkbox" bind:checked=out_of_order />
                            "Deliver out of order"
                        </label>
                        <div class="form__actions">
                            <Show
                                when=running
                                fallback=move || view! {
                                    <button type="submit" class="button button--primary" disabled=move || kind.with(Option::is_none) || !state.ready.get()>
                                        {move || if state.ready.get() { "Send in bulk" } else { "Loading…" }}
                                    </button>
                                }
                            >
                                <button type="button" class="button button--danger" on:click=move |_| stop.set(true)>"Stop"</button>
                            </Show>
                        </div>
                        {move || bulk_error.get().map(|e| view! { <p class="field__error" role="alert">{e}</p> })}
                    </form>
                    {move || bulk.get().map(|b| view! { <BulkReport bulk=b /> })}
                </section>
            </div>
        </div>
    }
}

/// The event just sent and the runs it started.
#[component]
fn SentReport(sent: Sent) -> impl IntoView {
    let state = use_app();
    let Sent { event, runs } = sent;
    let names = move |id: &str| state.workflow(id).map_or_else(|| id.to_owned(), |w| w.name);
    let heading = match runs.len() {
        0 => "No workflow ran".to_owned(),
        1 => "Triggered 1 run".to_owned(),
        n => format!("Triggered {n} runs"),
    };
    view! {
        <section class="card" aria-labelledby="sent-heading">
            <h2 id="sent-heading">"Event sent"</h2>
            <p>
                <code>{event.kind.clone()}</code> " " <code>{event.id.clone()}</code> " "
                <a class="button button--small" href=crate::base::href(&format!("/workbench?tab=events&id={}&kind={}&at={}", event.id, event.kind, event.created))>"Inspect in Workbench"</a>
            </p>
            <h3>{heading}</h3>
            {if runs.is_empty() {
                view! {
                    <p class="muted">"No active workflow listens to the events this sent, or their trigger conditions did not hold."</p>
                }.into_any()
            } else {
                view! {
                    <table class="table">
                        <thead><tr><th>"Workflow"</th><th>"Trigger event"</th><th>"Status"</th><th>"Run"</th></tr></thead>
                        <tbody>
                            {runs.into_iter().map(|r| {
                                let name = names(&r.workflow_id);
                                view! {
                                <tr>
                                    <td><A href=format!("/workflows/{}", r.workflow_id)>{name}</A></td>
                                    <td><code>{r.event.kind.clone()}</code></td>
                                    <td><RunBadge status=r.status /></td>
                                    <td><A href=format!("/workflows/{}/runs/{}", r.workflow_id, r.id)>{r.id.clone()}</A></td>
                                </tr>
                            }}).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

/// The progress bar and, once done, the summary of a bulk send.
#[component]
fn BulkReport(bulk: Bulk) -> impl IntoView {
    let state = if bulk.running {
        "Sending…"
    } else if bulk.stopped {
        "Stopped"
    } else {
        "Done"
    };
    view! {
        <div class="bulk-report">
            <label class="field">
                <span class="field__label">
                    {format!("{state} {} of {} events", bulk.generated, bulk.total)}
                </span>
                <progress max=bulk.total value=bulk.generated aria-label="Bulk send progress"></progress>
            </label>
            <dl class="summary" aria-label="Bulk send summary">
                <div><dt>"Events"</dt><dd>{bulk.generated}</dd></div>
                <div><dt>"Delivered"</dt><dd>{bulk.delivered}</dd></div>
                <div><dt>"Waiting"</dt><dd>{bulk.waiting}</dd></div>
                <div><dt>"Runs"</dt><dd>{bulk.runs}</dd></div>
                <div><dt>"Succeeded"</dt><dd>{bulk.succeeded}</dd></div>
                <div><dt>"Failed"</dt><dd>{bulk.failed}</dd></div>
                <div><dt>"Time taken"</dt><dd>{format!("{:.1} s", bulk.millis / 1000.0)}</dd></div>
            </dl>
            <p class="muted">"Delivered counts every event stored and given to the workflows, side-effect events and duplicates included; Runs counts the runs stored. Waiting counts events stored whose runs storage refused: they run again by themselves."</p>
        </div>
    }
}

/// A typed override value: JSON when it parses, text otherwise.
fn typed(text: &str) -> Value {
    serde_json::from_str(text.trim()).unwrap_or_else(|_| Value::String(text.to_owned()))
}
