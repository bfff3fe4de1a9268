//! Calls on the resources the sandbox keeps as generic objects (accounts, issuing cards,
//! quotes, tax rates, test clocks, ...; their shapes are Stripe's, from `shapes.json`):
//! create one from the given fields, change one, move one to a new state. Each is one
//! request of its own, as [`Sandbox::op`] serves it, and emits what the scenario says Stripe
//! emits for that call.

use std::sync::Arc;

use serde_json::Value;

use crate::sandbox::api::{merge_metadata, Params};
use crate::sandbox::{ApiError, GenerateError, Method, Sandbox};

/// Sets the given fields an object has (objects merged into its own, key by key; metadata
/// as Stripe merges it). A parameter the object has no field for changes nothing.
pub(super) fn fill(target: &mut Value, p: &Params) {
    for (k, v) in p.iter() {
        if k == "metadata" {
            merge_metadata(target, v);
        } else if target.get(k).is_some() {
            merge(&mut target[k.as_str()], v);
        }
    }
}

fn merge(slot: &mut Value, given: &Value) {
    match (slot, given) {
        (Value::Object(slot), Value::Object(given)) => {
            for (k, v) in given {
                match slot.get_mut(k) {
                    Some(inner) => merge(inner, v),
                    None => {
                        slot.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (slot, given) => *slot = given.clone(),
    }
}

impl Sandbox {
    /// `POST path`: a new `object` holding the given fields, then `shape` for what the call
    /// decides itself (a parent id, a status); stored, and `emits` sent about it in order.
    pub(super) fn create_simple(
        &mut self,
        action: &str,
        path: &str,
        object: &str,
        given: Value,
        emits: &[&str],
        shape: impl FnOnce(&mut Self, &mut Value) -> Result<(), ApiError>,
    ) -> Result<Arc<Value>, GenerateError> {
        let object = object.to_string();
        let emits: Vec<String> = emits.iter().map(|k| (*k).to_string()).collect();
        self.op(action, Method::Post, path.into(), given, move |sb, p| {
            let mut made = sb.fresh(&object);
            fill(&mut made, p);
            shape(sb, &mut made)?;
            let made = sb.save(made);
            for kind in &emits {
                sb.emit(kind, Arc::clone(&made), None);
            }
            Ok(made)
        })
    }

    /// `POST path` on a stored `object`: sets the given fields and emits `kind` with the
    /// previous values of exactly what changed.
    pub(super) fn update_simple(
        &mut self,
        action: &str,
        path: &str,
        (object, id): (&str, &str),
        given: Value,
        kind: &str,
    ) -> Result<Arc<Value>, GenerateError> {
        let (object, id, kind) = (object.to_string(), id.to_string(), kind.to_string());
        self.op(action, Method::Post, path.into(), given, move |sb, p| {
            let old = sb.load(&object, &id, "id")?;
            let mut new = Value::clone(&old);
            fill(&mut new, p);
            if new.get("updated").is_some() && new != *old {
                new["updated"] = Value::from(sb.clock.now());
            }
            let new = sb.save(new);
            sb.emit_update(&kind, &old, &new);
            Ok(new)
        })
    }

    /// A call that moves a stored `object` to a new state (`change` sets its fields), then
    /// emits `emits` about it (Stripe sends no `previous_attributes` on such events).
    pub(super) fn transition(
        &mut self,
        (action, method, path): (&str, Method, &str),
        (object, id): (&str, &str),
        given: Value,
        emits: &[&str],
        change: impl FnOnce(&mut Self, &mut Value) -> Result<(), ApiError>,
    ) -> Result<Arc<Value>, GenerateError> {
        let (object, id) = (object.to_string(), id.to_string());
        let emits: Vec<String> = emits.iter().map(|k| (*k).to_string()).collect();
        self.op(action, method, path.into(), given, move |sb, _| {
            let mut new = sb.load_copy(&object, &id, "id")?;
            change(sb, &mut new)?;
            let new = sb.save(new);
            for kind in &emits {
                sb.emit(kind, Arc::clone(&new), None);
            }
            Ok(new)
        })
    }
}
