//! The checks of a workflow within its bounds: the trigger, each step's action and
//! parameters, conditions, dynamic values and what they read, email fields, and loops a
//! workflow's own actions could start. [`run`] walks the workflow once, in editor order.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use crate::bounds::check_metadata;
use crate::catalog::{humanize, Catalog};
use crate::condition::{Condition, Op};
use crate::field_spec::{FieldSpec, ValueKind};
use crate::limits::{MAX_CASCADE_DEPTH, MAX_STEPS};
use crate::path::Path;
use crate::reference::{Reference, Root};
use crate::sandbox::ParamKind;
use crate::sources::each_step;
use crate::template::{references_in, Template};
use crate::workflow::{Arm, Step, Workflow};

use super::{kind_name, Expected, Issue, Location, Problem, Severity};

/// Every problem of `workflow` (already within its bounds), in editor order.
pub(super) fn run(workflow: &Workflow, catalog: &dyn Catalog) -> Vec<Problem> {
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
fn bad_fixed_value(v: &Value, kind: ParamKind) -> Option<Expected> {
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
        ParamKind::Items(fields) => v.as_array().is_some_and(|rows| {
            rows.iter().all(|row| {
                row.as_object().is_some_and(|row| {
                    row.iter().all(|(name, value)| {
                        fields.iter().any(|f| {
                            f.name == name
                                && (is_blank(value) || bad_fixed_value(value, f.kind).is_none())
                        })
                    })
                })
            })
        }),
        ParamKind::String | ParamKind::Id(_) => v.is_string() || v.is_number(),
    };
    if ok {
        return None;
    }
    Some(match kind {
        ParamKind::Integer => Expected::WholeNumber,
        ParamKind::Money => Expected::MinorUnitAmount,
        ParamKind::Timestamp => Expected::UnixDate,
        ParamKind::Boolean => Expected::TrueFalse,
        ParamKind::Enum(options) => {
            Expected::OneOf(options.iter().map(|o| (*o).to_owned()).collect())
        }
        ParamKind::Metadata => Expected::KeyValuePairs,
        ParamKind::List => Expected::List,
        ParamKind::Items(fields) => {
            Expected::Rows(fields.iter().map(|f| f.name.to_owned()).collect())
        }
        ParamKind::String | ParamKind::Id(_) => Expected::Text,
    })
}

/// What is wrong with the value a comparison is made against, if anything.
fn bad_operand(value: &Value, op: Op, kind: ValueKind, reference: &str) -> Option<Issue> {
    let bad = |expected: Expected| {
        Some(Issue::BadValue {
            reference: reference.to_owned(),
            expected,
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
        (Op::OneOf | Op::NotOneOf, _) => return bad(Expected::Values),
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
                Value::String(s) => crate::decimal::parse_f64(s.trim()).is_some(),
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
                ValueKind::Number => Expected::Number,
                ValueKind::Money => Expected::DecimalAmount,
                ValueKind::Timestamp => Expected::UnixDate,
                ValueKind::Boolean => Expected::TrueFalse,
                _ => Expected::Text,
            });
        }
    }
    None
}
