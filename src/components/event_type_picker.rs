//! Picks one of the catalog's event types: a search box, the **Suggested** group and every
//! category, as the trigger picker offers them. The matching itself is the sandbox
//! catalog's (`search_event_types`, `suggested_event_types`, `event_categories`).

use leptos::prelude::*;
use sandflow_engine::sandbox::{
    event_categories, event_types, search_event_types, suggested_event_types, EventSpec,
};

/// A searchable, grouped list of the event types; calls `on_pick` with the chosen type.
#[component]
pub fn EventTypePicker(
    /// The type currently chosen, shown pressed.
    #[prop(into)]
    selected: Signal<Option<String>>,
    /// Called with the event type (`customer.created`) a person picks.
    on_pick: Callback<String>,
) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let item = move |spec: &'static EventSpec| {
        let kind = spec.kind;
        let pressed = move || selected.with(|s| s.as_deref() == Some(kind));
        view! {
            <li>
                <button
                    type="button"
                    class="type-picker__item"
                    aria-pressed=move || pressed().to_string()
                    on:click=move |_| on_pick.run(kind.to_owned())
                >
                    <span class="type-picker__label">{spec.label}</span>
                    <code class="type-picker__kind">{kind}</code>
                </button>
            </li>
        }
    };
    let browse = move || {
        let suggested = suggested_event_types().map(item).collect_view();
        let categories = event_categories()
            .into_iter()
            .map(|category| {
                let kinds: Vec<&'static EventSpec> =
                    event_types().iter().filter(|e| e.category == category).collect();
                let count = kinds.len();
                view! {
                    <details class="type-picker__group">
                        <summary>{category} <span class="type-picker__count">{count}</span></summary>
                        <ul class="type-picker__list">{kinds.into_iter().map(item).collect_view()}</ul>
                    </details>
                }
            })
            .collect_view();
        view! {
            <h3 class="type-picker__heading">"Suggested"</h3>
            <ul class="type-picker__list">{suggested}</ul>
            <h3 class="type-picker__heading">"Categories"</h3>
            {categories}
        }
        .into_any()
    };
    let results = move || {
        let q = query.get();
        if q.trim().is_empty() {
            return browse();
        }
        let found = search_event_types(&q);
        if found.is_empty() {
            return view! { <p class="type-picker__none">"No event type matches “" {q} "”."</p> }
                .into_any();
        }
        let count = found.len();
        view! {
            <h3 class="type-picker__heading">{format!("{count} matching event types")}</h3>
            <ul class="type-picker__list">{found.into_iter().map(item).collect_view()}</ul>
        }
        .into_any()
    };
    view! {
        <div class="type-picker">
            <label class="field">
                <span class="field__label">"Search event types"</span>
                <input type="search" placeholder="customer.created, invoice paid, dispute…" bind:value=query />
            </label>
            <div class="type-picker__results">{results}</div>
        </div>
    }
}
