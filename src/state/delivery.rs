//! A delivery: a change to the sandbox (a person's API call, a generated event, the clock,
//! a bulk send, a rerun) and the runs of the workflows that the events it caused start.
//!
//! Every such change takes one path ([`AppState::deliver_caused`]), as the account's one
//! writer (see [`super::writer`]). The events are stored first, marked pending, with what
//! the change did to the account; the engine then runs the workflows synchronously, and the
//! runs, the events no longer pending and the account after the runs are stored in a second
//! transaction. A delivery counts as delivered only once that second write is stored: when
//! storage refuses it, memory goes back to what is stored, the events stay pending and are
//! dispatched again later and at the next start-up.

use std::collections::VecDeque;

use futures::channel::oneshot;
use leptos::prelude::*;
use leptos::task::spawn_local;
use sandflow_engine::limits::MAX_BULK_EVENTS;
use sandflow_engine::sandbox::{ApiError, BulkOptions, GenerateError, Sandbox};
use sandflow_engine::{Dispatch, Event, RerunError, Run, RunStatus, Version};
use serde_json::{Map, Value};

use super::writer::sleep;
use super::{wall_clock_millis, AppState, Failed};
use crate::storage::{delivery_id, Change};

/// What storage kept of one delivery.
enum Saved {
    /// The events and their runs.
    All,
    /// The events (pending), not their runs: the message of the refused write.
    EventsOnly(String),
    /// Nothing: the message of the refused write.
    Nothing(String),
}

/// What a single generated event did.
#[derive(Clone, Debug, PartialEq)]
pub struct Sent {
    /// The event asked for.
    pub event: Event,
    /// The runs it (and its cascade) started, stored.
    pub runs: Vec<Run>,
}

/// A bulk send to make: event types taken in turn, how many, and the generator's options.
#[derive(Clone, Debug)]
pub struct BulkRequest {
    /// The types, the first chosen and the others mixed in, taken in turn.
    pub kinds: Vec<String>,
    /// How many events, 1 to [`MAX_BULK_EVENTS`].
    pub total: usize,
    /// Duplicates and out-of-order delivery (`count` is set per batch).
    pub options: BulkOptions,
}

/// Where a bulk send is. Every figure counts what is stored, not what was computed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Bulk {
    /// Events asked for.
    pub total: usize,
    /// Events generated so far.
    pub generated: usize,
    /// Events stored.
    pub delivered: usize,
    /// Runs stored.
    pub runs: usize,
    /// Stored runs that succeeded.
    pub succeeded: usize,
    /// Stored runs that failed.
    pub failed: usize,
    /// Events stored whose runs storage refused: they wait, pending, for a retry.
    pub waiting: usize,
    /// Wall-clock milliseconds since the send started.
    pub millis: f64,
    /// Still sending.
    pub running: bool,
    /// Ended before `total` (Stop, leaving the page, an error).
    pub stopped: bool,
    /// Why it ended early, if it did for a reason other than Stop.
    pub error: Option<String>,
}

/// Events generated and delivered between two pauses for the browser.
const BATCH: usize = 100;
/// Writes a chain takes before the next one opens (see `Change::open_chain`).
const CHAIN: u64 = 256;
/// How often a bulk send checks whether another change waits for the write lock.
const HOLD_MS: f64 = 250.0;

impl AppState {
    /// The one path of a delivery, for a writer holding the lock: applies `change` to the
    /// sandbox, dispatches the events it caused, and queues the two writes (IndexedDB runs
    /// them in the order they were created). The change's result, the runs as computed,
    /// and what storage kept once both writes are done.
    /// `caused` says which events the change caused: those it queued in the sandbox,
    /// or, for a bulk send, those it returned (shuffled and duplicated).
    fn deliver_caused<T>(
        self,
        change: impl FnOnce(&mut Sandbox) -> T,
        caused: impl FnOnce(&mut T, &mut Sandbox) -> Vec<Event>,
    ) -> (T, Vec<Run>, usize, oneshot::Receiver<Saved>) {
        let (out, events) = self
            .sandbox
            .try_update(|sb| {
                let mut out = change(sb);
                let events = caused(&mut out, sb);
                (out, events)
            })
            .expect("the sandbox signal lives as long as the app");
        let mut before = self.change();
        let id = delivery_id();
        self.record(before.put_delivery(id.clone(), &events, true));
        self.put_account(&mut before);
        let (runs, after) = self.dispatch_all(id, &events);
        let (tx, rx) = oneshot::channel();
        spawn_local(async move {
            let (first, second) =
                futures::future::join(self.write(before), self.write(after)).await;
            let saved = match (first, second) {
                (Ok(()), Ok(())) => Saved::All,
                (Ok(()), Err(e)) => Saved::EventsOnly(e.reason()),
                (Err(e), _) => Saved::Nothing(e.reason()),
            };
            let _ = tx.send(saved);
        });
        (out, runs, events.len(), rx)
    }

    /// [`Self::deliver_caused`], waiting for the writes: the change's result and the
    /// stored runs, or why it was not stored (memory is then back to what is stored).
    async fn deliver_and_store<T, E>(
        self,
        change: impl FnOnce(&mut Sandbox) -> T,
    ) -> Result<(T, Vec<Run>, usize), Failed<E>> {
        self.deliver_and_store_caused(change, |_, sb| sb.take_events())
            .await
    }

    /// [`Self::deliver_and_store`] where `caused` says which events to deliver.
    async fn deliver_and_store_caused<T, E>(
        self,
        change: impl FnOnce(&mut Sandbox) -> T,
        caused: impl FnOnce(&mut T, &mut Sandbox) -> Vec<Event>,
    ) -> Result<(T, Vec<Run>, usize), Failed<E>> {
        let (out, runs, events, saved) = self.deliver_caused(change, caused);
        match saved
            .await
            .unwrap_or(Saved::Nothing("the write was dropped".into()))
        {
            Saved::All => {
                self.note_runs(&runs);
                Ok((out, runs, events))
            }
            Saved::Nothing(why) => {
                self.roll_back().await;
                Err(Failed::NotSaved(trf!(
                    "storage refused the write ({why}). Nothing was changed: free some disk space, then try again",
                    why = why
                )))
            }
            Saved::EventsOnly(why) => {
                self.roll_back().await;
                let runs = trn!(
                    runs.len(),
                    "its workflow run",
                    "its {n} workflow runs",
                    n = runs.len()
                );
                Err(Failed::Waiting(trf!(
                    "Saved, but {runs} could not be saved yet ({why}): the event waits, and Sandflow runs it again by itself once storage has room (every 30 seconds, and at the next start).",
                    runs = runs,
                    why = why
                )))
            }
        }
    }

    /// Delivers events made elsewhere (generated by a test, later imported from Stripe) to
    /// the workflows, as the one writer; the runs they started, stored.
    pub async fn deliver_events(self, events: Vec<Event>) -> Result<Vec<Run>, Failed<String>> {
        self.exclusive(move || async move {
            let ((), runs, _) = self
                .deliver_and_store_caused(|_| (), move |_, _| events)
                .await?;
            Ok(runs)
        })
        .await
    }

    /// Takes events imported from a Stripe account into the sandbox (their objects become
    /// the sandbox's, see `Sandbox::take_in`) and delivers them to the workflows, as
    /// generated ones are; how many were taken (those already there are left out) and how
    /// many runs they started.
    pub async fn take_in_events(
        self,
        events: Vec<Event>,
    ) -> Result<(usize, usize), Failed<String>> {
        self.exclusive(move || async move {
            let (taken, runs, _) = self.deliver_and_store(move |sb| sb.take_in(events)).await?;
            let taken = taken.map_err(|e| Failed::Refused(e.to_string()))?;
            Ok((taken.len(), runs.len()))
        })
        .await
    }

    /// Runs a sandbox API action as the person using the page (not a workflow), then
    /// delivers the events it caused to the workflows. The response object and how many
    /// runs the events started.
    pub async fn call(
        self,
        action: String,
        params: Map<String, Value>,
    ) -> Result<(Value, usize), Failed<ApiError>> {
        self.exclusive(move || async move {
            let (result, runs, _) = self
                .deliver_and_store(|sb| sb.call(&action, &params, None))
                .await?;
            result
                .map(|value| (value, runs.len()))
                .map_err(Failed::Refused)
        })
        .await
    }

    /// Generates one event of `kind` (with `overrides` on its object) and delivers every
    /// event the scenario caused; the generated event and the runs it started.
    pub async fn generate(
        self,
        kind: String,
        overrides: Map<String, Value>,
    ) -> Result<Sent, Failed<GenerateError>> {
        self.exclusive(move || async move {
            let (event, runs, _) = self
                .deliver_and_store(|sb| sb.generate_event(&kind, &overrides))
                .await?;
            let event = event.map_err(Failed::Refused)?;
            Ok(Sent { event, runs })
        })
        .await
    }

    /// Moves sandbox time forward and delivers the events that causes; how many.
    pub async fn advance_clock(self, seconds: i64) -> Result<usize, Failed<String>> {
        self.exclusive(move || async move {
            let (_, _, count) = self.deliver_and_store(|sb| sb.advance(seconds)).await?;
            self.prune_now().await;
            Ok(count)
        })
        .await
    }

    /// Sends `request.total` generated events in batches, holding the write lock but
    /// letting it go (every quarter of a second at most) when another change waits for it,
    /// and pausing for the browser between batches so the page keeps drawing. `progress` is told after each
    /// batch is stored; `stop` ends the send between two batches. Ends at the first refused
    /// write: what was stored is counted, what waits is said.
    pub async fn send_bulk(
        self,
        request: BulkRequest,
        progress: impl Fn(&Bulk) + 'static,
        stop: impl Fn() -> bool + 'static,
    ) -> Bulk {
        let started = js_sys::Date::now();
        let total = request.total;
        let mut bulk = Bulk {
            total,
            running: true,
            ..Bulk::default()
        };
        if !(1..=MAX_BULK_EVENTS).contains(&total) || request.kinds.is_empty() {
            bulk.running = false;
            bulk.stopped = true;
            bulk.error = Some(trf!(
                "Enter a number of events from 1 to {max}.",
                max = MAX_BULK_EVENTS
            ));
            return bulk;
        }
        let shared = std::rc::Rc::new(std::cell::RefCell::new(bulk));
        let progress = std::rc::Rc::new(progress);
        let stop = std::rc::Rc::new(stop);
        let request = std::rc::Rc::new(request);
        loop {
            let done = {
                let b = shared.borrow();
                b.generated >= total || b.error.is_some()
            };
            if done || stop() {
                break;
            }
            let (shared2, progress2, stop2, request2) = (
                shared.clone(),
                progress.clone(),
                stop.clone(),
                request.clone(),
            );
            let held: Result<(), Failed<String>> = self
                .exclusive(move || async move {
                    self.bulk_hold(&request2, &shared2, &*progress2, &*stop2, started)
                        .await;
                    Ok(())
                })
                .await;
            if let Err(e) = held {
                shared.borrow_mut().error = Some(e.to_string());
            }
            // Let a change waiting in another tab take the lock.
            sleep(0).await;
        }
        let mut bulk = shared.borrow().clone();
        bulk.running = false;
        bulk.stopped = bulk.generated < total || bulk.error.is_some();
        bulk.millis = js_sys::Date::now() - started;
        progress(&bulk);
        bulk
    }

    /// One hold of the write lock during a bulk send: batches until done, stopped, refused,
    /// or another change waits (checked every [`HOLD_MS`]), at most two being written while
    /// the next is made, all of them stored before the lock is let go.
    async fn bulk_hold(
        self,
        request: &BulkRequest,
        shared: &std::cell::RefCell<Bulk>,
        progress: &dyn Fn(&Bulk),
        stop: &dyn Fn() -> bool,
        started: f64,
    ) {
        let mut hold_started = js_sys::Date::now();
        let total = request.total;
        let kinds = &request.kinds;
        let mut in_flight: VecDeque<(usize, Vec<Run>, oneshot::Receiver<Saved>)> = VecDeque::new();
        let mut refused = None;
        loop {
            let generated = shared.borrow().generated;
            if generated >= total || stop() || refused.is_some() {
                break;
            }
            // Each batch is two writes; a new chain starts once every write of the last
            // one is stored.
            if self.chain_left() < 2 {
                while let Some(next) = in_flight.pop_front() {
                    if let Some(why) = self.tally(shared, Some(next)).await {
                        refused.get_or_insert(why);
                    }
                }
                if refused.is_some() {
                    break;
                }
                if let Err(e) = self.open_chain(CHAIN).await {
                    refused = Some(e.to_string());
                    break;
                }
            }
            let n = BATCH.min(total - generated);
            let options = BulkOptions {
                count: n,
                ..request.options
            };
            // The types in turn across batches, not restarting at the first each time.
            let turn: Vec<&str> = (0..kinds.len())
                .map(|j| kinds[(generated + j) % kinds.len()].as_str())
                .collect();
            let (result, runs, count, saved) = self.deliver_caused(
                |sb| sb.generate_bulk(&turn, &options),
                |generated, _| generated.as_mut().map(std::mem::take).unwrap_or_default(),
            );
            if let Err(e) = result {
                shared.borrow_mut().error = Some(e.to_string());
                in_flight.push_back((count, runs, saved));
                break;
            }
            in_flight.push_back((count, runs, saved));
            shared.borrow_mut().generated += n;
            while in_flight.len() > 2 {
                if let Some(why) = self.tally(shared, in_flight.pop_front()).await {
                    refused.get_or_insert(why);
                }
            }
            {
                let mut b = shared.borrow_mut();
                b.millis = js_sys::Date::now() - started;
            }
            progress(&shared.borrow());
            sleep(0).await;
            if js_sys::Date::now() - hold_started > HOLD_MS {
                // Let go only for a change that waits (another tab's, or a catch-up).
                if self.write_lock_wanted().await {
                    break;
                }
                hold_started = js_sys::Date::now();
            }
        }
        // Done means stored.
        while let Some(next) = in_flight.pop_front() {
            if let Some(why) = self.tally(shared, Some(next)).await {
                refused.get_or_insert(why);
            }
        }
        self.close_chain();
        if let Some(why) = refused {
            self.roll_back().await;
            let mut b = shared.borrow_mut();
            b.waiting = self.waiting.get_untracked();
            b.error = Some(trf!(
                "storage refused a write ({why}): {delivered} events and {runs} runs are stored; {waiting} events wait for their runs and run again by themselves when storage has room. Free some disk space, then send the rest.",
                why = why,
                delivered = b.delivered,
                runs = b.runs,
                waiting = b.waiting
            ));
        }
        progress(&shared.borrow());
    }

    /// Counts what storage kept of one batch of a bulk send; why it refused, if it did.
    async fn tally(
        self,
        shared: &std::cell::RefCell<Bulk>,
        batch: Option<(usize, Vec<Run>, oneshot::Receiver<Saved>)>,
    ) -> Option<String> {
        let (count, runs, saved) = batch?;
        match saved
            .await
            .unwrap_or(Saved::Nothing("the write was dropped".into()))
        {
            Saved::All => {
                self.note_runs(&runs);
                let mut b = shared.borrow_mut();
                b.delivered += count;
                b.runs += runs.len();
                b.succeeded += runs
                    .iter()
                    .filter(|r| r.status == RunStatus::Succeeded)
                    .count();
                b.failed += runs
                    .iter()
                    .filter(|r| r.status == RunStatus::Failed)
                    .count();
                None
            }
            Saved::EventsOnly(why) => {
                shared.borrow_mut().delivered += count;
                Some(why)
            }
            Saved::Nothing(why) => Some(why),
        }
    }

    /// Dispatches `events` (the delivery `id`) in order; the runs and what to write for
    /// them (the runs, the events no longer pending, the cascade's events, the account).
    pub(super) fn dispatch_all(&self, id: String, events: &[Event]) -> (Vec<Run>, Change) {
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
        let mut change = self.change();
        for (id, batch) in [(id, events), (delivery_id(), &out.events)] {
            self.record(change.put_delivery(id, batch, false));
        }
        self.record(change.put_runs(&out.runs));
        self.put_account(&mut change);
        (out.runs, change)
    }

    /// Re-runs `run_id` on its workflow as it is now (the live version), or on its
    /// published version `on_version` (to reproduce what an older version did); the new
    /// run's id.
    pub async fn rerun(
        self,
        run_id: String,
        on_version: Option<u32>,
    ) -> Result<String, Failed<String>> {
        self.exclusive(move || async move {
            let original = self
                .run(run_id.clone())
                .await
                .map_err(|e| Failed::Refused(e.to_string()))?
                .ok_or_else(|| Failed::Refused(trf!("run {run} no longer exists", run = run_id)))?;
            let mut workflow = self.workflow(&original.workflow_id).ok_or_else(|| {
                Failed::Refused(
                    tr!("its workflow was deleted: a run can only be re-run on an existing workflow")
                        .to_owned(),
                )
            })?;
            if let Some(number) = on_version.filter(|n| *n != workflow.version) {
                let version = self
                    .version(workflow.id.clone(), number)
                    .await
                    .map_err(|e| Failed::Refused(e.to_string()))?
                    .ok_or_else(|| {
                        Failed::Refused(format!("{} is not stored", Version::label(number)))
                    })?;
                // The version's steps, on the workflow as it is (active or not).
                let status = workflow.status;
                workflow = version.definition;
                workflow.status = status;
            }
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
            let done = result.map_err(|e| Failed::Refused(e.to_string()))?;
            let id = done
                .runs
                .first()
                .map(|r| r.id.clone())
                .ok_or_else(|| Failed::Refused(tr!("the rerun started no run").to_owned()))?;
            let mut change = self.change();
            self.record(change.put_delivery(delivery_id(), &done.events, false));
            self.record(change.put_runs(&done.runs));
            self.put_account(&mut change);
            if let Err(e) = self.write(change).await {
                self.roll_back().await;
                return Err(Failed::NotSaved(format!(
                    "{e}. The rerun was not kept: free some disk space, then try again"
                )));
            }
            self.note_runs(&done.runs);
            Ok(id)
        })
        .await
    }
}

impl Failed<ApiError> {
    /// The refusal as the sandbox API's error shape, for forms that show errors by
    /// parameter: the API's own error, or one with no parameter saying why nothing was
    /// stored.
    pub fn into_api_error(self) -> ApiError {
        match self {
            Failed::Refused(e) => e,
            other => ApiError {
                kind: "api_error".to_owned(),
                code: None,
                message: other.to_string(),
                param: None,
                status: 500,
            },
        }
    }
}
