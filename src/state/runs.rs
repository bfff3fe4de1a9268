//! Reading runs. They stay in IndexedDB and are read a page at a time through its indexes,
//! so a workflow with 100,000 stored runs opens as fast as one with ten. Without browser
//! storage the same reads go over the runs kept in memory.

use leptos::prelude::*;
use sandflow_engine::{Run, RunStatus};
use serde::Deserialize;

use super::{AppState, OutboxEmail};
use crate::storage::records::{OutboxCleared, OUTBOX_CLEARED};
use crate::storage::{RunQuery, StorageError, Store, Stored, Writes, RECORD_FORMAT};

/// A run status as runs are stored (and indexed): `"succeeded"`, `"failed"`, ...
pub fn status_name(status: RunStatus) -> &'static str {
    match status {
        RunStatus::Running => "running",
        RunStatus::Succeeded => "succeeded",
        RunStatus::Failed => "failed",
        RunStatus::Interrupted => "interrupted",
    }
}

/// A stored run: JSON text beside its indexed fields from schema version 3, a structured
/// object before (both decoded by [`Stored`]).
pub(super) type StoredRun = Stored;

fn into_runs(stored: Vec<StoredRun>) -> Result<Vec<Run>, StorageError> {
    stored.into_iter().map(Stored::decode).collect()
}

impl AppState {
    /// The run `id`, if it is stored.
    pub async fn run(self, id: String) -> Result<Option<Run>, StorageError> {
        match self.db.get_value() {
            Some(db) => db
                .get::<StoredRun>(Store::Runs, &id)
                .await?
                .map(Stored::decode)
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

    /// The newest `limit` emails of the outbox: those of the runs that sent emails (read
    /// newest first through `by_emailed`, or from memory), since the last Reset sandbox.
    pub async fn outbox(self, limit: usize) -> Result<Vec<OutboxEmail>, StorageError> {
        let Some(db) = self.db.get_value() else {
            return Ok(self.memory_runs.with_value(|runs| {
                self.memory_outbox_cleared.with_value(|cleared| {
                    emails_since(runs.iter().cloned(), cleared.as_ref(), limit)
                })
            }));
        };
        let cleared = db.get::<OutboxCleared>(Store::Meta, OUTBOX_CLEARED).await?;
        // Each run read sent at least one email.
        let runs: Vec<StoredRun> = db
            .newest_emailing_runs(|got| got.len() >= limit)
            .await?
            .items;
        Ok(emails_since(
            into_runs(runs)?.into_iter(),
            cleared.as_ref(),
            limit,
        ))
    }
}

/// The emails of `runs` (newest first), newest first, that the Outbox still shows after
/// `cleared`; at most `limit`.
fn emails_since(
    runs: impl Iterator<Item = Run>,
    cleared: Option<&OutboxCleared>,
    limit: usize,
) -> Vec<OutboxEmail> {
    let mut emails = Vec::new();
    for run in runs.filter(|run| cleared.is_none_or(|c| c.shows(run))) {
        let mut sent: Vec<OutboxEmail> = OutboxEmail::of_run(&run).collect();
        sent.reverse();
        emails.extend(sent);
        if emails.len() >= limit {
            break;
        }
    }
    emails.truncate(limit);
    emails
}

/// Adds to `writes` the record that empties the Outbox (Reset sandbox): from then on it
/// shows only emails sent later. Without storage it takes effect at once.
pub(super) async fn put_outbox_cleared(
    state: AppState,
    writes: &mut Writes,
) -> Result<(), StorageError> {
    let at = state.now();
    let cleared = |before: Vec<String>| OutboxCleared {
        id: OUTBOX_CLEARED.to_owned(),
        format: RECORD_FORMAT,
        at,
        before,
    };
    match state.db.get_value() {
        None => {
            let before = state.memory_runs.with_value(|runs| {
                runs.iter()
                    .filter(|r| r.started == at && r.emails().next().is_some())
                    .map(|r| r.id.clone())
                    .collect()
            });
            state.memory_outbox_cleared.set_value(Some(cleared(before)));
        }
        Some(db) => {
            #[derive(Deserialize)]
            struct Head {
                id: String,
                started: i64,
            }
            let recent: Vec<Head> = db
                .newest_emailing_runs(|got: &[Head]| got.last().is_some_and(|h| h.started < at))
                .await?
                .items;
            let before = recent
                .into_iter()
                .filter(|h| h.started == at)
                .map(|h| h.id)
                .collect();
            writes.put(Store::Meta, &cleared(before))?;
        }
    }
    Ok(())
}
