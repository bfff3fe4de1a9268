//! One-line helpers for tests that drive the real sandbox: parameters from a JSON literal,
//! a call that must succeed or fail, ids and event types.

use sandflow_engine::sandbox::{ApiError, Sandbox};
use sandflow_engine::Event;
use serde_json::{Map, Value};

/// API parameters written as a JSON object literal.
pub fn params(v: Value) -> Map<String, Value> {
    v.as_object()
        .cloned()
        .expect("parameters are a JSON object")
}

/// Calls `action`, which must succeed, and returns the object it answered.
pub fn call(sb: &mut Sandbox, action: &str, p: Value) -> Value {
    sb.call(action, &params(p), None)
        .unwrap_or_else(|e| panic!("{action}: {e:?}"))
}

/// Calls `action`, which must fail, and returns Stripe's error.
pub fn call_err(sb: &mut Sandbox, action: &str, p: Value) -> ApiError {
    match sb.call(action, &params(p), None) {
        Ok(v) => panic!("{action} should fail, got {v}"),
        Err(e) => e,
    }
}

/// The `id` of an object (empty when it has none).
pub fn id(v: &Value) -> String {
    v["id"].as_str().unwrap_or_default().to_string()
}

/// The types of `events`, in order.
pub fn kinds(events: &[Event]) -> Vec<&str> {
    events.iter().map(|e| e.kind.as_str()).collect()
}

/// Takes the events the sandbox queued and gives their types, in order.
pub fn taken_kinds(sb: &mut Sandbox) -> Vec<String> {
    sb.take_events().into_iter().map(|e| e.kind).collect()
}
