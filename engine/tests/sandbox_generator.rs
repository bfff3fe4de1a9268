//! The generator: every catalog event type, ids, determinism, overrides, bulk delivery.

use sandflow_engine::sandbox::{event_types, ids, BulkOptions, GenerateError, Sandbox};
use serde_json::{json, Map, Value};

const T0: i64 = 1_700_000_000;

fn no_overrides() -> Map<String, Value> {
    Map::new()
}

#[test]
fn every_event_type_generates_an_object_of_its_type() {
    let mut sandbox = Sandbox::new(T0, 1);
    for spec in event_types() {
        let event = sandbox
            .generate_event(spec.kind, &no_overrides())
            .unwrap_or_else(|e| panic!("{}: {e}", spec.kind));
        assert_eq!(event.kind, spec.kind);
        assert_eq!(event.object, "event");
        assert!(event.id.starts_with("evt_"), "{}", spec.kind);
        let object = event.object();
        assert_eq!(
            object["object"], spec.object,
            "{}: data.object type",
            spec.kind
        );
        // Stripe names capabilities and report types by what they are (`card_payments`,
        // `balance.summary.1`), not with a prefixed id.
        let named = matches!(spec.object, "capability" | "reporting.report_type");
        if let Some(id) = object.get("id").and_then(Value::as_str).filter(|_| !named) {
            let prefix = if spec.object == "coupon" {
                ""
            } else {
                ids::prefix(spec.object)
            };
            assert!(
                id.starts_with(prefix),
                "{}: id {id} should start with {prefix}",
                spec.kind
            );
        }
        if spec.kind.ends_with(".updated") && spec.kind != "tax.settings.updated" {
            assert!(
                event.data.previous_attributes.is_some(),
                "{}: previous_attributes",
                spec.kind
            );
        }
        if let Some(livemode) = object.get("livemode") {
            assert_eq!(livemode, &json!(false), "{}", spec.kind);
        }
    }
}

#[test]
fn unknown_event_type_is_refused() {
    let mut sandbox = Sandbox::new(T0, 1);
    let err = sandbox.generate_event("customer.exploded", &no_overrides());
    assert_eq!(
        err,
        Err(GenerateError::UnknownEventType {
            kind: "customer.exploded".into()
        })
    );
}

#[test]
fn same_seed_same_events_byte_for_byte() {
    let run = |seed: u64| {
        let mut sb = Sandbox::new(T0, seed);
        for kind in [
            "customer.created",
            "invoice.payment_failed",
            "checkout.session.completed",
            "issuing_card.created",
        ] {
            sb.generate_event(kind, &no_overrides()).unwrap();
        }
        serde_json::to_string(&sb.take_events()).unwrap()
    };
    assert_eq!(run(42), run(42));
    assert_ne!(run(42), run(43));
}

#[test]
fn overrides_set_fields_of_the_object_and_the_stored_copy() {
    let mut sb = Sandbox::new(T0, 2);
    let overrides = json!({"name": "Jean Dupont", "metadata.tier": "vip"});
    let event = sb
        .generate_event("customer.created", overrides.as_object().unwrap())
        .unwrap();
    assert_eq!(event.object()["name"], "Jean Dupont");
    assert_eq!(event.object()["metadata"]["tier"], "vip");
    let id = event.object()["id"].as_str().unwrap();
    assert_eq!(sb.object(id).unwrap()["name"], "Jean Dupont");
    let queued = sb.take_events();
    assert_eq!(queued.last().unwrap().object()["name"], "Jean Dupont");
    assert_eq!(sb.event(&event.id).unwrap().object()["name"], "Jean Dupont");
}

#[test]
fn bad_override_path_is_refused() {
    let mut sb = Sandbox::new(T0, 2);
    let overrides = json!({"metadata..tier": "x"});
    let err = sb.generate_event("customer.created", overrides.as_object().unwrap());
    assert!(matches!(err, Err(GenerateError::BadOverride { .. })));
}

// The chain of every scenario, call by call, is in tests/sandbox_scenarios.rs.

#[test]
fn generated_objects_are_realistic() {
    let mut sb = Sandbox::new(T0, 5);
    let customer = sb
        .generate_event("customer.created", &no_overrides())
        .unwrap();
    let c = customer.object();
    assert!(c["name"].as_str().is_some_and(|n| n.contains(' ')));
    assert!(c["email"].as_str().is_some_and(|e| e.contains('@')));
    assert!(c["address"]["city"].is_string());
    let failed = sb
        .generate_event("invoice.payment_failed", &no_overrides())
        .unwrap();
    let inv = failed.object();
    assert_eq!(
        (inv["status"].as_str(), inv["attempt_count"].as_i64()),
        (Some("open"), Some(1))
    );
    assert!(inv["amount_due"].as_i64().unwrap() > 0);
    assert!(
        sb.object(inv["customer"].as_str().unwrap()).is_some(),
        "the customer exists"
    );
}

#[test]
fn bulk_delivers_duplicates_and_out_of_order() {
    let mut sb = Sandbox::new(T0, 6);
    let plain = BulkOptions {
        count: 20,
        duplicate_percent: 0,
        shuffle_window: 0,
    };
    let events = sb.generate_bulk(&["customer.created"], &plain).unwrap();
    assert_eq!(events.len(), 20);
    assert!(events
        .windows(2)
        .all(|w| w[0].created <= w[1].created && w[0].id != w[1].id));
    assert!(sb.take_events().is_empty(), "bulk drains the queue");

    let messy = BulkOptions {
        count: 50,
        duplicate_percent: 30,
        shuffle_window: 5,
    };
    let events = sb
        .generate_bulk(&["customer.created", "product.created"], &messy)
        .unwrap();
    assert!(events.len() > 50, "some events are delivered twice");
    let mut delivered: Vec<&str> = Vec::new();
    for e in &events {
        if !delivered.contains(&e.id.as_str()) {
            delivered.push(&e.id);
        }
    }
    assert_eq!(delivered.len(), 50, "every generated event is delivered");
    let emitted: Vec<&str> = sb
        .events()
        .take(50)
        .map(|e| e.id.as_str())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let mut sorted = delivered.clone();
    sorted.sort_by_key(|id| emitted.iter().position(|e| e == id));
    assert_eq!(sorted, emitted, "the same events");
    assert_ne!(delivered, emitted, "delivered out of order");
    assert_eq!(
        sb.generate_bulk(&[], &messy),
        Err(GenerateError::NoEventTypes)
    );
}
