//! What differs between two runs: the path each took and, step by step, what went in and
//! came out.
//!
//! [`run_diff`] lines up the step records of two runs by step id, which is stable across
//! versions of a workflow, so a run of v1 and a run of v2 (or a stored run and its replay
//! against a draft) compare step for step even when steps were added, removed or moved. It
//! gives the path each run took (the steps that ran, in order), the first step where the
//! two part ways, and for every step the changes of its input, output and error as JSON
//! paths with the old and new value (added, removed or changed keys; what is equal is left
//! out). The diff is raw: generated ids and times that differ between any two runs show up
//! as changes; the replay's verdict ([`crate::replay`]) is where they are forgiven.
//!
//! Lists are compared item by item when they have the same length and as a whole
//! otherwise, as the workflow diff compares parameters ([`Key`] is the same path segment).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::diff::Key;
use crate::run::{Run, RunStatus, StepRecord, StepStatus};
use crate::workflow::{Arm, StepKind};

/// Everything that differs between two runs, `a` (usually the older, or the stored one) and
/// `b`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunDiff {
    /// The first run, as the header shows it.
    pub a: RunSide,
    /// The second run.
    pub b: RunSide,
    /// Every step of either run, aligned by step id: `b`'s order, with the steps only `a`
    /// has placed after the step that precedes them in `a`.
    pub steps: Vec<StepDiff>,
    /// The id of the first step (in that order) that ran in one run and not the other, or
    /// ran with another status or branch; `None` when both took the same path.
    pub diverges_at: Option<String>,
    /// Changes of the trigger events, when the runs did not start on the same event.
    pub event: Vec<ValueChange>,
}

/// One run's header in a diff.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunSide {
    /// `wfrun_…`
    pub run_id: String,
    /// The version of the workflow it ran (0 for a draft never published).
    pub version: u32,
    /// How it ended.
    pub status: RunStatus,
    /// The failure message, if it failed.
    pub error: Option<String>,
    /// The ids of the steps that ran (succeeded or failed), in the order they ran.
    pub path: Vec<String>,
}

/// One step, as each run saw it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepDiff {
    /// The step's id.
    pub step_id: String,
    /// Action, branch or email (from `b`'s record when both have one).
    pub kind: StepKind,
    /// "Update a customer", "Condition", ... (from `b`'s record when both have one).
    pub label: String,
    /// 0 at the top level, 1 inside a branch, ... (from `b`'s record when both have one).
    pub nesting: u32,
    /// What happened to it in `a`; `None` when `a`'s definition has no such step.
    pub a: Option<StepState>,
    /// What happened to it in `b`; `None` when `b`'s definition has no such step.
    pub b: Option<StepState>,
    /// Changes of the resolved parameters.
    pub input: Vec<ValueChange>,
    /// Changes of what the step returned.
    pub output: Vec<ValueChange>,
    /// The error messages, when they differ (`None` on a side without an error).
    pub error: Option<ErrorChange>,
}

/// How one step ended in one run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepState {
    /// Succeeded, failed or skipped.
    pub status: StepStatus,
    /// For a branch that ran: the side taken.
    pub branch: Option<Arm>,
}

/// One key or item whose value differs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ValueChange {
    /// From the top of the value down to the key; empty for the value as a whole.
    pub path: Vec<Key>,
    /// Added, removed or changed.
    pub change: ChangeKind,
    /// The value in `a`, absent when added.
    pub old: Option<Value>,
    /// The value in `b`, absent when removed.
    pub new: Option<Value>,
}

/// How a key differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Only `b` has it.
    Added,
    /// Only `a` has it.
    Removed,
    /// Both have it, with different values.
    Changed,
}

/// A step's error in each run, when they differ.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorChange {
    /// The error in `a`.
    pub old: Option<String>,
    /// The error in `b`.
    pub new: Option<String>,
}

impl StepDiff {
    /// Whether the step ran the same way with the same input, output and error.
    pub fn is_unchanged(&self) -> bool {
        self.a == self.b && self.input.is_empty() && self.output.is_empty() && self.error.is_none()
    }

    /// Whether the step ran (succeeded or failed) in one run and not the other, or with
    /// another status or branch.
    pub fn is_divergent(&self) -> bool {
        ran(self.a) != ran(self.b)
    }
}

impl RunDiff {
    /// Whether both runs took the same path and every step had the same input, output and
    /// error.
    pub fn is_empty(&self) -> bool {
        self.diverges_at.is_none()
            && self.a.status == self.b.status
            && self.steps.iter().all(StepDiff::is_unchanged)
    }

    /// The steps that differ in any way, in order.
    pub fn changed_steps(&self) -> impl Iterator<Item = &StepDiff> {
        self.steps.iter().filter(|s| !s.is_unchanged())
    }
}

/// The state of a step that ran, `None` for one that was skipped or is absent.
fn ran(state: Option<StepState>) -> Option<StepState> {
    state.filter(|s| s.status != StepStatus::Skipped)
}

/// Compares two runs step by step (see the [module](self) documentation).
pub fn run_diff(a: &Run, b: &Run) -> RunDiff {
    let mut steps = Vec::with_capacity(a.steps.len().max(b.steps.len()));
    for (ra, rb) in align(&a.steps, &b.steps) {
        steps.push(step_diff(ra, rb));
    }
    let diverges_at = steps
        .iter()
        .find(|s| s.is_divergent())
        .map(|s| s.step_id.clone());
    let mut event = Vec::new();
    if a.event != b.event {
        let (ea, eb) = (a.event.to_value(), b.event.to_value());
        value_changes(&ea, &eb, &mut Vec::new(), &mut event);
    }
    RunDiff {
        a: side(a),
        b: side(b),
        steps,
        diverges_at,
        event,
    }
}

fn side(run: &Run) -> RunSide {
    RunSide {
        run_id: run.id.clone(),
        version: run.workflow.version,
        status: run.status,
        error: run.error(),
        path: run
            .steps
            .iter()
            .filter(|s| s.status != StepStatus::Skipped)
            .map(|s| s.step_id.clone())
            .collect(),
    }
}

/// Pairs the records of `a` and `b` by step id: `b`'s order, each step only `a` has placed
/// where it was in `a` relative to the steps around it.
pub(crate) fn align<'a>(
    a: &'a [StepRecord],
    b: &'a [StepRecord],
) -> Vec<(Option<&'a StepRecord>, Option<&'a StepRecord>)> {
    let in_a: BTreeSet<&str> = a.iter().map(|s| s.step_id.as_str()).collect();
    let in_b: BTreeSet<&str> = b.iter().map(|s| s.step_id.as_str()).collect();
    let mut used: BTreeSet<&str> = BTreeSet::new();
    let mut out = Vec::with_capacity(a.len().max(b.len()));
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if let Some(ra) = a.get(i) {
            if used.contains(ra.step_id.as_str()) {
                i += 1;
                continue;
            }
            if !in_b.contains(ra.step_id.as_str()) {
                out.push((Some(ra), None));
                i += 1;
                continue;
            }
        }
        let Some(rb) = b.get(j) else {
            // Only steps of `a` that `b` also has remain, all already used.
            i += 1;
            continue;
        };
        j += 1;
        if !in_a.contains(rb.step_id.as_str()) {
            out.push((None, Some(rb)));
            continue;
        }
        let ra = a.iter().find(|s| s.step_id == rb.step_id);
        used.insert(rb.step_id.as_str());
        out.push((ra, Some(rb)));
    }
    out
}

fn state(record: &StepRecord) -> StepState {
    StepState {
        status: record.status,
        branch: record.branch,
    }
}

fn step_diff(a: Option<&StepRecord>, b: Option<&StepRecord>) -> StepDiff {
    let Some(shown) = b.or(a) else {
        unreachable!("align pairs at least one record")
    };
    let null = Value::Null;
    let mut input = Vec::new();
    let mut output = Vec::new();
    value_changes(
        a.map_or(&null, |r| &r.input),
        b.map_or(&null, |r| &r.input),
        &mut Vec::new(),
        &mut input,
    );
    value_changes(
        a.map_or(&null, |r| &r.output),
        b.map_or(&null, |r| &r.output),
        &mut Vec::new(),
        &mut output,
    );
    let (ea, eb) = (
        a.and_then(|r| r.error.clone()),
        b.and_then(|r| r.error.clone()),
    );
    StepDiff {
        step_id: shown.step_id.clone(),
        kind: shown.kind,
        label: shown.label.clone(),
        nesting: shown.nesting,
        a: a.map(state),
        b: b.map(state),
        input,
        output,
        error: (ea != eb).then_some(ErrorChange { old: ea, new: eb }),
    }
}

/// Appends the changes from `old` to `new` under `path`; `null` counts as absent, so a
/// step that did not run has no input rather than a `null` one.
pub(crate) fn value_changes(
    old: &Value,
    new: &Value,
    path: &mut Vec<Key>,
    out: &mut Vec<ValueChange>,
) {
    if old == new {
        return;
    }
    match (old, new) {
        (Value::Object(o), Value::Object(n)) => map_changes(o, n, path, out),
        (Value::Array(o), Value::Array(n)) if o.len() == n.len() => {
            for (i, (o, n)) in o.iter().zip(n).enumerate() {
                path.push(Key::Item(i));
                value_changes(o, n, path, out);
                path.pop();
            }
        }
        (Value::Null, _) => out.push(ValueChange {
            path: path.clone(),
            change: ChangeKind::Added,
            old: None,
            new: Some(new.clone()),
        }),
        (_, Value::Null) => out.push(ValueChange {
            path: path.clone(),
            change: ChangeKind::Removed,
            old: Some(old.clone()),
            new: None,
        }),
        _ => out.push(ValueChange {
            path: path.clone(),
            change: ChangeKind::Changed,
            old: Some(old.clone()),
            new: Some(new.clone()),
        }),
    }
}

fn map_changes(
    old: &Map<String, Value>,
    new: &Map<String, Value>,
    path: &mut Vec<Key>,
    out: &mut Vec<ValueChange>,
) {
    let keys: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    let null = Value::Null;
    for key in keys {
        path.push(Key::Field(key.clone()));
        value_changes(
            old.get(key).unwrap_or(&null),
            new.get(key).unwrap_or(&null),
            path,
            out,
        );
        path.pop();
    }
}
