//! Export and import of workflows as JSON files.
//!
//! An export is an [`ExportDocument`]: a format version, the workflows (their live
//! definitions) and, when exported with their history, their published versions and
//! drafts. An import is
//! checked in full before anything is returned: the file's size, its JSON, its format
//! version, every workflow's shape, [bounds](crate::bounds) and validation, and the limits
//! counted together with the workflows that already exist. `serde_json` refuses JSON nested
//! more than 128 levels deep as malformed, and the bounds keep what is accepted far below
//! that, so a file can neither overflow the stack nor import what cannot be read back.
//! Either every workflow comes back, ready to add, or every problem does, so a bad file
//! never half-imports.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::bounds::{check_name, start_of};
use crate::catalog::Catalog;
use crate::ids::Ids;
use crate::limits::{MAX_ACTIVE, MAX_IMPORT_BYTES, MAX_WORKFLOWS};
use crate::test_case::{TestCase, MAX_TESTS};
use crate::upgrade::upgrade_params;
use crate::validate::{out_of_bounds, validate, Problem};
use crate::versions::Version;
use crate::workflow::{Workflow, FORMAT_VERSION};

/// The JSON document an export writes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportDocument {
    /// The format the workflows are written in.
    pub format_version: u32,
    /// The workflows (their live definitions).
    pub workflows: Vec<Workflow>,
    /// Their published versions, when exported with their history.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<Version>,
    /// Their drafts, when exported with their history.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub drafts: Vec<Workflow>,
    /// Their saved tests, when exported with their history.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tests: Vec<TestCase>,
}

/// What an import brings: workflows ready to add, with the versions and drafts the file
/// carried for them (ids already matched to the workflows' ids here).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportedWorkflows {
    /// The workflows, ready to add.
    pub workflows: Vec<Workflow>,
    /// Their published versions, oldest first per workflow.
    pub versions: Vec<Version>,
    /// Their drafts.
    pub drafts: Vec<Workflow>,
    /// Their saved tests.
    pub tests: Vec<TestCase>,
}

/// One problem that stops an import.
#[derive(Clone, Debug, PartialEq, Serialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ImportProblem {
    /// Over the size limit.
    #[error("the file is {bytes} bytes and the limit is {limit}: export fewer workflows")]
    TooBig {
        /// Its size.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// Not JSON.
    #[error("the file is not valid JSON (line {line}, column {column}): {message}")]
    Malformed {
        /// Where.
        line: usize,
        /// Where.
        column: usize,
        /// The parser's message.
        message: String,
    },
    /// JSON, but not a Sandflow export.
    #[error("the file is not a Sandflow export: it needs `format_version` and `workflows`")]
    NotAnExport,
    /// Written by a newer Sandflow.
    #[error("the file uses format {found} but this Sandflow reads up to {supported}: update Sandflow, then import again")]
    NewerFormat {
        /// In the file.
        found: u64,
        /// What this engine reads.
        supported: u32,
    },
    /// A workflow that does not have a workflow's shape.
    #[error("workflow {index} is not a valid workflow: {message}")]
    BadWorkflow {
        /// Its position in the file (1-based).
        index: usize,
        /// The parser's message.
        message: String,
    },
    /// A version or draft that does not have the shape of one, or belongs to no workflow of
    /// the file.
    #[error("{what} {index} is not valid: {message}")]
    BadHistory {
        /// "version", "draft" or "test".
        what: &'static str,
        /// Its position in the file (1-based).
        index: usize,
        /// Why.
        message: String,
    },
    /// A workflow with validation errors.
    #[error("workflow {index} “{name}”: {problem}")]
    Invalid {
        /// Its position in the file (1-based).
        index: usize,
        /// Its name.
        name: String,
        /// The problem.
        problem: Problem,
    },
    /// Too many workflows in total.
    #[error("importing {importing} workflows next to the {existing} you have would make more than {limit}: delete some or import fewer")]
    TooManyWorkflows {
        /// In the file.
        importing: usize,
        /// Already there.
        existing: usize,
        /// The limit.
        limit: usize,
    },
    /// Too many active workflows.
    #[error("the file has {importing} active workflows and {existing} are already active, more than {limit}: deactivate some first")]
    TooManyActive {
        /// Active in the file.
        importing: usize,
        /// Already active.
        existing: usize,
        /// The limit.
        limit: usize,
    },
}

/// The export file of `workflows`, as pretty JSON.
pub fn export(workflows: &[Workflow]) -> String {
    export_with_history(workflows, &[], &[], &[])
}

/// The export file of `workflows` with their published `versions`, `drafts` and saved
/// `tests`.
pub fn export_with_history(
    workflows: &[Workflow],
    versions: &[Version],
    drafts: &[Workflow],
    tests: &[TestCase],
) -> String {
    let document = ExportDocument {
        format_version: FORMAT_VERSION,
        workflows: workflows.to_vec(),
        versions: versions.to_vec(),
        drafts: drafts.to_vec(),
        tests: tests.to_vec(),
    };
    serde_json::to_string_pretty(&document).unwrap_or_default()
}

/// Checks an export file against the `existing` workflows and returns its workflows, ready
/// to add; ids that clash with existing ones (or each other) get new ones from `ids`.
pub fn import(
    text: &str,
    existing: &[Workflow],
    catalog: &dyn Catalog,
    ids: &mut Ids,
) -> Result<Vec<Workflow>, Vec<ImportProblem>> {
    import_with_history(text, existing, catalog, ids).map(|imported| imported.workflows)
}

/// [`import`], with the versions and drafts the file carries. A version or draft is
/// checked like a workflow's shape and bounds (not validated: a draft may be unfinished,
/// and a version was valid when it was published), must belong to a workflow of the file,
/// and follows its workflow when that gets a new id; a version numbered after its
/// workflow's live one, or twice, is a problem.
pub fn import_with_history(
    text: &str,
    existing: &[Workflow],
    catalog: &dyn Catalog,
    ids: &mut Ids,
) -> Result<ImportedWorkflows, Vec<ImportProblem>> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(vec![ImportProblem::TooBig {
            bytes: text.len(),
            limit: MAX_IMPORT_BYTES,
        }]);
    }
    let document: Value = serde_json::from_str(text).map_err(|e| {
        vec![ImportProblem::Malformed {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        }]
    })?;
    let (Some(version), Some(Value::Array(items))) = (
        document.get("format_version").and_then(Value::as_u64),
        document.get("workflows"),
    ) else {
        return Err(vec![ImportProblem::NotAnExport]);
    };
    if version > u64::from(FORMAT_VERSION) {
        return Err(vec![ImportProblem::NewerFormat {
            found: version,
            supported: FORMAT_VERSION,
        }]);
    }
    let mut problems = Vec::new();
    let mut workflows = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let index = i + 1;
        if let Some(v) = item.get("format_version").and_then(Value::as_u64) {
            if v > u64::from(FORMAT_VERSION) {
                problems.push(ImportProblem::NewerFormat {
                    found: v,
                    supported: FORMAT_VERSION,
                });
                continue;
            }
        }
        match Workflow::deserialize(item) {
            Err(e) => problems.push(ImportProblem::BadWorkflow {
                index,
                message: e.to_string(),
            }),
            Ok(mut workflow) => {
                // A file written against the earlier action catalog imports with Stripe's
                // parameter names.
                upgrade_params(&mut workflow);
                let name = match check_name(&workflow.name) {
                    Ok(()) => workflow.name.clone(),
                    Err(_) => start_of(&workflow.name),
                };
                for problem in validate(&workflow, catalog) {
                    if problem.is_error() {
                        problems.push(ImportProblem::Invalid {
                            index,
                            name: name.clone(),
                            problem,
                        });
                    }
                }
                workflows.push(workflow);
            }
        }
    }
    if existing.len() + items.len() > MAX_WORKFLOWS {
        problems.push(ImportProblem::TooManyWorkflows {
            importing: items.len(),
            existing: existing.len(),
            limit: MAX_WORKFLOWS,
        });
    }
    let active_existing = existing.iter().filter(|w| w.is_active()).count();
    let active_new = workflows.iter().filter(|w| w.is_active()).count();
    if active_existing + active_new > MAX_ACTIVE {
        problems.push(ImportProblem::TooManyActive {
            importing: active_new,
            existing: active_existing,
            limit: MAX_ACTIVE,
        });
    }
    let (mut versions, mut drafts) = history(&document, &workflows, &mut problems);
    let mut tests = saved_tests(&document, &workflows, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut taken: HashSet<String> = existing.iter().map(|w| w.id.clone()).collect();
    for workflow in &mut workflows {
        workflow.format_version = FORMAT_VERSION;
        let old = workflow.id.clone();
        if workflow.id.is_empty() || !taken.insert(workflow.id.clone()) {
            workflow.id = ids.next("wf");
            taken.insert(workflow.id.clone());
        }
        // Each workflow's history follows it: matched by position, not by id, as the file
        // may hold the same id twice.
        let at = |id: &str| id == old;
        for version in versions
            .iter_mut()
            .filter(|v| at(&v.workflow_id) && v.definition.id == old)
        {
            version.workflow_id.clone_from(&workflow.id);
            version.definition.id.clone_from(&workflow.id);
        }
        for draft in drafts.iter_mut().filter(|d| at(&d.id)) {
            draft.id.clone_from(&workflow.id);
        }
        for test in tests.iter_mut().filter(|t| at(&t.workflow_id)) {
            test.workflow_id.clone_from(&workflow.id);
        }
    }
    versions.sort_by(|a, b| (&a.workflow_id, a.number).cmp(&(&b.workflow_id, b.number)));
    Ok(ImportedWorkflows {
        workflows,
        versions,
        drafts,
        tests,
    })
}

/// The saved tests of an export, checked against its `workflows`: each must have a test's
/// shape, belong to a workflow of the file, be within a test's bounds, and have an id of
/// its own; a workflow takes at most [`MAX_TESTS`].
fn saved_tests(
    document: &Value,
    workflows: &[Workflow],
    problems: &mut Vec<ImportProblem>,
) -> Vec<TestCase> {
    let mut tests: Vec<TestCase> = Vec::new();
    let items = document
        .get("tests")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for (i, item) in items.iter().enumerate() {
        let bad = |message: String| ImportProblem::BadHistory {
            what: "test",
            index: i + 1,
            message,
        };
        let test = match TestCase::deserialize(item) {
            Ok(test) => test,
            Err(e) => {
                problems.push(bad(e.to_string()));
                continue;
            }
        };
        if !workflows.iter().any(|w| w.id == test.workflow_id) {
            problems.push(bad(format!(
                "no workflow `{}` in the file",
                test.workflow_id
            )));
            continue;
        }
        if let Err(e) = test.check() {
            problems.push(bad(e.to_string()));
            continue;
        }
        let mine = tests.iter().filter(|t| t.workflow_id == test.workflow_id);
        if mine.clone().any(|t| t.id == test.id) {
            problems.push(bad(format!("test `{}` is there twice", test.id)));
            continue;
        }
        if mine.count() >= MAX_TESTS {
            problems.push(bad(format!(
                "workflow `{}` would have more than {MAX_TESTS} tests",
                test.workflow_id
            )));
            continue;
        }
        tests.push(test);
    }
    tests
}

/// The versions and drafts of an export, checked against its `workflows`.
fn history(
    document: &Value,
    workflows: &[Workflow],
    problems: &mut Vec<ImportProblem>,
) -> (Vec<Version>, Vec<Workflow>) {
    let items = |key: &str| {
        document
            .get(key)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let owner = |id: &str| workflows.iter().find(|w| w.id == id);
    let mut versions: Vec<Version> = Vec::new();
    for (i, item) in items("versions").iter().enumerate() {
        let bad = |message: String| ImportProblem::BadHistory {
            what: "version",
            index: i + 1,
            message,
        };
        let version = match Version::deserialize(item) {
            Ok(mut v) => {
                upgrade_params(&mut v.definition);
                v
            }
            Err(e) => {
                problems.push(bad(e.to_string()));
                continue;
            }
        };
        let Some(live) = owner(&version.workflow_id) else {
            problems.push(bad(format!(
                "no workflow `{}` in the file",
                version.workflow_id
            )));
            continue;
        };
        if version.definition.id != live.id
            || version.number == 0
            || version.number > live.version
            || version.definition.version != version.number
        {
            problems.push(bad(format!(
                "{} does not fit workflow `{}` (its live version is {})",
                Version::label(version.number),
                live.id,
                Version::label(live.version)
            )));
            continue;
        }
        if versions
            .iter()
            .any(|v| v.workflow_id == version.workflow_id && v.number == version.number)
        {
            problems.push(bad(format!(
                "{} is there twice",
                Version::label(version.number)
            )));
            continue;
        }
        if !out_of_bounds(&version.definition).is_empty() {
            problems.push(bad("it holds more than a workflow may".to_owned()));
            continue;
        }
        versions.push(version);
    }
    let mut drafts: Vec<Workflow> = Vec::new();
    for (i, item) in items("drafts").iter().enumerate() {
        let bad = |message: String| ImportProblem::BadHistory {
            what: "draft",
            index: i + 1,
            message,
        };
        match Workflow::deserialize(item).map(|mut d| {
            upgrade_params(&mut d);
            d
        }) {
            Err(e) => problems.push(bad(e.to_string())),
            Ok(draft) => match owner(&draft.id) {
                None => problems.push(bad(format!("no workflow `{}` in the file", draft.id))),
                Some(live) if live.version == 0 => problems.push(bad(format!(
                    "workflow `{}` has never been published",
                    live.id
                ))),
                Some(_) if drafts.iter().any(|d| d.id == draft.id) => {
                    problems.push(bad(format!("workflow `{}` has two drafts", draft.id)))
                }
                Some(_) if !out_of_bounds(&draft).is_empty() => {
                    problems.push(bad("it holds more than a workflow may".to_owned()))
                }
                Some(_) => drafts.push(draft),
            },
        }
    }
    (versions, drafts)
}
