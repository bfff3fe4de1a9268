//! The account's objects: every Stripe object the sandbox holds, by id.
//!
//! Objects are kept as `serde_json::Value` in Stripe's shape, so what the API returns,
//! what events carry and what the UI shows are the same JSON. Ids are unique across
//! types (Stripe's prefixes see to that). A deleted object stays as Stripe's deletion stub
//! (`{"id", "object", "deleted": true}`), which `retrieve` returns and updates refuse.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// Objects by id, plus their creation order for newest-first listings.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Store {
    objects: BTreeMap<String, Value>,
    order: Vec<String>,
}

impl Store {
    /// Any object, deletion stubs included.
    pub fn get(&self, id: &str) -> Option<&Value> {
        self.objects.get(id)
    }

    /// A live (not deleted) object of type `object`.
    pub fn live(&self, object: &str, id: &str) -> Option<&Value> {
        self.objects
            .get(id)
            .filter(|o| o["object"] == object && o.get("deleted").is_none())
    }

    /// Inserts or replaces an object by its `id`; objects without one are not kept.
    pub fn put(&mut self, object: Value) {
        let Some(id) = object["id"].as_str().map(str::to_string) else {
            return;
        };
        if self.objects.insert(id.clone(), object).is_none() {
            self.order.push(id);
        }
    }

    /// Replaces an object by its deletion stub.
    pub fn delete(&mut self, id: &str) {
        if let Some(o) = self.objects.get_mut(id) {
            *o = json!({"id": id, "object": o["object"].clone(), "deleted": true});
        }
    }

    /// Live objects of one type, newest first.
    pub fn list<'a>(&'a self, object: &'a str) -> impl Iterator<Item = &'a Value> + 'a {
        self.order
            .iter()
            .rev()
            .filter_map(|id| self.objects.get(id))
            .filter(move |o| o["object"] == object && o.get("deleted").is_none())
    }

    /// Number of objects, stubs included.
    pub fn len(&self) -> usize {
        self.objects.len()
    }

    /// Empties the store.
    pub fn clear(&mut self) {
        self.objects.clear();
        self.order.clear();
    }
}
