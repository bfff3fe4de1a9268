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

/// What `stripe trigger` shows of a scenario: each API call the sandbox logged, oldest
/// first, as `METHOD /path` with every id in the path written `{}`, with the event types
/// its request caused in order; events Stripe causes later on its own (a null
/// `request.id`) follow the call after which they came, labelled `later`.
pub fn chain(sb: &Sandbox, events: &[Event]) -> Vec<(String, Vec<String>)> {
    let logs: Vec<_> = sb.logs().collect::<Vec<_>>().into_iter().rev().collect();
    let mut calls: Vec<(String, Vec<String>)> = logs
        .iter()
        .map(|log| {
            let method = format!("{:?}", log.method).to_uppercase();
            let path: Vec<String> = log
                .path
                .split('/')
                .map(|part| {
                    if part.starts_with("pm_card_")
                        || (!part.is_empty() && sb.object(part).is_some())
                    {
                        "{}".to_string()
                    } else {
                        part.to_string()
                    }
                })
                .collect();
            (format!("{method} {}", path.join("/")), Vec::new())
        })
        .collect();
    let mut later: Vec<Vec<String>> = vec![Vec::new(); calls.len() + 1];
    let mut last = 0;
    for event in events {
        match &event.request.id {
            Some(req) => {
                let i = logs
                    .iter()
                    .position(|l| &l.id == req)
                    .expect("a logged request");
                calls[i].1.push(event.kind.clone());
                last = i + 1;
            }
            None => {
                // After every call made by the time it happened, even one that emitted
                // nothing itself (a report run asked for, then done).
                let made = logs.iter().filter(|l| l.created <= event.created).count();
                last = last.max(made);
                later[last].push(event.kind.clone());
            }
        }
    }
    let mut out = Vec::new();
    for (i, group) in later.into_iter().enumerate() {
        if i > 0 {
            out.push(calls[i - 1].clone());
        }
        if !group.is_empty() {
            out.push(("later".to_string(), group));
        }
    }
    out
}
