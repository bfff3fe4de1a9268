//! Browser storage: IndexedDB for everything that must survive a reload (workflows, runs,
//! events, the sandbox account, request logs, the outbox) and local storage for small UI
//! preferences; how much room the browser leaves them (`quota`). This is the only module of
//! the app that touches web storage.

pub mod db;
pub mod prefs;
pub mod quota;
pub(crate) mod records;
pub mod schema;

pub use db::{Db, Loaded, RunQuery, StorageError, Store, Stored, Walk, Writes};
pub use prefs::Prefs;
pub use schema::SCHEMA_VERSION;

/// The format of the records Sandflow writes as JSON text beside their indexed fields (from
/// schema version 3), stored in each as `format`. A record of a newer format (written by a
/// newer Sandflow in another tab) is refused with a clear error rather than misread.
pub const RECORD_FORMAT: u32 = 1;
