//! The "⋯" overflow menu next to a page's main buttons, as in Stripe's Dashboard.

use leptos::prelude::*;

/// A button that opens a small menu of less frequent actions (its children, as buttons
/// with `role="menuitem"`). A click on an item closes the menu.
#[component]
pub fn OverflowMenu(
    /// What the button is called for assistive technology, e.g. "More actions".
    #[prop(into)]
    label: String,
    children: ChildrenFn,
) -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <div class="overflow">
            <button
                type="button"
                class="button button--icon"
                aria-label=label
                aria-haspopup="menu"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                "⋯"
            </button>
            <Show when=move || open.get()>
                <div class="overflow__menu" role="menu" on:click=move |_| open.set(false)>
                    {children()}
                </div>
            </Show>
        </div>
    }
}
