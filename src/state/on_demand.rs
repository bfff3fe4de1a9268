//! The changes the first screen (the frame and the Workflows list) can ask for, with their
//! code fetched the first time they run.
//!
//! In the release build the first screen loads only the main WebAssembly module (see
//! `src/app.rs`). Whatever a button of that screen calls is in that module too, even if
//! nobody presses it: advancing the clock reaches the whole sandbox and the workflow
//! executor, creating or importing a workflow reaches validation and, through the field
//! catalog, the event generator. Each function here is a Leptos `#[lazy]` split point
//! (with the `split` feature) that forwards to the [`AppState`] method of the same name,
//! so that code moves into a part of its own, fetched on first use (the service worker
//! keeps it for offline use). Refusals come back worded ([`Failed::worded`]), so the
//! wording of the engine's refusals is fetched with them. The pages in parts call the
//! methods directly.
//!
//! Without the feature (browser tests, `cargo check`) these are plain calls.

use std::convert::Infallible;

use super::workflows::ImportRefused;
use super::{AppState, Failed};
use crate::i18n::errors::Worded;
use crate::storage::{StorageError, Unfinished};

/// Why an import added nothing, worded.
#[derive(Clone, Debug, PartialEq)]
pub enum NotImported {
    /// The file's problems, one text each.
    Problems(Vec<String>),
    /// Any other refusal (a limit, storage, start-up not finished).
    Failed(Failed<String>),
}

/// [`AppState::advance_clock`].
#[cfg_attr(feature = "split", leptos::lazy)]
pub async fn advance_clock(app: AppState, seconds: i64) -> Result<usize, Failed<String>> {
    app.advance_clock(seconds).await
}

/// [`AppState::create_workflow`].
#[cfg_attr(feature = "split", leptos::lazy)]
pub async fn create_workflow(app: AppState) -> Result<String, Failed<String>> {
    app.create_workflow().await.map_err(Failed::worded)
}

/// [`AppState::add_template`].
#[cfg_attr(feature = "split", leptos::lazy)]
pub async fn add_template(app: AppState, index: usize) -> Result<String, Failed<String>> {
    app.add_template(index).await.map_err(Failed::worded)
}

/// [`AppState::import_workflows`].
#[cfg_attr(feature = "split", leptos::lazy)]
pub async fn import_workflows(app: AppState, text: String) -> Result<usize, NotImported> {
    app.import_workflows(text).await.map_err(|e| match e {
        Failed::Refused(ImportRefused::Problems(problems)) => {
            NotImported::Problems(problems.iter().map(Worded::worded).collect())
        }
        other => NotImported::Failed(other.worded()),
    })
}

/// [`AppState::export_with_history`].
#[cfg_attr(feature = "split", leptos::lazy)]
pub async fn export_with_history(app: AppState, ids: Vec<String>) -> Result<String, StorageError> {
    app.export_with_history(ids).await
}

/// [`AppState::activate`], without the problems it lets pass.
#[cfg_attr(feature = "split", leptos::lazy)]
pub async fn activate(app: AppState, id: String) -> Result<(), Failed<String>> {
    app.activate(id).await.map(drop).map_err(Failed::worded)
}

/// [`AppState::deactivate`].
#[cfg_attr(feature = "split", leptos::lazy)]
pub async fn deactivate(app: AppState, id: String) -> Result<(), Failed<String>> {
    app.deactivate(id).await.map_err(Failed::worded)
}

/// [`AppState::reset_sandbox`].
#[cfg_attr(feature = "split", leptos::lazy)]
pub async fn reset_sandbox(app: AppState) -> Result<(), Failed<Infallible>> {
    app.reset_sandbox().await
}

/// [`AppState::reset_everything`].
#[cfg_attr(feature = "split", leptos::lazy)]
pub async fn reset_everything(app: AppState) -> Result<(), Failed<Infallible>> {
    app.reset_everything().await
}

/// [`AppState::finish_unfinished`]: only start-ups and catch-ups that find work a closed
/// tab left undone fetch the executor.
#[cfg_attr(feature = "split", leptos::lazy)]
pub(super) async fn finish_unfinished(
    app: AppState,
    unfinished: Unfinished,
) -> Result<(), StorageError> {
    app.finish_unfinished(unfinished).await
}
