//! Single send: one event of the chosen type, with field overrides (`path = value` rows),
//! and the report of the runs it started.

use leptos::prelude::*;
use leptos::task::spawn_local;
use sandflow_engine::sandbox::event_type;
use serde_json::{Map, Value};

use crate::components::key_value_rows::{KeyValue, KeyValueRows, RowLabels};
use crate::components::link::A;
use crate::components::run_badge::RunBadge;
use crate::state::{use_app, Sent};

/// The **Send event** card: the chosen type, its overrides and the button.
#[component]
pub(super) fn SingleSend(
    kind: Memo<Option<String>>,
    sent: RwSignal<Option<Result<Sent, String>>>,
    /// A bulk send is running: one send waits for it.
    bulk_running: Signal<bool>,
) -> impl IntoView {
    let state = use_app();
    let overrides = RwSignal::new(Vec::<KeyValue>::new());
    let sending = RwSignal::new(false);
    let spec = move || kind.get().and_then(|k| event_type(&k));

    let send = move |_| {
        let Some(kind) = kind.get_untracked() else {
            return;
        };
        let fields: Map<String, Value> = KeyValue::pairs(&overrides.get_untracked())
            .map(|(path, value)| (path, typed(&value)))
            .collect();
        sending.set(true);
        spawn_local(async move {
            let result = state.generate(kind, fields).await;
            sending.try_set(false);
            sent.try_set(Some(result.map_err(|e| e.to_string())));
        });
    };

    let labels = RowLabels {
        key: tr!("Field path"),
        key_example: "name",
        value_example: "Jean Dupont",
        remove: tr!("Remove override"),
        add: tr!("Add field override"),
    };
    view! {
        <section class="card" aria-labelledby="single-heading">
            <h2 id="single-heading">{move || spec().map_or(tr!("Pick an event type"), |s| crate::i18n::catalog::event_label(crate::i18n::lang(), s))}</h2>
            {move || match spec() {
                Some(s) => view! {
                    <p><code>{s.kind}</code> " · " <span class="muted">{crate::i18n::catalog::event_description(crate::i18n::lang(), s)}</span></p>
                }.into_any(),
                None => view! {
                    <p class="muted">{tr!("Choose any of the 265 event types on the left: suggested ones first, or search or browse by category.")}</p>
                }.into_any(),
            }}
            <fieldset class="fieldset" disabled=move || kind.with(Option::is_none)>
                <legend>{tr!("Field overrides")}</legend>
                <p class="muted">{tr!("Set fields of the event's object by path, such as name or metadata.tier. Values that read as JSON (42, true, {\"a\": 1}) are sent as such, anything else as text.")}</p>
                <KeyValueRows rows=overrides labels=labels />
            </fieldset>
            <div class="form__actions">
                <button
                    type="button"
                    class="button button--primary"
                    disabled=move || kind.with(Option::is_none) || bulk_running.get() || sending.get() || !state.ready.get()
                    on:click=send
                >
                    {move || if state.ready.get() { {tr!("Send event")} } else { {tr!("Loading…")} }}
                </button>
            </div>
        </section>
    }
}

/// The event just sent and the runs it started.
#[component]
pub(super) fn SentReport(sent: Sent) -> impl IntoView {
    let state = use_app();
    let Sent { event, runs } = sent;
    let names = move |id: &str| {
        state
            .workflow(id)
            .map_or_else(|| id.to_owned(), |w| crate::i18n::workflow_name(&w.name))
    };
    let heading = match runs.len() {
        0 => tr!("No workflow ran").to_owned(),
        n => trn!(n, "Triggered {n} run", "Triggered {n} runs", n = n),
    };
    view! {
        <section class="card" aria-labelledby="sent-heading">
            <h2 id="sent-heading">{tr!("Event sent")}</h2>
            <p>
                <code>{event.kind.clone()}</code> " " <code>{event.id.clone()}</code> " "
                <a class="button button--small" href=crate::base::href(&format!("/workbench?tab=events&id={}&kind={}&at={}", event.id, event.kind, event.created))>{tr!("Inspect in Workbench")}</a>
            </p>
            <h3>{heading}</h3>
            {if runs.is_empty() {
                view! {
                    <p class="muted">{tr!("No active workflow listens to the events this sent, or their trigger conditions did not hold.")}</p>
                }.into_any()
            } else {
                view! {
                    <table class="table">
                        <thead><tr><th>{tr!("Workflow")}</th><th>{tr!("Trigger event")}</th><th>{tr!("Status")}</th><th>{tr!("Run")}</th></tr></thead>
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

/// A typed override value: JSON when it parses, text otherwise.
fn typed(text: &str) -> Value {
    serde_json::from_str(text.trim()).unwrap_or_else(|_| Value::String(text.to_owned()))
}
