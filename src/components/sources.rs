//! Where dynamic values and condition fields come from: the trigger event's object and the
//! output of every step that will have run before a given step, on its path.
//!
//! The field picker, the condition editor and the value chips all read these options, each
//! a reference (`trigger.data.object.customer`) with the "Source | Field" words people read
//! ("Payment intent | Customer ID"). The types and labels are the sandbox catalog's.

use sandflow_engine::sandbox::{self, EventSpec};
use sandflow_engine::{humanize, Arm, FieldSpec, Reference, Root, Step, ValueKind, Workflow};

/// One field a condition or a dynamic value can read.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldOption {
    /// The reference written into the workflow, e.g. `trigger.data.object.customer`.
    pub reference: String,
    /// Where it comes from, e.g. "Payment intent" or "Retrieve a customer".
    pub source: String,
    /// The field, e.g. "Customer ID".
    pub label: String,
    /// Its type.
    pub kind: ValueKind,
    /// How deep it is nested (0 for a top-level field), for indenting.
    pub depth: usize,
}

impl FieldOption {
    /// "Source | Field".
    pub fn title(&self) -> String {
        format!("{} | {}", self.source, self.label)
    }
}

/// The trigger's event type spec, if the workflow has a known trigger.
pub fn trigger_spec(workflow: &Workflow) -> Option<&'static EventSpec> {
    workflow.event_type().and_then(sandbox::event_type)
}

/// The fields readable by step `step` (`None`: the trigger conditions, which read only the
/// trigger event).
pub fn field_options(workflow: &Workflow, step: Option<&str>) -> Vec<FieldOption> {
    let mut out = trigger_options(workflow);
    if let Some(id) = step {
        let mut seen = Vec::new();
        if earlier(&workflow.steps, id, &mut seen) {
            for s in seen {
                out.extend(step_options(s));
            }
        }
    }
    out
}

/// "Source | Field" for a reference written in the workflow; the reference itself when it
/// names nothing the catalog knows.
pub fn describe_reference(workflow: &Workflow, text: &str) -> String {
    let Ok(reference) = Reference::parse(text) else {
        return text.to_owned();
    };
    let options = match &reference.root {
        Root::Trigger => trigger_options(workflow),
        Root::Step(id) => workflow.step(id).map(step_options).unwrap_or_default(),
    };
    options
        .iter()
        .find(|o| o.reference == text)
        .map(FieldOption::title)
        .unwrap_or_else(|| text.to_owned())
}

/// A text with its `{{…}}` dynamic values written as "[Source | Field]", for summaries.
pub fn readable(workflow: &Workflow, text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        let Some(close) = rest[open..].find("}}") else {
            break;
        };
        out.push_str(&rest[..open]);
        let reference = rest[open + 2..open + close].trim();
        out.push_str(&format!("[{}]", describe_reference(workflow, reference)));
        rest = &rest[open + close + 2..];
    }
    out.push_str(rest);
    out
}

fn trigger_options(workflow: &Workflow) -> Vec<FieldOption> {
    let Some(spec) = trigger_spec(workflow) else {
        return Vec::new();
    };
    let source = humanize(spec.object);
    sandbox::fields(spec.object)
        .into_iter()
        .map(|f| option(format!("trigger.data.object.{}", f.path), &source, f))
        .collect()
}

fn step_options(step: &Step) -> Vec<FieldOption> {
    let Step::Action { id, action, .. } = step else {
        return Vec::new();
    };
    let Some(spec) = sandbox::action(action) else {
        return Vec::new();
    };
    sandbox::fields(spec.returns)
        .into_iter()
        .map(|f| option(format!("steps.{id}.{}", f.path), spec.name, f))
        .collect()
}

fn option(reference: String, source: &str, field: FieldSpec) -> FieldOption {
    FieldOption {
        reference,
        source: source.to_owned(),
        depth: field.path.matches('.').count(),
        label: field.label,
        kind: field.kind,
    }
}

/// Collects in `seen` the steps that run before `target` on its path (branches enclosing it
/// included); `true` when `target` was found.
fn earlier<'a>(steps: &'a [Step], target: &str, seen: &mut Vec<&'a Step>) -> bool {
    for step in steps {
        if step.id() == target {
            return true;
        }
        seen.push(step);
        for arm in [Arm::Then, Arm::Else] {
            if let Some(inner) = step.arm(arm) {
                let mut inside = seen.clone();
                if earlier(inner, target, &mut inside) {
                    *seen = inside;
                    return true;
                }
            }
        }
    }
    false
}
