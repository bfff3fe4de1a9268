//! The catalogs workflows are built from: the actions a step can take and the event types a
//! trigger can listen to.
//!
//! (contract types; the sandbox helper fills in the data)

use serde::Serialize;

use crate::schema::ValueKind;

/// HTTP method of an API action.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Method {
    /// GET
    Get,
    /// POST
    Post,
    /// DELETE
    Delete,
}

/// The type of an action parameter, which decides the input the editor shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ParamKind {
    /// Free text.
    String,
    /// A whole number.
    Integer,
    /// An amount in the currency's minor unit.
    Money,
    /// `true` / `false`.
    Boolean,
    /// Unix seconds.
    Timestamp,
    /// One of a fixed set of values.
    Enum(&'static [&'static str]),
    /// The id of an object of this type (`"customer"`, `"invoice"`, ...).
    Id(&'static str),
    /// Key/value pairs (Stripe `metadata`).
    Metadata,
    /// A list of strings.
    List,
}

/// One parameter of an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ParamSpec {
    /// Stripe's parameter name, e.g. `customer`, `amount`, `metadata`.
    pub name: &'static str,
    /// Its type.
    pub kind: ParamKind,
    /// Shown as **Required** in the editor; activation refuses while it is empty.
    pub required: bool,
    /// One line on what it does.
    pub description: &'static str,
}

/// One API action a workflow step can take.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ActionSpec {
    /// Stable id used in stored workflows, e.g. `customers.update`.
    pub id: &'static str,
    /// As Stripe's API reference names it, e.g. "Update a customer".
    pub name: &'static str,
    /// The resource group in the picker, e.g. "Customer".
    pub resource: &'static str,
    /// HTTP method.
    pub method: Method,
    /// Path template, e.g. `/v1/customers/{customer}`.
    pub path: &'static str,
    /// Parameters, path parameters first.
    pub params: &'static [ParamSpec],
    /// The object type it returns, e.g. `customer`.
    pub returns: &'static str,
    /// One sentence for the picker.
    pub description: &'static str,
    /// The event types a successful call can emit (used to warn about cycles).
    pub emits: &'static [&'static str],
}

/// One event type a trigger can listen to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct EventSpec {
    /// e.g. `customer.created`
    pub kind: &'static str,
    /// e.g. "Customer created"
    pub label: &'static str,
    /// e.g. "Customer"
    pub category: &'static str,
    /// The type of `data.object`, e.g. `customer`.
    pub object: &'static str,
    /// In the picker's **Suggested** group.
    pub suggested: bool,
    /// One sentence on when Stripe sends it.
    pub description: &'static str,
}
