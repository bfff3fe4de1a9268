//! Sandflow's web app: a Leptos (client-side rendered) interface over the pure
//! `sandflow-engine` crate, with IndexedDB persistence.
//!
//! Everything here is browser-only and compiles for `wasm32` alone; the native build of the
//! workspace only checks and tests the engine.
#![warn(missing_docs)]

/// The languages the app speaks. Its string table and lookups are plain Rust, tested
/// natively (`cargo test -p sandflow`); the browser parts are wasm-only. First, so that its
/// macros (`tr!`, `trf!`, `trn!`) are in scope in every module below.
#[macro_use]
pub mod i18n;
#[cfg(target_arch = "wasm32")]
mod app;
/// Where the app lives on its host (the path of the page's `<base href>`).
#[cfg(target_arch = "wasm32")]
pub mod base;
/// The interface's parts; public so that the browser tests can mount them alone.
#[cfg(target_arch = "wasm32")]
pub mod components;
/// The banner a crash shows.
#[cfg(target_arch = "wasm32")]
pub mod crash;
/// The workflow editor's own parts; public so that the browser tests can mount them alone.
#[cfg(target_arch = "wasm32")]
pub mod editor;
#[cfg(target_arch = "wasm32")]
mod offline;
#[cfg(target_arch = "wasm32")]
mod pages;
#[cfg(target_arch = "wasm32")]
mod parts;
#[cfg(target_arch = "wasm32")]
pub mod state;
#[cfg(target_arch = "wasm32")]
pub mod storage;

#[cfg(target_arch = "wasm32")]
pub use app::App;
