//! The trigger picker: the [event type picker](EventTypePicker) under its own heading, with
//! **Cancel**, in the trigger panel. The catalog, its search and its groups are the
//! sandbox's.

use leptos::prelude::*;

use crate::components::event_type_picker::EventTypePicker;

/// Lets the person choose the event that starts the workflow.
#[component]
pub fn TriggerPicker(
    /// Called with the chosen event type, e.g. `customer.created`.
    on_pick: Callback<String>,
    /// Called when the person closes the picker without choosing.
    on_close: Callback<()>,
) -> impl IntoView {
    view! {
        <section class="picker" aria-label=tr!("Choose a trigger")>
            <header class="picker__header">
                <h3>{tr!("Choose a trigger")}</h3>
                <button type="button" class="button button--ghost" on:click=move |_| on_close.run(())>{tr!("Cancel")}</button>
            </header>
            <EventTypePicker label=tr!("Search triggers") on_pick=on_pick on_close=on_close />
        </section>
    }
}
