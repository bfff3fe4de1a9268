//! The field picker: the fields a condition or a dynamic value can read, grouped by where
//! they come from, typed, indented by nesting and searchable by name. The matching is the
//! engine's (`search_fields`); the list is the [grouped search](GroupedSearch).

use leptos::prelude::*;
use sandflow_engine::{Reference, Root, SourceField};

use crate::components::grouped_search::{Choice, Group, GroupedSearch};
use crate::i18n::{catalog, words};

/// A searchable list of fields; picking one hands it back.
#[component]
pub fn FieldPicker(
    /// The fields on offer, in source order ([`source_fields`](sandflow_engine::source_fields)).
    #[prop(into)]
    options: Signal<Vec<SourceField>>,
    /// Called with the chosen field.
    on_pick: Callback<SourceField>,
    /// Closes the picker, shown as a popover (Escape does too).
    #[prop(optional)]
    on_close: Option<Callback<()>>,
) -> impl IntoView {
    let filter = Callback::new(move |query: String| options.with(|all| groups(all, &query)));
    let pick = Callback::new(move |reference: String| {
        let field =
            options.with_untracked(|all| all.iter().find(|f| f.reference == reference).cloned());
        if let Some(field) = field {
            on_pick.run(field);
        }
    });
    view! {
        <GroupedSearch
            label=tr!("Search fields")
            placeholder=tr!("e.g. name, amount, email")
            empty=tr!("No field matches. Choose a trigger first, or search another word.")
            filter=filter
            on_pick=pick
            on_close=on_close
            rows=true
        />
    }
}

/// One heading per source. The fields of a source are consecutive, so a heading is a run
/// of fields read from the same root: two steps with the same action share a name, not a
/// heading (grouping by name put both under one).
fn groups(all: &[SourceField], query: &str) -> Vec<Group> {
    let lang = crate::i18n::lang();
    words::search_fields(lang, all, query)
        .chunk_by(|a, b| root_of(a) == root_of(b))
        .map(|run| Group {
            heading: words::source_name(lang, &run[0].named, &run[0].source),
            choices: run
                .iter()
                .map(|f| Choice {
                    key: f.reference.clone(),
                    label: words::field_label(lang, f),
                    note: Some(catalog::kind_label(lang, f.kind).to_owned()),
                    name: Some(words::field_title(lang, f)),
                    depth: f.depth,
                })
                .collect(),
            folded: false,
        })
        .collect()
}

/// What a field is read from: the trigger or one step (its reference's root).
fn root_of(field: &SourceField) -> Option<Root> {
    Reference::parse(&field.reference).ok().map(|r| r.root)
}
