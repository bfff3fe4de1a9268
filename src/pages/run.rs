//! One run of a workflow, top to bottom as it ran.
//!
//! The page reads the run record alone (its copy of the workflow, its trigger event and one
//! record per step), so an old run still reads right after the workflow is edited. The
//! trigger and each step show their status, resolved input, output, error and duration; a
//! branch shows the side taken. **Inspect in Workbench** opens the trigger's event or an
//! action's request log; emails, conditions and branches have no such log and no link.
//! **Rerun** asks the state (the engine decides, and says why it refuses).

use std::collections::HashMap;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};
use sandflow_engine::sandbox;
use sandflow_engine::{Arm, Run, Step, StepKind, StepRecord, StepStatus, Version};
use serde_json::Value;

use crate::components::json_view::{JsonView, EVENT_OBJECT};
use crate::components::link::A;
use crate::components::modal::Modal;
use crate::components::overflow_menu::OverflowMenu;
use crate::components::run_badge::RunBadge;
use crate::components::save_as_test::SaveAsTest;
use crate::components::timestamp::{format_took, Timestamp};
use crate::state::use_app;

/// The run page (`/workflows/:id/runs/:run_id`).
#[component]
pub fn RunPage() -> impl IntoView {
    let state = use_app();
    let params = use_params_map();
    let workflow_id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let run_id = Memo::new(move |_| params.read().get("run_id").unwrap_or_default());
    // Read from storage; `None` while loading.
    let loaded = LocalResource::new(move || {
        let id = run_id.get();
        state.ready.track();
        state.runs_revision.track();
        async move { state.run(id).await.map_err(|e| e.to_string()) }
    });
    let run = Memo::new(move |_| match loaded.get() {
        Some(Ok(Some(run))) => Some(run),
        _ => None,
    });
    // The same run read again (after a write elsewhere) does not rebuild the page.
    let shown_id = Memo::new(move |_| run.with(|r| r.as_ref().map(|r| r.id.clone())));
    view! {
        <p class="crumbs">
            <A href="/workflows">{tr!("Workflows")}</A> " / "
            <A href=move || format!("/workflows/{}", workflow_id.get())>
                {move || run.with(|r| r.as_ref().map(|r| crate::i18n::workflow_name(&r.workflow.name))).unwrap_or_else(|| workflow_id.get())}
            </A>
        </p>
        {move || match shown_id.get() {
            Some(_) => run.get_untracked().map(|run| view! { <RunDetail run=run /> }.into_any()),
            None => Some(view! {
                <header class="page-header"><h1>{move || if loaded.with(Option::is_none) || !state.ready.get() { {tr!("Loading run…")} } else { {tr!("Run not found")} }}</h1></header>
                <p>
                    {move || match loaded.get() {
                        Some(Err(e)) => trf!("The run could not be read: {e}.", e = e) + " ",
                        Some(Ok(None)) if state.ready.get() => trf!("There is no run {run}: runs go with their workflow, and are kept for 60 days of sandbox time after they start.", run = run_id.get()) + " ",
                        _ => String::new(),
                    }}
                    <A href=move || format!("/workflows/{}", workflow_id.get())>{tr!("Back to the workflow")}</A>
                </p>
            }.into_any()),
        }}
    }
}

/// Everything about one run.
#[component]
fn RunDetail(run: Run) -> impl IntoView {
    let state = use_app();
    let navigate = use_navigate();
    let refusal = RwSignal::new(None::<String>);
    let inspecting = RwSignal::new(false);

    // Request logs of this run's actions, by step, for steps recorded without one.
    let requests: HashMap<String, String> = state.sandbox.with_untracked(|sb| {
        sb.logs()
            .filter_map(|l| {
                let o = l.origin.as_ref()?;
                (o.run_id == run.id).then(|| (o.step_id.clone(), l.id.clone()))
            })
            .collect()
    });

    let rerun = {
        let (run_id, workflow_id) = (run.id.clone(), run.workflow_id.clone());
        move |on_version: Option<u32>| {
            let (run_id, workflow_id, navigate) =
                (run_id.clone(), workflow_id.clone(), navigate.clone());
            spawn_local(async move {
                match state.rerun(run_id, on_version).await {
                    Ok(new_id) => {
                        refusal.set(None);
                        navigate(
                            &format!("/workflows/{workflow_id}/runs/{new_id}"),
                            Default::default(),
                        );
                    }
                    Err(reason) => refusal.set(Some(reason.to_string())),
                }
            });
        }
    };

    let object = run.event.object().clone();
    let current = object["id"]
        .as_str()
        .and_then(|id| state.sandbox.with_untracked(|sb| sb.object(id).cloned()))
        .filter(|c| *c != object);
    let resource = StoredValue::new((object, current));
    let failure = run.error().map(|message| {
        let step = run.failed_step().map(|s| s.label.clone());
        view! {
            <div class="callout callout--danger" role="alert">
                <strong>{step.map_or_else(|| tr!("This run was stopped").to_owned(), |s| trf!("Failed at “{step}”", step = s))}</strong>
                <p>{message}</p>
            </div>
        }
    });
    let duration = run
        .ended
        .map(|e| format_took(run.duration_ms, e - run.started));
    let status = run.status;
    let trigger_condition = run
        .workflow
        .trigger
        .as_ref()
        .and_then(|t| t.condition.as_ref())
        .map(|c| crate::i18n::words::condition_at(crate::i18n::lang(), c, &run.workflow, None));
    let wf = run.workflow_id.clone();
    // The version this run ran (its copy of the definition, shown below), and the live one.
    let ran_version = run.workflow.version;
    let live_version = {
        let wf = run.workflow_id.clone();
        Memo::new(move |_| {
            state
                .workflows
                .with(|all| all.get(&wf).map_or(0, |w| w.version))
        })
    };
    let link = move |id: &str| format!("/workflows/{wf}/runs/{id}");

    view! {
            <header class="page-header">
                <div>
                    <h1 class="run-title">{tr!("Run")} " " <RunBadge status=status /></h1>
                    <p class="muted">
                        <code>{run.id.clone()}</code> " · "
                        <span class="version-tag" data-testid="run-version">{Version::label(ran_version)}</span>
                        " · " {tr!("started")} " " <Timestamp seconds=run.started />
                        {duration.map(|d| format!(" · {}", trf!("took {duration}", duration = d)))}
                    </p>
                    {run.rerun_of.clone().map(|id| view! { <p class="muted">{tr!("Rerun of")} " " <A href=link(&id)>{id.clone()}</A></p> })}
                    {run.caused_by.clone().map(|id| view! { <p class="muted">{tr!("Triggered by an action of run")} " " <A href=link(&id)>{id.clone()}</A></p> })}
                </div>
                <div class="page-header__actions">
                    {let rerun = rerun.clone(); move || {
                        let rerun = rerun.clone();
                        let live = live_version.get();
                        view! {
                            <button type="button" class="button button--primary" title=trf!("Rerun on the live version, {version}", version = Version::label(live)) on:click=move |_| rerun(None)>{tr!("Rerun")}</button>
                        }
                    }}
                    {move || (ran_version != live_version.get() && ran_version > 0).then(|| {
                        let rerun = rerun.clone();
                        view! {
                            <button type="button" class="button" on:click=move |_| rerun(Some(ran_version))>
                                {trf!("Rerun on {version}", version = Version::label(ran_version))}
                            </button>
                        }
                    })}
                    <SaveAsTest definition=run.workflow.clone() event=run.event.clone() run=Some(run.clone()) />
                    <OverflowMenu label=tr!("More actions")>
                        <button type="button" role="menuitem" class="menu-item" on:click=move |_| inspecting.set(true)>
                            {tr!("Inspect resource")}
                        </button>
                    </OverflowMenu>
                </div>
            </header>
            {move || refusal.get().map(|r| view! {
                <div class="callout callout--danger" role="alert"><strong>{tr!("Rerun refused")}</strong><p>{r}</p></div>
            })}
            {failure}
            <ol class="run-flow">
                <li class="step-card step-card--trigger">
                    <header class="step-card__header">
                        <span class="step-card__kind">{tr!("Trigger")}</span>
                        <h3>{run.event.kind.clone()}</h3>
                        <span class="badge badge--success">{tr!("Received")}</span>
                    </header>
                    <p class="muted">
                        <code>{run.event.id.clone()}</code> " · " <Timestamp seconds=run.event.created />
                    </p>
                    {trigger_condition.map(|c| view! { <p class="step-card__condition">{trf!("Only when {condition}", condition = c)}</p> })}
                    <details class="step-card__section">
                        <summary>{tr!("Event")}</summary>
                        <JsonView value=run.event.to_value() open_to=EVENT_OBJECT />
                    </details>
                    <a class="button button--small" href=crate::base::href(&format!("/workbench?tab=events&id={}&kind={}&at={}", run.event.id, run.event.kind, run.event.created))>
                        {tr!("Inspect in Workbench")}
                    </a>
                </li>
                {steps_view(&run.workflow.steps, &run, &requests)}
            </ol>
            <Show when=move || inspecting.get()>
                <Modal title=tr!("Inspect resource") on_close=Callback::new(move |()| inspecting.set(false))>
                    <div class="modal-scroll">
    <p class="muted">{tr!("The object that triggered this run, as the event carried it.")}</p>
                    <JsonView value=resource.with_value(|(o, _)| o.clone()) />
                    {resource.with_value(|(_, c)| c.clone()).map(|c| view! {
                        <h3>{tr!("Current version in the sandbox")}</h3>
                        <JsonView value=c />
                    })}
                    </div>
    <div class="form__actions">
                        <button type="button" class="button" on:click=move |_| inspecting.set(false)>{tr!("Close")}</button>
                    </div>
                </Modal>
            </Show>
        }
}

/// Under a step the sandbox's API refused: Stripe's error as the request log has it, then
/// the engine's sentence on how to fix the step.
fn stripe_error_view(step: &Step, record: &StepRecord, request: Option<&str>) -> Option<AnyView> {
    let (Step::Action { action, params, .. }, StepStatus::Failed, Some(request)) =
        (step, record.status, request)
    else {
        return None;
    };
    let state = use_app();
    let error = state
        .sandbox
        .with_untracked(|sb| sb.log(request).and_then(|l| l.error()))?;
    let hint = sandbox::action(action).and_then(|spec| sandbox::fix_hint(&error, spec, params));
    let fields = [
        ("type", Some(error.kind.clone())),
        ("code", error.code.clone()),
        ("param", error.param.clone()),
    ];
    Some(
        view! {
            <p class="step-card__stripe-error">
                {tr!("Stripe error:")} " "
                {fields.into_iter().filter_map(|(k, v)| v.map(|v| view! { <span>{k} " " <code>{v}</code> " "</span> })).collect_view()}
            </p>
            {hint.map(|h| view! { <p class="step-card__hint">{h.to_string()}</p> })}
        }
        .into_any(),
    )
}

/// The steps of one level of the workflow copy, each with its record.
fn steps_view(steps: &[Step], run: &Run, requests: &HashMap<String, String>) -> AnyView {
    steps
        .iter()
        .map(|step| step_view(step, run, requests))
        .collect_view()
        .into_any()
}

fn step_view(step: &Step, run: &Run, requests: &HashMap<String, String>) -> AnyView {
    let Some(record) = run.step(step.id()) else {
        return view! {
            <li class="step-card step-card--skipped">
                <p class="muted">{tr!("This step has no record in the run.")}</p>
            </li>
        }
        .into_any();
    };
    let (status_class, status_text) = match record.status {
        StepStatus::Succeeded => ("success", tr!("Succeeded")),
        StepStatus::Failed => ("danger", tr!("Failed")),
        StepStatus::Skipped => ("neutral", tr!("Skipped")),
    };
    let status_name = match record.status {
        StepStatus::Succeeded => "succeeded",
        StepStatus::Failed => "failed",
        StepStatus::Skipped => "skipped",
    };
    let kind = match record.kind {
        StepKind::Action => tr!("Action"),
        StepKind::Branch => tr!("Condition"),
        StepKind::Email => tr!("Email"),
    };
    let ran = record.status != StepStatus::Skipped;
    let request = (record.kind == StepKind::Action && ran)
        .then(|| {
            record
                .request_id
                .clone()
                .or_else(|| requests.get(&record.step_id).cloned())
        })
        .flatten();
    let detail = match step {
        Step::Action { action, .. } => {
            Some(view! { <p class="muted"><code>{action.clone()}</code></p> }.into_any())
        }
        Step::Branch { id, condition, .. } => {
            let text = crate::i18n::words::condition_at(
                crate::i18n::lang(),
                condition,
                &run.workflow,
                Some(id),
            );
            Some(view! { <p class="step-card__condition">{trf!("If {condition}", condition = text)}</p> }.into_any())
        }
        Step::Email { .. } => None,
    };
    let arms = match step {
        Step::Branch {
            then, otherwise, ..
        } => Some(view! {
            <div class="run-branch">
                {arm_view(tr!("If true"), then, record, Arm::Then, run, requests)}
                {arm_view(tr!("Otherwise"), otherwise, record, Arm::Else, run, requests)}
            </div>
        }),
        _ => None,
    };
    view! {
        <li class=format!("step-card step-card--{status_name}")>
            <header class="step-card__header">
                <span class="step-card__kind">{kind}</span>
                <h3>{record.label.clone()}</h3>
                <span class=format!("badge badge--{status_class}")>{status_text}</span>
                {ran.then(|| view! { <span class="muted">{format_took(record.duration_ms, record.duration())}</span> })}
            </header>
            {detail}
            {crate::i18n::catalog::step_error_text(crate::i18n::lang(), record).or_else(|| record.error.clone()).map(|e| view! { <p class="step-card__error">{e}</p> })}
            {stripe_error_view(step, record, request.as_deref())}
            {email_view(record)}
            {json_section(tr!("Input"), &record.input)}
            {json_section(tr!("Output"), &record.output)}
            {request.map(|id| view! {
                <a class="button button--small" href=crate::base::href(&format!("/workbench?tab=logs&id={id}&run={}", run.id))>{tr!("Inspect in Workbench")}</a>
            })}
            {arms}
        </li>
    }
    .into_any()
}

fn arm_view(
    title: &'static str,
    steps: &[Step],
    record: &StepRecord,
    arm: Arm,
    run: &Run,
    requests: &HashMap<String, String>,
) -> impl IntoView {
    let taken = record.branch == Some(arm);
    let class = if taken {
        "run-branch__arm run-branch__arm--taken"
    } else {
        "run-branch__arm"
    };
    view! {
        <section class=class>
            <h4>{title} {taken.then(|| view! { " " <span class="badge badge--accent">{tr!("Branch taken")}</span> })}</h4>
            {if steps.is_empty() {
                view! { <p class="muted">{tr!("No steps.")}</p> }.into_any()
            } else {
                view! { <ol class="run-flow run-flow--nested">{steps_view(steps, run, requests)}</ol> }.into_any()
            }}
        </section>
    }
}

fn email_view(record: &StepRecord) -> Option<impl IntoView> {
    record.email.clone().map(|email| {
        view! {
            <dl class="email">
                <dt>{tr!("To")}</dt><dd>{email.to}</dd>
                <dt>{tr!("Subject")}</dt><dd>{email.subject}</dd>
                <dt>{tr!("Body")}</dt><dd class="email__body">{email.body}</dd>
                {email.rows.into_iter().map(|r| view! { <dt>{r.label}</dt><dd>{r.value}</dd> }).collect_view()}
            </dl>
        }
    })
}

fn json_section(title: &'static str, value: &Value) -> Option<impl IntoView> {
    (!value.is_null()).then(|| {
        view! {
            <details class="step-card__section" open>
                <summary>{title}</summary>
                <JsonView value=value.clone() />
            </details>
        }
    })
}
