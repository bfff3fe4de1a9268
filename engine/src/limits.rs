//! Every limit Sandflow enforces, named in one place.
//!
//! The numbers come from Stripe Workflows (6 active, 20 in total, 12 steps, 100 list items,
//! 30-day reruns) and from Sandflow's own protections (the cascade depth, the run budget of
//! one dispatch, the size of an import). Code that enforces a limit refers to these
//! constants, so changing one changes it everywhere, messages included.

/// Workflows that can be active at once.
pub const MAX_ACTIVE: usize = 6;

/// Workflows that can exist at once, active and inactive.
pub const MAX_WORKFLOWS: usize = 20;

/// Steps in one workflow, counting every step inside branches.
pub const MAX_STEPS: usize = 12;

/// Items of a list that a condition looks at; later items are never read.
pub const LIST_ITEM_LIMIT: usize = 100;

/// How many runs can chain (a run's action triggering another run) before the next one
/// fails with a budget error. The event a person causes starts at depth 0.
pub const MAX_CASCADE_DEPTH: u32 = 5;

/// Runs one dispatch may start, cascades included; later matches fail with a budget error.
pub const MAX_RUNS_PER_DISPATCH: usize = 100;

/// How long after its trigger event a run can be rerun, in seconds of sandbox time.
pub const RERUN_WINDOW_SECONDS: i64 = 30 * 24 * 60 * 60;

/// The largest file an import accepts, in bytes.
pub const MAX_IMPORT_BYTES: usize = 5 * 1024 * 1024;

/// (workflow, event) deliveries remembered to skip duplicates; older ones are forgotten.
/// Stripe retries a delivery for days, but a sandbox tab sees far fewer events than this.
pub const DELIVERY_MEMORY: usize = 10_000;
