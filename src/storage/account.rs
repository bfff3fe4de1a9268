//! The sandbox account in IndexedDB, piece by piece: its small part (clock, seed state,
//! counters) and the dispatcher as one record in `meta`, the objects each write created or
//! changed as one record in `objects`, the request logs of each write one record in
//! `logs`, and its recent events read back from `events`.
//! Each write holds only what changed since the previous one, so a delivery costs the
//! same with ten objects in the account as with fifty thousand.
//!
//! Objects and logs are stored as JSON text: one string per record is much cheaper for
//! IndexedDB to clone than a tree of a few hundred JavaScript values.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use sandflow_engine::sandbox::{
    RequestLog, Sandbox, SandboxCore, EVENT_HISTORY_LIMIT, LOG_HISTORY_LIMIT,
};
use sandflow_engine::Dispatcher;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::browser::Browser;
use super::records::{
    parse, tab_id, Core, EventBatch, LogChunk, ObjectChunk, ObjectLedger, TextRecord, ACCOUNT_ID,
    OBJECTS_PER_CHUNK, SPARE_VERSIONS,
};
use super::{Account, StorageError, Store, Writes, RECORD_FORMAT};

impl Browser {
    /// Adds to `writes` the account's small part and what changed in it since the last
    /// time (objects, request logs added and dropped).
    pub(super) fn put_account(
        &self,
        writes: &mut Writes,
        sandbox: &mut Sandbox,
        dispatcher: &Dispatcher,
    ) -> Result<(), StorageError> {
        #[derive(Serialize)]
        struct CoreRef<'a> {
            sandbox: &'a SandboxCore,
            dispatcher: &'a Dispatcher,
            objects: ObjectLedger,
        }
        let changes = sandbox.take_changes();
        let mut ledger = self.ledger.get();
        let mut objects = changes.objects;
        let live = sandbox.object_count() as u64;
        if !ledger.keep_all && ledger.versions + objects.len() as u64 > 2 * live + SPARE_VERSIONS {
            // Old versions outnumber the objects: write them all afresh.
            writes.clear(Store::Objects);
            objects = sandbox.numbered_objects();
            ledger.versions = 0;
        }
        for chunk in objects.chunks(OBJECTS_PER_CHUNK) {
            // `[[n, object], ...]`, from the objects' own JSON text (the sandbox keeps them
            // as text once written), so nothing is serialized twice.
            let mut json = String::with_capacity(chunk.iter().map(|(_, o)| o.len() + 24).sum());
            json.push('[');
            for (i, (n, object)) in chunk.iter().enumerate() {
                if i > 0 {
                    json.push(',');
                }
                json.push_str(&format!("[{n},"));
                json.push_str(object);
                json.push(']');
            }
            json.push(']');
            let record = ObjectChunk {
                id: format!("objects_{:020}_{}", ledger.chunks, tab_id()),
                format: RECORD_FORMAT,
                json,
            };
            writes.put(Store::Objects, &record)?;
            ledger.chunks += 1;
            ledger.versions += chunk.len() as u64;
        }
        self.ledger.set(ledger);

        let core = sandbox.core();
        let json = serde_json::to_string(&CoreRef {
            sandbox: &core,
            dispatcher,
            objects: ledger,
        })
        .map_err(|e| StorageError::Write(format!("the sandbox account: {e}")))?;
        let record = TextRecord {
            id: ACCOUNT_ID.to_owned(),
            format: RECORD_FORMAT,
            json,
        };
        writes.put(Store::Meta, &record)?;
        if let Some((first, _)) = changes.logs.first() {
            let first = *first;
            let logs: Vec<RequestLog> = changes.logs.into_iter().map(|(_, l)| l).collect();
            if let Some(chunk) = LogChunk::new(first, &logs) {
                writes.put(Store::Logs, &chunk)?;
            }
        }
        Ok(())
    }

    /// The account is emptied (a reset): the next write starts the objects afresh.
    pub(super) fn forget_account(&self) {
        self.ledger.set(ObjectLedger::default());
    }

    /// Reads the account back from its pieces (or from the first format, which it then
    /// rewrites as pieces, see [`super::migrate`]). A piece that cannot be read is left as
    /// it is in storage and described in `problems`; the rest loads. Only an unreadable
    /// account record is an error: then nothing may be written over it.
    pub(super) async fn account(
        &self,
        problems: &mut Vec<String>,
    ) -> Result<Option<Account>, StorageError> {
        let db = &self.db;
        let Some(record) = db.get::<TextRecord>(Store::Meta, ACCOUNT_ID).await? else {
            return super::migrate::whole_account(self).await;
        };
        let core: Core = parse("the sandbox account", &record.json)?;
        // Chunks in key order, so the newest version of each object wins. Objects stay
        // JSON text, which the sandbox keeps: only their ids are read here.
        #[derive(Deserialize)]
        struct Id<'a> {
            #[serde(borrow)]
            id: std::borrow::Cow<'a, str>,
        }
        let mut latest: HashMap<String, (u64, Arc<str>)> = HashMap::new();
        let chunks = db.all::<ObjectChunk>(Store::Objects).await?;
        let mut unreadable = chunks.skipped;
        let mut nameless = 0;
        for chunk in chunks.items {
            let numbered: Vec<(u64, Box<RawValue>)> = match parse("sandbox objects", &chunk.json) {
                Ok(numbered) => numbered,
                Err(e) => {
                    unreadable += 1;
                    problems.push(format!("{}: {e}", chunk.id));
                    continue;
                }
            };
            for (n, object) in numbered {
                match serde_json::from_str::<Id>(object.get()) {
                    Ok(Id { id }) => {
                        latest.insert(id.into_owned(), (n, Arc::from(object.get())));
                    }
                    Err(_) => nameless += 1,
                }
            }
        }
        if unreadable > 0 {
            problems.push(format!(
                "{unreadable} stored pieces of the sandbox account could not be read: they are kept in storage as they are, and the objects they hold are missing from the sandbox"
            ));
        }
        if nameless > 0 {
            problems.push(format!(
                "{nameless} stored sandbox objects have no id and were left out"
            ));
        }
        let objects = latest.into_values().collect();
        // The newest chunks, enough for the sandbox's recent logs; by number: after a
        // failed write the next one stores every kept log again, so two chunks may hold
        // the same log.
        let chunks = db
            .newest::<LogChunk>(Store::Logs, None, |got| {
                got.iter().map(|c| c.count()).sum::<usize>() >= LOG_HISTORY_LIMIT
            })
            .await?;
        let mut bad_logs = chunks.skipped;
        let mut logs = BTreeMap::new();
        for chunk in chunks.items {
            match chunk.logs() {
                Ok(read) => logs.extend(read),
                Err(_) => bad_logs += 1,
            }
        }
        let logs = logs.into_iter().collect();
        // The newest deliveries, enough for the sandbox's recent events.
        let batches = db
            .newest_deliveries::<EventBatch>(|got| {
                got.iter().map(|b| b.count).sum::<usize>() >= EVENT_HISTORY_LIMIT
            })
            .await?;
        let mut bad_events = batches.skipped;
        let mut events = Vec::new();
        for batch in batches.items.iter().rev() {
            match batch.events() {
                Ok(read) => events.extend(read),
                Err(_) => bad_events += 1,
            }
        }
        if bad_logs + bad_events > 0 {
            problems.push(format!(
                "{bad_events} stored event records and {bad_logs} request log records could not be read and are left out of the Workbench"
            ));
        }
        let mut ledger = core.objects;
        ledger.keep_all = unreadable > 0;
        self.ledger.set(ledger);
        Ok(Some(Account {
            sandbox: Sandbox::from_parts(core.sandbox, objects, events, logs),
            dispatcher: core.dispatcher,
        }))
    }
}
