//! Workbench: the developer log of the sandbox, as in Stripe's Workbench.
//!
//! Three tabs: **Events** (every recent event, filter by type, search by id), **Logs**
//! (every API request, filter by status and by run) and **Objects** (the account's
//! customers, invoices, subscriptions, disputes, ...). Each item opens as JSON. The tab and
//! the selected item live in the address (`/workbench?tab=events&id=evt_…`), so **Inspect in
//! Workbench** links land on the item and a reload keeps it.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use sandflow_engine::sandbox::{RequestLog, CORE_TYPES, EVENT_HISTORY_LIMIT, LOG_HISTORY_LIMIT};
use serde_json::Value;

use crate::components::empty_state::EmptyState;
use crate::components::json_view::JsonView;
use crate::components::timestamp::Timestamp;
use crate::state::use_app;

/// Rows a list shows before **Show more**.
const PAGE: usize = 100;

/// The Workbench tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tab {
    Events,
    Logs,
    Objects,
}

impl Tab {
    const ALL: [Tab; 3] = [Tab::Events, Tab::Logs, Tab::Objects];

    fn parse(value: Option<&str>) -> Self {
        match value {
            Some("logs") => Tab::Logs,
            Some("objects") => Tab::Objects,
            _ => Tab::Events,
        }
    }

    fn key(self) -> &'static str {
        match self {
            Tab::Events => "events",
            Tab::Logs => "logs",
            Tab::Objects => "objects",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Tab::Events => "Events",
            Tab::Logs => "Logs",
            Tab::Objects => "Objects",
        }
    }
}

/// Shows the sandbox's events, request logs and objects as JSON.
#[component]
pub fn WorkbenchPage() -> impl IntoView {
    let state = use_app();
    let query = use_query_map();
    let tab = Memo::new(move |_| Tab::parse(query.read().get("tab").as_deref()));
    let selected = Memo::new(move |_| query.read().get("id"));
    let run_filter = Memo::new(move |_| query.read().get("run").unwrap_or_default());
    let object_type = Memo::new(move |_| query.read().get("type"));
    let is_empty = move || {
        state
            .sandbox
            .with(|sb| sb.events().next().is_none() && sb.logs().next().is_none())
    };

    view! {
        <header class="page-header">
            <h1>"Workbench"</h1>
        </header>
        <div class="tabs" role="tablist" aria-label="Workbench">
            {Tab::ALL.map(|t| view! {
                <a
                    role="tab"
                    class="tabs__tab"
                    href=format!("/workbench?tab={}", t.key())
                    aria-selected=move || (tab.get() == t).to_string()
                >
                    {t.label()}
                </a>
            })}
        </div>
        <div class="tabpanel" role="tabpanel" aria-label=move || tab.get().label()>
            {move || match tab.get() {
                Tab::Events if is_empty() => view! {
                    <EmptyState
                        title="No events or requests yet"
                        text="Every event of the sandbox and every API request a workflow makes is logged here, with its full JSON. Create a customer or use the Event generator to see some."
                    />
                }.into_any(),
                Tab::Events => view! { <EventsTab selected=selected /> }.into_any(),
                Tab::Logs => view! { <LogsTab selected=selected run=run_filter /> }.into_any(),
                Tab::Objects => view! { <ObjectsTab selected=selected object_type=object_type /> }.into_any(),
            }}
        </div>
    }
}

/// The **Events** tab.
#[component]
fn EventsTab(selected: Memo<Option<String>>) -> impl IntoView {
    let state = use_app();
    let kind = RwSignal::new(String::new());
    let id = RwSignal::new(String::new());
    let limit = RwSignal::new(PAGE);
    let rows = Memo::new(move |_| {
        let (kind, id) = (kind.get().trim().to_lowercase(), id.get().trim().to_owned());
        state.sandbox.with(|sb| {
            sb.events()
                .filter(|e| e.kind.contains(&kind) && e.id.contains(&id))
                .map(|e| (e.id.clone(), e.kind.clone(), e.created))
                .collect::<Vec<_>>()
        })
    });
    let detail = move || {
        selected.get().map(|id| {
            match state.sandbox.with(|sb| sb.event(&id).map(|e| e.to_value())) {
                Some(json) => view! {
                    <h2>{json["type"].as_str().unwrap_or_default().to_owned()}</h2>
                    <p class="muted"><code>{id}</code></p>
                    <JsonView value=json />
                }
                .into_any(),
                None => gone("Event", &id, EVENT_HISTORY_LIMIT),
            }
        })
    };
    view! {
        <div class="workbench">
            <div class="workbench__list">
                <div class="filters">
                    <label class="field field--inline">
                        <span class="field__label">"Filter by type"</span>
                        <input type="search" placeholder="customer." bind:value=kind />
                    </label>
                    <label class="field field--inline">
                        <span class="field__label">"Search by id"</span>
                        <input type="search" placeholder="evt_" bind:value=id />
                    </label>
                </div>
                <ul class="list" aria-label="Events">
                    {move || rows.with(|rows| rows.iter().take(limit.get()).map(|(id, kind, created)| {
                        let current = selected.with(|s| s.as_deref() == Some(id.as_str()));
                        view! {
                            <li>
                                <a
                                    class="list__item"
                                    href=format!("/workbench?tab=events&id={id}")
                                    aria-current=current.then_some("true")
                                >
                                    <code class="list__title">{kind.clone()}</code>
                                    <span class="list__meta">{id.clone()} " · " <Timestamp seconds=*created /></span>
                                </a>
                            </li>
                        }
                    }).collect_view())}
                </ul>
                <ListFooter total=Signal::derive(move || rows.with(Vec::len)) limit=limit noun="events" />
            </div>
            <div class="workbench__detail card">
                {move || detail().unwrap_or_else(|| pick("an event"))}
            </div>
        </div>
    }
}

/// Which requests the Logs tab lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum StatusFilter {
    All,
    Succeeded,
    Failed,
}

/// The **Logs** tab.
#[component]
fn LogsTab(selected: Memo<Option<String>>, run: Memo<String>) -> impl IntoView {
    let state = use_app();
    let status = RwSignal::new(StatusFilter::All);
    let run_text = RwSignal::new(run.get_untracked());
    let limit = RwSignal::new(PAGE);
    let rows = Memo::new(move |_| {
        let (status, run) = (status.get(), run_text.get().trim().to_owned());
        state.sandbox.with(|sb| {
            sb.logs()
                .filter(|l| match status {
                    StatusFilter::All => true,
                    StatusFilter::Succeeded => l.status < 400,
                    StatusFilter::Failed => l.status >= 400,
                })
                .filter(|l| {
                    run.is_empty() || l.origin.as_ref().is_some_and(|o| o.run_id.contains(&run))
                })
                .map(|l| (l.id.clone(), method(l), l.path.clone(), l.status, l.created))
                .collect::<Vec<_>>()
        })
    });
    let detail = move || {
        selected.get().map(|id| {
            let found = state.sandbox.with(|sb| {
                sb.log(&id).map(|l| {
                    (
                        method(l),
                        l.path.clone(),
                        serde_json::to_value(l).unwrap_or(Value::Null),
                    )
                })
            });
            match found {
                Some((method, path, json)) => view! {
                    <h2><span class="method">{method}</span> " " {path}</h2>
                    <p class="muted"><code>{id}</code></p>
                    <JsonView value=json />
                }
                .into_any(),
                None => gone("Request", &id, LOG_HISTORY_LIMIT),
            }
        })
    };
    view! {
        <div class="workbench">
            <div class="workbench__list">
                <div class="filters">
                    <label class="field field--inline">
                        <span class="field__label">"Status"</span>
                        <select on:change=move |ev| status.set(match event_target_value(&ev).as_str() {
                            "succeeded" => StatusFilter::Succeeded,
                            "failed" => StatusFilter::Failed,
                            _ => StatusFilter::All,
                        })>
                            <option value="all">"All"</option>
                            <option value="succeeded">"Succeeded (2xx)"</option>
                            <option value="failed">"Failed (4xx, 5xx)"</option>
                        </select>
                    </label>
                    <label class="field field--inline">
                        <span class="field__label">"Filter by run"</span>
                        <input type="search" placeholder="wfrun_" bind:value=run_text />
                    </label>
                </div>
                <Show
                    when=move || !rows.with(Vec::is_empty)
                    fallback=|| view! { <p class="muted">"No request matches. Requests appear when a workflow step, a form or the Event generator calls the sandbox API."</p> }
                >
                    <ul class="list" aria-label="Request logs">
                        {move || rows.with(|rows| rows.iter().take(limit.get()).map(|(id, method, path, code, created)| {
                            let current = selected.with(|s| s.as_deref() == Some(id.as_str()));
                            let class = if *code < 400 { "status status--ok" } else { "status status--failed" };
                            view! {
                                <li>
                                    <a
                                        class="list__item"
                                        href=format!("/workbench?tab=logs&id={id}")
                                        aria-current=current.then_some("true")
                                    >
                                        <span class="list__title">
                                            <span class=class>{*code}</span> " "
                                            <span class="method">{method.clone()}</span> " " {path.clone()}
                                        </span>
                                        <span class="list__meta">{id.clone()} " · " <Timestamp seconds=*created /></span>
                                    </a>
                                </li>
                            }
                        }).collect_view())}
                    </ul>
                </Show>
                <ListFooter total=Signal::derive(move || rows.with(Vec::len)) limit=limit noun="requests" />
            </div>
            <div class="workbench__detail card">
                {move || detail().unwrap_or_else(|| pick("a request"))}
            </div>
        </div>
    }
}

/// The **Objects** tab: a compact browser of the account's objects by type.
#[component]
fn ObjectsTab(selected: Memo<Option<String>>, object_type: Memo<Option<String>>) -> impl IntoView {
    let state = use_app();
    let limit = RwSignal::new(PAGE);
    // The type shown: the address's, else the selected object's, else customers.
    let kind = Memo::new(move |_| {
        object_type
            .get()
            .or_else(|| {
                selected.get().and_then(|id| {
                    state.sandbox.with(|sb| {
                        sb.object(&id)
                            .and_then(|o| o["object"].as_str().map(str::to_owned))
                    })
                })
            })
            .unwrap_or_else(|| "customer".to_owned())
    });
    let counts = Memo::new(move |_| {
        state.sandbox.with(|sb| {
            CORE_TYPES
                .iter()
                .map(|t| (*t, sb.objects(t).count()))
                .collect::<Vec<_>>()
        })
    });
    let rows = Memo::new(move |_| {
        let kind = kind.get();
        state.sandbox.with(|sb| {
            sb.objects(&kind)
                .map(|o| {
                    (
                        o["id"].as_str().unwrap_or_default().to_owned(),
                        summary(o),
                        o["created"].as_i64(),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let detail = move || {
        selected.get().map(|id| match state.sandbox.with(|sb| sb.object(&id).cloned()) {
            Some(json) => view! {
                <h2>{summary(&json)}</h2>
                <p class="muted"><code>{id}</code></p>
                <JsonView value=json />
            }
            .into_any(),
            None => view! { <p class="muted">"There is no object " <code>{id}</code> " in the sandbox."</p> }.into_any(),
        })
    };
    view! {
        <div class="workbench">
            <div class="workbench__list">
                <nav class="type-list" aria-label="Object types">
                    {move || counts.get().into_iter().map(|(t, n)| view! {
                        <a
                            class="type-list__item"
                            href=format!("/workbench?tab=objects&type={t}")
                            aria-current=move || (kind.get() == t).then_some("true")
                        >
                            {t} " " <span class="type-list__count">{n}</span>
                        </a>
                    }).collect_view()}
                </nav>
                <Show
                    when=move || !rows.with(Vec::is_empty)
                    fallback=move || view! { <p class="muted">{move || format!("No {} objects in the sandbox yet.", kind.get())}</p> }
                >
                    <ul class="list" aria-label="Objects">
                        {move || rows.with(|rows| rows.iter().take(limit.get()).map(|(id, text, created)| {
                            let current = selected.with(|s| s.as_deref() == Some(id.as_str()));
                            view! {
                                <li>
                                    <a
                                        class="list__item"
                                        href=format!("/workbench?tab=objects&type={}&id={id}", kind.get_untracked())
                                        aria-current=current.then_some("true")
                                    >
                                        <span class="list__title">{text.clone()}</span>
                                        <span class="list__meta">
                                            {id.clone()}
                                            {created.map(|c| view! { " · " <Timestamp seconds=c /> })}
                                        </span>
                                    </a>
                                </li>
                            }
                        }).collect_view())}
                    </ul>
                </Show>
                <ListFooter total=Signal::derive(move || rows.with(Vec::len)) limit=limit noun="objects" />
            </div>
            <div class="workbench__detail card">
                {move || detail().unwrap_or_else(|| pick("an object"))}
            </div>
        </div>
    }
}

/// "Showing 100 of 2,345" and **Show more**.
#[component]
fn ListFooter(total: Signal<usize>, limit: RwSignal<usize>, noun: &'static str) -> impl IntoView {
    view! {
        <Show when=move || { total.get() > limit.get() }>
            <p class="list__footer">
                {move || format!("Showing {} of {} {noun}", limit.get(), total.get())} " "
                <button type="button" class="button button--small" on:click=move |_| limit.update(|l| *l += PAGE)>
                    "Show more"
                </button>
            </p>
        </Show>
    }
}

/// What the detail pane says before anything is picked.
fn pick(what: &str) -> AnyView {
    view! { <p class="muted">{format!("Select {what} to see its JSON.")}</p> }.into_any()
}

/// What the detail pane says for an id the history no longer holds.
fn gone(what: &str, id: &str, limit: usize) -> AnyView {
    let text = format!(
        "{what} {id} is not in the sandbox history: the sandbox keeps the latest {limit} and a reset empties it."
    );
    view! { <p class="muted">{text}</p> }.into_any()
}

fn method(log: &RequestLog) -> String {
    format!("{:?}", log.method).to_uppercase()
}

/// One line naming an object: its name, email, amount or status, whichever it has.
fn summary(object: &Value) -> String {
    let kind = object["object"].as_str().unwrap_or("object");
    let name = ["name", "email", "description", "number"]
        .iter()
        .find_map(|k| object[*k].as_str().filter(|s| !s.is_empty()));
    let amount = ["amount", "amount_due", "total"]
        .iter()
        .find_map(|k| object[*k].as_i64())
        .map(|a| {
            format!(
                "{} {}",
                a,
                object["currency"]
                    .as_str()
                    .unwrap_or_default()
                    .to_uppercase()
            )
        });
    let status = object["status"].as_str();
    let mut parts = vec![kind.to_owned()];
    parts.extend(name.map(str::to_owned));
    parts.extend(amount);
    parts.extend(status.map(str::to_owned));
    parts.join(" · ")
}
