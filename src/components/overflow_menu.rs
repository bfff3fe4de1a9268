//! The "⋯" overflow menu next to a page's main buttons, as in Stripe's Dashboard: a
//! WAI-ARIA menu ([`menu_keys`](crate::components::menu_keys)).

use leptos::html;
use leptos::prelude::*;

use crate::components::focus::refocus_after_render;
use crate::components::menu_keys::{focus_first_item, menu_keydown};

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
    let button = NodeRef::<html::Button>::new();
    let menu = NodeRef::<html::Div>::new();
    let close = move |refocus: bool| {
        open.set(false);
        if refocus {
            if let Some(b) = button.try_get_untracked().flatten() {
                let _ = b.focus();
            }
        }
    };
    // Talking to the browser: the first item takes focus when the menu opens.
    Effect::new(move || {
        if open.get() {
            refocus_after_render(move || {
                if let Some(m) = menu.try_get_untracked().flatten() {
                    focus_first_item(&m);
                }
            });
        }
    });
    view! {
        <div class="overflow">
            <button
                type="button"
                class="button button--icon"
                node_ref=button
                aria-label=label
                aria-haspopup="menu"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                "⋯"
            </button>
            <Show when=move || open.get()>
                <div
                    class="overflow__menu"
                    role="menu"
                    node_ref=menu
                    on:click=move |_| close(true)
                    on:keydown=move |e| {
                        if let Some(m) = menu.try_get_untracked().flatten() {
                            menu_keydown(&e, &m, close);
                        }
                    }
                >
                    {children()}
                </div>
            </Show>
        </div>
    }
}
