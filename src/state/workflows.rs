//! Changes to the workflows: create (blank, from a template, by import), save, activate,
//! deactivate, delete. The engine decides (limits, validation); each change is made by the
//! one writer and stored before it is reported done: when storage refuses it, the
//! workflows go back to what is stored and the page says so.

use leptos::prelude::*;
use sandflow_engine::{
    export_with_history, import_with_history, templates, upgrade_params, ImportProblem, Problem,
    SandboxCatalog, Version, Workflow, WorkflowsError,
};

use super::{AppState, Failed};
use crate::storage::{Change, RunFilter, StorageError};

/// Why an import added nothing.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportRefused {
    /// The file's problems (the engine's checks).
    Problems(Vec<ImportProblem>),
    /// The engine refused adding one of them (limits).
    Limit(WorkflowsError),
}

impl crate::i18n::errors::Worded for ImportRefused {
    fn worded(&self) -> String {
        match self {
            ImportRefused::Problems(problems) => {
                let texts: Vec<String> = problems.iter().map(|p| p.worded()).collect();
                texts.join("; ")
            }
            ImportRefused::Limit(e) => e.worded(),
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
            self.store_workflows(std::slice::from_ref(&id), true, &[])
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
            self.store_workflows(std::slice::from_ref(&id), true, &[])
                .await?;
            Ok(id)
        })
        .await
    }

    /// Imports the workflows of an exported file, with the versions and drafts it carries:
    /// all of them or none. How many workflows.
    pub async fn import_workflows(self, text: String) -> Result<usize, Failed<ImportRefused>> {
        self.exclusive(move || async move {
            let existing = self.workflows.with_untracked(|w| w.as_slice().to_vec());
            let imported = self
                .dispatcher
                .try_update(|d| import_with_history(&text, &existing, &SandboxCatalog, d.ids()))
                .expect("the signals live as long as the app")
                .map_err(|p| Failed::Refused(ImportRefused::Problems(p)))?;
            let ids: Vec<String> = imported.workflows.iter().map(|w| w.id.clone()).collect();
            // A published definition whose history the file does not carry is its version,
            // published now.
            let now = self.now();
            let mut versions = imported.versions;
            for workflow in &imported.workflows {
                let carried = versions
                    .iter()
                    .any(|v| v.workflow_id == workflow.id && v.number == workflow.version);
                if !carried {
                    versions.extend(Version::of(workflow, now, "Imported"));
                }
            }
            let before = self.workflows.get_untracked();
            for workflow in imported.workflows {
                let added = self
                    .workflows
                    .try_update(|all| all.add(workflow, &SandboxCatalog))
                    .expect("the signals live as long as the app");
                if let Err(e) = added {
                    self.workflows.set(before);
                    return Err(Failed::Refused(ImportRefused::Limit(e)));
                }
            }
            for draft in imported.drafts {
                let saved = self
                    .workflows
                    .try_update(|all| all.save(draft, &SandboxCatalog, now))
                    .expect("the signals live as long as the app");
                if let Err(e) = saved {
                    self.workflows.set(before);
                    return Err(Failed::Refused(ImportRefused::Limit(e)));
                }
            }
            let mut change = self.change();
            for test in &imported.tests {
                self.record(change.put_test(test));
            }
            self.store_workflows_in(change, &ids, true, &versions)
                .await?;
            Ok(ids.len())
        })
        .await
    }

    /// Saves an edited workflow as its draft (the live version goes on running unchanged);
    /// the problems validation found (saving never refuses a draft for them, Publish and
    /// Activate do).
    ///
    /// `base`: the definition the editor started from; when another tab has changed the
    /// stored one since, nothing is saved (`WorkflowsError::ChangedElsewhere`). `None`
    /// saves over whatever is stored (the person chose to).
    pub async fn save_workflow(
        self,
        workflow: Workflow,
        base: Option<Workflow>,
    ) -> Result<Vec<Problem>, Failed<WorkflowsError>> {
        self.exclusive(move || async move {
            let id = workflow.id.clone();
            let now = self.now();
            let problems = self
                .workflows
                .try_update(|all| match &base {
                    Some(base) => all.save_over(workflow, base, &SandboxCatalog, now),
                    None => all.save(workflow, &SandboxCatalog, now),
                })
                .expect("the signals live as long as the app")
                .map_err(Failed::Refused)?;
            self.store_workflows(&[id], false, &[]).await?;
            Ok(problems)
        })
        .await
    }

    /// Activates a workflow (publishing it as v1 if it never was); with problems nothing
    /// is activated and they are returned.
    pub async fn activate(self, id: String) -> Result<Vec<Problem>, Failed<WorkflowsError>> {
        self.exclusive(move || async move {
            let now = self.now();
            let activation = self
                .workflows
                .try_update(|all| all.activate(&id, &SandboxCatalog, now))
                .expect("the signals live as long as the app")
                .map_err(Failed::Refused)?;
            self.store_workflows(
                std::slice::from_ref(&id),
                false,
                activation.published.as_slice(),
            )
            .await?;
            Ok(activation.problems)
        })
        .await
    }

    /// Publishes the draft of `id` with `note` as its next version, which runs from the
    /// next event on; the version.
    pub async fn publish(
        self,
        id: String,
        note: String,
    ) -> Result<Version, Failed<WorkflowsError>> {
        self.exclusive(move || async move {
            let now = self.now();
            let version = self
                .workflows
                .try_update(|all| all.publish(&id, &note, &SandboxCatalog, now))
                .expect("the signals live as long as the app")
                .map_err(Failed::Refused)?;
            self.store_workflows(
                std::slice::from_ref(&id),
                false,
                std::slice::from_ref(&version),
            )
            .await?;
            Ok(version)
        })
        .await
    }

    /// Throws the draft of `id` away.
    pub async fn discard_draft(self, id: String) -> Result<(), Failed<WorkflowsError>> {
        self.exclusive(move || async move {
            self.workflows
                .try_update(|all| all.discard_draft(&id))
                .expect("the signals live as long as the app")
                .map_err(Failed::Refused)?;
            self.store_workflows(&[id], false, &[]).await
        })
        .await
    }

    /// Starts a draft of `id` from its version `number` (replacing any draft).
    pub async fn restore(self, id: String, number: u32) -> Result<(), Failed<WorkflowsError>> {
        self.exclusive(move || async move {
            let version = self.storage().version(&id, number).await?.ok_or_else(|| {
                Failed::Refused(WorkflowsError::NotFound {
                    id: Version::label(number),
                })
            })?;
            let now = self.now();
            self.workflows
                .try_update(|all| all.restore(&version, now))
                .expect("the signals live as long as the app")
                .map_err(Failed::Refused)?;
            self.store_workflows(&[id], false, &[]).await
        })
        .await
    }

    /// Every published version of `id`, oldest first, each with how many of its runs are
    /// stored.
    pub async fn versions(self, id: String) -> Result<Vec<(Version, u32)>, StorageError> {
        let storage = self.storage();
        let mut versions = storage.versions(&id).await?;
        for version in &mut versions {
            upgrade_params(&mut version.definition);
        }
        let mut counted = Vec::with_capacity(versions.len());
        for version in versions {
            let filter = RunFilter {
                status: None,
                version: Some(version.number),
            };
            let count = storage.count_runs(&id, filter, &[None]).await?;
            counted.push((version, count.first().copied().unwrap_or(0)));
        }
        Ok(counted)
    }

    /// The export file of the workflows `ids`, each with its published versions, its draft
    /// and its saved tests, so that importing it brings them back.
    pub async fn export_with_history(self, ids: Vec<String>) -> Result<String, StorageError> {
        let storage = self.storage();
        let mut versions = Vec::new();
        let mut tests = Vec::new();
        for id in &ids {
            versions.extend(storage.versions(id).await?);
            tests.extend(storage.tests(id).await?.tests);
        }
        Ok(self.workflows.with_untracked(|all| {
            let live: Vec<Workflow> = ids.iter().filter_map(|id| all.get(id).cloned()).collect();
            let drafts: Vec<Workflow> =
                ids.iter().filter_map(|id| all.draft(id).cloned()).collect();
            export_with_history(&live, &versions, &drafts, &tests)
        }))
    }

    /// Version `number` of `id`, if it is stored.
    /// (A version written against the earlier action catalog reads with Stripe's parameter
    /// names.)
    pub async fn version(self, id: String, number: u32) -> Result<Option<Version>, StorageError> {
        let mut version = self.storage().version(&id, number).await?;
        if let Some(v) = &mut version {
            upgrade_params(&mut v.definition);
        }
        Ok(version)
    }

    /// Deactivates a workflow.
    pub async fn deactivate(self, id: String) -> Result<(), Failed<WorkflowsError>> {
        self.exclusive(move || async move {
            let now = self.now();
            self.workflows
                .try_update(|all| all.deactivate(&id, now))
                .expect("the signals live as long as the app")
                .map_err(Failed::Refused)?;
            self.store_workflows(&[id], false, &[]).await
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
    async fn store_workflows<E>(
        self,
        ids: &[String],
        with_account: bool,
        versions: &[Version],
    ) -> Result<(), Failed<E>> {
        self.store_workflows_in(self.change(), ids, with_account, versions)
            .await
    }

    /// [`Self::store_workflows`], in `change` (which may hold more of the same operation).
    async fn store_workflows_in<E>(
        self,
        mut change: Change,
        ids: &[String],
        with_account: bool,
        versions: &[Version],
    ) -> Result<(), Failed<E>> {
        for version in versions {
            self.record(change.put_version(version));
        }
        for id in ids {
            self.put_workflow(&mut change, id);
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

    /// Adds the workflow `id` as it is in memory, with its draft, to `change`.
    fn put_workflow(&self, change: &mut Change, id: &str) {
        let result = self.workflows.with_untracked(|all| match all.get(id) {
            Some(live) => change.put_workflow(live, all.draft(id)),
            None => Ok(()),
        });
        self.record(result);
    }
}
