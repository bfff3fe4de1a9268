//! The IndexedDB implementation of [`super::Storage`]: what the app asks for, read through
//! the indexes of [`super::migrate`] from the records of [`super::records`]. Runs stay in
//! IndexedDB and are read a page at a time, so a workflow with 100,000 stored runs opens as
//! fast as one with ten.

use std::cell::Cell;

use sandflow_engine::{Run, RunStatus, TestCase, Version, Workflow};
use serde::Deserialize;

use super::records::{
    parse, status_name, version_id, EventBatch, ObjectLedger, OutboxCleared, OUTBOX_CLEARED,
};
use super::{
    Db, RunFilter, RunQuery, StorageError, Store, Stored, StoredTests, StoredWorkflows, Unfinished,
    Walk, RECORD_FORMAT,
};

/// The open database, and what its `objects` store holds of the account (see
/// [`super::account`]).
pub(super) struct Browser {
    pub(super) db: Db,
    pub(super) ledger: Cell<ObjectLedger>,
}

fn decode_runs(stored: Vec<Stored>) -> Result<Vec<Run>, StorageError> {
    stored.into_iter().map(Stored::decode).collect()
}

fn query(workflow_id: &str, filter: RunFilter) -> RunQuery<'_> {
    RunQuery {
        workflow_id,
        status: filter.status.map(status_name),
        version: filter.version,
    }
}

impl Browser {
    pub(super) fn new(db: Db) -> Self {
        Browser {
            db,
            ledger: Cell::new(ObjectLedger::default()),
        }
    }

    pub(super) async fn workflows(&self) -> Result<StoredWorkflows, StorageError> {
        let mut read = StoredWorkflows::default();
        let stored = self.db.all::<Stored>(Store::Workflows).await?;
        let mut skipped = stored.skipped;
        for record in stored.items {
            let draft = record.text("draft");
            match record.decode::<Workflow>() {
                Ok(w) => read.live.push(w),
                Err(e) => {
                    skipped += 1;
                    read.problems.push(e.to_string());
                    continue;
                }
            }
            if let Some(draft) = draft {
                match parse::<Workflow>("a draft", &draft) {
                    Ok(d) => read.drafts.push(d),
                    Err(e) => read.problems.push(e.to_string()),
                }
            }
        }
        if skipped > 0 {
            read.problems.insert(
                0,
                format!("{skipped} stored workflows could not be read and were left out"),
            );
        }
        Ok(read)
    }

    pub(super) async fn versions(&self, workflow_id: &str) -> Result<Vec<Version>, StorageError> {
        let mut versions = Vec::new();
        let mut mark = None;
        loop {
            let (records, next) = self
                .db
                .walk_step(&Walk::versions_of(workflow_id), mark.as_ref(), 200, |_| {
                    true
                })
                .await?;
            for record in records {
                versions.push(record.decode::<Version>()?);
            }
            match next {
                Some(next) => mark = Some(next),
                None => break,
            }
        }
        versions.sort_by_key(|v| v.number);
        Ok(versions)
    }

    pub(super) async fn tests(&self, workflow_id: &str) -> Result<StoredTests, StorageError> {
        let mut read = StoredTests::default();
        let mut mark = None;
        loop {
            let (records, next) = self
                .db
                .walk_step(&Walk::tests_of(workflow_id), mark.as_ref(), 200, |_| true)
                .await?;
            for record in records {
                match record.decode::<TestCase>() {
                    Ok(test) => read.tests.push(test),
                    Err(e) => read
                        .problems
                        .push(format!("a saved test could not be read: {e}")),
                }
            }
            match next {
                Some(next) => mark = Some(next),
                None => break,
            }
        }
        read.tests
            .sort_by(|a, b| (a.created, &a.id).cmp(&(b.created, &b.id)));
        Ok(read)
    }

    pub(super) async fn version(
        &self,
        workflow_id: &str,
        number: u32,
    ) -> Result<Option<Version>, StorageError> {
        self.db
            .get::<Stored>(Store::Versions, &version_id(workflow_id, number))
            .await?
            .map(Stored::decode)
            .transpose()
    }

    pub(super) async fn run(&self, id: &str) -> Result<Option<Run>, StorageError> {
        self.db
            .get::<Stored>(Store::Runs, id)
            .await?
            .map(Stored::decode)
            .transpose()
    }

    pub(super) async fn runs_page(
        &self,
        workflow_id: &str,
        filter: RunFilter,
        before: Option<(i64, &str)>,
        limit: usize,
    ) -> Result<Vec<Run>, StorageError> {
        decode_runs(
            self.db
                .runs_page(&query(workflow_id, filter), before, limit)
                .await?,
        )
    }

    pub(super) async fn count_runs(
        &self,
        workflow_id: &str,
        filter: RunFilter,
        spans: &[Option<(i64, i64)>],
    ) -> Result<Vec<u32>, StorageError> {
        self.db.count_runs(&query(workflow_id, filter), spans).await
    }

    /// Each workflow's run count and newest status, through the indexes.
    pub(super) async fn run_figures(
        &self,
        workflow_ids: &[String],
    ) -> Result<Vec<(u32, Option<RunStatus>)>, StorageError> {
        /// The one field of a run record the figures need.
        #[derive(Deserialize)]
        struct Head {
            status: RunStatus,
        }
        let mut figures = Vec::with_capacity(workflow_ids.len());
        for id in workflow_ids {
            let query = query(id, RunFilter::default());
            let count = self.db.count_runs(&query, &[None]).await?;
            let newest: Vec<Head> = self.db.runs_page(&query, None, 1).await?;
            figures.push((
                count.first().copied().unwrap_or(0),
                newest.first().map(|h| h.status),
            ));
        }
        Ok(figures)
    }

    /// The runs that sent emails, newest first (through `by_emailed`), that the Outbox
    /// shows, until they hold `emails` emails.
    pub(super) async fn outbox_runs(&self, emails: usize) -> Result<Vec<Run>, StorageError> {
        let cleared = self
            .db
            .get::<OutboxCleared>(Store::Meta, OUTBOX_CLEARED)
            .await?;
        // Each run read sent at least one email: `emails` runs are always enough.
        let stored: Vec<Stored> = self
            .db
            .newest_emailing_runs(|got| got.len() >= emails)
            .await?
            .items;
        let mut runs = Vec::new();
        let mut count = 0;
        for run in decode_runs(stored)? {
            if count >= emails {
                break;
            }
            if cleared.as_ref().is_none_or(|c| c.shows(&run)) {
                count += run.emails().count();
                runs.push(run);
            }
        }
        Ok(runs)
    }

    /// The record that empties the Outbox at `at`, naming the runs of that same second
    /// that were already there.
    pub(super) async fn outbox_cleared(&self, at: i64) -> Result<OutboxCleared, StorageError> {
        #[derive(Deserialize)]
        struct Head {
            id: String,
            started: i64,
        }
        let recent: Vec<Head> = self
            .db
            .newest_emailing_runs(|got: &[Head]| got.last().is_some_and(|h| h.started < at))
            .await?
            .items;
        Ok(OutboxCleared {
            id: OUTBOX_CLEARED.to_owned(),
            format: RECORD_FORMAT,
            at,
            before: recent
                .into_iter()
                .filter(|h| h.started == at)
                .map(|h| h.id)
                .collect(),
        })
    }

    pub(super) async fn unfinished(&self) -> Result<Unfinished, StorageError> {
        let running: Vec<Stored> = self
            .db
            .runs_with_status(status_name(RunStatus::Running))
            .await?;
        let pending: Vec<EventBatch> = self.db.pending_events().await?;
        Ok(Unfinished {
            // A run that no longer reads stays as it is.
            running: running
                .into_iter()
                .filter_map(|r| r.decode::<Run>().ok())
                .collect(),
            pending: pending
                .into_iter()
                .filter_map(|batch| Some((batch.id.clone(), batch.events().ok()?)))
                .collect(),
        })
    }
}
