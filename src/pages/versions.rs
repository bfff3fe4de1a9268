//! A workflow's **Version history** (`/workflows/:id/versions`): every published version
//! with its number, time, note and how many runs it made, newest first; each opens
//! read-only (`/workflows/:id/versions/:n`), any two (or a version and the draft) can be
//! compared, and **Start a draft from vN** restores one as the draft (history is never
//! rewritten: publishing it makes a new version).

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};
use sandflow_engine::Version;

use crate::components::definition_view::DefinitionView;
use crate::components::empty_state::EmptyState;
use crate::components::link::A;
use crate::components::modal::Modal;
use crate::components::timestamp::Timestamp;
use crate::state::{use_app, AppState};

/// What the page needs of the address: the workflow, and a version when one is open.
fn address() -> (Memo<String>, Memo<Option<u32>>) {
    let params = use_params_map();
    (
        Memo::new(move |_| params.read().get("id").unwrap_or_default()),
        Memo::new(move |_| params.read().get("n").and_then(|n| n.parse().ok())),
    )
}

/// Asks, when a draft exists, before replacing it with version `number`; then restores
/// and opens the editor with the note "Restored from vN" ready for Publish.
fn restore_action(
    id: Memo<String>,
) -> (
    RwSignal<Option<u32>>,
    RwSignal<Option<String>>,
    Callback<u32>,
) {
    let state = use_app();
    let navigate = use_navigate();
    let confirming = RwSignal::new(None::<u32>);
    let refused = RwSignal::new(None::<String>);
    let restore = Callback::new(move |number: u32| {
        let id = id.get_untracked();
        let navigate = navigate.clone();
        confirming.set(None);
        spawn_local(async move {
            match state.restore(id.clone(), number).await {
                Ok(()) => navigate(
                    &format!("/workflows/{id}?restored={number}"),
                    Default::default(),
                ),
                Err(e) => {
                    refused.try_set(Some(trf!("The draft was not started: {e}", e = e)));
                }
            }
        });
    });
    (confirming, refused, restore)
}

/// Asks first when a draft would be replaced.
fn ask_or_restore(
    state: AppState,
    id: &str,
    number: u32,
    confirming: RwSignal<Option<u32>>,
    restore: Callback<u32>,
) {
    if state
        .workflows
        .with_untracked(|all| all.draft(id).is_some())
    {
        confirming.set(Some(number));
    } else {
        restore.run(number);
    }
}

fn restore_dialog(confirming: RwSignal<Option<u32>>, restore: Callback<u32>) -> impl IntoView {
    move || {
        confirming.get().map(|number| {
            view! {
                <Modal title=tr!("Replace your draft?") on_close=Callback::new(move |()| confirming.set(None))>
                    <p>{trf!(
                        "This workflow has a draft that is not published. Starting a draft from {version} throws it away.",
                        version = Version::label(number)
                    )}</p>
                    <div class="modal__actions">
                        <button type="button" class="button" on:click=move |_| confirming.set(None)>{tr!("Cancel")}</button>
                        <button type="button" class="button button--danger" on:click=move |_| restore.run(number)>
                            {trf!("Start a draft from {version}", version = Version::label(number))}
                        </button>
                    </div>
                </Modal>
            }
        })
    }
}

/// The version history of a workflow.
#[component]
pub fn VersionsPage() -> impl IntoView {
    let state = use_app();
    let (id, _) = address();
    let name = Memo::new(move |_| {
        state.workflows.with(|all| {
            all.get(&id.get())
                .map(|w| crate::i18n::workflow_name(&w.name))
        })
    });
    let live = Memo::new(move |_| {
        state
            .workflows
            .with(|all| all.get(&id.get()).map_or(0, |w| w.version))
    });
    let has_draft = Memo::new(move |_| state.workflows.with(|all| all.has_unpublished(&id.get())));
    let versions = LocalResource::new(move || {
        let id = id.get();
        state.runs_revision.track();
        state.ready.track();
        live.track();
        async move { state.versions(id).await.map_err(|e| e.to_string()) }
    });
    let (confirming, refused, restore) = restore_action(id);
    // Compare: version `a` with `b` (a number, or "draft").
    let compare_a = RwSignal::new(String::new());
    let compare_b = RwSignal::new(String::new());
    let compare_href = move || {
        let newest = live.get();
        let a = Some(compare_a.get())
            .filter(|a| !a.is_empty())
            .unwrap_or_else(|| newest.saturating_sub(1).max(1).to_string());
        let b = Some(compare_b.get())
            .filter(|b| !b.is_empty())
            .unwrap_or_else(|| {
                if has_draft.get() {
                    "draft".to_owned()
                } else {
                    newest.to_string()
                }
            });
        format!("/workflows/{}/compare/{a}/{b}", id.get())
    };

    view! {
        <header class="page-header">
            <div>
                <A href=move || format!("/workflows/{}", id.get()) attr:class="back-link">{tr!("← Editor")}</A>
                <h1>{tr!("Version history")}</h1>
                <p class="muted">{move || name.get().unwrap_or_default()}</p>
            </div>
        </header>
        {move || refused.get().map(|r| view! { <div class="callout callout--danger" role="alert">{r}</div> })}
        {move || match versions.get() {
            None => view! { <p class="muted">{tr!("Loading versions…")}</p> }.into_any(),
            Some(Err(e)) => view! { <p class="notice notice--error" role="alert">{trf!("Versions could not be read: {e}", e = e)}</p> }.into_any(),
            Some(Ok(list)) if list.is_empty() => view! {
                <EmptyState
                    title=tr!("No version published yet")
                    text=tr!("Publish the workflow (or activate it, which publishes v1) to start its history.")
                />
            }.into_any(),
            Some(Ok(list)) => {
                let numbers: Vec<u32> = list.iter().map(|(v, _)| v.number).rev().collect();
                let options_b = numbers.clone();
                view! {
                    <form class="compare-form card" on:submit=|e| e.prevent_default()>
                        <label class="field field--inline">
                            <span class="field__label">{tr!("Compare")}</span>
                            <select aria-label=tr!("First version") on:change=move |e| compare_a.set(event_target_value(&e))>
                                {numbers.iter().map(|n| {
                                    let n = *n;
                                    view! { <option value=n.to_string() selected=move || n == live.get().saturating_sub(1).max(1)>{Version::label(n)}</option> }
                                }).collect_view()}
                            </select>
                        </label>
                        <label class="field field--inline">
                            <span class="field__label">{tr!("with")}</span>
                            <select aria-label=tr!("Second version") on:change=move |e| compare_b.set(event_target_value(&e))>
                                <Show when=move || has_draft.get()>
                                    <option value="draft" selected=true>{tr!("Draft")}</option>
                                </Show>
                                {options_b.iter().map(|n| {
                                    let n = *n;
                                    view! { <option value=n.to_string() selected=move || !has_draft.get() && n == live.get()>{Version::label(n)}</option> }
                                }).collect_view()}
                            </select>
                        </label>
                        <A href=compare_href attr:class="button">{tr!("Compare")}</A>
                    </form>
                    <table class="table versions">
                        <thead>
                            <tr><th>{tr!("Version")}</th><th>{tr!("Published")}</th><th>{tr!("Note")}</th><th>{tr!("Runs")}</th><th><span class="visually-hidden">{tr!("Actions")}</span></th></tr>
                        </thead>
                        <tbody>
                            {list.into_iter().rev().map(|(version, runs)| {
                                let number = version.number;
                                let open = format!("/workflows/{}/versions/{number}", version.workflow_id);
                                let workflow_id = version.workflow_id.clone();
                                view! {
                                    <tr>
                                        <td>
                                            <A href=open>{Version::label(number)}</A>
                                            <Show when=move || live.get() == number>
                                                " " <span class="badge badge--active">{tr!("Live")}</span>
                                            </Show>
                                        </td>
                                        <td><Timestamp seconds=version.published /></td>
                                        <td>{if version.note.is_empty() { "—".to_owned() } else { version.note.clone() }}</td>
                                        <td>{runs}</td>
                                        <td>
                                            <button
                                                type="button"
                                                class="button button--small"
                                                on:click=move |_| ask_or_restore(state, &workflow_id, number, confirming, restore)
                                            >
                                                {trf!("Start a draft from {version}", version = Version::label(number))}
                                            </button>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }
        }}
        {restore_dialog(confirming, restore)}
    }
}

/// One published version, read-only.
#[component]
pub fn VersionPage() -> impl IntoView {
    let state = use_app();
    let (id, number) = address();
    let live = Memo::new(move |_| {
        state
            .workflows
            .with(|all| all.get(&id.get()).map_or(0, |w| w.version))
    });
    let version = LocalResource::new(move || {
        let (id, number) = (id.get(), number.get());
        state.ready.track();
        async move {
            match number {
                Some(n) => state.version(id, n).await.map_err(|e| e.to_string()),
                None => Ok(None),
            }
        }
    });
    let (confirming, refused, restore) = restore_action(id);
    view! {
        {move || match version.get() {
            None => view! { <p class="muted">{tr!("Loading…")}</p> }.into_any(),
            Some(Err(e)) => view! { <p class="notice notice--error" role="alert">{trf!("This version could not be read: {e}", e = e)}</p> }.into_any(),
            Some(Ok(None)) => view! {
                <EmptyState title=tr!("Version not found") text=tr!("This workflow has no such version: it may have been deleted.")>
                    <A href=move || format!("/workflows/{}/versions", id.get())>{tr!("Version history")}</A>
                </EmptyState>
            }.into_any(),
            Some(Ok(Some(version))) => {
                let n = version.number;
                let workflow_id = version.workflow_id.clone();
                view! {
                    <header class="page-header">
                        <div>
                            <A href=format!("/workflows/{}/versions", version.workflow_id) attr:class="back-link">{tr!("← Version history")}</A>
                            <h1>{format!("{} · {}", crate::i18n::workflow_name(&version.definition.name), Version::label(n))}
                                <Show when=move || live.get() == n>" " <span class="badge badge--active">{tr!("Live")}</span></Show>
                            </h1>
                            <p class="muted">{tr!("Published")} " " <Timestamp seconds=version.published />
                                {(!version.note.is_empty()).then(|| format!(" · {}", version.note))}
                            </p>
                        </div>
                        <div class="page-header__actions">
                            <A href=format!("/workflows/{}/compare/{n}/{}", version.workflow_id, live.get_untracked()) attr:class="button">{tr!("Compare with live")}</A>
                            <button type="button" class="button button--primary" on:click=move |_| ask_or_restore(state, &workflow_id, n, confirming, restore)>
                                {trf!("Start a draft from {version}", version = Version::label(n))}
                            </button>
                        </div>
                    </header>
                    {move || refused.get().map(|r| view! { <div class="callout callout--danger" role="alert">{r}</div> })}
                    <p class="muted">{tr!("Read-only: published versions never change.")}</p>
                    <DefinitionView workflow=version.definition.clone() label=Version::label(n) />
                }.into_any()
            }
        }}
        {restore_dialog(confirming, restore)}
    }
}
