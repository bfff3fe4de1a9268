//! What changed between two versions of a workflow, as data the app lists and draws.
//!
//! [`diff`] compares two definitions and returns a [`WorkflowDiff`]: the name, the
//! trigger's event type, each clause of the trigger condition that was added, removed or
//! changed (with its place in the condition tree), and the steps added, removed, moved and
//! changed. Steps are matched by their id, which is stable across versions, so a step that
//! went somewhere else is *moved* (and also *changed* when its content changed too), never
//! removed and added again; inside a list, only the steps that left the longest common
//! order count as moved, so removing one step does not "move" every step after it. A
//! changed step says what changed: the action, one parameter at a JSON path with its old and
//! new value, one clause of a branch's condition, one field or row of an email.
//!
//! The structured data carries everything: the one-line English [`Display`](fmt::Display)
//! of each [`Change`] is only a default wording, which the app may replace. Positions are
//! given as a [`Place`] (the top level, or one arm of a branch, and an index there); condition
//! clauses as a [`ClauseSlot`] path. [`WorkflowDiff::apply`] replays a diff on the older
//! version and gives the newer one back, exactly: that is what the property tests check,
//! and it keeps the diff honest (nothing the newer version holds can be missing from it).
//!
//! Conditions, rows and ids are aligned with a longest common subsequence, which is
//! quadratic in the length of one list: lists are short (12 steps at most, a handful of
//! clauses), so this stays far below a millisecond.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::condition::Condition;
use crate::edit::Slot;
use crate::template::Piece;
use crate::workflow::{Arm, EmailRow, Status, Step, Trigger, Workflow};

/// Everything that changed from one version of a workflow to another.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkflowDiff {
    /// The changes, in reading order: name, trigger, trigger condition, removed steps (in
    /// the older version's order), then added, moved and changed steps in the newer one's.
    pub changes: Vec<Change>,
    /// The newer version's bookkeeping, which is not a change people look at.
    pub record: Record,
}

/// The parts of a workflow that are not its definition: versions of one workflow differ in
/// them by nature (times, status). [`WorkflowDiff::apply`] copies them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// The format the newer version is written in.
    pub format_version: u32,
    /// The workflow's id.
    pub id: String,
    /// Whether it is active.
    pub status: Status,
    /// Unix seconds of sandbox time.
    pub created: i64,
    /// Unix seconds of sandbox time.
    pub updated: i64,
    /// The version number the newer definition carries.
    #[serde(default)]
    pub version: u32,
}

/// One change between two versions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// The workflow was renamed.
    Renamed {
        /// The older name.
        old: String,
        /// The newer name.
        new: String,
    },
    /// The trigger's event type changed; `None` is "no trigger".
    Trigger {
        /// The older event type.
        old: Option<String>,
        /// The newer event type.
        new: Option<String>,
    },
    /// One clause of the trigger condition changed.
    TriggerCondition(ClauseChange),
    /// A step is new. A branch is given with empty arms: the steps inside it are changes of
    /// their own (added, or moved in).
    StepAdded {
        /// The step, without the steps inside a branch.
        step: Step,
        /// Where it is in the newer version.
        at: Place,
    },
    /// A step is gone. A branch is given with empty arms: the steps that were inside it are
    /// changes of their own (removed, or moved out).
    StepRemoved {
        /// The step, without the steps inside a branch.
        step: Step,
        /// Where it was in the older version.
        from: Place,
    },
    /// A step is somewhere else: another list, or out of order in its list.
    StepMoved {
        /// The step's id.
        id: String,
        /// Where it was in the older version.
        from: Place,
        /// Where it is in the newer version.
        to: Place,
    },
    /// Something inside a step changed (one change per parameter, clause, field or row).
    StepChanged {
        /// The step's id.
        id: String,
        /// Where it is in the newer version.
        at: Place,
        /// What changed.
        edit: StepEdit,
    },
    /// The steps as a whole, when a version repeats a step id and steps cannot be matched.
    StepsReplaced {
        /// The older steps.
        old: Vec<Step>,
        /// The newer steps.
        new: Vec<Step>,
    },
}

/// What changed inside one step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepEdit {
    /// An action step calls another API operation.
    Action {
        /// The older action, e.g. `customers.update`.
        old: String,
        /// The newer action.
        new: String,
    },
    /// One parameter of an action step; `None` is "not set".
    Param {
        /// Where in the parameters, e.g. `["metadata", "Tier"]`.
        path: Vec<Key>,
        /// The older value.
        old: Option<Value>,
        /// The newer value.
        new: Option<Value>,
    },
    /// One clause of a branch's condition.
    Condition(ClauseChange),
    /// One text field of an email step.
    Email {
        /// Which field.
        field: EmailField,
        /// The older text.
        old: String,
        /// The newer text.
        new: String,
    },
    /// One label / value row of an email step: added (`old` is `None`, `index` in the newer
    /// rows), removed (`new` is `None`, `index` in the older rows) or changed (`index` in
    /// the newer rows).
    Row {
        /// The row's position, from 0.
        index: usize,
        /// The older row.
        old: Option<EmailRow>,
        /// The newer row.
        new: Option<EmailRow>,
    },
    /// The step became another kind of step (without the steps inside a branch).
    Replaced {
        /// The older step.
        old: Step,
        /// The newer step.
        new: Step,
    },
}

/// One segment of a path into an action's parameters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Key {
    /// A field of an object, by name.
    Field(String),
    /// An item of a list, from 0.
    Item(usize),
}

/// A text field of an email step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmailField {
    /// The team member's address.
    To,
    /// The subject line.
    Subject,
    /// The body text.
    Body,
}

/// Where a step is: the top level or one arm of a branch, and a position there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// `None` for the top level.
    pub parent: Option<Parent>,
    /// Position in that list, from 0.
    pub index: usize,
}

/// One arm of a branch step, holding a list of steps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parent {
    /// The branch step's id.
    pub branch: String,
    /// Which arm.
    pub arm: Arm,
}

/// One clause of a condition tree that was added, removed or changed, and where.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClauseChange {
    /// From the top of the tree down to the clause; empty for the whole condition. For a
    /// removed clause these are positions in the older condition, otherwise in the newer.
    pub path: Vec<ClauseSlot>,
    /// What happened there.
    pub edit: ClauseEdit,
}

/// One level of a clause's path: which group it is in and its position there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ClauseSlot {
    /// The kind of group holding it.
    pub group: Group,
    /// Its position in the group, from 0 (always 0 inside `Not`).
    pub index: usize,
}

/// A node of a condition tree that holds other conditions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    /// Every clause holds (AND).
    All,
    /// At least one clause holds (OR).
    Any,
    /// The clause does not hold.
    Not,
}

/// What happened to one clause.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClauseEdit {
    /// A new clause (a whole condition, at an empty path).
    Added {
        /// The clause.
        new: Condition,
    },
    /// A clause that is gone.
    Removed {
        /// The clause.
        old: Condition,
    },
    /// A clause replaced by another one.
    Changed {
        /// The older clause.
        old: Condition,
        /// The newer clause.
        new: Condition,
    },
    /// A lone clause became the only clause of a new group, as the builder does when a
    /// second clause joins it; the clauses the group gains are changes of their own. The
    /// path is the clause's position in the older condition.
    Grouped {
        /// The new group's combinator.
        group: Group,
    },
    /// A group became its only remaining clause; the clauses it lost are changes of their
    /// own. The path is the group's position in the newer condition.
    Ungrouped {
        /// The older group's combinator.
        group: Group,
    },
    /// A group now combines its clauses the other way (All and Any); the clauses inside
    /// are changes of their own.
    Regrouped {
        /// The older combinator.
        old: Group,
        /// The newer combinator.
        new: Group,
    },
}

/// How the canvas marks a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    /// Only in the newer version (green).
    Added,
    /// Only in the older version (red).
    Removed,
    /// In the same place, with other content (amber).
    Changed,
    /// Somewhere else, and also with other content when `changed`.
    Moved {
        /// Whether its content changed too.
        changed: bool,
    },
}

/// How many changes of each kind, for a one-line summary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Summary {
    /// The name changed.
    pub renamed: bool,
    /// The trigger's event type changed.
    pub trigger: bool,
    /// Clauses of the trigger condition added, removed or changed, and groups that
    /// combine the other way (a clause put into or taken out of a group is not counted).
    pub trigger_clauses: usize,
    /// Steps added.
    pub steps_added: usize,
    /// Steps removed.
    pub steps_removed: usize,
    /// Steps moved.
    pub steps_moved: usize,
    /// Steps whose content changed (each counted once, however many edits).
    pub steps_changed: usize,
    /// The steps could only be compared as a whole.
    pub steps_replaced: bool,
}

/// Compares two versions of a workflow.
pub fn diff(old: &Workflow, new: &Workflow) -> WorkflowDiff {
    let mut changes = Vec::new();
    if old.name != new.name {
        changes.push(Change::Renamed {
            old: old.name.clone(),
            new: new.name.clone(),
        });
    }
    if old.event_type() != new.event_type() {
        changes.push(Change::Trigger {
            old: old.event_type().map(str::to_owned),
            new: new.event_type().map(str::to_owned),
        });
    }
    if let Some(trigger) = &new.trigger {
        let before = old.trigger.as_ref().and_then(|t| t.condition.as_ref());
        let mut clauses = Vec::new();
        diff_condition(before, trigger.condition.as_ref(), &mut clauses);
        changes.extend(clauses.into_iter().map(Change::TriggerCondition));
    }
    diff_steps(&old.steps, &new.steps, &mut changes);
    WorkflowDiff {
        changes,
        record: Record {
            format_version: new.format_version,
            id: new.id.clone(),
            status: new.status,
            created: new.created,
            updated: new.updated,
            version: new.version,
        },
    }
}

impl WorkflowDiff {
    /// Whether the two definitions are the same (bookkeeping aside).
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// How the canvas marks step `id`, if it changed at all.
    pub fn mark(&self, id: &str) -> Option<Mark> {
        let (mut moved, mut changed) = (false, false);
        for change in &self.changes {
            match change {
                Change::StepAdded { step, .. } if step.id() == id => return Some(Mark::Added),
                Change::StepRemoved { step, .. } if step.id() == id => return Some(Mark::Removed),
                Change::StepMoved { id: moved_id, .. } if moved_id == id => moved = true,
                Change::StepChanged { id: changed_id, .. } if changed_id == id => changed = true,
                _ => {}
            }
        }
        match (moved, changed) {
            (true, changed) => Some(Mark::Moved { changed }),
            (false, true) => Some(Mark::Changed),
            (false, false) => None,
        }
    }

    /// The changes about step `id`.
    pub fn changes_of<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Change> + 'a {
        self.changes.iter().filter(move |c| c.step_id() == Some(id))
    }

    /// How many changes of each kind.
    pub fn summary(&self) -> Summary {
        let mut summary = Summary::default();
        let mut changed = BTreeSet::new();
        for change in &self.changes {
            match change {
                Change::Renamed { .. } => summary.renamed = true,
                Change::Trigger { .. } => summary.trigger = true,
                Change::TriggerCondition(ClauseChange {
                    edit: ClauseEdit::Grouped { .. } | ClauseEdit::Ungrouped { .. },
                    ..
                }) => {}
                Change::TriggerCondition(_) => summary.trigger_clauses += 1,
                Change::StepAdded { .. } => summary.steps_added += 1,
                Change::StepRemoved { .. } => summary.steps_removed += 1,
                Change::StepMoved { .. } => summary.steps_moved += 1,
                Change::StepChanged { id, .. } => {
                    changed.insert(id.as_str());
                }
                Change::StepsReplaced { .. } => summary.steps_replaced = true,
            }
        }
        summary.steps_changed = changed.len();
        summary
    }

    /// The newer version, from the older one this diff was computed from:
    /// `diff(a, b).apply(a) == b`. Applied to another workflow, the result is unspecified
    /// (but it never panics).
    pub fn apply(&self, old: &Workflow) -> Workflow {
        let mut out = old.clone();
        let mut clauses = Vec::new();
        for change in &self.changes {
            match change {
                Change::Renamed { new, .. } => out.name.clone_from(new),
                Change::Trigger { new: None, .. } => out.trigger = None,
                Change::Trigger {
                    new: Some(kind), ..
                } => match &mut out.trigger {
                    Some(trigger) => trigger.event_type.clone_from(kind),
                    None => {
                        out.trigger = Some(Trigger {
                            event_type: kind.clone(),
                            condition: None,
                        })
                    }
                },
                Change::TriggerCondition(clause) => clauses.push(clause),
                _ => {}
            }
        }
        if let Some(trigger) = &mut out.trigger {
            apply_clauses(&mut trigger.condition, &clauses);
        }
        out.steps = apply_steps(&old.steps, &self.changes);
        let record = &self.record;
        out.format_version = record.format_version;
        out.id.clone_from(&record.id);
        out.status = record.status;
        out.created = record.created;
        out.updated = record.updated;
        out.version = record.version;
        out
    }
}

impl Change {
    /// The step this change is about, if it is about one.
    pub fn step_id(&self) -> Option<&str> {
        match self {
            Change::StepAdded { step, .. } | Change::StepRemoved { step, .. } => Some(step.id()),
            Change::StepMoved { id, .. } | Change::StepChanged { id, .. } => Some(id),
            _ => None,
        }
    }
}

impl StepEdit {
    /// Whether the older or the newer value holds a dynamic value (`{{…}}`), to show as
    /// chips with [`value_pieces`].
    pub fn is_dynamic(&self) -> bool {
        let text = |s: &str| is_dynamic(&Value::String(s.to_owned()));
        match self {
            StepEdit::Param { old, new, .. } => old.iter().chain(new.iter()).any(is_dynamic),
            StepEdit::Email { old, new, .. } => text(old) || text(new),
            StepEdit::Row { old, new, .. } => {
                old.iter().chain(new.iter()).any(|row| text(&row.value))
            }
            _ => false,
        }
    }
}

impl ClauseChange {
    /// The clause's path as indices, level by level (`[1, 0]`).
    pub fn indices(&self) -> Vec<usize> {
        self.path.iter().map(|slot| slot.index).collect()
    }
}

impl Place {
    /// The editor's [`Slot`] for this place.
    pub fn slot(&self) -> Slot {
        Slot {
            parent: self.parent.as_ref().map(|p| (p.branch.clone(), p.arm)),
            index: self.index,
        }
    }
}

/// A parameter value as the editor shows it: a text split into plain text and dynamic
/// values (chips); any other value as one text, its compact JSON.
pub fn value_pieces(value: &Value) -> Vec<Piece> {
    match value {
        Value::String(s) => Piece::split(s),
        other => vec![Piece::Text(other.to_string())],
    }
}

/// Whether a value holds a dynamic value anywhere (in a text, or nested in one).
fn is_dynamic(value: &Value) -> bool {
    match value {
        Value::String(s) => Piece::split(s).iter().any(|p| matches!(p, Piece::Value(_))),
        Value::Array(items) => items.iter().any(is_dynamic),
        Value::Object(map) => map.values().any(is_dynamic),
        _ => false,
    }
}

// ---- Alignment -------------------------------------------------------------------------

/// How one item of an older list and one of a newer list correspond.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Aligned {
    /// Equal items.
    Same(usize, usize),
    /// Different items in the same gap between equal ones, paired in order.
    Paired(usize, usize),
    /// Only in the older list.
    Removed(usize),
    /// Only in the newer list.
    Added(usize),
}

/// Aligns two lists of lengths `n` and `m` on a longest common subsequence of `same`
/// items; in each gap, removed and added items are paired in order. Not generic, so it is
/// compiled once for every kind of list.
fn align(n: usize, m: usize, same: &dyn Fn(usize, usize) -> bool) -> Vec<Aligned> {
    // lcs[i][j]: the longest common subsequence of old[i..] and new[j..].
    let width = m + 1;
    let mut lcs = vec![0u32; (n + 1) * width];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i * width + j] = if same(i, j) {
                lcs[(i + 1) * width + j + 1] + 1
            } else {
                lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
            };
        }
    }
    let mut out = Vec::with_capacity(n.max(m));
    let (mut removed, mut added) = (Vec::new(), Vec::new());
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && same(i, j) {
            flush_gap(&mut removed, &mut added, &mut out);
            out.push(Aligned::Same(i, j));
            i += 1;
            j += 1;
        } else if j >= m || (i < n && lcs[(i + 1) * width + j] > lcs[i * width + j + 1]) {
            // On a tie the newer item is the one taken as added (or moved): a step dragged
            // up past another is the one that moved.
            removed.push(i);
            i += 1;
        } else {
            added.push(j);
            j += 1;
        }
    }
    flush_gap(&mut removed, &mut added, &mut out);
    out
}

fn flush_gap(removed: &mut Vec<usize>, added: &mut Vec<usize>, out: &mut Vec<Aligned>) {
    let paired = removed.len().min(added.len());
    for k in 0..paired {
        out.push(Aligned::Paired(removed[k], added[k]));
    }
    out.extend(removed[paired..].iter().map(|&i| Aligned::Removed(i)));
    out.extend(added[paired..].iter().map(|&j| Aligned::Added(j)));
    removed.clear();
    added.clear();
}

// ---- Conditions ------------------------------------------------------------------------

fn diff_condition(old: Option<&Condition>, new: Option<&Condition>, out: &mut Vec<ClauseChange>) {
    match (old, new) {
        (None, None) => {}
        (None, Some(new)) => out.push(ClauseChange {
            path: Vec::new(),
            edit: ClauseEdit::Added { new: new.clone() },
        }),
        (Some(old), None) => out.push(ClauseChange {
            path: Vec::new(),
            edit: ClauseEdit::Removed { old: old.clone() },
        }),
        (Some(old), Some(new)) => diff_clause(old, new, &[], &[], out),
    }
}

/// Compares two nodes at `old_path` in the older tree and `new_path` in the newer one.
fn diff_clause(
    old: &Condition,
    new: &Condition,
    old_path: &[ClauseSlot],
    new_path: &[ClauseSlot],
    out: &mut Vec<ClauseChange>,
) {
    if old == new {
        return;
    }
    match (old, new) {
        (
            Condition::All(olds) | Condition::Any(olds),
            Condition::All(news) | Condition::Any(news),
        ) => {
            let (old_group, new_group) = (group_of(old), group_of(new));
            if old_group != new_group {
                out.push(ClauseChange {
                    path: new_path.to_vec(),
                    edit: ClauseEdit::Regrouped {
                        old: old_group,
                        new: new_group,
                    },
                });
            }
            let groups = (old_group, new_group);
            diff_clauses(olds, news, groups, old_path, new_path, out);
        }
        // A lone clause and a group: the lone one is a group of one, as the builder shows it.
        (
            Condition::Compare(_) | Condition::Not(_),
            Condition::All(news) | Condition::Any(news),
        ) => {
            let group = group_of(new);
            out.push(ClauseChange {
                path: old_path.to_vec(),
                edit: ClauseEdit::Grouped { group },
            });
            let olds = std::slice::from_ref(old);
            diff_clauses(olds, news, (group, group), old_path, new_path, out);
        }
        (
            Condition::All(olds) | Condition::Any(olds),
            Condition::Compare(_) | Condition::Not(_),
        ) => {
            let group = group_of(old);
            let news = std::slice::from_ref(new);
            diff_clauses(olds, news, (group, group), old_path, new_path, out);
            out.push(ClauseChange {
                path: new_path.to_vec(),
                edit: ClauseEdit::Ungrouped { group },
            });
        }
        (Condition::Not(old_inner), Condition::Not(new_inner)) => {
            let inside = |path: &[ClauseSlot]| {
                let mut path = path.to_vec();
                path.push(ClauseSlot {
                    group: Group::Not,
                    index: 0,
                });
                path
            };
            diff_clause(
                old_inner,
                new_inner,
                &inside(old_path),
                &inside(new_path),
                out,
            );
        }
        _ => out.push(ClauseChange {
            path: new_path.to_vec(),
            edit: ClauseEdit::Changed {
                old: old.clone(),
                new: new.clone(),
            },
        }),
    }
}

/// Compares the clauses of two groups, aligned on their equal clauses.
fn diff_clauses(
    olds: &[Condition],
    news: &[Condition],
    (old_group, new_group): (Group, Group),
    old_path: &[ClauseSlot],
    new_path: &[ClauseSlot],
    out: &mut Vec<ClauseChange>,
) {
    let at = |path: &[ClauseSlot], group, index| {
        let mut path = path.to_vec();
        path.push(ClauseSlot { group, index });
        path
    };
    for step in align(olds.len(), news.len(), &|i, j| olds[i] == news[j]) {
        match step {
            Aligned::Same(..) => {}
            Aligned::Paired(i, j) => diff_clause(
                &olds[i],
                &news[j],
                &at(old_path, old_group, i),
                &at(new_path, new_group, j),
                out,
            ),
            Aligned::Removed(i) => out.push(ClauseChange {
                path: at(old_path, old_group, i),
                edit: ClauseEdit::Removed {
                    old: olds[i].clone(),
                },
            }),
            Aligned::Added(j) => out.push(ClauseChange {
                path: at(new_path, new_group, j),
                edit: ClauseEdit::Added {
                    new: news[j].clone(),
                },
            }),
        }
    }
}

fn group_of(condition: &Condition) -> Group {
    match condition {
        Condition::Any(_) => Group::Any,
        Condition::Not(_) => Group::Not,
        Condition::All(_) | Condition::Compare(_) => Group::All,
    }
}

/// Applies clause changes: removals first (deepest and last first, at their older paths),
/// then additions in order (at their newer paths), then replacements, once every group
/// has its newer shape.
fn apply_clauses(root: &mut Option<Condition>, changes: &[&ClauseChange]) {
    // Outer groups first: the paths of the inner ones count the outer groups' levels.
    for change in changes {
        if let ClauseEdit::Grouped { group } = change.edit {
            if let Some(node) = root.as_mut().and_then(|r| node_at(r, &change.indices())) {
                let lone = std::mem::replace(node, Condition::All(Vec::new()));
                *node = match group {
                    Group::Any => Condition::Any(vec![lone]),
                    Group::All | Group::Not => Condition::All(vec![lone]),
                };
            }
        }
    }
    let mut removals: Vec<Vec<usize>> = changes
        .iter()
        .filter(|c| matches!(c.edit, ClauseEdit::Removed { .. }))
        .map(|c| c.indices())
        .collect();
    removals.sort_unstable_by(|a, b| b.cmp(a));
    for path in removals {
        match path.split_last() {
            None => *root = None,
            Some((&last, parent)) => {
                if let Some(items) = root.as_mut().and_then(|r| group_at(r, parent)) {
                    if last < items.len() {
                        items.remove(last);
                    }
                }
            }
        }
    }
    let mut additions: Vec<(Vec<usize>, &Condition)> = changes
        .iter()
        .filter_map(|c| match &c.edit {
            ClauseEdit::Added { new } => Some((c.indices(), new)),
            _ => None,
        })
        .collect();
    additions.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, new) in additions {
        match path.split_last() {
            None => *root = Some(new.clone()),
            Some((&last, parent)) => {
                if let Some(items) = root.as_mut().and_then(|r| group_at(r, parent)) {
                    items.insert(last.min(items.len()), new.clone());
                }
            }
        }
    }
    for change in changes {
        let path = change.indices();
        match &change.edit {
            ClauseEdit::Changed { new, .. } if path.is_empty() => *root = Some(new.clone()),
            ClauseEdit::Changed { new, .. } => {
                if let Some(node) = root.as_mut().and_then(|r| node_at(r, &path)) {
                    *node = new.clone();
                }
            }
            ClauseEdit::Regrouped { new, .. } => {
                if let Some(node) = root.as_mut().and_then(|r| node_at(r, &path)) {
                    regroup(node, *new);
                }
            }
            ClauseEdit::Added { .. }
            | ClauseEdit::Removed { .. }
            | ClauseEdit::Grouped { .. }
            | ClauseEdit::Ungrouped { .. } => {}
        }
    }
    // Inner groups first, for the same reason.
    let mut ungroups: Vec<Vec<usize>> = changes
        .iter()
        .filter(|c| matches!(c.edit, ClauseEdit::Ungrouped { .. }))
        .map(|c| c.indices())
        .collect();
    ungroups.sort_by_key(|path| std::cmp::Reverse(path.len()));
    for path in ungroups {
        {
            if let Some(node) = root.as_mut().and_then(|r| node_at(r, &path)) {
                if let Condition::All(items) | Condition::Any(items) = node {
                    if items.len() == 1 {
                        let lone = items.remove(0);
                        *node = lone;
                    }
                }
            }
        }
    }
}

fn node_at<'a>(node: &'a mut Condition, path: &[usize]) -> Option<&'a mut Condition> {
    let Some((&first, rest)) = path.split_first() else {
        return Some(node);
    };
    match node {
        Condition::All(items) | Condition::Any(items) => node_at(items.get_mut(first)?, rest),
        Condition::Not(inner) if first == 0 => node_at(inner, rest),
        _ => None,
    }
}

fn group_at<'a>(node: &'a mut Condition, path: &[usize]) -> Option<&'a mut Vec<Condition>> {
    match node_at(node, path)? {
        Condition::All(items) | Condition::Any(items) => Some(items),
        _ => None,
    }
}

fn regroup(node: &mut Condition, group: Group) {
    let items = match node {
        Condition::All(items) | Condition::Any(items) => std::mem::take(items),
        _ => return,
    };
    *node = match group {
        Group::Any => Condition::Any(items),
        Group::All | Group::Not => Condition::All(items),
    };
}

// ---- Steps -----------------------------------------------------------------------------

/// A list of steps: the top level (`None`), or a branch's arm (its id, 0 for then, 1 for
/// else).
type ListKey = Option<(String, u8)>;

fn list_key(parent: Option<&Parent>) -> ListKey {
    parent.map(|p| (p.branch.clone(), arm_code(p.arm)))
}

fn arm_code(arm: Arm) -> u8 {
    match arm {
        Arm::Then => 0,
        Arm::Else => 1,
    }
}

/// Every step with its place, depth first, in the order the editor shows them.
fn walk<'a>(steps: &'a [Step], parent: Option<&Parent>, out: &mut Vec<(Place, &'a Step)>) {
    for (index, step) in steps.iter().enumerate() {
        out.push((
            Place {
                parent: parent.cloned(),
                index,
            },
            step,
        ));
        for arm in [Arm::Then, Arm::Else] {
            if let Some(inner) = step.arm(arm) {
                let here = Parent {
                    branch: step.id().to_owned(),
                    arm,
                };
                walk(inner, Some(&here), out);
            }
        }
    }
}

/// The step without the steps inside a branch.
fn shell(step: &Step) -> Step {
    match step {
        Step::Branch { id, condition, .. } => Step::Branch {
            id: id.clone(),
            condition: condition.clone(),
            then: Vec::new(),
            otherwise: Vec::new(),
        },
        other => other.clone(),
    }
}

fn diff_steps(old: &[Step], new: &[Step], out: &mut Vec<Change>) {
    if old == new {
        return;
    }
    let (mut olds, mut news) = (Vec::new(), Vec::new());
    walk(old, None, &mut olds);
    walk(new, None, &mut news);
    let index = |all: &[(Place, &Step)]| {
        let mut at = BTreeMap::new();
        for (k, (_, step)) in all.iter().enumerate() {
            if at.insert(step.id().to_owned(), k).is_some() {
                return None;
            }
        }
        Some(at)
    };
    let (Some(old_at), Some(new_at)) = (index(&olds), index(&news)) else {
        if old != new {
            out.push(Change::StepsReplaced {
                old: old.to_vec(),
                new: new.to_vec(),
            });
        }
        return;
    };

    for (from, step) in &olds {
        if !new_at.contains_key(step.id()) {
            out.push(Change::StepRemoved {
                step: shell(step),
                from: from.clone(),
            });
        }
    }

    // Steps that stay in their list and in order there: a longest common subsequence of
    // the steps each version has in that list.
    let lists = |all: &[(Place, &Step)]| {
        let mut lists: BTreeMap<ListKey, Vec<String>> = BTreeMap::new();
        for (place, step) in all {
            lists
                .entry(list_key(place.parent.as_ref()))
                .or_default()
                .push(step.id().to_owned());
        }
        lists
    };
    let (old_lists, new_lists) = (lists(&olds), lists(&news));
    let key_in = |all: &[(Place, &Step)], at: &BTreeMap<String, usize>, id: &str| {
        at.get(id).map(|&k| list_key(all[k].0.parent.as_ref()))
    };
    let mut stays = BTreeSet::new();
    for (key, ids) in &new_lists {
        let here = Some(key.clone());
        let after: Vec<&String> = ids
            .iter()
            .filter(|id| key_in(&olds, &old_at, id) == here)
            .collect();
        let before: Vec<&String> = old_lists
            .get(key)
            .map(|ids| {
                ids.iter()
                    .filter(|id| key_in(&news, &new_at, id) == here)
                    .collect()
            })
            .unwrap_or_default();
        for aligned in align(before.len(), after.len(), &|i, j| before[i] == after[j]) {
            if let Aligned::Same(_, j) = aligned {
                stays.insert(after[j].clone());
            }
        }
    }

    let mut edits = Vec::new();
    for (at, step) in &news {
        let Some(&k) = old_at.get(step.id()) else {
            out.push(Change::StepAdded {
                step: shell(step),
                at: at.clone(),
            });
            continue;
        };
        let (from, before) = &olds[k];
        if !stays.contains(step.id()) {
            out.push(Change::StepMoved {
                id: step.id().to_owned(),
                from: from.clone(),
                to: at.clone(),
            });
        }
        step_edits(before, step, &mut edits);
        out.extend(edits.drain(..).map(|edit| Change::StepChanged {
            id: step.id().to_owned(),
            at: at.clone(),
            edit,
        }));
    }
}

/// What changed inside a step, arms aside.
fn step_edits(old: &Step, new: &Step, out: &mut Vec<StepEdit>) {
    match (old, new) {
        (
            Step::Action {
                action: old_action,
                params: old_params,
                ..
            },
            Step::Action {
                action: new_action,
                params: new_params,
                ..
            },
        ) => {
            if old_action != new_action {
                out.push(StepEdit::Action {
                    old: old_action.clone(),
                    new: new_action.clone(),
                });
            }
            diff_map(old_params, new_params, &mut Vec::new(), out);
        }
        (
            Step::Branch {
                condition: old_condition,
                ..
            },
            Step::Branch {
                condition: new_condition,
                ..
            },
        ) => {
            let mut clauses = Vec::new();
            diff_clause(old_condition, new_condition, &[], &[], &mut clauses);
            out.extend(clauses.into_iter().map(StepEdit::Condition));
        }
        (
            Step::Email {
                to,
                subject,
                body,
                rows,
                ..
            },
            Step::Email {
                to: new_to,
                subject: new_subject,
                body: new_body,
                rows: new_rows,
                ..
            },
        ) => {
            for (field, old, new) in [
                (EmailField::To, to, new_to),
                (EmailField::Subject, subject, new_subject),
                (EmailField::Body, body, new_body),
            ] {
                if old != new {
                    out.push(StepEdit::Email {
                        field,
                        old: old.clone(),
                        new: new.clone(),
                    });
                }
            }
            for aligned in align(rows.len(), new_rows.len(), &|i, j| rows[i] == new_rows[j]) {
                let (index, old, new) = match aligned {
                    Aligned::Same(..) => continue,
                    Aligned::Paired(i, j) => (j, Some(&rows[i]), Some(&new_rows[j])),
                    Aligned::Removed(i) => (i, Some(&rows[i]), None),
                    Aligned::Added(j) => (j, None, Some(&new_rows[j])),
                };
                out.push(StepEdit::Row {
                    index,
                    old: old.cloned(),
                    new: new.cloned(),
                });
            }
        }
        _ => out.push(StepEdit::Replaced {
            old: shell(old),
            new: shell(new),
        }),
    }
}

fn diff_map(
    old: &Map<String, Value>,
    new: &Map<String, Value>,
    path: &mut Vec<Key>,
    out: &mut Vec<StepEdit>,
) {
    let keys: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    for key in keys {
        path.push(Key::Field(key.clone()));
        match (old.get(key), new.get(key)) {
            (Some(o), Some(n)) => diff_value(o, n, path, out),
            (o, n) => out.push(StepEdit::Param {
                path: path.clone(),
                old: o.cloned(),
                new: n.cloned(),
            }),
        }
        path.pop();
    }
}

fn diff_value(old: &Value, new: &Value, path: &mut Vec<Key>, out: &mut Vec<StepEdit>) {
    if old == new {
        return;
    }
    match (old, new) {
        (Value::Object(o), Value::Object(n)) => diff_map(o, n, path, out),
        (Value::Array(o), Value::Array(n)) if o.len() == n.len() => {
            for (i, (o, n)) in o.iter().zip(n).enumerate() {
                path.push(Key::Item(i));
                diff_value(o, n, path, out);
                path.pop();
            }
        }
        _ => out.push(StepEdit::Param {
            path: path.clone(),
            old: Some(old.clone()),
            new: Some(new.clone()),
        }),
    }
}

/// Rebuilds the newer steps: every step's content is its older one with its edits (or the
/// added one); each list holds its added and moved steps at their newer positions, and the
/// steps that stayed, in their older order, in the places left.
fn apply_steps(old: &[Step], changes: &[Change]) -> Vec<Step> {
    let mut olds = Vec::new();
    walk(old, None, &mut olds);
    let mut builder = Builder::default();
    for (place, step) in &olds {
        builder
            .lists
            .entry(list_key(place.parent.as_ref()))
            .or_default()
            .push(step.id().to_owned());
        builder.shells.insert(step.id().to_owned(), shell(step));
    }
    let mut edits: BTreeMap<&str, Vec<&StepEdit>> = BTreeMap::new();
    for change in changes {
        match change {
            Change::StepsReplaced { new, .. } => return new.clone(),
            Change::StepAdded { step, at } => {
                builder.shells.insert(step.id().to_owned(), step.clone());
                builder.place(at, step.id());
            }
            Change::StepRemoved { step, .. } => {
                builder.placed.insert(step.id().to_owned());
            }
            Change::StepMoved { id, to, .. } => {
                builder.placed.insert(id.clone());
                builder.place(to, id);
            }
            Change::StepChanged { id, edit, .. } => edits.entry(id).or_default().push(edit),
            _ => {}
        }
    }
    for (id, edits) in edits {
        if let Some(step) = builder.shells.get_mut(id) {
            apply_edits(step, &edits);
        }
    }
    builder.build(&None)
}

#[derive(Default)]
struct Builder {
    /// The older lists, as ids in order.
    lists: BTreeMap<ListKey, Vec<String>>,
    /// Each step's content without its arms; taken out when the step is placed.
    shells: BTreeMap<String, Step>,
    /// Removed and moved steps: they do not stay where they were.
    placed: BTreeSet<String>,
    /// Added and moved steps, by list, with their newer positions.
    explicit: BTreeMap<ListKey, Vec<(usize, String)>>,
}

impl Builder {
    fn place(&mut self, at: &Place, id: &str) {
        self.explicit
            .entry(list_key(at.parent.as_ref()))
            .or_default()
            .push((at.index, id.to_owned()));
    }

    fn build(&mut self, key: &ListKey) -> Vec<Step> {
        let stayed: Vec<String> = self
            .lists
            .get(key)
            .map(|ids| {
                ids.iter()
                    .filter(|id| !self.placed.contains(*id))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        let mut explicit = self.explicit.remove(key).unwrap_or_default();
        explicit.sort_by_key(|(index, _)| *index);
        let len = stayed.len() + explicit.len();
        let mut slots: Vec<Option<String>> = vec![None; len];
        let mut overflow = Vec::new();
        for (index, id) in explicit {
            match slots.get_mut(index) {
                Some(slot @ None) => *slot = Some(id),
                _ => overflow.push(id),
            }
        }
        let mut fill = stayed.into_iter().chain(overflow);
        let mut out = Vec::with_capacity(len);
        for slot in slots {
            let Some(id) = slot.or_else(|| fill.next()) else {
                continue;
            };
            // Taking the shell out places each step once, even from a malformed diff.
            let Some(mut step) = self.shells.remove(&id) else {
                continue;
            };
            if let Step::Branch {
                then, otherwise, ..
            } = &mut step
            {
                *then = self.build(&Some((id.clone(), arm_code(Arm::Then))));
                *otherwise = self.build(&Some((id, arm_code(Arm::Else))));
            }
            out.push(step);
        }
        out
    }
}

fn apply_edits(step: &mut Step, edits: &[&StepEdit]) {
    let mut clauses = Vec::new();
    let mut rows = Vec::new();
    for edit in edits {
        match (edit, &mut *step) {
            (StepEdit::Replaced { new, .. }, step) => *step = new.clone(),
            (StepEdit::Action { new, .. }, Step::Action { action, .. }) => action.clone_from(new),
            (StepEdit::Param { path, new, .. }, Step::Action { params, .. }) => {
                set_param(params, path, new.clone())
            }
            (StepEdit::Condition(clause), _) => clauses.push(clause),
            (StepEdit::Row { .. }, _) => rows.push(*edit),
            (
                StepEdit::Email { field, new, .. },
                Step::Email {
                    to, subject, body, ..
                },
            ) => match field {
                EmailField::To => to.clone_from(new),
                EmailField::Subject => subject.clone_from(new),
                EmailField::Body => body.clone_from(new),
            },
            _ => {}
        }
    }
    if let Step::Branch { condition, .. } = step {
        if !clauses.is_empty() {
            let mut root = Some(condition.clone());
            apply_clauses(&mut root, &clauses);
            *condition = root.unwrap_or(Condition::All(Vec::new()));
        }
    }
    if let Step::Email { rows: list, .. } = step {
        apply_rows(list, &rows);
    }
}

/// Row changes, in the same order as clauses: removals at older positions from the last,
/// additions at newer positions from the first, then replacements.
fn apply_rows(list: &mut Vec<EmailRow>, edits: &[&StepEdit]) {
    let rows = || {
        edits.iter().filter_map(|e| match e {
            StepEdit::Row { index, old, new } => Some((*index, old, new)),
            _ => None,
        })
    };
    let mut removals: Vec<usize> = rows()
        .filter(|(_, _, new)| new.is_none())
        .map(|(index, ..)| index)
        .collect();
    removals.sort_unstable_by(|a, b| b.cmp(a));
    for index in removals {
        if index < list.len() {
            list.remove(index);
        }
    }
    let mut additions: Vec<(usize, &EmailRow)> = rows()
        .filter_map(|(index, old, new)| match (old, new) {
            (None, Some(row)) => Some((index, row)),
            _ => None,
        })
        .collect();
    additions.sort_by_key(|(index, _)| *index);
    for (index, row) in additions {
        list.insert(index.min(list.len()), row.clone());
    }
    for (index, old, new) in rows() {
        if let (Some(_), Some(row), Some(slot)) = (old, new, list.get_mut(index)) {
            *slot = row.clone();
        }
    }
}

fn set_param(params: &mut Map<String, Value>, path: &[Key], value: Option<Value>) {
    let Some((Key::Field(key), rest)) = path.split_first() else {
        return;
    };
    if rest.is_empty() {
        match value {
            Some(value) => {
                params.insert(key.clone(), value);
            }
            None => {
                params.remove(key);
            }
        }
    } else if let Some(inner) = params.get_mut(key) {
        set_in(inner, rest, value);
    }
}

fn set_in(target: &mut Value, path: &[Key], value: Option<Value>) {
    match (target, path.split_first()) {
        (Value::Object(map), Some((Key::Field(_), _))) => set_param(map, path, value),
        (Value::Array(items), Some((Key::Item(i), rest))) => match items.get_mut(*i) {
            Some(item) if rest.is_empty() => {
                if let Some(value) = value {
                    *item = value;
                }
            }
            Some(item) => set_in(item, rest, value),
            None => {}
        },
        _ => {}
    }
}

// ---- Wording ---------------------------------------------------------------------------

impl fmt::Display for WorkflowDiff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.summary())?;
        for change in &self.changes {
            writeln!(f, "- {change}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if self.renamed {
            parts.push("renamed".to_owned());
        }
        if self.trigger {
            parts.push("trigger changed".to_owned());
        }
        match self.trigger_clauses {
            0 => {}
            1 => parts.push("1 trigger condition clause changed".to_owned()),
            n => parts.push(format!("{n} trigger condition clauses changed")),
        }
        let mut first_step = true;
        for (n, verb) in [
            (self.steps_added, "added"),
            (self.steps_removed, "removed"),
            (self.steps_moved, "moved"),
            (self.steps_changed, "changed"),
        ] {
            if n == 0 {
                continue;
            }
            parts.push(match (first_step, n) {
                (true, 1) => format!("1 step {verb}"),
                (true, n) => format!("{n} steps {verb}"),
                (false, n) => format!("{n} {verb}"),
            });
            first_step = false;
        }
        if self.steps_replaced {
            parts.push("steps replaced".to_owned());
        }
        if parts.is_empty() {
            return f.write_str("no changes");
        }
        f.write_str(&parts.join(", "))
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::Renamed { old, new } => write!(f, "renamed from \"{old}\" to \"{new}\""),
            Change::Trigger {
                old: Some(old),
                new: Some(new),
            } => write!(f, "trigger changed from {old} to {new}"),
            Change::Trigger {
                old: None,
                new: Some(new),
            } => write!(f, "trigger {new} added"),
            Change::Trigger { old, new: None } => match old {
                Some(old) => write!(f, "trigger {old} removed"),
                None => f.write_str("trigger unchanged"),
            },
            Change::TriggerCondition(clause) => write!(f, "trigger condition: {clause}"),
            Change::StepAdded { step, at } => write!(f, "{} added at {at}", label(step)),
            Change::StepRemoved { step, from } => {
                write!(f, "{} removed from {from}", label(step))
            }
            Change::StepMoved { id, from, to } => {
                write!(f, "step `{id}` moved from {from} to {to}")
            }
            Change::StepChanged { id, edit, .. } => write!(f, "step `{id}`: {edit}"),
            Change::StepsReplaced { old, new } => write!(
                f,
                "steps replaced as a whole ({} before, {} after): step ids repeat",
                old.len(),
                new.len()
            ),
        }
    }
}

fn label(step: &Step) -> String {
    match step {
        Step::Action { id, action, .. } => format!("action `{id}` ({action})"),
        Step::Branch { id, .. } => format!("branch `{id}`"),
        Step::Email { id, .. } => format!("email `{id}`"),
    }
}

impl fmt::Display for StepEdit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StepEdit::Action { old, new } => write!(f, "action changed from {old} to {new}"),
            StepEdit::Param { path, old, new } => {
                let path = ParamPath(path);
                match (old, new) {
                    (Some(old), Some(new)) => {
                        write!(f, "parameter {path} changed from {old} to {new}")
                    }
                    (None, Some(new)) => write!(f, "parameter {path} set to {new}"),
                    (Some(old), None) => write!(f, "parameter {path} removed (was {old})"),
                    (None, None) => write!(f, "parameter {path} unchanged"),
                }
            }
            StepEdit::Condition(clause) => write!(f, "condition: {clause}"),
            StepEdit::Email { field, old, new } => {
                let field = match field {
                    EmailField::To => "recipient",
                    EmailField::Subject => "subject",
                    EmailField::Body => "body",
                };
                write!(f, "email {field} changed from \"{old}\" to \"{new}\"")
            }
            StepEdit::Row { index, old, new } => {
                let n = index + 1;
                match (old, new) {
                    (Some(old), Some(new)) => write!(
                        f,
                        "email row {n} changed from {}: \"{}\" to {}: \"{}\"",
                        old.label, old.value, new.label, new.value
                    ),
                    (None, Some(new)) => {
                        write!(f, "email row {n} added: {}: \"{}\"", new.label, new.value)
                    }
                    (Some(old), None) => {
                        write!(f, "email row {n} removed: {}: \"{}\"", old.label, old.value)
                    }
                    (None, None) => write!(f, "email row {n} unchanged"),
                }
            }
            StepEdit::Replaced { old, new } => {
                write!(f, "was {}, now {}", label(old), label(new))
            }
        }
    }
}

/// A parameter path as people read it: `metadata.Tier`, `items.0.price`.
struct ParamPath<'a>(&'a [Key]);

impl fmt::Display for ParamPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, key) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            match key {
                Key::Field(name) => f.write_str(name)?,
                Key::Item(index) => write!(f, "{index}")?,
            }
        }
        Ok(())
    }
}

impl fmt::Display for ClauseChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str("the whole condition")?;
        } else {
            for (i, slot) in self.path.iter().enumerate() {
                if i > 0 {
                    f.write_str(" › ")?;
                }
                match slot.group {
                    Group::Not => f.write_str("inside Not")?,
                    group => write!(f, "clause {} of {group}", slot.index + 1)?,
                }
            }
        }
        match &self.edit {
            ClauseEdit::Added { new } => write!(f, " added: {}", new.describe()),
            ClauseEdit::Removed { old } => write!(f, " removed: {}", old.describe()),
            ClauseEdit::Changed { old, new } => {
                write!(f, " changed from {} to {}", old.describe(), new.describe())
            }
            ClauseEdit::Regrouped { old, new } => {
                write!(f, " now combines with {new} instead of {old}")
            }
            ClauseEdit::Grouped { group } => write!(f, " became clause 1 of a new {group} group"),
            ClauseEdit::Ungrouped { group } => {
                write!(f, " is no longer an {group} group but its only clause")
            }
        }
    }
}

impl fmt::Display for Group {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Group::All => "All",
            Group::Any => "Any",
            Group::Not => "Not",
        })
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.index + 1;
        match &self.parent {
            None => write!(f, "position {n} of the top level"),
            Some(Parent { branch, arm }) => {
                let arm = match arm {
                    Arm::Then => "then",
                    Arm::Else => "else",
                };
                write!(f, "position {n} of the {arm} arm of `{branch}`")
            }
        }
    }
}
