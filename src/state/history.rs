//! The sandbox's history beyond what memory keeps. The sandbox holds its newest 5,000 events
//! and request logs; the Workbench lists those from memory, then asks storage for older
//! ones a step at a time, starting where memory ends (see `storage::history`).

use std::collections::HashSet;

use leptos::prelude::*;
use sandflow_engine::limits::MAX_REPLAY_RANGE_EVENTS;
use sandflow_engine::sandbox::RequestLog;
use sandflow_engine::{Event, RangeError, TimeRange};

use super::AppState;
use crate::storage::{EventFilter, Hint, LogFilter, Older, StorageError};

impl AppState {
    /// Up to about `want` events older than those in memory that match `filter`, newest
    /// first, each with the id of the record holding it, and where to go on from (fewer
    /// when one call's steps found fewer).
    pub async fn older_events(
        self,
        filter: &EventFilter,
        from: Older,
        want: usize,
    ) -> Result<(Vec<(Event, String)>, Older), StorageError> {
        if let Older::Done = from {
            return Ok((Vec::new(), Older::Done));
        }
        let Some((boundary, in_memory)) = self.sandbox.with_untracked(|sb| {
            let oldest = sb.events().last()?.created;
            (!sb.holds_all_events()).then(|| {
                (
                    oldest,
                    sb.events().map(|e| e.id.clone()).collect::<HashSet<_>>(),
                )
            })
        }) else {
            return Ok((Vec::new(), Older::Done));
        };
        self.storage()
            .older_events(filter, boundary, &in_memory, from, want)
            .await
    }

    /// The events of `kind` in `range`, oldest first: those memory holds, then older ones
    /// from storage, read until the range's start is passed; refused when the range holds
    /// more than one replay takes.
    pub async fn events_in_range(
        self,
        kind: &str,
        range: TimeRange,
    ) -> Result<Result<Vec<Event>, RangeError>, StorageError> {
        let mut found: Vec<Event> = self.sandbox.with_untracked(|sb| {
            sb.events()
                .filter(|e| e.kind == kind && range.holds(e))
                .cloned()
                .collect()
        });
        let filter = EventFilter {
            kind: kind.to_owned(),
            id: String::new(),
        };
        let mut from = Older::Start;
        while found.len() <= MAX_REPLAY_RANGE_EVENTS {
            let (page, next) = self.older_events(&filter, from, 500).await?;
            let passed_start = page.iter().any(|(e, _)| e.created < range.from);
            found.extend(page.into_iter().map(|(e, _)| e).filter(|e| range.holds(e)));
            if passed_start || matches!(next, Older::Done) {
                break;
            }
            from = next;
        }
        Ok(range.pick(kind, &found))
    }

    /// Up to about `want` request logs older than those in memory that match `filter`,
    /// newest first (by run, then newest first, when `filter.run` is the start of several
    /// runs' ids), each with the id of the record holding it, and where to go on from.
    pub async fn older_logs(
        self,
        filter: &LogFilter,
        from: Older,
        want: usize,
    ) -> Result<(Vec<(RequestLog, String)>, Older), StorageError> {
        if let Older::Done = from {
            return Ok((Vec::new(), Older::Done));
        }
        let (holds_all, oldest) = self
            .sandbox
            .with_untracked(|sb| (sb.holds_all_logs(), sb.oldest_log_number()));
        if holds_all {
            return Ok((Vec::new(), Older::Done));
        }
        self.storage().older_logs(filter, oldest, from, want).await
    }

    /// The event `id`, from memory or else from storage (`hint` says where it may be).
    pub async fn find_event(self, id: &str, hint: &Hint) -> Result<Option<Event>, StorageError> {
        if let Some(event) = self.sandbox.with_untracked(|sb| sb.event(id).cloned()) {
            return Ok(Some(event));
        }
        self.storage().find_event(id, hint).await
    }

    /// The request log `id`, from memory or else from storage (`hint` says where it may
    /// be).
    pub async fn find_log(self, id: &str, hint: &Hint) -> Result<Option<RequestLog>, StorageError> {
        if let Some(log) = self.sandbox.with_untracked(|sb| sb.log(id).cloned()) {
            return Ok(Some(log));
        }
        self.storage().find_log(id, hint).await
    }
}
