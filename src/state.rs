//! The app state: the workflows, their runs and the sandbox account, held in signals and
//! provided as context; and the few operations that change them.
//!
//! Every decision (limits, validation, matching, execution) is the engine's; this module only
//! calls it, keeps the signals current and writes what changed to IndexedDB in one
//! transaction per operation. When storage is unavailable the app keeps working in memory
//! and says so in the page.

use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use sandflow_engine::limits::RERUN_WINDOW_SECONDS;
use sandflow_engine::sandbox::{ApiError, GenerateError, Sandbox};
use sandflow_engine::{
    Dispatch, Dispatcher, Event, Problem, RerunError, Run, SandboxCatalog, Workflow, Workflows,
    WorkflowsError,
};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, MessageEvent};

use crate::storage::{Db, StorageError, Store, Writes};

/// The name of the app's IndexedDB database.
pub const DB_NAME: &str = "sandflow";

/// The id of the record holding the sandbox account and the dispatcher.
const ACCOUNT_ID: &str = "account";

/// The sandbox account and the dispatcher, stored as one record.
#[derive(Serialize, Deserialize)]
///
/// The account is stored as JSON text, not as a structured-clone object: the sandbox's
/// generator state and the dispatcher's id seed are `u64`s that do not fit a JavaScript
/// number, and IndexedDB refused the whole write when they were stored as numbers.
struct AccountRecord {
    id: String,
    json: String,
}

/// What the account record's text holds.
#[derive(Serialize, Deserialize)]
struct Account {
    sandbox: Sandbox,
    dispatcher: Dispatcher,
}

/// What the pages read and change.
#[derive(Clone, Copy)]
pub struct AppState {
    /// Every workflow, with the limits enforced by the engine.
    pub workflows: RwSignal<Workflows>,
    /// Every run, newest first.
    pub runs: RwSignal<Vec<Run>>,
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
}

/// The name of the BroadcastChannel tabs use to tell each other that they wrote.
const CHANNEL: &str = "sandflow";

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
        runs: RwSignal::new(Vec::new()),
        sandbox: RwSignal::new(Sandbox::new(now, seed)),
        dispatcher: RwSignal::new(Dispatcher::new(seed ^ 0x5eed)),
        notice: RwSignal::new(None),
        ready: RwSignal::new(false),
        db: StoredValue::new_local(None),
        channel: StoredValue::new_local(None),
    };
    provide_context(state);
    spawn_local(async move { state.load().await });
    state
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
                if let Err(e) = self.load_from(&db).await {
                    self.notice.set(Some(e.to_string()));
                }
                self.db.set_value(Some(Rc::new(db)));
                self.prune();
                self.listen_to_other_tabs();
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
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |_: MessageEvent| {
            spawn_local(async move {
                if let Some(db) = self.db.get_value() {
                    if let Err(e) = self.load_from(&db).await {
                        self.notice.set(Some(e.to_string()));
                    }
                }
            });
        });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The handler lives as long as the page.
        on_message.forget();
        self.channel.set_value(Some(channel));
    }

    async fn load_from(self, db: &Db) -> Result<(), StorageError> {
        let workflows = db.all::<Workflow>(Store::Workflows).await?;
        let mut runs = db.all::<Run>(Store::Runs).await?;
        let account = db.get::<AccountRecord>(Store::Objects, ACCOUNT_ID).await?;
        runs.items
            .sort_by(|a, b| b.started.cmp(&a.started).then(b.id.cmp(&a.id)));
        self.workflows.set(Workflows::from_stored(workflows.items));
        self.runs.set(runs.items);
        if let Some(record) = account {
            let account: Account = serde_json::from_str(&record.json)
                .map_err(|e| StorageError::Read(format!("the sandbox account: {e}")))?;
            self.sandbox.set(account.sandbox);
            self.dispatcher.set(account.dispatcher);
        }
        let skipped = workflows.skipped + runs.skipped;
        if skipped > 0 {
            self.notice.set(Some(format!(
                "{skipped} stored records could not be read and were left out"
            )));
        }
        Ok(())
    }

    /// Current sandbox time, Unix seconds.
    pub fn now(&self) -> i64 {
        self.sandbox.with_untracked(Sandbox::now)
    }

    /// Writes `writes` in one transaction, in the background; a failure shows in the page.
    fn persist(&self, writes: Writes) {
        let Some(db) = self.db.get_value() else {
            return;
        };
        let notice = self.notice;
        let channel = self.channel;
        spawn_local(async move {
            match db.commit(writes).await {
                Ok(()) => channel.with_value(|c| {
                    if let Some(c) = c {
                        let _ = c.post_message(&JsValue::from_str("changed"));
                    }
                }),
                Err(e) => notice.set(Some(e.to_string())),
            }
        });
    }

    fn put_account(&self, writes: &mut Writes) {
        let json = self.sandbox.with_untracked(|sandbox| {
            self.dispatcher.with_untracked(|dispatcher| {
                #[derive(Serialize)]
                struct AccountRef<'a> {
                    sandbox: &'a Sandbox,
                    dispatcher: &'a Dispatcher,
                }
                serde_json::to_string(&AccountRef {
                    sandbox,
                    dispatcher,
                })
            })
        });
        match json {
            Ok(json) => {
                let record = AccountRecord {
                    id: ACCOUNT_ID.to_owned(),
                    json,
                };
                self.record(writes.put(Store::Objects, &record));
            }
            Err(e) => self.notice.set(Some(format!(
                "the sandbox account could not be saved ({e}): it is kept in memory only"
            ))),
        }
    }

    fn put_workflow(&self, writes: &mut Writes, id: &str) {
        if let Some(w) = self.workflows.with_untracked(|all| all.get(id).cloned()) {
            self.record(writes.put(Store::Workflows, &w));
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
        self.runs.update(|runs| {
            runs.retain(|r| {
                let keep = r.workflow_id != id;
                if !keep {
                    writes.delete(Store::Runs, r.id.clone());
                }
                keep
            })
        });
        self.persist(writes);
        Ok(())
    }

    /// Runs a sandbox API action as the person using the page (not a workflow), then
    /// delivers the events it caused to the workflows. The response object.
    pub fn call(&self, action: &str, params: &Map<String, Value>) -> Result<Value, ApiError> {
        let result = self
            .sandbox
            .try_update(|sb| sb.call(action, params, None))
            .expect("the sandbox signal lives as long as the app");
        let events = self
            .sandbox
            .try_update(Sandbox::take_events)
            .unwrap_or_default();
        self.deliver(events);
        result
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

    /// Deletes the runs whose event is older than twice the rerun window (60 days of
    /// sandbox time): they can no longer be re-run, and history stays bounded.
    fn prune(&self) {
        // Twice the rerun window: a run just past it stays visible, so the person can see
        // why Rerun is refused before it is removed.
        let cutoff = self.now() - 2 * RERUN_WINDOW_SECONDS;
        let mut writes = Writes::new();
        self.runs.update(|runs| {
            runs.retain(|r| {
                let keep = r.event.created >= cutoff;
                if !keep {
                    writes.delete(Store::Runs, r.id.clone());
                }
                keep
            })
        });
        self.persist(writes);
    }

    /// Empties the sandbox account (objects, events, request logs, outbox); workflows and
    /// runs stay.
    pub fn reset_sandbox(&self) {
        self.sandbox.update(Sandbox::reset);
        let mut writes = Writes::new();
        self.put_account(&mut writes);
        self.persist(writes);
    }

    /// Deletes everything: workflows, runs and the sandbox account.
    pub fn reset_everything(&self) {
        self.sandbox.update(Sandbox::reset);
        self.workflows.set(Workflows::new());
        self.runs.set(Vec::new());
        let mut writes = Writes::new();
        for store in Store::ALL {
            writes.clear(store);
        }
        self.put_account(&mut writes);
        self.persist(writes);
    }

    /// Delivers events to the active workflows, cascades included, and stores the runs
    /// and the account in one transaction. The runs, in the order they ran.
    pub fn deliver(&self, events: Vec<Event>) -> Vec<Run> {
        let workflows: Vec<Workflow> = self.workflows.with_untracked(|all| {
            all.as_slice()
                .iter()
                .filter(|w| w.is_active())
                .cloned()
                .collect()
        });
        let mut out = Dispatch::default();
        if !workflows.is_empty() {
            self.dispatcher.update(|d| {
                self.sandbox.update(|sb| {
                    for event in &events {
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
        self.store_runs(&out.runs);
        out.runs
    }

    /// Re-runs `run_id` on its workflow as it is now; the new run's id.
    pub fn rerun(&self, run_id: &str) -> Result<String, String> {
        let original = self
            .runs
            .with_untracked(|runs| runs.iter().find(|r| r.id == run_id).cloned())
            .ok_or_else(|| format!("run {run_id} no longer exists"))?;
        let workflow = self.workflow(&original.workflow_id).ok_or_else(|| {
            "its workflow was deleted: a run can only be re-run on an existing workflow".to_owned()
        })?;
        let workflows: Vec<Workflow> = self.workflows.with_untracked(|all| {
            all.as_slice()
                .iter()
                .filter(|w| w.is_active())
                .cloned()
                .collect()
        });
        let result: Result<Dispatch, RerunError> = self
            .dispatcher
            .try_update(|d| {
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
        self.store_runs(&done.runs);
        Ok(id)
    }

    fn store_runs(&self, new_runs: &[Run]) {
        let mut writes = Writes::new();
        for run in new_runs {
            self.record(writes.put(Store::Runs, run));
        }
        if !new_runs.is_empty() {
            self.runs.update(|runs| {
                let mut fresh: Vec<Run> = new_runs.iter().rev().cloned().collect();
                fresh.append(runs);
                *runs = fresh;
            });
        }
        self.put_account(&mut writes);
        self.persist(writes);
    }
}
