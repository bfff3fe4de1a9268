//! Every limit Sandflow enforces, named in one place.
//!
//! The numbers come from Stripe Workflows (6 active, 20 in total, 12 steps, 100 list items,
//! 30-day reruns), from Stripe's API (metadata, string and email lengths) and from
//! Sandflow's own protections (the cascade depth, the run budget of one dispatch, the size
//! of an import, and the bounds of what a person can enter, which [`bounds`](crate::bounds)
//! checks). Code that enforces a limit refers to these constants, so changing one changes it
//! everywhere, messages included.

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

/// Events one replay takes from a time range of sandbox time (memory holds the newest
/// 5,000; older ones are read from storage).
pub const MAX_REPLAY_RANGE_EVENTS: usize = 10_000;

/// Events one bulk send may generate (each may cause side-effect events too).
pub const MAX_BULK_EVENTS: usize = 10_000;

/// How deeply a JSON value a person enters may nest: override values, API parameters, a
/// workflow's parameters and condition trees, and the values of imported workflows.
///
/// Levels are counted from where the value lands, so a value set at a dotted path counts
/// the path's segments too (`metadata.tier = {"a": 1}` reaches level 3), and a condition
/// counts its groups, its comparison and the comparison's value. Records that carry these
/// values (an event around its object, a run around a copy of its workflow, a request log
/// around its parameters) add levels of their own, and `serde_json` reads at most 128 when
/// the account is loaded: 32 leaves room for them (the run of a workflow at every bound is
/// about 90 levels deep), so whatever is accepted can always be read back.
pub const MAX_DEPTH: usize = 32;

/// Segments of a dotted field path (override paths, condition fields, dynamic values):
/// Stripe's deepest fields, such as `lines.data.0.price.recurring.interval`, need half.
pub const MAX_PATH_SEGMENTS: usize = 16;

/// Characters of a dotted field path.
pub const MAX_PATH_CHARS: usize = 256;

/// Characters of any free text: Stripe's own limit for most of its string parameters.
pub const MAX_STRING_CHARS: usize = 5_000;

/// The size of one input written as compact JSON, in bytes: the overrides of one generated
/// event, the parameters of one API call, one parameter of a workflow step, the value a
/// condition compares with.
pub const MAX_VALUE_BYTES: usize = 64 * 1024;

/// Characters of a workflow's name.
pub const MAX_NAME_CHARS: usize = 100;

/// The longest note a published version may carry ("why"), in characters.
pub const MAX_NOTE_CHARS: usize = 500;

/// Characters of an identifier (workflow and step ids, event types, actions): Stripe's ids
/// never exceed 255.
pub const MAX_ID_CHARS: usize = 255;

/// The size of one workflow written as compact JSON, in bytes: half of an even share of an
/// import file ([`MAX_IMPORT_BYTES`] / [`MAX_WORKFLOWS`]), the other half left to the
/// indentation of a pretty-printed export, so an export of twenty workflows usually imports
/// again.
pub const MAX_WORKFLOW_BYTES: usize = 128 * 1024;

/// Keys of an object's metadata (Stripe's limit).
pub const MAX_METADATA_KEYS: usize = 50;

/// Characters of a metadata key (Stripe's limit); keys cannot contain `[` or `]`.
pub const MAX_METADATA_KEY_CHARS: usize = 40;

/// Characters of a metadata value (Stripe's limit).
pub const MAX_METADATA_VALUE_CHARS: usize = 500;

/// Characters of a customer's email address (Stripe's limit).
pub const MAX_EMAIL_CHARS: usize = 512;

/// The largest text of Stripe events an import of events accepts (`stripe events list`,
/// `stripe listen --format JSON`, an event's JSON), in bytes: about 4,000 typical events
/// (1 to 10 KiB each), which read into a few times that in memory.
pub const MAX_EVENT_IMPORT_BYTES: usize = 16 * 1024 * 1024;
