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

/// Stripe's sample objects of every type an event carries, one level deep (`field` and
/// `field.sub` → JSON type), from `tests/data/stripe_sample_shapes.json`.
const SAMPLE_SHAPES: &str = include_str!("data/stripe_sample_shapes.json");

/// Fields the API at the version the events claim returns but Stripe's published samples
/// predate: (object type, field).
const NEWER_THAN_SAMPLES: &[(&str, &str)] = &[
    ("charge", "radar_options"),
    ("customer", "customer_account"),
    ("radar.early_fraud_warning", "payment_intent"),
    ("review", "payment_intent"),
];

/// How one generated object compares with Stripe's sample.
#[derive(Default)]
struct Coverage {
    /// Stripe's fields the object has with Stripe's JSON type (null on either side fits).
    matched: usize,
    /// Stripe's fields.
    total: usize,
    /// Fields Stripe's sample lacks, top level only.
    extra: Vec<String>,
    /// Stripe's fields it lacks or types differently.
    missing: Vec<String>,
}

fn field<'a>(object: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.')
        .try_fold(object, |v, part| v.as_object()?.get(part))
}

fn coverage(ours: &Value, sample: &Map<String, Value>, deep: bool) -> Coverage {
    let mut c = Coverage::default();
    for (path, theirs) in sample {
        // Metadata keys are the sample's data, not fields.
        if (!deep && path.contains('.')) || path.starts_with("metadata.") {
            continue;
        }
        // A nested field counts when its parent is an object on both sides.
        if let Some((parent, _)) = path.split_once('.') {
            if !field(ours, parent).is_some_and(Value::is_object) {
                if field(ours, parent).is_none() {
                    c.total += 1;
                    c.missing.push(path.clone());
                }
                continue;
            }
        }
        c.total += 1;
        let theirs = theirs.as_str().expect("a JSON type name");
        match field(ours, path) {
            Some(mine) if kind(mine) == theirs || kind(mine) == "null" || theirs == "null" => {
                c.matched += 1
            }
            Some(mine) => c
                .missing
                .push(format!("{path} ({}, Stripe {theirs})", kind(mine))),
            None => c.missing.push(path.clone()),
        }
    }
    if let Some(map) = ours.as_object() {
        c.extra = map
            .keys()
            .filter(|k| !sample.contains_key(*k))
            .cloned()
            .collect();
    }
    c
}

/// Prints, per resource an event carries, how much of Stripe's sample object a generated
/// one has (top level, and one level deep), and the fields Stripe's lacks; asserts floors.
/// `cargo test -p sandflow-engine --test sandbox_fidelity -- --nocapture` shows the table.
#[test]
fn every_event_object_has_the_fields_of_stripes_sample() {
    let doc: Value = serde_json::from_str(SAMPLE_SHAPES).expect("sample shapes are JSON");
    let resources = doc["resources"].as_object().expect("resources");
    let mut sandbox = Sandbox::new(1_780_000_000, 7);
    let (mut top, mut deep, mut extra) = ((0, 0), (0, 0), 0);
    let mut lines = Vec::new();
    let mut unexpected = Vec::new();
    for (object, sample) in resources {
        let sample = sample.as_object().expect("fields");
        let Some(ours) = generated(&mut sandbox, object) else {
            panic!("{object}: no event type generates one");
        };
        let (t, d) = (
            coverage(&ours, sample, false),
            coverage(&ours, sample, true),
        );
        top = (top.0 + t.matched, top.1 + t.total);
        deep = (deep.0 + d.matched, deep.1 + d.total);
        extra += t.extra.len();
        unexpected.extend(
            t.extra
                .iter()
                .filter(|f| !NEWER_THAN_SAMPLES.contains(&(object.as_str(), f.as_str())))
                .map(|f| format!("{object}.{f}")),
        );
        lines.push(format!(
            "{object:<45} top {:>3}/{:<3} deep {:>3}/{:<3} extra {:<2} {}{}",
            t.matched,
            t.total,
            d.matched,
            d.total,
            t.extra.len(),
            if d.missing.is_empty() {
                String::new()
            } else {
                format!("lacks {} ", d.missing.join(", "))
            },
            if t.extra.is_empty() {
                String::new()
            } else {
                format!("has {}", t.extra.join(", "))
            },
        ));
    }
    let pct = |(a, b): (usize, usize)| 100.0 * a as f64 / b.max(1) as f64;
    println!("{}", lines.join("\n"));
    println!(
        "{} resources: top level {}/{} ({:.1}%), one level deep {}/{} ({:.1}%), {extra} fields Stripe's samples lack",
        resources.len(),
        top.0,
        top.1,
        pct(top),
        deep.0,
        deep.1,
        pct(deep)
    );
    assert_eq!(resources.len(), 82, "every object type an event carries");
    // Before the generic objects were built from Stripe's samples: 77.2% and 62.1%.
    assert!(
        pct(top) >= 99.5,
        "top-level coverage fell to {:.1}%",
        pct(top)
    );
    assert!(pct(deep) >= 99.5, "deep coverage fell to {:.1}%", pct(deep));
    assert!(
        unexpected.is_empty(),
        "fields Stripe's objects lack: {}",
        unexpected.join(", ")
    );
}

/// Since 2022-11-15 Stripe returns a charge's refunds only when expanded: neither a charge
/// nor the `charge.refunded` event carries a `refunds` list; the amounts say it all.
#[test]
fn a_refunded_charge_carries_no_refunds_list() {
    let mut sandbox = Sandbox::new(1_780_000_000, 7);
    let event = sandbox
        .generate_event("charge.refunded", &Map::new())
        .expect("a refunded charge");
    let charge = &*event.data.object;
    assert!(charge.get("refunds").is_none(), "{charge}");
    assert_eq!(charge["refunded"], true);
    assert_eq!(charge["amount_refunded"], charge["amount_captured"]);
    let previous = event.data.previous_attributes.as_ref().expect("previous");
    assert!(previous.get("refunds").is_none(), "{previous}");
}
