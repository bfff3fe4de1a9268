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
//!
//! The issues and their messages are in `problem.rs`, the checks past the bounds in
//! `checks.rs`.

mod checks;
mod problem;

use crate::bounds::{check_condition, check_field, check_name, check_text, start_of, BoundsError};
use crate::catalog::Catalog;
use crate::limits::{MAX_ID_CHARS, MAX_STRING_CHARS, MAX_WORKFLOW_BYTES};
use crate::workflow::{Step, Workflow};

pub use problem::{has_errors, kind_name, Expected, Issue, Location, Problem, Severity};

/// Every problem of `workflow`, errors and warnings, in editor order; only the
/// [bounds](crate::bounds) it crosses, when it crosses any.
pub fn validate(workflow: &Workflow, catalog: &dyn Catalog) -> Vec<Problem> {
    let problems = out_of_bounds(workflow);
    if !problems.is_empty() {
        return problems;
    }
    checks::run(workflow, catalog)
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
