//! Reading runs and the Outbox. Runs are not held in memory: they are read from storage a
//! page at a time, so a workflow with 100,000 stored runs opens as fast as one with ten.

use sandflow_engine::Run;

use super::{AppState, OutboxEmail};
use crate::storage::{RunFilter, StorageError};

impl AppState {
    /// The run `id`, if it is stored.
    pub async fn run(self, id: String) -> Result<Option<Run>, StorageError> {
        self.storage().run(&id).await
    }

    /// Up to `limit` runs of `workflow_id` that `filter` keeps, newest first, that
    /// started before `before` (the `(started, id)` of the last run of the previous page).
    pub async fn runs_page(
        self,
        workflow_id: String,
        filter: RunFilter,
        before: Option<(i64, String)>,
        limit: usize,
    ) -> Result<Vec<Run>, StorageError> {
        let before = before.as_ref().map(|(t, id)| (*t, id.as_str()));
        self.storage()
            .runs_page(&workflow_id, filter, before, limit)
            .await
    }

    /// How many runs of `workflow_id` that `filter` keeps started in each of `spans`
    /// (`[from, to)`, Unix seconds; `None` for all time).
    pub async fn count_runs(
        self,
        workflow_id: String,
        filter: RunFilter,
        spans: Vec<Option<(i64, i64)>>,
    ) -> Result<Vec<u32>, StorageError> {
        self.storage()
            .count_runs(&workflow_id, filter, &spans)
            .await
    }

    /// The newest `limit` emails of the Outbox (since the last Reset sandbox), newest
    /// first.
    pub async fn outbox(self, limit: usize) -> Result<Vec<OutboxEmail>, StorageError> {
        let mut emails = Vec::new();
        for run in self.storage().outbox_runs(limit).await? {
            let mut sent: Vec<OutboxEmail> = OutboxEmail::of_run(&run).collect();
            sent.reverse();
            emails.extend(sent);
        }
        emails.truncate(limit);
        Ok(emails)
    }
}
