//! The condition editor: rows of "field, operator, value" combined with AND / OR, for the
//! trigger conditions and for a condition step.
//!
//! The field comes from the [field picker](crate::components::field_picker), so it is one
//! the trigger (or an earlier step) really has; the operators are the engine's for the
//! field's type ([`Op::for_kind`]); the value input fits the type: text, number, an amount
//! with its currency, a date, a true/false toggle. A list field says that only its first
//! 100 items are checked. The edited tree is the engine's [`Condition`], as stored.

use leptos::prelude::*;
use sandflow_engine::limits::LIST_ITEM_LIMIT;
use sandflow_engine::{
    kind_name, Compare, Condition, Op, Problem, Quantifier, Reference, ValueKind,
};
use serde_json::Value;

use crate::components::field_picker::FieldPicker;
use crate::components::sources::FieldOption;

/// Where a picked field goes.
#[derive(Clone, Debug, PartialEq)]
enum Adding {
    /// A new row in the group at this path (`[]`: the top group).
    Row(Vec<usize>),
    /// A new nested group holding one row.
    Group,
    /// Replaces the field of the row at this path.
    Field(Vec<usize>),
}

/// Edits a condition tree; `None` is "no condition".
#[component]
pub fn ConditionEditor(
    /// The condition as stored.
    #[prop(into)]
    condition: Signal<Option<Condition>>,
    /// The fields it can read.
    #[prop(into)]
    options: Signal<Vec<FieldOption>>,
    /// Validation problems of this condition (shown on the row of their field).
    #[prop(into)]
    problems: Signal<Vec<Problem>>,
    /// Called with the edited condition.
    on_change: Callback<Option<Condition>>,
) -> impl IntoView {
    let adding = RwSignal::new(None::<Adding>);
    let root = move || normalize(condition.get_untracked());
    let emit = move |next: Condition| {
        let empty = matches!(&next, Condition::All(c) | Condition::Any(c) if c.is_empty());
        on_change.run((!empty).then_some(next));
    };
    let pick = Callback::new(move |o: FieldOption| {
        let Ok(field) = Reference::parse(&o.reference) else {
            return;
        };
        let mut next = root();
        match adding.get_untracked() {
            Some(Adding::Row(path)) => {
                if let Some(Condition::All(items) | Condition::Any(items)) =
                    node_mut(&mut next, &path)
                {
                    items.push(Condition::Compare(compare_for(field, o.kind)));
                }
            }
            Some(Adding::Group) => {
                let row = Condition::Compare(compare_for(field, o.kind));
                let group = match &next {
                    Condition::Any(_) => Condition::All(vec![row]),
                    _ => Condition::Any(vec![row]),
                };
                if let Condition::All(items) | Condition::Any(items) = &mut next {
                    items.push(group);
                }
            }
            Some(Adding::Field(path)) => {
                if let Some(Condition::Compare(c)) = node_mut(&mut next, &path) {
                    *c = compare_for(field, o.kind);
                }
            }
            None => return,
        }
        adding.set(None);
        emit(next);
    });
    let set_node = move |path: Vec<usize>, node: Option<Condition>| {
        let mut next = root();
        match node {
            Some(n) => {
                if let Some(slot) = node_mut(&mut next, &path) {
                    *slot = n;
                }
            }
            None => remove(&mut next, &path),
        }
        emit(next);
    };
    let row = move |path: Vec<usize>, c: Compare| {
        compare_row(path, c, options, problems, adding, set_node).into_any()
    };
    let combinator = move |path: Vec<usize>, group: &Condition| {
        let is_any = matches!(group, Condition::Any(_));
        view! {
            <select
                class="combinator"
                aria-label="Combine conditions"
                on:change=move |e| {
                    let any = event_target_value(&e) == "any";
                    let mut next = root();
                    if let Some(node) = node_mut(&mut next, &path) {
                        let items = match std::mem::replace(node, Condition::All(Vec::new())) {
                            Condition::All(items) | Condition::Any(items) => items,
                            other => vec![other],
                        };
                        *node = if any { Condition::Any(items) } else { Condition::All(items) };
                    }
                    emit(next);
                }
            >
                <option value="all" selected=!is_any>"AND: all of these hold"</option>
                <option value="any" selected=is_any>"OR: any of these holds"</option>
            </select>
        }
    };
    view! {
        <div class="conditions">
            {move || {
                let top = normalize(condition.get());
                let items = match &top {
                    Condition::All(items) | Condition::Any(items) => items.clone(),
                    _ => Vec::new(),
                };
                let show_combinator = items.len() > 1;
                view! {
                    {show_combinator.then(|| combinator(Vec::new(), &top))}
                    <ol class="conditions__rows">
                        {items.into_iter().enumerate().map(|(i, item)| match item {
                            Condition::Compare(c) => view! { <li>{row(vec![i], c)}</li> }.into_any(),
                            group @ (Condition::All(_) | Condition::Any(_)) => {
                                let inner = match &group {
                                    Condition::All(v) | Condition::Any(v) => v.clone(),
                                    _ => Vec::new(),
                                };
                                view! {
                                    <li class="conditions__group">
                                        {combinator(vec![i], &group)}
                                        <ol class="conditions__rows">
                                            {inner.into_iter().enumerate().map(|(j, c)| match c {
                                                Condition::Compare(c) => view! { <li>{row(vec![i, j], c)}</li> }.into_any(),
                                                other => view! { <li class="muted">{other.describe()}</li> }.into_any(),
                                            }).collect_view()}
                                        </ol>
                                        <button type="button" class="button button--ghost" on:click=move |_| adding.set(Some(Adding::Row(vec![i])))>
                                            "Add condition to group"
                                        </button>
                                    </li>
                                }.into_any()
                            }
                            other => view! {
                                <li class="condition-row">
                                    <span>{other.describe()}</span>
                                    <button type="button" class="button button--ghost" on:click=move |_| set_node(vec![i], None)>"Remove"</button>
                                </li>
                            }.into_any(),
                        }).collect_view()}
                    </ol>
                }
            }}
            <div class="conditions__actions">
                <button type="button" class="button" on:click=move |_| adding.set(Some(Adding::Row(Vec::new())))>"Add condition"</button>
                <Show when=move || condition.with(Option::is_some)>
                    <button type="button" class="button button--ghost" on:click=move |_| adding.set(Some(Adding::Group))>"Add group"</button>
                </Show>
            </div>
            <Show when=move || adding.with(Option::is_some)>
                <div class="popover">
                    <div class="popover__header">
                        <strong>"Choose a field"</strong>
                        <button type="button" class="button button--ghost" on:click=move |_| adding.set(None)>"Cancel"</button>
                    </div>
                    <FieldPicker options=options on_pick=pick />
                </div>
            </Show>
        </div>
    }
}

fn compare_row(
    path: Vec<usize>,
    c: Compare,
    options: Signal<Vec<FieldOption>>,
    problems: Signal<Vec<Problem>>,
    adding: RwSignal<Option<Adding>>,
    set_node: impl Fn(Vec<usize>, Option<Condition>) + Copy + 'static,
) -> impl IntoView {
    let field = c.field.to_string();
    let title = options
        .with_untracked(|all| {
            all.iter()
                .find(|o| o.reference == field)
                .map(FieldOption::title)
        })
        .unwrap_or_else(|| field.clone());
    let here = field.clone();
    let messages = Memo::new(move |_| {
        problems.with(|all| {
            all.iter()
                .filter(|p| p.location.param.as_deref() == Some(here.as_str()))
                .map(|p| p.issue.to_string())
                .collect::<Vec<_>>()
        })
    });
    let update = {
        let path = path.clone();
        let c = c.clone();
        move |f: &dyn Fn(&mut Compare)| {
            let mut next = c.clone();
            f(&mut next);
            set_node(path.clone(), Some(Condition::Compare(next)));
        }
    };
    let update_op = update.clone();
    let update_q = update.clone();
    let ops = Op::for_kind(c.kind);
    let current = c.op;
    let remove_path = path.clone();
    let field_path = path.clone();
    view! {
        <div class="condition-row" class:condition-row--invalid=move || !messages.with(Vec::is_empty)>
            <button type="button" class="condition-row__field" title="Change the field" on:click=move |_| adding.set(Some(Adding::Field(field_path.clone())))>
                {title}
                <span class="kind">{kind_name(c.kind)}</span>
            </button>
            {(c.kind == ValueKind::List).then(|| view! {
                <select aria-label="Which items" on:change=move |e| {
                    let q = match event_target_value(&e).as_str() {
                        "all" => Quantifier::All,
                        "none" => Quantifier::None,
                        _ => Quantifier::Any,
                    };
                    update_q(&|c: &mut Compare| c.quantifier = q);
                }>
                    {[("any", Quantifier::Any), ("all", Quantifier::All), ("none", Quantifier::None)].into_iter().map(|(v, q)| view! {
                        <option value=v selected=c.quantifier == q>{q.label()}</option>
                    }).collect_view()}
                </select>
            })}
            <select aria-label="Operator" on:change=move |e| {
                let label = event_target_value(&e);
                if let Some(op) = Op::ALL.into_iter().find(|o| o.label() == label) {
                    update_op(&|c: &mut Compare| {
                        c.op = op;
                        if !op.needs_value() {
                            c.value = Value::Null;
                        }
                    });
                }
            }>
                {ops.into_iter().map(|op| view! { <option value=op.label() selected=op == current>{op.label()}</option> }).collect_view()}
            </select>
            {c.op.needs_value().then(|| value_input(&c, update.clone()))}
            <button type="button" class="button button--ghost" aria-label="Remove condition" on:click=move |_| set_node(remove_path.clone(), None)>"✕"</button>
            {(c.kind == ValueKind::List).then(|| view! {
                <p class="note">{format!("Only the first {LIST_ITEM_LIMIT} items of a list are checked; items beyond are never looked at.")}</p>
            })}
            <ul class="inline-problems">{move || messages.get().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
        </div>
    }
}

fn value_input(c: &Compare, update: impl Fn(&dyn Fn(&mut Compare)) + Clone + 'static) -> AnyView {
    let list_op = matches!(c.op, Op::OneOf | Op::NotOneOf);
    match c.kind {
        ValueKind::Boolean => {
            let checked = c.value.as_bool().unwrap_or(false);
            view! {
                <label class="toggle">
                    <input type="checkbox" prop:checked=checked on:change=move |e| {
                        let on = event_target_checked(&e);
                        update(&|c: &mut Compare| c.value = Value::Bool(on));
                    } />
                    <span>"true"</span>
                </label>
            }
            .into_any()
        }
        ValueKind::Timestamp => {
            let shown = c.value.as_i64().map(date_of).unwrap_or_default();
            view! {
                <input type="date" aria-label="Value" prop:value=shown on:change=move |e| {
                    let v = seconds_of(&event_target_value(&e)).map(Value::from).unwrap_or(Value::Null);
                    update(&|c: &mut Compare| c.value = v.clone());
                } />
            }
            .into_any()
        }
        ValueKind::Money => {
            let shown = text_of(&c.value);
            let currency = c.currency.clone().unwrap_or_default();
            let update_currency = update.clone();
            view! {
                <input type="text" inputmode="decimal" aria-label="Value" placeholder="Amount, e.g. 10.50" prop:value=shown on:change=move |e| {
                    let v = parse_values(&event_target_value(&e), list_op, true);
                    update(&|c: &mut Compare| c.value = v.clone());
                } />
                <input type="text" class="input--short" aria-label="Currency" placeholder="usd" maxlength="3" prop:value=currency on:change=move |e| {
                    let cur = event_target_value(&e).trim().to_lowercase();
                    update_currency(&|c: &mut Compare| c.currency = (!cur.is_empty()).then(|| cur.clone()));
                } />
            }
            .into_any()
        }
        kind => {
            let numeric = kind == ValueKind::Number;
            let shown = text_of(&c.value);
            let hint = if list_op {
                "Values, separated by commas"
            } else {
                "Value"
            };
            view! {
                <input type="text" aria-label="Value" placeholder=hint prop:value=shown on:change=move |e| {
                    let v = parse_values(&event_target_value(&e), list_op, numeric);
                    update(&|c: &mut Compare| c.value = v.clone());
                } />
            }
            .into_any()
        }
    }
}

/// A comparison on `field` with the first operator that fits its type.
fn compare_for(field: Reference, kind: ValueKind) -> Compare {
    Compare {
        field,
        op: Op::for_kind(kind).first().copied().unwrap_or(Op::Exists),
        value: Value::Null,
        kind,
        quantifier: Quantifier::Any,
        currency: None,
    }
}

/// The tree as a top-level group, so the editor always shows rows.
fn normalize(condition: Option<Condition>) -> Condition {
    match condition {
        None => Condition::All(Vec::new()),
        Some(group @ (Condition::All(_) | Condition::Any(_))) => group,
        Some(single) => Condition::All(vec![single]),
    }
}

fn node_mut<'a>(root: &'a mut Condition, path: &[usize]) -> Option<&'a mut Condition> {
    let Some((first, rest)) = path.split_first() else {
        return Some(root);
    };
    match root {
        Condition::All(items) | Condition::Any(items) => node_mut(items.get_mut(*first)?, rest),
        _ => None,
    }
}

/// Removes the node at `path`, and a nested group left empty by it.
fn remove(root: &mut Condition, path: &[usize]) {
    let Some((last, parent)) = path.split_last() else {
        return;
    };
    if let Some(Condition::All(items) | Condition::Any(items)) = node_mut(root, parent) {
        if *last < items.len() {
            items.remove(*last);
        }
        if items.is_empty() && !parent.is_empty() {
            remove(root, parent);
        }
    }
}

/// What a person typed, as the JSON value the engine compares with.
fn parse_values(text: &str, list: bool, numeric: bool) -> Value {
    let one = |t: &str| -> Value {
        let t = t.trim();
        if numeric {
            if let Ok(n) = t.parse::<f64>() {
                return serde_json::Number::from_f64(n)
                    .map(Value::Number)
                    .unwrap_or(Value::Null);
            }
        }
        if t.is_empty() {
            Value::Null
        } else {
            Value::String(t.to_owned())
        }
    };
    if list {
        Value::Array(text.split(',').map(one).filter(|v| !v.is_null()).collect())
    } else {
        one(text)
    }
}

fn text_of(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(text_of).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

/// `YYYY-MM-DD` (UTC) of Unix seconds.
fn date_of(seconds: i64) -> String {
    let iso: String = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(seconds as f64 * 1000.0))
        .to_iso_string()
        .into();
    iso.chars().take(10).collect()
}

/// Unix seconds of `YYYY-MM-DD` at midnight UTC.
fn seconds_of(date: &str) -> Option<i64> {
    let ms = js_sys::Date::parse(date);
    (!ms.is_nan()).then(|| (ms / 1000.0) as i64)
}
