//! How long history is kept, and the two resets.
//!
//! Runs, events and request logs older than twice the rerun window are deleted (they can
//! no longer be re-run, and history stays bounded); **Reset sandbox** empties the account
//! and **Reset everything** the whole database. Each is a change like any other: made by
//! the one writer, stored in one transaction.

use std::collections::HashMap;
use std::convert::Infallible;

use leptos::prelude::*;
use sandflow_engine::limits::RERUN_WINDOW_SECONDS;
use sandflow_engine::sandbox::Sandbox;
use sandflow_engine::Workflows;

use super::{history, runs, AppState, Failed};
use crate::storage::records::ObjectLedger;
use crate::storage::{Db, Store, Writes};

impl AppState {
    /// Deletes what is past retention, for a writer holding the lock.
    pub(super) async fn prune_now(self) {
        match self.db.get_value() {
            Some(db) => self.prune_under_lock(&db).await,
            None => {
                let cutoff = self.cutoff();
                let before = self.memory_runs.with_value(Vec::len);
                self.memory_runs
                    .update_value(|runs| runs.retain(|r| r.started >= cutoff));
                if self.memory_runs.with_value(Vec::len) != before {
                    self.runs_revision.update(|r| *r += 1);
                }
            }
        }
    }

    /// Twice the rerun window before now: a run just past the window stays visible, so the
    /// person can see why Rerun is refused before it is removed.
    fn cutoff(&self) -> i64 {
        self.now() - 2 * RERUN_WINDOW_SECONDS
    }

    /// Deletes the runs that started, and the events and logs created, before the cutoff.
    /// Usually nothing is that old: then nothing is written, recounted or announced.
    pub(super) async fn prune_under_lock(self, db: &Db) {
        let cutoff = self.cutoff();
        let (old_runs, old_history) = match db.count_older_than(cutoff).await {
            Ok(counts) => counts,
            Err(e) => {
                self.notice.set(Some(e.to_string()));
                return;
            }
        };
        if old_runs == 0 && old_history == 0 {
            return;
        }
        let mut writes = Writes::new();
        writes.delete_older_than(cutoff);
        if self.write(writes).await.is_err() {
            self.roll_back().await;
            return;
        }
        if old_runs > 0 {
            if let Err(e) = self.load_run_stats(db).await {
                self.notice.set(Some(e.to_string()));
            }
            self.runs_revision.update(|r| *r += 1);
        }
    }

    /// Empties the sandbox account (objects, events, request logs, outbox); workflows and
    /// runs stay.
    pub async fn reset_sandbox(self) -> Result<(), Failed<Infallible>> {
        self.exclusive_reset(move || async move {
            self.sandbox.update(Sandbox::reset);
            self.ledger.set_value(ObjectLedger::default());
            let mut writes = Writes::new();
            for store in [Store::Objects, Store::Logs, Store::Events] {
                writes.clear(store);
            }
            self.record(runs::put_outbox_cleared(self, &mut writes).await);
            self.put_account(&mut writes);
            self.finish_reset(writes).await
        })
        .await
    }

    /// Deletes everything: workflows, runs and the sandbox account.
    pub async fn reset_everything(self) -> Result<(), Failed<Infallible>> {
        self.exclusive_reset(move || async move {
            self.sandbox.update(Sandbox::reset);
            self.workflows.set(Workflows::new());
            self.memory_runs.set_value(Vec::new());
            self.memory_outbox_cleared.set_value(None);
            self.run_stats.set(HashMap::new());
            self.runs_revision.update(|r| *r += 1);
            self.ledger.set_value(ObjectLedger::default());
            let mut writes = Writes::new();
            for store in Store::ALL {
                writes.clear(store);
            }
            self.record(history::put_backfilled(&mut writes));
            self.put_account(&mut writes);
            self.finish_reset(writes).await
        })
        .await
    }

    /// Stores a reset; once stored, an account that could not be read is gone, and the
    /// app writes again.
    async fn finish_reset(self, writes: Writes) -> Result<(), Failed<Infallible>> {
        match self.write(writes).await {
            Ok(()) => {
                self.damaged.set_value(None);
                self.waiting.set(0);
                self.notice.set(None);
                self.runs_revision.update(|r| *r += 1);
                Ok(())
            }
            Err(e) => {
                if self.damaged.get_value().is_none() {
                    self.roll_back().await;
                }
                Err(Failed::NotSaved(format!("{e}. Nothing was reset")))
            }
        }
    }
}
