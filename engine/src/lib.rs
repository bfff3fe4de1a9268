//! Sandflow's engine: Stripe-style workflows, evaluated and run natively or in wasm.
//!
//! A [`Workflow`] is a trigger (a Stripe event type, with optional trigger
//! [conditions](Condition)) and ordered [steps](Step): API actions on the sandbox account,
//! if / else branches, and "Email a team member". Parameters may hold
//! [dynamic values](template) such as `{{trigger.data.object.email}}` or
//! `{{steps.<id>.id}}`. [`validate`] reports every problem of a draft at once;
//! [`Workflows`] enforces the [limits] (6 active, 20 in total, 12 steps);
//! [`dispatch`] runs the active workflows an [`Event`] triggers against an [`Account`]
//! (the [`sandbox::Sandbox`] in the app) and returns [`Run`] records, cascading the events
//! their actions cause up to a named depth. [`cover`] tallies what events reach in a draft
//! ([`Coverage`]) and [`search`] looks for an event that reaches a step or branch none did. Time and ids come in as arguments, so the same
//! inputs give the same runs, byte for byte. Whatever a person enters (workflows, API
//! parameters, generator overrides) is checked against the [bounds] of an input before
//! anything is stored, so no input can be too deep to read back or overflow the stack.
//!
//! ```
//! use sandflow_engine::sandbox::Sandbox;
//! use sandflow_engine::{
//!     dispatch, Condition, Dispatcher, Ids, Op, RunStatus, SandboxCatalog, Step, Trigger,
//!     ValueKind, Workflows,
//! };
//! use serde_json::json;
//!
//! let now = 1_750_000_000;
//! let mut ids = Ids::new(1);
//! let mut workflows = Workflows::new();
//!
//! // "When a customer whose name starts with Jean is created, email the team."
//! let mut draft = workflows.create(&mut ids, now)?.clone();
//! draft.name = "Welcome Jean".into();
//! draft.trigger = Some(Trigger {
//!     event_type: "customer.created".into(),
//!     condition: Some(Condition::compare(
//!         "trigger.data.object.name",
//!         Op::StartsWith,
//!         ValueKind::String,
//!         json!("Jean"),
//!     )?),
//! });
//! draft.steps.push(Step::email(
//!     "step_1",
//!     "team@example.com",
//!     "New customer: {{trigger.data.object.name}}",
//!     "Say hello!",
//!     &[("Email", "{{trigger.data.object.email}}")],
//! ));
//! let id = draft.id.clone();
//! workflows.save(draft, &SandboxCatalog, now)?;
//! workflows.activate(&id, &SandboxCatalog, now)?;
//!
//! // A person adds a customer in the sandbox; its events feed the workflows.
//! let mut sandbox = Sandbox::new(now, 7);
//! let params = json!({"name": "Jean Dupont", "email": "jean@example.com"});
//! sandbox.call("customers.create", params.as_object().unwrap(), None)?;
//! let mut dispatcher = Dispatcher::new(42);
//! for event in sandbox.take_events() {
//!     let out = dispatch(workflows.as_slice(), &event, &mut sandbox, &mut dispatcher);
//!     for run in &out.runs {
//!         assert_eq!(run.status, RunStatus::Succeeded);
//!         let email = run.emails().next().unwrap();
//!         assert_eq!(email.subject, "New customer: Jean Dupont");
//!     }
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![warn(missing_docs)]
#![recursion_limit = "256"]

pub mod bounds;
pub mod event;
pub mod limits;
pub mod money;
pub mod sandbox;
pub mod template;

mod catalog;
mod condition;
mod condition_edit;
mod coverage;
mod decimal;
mod diff;
mod edit;
mod execute;
mod field_spec;
mod gallery;
mod ids;
mod json;
mod path;
mod reference;
mod replay;
mod run;
mod run_diff;
mod scope;
mod sources;
mod stripe_import;
mod test_case;
mod transfer;
mod undo;
mod upgrade;
mod validate;
pub mod versions;
mod workflow;
mod workflows;

pub use bounds::BoundsError;
pub use catalog::{humanize, Catalog, SandboxCatalog};
pub use condition::{change_can_hold, Compare, Condition, ConditionWords, English, Op, Quantifier};
pub use condition_edit::{
    add_compare, add_group, compare_for, finish, node_at, normalize, parse_value, remove_node,
    replace_compare, set_combinator, value_text, Combinator, ConditionEditError,
};
pub use coverage::{
    cover, generate_events, search, tally, BranchTally, Contradiction, Coverage, CoverageError,
    Example, Exercise, FailedRun, Generated, PathCondition, Point, Search, StepTally, TriggerTally,
    DEFAULT_GENERATED_EVENTS, DEFAULT_SEARCH_BUDGET,
};
pub use diff::{
    diff, value_pieces, Change, ClauseChange, ClauseEdit, ClauseSlot, EmailField, Group, Key, Mark,
    Parent, Place, Record, StepEdit, Summary, WorkflowDiff,
};
pub use edit::{
    delete_step, duplicate_step, insert_step, move_step, replace_trigger, update_step, Direction,
    EditError, Slot,
};
pub use event::{Event, EventData, EventRequest};
pub use execute::{dispatch, is_triggered, Account, Dispatch, Dispatcher, RerunError};
pub use field_spec::{FieldSpec, ValueKind};
pub use gallery::{templates, WorkflowTemplate};
pub use ids::Ids;
pub use path::{Found, Path, PathError};
pub use reference::{FieldRef, Reference, ReferenceError, Root};
pub use replay::{
    judge, replay, Difference, LiveOutcome, Part, RangeError, Replay, ReplayRow, ReplaySummary,
    Replayer, TimeRange, Verdict,
};
pub use run::{BudgetExceeded, Email, Failure, Run, RunStatus, StepError, StepRecord, StepStatus};
pub use run_diff::{
    run_diff, ChangeKind, ErrorChange, RunDiff, RunSide, StepDiff, StepState, ValueChange,
};
pub use scope::Scope;
pub use sources::{
    describe_condition, search_fields, source_fields, sources, step_name, Source, SourceField,
    SourceName,
};
pub use stripe_import::{
    megabytes, parse_stripe_events, ImportError, ImportFormat, Imported, Rejected,
};
pub use template::{render_text, render_value, Piece, Template, TemplateError};
pub use test_case::{
    check_room, run_test, run_tests, trigger_clauses, Asks, Check, Clause, Expectation,
    Found as TestFound, TestCase, TestError, TestResult, TestTally, MAX_TESTS, MAX_TEST_BYTES,
};
pub use transfer::{
    export, export_with_history, import, import_with_history, ExportDocument, ImportProblem,
    ImportedWorkflows,
};
pub use undo::{History, UNDO_LIMIT};
pub use upgrade::upgrade_params;
pub use validate::{has_errors, kind_name, validate, Expected, Issue, Location, Problem, Severity};
pub use versions::Version;
pub use workflow::{
    Arm, EmailRow, Status, Step, StepKind, Trigger, Workflow, DEFAULT_NAME, FORMAT_VERSION,
};
pub use workflows::{Activation, Workflows, WorkflowsError};
