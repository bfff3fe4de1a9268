//! The app state: the workflows and the sandbox account, held in signals and provided as
//! context; what the workflows list shows of the runs; and the few operations that change
//! them.
//!
//! Every decision (limits, validation, matching, execution) is the engine's; this module only
//! calls it, keeps the signals current and writes what changed to IndexedDB in one
//! transaction per operation. Runs are not held in memory: pages read them from IndexedDB a
//! page at a time ([`runs`]). When storage is unavailable the app keeps working in memory
//! and says so in the page.

mod account;
mod history;
mod locks;
mod runs;

use std::collections::HashMap;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use sandflow_engine::limits::RERUN_WINDOW_SECONDS;
use sandflow_engine::sandbox::{ApiError, GenerateError, Sandbox};
use sandflow_engine::{
    Dispatch, Dispatcher, Email, Event, Problem, RerunError, Run, RunStatus, SandboxCatalog,
    Workflow, Workflows, WorkflowsError,
};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, MessageEvent};

use crate::storage::{schema, Db, RunQuery, StorageError, Store, Stored, Writes, RECORD_FORMAT};

pub use history::{backfill, EventFilter, Hint, LogFilter, Older};
pub use runs::status_name;
use runs::{RunRecord, StoredRun};

/// The name of the app's IndexedDB database.
pub const DB_NAME: &str = "sandflow";

/// The events of one delivery in the `events` store, as JSON text (one string per delivery
/// is far cheaper for IndexedDB to store than a record per event, let alone a tree of
/// values per event). Written with `pending` set before the events are dispatched, then
/// again without it in the transaction that stores the runs they started; start-up
/// dispatches the deliveries still pending (a tab closed in between).
#[derive(Serialize, Deserialize)]
struct EventBatch {
    id: String,
    /// The record's format ([`RECORD_FORMAT`]); absent in records of earlier versions.
    #[serde(default)]
    format: u32,
    /// Sandbox time of its first event (retention, recent events).
    created: i64,
    /// The same, while not dispatched yet (the `pending` index only has such records).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pending: Option<i64>,
    /// How many events it holds.
    count: usize,
    /// `[type, created]` of each event type it holds (the `by_type` index, which lists a
    /// record once under each of its types); absent before schema version 4.
    #[serde(default)]
    types: Vec<(String, i64)>,
    /// The events, oldest first.
    json: String,
}

/// A new id for a delivery record. Ids sort in the order deliveries were made (wall-clock
/// milliseconds, then a counter of this tab, then the tab), so deliveries made in the same
/// second of sandbox time (a bulk send) still read back newest first; earlier versions
/// named them after their first event (`events_evt_…`).
fn delivery_id() -> String {
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
        account::tab_id()
    )
}

impl EventBatch {
    /// The record of `events` called `id` (the same id when a pending delivery is written
    /// again, dispatched).
    fn new(id: String, events: &[Event], pending: bool) -> Option<Self> {
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

    fn events(&self) -> Result<Vec<Event>, StorageError> {
        serde_json::from_str(&self.json)
            .map_err(|e| StorageError::Read(format!("events {}: {e}", self.id)))
    }
}

/// Each type among `events` once, with the time of its first event.
fn event_types<'a>(events: impl IntoIterator<Item = &'a Event>) -> Vec<(String, i64)> {
    let mut types: Vec<(String, i64)> = Vec::new();
    for event in events {
        if !types.iter().any(|(kind, _)| *kind == event.kind) {
            types.push((event.kind.clone(), event.created));
        }
    }
    types
}

/// An email an "Email a team member" step sent, as the Outbox keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutboxEmail {
    /// `<run id>.<step id>`.
    pub id: String,
    /// Sandbox time it was sent.
    pub sent: i64,
    /// The run that sent it.
    pub run_id: String,
    /// Its workflow.
    pub workflow_id: String,
    /// The workflow's name when it ran.
    pub workflow_name: String,
    /// The message.
    pub email: Email,
}

impl OutboxEmail {
    /// The emails `run` sent, in step order.
    pub fn of_run(run: &Run) -> impl Iterator<Item = OutboxEmail> + '_ {
        run.steps.iter().filter_map(move |s| {
            s.email.clone().map(|email| OutboxEmail {
                id: format!("{}.{}", run.id, s.step_id),
                sent: s.started,
                run_id: run.id.clone(),
                workflow_id: run.workflow_id.clone(),
                workflow_name: run.workflow.name.clone(),
                email,
            })
        })
    }
}

/// What the workflows list shows of a workflow's runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RunStats {
    /// How many runs are stored.
    pub count: u32,
    /// The status of the newest.
    pub last: Option<RunStatus>,
}

/// What the pages read and change.
#[derive(Clone, Copy)]
pub struct AppState {
    /// Every workflow, with the limits enforced by the engine.
    pub workflows: RwSignal<Workflows>,
    /// Per workflow id: its number of runs and the status of the newest.
    pub run_stats: RwSignal<HashMap<String, RunStats>>,
    /// Changes each time runs are written, here or in another tab: readers of runs refetch.
    pub runs_revision: RwSignal<u64>,
    /// The simulated Stripe account.
    pub sandbox: RwSignal<Sandbox>,
    /// Runs workflows and hands out ids.
    pub dispatcher: RwSignal<Dispatcher>,
    /// A storage problem to show in the page, if any.
    pub notice: RwSignal<Option<String>>,
    /// False until the stored state has been loaded.
    pub ready: RwSignal<bool>,
    db: StoredValue<Option<Rc<Db>>, LocalStorage>,
    channel: StoredValue<Option<BroadcastChannel>, LocalStorage>,
    /// The runs, newest first, only while browser storage is unavailable.
    memory_runs: StoredValue<Vec<Run>, LocalStorage>,
    /// When Reset sandbox last emptied the Outbox, only while browser storage is
    /// unavailable (with storage it is a record in `meta`).
    memory_outbox_cleared: StoredValue<Option<runs::OutboxCleared>, LocalStorage>,
    /// What the `objects` store holds of the account (see [`account`]).
    ledger: StoredValue<account::ObjectLedger>,
}

/// The name of the BroadcastChannel tabs use to tell each other that they wrote.
const CHANNEL: &str = "sandflow";

/// Where reloading what another tab wrote stands.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reload {
    Idle,
    Running,
    /// Running, and another tab wrote again since it started.
    Again,
}

/// The state provided by [`provide_app_state`].
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

/// Creates the state, provides it as context and starts loading what is stored.
pub fn provide_app_state() -> AppState {
    let now = wall_clock_seconds();
    let seed = (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64;
    let state = AppState {
        workflows: RwSignal::new(Workflows::new()),
        run_stats: RwSignal::new(HashMap::new()),
        runs_revision: RwSignal::new(0),
        sandbox: RwSignal::new(Sandbox::new(now, seed)),
        dispatcher: RwSignal::new(Dispatcher::new(seed ^ 0x5eed)),
        notice: RwSignal::new(None),
        ready: RwSignal::new(false),
        db: StoredValue::new_local(None),
        channel: StoredValue::new_local(None),
        memory_runs: StoredValue::new_local(Vec::new()),
        memory_outbox_cleared: StoredValue::new_local(None),
        ledger: StoredValue::new(account::ObjectLedger::default()),
    };
    provide_context(state);
    spawn_local(async move { state.load().await });
    state
}

/// Milliseconds of the page's monotonic clock (`performance.now`): the dispatcher times
/// steps with it.
fn wall_clock_millis() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

fn wall_clock_seconds() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

impl AppState {
    async fn load(self) {
        let notice = self.notice;
        let blocked = move || {
            notice.set(Some(
                "Sandflow is open in another tab with an older version: close that tab to finish updating storage".to_owned(),
            ))
        };
        match Db::open_with(DB_NAME, blocked).await {
            Ok(db) => {
                self.notice.set(None);
                let db = Rc::new(db);
                self.db.set_value(Some(db.clone()));
                if let Err(e) = history::backfill(&db).await {
                    self.notice.set(Some(e.to_string()));
                }
                if let Err(e) = self.load_from(&db).await {
                    self.notice.set(Some(e.to_string()));
                }
                self.listen_to_other_tabs();
                if let Err(e) = self.recover(db).await {
                    self.notice.set(Some(e.to_string()));
                }
                self.prune();
            }
            Err(e) => self.notice.set(Some(e.to_string())),
        }
        self.ready.set(true);
    }

    /// Other tabs post on the channel after each write; this tab then reloads what is
    /// stored, so both show the same workflows, runs and sandbox without a reload.
    fn listen_to_other_tabs(self) {
        let Ok(channel) = BroadcastChannel::new(CHANNEL) else {
            return;
        };
        // One reload at a time: messages that arrive during one (a bulk send in the other
        // tab writes many times a second) make one more reload after it, not one each.
        let reloading = StoredValue::new(Reload::Idle);
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |_: MessageEvent| {
            if reloading.get_value() != Reload::Idle {
                reloading.set_value(Reload::Again);
                return;
            }
            reloading.set_value(Reload::Running);
            spawn_local(async move {
                loop {
                    if let Some(db) = self.db.get_value() {
                        if let Err(e) = self.load_from(&db).await {
                            self.notice.set(Some(e.to_string()));
                        }
                    }
                    if reloading.get_value() == Reload::Again {
                        reloading.set_value(Reload::Running);
                    } else {
                        reloading.set_value(Reload::Idle);
                        break;
                    }
                }
            });
        });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The handler lives as long as the page.
        on_message.forget();
        self.channel.set_value(Some(channel));
    }

    /// Reads the workflows, the account and the runs' figures; runs themselves are read
    /// by the pages that show them.
    async fn load_from(self, db: &Db) -> Result<(), StorageError> {
        let stored = db.all::<Stored>(Store::Workflows).await?;
        let mut skipped = stored.skipped;
        let mut workflows = Vec::with_capacity(stored.items.len());
        for record in stored.items {
            match record.decode::<Workflow>() {
                Ok(w) => workflows.push(w),
                Err(_) => skipped += 1,
            }
        }
        self.workflows.set(Workflows::from_stored(workflows));
        self.load_account(db).await?;
        self.load_run_stats(db).await?;
        self.runs_revision.update(|r| *r += 1);
        if skipped > 0 {
            self.notice.set(Some(format!(
                "{skipped} stored workflows could not be read and were left out"
            )));
        }
        Ok(())
    }

    /// Counts each workflow's runs and reads the status of its newest, through the indexes.
    async fn load_run_stats(self, db: &Db) -> Result<(), StorageError> {
        /// The one field of a run record the figures need.
        #[derive(Deserialize)]
        struct Head {
            status: RunStatus,
        }
        let ids: Vec<String> = self
            .workflows
            .with_untracked(|all| all.as_slice().iter().map(|w| w.id.clone()).collect());
        let mut stats = HashMap::with_capacity(ids.len());
        for id in ids {
            let query = RunQuery {
                workflow_id: &id,
                status: None,
            };
            let count = db.count_runs(&query, &[None]).await?;
            let newest: Vec<Head> = db.runs_page(&query, None, 1).await?;
            stats.insert(
                id.clone(),
                RunStats {
                    count: count.first().copied().unwrap_or(0),
                    last: newest.first().map(|h| h.status),
                },
            );
        }
        self.run_stats.set(stats);
        Ok(())
    }

    /// After a tab closed in the middle of work: marks runs left "running" as interrupted
    /// and dispatches, once, the events that were written but not dispatched. Holds the
    /// Web Lock `sandflow-dispatch`, so two tabs opening at once do not both do it.
    async fn recover(self, db: Rc<Db>) -> Result<(), StorageError> {
        locks::with_lock("sandflow-dispatch", async move {
            let running: Vec<StoredRun> =
                db.runs_with_status(status_name(RunStatus::Running)).await?;
            let pending: Vec<EventBatch> = db.pending_events().await?;
            if running.is_empty() && pending.is_empty() {
                return Ok(());
            }
            // Another tab may have changed the account since it was loaded.
            self.load_account(&db).await?;
            let now = self.now();
            let mut writes = Writes::new();
            for run in running {
                let mut run: Run = run.decode()?;
                run.interrupt(now);
                self.record(writes.put(Store::Runs, &RunRecord::new(&run)));
            }
            for batch in pending {
                let (runs, after) = self.dispatch_all(batch.id.clone(), &batch.events()?);
                writes.extend(after);
                self.note_runs(&runs);
            }
            self.write(writes).await;
            self.load_run_stats(&db).await?;
            self.runs_revision.update(|r| *r += 1);
            Ok(())
        })
        .await
    }

    /// Current sandbox time, Unix seconds.
    pub fn now(&self) -> i64 {
        self.sandbox.with_untracked(Sandbox::now)
    }

    /// Writes `writes` in one transaction, in the background; a failure shows in the page.
    fn persist(&self, writes: Writes) {
        let this = *self;
        spawn_local(async move {
            this.write(writes).await;
        });
    }

    /// Writes `writes` in one transaction and tells the other tabs; a failure shows in the
    /// page. Whether it was written.
    async fn write(self, writes: Writes) -> bool {
        let Some(db) = self.db.get_value() else {
            return false;
        };
        match db.commit(writes).await {
            Ok(()) => {
                self.channel.with_value(|c| {
                    if let Some(c) = c {
                        let _ = c.post_message(&JsValue::from_str("changed"));
                    }
                });
                true
            }
            Err(e) => {
                self.notice.set(Some(e.to_string()));
                // What this write held is not stored: the next write stores the whole
                // account again.
                self.sandbox.update_untracked(Sandbox::mark_all_changed);
                false
            }
        }
    }

    fn put_workflow(&self, writes: &mut Writes, id: &str) {
        /// A workflow as stored from schema version 3: JSON text.
        #[derive(Serialize)]
        struct WorkflowRecord<'a> {
            id: &'a str,
            /// The record's format ([`RECORD_FORMAT`]); absent in records of earlier versions.
            #[serde(default)]
            format: u32,
            json: String,
        }
        let json = self
            .workflows
            .with_untracked(|all| all.get(id).map(serde_json::to_string));
        match json {
            Some(Ok(json)) => self.record(writes.put(
                Store::Workflows,
                &WorkflowRecord {
                    id,
                    format: RECORD_FORMAT,
                    json,
                },
            )),
            Some(Err(e)) => self
                .notice
                .set(Some(format!("the workflow could not be saved ({e})"))),
            None => {}
        }
    }

    fn record(&self, result: Result<(), StorageError>) {
        if let Err(e) = result {
            self.notice.set(Some(e.to_string()));
        }
    }

    /// The workflow with this id, if it exists.
    pub fn workflow(&self, id: &str) -> Option<Workflow> {
        self.workflows.with(|all| all.get(id).cloned())
    }

    /// Creates a new "Untitled workflow"; its id.
    pub fn create_workflow(&self) -> Result<String, WorkflowsError> {
        let now = self.now();
        let id = self.dispatcher.try_update(|d| {
            self.workflows
                .try_update(|all| all.create(d.ids(), now).map(|w| w.id.clone()))
        });
        let id = id
            .flatten()
            .unwrap_or(Err(WorkflowsError::NotFound { id: String::new() }))?;
        let mut writes = Writes::new();
        self.put_workflow(&mut writes, &id);
        self.put_account(&mut writes);
        self.persist(writes);
        Ok(id)
    }

    /// Adds a ready-made workflow (a template or an import); its id.
    pub fn add_workflow(&self, workflow: Workflow) -> Result<String, WorkflowsError> {
        let id = workflow.id.clone();
        self.workflows
            .try_update(|all| all.add(workflow, &SandboxCatalog))
            .unwrap_or(Ok(()))?;
        let mut writes = Writes::new();
        self.put_workflow(&mut writes, &id);
        self.put_account(&mut writes);
        self.persist(writes);
        Ok(id)
    }

    /// A fresh id from the dispatcher's generator (for templates and new steps).
    pub fn next_id(&self, prefix: &str) -> String {
        self.dispatcher
            .try_update(|d| d.ids().next(prefix))
            .unwrap_or_default()
    }

    /// Saves an edited workflow; the problems validation found (saving never refuses a
    /// draft for them, activation does).
    pub fn save_workflow(&self, workflow: Workflow) -> Result<Vec<Problem>, WorkflowsError> {
        let id = workflow.id.clone();
        let now = self.now();
        let problems = self
            .workflows
            .try_update(|all| all.save(workflow, &SandboxCatalog, now))
            .unwrap_or(Ok(Vec::new()))?;
        let mut writes = Writes::new();
        self.put_workflow(&mut writes, &id);
        self.persist(writes);
        Ok(problems)
    }

    /// Activates a workflow; with problems nothing is activated and they are returned.
    pub fn activate(&self, id: &str) -> Result<Vec<Problem>, WorkflowsError> {
        let now = self.now();
        let problems = self
            .workflows
            .try_update(|all| all.activate(id, &SandboxCatalog, now))
            .unwrap_or(Ok(Vec::new()))?;
        let mut writes = Writes::new();
        self.put_workflow(&mut writes, id);
        self.persist(writes);
        Ok(problems)
    }

    /// Deactivates a workflow.
    pub fn deactivate(&self, id: &str) -> Result<(), WorkflowsError> {
        let now = self.now();
        self.workflows
            .try_update(|all| all.deactivate(id, now))
            .unwrap_or(Ok(()))?;
        let mut writes = Writes::new();
        self.put_workflow(&mut writes, id);
        self.persist(writes);
        Ok(())
    }

    /// Deletes a workflow and its runs, in one transaction.
    pub fn delete_workflow(&self, id: &str) -> Result<(), WorkflowsError> {
        self.workflows
            .try_update(|all| all.delete(id))
            .unwrap_or(Err(WorkflowsError::NotFound { id: id.to_owned() }))?;
        let mut writes = Writes::new();
        writes.delete(Store::Workflows, id);
        writes.delete_runs_of(id);
        self.memory_runs
            .update_value(|runs| runs.retain(|r| r.workflow_id != id));
        self.run_stats.update(|stats| {
            stats.remove(id);
        });
        self.persist(writes);
        self.runs_revision.update(|r| *r += 1);
        Ok(())
    }

    /// Runs a sandbox API action as the person using the page (not a workflow), then
    /// delivers the events it caused to the workflows. The response object and how many
    /// runs the events started.
    pub fn call(
        &self,
        action: &str,
        params: &Map<String, Value>,
    ) -> Result<(Value, usize), ApiError> {
        let result = self
            .sandbox
            .try_update(|sb| sb.call(action, params, None))
            .expect("the sandbox signal lives as long as the app");
        let events = self
            .sandbox
            .try_update(Sandbox::take_events)
            .unwrap_or_default();
        let runs = self.deliver(events);
        result.map(|value| (value, runs.len()))
    }

    /// Generates one event of `kind` (with `overrides` on its object) and delivers every
    /// event the scenario caused; the generated event and the runs it started.
    pub fn generate(
        &self,
        kind: &str,
        overrides: &Map<String, Value>,
    ) -> Result<(Event, Vec<Run>), GenerateError> {
        let event = self
            .sandbox
            .try_update(|sb| sb.generate_event(kind, overrides))
            .expect("the sandbox signal lives as long as the app")?;
        let events = self
            .sandbox
            .try_update(Sandbox::take_events)
            .unwrap_or_default();
        let runs = self.deliver(events);
        Ok((event, runs))
    }

    /// Moves sandbox time forward and delivers the events that causes; how many.
    pub fn advance_clock(&self, seconds: i64) -> usize {
        self.sandbox.update(|sb| {
            sb.advance(seconds);
        });
        let events = self
            .sandbox
            .try_update(Sandbox::take_events)
            .unwrap_or_default();
        let count = events.len();
        self.deliver(events);
        self.prune();
        count
    }

    /// Deletes the runs that started, and the events created, more than twice the rerun
    /// window ago (60 days of sandbox time): they can no longer be re-run, and history
    /// stays bounded.
    fn prune(&self) {
        // Twice the rerun window: a run just past it stays visible, so the person can see
        // why Rerun is refused before it is removed.
        let cutoff = self.now() - 2 * RERUN_WINDOW_SECONDS;
        let Some(db) = self.db.get_value() else {
            let before = self.memory_runs.with_value(Vec::len);
            self.memory_runs
                .update_value(|runs| runs.retain(|r| r.started >= cutoff));
            if self.memory_runs.with_value(Vec::len) != before {
                self.runs_revision.update(|r| *r += 1);
            }
            return;
        };
        let this = *self;
        spawn_local(async move {
            // Usually nothing is that old: then nothing is written, recounted or announced
            // to the other tabs.
            let old = async {
                Ok::<_, StorageError>((
                    db.count_before(Store::Runs, schema::RUNS_BY_STARTED, cutoff)
                        .await?,
                    db.count_before(Store::Events, schema::EVENTS_BY_CREATED, cutoff)
                        .await?
                        + db.count_before(Store::Logs, schema::LOGS_BY_CREATED, cutoff)
                            .await?,
                ))
            };
            let (old_runs, old_history) = match old.await {
                Ok(counts) => counts,
                Err(e) => {
                    this.notice.set(Some(e.to_string()));
                    return;
                }
            };
            if old_runs == 0 && old_history == 0 {
                return;
            }
            let mut writes = Writes::new();
            writes.delete_older_than(cutoff);
            if this.write(writes).await && old_runs > 0 {
                if let Err(e) = this.load_run_stats(&db).await {
                    this.notice.set(Some(e.to_string()));
                }
                this.runs_revision.update(|r| *r += 1);
            }
        });
    }

    /// Empties the sandbox account (objects, events, request logs, outbox); workflows and
    /// runs stay.
    pub fn reset_sandbox(&self) {
        self.sandbox.update(Sandbox::reset);
        self.ledger.set_value(account::ObjectLedger::default());
        let mut writes = Writes::new();
        for store in [Store::Objects, Store::Logs, Store::Events] {
            writes.clear(store);
        }
        let this = *self;
        spawn_local(async move {
            if let Err(e) = runs::clear_outbox(this).await {
                this.notice.set(Some(e.to_string()));
            }
        });
        self.put_account(&mut writes);
        self.persist(writes);
    }

    /// Deletes everything: workflows, runs and the sandbox account.
    pub fn reset_everything(&self) {
        self.sandbox.update(Sandbox::reset);
        self.workflows.set(Workflows::new());
        self.memory_runs.set_value(Vec::new());
        self.memory_outbox_cleared.set_value(None);
        self.run_stats.set(HashMap::new());
        self.runs_revision.update(|r| *r += 1);
        self.ledger.set_value(account::ObjectLedger::default());
        let mut writes = Writes::new();
        for store in Store::ALL {
            writes.clear(store);
        }
        self.record(history::put_backfilled(&mut writes));
        self.put_account(&mut writes);
        self.persist(writes);
    }

    /// Delivers events to the active workflows, cascades included. The events (and the
    /// account as the action left it) are written first, marked pending; then the runs, the
    /// account and the events, no longer pending, in one transaction. The runs, in the
    /// order they ran.
    pub fn deliver(&self, events: Vec<Event>) -> Vec<Run> {
        // Written in the background; nothing waits for it.
        self.deliver_queued(events).0
    }

    /// [`Self::deliver`] for the bulk sender: both transactions are queued at once
    /// (IndexedDB runs them in the order they were created) and the promise settles once
    /// they are written, so the sender can prepare the next batch meanwhile and bound how
    /// many batches are in flight.
    pub fn deliver_queued(&self, events: Vec<Event>) -> (Vec<Run>, js_sys::Promise) {
        let (runs, before, after) = self.deliver_inner(&events);
        let this = *self;
        let written = wasm_bindgen_futures::future_to_promise(async move {
            futures::future::join(this.write(before), this.write(after)).await;
            Ok(JsValue::UNDEFINED)
        });
        (runs, written)
    }

    fn deliver_inner(&self, events: &[Event]) -> (Vec<Run>, Writes, Writes) {
        let mut before = Writes::new();
        let id = delivery_id();
        if self.db.with_value(Option::is_some) {
            if let Some(batch) = EventBatch::new(id.clone(), events, true) {
                self.record(before.put(Store::Events, &batch));
                self.put_account(&mut before);
            }
        }
        let (runs, after) = self.dispatch_all(id, events);
        self.note_runs(&runs);
        (runs, before, after)
    }

    /// Dispatches `events` (the delivery `id`) in order; the runs and what to write for
    /// them (the runs, the events no longer pending, the cascade's events, the account).
    fn dispatch_all(&self, id: String, events: &[Event]) -> (Vec<Run>, Writes) {
        let workflows = self.active_workflows();
        let mut out = Dispatch::default();
        if !workflows.is_empty() {
            self.dispatcher.update(|d| {
                d.set_timer(wall_clock_millis);
                self.sandbox.update(|sb| {
                    for event in events {
                        let done = d.dispatch(&workflows, event, sb);
                        out.runs.extend(done.runs);
                        out.events.extend(done.events);
                    }
                })
            });
        } else {
            // Still notify readers of the sandbox (the events are new).
            self.sandbox.update(|_| {});
        }
        let mut writes = Writes::new();
        if self.db.with_value(Option::is_some) {
            for (id, batch) in [(id, events), (delivery_id(), &out.events)] {
                if let Some(batch) = EventBatch::new(id, batch, false) {
                    self.record(writes.put(Store::Events, &batch));
                }
            }
            self.put_runs(&mut writes, &out.runs);
            self.put_account(&mut writes);
        }
        (out.runs, writes)
    }

    /// Re-runs `run_id` on its workflow as it is now; the new run's id.
    pub async fn rerun(self, run_id: String) -> Result<String, String> {
        let original = self
            .run(run_id.clone())
            .await
            .map_err(|e| e.to_string())?
            .ok_or_else(|| format!("run {run_id} no longer exists"))?;
        let workflow = self.workflow(&original.workflow_id).ok_or_else(|| {
            "its workflow was deleted: a run can only be re-run on an existing workflow".to_owned()
        })?;
        let workflows = self.active_workflows();
        let result: Result<Dispatch, RerunError> = self
            .dispatcher
            .try_update(|d| {
                d.set_timer(wall_clock_millis);
                self.sandbox
                    .try_update(|sb| d.rerun(&workflows, &workflow, &original, sb))
            })
            .flatten()
            .expect("the signals live as long as the app");
        let done = result.map_err(|e| e.to_string())?;
        let id = done
            .runs
            .first()
            .map(|r| r.id.clone())
            .ok_or_else(|| "the rerun started no run".to_owned())?;
        let mut writes = Writes::new();
        if let Some(batch) = EventBatch::new(delivery_id(), &done.events, false) {
            self.record(writes.put(Store::Events, &batch));
        }
        self.put_runs(&mut writes, &done.runs);
        self.put_account(&mut writes);
        self.note_runs(&done.runs);
        self.write(writes).await;
        Ok(id)
    }

    /// The workflows that run on events now.
    fn active_workflows(&self) -> Vec<Workflow> {
        self.workflows.with_untracked(|all| {
            all.as_slice()
                .iter()
                .filter(|w| w.is_active())
                .cloned()
                .collect()
        })
    }

    /// Adds `runs` to `writes` (the emails they sent are in them, for the Outbox).
    fn put_runs(&self, writes: &mut Writes, runs: &[Run]) {
        for run in runs {
            self.record(writes.put(Store::Runs, &RunRecord::new(run)));
        }
    }

    /// Keeps the workflows list's figures (and, without storage, the runs themselves)
    /// current after `new_runs` ran, and tells readers of runs to refetch.
    fn note_runs(&self, new_runs: &[Run]) {
        if new_runs.is_empty() {
            return;
        }
        self.run_stats.update(|stats| {
            for run in new_runs {
                let s = stats.entry(run.workflow_id.clone()).or_default();
                s.count += 1;
                s.last = Some(run.status);
            }
        });
        if self.db.with_value(Option::is_none) {
            self.memory_runs.update_value(|runs| {
                let mut fresh: Vec<Run> = new_runs.iter().rev().cloned().collect();
                fresh.append(runs);
                *runs = fresh;
            });
        }
        self.runs_revision.update(|r| *r += 1);
    }
}
