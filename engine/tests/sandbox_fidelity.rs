//! Fidelity of the sandbox's objects to Stripe's: for each core resource, a generated
//! object has every top-level field of Stripe's published sample object
//! (`shared/reference/stripe-openapi-fixtures3.json`, read here at test time only, never by
//! the project), with the same JSON type where both are non-null (Stripe's nullable fields
//! may be null on either side).

use std::path::PathBuf;

use sandflow_engine::sandbox::{event_types, Sandbox, CORE_TYPES};
use serde_json::{Map, Value};

fn reference() -> Map<String, Value> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/reference/stripe-openapi-fixtures3.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("the Stripe reference at {} is needed: {e}", path.display()));
    let doc: Value = serde_json::from_str(&text).expect("reference is JSON");
    doc["resources"].as_object().expect("resources").clone()
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// A generated object of `object` type, from the first event type that carries one.
fn generated(sandbox: &mut Sandbox, object: &str) -> Option<Value> {
    let spec = event_types().iter().find(|e| e.object == object)?;
    let event = sandbox.generate_event(spec.kind, &Map::new()).ok()?;
    Some((*event.data.object).clone())
}

#[test]
fn core_objects_have_stripes_top_level_fields_with_stripes_types() {
    let reference = reference();
    let mut sandbox = Sandbox::new(1_780_000_000, 7);
    let mut problems = Vec::new();
    let mut checked = 0;
    for object in CORE_TYPES {
        let Some(sample) = reference.get(*object).and_then(Value::as_object) else {
            continue;
        };
        let Some(ours) = generated(&mut sandbox, object) else {
            problems.push(format!("{object}: no event type generates one"));
            continue;
        };
        checked += 1;
        for (field, theirs) in sample {
            match ours.get(field) {
                None => problems.push(format!("{object}.{field}: missing")),
                Some(mine) => {
                    let (a, b) = (kind(mine), kind(theirs));
                    if a != b && a != "null" && b != "null" {
                        problems.push(format!("{object}.{field}: {a}, Stripe has {b}"));
                    }
                }
            }
        }
    }
    assert!(checked >= 15, "only {checked} core types were compared");
    assert!(
        problems.is_empty(),
        "{} differences:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
