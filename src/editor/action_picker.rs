//! The action catalog: every Stripe API call a step can make, searchable and grouped by
//! resource (Customer, Invoice, ...), plus the workflow-specific "Email a team member".
//! The matching is the sandbox's (`search_actions`); the list is the
//! [grouped search](GroupedSearch).

use leptos::prelude::*;

use crate::components::grouped_search::{Choice, Group, GroupedSearch};

/// Lets the person choose the action of a new step.
#[component]
pub fn ActionPicker(
    /// Called with the chosen action id, e.g. `customers.update`.
    on_pick: Callback<String>,
    /// Closes the picker (Escape does too).
    on_close: Callback<()>,
) -> impl IntoView {
    view! {
        <GroupedSearch
            label=tr!("Search actions")
            placeholder=tr!("e.g. update customer, refund")
            empty=tr!("No action matches. Try a resource such as “customer” or “invoice”.")
            filter=Callback::new(|query: String| groups(&query))
            on_pick=on_pick
            on_close=Some(on_close)
        />
    }
}

/// What the search finds, one group per resource in catalog order.
fn groups(query: &str) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let lang = crate::i18n::lang();
    for a in crate::i18n::catalog::search_actions(lang, query) {
        let choice = Choice {
            key: a.id.to_owned(),
            label: crate::i18n::catalog::action_name(lang, a).to_owned(),
            note: Some(crate::i18n::catalog::action_description(lang, a).to_owned()),
            name: None,
            depth: 0,
        };
        let heading = crate::i18n::catalog::category(lang, a.resource);
        match groups.iter_mut().find(|g| g.heading == heading) {
            Some(group) => group.choices.push(choice),
            None => groups.push(Group {
                heading: heading.to_owned(),
                choices: vec![choice],
                folded: false,
            }),
        }
    }
    groups
}
