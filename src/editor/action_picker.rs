//! The action catalog: every Stripe API call a step can make, searchable and grouped by
//! resource (Customer, Invoice, ...), plus the workflow-specific "Email a team member".

use leptos::prelude::*;
use sandflow_engine::sandbox::{self, ActionSpec};

/// Lets the person choose the action of a new step.
#[component]
pub fn ActionPicker(
    /// Called with the chosen action id, e.g. `customers.update`.
    on_pick: Callback<&'static str>,
) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let groups = Memo::new(move |_| {
        let mut groups: Vec<(&'static str, Vec<&'static ActionSpec>)> = Vec::new();
        for a in query.with(|q| sandbox::search_actions(q)) {
            match groups.iter_mut().find(|(r, _)| *r == a.resource) {
                Some((_, list)) => list.push(a),
                None => groups.push((a.resource, vec![a])),
            }
        }
        groups
    });
    view! {
        <div class="picker picker--actions">
            <label class="field">
                <span>"Search actions"</span>
                <input
                    type="search"
                    placeholder="e.g. update customer, refund"
                    prop:value=move || query.get()
                    on:input=move |e| query.set(event_target_value(&e))
                />
            </label>
            <div class="picker__scroll">
                {move || {
                    let groups = groups.get();
                    if groups.is_empty() {
                        return view! { <p class="muted">"No action matches. Try a resource such as “customer” or “invoice”."</p> }.into_any();
                    }
                    groups.into_iter().map(|(resource, list)| view! {
                        <h4>{resource}</h4>
                        <ul class="picker__list" aria-label=resource>
                            {list.into_iter().map(|a| view! {
                                <li>
                                    <button type="button" class="picker__option" on:click=move |_| on_pick.run(a.id)>
                                        <span class="picker__label">{a.name}</span>
                                        <span class="muted">{a.description}</span>
                                    </button>
                                </li>
                            }).collect_view()}
                        </ul>
                    }).collect_view().into_any()
                }}
            </div>
        </div>
    }
}
