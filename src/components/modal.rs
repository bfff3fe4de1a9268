//! A modal dialog: a titled card over a dimmed page, closed by Escape or its buttons.

use leptos::ev;
use leptos::prelude::*;

/// A `role="dialog"` card; the children hold its text and buttons.
#[component]
pub fn Modal(
    /// The dialog's heading, which also names it for assistive technology.
    #[prop(into)]
    title: String,
    /// Called when the person dismisses it (Escape, or a click on the backdrop).
    on_close: Callback<()>,
    children: Children,
) -> impl IntoView {
    let handle = window_event_listener(ev::keydown, move |e| {
        if e.key() == "Escape" {
            on_close.run(());
        }
    });
    on_cleanup(move || handle.remove());
    view! {
        <div class="modal-backdrop" on:click=move |_| on_close.run(())>
            <div
                class="modal"
                role="dialog"
                aria-modal="true"
                aria-labelledby="modal-title"
                on:click=|e| e.stop_propagation()
            >
                <h2 id="modal-title">{title}</h2>
                {children()}
            </div>
        </div>
    }
}
