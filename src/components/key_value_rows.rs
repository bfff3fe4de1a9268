//! Editable key / value rows: a customer's Stripe `metadata` and the Event generator's
//! field overrides (`path = value`) are both this list, with their own labels.

use leptos::prelude::*;

/// One key / value row.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KeyValue {
    /// The key typed.
    pub key: RwSignal<String>,
    /// The value typed.
    pub value: RwSignal<String>,
}

impl KeyValue {
    /// A row holding `key` and `value`.
    pub fn new(key: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            key: RwSignal::new(key.into()),
            value: RwSignal::new(value.into()),
        }
    }

    /// The rows that have a key, as (trimmed key, value as typed).
    pub fn pairs(rows: &[KeyValue]) -> impl Iterator<Item = (String, String)> + '_ {
        rows.iter().filter_map(|r| {
            let key = r.key.get_untracked().trim().to_owned();
            (!key.is_empty()).then(|| (key, r.value.get_untracked()))
        })
    }
}

/// What the rows are called: the labels of their fields and buttons.
#[derive(Clone, Copy, Debug)]
pub struct RowLabels {
    /// The key's label, numbered: "Key 1", "Field path 1".
    pub key: &'static str,
    /// The example text of the key.
    pub key_example: &'static str,
    /// The example text of the value.
    pub value_example: &'static str,
    /// The remove button's accessible name, numbered: "Remove metadata row 1".
    pub remove: &'static str,
    /// The add button's text.
    pub add: &'static str,
}

/// Key / value rows edited in place, with **Remove** on each and an add button.
#[component]
pub fn KeyValueRows(
    /// The rows, edited in place.
    rows: RwSignal<Vec<KeyValue>>,
    /// What the rows are called.
    labels: RowLabels,
) -> impl IntoView {
    view! {
        <For
            each=move || rows.get().into_iter().enumerate()
            key=|(i, row)| (*i, row.key)
            children=move |(i, row)| view! {
                <div class="kv-row">
                    <label class="field field--inline">
                        <span class="field__label">{format!("{} {}", labels.key, i + 1)}</span>
                        <input type="text" placeholder=labels.key_example bind:value=row.key />
                    </label>
                    <label class="field field--inline">
                        <span class="field__label">{trf!("Value {n}", n = i + 1)}</span>
                        <input type="text" placeholder=labels.value_example bind:value=row.value />
                    </label>
                    <button
                        type="button"
                        class="button button--small"
                        aria-label=format!("{} {}", labels.remove, i + 1)
                        on:click=move |_| rows.update(|all| all.retain(|x| x.key != row.key))
                    >
                        {tr!("Remove")}
                    </button>
                </div>
            }
        />
        <button type="button" class="button button--small" on:click=move |_| rows.update(|all| all.push(KeyValue::new("", "")))>
            {labels.add}
        </button>
    }
}
