//! **Compare** two versions of a workflow (`/workflows/:id/compare/:a/:b`, each a version
//! number or `draft`): the engine's structured diff as a list (what changed, where, old →
//! new, dynamic values as chips) and drawn on the two definitions side by side, added steps
//! green, removed red, changed amber, moved blue. The address names both sides, so a
//! comparison can be linked to.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use sandflow_engine::{diff, value_pieces, Change, Mark, Piece, StepEdit, Version, Workflow};
use serde_json::Value;

use crate::components::definition_view::{DefinitionView, Marks, TRIGGER};
use crate::components::empty_state::EmptyState;
use crate::components::link::A;
use crate::i18n::{words, Lang};
use crate::state::{use_app, AppState};

/// One side of a comparison: its label and definition.
type Side = (String, Workflow);

/// The definition `which` names: a version number, or `draft` (the draft, else the
/// unpublished definition).
async fn side(state: AppState, id: String, which: String) -> Result<Side, String> {
    if which == "draft" {
        return state
            .workflows
            .with_untracked(|all| {
                all.draft(&id)
                    .or_else(|| all.get(&id).filter(|w| w.version == 0))
                    .cloned()
            })
            .map(|w| (tr!("Draft").to_owned(), w))
            .ok_or_else(|| {
                tr!("This workflow has no draft: every change is published.").to_owned()
            });
    }
    let number: u32 = which.parse().map_err(|_| {
        trf!(
            "“{which}” is not a version: use a number, or draft",
            which = which
        )
    })?;
    match state.version(id, number).await {
        Ok(Some(v)) => Ok((Version::label(number), v.definition)),
        Ok(None) => Err(trf!(
            "{version} is not a version of this workflow.",
            version = Version::label(number)
        )),
        Err(e) => Err(trf!(
            "{version} could not be read: {e}",
            version = Version::label(number),
            e = e
        )),
    }
}

/// The marks of one side: what the diff says of each of its steps.
fn marks(diff: &sandflow_engine::WorkflowDiff, workflow: &Workflow) -> Marks {
    let mut marks = Marks::new();
    for step in workflow.all_steps() {
        let mark = match diff.mark(step.id()) {
            Some(Mark::Added) => "added",
            Some(Mark::Removed) => "removed",
            Some(Mark::Changed) => "changed",
            Some(Mark::Moved { .. }) => "moved",
            None => continue,
        };
        marks.insert(step.id().to_owned(), mark);
    }
    let trigger_changed = diff
        .changes
        .iter()
        .any(|c| matches!(c, Change::Trigger { .. } | Change::TriggerCondition(_)));
    if trigger_changed {
        marks.insert(TRIGGER.to_owned(), "changed");
    }
    marks
}

/// A value as text with its dynamic values as chips.
fn value_view(value: Option<&Value>) -> AnyView {
    let Some(value) = value else {
        return view! { <em class="muted">{tr!("none")}</em> }.into_any();
    };
    value_pieces(value)
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(text) => view! { <span>{text}</span> }.into_any(),
            Piece::Value(path) => view! { <span class="chip">{path}</span> }.into_any(),
        })
        .collect_view()
        .into_any()
}

/// One line of the list: the engine's sentence (a step named by its name and place rather
/// than its id), and for a parameter its old and new value with dynamic values as chips.
fn change_view(change: &Change, old: &Workflow, new: &Workflow) -> impl IntoView {
    let lang = crate::i18n::lang();
    // A step by its place and name in the newer version (the older one for a removed step),
    // its id when neither has it.
    let name = |id: &str| {
        let find = |w: &Workflow| {
            let steps = w.all_steps();
            steps
                .iter()
                .position(|s| s.id() == id)
                .map(|i| (i, steps[i].clone()))
        };
        match find(new).or_else(|| find(old)) {
            Some((i, step)) => trf!(
                "Step {n} “{name}”",
                n = i + 1,
                name = words::step_name(lang, &step)
            ),
            None => format!("`{id}`"),
        }
    };
    let mut text = words::change(lang, change, &name);
    if let (Lang::En, Some(id)) = (lang, change.step_id()) {
        text = text.replace(&format!("step `{id}`"), &name(id));
    }
    let values = match change {
        Change::StepChanged {
            edit: StepEdit::Param { old, new, .. },
            ..
        } => Some(view! {
            <div class="change__values">
                <span class="change__old">{value_view(old.as_ref())}</span>
                " → "
                <span class="change__new">{value_view(new.as_ref())}</span>
            </div>
        }),
        _ => None,
    };
    view! { <li>{text}{values}</li> }
}

/// The comparison page.
#[component]
pub fn ComparePage() -> impl IntoView {
    let state = use_app();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let a = Memo::new(move |_| params.read().get("a").unwrap_or_default());
    let b = Memo::new(move |_| params.read().get("b").unwrap_or_default());
    let sides = LocalResource::new(move || {
        let (id, a, b) = (id.get(), a.get(), b.get());
        state.ready.track();
        state.workflows.track();
        async move {
            let old = side(state, id.clone(), a).await?;
            let new = side(state, id, b).await?;
            Ok::<_, String>((old, new))
        }
    });
    view! {
        <header class="page-header">
            <div>
                <A href=move || format!("/workflows/{}/versions", id.get()) attr:class="back-link">{tr!("← Version history")}</A>
                <h1>{tr!("Compare")}</h1>
            </div>
        </header>
        {move || match sides.get() {
            None => view! { <p class="muted">{tr!("Loading…")}</p> }.into_any(),
            Some(Err(why)) => view! {
                <EmptyState title=tr!("Nothing to compare") text=why>
                    <A href=move || format!("/workflows/{}/versions", id.get())>{tr!("Version history")}</A>
                </EmptyState>
            }.into_any(),
            Some(Ok(((old_label, old), (new_label, new)))) => {
                let found = diff(&old, &new);
                let summary = words::summary(crate::i18n::lang(), &found.summary());
                let old_marks = marks(&found, &old);
                let new_marks = marks(&found, &new);
                view! {
                    <section class="card" aria-label=tr!("Changes")>
                        <h2>{format!("{old_label} → {new_label}")}</h2>
                        {if found.is_empty() {
                            view! { <p>{tr!("No difference: both define the same workflow.")}</p> }.into_any()
                        } else {
                            view! {
                                <p>{summary}</p>
                                <ul class="change-list">
                                    {found.changes.iter().map(|c| change_view(c, &old, &new)).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    </section>
                    <div class="compare">
                        <div>
                            <h2>{old_label.clone()}</h2>
                            <DefinitionView workflow=old marks=old_marks label=old_label />
                        </div>
                        <div>
                            <h2>{new_label.clone()}</h2>
                            <DefinitionView workflow=new marks=new_marks label=new_label />
                        </div>
                    </div>
                }.into_any()
            }
        }}
    }
}
