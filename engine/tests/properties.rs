//! Property tests: arbitrary events, conditions, templates and imports never panic and
//! give what they promise (a template renders as it parses; an import is valid workflows
//! or its problems), and a workflow validation accepts is never rejected as malformed
//! when it runs.

mod common;

use common::{event, FakeAccount, TestCatalog};
use proptest::prelude::*;
use sandflow_engine::Piece;
use sandflow_engine::{
    dispatch, has_errors, import, render_value, validate, Compare, Condition, Dispatcher, Ids, Op,
    Quantifier, Reference, Scope, Status, Step, Template, Trigger, ValueKind, Workflow,
};
use serde_json::{json, Map, Value};

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        prop::sample::select(vec![0.5, -2.25, 1e3, 10.01]).prop_map(|n| json!(n)),
        "[a-z ]{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::btree_map("[a-c]{1,2}|amount|currency|name|data", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn kind() -> impl Strategy<Value = ValueKind> {
    prop::sample::select(ValueKind::ALL.to_vec())
}

fn compare() -> impl Strategy<Value = Condition> {
    (
        "(data\\.object|data\\.previous_attributes|id|type)(\\.(a|b|c|amount|name|data|0|1)){0,3}",
        prop::sample::select(Op::ALL.to_vec()),
        kind(),
        json_value(),
        prop::sample::select(vec![Quantifier::Any, Quantifier::All, Quantifier::None]),
        prop::option::of(prop::sample::select(vec!["usd", "jpy", "kwd"])),
    )
        .prop_map(|(path, op, kind, value, quantifier, currency)| {
            Condition::Compare(Compare {
                field: Reference::trigger(&path).unwrap(),
                op,
                value,
                kind,
                quantifier,
                currency: currency.map(str::to_owned),
            })
        })
}

fn condition() -> impl Strategy<Value = Condition> {
    compare().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Condition::All),
            prop::collection::vec(inner.clone(), 0..4).prop_map(Condition::Any),
            inner.prop_map(|c| Condition::Not(Box::new(c))),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn conditions_never_panic(object in json_value(), previous in prop::option::of(json_value()), c in condition(), updated in any::<bool>()) {
        let mut e = event("evt_1", if updated { "customer.updated" } else { "customer.created" }, object);
        e.data.previous_attributes = previous;
        let scope = Scope::new(&e);
        let holds = c.eval(&scope);
        // Not is the exact negation of what it wraps.
        prop_assert_eq!(Condition::Not(Box::new(c.clone())).eval(&scope), !holds);
        let _ = c.describe();
        // The tree survives JSON.
        let text = serde_json::to_string(&c).unwrap();
        prop_assert_eq!(serde_json::from_str::<Condition>(&text).unwrap(), c);
    }

    #[test]
    fn a_value_renders_as_its_text_parses(text in "[a-z{}. _0-9]{0,40}", object in json_value()) {
        let e = event("evt_1", "customer.created", object);
        let scope = Scope::new(&e);
        let parsed = Template::parse(&text);
        let rendered = render_value(&Value::String(text.clone()), &scope);
        // Text without `{{` is never parsed; otherwise the value is its template's render,
        // or the parse error itself.
        let want = match &parsed {
            _ if !text.contains("{{") => Ok(Value::String(text.clone())),
            Ok(t) => Ok(t.render(&scope)),
            Err(error) => Err(error.clone()),
        };
        prop_assert_eq!(rendered, want);
        if let Ok(t) = parsed {
            let _ = t.render_text(&scope);
        }
    }

    #[test]
    fn text_without_braces_renders_as_itself(text in "[^{}]{0,40}") {
        let e = event("evt_1", "customer.created", json!({}));
        prop_assert_eq!(render_value(&Value::String(text.clone()), &Scope::new(&e)).unwrap(), Value::String(text));
    }

    #[test]
    fn pieces_write_back_to_the_text_they_came_from(text in "[a-z{}.]{0,40}") {
        let joined: String = Piece::split(&text).iter().map(ToString::to_string).collect();
        prop_assert_eq!(joined, text);
    }

    #[test]
    fn an_import_gives_valid_workflows_or_its_problems(text in ".{0,200}", value in json_value()) {
        let wrapped = json!({"format_version": 1, "workflows": [value]}).to_string();
        for (input, items) in [(text, None), (wrapped, Some(1))] {
            match import(&input, &[], &TestCatalog, &mut Ids::new(1)) {
                Ok(workflows) => {
                    // Accepted: every workflow is there, with a unique id, and valid.
                    if let Some(n) = items {
                        prop_assert_eq!(workflows.len(), n);
                    }
                    let mut ids: Vec<&str> = workflows.iter().map(|w| w.id.as_str()).collect();
                    ids.sort_unstable();
                    ids.dedup();
                    prop_assert_eq!(ids.len(), workflows.len());
                    for w in &workflows {
                        prop_assert!(!w.id.is_empty());
                        prop_assert!(!has_errors(&validate(w, &TestCatalog)), "{:?}", w);
                    }
                }
                // Refused: with at least one reason to show.
                Err(problems) => prop_assert!(!problems.is_empty()),
            }
        }
    }

    #[test]
    fn validated_workflows_are_never_rejected_as_malformed_when_they_run(
        steps in prop::collection::vec(step(), 1..6),
        object in json_value(),
    ) {
        let steps: Vec<Step> = steps.into_iter().enumerate().map(|(i, mut s)| { s.set_id(format!("s{i}")); s }).collect();
        let w = Workflow {
            status: Status::Active,
            trigger: Some(Trigger { event_type: "customer.created".into(), condition: None }),
            steps,
            ..Workflow::new("wf_1", 0)
        };
        if has_errors(&validate(&w, &TestCatalog)) {
            return Ok(());
        }
        let out = dispatch(&[w], &event("evt_1", "customer.created", object), &mut FakeAccount::new(), &mut Dispatcher::new(1));
        for run in &out.runs {
            if let Some(message) = run.error() {
                prop_assert!(!message.contains("is not an action")
                        && !message.contains("is not valid")
                        && !message.contains("is not closed"), "{}", message);
            }
        }
    }
}

fn param_value() -> impl Strategy<Value = Value> {
    prop::sample::select(vec![
        json!("cus_1"),
        json!("{{trigger.data.object.id}}"),
        json!("{{trigger.data.object.name}}"),
        json!("{{steps.s0.id}}"),
        json!("{{steps.s3.id}}"),
        json!("{{trigger.data.object.id"),
        json!("{{nowhere}}"),
        json!(""),
        json!(12),
    ])
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (
            prop::sample::select(vec![
                "customers.retrieve",
                "customers.update",
                "customers.explode"
            ]),
            param_value(),
            param_value()
        )
            .prop_map(|(action, customer, name)| Step::action(
                "x",
                action,
                json!({"customer": customer, "name": name})
            )),
        param_value().prop_map(|v| Step::email(
            "x",
            "team@example.com",
            v.as_str().unwrap_or("s").to_owned(),
            "",
            &[]
        )),
    ]
}
