//! The sandbox's history beyond what memory keeps, in IndexedDB. The sandbox holds its
//! newest 5,000 events and request logs; the Workbench lists those from memory, then older
//! ones from here a step at a time, through the indexes by type (events), by run (request
//! logs) and by time, so a history of any length costs only the records a person scrolls
//! to. Each walk starts at the oldest item memory holds and skips what memory holds, so the
//! two lists join without a gap or a repeat.

use std::collections::HashSet;

use sandflow_engine::sandbox::{event_type, RequestLog};
use sandflow_engine::Event;

use super::browser::Browser;
use super::db::Mark;
use super::records::{log_chunk_id, EventBatch, LogChunk};
use super::{Db, StorageError, Store, Stored, Walk};

/// Records read per step of a walk: each is a delivery or a write, up to a few hundred
/// items, so a step is quick and a page rarely needs more than one.
const STEP: usize = 20;
/// Steps one call of `older_events` or `older_logs` takes at
/// most: a filter that matches little returns what it found so far, and the page asks
/// again only while it still wants more (a filter changed meanwhile stops the walk).
const STEPS_PER_CALL: usize = 5;

/// Which events the Workbench lists.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventFilter {
    /// Part of the event type (a whole type reads through the `by_type` index).
    pub kind: String,
    /// Part of the event id.
    pub id: String,
}

impl EventFilter {
    /// Whether `event` matches.
    pub fn matches(&self, event: &Event) -> bool {
        event.kind.contains(&self.kind) && event.id.contains(&self.id)
    }
}

/// Which request logs the Workbench lists.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LogFilter {
    /// Only successful (`Some(true)`) or failed (`Some(false)`) requests, or all.
    pub succeeded: Option<bool>,
    /// The start of the id of the run that made them (a whole id reads through `by_run`).
    pub run: String,
}

impl LogFilter {
    /// Whether `log` matches.
    pub fn matches(&self, log: &RequestLog) -> bool {
        self.succeeded.is_none_or(|ok| ok == (log.status < 400))
            && (self.run.is_empty()
                || log
                    .origin
                    .as_ref()
                    .is_some_and(|o| o.run_id.starts_with(&self.run)))
    }
}

/// Where a walk through older history is: not started, at a mark, or at its end.
#[derive(Clone, Debug, Default)]
pub enum Older {
    /// Nothing read yet.
    #[default]
    Start,
    /// Read up to here.
    At(Mark),
    /// Nothing older matches.
    Done,
}

impl Browser {
    pub(super) async fn older_events(
        &self,
        filter: &EventFilter,
        boundary: i64,
        in_memory: &HashSet<String>,
        from: Older,
        want: usize,
    ) -> Result<(Vec<(Event, String)>, Older), StorageError> {
        let walk = if event_type(&filter.kind).is_some() {
            Walk::events_of_type_before(&filter.kind, boundary)
        } else {
            Walk::events_before(boundary)
        };
        walk_steps(
            &self.db,
            &walk,
            from,
            want,
            |r| r.contains(&filter.kind) && r.contains(&filter.id),
            |record, found| {
                let batch: EventBatch = record.record()?;
                found.extend(
                    batch
                        .events()?
                        .into_iter()
                        .rev()
                        .filter(|e| filter.matches(e) && !in_memory.contains(&e.id))
                        .map(|e| (e, batch.id.clone())),
                );
                Ok(())
            },
            // Ids are unique: once a whole id is found, nothing older can match.
            |found| !filter.id.is_empty() && found.iter().any(|(e, _)| e.id == filter.id),
        )
        .await
    }

    pub(super) async fn older_logs(
        &self,
        filter: &LogFilter,
        oldest: u64,
        from: Older,
        want: usize,
    ) -> Result<(Vec<(RequestLog, String)>, Older), StorageError> {
        let db = &self.db;
        let walk = if filter.run.is_empty() {
            // From the chunk holding the log just older than memory's oldest (the first
            // whose last log is that one or after), not from the newest chunk.
            let straddling = log_chunk_id(oldest.saturating_sub(1));
            let upper = match db.first_from(Store::Logs, &straddling).await? {
                Some(chunk) => chunk.record::<LogChunk>()?.id,
                None => straddling,
            };
            Walk::logs_up_to(&upper)
        } else {
            Walk::logs_of_runs_starting(&filter.run)
        };
        walk_steps(
            db,
            &walk,
            from,
            want,
            |r| {
                // Chunks wholly within memory, and chunks without a failed request when
                // only those are wanted, are skipped before decoding.
                r.number("first").is_some_and(|first| first < oldest as f64)
                    && (filter.succeeded != Some(false)
                        || r.contains("\"status\":4")
                        || r.contains("\"status\":5"))
            },
            |record, found| {
                let chunk: LogChunk = record.record()?;
                found.extend(
                    chunk
                        .logs()?
                        .into_iter()
                        .rev()
                        .filter(|(n, log)| *n < oldest && filter.matches(log))
                        .map(|(_, log)| (log, chunk.id.clone())),
                );
                Ok(())
            },
            |_| false,
        )
        .await
    }

    pub(super) async fn find_event(
        &self,
        id: &str,
        hint: &Hint,
    ) -> Result<Option<Event>, StorageError> {
        let db = &self.db;
        if let Some(record) = &hint.record {
            if let Some(batch) = db.get::<EventBatch>(Store::Events, record).await? {
                if let Some(event) = batch.events()?.into_iter().find(|e| e.id == id) {
                    return Ok(Some(event));
                }
            }
        }
        let mut ways = Vec::new();
        if let (Some(kind), Some(at)) = (&hint.kind, hint.at) {
            // A delivery's events share its time, give or take the cascade it caused.
            ways.push(Walk::events_of_type_around(kind, at - DAY, at));
        }
        ways.push(Walk::every(Store::Events));
        for walk in ways {
            let found = walk_until(db, &walk, id, |record| {
                let batch: EventBatch = record.record()?;
                Ok(batch.events()?.into_iter().find(|e| e.id == id))
            })
            .await?;
            if found.is_some() {
                return Ok(found);
            }
        }
        Ok(None)
    }

    pub(super) async fn find_log(
        &self,
        id: &str,
        hint: &Hint,
    ) -> Result<Option<RequestLog>, StorageError> {
        let db = &self.db;
        let in_chunk = |chunk: LogChunk| -> Result<Option<RequestLog>, StorageError> {
            Ok(chunk
                .logs()?
                .into_iter()
                .map(|(_, l)| l)
                .find(|l| l.id == id))
        };
        if let Some(record) = &hint.record {
            if let Some(chunk) = db.get::<LogChunk>(Store::Logs, record).await? {
                if let Some(log) = in_chunk(chunk)? {
                    return Ok(Some(log));
                }
            }
        }
        let mut ways = Vec::new();
        if let Some(run) = &hint.run {
            ways.push(Walk::logs_of_run(run));
        }
        ways.push(Walk::every(Store::Logs));
        for walk in ways {
            let found = walk_until(db, &walk, id, |record| in_chunk(record.record()?)).await?;
            if found.is_some() {
                return Ok(found);
            }
        }
        Ok(None)
    }
}

/// Where an event or a request log may be in storage, from the link that points at it:
/// each part narrows the search, none is needed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hint {
    /// The id of the record holding it (lists of older history put it in their links).
    pub record: Option<String>,
    /// An event's type.
    pub kind: Option<String>,
    /// An event's time.
    pub at: Option<i64>,
    /// The run that made a request.
    pub run: Option<String>,
}

/// A day of sandbox time, in seconds.
const DAY: i64 = 86_400;

/// Goes on with `walk` (newest first) from `from`,
/// for at most [`STEPS_PER_CALL`] steps: `keep` chooses the records to read (before
/// decoding), `take` adds what a record holds to the items found, and the walk ends once
/// `about` items were found, the range is done, or `finished` says nothing older can match.
#[allow(clippy::too_many_arguments)]
async fn walk_steps<T>(
    db: &Db,
    walk: &Walk,
    from: Older,
    about: usize,
    keep: impl Fn(&Stored) -> bool,
    mut take: impl FnMut(Stored, &mut Vec<T>) -> Result<(), StorageError>,
    finished: impl Fn(&[T]) -> bool,
) -> Result<(Vec<T>, Older), StorageError> {
    let mut mark = match from {
        Older::Done => return Ok((Vec::new(), Older::Done)),
        Older::Start => None,
        Older::At(mark) => Some(mark),
    };
    let mut found = Vec::new();
    for _ in 0..STEPS_PER_CALL {
        if found.len() >= about {
            break;
        }
        let (records, next) = db.walk_step(walk, mark.as_ref(), STEP, &keep).await?;
        for record in records {
            take(record, &mut found)?;
        }
        match next {
            Some(next) if !finished(&found) => mark = Some(next),
            _ => return Ok((found, Older::Done)),
        }
    }
    Ok((found, mark.map_or(Older::Done, Older::At)))
}

/// Goes through `walk` (newest first), decoding only the records
/// whose text contains `needle`, until `find` finds what it looks for in one.
async fn walk_until<T>(
    db: &Db,
    walk: &Walk,
    needle: &str,
    find: impl Fn(Stored) -> Result<Option<T>, StorageError>,
) -> Result<Option<T>, StorageError> {
    let mut mark = None;
    loop {
        let (records, next) = db
            .walk_step(walk, mark.as_ref(), STEP, |r| r.contains(needle))
            .await?;
        for record in records {
            if let Some(found) = find(record)? {
                return Ok(Some(found));
            }
        }
        match next {
            Some(next) => mark = Some(next),
            None => return Ok(None),
        }
    }
}
