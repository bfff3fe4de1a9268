//! The set of workflows of an account, and the one place that enforces its limits.
//!
//! Creating, adding, saving, activating, deactivating, renaming and deleting all go through
//! [`Workflows`], which refuses with a named [`WorkflowsError`] when a limit would be
//! crossed: [`MAX_ACTIVE`] active, [`MAX_WORKFLOWS`] in total, [`MAX_STEPS`] steps, the
//! [bounds](crate::bounds) of what a workflow may hold (a draft included), and no
//! activation while validation finds errors.

use serde::{Deserialize, Serialize};

use crate::bounds::check_name;
use crate::catalog::Catalog;
use crate::ids::Ids;
use crate::limits::{MAX_ACTIVE, MAX_STEPS, MAX_WORKFLOWS};
use crate::validate::{out_of_bounds, validate, Issue, Problem};
use crate::workflow::{Status, Workflow, DEFAULT_NAME};

/// Why a change to the set of workflows was refused.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum WorkflowsError {
    /// Activating would exceed the active limit.
    #[error("{limit} workflows are already active: deactivate one first")]
    TooManyActive {
        /// The limit.
        limit: usize,
    },
    /// Creating would exceed the total limit.
    #[error("you already have {limit} workflows, the most there can be: delete one first")]
    TooManyWorkflows {
        /// The limit.
        limit: usize,
    },
    /// The workflow has more steps than allowed.
    #[error("this workflow has {count} steps and the limit is {limit}: remove {excess} first", excess = count - limit)]
    TooManySteps {
        /// Steps, branches included.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// No workflow with that id.
    #[error("there is no workflow `{id}`: it may have been deleted")]
    NotFound {
        /// The id.
        id: String,
    },
    /// A workflow past the bounds of what one may hold (a condition nested too deep, a
    /// name too long, ...), refused even as a draft.
    #[error("fix {count} problem{s} before saving: {first}", count = problems.len(), s = if problems.len() == 1 { "" } else { "s" }, first = problems.first().map(ToString::to_string).unwrap_or_default())]
    OutOfBounds {
        /// Every bound crossed.
        problems: Vec<Problem>,
    },
    /// Activation (or saving an active workflow) with validation errors.
    #[error("fix {count} problem{s} before activating: {first}", count = problems.len(), s = if problems.len() == 1 { "" } else { "s" }, first = problems.first().map(ToString::to_string).unwrap_or_default())]
    Invalid {
        /// Every error found.
        problems: Vec<Problem>,
    },
}

/// Every workflow of the account, in creation order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Workflows {
    items: Vec<Workflow>,
}

impl Workflows {
    /// No workflow.
    pub fn new() -> Self {
        Self::default()
    }

    /// Workflows as stored, without checks (storage wrote them through this type).
    pub fn from_stored(items: Vec<Workflow>) -> Self {
        Self { items }
    }

    /// All of them, for [`dispatch`](crate::dispatch).
    pub fn as_slice(&self) -> &[Workflow] {
        &self.items
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// How many are active.
    pub fn active_count(&self) -> usize {
        self.items.iter().filter(|w| w.is_active()).count()
    }

    /// One by id.
    pub fn get(&self, id: &str) -> Option<&Workflow> {
        self.items.iter().find(|w| w.id == id)
    }

    fn index(&self, id: &str) -> Result<usize, WorkflowsError> {
        self.items
            .iter()
            .position(|w| w.id == id)
            .ok_or_else(|| WorkflowsError::NotFound { id: id.to_owned() })
    }

    /// Whether **New workflow** can be used now.
    pub fn can_create(&self) -> Result<(), WorkflowsError> {
        if self.items.len() >= MAX_WORKFLOWS {
            return Err(WorkflowsError::TooManyWorkflows {
                limit: MAX_WORKFLOWS,
            });
        }
        Ok(())
    }

    /// Whether one more workflow can be activated now.
    pub fn can_activate(&self) -> Result<(), WorkflowsError> {
        if self.active_count() >= MAX_ACTIVE {
            return Err(WorkflowsError::TooManyActive { limit: MAX_ACTIVE });
        }
        Ok(())
    }

    /// Creates an inactive "Untitled workflow" and returns it.
    pub fn create(&mut self, ids: &mut Ids, now: i64) -> Result<&Workflow, WorkflowsError> {
        self.can_create()?;
        self.items.push(Workflow::new(ids.next("wf"), now));
        Ok(self.items.last().expect("just pushed"))
    }

    /// Adds a workflow built elsewhere (a template, an import), within every limit and
    /// bound; an active one must validate.
    pub fn add(&mut self, workflow: Workflow, catalog: &dyn Catalog) -> Result<(), WorkflowsError> {
        self.can_create()?;
        check_bounds(&workflow)?;
        check_steps(&workflow)?;
        if workflow.is_active() {
            self.can_activate()?;
            check_valid(&workflow, catalog)?;
        }
        self.items.push(workflow);
        Ok(())
    }

    /// Saves an edited workflow over the one with its id (or adds it). It must be within
    /// the bounds of what a workflow may hold, and an active one must validate; warnings are
    /// returned.
    pub fn save(
        &mut self,
        mut workflow: Workflow,
        catalog: &dyn Catalog,
        now: i64,
    ) -> Result<Vec<Problem>, WorkflowsError> {
        check_bounds(&workflow)?;
        check_steps(&workflow)?;
        let problems = validate(&workflow, catalog);
        workflow.updated = now;
        match self.items.iter().position(|w| w.id == workflow.id) {
            Some(i) => {
                if workflow.is_active() {
                    if !self.items[i].is_active() {
                        self.can_activate()?;
                    }
                    check_valid(&workflow, catalog)?;
                }
                self.items[i] = workflow;
            }
            None => self.add(workflow, catalog)?,
        }
        Ok(problems)
    }

    /// Activates a workflow; refuses over the active limit or with validation errors, each
    /// of which is returned. Warnings are returned on success.
    pub fn activate(
        &mut self,
        id: &str,
        catalog: &dyn Catalog,
        now: i64,
    ) -> Result<Vec<Problem>, WorkflowsError> {
        let i = self.index(id)?;
        let problems = validate(&self.items[i], catalog);
        if self.items[i].is_active() {
            return Ok(problems);
        }
        self.can_activate()?;
        check_steps(&self.items[i])?;
        check_valid(&self.items[i], catalog)?;
        let workflow = &mut self.items[i];
        workflow.status = Status::Active;
        workflow.updated = now;
        Ok(problems)
    }

    /// Deactivates a workflow (it keeps its definition and runs).
    pub fn deactivate(&mut self, id: &str, now: i64) -> Result<(), WorkflowsError> {
        let i = self.index(id)?;
        let workflow = &mut self.items[i];
        if workflow.is_active() {
            workflow.status = Status::Inactive;
            workflow.updated = now;
        }
        Ok(())
    }

    /// Renames a workflow; a blank name becomes "Untitled workflow", a name over
    /// [`MAX_NAME_CHARS`](crate::limits::MAX_NAME_CHARS) characters is refused.
    pub fn rename(&mut self, id: &str, name: &str, now: i64) -> Result<(), WorkflowsError> {
        let i = self.index(id)?;
        let name = name.trim();
        if let Err(error) = check_name(name) {
            let issue = Issue::OutOfBounds { error };
            return Err(WorkflowsError::OutOfBounds {
                problems: vec![Problem::error(None, None, issue)],
            });
        }
        let workflow = &mut self.items[i];
        workflow.name = if name.is_empty() {
            DEFAULT_NAME.to_owned()
        } else {
            name.to_owned()
        };
        workflow.updated = now;
        Ok(())
    }

    /// Deletes a workflow for good and returns it (the app deletes its runs too).
    pub fn delete(&mut self, id: &str) -> Result<Workflow, WorkflowsError> {
        let i = self.index(id)?;
        Ok(self.items.remove(i))
    }
}

fn check_bounds(workflow: &Workflow) -> Result<(), WorkflowsError> {
    let problems = out_of_bounds(workflow);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(WorkflowsError::OutOfBounds { problems })
    }
}

fn check_steps(workflow: &Workflow) -> Result<(), WorkflowsError> {
    let count = workflow.step_count();
    if count > MAX_STEPS {
        return Err(WorkflowsError::TooManySteps {
            count,
            limit: MAX_STEPS,
        });
    }
    Ok(())
}

fn check_valid(workflow: &Workflow, catalog: &dyn Catalog) -> Result<(), WorkflowsError> {
    let errors: Vec<Problem> = validate(workflow, catalog)
        .into_iter()
        .filter(Problem::is_error)
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(WorkflowsError::Invalid { problems: errors })
    }
}
