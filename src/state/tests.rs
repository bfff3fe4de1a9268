//! A workflow's saved tests: made from a run (or from an event the workflow did not run
//! on), stored, renamed, edited, deleted. The engine decides what a test holds and checks
//! it (`TestCase::from_outcome`, `TestCase::check`, `check_room`); each change is made by
//! the one writer and stored before it is reported done.

use leptos::prelude::*;
use sandflow_engine::{check_room, Event, Run, TestCase, TestError, Workflow};

use super::{AppState, Failed};
use crate::storage::{StorageError, StoredTests};

impl AppState {
    /// The saved tests of `workflow_id`, oldest first, and what could not be read.
    pub async fn tests(self, workflow_id: String) -> Result<StoredTests, StorageError> {
        self.storage().tests(&workflow_id).await
    }

    /// A new test of `definition` on `event`, pre-filled from `run` (what the workflow did
    /// with it, `None` when it did not run), its starting state taken from the account as
    /// it is now. Nothing is stored: see [`Self::save_test`].
    pub fn new_test(
        &self,
        definition: &Workflow,
        event: &Event,
        run: Option<&Run>,
        name: String,
    ) -> TestCase {
        let id = self.new_test_id();
        let now = self.now();
        self.sandbox.with_untracked(|account| {
            TestCase::from_outcome(id, name, definition, event, run, account, now)
        })
    }

    /// A provisional id for a test being made (`test_…`): [`Self::add_test`] gives the
    /// test its lasting id when it stores it.
    pub fn new_test_id(&self) -> String {
        self.dispatcher
            .try_update(|d| d.ids().next("test"))
            .unwrap_or_default()
    }

    /// Stores a new `test` under an id drawn inside the writer's lock, from the account as
    /// storage holds it, and stored with it: two tabs adding a test to one workflow at the
    /// same instant get two ids, never one test written over the other. Returns the id.
    pub async fn add_test(self, mut test: TestCase) -> Result<String, Failed<TestError>> {
        self.exclusive(move || async move {
            test.id = self.new_test_id();
            let id = test.id.clone();
            self.store_test(test, None).await.map(|()| id)
        })
        .await
    }

    /// Stores `test`, a change of `shown` (the test as the page showed it), once the engine
    /// has checked it. When the stored test is no longer `shown` (another tab changed or
    /// deleted it meanwhile), nothing is stored: saving would undo that change.
    pub async fn save_test(self, test: TestCase, shown: TestCase) -> Result<(), Failed<TestError>> {
        self.exclusive(move || async move { self.store_test(test, Some(shown)).await })
            .await
    }

    /// [`Self::add_test`]'s and [`Self::save_test`]'s work, inside the lock.
    async fn store_test(
        self,
        test: TestCase,
        shown: Option<TestCase>,
    ) -> Result<(), Failed<TestError>> {
        test.check().map_err(Failed::Refused)?;
        let stored = self.storage().tests(&test.workflow_id).await?;
        if let Some(shown) = shown {
            if stored.tests.iter().find(|t| t.id == test.id) != Some(&shown) {
                return Err(Failed::Refused(TestError::ChangedElsewhere));
            }
        }
        let is_new = !stored.tests.iter().any(|t| t.id == test.id);
        if is_new {
            check_room(stored.tests.len()).map_err(Failed::Refused)?;
        }
        let mut change = self.change();
        change
            .put_test(&test)
            .map_err(|e| Failed::NotSaved(e.to_string()))?;
        if is_new {
            // Its id came from the account's generator: stored with it, so no later
            // test can draw the same id after a reload.
            self.put_account(&mut change);
        }
        if let Err(e) = self.write(change).await {
            self.roll_back().await;
            return Err(Failed::NotSaved(format!("{e}. The test was not saved")));
        }
        Ok(())
    }

    /// Deletes the saved test `test` of `workflow_id`.
    pub async fn delete_test(
        self,
        workflow_id: String,
        test: String,
    ) -> Result<(), Failed<TestError>> {
        self.exclusive(move || async move {
            let mut change = self.change();
            change.delete_test(&workflow_id, &test);
            if let Err(e) = self.write(change).await {
                self.roll_back().await;
                return Err(Failed::NotSaved(format!("{e}. The test was not deleted")));
            }
            Ok(())
        })
        .await
    }
}
