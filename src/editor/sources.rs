//! Where dynamic values and condition fields come from: the trigger event's object and the
//! output of every step that will have run before a given step, on its path.
//!
//! Which sources a step can read is the engine's [`sources`], the walk validation uses too;
//! here each becomes the options the field picker, the condition editor and the value chips
//! show, each a reference (`trigger.data.object.customer`) with the "Source | Field" words
//! people read ("Payment intent | Customer ID"). The types and labels are the sandbox
//! catalog's.

use sandflow_engine::sandbox::{self, EventSpec};
use sandflow_engine::{
    sources, Piece, Reference, Root, SandboxCatalog, Source, ValueKind, Workflow,
};

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
/// trigger event), in the order of the engine's [`sources`].
pub fn field_options(workflow: &Workflow, step: Option<&str>) -> Vec<FieldOption> {
    sources(workflow, step, &SandboxCatalog)
        .iter()
        .flat_map(source_options)
        .collect()
}

/// "Source | Field" for a reference written in the workflow; the reference itself when it
/// names nothing the catalog knows.
pub fn describe_reference(workflow: &Workflow, text: &str) -> String {
    let Ok(reference) = Reference::parse(text) else {
        return text.to_owned();
    };
    let options = match &reference.root {
        Root::Trigger => source_options(&Source::trigger(workflow, &SandboxCatalog)),
        Root::Step(id) => workflow
            .step(id)
            .map(|s| source_options(&Source::step(s, &SandboxCatalog)))
            .unwrap_or_default(),
    };
    options
        .iter()
        .find(|o| o.reference == text)
        .map(FieldOption::title)
        .unwrap_or_else(|| text.to_owned())
}

/// A text with its `{{…}}` dynamic values written as "[Source | Field]", for summaries.
pub fn readable(workflow: &Workflow, text: &str) -> String {
    Piece::split(text)
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(t) => t,
            Piece::Value(r) => format!("[{}]", describe_reference(workflow, &r)),
        })
        .collect()
}

/// The fields of the object a source gives; none when its type is unknown.
fn source_options(source: &Source<'_>) -> Vec<FieldOption> {
    let Some(object) = source.object else {
        return Vec::new();
    };
    sandbox::fields(object)
        .into_iter()
        .map(|f| FieldOption {
            reference: source.field_reference(&f.path),
            source: source.name.clone(),
            depth: f.path.matches('.').count(),
            label: f.label,
            kind: f.kind,
        })
        .collect()
}
