//! The Stripe event envelope.
//!
//! Every change in the sandbox produces events with exactly the envelope Stripe sends
//! (`id`, `object: "event"`, `api_version`, `created`, `data.object`,
//! `data.previous_attributes`, `livemode`, `pending_webhooks`, `request`, `type`), and
//! workflows are triggered by them. The object inside stays a `serde_json::Value`: Stripe
//! objects are JSON, and conditions and dynamic values read them by field path.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The Stripe API version the sandbox speaks, stamped on every event.
pub const API_VERSION: &str = "2025-09-30.clover";

/// One Stripe event, as Stripe would deliver it to a webhook endpoint.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// `evt_...`
    pub id: String,
    /// Always `"event"`.
    pub object: String,
    /// The API version the object inside is rendered with.
    pub api_version: String,
    /// Unix seconds of sandbox time.
    pub created: i64,
    /// The object the event is about, and what changed.
    pub data: EventData,
    /// Always `false`: Sandflow is a sandbox.
    pub livemode: bool,
    /// Stripe's count of webhook deliveries still pending.
    pub pending_webhooks: u32,
    /// The API request that caused the event, when there was one.
    pub request: EventRequest,
    /// The event type, such as `customer.created`.
    #[serde(rename = "type")]
    pub kind: String,
}

/// `data` of an event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventData {
    /// The object as it is after the change. Shared: the sandbox's store, its request log
    /// and every copy of the event hold the same version, so cloning an event is cheap;
    /// build one from a `Value` with `.into()`.
    pub object: Arc<Value>,
    /// On `*.updated` events: the previous values of the fields that changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_attributes: Option<Value>,
}

/// `request` of an event.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EventRequest {
    /// `req_...` of the API call that caused the event; `None` for automatic events.
    pub id: Option<String>,
    /// The idempotency key of that call, if it had one.
    pub idempotency_key: Option<String>,
}

impl Event {
    /// The object the event carries (`data.object`).
    pub fn object(&self) -> &Value {
        &self.data.object
    }

    /// The whole envelope as JSON, the root that `{{trigger....}}` paths start from.
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }

    /// Whether the event is about the object `id`: it carries that object, or an object
    /// that belongs to it (a charge or an invoice of that customer, whose `customer` is the
    /// id, expanded or not).
    pub fn concerns(&self, id: &str) -> bool {
        let object = self.object();
        let owner = match object.get("customer") {
            Some(Value::String(c)) => Some(c.as_str()),
            Some(Value::Object(c)) => c.get("id").and_then(Value::as_str),
            _ => None,
        };
        !id.is_empty()
            && (object.get("id").and_then(Value::as_str) == Some(id) || owner == Some(id))
    }
}
