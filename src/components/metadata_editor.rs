//! Stripe `metadata` as editable key / value rows, for the customer forms.

use leptos::prelude::*;
use serde_json::{Map, Value};

/// One key / value row.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MetadataRow {
    /// The key typed.
    pub key: RwSignal<String>,
    /// The value typed.
    pub value: RwSignal<String>,
}

impl MetadataRow {
    /// A row holding `key` and `value`.
    pub fn new(key: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            key: RwSignal::new(key.into()),
            value: RwSignal::new(value.into()),
        }
    }
}

/// The rows that have a key, as Stripe metadata.
pub fn metadata_map(rows: &[MetadataRow]) -> Map<String, Value> {
    rows.iter()
        .filter_map(|r| {
            let key = r.key.get_untracked().trim().to_owned();
            (!key.is_empty()).then(|| (key, Value::String(r.value.get_untracked())))
        })
        .collect()
}

/// Editable key / value rows for Stripe `metadata`.
#[component]
pub fn MetadataEditor(
    /// The rows, edited in place.
    rows: RwSignal<Vec<MetadataRow>>,
) -> impl IntoView {
    let add = move |_| rows.update(|r| r.push(MetadataRow::new("", "")));
    view! {
        <fieldset class="fieldset">
            <legend>"Metadata"</legend>
            <For
                each=move || rows.get().into_iter().enumerate()
                key=|(i, row)| (*i, row.key)
                children=move |(i, row)| {
                    view! {
                        <div class="metadata-row">
                            <label class="field field--inline">
                                <span class="field__label">{format!("Key {}", i + 1)}</span>
                                <input type="text" bind:value=row.key />
                            </label>
                            <label class="field field--inline">
                                <span class="field__label">{format!("Value {}", i + 1)}</span>
                                <input type="text" bind:value=row.value />
                            </label>
                            <button
                                type="button"
                                class="button button--small"
                                aria-label=format!("Remove metadata row {}", i + 1)
                                on:click=move |_| rows.update(|r| r.retain(|x| x.key != row.key))
                            >
                                "Remove"
                            </button>
                        </div>
                    }
                }
            />
            <button type="button" class="button button--small" on:click=add>"Add metadata"</button>
        </fieldset>
    }
}
