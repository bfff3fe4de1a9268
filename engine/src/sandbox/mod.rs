//! The simulated Stripe account (contract; the sandbox helper writes the body).

pub mod catalog;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::event::Event;
use crate::schema::FieldSpec;
pub use catalog::{ActionSpec, EventSpec, Method, ParamKind, ParamSpec};

/// Which workflow run made an API call.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunOrigin {
    /// The workflow.
    pub workflow_id: String,
    /// The run.
    pub run_id: String,
    /// The step inside it.
    pub step_id: String,
}

/// A Stripe API error.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    /// `invalid_request_error`, `card_error`, ...
    #[serde(rename = "type")]
    pub kind: String,
    /// e.g. `resource_missing`, `parameter_missing`
    pub code: Option<String>,
    /// Stripe's message, e.g. "No such customer: 'cus_123'"
    pub message: String,
    /// The parameter at fault.
    pub param: Option<String>,
    /// HTTP status.
    pub status: u16,
}

/// The simulated account.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Sandbox {}

impl Sandbox {
    /// A new, empty account whose clock starts at `now` (Unix seconds); `seed` drives ids.
    pub fn new(_now: i64, _seed: u64) -> Self {
        unimplemented!("contract")
    }
    /// Current sandbox time.
    pub fn now(&self) -> i64 {
        unimplemented!("contract")
    }
    /// Runs one catalog action (`customers.update`, ...) with its parameters, logs the
    /// request, queues the events it causes; returns the response object.
    pub fn call(
        &mut self,
        _action: &str,
        _params: &Map<String, Value>,
        _origin: Option<&RunOrigin>,
    ) -> Result<Value, ApiError> {
        unimplemented!("contract")
    }
    /// The events caused since the last call, oldest first.
    pub fn take_events(&mut self) -> Vec<Event> {
        unimplemented!("contract")
    }
}

/// Every action, in picker order.
pub fn actions() -> &'static [ActionSpec] {
    &[]
}
/// One action by id.
pub fn action(id: &str) -> Option<&'static ActionSpec> {
    actions().iter().find(|a| a.id == id)
}
/// Every event type (the 265), sorted.
pub fn event_types() -> &'static [EventSpec] {
    &[]
}
/// One event type.
pub fn event_type(kind: &str) -> Option<&'static EventSpec> {
    event_types().iter().find(|e| e.kind == kind)
}
/// The typed fields of an object type (`customer`, `invoice`, ...).
pub fn fields(_object: &str) -> Vec<FieldSpec> {
    Vec::new()
}
