//! Reading runs. They stay in IndexedDB and are read a page at a time through its indexes,
//! so a workflow with 100,000 stored runs opens as fast as one with ten. Without browser
//! storage the same reads go over the runs kept in memory.

use leptos::prelude::*;
use sandflow_engine::{Run, RunStatus};
use serde::{Deserialize, Serialize};

use super::{AppState, OutboxEmail};
use crate::storage::{schema, RunQuery, StorageError, Store};

/// A run status as runs are stored (and indexed): `"succeeded"`, `"failed"`, ...
pub fn status_name(status: RunStatus) -> &'static str {
    match status {
        RunStatus::Running => "running",
        RunStatus::Succeeded => "succeeded",
        RunStatus::Failed => "failed",
        RunStatus::Interrupted => "interrupted",
    }
}

/// A run as stored: the fields the indexes read, and the run as JSON text (one string is far
/// cheaper for IndexedDB to clone than the few hundred values of a run).
#[derive(Serialize)]
pub(super) struct RunRecord<'a> {
    id: &'a str,
    workflow_id: &'a str,
    status: &'static str,
    started: i64,
    json: String,
}

impl<'a> RunRecord<'a> {
    pub(super) fn new(run: &'a Run) -> Self {
        Self {
            id: &run.id,
            workflow_id: &run.workflow_id,
            status: status_name(run.status),
            started: run.started,
            json: serde_json::to_string(run).unwrap_or_default(),
        }
    }
}

/// A stored run in either format: JSON text (from schema version 3), or the whole run as
/// a structured object (as versions 1 and 2 stored it).
#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum StoredRun {
    Text { json: String },
    Whole(Box<Run>),
}

impl StoredRun {
    pub(super) fn into_run(self) -> Result<Run, StorageError> {
        match self {
            StoredRun::Text { json } => serde_json::from_str(&json)
                .map_err(|e| StorageError::Read(format!("a stored run: {e}"))),
            StoredRun::Whole(run) => Ok(*run),
        }
    }
}

fn into_runs(stored: Vec<StoredRun>) -> Result<Vec<Run>, StorageError> {
    stored.into_iter().map(StoredRun::into_run).collect()
}

impl AppState {
    /// The run `id`, if it is stored.
    pub async fn run(self, id: String) -> Result<Option<Run>, StorageError> {
        match self.db.get_value() {
            Some(db) => db
                .get::<StoredRun>(Store::Runs, &id)
                .await?
                .map(StoredRun::into_run)
                .transpose(),
            None => Ok(self
                .memory_runs
                .with_value(|runs| runs.iter().find(|r| r.id == id).cloned())),
        }
    }

    /// Up to `limit` runs of `workflow_id` (of `status`, or all), newest first, that
    /// started before `before` (the `(started, id)` of the last run of the previous page).
    pub async fn runs_page(
        self,
        workflow_id: String,
        status: Option<RunStatus>,
        before: Option<(i64, String)>,
        limit: usize,
    ) -> Result<Vec<Run>, StorageError> {
        let Some(db) = self.db.get_value() else {
            return Ok(self.memory_runs.with_value(|runs| {
                runs.iter()
                    .filter(|r| r.workflow_id == workflow_id)
                    .filter(|r| status.is_none_or(|s| r.status == s))
                    .filter(|r| {
                        before
                            .as_ref()
                            .is_none_or(|(t, id)| (r.started, r.id.as_str()) < (*t, id.as_str()))
                    })
                    .take(limit)
                    .cloned()
                    .collect()
            }));
        };
        let query = RunQuery {
            workflow_id: &workflow_id,
            status: status.map(status_name),
        };
        into_runs(
            db.runs_page(
                &query,
                before.as_ref().map(|(t, id)| (*t, id.as_str())),
                limit,
            )
            .await?,
        )
    }

    /// How many runs of `workflow_id` (of `status`, or all) started in each of `spans`
    /// (`[from, to)`, Unix seconds; `None` for all time).
    pub async fn count_runs(
        self,
        workflow_id: String,
        status: Option<RunStatus>,
        spans: Vec<Option<(i64, i64)>>,
    ) -> Result<Vec<u32>, StorageError> {
        let Some(db) = self.db.get_value() else {
            return Ok(self.memory_runs.with_value(|runs| {
                spans
                    .iter()
                    .map(|span| {
                        runs.iter()
                            .filter(|r| r.workflow_id == workflow_id)
                            .filter(|r| status.is_none_or(|s| r.status == s))
                            .filter(|r| {
                                span.is_none_or(|(from, to)| from <= r.started && r.started < to)
                            })
                            .count() as u32
                    })
                    .collect()
            }));
        };
        let query = RunQuery {
            workflow_id: &workflow_id,
            status: status.map(status_name),
        };
        db.count_runs(&query, &spans).await
    }

    /// The newest `limit` emails of the outbox.
    pub async fn outbox(self, limit: usize) -> Result<Vec<OutboxEmail>, StorageError> {
        match self.db.get_value() {
            Some(db) => {
                db.latest(Store::Outbox, schema::OUTBOX_BY_SENT, limit)
                    .await
            }
            None => Ok(self
                .memory_outbox
                .with_value(|emails| emails.iter().take(limit).cloned().collect())),
        }
    }
}
