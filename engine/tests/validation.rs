//! Validation: every problem at once, with its place and a message that says how to fix it.

mod common;

use common::TestCatalog;
use sandflow_engine::{
    has_errors, validate, Compare, Condition, Issue, Op, Quantifier, Reference, Severity, Step,
    Trigger, ValueKind, Workflow,
};
use serde_json::{json, Value};

fn workflow(event_type: &str, steps: Vec<Step>) -> Workflow {
    Workflow {
        trigger: Some(Trigger {
            event_type: event_type.into(),
            condition: None,
        }),
        steps,
        ..Workflow::new("wf_1", 0)
    }
}

fn cmp(field: &str, op: Op, kind: ValueKind, value: Value) -> Condition {
    Condition::compare(field, op, kind, value).unwrap()
}

fn retrieve(id: &str) -> Step {
    Step::action(
        id,
        "customers.retrieve",
        json!({"customer": "{{trigger.data.object.id}}"}),
    )
}

/// The messages of every error, as "step/param: message".
fn errors(w: &Workflow) -> Vec<String> {
    validate(w, &TestCatalog)
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.to_string())
        .collect()
}

#[test]
fn a_complete_workflow_has_no_problem() {
    let w = workflow(
        "customer.created",
        vec![
            retrieve("s1"),
            Step::branch(
                "b1",
                cmp(
                    "steps.s1.name",
                    Op::StartsWith,
                    ValueKind::String,
                    json!("Jean"),
                ),
                vec![Step::action(
                    "s2",
                    "customers.update",
                    json!({"customer": "{{steps.s1.id}}", "metadata": {"greeted": "yes"}}),
                )],
                vec![Step::email(
                    "s3",
                    "team@example.com",
                    "New {{steps.s1.name}}",
                    "",
                    &[("Balance", "{{steps.s1.balance}}")],
                )],
            ),
            Step::email("s4", "team@example.com", "Done", "{{steps.b1.result}}", &[]),
        ],
    );
    assert_eq!(validate(&w, &TestCatalog), vec![]);
}

#[test]
fn reports_every_problem_at_once() {
    let cases: Vec<(&str, Workflow, Vec<&str>)> = vec![
        ("no trigger", Workflow { trigger: None, ..workflow("x", vec![retrieve("s1")]) }, vec!["add a trigger"]),
        ("unknown event type", workflow("customer.exploded", vec![retrieve("s1")]), vec!["`customer.exploded` is not a Stripe event type"]),
        ("no steps", workflow("customer.created", vec![]), vec!["add at least one step"]),
        (
            "more than 12 steps",
            workflow("customer.created", (0..13).map(|i| retrieve(&format!("s{i}"))).collect()),
            vec!["this workflow has 13 steps and the limit is 12: remove 1"],
        ),
        (
            "steps inside branches count",
            workflow(
                "customer.created",
                vec![Step::branch(
                    "b",
                    cmp("trigger.data.object.name", Op::Exists, ValueKind::String, Value::Null),
                    (0..6).map(|i| retrieve(&format!("t{i}"))).collect(),
                    (0..6).map(|i| retrieve(&format!("e{i}"))).collect(),
                )],
            ),
            vec!["this workflow has 13 steps"],
        ),
        ("duplicate ids", workflow("customer.created", vec![retrieve("s1"), retrieve("s1")]), vec!["step s1: two steps have the id `s1`"]),
        ("unknown action", workflow("customer.created", vec![Step::action("s1", "customers.explode", json!({}))]), vec!["step s1, action: `customers.explode` is not an action"]),
        (
            "required parameter empty",
            workflow("customer.created", vec![Step::action("s1", "customers.update", json!({"customer": "  "}))]),
            vec!["step s1, customer: Required parameter Customer is empty"],
        ),
        (
            "required parameter missing",
            workflow("customer.created", vec![Step::action("s1", "customers.update", json!({"name": "x"}))]),
            vec!["step s1, customer: Required parameter Customer is empty"],
        ),
        (
            "unknown parameter",
            workflow("customer.created", vec![Step::action("s1", "customers.retrieve", json!({"customer": "cus_1", "colour": "red"}))]),
            vec!["step s1, colour: Retrieve a customer has no parameter `colour`"],
        ),
        (
            "wrong fixed value type",
            workflow("customer.created", vec![Step::action("s1", "customers.update", json!({"customer": "cus_1", "balance": "lots"}))]),
            vec!["step s1, balance: Balance must be a whole number"],
        ),
        (
            "enum value not allowed",
            workflow("charge.refunded", vec![Step::action("s1", "refunds.create", json!({"charge": "ch_1", "reason": "bored"}))]),
            vec!["Reason must be one of duplicate, fraudulent, requested_by_customer"],
        ),
        (
            "malformed dynamic value",
            workflow("customer.created", vec![Step::action("s1", "customers.update", json!({"customer": "{{trigger.data.object.id"}))]),
            vec!["step s1, customer: a dynamic value opened with `{{` is not closed"],
        ),
        (
            "later step",
            workflow(
                "customer.created",
                vec![Step::action("s1", "customers.update", json!({"customer": "{{steps.s2.id}}"})), retrieve("s2")],
            ),
            vec!["step s1, customer: `steps.s2.id` points at step `s2`, which runs later"],
        ),
        (
            "itself",
            workflow("customer.created", vec![Step::action("s1", "customers.retrieve", json!({"customer": "{{steps.s1.id}}"}))]),
            vec!["which runs later"],
        ),
        (
            "unknown step",
            workflow("customer.created", vec![Step::action("s1", "customers.retrieve", json!({"customer": "{{steps.zz.id}}"}))]),
            vec!["step `zz`, which does not exist"],
        ),
        (
            "other branch",
            workflow(
                "customer.created",
                vec![Step::branch(
                    "b",
                    cmp("trigger.data.object.name", Op::Exists, ValueKind::String, Value::Null),
                    vec![retrieve("t1")],
                    vec![Step::action("e1", "customers.retrieve", json!({"customer": "{{steps.t1.id}}"}))],
                )],
            ),
            vec!["step e1, customer: `steps.t1.id` points at step `t1` on another branch"],
        ),
        (
            "after a branch, its inner steps may not have run",
            workflow(
                "customer.created",
                vec![
                    Step::branch(
                        "b",
                        cmp("trigger.data.object.name", Op::Exists, ValueKind::String, Value::Null),
                        vec![retrieve("t1")],
                        vec![],
                    ),
                    Step::action("s2", "customers.retrieve", json!({"customer": "{{steps.t1.id}}"})),
                ],
            ),
            vec!["on another branch"],
        ),
        (
            "field that cannot exist on the trigger object",
            workflow("customer.created", vec![Step::action("s1", "customers.retrieve", json!({"customer": "{{trigger.data.object.colour}}"}))]),
            vec!["`trigger.data.object.colour` is not a field of customer"],
        ),
        (
            "field that cannot exist on a step output",
            workflow(
                "payment_intent.succeeded",
                vec![
                    Step::action("s1", "charges.retrieve", json!({"charge": "ch_1"})),
                    Step::action("s2", "customers.retrieve", json!({"customer": "{{steps.s1.colour}}"})),
                ],
            ),
            vec!["`steps.s1.colour` is not a field of charge"],
        ),
        (
            "field of the envelope that cannot exist",
            workflow("customer.created", vec![Step::action("s1", "customers.retrieve", json!({"customer": "{{trigger.colour}}"}))]),
            vec!["`trigger.colour` is not a field of the event"],
        ),
        (
            "operator that does not fit",
            Workflow {
                trigger: Some(Trigger {
                    event_type: "customer.created".into(),
                    condition: Some(cmp("trigger.data.object.name", Op::GreaterThan, ValueKind::String, json!("a"))),
                }),
                ..workflow("customer.created", vec![retrieve("s1")])
            },
            vec!["trigger, trigger.data.object.name: “is greater than” does not apply to a text field"],
        ),
        (
            "type that does not fit the field",
            Workflow {
                trigger: Some(Trigger {
                    event_type: "customer.created".into(),
                    condition: Some(cmp("trigger.data.object.name", Op::GreaterThan, ValueKind::Number, json!(1))),
                }),
                ..workflow("customer.created", vec![retrieve("s1")])
            },
            vec!["`trigger.data.object.name` is a text field but the condition compares it as a number"],
        ),
        (
            "changed on a created trigger",
            Workflow {
                trigger: Some(Trigger {
                    event_type: "customer.created".into(),
                    condition: Some(cmp("trigger.data.object.email", Op::Changed, ValueKind::String, Value::Null)),
                }),
                ..workflow("customer.created", vec![retrieve("s1")])
            },
            vec!["“changed” only works with a `*.updated` trigger"],
        ),
        (
            "trigger condition on a step",
            Workflow {
                trigger: Some(Trigger {
                    event_type: "customer.created".into(),
                    condition: Some(cmp("steps.s1.name", Op::Exists, ValueKind::String, Value::Null)),
                }),
                ..workflow("customer.created", vec![retrieve("s1")])
            },
            vec!["trigger conditions can only use fields of the trigger event"],
        ),
        (
            "comparison without value",
            workflow(
                "customer.created",
                vec![Step::branch("b", cmp("trigger.data.object.balance", Op::GreaterThan, ValueKind::Number, Value::Null), vec![retrieve("s1")], vec![])],
            ),
            vec!["step b, trigger.data.object.balance: enter a value to compare `trigger.data.object.balance` with"],
        ),
        (
            "number compared with text",
            workflow(
                "customer.created",
                vec![Step::branch("b", cmp("trigger.data.object.balance", Op::GreaterThan, ValueKind::Number, json!("ten")), vec![retrieve("s1")], vec![])],
            ),
            vec!["must be a number"],
        ),
        (
            "one of without a list",
            workflow(
                "customer.created",
                vec![Step::branch("b", cmp("trigger.data.object.name", Op::OneOf, ValueKind::String, json!("a")), vec![retrieve("s1")], vec![])],
            ),
            vec!["must be a list of one or more values"],
        ),
        (
            "email without recipient or subject",
            workflow("customer.created", vec![Step::email("m", " ", "", "", &[])]),
            vec!["step m, to: enter the team member's email address in To", "step m, subject: enter a subject for the email"],
        ),
        ("email with a bad address", workflow("customer.created", vec![Step::email("m", "jean", "Hi", "", &[])]), vec!["`jean` is not an email address"]),
        (
            "several problems together",
            Workflow {
                trigger: None,
                ..workflow("x", vec![Step::action("s1", "customers.update", json!({})), Step::email("m", "", "s", "", &[])])
            },
            vec!["add a trigger", "Required parameter Customer is empty", "enter the team member's email address"],
        ),
    ];
    for (name, w, expected) in cases {
        let got = errors(&w);
        assert!(!got.is_empty(), "case `{name}`: expected errors");
        for fragment in &expected {
            assert!(
                got.iter().any(|m| m.contains(fragment)),
                "case `{name}`: no error contains {fragment:?} in {got:#?}"
            );
        }
    }
}

#[test]
fn problems_carry_their_location() {
    let w = workflow(
        "customer.created",
        vec![Step::action(
            "s1",
            "customers.update",
            json!({"customer": ""}),
        )],
    );
    let problems = validate(&w, &TestCatalog);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].location.step_id.as_deref(), Some("s1"));
    assert_eq!(problems[0].location.param.as_deref(), Some("customer"));
    assert_eq!(
        problems[0].issue,
        Issue::RequiredParamEmpty {
            label: "Customer".into()
        }
    );
}

#[test]
fn a_workflow_that_can_trigger_itself_gets_a_warning_not_an_error() {
    let w = workflow(
        "customer.updated",
        vec![Step::action(
            "s1",
            "customers.update",
            json!({"customer": "{{trigger.data.object.id}}", "name": "x"}),
        )],
    );
    let problems = validate(&w, &TestCatalog);
    assert!(!has_errors(&problems));
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].severity, Severity::Warning);
    assert!(problems[0].to_string().contains(
        "Update a customer can emit `customer.updated`, which starts this workflow again"
    ));
}

#[test]
fn fields_inside_open_objects_and_lists_are_accepted() {
    let mut c = Compare {
        field: Reference::parse("trigger.data.object.preferred_locales").unwrap(),
        op: Op::Contains,
        value: json!("fr"),
        kind: ValueKind::List,
        quantifier: Quantifier::Any,
        currency: None,
    };
    let mut w = workflow(
        "customer.updated",
        vec![Step::action(
            "s1",
            "customers.retrieve",
            json!({"customer": "{{trigger.data.object.metadata.anything}}"}),
        )],
    );
    w.trigger.as_mut().unwrap().condition = Some(Condition::All(vec![
        Condition::Compare(c.clone()),
        cmp(
            "trigger.data.object.metadata.tier",
            Op::ChangedTo,
            ValueKind::String,
            json!("VIP"),
        ),
        cmp(
            "trigger.data.previous_attributes.email",
            Op::Exists,
            ValueKind::String,
            Value::Null,
        ),
        cmp(
            "trigger.data.object.created",
            Op::GreaterThan,
            ValueKind::Number,
            json!(5),
        ),
    ]));
    assert_eq!(errors(&w), Vec::<String>::new());
    c.kind = ValueKind::Boolean;
    c.op = Op::Equals;
    c.value = json!(true);
    w.trigger.as_mut().unwrap().condition = Some(Condition::Compare(c));
    assert_eq!(
        errors(&w).len(),
        0,
        "any item type can be compared on a list"
    );
}
