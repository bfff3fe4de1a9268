//! The in-memory implementation of [`super::Storage`], for a browser that refuses storage
//! (some private modes): the workflows, the runs and the Outbox's state, kept for as long
//! as the page is open. The sandbox account needs nothing here: memory is the account.
//! It checks the write sequence as IndexedDB does, so the one writer works the same on
//! both.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};

use sandflow_engine::{Run, RunStatus, TestCase, Version, Workflow};

use super::records::{OutboxCleared, OUTBOX_CLEARED};
use super::{RunFilter, StorageError, StoredTests, StoredWorkflows, Writes, RECORD_FORMAT};

/// One change to what memory keeps (see [`super::Change`]).
pub(super) enum Op {
    PutWorkflow(Workflow, Option<Workflow>),
    PutVersion(Version),
    PutTest(Box<TestCase>),
    DeleteTest(String, String),
    DeleteWorkflow(String),
    PutRuns(Vec<Run>),
    OutboxCleared(OutboxCleared),
    DeleteOlderThan(i64),
    Clear,
}

#[derive(Default)]
pub(super) struct Memory(RefCell<Kept>);

#[derive(Default)]
struct Kept {
    seq: u64,
    /// Live definitions and drafts, by id.
    workflows: BTreeMap<String, (Workflow, Option<Workflow>)>,
    versions: BTreeMap<(String, u32), Version>,
    /// Saved tests by workflow and test id.
    tests: BTreeMap<(String, String), TestCase>,
    /// Oldest first (a new run is pushed, not inserted before thousands of others); the
    /// reads go through it backwards, newest first.
    runs: Vec<Run>,
    /// The ids of `runs`: whether a run put is new or replaces one, without a search.
    run_ids: HashSet<String>,
    outbox_cleared: Option<OutboxCleared>,
}

impl Kept {
    fn runs_of<'a>(
        &'a self,
        workflow_id: &'a str,
        filter: RunFilter,
    ) -> impl Iterator<Item = &'a Run> + 'a {
        self.runs
            .iter()
            .rev()
            .filter(move |r| r.workflow_id == workflow_id)
            .filter(move |r| filter.status.is_none_or(|s| r.status == s))
            .filter(move |r| filter.version.is_none_or(|v| r.workflow.version == v))
    }

    /// `run_ids` again, after runs were removed.
    fn reindex(&mut self) {
        self.run_ids = self.runs.iter().map(|r| r.id.clone()).collect();
    }
}

impl Memory {
    pub(super) fn seq(&self) -> u64 {
        self.0.borrow().seq
    }

    /// Applies `ops`, if `writes`' guard holds.
    pub(super) fn commit(&self, writes: &Writes, ops: Vec<Op>) -> Result<(), StorageError> {
        let mut kept = self.0.borrow_mut();
        kept.seq = writes.seq_after(kept.seq)?;
        for op in ops {
            match op {
                Op::PutWorkflow(live, draft) => {
                    kept.workflows.insert(live.id.clone(), (live, draft));
                }
                Op::PutVersion(version) => {
                    let key = (version.workflow_id.clone(), version.number);
                    kept.versions.insert(key, version);
                }
                Op::PutTest(test) => {
                    let key = (test.workflow_id.clone(), test.id.clone());
                    kept.tests.insert(key, *test);
                }
                Op::DeleteTest(workflow_id, test) => {
                    kept.tests.remove(&(workflow_id, test));
                }
                Op::DeleteWorkflow(id) => {
                    kept.workflows.remove(&id);
                    kept.versions.retain(|(w, _), _| *w != id);
                    kept.tests.retain(|(w, _), _| *w != id);
                    kept.runs.retain(|r| r.workflow_id != id);
                    kept.reindex();
                }
                Op::PutRuns(runs) => {
                    for run in runs {
                        if kept.run_ids.insert(run.id.clone()) {
                            // Kept in the order of IndexedDB's index, `(started, id)`: a run
                            // stored late (a retried write) still lists where it ran.
                            let at = kept.runs.partition_point(|r| {
                                (r.started, r.id.as_str()) <= (run.started, run.id.as_str())
                            });
                            kept.runs.insert(at, run);
                        } else if let Some(stored) = kept.runs.iter_mut().find(|r| r.id == run.id) {
                            *stored = run;
                        }
                    }
                }
                Op::OutboxCleared(cleared) => kept.outbox_cleared = Some(cleared),
                Op::DeleteOlderThan(time) => {
                    kept.runs.retain(|r| r.started >= time);
                    kept.reindex();
                }
                Op::Clear => {
                    let seq = kept.seq;
                    *kept = Kept {
                        seq,
                        ..Kept::default()
                    };
                }
            }
        }
        Ok(())
    }

    pub(super) fn workflows(&self) -> StoredWorkflows {
        let kept = self.0.borrow();
        StoredWorkflows {
            live: kept.workflows.values().map(|(w, _)| w.clone()).collect(),
            drafts: kept
                .workflows
                .values()
                .filter_map(|(_, d)| d.clone())
                .collect(),
            problems: Vec::new(),
        }
    }

    pub(super) fn versions(&self, workflow_id: &str) -> Vec<Version> {
        self.0
            .borrow()
            .versions
            .values()
            .filter(|v| v.workflow_id == workflow_id)
            .cloned()
            .collect()
    }

    pub(super) fn tests(&self, workflow_id: &str) -> StoredTests {
        let mut tests: Vec<TestCase> = self
            .0
            .borrow()
            .tests
            .values()
            .filter(|t| t.workflow_id == workflow_id)
            .cloned()
            .collect();
        tests.sort_by(|a, b| (a.created, &a.id).cmp(&(b.created, &b.id)));
        StoredTests {
            tests,
            problems: Vec::new(),
        }
    }

    pub(super) fn version(&self, workflow_id: &str, number: u32) -> Option<Version> {
        let key = (workflow_id.to_owned(), number);
        self.0.borrow().versions.get(&key).cloned()
    }

    pub(super) fn run(&self, id: &str) -> Option<Run> {
        self.0
            .borrow()
            .runs
            .iter()
            .rev()
            .find(|r| r.id == id)
            .cloned()
    }

    pub(super) fn runs_page(
        &self,
        workflow_id: &str,
        filter: RunFilter,
        before: Option<(i64, &str)>,
        limit: usize,
    ) -> Vec<Run> {
        self.0
            .borrow()
            .runs_of(workflow_id, filter)
            .filter(|r| before.is_none_or(|(t, id)| (r.started, r.id.as_str()) < (t, id)))
            .take(limit)
            .cloned()
            .collect()
    }

    pub(super) fn count_runs(
        &self,
        workflow_id: &str,
        filter: RunFilter,
        spans: &[Option<(i64, i64)>],
    ) -> Vec<u32> {
        let kept = self.0.borrow();
        spans
            .iter()
            .map(|span| {
                kept.runs_of(workflow_id, filter)
                    .filter(|r| span.is_none_or(|(from, to)| from <= r.started && r.started < to))
                    .count() as u32
            })
            .collect()
    }

    pub(super) fn run_figures(&self, workflow_ids: &[String]) -> Vec<(u32, Option<RunStatus>)> {
        let kept = self.0.borrow();
        workflow_ids
            .iter()
            .map(|id| {
                let mut runs = kept.runs_of(id, RunFilter::default());
                let newest = runs.next().map(|r| r.status);
                (newest.map_or(0, |_| 1 + runs.count() as u32), newest)
            })
            .collect()
    }

    pub(super) fn outbox_runs(&self, emails: usize) -> Vec<Run> {
        let kept = self.0.borrow();
        let mut runs = Vec::new();
        let mut count = 0;
        for run in kept.runs.iter().rev() {
            if count >= emails {
                break;
            }
            let sent = run.emails().count();
            if sent > 0 && kept.outbox_cleared.as_ref().is_none_or(|c| c.shows(run)) {
                count += sent;
                runs.push(run.clone());
            }
        }
        runs
    }

    pub(super) fn outbox_cleared(&self, at: i64) -> OutboxCleared {
        OutboxCleared {
            id: OUTBOX_CLEARED.to_owned(),
            format: RECORD_FORMAT,
            at,
            before: self
                .0
                .borrow()
                .runs
                .iter()
                .filter(|r| r.started == at && r.emails().next().is_some())
                .map(|r| r.id.clone())
                .collect(),
        }
    }

    pub(super) fn count_older_than(&self, time: i64) -> (u32, u32) {
        let old = self
            .0
            .borrow()
            .runs
            .iter()
            .filter(|r| r.started < time)
            .count();
        (old as u32, 0)
    }
}
