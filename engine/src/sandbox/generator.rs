//! The event generator: any of the 265 event types, with realistic data, reproducibly.
//!
//! For the resources the sandbox simulates, an event is produced the way `stripe trigger`
//! does: by running the same chain of API calls through [`Sandbox::call`] (create a
//! customer with a test card, add an invoice item, create and pay the invoice, ...), so
//! every side-effect event is emitted in order and the objects really exist in the account.
//! A few states no API call reaches (a dispute won, a payout failed, a trial about to end)
//! are set directly on real objects after the chain (those scenarios live in `scenarios/`,
//! one file per resource family). Every other type gets a plausible object of the right
//! type from the builders, linked to a real customer where it has one.
//!
//! Overrides set fields of the generated `data.object` by dotted path (`name`,
//! `metadata.tier`), like `stripe trigger --override`; the stored object gets them too.
//! They are checked against the [bounds](crate::bounds) of an input before the scenario
//! runs, so a refused override leaves the account as it was.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::json::json;

use super::api::set_path;
use super::{event_type, ApiError, EventSpec, Sandbox};
use crate::bounds::{check_fields, BoundsError};
use crate::event::Event;
use crate::limits::MAX_BULK_EVENTS;

/// The seed of a sandbox's generator: the same seed, the same ids and data.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seed(pub u64);

impl From<u64> for Seed {
    fn from(seed: u64) -> Self {
        Self(seed)
    }
}

/// Why an event could not be generated.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum GenerateError {
    /// The event type is not in the catalog.
    #[error("unknown event type {kind}: pick one from the event catalog")]
    UnknownEventType {
        /// The type asked for.
        kind: String,
    },
    /// An override path is empty or has an empty segment.
    #[error("override path {path:?} is not a dotted field path such as metadata.tier")]
    BadOverride {
        /// The path given.
        path: String,
    },
    /// The sandbox refused a call of the scenario (a bug in the scenario).
    #[error("scenario step {action} was refused: {source}")]
    Scenario {
        /// The action of the refused step.
        action: String,
        /// Stripe's error.
        #[source]
        source: Box<ApiError>,
    },
    /// Bulk generation was asked for no event type.
    #[error("bulk generation needs at least one event type")]
    NoEventTypes,
    /// An override crosses a bound of what an input may hold (too deep, too long, too big).
    #[error(transparent)]
    OutOfBounds(#[from] BoundsError),
    /// Bulk generation was asked for more events than one send may make.
    #[error("{count} events were asked for; one send makes at most {limit}: send fewer")]
    TooManyEvents {
        /// Asked for.
        count: usize,
        /// The limit.
        limit: usize,
    },
}

/// How [`Sandbox::generate_bulk`] delivers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkOptions {
    /// How many events to generate (each may cause side-effect events too).
    pub count: usize,
    /// Percent chance (0-100) that a delivered event is delivered a second time, as
    /// Stripe's at-least-once delivery can.
    pub duplicate_percent: u8,
    /// When above 1, events are shuffled within windows of this many, mimicking
    /// out-of-order delivery.
    pub shuffle_window: usize,
}

/// Status values a verb sets on a generic object that has a `status`.
fn status_for(verb: &str) -> Option<&'static str> {
    Some(match verb {
        "succeeded" => "succeeded",
        "failed" | "setup_failed" | "action_failed" | "finalization_failed" => "failed",
        "canceled" => "canceled",
        "paid" => "paid",
        "closed" => "closed",
        "posted" => "posted",
        "returned" => "returned",
        "processing" => "processing",
        "expired" => "expired",
        "verified" => "verified",
        "requires_input" => "requires_input",
        "requires_action" => "requires_action",
        "submitted" => "submitted",
        "deactivated" | "disabled" => "inactive",
        "activated" | "reactivated" => "active",
        "rejected" => "rejected",
        "delivered" => "delivered",
        "ready" => "ready",
        "advancing" => "advancing",
        "internal_failure" => "internal_failure",
        "reversed" => "reversed",
        "redacted" => "redacted",
        "accepted" => "accepted",
        "finalized" => "open",
        "completed" | "action_succeeded" => "completed",
        "aborted" => "canceled",
        "released" => "released",
        "chargeable" => "chargeable",
        "disconnected" => "disconnected",
        "delayed" => "delayed",
        _ => return None,
    })
}

impl Sandbox {
    /// Restarts the generator's sequence from `seed` (objects and history are kept).
    pub fn reseed(&mut self, seed: Seed) {
        self.rng = super::rng::Rng::new(seed.0);
    }

    /// Generates one event of `kind` with realistic data, applying `overrides` (dotted
    /// paths into `data.object`). Returns that event. Every event the scenario caused, the
    /// returned one included, is also queued for [`Sandbox::take_events`], in order.
    ///
    /// Overrides out of [bounds](crate::bounds) (a path of more than 16 segments, a value
    /// nested more than 32 levels deep counting the path, ...) are refused before anything
    /// changes.
    pub fn generate_event(
        &mut self,
        kind: &str,
        overrides: &Map<String, Value>,
    ) -> Result<Event, GenerateError> {
        let spec = event_type(kind).ok_or_else(|| GenerateError::UnknownEventType {
            kind: kind.to_string(),
        })?;
        check_fields(overrides)?;
        if let Some(bad) = overrides
            .keys()
            .find(|p| p.is_empty() || p.split('.').any(str::is_empty))
        {
            return Err(GenerateError::BadOverride { path: bad.clone() });
        }
        let start = self.pending.len();
        self.scenario(spec)?;
        let index = match self.pending[start..]
            .iter()
            .rposition(|e| e.kind == spec.kind)
        {
            Some(i) => start + i,
            None => {
                self.synthesize(spec)?;
                self.pending.len() - 1
            }
        };
        if !overrides.is_empty() {
            self.apply_overrides(index, overrides);
        }
        Ok(self.pending[index].clone())
    }

    /// Generates `options.count` events cycling through `kinds`, then delivers them as
    /// Stripe might: every event caused (side effects included), some twice, some out of
    /// order. Drains the queue: the returned list is what to dispatch. At most
    /// [`MAX_BULK_EVENTS`] events are generated by one call.
    pub fn generate_bulk(
        &mut self,
        kinds: &[&str],
        options: &BulkOptions,
    ) -> Result<Vec<Event>, GenerateError> {
        if kinds.is_empty() {
            return Err(GenerateError::NoEventTypes);
        }
        if let Some(unknown) = kinds.iter().find(|k| event_type(k).is_none()) {
            return Err(GenerateError::UnknownEventType {
                kind: (*unknown).to_string(),
            });
        }
        if options.count > MAX_BULK_EVENTS {
            return Err(GenerateError::TooManyEvents {
                count: options.count,
                limit: MAX_BULK_EVENTS,
            });
        }
        let none = Map::new();
        for i in 0..options.count {
            self.generate_event(kinds[i % kinds.len()], &none)?;
        }
        let mut delivered = Vec::new();
        for event in self.take_events() {
            let twice = options.duplicate_percent > 0
                && self
                    .rng
                    .chance(u64::from(options.duplicate_percent.min(100)));
            if twice {
                delivered.push(event.clone());
            }
            delivered.push(event);
        }
        if options.shuffle_window > 1 {
            for chunk in delivered.chunks_mut(options.shuffle_window) {
                for i in (1..chunk.len()).rev() {
                    let j = self.rng.below(i as u64 + 1) as usize;
                    chunk.swap(i, j);
                }
            }
        }
        Ok(delivered)
    }

    /// A realistic object of `object` type (what the field lists are derived from).
    pub(crate) fn sample(&mut self, object: &str) -> Value {
        let kinds: Vec<&'static EventSpec> = super::event_types()
            .iter()
            .filter(|e| e.object == object)
            .collect();
        let pick = kinds
            .iter()
            .find(|e| e.kind.ends_with(".created") || e.kind.ends_with(".succeeded"))
            .or(kinds.first());
        match pick.map(|spec| self.generate_event(spec.kind, &Map::new())) {
            Some(Ok(event)) => Arc::unwrap_or_clone(event.data.object),
            _ => self.fresh(object),
        }
    }

    /// Sets fields of the stored object `id` by dotted path, as overrides set those of a
    /// generated event's object (coverage's search makes a step read the values it aims
    /// at this way, in its own copy of the account), and in every event that carries that
    /// object, so the object reads as if it had always had them (a test saved from this
    /// account starts from the object as the last event before its trigger showed it).
    /// False when no live object has that id.
    pub(crate) fn override_object(&mut self, id: &str, fields: &Map<String, Value>) -> bool {
        let Some(stored) = self.store.get(id).cloned() else {
            return false;
        };
        if stored.get("deleted").is_some() {
            return false;
        }
        let set = |object: &mut Value| {
            for (path, value) in fields {
                set_path(object, path, value.clone());
            }
        };
        let mut stored = stored;
        set(&mut stored);
        self.store.put(stored);
        for event in self.history.iter_mut().chain(self.pending.iter_mut()) {
            if event.data.object.get("id").and_then(Value::as_str) == Some(id) {
                set(Arc::make_mut(&mut event.data.object));
            }
        }
        true
    }

    fn apply_overrides(&mut self, index: usize, overrides: &Map<String, Value>) {
        let event = &mut self.pending[index];
        let object = Arc::make_mut(&mut event.data.object);
        for (path, value) in overrides {
            set_path(object, path, value.clone());
        }
        let (id, object) = (event.id.clone(), event.data.object.clone());
        if let Some(h) = self.history.iter_mut().rev().find(|e| e.id == id) {
            h.data.object = object.clone();
        }
        if let Some(oid) = object["id"].as_str() {
            if let Some(stored) = self.store.get(oid).cloned() {
                if stored.get("deleted").is_none() {
                    let mut stored = stored;
                    for (path, value) in overrides {
                        set_path(&mut stored, path, value.clone());
                    }
                    self.store.put(stored);
                }
            }
        }
    }

    /// A plausible event for a type without a scenario: an object of the right type from
    /// the builders, linked to a real customer where it belongs to one.
    fn synthesize(&mut self, spec: &EventSpec) -> Result<(), GenerateError> {
        let verb = spec.kind.rsplit('.').next().unwrap_or_default();
        let mut object = self.fresh(spec.object);
        if matches!(
            spec.object,
            "discount"
                | "tax_id"
                | "card"
                | "setup_intent"
                | "subscription_schedule"
                | "quote"
                | "billing_portal.session"
                | "cash_balance"
                | "customer_cash_balance_transaction"
                | "billing.credit_grant"
                | "entitlements.active_entitlement_summary"
        ) {
            let customer = self.fake_customer(None)?;
            object["customer"] = customer["id"].clone();
            if spec.object == "tax_id" {
                object["owner"]["customer"] = customer["id"].clone();
            }
        }
        if object.get("status").is_some() {
            if let Some(status) = status_for(verb) {
                object["status"] = json!(status);
            }
        }
        let previous = if verb.ends_with("updated") {
            // What changed: metadata where the object has some, else its status, else its
            // first field that has a value.
            let mut old = object.clone();
            if object.get("metadata").is_some() {
                object["metadata"] = json!({"sandflow_updated": "true"});
            } else if let Some(status) = object.get("status").and_then(Value::as_str) {
                old["status"] = json!(if status == "pending" {
                    "active"
                } else {
                    "pending"
                });
            } else if let Some((key, value)) = object.as_object().and_then(|map| {
                map.iter().find(|(k, v)| {
                    !matches!(k.as_str(), "id" | "object" | "livemode") && !v.is_null()
                })
            }) {
                // Its first field that has a value was unset before (within an object, the
                // first of its fields that has one).
                let inner = value
                    .as_object()
                    .and_then(|m| m.iter().find(|(_, v)| !v.is_null()).map(|(k, _)| k.clone()));
                match inner {
                    Some(inner) => old[key.as_str()][inner.as_str()] = Value::Null,
                    None => old[key.as_str()] = Value::Null,
                }
            }
            super::previous_attributes(&old, &object)
        } else {
            None
        };
        self.emit_direct(spec.kind, object, previous);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_verb_with_a_status_maps_to_a_status_string() {
        for verb in ["succeeded", "failed", "canceled", "activated"] {
            assert!(status_for(verb).is_some(), "{verb}");
        }
        assert_eq!(status_for("created"), None);
    }
}
