//! Sources: what a step's dynamic values and conditions can read when it runs.
//!
//! A step can read the trigger event and the output of every step that will have run
//! before it on its path: the steps before it in its list, the condition step whose branch
//! holds it, and the steps before that condition, up to the top level. A step in the other
//! branch, or after it, has not run. [`validate`](crate::validate) checks references against
//! these sources and the builder offers their fields, so both walk the workflow here, once.

use crate::catalog::{humanize, Catalog};
use crate::reference::Root;
use crate::sandbox::EMAIL_STEP_NAME;
use crate::workflow::{Arm, Step, Workflow};

/// One thing a reference can read from: the trigger event or an earlier step's output.
#[derive(Clone, Debug, PartialEq)]
pub struct Source<'w> {
    /// How a reference to it starts: `trigger` or `steps.<id>`.
    pub root: Root,
    /// The step, or `None` for the trigger.
    pub step: Option<&'w Step>,
    /// The type of the object it gives (`customer`): the trigger event's `data.object`, or
    /// what an action step returns; `None` for an unknown trigger or action, a condition
    /// step and an email step.
    pub object: Option<&'static str>,
    /// What people call it: the trigger object's type ("Payment intent"), "Trigger" while
    /// it is unknown, or the step's [name](step_name).
    pub name: String,
}

impl Source<'_> {
    /// The source of the trigger event.
    pub fn trigger(workflow: &Workflow, catalog: &dyn Catalog) -> Self {
        let object = workflow
            .event_type()
            .and_then(|kind| catalog.event_type(kind))
            .map(|spec| spec.object);
        Source {
            root: Root::Trigger,
            step: None,
            object,
            name: object.map_or_else(|| "Trigger".to_owned(), humanize),
        }
    }

    /// The reference to the field at `path` (`address.city`) of the object this source
    /// gives: `trigger.data.object.address.city` or `steps.<id>.address.city`.
    pub fn field_reference(&self, path: &str) -> String {
        match &self.root {
            Root::Trigger => format!("trigger.data.object.{path}"),
            Root::Step(id) => format!("steps.{id}.{path}"),
        }
    }
}

impl<'w> Source<'w> {
    /// The source of one step's output.
    pub fn step(step: &'w Step, catalog: &dyn Catalog) -> Self {
        let object = match step {
            Step::Action { action, .. } => catalog.action(action).map(|spec| spec.returns),
            Step::Branch { .. } | Step::Email { .. } => None,
        };
        Source {
            root: Root::Step(step.id().to_owned()),
            step: Some(step),
            object,
            name: step_name(step, catalog),
        }
    }
}

/// What a step is called: its action's name ("Update a customer"; the action id when the
/// catalog does not know it), "Condition" or "Email a team member".
pub fn step_name(step: &Step, catalog: &dyn Catalog) -> String {
    match step {
        Step::Action { action, .. } => catalog
            .action(action)
            .map_or_else(|| action.clone(), |spec| spec.name.to_owned()),
        Step::Branch { .. } => "Condition".to_owned(),
        Step::Email { .. } => EMAIL_STEP_NAME.to_owned(),
    }
}

/// What step `at` can read, in order: the trigger first, then every step that will have
/// run before it on its path. `None` stands for the trigger conditions, which read only the
/// trigger event; so does a step id the workflow does not have.
pub fn sources<'w>(
    workflow: &'w Workflow,
    at: Option<&str>,
    catalog: &dyn Catalog,
) -> Vec<Source<'w>> {
    let mut found = None;
    if let Some(id) = at {
        each_step(workflow, catalog, &mut |step, visible| {
            if found.is_none() && step.id() == id {
                found = Some(visible.to_vec());
            }
        });
    }
    found.unwrap_or_else(|| vec![Source::trigger(workflow, catalog)])
}

/// Calls `visit` with every step, depth first in editor order, and what it can read (as
/// [`sources`] gives it). A step id used twice is visited at each place.
pub(crate) fn each_step<'w>(
    workflow: &'w Workflow,
    catalog: &dyn Catalog,
    visit: &mut dyn FnMut(&'w Step, &[Source<'w>]),
) {
    let mut visible = vec![Source::trigger(workflow, catalog)];
    walk(&workflow.steps, catalog, &mut visible, visit);
}

fn walk<'w>(
    steps: &'w [Step],
    catalog: &dyn Catalog,
    visible: &mut Vec<Source<'w>>,
    visit: &mut dyn FnMut(&'w Step, &[Source<'w>]),
) {
    for step in steps {
        visit(step, visible);
        visible.push(Source::step(step, catalog));
        for arm in [Arm::Then, Arm::Else] {
            if let Some(inner) = step.arm(arm) {
                let mut inside = visible.clone();
                walk(inner, catalog, &mut inside, visit);
            }
        }
    }
}
