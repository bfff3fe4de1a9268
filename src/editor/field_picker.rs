//! The field picker: the fields a condition or a dynamic value can read, grouped by where
//! they come from, typed, indented by nesting and searchable by name.

use leptos::prelude::*;
use sandflow_engine::kind_name;

use crate::components::sources::FieldOption;

/// A searchable list of fields; a click picks one.
#[component]
pub fn FieldPicker(
    /// The fields on offer, in source order.
    #[prop(into)]
    options: Signal<Vec<FieldOption>>,
    /// Called with the chosen field.
    on_pick: Callback<FieldOption>,
) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let groups = Memo::new(move |_| {
        let q = query.get().to_lowercase();
        let words: Vec<&str> = q.split_whitespace().collect();
        let mut groups: Vec<(String, Vec<FieldOption>)> = Vec::new();
        for o in options.get() {
            let hay = format!("{} {} {}", o.source, o.label, o.reference).to_lowercase();
            if !words.iter().all(|w| hay.contains(w)) {
                continue;
            }
            match groups.iter_mut().find(|(s, _)| *s == o.source) {
                Some((_, list)) => list.push(o),
                None => groups.push((o.source.clone(), vec![o])),
            }
        }
        groups
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
