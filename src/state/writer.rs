//! One writer at a time, across every tab of the browser.
//!
//! Each tab holds the account in memory, and every change is made in memory first, then
//! stored. Two tabs changing their own copies at once would draw the same ids and write
//! over each other. So a change is made only by the tab that holds the Web Lock
//! `sandflow-write`, and only once that tab has caught up with what is stored:
//!
//! - storage keeps a **write sequence** (`Db::seq`), which every write of the app moves
//!   on by one, in the same transaction, and only if it is still the number the writer
//!   expected (compare and set, see `Change::guard`): a tab that missed a write can never
//!   store over it, even without the lock;
//! - a tab remembers the sequence its memory is at; under the lock, if storage is further,
//!   it reads the account again before changing anything (catching up is one read of one
//!   record when nothing changed);
//! - when a write fails, memory may hold what storage does not: the tab forgets its
//!   sequence, reads everything again, and events stored without their runs (`pending`)
//!   are dispatched again later ([`AppState::schedule_retry`]) and at the next start-up.
//!
//! Other tabs hear of each write on a BroadcastChannel and catch up, under the same lock,
//! a moment later; a tab never replaces its account in the middle of its own change,
//! because its change holds the lock.

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, MessageEvent};

use std::pin::Pin;

use super::locks::{self, LockGuard};
use super::{AppState, Failed};
use crate::storage::{Change, StorageError};

/// The Web Lock held while the account is changed.
const WRITE_LOCK: &str = "sandflow-write";

/// The BroadcastChannel tabs use to tell each other that they wrote.
const CHANNEL: &str = "sandflow";

/// How long a tab waits after another tab's write before catching up, so that a burst of
/// writes (a bulk send) makes one catch-up, not one each.
const CATCH_UP_DELAY_MS: i32 = 300;

/// Delays between attempts to store waiting runs, in milliseconds; the last repeats.
const RETRY_DELAYS_MS: [i32; 4] = [2_000, 5_000, 15_000, 30_000];

/// Why a change cannot begin (see [`AppState::begin`]).
enum Refusal {
    Loading,
    Damaged(String),
    Storage(StorageError),
}

impl AppState {
    /// Runs `work` as the account's one writer: after start-up, holding the write lock, on
    /// memory that has caught up with storage.
    pub(super) async fn exclusive<T, E, F>(
        self,
        work: impl FnOnce() -> F + 'static,
    ) -> Result<T, Failed<E>>
    where
        T: 'static,
        E: 'static,
        F: Future<Output = Result<T, Failed<E>>> + 'static,
    {
        self.exclusive_over(false, work).await
    }

    /// Like [`Self::exclusive`], for the resets, which may write over an account that
    /// could not be read (that is what they are for).
    pub(super) async fn exclusive_reset<T, E, F>(
        self,
        work: impl FnOnce() -> F + 'static,
    ) -> Result<T, Failed<E>>
    where
        T: 'static,
        E: 'static,
        F: Future<Output = Result<T, Failed<E>>> + 'static,
    {
        self.exclusive_over(true, work).await
    }

    async fn exclusive_over<T, E, F>(
        self,
        over_damaged: bool,
        work: impl FnOnce() -> F + 'static,
    ) -> Result<T, Failed<E>>
    where
        T: 'static,
        E: 'static,
        F: Future<Output = Result<T, Failed<E>>> + 'static,
    {
        let _lock = match self.begin(over_damaged).await {
            Ok(lock) => lock,
            Err(Refusal::Loading) => return Err(Failed::Loading),
            Err(Refusal::Damaged(why)) => return Err(Failed::Damaged(why)),
            Err(Refusal::Storage(e)) => return Err(e.into()),
        };
        work().await
    }

    /// What every change does first, in one (boxed, so not generic) future shared by
    /// them all: refuse before start-up, and over an unreadable account unless
    /// `over_damaged` (a reset), then take the lock and catch up. The lock's guard.
    fn begin(
        self,
        over_damaged: bool,
    ) -> Pin<Box<dyn Future<Output = Result<LockGuard, Refusal>>>> {
        Box::pin(async move {
            if !self.ready.get_untracked() {
                return Err(Refusal::Loading);
            }
            let damaged = self.damaged.get_value();
            if let (Some(why), false) = (&damaged, over_damaged) {
                return Err(Refusal::Damaged(why.clone()));
            }
            let lock = locks::acquire(WRITE_LOCK).await;
            if damaged.is_none() {
                self.catch_up().await.map_err(Refusal::Storage)?;
            } else {
                // Nothing readable to catch up with: start from the stored sequence.
                let stored = self.storage().seq().await.map_err(Refusal::Storage)?;
                self.seq.set_value(Some(stored));
            }
            Ok(lock)
        })
    }

    /// Whether a change waits for the write lock.
    pub(super) async fn write_lock_wanted(self) -> bool {
        locks::is_wanted(WRITE_LOCK).await
    }

    /// Holds the write lock until the guard is dropped (start-up, catching up, retries).
    pub(super) async fn lock(self) -> locks::LockGuard {
        locks::acquire(WRITE_LOCK).await
    }

    /// Reads the account again if another tab (or a failed write) left memory behind
    /// storage, then dispatches the deliveries a closed tab or a refused write left
    /// pending.
    pub(super) async fn catch_up(self) -> Result<(), StorageError> {
        let stored = self.storage().seq().await?;
        if self.seq.get_value() == Some(stored) {
            return Ok(());
        }
        self.reload().await?;
        if let Err(e) = self.recover().await {
            // What the recovery computed could not be stored: read it all again and try
            // later; the change asked for goes on from what is stored.
            self.notice.set(Some(e.to_string()));
            self.reload().await?;
            self.schedule_retry();
        }
        self.count_waiting().await;
        Ok(())
    }

    /// Reads everything again and remembers the sequence it read at.
    pub(super) async fn reload(self) -> Result<(), StorageError> {
        self.seq.set_value(None);
        let stored = self.storage().seq().await?;
        self.load_from().await?;
        self.seq.set_value(Some(stored));
        Ok(())
    }

    /// After a failed write (under the lock): memory goes back to what is stored.
    pub(super) async fn roll_back(self) {
        if let Err(e) = self.reload().await {
            self.notice.set(Some(e.to_string()));
        }
        self.count_waiting().await;
        if self.waiting.get_untracked() > 0 {
            self.schedule_retry();
        }
    }

    /// Keeps [`AppState::waiting`] to the number of events stored without their runs.
    pub(super) async fn count_waiting(self) {
        match self.storage().count_pending().await {
            Ok(n) => self.waiting.set(n),
            Err(e) => self.notice.set(Some(e.to_string())),
        }
    }

    /// Stores `change` in one transaction, as the next step of the write sequence, and
    /// tells the other tabs.
    pub(super) async fn write(self, mut change: Change) -> Result<(), StorageError> {
        let Some(expected) = self.seq.get_value() else {
            // An earlier write failed and memory has not been read again: writing now would
            // store what the failed write left out as if it had been stored.
            return Err(StorageError::Stale);
        };
        match self.chain.get_value() {
            Some((next, end)) if next <= end => {
                change.chain(next);
                self.chain.set_value(Some((next + 1, end)));
            }
            _ => {
                self.seq.set_value(Some(expected + 1));
                change.guard(expected);
            }
        }
        match self.storage().commit(change).await {
            Ok(()) => {
                self.channel.with_value(|c| {
                    if let Some(c) = c {
                        let _ = c.post_message(&JsValue::from_str("changed"));
                    }
                });
                Ok(())
            }
            Err(e) => {
                self.seq.set_value(None);
                self.chain.set_value(None);
                if !matches!(e, StorageError::Stale) {
                    self.notice.set(Some(e.to_string()));
                }
                Err(e)
            }
        }
    }

    /// Opens a chain of `length` writes (see `Change::open_chain`): the next writes of
    /// this holder of the lock are checked by IndexedDB itself rather than by a read, so
    /// they can be queued back to back while the page computes the next ones. Stored
    /// (and so checked) before it returns.
    pub(super) async fn open_chain(self, length: u64) -> Result<(), StorageError> {
        let Some(expected) = self.seq.get_value() else {
            return Err(StorageError::Stale);
        };
        self.chain.set_value(None);
        self.seq.set_value(Some(expected + 1 + length));
        let mut change = self.change();
        change.open_chain(expected, length);
        match self.storage().commit(change).await {
            Ok(()) => {
                self.chain
                    .set_value(Some((expected + 2, expected + 1 + length)));
                Ok(())
            }
            Err(e) => {
                self.seq.set_value(None);
                Err(e)
            }
        }
    }

    /// How many more writes the open chain takes (0 without one).
    pub(super) fn chain_left(self) -> u64 {
        match (self.chain.get_value(), self.seq.get_value()) {
            (Some((next, end)), Some(_)) => (end + 1).saturating_sub(next),
            _ => 0,
        }
    }

    /// Closes the chain: later writes are checked by a read again.
    pub(super) fn close_chain(self) {
        self.chain.set_value(None);
    }

    /// Tries again, a little later and then every 30 s, to dispatch and store the events
    /// that are waiting for their runs, until none is left.
    pub(super) fn schedule_retry(self) {
        if self.retrying.get_value() {
            return;
        }
        self.retrying.set_value(true);
        spawn_local(async move {
            let mut attempt = 0;
            loop {
                sleep(RETRY_DELAYS_MS[attempt.min(RETRY_DELAYS_MS.len() - 1)]).await;
                attempt += 1;
                if self.storage.try_get_value().is_none() {
                    // The app is gone.
                    break;
                }
                let done = {
                    let _lock = self.lock().await;
                    // Forgetting the sequence makes the catch-up read everything and
                    // dispatch what is pending.
                    self.seq.set_value(None);
                    if let Err(e) = self.catch_up().await {
                        self.notice.set(Some(e.to_string()));
                    }
                    self.waiting.get_untracked() == 0
                };
                if done {
                    self.notice.set(None);
                    break;
                }
            }
            self.retrying.set_value(false);
        });
    }

    /// Other tabs post on the channel after each write; this tab then catches up (under
    /// the lock, once per burst), so both show the same workflows, runs and sandbox.
    pub(super) fn listen_to_other_tabs(self) {
        let Ok(channel) = BroadcastChannel::new(CHANNEL) else {
            return;
        };
        let scheduled = StoredValue::new(false);
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |_: MessageEvent| {
            if scheduled.get_value() {
                return;
            }
            scheduled.set_value(true);
            spawn_local(async move {
                sleep(CATCH_UP_DELAY_MS).await;
                scheduled.set_value(false);
                let _lock = self.lock().await;
                if let Err(e) = self.catch_up().await {
                    self.notice.set(Some(e.to_string()));
                }
            });
        });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The handler lives as long as the page.
        on_message.forget();
        self.channel.set_value(Some(channel));
    }
}

/// Waits `ms` milliseconds (a timer of the page), or not at all without a window.
pub(crate) async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let scheduled = web_sys::window().is_some_and(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
                .is_ok()
        });
        if !scheduled {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
