//! Every record Sandflow stores in IndexedDB, with the format each carries
//! ([`RECORD_FORMAT`]): one place to read what is on disk. Nothing outside `storage` knows
//! they exist: the app asks for changes and reads by what they mean (see [`super::Change`]).
//!
//! Most hold JSON text beside the few fields the indexes read: one string per record is
//! much cheaper for IndexedDB to clone than a tree of a few hundred JavaScript values.

use sandflow_engine::sandbox::{RequestLog, Sandbox, SandboxCore};
use sandflow_engine::{Dispatcher, Event, Run, TestCase, Version};
use serde::{Deserialize, Serialize};

use sandflow_engine::RunStatus;

use super::{StorageError, RECORD_FORMAT};

/// A workflow as stored from schema version 3: its live definition as JSON text, and from
/// version 5 its draft beside it, if it has one apart from the live definition.
#[derive(Serialize)]
pub(crate) struct WorkflowRecord<'a> {
    pub(crate) id: &'a str,
    /// The record's format ([`RECORD_FORMAT`]); absent in records of earlier versions.
    pub(crate) format: u32,
    pub(crate) json: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) draft: Option<String>,
}

/// A published version (from schema version 5), as JSON text; its id is
/// [`version_id`], so a workflow's versions sort by number.
#[derive(Serialize)]
pub(crate) struct VersionRecord<'a> {
    pub(crate) id: String,
    pub(crate) format: u32,
    pub(crate) workflow_id: &'a str,
    pub(crate) number: u32,
    pub(crate) json: String,
}

impl<'a> VersionRecord<'a> {
    pub(crate) fn new(version: &'a Version) -> Result<Self, StorageError> {
        Ok(Self {
            id: version_id(&version.workflow_id, version.number),
            format: RECORD_FORMAT,
            workflow_id: &version.workflow_id,
            number: version.number,
            json: serde_json::to_string(version)
                .map_err(|e| StorageError::Write(format!("a version: {e}")))?,
        })
    }
}

/// A saved test case (from schema version 6), as JSON text; its id is [`test_id`], so a
/// workflow's tests are one range of the store.
#[derive(Serialize)]
pub(crate) struct TestRecord<'a> {
    pub(crate) id: String,
    pub(crate) format: u32,
    pub(crate) workflow_id: &'a str,
    pub(crate) json: String,
}

impl<'a> TestRecord<'a> {
    pub(crate) fn new(test: &'a TestCase) -> Result<Self, StorageError> {
        Ok(Self {
            id: test_id(&test.workflow_id, &test.id),
            format: RECORD_FORMAT,
            workflow_id: &test.workflow_id,
            json: serde_json::to_string(test)
                .map_err(|e| StorageError::Write(format!("a test: {e}")))?,
        })
    }
}

/// The record id of test `test` of `workflow_id`.
pub(crate) fn test_id(workflow_id: &str, test: &str) -> String {
    format!("{workflow_id}:{test}")
}

/// The id of version `number` of `workflow_id`: numbers are zero-padded so ids sort by
/// them.
pub(crate) fn version_id(workflow_id: &str, number: u32) -> String {
    format!("{workflow_id}:{number:06}")
}

/// The id of the account's record.
pub(crate) const ACCOUNT_ID: &str = "account";

/// A record holding JSON text. The account's: its generator state and the dispatcher's id
/// seed are `u64`s that do not fit a JavaScript number.
#[derive(Serialize, Deserialize)]
pub(crate) struct TextRecord {
    pub(crate) id: String,
    /// The record's format ([`RECORD_FORMAT`]); absent in records of earlier versions.
    #[serde(default)]
    pub(crate) format: u32,
    pub(crate) json: String,
}

/// The objects one write created or changed, each with its place in the account's
/// creation order. A later chunk holds the newer version of an object; ids sort by the
/// chunk's number, so reading the store in key order and letting later versions win
/// gives the account as it is.
#[derive(Serialize, Deserialize)]
pub(crate) struct ObjectChunk {
    pub(crate) id: String,
    /// The record's format ([`RECORD_FORMAT`]).
    #[serde(default)]
    pub(crate) format: u32,
    pub(crate) json: String,
}

/// How many object chunks were written and how many object versions they hold, kept with
/// the account: once old versions outnumber the live objects, the next write rewrites
/// them all, so storage stays proportional to the account.
#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize)]
pub(crate) struct ObjectLedger {
    pub(crate) chunks: u64,
    pub(crate) versions: u64,
    /// Some stored chunks could not be read: the store is never rewritten afresh (which
    /// would delete them) until a reset.
    #[serde(skip)]
    pub(crate) keep_all: bool,
}

/// Objects per chunk when the whole account is written.
pub(crate) const OBJECTS_PER_CHUNK: usize = 1_000;
/// Old versions tolerated beyond the live objects before a rewrite.
pub(crate) const SPARE_VERSIONS: u64 = 10_000;

/// The request logs one write added, numbered from `first`. Its id holds the number of its
/// last log, zero-padded, so chunks sort by it: the newest are read at start-up, the
/// Workbench reads older ones as it is scrolled.
#[derive(Serialize, Deserialize)]
pub(crate) struct LogChunk {
    pub(crate) id: String,
    /// The record's format ([`RECORD_FORMAT`]); absent in records of earlier versions.
    #[serde(default)]
    pub(crate) format: u32,
    pub(crate) first: u64,
    /// Sandbox time of its last log (retention, through `by_created`); absent before
    /// schema version 4.
    #[serde(default)]
    pub(crate) created: i64,
    /// The runs whose requests it holds (the `by_run` index); absent before schema
    /// version 4.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) runs: Vec<String>,
    pub(crate) json: String,
}

impl LogChunk {
    pub(crate) fn new(first: u64, logs: &[RequestLog]) -> Option<Self> {
        let last = logs.last()?;
        Some(Self {
            id: log_chunk_id(first + logs.len() as u64 - 1),
            format: RECORD_FORMAT,
            first,
            created: last.created,
            runs: runs_of(logs),
            json: serde_json::to_string(logs).ok()?,
        })
    }

    /// How many logs it holds, from its id.
    pub(crate) fn count(&self) -> usize {
        let last = self
            .id
            .strip_prefix("logs_")
            .and_then(|n| n.parse::<u64>().ok());
        last.map_or(0, |last| (last + 1).saturating_sub(self.first) as usize)
    }

    /// Its logs, each with its number.
    pub(crate) fn logs(&self) -> Result<Vec<(u64, RequestLog)>, StorageError> {
        let logs: Vec<RequestLog> = parse("request logs", &self.json)?;
        Ok((self.first..).zip(logs).collect())
    }
}

/// The runs that made `logs`, each once.
pub(crate) fn runs_of(logs: &[RequestLog]) -> Vec<String> {
    let mut runs: Vec<String> = Vec::new();
    for origin in logs.iter().filter_map(|l| l.origin.as_ref()) {
        if !runs.contains(&origin.run_id) {
            runs.push(origin.run_id.clone());
        }
    }
    runs
}

pub(crate) fn log_chunk_id(last: u64) -> String {
    format!("logs_{last:020}")
}

/// What the account record's text holds.
#[derive(Deserialize)]
pub(crate) struct Core {
    pub(crate) sandbox: SandboxCore,
    pub(crate) dispatcher: Dispatcher,
    #[serde(default)]
    pub(crate) objects: ObjectLedger,
}

/// The first format, before schema version 3: the whole account as one text in `objects`.
#[derive(Deserialize)]
pub(crate) struct Whole {
    pub(crate) sandbox: Sandbox,
    pub(crate) dispatcher: Dispatcher,
}

pub(crate) fn parse<T: serde::de::DeserializeOwned>(
    what: &str,
    json: &str,
) -> Result<T, StorageError> {
    serde_json::from_str(json).map_err(|e| StorageError::Read(format!("{what}: {e}")))
}

/// A run as stored: the fields the indexes read, and the run as JSON text (one string is far
/// cheaper for IndexedDB to clone than the few hundred values of a run).
#[derive(Serialize)]
pub(crate) struct RunRecord<'a> {
    pub(crate) id: &'a str,
    /// The record's format ([`RECORD_FORMAT`]); absent in records of earlier versions.
    #[serde(default)]
    pub(crate) format: u32,
    pub(crate) workflow_id: &'a str,
    pub(crate) status: &'static str,
    pub(crate) started: i64,
    /// The version of the workflow it ran (the `by_workflow_version` indexes).
    pub(crate) version: u32,
    /// When the run sent emails: its start (the Outbox's `by_emailed` index).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) emailed: Option<i64>,
    pub(crate) json: String,
}

impl<'a> RunRecord<'a> {
    pub(crate) fn new(run: &'a Run) -> Self {
        Self {
            id: &run.id,
            format: RECORD_FORMAT,
            workflow_id: &run.workflow_id,
            status: status_name(run.status),
            started: run.started,
            version: run.workflow.version,
            emailed: run.emails().next().map(|_| run.started),
            json: serde_json::to_string(run).unwrap_or_default(),
        }
    }
}

/// The id of the record saying when the Outbox was last emptied.
pub(crate) const OUTBOX_CLEARED: &str = "outbox_cleared";

/// When Reset sandbox last emptied the Outbox: emails stay in their runs, and the Outbox
/// shows those of runs started after `at`, or at `at` and not in `before` (the runs of that
/// same second that were already there).
#[derive(Serialize, Deserialize)]
pub(crate) struct OutboxCleared {
    pub(crate) id: String,
    /// The record's format ([`RECORD_FORMAT`]); absent in records of earlier versions.
    #[serde(default)]
    pub(crate) format: u32,
    pub(crate) at: i64,
    pub(crate) before: Vec<String>,
}

impl OutboxCleared {
    pub(crate) fn shows(&self, run: &Run) -> bool {
        run.started > self.at || (run.started == self.at && !self.before.contains(&run.id))
    }
}

/// The events of one delivery in the `events` store, as JSON text (one string per delivery
/// is far cheaper for IndexedDB to store than a record per event, let alone a tree of
/// values per event). Written with `pending` set before the events are dispatched, then
/// again without it in the transaction that stores the runs they started; start-up
/// dispatches the deliveries still pending (a tab closed in between).
#[derive(Serialize, Deserialize)]
pub(crate) struct EventBatch {
    pub(crate) id: String,
    /// The record's format ([`RECORD_FORMAT`]); absent in records of earlier versions.
    #[serde(default)]
    pub(crate) format: u32,
    /// Sandbox time of its first event (retention, recent events).
    pub(crate) created: i64,
    /// The same, while not dispatched yet (the `pending` index only has such records).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) pending: Option<i64>,
    /// How many events it holds.
    pub(crate) count: usize,
    /// `[type, created]` of each event type it holds (the `by_type` index, which lists a
    /// record once under each of its types); absent before schema version 4.
    #[serde(default)]
    pub(crate) types: Vec<(String, i64)>,
    /// The events, oldest first.
    pub(crate) json: String,
}

impl EventBatch {
    /// The record of `events` called `id` (the same id when a pending delivery is written
    /// again, dispatched).
    pub(crate) fn new(id: String, events: &[Event], pending: bool) -> Option<Self> {
        let first = events.first()?;
        Some(Self {
            id,
            format: RECORD_FORMAT,
            created: first.created,
            pending: pending.then_some(first.created),
            count: events.len(),
            types: event_types(events),
            json: serde_json::to_string(events).ok()?,
        })
    }

    pub(crate) fn events(&self) -> Result<Vec<Event>, StorageError> {
        serde_json::from_str(&self.json)
            .map_err(|e| StorageError::Read(format!("events {}: {e}", self.id)))
    }
}

/// Each type among `events` once, with the time of its first event.
pub(crate) fn event_types<'a>(events: impl IntoIterator<Item = &'a Event>) -> Vec<(String, i64)> {
    let mut types: Vec<(String, i64)> = Vec::new();
    for event in events {
        if !types.iter().any(|(kind, _)| *kind == event.kind) {
            types.push((event.kind.clone(), event.created));
        }
    }
    types
}

/// A run status as runs are stored (and indexed): `"succeeded"`, `"failed"`, ...
pub fn status_name(status: RunStatus) -> &'static str {
    match status {
        RunStatus::Running => "running",
        RunStatus::Succeeded => "succeeded",
        RunStatus::Failed => "failed",
        RunStatus::Interrupted => "interrupted",
    }
}

/// A random name for this tab, in the ids of the records it writes (object chunks,
/// deliveries), so that two tabs writing at once never replace each other's records.
pub(crate) fn tab_id() -> String {
    thread_local! {
        static TAB: String = format!("{:08x}", (js_sys::Math::random() * f64::from(u32::MAX)) as u32);
    }
    TAB.with(Clone::clone)
}

/// A new id for a delivery record. Ids sort in the order deliveries were made (wall-clock
/// milliseconds, then a counter of this tab, then the tab), so deliveries made in the same
/// second of sandbox time (a bulk send) still read back newest first; earlier versions
/// named them after their first event (`events_evt_…`).
pub fn delivery_id() -> String {
    thread_local! {
        static COUNTER: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    }
    let n = COUNTER.with(|c| {
        c.set(c.get().wrapping_add(1));
        c.get()
    });
    format!(
        "events_{:015}_{n:010}_{}",
        js_sys::Date::now() as u64,
        tab_id()
    )
}
