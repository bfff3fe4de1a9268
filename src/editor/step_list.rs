//! The vertical flow of steps: one card per step with its problems and its move, duplicate
//! and delete buttons, an "Add step" after each, and a condition step's if / else branches
//! drawn side by side, each a flow of its own.

use leptos::prelude::*;
use sandflow_engine::sandbox;
use sandflow_engine::{
    delete_step, duplicate_step, move_step, step_name, Arm, Direction, Point, SandboxCatalog, Slot,
    Step, Workflow,
};

use crate::components::focus::{focus_first, refocus_after_render};
use crate::editor::add_step::AddStep;
use crate::editor::builder::{use_builder, Selection};
use crate::editor::coverage::CoverageMark;
use crate::editor::sources::readable;
use crate::state::use_app;

/// The steps of the top level (`parent: None`) or of one arm of a condition step.
#[component]
pub fn StepList(
    /// The condition step and arm holding this list, or `None` for the top level.
    parent: Option<(String, Arm)>,
) -> impl IntoView {
    let builder = use_builder();
    let parent = StoredValue::new(parent);
    let ids = Memo::new(move |_| {
        builder.with(|w| {
            let list = match parent.get_value() {
                None => Some(&w.steps),
                Some((id, arm)) => w.step(&id).and_then(|s| s.arm(arm)),
            };
            list.map(|l| l.iter().map(|s| s.id().to_owned()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let slot = move |index: usize| match parent.get_value() {
        None => Slot::top(index),
        Some((id, arm)) => Slot::inside(&id, arm, index),
    };
    view! {
        <ol class="flow">
            {move || {
                let ids = ids.get();
                if ids.is_empty() {
                    return view! { <li class="flow__end"><AddStep at=slot(0) /></li> }.into_any();
                }
                ids.into_iter().enumerate().map(|(i, id)| view! {
                    <li class="flow__item">
                        <StepCard id=id />
                        <AddStep at=slot(i + 1) />
                    </li>
                }).collect_view().into_any()
            }}
        </ol>
    }
}

/// One step's card (private: only the flow shows it).
#[component]
fn StepCard(id: String) -> impl IntoView {
    let app = use_app();
    let builder = use_builder();
    let id = StoredValue::new(id);
    let step = Memo::new(move |_| builder.with(|w| w.step(&id.get_value()).cloned()));
    let number = Memo::new(move |_| {
        builder.with(|w| {
            w.all_steps()
                .iter()
                .position(|s| s.id() == id.get_value())
                .map(|i| i + 1)
                .unwrap_or(0)
        })
    });
    let problems = Memo::new(move |_| builder.problems_at(Some(&id.get_value())));
    let is_branch = Memo::new(move |_| step.with(|s| matches!(s, Some(Step::Branch { .. }))));
    let selected = move || builder.selected.get() == Some(Selection::Step(id.get_value()));
    let title = move || step.with(|s| s.as_ref().map(step_title).unwrap_or_default());
    let do_move = move |d: Direction| {
        if builder.edit(|w| move_step(w, &id.get_value(), d)) {
            // Focus goes with the step, on the same button, for the next press.
            let title = if d == Direction::Up {
                "Move up"
            } else {
                "Move down"
            };
            let selector = format!(
                "#step-{} > header button[title=\"{title}\"]",
                id.get_value()
            );
            refocus_after_render(move || {
                if let Some(body) = document().body() {
                    focus_first(&body, &selector);
                }
            });
        }
    };
    let duplicate = move |_| {
        let mut copy = None;
        // Step ids come from the editor's own generator: drawing one changes nothing stored.
        app.with_editor_ids(|ids| {
            builder.edit(|w| duplicate_step(w, &id.get_value(), ids).map(|new| copy = Some(new)));
        });
        if let Some(new) = copy {
            builder.selected.set(Some(Selection::Step(new)));
        }
    };
    let delete = move |_| {
        if builder.edit(|w| delete_step(w, &id.get_value()).map(|_| ())) && selected() {
            builder.selected.set(None);
        }
    };
    view! {
        <article
            class="step-card"
            id=move || format!("step-{}", id.get_value())
            class:step-card--selected=selected
            class:step-card--invalid=move || problems.with(|p| p.iter().any(|p| p.is_error()))
            aria-label=move || trf!("Step {n}: {title}", n = number.get(), title = title())
        >
            <header class="step-card__header">
                <span class="step-card__number">{move || number.get()}</span>
                <button type="button" class="step-card__title" on:click=move |_| builder.selected.set(Some(Selection::Step(id.get_value())))>
                    {title}
                </button>
                <CoverageMark point=Point::Step { step_id: id.get_value() } />
                <div class="step-card__tools">
                    <button type="button" class="button button--icon" title=tr!("Move up") aria-label=move || trf!("Move up {step}", step = title()) on:click=move |_| do_move(Direction::Up)>"↑"</button>
                    <button type="button" class="button button--icon" title=tr!("Move down") aria-label=move || trf!("Move down {step}", step = title()) on:click=move |_| do_move(Direction::Down)>"↓"</button>
                    <button type="button" class="button button--icon" title=tr!("Duplicate") aria-label=move || trf!("Duplicate {step}", step = title()) on:click=duplicate>{tr!("Duplicate")}</button>
                    <button type="button" class="button button--icon" title=tr!("Delete") aria-label=move || trf!("Delete {step}", step = title()) on:click=delete>{tr!("Delete")}</button>
                </div>
            </header>
            <p class="step-card__summary">{move || step.with(|s| s.as_ref().map(|s| builder.with(|w| readable(w, &summary(w, s)))).unwrap_or_default())}</p>
            <ul class="inline-problems">
                {move || problems.get().into_iter().map(|p| view! {
                    <li class:warning=!p.is_error()>{crate::i18n::catalog::issue_text(crate::i18n::lang(), &p.issue, p.location.param.as_deref())}</li>
                }).collect_view()}
            </ul>
            {move || is_branch.get().then(|| view! {
                <div class="branches">
                    <section class="branch" aria-label=tr!("If the condition holds")>
                        <h4>{tr!("If true")} <CoverageMark point=Point::Branch { step_id: id.get_value(), arm: Arm::Then } /></h4>
                        <StepList parent=Some((id.get_value(), Arm::Then)) />
                    </section>
                    <section class="branch" aria-label=tr!("Else")>
                        <h4>{tr!("Else")} <CoverageMark point=Point::Branch { step_id: id.get_value(), arm: Arm::Else } /></h4>
                        <StepList parent=Some((id.get_value(), Arm::Else)) />
                    </section>
                </div>
            })}
        </article>
    }
}

/// What the card is called: the action's name, "Condition" or "Email a team member".
pub fn step_title(step: &Step) -> String {
    let lang = crate::i18n::lang();
    match step {
        Step::Action { action, .. } => sandbox::action(action).map_or_else(
            || step_name(step, &SandboxCatalog),
            |spec| crate::i18n::catalog::action_name(lang, spec).to_owned(),
        ),
        Step::Branch { .. } => tr!("Condition").to_owned(),
        Step::Email { .. } => crate::i18n::catalog::email_step_name(lang).to_owned(),
    }
}

fn summary(workflow: &Workflow, step: &Step) -> String {
    match step {
        Step::Action { action, .. } => sandbox::action(action)
            .map(|a| crate::i18n::catalog::action_description(crate::i18n::lang(), a).to_owned())
            .unwrap_or_default(),
        Step::Branch { condition, .. } if condition.compares().is_empty() => {
            tr!("Add a condition to decide which branch runs.").to_owned()
        }
        Step::Branch { id, condition, .. } => trf!(
            "If {condition}",
            condition = crate::i18n::words::condition_at(
                crate::i18n::lang(),
                condition,
                workflow,
                Some(id)
            )
        ),
        Step::Email { to, subject, .. } if !to.is_empty() => {
            trf!("To {to}: {subject}", to = to, subject = subject)
        }
        Step::Email { .. } => tr!("Choose the team member to email.").to_owned(),
    }
}
