//! Reusable parts of the interface, one public component per file.

pub mod empty_state;
pub mod sidebar;
