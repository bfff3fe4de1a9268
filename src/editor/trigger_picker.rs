//! The trigger picker: search Stripe's event types, pick a suggested one, or browse them by
//! category. The catalog, its search and its groups are the sandbox's.

use leptos::prelude::*;
use sandflow_engine::sandbox::{self, EventSpec};

/// Lets the person choose the event that starts the workflow.
#[component]
pub fn TriggerPicker(
    /// Called with the chosen event type, e.g. `customer.created`.
    on_pick: Callback<String>,
    /// Called when the person closes the picker without choosing.
    on_close: Callback<()>,
) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let category = RwSignal::new(None::<&'static str>);
    let results = Memo::new(move |_| {
        let q = query.get();
        (!q.trim().is_empty()).then(|| sandbox::search_event_types(&q))
    });
    let option = move |spec: &'static EventSpec| {
        view! {
            <li>
                <button type="button" class="picker__option" on:click=move |_| on_pick.run(spec.kind.to_owned())>
                    <span class="picker__label">{spec.label}</span>
                    <code>{spec.kind}</code>
                </button>
            </li>
        }
    };
    view! {
        <section class="picker" aria-label="Choose a trigger">
            <header class="picker__header">
                <h3>"Choose a trigger"</h3>
                <button type="button" class="button button--ghost" on:click=move |_| on_close.run(())>"Cancel"</button>
            </header>
            <label class="field">
                <span>"Search triggers"</span>
                <input
                    type="search"
                    placeholder="e.g. customer created, invoice.paid"
                    prop:value=move || query.get()
                    on:input=move |e| query.set(event_target_value(&e))
                />
            </label>
            {move || match results.get() {
                Some(found) if found.is_empty() => view! {
                    <p class="muted">"No event type matches. Try a resource name such as “invoice” or “charge”."</p>
                }.into_any(),
                Some(found) => view! {
                    <ul class="picker__list" aria-label="Matching triggers">{found.into_iter().map(option).collect_view()}</ul>
                }.into_any(),
                None => view! {
                    <h4>"Suggested"</h4>
                    <ul class="picker__list" aria-label="Suggested">
                        {sandbox::suggested_event_types().map(option).collect_view()}
                    </ul>
                    <h4>"Categories"</h4>
                    <div class="picker__categories">
                        {sandbox::event_categories().into_iter().map(|c| view! {
                            <button
                                type="button"
                                class="chip-button"
                                aria-pressed=move || (category.get() == Some(c)).to_string()
                                on:click=move |_| category.update(|cur| *cur = if *cur == Some(c) { None } else { Some(c) })
                            >{c}</button>
                        }).collect_view()}
                    </div>
                    {move || category.get().map(|c| view! {
                        <ul class="picker__list" aria-label=c>
                            {sandbox::event_types().iter().filter(|e| e.category == c).map(option).collect_view()}
                        </ul>
                    })}
                }.into_any(),
            }}
        </section>
    }
}
