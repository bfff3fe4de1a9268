//! Run records: what happened when a workflow ran.
//!
//! A run keeps a copy of the workflow definition it ran and the full trigger event, so an
//! old run still reads right after the workflow is edited and can be rerun with its
//! original data. Each step gets a record, whether it ran, failed or was skipped (the other
//! side of a branch, or what came after a failure), with the resolved input, the output,
//! an error a person can act on, and the sandbox request id behind **Inspect in Workbench**.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::event::Event;
use crate::workflow::{Arm, EmailRow, StepKind, Workflow};

/// The state of a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    /// Still going.
    Running,
    /// Every step that ran succeeded.
    Succeeded,
    /// A step failed, or a budget stopped the run.
    Failed,
    /// Was running when the page closed; never finished.
    Interrupted,
}

/// The state of one step in a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    /// It ran and worked.
    Succeeded,
    /// It ran and failed; the run stopped here.
    Failed,
    /// It did not run (other branch, or after a failure).
    Skipped,
}

/// A budget that stopped a run before it started its steps.
///
/// Written internally tagged (`"budget": "cascade"` beside `limit`) and read in one pass
/// through `BudgetFields`, as [`Step`](crate::Step) is, for the same reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "budget", rename_all = "snake_case", try_from = "BudgetFields")]
pub enum BudgetExceeded {
    /// Too many runs triggered one another in a chain.
    #[error("this run was triggered by a chain of more than {limit} workflow runs, so it was stopped: check the workflows for a cycle (an action that triggers its own workflow)")]
    Cascade {
        /// The limit.
        limit: u32,
    },
    /// One event led to too many runs.
    #[error("one event started more than {limit} runs, so this one was stopped: check the workflows for a cycle")]
    Runs {
        /// The limit.
        limit: usize,
    },
}

/// Why a run failed.
///
/// Written internally tagged (`"reason": "step"` beside the fields) and read in one pass
/// through `FailureFields`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case", try_from = "FailureFields")]
pub enum Failure {
    /// A step failed.
    Step {
        /// The step.
        step_id: String,
        /// Its error.
        message: String,
    },
    /// A budget stopped the run.
    Budget {
        /// Which one.
        exceeded: BudgetExceeded,
    },
}

/// The fields of every [`BudgetExceeded`], as stored.
#[derive(Deserialize)]
struct BudgetFields {
    budget: BudgetKind,
    limit: usize,
}

/// The tag of a [`BudgetExceeded`].
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum BudgetKind {
    Cascade,
    Runs,
}

impl TryFrom<BudgetFields> for BudgetExceeded {
    type Error = InvalidField;

    fn try_from(f: BudgetFields) -> Result<Self, Self::Error> {
        Ok(match f.budget {
            BudgetKind::Cascade => BudgetExceeded::Cascade {
                limit: u32::try_from(f.limit).map_err(|_| InvalidField::OutOfRange("limit"))?,
            },
            BudgetKind::Runs => BudgetExceeded::Runs { limit: f.limit },
        })
    }
}

/// The fields of every [`Failure`], as stored.
#[derive(Deserialize)]
struct FailureFields {
    reason: FailureKind,
    step_id: Option<String>,
    message: Option<String>,
    exceeded: Option<BudgetExceeded>,
}

/// The tag of a [`Failure`].
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum FailureKind {
    Step,
    Budget,
}

impl TryFrom<FailureFields> for Failure {
    type Error = InvalidField;

    fn try_from(f: FailureFields) -> Result<Self, Self::Error> {
        let need = |v: Option<String>, field| v.ok_or(InvalidField::Missing(field));
        Ok(match f.reason {
            FailureKind::Step => Failure::Step {
                step_id: need(f.step_id, "step_id")?,
                message: need(f.message, "message")?,
            },
            FailureKind::Budget => Failure::Budget {
                exceeded: f.exceeded.ok_or(InvalidField::Missing("exceeded"))?,
            },
        })
    }
}

/// A stored failure or budget that cannot be read back.
#[derive(Debug, thiserror::Error)]
enum InvalidField {
    /// A field its kind requires is absent.
    #[error("missing field `{0}`")]
    Missing(&'static str),
    /// A number does not fit.
    #[error("`{0}` is out of range")]
    OutOfRange(&'static str),
}

/// An email an "Email a team member" step sent, rendered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email {
    /// Recipient.
    pub to: String,
    /// Subject.
    pub subject: String,
    /// Body text.
    pub body: String,
    /// Label / value rows.
    pub rows: Vec<EmailRow>,
}

/// What happened to one step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepRecord {
    /// The step's id in the workflow copy.
    pub step_id: String,
    /// Action, branch or email.
    pub kind: StepKind,
    /// "Update a customer", "Condition", "Email a team member".
    pub label: String,
    /// 0 for top-level steps, 1 inside a branch, and so on.
    pub nesting: u32,
    /// Succeeded, failed or skipped.
    pub status: StepStatus,
    /// The resolved parameters (dynamic values filled in); `null` when skipped.
    pub input: Value,
    /// What the step returned; `null` when it did not run or failed.
    pub output: Value,
    /// What went wrong, in words that say how to fix it.
    pub error: Option<String>,
    /// The sandbox request log entry of an action (`req_…`), for Inspect in Workbench.
    pub request_id: Option<String>,
    /// For a branch step: the side taken.
    pub branch: Option<Arm>,
    /// For an email step: the email sent.
    pub email: Option<Email>,
    /// Sandbox time when it started (Unix seconds).
    pub started: i64,
    /// Sandbox time when it ended (Unix seconds).
    pub ended: i64,
    /// How long it took in wall-clock milliseconds, when the host gave the dispatcher a
    /// timer ([`crate::Dispatcher::set_timer`]); a branch counts the steps inside it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<f64>,
    /// When the engine itself refused the step (not Stripe), what it refused, so the app can
    /// word it in each language; `error` keeps the English sentence, and is all that runs
    /// stored before this field existed have.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<StepError>,
}

/// Why the engine refused to run a step, for [`StepRecord::problem`]. Stripe's own errors
/// are not here: they stay as Stripe sent them. `Display` is the English sentence stored in
/// [`StepRecord::error`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum StepError {
    /// The step names an action the catalog does not have.
    UnknownAction {
        /// As written.
        action: String,
    },
    /// A Required parameter was empty once dynamic values were filled in.
    RequiredParamEmpty {
        /// The parameter's Stripe name.
        param: String,
    },
    /// A dynamic value does not parse: `template` is the text that fails
    /// ([`crate::Template::parse`] gives the structured error back).
    BadTemplate {
        /// The text from `{{` on.
        template: String,
    },
    /// An email step whose recipient came out empty.
    EmailNoRecipient,
}

impl StepError {
    /// The structured error of a dynamic value that failed, from [`StepError::BadTemplate`].
    pub fn template_error(&self) -> Option<crate::template::TemplateError> {
        match self {
            StepError::BadTemplate { template } => crate::template::Template::parse(template).err(),
            _ => None,
        }
    }

    /// The [`StepError::BadTemplate`] of a parse error: a text that parses to it again.
    pub fn bad_template(error: &crate::template::TemplateError) -> Self {
        use crate::template::TemplateError;
        StepError::BadTemplate {
            template: match error {
                TemplateError::Unclosed { text } => text.clone(),
                TemplateError::Reference { text, .. } => format!("{{{{{text}}}}}"),
            },
        }
    }
}

impl std::fmt::Display for StepError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StepError::UnknownAction { action } => {
                write!(f, "`{action}` is not an action: choose an action from the list")
            }
            StepError::RequiredParamEmpty { param } => write!(
                f,
                "Required parameter {} is empty: enter a value or pick a dynamic value that has one",
                crate::catalog::humanize(param)
            ),
            StepError::BadTemplate { .. } => match self.template_error() {
                Some(e) => write!(f, "{e}"),
                None => f.write_str("a dynamic value is not valid"),
            },
            StepError::EmailNoRecipient => f.write_str(
                "the recipient is empty: enter the team member's email address in To",
            ),
        }
    }
}

impl StepRecord {
    /// How long it took, in sandbox seconds.
    pub fn duration(&self) -> i64 {
        self.ended - self.started
    }
}

/// One run of a workflow.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Run {
    /// `wfrun_…`
    pub id: String,
    /// The workflow that ran.
    pub workflow_id: String,
    /// A copy of its definition as it ran.
    pub workflow: Workflow,
    /// The full trigger event.
    pub event: Event,
    /// The state.
    pub status: RunStatus,
    /// Sandbox time when it started.
    pub started: i64,
    /// Sandbox time when it ended.
    pub ended: Option<i64>,
    /// One record per step of the definition, in editor order.
    pub steps: Vec<StepRecord>,
    /// Why it failed.
    pub failure: Option<Failure>,
    /// The run this one re-ran.
    pub rerun_of: Option<String>,
    /// The run whose action emitted the trigger event, in a cascade.
    pub caused_by: Option<String>,
    /// 0 for an event a person caused, +1 for each run in the chain before it.
    pub depth: u32,
    /// How long its steps took in wall-clock milliseconds, when the host gave the
    /// dispatcher a timer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<f64>,
}

impl Run {
    /// The trigger event's id (`evt_…`).
    pub fn event_id(&self) -> &str {
        &self.event.id
    }

    /// The trigger event's type.
    pub fn event_type(&self) -> &str {
        &self.event.kind
    }

    /// The failure message a person reads, if it failed.
    pub fn error(&self) -> Option<String> {
        match &self.failure {
            Some(Failure::Step { message, .. }) => Some(message.clone()),
            Some(Failure::Budget { exceeded }) => Some(exceeded.to_string()),
            None => None,
        }
    }

    /// The step that failed, if one did.
    pub fn failed_step(&self) -> Option<&StepRecord> {
        self.steps.iter().find(|s| s.status == StepStatus::Failed)
    }

    /// The record of one step.
    pub fn step(&self, step_id: &str) -> Option<&StepRecord> {
        self.steps.iter().find(|s| s.step_id == step_id)
    }

    /// The emails this run sent, for the Outbox.
    pub fn emails(&self) -> impl Iterator<Item = &Email> {
        self.steps.iter().filter_map(|s| s.email.as_ref())
    }

    /// Marks a run found still running after a reload as interrupted.
    pub fn interrupt(&mut self, now: i64) {
        if self.status == RunStatus::Running {
            self.status = RunStatus::Interrupted;
            self.ended = Some(now);
        }
    }
}
