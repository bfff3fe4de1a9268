//! Browser storage: IndexedDB for everything that must survive a reload (workflows, runs,
//! events, the sandbox account, request logs, the outbox) and local storage for small UI
//! preferences; how much room the browser leaves them (`quota`). This is the only module of
//! the app that touches web storage, knows the record formats ([`records`]) and the indexes
//! ([`migrate`]).
//!
//! The app reads and changes what is stored through one interface, [`Storage`], asking by
//! what it means (a workflow's runs, a page of them, the Outbox, older events) and writing
//! a [`Change`] built the same way (these runs, this delivery, the account). It has two
//! implementations, chosen once at start-up: IndexedDB ([`browser`]) and, when the browser
//! refuses storage (some private modes), memory ([`memory`]), which keeps the workflows and
//! runs for as long as the page is open. No other module branches on which one it is.

mod account;
mod browser;
pub mod db;
mod history;
mod memory;
pub mod migrate;
pub mod prefs;
pub mod quota;
pub(crate) mod records;

use std::rc::Rc;

use sandflow_engine::sandbox::{RequestLog, Sandbox};
use sandflow_engine::{Dispatcher, Event, Run, RunStatus, TestCase, Version, Workflow};

pub use db::{Db, Loaded, RunQuery, StorageError, Store, Stored, Walk, Writes};
pub use history::{EventFilter, Hint, LogFilter, Older};
pub use migrate::SCHEMA_VERSION;
pub use prefs::Prefs;
pub use records::{delivery_id, status_name};

use browser::Browser;
use memory::Memory;

/// The format of the records Sandflow writes as JSON text beside their indexed fields (from
/// schema version 3), stored in each as `format`. A record of a newer format (written by a
/// newer Sandflow in another tab) is refused with a clear error rather than misread.
pub const RECORD_FORMAT: u32 = 1;

/// Where the app's data is kept: IndexedDB, or memory when the browser refuses it. Cheap to
/// clone (one shared handle).
#[derive(Clone)]
pub struct Storage(Rc<Backend>);

enum Backend {
    Browser(Browser),
    Memory(Memory),
}

/// The account as stored: the sandbox and the dispatcher (its ids and clock).
pub struct Account {
    /// The simulated Stripe account.
    pub sandbox: Sandbox,
    /// The dispatcher, with its id generator.
    pub dispatcher: Dispatcher,
}

/// What a closed tab or a refused write left undone: runs left running, and deliveries
/// stored but not dispatched (each with its record id, to write it again dispatched).
#[derive(Default)]
pub struct Unfinished {
    /// Runs stored as running.
    pub running: Vec<Run>,
    /// Deliveries still pending: their id and their events.
    pub pending: Vec<(String, Vec<Event>)>,
}

/// The workflows as stored: their live definitions, their drafts, and what could not be
/// read.
#[derive(Default)]
pub struct StoredWorkflows {
    /// Live definitions.
    pub live: Vec<Workflow>,
    /// Drafts beside a live definition.
    pub drafts: Vec<Workflow>,
    /// What could not be read, for the page.
    pub problems: Vec<String>,
}

/// A workflow's saved tests as stored, and what could not be read: one unreadable record
/// never hides the others.
#[derive(Default)]
pub struct StoredTests {
    /// The tests, oldest first.
    pub tests: Vec<TestCase>,
    /// What could not be read, for the page.
    pub problems: Vec<String>,
}

/// Which of a workflow's runs a page or a count covers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RunFilter {
    /// Only runs of this status, or all.
    pub status: Option<RunStatus>,
    /// Only runs of this version, or all.
    pub version: Option<u32>,
}

impl Storage {
    /// Opens the database `name` (creating or upgrading it); when the browser refuses,
    /// storage in memory, with the reason to tell the person. `on_blocked` is called while
    /// another tab with an older version keeps the upgrade waiting.
    pub async fn open(
        name: &str,
        on_blocked: impl Fn() + 'static,
    ) -> (Storage, Option<StorageError>) {
        match Db::open_with(name, on_blocked).await {
            Ok(db) => (Storage(Rc::new(Backend::Browser(Browser::new(db)))), None),
            Err(e) => (Storage::memory(), Some(e)),
        }
    }

    /// Storage in memory only: what the app keeps until the page closes.
    pub fn memory() -> Storage {
        Storage(Rc::new(Backend::Memory(Memory::default())))
    }

    /// A change to build and then [`commit`](Self::commit).
    pub fn change(&self) -> Change {
        Change {
            backend: self.0.clone(),
            writes: Writes::new(),
            memory: Vec::new(),
        }
    }

    /// The write sequence: how many guarded writes are stored (see [`Change::guard`]).
    pub async fn seq(&self) -> Result<u64, StorageError> {
        match &*self.0 {
            Backend::Browser(b) => b.db.seq().await,
            Backend::Memory(m) => Ok(m.seq()),
        }
    }

    /// Stores `change`, all of it or nothing.
    pub async fn commit(&self, change: Change) -> Result<(), StorageError> {
        match &*self.0 {
            Backend::Browser(b) => b.db.commit(change.writes).await,
            Backend::Memory(m) => m.commit(&change.writes, change.memory),
        }
    }

    /// Changes made by the upgrade to schema version 4 that a version-change transaction
    /// cannot make (see [`migrate::backfill`]).
    pub async fn backfill(&self) -> Result<(), StorageError> {
        match &*self.0 {
            Backend::Browser(b) => migrate::backfill(&b.db).await,
            Backend::Memory(_) => Ok(()),
        }
    }

    /// Every stored workflow that can be read, with its draft, and what could not be read.
    pub async fn workflows(&self) -> Result<StoredWorkflows, StorageError> {
        match &*self.0 {
            Backend::Browser(b) => b.workflows().await,
            Backend::Memory(m) => Ok(m.workflows()),
        }
    }

    /// Every published version of `workflow_id`, oldest first.
    pub async fn versions(&self, workflow_id: &str) -> Result<Vec<Version>, StorageError> {
        match &*self.0 {
            Backend::Browser(b) => b.versions(workflow_id).await,
            Backend::Memory(m) => Ok(m.versions(workflow_id)),
        }
    }

    /// Version `number` of `workflow_id`, if it is stored.
    pub async fn version(
        &self,
        workflow_id: &str,
        number: u32,
    ) -> Result<Option<Version>, StorageError> {
        match &*self.0 {
            Backend::Browser(b) => b.version(workflow_id, number).await,
            Backend::Memory(m) => Ok(m.version(workflow_id, number)),
        }
    }

    /// The saved tests of `workflow_id`, oldest first.
    pub async fn tests(&self, workflow_id: &str) -> Result<StoredTests, StorageError> {
        match &*self.0 {
            Backend::Browser(b) => b.tests(workflow_id).await,
            Backend::Memory(m) => Ok(m.tests(workflow_id)),
        }
    }

    /// The stored account, if one is stored; pieces that could not be read are described
    /// in `problems` and left out. An error when the account record itself cannot be read.
    pub async fn account(
        &self,
        problems: &mut Vec<String>,
    ) -> Result<Option<Account>, StorageError> {
        match &*self.0 {
            Backend::Browser(b) => b.account(problems).await,
            // Memory is the account: nothing to read back.
            Backend::Memory(_) => Ok(None),
        }
    }

    /// The run `id`, if it is stored.
    pub async fn run(&self, id: &str) -> Result<Option<Run>, StorageError> {
        match &*self.0 {
            Backend::Browser(b) => b.run(id).await,
            Backend::Memory(m) => Ok(m.run(id)),
        }
    }

    /// Up to `limit` runs of `workflow_id` that `filter` keeps, newest first, that started
    /// before `before` (the `(started, id)` of the last run of the previous page).
    pub async fn runs_page(
        &self,
        workflow_id: &str,
        filter: RunFilter,
        before: Option<(i64, &str)>,
        limit: usize,
    ) -> Result<Vec<Run>, StorageError> {
        match &*self.0 {
            Backend::Browser(b) => b.runs_page(workflow_id, filter, before, limit).await,
            Backend::Memory(m) => Ok(m.runs_page(workflow_id, filter, before, limit)),
        }
    }

    /// How many runs of `workflow_id` that `filter` keeps started in each of `spans`
    /// (`[from, to)`, Unix seconds; `None` for all time).
    pub async fn count_runs(
        &self,
        workflow_id: &str,
        filter: RunFilter,
        spans: &[Option<(i64, i64)>],
    ) -> Result<Vec<u32>, StorageError> {
        match &*self.0 {
            Backend::Browser(b) => b.count_runs(workflow_id, filter, spans).await,
            Backend::Memory(m) => Ok(m.count_runs(workflow_id, filter, spans)),
        }
    }

    /// For each of `workflow_ids`: how many runs are stored and the status of the newest.
    pub async fn run_figures(
        &self,
        workflow_ids: &[String],
    ) -> Result<Vec<(u32, Option<RunStatus>)>, StorageError> {
        match &*self.0 {
            Backend::Browser(b) => b.run_figures(workflow_ids).await,
            Backend::Memory(m) => Ok(m.run_figures(workflow_ids)),
        }
    }

    /// The newest runs that sent emails the Outbox shows (those since it was last
    /// emptied), newest first: enough of them to hold `emails` emails, or all.
    pub async fn outbox_runs(&self, emails: usize) -> Result<Vec<Run>, StorageError> {
        match &*self.0 {
            Backend::Browser(b) => b.outbox_runs(emails).await,
            Backend::Memory(m) => Ok(m.outbox_runs(emails)),
        }
    }

    /// Adds to `change` the emptying of the Outbox at sandbox time `at`: from then on it
    /// shows only emails sent later.
    pub async fn clear_outbox(&self, change: &mut Change, at: i64) -> Result<(), StorageError> {
        let cleared = match &*self.0 {
            Backend::Browser(b) => b.outbox_cleared(at).await?,
            Backend::Memory(m) => m.outbox_cleared(at),
        };
        change.put_outbox_cleared(cleared)
    }

    /// How many runs started, and how many event and request log records were made, before
    /// `time` (what [`Change::delete_older_than`] would delete).
    pub async fn count_older_than(&self, time: i64) -> Result<(u32, u32), StorageError> {
        match &*self.0 {
            Backend::Browser(b) => b.db.count_older_than(time).await,
            Backend::Memory(m) => Ok(m.count_older_than(time)),
        }
    }

    /// What a closed tab or a refused write left undone.
    pub async fn unfinished(&self) -> Result<Unfinished, StorageError> {
        match &*self.0 {
            Backend::Browser(b) => b.unfinished().await,
            // Nothing is written apart from what it describes: nothing is left undone.
            Backend::Memory(_) => Ok(Unfinished::default()),
        }
    }

    /// How many deliveries are stored without their runs.
    pub async fn count_pending(&self) -> Result<usize, StorageError> {
        match &*self.0 {
            Backend::Browser(b) => b.db.count_pending_events().await,
            Backend::Memory(_) => Ok(0),
        }
    }

    /// Up to about `want` stored events created at `boundary` or before, not among
    /// `in_memory`, that match `filter`, newest first, each with the id of the record
    /// holding it, and where to go on from.
    pub async fn older_events(
        &self,
        filter: &EventFilter,
        boundary: i64,
        in_memory: &std::collections::HashSet<String>,
        from: Older,
        want: usize,
    ) -> Result<(Vec<(Event, String)>, Older), StorageError> {
        match &*self.0 {
            Backend::Browser(b) => {
                b.older_events(filter, boundary, in_memory, from, want)
                    .await
            }
            // Memory holds every event the page made.
            Backend::Memory(_) => Ok((Vec::new(), Older::Done)),
        }
    }

    /// Up to about `want` stored request logs numbered below `oldest` (the oldest memory
    /// holds) that match `filter`, newest first, each with the id of the record holding
    /// it, and where to go on from.
    pub async fn older_logs(
        &self,
        filter: &LogFilter,
        oldest: u64,
        from: Older,
        want: usize,
    ) -> Result<(Vec<(RequestLog, String)>, Older), StorageError> {
        match &*self.0 {
            Backend::Browser(b) => b.older_logs(filter, oldest, from, want).await,
            Backend::Memory(_) => Ok((Vec::new(), Older::Done)),
        }
    }

    /// The stored event `id`, found the quickest way `hint` allows.
    pub async fn find_event(&self, id: &str, hint: &Hint) -> Result<Option<Event>, StorageError> {
        match &*self.0 {
            Backend::Browser(b) => b.find_event(id, hint).await,
            Backend::Memory(_) => Ok(None),
        }
    }

    /// The stored request log `id`, found the quickest way `hint` allows.
    pub async fn find_log(
        &self,
        id: &str,
        hint: &Hint,
    ) -> Result<Option<RequestLog>, StorageError> {
        match &*self.0 {
            Backend::Browser(b) => b.find_log(id, hint).await,
            Backend::Memory(_) => Ok(None),
        }
    }
}

/// A set of changes to store in one transaction, said by what they mean. Built from a
/// [`Storage`] ([`Storage::change`]), which decides how each is kept.
pub struct Change {
    backend: Rc<Backend>,
    /// What IndexedDB writes (and the write sequence's guard, for both).
    writes: Writes,
    /// What memory keeps.
    memory: Vec<memory::Op>,
}

impl Change {
    fn in_memory(&self) -> bool {
        matches!(&*self.backend, Backend::Memory(_))
    }

    /// Adds (or replaces) the workflow `live`, with its draft if it has one.
    pub fn put_workflow(
        &mut self,
        live: &Workflow,
        draft: Option<&Workflow>,
    ) -> Result<(), StorageError> {
        if self.in_memory() {
            self.memory
                .push(memory::Op::PutWorkflow(live.clone(), draft.cloned()));
            return Ok(());
        }
        let text =
            |w: &Workflow| serde_json::to_string(w).map_err(|e| StorageError::Write(e.to_string()));
        self.writes.put(
            Store::Workflows,
            &records::WorkflowRecord {
                id: &live.id,
                format: RECORD_FORMAT,
                json: text(live)?,
                draft: draft.map(text).transpose()?,
            },
        )
    }

    /// Adds a published version.
    pub fn put_version(&mut self, version: &Version) -> Result<(), StorageError> {
        if self.in_memory() {
            self.memory.push(memory::Op::PutVersion(version.clone()));
            return Ok(());
        }
        self.writes
            .put(Store::Versions, &records::VersionRecord::new(version)?)
    }

    /// Adds (or replaces) a saved test.
    pub fn put_test(&mut self, test: &TestCase) -> Result<(), StorageError> {
        if self.in_memory() {
            self.memory
                .push(memory::Op::PutTest(Box::new(test.clone())));
            return Ok(());
        }
        self.writes
            .put(Store::Tests, &records::TestRecord::new(test)?)
    }

    /// Removes the saved test `test` of `workflow_id`.
    pub fn delete_test(&mut self, workflow_id: &str, test: &str) {
        if self.in_memory() {
            self.memory.push(memory::Op::DeleteTest(
                workflow_id.to_owned(),
                test.to_owned(),
            ));
            return;
        }
        self.writes
            .delete(Store::Tests, records::test_id(workflow_id, test));
    }

    /// Removes the workflow `id`, its versions, its tests and every run of it.
    pub fn delete_workflow(&mut self, id: &str) {
        if self.in_memory() {
            self.memory.push(memory::Op::DeleteWorkflow(id.to_owned()));
            return;
        }
        self.writes.delete(Store::Workflows, id);
        self.writes.delete_versions_of(id);
        self.writes.delete_tests_of(id);
        self.writes.delete_runs_of(id);
    }

    /// Adds (or replaces) `runs`, in the order they ran; the emails they sent are in them,
    /// for the Outbox.
    pub fn put_runs(&mut self, runs: &[Run]) -> Result<(), StorageError> {
        if runs.is_empty() {
            return Ok(());
        }
        if self.in_memory() {
            self.memory.push(memory::Op::PutRuns(runs.to_vec()));
            return Ok(());
        }
        for run in runs {
            self.writes
                .put(Store::Runs, &records::RunRecord::new(run))?;
        }
        Ok(())
    }

    /// Adds the delivery `id` of `events` (see [`delivery_id`]): `pending` before they are
    /// dispatched, then again without it in the change that stores their runs.
    pub fn put_delivery(
        &mut self,
        id: String,
        events: &[Event],
        pending: bool,
    ) -> Result<(), StorageError> {
        if self.in_memory() {
            // The sandbox in memory holds its events.
            return Ok(());
        }
        match records::EventBatch::new(id, events, pending) {
            Some(batch) => self.writes.put(Store::Events, &batch),
            None => Ok(()),
        }
    }

    /// Adds the account as it is: its small part, and what changed in it since the last
    /// change (which `sandbox` then forgets).
    pub fn put_account(
        &mut self,
        sandbox: &mut Sandbox,
        dispatcher: &Dispatcher,
    ) -> Result<(), StorageError> {
        match &*self.backend.clone() {
            Backend::Browser(b) => b.put_account(&mut self.writes, sandbox, dispatcher),
            Backend::Memory(_) => {
                // Memory is the account; what changed need not be kept.
                sandbox.take_changes();
                Ok(())
            }
        }
    }

    /// Empties the sandbox account: objects, events, request logs.
    pub fn clear_account(&mut self) {
        if let Backend::Browser(b) = &*self.backend {
            b.forget_account();
            for store in [Store::Objects, Store::Logs, Store::Events] {
                self.writes.clear(store);
            }
        }
    }

    /// Empties everything: workflows, runs, the account, the Outbox.
    pub fn clear_everything(&mut self) -> Result<(), StorageError> {
        match &*self.backend {
            Backend::Browser(b) => {
                b.forget_account();
                for store in Store::ALL {
                    self.writes.clear(store);
                }
                // An empty database needs no backfill.
                migrate::put_backfilled(&mut self.writes)
            }
            Backend::Memory(_) => {
                self.memory.push(memory::Op::Clear);
                Ok(())
            }
        }
    }

    fn put_outbox_cleared(&mut self, cleared: records::OutboxCleared) -> Result<(), StorageError> {
        if self.in_memory() {
            self.memory.push(memory::Op::OutboxCleared(cleared));
            return Ok(());
        }
        self.writes.put(Store::Meta, &cleared)
    }

    /// Removes the runs that started, and the events and request logs made, before `time`.
    pub fn delete_older_than(&mut self, time: i64) {
        if self.in_memory() {
            self.memory.push(memory::Op::DeleteOlderThan(time));
        } else {
            self.writes.delete_older_than(time);
        }
    }

    /// Makes the commit conditional: it stores only if the write sequence is `expected`
    /// (no other write came in between), and then moves it to `expected + 1`.
    pub fn guard(&mut self, expected: u64) {
        self.writes.guard(expected);
    }

    /// Opens a chain of `length` writes after this one (see `Writes::open_chain`).
    pub fn open_chain(&mut self, expected: u64, length: u64) {
        self.writes.open_chain(expected, length);
    }

    /// Makes this change link `next` of a chain (see `Writes::open_chain`).
    pub fn chain(&mut self, next: u64) {
        self.writes.chain(next);
    }

    /// Adds every change of `other`, after these.
    pub fn extend(&mut self, other: Change) {
        self.writes.extend(other.writes);
        self.memory.extend(other.memory);
    }
}
