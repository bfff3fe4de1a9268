//! One workflow (`/workflows/:id`): its editor and its Recent runs.
//!
//! The editor works on the workflow's draft, held in the engine's undo
//! [`History`](sandflow_engine::History) (see [`Builder`]); the live version goes on running
//! until the draft is published. **Save** stores the draft; **Publish** saves it, asks for
//! an optional note and makes it the next version (the engine refuses with every problem);
//! **Activate** saves then asks the engine to activate the live version (publishing v1 the
//! first time), which refuses with every problem or with the active limit; **Discard
//! draft** goes back to the live version. Leaving with unsaved changes asks first.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_params_map, use_query_map};
use leptos_router::NavigateOptions;
use sandflow_engine::limits::MAX_NOTE_CHARS;
use sandflow_engine::limits::MAX_STEPS;
use sandflow_engine::{History, Problem, Status, Version, Workflow, WorkflowsError, DEFAULT_NAME};
use wasm_bindgen::JsCast;

use crate::components::download::{download, file_name};
use crate::components::empty_state::EmptyState;
use crate::components::focus::{after_render, focus_lost, focus_soon, key_of, restore, FocusKey};
use crate::components::link::{on_link_click, A};
use crate::components::modal::Modal;
use crate::components::overflow_menu::OverflowMenu;
use crate::components::recent_runs::RecentRuns;
use crate::components::status_badge::StatusBadge;
use crate::components::template_gallery::JUST_CREATED;
use crate::editor::builder::{Builder, Selection};
use crate::editor::coverage::{CoveragePanel, CoverageView};
use crate::editor::panel_resizer::{remembered_width, PanelResizer};
use crate::editor::sources::trigger_spec;
use crate::editor::step_list::{step_title, StepList};
use crate::editor::step_panel::StepPanel;
use crate::editor::test_bench::{TestBench, TestCount, TestsPanel};
use crate::state::use_app;
use crate::state::Failed;
use leptos::task::spawn_local;

/// What the last button press came to, shown under the header.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    Done(String),
    Refused(String),
    /// Refused with these problems; what was refused ("activated", "published").
    Problems(Vec<Problem>, &'static str),
    /// Not saved: another tab changed the stored definition since this editor read it.
    Conflict,
}

/// The workflow page (`/workflows/:id`).
#[component]
pub fn WorkflowPage() -> impl IntoView {
    let app = use_app();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    move || {
        let id = id.get();
        if !app.ready.get() {
            return view! { <p class="muted">{tr!("Loading…")}</p> }.into_any();
        }
        match app.workflows.with_untracked(|all| all.editing(&id).cloned()) {
            Some(workflow) => editor(workflow).into_any(),
            None => view! {
                <EmptyState title=tr!("Workflow not found") text=tr!("This workflow does not exist: it may have been deleted.")>
                    <A href="/workflows">{tr!("Back to Workflows")}</A>
                </EmptyState>
            }
            .into_any(),
        }
    }
}

fn editor(workflow: Workflow) -> impl IntoView {
    let app = use_app();
    let navigate = use_navigate();
    let navigate_away = navigate.clone();
    let id = StoredValue::new(workflow.id.clone());
    let builder = Builder::provide(workflow.clone());
    let bench = TestBench::provide(workflow.id.clone(), builder);
    CoverageView::provide();
    let saved = RwSignal::new(workflow);
    let outcome = RwSignal::new(None::<Outcome>);
    let deleting = RwSignal::new(false);
    let publishing = RwSignal::new(false);
    let discarding = RwSignal::new(false);
    let note = RwSignal::new(String::new());
    // The live version's number (0 until the first publish), and whether a draft differs.
    let live_version = Memo::new(move |_| {
        app.workflows
            .with(|all| all.get(&id.get_value()).map_or(0, |w| w.version))
    });
    let has_draft = Memo::new(move |_| {
        app.workflows
            .with(|all| all.draft(&id.get_value()).is_some())
    });
    let unpublished = Memo::new(move |_| {
        app.workflows
            .with(|all| all.has_unpublished(&id.get_value()))
    });
    // Arriving from "Start a draft from vN": the note is ready for Publish.
    if let Some(n) = use_query_map().with_untracked(|q| q.get("restored")) {
        let label = format!("v{n}");
        note.set(trf!("Restored from {label}", label = label));
        outcome.set(Some(Outcome::Done(trf!(
            "Draft started from {label}: change it if you need to, then Publish",
            label = label
        ))));
    }

    let dirty = Memo::new(move |_| builder.with(|w| saved.with(|s| s != w)));
    let status = Memo::new(move |_| {
        app.workflows
            .with(|all| all.get(&id.get_value()).map(|w| w.status))
            .unwrap_or_default()
    });
    let name = Memo::new(move |_| builder.with(|w| w.name.clone()));
    let step_count = Memo::new(move |_| builder.with(Workflow::step_count));
    let warnings = Memo::new(move |_| {
        builder.problems.with(|all| {
            all.iter()
                .filter(|p| !p.is_error())
                .cloned()
                .collect::<Vec<_>>()
        })
    });

    // Saving waits for the write: "Saved" means stored.
    // `over`: save over whatever is stored, even if another tab changed it since this
    // editor read it (the person chose to); otherwise that is refused and asked about.
    let save_as = move |over: bool| async move {
        let mut draft = builder.with(Clone::clone);
        draft.status = status.get_untracked();
        let sent = draft.clone();
        let base = (!over).then(|| saved.get_untracked());
        match app.save_workflow(draft, base).await {
            Ok(_) => {
                saved.try_set(sent);
                true
            }
            Err(Failed::Refused(WorkflowsError::ChangedElsewhere)) => {
                outcome.try_set(Some(Outcome::Conflict));
                false
            }
            Err(Failed::Refused(WorkflowsError::Invalid { problems })) => {
                outcome.try_set(Some(Outcome::Problems(problems, "saved")));
                false
            }
            Err(e) => {
                outcome.try_set(Some(Outcome::Refused(e.to_string())));
                false
            }
        }
    };
    let save = move || save_as(false);
    let on_save = move |_| {
        spawn_local(async move {
            if save().await {
                outcome.try_set(Some(Outcome::Done(tr!("Saved").into())));
            }
        });
    };
    let on_activate = move |_| {
        spawn_local(async move {
            if !save().await {
                return;
            }
            let Some(id) = id.try_get_value() else {
                return;
            };
            let first = live_version.get_untracked() == 0;
            outcome.try_set(Some(match app.activate(id).await {
                Ok(_) if first => Outcome::Done(
                    tr!("Activated: published as v1, the workflow now runs on every matching event")
                        .into(),
                ),
                Ok(_) if has_draft.get_untracked() => Outcome::Done(trf!(
                    "Activated: {version} runs on every matching event. Your draft is not live: publish it to run it",
                    version = Version::label(live_version.get_untracked())
                )),
                Ok(_) => {
                    Outcome::Done(tr!("Activated: the workflow now runs on every matching event").into())
                }
                Err(Failed::Refused(WorkflowsError::Invalid { problems })) => {
                    Outcome::Problems(problems, "activated")
                }
                Err(e) => Outcome::Refused(trf!("Not activated: {e}", e = e)),
            }));
        });
    };
    let on_deactivate = move |_| {
        let Some(id) = id.try_get_value() else {
            return;
        };
        spawn_local(async move {
            outcome.try_set(Some(match app.deactivate(id).await {
                Ok(()) => Outcome::Done(
                    tr!("Deactivated: the workflow no longer responds to events").into(),
                ),
                Err(e) => Outcome::Refused(e.to_string()),
            }));
        });
    };
    let on_publish = move |_| {
        let Some(id) = id.try_get_value() else {
            return;
        };
        let text = note.get_untracked();
        spawn_local(async move {
            if !save().await {
                publishing.try_set(false);
                return;
            }
            let result = app.publish(id, text).await;
            publishing.try_set(false);
            outcome.try_set(Some(match result {
                Ok(version) => {
                    note.try_set(String::new());
                    let live = app
                        .workflows
                        .with_untracked(|all| {
                            all.get(&version.workflow_id).map(Workflow::is_active)
                        })
                        .unwrap_or(false);
                    Outcome::Done(if live {
                        trf!(
                            "Published {version}: it runs from the next matching event",
                            version = Version::label(version.number)
                        )
                    } else {
                        trf!(
                            "Published {version}: activate the workflow to run it",
                            version = Version::label(version.number)
                        )
                    })
                }
                Err(Failed::Refused(WorkflowsError::Invalid { problems })) => {
                    Outcome::Problems(problems, "published")
                }
                Err(e) => Outcome::Refused(trf!("Not published: {e}", e = e)),
            }));
        });
    };
    // After Discard draft or Restore: the editor shows what is now the draft (or the live
    // version), with a fresh undo history.
    let reload_editor = move || {
        if let Some(w) = app
            .workflows
            .with_untracked(|all| all.editing(&id.get_value()).cloned())
        {
            builder.history.set(History::new(w.clone()));
            builder.selected.set(None);
            saved.set(w);
        }
    };
    // Another tab saved this workflow: an editor without unsaved changes shows it at once;
    // one with unsaved changes keeps them, and saving them asks (Outcome::Conflict).
    Effect::new(move |_| {
        let Some(stored) = app
            .workflows
            .with(|all| all.editing(&id.get_value()).cloned())
        else {
            return;
        };
        if saved.with_untracked(|s| s.same_definition(&stored)) || dirty.get_untracked() {
            return;
        }
        reload_editor();
        outcome.set(Some(Outcome::Done(
            tr!("This workflow was changed in another tab: the editor shows it as saved there")
                .into(),
        )));
    });
    let on_discard = move |_| {
        let Some(id) = id.try_get_value() else {
            return;
        };
        spawn_local(async move {
            let result = app.discard_draft(id).await;
            discarding.try_set(false);
            outcome.try_set(Some(match result {
                Ok(()) => {
                    reload_editor();
                    Outcome::Done(trf!(
                        "Draft discarded: the editor shows {version} again",
                        version = Version::label(live_version.get_untracked())
                    ))
                }
                Err(e) => Outcome::Refused(trf!("Not discarded: {e}", e = e)),
            }));
        });
    };
    let on_export = move |_| {
        let Some(id) = id.try_get_value() else {
            return;
        };
        spawn_local(async move {
            let result = match app.export_with_history(vec![id]).await {
                Ok(text) => download(&file_name(&name.get_untracked()), &text),
                Err(e) => Err(e.to_string()),
            };
            if let Err(e) = result {
                outcome.try_set(Some(Outcome::Refused(trf!("Not exported: {e}", e = e))));
            }
        });
    };
    let on_delete = Callback::new(move |()| {
        let Some(id) = id.try_get_value() else {
            return;
        };
        let navigate = navigate.clone();
        spawn_local(async move {
            match app.delete_workflow(id).await {
                Ok(()) => {
                    saved.try_set(builder.with(Clone::clone));
                    deleting.try_set(false);
                    navigate("/workflows", NavigateOptions::default());
                }
                Err(e) => {
                    deleting.try_set(false);
                    outcome.try_set(Some(Outcome::Refused(e.to_string())));
                }
            }
        });
    });
    let go_to = move |p: &Problem| {
        let target = p.location.step_id.clone();
        builder.selected.set(Some(match &target {
            Some(step) => Selection::Step(step.clone()),
            None => Selection::Trigger,
        }));
        let element = format!("step-{}", target.unwrap_or_default());
        if let Some(el) = document().get_element_by_id(&element) {
            el.scroll_into_view();
        }
    };

    undo_keys(builder);
    let page = NodeRef::<html::Div>::new();
    let last_focus = keep_focus(builder, page);
    // A workflow just made: the next thing to do is to name it.
    if use_location()
        .state
        .with_untracked(|s| s.to_js_value().as_string())
        .as_deref()
        == Some(JUST_CREATED)
    {
        focus_soon(".workflow-name input");
    }
    let leaving = RwSignal::new(None::<String>);
    guard_leaving(dirty, leaving);
    let leave = {
        let navigate = navigate_away;
        move |save_first: bool| {
            let Some(href) = leaving.get_untracked() else {
                return;
            };
            leaving.set(None);
            let navigate = navigate.clone();
            spawn_local(async move {
                if save_first && !save().await {
                    return;
                }
                // Decided: links no longer ask, even while the next page's code is still
                // being fetched (it is a lazily loaded chunk) and this page still shows.
                UNSAVED.with(|u| u.set(None));
                navigate(&href, Default::default());
            });
        }
    };
    // Kept where every render of the dialog can reach it.
    let leave = StoredValue::new_local(leave);
    let panel_width = RwSignal::new(remembered_width());

    view! {
        <div class="editor-page" node_ref=page on:focusin=move |e| {
            let target = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
            if let (Some(root), Some(target)) = (page.try_get_untracked().flatten(), target) {
                last_focus.set_value(key_of(&root, &target));
            }
        }>
            <header class="editor-header">
                <A href="/workflows" attr:class="back-link">{tr!("← Workflows")}</A>
                <div class="editor-header__row">
                    <h1 class="workflow-name">
                        <label>
                            <span class="visually-hidden">{tr!("Workflow name")}</span>
                            <input
                                type="text"
                                aria-label=tr!("Workflow name")
                                prop:value=move || crate::i18n::workflow_name(&name.get())
                                on:change=move |e| {
                                    let typed = event_target_value(&e);
                                    let typed = typed.trim();
                                    let next = if typed.is_empty() || typed == tr!("Untitled workflow") { DEFAULT_NAME.to_owned() } else { typed.to_owned() };
                                    builder.change(|w| w.name = next);
                                }
                            />
                        </label>
                    </h1>
                    <StatusBadge status=status />
                    <span class="version-tag" data-testid="live-version">
                        {move || match live_version.get() {
                            0 => tr!("Not published").to_owned(),
                            n => trf!("{version} live", version = Version::label(n)),
                        }}
                    </span>
                    <Show when=move || has_draft.get() || dirty.get()>
                        <span class="badge badge--draft">{tr!("Draft")}</span>
                    </Show>
                    <TestCount />
                    <div class="editor-header__actions">
                        <button type="button" class="button" title=tr!("Undo (Ctrl+Z)") disabled=move || !builder.history.with(|h| h.can_undo()) on:click=move |_| builder.undo()>{tr!("Undo")}</button>
                        <button type="button" class="button" title=tr!("Redo (Ctrl+Shift+Z)") disabled=move || !builder.history.with(|h| h.can_redo()) on:click=move |_| builder.redo()>{tr!("Redo")}</button>
                        <button type="button" class="button" disabled=move || !app.ready.get() on:click=on_save>{tr!("Save")}</button>
                        <button
                            type="button"
                            class="button"
                            class:button--primary=move || status.get() == Status::Active
                            disabled=move || !app.ready.get() || !(unpublished.get() || dirty.get())
                            title=tr!("Make the draft the live version")
                            on:click=move |_| publishing.set(true)
                        >
                            {tr!("Publish")}
                        </button>
                        {move || if status.get() == Status::Active {
                            view! { <button type="button" class="button" disabled=move || !app.ready.get() on:click=on_deactivate>{tr!("Deactivate")}</button> }.into_any()
                        } else {
                            view! { <button type="button" class="button button--primary" disabled=move || !app.ready.get() on:click=on_activate>{tr!("Activate")}</button> }.into_any()
                        }}
                        <A href=move || format!("/workflows/{}/replay", id.get_value()) attr:class="button" attr:title=tr!("What the draft would do with past or imported events, with no side effect")>{tr!("Replay")}</A>
                        <OverflowMenu label=tr!("More actions")>
                            <A href=move || format!("/workflows/{}/versions", id.get_value()) attr:role="menuitem" attr:class="menu-item">{tr!("Version history")}</A>
                            <Show when=move || has_draft.get()>
                                <button type="button" role="menuitem" class="menu-item" on:click=move |_| discarding.set(true)>{tr!("Discard draft")}</button>
                            </Show>
                            <button type="button" role="menuitem" class="menu-item" on:click=on_export>{tr!("Export workflow")}</button>
                            <button type="button" role="menuitem" class="menu-item menu-item--danger" on:click=move |_| deleting.set(true)>{tr!("Delete workflow")}</button>
                        </OverflowMenu>
                    </div>
                </div>
                <p class="editor-header__meta">
                    <span class="step-count">{move || trf!("{n} of {max} steps", n = step_count.get(), max = MAX_STEPS)}</span>
                    <Show when=move || dirty.get()>
                        <span class="unsaved">{tr!("Unsaved changes")}</span>
                    </Show>
                </p>
            </header>

            {move || builder.refusal.get().map(|r| view! {
                <div class="callout callout--danger" role="alert">{trf!("Not possible: {reason}", reason = r)}</div>
            })}
            {move || outcome.get().map(|o| match o {
                Outcome::Done(text) => view! { <div class="callout callout--success" role="status">{text}</div> }.into_any(),
                Outcome::Refused(text) => view! { <div class="callout callout--danger" role="alert">{text}</div> }.into_any(),
                Outcome::Conflict => view! {
                    <div class="callout callout--danger" role="alert">
                        <p>{tr!("Not saved: this workflow was changed in another tab since you opened it. Load that version (the changes made here are dropped), or save yours over it.")}</p>
                        <div class="callout__actions">
                            <button type="button" class="button" on:click=move |_| {
                                reload_editor();
                                outcome.set(Some(Outcome::Done(tr!("The editor shows the version saved in the other tab").into())));
                            }>{tr!("Load that version")}</button>
                            <button type="button" class="button button--danger" on:click=move |_| {
                                spawn_local(async move {
                                    if save_as(true).await {
                                        outcome.try_set(Some(Outcome::Done(tr!("Saved").into())));
                                    }
                                });
                            }>{tr!("Save mine over it")}</button>
                        </div>
                    </div>
                }.into_any(),
                // The problems as they are now: each one fixed leaves the list, and the
                // callout says when none is left.
                Outcome::Problems(_, what) => (move || {
                    let problems = builder.problems.with(|all| {
                        all.iter().filter(|p| p.is_error()).cloned().collect::<Vec<_>>()
                    });
                    if problems.is_empty() {
                        return view! {
                            <div class="callout callout--success" role="status">
                                {tr!("Every problem is fixed: Publish or Activate again.")}
                            </div>
                        }.into_any();
                    }
                    view! {
                    <div class="callout callout--danger" role="alert">
                        <strong>{match what {
                            "activated" => trn!(problems.len(), "Not activated: fix {n} problem first", "Not activated: fix {n} problems first", n = problems.len()),
                            "published" => trn!(problems.len(), "Not published: fix {n} problem first", "Not published: fix {n} problems first", n = problems.len()),
                            _ => trn!(problems.len(), "Not saved: fix {n} problem first", "Not saved: fix {n} problems first", n = problems.len()),
                        }}</strong>
                        <ul class="problem-list">
                            {problems.into_iter().map(|p| {
                                let place = builder.with(|w| match &p.location.step_id {
                                    Some(step) => w.all_steps().iter().position(|s| s.id() == step)
                                        .map(|i| trf!("Step {n}: {title}", n = i + 1, title = step_title(w.all_steps()[i])))
                                        .unwrap_or_else(|| trf!("Step {n}", n = step)),
                                    None => tr!("Trigger").to_owned(),
                                });
                                let message = crate::i18n::catalog::issue_text(crate::i18n::lang(), &p.issue, p.location.param.as_deref());
                                view! {
                                    <li>
                                        <button type="button" class="link-button" on:click=move |_| go_to(&p)>{place}</button>
                                        ": " {message}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </div>
                    }.into_any()
                }).into_any(),
            })}
            <Show when=move || !warnings.with(Vec::is_empty)>
                <div class="callout callout--warning" role="status">
                    <ul>{move || warnings.get().into_iter().map(|p| view! { <li>{trf!("Warning: {issue}", issue = crate::i18n::catalog::issue_text(crate::i18n::lang(), &p.issue, p.location.param.as_deref()))}</li> }).collect_view()}</ul>
                </div>
            </Show>

            <div
                class="editor"
                class:editor--with-panel=move || builder.selected.with(Option::is_some)
                style=move || format!("--panel-width: {}px", panel_width.get())
            >
                <div class="canvas">
                    {trigger_card(builder)}
                    <StepList parent=None />
                </div>
                <Show when=move || builder.selected.with(Option::is_some)>
                    <PanelResizer width=panel_width />
                </Show>
                <StepPanel />
            </div>

            <TestsPanel />
            <CoveragePanel />

            <RecentRuns workflow_id=Signal::derive(move || id.get_value()) />

            <Show when=move || leaving.with(Option::is_some)>
                <Modal title=tr!("Leave without saving?") on_close=Callback::new(move |()| leaving.set(None))>
                    <p>{tr!("This workflow has unsaved changes. Save them before you go, or leave and lose them.")}</p>
                    <div class="modal__actions">
                        <button type="button" class="button" on:click=move |_| leaving.set(None)>{tr!("Stay")}</button>
                        <button type="button" class="button button--danger" on:click=move |_| leave.with_value(|f| f(false))>{tr!("Leave without saving")}</button>
                        <button type="button" class="button button--primary" on:click=move |_| leave.with_value(|f| f(true))>{tr!("Save and leave")}</button>
                    </div>
                </Modal>
            </Show>

            <Show when=move || publishing.get()>
                <Modal title=tr!("Publish a new version?") on_close=Callback::new(move |()| publishing.set(false))>
                    <p>{move || trf!(
                        "The draft becomes {version}: {when}",
                        version = Version::label(live_version.get() + 1),
                        when = if status.get() == Status::Active { {tr!("it runs from the next matching event on.")} } else { {tr!("it runs once the workflow is activated.")} }
                    )}</p>
                    {move || {
                        let failing = bench.failing();
                        (!failing.is_empty()).then(|| view! {
                            <div class="callout callout--warning" role="alert" data-testid="publish-tests-warning">
                                {trf!(
                                    "{n} of the workflow's tests fail on this draft: {names}. Publish anyway, or fix the draft first (see Tests).",
                                    n = failing.len(),
                                    names = failing.join(", ")
                                )}
                            </div>
                        })
                    }}
                    <label class="field">
                        <span class="field__label">{tr!("Note (optional)")}</span>
                        <textarea
                            rows="3"
                            maxlength=MAX_NOTE_CHARS.to_string()
                            placeholder=tr!("What changed, and why")
                            prop:value=move || note.get()
                            on:input=move |e| note.set(event_target_value(&e))
                        ></textarea>
                    </label>
                    <div class="modal__actions">
                        <button type="button" class="button" on:click=move |_| publishing.set(false)>{tr!("Cancel")}</button>
                        <button type="button" class="button button--primary" on:click=on_publish>{tr!("Publish")}</button>
                    </div>
                </Modal>
            </Show>

            <Show when=move || discarding.get()>
                <Modal title=tr!("Discard the draft?") on_close=Callback::new(move |()| discarding.set(false))>
                    <p>{move || trf!(
                        "The changes not published yet are thrown away, and the editor shows {version} again. This cannot be undone.",
                        version = Version::label(live_version.get())
                    )}</p>
                    <div class="modal__actions">
                        <button type="button" class="button" on:click=move |_| discarding.set(false)>{tr!("Cancel")}</button>
                        <button type="button" class="button button--danger" on:click=on_discard>{tr!("Discard draft")}</button>
                    </div>
                </Modal>
            </Show>

            <Show when=move || deleting.get()>
                <Modal title=tr!("Delete workflow?") on_close=Callback::new(move |()| deleting.set(false))>
                    <p>
                        {move || trf!("Deleting “{name}” is permanent: the workflow, its versions and all of its runs are removed and cannot be recovered.", name = name.get())}
                    </p>
                    <p class="muted">{tr!("If you might need it again, deactivate it instead: it stops responding to events and keeps its runs.")}</p>
                    <div class="modal__actions">
                        <button type="button" class="button" on:click=move |_| deleting.set(false)>{tr!("Cancel")}</button>
                        <button type="button" class="button button--danger" on:click=move |_| on_delete.run(())>{tr!("Delete")}</button>
                    </div>
                </Modal>
            </Show>
        </div>
    }
}

fn trigger_card(builder: Builder) -> impl IntoView {
    let spec = Memo::new(move |_| builder.with(trigger_spec));
    let kind = Memo::new(move |_| builder.with(|w| w.event_type().map(str::to_owned)));
    let conditions = Memo::new(move |_| {
        builder.with(|w| {
            w.trigger
                .as_ref()
                .and_then(|t| t.condition.as_ref())
                .map(|c| crate::i18n::words::condition_at(crate::i18n::lang(), c, w, None))
        })
    });
    let problems = Memo::new(move |_| builder.problems_at(None));
    let select = move |_| builder.selected.set(Some(Selection::Trigger));
    view! {
        <section
            class="step-card step-card--trigger"
            aria-label=tr!("Trigger")
            class:step-card--selected=move || builder.selected.get() == Some(Selection::Trigger)
            class:step-card--invalid=move || problems.with(|p| p.iter().any(Problem::is_error))
        >
            <span class="eyebrow">{tr!("Trigger")}</span>
            {move || match (kind.get(), spec.get()) {
                (None, _) => view! {
                    <p class="muted">{tr!("Choose the Stripe event that starts this workflow.")}</p>
                    <button type="button" class="button button--primary" on:click=select>{tr!("Add trigger")}</button>
                }.into_any(),
                (Some(kind), spec) => view! {
                    <button type="button" class="step-card__title" on:click=select>
                        {spec.map(|s| crate::i18n::catalog::event_label(crate::i18n::lang(), s).to_owned()).unwrap_or_else(|| kind.clone())}
                    </button>
                    <code class="event-type">{kind}</code>
                    {move || match conditions.get() {
                        Some(text) => view! { <p class="step-card__summary">{trf!("Only when {condition}", condition = text)}</p> }.into_any(),
                        None => view! {
                            <p class="step-card__summary">{tr!("Runs on every event of this type.")}</p>
                            <button type="button" class="button button--ghost" on:click=select>{tr!("Add condition")}</button>
                        }.into_any(),
                    }}
                }.into_any(),
            }}
            <ul class="inline-problems">
                {move || problems.get().into_iter().map(|p| view! { <li class:warning=!p.is_error()>{crate::i18n::catalog::issue_text(crate::i18n::lang(), &p.issue, p.location.param.as_deref())}</li> }).collect_view()}
            </ul>
        </section>
    }
}

/// After each edit redraws the editor, puts focus back on the element standing where the
/// focused one stood (the operator just changed, the button of a step just moved), when
/// the redraw took it away. Returns where focus was last, which the page keeps up to date.
fn keep_focus(builder: Builder, page: NodeRef<html::Div>) -> StoredValue<Option<FocusKey>> {
    let last = StoredValue::new(None::<FocusKey>);
    Effect::new(move || {
        builder.history.track();
        after_render(move || {
            if !focus_lost() {
                return;
            }
            if let (Some(root), Some(Some(key))) =
                (page.try_get_untracked().flatten(), last.try_get_value())
            {
                restore(&root, &key);
            }
        });
    });
    last
}

/// Ctrl+Z undoes, Ctrl+Shift+Z (or Ctrl+Y) redoes, outside text inputs (which keep their
/// own text undo).
fn undo_keys(builder: Builder) {
    let handle = window_event_listener(ev::keydown, move |e| {
        if !(e.ctrl_key() || e.meta_key()) {
            return;
        }
        let in_text = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA"));
        if in_text {
            return;
        }
        match (e.key().to_lowercase().as_str(), e.shift_key()) {
            ("z", false) => builder.undo(),
            ("z", true) | ("y", _) => builder.redo(),
            _ => return,
        }
        e.prevent_default();
    });
    on_cleanup(move || handle.remove());
}

/// Whether the open editor has unsaved changes, and where it asks about leaving to.
type LeaveGuard = (Memo<bool>, RwSignal<Option<String>>);

thread_local! {
    /// The open editor's guard, read by the one document listener.
    static UNSAVED: std::cell::Cell<Option<LeaveGuard>> = const { std::cell::Cell::new(None) };
    /// Whether that listener is installed.
    static GUARD_INSTALLED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// While there are unsaved changes, following a link in the page opens the editor's
/// "Leave without saving?" dialog (`leaving` holds the address) instead; closing the tab
/// asks the browser's own question.
fn guard_leaving(dirty: Memo<bool>, leaving: RwSignal<Option<String>>) {
    UNSAVED.with(|u| u.set(Some((dirty, leaving))));
    if !GUARD_INSTALLED.with(|g| g.replace(true)) {
        // One listener for the app's lifetime, ahead of the router's.
        on_link_click(|e, link| {
            let Some((dirty, leaving)) = UNSAVED.with(|u| u.get()) else {
                return;
            };
            if !dirty.try_get_untracked().unwrap_or(false) {
                return;
            }
            if let Some(href) = link.get_attribute("href") {
                e.prevent_default();
                e.stop_propagation();
                leaving.set(Some(crate::base::app_path(&href).to_owned()));
            }
        });
    }
    let unload = window_event_listener(ev::beforeunload, move |e| {
        if dirty.try_get_untracked().unwrap_or(false) {
            e.prevent_default();
            e.set_return_value("unsaved");
        }
    });
    on_cleanup(move || {
        UNSAVED.with(|u| u.set(None));
        unload.remove();
    });
}
