#![recursion_limit = "256"]
//! Sandflow's engine (skeleton; filled in by the engine and sandbox work).

pub mod event;
pub mod sandbox;
pub mod schema;

mod catalog;
mod condition;
mod edit;
mod execute;
mod gallery;
mod history;
mod ids;
pub mod limits;
pub mod money;
mod path;
mod reference;
mod run;
mod scope;
mod template;
mod transfer;
mod validate;
mod workflow;
mod workflows;

pub use catalog::{humanize, Catalog, SandboxCatalog};
pub use condition::{Compare, Condition, Op, Quantifier};
pub use edit::{delete_step, duplicate_step, insert_step, move_step, replace_trigger, Direction, EditError, Slot};
pub use event::{Event, EventData, EventRequest};
pub use execute::{dispatch, is_triggered, Account, Dispatch, Dispatcher, RerunError};
pub use gallery::{templates, WorkflowTemplate};
pub use history::{History, UNDO_LIMIT};
pub use ids::Ids;
pub use path::{Found, Path, PathError};
pub use reference::{FieldRef, Reference, ReferenceError, Root};
pub use run::{BudgetExceeded, Email, Failure, Run, RunStatus, StepRecord, StepStatus};
pub use schema::{FieldSpec, ValueKind};
pub use scope::Scope;
pub use template::{render_text, render_value, Template, TemplateError};
pub use transfer::{export, import, ExportDocument, ImportProblem};
pub use validate::{has_errors, kind_name, validate, Issue, Location, Problem, Severity};
pub use workflow::{
    Arm, EmailRow, Status, Step, StepKind, Trigger, Workflow, DEFAULT_NAME, FORMAT_VERSION,
};
pub use workflows::{Workflows, WorkflowsError};
