//! The search for an event that reaches a point no run reached.
//!
//! The conditions on the way to the point are analysed first (see `reach`): when they
//! cannot all hold, the answer is [`Search::Unreachable`] with the conditions that
//! conflict. Otherwise each attempt generates an event of the trigger type, in the
//! search's own copy of the account, with values aimed at those conditions: fields of the
//! event's object are set as generator overrides; fields of a step's output are set on the
//! object that step returns (found by a first run in a scratch copy), so that the step
//! reads them. The attempt then runs for real and counts only when the run reaches the
//! point. Attempts run one after another in that one copy (an attempt's effects stay
//! there; the next event brings its own objects), so an attempt copies the account only
//! when a step's output is aimed at. Combinations of aimed values come first, the most
//! natural first (the thresholds themselves, usual currencies); then plain generated
//! events, until the budget of runs is spent.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::exercise::{named_objects, objects_read, CoverageError, Trial};
use super::reach::{analyse, placement, Contradiction, Goal};
use super::tally::{run_reaches, Point};
use crate::event::Event;
use crate::reference::{Reference, Root};
use crate::run::Run;
use crate::sandbox::{Sandbox, Seed};
use crate::workflow::{Arm, Step, Workflow};

/// How many runs a search tries unless told otherwise.
pub const DEFAULT_SEARCH_BUDGET: usize = 200;

/// What a search found.
#[derive(Clone, Debug)]
pub enum Search {
    /// An event that reaches the point, ready to be saved as a test.
    Found(Box<Example>),
    /// No event can reach the point: these conditions on the way contradict each other.
    Unreachable(Contradiction),
    /// The budget ran out first (the point may still be reachable).
    NotFound {
        /// Runs tried.
        tried: usize,
    },
}

/// An event that reaches a point, with what a test needs to replay it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Example {
    /// The event (its object carries the values aimed at the conditions).
    pub event: Event,
    /// The objects the run read: those the event names, as they were before the run, then
    /// those its steps read or returned that the event does not name, as the run left
    /// them.
    pub objects: Vec<Value>,
    /// The search's copy of the account, as the run left it: save the test from it
    /// ([`TestCase::from_outcome`](crate::TestCase::from_outcome) with `event`, `run` and
    /// this account), which starts from the objects as the search set them (they read so
    /// in the events that carry them too).
    #[serde(skip)]
    pub account: Sandbox,
    /// The run that reached the point; `None` when the point is the trigger conditions
    /// filtering the event out.
    pub run: Option<Run>,
    /// Which attempt found it (1 for the first).
    pub attempt: usize,
}

/// Searches for an event of `workflow`'s trigger type that reaches `target`, trying at
/// most `budget` runs in copies of `sandbox`; events and runs come from `seed`.
pub fn search(
    workflow: &Workflow,
    sandbox: &Sandbox,
    target: &Point,
    seed: u64,
    budget: usize,
) -> Result<Search, CoverageError> {
    let kind = workflow.event_type().ok_or(CoverageError::NoTrigger)?;
    let goals = goals_to(workflow, target)?;
    let analysis = analyse(workflow, &goals);
    if let Some(contradiction) = analysis.contradiction.clone() {
        return Ok(Search::Unreachable(contradiction));
    }
    let mut base = sandbox.clone();
    base.reseed(Seed(seed));
    let aimed = analysis.solution_count();
    for attempt in 0..budget {
        let values = if attempt < aimed {
            analysis.values(attempt)
        } else {
            Vec::new()
        };
        let aim = Aim::new(&values);
        let Ok(mut event) = base.generate_event(kind, &aim.object) else {
            base.take_events();
            continue;
        };
        base.take_events();
        if let Some(previous) = &aim.previous {
            let target = event
                .data
                .previous_attributes
                .get_or_insert_with(|| Value::Object(Map::new()));
            for (path, value) in previous {
                crate::sandbox::set_path(target, path, value.clone());
            }
        }
        if !aim.steps.is_empty() {
            let mut probe = base.clone();
            if let Some(run) = Trial::new(workflow, seed).run(&event, &mut probe) {
                for (step_id, fields) in &aim.steps {
                    let id = run
                        .step(step_id)
                        .and_then(|r| r.output.get("id"))
                        .and_then(Value::as_str);
                    if let Some(id) = id {
                        base.override_object(id, fields);
                    }
                }
            }
        }
        // The attempt runs in the search's copy itself: a failed attempt's effects are
        // harmless there (the next event brings its own objects), and no copy per attempt
        // keeps the search's cost apart from the account's size.
        let before = named_objects(&base, &event);
        let run = Trial::new(workflow, seed).run(&event, &mut base);
        let reached = match (&run, target) {
            (None, Point::Trigger { holds: false }) => true,
            (Some(run), _) => run_reaches(run, target),
            (None, _) => false,
        };
        if reached {
            let objects = match &run {
                Some(run) => objects_read(before, &base, &event, run),
                None => before.into_iter().map(|(_, o)| o).collect(),
            };
            return Ok(Search::Found(Box::new(Example {
                event,
                objects,
                account: base,
                run,
                attempt: attempt + 1,
            })));
        }
    }
    Ok(Search::NotFound { tried: budget })
}

/// Values to set for one attempt, by where they go.
struct Aim {
    /// Generator overrides of the event's object.
    object: Map<String, Value>,
    /// Fields of the event's previous attributes.
    previous: Option<Map<String, Value>>,
    /// Fields of the object each step returns, by step.
    steps: Vec<(String, Map<String, Value>)>,
}

impl Aim {
    fn new(values: &[(&Reference, Option<&Value>)]) -> Self {
        let mut aim = Aim {
            object: Map::new(),
            previous: None,
            steps: Vec::new(),
        };
        for (reference, value) in values {
            // A missing field is set to null, which conditions read the same way.
            let value = value.cloned().unwrap_or(Value::Null);
            let keys: Vec<&str> = reference.path.keys().collect();
            match &reference.root {
                Root::Trigger => match keys.as_slice() {
                    ["data", "object", rest @ ..] if !rest.is_empty() => {
                        let (path, v) = placement(rest, &value);
                        aim.object.insert(path, v);
                    }
                    ["data", "previous_attributes", rest @ ..] if !rest.is_empty() => {
                        let (path, v) = placement(rest, &value);
                        aim.previous.get_or_insert_with(Map::new).insert(path, v);
                    }
                    _ => {}
                },
                Root::Step(id) if !keys.is_empty() => {
                    let (path, v) = placement(&keys, &value);
                    match aim.steps.iter_mut().find(|(s, _)| s == id) {
                        Some((_, fields)) => {
                            fields.insert(path, v);
                        }
                        None => aim.steps.push((id.clone(), Map::from_iter([(path, v)]))),
                    }
                }
                Root::Step(_) => {}
            }
        }
        aim
    }
}

/// The conditions on the way to `target`, each with the side it must take.
pub(crate) fn goals_to<'w>(
    workflow: &'w Workflow,
    target: &Point,
) -> Result<Vec<Goal<'w>>, CoverageError> {
    let trigger = workflow.trigger.as_ref().ok_or(CoverageError::NoTrigger)?;
    let mut goals = Vec::new();
    let wants_run = !matches!(target, Point::Trigger { holds: false });
    match &trigger.condition {
        Some(condition) => goals.push(Goal {
            condition,
            holds: wants_run,
            at: Point::Trigger { holds: wants_run },
        }),
        // Without trigger conditions, the trigger has no sides to reach.
        None if matches!(target, Point::Trigger { .. }) => return Err(CoverageError::NoSuchPoint),
        None => {}
    }
    let step_id = match target {
        Point::Trigger { .. } => return Ok(goals),
        Point::Step { step_id } | Point::Branch { step_id, .. } => step_id,
    };
    let mut way = Vec::new();
    if !enclosing(&workflow.steps, step_id, &mut way) {
        return Err(CoverageError::NoSuchPoint);
    }
    if let Point::Branch { arm, .. } = target {
        match workflow.step(step_id) {
            Some(step @ Step::Branch { .. }) => way.push((step, *arm)),
            _ => return Err(CoverageError::NoSuchPoint),
        }
    }
    for (step, arm) in way {
        if let Step::Branch { id, condition, .. } = step {
            goals.push(Goal {
                condition,
                holds: arm == Arm::Then,
                at: Point::Branch {
                    step_id: id.clone(),
                    arm,
                },
            });
        }
    }
    Ok(goals)
}

/// Pushes onto `way` the condition steps (and sides) around the step `id`, outermost
/// first; false when no step has that id.
fn enclosing<'w>(steps: &'w [Step], id: &str, way: &mut Vec<(&'w Step, Arm)>) -> bool {
    for step in steps {
        if step.id() == id {
            return true;
        }
        for arm in [Arm::Then, Arm::Else] {
            if let Some(inner) = step.arm(arm) {
                way.push((step, arm));
                if enclosing(inner, id, way) {
                    return true;
                }
                way.pop();
            }
        }
    }
    false
}
