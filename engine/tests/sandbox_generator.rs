//! The generator: every catalog event type, ids, determinism, overrides, bulk delivery.

use sandflow_engine::sandbox::{event_types, ids, GenerateError, Sandbox};
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
        if let Some(id) = object.get("id").and_then(Value::as_str) {
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
