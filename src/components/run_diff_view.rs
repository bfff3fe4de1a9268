//! Two runs side by side, as the engine's run diff sees them: the path each took, the first
//! step where they part, and per step what differs in its input, output and error (added,
//! removed and changed keys; steps that ran alike are folded). The run comparison page and
//! each row of a replay show it.

use leptos::prelude::*;
use sandflow_engine::{
    Arm, ChangeKind, Key, RunDiff, RunSide, StepState, StepStatus, ValueChange, Version,
};
use serde_json::Value;

fn path_text(path: &[Key]) -> String {
    if path.is_empty() {
        return "(the whole value)".to_owned();
    }
    let mut text = String::new();
    for key in path {
        match key {
            Key::Field(name) => {
                if !text.is_empty() {
                    text.push('.');
                }
                text.push_str(name);
            }
            Key::Item(i) => text.push_str(&format!("[{i}]")),
        }
    }
    text
}

fn value_text(value: Option<&Value>) -> String {
    match value {
        None => "—".to_owned(),
        Some(Value::String(s)) => format!("\"{s}\""),
        Some(other) => other.to_string(),
    }
}

fn state_text(state: Option<&StepState>) -> String {
    let Some(state) = state else {
        return tr!("not in this version").to_owned();
    };
    let status = match state.status {
        StepStatus::Succeeded => tr!("Succeeded"),
        StepStatus::Failed => tr!("Failed"),
        StepStatus::Skipped => tr!("Skipped"),
    };
    match state.branch {
        Some(Arm::Then) => trf!("{status}, took the “if true” branch", status = status),
        Some(Arm::Else) => trf!("{status}, took the “otherwise” branch", status = status),
        None => status.to_owned(),
    }
}

fn changes_view(title: &'static str, changes: &[ValueChange]) -> Option<impl IntoView> {
    (!changes.is_empty()).then(|| {
        view! {
            <p class="eyebrow">{title}</p>
            <ul class="value-changes">
                {changes.iter().map(|c| {
                    let kind = match c.change {
                        ChangeKind::Added => "added",
                        ChangeKind::Removed => "removed",
                        ChangeKind::Changed => "changed",
                    };
                    view! {
                        <li class=format!("value-change value-change--{kind}")>
                            <code>{path_text(&c.path)}</code> " " {kind} ": "
                            <span class="change__old">{value_text(c.old.as_ref())}</span>
                            " → "
                            <span class="change__new">{value_text(c.new.as_ref())}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    })
}

/// The difference between run `a` and run `b`, labelled as `a_label` and `b_label`.
#[component]
pub fn RunDiffView(
    /// The engine's diff.
    diff: RunDiff,
    /// What run `a` is ("Stored run", "v2", ...).
    #[prop(into)]
    a_label: String,
    /// What run `b` is.
    #[prop(into)]
    b_label: String,
) -> impl IntoView {
    let unchanged = diff.steps.iter().filter(|s| s.is_unchanged()).count();
    let diverges = diff.diverges_at.clone();
    let side = |label: &str, s: &RunSide| {
        trf!(
            "{label}: {run} · {version} · {status} · path {path}",
            label = label,
            run = s.run_id,
            version = Version::label(s.version),
            status = crate::components::run_badge::status_label(s.status),
            path = if s.path.is_empty() {
                tr!("none").to_owned()
            } else {
                s.path.join(" → ")
            }
        )
    };
    view! {
        <div class="run-diff">
            <p class="muted">{side(&a_label, &diff.a)}</p>
            <p class="muted">{side(&b_label, &diff.b)}</p>
            {match &diverges {
                Some(step) => view! { <p class="callout callout--warning">{trf!("The paths part at step `{step}`.", step = step)}</p> }.into_any(),
                None => view! { <p>{tr!("Both runs took the same path.")}</p> }.into_any(),
            }}
            {changes_view(tr!("The trigger events differ"), &diff.event)}
            <ol class="run-diff__steps">
                {diff.steps.iter().filter(|s| !s.is_unchanged()).map(|s| {
                    let parted = diverges.as_deref() == Some(s.step_id.as_str());
                    view! {
                        <li class="step-card" class:step-card--changed=parted>
                            <strong>{s.label.clone()}</strong> " " <code class="muted">{s.step_id.clone()}</code>
                            <p class="step-card__summary">
                                {format!("{a_label}: {} · {b_label}: {}", state_text(s.a.as_ref()), state_text(s.b.as_ref()))}
                            </p>
                            {changes_view(tr!("Input"), &s.input)}
                            {changes_view(tr!("Output"), &s.output)}
                            {s.error.as_ref().map(|e| view! {
                                <p class="eyebrow">{tr!("Error")}</p>
                                <p><span class="change__old">{e.old.clone().unwrap_or_else(|| tr!("none").into())}</span> " → " <span class="change__new">{e.new.clone().unwrap_or_else(|| tr!("none").into())}</span></p>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ol>
            {(unchanged > 0).then(|| view! { <p class="muted">{trn!(unchanged, "{n} step ran alike.", "{n} steps ran alike.", n = unchanged)}</p> })}
        </div>
    }
}
