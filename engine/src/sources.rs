//! Sources: what a step's dynamic values and conditions can read when it runs.
//!
//! A step can read the trigger event and the output of every step that will have run
//! before it on its path: the steps before it in its list, the condition step whose branch
//! holds it, and the steps before that condition, up to the top level. A step in the other
//! branch, or after it, has not run. [`validate`](crate::validate) checks references against
//! these sources and the builder offers their fields, so both walk the workflow here, once.

use crate::catalog::{humanize, Catalog};
use crate::condition::Condition;
use crate::field_spec::ValueKind;
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
    /// What it is, for wording its name in another language.
    pub named: SourceName,
}

/// What a source is, as its name says it: the app words it per language ([`Source::name`]
/// is the English).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceName {
    /// The trigger event's object, by type (`payment_intent`); `None` while the trigger is
    /// unknown.
    Trigger(Option<&'static str>),
    /// An action step, by action id (`customers.retrieve`): the action the catalog does not
    /// know is called by its id.
    Action(String),
    /// A condition step.
    Condition,
    /// An email step.
    Email,
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
            named: SourceName::Trigger(object),
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

    /// The fields of the object this source gives, in the catalog's order; none when its
    /// type is unknown (a condition step, an email step, an unknown action).
    pub fn fields(&self, catalog: &dyn Catalog) -> Vec<SourceField> {
        let Some(object) = self.object else {
            return Vec::new();
        };
        catalog
            .fields(object)
            .into_iter()
            .map(|f| SourceField {
                reference: self.field_reference(&f.path),
                source: self.name.clone(),
                named: self.named.clone(),
                depth: f.path.matches('.').count(),
                path: f.path,
                label: f.label,
                kind: f.kind,
            })
            .collect()
    }
}

/// One field a condition or a dynamic value can read, as the field picker offers it.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceField {
    /// The reference written into the workflow, e.g. `trigger.data.object.customer`.
    pub reference: String,
    /// The [name](Source::name) of its source, e.g. "Payment intent" or "Retrieve a
    /// customer".
    pub source: String,
    /// What its source is, to word [`source`](Self::source) in another language.
    pub named: SourceName,
    /// The field, e.g. "Customer ID".
    pub label: String,
    /// Its path in the source's object, e.g. `address.city`: the Stripe name the label is
    /// made from.
    pub path: String,
    /// Its type.
    pub kind: ValueKind,
    /// How deep it is nested (0 for a top-level field), for indenting.
    pub depth: usize,
}

impl SourceField {
    /// "Source | Field", e.g. "Payment intent | Customer ID".
    pub fn title(&self) -> String {
        format!("{} | {}", self.source, self.label)
    }
}

/// Every field step `at` can read (`None`: the trigger conditions), source by source in
/// the order of [`sources`].
pub fn source_fields(
    workflow: &Workflow,
    at: Option<&str>,
    catalog: &dyn Catalog,
) -> Vec<SourceField> {
    sources(workflow, at, catalog)
        .iter()
        .flat_map(|source| source.fields(catalog))
        .collect()
}

/// The condition read at `at` (`None`: the trigger conditions) in the words of the
/// builder: each field by its "Source | Field" title, amounts as money, e.g. "Retrieve a
/// charge | Amount is less than or equal to 100.00". A field no source offers keeps its
/// path.
pub fn describe_condition(
    condition: &Condition,
    workflow: &Workflow,
    at: Option<&str>,
    catalog: &dyn Catalog,
) -> String {
    let fields = source_fields(workflow, at, catalog);
    condition.describe_with(&|field| {
        let reference = field.to_string();
        fields
            .iter()
            .find(|f| f.reference == reference)
            .map(SourceField::title)
    })
}

/// Fields whose source, label or reference contains every word of `query`
/// (case-insensitive; `_` and `.` count as spaces, and the reference also matches as
/// written), in the order given; all of them for an empty query. The same rule as
/// [`search_actions`](crate::sandbox::search_actions) and
/// [`search_event_types`](crate::sandbox::search_event_types).
pub fn search_fields<'f>(fields: &'f [SourceField], query: &str) -> Vec<&'f SourceField> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    fields
        .iter()
        .filter(|f| {
            let hay = format!("{} {} {}", f.source, f.label, f.reference);
            let hay =
                hay.to_lowercase().replace(['_', '.'], " ") + " " + &f.reference.to_lowercase();
            words.iter().all(|w| hay.contains(w.as_str()))
        })
        .collect()
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
            named: match step {
                Step::Action { action, .. } => SourceName::Action(action.clone()),
                Step::Branch { .. } => SourceName::Condition,
                Step::Email { .. } => SourceName::Email,
            },
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
