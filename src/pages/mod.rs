//! One file per route.

pub mod compare;
pub mod customer;
pub mod customers;
pub mod event_generator;
pub mod not_found;
pub mod outbox;
pub mod replay;
pub mod run;
pub mod run_compare;
pub mod versions;
pub mod workbench;
pub mod workflow;
pub mod workflows;
