//! Editing helpers for the workflow builder: insert, change, move, duplicate and delete
//! steps, and replace the trigger.
//!
//! Each is a pure function on a [`Workflow`] that either does the whole edit or refuses
//! with an [`EditError`], so the UI never half-applies a change. They pair with
//! [`History`](crate::History) for undo and redo.

use crate::catalog::Catalog;
use crate::ids::Ids;
use crate::limits::MAX_STEPS;
use crate::validate::{validate, Problem};
use crate::workflow::{Arm, Step, Trigger, Workflow};

/// Where a step goes: a list (the top level, or one arm of a branch) and a position in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slot {
    /// `None` for the top level, or the branch step and its arm.
    pub parent: Option<(String, Arm)>,
    /// Position in that list; the list's length appends.
    pub index: usize,
}

impl Slot {
    /// At `index` in the top-level list.
    pub fn top(index: usize) -> Self {
        Self {
            parent: None,
            index,
        }
    }

    /// At `index` in one arm of branch step `branch`.
    pub fn inside(branch: &str, arm: Arm, index: usize) -> Self {
        Self {
            parent: Some((branch.to_owned(), arm)),
            index,
        }
    }
}

/// Which way to move a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Towards the start of its list.
    Up,
    /// Towards the end of its list.
    Down,
}

/// Why an edit was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// No step with that id.
    #[error("there is no step `{id}`: it may have been deleted")]
    StepNotFound {
        /// The id.
        id: String,
    },
    /// The parent is not a branch step.
    #[error(
        "step `{id}` is not a condition: steps can only be added inside a condition's branches"
    )]
    NotABranch {
        /// The id.
        id: String,
    },
    /// The position is past the end of the list.
    #[error("position {index} is past the end of a list of {len} steps")]
    OutOfRange {
        /// Asked for.
        index: usize,
        /// The list's length.
        len: usize,
    },
    /// The step limit would be crossed.
    #[error("a workflow can have at most {limit} steps: remove one first")]
    TooManySteps {
        /// The limit.
        limit: usize,
    },
    /// The step is already first or last.
    #[error("the step is already at the {edge} of its list")]
    AtEdge {
        /// "top" or "bottom".
        edge: &'static str,
    },
    /// A step with that id already exists.
    #[error("a step with the id `{id}` already exists: use a new id")]
    DuplicateId {
        /// The id.
        id: String,
    },
}

/// Inserts `step` at `slot`.
pub fn insert_step(workflow: &mut Workflow, slot: &Slot, step: Step) -> Result<(), EditError> {
    let added = Workflow {
        steps: vec![step.clone()],
        ..Workflow::new("", 0)
    };
    if workflow.step_count() + added.step_count() > MAX_STEPS {
        return Err(EditError::TooManySteps { limit: MAX_STEPS });
    }
    for s in added.all_steps() {
        if workflow.step(s.id()).is_some() {
            return Err(EditError::DuplicateId {
                id: s.id().to_owned(),
            });
        }
    }
    let list = list_mut(&mut workflow.steps, slot.parent.as_ref())?;
    if slot.index > list.len() {
        return Err(EditError::OutOfRange {
            index: slot.index,
            len: list.len(),
        });
    }
    list.insert(slot.index, step);
    Ok(())
}

/// Changes the step `id`, wherever it is, with `f`; returns what `f` returns.
///
/// For changes inside one step (a parameter, a condition, an email's subject); moving,
/// adding and removing steps have their own functions, which check the step limit and ids.
pub fn update_step<R>(
    workflow: &mut Workflow,
    id: &str,
    f: impl FnOnce(&mut Step) -> R,
) -> Result<R, EditError> {
    let step = find_mut(&mut workflow.steps, id)
        .ok_or_else(|| EditError::StepNotFound { id: id.to_owned() })?;
    Ok(f(step))
}

/// Deletes the step `id` (and, for a branch, everything inside it); returns it.
pub fn delete_step(workflow: &mut Workflow, id: &str) -> Result<Step, EditError> {
    let (list, index) = locate(&mut workflow.steps, id)?;
    Ok(list.remove(index))
}

/// Moves the step `id` one place up or down inside its list.
pub fn move_step(workflow: &mut Workflow, id: &str, direction: Direction) -> Result<(), EditError> {
    let (list, index) = locate(&mut workflow.steps, id)?;
    match direction {
        Direction::Up if index == 0 => Err(EditError::AtEdge { edge: "top" }),
        Direction::Down if index + 1 == list.len() => Err(EditError::AtEdge { edge: "bottom" }),
        Direction::Up => {
            list.swap(index, index - 1);
            Ok(())
        }
        Direction::Down => {
            list.swap(index, index + 1);
            Ok(())
        }
    }
}

/// Puts a copy of step `id` right after it, with new ids for it and every step inside;
/// returns the copy's id.
pub fn duplicate_step(
    workflow: &mut Workflow,
    id: &str,
    ids: &mut Ids,
) -> Result<String, EditError> {
    let original = workflow
        .step(id)
        .cloned()
        .ok_or_else(|| EditError::StepNotFound { id: id.to_owned() })?;
    let mut copy = original;
    renumber(&mut copy, ids);
    let new_id = copy.id().to_owned();
    let added = Workflow {
        steps: vec![copy.clone()],
        ..Workflow::new("", 0)
    };
    if workflow.step_count() + added.step_count() > MAX_STEPS {
        return Err(EditError::TooManySteps { limit: MAX_STEPS });
    }
    let (list, index) = locate(&mut workflow.steps, id)?;
    list.insert(index + 1, copy);
    Ok(new_id)
}

/// Replaces the trigger and returns the problems the change introduced: conditions and
/// dynamic values that no longer fit the new event's object.
pub fn replace_trigger(
    workflow: &mut Workflow,
    trigger: Trigger,
    catalog: &dyn Catalog,
) -> Vec<Problem> {
    let before = validate(workflow, catalog);
    workflow.trigger = Some(trigger);
    validate(workflow, catalog)
        .into_iter()
        .filter(|p| !before.contains(p))
        .collect()
}

fn renumber(step: &mut Step, ids: &mut Ids) {
    step.set_id(ids.next("step"));
    for arm in [Arm::Then, Arm::Else] {
        if let Some(inner) = step.arm_mut(arm) {
            for s in inner {
                renumber(s, ids);
            }
        }
    }
}

fn list_mut<'a>(
    steps: &'a mut Vec<Step>,
    parent: Option<&(String, Arm)>,
) -> Result<&'a mut Vec<Step>, EditError> {
    let Some((id, arm)) = parent else {
        return Ok(steps);
    };
    let step = find_mut(steps, id).ok_or_else(|| EditError::StepNotFound { id: id.clone() })?;
    step.arm_mut(*arm)
        .ok_or_else(|| EditError::NotABranch { id: id.clone() })
}

fn find_mut<'a>(steps: &'a mut [Step], id: &str) -> Option<&'a mut Step> {
    for step in steps {
        if step.id() == id {
            return Some(step);
        }
        if let Step::Branch {
            then, otherwise, ..
        } = step
        {
            if inner_contains(then, id) {
                return find_mut(then, id);
            }
            if inner_contains(otherwise, id) {
                return find_mut(otherwise, id);
            }
        }
    }
    None
}

/// The list holding step `id`, and its index there.
fn locate<'a>(steps: &'a mut Vec<Step>, id: &str) -> Result<(&'a mut Vec<Step>, usize), EditError> {
    if let Some(i) = steps.iter().position(|s| s.id() == id) {
        return Ok((steps, i));
    }
    for step in steps.iter_mut() {
        if let Step::Branch {
            then, otherwise, ..
        } = step
        {
            if inner_contains(then, id) {
                return locate(then, id);
            }
            if inner_contains(otherwise, id) {
                return locate(otherwise, id);
            }
        }
    }
    Err(EditError::StepNotFound { id: id.to_owned() })
}

fn inner_contains(steps: &[Step], id: &str) -> bool {
    steps.iter().any(|s| {
        s.id() == id
            || [Arm::Then, Arm::Else]
                .into_iter()
                .any(|arm| s.arm(arm).is_some_and(|inner| inner_contains(inner, id)))
    })
}
