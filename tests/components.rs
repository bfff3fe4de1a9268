//! Component tests in the browser (wasm-bindgen-test, headless Chromium): the condition
//! editor and the dynamic value picker, mounted alone and driven through the DOM as a
//! person would drive them (click, type, choose), then checked by what they hand back.

#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use sandflow::editor::condition_editor::ConditionEditor;
use sandflow::editor::field_picker::FieldPicker;
use sandflow::editor::value_picker::ValuePicker;
use sandflow_engine::{
    duplicate_step, source_fields, sources, templates, Condition, Ids, Op, Problem, SandboxCatalog,
    SourceField, Status, Trigger, Workflow,
};
use serde_json::json;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, Event, EventInit, HtmlElement, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element in the page to mount a component into.
fn container() -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let div: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&div).unwrap();
    div
}

/// Lets the page run what the last interaction scheduled (effects, re-renders).
async fn settle() {
    for _ in 0..3 {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                .unwrap();
        });
        JsFuture::from(promise).await.unwrap();
    }
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.unchecked_into())
        .collect()
}

/// The button whose accessible name (aria-label, else its text) is `name`.
fn button(root: &Element, name: &str) -> HtmlElement {
    all(root, "button")
        .into_iter()
        .find(|b| {
            b.get_attribute("aria-label")
                .unwrap_or_else(|| b.text_content().unwrap_or_default())
                .trim()
                == name
        })
        .unwrap_or_else(|| panic!("no button named {name:?}"))
        .unchecked_into()
}

/// The control labelled `label` (by aria-label, or by the text of its `<label>`).
fn control(root: &Element, label: &str) -> Element {
    if let Some(found) = all(root, "[aria-label]")
        .into_iter()
        .find(|e| e.get_attribute("aria-label").as_deref() == Some(label))
    {
        return found;
    }
    all(root, "label")
        .into_iter()
        .find(|l| l.text_content().unwrap_or_default().contains(label))
        .and_then(|l| l.query_selector("input, select").unwrap())
        .unwrap_or_else(|| panic!("no control labelled {label:?}"))
}

fn fire(target: &Element, kind: &str) {
    let init = EventInit::new();
    init.set_bubbles(true);
    target
        .dispatch_event(&Event::new_with_event_init_dict(kind, &init).unwrap())
        .unwrap();
}

/// Types `text` into an input as a person would: the value changes, `input` and `change`
/// fire.
fn type_into(input: &Element, text: &str) {
    input.unchecked_ref::<HtmlInputElement>().set_value(text);
    fire(input, "input");
    fire(input, "change");
}

fn choose(select: &Element, value: &str) {
    select.unchecked_ref::<HtmlSelectElement>().set_value(value);
    fire(select, "change");
}

fn option_labels(select: &Element) -> Vec<String> {
    all(select, "option")
        .into_iter()
        .map(|o| o.text_content().unwrap_or_default())
        .collect()
}

/// "Tag VIP customers": on payment_intent.succeeded, retrieve the customer, then a branch,
/// then update the customer.
fn tag_vip() -> Workflow {
    templates()
        .into_iter()
        .find(|t| t.name == "Tag VIP customers")
        .expect("template")
        .instantiate(&mut Ids::new(7), 1_700_000_000)
}

fn option_for(options: &[SourceField], reference: &str) -> SourceField {
    options
        .iter()
        .find(|o| o.reference == reference)
        .unwrap_or_else(|| panic!("no option for {reference}"))
        .clone()
}

#[wasm_bindgen_test]
async fn the_dynamic_value_picker_offers_earlier_sources_and_hands_back_the_reference() {
    let workflow = tag_vip();
    let steps: Vec<String> = workflow
        .all_steps()
        .iter()
        .map(|s| s.id().to_owned())
        .collect();
    let (first, last) = (steps[0].clone(), steps[steps.len() - 1].clone());

    // What a step can refer to: the trigger, and only the steps that ran before it.
    let sources = |step: &str| {
        let mut names: Vec<String> = source_fields(&workflow, Some(step), &SandboxCatalog)
            .into_iter()
            .map(|o| o.source)
            .collect();
        names.dedup();
        names
    };
    assert_eq!(
        sources(&first).len(),
        1,
        "the first step sees the trigger only"
    );
    assert!(
        sources(&last).len() > 1,
        "the last step also sees the retrieved customer"
    );
    let options = source_fields(&workflow, Some(&last), &SandboxCatalog);
    let customer = option_for(&options, "trigger.data.object.customer");

    let root = container();
    let picked = RwSignal::new(None::<String>);
    let shown = options.clone();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <ValuePicker
                target="Customer"
                options=Signal::derive(move || shown.clone())
                on_pick=Callback::new(move |reference| picked.set(Some(reference)))
            />
        }
    });
    settle().await;
    let plus = button(&root, "Insert a dynamic value into Customer");
    assert_eq!(
        plus.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    plus.click();
    settle().await;
    assert_eq!(plus.get_attribute("aria-expanded").as_deref(), Some("true"));

    // Every option is "Source | Field"; a search narrows them, word by word.
    let all_options = all(&root, ".picker__option").len();
    assert_eq!(all_options, options.len());
    type_into(&control(&root, "Search fields"), "nothing-is-called-this");
    settle().await;
    assert!(root
        .text_content()
        .unwrap_or_default()
        .contains("No field matches"));
    type_into(&control(&root, "Search fields"), "customer");
    settle().await;
    let narrowed = all(&root, ".picker__option").len();
    assert!(narrowed > 0 && narrowed < all_options);

    button(&root, &customer.title()).click();
    settle().await;
    assert_eq!(
        picked.get_untracked().as_deref(),
        Some("trigger.data.object.customer")
    );
    assert!(
        all(&root, ".popover").is_empty(),
        "the picker closes once a value is chosen"
    );
}

#[wasm_bindgen_test]
async fn two_steps_with_the_same_action_keep_a_heading_each_in_the_field_picker() {
    // The picker grouped fields by source name, so two "Retrieve a customer" steps showed
    // under one heading and a person could not tell whose fields were whose.
    let mut workflow = tag_vip();
    let first = workflow.steps[0].id().to_owned();
    duplicate_step(&mut workflow, &first, &mut Ids::new(99)).expect("duplicate");
    let last = workflow.steps[workflow.steps.len() - 1].id().to_owned();
    let expected: Vec<String> = sources(&workflow, Some(&last), &SandboxCatalog)
        .iter()
        .filter(|s| !s.fields(&SandboxCatalog).is_empty())
        .map(|s| s.name.clone())
        .collect();
    assert!(
        expected.windows(2).any(|w| w[0] == w[1]),
        "two sources side by side share a name: {expected:?}"
    );
    let options = source_fields(&workflow, Some(&last), &SandboxCatalog);

    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <FieldPicker
                options=Signal::derive(move || options.clone())
                on_pick=Callback::new(|_: SourceField| {})
            />
        }
    });
    settle().await;
    let headings: Vec<String> = all(&root, "h4")
        .iter()
        .map(|h| h.text_content().unwrap_or_default())
        .collect();
    assert_eq!(headings, expected);
}

#[wasm_bindgen_test]
async fn the_condition_editor_offers_operators_and_inputs_that_fit_the_field() {
    let mut workflow = Workflow::new("wf_test", 1_700_000_000);
    workflow.trigger = Some(Trigger {
        event_type: "customer.created".into(),
        condition: None,
    });
    workflow.status = Status::Inactive;
    let options = source_fields(&workflow, None, &SandboxCatalog);
    let name = option_for(&options, "trigger.data.object.name");
    let balance = option_for(&options, "trigger.data.object.balance");

    let root = container();
    let condition = RwSignal::new(None::<Condition>);
    let shown = options.clone();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <ConditionEditor
                condition=condition
                options=Signal::derive(move || shown.clone())
                problems=Signal::derive(Vec::<Problem>::new)
                on_change=Callback::new(move |c| condition.set(c))
            />
        }
    });
    settle().await;

    // A text field: text operators, a text value.
    button(&root, "Add condition").click();
    settle().await;
    type_into(&control(&root, "Search fields"), "name");
    settle().await;
    button(&root, &name.title()).click();
    settle().await;
    let operator = control(&root, "Operator");
    let ops = option_labels(&operator);
    assert!(ops.contains(&"starts with".to_owned()), "{ops:?}");
    assert!(!ops.contains(&"is greater than".to_owned()), "{ops:?}");
    choose(&operator, Op::StartsWith.label());
    settle().await;
    type_into(&control(&root, "Value"), "Jean");
    settle().await;
    let stored = serde_json::to_value(condition.get_untracked()).unwrap();
    let row = |v: &serde_json::Value| v.get("compare").cloned().unwrap_or_else(|| v.clone());
    let first = match &stored["all"] {
        serde_json::Value::Array(rows) => row(&rows[0]),
        _ => row(&stored),
    };
    assert_eq!(first["field"], "trigger.data.object.name");
    assert_eq!(first["op"], json!("starts_with"));
    assert_eq!(first["value"], "Jean");

    // A number field: comparisons, no text operators.
    button(&root, "Add condition").click();
    settle().await;
    type_into(&control(&root, "Search fields"), "balance");
    settle().await;
    button(&root, &balance.title()).click();
    settle().await;
    let operators = all(&root, "select[aria-label=\"Operator\"]");
    assert_eq!(operators.len(), 2, "a second row");
    let ops = option_labels(&operators[1]);
    assert!(ops.contains(&"is greater than".to_owned()), "{ops:?}");
    assert!(!ops.contains(&"starts with".to_owned()), "{ops:?}");
    choose(&operators[1], Op::GreaterThan.label());
    settle().await;
    let values = all(&root, "input[aria-label=\"Value\"]");
    type_into(&values[1], "100");
    settle().await;

    // Both rows are in the stored tree, combined with AND.
    let stored = serde_json::to_value(condition.get_untracked()).unwrap();
    let rows = stored["all"].as_array().expect("an AND group").clone();
    assert_eq!(rows.len(), 2);
    let second = row(&rows[1]);
    assert_eq!(second["field"], "trigger.data.object.balance");
    assert_eq!(second["op"], json!("greater_than"));
    assert_eq!(second["value"].as_f64(), Some(100.0));

    // Switching the group to OR keeps the rows.
    choose(&control(&root, "Combine conditions"), "any");
    settle().await;
    let stored = serde_json::to_value(condition.get_untracked()).unwrap();
    assert_eq!(stored["any"].as_array().map(Vec::len), Some(2));
}
