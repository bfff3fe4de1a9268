//! **Save as test**: keeps what a workflow did with one event (a stored run, a replayed
//! run, or no run at all) as a saved test of that workflow, pre-filled by the engine from
//! what happened. The run page and each row of a replay offer it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use sandflow_engine::{Event, Run, Workflow};

use crate::components::link::A;
use crate::components::modal::Modal;
use crate::state::{use_app, Failed};

/// A button that asks for a name, then saves the test.
#[component]
pub fn SaveAsTest(
    /// The definition that handled the event (the run's copy, or the replayed one).
    definition: Workflow,
    /// The event.
    event: Event,
    /// What the definition did with it; `None` when it did not run.
    run: Option<Run>,
) -> impl IntoView {
    let app = use_app();
    let asking = RwSignal::new(false);
    let name = RwSignal::new(format!("{} · {}", event.kind, event.id));
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let workflow_id = definition.id.clone();
    let source = StoredValue::new((definition, event, run));
    let save = move |_| {
        let (definition, event, run) = source.get_value();
        let test = app.new_test(
            &definition,
            &event,
            run.as_ref(),
            name.get_untracked().trim().to_owned(),
        );
        asking.set(false);
        spawn_local(async move {
            let result = match app.add_test(test).await {
                Ok(_) => Ok(trf!(
                    "Saved as test “{name}”",
                    name = name.get_untracked().trim()
                )),
                Err(Failed::Refused(e)) => Err(trf!("Not saved: {e}", e = e)),
                Err(e) => Err(trf!("Not saved: {e}", e = e)),
            };
            outcome.try_set(Some(result));
        });
    };
    let tests_href = format!("/workflows/{workflow_id}#tests");
    view! {
        <button
            type="button"
            class="button button--small"
            disabled=move || !app.ready.get()
            title=tr!("Keep what happened here as a test that reruns on every edit of the draft")
            on:click=move |_| asking.set(true)
        >
            {tr!("Save as test")}
        </button>
        {move || outcome.get().map(|o| match o {
            Ok(text) => view! {
                <span class="callout callout--success" role="status">
                    {text} " · " <A href=tests_href.clone()>{tr!("Open the workflow's tests")}</A>
                </span>
            }.into_any(),
            Err(text) => view! { <span class="callout callout--danger" role="alert">{text}</span> }.into_any(),
        })}
        <Show when=move || asking.get()>
            <Modal title=tr!("Save as test") on_close=Callback::new(move |()| asking.set(false))>
                <p>
                    {tr!("The test keeps this event, the objects it needs as they were, and what the workflow did: whether it ran, the branches, each step's request and response, the emails. Remove what you do not care about from the workflow's Tests.")}
                </p>
                <label class="field">
                    <span class="field__label">{tr!("Test name")}</span>
                    <input
                        type="text"
                        maxlength="100"
                        prop:value=move || name.get()
                        on:input=move |e| name.set(event_target_value(&e))
                    />
                </label>
                <div class="modal__actions">
                    <button type="button" class="button" on:click=move |_| asking.set(false)>{tr!("Cancel")}</button>
                    <button type="button" class="button button--primary" on:click=save>{tr!("Save test")}</button>
                </div>
            </Modal>
        </Show>
    }
}
