//! Coverage: which steps and branches of a workflow the events it is tried with reach, and
//! events found to reach the rest.
//!
//! A draft is tried with the saved tests and with events generated for its trigger type
//! ([`generate_events`], [`cover`]); [`Coverage`] counts, for each step and each side of
//! each condition, how many runs reached it, and lists what no run reached
//! ([`Coverage::never_exercised`]). Runs that failed are kept with their error, each an
//! event worth saving as a test.
//!
//! For a [`Point`] never reached, [`search`] looks for an event that reaches it: it reads
//! the conditions on the way (the trigger conditions, the branches around the point) and
//! tries values aimed at them (each threshold and the values around it, each operator's
//! true and false side, empty and missing fields, lists of 0, 1, 100 and 101 items,
//! zero-decimal currencies), set on generated events and on the objects the steps read,
//! until a real run reaches the point. When the conditions on the way contradict each
//! other (`amount > 100` and `amount < 50`) it says so and names the conditions that
//! conflict ([`Contradiction`]), a claim it makes only when no value of the fields could
//! satisfy them (the `reach` module says when it can tell).
//!
//! Everything runs in copies of the account, with only the draft (made active) listening,
//! as a replay does: nothing outside changes. Seeds come in as arguments, so the same
//! inputs give the same events, tallies and findings.

mod exercise;
mod reach;
mod search;
mod tally;

pub use exercise::{
    cover, generate_events, CoverageError, Exercise, FailedRun, Generated, DEFAULT_GENERATED_EVENTS,
};
pub use reach::{Contradiction, PathCondition};
pub use search::{search, Example, Search, DEFAULT_SEARCH_BUDGET};
pub use tally::{tally, BranchTally, Coverage, Point, StepTally, TriggerTally};
