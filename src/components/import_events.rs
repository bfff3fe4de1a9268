//! **Import events**: what Stripe gives a developer (the JSON of `stripe events list`, one
//! event from `stripe events retrieve` or the Dashboard, or `stripe listen --format JSON`
//! output), read by the engine (`parse_stripe_events`, which says why it refuses a file),
//! then **Add to the sandbox** (their objects become the sandbox's and the active workflows
//! run on them, once) or handed to the page (Replay uses them with no side effect). The
//! Event generator and Replay share it.

use crate::i18n::errors::Worded;
use leptos::prelude::*;
use leptos::task::spawn_local;
use sandflow_engine::limits::MAX_EVENT_IMPORT_BYTES;
use sandflow_engine::{parse_stripe_events, Event};

use crate::components::download::{file_text, picked_file};
use crate::state::use_app;

/// A file picker for Stripe events, what it read, and **Add to the sandbox**.
#[component]
pub fn ImportEvents(
    /// Told of the events read from each file.
    #[prop(optional)]
    on_read: Option<Callback<Vec<Event>>>,
    /// What follows **Add to the sandbox**, to say beside it.
    #[prop(into)]
    add_hint: String,
) -> impl IntoView {
    let state = use_app();
    let events = RwSignal::new(None::<Vec<Event>>);
    let note = RwSignal::new(None::<Result<String, String>>);
    let added = RwSignal::new(None::<Result<String, String>>);
    let adding = RwSignal::new(false);

    let on_file = move |e: leptos::ev::Event| {
        let Some(file) = picked_file(&e) else {
            return;
        };
        added.set(None);
        if file.size() > MAX_EVENT_IMPORT_BYTES as f64 {
            note.set(Some(Err(trf!(
                "Nothing was imported: the file is over the limit of {mb} MB; import fewer events at a time (for example `stripe events list --limit 100`).",
                mb = MAX_EVENT_IMPORT_BYTES / (1024 * 1024)
            ))));
            return;
        }
        spawn_local(async move {
            let text = match file_text(&file).await {
                Ok(text) => text,
                Err(e) => {
                    note.try_set(Some(Err(trf!("Nothing was imported: {e}.", e = e))));
                    return;
                }
            };
            match parse_stripe_events(&text) {
                Ok(imported) => {
                    let n = imported.events.len();
                    let mut said = trn!(n, "{n} event read", "{n} events read", n = n);
                    if imported.duplicates > 0 {
                        said.push_str(&trf!(
                            ", {n} repeated ones left out",
                            n = imported.duplicates
                        ));
                    }
                    if imported.skipped_lines > 0 {
                        said.push_str(&trf!(", {n} log lines skipped", n = imported.skipped_lines));
                    }
                    for rejected in imported.rejected.iter().take(5) {
                        let which = rejected
                            .id
                            .clone()
                            .unwrap_or_else(|| tr!("an event").to_owned());
                        said.push_str(&trf!(
                            "; {which} left out: {reason}",
                            which = which,
                            reason = rejected.reason
                        ));
                    }
                    note.try_set(Some(Ok(said)));
                    if let Some(on_read) = on_read {
                        on_read.run(imported.events.clone());
                    }
                    events.try_set(Some(imported.events));
                }
                Err(e) => {
                    events.try_set(None);
                    note.try_set(Some(Err(trf!("Nothing was imported: {e}", e = e.worded()))));
                }
            }
        });
    };

    let add = move |_| {
        let Some(list) = events.get_untracked() else {
            return;
        };
        adding.set(true);
        spawn_local(async move {
            let result = state.take_in_events(list).await;
            adding.try_set(false);
            added.try_set(Some(match result {
                Ok((0, _)) => Ok(tr!(
                    "The sandbox already holds every one of these events: nothing was added."
                )
                .to_owned()),
                Ok((taken, runs)) => Ok(format!(
                    "{} {}",
                    trn!(
                        taken,
                        "{n} event added to the sandbox;",
                        "{n} events added to the sandbox;",
                        n = taken
                    ),
                    trn!(
                        runs,
                        "{n} workflow run started.",
                        "{n} workflow runs started.",
                        n = runs
                    )
                )),
                Err(e) => Err(trf!("Nothing was added: {e}", e = e)),
            }));
        });
    };

    let said = |note: Result<String, String>| match note {
        Ok(text) => {
            view! { <p class="callout callout--success" role="status">{text}</p> }.into_any()
        }
        Err(text) => {
            view! { <p class="callout callout--danger" role="alert">{text}</p> }.into_any()
        }
    };
    view! {
        <div class="import-events">
            <label class="field field--inline">
                <span class="field__label">{tr!("Import events")}</span>
                <input type="file" accept=".json,.txt,.log,application/json" aria-label=tr!("Import events") on:change=on_file />
            </label>
            {move || note.get().map(said)}
            {move || events.with(|e| e.as_ref().is_some_and(|e| !e.is_empty())).then(|| view! {
                <p>
                    <button type="button" class="button button--small" disabled=move || adding.get() || !state.ready.get() on:click=add>
                        {tr!("Add to the sandbox")}
                    </button>
                    " "
                    <span class="muted">{add_hint.clone()}</span>
                </p>
            })}
            {move || added.get().map(said)}
        </div>
    }
}
