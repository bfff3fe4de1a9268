//! The account's objects: every Stripe object the sandbox holds, by id.
//!
//! Objects are kept as `serde_json::Value` in Stripe's shape, so what the API returns,
//! what events carry and what the UI shows are the same JSON. Ids are unique across
//! types (Stripe's prefixes see to that). A deleted object stays as Stripe's deletion stub
//! (`{"id", "object", "deleted": true}`), which `retrieve` returns and updates refuse.
//!
//! Two indexes keep the API's lookups proportional to what they return rather than to the
//! size of the account (bulk generation creates tens of thousands of objects): ids by
//! type, and ids by the customer they belong to. Only objects and their creation order are
//! serialized; the indexes are rebuilt when a store is read back.
//!
//! Objects are held behind an [`Arc`], so the events and request logs that carry an object
//! share the stored version instead of copying it (a Stripe invoice is a few hundred JSON
//! nodes); changing an object stores a new version and leaves the old one to whoever
//! still holds it.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// What is serialized of a store.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct StoreData {
    objects: BTreeMap<String, Arc<Value>>,
    order: Vec<String>,
}

/// Objects by id, plus their creation order for newest-first listings.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "StoreData", into = "StoreData")]
pub(crate) struct Store {
    objects: BTreeMap<String, Arc<Value>>,
    order: Vec<String>,
    /// Ids in creation order, per `object` type.
    by_type: BTreeMap<String, Vec<String>>,
    /// Ids of objects that have had `customer` set to a customer id, per customer.
    by_customer: BTreeMap<String, Vec<String>>,
    /// Each id's place in `order`.
    position: BTreeMap<String, u64>,
    /// Ids created or changed since [`Store::take_changed`] (not serialized).
    changed: BTreeSet<String>,
}

impl From<StoreData> for Store {
    fn from(data: StoreData) -> Self {
        let mut store = Store {
            objects: data.objects,
            order: data.order,
            ..Store::default()
        };
        for (n, id) in store.order.clone().into_iter().enumerate() {
            if let Some(object) = store.objects.get(&id).cloned() {
                store.index(&id, &object, true);
            }
            store.position.insert(id, n as u64);
        }
        store
    }
}

impl From<Store> for StoreData {
    fn from(store: Store) -> Self {
        StoreData {
            objects: store.objects,
            order: store.order,
        }
    }
}

impl Store {
    /// Any object, deletion stubs included.
    pub fn get(&self, id: &str) -> Option<&Value> {
        self.objects.get(id).map(|o| &**o)
    }

    /// Any object, deletion stubs included, shared.
    pub fn shared(&self, id: &str) -> Option<&Arc<Value>> {
        self.objects.get(id)
    }

    /// A live (not deleted) object of type `object`, shared.
    pub fn live(&self, object: &str, id: &str) -> Option<&Arc<Value>> {
        self.objects
            .get(id)
            .filter(|o| o["object"] == object && o.get("deleted").is_none())
    }

    fn index(&mut self, id: &str, object: &Value, is_new: bool) {
        if is_new {
            let kind = object["object"].as_str().unwrap_or_default().to_string();
            self.by_type.entry(kind).or_default().push(id.to_string());
        }
        if let Some(customer) = object["customer"].as_str() {
            let ids = self.by_customer.entry(customer.to_string()).or_default();
            if !ids.iter().any(|i| i == id) {
                ids.push(id.to_string());
            }
        }
    }

    /// Inserts or replaces an object by its `id`; objects without one are not kept.
    pub fn put(&mut self, object: impl Into<Arc<Value>>) {
        let object = object.into();
        let Some(id) = object["id"].as_str().map(str::to_string) else {
            return;
        };
        let is_new = !self.objects.contains_key(&id);
        let customer_changed = !is_new
            && object.get("customer").is_some()
            && self.objects.get(&id).map(|o| &o["customer"]) != Some(&object["customer"]);
        if is_new || customer_changed {
            self.index(&id, &object, is_new);
        }
        if is_new {
            self.position.insert(id.clone(), self.order.len() as u64);
            self.order.push(id.clone());
        }
        self.changed.insert(id.clone());
        self.objects.insert(id, object);
    }

    /// Replaces an object by its deletion stub.
    pub fn delete(&mut self, id: &str) {
        if let Some(o) = self.objects.get_mut(id) {
            *o = Arc::new(json!({"id": id, "object": o["object"].clone(), "deleted": true}));
            self.changed.insert(id.to_string());
        }
    }

    /// The objects created or changed since the last call, each with its place in the
    /// creation order; forgets them.
    pub fn take_changed(&mut self) -> Vec<(u64, Arc<Value>)> {
        let ids = std::mem::take(&mut self.changed);
        ids.into_iter()
            .filter_map(|id| Some((*self.position.get(&id)?, self.objects.get(&id)?.clone())))
            .collect()
    }

    /// Every object with its place in the creation order.
    pub fn numbered(&self) -> Vec<(u64, Arc<Value>)> {
        self.order
            .iter()
            .enumerate()
            .filter_map(|(n, id)| Some((n as u64, self.objects.get(id)?.clone())))
            .collect()
    }

    /// Counts every object as changed (to write a whole account piece by piece).
    pub fn mark_all_changed(&mut self) {
        self.changed = self.order.iter().cloned().collect();
    }

    /// A store of `objects`, each with its place in the creation order.
    pub fn from_numbered(mut objects: Vec<(u64, Arc<Value>)>) -> Self {
        objects.sort_by_key(|(n, _)| *n);
        let mut data = StoreData::default();
        for (_, object) in objects {
            if let Some(id) = object["id"].as_str() {
                data.order.push(id.to_string());
                data.objects.insert(id.to_string(), object);
            }
        }
        Store::from(data)
    }

    /// Live objects of one type, newest first.
    pub fn list<'a>(&'a self, object: &'a str) -> impl Iterator<Item = &'a Value> + 'a {
        self.by_type
            .get(object)
            .into_iter()
            .flat_map(|ids| ids.iter().rev())
            .filter_map(|id| self.get(id))
            .filter(|o| o.get("deleted").is_none())
    }

    /// Live objects of one type that belong to `customer`, oldest first.
    pub fn of_customer<'a>(
        &'a self,
        object: &'a str,
        customer: &'a str,
    ) -> impl Iterator<Item = &'a Value> + 'a {
        self.by_customer
            .get(customer)
            .into_iter()
            .flatten()
            .filter_map(|id| self.get(id))
            .filter(move |o| {
                o["object"] == object && o["customer"] == customer && o.get("deleted").is_none()
            })
    }

    /// Number of objects, stubs included.
    pub fn len(&self) -> usize {
        self.objects.len()
    }

    /// Empties the store.
    pub fn clear(&mut self) {
        *self = Store::default();
    }
}
