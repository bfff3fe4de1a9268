//! Sandflow's engine (skeleton; filled in by the engine and sandbox work).

pub mod event;
pub mod sandbox;
pub mod schema;

pub use event::{Event, EventData, EventRequest};
pub use schema::{FieldSpec, ValueKind};
