//! The changes the first screen (the frame and the Workflows list) can ask for, with their
//! code fetched the first time they run.
//!
//! In the release build the first screen loads only the main WebAssembly module (see
//! `src/app.rs`). Whatever a button of that screen calls is in that module too, even if
//! nobody presses it: advancing the clock reaches the whole sandbox and the workflow
//! executor, creating or importing a workflow reaches validation and, through the field
//! catalog, the event generator. Each function here is a split point (with the `split`
//! feature, `wasm_split_helpers`) that forwards to the [`AppState`] method of the same
//! name, so that code moves into a part of its own, fetched on first use (the service
//! worker keeps it for offline use). Refusals come back worded ([`Failed::worded`]), so
//! the wording of the engine's refusals is fetched with them. The pages in parts call the
//! methods directly.
//!
//! A part that cannot be fetched (no network before the offline copy was made, a host
//! that lost a file) is a refusal like the others, [`Failed::NotFetched`]: nothing was
//! changed, and the button can be pressed again. (Leptos's `#[lazy]`, used before, stops
//! the whole app then.)
//!
//! Without the feature (browser tests, `cargo check`) these are plain calls.

use std::convert::Infallible;
use std::fmt;
use std::future::Future;
use std::pin::Pin;

use super::workflows::ImportRefused;
use super::{AppState, Failed, NotFetched};
use crate::i18n::errors::Worded;
use crate::storage::{StorageError, Unfinished};

/// Why an import added nothing, worded.
#[derive(Clone, Debug, PartialEq)]
pub enum NotImported {
    /// The file's problems, one text each.
    Problems(Vec<String>),
    /// Any other refusal (a limit, storage, start-up not finished, code not fetched).
    Failed(Failed<String>),
}

impl From<NotFetched> for NotImported {
    fn from(e: NotFetched) -> Self {
        NotImported::Failed(e.into())
    }
}

/// Why a read or a catch-up asked for on demand was not done, worded.
#[derive(Clone, Debug, PartialEq)]
pub struct NotDone(String);

impl fmt::Display for NotDone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<StorageError> for NotDone {
    fn from(e: StorageError) -> Self {
        NotDone(e.to_string())
    }
}

impl From<NotFetched> for NotDone {
    fn from(e: NotFetched) -> Self {
        NotDone(Failed::<Infallible>::from(e).to_string())
    }
}

/// What a part's function hands back: the change, to run.
type Later<T> = Pin<Box<dyn Future<Output = T>>>;

/// One function per change: with the cut, its body is a part of its own, fetched on the
/// first call; a fetch that fails comes back as the change's own error (`From<NotFetched>`).
macro_rules! on_demand {
    ($(
        $(#[$doc:meta])*
        $vis:vis fn $name:ident($($arg:ident: $ty:ty),*) -> $out:ty $body:block
    )*) => {$(
        $(#[$doc])*
        $vis async fn $name($($arg: $ty),*) -> $out {
            #[cfg_attr(feature = "split", wasm_split_helpers::wasm_split($name, fallible))]
            fn part($($arg: $ty),*) -> Result<Later<$out>, NotFetched> {
                Ok(Box::pin(async move $body))
            }
            #[cfg(feature = "split")]
            let change = part($($arg),*).await?;
            #[cfg(not(feature = "split"))]
            let change = part($($arg),*)?;
            change.await
        }
    )*};
}

on_demand! {
    /// [`AppState::advance_clock`].
    pub fn advance_clock(app: AppState, seconds: i64) -> Result<usize, Failed<String>> {
        app.advance_clock(seconds).await
    }

    /// [`AppState::create_workflow`].
    pub fn create_workflow(app: AppState) -> Result<String, Failed<String>> {
        app.create_workflow().await.map_err(Failed::worded)
    }

    /// [`AppState::add_template`].
    pub fn add_template(app: AppState, index: usize) -> Result<String, Failed<String>> {
        app.add_template(index).await.map_err(Failed::worded)
    }

    /// [`AppState::import_workflows`].
    pub fn import_workflows(app: AppState, text: String) -> Result<usize, NotImported> {
        app.import_workflows(text).await.map_err(|e| match e {
            Failed::Refused(ImportRefused::Problems(problems)) => {
                NotImported::Problems(problems.iter().map(Worded::worded).collect())
            }
            other => NotImported::Failed(other.worded()),
        })
    }

    /// [`AppState::export_with_history`].
    pub fn export_with_history(app: AppState, ids: Vec<String>) -> Result<String, NotDone> {
        Ok(app.export_with_history(ids).await?)
    }

    /// [`AppState::activate`], without the problems it lets pass.
    pub fn activate(app: AppState, id: String) -> Result<(), Failed<String>> {
        app.activate(id).await.map(drop).map_err(Failed::worded)
    }

    /// [`AppState::deactivate`].
    pub fn deactivate(app: AppState, id: String) -> Result<(), Failed<String>> {
        app.deactivate(id).await.map_err(Failed::worded)
    }

    /// [`AppState::reset_sandbox`].
    pub fn reset_sandbox(app: AppState) -> Result<(), Failed<Infallible>> {
        app.reset_sandbox().await
    }

    /// [`AppState::reset_everything`].
    pub fn reset_everything(app: AppState) -> Result<(), Failed<Infallible>> {
        app.reset_everything().await
    }

    /// [`AppState::finish_unfinished`]: only start-ups and catch-ups that find work a
    /// closed tab left undone fetch the executor. Not fetched, the work waits for the
    /// next catch-up, as when it could not be stored.
    pub(super) fn finish_unfinished(app: AppState, unfinished: Unfinished) -> Result<(), NotDone> {
        Ok(app.finish_unfinished(unfinished).await?)
    }
}
