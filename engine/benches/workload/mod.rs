//! The `dispatch` benchmark's workload, shared by the native benchmark
//! (`benches/dispatch.rs`) and the same benchmark compiled to wasm and run in headless
//! Chromium (`benches/dispatch_wasm.rs`), so both measure exactly the same thing.
//!
//! Six active workflows with realistic trigger conditions; Stripe-shaped events none of
//! which starts a run, so what is measured is matching and condition evaluation, the cost
//! every event pays. Time comes in as a clock closure (milliseconds), as everywhere in the
//! engine: natively `Instant`, in the browser `performance.now()`.

use std::hint::black_box;

use sandflow_engine::sandbox::{ApiError, RunOrigin};
use sandflow_engine::{
    dispatch, Account, Condition, Dispatcher, Event, EventData, EventRequest, Op, Status, Step,
    Trigger, ValueKind, Workflow,
};
use serde_json::{json, Map, Value};

/// Events per round: small sets are dispatched again and again up to this many, so a round
/// lasts long enough for a browser's coarse clock.
pub const ROUND: usize = 200_000;

/// An account that is never called: every event below leaves the workflows idle.
pub struct Idle;

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

pub fn workflows() -> Vec<Workflow> {
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

pub fn no_listener(i: usize) -> Event {
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

pub fn conditions_fail(i: usize) -> Event {
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

/// Events per second through `dispatch`: a warm-up, then the best of 5 rounds of at least
/// [`ROUND`] events (`now` reads a clock in milliseconds).
pub fn measure(events: &[Event], workflows: &[Workflow], now: &mut dyn FnMut() -> f64) -> f64 {
    let mut dispatcher = Dispatcher::new(1);
    let mut account = Idle;
    for e in events.iter().take(1000) {
        black_box(dispatch(workflows, e, &mut account, &mut dispatcher));
    }
    let repeats = ROUND.div_ceil(events.len()).max(1);
    let mut best = f64::MAX;
    for _ in 0..5 {
        let start = now();
        for _ in 0..repeats {
            for e in events {
                let out = dispatch(workflows, black_box(e), &mut account, &mut dispatcher);
                assert!(out.runs.is_empty());
            }
        }
        best = best.min(now() - start);
    }
    (events.len() * repeats) as f64 / (best / 1_000.0)
}

/// Runs every case of the benchmark; `report` gets each label and its events per second.
pub fn run(now: &mut dyn FnMut() -> f64, report: &mut dyn FnMut(&str, f64)) {
    let workflows = workflows();
    let n = ROUND;
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
    let mut case = |label: &str, events: &[Event]| {
        let rate = measure(events, &workflows, now);
        report(label, rate);
    };
    case("no workflow listens to the event type", &idle);
    case("trigger matches, conditions do not hold", &filtered);
    case("half and half", &mixed);
    drop((idle, filtered, mixed));
    let names = [
        "amount and currency",
        "name starts with",
        "metadata changed to",
        "any of two",
        "20 invoice lines",
    ];
    for (k, name) in names.iter().enumerate() {
        let only: Vec<Event> = (0..n / 5).map(|i| conditions_fail(i * 5 + k)).collect();
        case(&format!("  {name}, 100 events (in cache)"), &only[..100]);
        case(&format!("  {name}, 40,000 events"), &only);
    }
}
