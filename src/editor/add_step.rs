//! "Add step": the menu that inserts an action, a condition (if / else branches) or an
//! "Email a team member" step at one place in the flow.
//!
//! The menu is a WAI-ARIA menu ([`menu_keys`](crate::components::menu_keys)): its first
//! item has focus when it opens, arrows and Home / End move, Escape closes it and gives
//! focus back to **Add step**; so does Escape in the action picker.

use leptos::html;
use leptos::prelude::*;
use sandflow_engine::{insert_step, Condition, Slot, Step};

use crate::components::focus::refocus_after_render;
use crate::components::menu_keys::{focus_first_item, menu_keydown};
use crate::editor::action_picker::ActionPicker;
use crate::editor::builder::{use_builder, Selection};
use crate::state::use_app;

/// What the menu shows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    Closed,
    Menu,
    Actions,
}

/// The "Add step" button for one slot of the flow.
#[component]
pub fn AddStep(
    /// Where the new step goes.
    at: Slot,
) -> impl IntoView {
    let app = use_app();
    let builder = use_builder();
    let open = RwSignal::new(Open::Closed);
    let slot = StoredValue::new(at);
    let button = NodeRef::<html::Button>::new();
    let menu = NodeRef::<html::Div>::new();
    // Closes what is open; `refocus`: focus goes back to the button.
    let close = move |refocus: bool| {
        open.set(Open::Closed);
        if refocus {
            if let Some(b) = button.try_get_untracked().flatten() {
                let _ = b.focus();
            }
        }
    };
    // Talking to the browser: the menu's first item takes focus when it opens.
    Effect::new(move || {
        if open.get() == Open::Menu {
            refocus_after_render(move || {
                if let Some(m) = menu.try_get_untracked().flatten() {
                    focus_first_item(&m);
                }
            });
        }
    });
    let add = move |make: &dyn Fn(String) -> Step| {
        let id = app.next_id("step");
        let step = make(id.clone());
        open.set(Open::Closed);
        if builder.edit(|w| insert_step(w, &slot.get_value(), step)) {
            builder.selected.set(Some(Selection::Step(id)));
        }
    };
    let pick_action = Callback::new(move |action: String| {
        add(&|id| Step::action(id, action.clone(), serde_json::Value::Null));
    });
    view! {
        <div class="add-step">
            <button
                type="button"
                class="add-step__button"
                node_ref=button
                aria-haspopup="menu"
                aria-expanded=move || (open.get() != Open::Closed).to_string()
                on:click=move |_| open.update(|o| *o = if *o == Open::Closed { Open::Menu } else { Open::Closed })
            >
                {tr!("Add step")}
            </button>
            {move || match open.get() {
                Open::Closed => ().into_any(),
                Open::Menu => view! {
                    <div
                        class="popover add-step__menu"
                        role="menu"
                        aria-label=tr!("Add step")
                        node_ref=menu
                        on:keydown=move |e| {
                            if let Some(m) = menu.try_get_untracked().flatten() {
                                menu_keydown(&e, &m, close);
                            }
                        }
                    >
                        <button type="button" role="menuitem" class="menu-item" on:click=move |_| open.set(Open::Actions)>
                            <strong>{tr!("Action")}</strong>
                            <span class="muted">{tr!("Call the Stripe API: update a customer, refund a charge, …")}</span>
                        </button>
                        <button type="button" role="menuitem" class="menu-item" on:click=move |_| add(&|id| Step::branch(id, Condition::All(Vec::new()), Vec::new(), Vec::new()))>
                            <strong>{tr!("Condition")}</strong>
                            <span class="muted">{tr!("Split the workflow into if / else branches.")}</span>
                        </button>
                        <button type="button" role="menuitem" class="menu-item" on:click=move |_| add(&|id| Step::email(id, "", "", "", &[]))>
                            <strong>{crate::i18n::catalog::email_step_name(crate::i18n::lang())}</strong>
                            <span class="muted">{tr!("Send an email to someone on your team (kept in the Outbox).")}</span>
                        </button>
                    </div>
                }.into_any(),
                Open::Actions => view! {
                    <div class="popover add-step__menu">
                        <div class="popover__header">
                            <strong>{tr!("Choose an action")}</strong>
                            <button type="button" class="button button--ghost" on:click=move |_| close(true)>{tr!("Cancel")}</button>
                        </div>
                        <ActionPicker on_pick=pick_action on_close=Callback::new(move |()| close(true)) />
                    </div>
                }.into_any(),
            }}
        </div>
    }
}
