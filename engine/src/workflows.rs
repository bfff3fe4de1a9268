//! The set of workflows of an account, and the one place that enforces its limits.
//!
//! Creating, adding, saving, publishing, activating, deactivating, renaming and deleting
//! all go through [`Workflows`], which refuses with a named [`WorkflowsError`] when a limit
//! would be crossed: [`MAX_ACTIVE`] active, [`MAX_WORKFLOWS`] in total, [`MAX_STEPS`] steps,
//! the [bounds](crate::bounds) of what a workflow may hold (a draft included), and no
//! publishing or activation while validation finds errors.
//!
//! Each workflow has its live definition, the published version that runs on events, and
//! at most one draft, which never runs (see [`versions`](crate::versions)). Until the first
//! publish there is no separate draft: the unpublished definition (version 0) is edited in
//! place, and activating it publishes it as v1.

use crate::bounds::check_name;
use crate::catalog::Catalog;
use crate::ids::Ids;
use crate::limits::{MAX_ACTIVE, MAX_NOTE_CHARS, MAX_STEPS, MAX_WORKFLOWS};
use crate::validate::{out_of_bounds, validate, Issue, Problem};
use crate::versions::Version;
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
    /// Publishing or activation with validation errors.
    #[error("fix {count} problem{s} before activating: {first}", count = problems.len(), s = if problems.len() == 1 { "" } else { "s" }, first = problems.first().map(ToString::to_string).unwrap_or_default())]
    Invalid {
        /// Every error found.
        problems: Vec<Problem>,
    },
    /// Publish with no draft: the live version is already the latest.
    #[error("there is no draft to publish: edit the workflow first")]
    NothingToPublish,
    /// A version note over the limit.
    #[error("a version note holds at most {limit} characters: shorten it")]
    NoteTooLong {
        /// The limit.
        limit: usize,
    },
    /// A version of another workflow.
    #[error("that version belongs to another workflow")]
    OtherWorkflow,
    /// Saving over a definition that changed (in another tab) since the editor read it.
    #[error("this workflow was changed in another tab since you opened it: load that version, or save yours over it")]
    ChangedElsewhere,
}

/// What activating did: the warnings validation found, and the version it published when
/// the workflow had never been published (the first activation publishes v1).
#[derive(Clone, Debug, PartialEq)]
pub struct Activation {
    /// Warnings (never errors: those refuse).
    pub problems: Vec<Problem>,
    /// The version published on the way, to store.
    pub published: Option<Version>,
}

/// Every workflow of the account, in creation order, each with its draft if it has one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Workflows {
    items: Vec<Workflow>,
    /// Drafts of published workflows, by workflow id (same id as their workflow).
    drafts: Vec<Workflow>,
}

impl Workflows {
    /// No workflow.
    pub fn new() -> Self {
        Self::default()
    }

    /// Workflows as stored, without checks (storage wrote them through this type), with
    /// their drafts (a draft whose workflow is not among them is dropped).
    /// Definitions written against the earlier action catalog get Stripe's parameter names
    /// ([`upgrade_params`](crate::upgrade_params)).
    pub fn from_stored(mut items: Vec<Workflow>, mut drafts: Vec<Workflow>) -> Self {
        for workflow in items.iter_mut().chain(drafts.iter_mut()) {
            crate::upgrade::upgrade_params(workflow);
        }
        let drafts = drafts
            .into_iter()
            .filter(|d| items.iter().any(|w| w.id == d.id && w.version > 0))
            .collect();
        Self { items, drafts }
    }

    /// The draft of `id`, if it has one apart from its live version.
    pub fn draft(&self, id: &str) -> Option<&Workflow> {
        self.drafts.iter().find(|d| d.id == id)
    }

    /// What the editor shows and edits of `id`: its draft, else its live definition.
    pub fn editing(&self, id: &str) -> Option<&Workflow> {
        self.draft(id).or_else(|| self.get(id))
    }

    /// Whether `id` has changes not published yet: a draft, or no version published at
    /// all.
    pub fn has_unpublished(&self, id: &str) -> bool {
        self.draft(id).is_some() || self.get(id).is_some_and(|w| w.version == 0)
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

    /// [`Self::save`], unless what is stored for the workflow (its draft, or its live
    /// version) no longer has the definition of `base`, the one the editor started from:
    /// then someone else changed it meanwhile (another tab), and saving would silently
    /// throw that change away. Refused with [`WorkflowsError::ChangedElsewhere`], except
    /// when the stored definition already is `workflow`'s. Status and version are not
    /// part of the definition: activating or publishing elsewhere is no conflict.
    pub fn save_over(
        &mut self,
        workflow: Workflow,
        base: &Workflow,
        catalog: &dyn Catalog,
        now: i64,
    ) -> Result<Vec<Problem>, WorkflowsError> {
        if let Some(stored) = self.editing(&workflow.id) {
            if !stored.same_definition(base) && !stored.same_definition(&workflow) {
                return Err(WorkflowsError::ChangedElsewhere);
            }
        }
        self.save(workflow, catalog, now)
    }

    /// Saves an edited workflow as its draft: over the unpublished definition until the
    /// first publish, else as the draft beside the live version (which goes on running
    /// unchanged). It must be within the bounds of what a workflow may hold; validation's
    /// problems are returned, not refused (Publish refuses errors). The name is not
    /// versioned: it changes at once. An unknown id is added, as [`Self::add`] does.
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
        let Some(i) = self.items.iter().position(|w| w.id == workflow.id) else {
            self.add(workflow, catalog)?;
            return Ok(problems);
        };
        let live = &mut self.items[i];
        // The draft keeps the live status and version number: they are the workflow's.
        workflow.status = live.status;
        workflow.version = live.version;
        live.name.clone_from(&workflow.name);
        if live.version == 0 {
            *live = workflow;
        } else {
            live.updated = now;
            match self.drafts.iter_mut().find(|d| d.id == workflow.id) {
                Some(draft) => *draft = workflow,
                None => self.drafts.push(workflow),
            }
        }
        Ok(problems)
    }

    /// Publishes the draft of `id` (or its unpublished definition) as its next version,
    /// which becomes the live one: the next events run it. Refused with the validation
    /// errors, as activation is; the workflow stays active or inactive as it was. The
    /// version to store.
    pub fn publish(
        &mut self,
        id: &str,
        note: &str,
        catalog: &dyn Catalog,
        now: i64,
    ) -> Result<Version, WorkflowsError> {
        let i = self.index(id)?;
        let note = note.trim();
        if note.chars().count() > MAX_NOTE_CHARS {
            return Err(WorkflowsError::NoteTooLong {
                limit: MAX_NOTE_CHARS,
            });
        }
        let live = &self.items[i];
        let source = match (self.drafts.iter().position(|d| d.id == id), live.version) {
            (Some(d), _) => &self.drafts[d],
            (None, 0) => live,
            (None, _) => return Err(WorkflowsError::NothingToPublish),
        };
        check_bounds(source)?;
        check_steps(source)?;
        check_valid(source, catalog)?;
        let mut published = source.clone();
        published.status = live.status;
        published.name.clone_from(&live.name);
        published.version = live.version + 1;
        published.updated = now;
        self.items[i] = published.clone();
        self.drafts.retain(|d| d.id != id);
        Ok(Version {
            workflow_id: id.to_owned(),
            number: published.version,
            published: now,
            note: note.to_owned(),
            definition: published,
        })
    }

    /// Throws the draft of `id` away: the editor shows the live version again. Nothing to
    /// do without a draft (an unpublished workflow has none apart from itself).
    pub fn discard_draft(&mut self, id: &str) -> Result<(), WorkflowsError> {
        self.index(id)?;
        self.drafts.retain(|d| d.id != id);
        Ok(())
    }

    /// Starts a draft from `version` (replacing any draft): history is not rewritten, and
    /// publishing the draft makes a new version.
    pub fn restore(&mut self, version: &Version, now: i64) -> Result<(), WorkflowsError> {
        let i = self.index(&version.workflow_id)?;
        if version.definition.id != version.workflow_id {
            return Err(WorkflowsError::OtherWorkflow);
        }
        let live = &self.items[i];
        let mut draft = version.definition.clone();
        draft.status = live.status;
        draft.version = live.version;
        draft.name.clone_from(&live.name);
        draft.updated = now;
        if live.version == 0 {
            self.items[i] = draft;
            return Ok(());
        }
        self.drafts.retain(|d| d.id != draft.id);
        self.drafts.push(draft);
        Ok(())
    }

    /// Activates the live version of a workflow; refuses over the active limit or with
    /// validation errors, each of which is returned. A workflow never published is
    /// published as v1 on the way (there is nothing else to run). Warnings are returned on
    /// success.
    pub fn activate(
        &mut self,
        id: &str,
        catalog: &dyn Catalog,
        now: i64,
    ) -> Result<Activation, WorkflowsError> {
        let i = self.index(id)?;
        let problems = validate(&self.items[i], catalog);
        if self.items[i].is_active() {
            return Ok(Activation {
                problems,
                published: None,
            });
        }
        self.can_activate()?;
        check_steps(&self.items[i])?;
        check_valid(&self.items[i], catalog)?;
        let published = if self.items[i].version == 0 {
            Some(self.publish(id, "", catalog, now)?)
        } else {
            None
        };
        let workflow = &mut self.items[i];
        workflow.status = Status::Active;
        workflow.updated = now;
        let published = published.map(|mut v| {
            v.definition.status = Status::Active;
            v
        });
        Ok(Activation {
            problems,
            published,
        })
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
        let name = if name.is_empty() { DEFAULT_NAME } else { name };
        let workflow = &mut self.items[i];
        workflow.name = name.to_owned();
        workflow.updated = now;
        if let Some(draft) = self.drafts.iter_mut().find(|d| d.id == id) {
            draft.name = name.to_owned();
        }
        Ok(())
    }

    /// Deletes a workflow for good, with its draft, and returns it (the app deletes its
    /// versions and runs too).
    pub fn delete(&mut self, id: &str) -> Result<Workflow, WorkflowsError> {
        let i = self.index(id)?;
        self.drafts.retain(|d| d.id != id);
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
