//! Picks one of the catalog's event types: the [grouped search](GroupedSearch) over the
//! **Suggested** group and every category (folded), or what a search finds. The matching
//! and the groups are the sandbox catalog's (`search_event_types`,
//! `suggested_event_types`, `event_categories`). The trigger picker, the Event
//! generator and its bulk send's "mix in" all pick an event type with it.

use leptos::prelude::*;
use sandflow_engine::sandbox::{event_categories, event_types, suggested_event_types, EventSpec};

use crate::components::grouped_search::{Choice, Group, GroupedSearch};

/// A searchable, grouped list of the event types; calls `on_pick` with the chosen type.
#[component]
pub fn EventTypePicker(
    /// The search box's label.
    #[prop(default = tr!("Search event types"))]
    label: &'static str,
    /// The type currently chosen, shown pressed.
    #[prop(optional, into)]
    selected: Option<Signal<Option<String>>>,
    /// Called with the event type (`customer.created`) a person picks.
    on_pick: Callback<String>,
    /// Closes the picker, for one shown as a popover (Escape does too).
    #[prop(optional)]
    on_close: Option<Callback<()>>,
) -> impl IntoView {
    view! {
        <GroupedSearch
            label=label
            placeholder=tr!("e.g. customer created, invoice.paid")
            empty=tr!("No event type matches. Try a resource name such as “invoice” or “charge”.")
            filter=Callback::new(|query: String| groups(&query))
            on_pick=on_pick
            selected=selected
            on_close=on_close
        />
    }
}

/// Suggested and every category for an empty search, else one group of what it finds.
fn groups(query: &str) -> Vec<Group> {
    let choice = |e: &'static EventSpec| Choice {
        key: e.kind.to_owned(),
        label: crate::i18n::catalog::event_label(crate::i18n::lang(), e).to_owned(),
        note: Some(e.kind.to_owned()),
        name: None,
        depth: 0,
    };
    if !query.trim().is_empty() {
        let found = crate::i18n::catalog::search_event_types(crate::i18n::lang(), query);
        return vec![Group {
            heading: trn!(
                found.len(),
                "{n} matching event type",
                "{n} matching event types",
                n = found.len()
            ),
            choices: found.into_iter().map(choice).collect(),
            folded: false,
        }];
    }
    let suggested = Group {
        heading: tr!("Suggested").to_owned(),
        choices: suggested_event_types().map(choice).collect(),
        folded: false,
    };
    let categories = event_categories().into_iter().map(|category| Group {
        heading: crate::i18n::catalog::category(crate::i18n::lang(), category).to_owned(),
        choices: event_types()
            .iter()
            .filter(|e| e.category == category)
            .map(choice)
            .collect(),
        folded: true,
    });
    std::iter::once(suggested).chain(categories).collect()
}
