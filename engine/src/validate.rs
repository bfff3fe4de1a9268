//! Validation: every problem of a workflow at once, each with where it is and how to fix it.
//!
//! The editor shows these as the person builds; activation, saving an active workflow and
//! import refuse while any [`Severity::Error`] remains. Warnings (a workflow that can
//! trigger itself) are shown but do not block. Validation reads the catalogs through
//! [`Catalog`], so it checks actions, parameters and fields against what the sandbox offers.
//!
//! First come the [bounds](crate::bounds) of what a workflow may hold (`out_of_bounds`:
//! its name, ids and texts, each parameter value, each condition tree, its size). A workflow
//! past them is refused even as a draft, and only those problems are reported: the other
//! checks walk the conditions and values the bounds keep shallow.

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::Serialize;
use serde_json::Value;

use crate::bounds::{
    check_condition, check_field, check_metadata, check_name, check_text, start_of, BoundsError,
};
use crate::catalog::{humanize, Catalog};
use crate::condition::{Condition, Op};
use crate::limits::{
    MAX_CASCADE_DEPTH, MAX_ID_CHARS, MAX_STEPS, MAX_STRING_CHARS, MAX_WORKFLOW_BYTES,
};
use crate::path::Path;
use crate::reference::{Reference, Root};
use crate::sandbox::ParamKind;
use crate::schema::{FieldSpec, ValueKind};
use crate::sources::each_step;
use crate::template::{references_in, Template, TemplateError};
use crate::workflow::{Arm, Step, Workflow};

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

/// One problem found by [`validate`].
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
        expected: String,
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
        expected: String,
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

/// Every problem of `workflow`, errors and warnings, in editor order; only the
/// [bounds](crate::bounds) it crosses, when it crosses any.
pub fn validate(workflow: &Workflow, catalog: &dyn Catalog) -> Vec<Problem> {
    let problems = out_of_bounds(workflow);
    if !problems.is_empty() {
        return problems;
    }
    let mut check = Check {
        workflow,
        catalog,
        problems: Vec::new(),
        places: HashMap::new(),
        trigger_object: None,
    };
    check.run();
    check.problems
}

/// Every bound of what a workflow may hold that `workflow` crosses: its name
/// ([`MAX_NAME_CHARS`](crate::limits::MAX_NAME_CHARS)), ids, trigger and actions
/// ([`MAX_ID_CHARS`]), email texts ([`MAX_STRING_CHARS`]), each parameter value
/// ([`check_field`]), each condition tree ([`check_condition`]) and, when all of those hold,
/// its size as JSON ([`MAX_WORKFLOW_BYTES`]). [`Workflows`](crate::Workflows) refuses to
/// store a workflow with any of them, draft or not.
pub(crate) fn out_of_bounds(workflow: &Workflow) -> Vec<Problem> {
    let mut problems = Vec::new();
    // `None` and `Some` param: the trigger; `None` and `None`: the workflow as a whole.
    let mut check = |step: Option<&str>, param: Option<&str>, result: Result<(), BoundsError>| {
        if let Err(error) = result {
            let (step, param) = (step.map(start_of), param.map(start_of));
            let issue = Issue::OutOfBounds { error };
            problems.push(Problem::error(step.as_deref(), param.as_deref(), issue));
        }
    };
    check(None, None, check_name(&workflow.name));
    check(None, None, check_text("id", &workflow.id, MAX_ID_CHARS));
    if let Some(trigger) = &workflow.trigger {
        let event_type = check_text("event_type", &trigger.event_type, MAX_ID_CHARS);
        check(None, Some("event_type"), event_type);
        if let Some(condition) = &trigger.condition {
            check(None, Some("condition"), check_condition(condition));
        }
    }
    for step in workflow.all_steps() {
        let id = Some(step.id());
        check(id, None, check_text("id", step.id(), MAX_ID_CHARS));
        match step {
            Step::Action { action, params, .. } => {
                check(id, None, check_text("action", action, MAX_ID_CHARS));
                for (name, value) in params {
                    check(id, Some(name), check_field(name, value));
                }
            }
            Step::Branch { condition, .. } => {
                check(id, Some("condition"), check_condition(condition));
            }
            Step::Email {
                to,
                subject,
                body,
                rows,
                ..
            } => {
                let rows = rows
                    .iter()
                    .flat_map(|r| [("rows", &r.label), ("rows", &r.value)]);
                for (param, text) in [("to", to), ("subject", subject), ("body", body)]
                    .into_iter()
                    .chain(rows)
                {
                    check(id, Some(param), check_text(param, text, MAX_STRING_CHARS));
                }
            }
        }
    }
    if problems.is_empty() {
        let bytes = json_len(workflow);
        if bytes > MAX_WORKFLOW_BYTES {
            let error = BoundsError::WorkflowTooBig {
                bytes,
                limit: MAX_WORKFLOW_BYTES,
            };
            problems.push(Problem::error(None, None, Issue::OutOfBounds { error }));
        }
    }
    problems
}

/// The size of a workflow written as compact JSON, counted without keeping the text.
fn json_len(workflow: &Workflow) -> usize {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    let _ = serde_json::to_writer(&mut count, workflow);
    count.0
}

/// Where a step sits: the branches around it and its order in the editor.
struct Place<'w> {
    branches: Vec<(String, Arm)>,
    step: &'w Step,
}

struct Check<'w> {
    workflow: &'w Workflow,
    catalog: &'w dyn Catalog,
    problems: Vec<Problem>,
    places: HashMap<&'w str, Place<'w>>,
    trigger_object: Option<String>,
}

/// What a reference is known to point at.
enum FieldType {
    Known(ValueKind),
    /// Not checkable (metadata keys, unknown object types).
    Free,
    Unknown,
}

impl<'w> Check<'w> {
    fn run(&mut self) {
        let workflow = self.workflow;
        match &workflow.trigger {
            None => self.push(None, None, Issue::NoTrigger),
            Some(trigger) => match self.catalog.event_type(&trigger.event_type) {
                None => self.push(
                    None,
                    None,
                    Issue::UnknownEventType {
                        event_type: trigger.event_type.clone(),
                    },
                ),
                Some(spec) => self.trigger_object = Some(spec.object.to_owned()),
            },
        }
        if let Some(condition) = workflow.trigger.as_ref().and_then(|t| t.condition.as_ref()) {
            self.condition(condition, None, &[], true);
        }
        let count = workflow.step_count();
        if count == 0 {
            self.push(None, None, Issue::NoSteps);
        } else if count > MAX_STEPS {
            self.push(
                None,
                None,
                Issue::TooManySteps {
                    count,
                    limit: MAX_STEPS,
                },
            );
        }
        let mut seen = HashSet::new();
        self.place(&workflow.steps, &mut Vec::new(), &mut seen);
        let catalog = self.catalog;
        each_step(workflow, catalog, &mut |step, sources| {
            let visible: Vec<&str> = sources
                .iter()
                .filter_map(|s| s.step.map(Step::id))
                .collect();
            self.step(step, &visible);
        });
    }

    fn push(&mut self, step: Option<&str>, param: Option<&str>, issue: Issue) {
        self.problems.push(Problem::error(step, param, issue));
    }

    fn place(
        &mut self,
        steps: &'w [Step],
        branches: &mut Vec<(String, Arm)>,
        seen: &mut HashSet<&'w str>,
    ) {
        for step in steps {
            if !seen.insert(step.id()) {
                self.push(
                    Some(step.id()),
                    None,
                    Issue::DuplicateStepId {
                        id: step.id().to_owned(),
                    },
                );
            } else {
                self.places.insert(
                    step.id(),
                    Place {
                        branches: branches.clone(),
                        step,
                    },
                );
            }
            for arm in [Arm::Then, Arm::Else] {
                if let Some(inner) = step.arm(arm) {
                    branches.push((step.id().to_owned(), arm));
                    self.place(inner, branches, seen);
                    branches.pop();
                }
            }
        }
    }

    /// Checks one step; `visible` holds the ids of the steps whose output it can read.
    fn step(&mut self, step: &'w Step, visible: &[&str]) {
        let id = step.id();
        match step {
            Step::Action { action, params, .. } => self.action(id, action, params, visible),
            Step::Branch { condition, .. } => self.condition(condition, Some(id), visible, false),
            Step::Email {
                to,
                subject,
                body,
                rows,
                ..
            } => {
                let to_trimmed = to.trim();
                if to_trimmed.is_empty() {
                    self.push(Some(id), Some("to"), Issue::EmailNoRecipient);
                } else if !to_trimmed.contains("{{") && !looks_like_email(to_trimmed) {
                    self.push(
                        Some(id),
                        Some("to"),
                        Issue::EmailBadRecipient {
                            to: to_trimmed.to_owned(),
                        },
                    );
                }
                if subject.trim().is_empty() {
                    self.push(Some(id), Some("subject"), Issue::EmailNoSubject);
                }
                let texts = [("to", to), ("subject", subject), ("body", body)]
                    .into_iter()
                    .chain(rows.iter().map(|r| ("rows", &r.value)));
                for (param, text) in texts {
                    self.text(id, param, &Value::String(text.clone()), visible);
                }
            }
        }
    }

    fn action(
        &mut self,
        id: &str,
        action: &str,
        params: &serde_json::Map<String, Value>,
        visible: &[&str],
    ) {
        let Some(spec) = self.catalog.action(action).copied() else {
            self.push(
                Some(id),
                Some("action"),
                Issue::UnknownAction {
                    action: action.to_owned(),
                },
            );
            for (name, value) in params {
                self.text(id, name, value, visible);
            }
            return;
        };
        for name in params.keys() {
            if !spec.params.iter().any(|p| p.name == name) {
                self.push(
                    Some(id),
                    Some(name),
                    Issue::UnknownParam {
                        action: spec.name.to_owned(),
                        param: name.clone(),
                    },
                );
            }
        }
        for param in spec.params {
            let value = params.get(param.name);
            let label = humanize(param.name);
            match value {
                None => {}
                Some(v) if is_blank(v) => {}
                Some(v) => {
                    if let Some(expected) = bad_fixed_value(v, param.kind) {
                        self.push(
                            Some(id),
                            Some(param.name),
                            Issue::BadParamValue {
                                label: label.clone(),
                                expected,
                            },
                        );
                    } else if let (ParamKind::Metadata, Err(error)) =
                        (param.kind, check_metadata(v))
                    {
                        self.push(Some(id), Some(param.name), Issue::OutOfBounds { error });
                    }
                    self.text(id, param.name, v, visible);
                }
            }
            if param.required && value.is_none_or(is_blank) {
                self.push(
                    Some(id),
                    Some(param.name),
                    Issue::RequiredParamEmpty { label },
                );
            }
        }
        if let Some(event_type) = self.workflow.event_type() {
            if spec.emits.contains(&event_type) {
                self.problems.push(Problem {
                    severity: Severity::Warning,
                    location: Location {
                        step_id: Some(id.to_owned()),
                        param: None,
                    },
                    issue: Issue::Cycle {
                        action: spec.name.to_owned(),
                        event_type: event_type.to_owned(),
                        limit: MAX_CASCADE_DEPTH,
                    },
                });
            }
        }
    }

    /// Checks the dynamic values inside a parameter value.
    fn text(&mut self, id: &str, param: &str, value: &Value, visible: &[&str]) {
        match references_in(value) {
            Err(error) => self.push(Some(id), Some(param), Issue::BadTemplate { error }),
            Ok(references) => {
                for reference in references {
                    self.reference(&reference, Some(id), param, visible, false);
                }
            }
        }
    }

    fn condition(
        &mut self,
        condition: &Condition,
        step: Option<&str>,
        visible: &[&str],
        trigger_only: bool,
    ) {
        for c in condition.compares() {
            let reference = c.field.to_string();
            let param = reference.as_str();
            let field = self.reference(&c.field, step, param, visible, trigger_only);
            if !c.op.fits(c.kind) {
                self.push(
                    step,
                    Some(param),
                    Issue::OperatorMismatch {
                        op: c.op.label().into(),
                        kind: kind_name(c.kind).into(),
                    },
                );
            }
            if let FieldType::Known(actual) = field {
                if !compatible(actual, c.kind) {
                    self.push(
                        step,
                        Some(param),
                        Issue::KindMismatch {
                            reference: reference.clone(),
                            actual: kind_name(actual).into(),
                            chosen: kind_name(c.kind).into(),
                        },
                    );
                }
            }
            if c.op.is_change() {
                let event_type = self.workflow.event_type().unwrap_or_default().to_owned();
                if !event_type.ends_with(".updated") {
                    self.push(
                        step,
                        Some(param),
                        Issue::ChangeNeedsUpdate {
                            op: c.op.label().into(),
                            event_type,
                        },
                    );
                }
                if c.field.object_path().is_none_or(|p| p.is_root()) {
                    self.push(
                        step,
                        Some(param),
                        Issue::ChangeNeedsObjectField {
                            op: c.op.label().into(),
                        },
                    );
                }
            }
            if c.op.needs_value() {
                if let Some(issue) = bad_operand(&c.value, c.op, c.kind, &reference) {
                    self.push(step, Some(param), issue);
                }
            }
        }
    }

    fn reference(
        &mut self,
        reference: &Reference,
        step: Option<&str>,
        param: &str,
        visible: &[&str],
        trigger_only: bool,
    ) -> FieldType {
        let text = reference.to_string();
        match &reference.root {
            Root::Trigger => {
                let path = &reference.path;
                let typed = match (path.key(0), path.key(1)) {
                    (Some("data"), Some("object" | "previous_attributes")) => {
                        match self.trigger_object.clone() {
                            Some(object) => {
                                let fields = self.catalog.fields(&object);
                                (field_type(&fields, &path.skip(2)), object)
                            }
                            None => (FieldType::Free, String::new()),
                        }
                    }
                    _ => (envelope_field(path), "the event".to_owned()),
                };
                if let (FieldType::Unknown, object) = &typed {
                    self.push(
                        step,
                        Some(param),
                        Issue::UnknownField {
                            reference: text,
                            object: object.clone(),
                        },
                    );
                }
                typed.0
            }
            Root::Step(target) => {
                if trigger_only {
                    self.push(
                        step,
                        Some(param),
                        Issue::StepInTriggerCondition { reference: text },
                    );
                    return FieldType::Free;
                }
                let Some(place) = self.places.get(target.as_str()) else {
                    self.push(
                        step,
                        Some(param),
                        Issue::UnknownStep {
                            reference: text,
                            step: target.clone(),
                        },
                    );
                    return FieldType::Free;
                };
                if !visible.contains(&target.as_str()) {
                    let here = step
                        .and_then(|s| self.places.get(s))
                        .map(|p| p.branches.clone())
                        .unwrap_or_default();
                    let issue = if here.starts_with(&place.branches) {
                        Issue::LaterStep {
                            reference: text,
                            step: target.clone(),
                        }
                    } else {
                        Issue::OtherBranch {
                            reference: text,
                            step: target.clone(),
                        }
                    };
                    self.push(step, Some(param), issue);
                    return FieldType::Free;
                }
                let (fields, object) = match place.step {
                    Step::Action { action, .. } => match self.catalog.action(action) {
                        Some(spec) => (self.catalog.fields(spec.returns), spec.returns.to_owned()),
                        None => return FieldType::Free,
                    },
                    Step::Email { .. } => (
                        output_fields(&["to", "subject", "body", "rows"]),
                        "an email".to_owned(),
                    ),
                    Step::Branch { .. } => (
                        output_fields(&["result", "branch"]),
                        "a condition".to_owned(),
                    ),
                };
                let typed = field_type(&fields, &reference.path);
                if let FieldType::Unknown = typed {
                    self.push(
                        step,
                        Some(param),
                        Issue::UnknownField {
                            reference: text,
                            object,
                        },
                    );
                }
                typed
            }
        }
    }
}

fn output_fields(names: &[&str]) -> Vec<FieldSpec> {
    names
        .iter()
        .map(|n| FieldSpec {
            path: (*n).into(),
            kind: match *n {
                "result" => ValueKind::Boolean,
                "rows" => ValueKind::List,
                _ => ValueKind::String,
            },
            label: humanize(n),
        })
        .collect()
}

/// The event envelope's own fields.
fn envelope_field(path: &Path) -> FieldType {
    let kind = match path.to_string().as_str() {
        "" | "data" | "request" => ValueKind::Object,
        "id" | "object" | "api_version" | "type" | "request.id" | "request.idempotency_key" => {
            ValueKind::String
        }
        "created" => ValueKind::Timestamp,
        "livemode" => ValueKind::Boolean,
        "pending_webhooks" => ValueKind::Number,
        _ => return FieldType::Unknown,
    };
    FieldType::Known(kind)
}

/// The type of `path` in an object with these fields.
fn field_type(fields: &[FieldSpec], path: &Path) -> FieldType {
    if fields.is_empty() {
        return FieldType::Free;
    }
    let p = path.schema_form();
    if p.is_empty() {
        return FieldType::Known(ValueKind::Object);
    }
    if let Some(f) = fields.iter().find(|f| f.path == p) {
        return FieldType::Known(f.kind);
    }
    // Inside an object or list whose inner fields are not listed (metadata keys).
    let inside_open = fields.iter().any(|f| {
        matches!(f.kind, ValueKind::Object | ValueKind::List)
            && p.starts_with(&format!("{}.", f.path))
            && !fields
                .iter()
                .any(|g| g.path.starts_with(&format!("{}.", f.path)))
    });
    if inside_open {
        return FieldType::Free;
    }
    if fields.iter().any(|f| f.path.starts_with(&format!("{p}."))) {
        return FieldType::Known(ValueKind::Object);
    }
    FieldType::Unknown
}

/// Whether a field of type `actual` can be compared as `chosen`.
fn compatible(actual: ValueKind, chosen: ValueKind) -> bool {
    actual == chosen
        || actual == ValueKind::List
        || (chosen == ValueKind::Number
            && matches!(actual, ValueKind::Money | ValueKind::Timestamp))
        || (chosen == ValueKind::String && actual == ValueKind::Object)
}

fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Object(o) => o.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

fn looks_like_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((user, domain)) => !user.is_empty() && domain.contains('.') && !s.contains(' '),
        None => false,
    }
}

/// What a fixed (not dynamic) parameter value should be, if it is not.
fn bad_fixed_value(v: &Value, kind: ParamKind) -> Option<String> {
    if let Value::String(s) = v {
        if Template::parse(s).is_ok_and(|t| t.is_dynamic()) {
            return None;
        }
    }
    let ok = match kind {
        ParamKind::Integer | ParamKind::Money | ParamKind::Timestamp => match v {
            Value::Number(n) => n.as_i64().is_some(),
            Value::String(s) => s.trim().parse::<i64>().is_ok(),
            _ => false,
        },
        ParamKind::Boolean => {
            matches!(v, Value::Bool(_))
                || matches!(v, Value::String(s) if s == "true" || s == "false")
        }
        ParamKind::Enum(options) => matches!(v, Value::String(s) if options.contains(&s.as_str())),
        ParamKind::Metadata => v.is_object(),
        ParamKind::List => v.is_array() || v.is_string(),
        ParamKind::String | ParamKind::Id(_) => v.is_string() || v.is_number(),
    };
    if ok {
        return None;
    }
    Some(match kind {
        ParamKind::Integer => "a whole number".into(),
        ParamKind::Money => "a whole amount in the currency's smallest unit (cents)".into(),
        ParamKind::Timestamp => "a date as Unix seconds".into(),
        ParamKind::Boolean => "true or false".into(),
        ParamKind::Enum(options) => format!("one of {}", options.join(", ")),
        ParamKind::Metadata => "key / value pairs".into(),
        ParamKind::List => "a list".into(),
        ParamKind::String | ParamKind::Id(_) => "text".into(),
    })
}

/// What is wrong with the value a comparison is made against, if anything.
fn bad_operand(value: &Value, op: Op, kind: ValueKind, reference: &str) -> Option<Issue> {
    let bad = |expected: &str| {
        Some(Issue::BadValue {
            reference: reference.to_owned(),
            expected: expected.to_owned(),
        })
    };
    let items: Vec<&Value> = match (op, value) {
        (Op::OneOf | Op::NotOneOf, Value::Array(items)) if !items.is_empty() => {
            items.iter().collect()
        }
        (Op::OneOf | Op::NotOneOf, Value::Null) => {
            return Some(Issue::ValueMissing {
                reference: reference.to_owned(),
            })
        }
        (Op::OneOf | Op::NotOneOf, _) => return bad("a list of one or more values"),
        (_, v) if is_blank(v) && !(kind == ValueKind::String && v.is_string()) => {
            return Some(Issue::ValueMissing {
                reference: reference.to_owned(),
            })
        }
        (_, v) => vec![v],
    };
    for item in items {
        let fits = match kind {
            ValueKind::Number | ValueKind::Money | ValueKind::Timestamp => match item {
                Value::Number(_) => true,
                Value::String(s) => s.trim().parse::<f64>().is_ok(),
                _ => false,
            },
            ValueKind::Boolean => {
                matches!(item, Value::Bool(_))
                    || matches!(item, Value::String(s) if s == "true" || s == "false")
            }
            ValueKind::String => {
                matches!(item, Value::String(_) | Value::Number(_) | Value::Bool(_))
            }
            ValueKind::List | ValueKind::Object => true,
        };
        if !fits {
            return bad(match kind {
                ValueKind::Number => "a number",
                ValueKind::Money => "an amount such as 10.50",
                ValueKind::Timestamp => "a date as Unix seconds",
                ValueKind::Boolean => "true or false",
                _ => "text",
            });
        }
    }
    None
}
