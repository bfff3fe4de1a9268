//! Saved test cases: an input event, the objects it needs, and what the workflow should do
//! with it, checked against a definition in isolation.
//!
//! A [`TestCase`] is made from what really happened ([`TestCase::from_outcome`]: a stored
//! run, a replayed run, or an event the workflow did not run on) and pre-fills every
//! [`Expectation`] it can read off that run, so a person only removes what they do not care
//! about. [`run_test`] runs the case through a definition (the draft, usually) in a fresh
//! account seeded with the saved objects and nothing else, with ids from a seed derived from
//! the test's id: the same test on the same definition gives the same result every time, and
//! nothing outside the test changes. Each expectation then passes or fails with what was
//! found instead ([`Check`]).
//!
//! ## What is pre-filled, and why not everything
//!
//! A test must pass again on the definition it was saved from, in its fresh account, where
//! objects the run creates get other ids than they had in the live account and the clock
//! reads other times. So a pre-filled request or response field is left out when its value
//! is an id the run generated (an id that neither the event, the saved objects nor the
//! definition hold), when its key names a time (the rule of [`crate::replay`]), or when
//! two runs of the test with different seeds disagree on it (a value the account draws at
//! random, such as a promotion code's `code`). Response
//! fields are those the request set, read back from the response (`metadata.tier` sent,
//! `metadata.tier` returned): the rest of a response is the account's business, not the
//! step's.
//!
//! ## The starting state
//!
//! The event's own object is saved as the event carries it (the state the workflow saw);
//! every other object whose id the event or the definition names is saved as the last
//! event before the trigger showed it (a charge as `charge.succeeded` left it, not as the
//! refund the run made since left it), or, when no event the account still holds shows it,
//! as the account holds it when the test is saved. Objects the run creates are not saved:
//! the test's run creates them again.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::bounds::{check_name, check_value, BoundsError};
use crate::event::Event;
use crate::execute::Dispatcher;
use crate::path::Path;
use crate::replay::{collect_ids, is_time_key};
use crate::run::{Run, RunStatus, StepStatus};
use crate::run_diff::{run_diff, RunDiff};
use crate::sandbox::{GenerateError, Sandbox, Seed};
use crate::scope::Scope;
use crate::workflow::{Arm, Status, Step, StepKind, Workflow};

/// Saved tests one workflow may hold.
pub const MAX_TESTS: usize = 50;

/// The largest a saved test may be, written out as JSON (event, objects, expectations and
/// the run it was saved from), in bytes.
pub const MAX_TEST_BYTES: usize = 512 * 1024;

/// One saved test of a workflow.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TestCase {
    /// `test_…`, unique by construction (the app's id generator).
    pub id: String,
    /// The workflow it belongs to.
    pub workflow_id: String,
    /// What a person calls it.
    pub name: String,
    /// The input event.
    pub event: Event,
    /// The objects the run needs, as they were when the test was saved.
    #[serde(default)]
    pub objects: Vec<Value>,
    /// What should happen; each one passes or fails on its own.
    pub expectations: Vec<Expectation>,
    /// The run the test was saved from (`None` when the workflow did not run), the
    /// expected side of a failing test's run diff.
    #[serde(default)]
    pub baseline: Option<Run>,
    /// Sandbox time it was saved.
    pub created: i64,
}

/// One thing a test expects.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "expect", rename_all = "snake_case")]
pub enum Expectation {
    /// The workflow runs on the event (its trigger matches), or does not.
    Runs {
        /// Whether it runs.
        runs: bool,
    },
    /// How the run ends.
    Status {
        /// `true`: it succeeds; `false`: it fails.
        succeeds: bool,
        /// When it fails: the step that fails (`None`: a budget stopped it).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        failing_step: Option<String>,
    },
    /// A condition step takes this side.
    Branch {
        /// The branch step's id.
        step: String,
        /// The side taken.
        arm: Arm,
    },
    /// An action or email step runs, or does not.
    Called {
        /// The step's id.
        step: String,
        /// Whether it runs.
        called: bool,
    },
    /// A field of an action's request (its resolved parameters).
    Request {
        /// The step's id.
        step: String,
        /// A dotted path in the request, such as `metadata.tier`.
        path: String,
        /// The value it holds.
        value: Value,
    },
    /// A field of an action's response.
    Response {
        /// The step's id.
        step: String,
        /// A dotted path in the response.
        path: String,
        /// The value it holds.
        value: Value,
    },
    /// An email step's recipient.
    EmailTo {
        /// The step's id.
        step: String,
        /// The address.
        to: String,
    },
    /// An email step's subject.
    EmailSubject {
        /// The step's id.
        step: String,
        /// The subject, rendered.
        subject: String,
    },
}

impl Expectation {
    /// The step it is about, if it is about one.
    pub fn step(&self) -> Option<&str> {
        match self {
            Expectation::Runs { .. } | Expectation::Status { .. } => None,
            Expectation::Branch { step, .. }
            | Expectation::Called { step, .. }
            | Expectation::Request { step, .. }
            | Expectation::Response { step, .. }
            | Expectation::EmailTo { step, .. }
            | Expectation::EmailSubject { step, .. } => Some(step),
        }
    }
}

/// What a test's run did where an expectation looked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "found", rename_all = "snake_case")]
pub enum Found {
    /// The workflow did not run on the event.
    NoRun,
    /// The definition has no step with that id any more.
    NoStep,
    /// The step did not run.
    NotRun,
    /// Nothing at that path.
    Missing,
    /// This value.
    Value {
        /// What was there.
        value: Value,
    },
    /// Whether it ran / whether the workflow ran.
    Ran {
        /// Whether it did.
        ran: bool,
    },
    /// This side of the branch.
    Arm {
        /// The side taken.
        arm: Arm,
    },
    /// The run ended so.
    Ended {
        /// Whether it succeeded.
        succeeded: bool,
        /// The step that failed, if one did.
        failing_step: Option<String>,
    },
}

/// One expectation, checked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Check {
    /// The expectation, as saved.
    pub expectation: Expectation,
    /// Whether the run met it.
    pub passed: bool,
    /// What the run did there.
    pub found: Found,
}

/// What one test gave on a definition.
#[derive(Clone, Debug, PartialEq)]
pub struct TestResult {
    /// The test's id.
    pub test_id: String,
    /// Each expectation, in the test's order.
    pub checks: Vec<Check>,
    /// The test's own run (`None` when the workflow did not run on the event).
    pub run: Option<Run>,
    /// Set when the saved objects could not be put in the test's account (a test imported
    /// from a file with an object past the bounds): the test fails with this.
    pub error: Option<BoundsError>,
    /// When the workflow did not run: why, clause by clause of its trigger.
    pub trigger: Vec<Clause>,
}

/// One part of a trigger, on one event: what it asks, whether it held, and what the event
/// holds there.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Clause {
    /// The comparison, in words (`name starts with "Jean"`), or the event type asked for.
    pub description: String,
    /// Whether it held.
    pub held: bool,
    /// The value the event holds at the compared field (`None`: missing), or its type.
    pub found: Option<Value>,
}

/// Why `definition`'s trigger does or does not match `event`: its event type, then each
/// comparison of its condition (how they combine is the condition's `describe`).
pub fn trigger_clauses(definition: &Workflow, event: &Event) -> Vec<Clause> {
    let Some(trigger) = &definition.trigger else {
        return Vec::new();
    };
    let mut out = vec![Clause {
        description: format!("the event is a `{}` event", trigger.event_type),
        held: trigger.event_type == event.kind,
        found: Some(Value::String(event.kind.clone())),
    }];
    if let Some(condition) = &trigger.condition {
        let scope = Scope::new(event);
        for compare in condition.compares() {
            out.push(Clause {
                description: compare.describe(),
                held: compare.eval(&scope),
                found: scope.find(&compare.field).one().cloned(),
            });
        }
    }
    out
}

impl TestResult {
    /// Whether every expectation passed.
    pub fn passed(&self) -> bool {
        self.error.is_none() && self.checks.iter().all(|c| c.passed)
    }

    /// The expectations that failed.
    pub fn failures(&self) -> impl Iterator<Item = &Check> {
        self.checks.iter().filter(|c| !c.passed)
    }

    /// The run diff between the run the test was saved from and this run, when both ran.
    pub fn diff(&self, test: &TestCase) -> Option<RunDiff> {
        Some(run_diff(test.baseline.as_ref()?, self.run.as_ref()?))
    }
}

/// How many tests pass and fail.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TestTally {
    /// Tests whose every expectation passed.
    pub passed: usize,
    /// The others.
    pub failed: usize,
}

impl TestTally {
    /// Counts `results`.
    pub fn of(results: &[TestResult]) -> Self {
        let passed = results.iter().filter(|r| r.passed()).count();
        Self {
            passed,
            failed: results.len() - passed,
        }
    }
}

/// Why a test cannot be saved or changed as asked.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum TestError {
    /// The name is empty.
    #[error("give the test a name")]
    EmptyName,
    /// The workflow already has the most tests it may.
    #[error("a workflow holds at most {limit} tests: delete one before adding another")]
    TooMany {
        /// [`MAX_TESTS`].
        limit: usize,
    },
    /// Written out, the test is larger than [`MAX_TEST_BYTES`].
    #[error("this test is {bytes} bytes, past the limit of {limit}: save it from a run with smaller objects")]
    TooLarge {
        /// Its size.
        bytes: usize,
        /// [`MAX_TEST_BYTES`].
        limit: usize,
    },
    /// A name, value or object past the bounds of an input.
    #[error(transparent)]
    OutOfBounds(#[from] BoundsError),
    /// The event text is not a Stripe event.
    #[error("the event is not a Stripe event: {reason}")]
    BadEvent {
        /// What is wrong with it, from the JSON reader.
        reason: String,
    },
    /// The workflow has no trigger yet, so no event can be made for it.
    #[error("pick the workflow's trigger first: a test starts from an event of its type")]
    NoTrigger,
    /// The sandbox could not generate an event of the trigger's type.
    #[error(transparent)]
    Generate(#[from] GenerateError),
    /// The event's type is not the workflow's trigger.
    #[error("the event is a `{found}` event, and this workflow's trigger is `{trigger}`: pick an event of that type")]
    WrongType {
        /// The event's type.
        found: String,
        /// The trigger's.
        trigger: String,
    },
    /// The test changed or was deleted (in another tab) since the page showed it.
    #[error("this test was changed or deleted in another tab since it was shown: it is shown again as stored; make your change again")]
    ChangedElsewhere,
}

impl TestCase {
    /// A test of `definition` on `event`, pre-filled from `run` (what the workflow did with
    /// it; `None` when it did not run), with its starting state taken from `account`. See
    /// the [module](self) documentation for what is pre-filled.
    pub fn from_outcome(
        id: String,
        name: String,
        definition: &Workflow,
        event: &Event,
        run: Option<&Run>,
        account: &Sandbox,
        now: i64,
    ) -> Self {
        let objects = starting_state(definition, event, account);
        let mut pinned = BTreeSet::new();
        let mut ids = Vec::new();
        collect_ids(&event.to_value(), &mut ids);
        objects.iter().for_each(|o| collect_ids(o, &mut ids));
        collect_ids(
            &serde_json::to_value(definition).unwrap_or(Value::Null),
            &mut ids,
        );
        pinned.extend(ids);
        let expectations = match run {
            None => vec![Expectation::Runs { runs: false }],
            Some(run) => expectations_of(run, &pinned),
        };
        let mut test = Self {
            id,
            workflow_id: definition.id.clone(),
            name,
            event: event.clone(),
            objects,
            expectations,
            baseline: run.cloned(),
            created: now,
        };
        test.drop_generated(definition);
        test
    }

    /// Leaves out the expectations on values the account generates (a promotion code's
    /// random `code`, say): those that two runs of the test with different seeds do not
    /// agree on.
    fn drop_generated(&mut self, definition: &Workflow) {
        let seed = seed_of(&self.id);
        let (Ok(Some(a)), Ok(Some(b))) = (
            run_isolated(self, definition, seed),
            run_isolated(self, definition, seed.rotate_left(17) ^ 0x9e37_79b9),
        ) else {
            return;
        };
        self.expectations.retain(|expectation| {
            let one = check(expectation, Some(&a), definition).found;
            let other = check(expectation, Some(&b), definition).found;
            one == other
        });
    }

    /// A test of `definition` on a new event of its trigger's type, generated in a copy of
    /// `account` (draws from `seed`), and pre-filled from what `definition` does with it
    /// there. `account` does not change.
    pub fn generated(
        id: String,
        name: String,
        definition: &Workflow,
        account: &Sandbox,
        seed: u64,
    ) -> Result<Self, TestError> {
        let kind = definition.event_type().ok_or(TestError::NoTrigger)?;
        let mut copy = account.clone();
        copy.reseed(Seed(seed));
        let event = copy.generate_event(kind, &serde_json::Map::new())?;
        copy.take_events();
        let mut run_in = copy.clone();
        let mut active = definition.clone();
        active.status = Status::Active;
        let out =
            Dispatcher::new(seed).dispatch(std::slice::from_ref(&active), &event, &mut run_in);
        let run = out
            .runs
            .into_iter()
            .find(|r| r.caused_by.is_none())
            .map(|mut run| {
                run.workflow.status = definition.status;
                run
            });
        let now = copy.now();
        Ok(Self::from_outcome(
            id,
            name,
            definition,
            &event,
            run.as_ref(),
            &copy,
            now,
        ))
    }

    /// Checks what a person may change before the test is stored: its name, the bounds of
    /// its event, objects and values, and its size written out.
    pub fn check(&self) -> Result<(), TestError> {
        if self.name.trim().is_empty() {
            return Err(TestError::EmptyName);
        }
        check_name(&self.name)?;
        check_value(self.event.object())?;
        for object in &self.objects {
            check_value(object)?;
        }
        for expectation in &self.expectations {
            if let Expectation::Request { value, .. } | Expectation::Response { value, .. } =
                expectation
            {
                check_value(value)?;
            }
        }
        let bytes = serde_json::to_vec(self)
            .map(|v| v.len())
            .unwrap_or(usize::MAX);
        if bytes > MAX_TEST_BYTES {
            return Err(TestError::TooLarge {
                bytes,
                limit: MAX_TEST_BYTES,
            });
        }
        Ok(())
    }

    /// Replaces the input event with one a person wrote as JSON; it must be a Stripe event
    /// of the trigger's type. The expectations stay as they are.
    pub fn set_event_json(&mut self, text: &str, definition: &Workflow) -> Result<(), TestError> {
        let event: Event = serde_json::from_str(text).map_err(|e| TestError::BadEvent {
            reason: e.to_string(),
        })?;
        check_value(event.object())?;
        if let Some(trigger) = definition.event_type() {
            if trigger != event.kind {
                return Err(TestError::WrongType {
                    found: event.kind,
                    trigger: trigger.to_owned(),
                });
            }
        }
        self.event = event;
        Ok(())
    }
}

/// Checks that a workflow holding `count` tests may take one more.
pub fn check_room(count: usize) -> Result<(), TestError> {
    if count >= MAX_TESTS {
        Err(TestError::TooMany { limit: MAX_TESTS })
    } else {
        Ok(())
    }
}

/// Runs `test` through `definition` in isolation (see the [module](self) documentation).
pub fn run_test(test: &TestCase, definition: &Workflow) -> TestResult {
    match run_isolated(test, definition, seed_of(&test.id)) {
        Ok(run) => TestResult {
            test_id: test.id.clone(),
            checks: test
                .expectations
                .iter()
                .map(|expectation| check(expectation, run.as_ref(), definition))
                .collect(),
            trigger: if run.is_none() {
                trigger_clauses(definition, &test.event)
            } else {
                Vec::new()
            },
            run,
            error: None,
        },
        Err(error) => TestResult {
            test_id: test.id.clone(),
            checks: Vec::new(),
            run: None,
            error: Some(error),
            trigger: Vec::new(),
        },
    }
}

/// The run of `test`'s event through `definition` in a fresh account holding only the
/// test's objects, with ids and generated values from `seed`.
fn run_isolated(
    test: &TestCase,
    definition: &Workflow,
    seed: u64,
) -> Result<Option<Run>, BoundsError> {
    let mut account = Sandbox::new(test.event.created, seed);
    account.seed_objects(&test.objects)?;
    let mut active = definition.clone();
    active.status = Status::Active;
    let mut dispatcher = Dispatcher::new(seed ^ 0x5eed);
    let out = dispatcher.dispatch(std::slice::from_ref(&active), &test.event, &mut account);
    Ok(out
        .runs
        .into_iter()
        .find(|r| r.caused_by.is_none())
        .map(|mut run| {
            run.workflow.status = definition.status;
            run
        }))
}

/// Runs every test of `tests` through `definition`, in order.
pub fn run_tests(tests: &[TestCase], definition: &Workflow) -> Vec<TestResult> {
    tests.iter().map(|t| run_test(t, definition)).collect()
}

/// A seed from a test id (FNV-1a), so each test has its own ids, the same every time.
fn seed_of(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The objects a run of `definition` on `event` reads from the account, as they were when
/// the event happened (see the [module](self) documentation).
fn starting_state(definition: &Workflow, event: &Event, account: &Sandbox) -> Vec<Value> {
    let own = event.object();
    let own_id = own.get("id").and_then(Value::as_str);
    let mut ids = Vec::new();
    collect_ids(own, &mut ids);
    for step in definition.all_steps() {
        if let Step::Action { params, .. } = step {
            params.values().for_each(|v| collect_ids(v, &mut ids));
        }
    }
    // The events up to the trigger: their snapshots are the objects as they were then.
    // `Sandbox::events` gives the newest first.
    let mut history: Vec<&Event> = account.events().collect();
    history.reverse();
    let before: Vec<&Event> = match history.iter().rposition(|e| e.id == event.id) {
        Some(at) => history[..at].to_vec(),
        None => history
            .into_iter()
            .filter(|e| e.created <= event.created)
            .collect(),
    };
    let mut seen = BTreeSet::new();
    let mut objects = Vec::new();
    if own_id.is_some() {
        objects.push(own.clone());
    }
    for id in ids {
        if Some(id.as_str()) == own_id || !seen.insert(id.clone()) {
            continue;
        }
        let then = before
            .iter()
            .rev()
            .map(|e| e.object())
            .find(|o| o.get("id").and_then(Value::as_str) == Some(id.as_str()));
        if let Some(object) = then.or_else(|| account.object(&id)) {
            if object.get("deleted") != Some(&Value::Bool(true)) {
                objects.push(object.clone());
            }
        }
    }
    objects
}

/// Every expectation a run shows (see the [module](self) documentation).
fn expectations_of(run: &Run, pinned: &BTreeSet<String>) -> Vec<Expectation> {
    let mut out = vec![Expectation::Runs { runs: true }];
    match run.status {
        RunStatus::Succeeded => out.push(Expectation::Status {
            succeeds: true,
            failing_step: None,
        }),
        RunStatus::Failed => out.push(Expectation::Status {
            succeeds: false,
            failing_step: run.failed_step().map(|s| s.step_id.clone()),
        }),
        _ => {}
    }
    for record in &run.steps {
        let step = record.step_id.clone();
        let ran = record.status != StepStatus::Skipped;
        match record.kind {
            StepKind::Branch => {
                if let (true, Some(arm)) = (ran, record.branch) {
                    out.push(Expectation::Branch { step, arm });
                }
            }
            StepKind::Action => {
                out.push(Expectation::Called {
                    step: step.clone(),
                    called: ran,
                });
                if !ran {
                    continue;
                }
                let mut fields = Vec::new();
                leaves(&record.input, String::new(), &mut fields);
                for (path, value) in fields {
                    if !stable(&path, &value, pinned) {
                        continue;
                    }
                    let parsed = Path::parse(&path).ok();
                    out.push(Expectation::Request {
                        step: step.clone(),
                        path: path.clone(),
                        value: value.clone(),
                    });
                    if record.status != StepStatus::Succeeded {
                        continue;
                    }
                    if let Some(returned) = parsed.as_ref().and_then(|p| p.get(&record.output)) {
                        if stable(&path, returned, pinned) {
                            out.push(Expectation::Response {
                                step: step.clone(),
                                path,
                                value: returned.clone(),
                            });
                        }
                    }
                }
            }
            StepKind::Email => {
                out.push(Expectation::Called {
                    step: step.clone(),
                    called: ran,
                });
                if let (true, Some(email)) = (ran, &record.email) {
                    out.push(Expectation::EmailTo {
                        step: step.clone(),
                        to: email.to.clone(),
                    });
                    if only_pinned(&email.subject, pinned) {
                        out.push(Expectation::EmailSubject {
                            step,
                            subject: email.subject.clone(),
                        });
                    }
                }
            }
        }
    }
    out
}

/// The leaf fields of a request, by dotted path; lists count as one leaf, and a key that
/// a path cannot name (a metadata key with a space, say) is left out.
fn leaves(value: &Value, prefix: String, out: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (key, value) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                if Path::parse(&path).is_ok() {
                    leaves(value, path, out);
                }
            }
        }
        Value::Null => {}
        _ if !prefix.is_empty() => out.push((prefix, value.clone())),
        _ => {}
    }
}

/// Whether a value at `path` comes out the same in the test's own account.
fn stable(path: &str, value: &Value, pinned: &BTreeSet<String>) -> bool {
    let key = path.rsplit('.').next().unwrap_or(path);
    if value.is_i64() && is_time_key(key) {
        return false;
    }
    let mut ids = Vec::new();
    collect_ids(value, &mut ids);
    ids.iter().all(|id| pinned.contains(id))
}

/// Whether every id in `text` is pinned.
fn only_pinned(text: &str, pinned: &BTreeSet<String>) -> bool {
    stable("", &Value::String(text.to_owned()), pinned)
}

/// Checks one expectation against the test's run.
fn check(expectation: &Expectation, run: Option<&Run>, definition: &Workflow) -> Check {
    let (passed, found) = match (expectation, run) {
        (Expectation::Runs { runs }, run) => {
            (run.is_some() == *runs, Found::Ran { ran: run.is_some() })
        }
        (_, None) => (false, Found::NoRun),
        (
            Expectation::Status {
                succeeds,
                failing_step,
            },
            Some(run),
        ) => {
            let succeeded = run.status == RunStatus::Succeeded;
            let failed_at = run.failed_step().map(|s| s.step_id.clone());
            let passed = if *succeeds {
                succeeded
            } else {
                run.status == RunStatus::Failed && failed_at == *failing_step
            };
            (
                passed,
                Found::Ended {
                    succeeded,
                    failing_step: failed_at,
                },
            )
        }
        (expectation, Some(run)) => {
            let step = expectation.step().unwrap_or_default();
            match (definition.step(step), run.step(step)) {
                (None, _) | (_, None) => (
                    matches!(expectation, Expectation::Called { called: false, .. }),
                    Found::NoStep,
                ),
                (Some(_), Some(record)) => {
                    let ran = record.status != StepStatus::Skipped;
                    match expectation {
                        Expectation::Called { called, .. } => (ran == *called, Found::Ran { ran }),
                        _ if !ran => (false, Found::NotRun),
                        Expectation::Branch { arm, .. } => match record.branch {
                            Some(taken) => (taken == *arm, Found::Arm { arm: taken }),
                            None => (false, Found::NotRun),
                        },
                        Expectation::Request { path, value, .. } => {
                            field(&record.input, path, value)
                        }
                        Expectation::Response { path, value, .. } => {
                            field(&record.output, path, value)
                        }
                        Expectation::EmailTo { to, .. } => {
                            text(record.email.as_ref().map(|e| e.to.as_str()), to)
                        }
                        Expectation::EmailSubject { subject, .. } => {
                            text(record.email.as_ref().map(|e| e.subject.as_str()), subject)
                        }
                        Expectation::Runs { .. } | Expectation::Status { .. } => {
                            unreachable!("checked above")
                        }
                    }
                }
            }
        }
    };
    Check {
        expectation: expectation.clone(),
        passed,
        found,
    }
}

/// Compares the value at `path` of `root` with `expected`.
fn field(root: &Value, path: &str, expected: &Value) -> (bool, Found) {
    match Path::parse(path).ok().and_then(|p| p.get(root).cloned()) {
        Some(value) => (&value == expected, Found::Value { value }),
        None => (false, Found::Missing),
    }
}

/// Compares an email's text with `expected`.
fn text(actual: Option<&str>, expected: &str) -> (bool, Found) {
    match actual {
        Some(actual) => (
            actual == expected,
            Found::Value {
                value: Value::String(actual.to_owned()),
            },
        ),
        None => (false, Found::Missing),
    }
}
