//! The scripted account the replay and run diff tests (and the replay benchmark) share: a
//! live "Welcome" workflow that ran on every new customer, and edits of it a person
//! might try before publishing.
#![allow(dead_code)]

use sandflow_engine::sandbox::Sandbox;
use sandflow_engine::{
    dispatch, Condition, Dispatcher, Event, Op, Run, Status, Step, Trigger, ValueKind, Workflow,
};
use serde_json::{json, Map, Value};

/// Sandbox time when the scenario starts.
pub const NOW: i64 = 1_750_000_000;

/// The account after the live workflow ran: its customer.created events, in order, and
/// the runs they made.
pub struct World {
    /// The account as it is now.
    pub sandbox: Sandbox,
    /// The live definition.
    pub live: Workflow,
    /// Every `customer.created` event, oldest first.
    pub events: Vec<Event>,
    /// The live runs, in the order they ran.
    pub runs: Vec<Run>,
}

/// `balance > threshold` on the trigger's customer.
pub fn balance_over(threshold: i64) -> Condition {
    Condition::compare(
        "trigger.data.object.balance",
        Op::GreaterThan,
        ValueKind::Number,
        json!(threshold),
    )
    .expect("a valid condition")
}

/// "When a customer is created, tag them; when their balance is over `threshold`, give
/// them a welcome credit and tell the team, otherwise just tell the team."
pub fn welcome(threshold: i64) -> Workflow {
    let mut w = Workflow::new("wf_welcome", NOW);
    w.name = "Welcome".into();
    w.status = Status::Active;
    w.version = 1;
    w.trigger = Some(Trigger {
        event_type: "customer.created".into(),
        condition: None,
    });
    w.steps = vec![
        Step::action(
            "tag",
            "customers.update",
            json!({"customer": "{{trigger.data.object.id}}", "metadata": {"welcomed": "yes"}}),
        ),
        Step::branch(
            "big",
            balance_over(threshold),
            vec![
                Step::action(
                    "credit",
                    "invoiceitems.create",
                    json!({
                        "customer": "{{trigger.data.object.id}}",
                        "amount": 500,
                        "currency": "usd",
                        "description": "Welcome credit for {{trigger.data.object.name}}",
                    }),
                ),
                Step::email(
                    "tell_vip",
                    "team@example.com",
                    "VIP {{trigger.data.object.name}} got {{steps.credit.id}}",
                    "",
                    &[],
                ),
            ],
            vec![Step::email(
                "tell",
                "team@example.com",
                "New customer {{trigger.data.object.name}}",
                "",
                &[],
            )],
        ),
    ];
    w
}

/// A 12-step variant of [`welcome`] (the step limit), for the benchmark.
pub fn welcome_twelve(threshold: i64) -> Workflow {
    let mut w = welcome(threshold);
    let email = |id: &str, subject: &str| Step::email(id, "team@example.com", subject, "", &[]);
    let tag = |id: &str, key: &str| {
        Step::action(
            id,
            "customers.update",
            json!({"customer": "{{trigger.data.object.id}}", "metadata": {key: "{{trigger.data.object.name}}"}}),
        )
    };
    w.steps.push(tag("note", "welcomed_by"));
    w.steps.push(Step::branch(
        "small",
        balance_over(threshold / 2),
        vec![
            tag("mid", "tier"),
            email("tell_mid", "Mid {{trigger.data.object.id}}"),
        ],
        vec![
            tag("low", "tier"),
            email("tell_low", "Low {{trigger.data.object.id}}"),
        ],
    ));
    w.steps
        .push(email("audit", "Audit {{trigger.data.object.email}}"));
    assert_eq!(w.step_count(), 12);
    w
}

/// Parameters from a JSON literal.
pub fn params(v: Value) -> Map<String, Value> {
    v.as_object().cloned().expect("an object")
}

/// `customers` new customers with balances 0, 100, 200, ..., each delivered to `live` as
/// it happens; then the clock moves on a day, so the replay runs at another time.
pub fn world(customers: usize, live: Workflow) -> World {
    let mut sandbox = Sandbox::new(NOW, 7);
    let mut dispatcher = Dispatcher::new(42);
    let workflows = vec![live.clone()];
    let mut events = Vec::new();
    let mut runs = Vec::new();
    for i in 0..customers {
        let p = params(json!({
            "name": format!("Customer {i}"),
            "email": format!("c{i}@example.com"),
            "balance": i * 100,
        }));
        sandbox
            .call("customers.create", &p, None)
            .expect("a customer");
        for event in sandbox.take_events() {
            let out = dispatch(&workflows, &event, &mut sandbox, &mut dispatcher);
            runs.extend(out.runs);
            if event.kind == "customer.created" {
                events.push(event);
            }
        }
    }
    sandbox.advance(86_400);
    sandbox.take_events();
    World {
        sandbox,
        live,
        events,
        runs,
    }
}
