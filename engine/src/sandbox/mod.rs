//! The simulated Stripe account: objects, API, events, catalog, generator and clock.
//!
//! A [`Sandbox`] is an in-memory, serializable Stripe account. Workflow steps and the UI
//! change it only through [`Sandbox::call`], which runs one catalog action (`customers.update`,
//! `invoices.pay`, ...) the way Stripe's API would: it validates the parameters against the
//! action's [`ActionSpec`], answers Stripe's errors ([`ApiError`]), records the call in the
//! request log and emits the events Stripe would send, in Stripe's order, each carrying the
//! call's `req_` id. [`Sandbox::take_events`] hands those events to the engine for dispatch.
//!
//! Everything is deterministic: ids and generated data come from the seed, time from the
//! sandbox clock ([`Sandbox::now`], [`Sandbox::advance`]); nothing reads the wall clock.
//!
//! ```
//! use sandflow_engine::sandbox::Sandbox;
//! use serde_json::{json, Map, Value};
//!
//! let mut sandbox = Sandbox::new(1_700_000_000, 42);
//! let params: Map<String, Value> = json!({"name": "Jean Dupont"}).as_object().cloned().unwrap();
//! let customer = sandbox.call("customers.create", &params, None).unwrap();
//! assert!(customer["id"].as_str().unwrap().starts_with("cus_"));
//! let events = sandbox.take_events();
//! assert_eq!(events[0].kind, "customer.created");
//! ```

mod api;
mod billing;
pub mod catalog;
mod clock;
mod email;
mod events;
mod events_catalog;
mod fake;
mod fields;
mod generator;
mod hint;
pub mod ids;
mod import;
mod log;
mod objects;
mod payments;
pub mod rng;
mod scenarios;
mod store;
mod update_params;

use std::collections::VecDeque;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::event::Event;
use crate::field_spec::FieldSpec;
pub(crate) use api::set_path;
pub use catalog::{ActionSpec, EventSpec, Method, ParamKind, ParamSpec, EMAIL_STEP_NAME};
pub use clock::{Clock, TimeEffect};
pub use email::is_valid_email;
pub use events::{previous_attributes, EVENT_HISTORY_LIMIT};
pub use generator::{BulkOptions, GenerateError, Seed};
pub use hint::{fix_hint, renamed_params, state_hints, Hint, HintPlace};
pub use import::TakeInError;
pub use log::RequestLog;
pub use objects::CORE_TYPES;
pub use update_params::{customer_update_params, metadata_changes, CustomerEdit};

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

/// How many request logs the sandbox keeps; the oldest are dropped first.
pub const LOG_HISTORY_LIMIT: usize = 5_000;

/// The simulated account.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Sandbox {
    clock: Clock,
    rng: rng::Rng,
    store: store::Store,
    /// Events not yet taken by the engine, oldest first.
    pending: Vec<Event>,
    /// Every recent event, oldest first (bounded by [`EVENT_HISTORY_LIMIT`]).
    history: VecDeque<Event>,
    /// Every recent request, oldest first (bounded by [`LOG_HISTORY_LIMIT`]).
    logs: VecDeque<RequestLog>,
    /// How many request logs were ever added (numbers them for storage).
    #[serde(default)]
    logs_added: u64,
    /// Request logs added since [`Sandbox::take_changes`].
    #[serde(skip)]
    unsaved_logs: usize,
    /// The `req_` id of the call being served, stamped on the events it causes.
    #[serde(skip)]
    request: Option<String>,
}

/// What changed in an account since the last [`Sandbox::take_changes`], so that storage
/// writes the difference instead of the whole account (which grows to tens of thousands of
/// objects with bulk generation).
#[derive(Clone, Debug, Default)]
pub struct Changes {
    /// Objects created or changed, as they are now (JSON text), each with its place in the
    /// creation order.
    pub objects: Vec<(u64, Arc<str>)>,
    /// Request logs added, oldest first, each with its number.
    pub logs: Vec<(u64, RequestLog)>,
    /// The number of the oldest request log still kept (those before it were dropped).
    pub oldest_log: u64,
}

/// An account without its objects, events and request logs: the small part, stored whole.
/// [`Sandbox::from_parts`] puts an account back together from it and the rest.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SandboxCore {
    clock: Clock,
    rng: rng::Rng,
    logs_added: u64,
}

impl Sandbox {
    /// A new, empty account whose clock starts at `now` (Unix seconds); `seed` drives ids.
    pub fn new(now: i64, seed: u64) -> Self {
        Self {
            clock: Clock::new(now),
            rng: rng::Rng::new(seed),
            ..Self::default()
        }
    }

    /// Current sandbox time.
    pub fn now(&self) -> i64 {
        self.clock.now()
    }

    /// Runs one catalog action (`customers.update`, ...) with its parameters, logs the
    /// request, queues the events it causes; returns the response object.
    ///
    /// A call can fail after causing events (a declined card emits `charge.failed` and
    /// `invoice.payment_failed`, as on Stripe); those events are queued too. Parameters past
    /// the [bounds](crate::bounds) of an input (nested more than 32 levels, a text over
    /// 5,000 characters, more than 64 KiB in all) and metadata past Stripe's limits are
    /// refused before anything changes, with an `invalid_request_error`; the request log
    /// then records the call without its parameters.
    pub fn call(
        &mut self,
        action: &str,
        params: &Map<String, Value>,
        origin: Option<&RunOrigin>,
    ) -> Result<Value, ApiError> {
        self.call_logged(action, params, origin)
            .0
            .map(Arc::unwrap_or_clone)
    }

    /// Like [`Sandbox::call`], also giving the `req_` id of the request log entry, which a
    /// run's step records to link to the Workbench.
    pub fn call_with_request(
        &mut self,
        action: &str,
        params: &Map<String, Value>,
        origin: Option<&RunOrigin>,
    ) -> (Result<Value, ApiError>, String) {
        let (result, request) = self.call_logged(action, params, origin);
        (result.map(Arc::unwrap_or_clone), request)
    }

    /// The events caused since the last call, oldest first.
    pub fn take_events(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.pending)
    }

    /// Recent events, newest first (the Workbench's **Events** tab).
    pub fn events(&self) -> impl Iterator<Item = &Event> {
        self.history.iter().rev()
    }

    /// One recent event by id.
    pub fn event(&self, id: &str) -> Option<&Event> {
        self.history.iter().rev().find(|e| e.id == id)
    }

    /// Recent request logs, newest first (the Workbench's **Logs** tab).
    pub fn logs(&self) -> impl Iterator<Item = &RequestLog> {
        self.logs.iter().rev()
    }

    /// One request log by its `req_` id.
    pub fn log(&self, request_id: &str) -> Option<&RequestLog> {
        self.logs.iter().rev().find(|l| l.id == request_id)
    }

    /// The number of the oldest request log kept in memory (logs are numbered from 0 in
    /// the order they were added; storage keeps older ones).
    pub fn oldest_log_number(&self) -> u64 {
        self.logs_added - self.logs.len() as u64
    }

    /// Whether the memory holds every event since the account was loaded or reset, not
    /// only the newest [`EVENT_HISTORY_LIMIT`].
    pub fn holds_all_events(&self) -> bool {
        self.history.len() < EVENT_HISTORY_LIMIT
    }

    /// Whether the memory holds every request log since the account was loaded or reset,
    /// not only the newest [`LOG_HISTORY_LIMIT`].
    pub fn holds_all_logs(&self) -> bool {
        self.logs.len() < LOG_HISTORY_LIMIT
    }

    /// Live objects of one type (`customer`, `invoice`, ...), newest first.
    pub fn objects<'a>(&'a self, object: &'a str) -> impl Iterator<Item = &'a Value> + 'a {
        self.store.list(object)
    }

    /// One object by id (a deleted object is Stripe's deletion stub).
    pub fn object(&self, id: &str) -> Option<&Value> {
        self.store.get(id)
    }

    /// How many live objects of one type the account holds (cheap: none is read).
    pub fn count_objects(&self, object: &str) -> usize {
        self.store.count(object)
    }

    /// How many objects the account holds (deletion stubs included).
    pub fn object_count(&self) -> usize {
        self.store.len()
    }

    /// The small part of the account (clock, seed state, counters), for storage.
    pub fn core(&self) -> SandboxCore {
        SandboxCore {
            clock: self.clock.clone(),
            rng: self.rng.clone(),
            logs_added: self.logs_added,
        }
    }

    /// What changed since the last call (objects, request logs); forgets it.
    pub fn take_changes(&mut self) -> Changes {
        let new_logs = std::mem::take(&mut self.unsaved_logs).min(self.logs.len());
        let first = self.logs_added - new_logs as u64;
        Changes {
            objects: self.store.take_changed(),
            logs: self
                .logs
                .iter()
                .skip(self.logs.len() - new_logs)
                .cloned()
                .enumerate()
                .map(|(i, log)| (first + i as u64, log))
                .collect(),
            oldest_log: self.logs_added - self.logs.len() as u64,
        }
    }

    /// Every object with its place in the creation order, as [`Changes`] numbers them (to
    /// write all of them afresh).
    pub fn numbered_objects(&self) -> Vec<(u64, Arc<str>)> {
        self.store.numbered()
    }

    /// Counts the whole account as changed, so the next [`Sandbox::take_changes`] hands out
    /// every object and request log (to store an account read from an older format).
    pub fn mark_all_changed(&mut self) {
        self.store.mark_all_changed();
        self.unsaved_logs = self.logs.len();
    }

    /// Puts an account back together from its [`SandboxCore`], its objects (each with its
    /// place in the creation order, as [`Changes`] gave them), its recent events (oldest
    /// first) and its request logs (each with its number).
    pub fn from_parts(
        core: SandboxCore,
        objects: Vec<(u64, Arc<str>)>,
        events: Vec<Event>,
        mut logs: Vec<(u64, RequestLog)>,
    ) -> Self {
        logs.sort_by_key(|(n, _)| *n);
        let skip_logs = logs.len().saturating_sub(LOG_HISTORY_LIMIT);
        let skip_events = events.len().saturating_sub(EVENT_HISTORY_LIMIT);
        Self {
            clock: core.clock,
            rng: core.rng,
            store: store::Store::from_numbered(objects),
            pending: Vec::new(),
            history: events.into_iter().skip(skip_events).collect(),
            logs: logs.into_iter().skip(skip_logs).map(|(_, l)| l).collect(),
            logs_added: core.logs_added,
            unsaved_logs: 0,
            request: None,
        }
    }

    /// Empties objects, events and request logs; keeps the clock and the seed's
    /// sequence (workflows live outside the sandbox and are never touched).
    pub fn reset(&mut self) {
        self.store.clear();
        self.pending.clear();
        self.history.clear();
        self.logs.clear();
        self.unsaved_logs = 0;
    }

    /// Draws a fresh id for an object type from the seed (`run_...`, `wf_...` for the engine
    /// included: unknown types get `obj_`).
    pub fn new_id(&mut self, object: &str) -> String {
        ids::new_id(&mut self.rng, object)
    }
}

/// Every action, in picker order.
pub fn actions() -> &'static [ActionSpec] {
    catalog::ACTIONS
}
/// One action by id.
pub fn action(id: &str) -> Option<&'static ActionSpec> {
    actions().iter().find(|a| a.id == id)
}
/// Every event type (the 265), sorted.
pub fn event_types() -> &'static [EventSpec] {
    &events_catalog::EVENT_TYPES
}
/// One event type.
pub fn event_type(kind: &str) -> Option<&'static EventSpec> {
    event_types()
        .binary_search_by(|e| e.kind.cmp(kind))
        .ok()
        .map(|i| &event_types()[i])
}
/// The suggested trigger event types, in catalog order.
pub fn suggested_event_types() -> impl Iterator<Item = &'static EventSpec> {
    event_types().iter().filter(|e| e.suggested)
}
/// The picker categories, in first-seen order of the sorted catalog.
pub fn event_categories() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for e in event_types() {
        if !out.contains(&e.category) {
            out.push(e.category);
        }
    }
    out.sort_unstable();
    out
}
/// Event types whose type, label or category contains every word of `query`
/// (case-insensitive); all of them for an empty query.
pub fn search_event_types(query: &str) -> Vec<&'static EventSpec> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    event_types()
        .iter()
        .filter(|e| {
            let hay = format!("{} {} {}", e.kind, e.label, e.category).to_lowercase();
            let hay = hay.replace(['_', '.'], " ") + " " + e.kind;
            words.iter().all(|w| hay.contains(w.as_str()))
        })
        .collect()
}
/// Actions whose name, id, resource or description contains every word of `query`
/// (case-insensitive), in picker order; all of them for an empty query.
pub fn search_actions(query: &str) -> Vec<&'static ActionSpec> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    actions()
        .iter()
        .filter(|a| {
            let hay = format!("{} {} {} {}", a.name, a.id, a.resource, a.description);
            let hay = hay.to_lowercase().replace(['_', '.'], " ") + " " + a.id;
            words.iter().all(|w| hay.contains(w.as_str()))
        })
        .collect()
}
/// The typed fields of an object type (`customer`, `invoice`, ...).
pub fn fields(object: &str) -> Vec<FieldSpec> {
    fields::fields(object)
}
