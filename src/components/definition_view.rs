//! A workflow definition drawn read-only: its trigger and its steps in order, branches
//! with their two arms. The version history shows a published version with it, and Compare
//! draws two versions side by side, each step marked as added, removed, changed or moved.

use std::collections::HashMap;

use leptos::prelude::*;
use sandflow_engine::{step_name, SandboxCatalog, Step, Workflow};
use serde_json::Value;

/// How a step (or the trigger) differs in a comparison: `"added"`, `"removed"`,
/// `"changed"` or `"moved"`, drawn green, red, amber and blue.
pub type Marks = HashMap<String, &'static str>;

/// The key of the trigger in [`Marks`].
pub const TRIGGER: &str = "trigger";

/// `workflow`'s trigger and steps, read-only, each marked as `marks` says.
#[component]
pub fn DefinitionView(
    /// The definition to draw.
    workflow: Workflow,
    /// Marks by step id (and [`TRIGGER`]).
    #[prop(optional)]
    marks: Marks,
    /// Names the drawing for assistive technology.
    #[prop(into)]
    label: String,
) -> impl IntoView {
    let trigger_mark = marks.get(TRIGGER).copied();
    let (kind, condition) = match &workflow.trigger {
        Some(t) => (
            t.event_type.clone(),
            t.condition
                .as_ref()
                .map(|c| crate::i18n::words::condition(crate::i18n::lang(), c)),
        ),
        None => (tr!("No trigger").to_owned(), None),
    };
    view! {
        <section class="definition" aria-label=label>
            <div class=card_class("step-card step-card--trigger", trigger_mark)>
                <span class="eyebrow">{tr!("Trigger")}</span>
                {mark_label(trigger_mark)}
                <code class="event-type">{kind}</code>
                <p class="step-card__summary">
                    {condition.map_or_else(|| tr!("Runs on every event of this type.").to_owned(), |c| trf!("Only when {condition}", condition = c))}
                </p>
            </div>
            {steps_view(&workflow.steps, &marks)}
        </section>
    }
}

fn card_class(base: &str, mark: Option<&str>) -> String {
    match mark {
        Some(mark) => format!("{base} step-card--{mark}"),
        None => base.to_owned(),
    }
}

fn mark_label(mark: Option<&'static str>) -> Option<impl IntoView> {
    mark.map(|m| {
        let text = match m {
            "added" => tr!("Added"),
            "removed" => tr!("Removed"),
            "changed" => tr!("Changed"),
            _ => tr!("Moved"),
        };
        view! { <span class=format!("mark mark--{m}")>{text}</span> }
    })
}

fn steps_view(steps: &[Step], marks: &Marks) -> AnyView {
    if steps.is_empty() {
        return view! { <p class="muted definition__empty">{tr!("No step.")}</p> }.into_any();
    }
    view! {
        <ol class="definition__steps">
            {steps.iter().map(|step| step_view(step, marks)).collect_view()}
        </ol>
    }
    .into_any()
}

fn step_view(step: &Step, marks: &Marks) -> impl IntoView {
    let mark = marks.get(step.id()).copied();
    let title = step_name(step, &SandboxCatalog);
    let body = match step {
        Step::Action { params, .. } => {
            let rows: Vec<(String, String)> = params
                .iter()
                .map(|(k, v)| (k.clone(), value_text(v)))
                .collect();
            view! {
                <dl class="definition__params">
                    {rows.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
                </dl>
            }
            .into_any()
        }
        Step::Email { to, subject, .. } => view! {
            <p class="step-card__summary">{trf!("To {to}: {subject}", to = to, subject = subject)}</p>
        }
        .into_any(),
        Step::Branch {
            condition,
            then,
            otherwise,
            ..
        } => view! {
            <p class="step-card__summary">{trf!("If {condition}", condition = crate::i18n::words::condition(crate::i18n::lang(), condition))}</p>
            <div class="definition__arms">
                <div><span class="eyebrow">{tr!("If true")}</span>{steps_view(then, marks)}</div>
                <div><span class="eyebrow">{tr!("Otherwise")}</span>{steps_view(otherwise, marks)}</div>
            </div>
        }
        .into_any(),
    };
    view! {
        <li class=card_class("step-card", mark) data-step=step.id().to_owned()>
            <strong class="step-card__title">{title}</strong>
            {mark_label(mark)}
            {body}
        </li>
    }
}

/// A parameter's value as one line of text.
fn value_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
