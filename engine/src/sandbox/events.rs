//! Emission of Stripe events, and the `previous_attributes` of updates.
//!
//! Every state change goes through [`Sandbox::emit`]: it wraps the object in Stripe's event
//! envelope, stamps the id of the API request being served (none for clock effects), keeps
//! the event in the history the Workbench lists, and queues it for
//! [`Sandbox::take_events`]. [`previous_attributes`] computes what Stripe puts in
//! `data.previous_attributes`: the old values of the top-level fields that changed; inside a
//! nested object (`metadata`, `address`, `invoice_settings`, ...) only the keys that changed,
//! nested the same way, with `null` for keys that did not exist before.

use std::sync::Arc;

use serde_json::{Map, Value};

use super::ids;
use super::Sandbox;
use crate::event::{Event, EventData, EventRequest, API_VERSION};

/// How many events the history keeps; the oldest are dropped first.
pub const EVENT_HISTORY_LIMIT: usize = 5_000;

impl Sandbox {
    /// Records and queues one event of `kind` about `object`.
    pub(crate) fn emit(
        &mut self,
        kind: &str,
        object: impl Into<Arc<Value>>,
        previous: Option<Value>,
    ) {
        let event = Event {
            id: ids::new_id(&mut self.rng, "event"),
            object: "event".to_string(),
            api_version: API_VERSION.to_string(),
            created: self.clock.now(),
            data: EventData {
                object: object.into(),
                previous_attributes: previous,
            },
            livemode: false,
            pending_webhooks: 0,
            request: EventRequest {
                id: self.request.clone(),
                idempotency_key: None,
            },
            kind: kind.to_string(),
        };
        self.history.push_back(event.clone());
        self.pending.push(event);
        while self.history.len() > EVENT_HISTORY_LIMIT {
            self.history.pop_front();
        }
    }

    /// Records and queues one event of `kind`, placed before the `after` newest events
    /// (for an event Stripe sends first about an object whose final state is known last).
    pub(crate) fn emit_before(
        &mut self,
        after: usize,
        kind: &str,
        object: impl Into<Arc<Value>>,
        previous: Option<Value>,
    ) {
        self.emit(kind, object, previous);
        if let Some(event) = self.pending.pop() {
            let at = self.pending.len().saturating_sub(after);
            self.pending.insert(at, event);
        }
        if let Some(event) = self.history.pop_back() {
            let at = self.history.len().saturating_sub(after);
            self.history.insert(at, event);
        }
    }

    /// Emits `kind` for an update from `old` to `new`, unless nothing changed.
    pub(crate) fn emit_update(&mut self, kind: &str, old: &Value, new: &Arc<Value>) {
        if let Some(previous) = previous_attributes(old, new) {
            self.emit(kind, Arc::clone(new), Some(previous));
        }
    }
}

/// Stripe's `previous_attributes` for a change from `old` to `new`; `None` when nothing
/// changed.
pub fn previous_attributes(old: &Value, new: &Value) -> Option<Value> {
    let (Value::Object(old), Value::Object(new)) = (old, new) else {
        return None;
    };
    let mut out = Map::new();
    for (key, new_value) in new {
        let old_value = old.get(key).unwrap_or(&Value::Null);
        if old_value == new_value {
            continue;
        }
        if old_value.is_object() && new_value.is_object() {
            out.insert(key.clone(), nested_diff(old_value, new_value));
        } else {
            out.insert(key.clone(), old_value.clone());
        }
    }
    for (key, old_value) in old {
        if !new.contains_key(key) {
            out.insert(key.clone(), old_value.clone());
        }
    }
    (!out.is_empty()).then_some(Value::Object(out))
}

/// The old values of the keys of a nested object that changed, nested objects again
/// holding only their changed keys (`null` for added keys), as Stripe writes them.
fn nested_diff(old: &Value, new: &Value) -> Value {
    let empty = Map::new();
    let old = old.as_object().unwrap_or(&empty);
    let new = new.as_object().unwrap_or(&empty);
    let mut out = Map::new();
    for (k, v) in new {
        match old.get(k) {
            Some(before) if before == v => {}
            Some(before) if before.is_object() && v.is_object() => {
                out.insert(k.clone(), nested_diff(before, v));
            }
            Some(before) => {
                out.insert(k.clone(), before.clone());
            }
            None => {
                out.insert(k.clone(), Value::Null);
            }
        }
    }
    for (k, v) in old {
        if !new.contains_key(k) {
            out.insert(k.clone(), v.clone());
        }
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn previous_attributes_cases() {
        let cases = [
            ("nothing changed", json!({"a": 1}), json!({"a": 1}), None),
            (
                "scalar changed",
                json!({"name": "A", "email": "x"}),
                json!({"name": "B", "email": "x"}),
                Some(json!({"name": "A"})),
            ),
            (
                "metadata key added",
                json!({"metadata": {"a": "1"}}),
                json!({"metadata": {"a": "1", "tier": "vip"}}),
                Some(json!({"metadata": {"tier": null}})),
            ),
            (
                "metadata key changed and removed",
                json!({"metadata": {"a": "1", "b": "2"}}),
                json!({"metadata": {"a": "9"}}),
                Some(json!({"metadata": {"a": "1", "b": "2"}})),
            ),
            (
                "nested object lists only its changed keys",
                json!({"address": {"city": "Paris", "line1": "1 rue"}}),
                json!({"address": {"city": "Lyon", "line1": "1 rue"}}),
                Some(json!({"address": {"city": "Paris"}})),
            ),
            (
                "deeper nesting too",
                json!({"invoice_settings": {"default_payment_method": null, "rendering": {"pdf": "a4", "x": 1}}}),
                json!({"invoice_settings": {"default_payment_method": "pm_1", "rendering": {"pdf": "letter", "x": 1}}}),
                Some(
                    json!({"invoice_settings": {"default_payment_method": null, "rendering": {"pdf": "a4"}}}),
                ),
            ),
            (
                "a nested object set from null keeps null",
                json!({"address": null}),
                json!({"address": {"city": "Lyon"}}),
                Some(json!({"address": null})),
            ),
        ];
        for (name, old, new, want) in cases {
            assert_eq!(previous_attributes(&old, &new), want, "{name}");
        }
    }
}
