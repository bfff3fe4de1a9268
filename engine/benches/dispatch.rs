//! Throughput of `dispatch` with 6 active workflows and realistic trigger conditions.
//!
//! Run: `cargo bench -p sandflow-engine --bench dispatch`. It prints events per second for
//! events no workflow listens to, events whose trigger matches but whose conditions do
//! not hold, and the two mixed; then each kind of condition alone, over 100 events that
//! stay in the CPU cache (an event is dispatched right after it is generated or parsed, so
//! it is usually there) and over 40,000 that do not. Figures, not assertions: speed is
//! reported, not tested.

use std::hint::black_box;
use std::time::Instant;

use sandflow_engine::sandbox::{ApiError, RunOrigin};
use sandflow_engine::{
    dispatch, Account, Condition, Dispatcher, Event, EventData, EventRequest, Op, Status, Step,
    Trigger, ValueKind, Workflow,
};
use serde_json::{json, Map, Value};

/// An account that is never called: every event below leaves the workflows idle.
struct Idle;

impl Account for Idle {
    fn call(
        &mut self,
        _: &str,
        _: &Map<String, Value>,
        _: Option<&RunOrigin>,
    ) -> Result<Value, ApiError> {
        unreachable!("no workflow runs in this benchmark")
    }
    fn take_events(&mut self) -> Vec<Event> {
        Vec::new()
    }
    fn now(&self) -> i64 {
        1_700_000_000
    }
}

fn cmp(field: &str, op: Op, kind: ValueKind, value: Value) -> Condition {
    Condition::compare(field, op, kind, value).expect("valid field")
}

fn workflow(id: &str, event_type: &str, condition: Condition) -> Workflow {
    Workflow {
        status: Status::Active,
        trigger: Some(Trigger {
            event_type: event_type.into(),
            condition: Some(condition),
        }),
        steps: vec![Step::email(
            "s1",
            "team@example.com",
            "{{trigger.data.object.id}}",
            "",
            &[],
        )],
        ..Workflow::new(id, 0)
    }
}

fn workflows() -> Vec<Workflow> {
    vec![
        workflow(
            "wf_orders",
            "payment_intent.succeeded",
            Condition::All(vec![
                cmp(
                    "trigger.data.object.amount",
                    Op::GreaterThan,
                    ValueKind::Money,
                    json!(1000),
                ),
                cmp(
                    "trigger.data.object.currency",
                    Op::Equals,
                    ValueKind::String,
                    json!("usd"),
                ),
            ]),
        ),
        workflow(
            "wf_jean",
            "customer.created",
            cmp(
                "trigger.data.object.name",
                Op::StartsWith,
                ValueKind::String,
                json!("Jean"),
            ),
        ),
        workflow(
            "wf_vip",
            "customer.updated",
            cmp(
                "trigger.data.object.metadata.tier",
                Op::ChangedTo,
                ValueKind::String,
                json!("VIP"),
            ),
        ),
        workflow(
            "wf_failed",
            "invoice.payment_failed",
            Condition::Any(vec![
                cmp(
                    "trigger.data.object.amount_due",
                    Op::GreaterThanOrEqual,
                    ValueKind::Money,
                    json!(500),
                ),
                cmp(
                    "trigger.data.object.customer_email",
                    Op::EndsWith,
                    ValueKind::String,
                    json!("@bigcorp.com"),
                ),
            ]),
        ),
        workflow(
            "wf_lines",
            "invoice.paid",
            cmp(
                "trigger.data.object.lines.data.price.id",
                Op::Equals,
                ValueKind::String,
                json!("price_gold"),
            ),
        ),
        workflow(
            "wf_dispute",
            "charge.dispute.created",
            cmp(
                "trigger.data.object.reason",
                Op::OneOf,
                ValueKind::String,
                json!(["fraudulent", "unrecognized"]),
            ),
        ),
    ]
}

fn event(id: usize, kind: &str, object: Value) -> Event {
    Event {
        id: format!("evt_{id}"),
        object: "event".into(),
        api_version: "2025-09-30.clover".into(),
        created: 1_700_000_000,
        data: EventData {
            object: object.into(),
            previous_attributes: None,
        },
        livemode: false,
        pending_webhooks: 0,
        request: EventRequest::default(),
        kind: kind.into(),
    }
}

fn no_listener(i: usize) -> Event {
    let kinds = [
        "charge.succeeded",
        "payment_intent.created",
        "invoice.finalized",
        "product.updated",
    ];
    event(
        i,
        kinds[i % kinds.len()],
        json!({"id": format!("obj_{i}"), "amount": 2000, "currency": "usd"}),
    )
}

fn conditions_fail(i: usize) -> Event {
    match i % 5 {
        0 => event(
            i,
            "payment_intent.succeeded",
            json!({"id": "pi_1", "amount": 5000, "currency": "usd", "customer": "cus_1"}),
        ),
        1 => event(
            i,
            "customer.created",
            json!({"id": "cus_1", "name": "Marie Curie", "email": "marie@example.com"}),
        ),
        2 => {
            let mut e = event(
                i,
                "customer.updated",
                json!({"id": "cus_1", "metadata": {"tier": "gold"}}),
            );
            e.data.previous_attributes = Some(json!({"email": "old@example.com"}));
            e
        }
        3 => event(
            i,
            "invoice.payment_failed",
            json!({"id": "in_1", "amount_due": 100, "currency": "usd", "customer_email": "a@b.com"}),
        ),
        _ => {
            let lines: Vec<Value> = (0..20)
                .map(|n| json!({"id": format!("il_{n}"), "price": {"id": "price_basic"}}))
                .collect();
            event(
                i,
                "invoice.paid",
                json!({"id": "in_2", "lines": {"object": "list", "data": lines}}),
            )
        }
    }
}

fn measure(label: &str, events: &[Event], workflows: &[Workflow]) {
    let mut dispatcher = Dispatcher::new(1);
    let mut account = Idle;
    // Warm up, then take the best of 5 rounds.
    for e in events.iter().take(1000) {
        black_box(dispatch(workflows, e, &mut account, &mut dispatcher));
    }
    let mut best = f64::MAX;
    for _ in 0..5 {
        let start = Instant::now();
        for e in events {
            let out = dispatch(workflows, black_box(e), &mut account, &mut dispatcher);
            assert!(out.runs.is_empty());
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!("{label:<52} {:>10.0} events/s", events.len() as f64 / best);
}

fn main() {
    let workflows = workflows();
    let n = 200_000;
    let idle: Vec<Event> = (0..n).map(no_listener).collect();
    let filtered: Vec<Event> = (0..n).map(conditions_fail).collect();
    let mixed: Vec<Event> = (0..n)
        .map(|i| {
            if i % 2 == 0 {
                no_listener(i)
            } else {
                conditions_fail(i)
            }
        })
        .collect();
    println!(
        "dispatch with {} active workflows, {n} events per round",
        workflows.len()
    );
    measure("no workflow listens to the event type", &idle, &workflows);
    measure(
        "trigger matches, conditions do not hold",
        &filtered,
        &workflows,
    );
    measure("half and half", &mixed, &workflows);
    let names = [
        "amount and currency",
        "name starts with",
        "metadata changed to",
        "any of two",
        "20 invoice lines",
    ];
    for (k, name) in names.iter().enumerate() {
        let only: Vec<Event> = (0..n / 5).map(|i| conditions_fail(i * 5 + k)).collect();
        measure(
            &format!("  {name}, 100 events (in cache)"),
            &only[..100],
            &workflows,
        );
        measure(&format!("  {name}, 40,000 events"), &only, &workflows);
    }
}
