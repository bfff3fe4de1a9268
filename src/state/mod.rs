//! The app state: the workflows and the sandbox account, held in signals and provided as
//! context, and what the workflows list shows of the runs.
//!
//! Every decision (limits, validation, matching, execution) is the engine's; the operations
//! that change the state live one concept to a file: [`writer`] (one writer across tabs, the
//! write sequence, catching up, retries), [`delivery`] (a change to the sandbox and the runs
//! it causes, single and bulk), [`workflows`], [`retention`] (pruning and resets) and
//! [`load`] (start-up and recovery). Runs are not held in memory: pages read them from
//! storage a page at a time ([`runs`]). What is stored, and how, is `storage`'s: the state
//! reads and writes through its one interface, [`Storage`], which is IndexedDB or, when the
//! browser refuses it, memory (the page then says so).

mod delivery;
mod history;
mod load;
mod locks;
pub mod on_demand;
mod retention;
mod runs;
mod tests;
mod workflows;
mod writer;

use std::collections::HashMap;
use std::fmt;

use leptos::prelude::*;
use leptos::task::spawn_local;
use sandflow_engine::sandbox::Sandbox;
use sandflow_engine::{Dispatcher, Email, Ids, Run, RunStatus, Workflow, Workflows};
use serde::{Deserialize, Serialize};
use web_sys::BroadcastChannel;

use crate::i18n::errors::Worded;
use crate::storage::{Change, Storage, StorageError};

pub use crate::storage::{status_name, EventFilter, Hint, LogFilter, Older, RunFilter};
pub use delivery::{Bulk, BulkRequest, Sent};
pub use workflows::ImportRefused;
pub(crate) use writer::sleep;

/// The name of the app's IndexedDB database.
pub const DB_NAME: &str = "sandflow";

/// Why a change asked for was not made, or not stored.
#[derive(Clone, Debug, PartialEq)]
pub enum Failed<E> {
    /// The engine refused it (limits, validation, Stripe's rules): nothing changed.
    Refused(E),
    /// Start-up has not finished reading what is stored: nothing changed.
    Loading,
    /// The stored account could not be read, so nothing is written over it.
    Damaged(String),
    /// Storage refused the write: nothing was kept.
    NotSaved(String),
    /// The change was stored, its workflow runs not yet: they wait and are retried.
    Waiting(String),
    /// The change's code (a part of the wasm fetched on first use) could not be fetched:
    /// nothing changed.
    NotFetched,
}

/// A part of the wasm that could not be fetched (`src/parts.rs`, `on_demand`).
pub type NotFetched = wasm_split_helpers::SplitLoaderError;

impl<E> From<NotFetched> for Failed<E> {
    fn from(_: NotFetched) -> Self {
        Failed::NotFetched
    }
}

impl<E: Worded> fmt::Display for Failed<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failed::Refused(e) => f.write_str(&e.worded()),
            Failed::Loading => f.write_str(tr!(
                "Sandflow is still loading your data: wait until the page has loaded, then try again"
            )),
            Failed::Damaged(why) => f.write_str(&trf!(
                "nothing was changed, to protect stored data that could not be read ({why}): export your workflows, then use Reset sandbox",
                why = why
            )),
            Failed::NotSaved(why) => f.write_str(&trf!("not saved: {why}", why = why)),
            Failed::Waiting(what) => f.write_str(what),
            Failed::NotFetched => f.write_str(tr!(
                "its code could not be fetched (no network?). Nothing was changed: check your connection, then try again"
            )),
        }
    }
}

impl<E: Worded> Failed<E> {
    /// The same failure with its refusal worded now, in the interface's language (what a
    /// lazily loaded change returns, so its wording is fetched with it: `on_demand`).
    pub fn worded(self) -> Failed<String> {
        match self {
            Failed::Refused(e) => Failed::Refused(e.worded()),
            Failed::Loading => Failed::Loading,
            Failed::Damaged(why) => Failed::Damaged(why),
            Failed::NotSaved(why) => Failed::NotSaved(why),
            Failed::Waiting(what) => Failed::Waiting(what),
            Failed::NotFetched => Failed::NotFetched,
        }
    }
}

impl<E> From<StorageError> for Failed<E> {
    fn from(e: StorageError) -> Self {
        Failed::NotSaved(e.to_string())
    }
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
    /// Events stored whose runs are not stored yet (a refused write): retried.
    pub waiting: RwSignal<usize>,
    /// False until the stored state has been loaded: nothing changes before.
    pub ready: RwSignal<bool>,
    /// Where the data is kept: chosen once at start-up (memory until then, when nothing
    /// may change).
    storage: StoredValue<Storage, LocalStorage>,
    channel: StoredValue<Option<BroadcastChannel>, LocalStorage>,
    /// The write sequence this tab's memory is at (see [`writer`]); `None` when memory may
    /// hold what storage does not (a write failed), so the next change reads it all again.
    seq: StoredValue<Option<u64>>,
    /// During a bulk send, the open chain of writes (see [`writer`]): the next link and the
    /// last.
    chain: StoredValue<Option<(u64, u64)>>,
    /// Why the stored account could not be read, if it could not: then nothing is written
    /// over it until a reset.
    damaged: StoredValue<Option<String>>,
    /// Whether a retry of waiting deliveries is scheduled.
    retrying: StoredValue<bool>,
    /// Ids for the editor (steps), from a generator of this tab's own: drawing them changes
    /// nothing stored.
    editor_ids: StoredValue<Ids>,
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
        waiting: RwSignal::new(0),
        ready: RwSignal::new(false),
        storage: StoredValue::new_local(Storage::memory()),
        channel: StoredValue::new_local(None),
        seq: StoredValue::new(None),
        chain: StoredValue::new(None),
        damaged: StoredValue::new(None),
        retrying: StoredValue::new(false),
        editor_ids: StoredValue::new(Ids::new(seed.rotate_left(17) ^ 0xed17)),
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
    /// Current sandbox time, Unix seconds.
    pub fn now(&self) -> i64 {
        self.sandbox.with_untracked(Sandbox::now)
    }

    /// The workflow with this id, if it exists.
    pub fn workflow(&self, id: &str) -> Option<Workflow> {
        self.workflows.with(|all| all.get(id).cloned())
    }

    /// A fresh id for the editor (new and duplicated steps). Step ids only need to be
    /// unique within their workflow; they come from this tab's own generator, so drawing
    /// one never touches the account's.
    pub fn next_id(&self, prefix: &str) -> String {
        self.editor_ids
            .try_update_value(|ids| ids.next(prefix))
            .unwrap_or_default()
    }

    /// Runs `f` with the editor's id generator (see [`Self::next_id`]).
    pub fn with_editor_ids<T>(&self, f: impl FnOnce(&mut Ids) -> T) -> Option<T> {
        self.editor_ids.try_update_value(f)
    }

    /// Where the data is kept.
    fn storage(&self) -> Storage {
        self.storage.get_value()
    }

    /// A change to build and then write (see [`writer`]).
    fn change(&self) -> Change {
        self.storage.with_value(Storage::change)
    }

    fn record(&self, result: Result<(), StorageError>) {
        if let Err(e) = result {
            self.notice.set(Some(e.to_string()));
        }
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

    /// Adds the account as it is now to `change` (see [`Change::put_account`]).
    fn put_account(&self, change: &mut Change) {
        let result = self
            .sandbox
            .try_update_untracked(|sb| {
                self.dispatcher
                    .with_untracked(|dispatcher| change.put_account(sb, dispatcher))
            })
            .unwrap_or(Ok(()));
        self.record(result);
    }

    /// Keeps the workflows list's figures current after `new_runs` ran (and were stored),
    /// and tells readers of runs to refetch.
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
        self.runs_revision.update(|r| *r += 1);
    }
}
