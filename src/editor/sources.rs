//! How the editor names what dynamic values and condition fields read: a reference
//! (`trigger.data.object.customer`) in the "Source | Field" words people read
//! ("Payment intent | Customer ID").
//!
//! Which sources a step can read and which fields each offers are the engine's
//! ([`source_fields`](sandflow_engine::source_fields), [`Source::fields`]), the same walk
//! validation uses; here they are only put into words for summaries and chips.

use sandflow_engine::sandbox::{self, EventSpec};
use sandflow_engine::{Piece, Reference, Root, SandboxCatalog, Source, Workflow};

/// The trigger's event type spec, if the workflow has a known trigger.
pub fn trigger_spec(workflow: &Workflow) -> Option<&'static EventSpec> {
    workflow.event_type().and_then(sandbox::event_type)
}

/// "Source | Field" for a reference written in the workflow; the reference itself when it
/// names nothing the catalog knows.
pub fn describe_reference(workflow: &Workflow, text: &str) -> String {
    let Ok(reference) = Reference::parse(text) else {
        return text.to_owned();
    };
    let source = match &reference.root {
        Root::Trigger => Some(Source::trigger(workflow, &SandboxCatalog)),
        Root::Step(id) => workflow.step(id).map(|s| Source::step(s, &SandboxCatalog)),
    };
    source
        .map(|s| s.fields(&SandboxCatalog))
        .unwrap_or_default()
        .iter()
        .find(|f| f.reference == text)
        .map(|f| crate::i18n::words::field_title(crate::i18n::lang(), f))
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
