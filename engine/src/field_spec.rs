//! Typed field descriptions of Stripe objects.
//!
//! The builder's field picker, the operator list and validation ("a field that cannot
//! exist", "an operator that does not fit the field's type") all read these. The sandbox
//! provides one list per object type; conditions and dynamic values check against it.

use serde::{Deserialize, Serialize};

/// The type of a field as conditions see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueKind {
    /// Text, including ids and enums.
    String,
    /// A plain number.
    Number,
    /// `true` / `false`.
    Boolean,
    /// Unix seconds.
    Timestamp,
    /// An amount in the minor unit of a currency (cents; yen for JPY).
    Money,
    /// A JSON array (or a Stripe list object's `data`).
    List,
    /// A nested object (metadata, address, ...).
    Object,
}

impl ValueKind {
    /// Every kind, in the order above.
    pub const ALL: [ValueKind; 7] = [
        ValueKind::String,
        ValueKind::Number,
        ValueKind::Boolean,
        ValueKind::Timestamp,
        ValueKind::Money,
        ValueKind::List,
        ValueKind::Object,
    ];
}

/// One field of an object type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldSpec {
    /// Dotted path from the object, e.g. `address.city` or `metadata`.
    pub path: String,
    /// Its type.
    pub kind: ValueKind,
    /// A human label, e.g. "Address city".
    pub label: String,
}
