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
//!
//! A `Value` tree takes about six times the memory of its JSON text, and an account from a
//! few bulk sends holds tens of thousands of objects, most never read again. So each object
//! is kept as JSON text once it has been written out ([`Store::take_changed`] hands the
//! texts to storage), and parsed again, once, when something reads it; [`Store::compact`]
//! turns the parsed copies back into text. Objects put since the last write stay parsed.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::json::json;

/// What is serialized of a store.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct StoreData {
    objects: BTreeMap<String, Arc<Value>>,
    order: Vec<String>,
}

/// One object: parsed, as JSON text, or both (at least one of them is set).
#[derive(Clone, Debug, Default)]
struct Entry {
    parsed: OnceLock<Arc<Value>>,
    text: OnceLock<Arc<str>>,
}

impl Entry {
    fn parsed(object: Arc<Value>) -> Self {
        let entry = Entry::default();
        let _ = entry.parsed.set(object);
        entry
    }

    fn text(text: Arc<str>) -> Self {
        let entry = Entry::default();
        let _ = entry.text.set(text);
        entry
    }

    /// The object, parsed from its text the first time it is read after a compaction
    /// (`parses` counts those, so the store knows when to compact them again).
    fn value(&self, parses: &Parses) -> &Arc<Value> {
        self.parsed.get_or_init(|| {
            parses.0.fetch_add(1, Ordering::Relaxed);
            let text = self.text.get().map_or("null", |t| &**t);
            Arc::new(serde_json::from_str(text).unwrap_or(Value::Null))
        })
    }

    /// The object as JSON text, written out the first time it is asked for.
    fn json(&self) -> &Arc<str> {
        self.text.get_or_init(|| {
            let value = self.parsed.get().map_or(&Value::Null, |v| &**v);
            Arc::from(serde_json::to_string(value).unwrap_or_default())
        })
    }

    /// Drops the parsed copy, keeping (or first writing) the text.
    fn compact(&mut self) {
        if self.parsed.get().is_some() {
            self.json();
            self.parsed = OnceLock::new();
        }
    }
}

/// How many objects were parsed back from text since the last full compaction.
#[derive(Debug, Default)]
struct Parses(AtomicUsize);

impl Clone for Parses {
    fn clone(&self) -> Self {
        Parses(AtomicUsize::new(self.0.load(Ordering::Relaxed)))
    }
}

/// Objects parsed back from text tolerated before [`Store::compact`] visits every object.
const PARSED_BACK: usize = 2_000;

/// Objects by id, plus their creation order for newest-first listings.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(from = "StoreData", into = "StoreData")]
pub(crate) struct Store {
    objects: BTreeMap<String, Entry>,
    order: Vec<String>,
    /// Ids in creation order, per `object` type.
    by_type: BTreeMap<String, Vec<String>>,
    /// Ids of objects that have had `customer` set to a customer id, per customer.
    by_customer: BTreeMap<String, Vec<String>>,
    /// Each id's place in `order`.
    position: BTreeMap<String, u64>,
    /// Ids created or changed since [`Store::take_changed`] (not serialized).
    changed: BTreeSet<String>,
    /// Ids put since the last [`Store::compact`], still parsed.
    hot: BTreeSet<String>,
    /// Ids of deletion stubs (to count live objects without parsing them).
    deleted: BTreeSet<String>,
    parses: Parses,
}

impl PartialEq for Store {
    fn eq(&self, other: &Self) -> bool {
        self.order == other.order
            && self.objects.len() == other.objects.len()
            && self.objects.iter().all(|(id, entry)| {
                other
                    .objects
                    .get(id)
                    .is_some_and(|o| o.value(&other.parses) == entry.value(&self.parses))
            })
    }
}

impl From<StoreData> for Store {
    fn from(data: StoreData) -> Self {
        let mut store = Store {
            objects: data
                .objects
                .into_iter()
                .map(|(id, o)| (id, Entry::parsed(o)))
                .collect(),
            order: data.order,
            ..Store::default()
        };
        for (n, id) in store.order.clone().into_iter().enumerate() {
            if let Some(object) = store
                .objects
                .get(&id)
                .map(|e| e.value(&store.parses).clone())
            {
                store.index(&id, &object, true);
            }
            store.position.insert(id, n as u64);
        }
        store.hot = store.order.iter().cloned().collect();
        store
    }
}

impl From<Store> for StoreData {
    fn from(store: Store) -> Self {
        StoreData {
            objects: store
                .objects
                .iter()
                .map(|(id, e)| (id.clone(), e.value(&store.parses).clone()))
                .collect(),
            order: store.order,
        }
    }
}

impl Store {
    /// Any object, deletion stubs included.
    pub fn get(&self, id: &str) -> Option<&Value> {
        self.shared(id).map(|o| &**o)
    }

    /// Any object, deletion stubs included, shared.
    pub fn shared(&self, id: &str) -> Option<&Arc<Value>> {
        self.objects.get(id).map(|e| e.value(&self.parses))
    }

    /// A live (not deleted) object of type `object`, shared.
    pub fn live(&self, object: &str, id: &str) -> Option<&Arc<Value>> {
        self.shared(id)
            .filter(|o| o["object"] == object && o.get("deleted").is_none())
    }

    fn index(&mut self, id: &str, object: &Value, is_new: bool) {
        if object.get("deleted").is_some() {
            self.deleted.insert(id.to_string());
        } else {
            self.deleted.remove(id);
        }
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
            && self.get(&id).map(|o| &o["customer"]) != Some(&object["customer"]);
        let deletion_changed = object.get("deleted").is_some() != self.deleted.contains(&id);
        if is_new || customer_changed || deletion_changed {
            self.index(&id, &object, is_new);
        }
        if is_new {
            self.position.insert(id.clone(), self.order.len() as u64);
            self.order.push(id.clone());
        }
        self.changed.insert(id.clone());
        self.hot.insert(id.clone());
        self.objects.insert(id, Entry::parsed(object));
    }

    /// Replaces an object by its deletion stub.
    pub fn delete(&mut self, id: &str) {
        let Some(kind) = self.get(id).map(|o| o["object"].clone()) else {
            return;
        };
        let stub = Arc::new(json!({"id": id, "object": kind, "deleted": true}));
        self.objects.insert(id.to_string(), Entry::parsed(stub));
        self.deleted.insert(id.to_string());
        self.changed.insert(id.to_string());
        self.hot.insert(id.to_string());
    }

    /// The objects created or changed since the last call, as JSON text, each with its
    /// place in the creation order; forgets them, and keeps only their text from now on
    /// (see [`Store::compact`]).
    pub fn take_changed(&mut self) -> Vec<(u64, Arc<str>)> {
        let ids = std::mem::take(&mut self.changed);
        let changed = ids
            .into_iter()
            .filter_map(|id| {
                Some((
                    *self.position.get(&id)?,
                    self.objects.get(&id)?.json().clone(),
                ))
            })
            .collect();
        self.compact();
        changed
    }

    /// Keeps only the JSON text of the objects put since the last call (and of every object
    /// once many were parsed back from text): what is read again is parsed again.
    pub fn compact(&mut self) {
        let everything = self.parses.0.load(Ordering::Relaxed) > PARSED_BACK;
        if everything {
            self.objects.values_mut().for_each(Entry::compact);
            self.parses.0.store(0, Ordering::Relaxed);
        } else {
            for id in std::mem::take(&mut self.hot) {
                if let Some(entry) = self.objects.get_mut(&id) {
                    entry.compact();
                }
            }
        }
        self.hot.clear();
    }

    /// Every object as JSON text, with its place in the creation order.
    pub fn numbered(&self) -> Vec<(u64, Arc<str>)> {
        self.order
            .iter()
            .enumerate()
            .filter_map(|(n, id)| Some((n as u64, self.objects.get(id)?.json().clone())))
            .collect()
    }

    /// Counts every object as changed (to write a whole account piece by piece).
    pub fn mark_all_changed(&mut self) {
        self.changed = self.order.iter().cloned().collect();
    }

    /// A store of `objects` (JSON text), each with its place in the creation order. Only
    /// the fields the indexes read are parsed (no tree is built); each is kept as text.
    pub fn from_numbered(mut objects: Vec<(u64, Arc<str>)>) -> Self {
        /// What [`Store::index`] reads of an object.
        #[derive(Deserialize)]
        struct Head {
            id: Option<String>,
            #[serde(default)]
            object: Value,
            #[serde(default)]
            customer: Value,
            deleted: Option<Value>,
        }
        objects.sort_by_key(|(n, _)| *n);
        let mut store = Store::default();
        for (_, text) in objects {
            let Ok(Head {
                id: Some(id),
                object,
                customer,
                deleted,
            }) = serde_json::from_str::<Head>(&text)
            else {
                continue;
            };
            let mut object = json!({"object": object, "customer": customer});
            if let Some(deleted) = deleted {
                object["deleted"] = deleted;
            }
            let is_new = !store.objects.contains_key(&id);
            store.index(&id, &object, is_new);
            if is_new {
                store.position.insert(id.clone(), store.order.len() as u64);
                store.order.push(id.clone());
            }
            store.objects.insert(id, Entry::text(text));
        }
        store
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

    /// How many live objects of one type there are (without reading them).
    pub fn count(&self, object: &str) -> usize {
        self.by_type.get(object).map_or(0, |ids| {
            ids.iter().filter(|id| !self.deleted.contains(*id)).count()
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
