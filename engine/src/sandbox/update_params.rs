//! The parameters of an update call, from an object as it was and what an edit form holds.
//!
//! Like the Stripe Dashboard, the app sends only what changed, so `customer.updated`
//! carries exactly the edited fields in `previous_attributes`. Stripe updates metadata key
//! by key: a key left out is kept, and a key given an empty value is unset. So a key the
//! form removed is sent as `""`, and a key whose value did not change is not sent.

use serde_json::{Map, Value};

/// What the customer edit form holds: the texts as typed and the metadata rows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CustomerEdit {
    /// The name.
    pub name: String,
    /// The email address.
    pub email: String,
    /// The description.
    pub description: String,
    /// The phone number.
    pub phone: String,
    /// Every metadata key and value the form holds (keys trimmed, empty keys left out).
    pub metadata: Map<String, Value>,
}

/// The parameters of `customers.update` that turn `before` (the stored customer) into
/// `edit`: each text field that changed (trimmed; a missing or `null` field counts as
/// empty) and the [metadata changes](metadata_changes). Empty when nothing changed, so the
/// form can close without a call. The caller adds the `customer` id. From `Value::Null`
/// (no customer yet) they are the parameters of `customers.create`: every field filled in.
pub fn customer_update_params(before: &Value, edit: &CustomerEdit) -> Map<String, Value> {
    let mut params = Map::new();
    for (key, now) in [
        ("name", &edit.name),
        ("email", &edit.email),
        ("description", &edit.description),
        ("phone", &edit.phone),
    ] {
        let now = now.trim();
        if now != before[key].as_str().unwrap_or_default() {
            params.insert(key.to_owned(), Value::String(now.to_owned()));
        }
    }
    let metadata = metadata_changes(&before["metadata"], &edit.metadata);
    if !metadata.is_empty() {
        params.insert("metadata".to_owned(), Value::Object(metadata));
    }
    params
}

/// The `metadata` parameter that turns the metadata `before` into `after`, by Stripe's
/// rule: new and changed keys with their values, removed keys with `""` (which unsets
/// them), unchanged keys left out.
pub fn metadata_changes(before: &Value, after: &Map<String, Value>) -> Map<String, Value> {
    let mut changes: Map<String, Value> = after
        .iter()
        .filter(|(k, v)| before.get(k.as_str()) != Some(v))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    if let Some(old) = before.as_object() {
        for key in old.keys().filter(|k| !after.contains_key(k.as_str())) {
            changes.insert(key.clone(), Value::String(String::new()));
        }
    }
    changes
}
