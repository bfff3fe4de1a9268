//! What validation reports: a [`Problem`] is an [`Issue`] (what is wrong, its message
//! saying how to fix it), where it is ([`Location`]) and how serious it is ([`Severity`]).
//! The messages are written here, next to the issues, so every way a problem is shown (the
//! editor, activation, import) words it the same.

use std::fmt;

use serde::Serialize;

use crate::bounds::BoundsError;
use crate::catalog::humanize;
use crate::field_spec::ValueKind;
use crate::template::TemplateError;

/// How serious a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Blocks activation.
    Error,
    /// Shown, does not block.
    Warning,
}

/// Where a problem is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Location {
    /// The step, or `None` for the trigger and the workflow as a whole.
    pub step_id: Option<String>,
    /// The parameter (Stripe name), email field, or the condition field reference.
    pub param: Option<String>,
}

/// One problem found by [`validate`](crate::validate()).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// Where.
    pub location: Location,
    /// What, with how to fix it as its message.
    pub issue: Issue,
}

/// What is wrong. Each message says how to fix it.
#[derive(Clone, Debug, PartialEq, Serialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Issue {
    /// The workflow has no trigger.
    #[error("add a trigger: choose the Stripe event that starts this workflow")]
    NoTrigger,
    /// The trigger is not a known event type.
    #[error("`{event_type}` is not a Stripe event type: choose a trigger from the list")]
    UnknownEventType {
        /// As written.
        event_type: String,
    },
    /// The workflow has no step.
    #[error("add at least one step: an action or a condition")]
    NoSteps,
    /// Over the step limit.
    #[error("this workflow has {count} steps and the limit is {limit}: remove {excess}", excess = count - limit)]
    TooManySteps {
        /// Steps, branches included.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// Two steps share an id.
    #[error("two steps have the id `{id}`: delete one or duplicate it again to get a new id")]
    DuplicateStepId {
        /// The id.
        id: String,
    },
    /// The action is not in the catalog.
    #[error("`{action}` is not an action: choose an action from the list")]
    UnknownAction {
        /// As written.
        action: String,
    },
    /// A parameter the action does not have.
    #[error("{action} has no parameter `{param}`: remove it")]
    UnknownParam {
        /// The action's name.
        action: String,
        /// The parameter.
        param: String,
    },
    /// A required parameter is empty.
    #[error("Required parameter {label} is empty: enter a value or pick a dynamic value")]
    RequiredParamEmpty {
        /// The parameter's label.
        label: String,
    },
    /// A fixed value of the wrong type.
    #[error("{label} must be {expected}: change the value")]
    BadParamValue {
        /// The parameter's label.
        label: String,
        /// What it must be, e.g. "a whole number".
        #[serde(serialize_with = "expected_as_text")]
        expected: Expected,
    },
    /// A dynamic value that does not parse.
    #[error("{error}")]
    BadTemplate {
        /// The parse error.
        #[serde(serialize_with = "as_text")]
        error: TemplateError,
    },
    /// A reference to a step that does not exist.
    #[error("`{reference}` points at step `{step}`, which does not exist: pick a field of an earlier step")]
    UnknownStep {
        /// The reference.
        reference: String,
        /// The step id.
        step: String,
    },
    /// A reference to the step itself or a step after it.
    #[error(
        "`{reference}` points at step `{step}`, which runs later: only earlier steps can be used"
    )]
    LaterStep {
        /// The reference.
        reference: String,
        /// The step id.
        step: String,
    },
    /// A reference to a step on a branch that may not have run.
    #[error("`{reference}` points at step `{step}` on another branch, which may not have run: move the step or pick another field")]
    OtherBranch {
        /// The reference.
        reference: String,
        /// The step id.
        step: String,
    },
    /// Trigger conditions can only read the trigger event.
    #[error("trigger conditions can only use fields of the trigger event: replace `{reference}`")]
    StepInTriggerCondition {
        /// The reference.
        reference: String,
    },
    /// A field the object cannot have.
    #[error("`{reference}` is not a field of {object}: pick a field from the list")]
    UnknownField {
        /// The reference.
        reference: String,
        /// What it was looked up in, e.g. "customer".
        object: String,
    },
    /// An operator that does not fit the type chosen.
    #[error("“{op}” does not apply to a {kind} field: choose another operator")]
    OperatorMismatch {
        /// The operator's label.
        op: String,
        /// The type's name.
        kind: String,
    },
    /// The condition compares a field as a type it does not have.
    #[error("`{reference}` is a {actual} field but the condition compares it as a {chosen}: pick the {actual} type")]
    KindMismatch {
        /// The reference.
        reference: String,
        /// The field's type.
        actual: String,
        /// The type chosen in the condition.
        chosen: String,
    },
    /// `changed` on a trigger that is not an update.
    #[error("“{op}” only works with a `*.updated` trigger, and this one is `{event_type}`: choose another operator")]
    ChangeNeedsUpdate {
        /// The operator's label.
        op: String,
        /// The trigger.
        event_type: String,
    },
    /// `changed` on something other than the trigger's object.
    #[error("“{op}” only works on a field of the trigger event's object: pick a `trigger.data.object` field")]
    ChangeNeedsObjectField {
        /// The operator's label.
        op: String,
    },
    /// The comparison has no value.
    #[error("enter a value to compare `{reference}` with")]
    ValueMissing {
        /// The reference.
        reference: String,
    },
    /// The comparison value has the wrong type.
    #[error("the value compared with `{reference}` must be {expected}: change it")]
    BadValue {
        /// The reference.
        reference: String,
        /// e.g. "a number"
        #[serde(serialize_with = "expected_as_text")]
        expected: Expected,
    },
    /// An email step without a recipient.
    #[error("enter the team member's email address in To")]
    EmailNoRecipient,
    /// A fixed recipient that is not an address.
    #[error("`{to}` is not an email address: enter one such as jane@example.com")]
    EmailBadRecipient {
        /// As written.
        to: String,
    },
    /// An email step without a subject.
    #[error("enter a subject for the email")]
    EmailNoSubject,
    /// Something past the bounds of what a workflow may hold (too deep, too long, too big).
    #[error("{error}")]
    OutOfBounds {
        /// Which bound, where.
        #[serde(serialize_with = "bounds_as_text")]
        error: BoundsError,
    },
    /// The workflow can trigger itself (warning).
    #[error("{action} can emit `{event_type}`, which starts this workflow again: runs will chain until the limit of {limit} and then fail")]
    Cycle {
        /// The action's name.
        action: String,
        /// The trigger.
        event_type: String,
        /// The cascade limit.
        limit: u32,
    },
}

fn as_text<S: serde::Serializer>(e: &TemplateError, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&e.to_string())
}

fn expected_as_text<S: serde::Serializer>(e: &Expected, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&e.to_string())
}

/// What a value must be, in a [`Issue::BadParamValue`] or [`Issue::BadValue`]: structured so
/// the app can word it in each language; `Display` is the English wording.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expected {
    /// "a whole number"
    WholeNumber,
    /// "a whole amount in the currency's smallest unit (cents)"
    MinorUnitAmount,
    /// "a date as Unix seconds"
    UnixDate,
    /// "true or false"
    TrueFalse,
    /// "one of a, b, c"
    OneOf(Vec<String>),
    /// "key / value pairs"
    KeyValuePairs,
    /// "a list"
    List,
    /// "a list of rows, each with …": the rows' field names (Stripe's).
    Rows(Vec<String>),
    /// "text"
    Text,
    /// "a list of one or more values"
    Values,
    /// "a number"
    Number,
    /// "an amount such as 10.50"
    DecimalAmount,
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expected::WholeNumber => f.write_str("a whole number"),
            Expected::MinorUnitAmount => {
                f.write_str("a whole amount in the currency's smallest unit (cents)")
            }
            Expected::UnixDate => f.write_str("a date as Unix seconds"),
            Expected::TrueFalse => f.write_str("true or false"),
            Expected::OneOf(values) => write!(f, "one of {}", values.join(", ")),
            Expected::KeyValuePairs => f.write_str("key / value pairs"),
            Expected::List => f.write_str("a list"),
            Expected::Rows(fields) => {
                let labels: Vec<String> = fields.iter().map(|n| humanize(n)).collect();
                write!(f, "a list of rows, each with {}", labels.join(", "))
            }
            Expected::Text => f.write_str("text"),
            Expected::Values => f.write_str("a list of one or more values"),
            Expected::Number => f.write_str("a number"),
            Expected::DecimalAmount => f.write_str("an amount such as 10.50"),
        }
    }
}

fn bounds_as_text<S: serde::Serializer>(e: &BoundsError, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&e.to_string())
}

impl Problem {
    pub(crate) fn error(step_id: Option<&str>, param: Option<&str>, issue: Issue) -> Self {
        Self {
            severity: Severity::Error,
            location: Location {
                step_id: step_id.map(str::to_owned),
                param: param.map(str::to_owned),
            },
            issue,
        }
    }

    /// Whether it blocks activation.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.location.step_id, &self.location.param) {
            (Some(step), Some(param)) => write!(f, "step {step}, {param}: ")?,
            (Some(step), None) => write!(f, "step {step}: ")?,
            (None, Some(param)) => write!(f, "trigger, {param}: ")?,
            (None, None) => {}
        }
        write!(f, "{}", self.issue)
    }
}

/// Whether any problem blocks activation.
pub fn has_errors(problems: &[Problem]) -> bool {
    problems.iter().any(Problem::is_error)
}

/// The name of a value kind as messages use it.
pub fn kind_name(kind: ValueKind) -> &'static str {
    match kind {
        ValueKind::String => "text",
        ValueKind::Number => "number",
        ValueKind::Boolean => "true/false",
        ValueKind::Timestamp => "date",
        ValueKind::Money => "money",
        ValueKind::List => "list",
        ValueKind::Object => "object",
    }
}
