//! Changes to the workflows: create (blank, from a template, by import), save, activate,
//! deactivate, delete. The engine decides (limits, validation); each change is made by the
//! one writer and stored before it is reported done: when storage refuses it, the
//! workflows go back to what is stored and the page says so.

use leptos::prelude::*;
use sandflow_engine::{
    import, templates, ImportProblem, Problem, SandboxCatalog, Workflow, WorkflowsError,
};
use serde::Serialize;

use super::{AppState, Failed};
use crate::storage::{Store, Writes, RECORD_FORMAT};

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
            let mut writes = Writes::new();
            writes.delete(Store::Workflows, id.clone());
            writes.delete_runs_of(&id);
            if let Err(e) = self.write(writes).await {
                self.roll_back().await;
                return Err(Failed::NotSaved(format!(
                    "{e}. The workflow was not deleted"
                )));
            }
            self.memory_runs
                .update_value(|runs| runs.retain(|r| r.workflow_id != id));
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
        let mut writes = Writes::new();
        for id in ids {
            self.put_workflow(&mut writes, id);
        }
        if with_account {
            self.put_account(&mut writes);
        }
        if let Err(e) = self.write(writes).await {
            self.roll_back().await;
            return Err(Failed::NotSaved(format!("{e}. The change was undone")));
        }
        Ok(())
    }

    fn put_workflow(&self, writes: &mut Writes, id: &str) {
        /// A workflow as stored from schema version 3: JSON text.
        #[derive(Serialize)]
        struct WorkflowRecord<'a> {
            id: &'a str,
            /// The record's format ([`RECORD_FORMAT`]); absent in records of earlier versions.
            format: u32,
            json: String,
        }
        let json = self
            .workflows
            .with_untracked(|all| all.get(id).map(serde_json::to_string));
        match json {
            Some(Ok(json)) => self.record(writes.put(
                Store::Workflows,
                &WorkflowRecord {
                    id,
                    format: RECORD_FORMAT,
                    json,
                },
            )),
            Some(Err(e)) => self
                .notice
                .set(Some(format!("the workflow could not be saved ({e})"))),
            None => {}
        }
    }
}
