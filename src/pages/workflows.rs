//! The Workflows list: every workflow with its trigger, status, runs and last outcome;
//! **New workflow**, templates, and export / import of workflow files.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use sandflow_engine::sandbox;
use sandflow_engine::{Status, Workflow};

use crate::components::download::{download, file_text, picked_file};
use crate::components::empty_state::EmptyState;
use crate::components::link::A;
use crate::components::run_badge::RunBadge;
use crate::components::status_badge::StatusBadge;
use crate::components::template_gallery::{open_created, TemplateGallery};
use crate::state::on_demand::{self, NotImported};
use crate::state::use_app;

/// What the last list action came to.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    Done(String),
    Refused(String),
    Problems(Vec<String>),
}

/// Lists the workflows of the sandbox.
#[component]
pub fn WorkflowsPage() -> impl IntoView {
    let app = use_app();
    let navigate = use_navigate();
    let outcome = RwSignal::new(None::<Outcome>);
    let rows = Memo::new(move |_| app.workflows.with(|all| all.as_slice().to_vec()));
    // The first-load benchmark (tests/bench) reads this mark: effects run after the render,
    // so the stored state is loaded and the list is on the page.
    Effect::new(move || {
        if app.ready.get() {
            if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
                let _ = performance.mark("sandflow-ready");
            }
        }
    });

    let on_new = move |_| {
        open_created(
            navigate.clone(),
            on_demand::create_workflow(app),
            move |e| {
                outcome.try_set(Some(Outcome::Refused(trf!(
                    "New workflow refused: {e}",
                    e = e
                ))));
            },
        );
    };
    let on_export = move |_| {
        let ids: Vec<String> = app
            .workflows
            .with_untracked(|w| w.as_slice().iter().map(|w| w.id.clone()).collect());
        spawn_local(async move {
            let count = ids.len();
            let result = match on_demand::export_with_history(app, ids).await {
                Ok(text) => download("sandflow-workflows.json", &text),
                Err(e) => Err(e.to_string()),
            };
            outcome.try_set(Some(match result {
                Ok(()) => Outcome::Done(trn!(
                    count,
                    "Exported {count} workflow, with its versions and draft",
                    "Exported {count} workflows, with their versions and drafts",
                    count = count
                )),
                Err(e) => Outcome::Refused(trf!("Not exported: {e}", e = e)),
            }));
        });
    };
    let on_import = move |e: leptos::ev::Event| {
        let Some(file) = picked_file(&e) else {
            return;
        };
        spawn_local(async move {
            let text = match file_text(&file).await {
                Ok(text) => text,
                Err(e) => {
                    outcome.try_set(Some(Outcome::Refused(e)));
                    return;
                }
            };
            let result = on_demand::import_workflows(app, text).await;
            outcome.try_set(Some(match result {
                Ok(count) => Outcome::Done(trn!(
                    count,
                    "Imported {count} workflow",
                    "Imported {count} workflows",
                    count = count
                )),
                Err(NotImported::Problems(problems)) => Outcome::Problems(problems),
                Err(NotImported::Failed(e)) => {
                    Outcome::Refused(trf!("Nothing was imported: {e}", e = e))
                }
            }));
        });
    };

    view! {
        <header class="page-header">
            <h1>{tr!("Workflows")}</h1>
            <div class="page-header__actions">
                <label class="button file-button">
                    {tr!("Import")}
                    <input type="file" accept="application/json,.json" aria-label=tr!("Import workflows") disabled=move || !app.ready.get() on:change=on_import />
                </label>
                <Show when=move || !rows.with(Vec::is_empty)>
                    <button type="button" class="button" on:click=on_export>{tr!("Export all")}</button>
                </Show>
                <button type="button" class="button button--primary" disabled=move || !app.ready.get() on:click=on_new>{tr!("New workflow")}</button>
            </div>
        </header>
        {move || outcome.get().map(|o| match o {
            Outcome::Done(text) => view! { <div class="callout callout--success" role="status">{text}</div> }.into_any(),
            Outcome::Refused(text) => view! { <div class="callout callout--danger" role="alert">{text}</div> }.into_any(),
            Outcome::Problems(list) => view! {
                <div class="callout callout--danger" role="alert">
                    <strong>{trn!(list.len(), "Nothing was imported: {n} problem", "Nothing was imported: {n} problems", n = list.len())}</strong>
                    <ul>{list.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                </div>
            }.into_any(),
        })}
        {move || if rows.with(Vec::is_empty) {
            view! {
                <EmptyState
                    title=tr!("No workflows yet")
                    text=tr!("A workflow runs steps automatically when a Stripe event happens in your sandbox: when this event happens, if these conditions hold, do these steps. Start from nothing with New workflow, or from a template.")
                />
            }.into_any()
        } else {
            view! {
                <table class="table workflows-table">
                    <thead>
                        <tr>
                            <th scope="col">{tr!("Name")}</th>
                            <th scope="col">{tr!("Trigger")}</th>
                            <th scope="col">{tr!("Status")}</th>
                            <th scope="col">{tr!("Runs")}</th>
                            <th scope="col">{tr!("Last run")}</th>
                            <th scope="col"><span class="visually-hidden">{tr!("Actions")}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows.get().into_iter().map(|w| row(w, outcome)).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
        <TemplateGallery />
    }
}

fn row(w: Workflow, outcome: RwSignal<Option<Outcome>>) -> impl IntoView {
    let app = use_app();
    let id = w.id.clone();
    let href = format!("/workflows/{id}");
    let trigger = match w.event_type() {
        Some(kind) => sandbox::event_type(kind)
            .map(|e| crate::i18n::catalog::event_label(crate::i18n::lang(), e).to_owned())
            .unwrap_or_else(|| kind.to_owned()),
        None => tr!("No trigger yet").to_owned(),
    };
    let runs_id = id.clone();
    let runs = Memo::new(move |_| {
        app.run_stats.with(|stats| {
            let s = stats.get(&runs_id).copied().unwrap_or_default();
            (s.count, s.last)
        })
    });
    let status = w.status;
    let name = w.name.clone();
    let verb = if status == Status::Active {
        tr!("Deactivate")
    } else {
        tr!("Activate")
    };
    let toggle_label = trf!(
        "{verb} {name}",
        verb = verb,
        name = crate::i18n::workflow_name(&w.name)
    );
    let shown_name = crate::i18n::workflow_name(&w.name);
    let toggle = move |_| {
        let (id, name) = (id.clone(), name.clone());
        spawn_local(async move {
            let result = if status == Status::Active {
                on_demand::deactivate(app, id)
                    .await
                    .map(|()| trf!("Deactivated “{name}”", name = name))
                    .map_err(|e| trf!("“{name}” not deactivated: {e}", name = name, e = e))
            } else {
                on_demand::activate(app, id)
                    .await
                    .map(|_| trf!("Activated “{name}”", name = name))
                    .map_err(|e| trf!("“{name}” not activated: {e}", name = name, e = e))
            };
            outcome.try_set(Some(match result {
                Ok(text) => Outcome::Done(text),
                Err(text) => Outcome::Refused(text),
            }));
        });
    };
    view! {
        <tr>
            <td class="workflows-table__name"><A href=href>{shown_name}</A></td>
            <td data-label=tr!("Trigger")>{trigger}</td>
            <td data-label=tr!("Status")><StatusBadge status=status /></td>
            <td data-label=tr!("Runs")>{move || runs.get().0}</td>
            <td data-label=tr!("Last run")>{move || match runs.get().1 {
                Some(s) => view! { <RunBadge status=s /> }.into_any(),
                None => view! { <span class="muted">{tr!("No runs yet")}</span> }.into_any(),
            }}</td>
            <td class="table__actions">
                <button type="button" class="button button--small" disabled=move || !app.ready.get() on:click=toggle aria-label=toggle_label>
                    {verb}
                </button>
            </td>
        </tr>
    }
}
