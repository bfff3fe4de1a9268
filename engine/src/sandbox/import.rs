//! Events that happened in a real Stripe account, taken into the sandbox: each event's
//! object becomes the sandbox's version of that object (so later actions of workflows find
//! it), and the event is recorded and queued like one the sandbox emitted, with Stripe's
//! own id, time and request. An event the sandbox already holds is left out, so importing
//! the same file twice delivers nothing twice.

use std::sync::Arc;

use serde_json::Value;

use super::Sandbox;
use crate::bounds::{check_value, BoundsError};
use crate::event::Event;

use super::events::EVENT_HISTORY_LIMIT;

/// Why imported events were refused (nothing was taken).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum TakeInError {
    /// An event's object holds more than any input may.
    #[error("event {id}: {error}")]
    OutOfBounds {
        /// The event.
        id: String,
        /// The bound crossed.
        error: BoundsError,
    },
}

impl Sandbox {
    /// Takes `events` (oldest first) into the account and queues them for
    /// [`Sandbox::take_events`]; the events taken, without those it already holds. Every
    /// object is checked against the [bounds](crate::bounds) of an input first: one past
    /// them refuses the whole import, and nothing changes.
    pub fn take_in(&mut self, events: Vec<Event>) -> Result<Vec<Event>, TakeInError> {
        for event in &events {
            check_value(event.object()).map_err(|error| TakeInError::OutOfBounds {
                id: event.id.clone(),
                error,
            })?;
        }
        let mut taken = Vec::new();
        for event in events {
            if self.event(&event.id).is_some() || taken.iter().any(|e: &Event| e.id == event.id) {
                continue;
            }
            let object: &Arc<Value> = &event.data.object;
            if object.get("id").and_then(Value::as_str).is_some() {
                if event.kind.ends_with(".deleted") {
                    self.store.delete(object["id"].as_str().unwrap_or_default());
                } else {
                    self.store.put(object.clone());
                }
            }
            self.history.push_back(event.clone());
            while self.history.len() > EVENT_HISTORY_LIMIT {
                self.history.pop_front();
            }
            self.pending.push(event.clone());
            taken.push(event);
        }
        Ok(taken)
    }
}

impl Sandbox {
    /// Puts `objects` into the account as they are (a saved test's starting state), each
    /// checked against the [bounds](crate::bounds) of an input first: one past them puts
    /// nothing. No event is emitted: the objects were already there.
    pub fn seed_objects(&mut self, objects: &[Value]) -> Result<(), BoundsError> {
        for object in objects {
            check_value(object)?;
        }
        for object in objects {
            self.store.put(object.clone());
        }
        Ok(())
    }
}
