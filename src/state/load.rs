//! Start-up and recovery: opening the database, reading what is stored, and finishing the
//! work a closed tab or a refused write left undone.
//!
//! Nothing changes before this ends ([`AppState::ready`]): start-up holds the write lock,
//! reads the workflows, the account and the runs' figures, marks runs left running as
//! interrupted, dispatches the deliveries still pending, then lets the pages act. A record
//! that cannot be read is described in the page and left as it is in storage; the rest
//! loads. An account record that cannot be read stops every write (see
//! [`AppState::damaged`]), so it is never replaced by an empty account.

use std::collections::HashMap;
use std::rc::Rc;

use leptos::prelude::*;
use sandflow_engine::{Run, RunStatus, Workflow, Workflows};
use serde::Deserialize;

use super::{history, status_name, AppState, EventBatch, RunRecord, RunStats, StoredRun, DB_NAME};
use crate::storage::{Db, RunQuery, StorageError, Store, Writes};

impl AppState {
    /// Opens the database and reads it, under the write lock; then the pages may act.
    pub(super) async fn load(self) {
        let notice = self.notice;
        let blocked = move || {
            notice.set(Some(
                "Sandflow is open in another tab with an older version: close that tab to finish updating storage".to_owned(),
            ))
        };
        match Db::open_with(DB_NAME, blocked).await {
            Ok(db) => {
                self.notice.set(None);
                let db = Rc::new(db);
                self.db.set_value(Some(db.clone()));
                self.start(&db).await;
                self.listen_to_other_tabs();
            }
            Err(e) => self.notice.set(Some(e.to_string())),
        }
        self.ready.set(true);
    }

    /// Start-up's reading, under the write lock: the backfill of older records, the
    /// workflows and the account, then what a closed tab left undone, then retention.
    async fn start(self, db: &Rc<Db>) {
        let _lock = self.lock().await;
        if let Err(e) = history::backfill(db).await {
            self.notice.set(Some(e.to_string()));
        }
        if let Err(e) = self.reload(db).await {
            self.damaged.set_value(Some(e.to_string()));
            self.notice.set(Some(format!(
                "The stored sandbox account could not be read ({e}). To protect it, Sandflow changes nothing: export your workflows, then use Reset sandbox to start again."
            )));
            return;
        }
        if let Err(e) = self.recover(db.clone()).await {
            self.notice.set(Some(e.to_string()));
            if let Err(e) = self.reload(db).await {
                self.notice.set(Some(e.to_string()));
            }
            self.schedule_retry();
        }
        self.count_waiting(db).await;
        self.prune_under_lock(db).await;
    }

    /// Reads the workflows, the account and the runs' figures; runs themselves are read
    /// by the pages that show them. What could not be read is said in the page.
    pub(super) async fn load_from(self, db: &Db) -> Result<(), StorageError> {
        let mut problems = Vec::new();
        let stored = db.all::<crate::storage::Stored>(Store::Workflows).await?;
        let mut skipped = stored.skipped;
        let mut workflows = Vec::with_capacity(stored.items.len());
        for record in stored.items {
            match record.decode::<Workflow>() {
                Ok(w) => workflows.push(w),
                Err(e) => {
                    skipped += 1;
                    problems.push(e.to_string());
                }
            }
        }
        if skipped > 0 {
            problems.insert(
                0,
                format!("{skipped} stored workflows could not be read and were left out"),
            );
        }
        self.workflows.set(Workflows::from_stored(workflows));
        self.load_account(db, &mut problems).await?;
        self.load_run_stats(db).await?;
        self.runs_revision.update(|r| *r += 1);
        if !problems.is_empty() {
            self.notice.set(Some(format!(
                "Some stored data could not be read; it is kept in storage as it is and left out here: {}",
                problems.join("; ")
            )));
        }
        Ok(())
    }

    /// Counts each workflow's runs and reads the status of its newest, through the indexes.
    pub(super) async fn load_run_stats(self, db: &Db) -> Result<(), StorageError> {
        /// The one field of a run record the figures need.
        #[derive(Deserialize)]
        struct Head {
            status: RunStatus,
        }
        let ids: Vec<String> = self
            .workflows
            .with_untracked(|all| all.as_slice().iter().map(|w| w.id.clone()).collect());
        let mut stats = HashMap::with_capacity(ids.len());
        for id in ids {
            let query = RunQuery {
                workflow_id: &id,
                status: None,
            };
            let count = db.count_runs(&query, &[None]).await?;
            let newest: Vec<Head> = db.runs_page(&query, None, 1).await?;
            stats.insert(
                id.clone(),
                RunStats {
                    count: count.first().copied().unwrap_or(0),
                    last: newest.first().map(|h| h.status),
                },
            );
        }
        self.run_stats.set(stats);
        Ok(())
    }

    /// After a tab closed in the middle of work, or a write that stored events but not
    /// their runs: marks runs left "running" as interrupted and dispatches, once, the
    /// events that were written but not dispatched. Runs under the write lock (start-up or
    /// a catch-up), so no other tab is delivering them at the same time.
    pub(super) async fn recover(self, db: Rc<Db>) -> Result<(), StorageError> {
        let running: Vec<StoredRun> = db.runs_with_status(status_name(RunStatus::Running)).await?;
        let pending: Vec<EventBatch> = db.pending_events().await?;
        if running.is_empty() && pending.is_empty() {
            return Ok(());
        }
        let now = self.now();
        let mut writes = Writes::new();
        for run in running {
            // A run that no longer reads stays as it is.
            let Ok(mut run) = run.decode::<Run>() else {
                continue;
            };
            run.interrupt(now);
            self.record(writes.put(Store::Runs, &RunRecord::new(&run)));
        }
        let mut all_runs = Vec::new();
        for batch in pending {
            let Ok(events) = batch.events() else {
                continue;
            };
            let (runs, after) = self.dispatch_all(batch.id.clone(), &events);
            writes.extend(after);
            all_runs.extend(runs);
        }
        self.write(writes).await?;
        self.note_runs(&all_runs);
        self.load_run_stats(&db).await?;
        self.runs_revision.update(|r| *r += 1);
        Ok(())
    }
}
