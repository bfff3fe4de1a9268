//! The workflow: a trigger, optional trigger conditions and an ordered list of steps.
//!
//! This is the definition people build in the editor, store, export and import. It is
//! plain serializable data with a `format_version`, so stored and exported workflows can be
//! migrated when the format changes. Checking it is [`validate`](crate::validate)'s job;
//! running it is [`dispatch`](crate::dispatch)'s.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::condition::Condition;

/// The format version written by this engine.
pub const FORMAT_VERSION: u32 = 1;

/// The name of a workflow until it is renamed.
pub const DEFAULT_NAME: &str = "Untitled workflow";

/// One workflow.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Workflow {
    /// The format this definition is written in.
    pub format_version: u32,
    /// `wf_…`
    pub id: String,
    /// Shown in lists; "Untitled workflow" until renamed.
    pub name: String,
    /// Only active workflows respond to events.
    pub status: Status,
    /// The event that starts the workflow; `None` while the draft has none.
    pub trigger: Option<Trigger>,
    /// The steps, in order.
    pub steps: Vec<Step>,
    /// Unix seconds of sandbox time.
    pub created: i64,
    /// Unix seconds of sandbox time.
    pub updated: i64,
    /// The published version this definition is (`v1`, `v2`, ...; see
    /// [`versions`](crate::versions)), or, for a draft, the version it was started from; 0
    /// until the workflow is first published. Definitions stored before versions existed
    /// read as version 1, and so do the copies in their runs.
    #[serde(default = "first_version")]
    pub version: u32,
}

fn first_version() -> u32 {
    1
}

/// Whether a workflow responds to events.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// A draft, or deactivated: ignores events.
    #[default]
    Inactive,
    /// Runs on every matching event.
    Active,
}

/// What starts a workflow.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Trigger {
    /// A Stripe event type, e.g. `customer.created`.
    pub event_type: String,
    /// The workflow runs only when this holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<Condition>,
}

/// One step of a workflow.
///
/// Written as an internally tagged object (`"type": "action"` beside the fields); read in
/// one pass through `StepFields` rather than serde's derive for tagged enums, which
/// buffers every step and reads it twice and, in the wasm, compiles the whole workflow
/// format once more for that buffer (~10 % of the app's serde code).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", try_from = "StepFields")]
pub enum Step {
    /// A Stripe API call on the sandbox account.
    Action {
        /// Stable id, e.g. `step_…`.
        id: String,
        /// The catalog action, e.g. `customers.update`.
        action: String,
        /// Parameters by Stripe name; texts may hold `{{…}}` dynamic values.
        #[serde(default)]
        params: Map<String, Value>,
    },
    /// An if / else split.
    Branch {
        /// Stable id.
        id: String,
        /// The test.
        condition: Condition,
        /// Steps run when it holds.
        #[serde(default)]
        then: Vec<Step>,
        /// Steps run when it does not.
        #[serde(default, rename = "else")]
        otherwise: Vec<Step>,
    },
    /// "Email a team member".
    Email {
        /// Stable id.
        id: String,
        /// The team member's address (may be dynamic).
        to: String,
        /// Subject line (may be dynamic).
        subject: String,
        /// Body text (may be dynamic).
        #[serde(default)]
        body: String,
        /// Label / value rows shown under the body (values may be dynamic).
        #[serde(default)]
        rows: Vec<EmailRow>,
    },
}

/// Every field any kind of step has, as a stored or exported step carries them: what
/// [`Step`] is read from. Unknown fields are ignored, as the derived reading did.
#[derive(Deserialize)]
struct StepFields {
    #[serde(rename = "type")]
    kind: StepKind,
    id: String,
    action: Option<String>,
    #[serde(default)]
    params: Map<String, Value>,
    condition: Option<Condition>,
    #[serde(default)]
    then: Vec<Step>,
    #[serde(default, rename = "else")]
    otherwise: Vec<Step>,
    to: Option<String>,
    subject: Option<String>,
    #[serde(default)]
    body: String,
    #[serde(default)]
    rows: Vec<EmailRow>,
}

/// A step object without a field its type requires, e.g. an action without `action`.
#[derive(Debug, thiserror::Error)]
#[error("missing field `{field}`")]
struct MissingField {
    /// The field's name.
    field: &'static str,
}

impl TryFrom<StepFields> for Step {
    type Error = MissingField;

    fn try_from(f: StepFields) -> Result<Self, Self::Error> {
        let need = |v: Option<String>, field| v.ok_or(MissingField { field });
        Ok(match f.kind {
            StepKind::Action => Step::Action {
                id: f.id,
                action: need(f.action, "action")?,
                params: f.params,
            },
            StepKind::Branch => Step::Branch {
                id: f.id,
                condition: f.condition.ok_or(MissingField { field: "condition" })?,
                then: f.then,
                otherwise: f.otherwise,
            },
            StepKind::Email => Step::Email {
                id: f.id,
                to: need(f.to, "to")?,
                subject: need(f.subject, "subject")?,
                body: f.body,
                rows: f.rows,
            },
        })
    }
}

/// One label / value row of an email step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailRow {
    /// e.g. "Customer"
    pub label: String,
    /// e.g. `{{trigger.data.object.customer}}`
    pub value: String,
}

/// One side of a branch step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Arm {
    /// Taken when the condition holds.
    Then,
    /// Taken when it does not.
    Else,
}

impl Workflow {
    /// Whether `other` defines the same workflow: the same name, trigger and steps (what
    /// the editor changes), whatever its status, version and times.
    pub fn same_definition(&self, other: &Workflow) -> bool {
        self.id == other.id
            && self.name == other.name
            && self.trigger == other.trigger
            && self.steps == other.steps
    }

    /// A new inactive draft named "Untitled workflow", with no trigger and no step.
    pub fn new(id: impl Into<String>, now: i64) -> Self {
        Self {
            format_version: FORMAT_VERSION,
            id: id.into(),
            name: DEFAULT_NAME.into(),
            status: Status::Inactive,
            trigger: None,
            steps: Vec::new(),
            created: now,
            updated: now,
            version: 0,
        }
    }

    /// Whether it responds to events.
    pub fn is_active(&self) -> bool {
        self.status == Status::Active
    }

    /// The trigger's event type, if it has a trigger.
    pub fn event_type(&self) -> Option<&str> {
        self.trigger.as_ref().map(|t| t.event_type.as_str())
    }

    /// Every step, branches included, counted as the 12-step limit counts them.
    pub fn step_count(&self) -> usize {
        count(&self.steps)
    }

    /// Every step, depth first, in the order they appear in the editor.
    pub fn all_steps(&self) -> Vec<&Step> {
        let mut out = Vec::new();
        flatten(&self.steps, &mut out);
        out
    }

    /// The step with this id, wherever it is.
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.all_steps().into_iter().find(|s| s.id() == id)
    }
}

fn count(steps: &[Step]) -> usize {
    steps
        .iter()
        .map(|s| match s {
            Step::Branch {
                then, otherwise, ..
            } => 1 + count(then) + count(otherwise),
            _ => 1,
        })
        .sum()
}

fn flatten<'a>(steps: &'a [Step], out: &mut Vec<&'a Step>) {
    for step in steps {
        out.push(step);
        if let Step::Branch {
            then, otherwise, ..
        } = step
        {
            flatten(then, out);
            flatten(otherwise, out);
        }
    }
}

impl Step {
    /// An action step.
    pub fn action(id: impl Into<String>, action: impl Into<String>, params: Value) -> Step {
        Step::Action {
            id: id.into(),
            action: action.into(),
            params: match params {
                Value::Object(map) => map,
                _ => Map::new(),
            },
        }
    }

    /// A branch step.
    pub fn branch(
        id: impl Into<String>,
        condition: Condition,
        then: Vec<Step>,
        otherwise: Vec<Step>,
    ) -> Step {
        Step::Branch {
            id: id.into(),
            condition,
            then,
            otherwise,
        }
    }

    /// An "Email a team member" step.
    pub fn email(
        id: impl Into<String>,
        to: impl Into<String>,
        subject: impl Into<String>,
        body: impl Into<String>,
        rows: &[(&str, &str)],
    ) -> Step {
        Step::Email {
            id: id.into(),
            to: to.into(),
            subject: subject.into(),
            body: body.into(),
            rows: rows
                .iter()
                .map(|(label, value)| EmailRow {
                    label: (*label).into(),
                    value: (*value).into(),
                })
                .collect(),
        }
    }

    /// Its stable id.
    pub fn id(&self) -> &str {
        match self {
            Step::Action { id, .. } | Step::Branch { id, .. } | Step::Email { id, .. } => id,
        }
    }

    /// Sets its id.
    pub fn set_id(&mut self, new: String) {
        match self {
            Step::Action { id, .. } | Step::Branch { id, .. } | Step::Email { id, .. } => *id = new,
        }
    }

    /// The steps of one arm, for a branch.
    pub fn arm(&self, arm: Arm) -> Option<&Vec<Step>> {
        match (self, arm) {
            (Step::Branch { then, .. }, Arm::Then) => Some(then),
            (Step::Branch { otherwise, .. }, Arm::Else) => Some(otherwise),
            _ => None,
        }
    }

    /// The steps of one arm, for a branch, to edit.
    pub fn arm_mut(&mut self, arm: Arm) -> Option<&mut Vec<Step>> {
        match (self, arm) {
            (Step::Branch { then, .. }, Arm::Then) => Some(then),
            (Step::Branch { otherwise, .. }, Arm::Else) => Some(otherwise),
            _ => None,
        }
    }

    /// What kind of step it is, for records and lists.
    pub fn kind(&self) -> StepKind {
        match self {
            Step::Action { .. } => StepKind::Action,
            Step::Branch { .. } => StepKind::Branch,
            Step::Email { .. } => StepKind::Email,
        }
    }
}

/// The kind of a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// An API call.
    Action,
    /// A condition with branches.
    Branch,
    /// Email a team member.
    Email,
}
