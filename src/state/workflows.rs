//! Changes to the workflows: create (blank, from a template, by import), save, activate,
//! deactivate, delete. The engine decides (limits, validation); each change is made by the
//! one writer and stored before it is reported done: when storage refuses it, the
//! workflows go back to what is stored and the page says so.

use leptos::prelude::*;
use sandflow_engine::{
    import, templates, ImportProblem, Problem, SandboxCatalog, Workflow, WorkflowsError,
};

use super::{AppState, Failed};

/// Why an import added nothing.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportRefused {
    /// The file's problems (the engine's checks).
    Problems(Vec<ImportProblem>),
    /// The engine refused adding one of them (limits).
    Limit(WorkflowsError),
}

impl std::fmt::Display for ImportRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportRefused::Problems(problems) => {
                let texts: Vec<String> = problems.iter().map(ToString::to_string).collect();
                f.write_str(&texts.join("; "))
            }
            ImportRefused::Limit(e) => e.fmt(f),
        }
    }
}

impl AppState {
    /// Creates a new "Untitled workflow"; its id.
    pub async fn create_workflow(self) -> Result<String, Failed<WorkflowsError>> {
        self.exclusive(move || async move {
            let now = self.now();
            let id = self
                .dispatcher
                .try_update(|d| {
                    self.workflows
                        .try_update(|all| all.create(d.ids(), now).map(|w| w.id.clone()))
                })
                .flatten()
                .expect("the signals live as long as the app")
                .map_err(Failed::Refused)?;
            self.store_workflows(std::slice::from_ref(&id), true)
                .await?;
            Ok(id)
        })
        .await
    }

    /// Adds the template at `index` of the gallery as a new workflow; its id.
    pub async fn add_template(self, index: usize) -> Result<String, Failed<WorkflowsError>> {
        self.exclusive(move || async move {
            let template = templates().into_iter().nth(index).ok_or_else(|| {
                Failed::Refused(WorkflowsError::NotFound {
                    id: index.to_string(),
                })
            })?;
            let now = self.now();
            let workflow = self
                .dispatcher
                .try_update(|d| template.instantiate(d.ids(), now))
                .expect("the signals live as long as the app");
            let id = workflow.id.clone();
            self.workflows
                .try_update(|all| all.add(workflow, &SandboxCatalog))
                .expect("the signals live as long as the app")
                .map_err(Failed::Refused)?;
            self.store_workflows(std::slice::from_ref(&id), true)
                .await?;
            Ok(id)
        })
        .await
    }

    /// Imports the workflows of an exported file: all of them or none. How many.
    pub async fn import_workflows(self, text: String) -> Result<usize, Failed<ImportRefused>> {
        self.exclusive(move || async move {
            let existing = self.workflows.with_untracked(|w| w.as_slice().to_vec());
            let workflows = self
                .dispatcher
                .try_update(|d| import(&text, &existing, &SandboxCatalog, d.ids()))
                .expect("the signals live as long as the app")
                .map_err(|p| Failed::Refused(ImportRefused::Problems(p)))?;
            let ids: Vec<String> = workflows.iter().map(|w| w.id.clone()).collect();
            let before = self.workflows.get_untracked();
            for workflow in workflows {
                let added = self
                    .workflows
                    .try_update(|all| all.add(workflow, &SandboxCatalog))
                    .expect("the signals live as long as the app");
                if let Err(e) = added {
                    self.workflows.set(before);
                    return Err(Failed::Refused(ImportRefused::Limit(e)));
                }
            }
            self.store_workflows(&ids, true).await?;
            Ok(ids.len())
        })
        .await
    }

    /// Saves an edited workflow; the problems validation found (saving never refuses a
    /// draft for them, activation does).
    pub async fn save_workflow(
        self,
        workflow: Workflow,
    ) -> Result<Vec<Problem>, Failed<WorkflowsError>> {
        self.exclusive(move || async move {
            let id = workflow.id.clone();
            let now = self.now();
            let problems = self
                .workflows
                .try_update(|all| all.save(workflow, &SandboxCatalog, now))
                .expect("the signals live as long as the app")
                .map_err(Failed::Refused)?;
            self.store_workflows(&[id], false).await?;
            Ok(problems)
        })
        .await
    }

    /// Activates a workflow; with problems nothing is activated and they are returned.
    pub async fn activate(self, id: String) -> Result<Vec<Problem>, Failed<WorkflowsError>> {
        self.exclusive(move || async move {
            let now = self.now();
            let problems = self
                .workflows
                .try_update(|all| all.activate(&id, &SandboxCatalog, now))
                .expect("the signals live as long as the app")
                .map_err(Failed::Refused)?;
            self.store_workflows(&[id], false).await?;
            Ok(problems)
        })
        .await
    }

    /// Deactivates a workflow.
    pub async fn deactivate(self, id: String) -> Result<(), Failed<WorkflowsError>> {
        self.exclusive(move || async move {
            let now = self.now();
            self.workflows
                .try_update(|all| all.deactivate(&id, now))
                .expect("the signals live as long as the app")
                .map_err(Failed::Refused)?;
            self.store_workflows(&[id], false).await
        })
        .await
    }

    /// Deletes a workflow and its runs, in one transaction.
    pub async fn delete_workflow(self, id: String) -> Result<(), Failed<WorkflowsError>> {
        self.exclusive(move || async move {
            self.workflows
                .try_update(|all| all.delete(&id))
                .expect("the signals live as long as the app")
                .map_err(Failed::Refused)?;
            let mut change = self.change();
            change.delete_workflow(&id);
            if let Err(e) = self.write(change).await {
                self.roll_back().await;
                return Err(Failed::NotSaved(format!(
                    "{e}. The workflow was not deleted"
                )));
            }
            self.run_stats.update(|stats| {
                stats.remove(&id);
            });
            self.runs_revision.update(|r| *r += 1);
            Ok(())
        })
        .await
    }

    /// Stores the workflows `ids` as they are in memory (and the account, whose id
    /// generator drew new ids, when `with_account`); on a refusal memory goes back to what
    /// is stored.
    async fn store_workflows<E>(self, ids: &[String], with_account: bool) -> Result<(), Failed<E>> {
        let mut change = self.change();
        for id in ids {
            if let Some(workflow) = self.workflows.with_untracked(|all| all.get(id).cloned()) {
                self.record(change.put_workflow(&workflow));
            }
        }
        if with_account {
            self.put_account(&mut change);
        }
        if let Err(e) = self.write(change).await {
            self.roll_back().await;
            return Err(Failed::NotSaved(format!("{e}. The change was undone")));
        }
        Ok(())
    }
}
