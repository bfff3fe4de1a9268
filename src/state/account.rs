//! The sandbox account in storage, piece by piece: its small part (clock, seed state,
//! counters) and the dispatcher as one record in `meta`, each object a record in `objects`,
//! each request log a record in `logs`, and its recent events read back from `events`.
//! Each write holds only what changed since the previous one, so a delivery costs the
//! same with ten objects in the account as with fifty thousand.
//!
//! Objects and logs are stored as JSON text: one string per record is much cheaper for
//! IndexedDB to clone than a tree of a few hundred JavaScript values.

use std::sync::Arc;

use leptos::prelude::*;
use sandflow_engine::sandbox::{RequestLog, Sandbox, SandboxCore, EVENT_HISTORY_LIMIT};
use sandflow_engine::Dispatcher;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{AppState, EventRecord};
use crate::storage::{schema, Db, StorageError, Store, Writes};

/// The id of the account's record.
const ACCOUNT_ID: &str = "account";

/// A record holding JSON text. The account's: its generator state and the dispatcher's id
/// seed are `u64`s that do not fit a JavaScript number.
#[derive(Serialize, Deserialize)]
struct TextRecord {
    id: String,
    json: String,
}

/// An object or a request log, with its place in the account's order.
#[derive(Serialize, Deserialize)]
struct Piece {
    id: String,
    seq: u64,
    json: String,
}

/// What the account record's text holds.
#[derive(Deserialize)]
struct Core {
    sandbox: SandboxCore,
    dispatcher: Dispatcher,
}

/// The first format, before schema version 3: the whole account as one text in `objects`.
#[derive(Deserialize)]
struct Whole {
    sandbox: Sandbox,
    dispatcher: Dispatcher,
}

fn parse<T: serde::de::DeserializeOwned>(what: &str, json: &str) -> Result<T, StorageError> {
    serde_json::from_str(json).map_err(|e| StorageError::Read(format!("{what}: {e}")))
}

impl AppState {
    /// Adds to `writes` the account's small part and what changed in it since the last
    /// time (objects, request logs added and dropped).
    pub(super) fn put_account(&self, writes: &mut Writes) {
        #[derive(Serialize)]
        struct CoreRef<'a> {
            sandbox: &'a SandboxCore,
            dispatcher: &'a Dispatcher,
        }
        let changes = self
            .sandbox
            .try_update_untracked(Sandbox::take_changes)
            .unwrap_or_default();
        let core = self.sandbox.with_untracked(Sandbox::core);
        let json = self.dispatcher.with_untracked(|dispatcher| {
            serde_json::to_string(&CoreRef {
                sandbox: &core,
                dispatcher,
            })
        });
        let json = match json {
            Ok(json) => json,
            Err(e) => {
                self.notice.set(Some(format!(
                    "the sandbox account could not be saved ({e}): it is kept in memory only"
                )));
                return;
            }
        };
        let record = TextRecord {
            id: ACCOUNT_ID.to_owned(),
            json,
        };
        self.record(writes.put(Store::Meta, &record));
        for (seq, object) in changes.objects {
            let Some(id) = object["id"].as_str() else {
                continue;
            };
            let piece = serde_json::to_string(&*object).map(|json| Piece {
                id: id.to_owned(),
                seq,
                json,
            });
            if let Ok(piece) = piece {
                self.record(writes.put(Store::Objects, &piece));
            }
        }
        for (seq, log) in changes.logs {
            if let Ok(json) = serde_json::to_string(&log) {
                let piece = Piece {
                    id: log.id,
                    seq,
                    json,
                };
                self.record(writes.put(Store::Logs, &piece));
            }
        }
        for id in changes.dropped_logs {
            writes.delete(Store::Logs, id);
        }
    }

    /// Reads the account back from its pieces (or from the first format, which it then
    /// rewrites as pieces).
    pub(super) async fn load_account(self, db: &Db) -> Result<(), StorageError> {
        if let Some(record) = db.get::<TextRecord>(Store::Meta, ACCOUNT_ID).await? {
            let core: Core = parse("the sandbox account", &record.json)?;
            let mut objects = Vec::new();
            for piece in db.all::<Piece>(Store::Objects).await?.items {
                let object: Value = parse("a sandbox object", &piece.json)?;
                objects.push((piece.seq, Arc::new(object)));
            }
            let mut logs = Vec::new();
            for piece in db.all::<Piece>(Store::Logs).await?.items {
                let log: RequestLog = parse("a request log", &piece.json)?;
                logs.push((piece.seq, log));
            }
            let mut events: Vec<EventRecord> = db
                .latest(
                    Store::Events,
                    schema::EVENTS_BY_CREATED,
                    EVENT_HISTORY_LIMIT,
                )
                .await?;
            events.reverse();
            let events = events
                .iter()
                .map(EventRecord::event)
                .collect::<Result<Vec<_>, _>>()?;
            self.sandbox
                .set(Sandbox::from_parts(core.sandbox, objects, events, logs));
            self.dispatcher.set(core.dispatcher);
        } else if let Some(record) = db.get::<TextRecord>(Store::Objects, ACCOUNT_ID).await? {
            let whole: Whole = parse("the sandbox account", &record.json)?;
            let mut sandbox = whole.sandbox;
            sandbox.mark_all_changed();
            let mut writes = Writes::new();
            writes.delete(Store::Objects, ACCOUNT_ID);
            for event in sandbox.events() {
                self.record(writes.put(Store::Events, &EventRecord::new(event)));
            }
            self.sandbox.set(sandbox);
            self.dispatcher.set(whole.dispatcher);
            self.put_account(&mut writes);
            db.commit(writes).await?;
        }
        Ok(())
    }
}
