//! The condition editor: rows of "field, operator, value" combined with AND / OR, for the
//! trigger conditions and for a condition step.
//!
//! The field comes from the [field picker](crate::editor::field_picker), so it is one
//! the trigger (or an earlier step) really has; the operators are the engine's for the
//! field's type ([`Op::for_kind`]); the value input fits the type: text, number, an amount
//! with its currency, a date, a true/false toggle. A list field says that only its first
//! 100 items are checked. The edited tree is the engine's [`Condition`], as stored.

use crate::i18n::errors::Worded;
use leptos::html;
use leptos::prelude::*;
use sandflow_engine::limits::LIST_ITEM_LIMIT;
use sandflow_engine::{
    add_compare, add_group, compare_for, finish, normalize, parse_value, remove_node,
    replace_compare, set_combinator, value_text, Combinator, Compare, Condition,
    ConditionEditError, Op, Problem, Quantifier, Reference, SourceField, ValueKind,
};
use serde_json::Value;

use crate::components::focus::{refocus_after_render, focus_first};
use crate::editor::field_picker::FieldPicker;

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

/// One edit of the tree, as the engine's condition edits take it.
type Edit<'a> = &'a dyn Fn(&mut Condition) -> Result<(), ConditionEditError>;

/// Edits a condition tree; `None` is "no condition".
///
/// Every change is one of the engine's condition edits on the tree as stored now. One can
/// be refused when the tree changed under an open choice (a field picked for a group that
/// an undo has just removed); the refusal is shown and nothing changes.
#[component]
pub fn ConditionEditor(
    /// The condition as stored.
    #[prop(into)]
    condition: Signal<Option<Condition>>,
    /// The fields it can read.
    #[prop(into)]
    options: Signal<Vec<SourceField>>,
    /// Validation problems of this condition (shown on the row of their field).
    #[prop(into)]
    problems: Signal<Vec<Problem>>,
    /// Called with the edited condition.
    on_change: Callback<Option<Condition>>,
    /// The workflow's trigger, which decides the operators that can hold (`changed` only
    /// on an update); every operator of the type without it.
    #[prop(optional, into)]
    event_type: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let adding = RwSignal::new(None::<Adding>);
    let refusal = RwSignal::new(None::<String>);
    let root = NodeRef::<html::Div>::new();
    // Focus after the field picker: on the operator of the row it filled, or back on
    // "Add condition" when it closed without a choice. The editor is found again once
    // drawn: a change may have drawn a new one.
    let focus_after = move |selector: String| {
        let id = root.try_get_untracked().flatten().map(|r| r.id());
        refocus_after_render(move || {
            let found = id.and_then(|id| document().get_element_by_id(&id));
            let Some(root) = found.or_else(|| {
                document()
                    .query_selector("aside.panel .conditions")
                    .ok()
                    .flatten()
            }) else {
                return;
            };
            let _ =
                focus_first(&root, &selector) || focus_first(&root, ".conditions__actions button");
        });
    };
    let edit = move |change: Edit<'_>| {
        let mut tree = normalize(condition.get_untracked());
        match change(&mut tree) {
            Ok(()) => {
                refusal.set(None);
                on_change.run(finish(tree));
            }
            Err(e) => refusal.set(Some(e.worded())),
        }
    };
    let pick = Callback::new(move |f: SourceField| {
        let Ok(field) = Reference::parse(&f.reference) else {
            return;
        };
        let Some(to) = adding.get_untracked() else {
            return;
        };
        let compare = compare_for(field, f.kind);
        adding.set(None);
        let operator = "select[aria-label=\"Operator\"]";
        focus_after(match &to {
            Adding::Row(group) if group.is_empty() => {
                format!(":scope > ol > li:last-child {operator}")
            }
            Adding::Row(group) => format!(
                ":scope > ol > li:nth-child({}) li:last-child {operator}",
                group[0] + 1
            ),
            Adding::Group => format!(":scope > ol > li:last-child {operator}"),
            Adding::Field(path) => match path.as_slice() {
                [i] => format!(":scope > ol > li:nth-child({}) {operator}", i + 1),
                [i, j, ..] => format!(
                    ":scope > ol > li:nth-child({}) li:nth-child({}) {operator}",
                    i + 1,
                    j + 1
                ),
                [] => operator.to_owned(),
            },
        });
        edit(&|tree| match &to {
            Adding::Row(group) => add_compare(tree, group, compare.clone()),
            Adding::Group => add_group(tree, &[], compare.clone()),
            Adding::Field(path) => replace_compare(tree, path, compare.clone()),
        });
    });
    let remove = move |path: Vec<usize>| edit(&|tree| remove_node(tree, &path).map(drop));
    let row = move |path: Vec<usize>, c: Compare| {
        let event_type = event_type.and_then(|t| t.get_untracked());
        compare_row(path, c, event_type, options, problems, adding, edit).into_any()
    };
    let combinator = move |path: Vec<usize>, group: &Condition| {
        let is_any = Combinator::of(group) == Some(Combinator::Any);
        view! {
            <select
                class="combinator"
                aria-label=tr!("Combine conditions")
                on:change=move |e| {
                    let combinator = if event_target_value(&e) == "any" {
                        Combinator::Any
                    } else {
                        Combinator::All
                    };
                    edit(&|tree| set_combinator(tree, &path, combinator));
                }
            >
                <option value="all" selected=!is_any>{tr!("AND: all of these hold")}</option>
                <option value="any" selected=is_any>{tr!("OR: any of these holds")}</option>
            </select>
        }
    };
    view! {
        <div class="conditions" id=next_editor_id() node_ref=root>
            {move || refusal.get().map(|r| view! { <p class="callout callout--danger" role="alert">{r}</p> })}
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
                                            {tr!("Add condition to group")}
                                        </button>
                                    </li>
                                }.into_any()
                            }
                            other => view! {
                                <li class="condition-row">
                                    <span>{other.describe()}</span>
                                    <button type="button" class="button button--ghost" on:click=move |_| remove(vec![i])>{tr!("Remove")}</button>
                                </li>
                            }.into_any(),
                        }).collect_view()}
                    </ol>
                }
            }}
            <div class="conditions__actions">
                <button type="button" class="button" on:click=move |_| adding.set(Some(Adding::Row(Vec::new())))>{tr!("Add condition")}</button>
                <Show when=move || condition.with(Option::is_some)>
                    <button type="button" class="button button--ghost" on:click=move |_| adding.set(Some(Adding::Group))>{tr!("Add group")}</button>
                </Show>
            </div>
            <Show when=move || adding.with(Option::is_some)>
                <div class="popover">
                    <div class="popover__header">
                        <strong>{tr!("Choose a field")}</strong>
                        <button type="button" class="button button--ghost" on:click=move |_| { adding.set(None); focus_after(String::new()); }>{tr!("Cancel")}</button>
                    </div>
                    <FieldPicker options=options on_pick=pick on_close=Callback::new(move |()| { adding.set(None); focus_after(String::new()); }) />
                </div>
            </Show>
        </div>
    }
}

/// A page-unique id for a condition editor, by which focus finds it after a redraw.
fn next_editor_id() -> String {
    thread_local!(static NEXT: std::cell::Cell<u32> = const { std::cell::Cell::new(0) });
    NEXT.with(|n| {
        n.set(n.get() + 1);
        format!("conditions-{}", n.get())
    })
}

fn compare_row(
    path: Vec<usize>,
    c: Compare,
    event_type: Option<String>,
    options: Signal<Vec<SourceField>>,
    problems: Signal<Vec<Problem>>,
    adding: RwSignal<Option<Adding>>,
    edit: impl Fn(Edit<'_>) + Copy + 'static,
) -> impl IntoView {
    let field = c.field.to_string();
    let title = options
        .with_untracked(|all| {
            all.iter()
                .find(|o| o.reference == field)
                .map(SourceField::title)
        })
        .unwrap_or_else(|| field.clone());
    let here = field.clone();
    let messages = Memo::new(move |_| {
        problems.with(|all| {
            all.iter()
                .filter(|p| p.location.param.as_deref() == Some(here.as_str()))
                .map(|p| {
                    crate::i18n::catalog::issue_text(
                        crate::i18n::lang(),
                        &p.issue,
                        p.location.param.as_deref(),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let update = {
        let path = path.clone();
        let c = c.clone();
        move |f: &dyn Fn(&mut Compare)| {
            let mut next = c.clone();
            f(&mut next);
            edit(&|tree| replace_compare(tree, &path, next.clone()));
        }
    };
    let update_op = update.clone();
    let update_q = update.clone();
    // The operators that can hold here, and the one chosen even if it cannot (validation
    // says why), so the row shows what is stored.
    let mut ops = Op::for_field(&c.field, c.kind, event_type.as_deref());
    if !ops.contains(&c.op) {
        ops.push(c.op);
    }
    let current = c.op;
    let remove_path = path.clone();
    let field_path = path.clone();
    view! {
        <div class="condition-row" class:condition-row--invalid=move || !messages.with(Vec::is_empty)>
            <button type="button" class="condition-row__field" title=tr!("Change the field") on:click=move |_| adding.set(Some(Adding::Field(field_path.clone())))>
                {title}
                <span class="kind">{crate::i18n::catalog::kind_label(crate::i18n::lang(), c.kind)}</span>
            </button>
            {(c.kind == ValueKind::List).then(|| view! {
                <select aria-label=tr!("Which items") on:change=move |e| {
                    let q = match event_target_value(&e).as_str() {
                        "all" => Quantifier::All,
                        "none" => Quantifier::None,
                        _ => Quantifier::Any,
                    };
                    update_q(&|c: &mut Compare| c.quantifier = q);
                }>
                    {[("any", Quantifier::Any), ("all", Quantifier::All), ("none", Quantifier::None)].into_iter().map(|(v, q)| view! {
                        <option value=v selected=c.quantifier == q>{crate::i18n::catalog::quantifier_label(crate::i18n::lang(), q)}</option>
                    }).collect_view()}
                </select>
            })}
            <select aria-label=tr!("Operator") on:change=move |e| {
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
                {ops.into_iter().map(|op| view! { <option value=op.label() selected=op == current>{crate::i18n::catalog::operator_label(crate::i18n::lang(), op)}</option> }).collect_view()}
            </select>
            {c.op.needs_value().then(|| value_input(&c, update.clone()))}
            <button type="button" class="button button--ghost" aria-label=tr!("Remove condition") on:click=move |_| edit(&|tree| remove_node(tree, &remove_path).map(drop))>"✕"</button>
            {(c.kind == ValueKind::List).then(|| view! {
                <p class="note">{trf!("Only the first {n} items of a list are checked; items beyond are never looked at.", n = LIST_ITEM_LIMIT)}</p>
            })}
            <ul class="inline-problems">{move || messages.get().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
        </div>
    }
}

fn value_input(c: &Compare, update: impl Fn(&dyn Fn(&mut Compare)) + Clone + 'static) -> AnyView {
    let op = c.op;
    match c.kind {
        ValueKind::Boolean => {
            let checked = c.value.as_bool().unwrap_or(false);
            view! {
                <label class="toggle">
                    <input type="checkbox" prop:checked=checked on:change=move |e| {
                        let on = event_target_checked(&e);
                        update(&|c: &mut Compare| c.value = Value::Bool(on));
                    } />
                    <span>{tr!("true")}</span>
                </label>
            }
            .into_any()
        }
        ValueKind::Timestamp => {
            let shown = c.value.as_i64().map(date_of).unwrap_or_default();
            view! {
                <input type="date" aria-label=tr!("Value") prop:value=shown on:change=move |e| {
                    let v = seconds_of(&event_target_value(&e)).map(Value::from).unwrap_or(Value::Null);
                    update(&|c: &mut Compare| c.value = v.clone());
                } />
            }
            .into_any()
        }
        ValueKind::Money => {
            let shown = value_text(&c.value);
            let currency = c.currency.clone().unwrap_or_default();
            let update_currency = update.clone();
            view! {
                <input type="text" inputmode="decimal" aria-label=tr!("Value") placeholder=tr!("Amount, e.g. 10.50") prop:value=shown on:change=move |e| {
                    let v = parse_value(&event_target_value(&e), ValueKind::Money, op);
                    update(&|c: &mut Compare| c.value = v.clone());
                } />
                <input type="text" class="input--short" aria-label=tr!("Currency") placeholder="usd" maxlength="3" prop:value=currency on:change=move |e| {
                    let cur = event_target_value(&e).trim().to_lowercase();
                    update_currency(&|c: &mut Compare| c.currency = (!cur.is_empty()).then(|| cur.clone()));
                } />
            }
            .into_any()
        }
        kind => {
            let shown = value_text(&c.value);
            let hint = if matches!(op, Op::OneOf | Op::NotOneOf) {
                tr!("Values, separated by commas")
            } else {
                tr!("Value")
            };
            view! {
                <input type="text" aria-label=tr!("Value") placeholder=hint prop:value=shown on:change=move |e| {
                    let v = parse_value(&event_target_value(&e), kind, op);
                    update(&|c: &mut Compare| c.value = v.clone());
                } />
            }
            .into_any()
        }
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
