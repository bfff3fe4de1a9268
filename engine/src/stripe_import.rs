//! Real Stripe events in: reading what Stripe gives a developer into [`Event`]s.
//!
//! [`parse_stripe_events`] accepts, as pasted or dropped:
//!
//! - the JSON of `stripe events list` or `GET /v1/events`: a list object whose `data`
//!   holds events (a bare JSON array of events is read too);
//! - one event: `stripe events retrieve`, or the event JSON the Dashboard shows;
//! - the output of `stripe listen --format JSON`: one compact JSON event per line, mixed
//!   with the CLI's own lines (`Ready! ...`, `--> customer.created [evt_…]`,
//!   `<-- [200] POST http://localhost:4242/webhook [evt_…]`), which are skipped and counted.
//!
//! Each event is checked on its own: an `evt_` id, a type the engine knows (the 265 of the
//! sandbox's catalog), an `object` in `data` (a thin v2 event, `object: "v2.core.event"`,
//! carries no snapshot and cannot run a workflow). Events that fail are listed in
//! [`Imported::rejected`] with the reason, so a preview can show what will be imported and
//! what will not. Bad input as a whole (not JSON, over [`MAX_EVENT_IMPORT_BYTES`], nothing
//! importable) is an [`ImportError`] and changes nothing. Events come out sorted by
//! `created` (ties in the order they happened: a list is newest first, so it is read
//! backwards), without repeats of an id (`stripe listen` shows Stripe's retries again).

use std::collections::BTreeSet;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::event::{Event, EventData, EventRequest, API_VERSION};
use crate::limits::{MAX_DEPTH, MAX_EVENT_IMPORT_BYTES};
use crate::sandbox;

/// What an import read.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Imported {
    /// The events, oldest first, each id once.
    pub events: Vec<Event>,
    /// The events that cannot be imported, each with why.
    pub rejected: Vec<Rejected>,
    /// Lines of `stripe listen` output that are not events (the CLI's log), skipped.
    pub skipped_lines: usize,
    /// Events left out because an event with the same id came before.
    pub duplicates: usize,
    /// What the text was.
    pub format: ImportFormat,
}

/// The shape of what was imported.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportFormat {
    /// A list object (`stripe events list`, `GET /v1/events`) or a JSON array.
    #[default]
    List,
    /// One event.
    Single,
    /// `stripe listen --format JSON` output: one event per line.
    Lines,
}

/// One event that cannot be imported.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rejected {
    /// Its id, when it has one.
    pub id: Option<String>,
    /// Its position: the line for `stripe listen` output, else the place in the list
    /// (from 1).
    pub at: usize,
    /// Why.
    pub reason: ImportError,
}

/// Why a text of events, or one event in it, cannot be imported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum ImportError {
    /// The text is larger than the import accepts.
    #[error("the file is {} MB, over the limit of {} MB: import fewer events at a time (for example `stripe events list --limit 100`)", megabytes(.bytes), megabytes(.limit))]
    TooLarge {
        /// Its size.
        bytes: usize,
        /// The limit, [`MAX_EVENT_IMPORT_BYTES`].
        limit: usize,
    },
    /// The text is not JSON (nor `stripe listen` output with JSON lines).
    #[error("this is not JSON ({message}): paste the output of `stripe events list`, `stripe events retrieve` or `stripe listen --format JSON`")]
    NotJson {
        /// The line where reading failed (from 1).
        line: usize,
        /// What the JSON reader said.
        message: String,
    },
    /// The JSON holds no events at all.
    #[error("no events found: the JSON is {found}, not an event or a list of events")]
    NoEvents {
        /// What it is instead, in words (`a customer object`, `an empty list`).
        found: String,
    },
    /// An event lacks something every Stripe event has, or has it in another shape.
    #[error("{problem}: export the event again from Stripe, unchanged")]
    Malformed {
        /// What is wrong, e.g. "the id `x` does not start with `evt_`".
        problem: String,
    },
    /// The event type is not one the engine knows.
    #[error("`{kind}` is not an event type Sandflow knows: workflows cannot start on it, so leave it out")]
    UnknownType {
        /// The type.
        kind: String,
    },
    /// A thin (v2) event: it names the object but carries no snapshot of it.
    #[error("thin events carry no snapshot of their object: fetch the snapshot event with `stripe events retrieve` or use a snapshot (v1) event destination")]
    Thin,
    /// The event's object nests deeper than the engine keeps.
    #[error("the event's object nests more than {limit} levels deep: Stripe's objects never do, so the file was changed")]
    TooDeep {
        /// [`MAX_DEPTH`].
        limit: usize,
    },
}

impl Imported {
    /// The distinct API versions of the events that differ from the sandbox's
    /// ([`API_VERSION`]), to warn that their objects may have another shape.
    pub fn other_api_versions(&self) -> Vec<&str> {
        let versions: BTreeSet<&str> = self
            .events
            .iter()
            .map(|e| e.api_version.as_str())
            .filter(|v| *v != API_VERSION)
            .collect();
        versions.into_iter().collect()
    }

    /// Leaves out the events `is_known` says are already in the account (by id), counting
    /// them as duplicates; returns how many.
    pub fn remove_known(&mut self, is_known: &dyn Fn(&str) -> bool) -> usize {
        let before = self.events.len();
        self.events.retain(|e| !is_known(&e.id));
        let removed = before - self.events.len();
        self.duplicates += removed;
        removed
    }
}

/// Reads Stripe events from `text` (see the [module](self) documentation).
pub fn parse_stripe_events(text: &str) -> Result<Imported, ImportError> {
    if text.len() > MAX_EVENT_IMPORT_BYTES {
        return Err(ImportError::TooLarge {
            bytes: text.len(),
            limit: MAX_EVENT_IMPORT_BYTES,
        });
    }
    let mut imported = Imported::default();
    // (position, value) of each candidate event, in the order they happened.
    let mut found: Vec<(usize, Value)> = Vec::new();
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Array(items)) => {
            found.extend(items.into_iter().enumerate().map(|(i, v)| (i + 1, v)))
        }
        Ok(Value::Object(mut map)) => match map.get("object").and_then(Value::as_str) {
            Some("list") => {
                let Some(Value::Array(items)) = map.remove("data") else {
                    return Err(ImportError::NoEvents {
                        found: "a list without `data`".into(),
                    });
                };
                if items.is_empty() {
                    return Err(ImportError::NoEvents {
                        found: "an empty list".into(),
                    });
                }
                // Stripe lists newest first: read backwards so ties keep their order.
                found.extend(items.into_iter().enumerate().map(|(i, v)| (i + 1, v)));
                found.reverse();
            }
            Some("event" | "v2.core.event") => {
                imported.format = ImportFormat::Single;
                found.push((1, Value::Object(map)));
            }
            other => {
                return Err(ImportError::NoEvents {
                    found: match other {
                        Some(kind) => format!("a `{kind}` object"),
                        None => "an object without `object`".into(),
                    },
                })
            }
        },
        Ok(other) => {
            return Err(ImportError::NoEvents {
                found: format!("a {}", json_kind(&other)),
            })
        }
        Err(whole) => {
            imported.format = ImportFormat::Lines;
            let mut broken = None;
            for (i, line) in text.lines().enumerate() {
                let line = line.trim();
                if !line.starts_with('{') {
                    if !line.is_empty() {
                        imported.skipped_lines += 1;
                    }
                    continue;
                }
                match serde_json::from_str::<Value>(line) {
                    Ok(v) => found.push((i + 1, v)),
                    Err(e) => {
                        broken.get_or_insert((i + 1, e));
                    }
                }
            }
            // Without a single JSON line this was meant as one JSON document: say where
            // that went wrong; otherwise name the first line that is not an event.
            if found.is_empty() {
                return Err(ImportError::NotJson {
                    line: whole.line(),
                    message: whole.to_string(),
                });
            }
            if let Some((line, e)) = broken {
                return Err(ImportError::NotJson {
                    line,
                    message: e.to_string(),
                });
            }
        }
    }
    let mut seen = BTreeSet::new();
    for (at, value) in found {
        let id = value.get("id").and_then(Value::as_str).map(str::to_owned);
        match event(value) {
            Ok(event) => {
                if seen.insert(event.id.clone()) {
                    imported.events.push(event);
                } else {
                    imported.duplicates += 1;
                }
            }
            Err(reason) => imported.rejected.push(Rejected { id, at, reason }),
        }
    }
    if imported.events.is_empty() {
        if let Some(first) = imported.rejected.first() {
            return Err(first.reason.clone());
        }
    }
    imported.rejected.sort_by_key(|r| r.at);
    imported.events.sort_by_key(|e| e.created);
    Ok(imported)
}

/// Bytes in megabytes (of 1,048,576 bytes) with one decimal, as the import's refusals
/// say it: `47.7`.
pub fn megabytes(bytes: &usize) -> String {
    format!("{:.1}", *bytes as f64 / 1_048_576.0)
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "list",
        Value::Object(_) => "object",
    }
}

fn malformed(problem: impl Into<String>) -> ImportError {
    ImportError::Malformed {
        problem: problem.into(),
    }
}

/// One Stripe event as the engine's [`Event`].
fn event(value: Value) -> Result<Event, ImportError> {
    let Value::Object(mut map) = value else {
        return Err(malformed(format!(
            "an item is a {}, not an event",
            json_kind(&value)
        )));
    };
    let text = |map: &Map<String, Value>, key: &str| {
        map.get(key).and_then(Value::as_str).map(str::to_owned)
    };
    let object = text(&map, "object");
    if object.as_deref() == Some("v2.core.event") {
        return Err(ImportError::Thin);
    }
    if object.as_deref() != Some("event") {
        return Err(malformed(match object {
            Some(kind) => format!("an item is a `{kind}` object, not an event"),
            None => "an item has no `object`: it is not a Stripe event".into(),
        }));
    }
    let id = text(&map, "id").ok_or_else(|| malformed("the event has no `id`"))?;
    if !id.starts_with("evt_") {
        return Err(malformed(format!(
            "the id `{id}` does not start with `evt_`"
        )));
    }
    let kind = text(&map, "type").ok_or_else(|| malformed("the event has no `type`"))?;
    if sandbox::event_type(&kind).is_none() {
        return Err(ImportError::UnknownType { kind });
    }
    let created = map
        .get("created")
        .and_then(Value::as_i64)
        .ok_or_else(|| malformed("the event has no `created` time"))?;
    let Some(Value::Object(mut data)) = map.remove("data") else {
        return Err(ImportError::Thin);
    };
    let object = match data.remove("object") {
        Some(object @ Value::Object(_)) => object,
        None | Some(Value::Null) => return Err(ImportError::Thin),
        Some(other) => {
            return Err(malformed(format!(
                "`data.object` is a {}, not an object",
                json_kind(&other)
            )))
        }
    };
    if depth(&object) > MAX_DEPTH {
        return Err(ImportError::TooDeep { limit: MAX_DEPTH });
    }
    let previous_attributes = match data.remove("previous_attributes") {
        None | Some(Value::Null) => None,
        Some(v @ Value::Object(_)) => Some(v),
        Some(other) => {
            return Err(malformed(format!(
                "`data.previous_attributes` is a {}, not an object",
                json_kind(&other)
            )))
        }
    };
    // `request` is an object since API version 2017-05-25, a bare `req_` id before.
    let request = match map.get("request") {
        Some(Value::Object(r)) => EventRequest {
            id: text(r, "id"),
            idempotency_key: text(r, "idempotency_key"),
        },
        Some(Value::String(id)) => EventRequest {
            id: Some(id.clone()),
            idempotency_key: None,
        },
        _ => EventRequest::default(),
    };
    Ok(Event {
        id,
        object: "event".into(),
        api_version: text(&map, "api_version").unwrap_or_default(),
        created,
        data: EventData {
            object: Arc::new(object),
            previous_attributes,
        },
        // Sandflow is a sandbox: a live-mode event is replayed as a test one.
        livemode: false,
        pending_webhooks: map
            .get("pending_webhooks")
            .and_then(Value::as_u64)
            .and_then(|n| u32::try_from(n).ok())
            .unwrap_or(0),
        request,
        kind,
    })
}

/// How many levels deep a value nests (a scalar is 1), without recursion.
fn depth(value: &Value) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(value, 1)];
    while let Some((v, d)) = stack.pop() {
        deepest = deepest.max(d);
        match v {
            Value::Array(items) => stack.extend(items.iter().map(|i| (i, d + 1))),
            Value::Object(map) => stack.extend(map.values().map(|i| (i, d + 1))),
            _ => {}
        }
    }
    deepest
}
