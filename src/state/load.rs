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

use leptos::prelude::*;
use sandflow_engine::Workflows;

use super::{AppState, RunStats, DB_NAME};
use crate::storage::{Storage, StorageError, Unfinished};

impl AppState {
    /// Opens storage (IndexedDB, or memory when the browser refuses it) and reads it,
    /// under the write lock; then the pages may act.
    pub(super) async fn load(self) {
        let notice = self.notice;
        let blocked = move || {
            notice.set(Some(
                tr!("Sandflow is open in another tab with an older version: close that tab to finish updating storage").to_owned(),
            ))
        };
        let (storage, refused) = Storage::open(DB_NAME, blocked).await;
        self.storage.set_value(storage);
        if let Some(e) = refused {
            self.notice.set(Some(e.to_string()));
        }
        self.start().await;
        self.listen_to_other_tabs();
        self.ready.set(true);
    }

    /// Start-up's reading, under the write lock: the backfill of older records, the
    /// workflows and the account, then what a closed tab left undone, then retention.
    async fn start(self) {
        let _lock = self.lock().await;
        if let Err(e) = self.storage().backfill().await {
            self.notice.set(Some(e.to_string()));
        }
        if let Err(e) = self.reload().await {
            self.damaged.set_value(Some(e.to_string()));
            self.notice.set(Some(trf!(
                "The stored sandbox account could not be read ({e}). To protect it, Sandflow changes nothing: export your workflows, then use Reset sandbox to start again.",
                e = e
            )));
            return;
        }
        if let Err(e) = self.recover().await {
            self.notice.set(Some(e.to_string()));
            if let Err(e) = self.reload().await {
                self.notice.set(Some(e.to_string()));
            }
            self.schedule_retry();
        }
        self.count_waiting().await;
        self.prune_under_lock().await;
    }

    /// Reads the workflows, the account and the runs' figures; runs themselves are read
    /// by the pages that show them. What could not be read is said in the page.
    pub(super) async fn load_from(self) -> Result<(), StorageError> {
        let storage = self.storage();
        let stored = storage.workflows().await?;
        let mut problems = stored.problems;
        self.workflows
            .set(Workflows::from_stored(stored.live, stored.drafts));
        if let Some(account) = storage.account(&mut problems).await? {
            self.sandbox.set(account.sandbox);
            self.dispatcher.set(account.dispatcher);
        }
        self.load_run_stats().await?;
        self.runs_revision.update(|r| *r += 1);
        if !problems.is_empty() {
            self.notice.set(Some(trf!(
                "Some stored data could not be read; it is kept in storage as it is and left out here: {problems}",
                problems = problems.join("; ")
            )));
        }
        Ok(())
    }

    /// Counts each workflow's runs and reads the status of its newest.
    pub(super) async fn load_run_stats(self) -> Result<(), StorageError> {
        let ids: Vec<String> = self
            .workflows
            .with_untracked(|all| all.as_slice().iter().map(|w| w.id.clone()).collect());
        let figures = self.storage().run_figures(&ids).await?;
        let stats: HashMap<String, RunStats> = ids
            .into_iter()
            .zip(figures)
            .map(|(id, (count, last))| (id, RunStats { count, last }))
            .collect();
        self.run_stats.set(stats);
        Ok(())
    }

    /// After a tab closed in the middle of work, or a write that stored events but not
    /// their runs: marks runs left "running" as interrupted and dispatches, once, the
    /// events that were written but not dispatched. Runs under the write lock (start-up or
    /// a catch-up), so no other tab is delivering them at the same time.
    pub(super) async fn recover(self) -> Result<(), super::on_demand::NotDone> {
        let unfinished = self.storage().unfinished().await?;
        if unfinished.running.is_empty() && unfinished.pending.is_empty() {
            return Ok(());
        }
        super::on_demand::finish_unfinished(self, unfinished).await
    }

    /// [`AppState::recover`]'s work once it found some: the executor's code is fetched
    /// only then (see `on_demand`).
    pub(super) async fn finish_unfinished(
        self,
        unfinished: Unfinished,
    ) -> Result<(), StorageError> {
        let now = self.now();
        let mut change = self.change();
        let mut running = unfinished.running;
        for run in &mut running {
            run.interrupt(now);
        }
        self.record(change.put_runs(&running));
        let mut all_runs = Vec::new();
        for (id, events) in unfinished.pending {
            let (runs, after) = self.dispatch_all(id, &events);
            change.extend(after);
            all_runs.extend(runs);
        }
        self.write(change).await?;
        self.note_runs(&all_runs);
        self.load_run_stats().await?;
        self.runs_revision.update(|r| *r += 1);
        Ok(())
    }
}
