//! Execution: delivering events to workflows, running their steps, cascading the events
//! the steps cause, and reruns.
//!
//! [`Dispatcher::dispatch`] finds every active workflow whose trigger matches an event and
//! whose trigger conditions hold, and runs it against an [`Account`] (the sandbox in the
//! app, a scripted fake in tests). Steps run in order; the first failing step ends the run
//! as failed. Events that actions cause are delivered in turn, as Stripe would, so
//! workflows can trigger each other; chains are capped at [`MAX_CASCADE_DEPTH`] and one
//! dispatch at [`MAX_RUNS_PER_DISPATCH`] runs, so a workflow that triggers itself stops.
//!
//! Everything is deterministic: time comes from the account's clock and ids from the
//! dispatcher's seeded [`Ids`]. The dispatcher also remembers which (workflow, event)
//! pairs it has delivered, so an event delivered twice runs each workflow once.

use std::collections::{BTreeSet, VecDeque};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::json::json;

use crate::event::Event;
use crate::ids::Ids;
use crate::limits::{
    DELIVERY_MEMORY, MAX_CASCADE_DEPTH, MAX_RUNS_PER_DISPATCH, RERUN_WINDOW_SECONDS,
};
use crate::run::{
    BudgetExceeded, Email, Failure, Run, RunStatus, StepError, StepRecord, StepStatus,
};
use crate::sandbox::{self, ActionSpec, ApiError, RunOrigin, Sandbox};
use crate::scope::Scope;
use crate::template::{render_text, render_value};
use crate::workflow::{Arm, EmailRow, Step, StepKind, Workflow};

/// The Stripe account workflows act on.
pub trait Account {
    /// Runs one catalog action; the response object or Stripe's error.
    fn call(
        &mut self,
        action: &str,
        params: &Map<String, Value>,
        origin: Option<&RunOrigin>,
    ) -> Result<Value, ApiError>;
    /// The events caused since the last call, oldest first.
    fn take_events(&mut self) -> Vec<Event>;
    /// The account's clock, Unix seconds.
    fn now(&self) -> i64;
    /// The action with this id (the sandbox catalog by default).
    fn action(&self, id: &str) -> Option<&ActionSpec> {
        sandbox::action(id)
    }
    /// The request log id of the last call, for Inspect in Workbench.
    fn last_request_id(&self) -> Option<String> {
        None
    }
}

impl Account for Sandbox {
    fn call(
        &mut self,
        action: &str,
        params: &Map<String, Value>,
        origin: Option<&RunOrigin>,
    ) -> Result<Value, ApiError> {
        Sandbox::call(self, action, params, origin)
    }
    fn take_events(&mut self) -> Vec<Event> {
        Sandbox::take_events(self)
    }
    fn now(&self) -> i64 {
        Sandbox::now(self)
    }
    fn last_request_id(&self) -> Option<String> {
        self.logs().next().map(|log| log.id.clone())
    }
}

/// What one dispatch did.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Dispatch {
    /// Every run started, cascades included, in the order they ran.
    pub runs: Vec<Run>,
    /// Every event the runs' actions caused, in order.
    pub events: Vec<Event>,
}

/// Why a rerun was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RerunError {
    /// Only active workflows can be rerun.
    #[error("“{name}” is inactive: activate it to rerun its runs")]
    Inactive {
        /// The workflow's name.
        name: String,
    },
    /// The trigger event is past the rerun window.
    #[error("the trigger event is {days} days old: runs can only be rerun up to {limit} days after their trigger")]
    TooOld {
        /// The event's age in whole days.
        days: i64,
        /// The window in days.
        limit: i64,
    },
    /// The run is another workflow's.
    #[error("this run belongs to another workflow: open that workflow to rerun it")]
    OtherWorkflow,
    /// The workflow's trigger changed since.
    #[error("the workflow now starts on `{now}`, not `{was}`: it cannot rerun this event")]
    TriggerChanged {
        /// The run's event type.
        was: String,
        /// The workflow's trigger now.
        now: String,
    },
    /// The trigger conditions, as they are now, do not hold for the event.
    #[error("the trigger conditions do not hold for this event: edit them to rerun it")]
    ConditionsNotMet,
}

/// A wall clock in milliseconds that the host lends the dispatcher to time steps (the
/// browser's `performance.now`). The engine reads no clock of its own, so without one runs
/// carry no durations; it is not part of the dispatcher's state (not stored, not compared).
#[derive(Clone, Copy, Default)]
struct Timer(Option<fn() -> f64>);

impl Timer {
    fn now(self) -> Option<f64> {
        self.0.map(|clock| clock())
    }
}

impl PartialEq for Timer {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Timer {}

impl std::fmt::Debug for Timer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "Timer(set)"
        } else {
            "Timer(none)"
        })
    }
}

/// Runs workflows; keeps the id generator and what was already delivered.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dispatcher {
    #[serde(skip)]
    timer: Timer,
    ids: Ids,
    delivered: BTreeSet<(String, String)>,
    /// The same pairs, oldest first, to forget the oldest past [`DELIVERY_MEMORY`].
    #[serde(default)]
    order: VecDeque<(String, String)>,
}

/// An event waiting to be delivered in a cascade.
struct Pending {
    event: Event,
    depth: u32,
    cause: String,
}

/// Whether `workflow` is active, listens to `event`'s type and its trigger conditions hold.
pub fn is_triggered(workflow: &Workflow, event: &Event) -> bool {
    let Some(trigger) = &workflow.trigger else {
        return false;
    };
    workflow.is_active()
        && trigger.event_type == event.kind
        && trigger
            .condition
            .as_ref()
            .is_none_or(|c| c.eval(&Scope::new(event)))
}

/// Delivers `event` to `workflows` (see [`Dispatcher::dispatch`]).
pub fn dispatch<A: Account + ?Sized>(
    workflows: &[Workflow],
    event: &Event,
    account: &mut A,
    dispatcher: &mut Dispatcher,
) -> Dispatch {
    dispatcher.dispatch(workflows, event, account)
}

impl Dispatcher {
    /// A dispatcher whose ids come from `seed`.
    pub fn new(seed: u64) -> Self {
        Self {
            timer: Timer::default(),
            ids: Ids::new(seed),
            delivered: BTreeSet::new(),
            order: VecDeque::new(),
        }
    }

    /// Times each step and run with `now_ms` (milliseconds of a monotonic wall clock),
    /// recorded as their `duration_ms`.
    pub fn set_timer(&mut self, now_ms: fn() -> f64) {
        self.timer = Timer(Some(now_ms));
    }

    /// The id generator, shared with the editor so ids never repeat.
    pub fn ids(&mut self) -> &mut Ids {
        &mut self.ids
    }

    /// Runs every active workflow `event` triggers, then delivers the events their actions
    /// caused, and so on down the chain. Workflows already delivered this event are left
    /// out: an event delivered twice runs each workflow once.
    pub fn dispatch<A: Account + ?Sized>(
        &mut self,
        workflows: &[Workflow],
        event: &Event,
        account: &mut A,
    ) -> Dispatch {
        let mut out = Dispatch::default();
        if !workflows.iter().any(|w| is_triggered(w, event)) {
            return out;
        }
        let mut queue = VecDeque::new();
        self.deliver(workflows, event, 0, None, account, &mut out, &mut queue);
        self.drain(workflows, queue, account, &mut out);
        out
    }

    /// Starts a new run of `workflow` as it is now, with the event of `original`, linked to
    /// it; then delivers the events it causes.
    pub fn rerun<A: Account + ?Sized>(
        &mut self,
        workflows: &[Workflow],
        workflow: &Workflow,
        original: &Run,
        account: &mut A,
    ) -> Result<Dispatch, RerunError> {
        if original.workflow_id != workflow.id {
            return Err(RerunError::OtherWorkflow);
        }
        if !workflow.is_active() {
            return Err(RerunError::Inactive {
                name: workflow.name.clone(),
            });
        }
        let age = account.now() - original.event.created;
        if age > RERUN_WINDOW_SECONDS {
            return Err(RerunError::TooOld {
                days: age / 86_400,
                limit: RERUN_WINDOW_SECONDS / 86_400,
            });
        }
        let now_type = workflow.event_type().unwrap_or_default();
        if now_type != original.event.kind {
            return Err(RerunError::TriggerChanged {
                was: original.event.kind.clone(),
                now: now_type.to_owned(),
            });
        }
        if !is_triggered(workflow, &original.event) {
            return Err(RerunError::ConditionsNotMet);
        }
        let mut out = Dispatch::default();
        let mut queue = VecDeque::new();
        let mut emitted = Vec::new();
        let mut run = self.execute(workflow, &original.event, 0, None, account, &mut emitted);
        run.rerun_of = Some(original.id.clone());
        self.enqueue(&run, emitted, &mut out, &mut queue);
        out.runs.push(run);
        self.drain(workflows, queue, account, &mut out);
        Ok(out)
    }

    fn drain<A: Account + ?Sized>(
        &mut self,
        workflows: &[Workflow],
        mut queue: VecDeque<Pending>,
        account: &mut A,
        out: &mut Dispatch,
    ) {
        while let Some(p) = queue.pop_front() {
            self.deliver(
                workflows,
                &p.event,
                p.depth,
                Some(&p.cause),
                account,
                out,
                &mut queue,
            );
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn deliver<A: Account + ?Sized>(
        &mut self,
        workflows: &[Workflow],
        event: &Event,
        depth: u32,
        cause: Option<&str>,
        account: &mut A,
        out: &mut Dispatch,
        queue: &mut VecDeque<Pending>,
    ) {
        for workflow in workflows {
            if !is_triggered(workflow, event) || !self.remember(&workflow.id, &event.id) {
                continue;
            }
            let budget = if depth > MAX_CASCADE_DEPTH {
                Some(BudgetExceeded::Cascade {
                    limit: MAX_CASCADE_DEPTH,
                })
            } else if out.runs.len() >= MAX_RUNS_PER_DISPATCH {
                Some(BudgetExceeded::Runs {
                    limit: MAX_RUNS_PER_DISPATCH,
                })
            } else {
                None
            };
            let mut emitted = Vec::new();
            let mut run = match budget {
                Some(exceeded) => self.stopped(workflow, event, depth, exceeded, &*account),
                None => self.execute(workflow, event, depth, cause, account, &mut emitted),
            };
            run.caused_by = cause.map(str::to_owned);
            self.enqueue(&run, emitted, out, queue);
            out.runs.push(run);
        }
    }

    /// Records that `workflow` got `event`; `false` if it already had.
    fn remember(&mut self, workflow: &str, event: &str) -> bool {
        let pair = (workflow.to_owned(), event.to_owned());
        if !self.delivered.insert(pair.clone()) {
            return false;
        }
        self.order.push_back(pair);
        while self.order.len() > DELIVERY_MEMORY {
            if let Some(oldest) = self.order.pop_front() {
                self.delivered.remove(&oldest);
            }
        }
        true
    }

    fn enqueue(
        &self,
        run: &Run,
        emitted: Vec<Event>,
        out: &mut Dispatch,
        queue: &mut VecDeque<Pending>,
    ) {
        for event in emitted {
            out.events.push(event.clone());
            queue.push_back(Pending {
                event,
                depth: run.depth + 1,
                cause: run.id.clone(),
            });
        }
    }

    fn new_run(&mut self, workflow: &Workflow, event: &Event, depth: u32, now: i64) -> Run {
        Run {
            id: self.ids.next("wfrun"),
            workflow_id: workflow.id.clone(),
            workflow: workflow.clone(),
            event: event.clone(),
            status: RunStatus::Running,
            started: now,
            ended: None,
            steps: Vec::new(),
            failure: None,
            rerun_of: None,
            caused_by: None,
            depth,
            duration_ms: None,
        }
    }

    /// A run stopped by a budget before its first step.
    fn stopped<A: Account + ?Sized>(
        &mut self,
        workflow: &Workflow,
        event: &Event,
        depth: u32,
        exceeded: BudgetExceeded,
        account: &A,
    ) -> Run {
        let now = account.now();
        let mut run = self.new_run(workflow, event, depth, now);
        let mut records = Vec::new();
        skip(account, &workflow.steps, 0, now, &mut records);
        run.steps = records;
        run.status = RunStatus::Failed;
        run.failure = Some(Failure::Budget { exceeded });
        run.ended = Some(now);
        run
    }

    fn execute<A: Account + ?Sized>(
        &mut self,
        workflow: &Workflow,
        event: &Event,
        depth: u32,
        cause: Option<&str>,
        account: &mut A,
        emitted: &mut Vec<Event>,
    ) -> Run {
        let mut run = self.new_run(workflow, event, depth, account.now());
        run.caused_by = cause.map(str::to_owned);
        let started = self.timer.now();
        let mut exec = Exec {
            timer: self.timer,
            account,
            workflow_id: &workflow.id,
            run_id: &run.id,
            scope: Scope::new(event),
            records: Vec::new(),
            emitted,
            failure: None,
        };
        exec.steps(&workflow.steps, 0);
        let Exec {
            records, failure, ..
        } = exec;
        run.steps = records;
        run.duration_ms = started.zip(self.timer.now()).map(|(a, b)| b - a);
        run.status = if failure.is_some() {
            RunStatus::Failed
        } else {
            RunStatus::Succeeded
        };
        run.failure = failure;
        run.ended = Some(account.now());
        run
    }
}

/// The state of one run while its steps execute.
struct Exec<'a, A: Account + ?Sized> {
    timer: Timer,
    account: &'a mut A,
    workflow_id: &'a str,
    run_id: &'a str,
    scope: Scope<'a>,
    records: Vec<StepRecord>,
    emitted: &'a mut Vec<Event>,
    failure: Option<Failure>,
}

impl<A: Account + ?Sized> Exec<'_, A> {
    fn steps(&mut self, steps: &[Step], nesting: u32) {
        for step in steps {
            if self.failure.is_some() {
                let now = self.account.now();
                skip(
                    &*self.account,
                    std::slice::from_ref(step),
                    nesting,
                    now,
                    &mut self.records,
                );
                continue;
            }
            let index = self.records.len();
            let started = self.timer.now();
            match step {
                Step::Action { id, action, params } => self.action(id, action, params, nesting),
                Step::Email {
                    id,
                    to,
                    subject,
                    body,
                    rows,
                } => self.email(id, to, subject, body, rows, nesting),
                Step::Branch {
                    id,
                    condition,
                    then,
                    otherwise,
                } => {
                    let now = self.account.now();
                    let holds = condition.eval(&self.scope);
                    let arm = if holds { Arm::Then } else { Arm::Else };
                    let output = json!({
                        "result": holds,
                        "branch": if holds { "then" } else { "else" },
                    });
                    self.scope.push_step(id, output.clone());
                    self.records.push(StepRecord {
                        step_id: id.clone(),
                        kind: StepKind::Branch,
                        label: "Condition".into(),
                        nesting,
                        status: StepStatus::Succeeded,
                        input: json!({ "condition": condition.describe() }),
                        output,
                        error: None,
                        request_id: None,
                        branch: Some(arm),
                        email: None,
                        started: now,
                        ended: now,
                        duration_ms: None,
                        problem: None,
                    });
                    if holds {
                        self.steps(then, nesting + 1);
                        skip(
                            &*self.account,
                            otherwise,
                            nesting + 1,
                            now,
                            &mut self.records,
                        );
                    } else {
                        skip(&*self.account, then, nesting + 1, now, &mut self.records);
                        self.steps(otherwise, nesting + 1);
                    }
                }
            }
            // The step's own record is the first it pushed (a branch's comes before those
            // of the steps inside it, which its time includes).
            if let (Some(record), Some(took)) = (
                self.records.get_mut(index),
                started.zip(self.timer.now()).map(|(a, b)| b - a),
            ) {
                record.duration_ms = Some(took);
            }
        }
    }

    /// Fails the step on an error the engine words itself.
    fn refuse(&mut self, mut record: StepRecord, problem: StepError) {
        let message = problem.to_string();
        record.problem = Some(problem);
        self.fail(record, message);
    }

    fn fail(&mut self, mut record: StepRecord, message: String) {
        record.status = StepStatus::Failed;
        record.error = Some(message.clone());
        record.ended = self.account.now();
        self.failure = Some(Failure::Step {
            step_id: record.step_id.clone(),
            message,
        });
        self.records.push(record);
    }

    fn action(&mut self, id: &str, action: &str, params: &Map<String, Value>, nesting: u32) {
        let started = self.account.now();
        let spec = self.account.action(action).copied();
        let mut record = StepRecord {
            step_id: id.to_owned(),
            kind: StepKind::Action,
            label: spec.map_or_else(|| action.to_owned(), |s| s.name.to_owned()),
            nesting,
            status: StepStatus::Succeeded,
            input: Value::Null,
            output: Value::Null,
            error: None,
            request_id: None,
            branch: None,
            email: None,
            started,
            ended: started,
            duration_ms: None,
            problem: None,
        };
        let Some(spec) = spec else {
            let problem = StepError::UnknownAction {
                action: action.to_owned(),
            };
            return self.refuse(record, problem);
        };
        let mut input = Map::new();
        for (name, value) in params {
            match render_value(value, &self.scope) {
                Ok(v) if is_blank(&v) => {}
                Ok(v) => {
                    input.insert(name.clone(), v);
                }
                Err(e) => return self.refuse(record, StepError::bad_template(&e)),
            }
        }
        record.input = Value::Object(input.clone());
        if let Some(missing) = spec
            .params
            .iter()
            .find(|p| p.required && !input.contains_key(p.name))
        {
            let problem = StepError::RequiredParamEmpty {
                param: missing.name.to_owned(),
            };
            return self.refuse(record, problem);
        }
        let origin = RunOrigin {
            workflow_id: self.workflow_id.to_owned(),
            run_id: self.run_id.to_owned(),
            step_id: id.to_owned(),
        };
        let result = self.account.call(action, &input, Some(&origin));
        record.request_id = self.account.last_request_id();
        self.emitted.extend(self.account.take_events());
        match result {
            Ok(output) => {
                self.scope.push_step(id, output.clone());
                record.output = output;
                record.ended = self.account.now();
                self.records.push(record);
            }
            Err(e) => self.fail(record, e.message),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn email(
        &mut self,
        id: &str,
        to: &str,
        subject: &str,
        body: &str,
        rows: &[EmailRow],
        nesting: u32,
    ) {
        let started = self.account.now();
        let mut record = StepRecord {
            step_id: id.to_owned(),
            kind: StepKind::Email,
            label: "Email a team member".into(),
            nesting,
            status: StepStatus::Succeeded,
            input: Value::Null,
            output: Value::Null,
            error: None,
            request_id: None,
            branch: None,
            email: None,
            started,
            ended: started,
            duration_ms: None,
            problem: None,
        };
        let rendered = (|| -> Result<Email, crate::template::TemplateError> {
            Ok(Email {
                to: render_text(to, &self.scope)?.trim().to_owned(),
                subject: render_text(subject, &self.scope)?,
                body: render_text(body, &self.scope)?,
                rows: rows
                    .iter()
                    .map(|r| {
                        Ok(EmailRow {
                            label: r.label.clone(),
                            value: render_text(&r.value, &self.scope)?,
                        })
                    })
                    .collect::<Result<_, _>>()?,
            })
        })();
        let email = match rendered {
            Ok(email) => email,
            Err(e) => return self.refuse(record, StepError::bad_template(&e)),
        };
        let output = serde_json::to_value(&email).unwrap_or(Value::Null);
        record.input = output.clone();
        if email.to.is_empty() {
            return self.refuse(record, StepError::EmailNoRecipient);
        }
        self.scope.push_step(id, output.clone());
        record.output = output;
        record.email = Some(email);
        self.records.push(record);
    }
}

/// Records `steps` (and everything inside them) as skipped.
fn skip<A: Account + ?Sized>(
    account: &A,
    steps: &[Step],
    nesting: u32,
    now: i64,
    records: &mut Vec<StepRecord>,
) {
    for step in steps {
        records.push(StepRecord {
            step_id: step.id().to_owned(),
            kind: step.kind(),
            label: match step {
                Step::Action { action, .. } => account
                    .action(action)
                    .map_or_else(|| action.clone(), |s| s.name.to_owned()),
                Step::Branch { .. } => "Condition".into(),
                Step::Email { .. } => "Email a team member".into(),
            },
            nesting,
            status: StepStatus::Skipped,
            input: Value::Null,
            output: Value::Null,
            error: None,
            request_id: None,
            branch: None,
            email: None,
            started: now,
            ended: now,
            duration_ms: None,
            problem: None,
        });
        for arm in [Arm::Then, Arm::Else] {
            if let Some(inner) = step.arm(arm) {
                skip(account, inner, nesting + 1, now, records);
            }
        }
    }
}

fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        _ => false,
    }
}
