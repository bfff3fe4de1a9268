//! The IndexedDB database: its schema, its upgrades, and typed reads and writes.
//!
//! Records are stored through serde (`serde-wasm-bindgen`, maps as plain objects) so a
//! store's key path (`id`) reaches into them. Every write is one transaction that is
//! committed explicitly: with `indexed_db_futures` a transaction that is dropped rolls back.

use indexed_db_futures::cursor::{Cursor, CursorDirection};
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{TransactionDurability, TransactionMode, TransactionOptions};
use indexed_db_futures::KeyRange;
use js_sys::Array;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

use super::migrate::{self, SCHEMA_VERSION};

fn key(parts: &[JsValue]) -> Array {
    parts.iter().collect()
}

/// The object stores, each keyed by the record's `id`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Store {
    /// Workflow definitions.
    Workflows,
    /// Run records.
    Runs,
    /// Sandbox events, a delivery to a record, written before they are dispatched.
    Events,
    /// Sandbox objects and account state.
    Objects,
    /// Request logs of the sandbox API.
    Logs,
    /// Emails sent by workflows: unused from schema version 3, where emails are read
    /// from the runs that sent them.
    Outbox,
    /// Small records about the database itself.
    Meta,
    /// Published versions of workflows (from schema version 5).
    Versions,
    /// Saved test cases of workflows (from schema version 6).
    Tests,
}

impl Store {
    /// Every store, in creation order.
    pub const ALL: [Store; 9] = [
        Store::Workflows,
        Store::Runs,
        Store::Events,
        Store::Objects,
        Store::Logs,
        Store::Outbox,
        Store::Meta,
        Store::Versions,
        Store::Tests,
    ];

    /// The store's name in IndexedDB.
    pub fn name(self) -> &'static str {
        match self {
            Store::Workflows => "workflows",
            Store::Runs => "runs",
            Store::Events => "events",
            Store::Objects => "objects",
            Store::Logs => "logs",
            Store::Outbox => "outbox",
            Store::Meta => "meta",
            Store::Versions => migrate::VERSIONS_STORE,
            Store::Tests => migrate::TESTS_STORE,
        }
    }
}

/// Which runs a paged read or a count covers: one workflow's, of one version or all, of
/// one status or all.
#[derive(Clone, Copy, Debug)]
pub struct RunQuery<'a> {
    /// The workflow.
    pub workflow_id: &'a str,
    /// Only runs of this status (its stored name, e.g. `"failed"`), or all.
    pub status: Option<&'a str>,
    /// Only runs of this version, or all.
    pub version: Option<u32>,
}

impl RunQuery<'_> {
    fn index(&self) -> &'static str {
        match (self.version, self.status) {
            (None, Some(_)) => migrate::RUNS_BY_WORKFLOW_STATUS,
            (None, None) => migrate::RUNS_BY_WORKFLOW,
            (Some(_), Some(_)) => migrate::RUNS_BY_WORKFLOW_VERSION_STATUS,
            (Some(_), None) => migrate::RUNS_BY_WORKFLOW_VERSION,
        }
    }

    /// The index key made of the query's prefix then `rest`.
    fn key(&self, rest: &[JsValue]) -> Array {
        let mut parts = vec![JsValue::from_str(self.workflow_id)];
        if let Some(version) = self.version {
            parts.push(JsValue::from_f64(f64::from(version)));
        }
        if let Some(status) = self.status {
            parts.push(status.into());
        }
        parts.extend_from_slice(rest);
        key(&parts)
    }
}

/// What can go wrong with browser storage, in words for the person using the page (in the
/// interface's language, hence `Display` by hand).
#[derive(Debug)]
pub enum StorageError {
    /// IndexedDB is missing (some private modes) or refused to open.
    Unavailable(String),
    /// A read or write failed (quota exceeded, aborted transaction, ...).
    Write(String),
    /// A stored record could not be read back.
    Read(String),
    /// Another tab stored a change this tab had not read: nothing was written, and the
    /// change is made again on what is stored.
    Stale,
}

impl std::fmt::Display for StorageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&match self {
            StorageError::Unavailable(why) => trf!(
                "browser storage is unavailable ({why}): your work is kept in memory only and will be lost on reload",
                why = why
            ),
            StorageError::Write(why) => trf!(
                "saving to browser storage failed ({why}): free some disk space, or export your workflows to keep them",
                why = why
            ),
            StorageError::Read(why) => trf!("a stored record could not be read ({why})", why = why),
            StorageError::Stale => {
                tr!("another tab changed the account first: nothing was written; try again").to_owned()
            }
        })
    }
}

impl std::error::Error for StorageError {}

impl StorageError {
    /// What the browser said, without the advice around it (for messages that give their
    /// own).
    pub fn reason(&self) -> String {
        match self {
            StorageError::Unavailable(r) | StorageError::Write(r) | StorageError::Read(r) => {
                r.clone()
            }
            StorageError::Stale => tr!("another tab changed the account first").to_owned(),
        }
    }
}

/// The id of the `meta` record holding the write sequence.
const SEQ_ID: &str = "seq";

/// How a commit is checked against the write sequence.
#[derive(Clone, Copy, Debug)]
enum Guard {
    /// The sequence is read in the transaction and must be `expected`; it becomes one more.
    Read { expected: u64 },
    /// Link `next` of a chain: the transaction adds its link, failing if the write before
    /// it did not commit.
    Chain { next: u64 },
}

impl Guard {
    /// The sequence once the commit is stored, for the writes that set it.
    fn next(self) -> Option<u64> {
        match self {
            Guard::Read { expected } => Some(expected + 1),
            // The write that opened the chain set the sequence past every link already.
            Guard::Chain { .. } => None,
        }
    }
}

/// The id of the link record of the write that sets the sequence to `n`.
fn link_id(n: u64) -> String {
    format!("link_{n:020}")
}

/// A link record (see `Writes::open_chain`).
#[derive(serde::Serialize)]
struct Link {
    id: String,
}

/// The write sequence as stored: how many guarded writes the database has taken.
#[derive(serde::Serialize, serde::Deserialize)]
struct Seq {
    id: String,
    n: u64,
}

/// An open Sandflow database.
pub struct Db {
    db: Database,
}

impl Db {
    /// Opens (creating or upgrading as needed) the database called `name`.
    pub async fn open(name: &str) -> Result<Db, StorageError> {
        Self::open_with(name, || {}).await
    }

    /// Opens `name` as it is at `version`, upgrading it to that version at most (tests build
    /// databases of earlier schema versions with it).
    pub async fn open_at(name: &str, version: u32) -> Result<Db, StorageError> {
        Self::open_version(name, version, || {}).await
    }

    /// Opens `name`; `on_blocked` is called while another tab holding an older version of
    /// the database keeps the upgrade waiting.
    pub async fn open_with(
        name: &str,
        on_blocked: impl Fn() + 'static,
    ) -> Result<Db, StorageError> {
        Self::open_version(name, SCHEMA_VERSION, on_blocked).await
    }

    async fn open_version(
        name: &str,
        version: u32,
        on_blocked: impl Fn() + 'static,
    ) -> Result<Db, StorageError> {
        migrate::ensure(name, version, on_blocked)
            .await
            .map_err(StorageError::Unavailable)?;
        let db = Database::open(name)
            .await
            .map_err(|e| StorageError::Unavailable(e.to_string()))?;
        Ok(Db { db })
    }

    /// The names of the object stores the database has.
    pub fn store_names(&self) -> Vec<String> {
        self.db.object_store_names().collect()
    }

    /// Writes `record` (which has an `id` field) into `store`, replacing any previous one.
    pub async fn put<T: Serialize>(&self, store: Store, record: &T) -> Result<(), StorageError> {
        let write = |e: indexed_db_futures::error::Error| StorageError::Write(e.to_string());
        let tx = self
            .db
            .transaction(store.name())
            .with_mode(TransactionMode::Readwrite)
            .build()
            .map_err(write)?;
        let os = tx.object_store(store.name()).map_err(write)?;
        os.put(record)
            .serde()
            .map_err(write)?
            .await
            .map_err(write)?;
        tx.commit().await.map_err(write)?;
        Ok(())
    }

    /// Reads the record of `store` whose id is `id`.
    pub async fn get<T: DeserializeOwned>(
        &self,
        store: Store,
        id: &str,
    ) -> Result<Option<T>, StorageError> {
        let read = |e: indexed_db_futures::error::Error| StorageError::Read(e.to_string());
        let tx = self.db.transaction(store.name()).build().map_err(read)?;
        let os = tx.object_store(store.name()).map_err(read)?;
        let value: Option<T> = os.get(id).serde().map_err(read)?.await.map_err(read)?;
        Ok(value)
    }

    /// The write sequence: how many guarded writes are stored (0 before the first).
    pub async fn seq(&self) -> Result<u64, StorageError> {
        Ok(self
            .get::<Seq>(Store::Meta, SEQ_ID)
            .await?
            .map_or(0, |s| s.n))
    }

    /// Reads every record of `store`. Records that no longer deserialize (an older shape
    /// that no migration covers) are skipped and counted rather than failing the load.
    pub async fn all<T: DeserializeOwned>(&self, store: Store) -> Result<Loaded<T>, StorageError> {
        let read = |e: indexed_db_futures::error::Error| StorageError::Read(e.to_string());
        let tx = self.db.transaction(store.name()).build().map_err(read)?;
        let os = tx.object_store(store.name()).map_err(read)?;
        let raw: Vec<JsValue> = os
            .get_all()
            .primitive()
            .map_err(read)?
            .await
            .map_err(read)?
            .collect::<Result<_, _>>()
            .map_err(read)?;
        let mut loaded = Loaded {
            items: Vec::with_capacity(raw.len()),
            skipped: 0,
        };
        for value in raw {
            match serde_wasm_bindgen::from_value(value) {
                Ok(item) => loaded.items.push(item),
                Err(_) => loaded.skipped += 1,
            }
        }
        Ok(loaded)
    }

    /// Applies `writes` in one read-write transaction: all of them or none.
    pub async fn commit(&self, mut writes: Writes) -> Result<(), StorageError> {
        if writes.is_empty() && !writes.is_guarded() {
            return Ok(());
        }
        let write = |e: indexed_db_futures::error::Error| StorageError::Write(e.to_string());
        let names: Vec<&str> = writes.stores().iter().map(|s| s.name()).collect();
        let guard = writes.guard;
        let links = std::mem::take(&mut writes.links);
        let tx = self
            .db
            .transaction(names.as_slice())
            .with_mode(TransactionMode::Readwrite)
            .with_options(TransactionOptions::new().with_durability(TransactionDurability::Relaxed))
            .build()
            .map_err(write)?;
        // Compare and set, inside the transaction: a tab that has not read every write
        // stored before can never write over it. The sequence is read first (requests run
        // in order) and checked once the writes are queued, so they need not wait for it;
        // a mismatch aborts the transaction before it commits.
        let seq_read = match guard {
            Some(Guard::Read { .. }) => Some(
                tx.object_store(Store::Meta.name())
                    .map_err(write)?
                    .get::<Seq, _, _>(SEQ_ID)
                    .serde()
                    .map_err(write)?,
            ),
            _ => None,
        };
        if let Some(Guard::Chain { next }) = guard {
            let meta = tx.object_store(Store::Meta.name()).map_err(write)?;
            // Fails, aborting the transaction, while the write before it has not committed
            // (its link is left there; the next chain's opening deletes them all).
            meta.add(&Link { id: link_id(next) })
                .serde()
                .map_err(write)?;
            meta.delete(link_id(next + 1)).primitive().map_err(write)?;
        }
        for store in writes.clears {
            tx.object_store(store.name())
                .map_err(write)?
                .clear()
                .map_err(write)?;
        }
        for (store, id) in writes.deletes {
            tx.object_store(store.name())
                .map_err(write)?
                .delete(id)
                .primitive()
                .map_err(write)?;
        }
        for range in writes.range_deletes {
            let os = tx.object_store(range.store.name()).map_err(write)?;
            let Some(index) = range.index else {
                os.delete::<JsValue, KeyRange<JsValue>>(KeyRange::Bound(
                    range.lower,
                    false,
                    range.upper,
                    true,
                ))
                .primitive()
                .map_err(write)?;
                continue;
            };
            let keys = os
                .index(index)
                .map_err(write)?
                .get_all_keys::<JsValue>()
                .with_query::<JsValue, KeyRange<JsValue>>(KeyRange::Bound(
                    range.lower,
                    false,
                    range.upper,
                    false,
                ))
                .primitive()
                .map_err(write)?
                .await
                .map_err(write)?;
            for primary in keys {
                os.delete(primary.map_err(write)?)
                    .primitive()
                    .map_err(write)?;
            }
        }
        for (store, value) in writes.puts {
            tx.object_store(store.name())
                .map_err(write)?
                .put(value)
                .primitive()
                .map_err(write)?;
        }
        if let (Some(read), Some(Guard::Read { expected })) = (seq_read, guard) {
            let stored = read.await.map_err(write)?;
            if stored.map_or(0, |s| s.n) != expected {
                let _ = tx.abort().await;
                return Err(StorageError::Stale);
            }
        }
        if !links.is_empty() {
            let meta = tx.object_store(Store::Meta.name()).map_err(write)?;
            // Links a failed chain left behind, then this chain's.
            meta.delete::<JsValue, KeyRange<JsValue>>(KeyRange::Bound(
                JsValue::from_str("link_"),
                false,
                JsValue::from_str("link_~"),
                true,
            ))
            .primitive()
            .map_err(write)?;
            for n in links {
                meta.put(&Link { id: link_id(n) }).serde().map_err(write)?;
            }
        }
        if let Some(next) = guard.and_then(Guard::next).map(|n| n + writes.reserve) {
            // Last, so that a clear of `meta` in the same commit does not remove it.
            tx.object_store(Store::Meta.name())
                .map_err(write)?
                .put(&Seq {
                    id: SEQ_ID.to_owned(),
                    n: next,
                })
                .serde()
                .map_err(write)?;
        }
        let chained = matches!(guard, Some(Guard::Chain { .. }));
        tx.commit().await.map_err(|e| {
            let text = e.to_string();
            if chained && text.contains("Constraint") {
                // The write before it in the chain did not commit.
                StorageError::Stale
            } else {
                StorageError::Write(text)
            }
        })?;
        Ok(())
    }

    /// One page of a workflow's runs (of one status, or all), newest first: at most `limit`
    /// runs started before `before` (`(started, id)` of the last run of the previous page),
    /// read through an index with a cursor, so the cost does not grow with the history.
    pub async fn runs_page<T: DeserializeOwned>(
        &self,
        query: &RunQuery<'_>,
        before: Option<(i64, &str)>,
        limit: usize,
    ) -> Result<Vec<T>, StorageError> {
        let read = |e: indexed_db_futures::error::Error| StorageError::Read(e.to_string());
        let lower = query.key(&[JsValue::from_f64(f64::MIN)]);
        let (upper, open) = match before {
            Some((started, id)) => (
                query.key(&[JsValue::from_f64(started as f64), id.into()]),
                true,
            ),
            // Arrays sort after every number and string: this bounds the whole workflow.
            None => (query.key(&[Array::new().into()]), false),
        };
        let tx = self
            .db
            .transaction(Store::Runs.name())
            .build()
            .map_err(read)?;
        let store = tx.object_store(Store::Runs.name()).map_err(read)?;
        let index = store.index(query.index()).map_err(read)?;
        let cursor = index
            .open_cursor()
            .with_query::<Array, KeyRange<Array>>(KeyRange::Bound(lower, false, upper, open))
            .with_direction(CursorDirection::Prev)
            .primitive()
            .map_err(read)?
            .await
            .map_err(read)?;
        Ok(read_until(cursor, |page| page.len() >= limit).await?.items)
    }

    /// How many runs started, and how many event and request log records were made,
    /// before `time` (what retention would delete).
    pub async fn count_older_than(&self, time: i64) -> Result<(u32, u32), StorageError> {
        let runs = self
            .count_before(Store::Runs, migrate::RUNS_BY_STARTED, time)
            .await?;
        let history = self
            .count_before(Store::Events, migrate::EVENTS_BY_CREATED, time)
            .await?
            + self
                .count_before(Store::Logs, migrate::LOGS_BY_CREATED, time)
                .await?;
        Ok((runs, history))
    }

    /// The newest deliveries, by time, read until `enough`.
    pub async fn newest_deliveries<T: DeserializeOwned>(
        &self,
        enough: impl FnMut(&[T]) -> bool,
    ) -> Result<Loaded<T>, StorageError> {
        self.newest(Store::Events, Some(migrate::EVENTS_BY_CREATED), enough)
            .await
    }

    /// The newest runs that sent emails, read until `enough`.
    pub async fn newest_emailing_runs<T: DeserializeOwned>(
        &self,
        enough: impl FnMut(&[T]) -> bool,
    ) -> Result<Loaded<T>, StorageError> {
        self.newest(Store::Runs, Some(migrate::RUNS_BY_EMAILED), enough)
            .await
    }

    /// How many records of `store` have an `index` key (a time) before `time`.
    pub async fn count_before(
        &self,
        store: Store,
        index: &str,
        time: i64,
    ) -> Result<u32, StorageError> {
        let read = |e: indexed_db_futures::error::Error| StorageError::Read(e.to_string());
        let tx = self.db.transaction(store.name()).build().map_err(read)?;
        let os = tx.object_store(store.name()).map_err(read)?;
        os.index(index)
            .map_err(read)?
            .count()
            .with_query::<JsValue, KeyRange<JsValue>>(KeyRange::Bound(
                JsValue::from_f64(f64::MIN),
                false,
                JsValue::from_f64(time as f64),
                true,
            ))
            .primitive()
            .map_err(read)?
            .await
            .map_err(read)
    }

    /// How many runs match `query` in each of `spans` (`[from, to)` of start times, `None`
    /// for all time): one count request each, all in one transaction.
    pub async fn count_runs(
        &self,
        query: &RunQuery<'_>,
        spans: &[Option<(i64, i64)>],
    ) -> Result<Vec<u32>, StorageError> {
        let read = |e: indexed_db_futures::error::Error| StorageError::Read(e.to_string());
        let tx = self
            .db
            .transaction(Store::Runs.name())
            .build()
            .map_err(read)?;
        let store = tx.object_store(Store::Runs.name()).map_err(read)?;
        let index = store.index(query.index()).map_err(read)?;
        // Every request is issued before the first is awaited.
        let mut pending = Vec::with_capacity(spans.len());
        for span in spans {
            let (lower, upper) = match span {
                Some((from, to)) => (
                    query.key(&[JsValue::from_f64(*from as f64)]),
                    query.key(&[JsValue::from_f64(*to as f64)]),
                ),
                None => (
                    query.key(&[JsValue::from_f64(f64::MIN)]),
                    query.key(&[Array::new().into()]),
                ),
            };
            pending.push(
                index
                    .count()
                    .with_query::<Array, KeyRange<Array>>(KeyRange::Bound(
                        lower, false, upper, true,
                    ))
                    .primitive()
                    .map_err(read)?,
            );
        }
        let mut counts = Vec::with_capacity(pending.len());
        for request in pending {
            counts.push(request.await.map_err(read)?);
        }
        Ok(counts)
    }

    /// Every run whose status is `status` (the start-up sweep looks for "running").
    pub async fn runs_with_status<T: DeserializeOwned>(
        &self,
        status: &str,
    ) -> Result<Vec<T>, StorageError> {
        let lower = key(&[status.into(), JsValue::from_f64(f64::MIN)]);
        let upper = key(&[status.into(), Array::new().into()]);
        self.all_in_index(
            Store::Runs,
            migrate::RUNS_BY_STATUS,
            lower.into(),
            upper.into(),
        )
        .await
    }

    /// Records of `store`, newest first by its `index` (or by id), read until `enough`
    /// holds for what was read so far (or the store ends).
    pub async fn newest<T: DeserializeOwned>(
        &self,
        store: Store,
        index: Option<&str>,
        enough: impl FnMut(&[T]) -> bool,
    ) -> Result<Loaded<T>, StorageError> {
        let read = |e: indexed_db_futures::error::Error| StorageError::Read(e.to_string());
        let tx = self.db.transaction(store.name()).build().map_err(read)?;
        let os = tx.object_store(store.name()).map_err(read)?;
        match index {
            Some(index) => {
                let index = os.index(index).map_err(read)?;
                let cursor = index
                    .open_cursor()
                    .with_direction(CursorDirection::Prev)
                    .primitive()
                    .map_err(read)?
                    .await
                    .map_err(read)?;
                read_until(cursor, enough).await
            }
            None => {
                let cursor = os
                    .open_cursor()
                    .with_direction(CursorDirection::Prev)
                    .primitive()
                    .map_err(read)?
                    .await
                    .map_err(read)?;
                read_until(cursor, enough).await
            }
        }
    }

    /// The first record of `store` whose id is `from` or after it.
    pub async fn first_from(
        &self,
        store: Store,
        from: &str,
    ) -> Result<Option<Stored>, StorageError> {
        let read = |e: indexed_db_futures::error::Error| StorageError::Read(e.to_string());
        let tx = self.db.transaction(store.name()).build().map_err(read)?;
        let os = tx.object_store(store.name()).map_err(read)?;
        let cursor = os
            .open_cursor()
            .with_query::<JsValue, KeyRange<JsValue>>(KeyRange::LowerBound(
                JsValue::from_str(from),
                false,
            ))
            .primitive()
            .map_err(read)?
            .await
            .map_err(read)?;
        match cursor {
            Some(mut cursor) => Ok(cursor
                .next_record::<JsValue>()
                .await
                .map_err(read)?
                .map(Stored)),
            None => Ok(None),
        }
    }

    /// One step of `walk` (see [`Db::walk`]).
    pub async fn walk_step(
        &self,
        walk: &Walk,
        after: Option<&Mark>,
        limit: usize,
        keep: impl FnMut(&Stored) -> bool,
    ) -> Result<(Vec<Stored>, Option<Mark>), StorageError> {
        self.walk(
            walk.store,
            walk.index,
            (walk.lower.clone(), walk.upper.clone()),
            after,
            limit,
            keep,
        )
        .await
    }

    /// One step of a walk through `store` from its newest record back, by `index` (or by
    /// id), over the keys within `[lower, upper]`: at most `limit` records read after
    /// `after` (where the previous step stopped), each kept when `keep` says so, and where
    /// this step stopped (`None` once the range is done). Only records read cost; `keep`
    /// can look at a record's text before it is decoded ([`Stored::contains`]).
    pub async fn walk(
        &self,
        store: Store,
        index: Option<&str>,
        (lower, upper): (JsValue, JsValue),
        after: Option<&Mark>,
        limit: usize,
        keep: impl FnMut(&Stored) -> bool,
    ) -> Result<(Vec<Stored>, Option<Mark>), StorageError> {
        let read = |e: indexed_db_futures::error::Error| StorageError::Read(e.to_string());
        let upper = after.map_or(upper, |mark| mark.key.clone());
        let range = KeyRange::Bound(lower, false, upper, false);
        let tx = self.db.transaction(store.name()).build().map_err(read)?;
        let os = tx.object_store(store.name()).map_err(read)?;
        // An index cursor and a store cursor differ in type: each is opened, then walked
        // by the same code.
        match index {
            Some(index) => {
                let index = os.index(index).map_err(read)?;
                let cursor = index
                    .open_cursor()
                    .with_query::<JsValue, KeyRange<JsValue>>(range)
                    .with_direction(CursorDirection::Prev)
                    .primitive()
                    .map_err(read)?
                    .await
                    .map_err(read)?;
                walk_from(cursor, after, limit, keep).await
            }
            None => {
                let cursor = os
                    .open_cursor()
                    .with_query::<JsValue, KeyRange<JsValue>>(range)
                    .with_direction(CursorDirection::Prev)
                    .primitive()
                    .map_err(read)?
                    .await
                    .map_err(read)?;
                walk_from(cursor, after, limit, keep).await
            }
        }
    }

    /// The event records written but not dispatched yet, oldest first.
    pub async fn pending_events<T: DeserializeOwned>(&self) -> Result<Vec<T>, StorageError> {
        self.all_in_index(
            Store::Events,
            migrate::EVENTS_PENDING,
            JsValue::from_f64(f64::MIN),
            JsValue::from_f64(f64::MAX),
        )
        .await
    }

    /// How many events are written but not dispatched yet.
    pub async fn count_pending_events(&self) -> Result<usize, StorageError> {
        /// The one field of a pending record this needs.
        #[derive(serde::Deserialize)]
        struct Count {
            count: usize,
        }
        let pending: Vec<Count> = self.pending_events().await?;
        Ok(pending.iter().map(|p| p.count).sum())
    }

    /// The records of `store` whose `index` key is within `[lower, upper]`, in index order.
    async fn all_in_index<T: DeserializeOwned>(
        &self,
        store: Store,
        index: &str,
        lower: JsValue,
        upper: JsValue,
    ) -> Result<Vec<T>, StorageError> {
        let read = |e: indexed_db_futures::error::Error| StorageError::Read(e.to_string());
        let tx = self.db.transaction(store.name()).build().map_err(read)?;
        let os = tx.object_store(store.name()).map_err(read)?;
        let raw = os
            .index(index)
            .map_err(read)?
            .get_all::<JsValue>()
            .with_query::<JsValue, KeyRange<JsValue>>(KeyRange::Bound(lower, false, upper, false))
            .primitive()
            .map_err(read)?
            .await
            .map_err(read)?;
        let mut records = Vec::new();
        for value in raw {
            records.push(
                serde_wasm_bindgen::from_value(value.map_err(read)?)
                    .map_err(|e| StorageError::Read(e.to_string()))?,
            );
        }
        Ok(records)
    }

    /// The index names of a store (tests check the upgrade created them).
    pub fn index_names(&self, store: Store) -> Vec<String> {
        self.db
            .transaction(store.name())
            .build()
            .and_then(|tx| {
                tx.object_store(store.name())
                    .map(|os| os.index_names().collect())
            })
            .unwrap_or_default()
    }

    /// The version the open database is at.
    pub fn version(&self) -> u32 {
        self.db.version() as u32
    }

    /// Closes the connection (tests reopen and delete databases).
    pub fn close(self) {
        self.db.close();
    }
}

/// Where a [`Db::walk`] stopped: the index key and the id of the last record it read.
#[derive(Clone, Debug)]
pub struct Mark {
    key: JsValue,
    id: String,
}

/// Whether two IndexedDB keys are equal, as IndexedDB compares them.
fn same_key(a: &JsValue, b: &JsValue) -> bool {
    web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .and_then(|factory| factory.cmp(a, b).ok())
        == Some(0)
}

/// The records [`Db::walk`] reads from `cursor`: past those at `after`'s key that are not
/// older than it, at most `limit`, those `keep` accepts, and where it stopped.
async fn walk_from<Qs>(
    cursor: Option<Cursor<'_, Qs>>,
    after: Option<&Mark>,
    limit: usize,
    mut keep: impl FnMut(&Stored) -> bool,
) -> Result<(Vec<Stored>, Option<Mark>), StorageError> {
    let read = |e: indexed_db_futures::error::Error| StorageError::Read(e.to_string());
    let mut kept = Vec::new();
    let Some(mut cursor) = cursor else {
        return Ok((kept, None));
    };
    let mut read_count = 0;
    loop {
        let Some(value) = cursor.next_record::<JsValue>().await.map_err(read)? else {
            return Ok((kept, None));
        };
        let key: JsValue = cursor.key().map_err(read)?.unwrap_or(JsValue::NULL);
        let id = cursor
            .primary_key::<JsValue>()
            .map_err(read)?
            .and_then(|k| k.as_string())
            .unwrap_or_default();
        // Records at the mark's key but not older than it were read before.
        if let Some(after) = after {
            if same_key(&key, &after.key) && id >= after.id {
                continue;
            }
        }
        let record = Stored(value);
        if keep(&record) {
            kept.push(record);
        }
        read_count += 1;
        if read_count >= limit {
            return Ok((kept, Some(Mark { key, id })));
        }
    }
}

/// Reads records from `cursor` onwards until `enough` holds for those read (or it ends).
async fn read_until<T: DeserializeOwned, Qs>(
    cursor: Option<Cursor<'_, Qs>>,
    mut enough: impl FnMut(&[T]) -> bool,
) -> Result<Loaded<T>, StorageError> {
    let read = |e: indexed_db_futures::error::Error| StorageError::Read(e.to_string());
    let mut records = Loaded {
        items: Vec::new(),
        skipped: 0,
    };
    if let Some(mut cursor) = cursor {
        while !enough(&records.items) {
            match cursor.next_record::<JsValue>().await.map_err(read)? {
                // A record that no longer reads is counted and left as it is: the others
                // still load.
                Some(value) => match serde_wasm_bindgen::from_value(value) {
                    Ok(record) => records.items.push(record),
                    Err(_) => records.skipped += 1,
                },
                None => break,
            }
        }
    }
    Ok(records)
}

/// A record as IndexedDB gave it, to decode with `serde_json`: its `json` field when it
/// has one (records written as JSON text beside their indexed fields), else the whole
/// record through `JSON.stringify` (records that earlier versions stored as structured
/// objects). Reading every format with `serde_json` keeps one deserializer per type in the
/// wasm.
pub struct Stored(JsValue);

impl std::fmt::Debug for Stored {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Stored")
    }
}

impl<'de> serde::Deserialize<'de> for Stored {
    fn deserialize<D: serde::Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        serde_wasm_bindgen::preserve::deserialize(de).map(Stored)
    }
}

impl Stored {
    /// Whether the record's JSON text contains `needle`, checked in JavaScript without
    /// copying the text into the wasm (a cheap test before decoding).
    pub fn contains(&self, needle: &str) -> bool {
        js_sys::Reflect::get(&self.0, &JsValue::from_str("json"))
            .ok()
            .and_then(|json| json.dyn_into::<js_sys::JsString>().ok())
            .is_some_and(|json| json.includes(needle, 0))
    }

    /// The whole record (its indexed fields and its text field) as a `T`.
    pub fn record<T: DeserializeOwned>(self) -> Result<T, StorageError> {
        serde_wasm_bindgen::from_value(self.0).map_err(|e| StorageError::Read(e.to_string()))
    }

    /// Whether the record has `field`.
    pub fn has(&self, field: &str) -> bool {
        js_sys::Reflect::has(&self.0, &JsValue::from_str(field)).unwrap_or(false)
    }

    /// A number field of the record (an indexed field beside the text).
    pub fn number(&self, field: &str) -> Option<f64> {
        js_sys::Reflect::get(&self.0, &JsValue::from_str(field))
            .ok()
            .and_then(|v| v.as_f64())
    }

    /// The record with the number `field` set to `value` (for upgrades that add a field).
    pub fn with_number(self, field: &str, value: f64) -> Self {
        let _ = js_sys::Reflect::set(
            &self.0,
            &JsValue::from_str(field),
            &JsValue::from_f64(value),
        );
        self
    }

    /// A text field of the record, if it has one.
    pub fn text(&self, field: &str) -> Option<String> {
        js_sys::Reflect::get(&self.0, &JsValue::from_str(field))
            .ok()
            .and_then(|v| v.as_string())
    }

    /// The record as a `T`.
    pub fn decode<T: DeserializeOwned>(self) -> Result<T, StorageError> {
        let format = js_sys::Reflect::get(&self.0, &JsValue::from_str("format"))
            .ok()
            .and_then(|f| f.as_f64())
            .unwrap_or(0.0);
        if format > f64::from(super::RECORD_FORMAT) {
            return Err(StorageError::Read(
                "a record written by a newer version of Sandflow: reload the page to update"
                    .to_owned(),
            ));
        }
        let text = js_sys::Reflect::get(&self.0, &JsValue::from_str("json"))
            .ok()
            .and_then(|json| json.as_string())
            .or_else(|| js_sys::JSON::stringify(&self.0).ok().map(String::from))
            .ok_or_else(|| StorageError::Read("a stored record is not an object".to_owned()))?;
        serde_json::from_str(&text).map_err(|e| StorageError::Read(e.to_string()))
    }
}

/// What a walk of history goes through, newest first: a store, by one of its indexes or
/// by id, over a range of keys. The app's state asks for walks by what they mean; only
/// this module knows the indexes and the shape of their keys.
#[derive(Clone, Debug)]
pub struct Walk {
    store: Store,
    index: Option<&'static str>,
    lower: JsValue,
    upper: JsValue,
}

impl Walk {
    /// Deliveries holding an event of `kind`, created at `before` or earlier.
    pub fn events_of_type_before(kind: &str, before: i64) -> Self {
        Self::events_of_type_between(kind, f64::MIN, before as f64)
    }

    /// Deliveries holding an event of `kind` created between `from` and `to`.
    pub fn events_of_type_around(kind: &str, from: i64, to: i64) -> Self {
        Self::events_of_type_between(kind, from as f64, to as f64)
    }

    fn events_of_type_between(kind: &str, from: f64, to: f64) -> Self {
        let kind = JsValue::from_str(kind);
        Walk {
            store: Store::Events,
            index: Some(migrate::EVENTS_BY_TYPE),
            lower: Array::of2(&kind, &JsValue::from_f64(from)).into(),
            upper: Array::of2(&kind, &JsValue::from_f64(to)).into(),
        }
    }

    /// Deliveries created at `before` or earlier.
    pub fn events_before(before: i64) -> Self {
        Walk {
            store: Store::Events,
            index: Some(migrate::EVENTS_BY_CREATED),
            lower: JsValue::from_f64(f64::MIN),
            upper: JsValue::from_f64(before as f64),
        }
    }

    /// Request log chunks holding requests of runs whose id starts with `run`.
    pub fn logs_of_runs_starting(run: &str) -> Self {
        Walk {
            store: Store::Logs,
            index: Some(migrate::LOGS_BY_RUN),
            lower: JsValue::from_str(run),
            upper: JsValue::from_str(&format!("{run}\u{ffff}")),
        }
    }

    /// Request log chunks holding requests of the run `run`.
    pub fn logs_of_run(run: &str) -> Self {
        Walk {
            store: Store::Logs,
            index: Some(migrate::LOGS_BY_RUN),
            lower: JsValue::from_str(run),
            upper: JsValue::from_str(run),
        }
    }

    /// Request log chunks whose id sorts at `upper` or before.
    pub fn logs_up_to(upper: &str) -> Self {
        Walk {
            store: Store::Logs,
            index: None,
            lower: JsValue::from_str(""),
            upper: JsValue::from_str(upper),
        }
    }

    /// The versions of `workflow_id` (ids `<workflow id>:<number>`).
    pub fn versions_of(workflow_id: &str) -> Self {
        Walk {
            store: Store::Versions,
            index: None,
            lower: JsValue::from_str(&format!("{workflow_id}:")),
            upper: JsValue::from_str(&format!("{workflow_id}:~")),
        }
    }

    /// The saved tests of `workflow_id` (ids `<workflow id>:<test id>`).
    pub fn tests_of(workflow_id: &str) -> Self {
        Walk {
            store: Store::Tests,
            index: None,
            lower: JsValue::from_str(&format!("{workflow_id}:")),
            upper: JsValue::from_str(&format!("{workflow_id};")),
        }
    }

    /// Every record of `store`, by id.
    pub fn every(store: Store) -> Self {
        Walk {
            store,
            index: None,
            lower: JsValue::from_str(""),
            // Arrays sort after every string.
            upper: Array::new().into(),
        }
    }
}

/// The records of a store that could be read, and how many could not.
pub struct Loaded<T> {
    /// Records in key order.
    pub items: Vec<T>,
    /// Records that no longer match the current shape.
    pub skipped: usize,
}

/// Records of `store` whose `index` key (or, without an index, whose id) lies in
/// `[lower, upper]` (`[lower, upper)` for ids).
struct RangeDelete {
    store: Store,
    index: Option<&'static str>,
    lower: JsValue,
    upper: JsValue,
}

/// A set of changes to write in one transaction.
#[derive(Default)]
pub struct Writes {
    clears: Vec<Store>,
    deletes: Vec<(Store, String)>,
    range_deletes: Vec<RangeDelete>,
    puts: Vec<(Store, JsValue)>,
    /// How the commit is checked against the write sequence, if it is.
    guard: Option<Guard>,
    /// Links to put ahead for a chain of writes (see [`Writes::open_chain`]).
    links: Vec<u64>,
    /// How far past one the sequence moves (a chain's length).
    reserve: u64,
}

impl Writes {
    /// Nothing to write yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) `record`, which has an `id` field.
    pub fn put<T: Serialize>(&mut self, store: Store, record: &T) -> Result<(), StorageError> {
        let value = record
            .serialize(&serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true))
            .map_err(|e| StorageError::Write(e.to_string()))?;
        self.puts.push((store, value));
        Ok(())
    }

    /// Removes the record `id` of `store`.
    pub fn delete(&mut self, store: Store, id: impl Into<String>) {
        self.deletes.push((store, id.into()));
    }

    /// Removes every run of `workflow_id` (through the `by_workflow` index).
    pub fn delete_runs_of(&mut self, workflow_id: &str) {
        self.range_deletes.push(RangeDelete {
            store: Store::Runs,
            index: Some(migrate::RUNS_BY_WORKFLOW),
            lower: key(&[workflow_id.into(), JsValue::from_f64(f64::MIN)]).into(),
            upper: key(&[workflow_id.into(), Array::new().into()]).into(),
        });
    }

    /// Removes the runs that started, and the event and request log records made, before
    /// `time` (through the indexes by time).
    pub fn delete_older_than(&mut self, time: i64) {
        for (store, index) in [
            (Store::Runs, migrate::RUNS_BY_STARTED),
            (Store::Events, migrate::EVENTS_BY_CREATED),
            (Store::Logs, migrate::LOGS_BY_CREATED),
        ] {
            self.range_deletes.push(RangeDelete {
                store,
                index: Some(index),
                lower: JsValue::from_f64(f64::MIN),
                upper: JsValue::from_f64(time as f64 - 0.5),
            });
        }
    }

    /// Removes the versions of `workflow_id` (ids `<workflow id>:<number>`).
    pub fn delete_versions_of(&mut self, workflow_id: &str) {
        self.range_deletes.push(RangeDelete {
            store: Store::Versions,
            index: None,
            lower: JsValue::from_str(&format!("{workflow_id}:")),
            upper: JsValue::from_str(&format!("{workflow_id};")),
        });
    }

    /// Removes the saved tests of `workflow_id` (ids `<workflow id>:<test id>`).
    pub fn delete_tests_of(&mut self, workflow_id: &str) {
        self.range_deletes.push(RangeDelete {
            store: Store::Tests,
            index: None,
            lower: JsValue::from_str(&format!("{workflow_id}:")),
            upper: JsValue::from_str(&format!("{workflow_id};")),
        });
    }

    /// Puts back a record as it was read (after [`Stored::with_number`]).
    pub fn put_stored(&mut self, store: Store, record: Stored) {
        self.puts.push((store, record.0));
    }

    /// Removes the records of `store` whose id sorts before `id`.
    pub fn delete_ids_before(&mut self, store: Store, id: &str) {
        self.range_deletes.push(RangeDelete {
            store,
            index: None,
            lower: JsValue::from_str(""),
            upper: JsValue::from_str(id),
        });
    }

    /// Makes the commit conditional: it writes only if the stored write sequence is
    /// `expected` (no other write came in between), and then sets it to `expected + 1`.
    pub fn guard(&mut self, expected: u64) {
        self.guard = Some(Guard::Read { expected });
    }

    /// Opens a chain of `length` writes after this one, which is checked by a read like
    /// [`Writes::guard`] and sets the sequence to `expected + 1 + length` at once (the
    /// sequence only has to change whenever storage does). The chained writes, links
    /// `expected + 2` to `expected + 1 + length`, can each commit only if the one before it
    /// did, which IndexedDB checks by itself: this write stores a *link* record for each of
    /// them but the first; a chained write first *adds* its own link, which fails (and
    /// aborts it) while that record is there, then deletes the next one. A write that does
    /// not commit leaves the next link in place, so every write after it fails too, with no
    /// read and no wait on the page's main thread.
    pub fn open_chain(&mut self, expected: u64, length: u64) {
        self.guard = Some(Guard::Read { expected });
        self.reserve = length;
        self.links = (expected + 3..=expected + 1 + length).collect();
    }

    /// Makes this write link `next` of a chain (see [`Writes::open_chain`]).
    pub fn chain(&mut self, next: u64) {
        self.guard = Some(Guard::Chain { next });
    }

    /// Empties `store` (before the other writes of the same commit).
    pub fn clear(&mut self, store: Store) {
        self.clears.push(store);
    }

    /// Adds every change of `other`, after these.
    pub fn extend(&mut self, other: Writes) {
        self.clears.extend(other.clears);
        self.deletes.extend(other.deletes);
        self.range_deletes.extend(other.range_deletes);
        self.puts.extend(other.puts);
    }

    /// Whether there is nothing to write.
    pub fn is_empty(&self) -> bool {
        self.clears.is_empty()
            && self.deletes.is_empty()
            && self.range_deletes.is_empty()
            && self.puts.is_empty()
    }

    /// The write sequence once this commit is stored over `stored`, or [`StorageError::Stale`]
    /// when its guard expects another (for storage that checks it without IndexedDB).
    pub(crate) fn seq_after(&self, stored: u64) -> Result<u64, StorageError> {
        match self.guard {
            Some(Guard::Read { expected }) if expected != stored => Err(StorageError::Stale),
            Some(Guard::Read { expected }) => Ok(expected + 1 + self.reserve),
            Some(Guard::Chain { .. }) | None => Ok(stored),
        }
    }

    /// Whether the commit carries a guard (a guarded commit with nothing else still moves
    /// the sequence).
    fn is_guarded(&self) -> bool {
        self.guard.is_some()
    }

    fn stores(&self) -> Vec<Store> {
        let mut stores: Vec<Store> = self
            .clears
            .iter()
            .copied()
            .chain(self.deletes.iter().map(|(s, _)| *s))
            .chain(self.range_deletes.iter().map(|d| d.store))
            .chain(self.puts.iter().map(|(s, _)| *s))
            .chain(self.guard.map(|_| Store::Meta))
            .chain(self.links.first().map(|_| Store::Meta))
            .collect();
        stores.sort_by_key(|s| s.name());
        stores.dedup();
        stores
    }
}
