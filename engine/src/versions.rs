//! Versions of a workflow: a draft that never runs, and published versions that do not
//! change once published.
//!
//! [`Workflows`](crate::Workflows) holds each workflow's live definition (the published
//! version that runs on events, whose number is [`Workflow::version`]) and its draft;
//! [`Workflows::publish`](crate::Workflows::publish) turns the draft into the next
//! [`Version`], which the app stores beside the others. Runs copy the definition they ran,
//! number included, so a run always says which version it ran and shows that version's
//! steps. Restoring an old version starts a draft from it: history is never rewritten.

use serde::{Deserialize, Serialize};

use crate::workflow::Workflow;

/// One published version of a workflow, as it was published: it never changes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Version {
    /// The workflow's id.
    pub workflow_id: String,
    /// `1` for v1, `2` for v2, ...
    pub number: u32,
    /// When it was published, Unix seconds of sandbox time.
    pub published: i64,
    /// Why it was published, as the person wrote it (may be empty).
    #[serde(default)]
    pub note: String,
    /// The definition as published.
    pub definition: Workflow,
}

impl Version {
    /// The version `workflow` is, published at `published` with `note`: for a live
    /// definition that has no stored version yet (stored before versions existed, or
    /// imported from a file without its history).
    pub fn of(workflow: &Workflow, published: i64, note: &str) -> Option<Version> {
        (workflow.version > 0).then(|| Version {
            workflow_id: workflow.id.clone(),
            number: workflow.version,
            published,
            note: note.to_owned(),
            definition: workflow.clone(),
        })
    }

    /// `v3` for version 3.
    pub fn label(number: u32) -> String {
        format!("v{number}")
    }
}
