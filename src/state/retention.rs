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

use super::{AppState, Failed};
use crate::storage::Change;

impl AppState {
    /// Deletes what is past retention, for a writer holding the lock.
    pub(super) async fn prune_now(self) {
        self.prune_under_lock().await;
    }

    /// Twice the rerun window before now: a run just past the window stays visible, so the
    /// person can see why Rerun is refused before it is removed.
    fn cutoff(&self) -> i64 {
        self.now() - 2 * RERUN_WINDOW_SECONDS
    }

    /// Deletes the runs that started, and the events and logs created, before the cutoff.
    /// Usually nothing is that old: then nothing is written, recounted or announced.
    pub(super) async fn prune_under_lock(self) {
        let cutoff = self.cutoff();
        let (old_runs, old_history) = match self.storage().count_older_than(cutoff).await {
            Ok(counts) => counts,
            Err(e) => {
                self.notice.set(Some(e.to_string()));
                return;
            }
        };
        if old_runs == 0 && old_history == 0 {
            return;
        }
        let mut change = self.change();
        change.delete_older_than(cutoff);
        if self.write(change).await.is_err() {
            self.roll_back().await;
            return;
        }
        if old_runs > 0 {
            if let Err(e) = self.load_run_stats().await {
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
            let mut change = self.change();
            change.clear_account();
            self.record(self.storage().clear_outbox(&mut change, self.now()).await);
            self.put_account(&mut change);
            self.finish_reset(change).await
        })
        .await
    }

    /// Deletes everything: workflows, runs and the sandbox account.
    pub async fn reset_everything(self) -> Result<(), Failed<Infallible>> {
        self.exclusive_reset(move || async move {
            self.sandbox.update(Sandbox::reset);
            self.workflows.set(Workflows::new());
            self.run_stats.set(HashMap::new());
            self.runs_revision.update(|r| *r += 1);
            let mut change = self.change();
            self.record(change.clear_everything());
            self.put_account(&mut change);
            self.finish_reset(change).await
        })
        .await
    }

    /// Stores a reset; once stored, an account that could not be read is gone, and the
    /// app writes again.
    async fn finish_reset(self, change: Change) -> Result<(), Failed<Infallible>> {
        match self.write(change).await {
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
