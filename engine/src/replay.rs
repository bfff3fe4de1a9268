//! Replay (what-if): how a definition would have handled events that already happened,
//! with no side effects.
//!
//! A [`Replayer`] takes one copy of the account as it is now and runs each event through
//! one definition (a draft, or any version) against that copy, in order: the effects of
//! one replayed event are seen by the next, as the live runs' effects were. Only that
//! definition runs (as if it were active): the events its actions cause are delivered to it
//! again, inside the copy, up to the usual cascade budget, and reported; no other workflow
//! runs. Nothing outside changes: not the caller's account, not its dispatcher (the replay
//! has its own, seeded), not the stored runs. The same inputs give the same rows.
//!
//! One copy for the whole replay, not one per event: cloning an account of tens of
//! thousands of objects costs milliseconds (its objects are shared behind `Arc`s, but
//! every id and index entry is copied), which is nothing once and far too much ten
//! thousand times (see `benches/replay.rs`).
//!
//! Each [`ReplayRow`] sets the live outcome (the stored run of the live version for that
//! event, or none) against the replayed run, with a [`Verdict`]:
//!
//! - **same**: the same steps ran with the same statuses and branches, and every action
//!   and email step had the same request, response and error, *up to generated ids and
//!   clock times* (the rule below); also when neither ran;
//! - **different path**: a step ran in one and not the other (another branch, a step
//!   skipped, added or removed), or ended otherwise (failed here, succeeded there), or the
//!   run ended otherwise;
//! - **different output**: the same path, but some action's or email's request, response
//!   or error differs;
//! - **now runs** / **no longer runs**: the trigger (its event type or conditions) now
//!   matches where it did not, or no longer matches.
//!
//! ## What "same" means when the replay makes new objects
//!
//! A replayed run creates its own objects, with ids the live run's never had, and runs at
//! the copy's clock, not at the time of the live run. So values are compared with two
//! allowances, and nothing else is ignored:
//!
//! - **Generated ids.** An id is a word of the form `prefix_tail` (`ii_1Nv0…`, `cus_Qx…`):
//!   a lowercase prefix, an underscore, then at least 8 letters and digits with at least
//!   one digit or capital. Ids are matched, in every string (also inside a text such as an
//!   email subject), through a one-to-one correspondence built in step order: the first
//!   time the live run says `ii_A` where the replay says `ii_B`, `ii_A` stands for `ii_B`
//!   from then on, and neither may stand for anything else. Ids that appear in the trigger
//!   event or in either definition are pinned: they only match themselves, so updating
//!   another customer than the event's is a difference. The prefixes must agree, and so
//!   must the text around the ids.
//! - **Clock times.** An integer under a key that names a time (`created`, `date`,
//!   `start`, `end`, `updated`, or ending in `_at`, `_date`, `_start`, `_end`, `_on`,
//!   `_until`, `_anchor`, `_attempt`) matches when it is equal, or equal relative to the
//!   start of its run (a due date of "now + 30 days" in both).
//! - **What the account already held.** The copy is the account as it is *now*, after the
//!   live runs and everything since, so an update's response can show fields set later
//!   (the live run's own next steps, say). In a response object that the trigger event
//!   names (its object, its customer, ...), a field where the replay returns exactly what
//!   the copy held just before the replayed run is not a difference: the replayed step did
//!   not produce it. Requests are always compared in full.
//!
//! Step records' own times, durations, run and request ids are never compared. A branch's
//! description of its condition is not compared either: a condition edited without
//! changing the side taken is the same path. [`judge`] on its own (without the copy)
//! applies the first two allowances; the run diff ([`crate::run_diff`]) shows every field
//! that differs, forgiven or not.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::diff::Key;
use crate::event::Event;
use crate::execute::Dispatcher;
use crate::run::{Run, RunStatus, StepRecord, StepStatus};
use crate::run_diff::align;
use crate::sandbox::Sandbox;
use crate::workflow::{Status, StepKind, Workflow};

/// How a replayed event compares with the live outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Same path and same requests and responses (up to generated ids and times), or
    /// neither ran.
    Same,
    /// Another branch, a step skipped, added, removed or failed, or another run status.
    DifferentPath,
    /// Same path, but some action's or email's request, response or error differs.
    DifferentOutput,
    /// The live version did not run on this event; the replayed definition does.
    NowRuns,
    /// The live version ran on this event; the replayed definition does not.
    NoLongerRuns,
}

/// Where a replayed run first differs from the live one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Difference {
    /// The step, or `None` for the run as a whole (its status).
    pub step_id: Option<String>,
    /// Which part of it.
    pub part: Part,
    /// For input and output: the JSON path of the first value that differs.
    pub path: Vec<Key>,
}

/// A part of a run or step that can differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// The run's status, or a step's (ran, skipped, failed).
    Status,
    /// The side a branch took.
    Branch,
    /// The step's label (its action).
    Label,
    /// The resolved parameters (an email step's rendered email).
    Input,
    /// What the step returned.
    Output,
    /// The error message.
    Error,
}

/// The live run an event had, as a replay row shows it (the run itself is stored).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LiveOutcome {
    /// `wfrun_…`, to open it or diff it.
    pub run_id: String,
    /// The version it ran.
    pub version: u32,
    /// How it ended.
    pub status: RunStatus,
}

/// One replayed event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReplayRow {
    /// `evt_…`
    pub event_id: String,
    /// The event type.
    pub event_type: String,
    /// When the event happened (Unix seconds).
    pub created: i64,
    /// The live version's run on this event; `None` when it did not run.
    pub live: Option<LiveOutcome>,
    /// The replayed definition's run; `None` when its trigger does not match.
    pub replayed: Option<Run>,
    /// The runs of the replayed definition that its own actions' events started, in
    /// order (inside the copy).
    pub cascade: Vec<Run>,
    /// How the two compare.
    pub verdict: Verdict,
    /// Where they first differ, for the verdicts that compare two runs.
    pub difference: Option<Difference>,
}

/// How many rows got each verdict.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReplaySummary {
    /// Same.
    pub same: usize,
    /// Different path.
    pub different_path: usize,
    /// Different output.
    pub different_output: usize,
    /// Now runs.
    pub now_runs: usize,
    /// No longer runs.
    pub no_longer_runs: usize,
}

/// A whole replay: one row per event, and the counts.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Replay {
    /// One row per distinct event, in the order given.
    pub rows: Vec<ReplayRow>,
    /// How many rows got each verdict.
    pub summary: ReplaySummary,
    /// Events left out because an earlier one had the same id.
    pub duplicates: usize,
}

impl ReplaySummary {
    /// Counts one more row.
    pub fn add(&mut self, verdict: Verdict) {
        *match verdict {
            Verdict::Same => &mut self.same,
            Verdict::DifferentPath => &mut self.different_path,
            Verdict::DifferentOutput => &mut self.different_output,
            Verdict::NowRuns => &mut self.now_runs,
            Verdict::NoLongerRuns => &mut self.no_longer_runs,
        } += 1;
    }

    /// How many rows were counted.
    pub fn total(&self) -> usize {
        self.same
            + self.different_path
            + self.different_output
            + self.now_runs
            + self.no_longer_runs
    }
}

impl std::fmt::Display for ReplaySummary {
    /// "87 same, 9 different path, 4 no longer run" (counts of zero left out; "nothing
    /// replayed" when all are).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts = [
            (self.same, "same"),
            (self.different_path, "different path"),
            (self.different_output, "different output"),
            (self.now_runs, "now run"),
            (self.no_longer_runs, "no longer run"),
        ];
        let mut first = true;
        for (count, words) in parts.into_iter().filter(|(n, _)| *n > 0) {
            if !first {
                f.write_str(", ")?;
            }
            first = false;
            // "1 now runs", "2 now run": the verb agrees with the count.
            let words = match (words, count) {
                ("now run", 1) => "now runs",
                ("no longer run", 1) => "no longer runs",
                _ => words,
            };
            write!(f, "{count} {words}")?;
        }
        if first {
            f.write_str("nothing replayed")?;
        }
        Ok(())
    }
}

/// A span of sandbox time whose events a replay takes, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeRange {
    /// The first second (Unix seconds).
    pub from: i64,
    /// The last second.
    pub to: i64,
}

/// Why a time range cannot be replayed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RangeError {
    /// The end comes before the start.
    #[error("the range ends before it starts: pick an end after the start")]
    Backwards,
    /// More events than one replay takes.
    #[error("the range holds more than {limit} events of the trigger type: narrow it")]
    TooMany {
        /// [`crate::limits::MAX_REPLAY_RANGE_EVENTS`].
        limit: usize,
    },
}

impl TimeRange {
    /// The range from `from` to `to`, if it is one.
    pub fn new(from: i64, to: i64) -> Result<Self, RangeError> {
        if to < from {
            return Err(RangeError::Backwards);
        }
        Ok(Self { from, to })
    }

    /// Whether `event` happened in the range.
    pub fn holds(&self, event: &Event) -> bool {
        (self.from..=self.to).contains(&event.created)
    }

    /// Of `events` (in any order), those of `kind` in the range, oldest first; refused when
    /// there are more than one replay takes.
    pub fn pick<'a>(
        &self,
        kind: &str,
        events: impl IntoIterator<Item = &'a Event>,
    ) -> Result<Vec<Event>, RangeError> {
        let limit = crate::limits::MAX_REPLAY_RANGE_EVENTS;
        let mut seen = std::collections::BTreeSet::new();
        let mut picked: Vec<Event> = Vec::new();
        for event in events {
            if event.kind == kind && self.holds(event) && seen.insert(event.id.as_str()) {
                if picked.len() == limit {
                    return Err(RangeError::TooMany { limit });
                }
                picked.push(event.clone());
            }
        }
        picked.sort_by_key(|e| e.created);
        Ok(picked)
    }
}

/// Replays events one at a time through one definition, against its own copy of an
/// account; for a progress bar and a Stop button, call [`Replayer::replay_event`] in
/// chunks. [`replay`] does the whole list at once.
#[derive(Clone, Debug)]
pub struct Replayer {
    /// The definition, made active so its trigger is evaluated.
    definition: Workflow,
    /// Its status as given, written back on the replayed runs' copies.
    status: Status,
    account: Sandbox,
    dispatcher: Dispatcher,
}

impl Replayer {
    /// A replayer of `definition` against a copy of `account` as it is now; the replayed
    /// runs' ids come from `seed`.
    pub fn new(definition: &Workflow, account: &Sandbox, seed: u64) -> Self {
        let mut active = definition.clone();
        active.status = Status::Active;
        Self {
            definition: active,
            status: definition.status,
            account: account.clone(),
            dispatcher: Dispatcher::new(seed),
        }
    }

    /// The copy, as the replay left it so far.
    pub fn account(&self) -> &Sandbox {
        &self.account
    }

    /// Runs `event` through the definition in the copy and compares the run with `live`,
    /// the live version's stored run on that event (`None` when it did not run).
    ///
    /// An event this replayer already replayed (the same id) does not run again.
    pub fn replay_event(&mut self, event: &Event, live: Option<&Run>) -> ReplayRow {
        let held = self.held(event);
        let out = self.dispatcher.dispatch(
            std::slice::from_ref(&self.definition),
            event,
            &mut self.account,
        );
        let mut runs = out.runs.into_iter().map(|mut run| {
            run.workflow.status = self.status;
            run
        });
        // The first run is the event's own (delivery starts with it); the rest cascaded.
        let replayed = runs.next().filter(|r| r.caused_by.is_none());
        let cascade: Vec<Run> = runs.collect();
        let (verdict, difference) = judge_with(live, replayed.as_ref(), &held);
        ReplayRow {
            event_id: event.id.clone(),
            event_type: event.kind.clone(),
            created: event.created,
            live: live.map(|run| LiveOutcome {
                run_id: run.id.clone(),
                version: run.workflow.version,
                status: run.status,
            }),
            replayed,
            cascade,
            verdict,
            difference,
        }
    }
}

impl Replayer {
    /// The objects `event` names (its object and the ids in it) as the copy holds them now.
    fn held(&self, event: &Event) -> Held {
        let mut ids = Vec::new();
        collect_ids(event.object(), &mut ids);
        ids.into_iter()
            .filter_map(|id| {
                let object = self.account.object(&id)?.clone();
                Some((id, object))
            })
            .collect()
    }
}

/// Objects as the copy held them before a replayed run, by id.
type Held = BTreeMap<String, Value>;

/// Replays `events`, in order, through `definition` against one copy of `account` (see
/// the [module](self) documentation). `live` holds the stored runs of the live version;
/// each event is compared with the run it triggered there (the original run, or the
/// latest rerun when only reruns are kept). An event whose id came earlier in `events`
/// is left out and counted in [`Replay::duplicates`].
pub fn replay(
    definition: &Workflow,
    events: &[Event],
    account: &Sandbox,
    live: &[Run],
    seed: u64,
) -> Replay {
    let mut by_event: BTreeMap<&str, &Run> = BTreeMap::new();
    for run in live {
        let slot = by_event.entry(run.event_id()).or_insert(run);
        // Prefer the original run over reruns, and a later rerun over an earlier one.
        if slot.rerun_of.is_some() && (run.rerun_of.is_none() || run.started >= slot.started) {
            *slot = run;
        }
    }
    let mut replayer = Replayer::new(definition, account, seed);
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Replay::default();
    for event in events {
        if !seen.insert(event.id.as_str()) {
            out.duplicates += 1;
            continue;
        }
        let row = replayer.replay_event(event, by_event.get(event.id.as_str()).copied());
        out.summary.add(row.verdict);
        out.rows.push(row);
    }
    out
}

/// The verdict on a live run (or none) against a replayed one (or none), and where they
/// first differ (the rule in the [module](self) documentation, without the copy's objects).
pub fn judge(live: Option<&Run>, replayed: Option<&Run>) -> (Verdict, Option<Difference>) {
    judge_with(live, replayed, &Held::new())
}

fn judge_with(
    live: Option<&Run>,
    replayed: Option<&Run>,
    held: &Held,
) -> (Verdict, Option<Difference>) {
    match (live, replayed) {
        (None, None) => (Verdict::Same, None),
        (None, Some(_)) => (Verdict::NowRuns, None),
        (Some(_), None) => (Verdict::NoLongerRuns, None),
        (Some(live), Some(replayed)) => {
            if let Some(d) = path_difference(live, replayed) {
                return (Verdict::DifferentPath, Some(d));
            }
            match output_difference(live, replayed, held) {
                Some(d) => (Verdict::DifferentOutput, Some(d)),
                None => (Verdict::Same, None),
            }
        }
    }
}

/// A step's status and branch when it ran; `None` when skipped or absent.
fn ran(record: Option<&StepRecord>) -> Option<(StepStatus, Option<crate::workflow::Arm>)> {
    record
        .filter(|r| r.status != StepStatus::Skipped)
        .map(|r| (r.status, r.branch))
}

fn path_difference(live: &Run, replayed: &Run) -> Option<Difference> {
    for (a, b) in align(&live.steps, &replayed.steps) {
        let (sa, sb) = (ran(a), ran(b));
        if sa == sb {
            continue;
        }
        let step_id = b.or(a).map(|r| r.step_id.clone());
        let part = match (sa, sb) {
            (Some((x, _)), Some((y, _))) if x == y => Part::Branch,
            _ => Part::Status,
        };
        return Some(Difference {
            step_id,
            part,
            path: Vec::new(),
        });
    }
    (live.status != replayed.status).then(|| Difference {
        step_id: None,
        part: Part::Status,
        path: Vec::new(),
    })
}

fn output_difference(live: &Run, replayed: &Run, held: &Held) -> Option<Difference> {
    let mut matcher = Matcher::new(live, replayed);
    for (a, b) in align(&live.steps, &replayed.steps) {
        let (Some(a), Some(b)) = (a, b) else { continue };
        if a.status == StepStatus::Skipped || a.kind == StepKind::Branch {
            continue;
        }
        let at = |part, path| {
            Some(Difference {
                step_id: Some(b.step_id.clone()),
                part,
                path,
            })
        };
        if a.label != b.label {
            return at(Part::Label, Vec::new());
        }
        if let Err(path) = matcher.values(&a.input, &b.input, None, None) {
            return at(Part::Input, path);
        }
        let held_output = b.output["id"].as_str().and_then(|id| held.get(id));
        if let Err(path) = matcher.values(&a.output, &b.output, None, held_output) {
            return at(Part::Output, path);
        }
        let errors_match = match (&a.error, &b.error) {
            (Some(x), Some(y)) => matcher.text(x, y),
            (x, y) => x == y,
        };
        if !errors_match {
            return at(Part::Error, Vec::new());
        }
    }
    None
}

/// Compares a live run's values with a replayed run's, up to generated ids and clock
/// times (the rule in the [module](self) documentation).
struct Matcher {
    /// Live id → replayed id.
    forward: BTreeMap<String, String>,
    /// Replayed id → live id.
    backward: BTreeMap<String, String>,
    live_start: i64,
    replay_start: i64,
}

impl Matcher {
    fn new(live: &Run, replayed: &Run) -> Self {
        let mut m = Matcher {
            forward: BTreeMap::new(),
            backward: BTreeMap::new(),
            live_start: live.started,
            replay_start: replayed.started,
        };
        let mut pinned = Vec::new();
        collect_ids(&live.event.to_value(), &mut pinned);
        collect_ids(&replayed.event.to_value(), &mut pinned);
        for workflow in [&live.workflow, &replayed.workflow] {
            if let Ok(steps) = serde_json::to_value(&workflow.steps) {
                collect_ids(&steps, &mut pinned);
            }
        }
        for id in pinned {
            m.forward.insert(id.clone(), id.clone());
            m.backward.insert(id.clone(), id);
        }
        m
    }

    /// `Ok` when `a` (live) and `b` (replayed) match; otherwise the path to the first
    /// value that does not. `key` is the name the values are under, for the time rule;
    /// `held` the same place in the object as the copy held it before the replayed run.
    fn values(
        &mut self,
        a: &Value,
        b: &Value,
        key: Option<&str>,
        held: Option<&Value>,
    ) -> Result<(), Vec<Key>> {
        let null = Value::Null;
        let matched = match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                // `null` and absent are the same, as in the run diff.
                let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
                for k in keys {
                    let (va, vb) = (x.get(k).unwrap_or(&null), y.get(k).unwrap_or(&null));
                    let vh = held.map(|h| h.get(k).unwrap_or(&null));
                    self.values(va, vb, Some(k), vh).map_err(|mut path| {
                        path.insert(0, Key::Field(k.clone()));
                        path
                    })?;
                }
                return Ok(());
            }
            (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
                for (i, (va, vb)) in x.iter().zip(y).enumerate() {
                    let vh = held.and_then(|h| h.get(i));
                    self.values(va, vb, key, vh).map_err(|mut path| {
                        path.insert(0, Key::Item(i));
                        path
                    })?;
                }
                return Ok(());
            }
            (Value::String(x), Value::String(y)) => self.text(x, y),
            (Value::Number(x), Value::Number(y)) if x != y => {
                key.is_some_and(is_time_key)
                    && x.as_i64().zip(y.as_i64()).is_some_and(|(x, y)| {
                        x.checked_sub(self.live_start) == y.checked_sub(self.replay_start)
                    })
            }
            _ => a == b,
        };
        // What the account already held before the replayed run is not the replay's doing.
        if matched || held == Some(b) {
            Ok(())
        } else {
            Err(Vec::new())
        }
    }

    /// Whether two texts match: the same words around their ids, and ids that correspond.
    fn text(&mut self, a: &str, b: &str) -> bool {
        if a == b && !a.contains('_') {
            return true;
        }
        let (sa, ids_a) = skeleton(a);
        let (sb, ids_b) = skeleton(b);
        if sa != sb || ids_a.len() != ids_b.len() {
            return false;
        }
        ids_a.into_iter().zip(ids_b).all(|(x, y)| self.pair(x, y))
    }

    /// Whether live id `x` may stand for replayed id `y`; remembers it.
    fn pair(&mut self, x: &str, y: &str) -> bool {
        match (self.forward.get(x), self.backward.get(y)) {
            (Some(fy), Some(bx)) => fy == y && bx == x,
            (None, None) => {
                self.forward.insert(x.to_owned(), y.to_owned());
                self.backward.insert(y.to_owned(), x.to_owned());
                true
            }
            _ => false,
        }
    }
}

/// Whether a key names a point in time.
pub(crate) fn is_time_key(key: &str) -> bool {
    matches!(key, "created" | "date" | "start" | "end" | "updated")
        || [
            "_at", "_date", "_start", "_end", "_on", "_until", "_anchor", "_attempt",
        ]
        .iter()
        .any(|suffix| key.ends_with(suffix))
}

/// Whether a word (letters, digits, underscores) is an id: `prefix_tail`.
fn is_id(word: &str) -> bool {
    let Some((prefix, tail)) = word.rsplit_once('_') else {
        return false;
    };
    !prefix.is_empty()
        && prefix.starts_with(|c: char| c.is_ascii_lowercase())
        && prefix
            .bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_')
        && tail.len() >= 8
        && tail.bytes().all(|c| c.is_ascii_alphanumeric())
        && tail
            .bytes()
            .any(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
}

/// The text with each id's tail replaced by a marker, and the ids in order.
fn skeleton(text: &str) -> (String, Vec<&str>) {
    let mut out = String::with_capacity(text.len());
    let mut ids = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let start = rest
            .find(|c: char| c.is_ascii_alphanumeric() || c == '_')
            .unwrap_or(rest.len());
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let word = &rest[..end];
        if is_id(word) {
            let prefix = word.rsplit_once('_').map_or("", |(p, _)| p);
            out.push_str(prefix);
            out.push_str("_\u{0}");
            ids.push(word);
        } else {
            out.push_str(word);
        }
        rest = &rest[end..];
    }
    (out, ids)
}

/// Every id in the strings of `value`.
pub(crate) fn collect_ids(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) if s.contains('_') => {
            out.extend(skeleton(s).1.into_iter().map(str::to_owned));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_ids(v, out)),
        Value::Object(map) => map.values().for_each(|v| collect_ids(v, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_words_with_a_lowercase_prefix_and_a_random_tail() {
        for (word, expected) in [
            ("cus_NffrFeUfNV2Hib", true),
            ("in_1MtHbELkdIwHu7ixl4OzzPMv", true),
            ("cs_test_a1B2c3D4e5", true),
            ("evt_3PqRsTuVwXyZ", true),
            ("enterprise_customers", false),
            ("price_monthly", false),
            ("cus_short1", false),
            ("Cus_NffrFeUfNV2Hib", false),
            ("_NffrFeUfNV2Hib", false),
            ("plain", false),
        ] {
            assert_eq!(is_id(word), expected, "{word}");
        }
    }

    #[test]
    fn a_skeleton_keeps_the_prefix_and_the_words_around_ids() {
        let (text, ids) = skeleton("Invoice in_1MtHbELkdIwHu7ix for cus_NffrFeUfNV2Hib.");
        assert_eq!(text, "Invoice in_\u{0} for cus_\u{0}.");
        assert_eq!(ids, ["in_1MtHbELkdIwHu7ix", "cus_NffrFeUfNV2Hib"]);
    }

    #[test]
    fn time_keys() {
        for key in [
            "created",
            "due_date",
            "canceled_at",
            "period_end",
            "available_on",
        ] {
            assert!(is_time_key(key), "{key}");
        }
        for key in ["amount", "quantity", "attempt_count", "balance"] {
            assert!(!is_time_key(key), "{key}");
        }
    }
}
