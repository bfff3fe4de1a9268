//! Outbox: the emails that "Email a team member" steps sent.
//!
//! The sandbox sends no real mail. Each email a run sends is written to the `outbox` store
//! with the run, in the same transaction, and links back to it; it goes with its workflow,
//! with retention, and with Reset sandbox. The selected email is in the address
//! (`/outbox?email=<run>.<step>`).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::empty_state::EmptyState;
use crate::components::link::A;
use crate::components::timestamp::Timestamp;
use crate::state::use_app;

/// Emails listed, newest first; older ones stay stored until retention removes them.
const SHOWN: usize = 200;

/// Lists the emails that "Email a team member" steps sent, newest first.
#[component]
pub fn OutboxPage() -> impl IntoView {
    let state = use_app();
    let query = use_query_map();
    let selected = Memo::new(move |_| query.read().get("email"));
    let loaded = LocalResource::new(move || {
        state.runs_revision.track();
        state.ready.track();
        async move { state.outbox(SHOWN).await.map_err(|e| e.to_string()) }
    });
    let emails = Memo::new(move |_| match loaded.get() {
        Some(Ok(emails)) => emails,
        _ => Vec::new(),
    });
    let open = Memo::new(move |_| {
        let key = selected.get();
        emails.with(|all| {
            key.and_then(|k| all.iter().find(|e| e.id == k).cloned())
                .or_else(|| all.first().cloned())
        })
    });

    view! {
        <header class="page-header">
            <h1>{tr!("Outbox")}</h1>
        </header>
        <Show
            when=move || !emails.with(Vec::is_empty)
            fallback=|| view! {
                <EmptyState
                    title=tr!("No emails yet")
                    text=tr!("Emails that \"Email a team member\" steps send are kept here instead of leaving the sandbox.")
                />
            }
        >
            <div class="workbench">
                <ul class="list workbench__list" aria-label=tr!("Emails")>
                    {move || emails.with(|all| all.iter().map(|e| {
                        let current = open.with(|o| o.as_ref().is_some_and(|o| o.id == e.id));
                        view! {
                            <li>
                                <a
                                    class="list__item"
                                    href=crate::base::href(&format!("/outbox?email={}", e.id))
                                    aria-current=current.then_some("true")
                                >
                                    <span class="list__title">{e.email.subject.clone()}</span>
                                    <span class="list__meta">
                                        {trf!("To {to}", to = e.email.to)} " · " <Timestamp seconds=e.sent />
                                    </span>
                                </a>
                            </li>
                        }
                    }).collect_view())}
                </ul>
                <article class="workbench__detail card email-view" aria-label=tr!("Email")>
                    {move || open.get().map(|e| view! {
                        <h2>{e.email.subject}</h2>
                        <dl class="email">
                            <dt>{tr!("To")}</dt><dd>{e.email.to}</dd>
                            <dt>{tr!("Sent")}</dt><dd><Timestamp seconds=e.sent /></dd>
                            <dt>{tr!("Workflow")}</dt><dd><A href=format!("/workflows/{}", e.workflow_id)>{e.workflow_name}</A></dd>
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
                            <A href=format!("/workflows/{}/runs/{}", e.workflow_id, e.run_id)>{tr!("View run")}</A>
                        </p>
                    })}
                </article>
            </div>
        </Show>
    }
}
