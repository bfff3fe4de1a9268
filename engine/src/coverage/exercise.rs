//! Exercising a draft: events generated for its trigger type, and running events through
//! it with no side effects.
//!
//! [`generate_events`] makes events with the sandbox's own generator, in a copy of the
//! account (each event's objects really exist there, as `stripe trigger` makes them);
//! [`cover`] runs events through the draft alone, made active, in one copy of an account,
//! in order, as a replay does, and tallies what the runs reached. A run that fails is kept
//! with the event, the failing step, its error and the objects the run read, so it can be
//! saved as a test.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::tally::Coverage;
use crate::event::Event;
use crate::execute::Dispatcher;
use crate::limits::MAX_BULK_EVENTS;
use crate::replay::collect_ids;
use crate::run::Run;
use crate::sandbox::{GenerateError, Sandbox, Seed};
use crate::workflow::{Status, Workflow};

/// How many events Coverage generates unless told otherwise.
pub const DEFAULT_GENERATED_EVENTS: usize = 500;

/// Why coverage could not be computed or searched.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CoverageError {
    /// The draft has no trigger, so there is no event type to try it with.
    #[error("the workflow has no trigger: add a trigger to measure its coverage")]
    NoTrigger,
    /// More events were asked for than one coverage run makes.
    #[error("{count} events were asked for; coverage generates at most {limit}: ask for fewer")]
    TooManyEvents {
        /// Asked for.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// The point searched for is not in the workflow (it was edited since).
    #[error("the workflow has no such step or branch any more: measure its coverage again")]
    NoSuchPoint,
    /// The generator could not make an event of the trigger type.
    #[error(transparent)]
    Generate(#[from] GenerateError),
}

/// Events generated for a workflow, and the copy of the account they were generated in
/// (their objects exist there, not in the account given).
#[derive(Clone, Debug)]
pub struct Generated {
    /// The events of the trigger type, in the order they were generated.
    pub events: Vec<Event>,
    /// The copy, as the generation left it: run the events against it.
    pub account: Sandbox,
}

/// A run that failed, worth saving as a test.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FailedRun {
    /// The event that started it.
    pub event: Event,
    /// The step that failed; `None` when a budget stopped the run.
    pub step_id: Option<String>,
    /// The error, as the run shows it.
    pub error: String,
    /// The objects the run read: those the event names, as they were before the run,
    /// then those the steps read or returned that the event does not name, as the run
    /// left them. What a test needs seeded to replay the run.
    pub objects: Vec<Value>,
    /// The run itself.
    pub run: Run,
}

/// What running events through a draft found.
#[derive(Clone, Debug, PartialEq)]
pub struct Exercise {
    /// What the runs reached.
    pub coverage: Coverage,
    /// The runs that failed, in the order of their events.
    pub failures: Vec<FailedRun>,
}

/// Generates `count` events of `workflow`'s trigger type with the generator of a copy of
/// `sandbox`, reseeded with `seed`. At most [`MAX_BULK_EVENTS`].
pub fn generate_events(
    workflow: &Workflow,
    sandbox: &Sandbox,
    count: usize,
    seed: u64,
) -> Result<Generated, CoverageError> {
    let kind = workflow.event_type().ok_or(CoverageError::NoTrigger)?;
    if count > MAX_BULK_EVENTS {
        return Err(CoverageError::TooManyEvents {
            count,
            limit: MAX_BULK_EVENTS,
        });
    }
    let mut account = sandbox.clone();
    account.reseed(Seed(seed));
    let none = Map::new();
    let mut events = Vec::with_capacity(count);
    for _ in 0..count {
        events.push(account.generate_event(kind, &none)?);
        // The scenario's other events are not delivered: only the trigger type is tried.
        account.take_events();
    }
    Ok(Generated { events, account })
}

/// Runs `events`, in order, through `workflow` alone (as if active) in one copy of
/// `account`, and tallies what the runs reached; the runs' ids come from `seed`. Events of
/// another type than the trigger's, and an event whose id came earlier, are left out of
/// the tally. Nothing outside changes.
pub fn cover(workflow: &Workflow, account: &Sandbox, events: &[Event], seed: u64) -> Exercise {
    let mut copy = account.clone();
    let mut trial = Trial::new(workflow, seed);
    let mut coverage = Coverage::new(workflow);
    let mut failures = Vec::new();
    let mut seen = BTreeSet::new();
    for event in events {
        // An event given twice runs once, as delivery does: counting its second delivery
        // as "filtered" would be wrong.
        if Some(event.kind.as_str()) != workflow.event_type() || !seen.insert(event.id.as_str()) {
            continue;
        }
        let before = named_objects(&copy, event);
        let run = trial.run(event, &mut copy);
        coverage.add(run.as_ref());
        if let Some(run) = run.filter(|r| r.failure.is_some()) {
            let objects = objects_read(before, &copy, event, &run);
            failures.push(FailedRun {
                event: event.clone(),
                step_id: run.failed_step().map(|s| s.step_id.clone()),
                error: run.error().unwrap_or_default(),
                objects,
                run,
            });
        }
    }
    Exercise { coverage, failures }
}

/// Runs events through one definition alone, made active, with its own seeded dispatcher.
pub(crate) struct Trial {
    definition: Workflow,
    status: Status,
    dispatcher: Dispatcher,
}

impl Trial {
    pub(crate) fn new(workflow: &Workflow, seed: u64) -> Self {
        let mut definition = workflow.clone();
        definition.status = Status::Active;
        Self {
            definition,
            status: workflow.status,
            dispatcher: Dispatcher::new(seed),
        }
    }

    /// The run `event` starts in `account` (cascades run too but are not returned);
    /// `None` when the trigger does not match.
    pub(crate) fn run(&mut self, event: &Event, account: &mut Sandbox) -> Option<Run> {
        let out = self
            .dispatcher
            .dispatch(std::slice::from_ref(&self.definition), event, account);
        let mut run = out
            .runs
            .into_iter()
            .next()
            .filter(|r| r.caused_by.is_none())?;
        run.workflow.status = self.status;
        Some(run)
    }
}

/// The objects `event` names, as `account` holds them now.
pub(crate) fn named_objects(account: &Sandbox, event: &Event) -> Vec<(String, Value)> {
    let mut ids = Vec::new();
    collect_ids(event.object(), &mut ids);
    let mut seen = BTreeSet::new();
    ids.into_iter()
        .filter(|id| seen.insert(id.clone()))
        .filter_map(|id| {
            let object = account.object(&id)?.clone();
            Some((id, object))
        })
        .collect()
}

/// `before` (the objects the event names, before the run), then the objects `run`'s steps
/// read or returned that are not among them, as `after` holds them.
pub(crate) fn objects_read(
    before: Vec<(String, Value)>,
    after: &Sandbox,
    event: &Event,
    run: &Run,
) -> Vec<Value> {
    let mut ids = Vec::new();
    for record in &run.steps {
        collect_ids(&record.input, &mut ids);
        if let Some(id) = record.output.get("id") {
            collect_ids(id, &mut ids);
        }
    }
    let mut seen: BTreeSet<String> = before.iter().map(|(id, _)| id.clone()).collect();
    seen.insert(event.id.clone());
    let mut out: Vec<Value> = before.into_iter().map(|(_, o)| o).collect();
    for id in ids {
        if seen.insert(id.clone()) {
            if let Some(object) = after.object(&id) {
                out.push(object.clone());
            }
        }
    }
    out
}
