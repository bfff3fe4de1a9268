//! One parameter of a step in the configuration panel: its name, its type, **Required**
//! when it is, an input that fits the type, a "+" for dynamic values, and the engine's
//! problems with it.
//!
//! A list of objects (a subscription's `items`) is edited as rows of these same inputs, one
//! blank row to start with; rows left empty are not stored, so the request holds only what
//! Stripe would receive.
//!
//! Dynamic values are stored as `{{trigger.data.object.id}}` inside the text, as the engine
//! reads them; here they show as chips named "Source | Field", with plain text in inputs
//! between them, so nobody has to read or type the braces.

use leptos::prelude::*;
use sandflow_engine::sandbox::{ActionSpec, ParamKind, ParamSpec};
use sandflow_engine::{Piece, SourceField};
use serde_json::{Map, Value};

use crate::editor::builder::use_builder;
use crate::editor::sources::describe_reference;
use crate::editor::value_picker::ValuePicker;

/// Edits one parameter value.
#[component]
pub fn ParamInput(
    /// The label, e.g. "Customer".
    #[prop(into)]
    label: String,
    /// Its type, which picks the input.
    kind: ParamKind,
    /// Whether it must be filled before activation.
    #[prop(optional)]
    required: bool,
    /// One line on what it does.
    #[prop(optional, into)]
    description: String,
    /// For a list of rows: the action and the parameter's Stripe name (`items`), which name
    /// and describe the rows' fields in the person's language.
    #[prop(optional)]
    rows_of: Option<(&'static ActionSpec, &'static str)>,
    /// The stored value (`null` when unset).
    #[prop(into)]
    value: Signal<Value>,
    /// The fields a dynamic value can come from.
    #[prop(into)]
    options: Signal<Vec<SourceField>>,
    /// The engine's problems with this parameter.
    #[prop(into)]
    problems: Signal<Vec<String>>,
    /// Called with the new value (`null` to clear it).
    on_change: Callback<Value>,
) -> impl IntoView {
    let type_name = type_name(kind);
    let picker_label = label.clone();
    let insert = Callback::new(move |reference: String| {
        let chip = Piece::Value(reference).to_string();
        let next = match (kind, value.get_untracked()) {
            (ParamKind::String | ParamKind::Id(_), Value::String(s)) => Value::String(s + &chip),
            _ => Value::String(chip),
        };
        on_change.run(next);
    });
    let input_label = label.clone();
    let input = match kind {
        ParamKind::Items(fields) => {
            items_input(label.clone(), fields, rows_of, value, options, on_change)
        }
        _ => view! {
            <div class="param__input">
                {move || {
                    let v = value.get();
                    let dynamic = matches!(&v, Value::String(s) if s.contains("{{"));
                    if dynamic || matches!(kind, ParamKind::String) {
                        return text_pieces(input_label.clone(), v, on_change).into_any();
                    }
                    typed_input(input_label.clone(), kind, v, on_change)
                }}
                {(!matches!(kind, ParamKind::Metadata)).then(|| view! {
                    <ValuePicker target=picker_label options=options on_pick=insert />
                })}
            </div>
        }
        .into_any(),
    };
    view! {
        <div class="param" class:param--invalid=move || !problems.with(Vec::is_empty)>
            <div class="param__head">
                <span class="param__label">{label}</span>
                <span class="kind">{type_name}</span>
                {required.then(|| view! { <span class="required">{tr!("Required")}</span> })}
            </div>
            {(!description.is_empty()).then(|| view! { <p class="param__help">{description}</p> })}
            {input}
            <ul class="inline-problems">
                {move || problems.get().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
            </ul>
        </div>
    }
}

/// The rows of a list of objects: each row's fields as their own inputs (so a price can be a
/// dynamic value), at least one row shown, "Add row" for more. Rows with nothing filled in
/// are shown but not stored.
fn items_input(
    label: String,
    fields: &'static [ParamSpec],
    rows_of: Option<(&'static ActionSpec, &'static str)>,
    value: Signal<Value>,
    options: Signal<Vec<SourceField>>,
    on_change: Callback<Value>,
) -> AnyView {
    let blanks = RwSignal::new(0usize);
    let stored = move || match value.get() {
        Value::Array(rows) => rows,
        _ => Vec::new(),
    };
    let commit = move |i: usize, field: &'static str, v: Value| {
        let mut rows = match value.get_untracked() {
            Value::Array(rows) => rows,
            _ => Vec::new(),
        };
        let i = if i < rows.len() {
            i
        } else {
            rows.push(Value::Object(Map::new()));
            blanks.update(|b| *b = b.saturating_sub(1));
            rows.len() - 1
        };
        if let Some(Value::Object(row)) = rows.get_mut(i) {
            if v.is_null() {
                row.remove(field);
            } else {
                row.insert(field.to_owned(), v);
            }
        }
        rows.retain(|r| r.as_object().is_some_and(|o| !o.is_empty()));
        on_change.run(if rows.is_empty() {
            Value::Null
        } else {
            Value::Array(rows)
        });
    };
    let remove = move |i: usize| {
        let mut rows = match value.get_untracked() {
            Value::Array(rows) => rows,
            _ => Vec::new(),
        };
        if i < rows.len() {
            rows.remove(i);
            on_change.run(if rows.is_empty() {
                Value::Null
            } else {
                Value::Array(rows)
            });
        } else {
            blanks.update(|b| *b = b.saturating_sub(1));
        }
    };
    let add_label = trf!("Add a row to {label}", label = label);
    view! {
        <div class="items">
            {move || {
                let rows = stored();
                let count = (rows.len() + blanks.get()).max(1);
                (0..count).map(|i| {
                    let row_label = format!("{label} {}", i + 1);
                    view! {
                        <fieldset class="items__row">
                            <legend>{row_label.clone()}</legend>
                            {fields.iter().map(|f| {
                                let name = f.name;
                                let lang = crate::i18n::lang();
                                let field_label = crate::i18n::catalog::param_label(lang, name);
                                let description = match rows_of {
                                    Some((action, list)) => crate::i18n::catalog::param_description(lang, action, Some(list), f),
                                    None => f.description,
                                };
                                let field_value = Signal::derive(move || value.with(|v| {
                                    v.get(i).and_then(|row| row.get(name)).cloned().unwrap_or(Value::Null)
                                }));
                                view! {
                                    <ParamInput
                                        label=trf!("{row}: {field}", row = row_label, field = field_label)
                                        kind=f.kind
                                        required=f.required
                                        description=description
                                        value=field_value
                                        options=options
                                        problems=Signal::derive(Vec::new)
                                        on_change=Callback::new(move |v: Value| commit(i, name, v))
                                    />
                                }
                            }).collect_view()}
                            <button type="button" class="button button--ghost" aria-label=trf!("Remove {what}", what = row_label) on:click=move |_| remove(i)>{tr!("Remove row")}</button>
                        </fieldset>
                    }
                }).collect_view()
            }}
            <button type="button" class="button" aria-label=add_label on:click=move |_| blanks.update(|b| *b += 1)>{tr!("Add row")}</button>
        </div>
    }
    .into_any()
}

/// The text inputs and chips of a text that may hold dynamic values.
fn text_pieces(label: String, value: Value, on_change: Callback<Value>) -> impl IntoView {
    let builder = use_builder();
    let text = match &value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    let mut parts = Piece::split(&text);
    if !matches!(parts.last(), Some(Piece::Text(_))) {
        parts.push(Piece::Text(String::new()));
    }
    let count = parts.len();
    let shared = StoredValue::new(parts.clone());
    let commit = move |i: usize, piece: Option<Piece>| {
        let mut next = shared.get_value();
        match piece {
            Some(p) => next[i] = p,
            None => {
                next.remove(i);
            }
        }
        let joined: String = next.iter().map(ToString::to_string).collect();
        on_change.run(if joined.is_empty() {
            Value::Null
        } else {
            Value::String(joined)
        });
    };
    view! {
        <div class="pieces">
            {parts.into_iter().enumerate().map(|(i, piece)| match piece {
                Piece::Text(t) => {
                    let aria = if i + 1 == count { label.clone() } else { trf!("{label}, text before a dynamic value", label = label) };
                    view! {
                        <input
                            type="text"
                            class="pieces__text"
                            class:pieces__text--grow=i + 1 == count
                            aria-label=aria
                            prop:value=t
                            on:change=move |e| commit(i, Some(Piece::Text(event_target_value(&e))))
                        />
                    }.into_any()
                }
                Piece::Value(r) => {
                    let title = builder.with(|w| describe_reference(w, &r));
                    view! {
                        <span class="chip" title=r.clone()>
                            {title.clone()}
                            <button type="button" class="chip__remove" aria-label=trf!("Remove {what}", what = title) on:click=move |_| commit(i, None)>"✕"</button>
                        </span>
                    }.into_any()
                }
            }).collect_view()}
        </div>
    }
}

fn typed_input(
    label: String,
    kind: ParamKind,
    value: Value,
    on_change: Callback<Value>,
) -> AnyView {
    match kind {
        ParamKind::Integer | ParamKind::Money => {
            let shown = match &value {
                Value::Null => String::new(),
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            view! {
                <input type="number" step="1" aria-label=label prop:value=shown on:change=move |e| {
                    let t = event_target_value(&e);
                    let v = match t.trim().parse::<i64>() {
                        Ok(n) => Value::Number(n.into()),
                        Err(_) if t.trim().is_empty() => Value::Null,
                        Err(_) => Value::String(t),
                    };
                    on_change.run(v);
                } />
            }
            .into_any()
        }
        ParamKind::Percent => {
            let shown = match &value {
                Value::Null => String::new(),
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            view! {
                <input type="number" step="any" min="0" max="100" aria-label=label prop:value=shown on:change=move |e| {
                    let t = event_target_value(&e);
                    let v = match t.trim().parse::<f64>().ok().filter(|f| f.is_finite()) {
                        Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => Value::from(f as i64),
                        Some(f) => Value::from(f),
                        None if t.trim().is_empty() => Value::Null,
                        None => Value::String(t),
                    };
                    on_change.run(v);
                } />
            }
            .into_any()
        }
        ParamKind::Boolean => {
            let current = value.as_bool();
            view! {
                <select aria-label=label on:change=move |e| {
                    on_change.run(match event_target_value(&e).as_str() {
                        "true" => Value::Bool(true),
                        "false" => Value::Bool(false),
                        _ => Value::Null,
                    });
                }>
                    <option value="" selected=current.is_none()>{tr!("Not set")}</option>
                    <option value="true" selected=current == Some(true)>{tr!("true")}</option>
                    <option value="false" selected=current == Some(false)>{tr!("false")}</option>
                </select>
            }
            .into_any()
        }
        ParamKind::Enum(choices) => {
            let current = value.as_str().map(str::to_owned).unwrap_or_default();
            view! {
                <select aria-label=label on:change=move |e| {
                    let v = event_target_value(&e);
                    on_change.run(if v.is_empty() { Value::Null } else { Value::String(v) });
                }>
                    <option value="" selected=current.is_empty()>{tr!("Not set")}</option>
                    {choices.iter().map(|c| view! { <option value=*c selected=current == *c>{*c}</option> }).collect_view()}
                </select>
            }
            .into_any()
        }
        ParamKind::Timestamp => {
            let shown = value.as_i64().map(date_of).unwrap_or_default();
            view! {
                <input type="date" aria-label=label prop:value=shown on:change=move |e| {
                    let ms = js_sys::Date::parse(&event_target_value(&e));
                    on_change.run(if ms.is_nan() { Value::Null } else { Value::from((ms / 1000.0) as i64) });
                } />
            }
            .into_any()
        }
        ParamKind::List => {
            let shown = match &value {
                Value::Array(items) => items
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(", "),
                _ => String::new(),
            };
            view! {
                <input type="text" aria-label=label placeholder=tr!("Values, separated by commas") prop:value=shown on:change=move |e| {
                    let items: Vec<Value> = event_target_value(&e)
                        .split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(|s| Value::String(s.to_owned()))
                        .collect();
                    on_change.run(if items.is_empty() { Value::Null } else { Value::Array(items) });
                } />
            }
            .into_any()
        }
        ParamKind::Metadata => metadata_input(label, value, on_change).into_any(),
        ParamKind::Id(object) => {
            let shown = value.as_str().map(str::to_owned).unwrap_or_default();
            let prefix = trf!(
                "The {object} ID",
                object =
                    crate::i18n::catalog::param_label(crate::i18n::lang(), object).to_lowercase()
            );
            view! {
                <input type="text" aria-label=label placeholder=prefix prop:value=shown on:change=move |e| {
                    let v = event_target_value(&e);
                    on_change.run(if v.trim().is_empty() { Value::Null } else { Value::String(v.trim().to_owned()) });
                } />
            }
            .into_any()
        }
        ParamKind::String | ParamKind::Items(_) => text_pieces(label, value, on_change).into_any(),
    }
}

/// Key / value rows; values may hold dynamic values.
fn metadata_input(label: String, value: Value, on_change: Callback<Value>) -> impl IntoView {
    let rows: Vec<(String, Value)> = match &value {
        Value::Object(map) => map.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        _ => Vec::new(),
    };
    let shared = StoredValue::new(rows.clone());
    let commit = move |rows: Vec<(String, Value)>| {
        let map: Map<String, Value> = rows
            .into_iter()
            .filter(|(k, _)| !k.trim().is_empty())
            .collect();
        on_change.run(if map.is_empty() {
            Value::Null
        } else {
            Value::Object(map)
        });
    };
    let new_key = RwSignal::new(String::new());
    let new_value = RwSignal::new(String::new());
    view! {
        <div class="metadata">
            {rows.into_iter().enumerate().map(|(i, (k, v))| {
                let value_label = trf!("{label} value for {key}", label = label, key = k);
                view! {
                    <div class="metadata__row">
                        <input type="text" aria-label=trf!("{label} key", label = label) prop:value=k.clone() on:change=move |e| {
                            let mut next = shared.get_value();
                            next[i].0 = event_target_value(&e);
                            commit(next);
                        } />
                        {text_pieces(value_label, v, Callback::new(move |nv: Value| {
                            let mut next = shared.get_value();
                            next[i].1 = if nv.is_null() { Value::String(String::new()) } else { nv };
                            commit(next);
                        }))}
                        <button type="button" class="button button--ghost" aria-label=trf!("Remove {what}", what = k) on:click=move |_| {
                            let mut next = shared.get_value();
                            next.remove(i);
                            commit(next);
                        }>"✕"</button>
                    </div>
                }
            }).collect_view()}
            <div class="metadata__row">
                <input type="text" aria-label=trf!("New {label} key", label = label) placeholder=tr!("Key") prop:value=move || new_key.get() on:input=move |e| new_key.set(event_target_value(&e)) />
                <input type="text" aria-label=trf!("New {label} value", label = label) placeholder=tr!("Value") prop:value=move || new_value.get() on:input=move |e| new_value.set(event_target_value(&e)) />
                <button type="button" class="button" on:click=move |_| {
                    let key = new_key.get_untracked();
                    if key.trim().is_empty() {
                        return;
                    }
                    let mut next = shared.get_value();
                    next.retain(|(k, _)| *k != key);
                    next.push((key.trim().to_owned(), Value::String(new_value.get_untracked())));
                    new_key.set(String::new());
                    new_value.set(String::new());
                    commit(next);
                }>{tr!("Add key")}</button>
            </div>
        </div>
    }
}

fn type_name(kind: ParamKind) -> String {
    match kind {
        ParamKind::String => tr!("text").into(),
        ParamKind::Integer => tr!("whole number").into(),
        ParamKind::Percent => tr!("percentage, decimals allowed").into(),
        ParamKind::Money => tr!("amount in the minor unit").into(),
        ParamKind::Boolean => tr!("true/false").into(),
        ParamKind::Timestamp => tr!("date").into(),
        ParamKind::Enum(_) => tr!("one of a list").into(),
        ParamKind::Id(object) => trf!(
            "{object} ID",
            object = crate::i18n::catalog::param_label(crate::i18n::lang(), object)
        ),
        ParamKind::Metadata => tr!("key/value pairs").into(),
        ParamKind::List => tr!("list of text").into(),
        ParamKind::Items(_) => tr!("list of rows").into(),
    }
}

/// `YYYY-MM-DD` (UTC) of Unix seconds.
fn date_of(seconds: i64) -> String {
    let iso: String = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(seconds as f64 * 1000.0))
        .to_iso_string()
        .into();
    iso.chars().take(10).collect()
}
