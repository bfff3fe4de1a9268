//! One customer of the sandbox: its JSON, an edit form (`customers.update`, which fires
//! `customer.updated` with `previous_attributes`) and deletion after a confirmation
//! (`customers.delete`, which fires `customer.deleted`). A summary a person reads comes
//! first: name, email, created, metadata, the recent events about the customer (the
//! engine's [`Event::concerns`](sandflow_engine::Event::concerns)) and the runs they
//! started; the JSON follows.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use serde_json::{Map, Value};

use crate::components::customer_form::{runs_started, CustomerForm};
use crate::components::json_view::JsonView;
use crate::components::link::A;
use crate::components::modal::Modal;
use crate::components::run_badge::RunBadge;
use crate::components::timestamp::Timestamp;
use crate::state::use_app;
use crate::storage::RunFilter;

/// How many recent events and runs the summary lists.
const RECENT: usize = 5;
/// How many of each workflow's newest runs are searched for the customer's events.
const RUNS_SEARCHED: usize = 50;

/// The customer page (`/customers/:id`).
#[component]
pub fn CustomerPage() -> impl IntoView {
    let state = use_app();
    let params = use_params_map();
    let navigate = use_navigate();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let editing = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Result<String, String>>);

    let customer = Memo::new(move |_| {
        let id = id.get();
        state.sandbox.with(|sb| sb.object(&id).cloned())
    });
    let deleted = move || customer.with(|c| c.as_ref().is_some_and(|c| c.get("deleted").is_some()));
    let title = move || {
        customer.with(|c| {
            c.as_ref()
                .and_then(|c| {
                    c["name"]
                        .as_str()
                        .filter(|n| !n.is_empty())
                        .map(str::to_owned)
                })
                .unwrap_or_else(|| id.get())
        })
    };

    let delete = Callback::new(move |()| {
        let mut params = Map::new();
        params.insert("customer".to_owned(), Value::String(id.get_untracked()));
        confirming.set(false);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match state.call("customers.delete".to_owned(), params).await {
                Ok(_) => navigate("/customers", Default::default()),
                Err(e) => {
                    outcome.try_set(Some(Err(e.to_string())));
                }
            }
        });
    });
    // The recent events about the customer (newest first), and the runs they started,
    // read from each workflow's newest runs.
    let events = Memo::new(move |_| {
        let id = id.get();
        state.sandbox.with(|sb| {
            sb.events()
                .filter(|e| e.concerns(&id))
                .take(RECENT)
                .map(|e| (e.id.clone(), e.kind.clone(), e.created))
                .collect::<Vec<_>>()
        })
    });
    let runs = LocalResource::new(move || {
        state.runs_revision.track();
        let wanted: Vec<String> =
            events.with(|all| all.iter().map(|(id, _, _)| id.clone()).collect());
        let workflows: Vec<(String, String)> = state.workflows.with(|all| {
            all.as_slice()
                .iter()
                .map(|w| (w.id.clone(), w.name.clone()))
                .collect()
        });
        async move {
            let mut found = Vec::new();
            if wanted.is_empty() {
                return found;
            }
            for (workflow, name) in workflows {
                let Ok(page) = state
                    .runs_page(workflow.clone(), RunFilter::default(), None, RUNS_SEARCHED)
                    .await
                else {
                    continue;
                };
                found.extend(
                    page.into_iter()
                        .filter(|r| wanted.iter().any(|e| e == r.event_id()))
                        .map(|r| {
                            (
                                workflow.clone(),
                                name.clone(),
                                r.id.clone(),
                                r.status,
                                r.started,
                            )
                        }),
                );
            }
            // Newest first; runs of one second in the order they ran (their ids sort as made).
            found.sort_by(|a, b| (b.4, &b.2).cmp(&(a.4, &a.2)));
            found.truncate(RECENT);
            found
        }
    });
    let field = move |key: &'static str| {
        move || {
            customer.with(|c| {
                c.as_ref()
                    .and_then(|c| c[key].as_str().filter(|s| !s.is_empty()).map(str::to_owned))
            })
        }
    };
    let created = Signal::derive(move || {
        customer.with(|c| c.as_ref().and_then(|c| c["created"].as_i64()).unwrap_or(0))
    });
    let metadata = move || {
        customer.with(|c| match c.as_ref().map(|c| &c["metadata"]) {
            Some(Value::Object(m)) => m
                .iter()
                .map(|(k, v)| {
                    (
                        k.clone(),
                        v.as_str().map_or_else(|| v.to_string(), str::to_owned),
                    )
                })
                .collect::<Vec<_>>(),
            _ => Vec::new(),
        })
    };

    let on_saved = Callback::new(move |(_, runs): (String, usize)| {
        editing.set(false);
        outcome.set(Some(Ok(trf!(
            "Saved: customer.updated fired with the previous values. {runs}",
            runs = runs_started(runs)
        ))));
    });

    view! {
        <p class="crumbs"><A href="/customers">{tr!("Customers")}</A></p>
        <Show
            when=move || customer.with(Option::is_some)
            fallback=move || view! {
                <header class="page-header"><h1>{tr!("Customer not found")}</h1></header>
                <p>{tr!("There is no customer")} " " <code>{id}</code> " " {tr!("in the sandbox. It may have been created before a reset.")} " "
                   <A href="/customers">{tr!("Back to Customers")}</A></p>
            }
        >
            <header class="page-header">
                <h1>{title}</h1>
                <Show when=move || !deleted()>
                    <div class="page-header__actions">
                        <button type="button" class="button" on:click=move |_| { outcome.set(None); editing.set(true) }>
                            {tr!("Edit customer")}
                        </button>
                        <button type="button" class="button button--danger" on:click=move |_| confirming.set(true)>
                            {tr!("Delete customer")}
                        </button>
                    </div>
                </Show>
            </header>
            <p class="muted"><code>{id}</code>{move || deleted().then_some(" · deleted")}</p>
            {move || outcome.get().map(|o| match o {
                Ok(m) => view! { <p class="callout callout--success" role="status">{m}</p> }.into_any(),
                Err(m) => view! { <p class="callout callout--danger" role="alert">{m}</p> }.into_any(),
            })}
            <Show when=move || editing.get()>
                {move || customer.get().map(|c| view! {
                    <CustomerForm customer=Some(c) on_close=Callback::new(move |()| editing.set(false)) on_saved=on_saved />
                })}
            </Show>
            <section class="card customer-summary" aria-labelledby="customer-summary-heading">
                <h2 id="customer-summary-heading">{tr!("Summary")}</h2>
                <dl class="facts">
                    <div><dt>{tr!("Name")}</dt><dd>{move || field("name")().unwrap_or_else(|| "—".to_owned())}</dd></div>
                    <div><dt>{tr!("Email")}</dt><dd>{move || field("email")().unwrap_or_else(|| "—".to_owned())}</dd></div>
                    <div><dt>{tr!("Created")}</dt><dd><Timestamp seconds=created /></dd></div>
                    <div>
                        <dt>{tr!("Metadata")}</dt>
                        <dd>{move || {
                            let pairs = metadata();
                            if pairs.is_empty() {
                                return view! { <span class="muted">{tr!("None")}</span> }.into_any();
                            }
                            view! {
                                <ul class="facts__pairs">
                                    {pairs.into_iter().map(|(k, v)| view! { <li><code>{k}</code> " = " {v}</li> }).collect_view()}
                                </ul>
                            }.into_any()
                        }}</dd>
                    </div>
                </dl>
                <h3>{tr!("Recent events")}</h3>
                {move || {
                    let list = events.get();
                    if list.is_empty() {
                        return view! { <p class="muted">{tr!("No recent event about this customer.")}</p> }.into_any();
                    }
                    view! {
                        <ul class="facts__list">
                            {list.into_iter().map(|(id, kind, at)| view! {
                                <li>
                                    <a href=crate::base::href(&format!("/workbench?tab=events&id={id}&kind={kind}&at={at}"))><code>{kind.clone()}</code></a>
                                    " " <span class="muted"><code>{id.clone()}</code> " · " <Timestamp seconds=at /></span>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                <h3>{tr!("Recent runs")}</h3>
                {move || {
                    let list = runs.get().unwrap_or_default();
                    if list.is_empty() {
                        return view! { <p class="muted">{tr!("No workflow ran on these events.")}</p> }.into_any();
                    }
                    view! {
                        <ul class="facts__list">
                            {list.into_iter().map(|(workflow, name, run, status, at)| view! {
                                <li>
                                    <A href=format!("/workflows/{workflow}/runs/{run}")>{name}</A>
                                    " " <RunBadge status=status /> " "
                                    <span class="muted"><Timestamp seconds=at /></span>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
            <section class="card">
                <h2>{tr!("Customer object")}</h2>
                <JsonView value=Signal::derive(move || customer.get().unwrap_or(Value::Null)) />
            </section>
        </Show>
        <Show when=move || confirming.get()>
            <Modal title=tr!("Delete customer") on_close=Callback::new(move |()| confirming.set(false))>
                <p>{tr!("Delete")} " " <strong>{title}</strong> {tr!("?")} " " {tr!("This is permanent: the customer is deleted on the sandbox account, its subscriptions are canceled and customer.deleted fires.")}</p>
                <div class="form__actions">
                    <button type="button" class="button" on:click=move |_| confirming.set(false)>{tr!("Cancel")}</button>
                    <button type="button" class="button button--danger" on:click=move |_| delete.run(())>{tr!("Delete")}</button>
                </div>
            </Modal>
        </Show>
    }
}
