//! The field picker: the fields a condition or a dynamic value can read, grouped by where
//! they come from, typed, indented by nesting and searchable by name.

use leptos::prelude::*;
use sandflow_engine::{kind_name, search_fields, Reference, Root, SourceField};

/// A searchable list of fields; a click picks one.
#[component]
pub fn FieldPicker(
    /// The fields on offer, in source order ([`source_fields`](sandflow_engine::source_fields)).
    #[prop(into)]
    options: Signal<Vec<SourceField>>,
    /// Called with the chosen field.
    on_pick: Callback<SourceField>,
) -> impl IntoView {
    let query = RwSignal::new(String::new());
    // One heading per source. The fields of a source are consecutive, so a heading is a run
    // of fields read from the same root: two steps with the same action share a name, not a
    // heading (grouping by name put both under one).
    let groups = Memo::new(move |_| {
        options.with(|all| {
            search_fields(all, &query.get())
                .chunk_by(|a, b| root_of(a) == root_of(b))
                .map(|run| {
                    (
                        run[0].source.clone(),
                        run.iter().map(|f| (*f).clone()).collect(),
                    )
                })
                .collect::<Vec<(String, Vec<SourceField>)>>()
        })
    });
    view! {
        <div class="picker picker--fields">
            <label class="field">
                <span>"Search fields"</span>
                <input
                    type="search"
                    placeholder="e.g. name, amount, email"
                    prop:value=move || query.get()
                    on:input=move |e| query.set(event_target_value(&e))
                />
            </label>
            <div class="picker__scroll">
                {move || {
                    let groups = groups.get();
                    if groups.is_empty() {
                        return view! { <p class="muted">"No field matches. Choose a trigger first, or search another word."</p> }.into_any();
                    }
                    groups.into_iter().map(|(source, list)| view! {
                        <h4>{source.clone()}</h4>
                        <ul class="picker__list" aria-label=source>
                            {list.into_iter().map(|o| {
                                let title = o.title();
                                let indent = format!("padding-left: {}px", 8 + o.depth * 16);
                                let kind = kind_name(o.kind);
                                let label = o.label.clone();
                                view! {
                                    <li>
                                        <button type="button" class="picker__option picker__option--row" style=indent aria-label=title on:click=move |_| on_pick.run(o.clone())>
                                            <span class="picker__label">{label}</span>
                                            <span class="kind">{kind}</span>
                                        </button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }).collect_view().into_any()
                }}
            </div>
        </div>
    }
}

/// What a field is read from: the trigger or one step (its reference's root).
fn root_of(field: &SourceField) -> Option<Root> {
    Reference::parse(&field.reference).ok().map(|r| r.root)
}
