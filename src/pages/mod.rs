//! One file per route.

pub mod customers;
pub mod event_generator;
pub mod not_found;
pub mod outbox;
pub mod workbench;
pub mod workflows;
