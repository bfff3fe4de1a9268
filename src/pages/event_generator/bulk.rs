//! Bulk send: many events of the chosen type (and of any types mixed in, in turn, each
//! picked from the catalog), with duplicates and out-of-order delivery if asked, a
//! progress bar, **Stop**, and a summary.

use leptos::prelude::*;
use leptos::task::spawn_local;
use sandflow_engine::limits::MAX_BULK_EVENTS;
use sandflow_engine::sandbox::BulkOptions;

use crate::components::event_type_picker::EventTypePicker;
use crate::state::{use_app, Bulk, BulkRequest};

/// Window within which out-of-order delivery shuffles events.
const SHUFFLE_WINDOW: usize = 10;

/// The **Bulk send** card.
#[component]
pub(super) fn BulkSend(kind: Memo<Option<String>>, bulk: RwSignal<Option<Bulk>>) -> impl IntoView {
    let state = use_app();
    let count = RwSignal::new("500".to_owned());
    let duplicates = RwSignal::new(false);
    let out_of_order = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let stop = RwSignal::new(false);
    // Types a bulk send mixes in with the chosen one, taken in turn.
    let also = RwSignal::new(Vec::<String>::new());
    let adding = RwSignal::new(false);
    let running = move || bulk.with(|b| b.as_ref().is_some_and(|b| b.running));

    let mix_in = Callback::new(move |k: String| {
        adding.set(false);
        if kind.get_untracked().as_ref() != Some(&k) && also.with_untracked(|a| !a.contains(&k)) {
            also.update(|a| a.push(k));
        }
    });

    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(kind) = kind.get_untracked() else {
            return;
        };
        let total = match count.get_untracked().trim().parse::<usize>() {
            Ok(n) if (1..=MAX_BULK_EVENTS).contains(&n) => n,
            _ => {
                error.set(Some(trf!(
                    "Enter a number of events from 1 to {max}.",
                    max = MAX_BULK_EVENTS
                )));
                return;
            }
        };
        error.set(None);
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
                error.try_set(Some(e));
            }
        });
    };

    view! {
        <section class="card" aria-labelledby="bulk-heading">
            <h2 id="bulk-heading">{tr!("Bulk send")}</h2>
            <p class="muted">{tr!("Generates many events of the chosen type (and of any types mixed in, in turn), with their side-effect events, and delivers them to the workflows as Stripe might.")}</p>
            <form class="bulk" on:submit=send novalidate>
                <label class="field field--inline">
                    <span class="field__label">{tr!("Number of events")}</span>
                    <input type="number" min="1" max=MAX_BULK_EVENTS step="1" bind:value=count />
                </label>
                <div class="bulk__types">
                    <span class="field__label">{tr!("Event types")}</span>
                    <ul class="bulk__chips" aria-label=tr!("Event types of the bulk send")>
                        {move || kind.get().map(|k| view! { <li class="chip">{k}</li> })}
                        {move || also.get().into_iter().map(|k| {
                            let label = trf!("Remove {kind}", kind = k);
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
                        <button
                            type="button"
                            class="button button--small"
                            aria-expanded=move || adding.get().to_string()
                            on:click=move |_| adding.update(|a| *a = !*a)
                        >
                            {tr!("Add type")}
                        </button>
                        <Show when=move || adding.get()>
                            <div class="popover">
                                <EventTypePicker label=tr!("Mix in another type") on_pick=mix_in on_close=Callback::new(move |()| adding.set(false)) />
                            </div>
                        </Show>
                    </div>
                </div>
                <label class="check">
                    <input type="checkbox" bind:checked=duplicates />
                    {tr!("Deliver some events twice (duplicates, about 1 in 10)")}
                </label>
                <label class="check">
                    <input type="checkbox" bind:checked=out_of_order />
                    {tr!("Deliver out of order")}
                </label>
                <div class="form__actions">
                    <Show
                        when=running
                        fallback=move || view! {
                            <button type="submit" class="button button--primary" disabled=move || kind.with(Option::is_none) || !state.ready.get()>
                                {move || if state.ready.get() { {tr!("Send in bulk")} } else { {tr!("Loading…")} }}
                            </button>
                        }
                    >
                        <button type="button" class="button button--danger" on:click=move |_| stop.set(true)>{tr!("Stop")}</button>
                    </Show>
                </div>
                {move || error.get().map(|e| view! { <p class="field__error" role="alert">{e}</p> })}
            </form>
            {move || bulk.get().map(|b| view! { <BulkReport bulk=b /> })}
        </section>
    }
}

/// The progress bar and, once done, the summary of a bulk send.
#[component]
fn BulkReport(bulk: Bulk) -> impl IntoView {
    let state = if bulk.running {
        tr!("Sending…")
    } else if bulk.stopped {
        tr!("Stopped")
    } else {
        tr!("Done")
    };
    view! {
        <div class="bulk-report">
            <label class="field">
                <span class="field__label">
                    {trf!("{state} {done} of {total} events", state = state, done = bulk.generated, total = bulk.total)}
                </span>
                <progress max=bulk.total value=bulk.generated aria-label=tr!("Bulk send progress")></progress>
            </label>
            <dl class="summary" aria-label=tr!("Bulk send summary")>
                <div><dt>{tr!("Events")}</dt><dd>{bulk.generated}</dd></div>
                <div><dt>{tr!("Delivered")}</dt><dd>{bulk.delivered}</dd></div>
                <div><dt>{tr!("Waiting")}</dt><dd>{bulk.waiting}</dd></div>
                <div><dt>{tr!("Runs")}</dt><dd>{bulk.runs}</dd></div>
                <div><dt>{tr!("Succeeded")}</dt><dd>{bulk.succeeded}</dd></div>
                <div><dt>{tr!("Failed")}</dt><dd>{bulk.failed}</dd></div>
                <div><dt>{tr!("Time taken")}</dt><dd>{format!("{} s", crate::i18n::format::decimal(bulk.millis / 1000.0, 1))}</dd></div>
            </dl>
            <p class="muted">{tr!("Delivered counts every event stored and given to the workflows, side-effect events and duplicates included; Runs counts the runs stored. Waiting counts events stored whose runs storage refused: they run again by themselves.")}</p>
        </div>
    }
}
