//! "Add step": the menu that inserts an action, a condition (if / else branches) or an
//! "Email a team member" step at one place in the flow.

use leptos::prelude::*;
use sandflow_engine::{insert_step, Condition, Slot, Step};

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
                aria-expanded=move || (open.get() != Open::Closed).to_string()
                on:click=move |_| open.update(|o| *o = if *o == Open::Closed { Open::Menu } else { Open::Closed })
            >
                {tr!("Add step")}
            </button>
            {move || match open.get() {
                Open::Closed => ().into_any(),
                Open::Menu => view! {
                    <div class="popover add-step__menu" role="menu">
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
                            <button type="button" class="button button--ghost" on:click=move |_| open.set(Open::Closed)>{tr!("Cancel")}</button>
                        </div>
                        <ActionPicker on_pick=pick_action on_close=Callback::new(move |()| open.set(Open::Closed)) />
                    </div>
                }.into_any(),
            }}
        </div>
    }
}
