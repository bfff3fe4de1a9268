//! Browser storage: IndexedDB for everything that must survive a reload (workflows, runs,
//! events, the sandbox account, request logs, the outbox) and local storage for small UI
//! preferences. This is the only module of the app that touches web storage.

pub mod db;
pub mod prefs;
pub mod schema;

pub use db::{Db, Loaded, RunQuery, StorageError, Store, Stored, Writes};
pub use prefs::Prefs;
pub use schema::SCHEMA_VERSION;
