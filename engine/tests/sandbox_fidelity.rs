//! Fidelity of the sandbox's objects to Stripe's: for each core resource, a generated
//! object has every top-level field of Stripe's published sample object, with the same JSON
//! type where both are non-null (Stripe's nullable fields may be null on either side).
//!
//! The samples' field names and types are in `tests/data/stripe_sample_fields.json`, derived
//! from Stripe's OpenAPI fixtures (`openapi/fixtures3.json` of Stripe's public OpenAPI
//! repository) by `tests/data/derive.py`, which names its source and date; rerun it to
//! refresh them.

use sandflow_engine::sandbox::{event_types, Sandbox, CORE_TYPES};
use serde_json::{Map, Value};

/// Stripe's sample fields: `resources` maps each core type to `{field: JSON type}`;
/// `not_in_fixtures` lists the core types Stripe's fixtures have no sample for.
const SAMPLE_FIELDS: &str = include_str!("data/stripe_sample_fields.json");

fn reference() -> (Map<String, Value>, Vec<String>) {
    let doc: Value = serde_json::from_str(SAMPLE_FIELDS).expect("sample fields are JSON");
    let resources = doc["resources"].as_object().expect("resources").clone();
    let absent = doc["not_in_fixtures"]
        .as_array()
        .expect("not_in_fixtures")
        .iter()
        .map(|v| v.as_str().expect("a type name").to_owned())
        .collect();
    (resources, absent)
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
    let (reference, not_in_fixtures) = reference();
    let mut sandbox = Sandbox::new(1_780_000_000, 7);
    let mut problems = Vec::new();
    let mut checked = 0;
    for object in CORE_TYPES {
        let Some(sample) = reference.get(*object).and_then(Value::as_object) else {
            if !not_in_fixtures.iter().any(|t| t == object) {
                problems.push(format!(
                    "{object}: not in tests/data/stripe_sample_fields.json (rerun derive.py)"
                ));
            }
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
                    let (a, b) = (kind(mine), theirs.as_str().expect("a JSON type name"));
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
