//! What validation and the editor need to know about the Stripe API: the actions, the event
//! types and the fields of each object type.
//!
//! The sandbox owns these catalogs; the [`Catalog`] trait lets validation read them through
//! [`SandboxCatalog`] in the app, and through a small hand-written catalog in tests that
//! must not depend on the sandbox's contents.

use crate::field_spec::FieldSpec;
use crate::sandbox::{self, ActionSpec, EventSpec};

/// Read access to the action catalog, the event catalog and object fields.
pub trait Catalog {
    /// One action by id (`customers.update`).
    fn action(&self, id: &str) -> Option<&ActionSpec>;
    /// One event type (`customer.created`).
    fn event_type(&self, kind: &str) -> Option<&EventSpec>;
    /// The typed fields of an object type (`customer`); empty when unknown.
    fn fields(&self, object: &str) -> Vec<FieldSpec>;
}

/// The sandbox's catalogs: what the app uses.
#[derive(Clone, Copy, Debug, Default)]
pub struct SandboxCatalog;

impl Catalog for SandboxCatalog {
    fn action(&self, id: &str) -> Option<&ActionSpec> {
        sandbox::action(id)
    }
    fn event_type(&self, kind: &str) -> Option<&EventSpec> {
        sandbox::event_type(kind)
    }
    fn fields(&self, object: &str) -> Vec<FieldSpec> {
        sandbox::fields(object)
    }
}

/// A Stripe parameter or field name as people read it: `payment_intent` → "Payment intent".
pub fn humanize(name: &str) -> String {
    let spaced = name.replace(['_', '.'], " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn humanizes_names() {
        assert_eq!(super::humanize("payment_intent"), "Payment intent");
        assert_eq!(super::humanize("customer"), "Customer");
        assert_eq!(super::humanize(""), "");
    }
}
