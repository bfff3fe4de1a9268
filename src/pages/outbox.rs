//! Outbox: the emails that "Email a team member" steps sent.
//!
//! The sandbox sends no real mail. Each email is read from the run that sent it (its step
//! record holds the rendered message), so every email links back to its run and lives and
//! goes with it. The selected email is in the address (`/outbox?email=<run>.<step>`).

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use sandflow_engine::Email;

use crate::components::empty_state::EmptyState;
use crate::components::timestamp::Timestamp;
use crate::state::use_app;

/// One email with where it came from.
#[derive(Clone, Debug, PartialEq)]
struct Sent {
    key: String,
    email: Email,
    sent: i64,
    run_id: String,
    workflow_id: String,
    workflow_name: String,
}

/// Lists the emails that "Email a team member" steps sent, newest first.
#[component]
pub fn OutboxPage() -> impl IntoView {
    let state = use_app();
    let query = use_query_map();
    let selected = Memo::new(move |_| query.read().get("email"));
    let emails = Memo::new(move |_| {
        state.runs.with(|runs| {
            runs.iter()
                .flat_map(|run| {
                    run.steps.iter().rev().filter_map(move |s| {
                        s.email.clone().map(|email| Sent {
                            key: format!("{}.{}", run.id, s.step_id),
                            email,
                            sent: s.started,
                            run_id: run.id.clone(),
                            workflow_id: run.workflow_id.clone(),
                            workflow_name: run.workflow.name.clone(),
                        })
                    })
                })
                .collect::<Vec<_>>()
        })
    });
    let open = Memo::new(move |_| {
        let key = selected.get();
        emails.with(|all| {
            key.and_then(|k| all.iter().find(|e| e.key == k).cloned())
                .or_else(|| all.first().cloned())
        })
    });

    view! {
        <header class="page-header">
            <h1>"Outbox"</h1>
        </header>
        <Show
            when=move || !emails.with(Vec::is_empty)
            fallback=|| view! {
                <EmptyState
                    title="No emails yet"
                    text="Emails that \"Email a team member\" steps send are kept here instead of leaving the sandbox."
                />
            }
        >
            <div class="workbench">
                <ul class="list workbench__list" aria-label="Emails">
                    {move || emails.with(|all| all.iter().map(|e| {
                        let current = open.with(|o| o.as_ref().is_some_and(|o| o.key == e.key));
                        view! {
                            <li>
                                <a
                                    class="list__item"
                                    href=format!("/outbox?email={}", e.key)
                                    aria-current=current.then_some("true")
                                >
                                    <span class="list__title">{e.email.subject.clone()}</span>
                                    <span class="list__meta">
                                        "To " {e.email.to.clone()} " · " <Timestamp seconds=e.sent />
                                    </span>
                                </a>
                            </li>
                        }
                    }).collect_view())}
                </ul>
                <article class="workbench__detail card email-view" aria-label="Email">
                    {move || open.get().map(|e| view! {
                        <h2>{e.email.subject}</h2>
                        <dl class="email">
                            <dt>"To"</dt><dd>{e.email.to}</dd>
                            <dt>"Sent"</dt><dd><Timestamp seconds=e.sent /></dd>
                            <dt>"Workflow"</dt><dd><A href=format!("/workflows/{}", e.workflow_id)>{e.workflow_name}</A></dd>
                        </dl>
                        <p class="email__body">{e.email.body}</p>
                        <Show when={let empty = e.email.rows.is_empty(); move || !empty}>
                            <table class="table email__rows">
                                <tbody>
                                    {e.email.rows.iter().map(|r| view! {
                                        <tr><th scope="row">{r.label.clone()}</th><td>{r.value.clone()}</td></tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </Show>
                        <p>
                            <A href=format!("/workflows/{}/runs/{}", e.workflow_id, e.run_id)>"View run"</A>
                        </p>
                    })}
                </article>
            </div>
        </Show>
    }
}
