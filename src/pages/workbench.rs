//! Workbench: the developer log of the sandbox, as in Stripe's Workbench.
//!
//! Three tabs: **Events** (every event, filter by type, search by id), **Logs** (every API
//! request, filter by status and by run) and **Objects** (the account's customers,
//! invoices, subscriptions, disputes, ...). Each item opens as JSON. The tab and the
//! selected item live in the address (`/workbench?tab=events&id=evt_…`), so **Inspect in
//! Workbench** links land on the item and a reload keeps it.
//!
//! Events and logs list the sandbox's memory (its newest 5,000) first, then older ones read
//! from storage as the list is extended ([`AppState::older_events`](crate::state::AppState::older_events)).

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use sandflow_engine::limits::MAX_ID_CHARS;
use sandflow_engine::limits::RERUN_WINDOW_SECONDS;
use sandflow_engine::sandbox::{event_types, RequestLog, CORE_TYPES};
use sandflow_engine::Event;
use serde_json::Value;

use crate::components::empty_state::EmptyState;
use crate::components::json_view::JsonView;
use crate::components::timestamp::Timestamp;
use crate::state::{use_app, EventFilter, Hint, LogFilter, Older};
use crate::storage::StorageError;

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
    // Address parameters are looked up, never stored; one longer than any id finds nothing.
    let param = move |key: &str| query.read().get(key).filter(|v| v.len() <= MAX_ID_CHARS);
    let tab = Memo::new(move |_| Tab::parse(query.read().get("tab").as_deref()));
    let selected = Memo::new(move |_| param("id"));
    let run_filter = Memo::new(move |_| param("run"));
    let hint = Memo::new(move |_| hint_from(&query.read()));
    let object_type = Memo::new(move |_| param("type"));
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
                    href=crate::base::href(&format!("/workbench?tab={}", t.key()))
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
                Tab::Events => view! { <EventsTab selected=selected hint=hint /> }.into_any(),
                Tab::Logs => view! { <LogsTab selected=selected run=run_filter hint=hint /> }.into_any(),
                Tab::Objects => view! { <ObjectsTab selected=selected object_type=object_type /> }.into_any(),
            }}
        </div>
    }
}

/// One row of the Events list; `record` is the stored record holding an event memory no
/// longer has, so its link finds it at once.
#[derive(Clone, Debug, PartialEq)]
struct EventRow {
    id: String,
    kind: String,
    created: i64,
    record: Option<String>,
}

impl EventRow {
    fn new(e: &Event, record: Option<&str>) -> Self {
        Self {
            id: e.id.clone(),
            kind: e.kind.clone(),
            created: e.created,
            record: record.map(str::to_owned),
        }
    }

    fn href(&self) -> String {
        let mut href = format!("/workbench?tab=events&id={}", self.id);
        if let Some(record) = &self.record {
            href.push_str(&format!("&in={record}"));
        }
        href
    }
}

/// Where the address says the selected item may be stored (see [`Hint`]).
fn hint_from(query: &leptos_router::params::ParamsMap) -> Hint {
    Hint {
        record: query.get("in").filter(|v| v.len() <= MAX_ID_CHARS),
        kind: query.get("kind").filter(|v| v.len() <= MAX_ID_CHARS),
        at: query.get("at").and_then(|at| at.parse().ok()),
        run: query.get("run"),
    }
}

/// The **Events** tab.
#[component]
fn EventsTab(selected: Memo<Option<String>>, hint: Memo<Hint>) -> impl IntoView {
    let state = use_app();
    let kind = RwSignal::new(String::new());
    let id = RwSignal::new(String::new());
    let limit = RwSignal::new(PAGE);
    let filter = Memo::new(move |_| EventFilter {
        kind: kind.get().trim().to_lowercase(),
        id: id.get().trim().to_owned(),
    });
    let recent = Memo::new(move |_| {
        let filter = filter.get();
        state.sandbox.with(|sb| {
            sb.events()
                .filter(|e| filter.matches(e))
                .map(|e| EventRow::new(e, None))
                .collect::<Vec<_>>()
        })
    });
    // A new oldest event in memory moves where storage takes over: start that part again.
    let key = Memo::new(move |_| {
        let oldest = state
            .sandbox
            .with(|sb| sb.events().last().map(|e| e.id.clone()));
        (filter.get(), oldest)
    });
    let list = joined(key, recent, limit, move |(filter, _), from| async move {
        let (events, next) = state.older_events(&filter, from, PAGE).await?;
        let rows = events
            .iter()
            .map(|(e, record)| EventRow::new(e, Some(record)))
            .collect();
        Ok((rows, next))
    });
    let found = lookup(selected, hint, move |id, hint| async move {
        state.find_event(&id, &hint).await
    });
    let detail = move || {
        selected.get().map(|id| {
            detail(id, found.get(), "Event", |event, id| {
                let json = event.to_value();
                view! {
                    <h2>{event.kind.clone()}</h2>
                    <p class="muted"><code>{id}</code></p>
                    <JsonView value=json />
                }
                .into_any()
            })
        })
    };
    view! {
        <div class="workbench">
            <div class="workbench__list">
                <div class="filters">
                    <label class="field field--inline">
                        <span class="field__label">"Filter by type"</span>
                        <input type="search" placeholder="customer." list="workbench-event-types" bind:value=kind />
                    </label>
                    <datalist id="workbench-event-types">
                        {event_types().iter().map(|t| view! { <option value=t.kind>{t.label}</option> }).collect_view()}
                    </datalist>
                    <label class="field field--inline">
                        <span class="field__label">"Search by id"</span>
                        <input type="search" placeholder="evt_" bind:value=id />
                    </label>
                </div>
                <ul class="list" aria-label="Events">
                    {move || list.shown().into_iter().map(|row| {
                        let current = selected.with(|s| s.as_deref() == Some(row.id.as_str()));
                        let href = row.href();
                        view! {
                            <li>
                                <a
                                    class="list__item"
                                    href=crate::base::href(&href)
                                    aria-current=current.then_some("true")
                                >
                                    <code class="list__title">{row.kind}</code>
                                    <span class="list__meta">{row.id} " · " <Timestamp seconds=row.created /></span>
                                </a>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <ListFooter
                    shown=Signal::derive(move || list.len())
                    older=list.state
                    limit=limit
                    noun="events"
                />
            </div>
            <div class="workbench__detail card">
                {move || detail().unwrap_or_else(|| pick("an event"))}
            </div>
        </div>
    }
}

/// Where reading the older part of a list from storage is.
#[derive(Clone, Copy)]
struct OlderState {
    /// Storage has nothing older that matches.
    done: RwSignal<bool>,
    loading: RwSignal<bool>,
    error: RwSignal<Option<String>>,
}

/// A Workbench list: the rows memory holds (`recent`), then those read from storage past
/// them (`older`), shown up to `limit`.
struct Joined<R: Send + Sync + 'static> {
    recent: Memo<Vec<R>>,
    older: RwSignal<Vec<R>>,
    state: OlderState,
    limit: RwSignal<usize>,
}

impl<R: Send + Sync + 'static> Clone for Joined<R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R: Send + Sync + 'static> Copy for Joined<R> {}

impl<R: Clone + PartialEq + Send + Sync + 'static> Joined<R> {
    /// How many rows both parts hold.
    fn len(self) -> usize {
        self.recent.with(Vec::len) + self.older.with(Vec::len)
    }

    /// The rows shown: memory's, then storage's, up to the limit.
    fn shown(self) -> Vec<R> {
        self.recent.with(|recent| {
            self.older.with(|older| {
                recent
                    .iter()
                    .chain(older.iter())
                    .take(self.limit.get())
                    .cloned()
                    .collect()
            })
        })
    }
}

/// Reads rows from storage while the list wants more than memory (`recent`) and storage
/// gave so far: `limit` grows with **Show more**. A change of `key` (the filter, where
/// memory ends) starts over; an answer to an earlier key is dropped.
fn joined<K, R, Fut>(
    key: Memo<K>,
    recent: Memo<Vec<R>>,
    limit: RwSignal<usize>,
    fetch: impl Fn(K, Older) -> Fut + Copy + 'static,
) -> Joined<R>
where
    K: Clone + PartialEq + Send + Sync + 'static,
    R: Clone + PartialEq + Send + Sync + 'static,
    Fut: Future<Output = Result<(Vec<R>, Older), StorageError>> + 'static,
{
    let list = Joined {
        recent,
        older: RwSignal::new(Vec::new()),
        state: OlderState {
            done: RwSignal::new(false),
            loading: RwSignal::new(false),
            error: RwSignal::new(None),
        },
        limit,
    };
    let (older, state) = (list.older, list.state);
    let walk = StoredValue::new_local(Older::Start);
    let generation = StoredValue::new(0u64);
    // Bumped after each answer, so a step that found nothing still leads to the next.
    let answered = RwSignal::new(0u64);
    Effect::new(move |_| {
        key.track();
        generation.update_value(|g| *g += 1);
        walk.set_value(Older::Start);
        older.set(Vec::new());
        state.done.set(false);
        state.loading.set(false);
        state.error.set(None);
    });
    Effect::new(move |_| {
        answered.track();
        let wanted = limit.get() > list.len();
        if !wanted || state.done.get() || state.loading.get() || state.error.with(Option::is_some) {
            return;
        }
        state.loading.set(true);
        let asked = generation.get_value();
        let from = walk.with_value(Clone::clone);
        let key = key.get_untracked();
        spawn_local(async move {
            let result = fetch(key, from).await;
            if generation.get_value() != asked {
                return;
            }
            match result {
                Ok((found, next)) => {
                    state.done.set(matches!(next, Older::Done));
                    walk.set_value(next);
                    older.update(|rows| rows.extend(found));
                }
                Err(e) => state.error.set(Some(e.to_string())),
            }
            state.loading.set(false);
            answered.update(|n| *n += 1);
        });
    });
    list
}

/// What [`lookup`] answers: the id it was asked for, and the item found (or why not).
type Answer<T> = (Option<String>, Result<Option<T>, String>);

/// Finds the selected item (in memory, else in storage, helped by the address's hint),
/// answering with the id it was asked for.
fn lookup<T, Fut>(
    selected: Memo<Option<String>>,
    hint: Memo<Hint>,
    find: impl Fn(String, Hint) -> Fut + Copy + 'static,
) -> LocalResource<Answer<T>>
where
    T: 'static,
    Fut: Future<Output = Result<Option<T>, StorageError>> + 'static,
{
    LocalResource::new(move || {
        let (id, hint) = (selected.get(), hint.get());
        async move {
            let found = match &id {
                Some(id) => find(id.clone(), hint).await.map_err(|e| e.to_string()),
                None => Ok(None),
            };
            (id, found)
        }
    })
}

/// The detail pane for `id` from what [`lookup`] answered: while the answer is for
/// another id or not in, it says it is looking.
fn detail<T>(
    id: String,
    answer: Option<Answer<T>>,
    what: &str,
    show: impl FnOnce(T, String) -> AnyView,
) -> AnyView {
    match answer {
        Some((asked, _)) if asked.as_deref() != Some(id.as_str()) => looking(),
        None => looking(),
        Some((_, Ok(Some(item)))) => show(item, id),
        Some((_, Ok(None))) => gone(what, &id),
        Some((_, Err(e))) => failed(&e),
    }
}

/// One row of the Logs list; `record` as in [`EventRow`].
#[derive(Clone, Debug, PartialEq)]
struct LogRow {
    id: String,
    method: String,
    path: String,
    status: u16,
    created: i64,
    record: Option<String>,
}

impl LogRow {
    fn new(l: &RequestLog, record: Option<&str>) -> Self {
        Self {
            id: l.id.clone(),
            method: method(l),
            path: l.path.clone(),
            status: l.status,
            created: l.created,
            record: record.map(str::to_owned),
        }
    }

    fn href(&self) -> String {
        let mut href = format!("/workbench?tab=logs&id={}", self.id);
        if let Some(record) = &self.record {
            href.push_str(&format!("&in={record}"));
        }
        href
    }
}

/// The **Logs** tab. `run` (from the address) prefills the run filter, and tells where to
/// look for a selected request that memory no longer holds.
#[component]
fn LogsTab(
    selected: Memo<Option<String>>,
    run: Memo<Option<String>>,
    hint: Memo<Hint>,
) -> impl IntoView {
    let state = use_app();
    let status = RwSignal::new(None::<bool>);
    let run_text = RwSignal::new(run.get_untracked().unwrap_or_default());
    let limit = RwSignal::new(PAGE);
    let filter = Memo::new(move |_| LogFilter {
        succeeded: status.get(),
        run: run_text.get().trim().to_owned(),
    });
    let recent = Memo::new(move |_| {
        let filter = filter.get();
        state.sandbox.with(|sb| {
            sb.logs()
                .filter(|l| filter.matches(l))
                .map(|l| LogRow::new(l, None))
                .collect::<Vec<_>>()
        })
    });
    let key = Memo::new(move |_| {
        let oldest = state.sandbox.with(|sb| sb.oldest_log_number());
        (filter.get(), oldest)
    });
    let list = joined(key, recent, limit, move |(filter, _), from| async move {
        let (logs, next) = state.older_logs(&filter, from, PAGE).await?;
        let rows = logs
            .iter()
            .map(|(l, record)| LogRow::new(l, Some(record)))
            .collect();
        Ok((rows, next))
    });
    let found = lookup(selected, hint, move |id, hint| async move {
        state.find_log(&id, &hint).await
    });
    let detail = move || {
        selected.get().map(|id| {
            detail(id, found.get(), "Request", |log, id| {
                let (method, path) = (method(&log), log.path.clone());
                let json = serde_json::to_value(&log).unwrap_or(Value::Null);
                view! {
                    <h2><span class="method">{method}</span> " " {path}</h2>
                    <p class="muted"><code>{id}</code></p>
                    <JsonView value=json />
                }
                .into_any()
            })
        })
    };
    let shown = Signal::derive(move || list.len());
    view! {
        <div class="workbench">
            <div class="workbench__list">
                <div class="filters">
                    <label class="field field--inline">
                        <span class="field__label">"Status"</span>
                        <select on:change=move |ev| status.set(match event_target_value(&ev).as_str() {
                            "succeeded" => Some(true),
                            "failed" => Some(false),
                            _ => None,
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
                    when=move || { shown.get() > 0 || !list.state.done.get() }
                    fallback=|| view! { <p class="muted">"No request matches. Requests appear when a workflow step, a form or the Event generator calls the sandbox API."</p> }
                >
                    <ul class="list" aria-label="Request logs">
                        {move || list.shown().into_iter().map(|row| {
                            let current = selected.with(|s| s.as_deref() == Some(row.id.as_str()));
                            let class = if row.status < 400 { "status status--ok" } else { "status status--failed" };
                            let href = row.href();
                            view! {
                                <li>
                                    <a
                                        class="list__item"
                                        href=crate::base::href(&href)
                                        aria-current=current.then_some("true")
                                    >
                                        <span class="list__title">
                                            <span class=class>{row.status}</span> " "
                                            <span class="method">{row.method}</span> " " {row.path}
                                        </span>
                                        <span class="list__meta">{row.id} " · " <Timestamp seconds=row.created /></span>
                                    </a>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </Show>
                <ListFooter shown=shown older=list.state limit=limit noun="requests" />
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
    // Counted and listed without reading more objects than are shown: the sandbox keeps
    // objects as text until something reads them.
    let counts = Memo::new(move |_| {
        state.sandbox.with(|sb| {
            CORE_TYPES
                .iter()
                .map(|t| (*t, sb.count_objects(t)))
                .collect::<Vec<_>>()
        })
    });
    let total = Memo::new(move |_| {
        let kind = kind.get();
        state.sandbox.with(|sb| sb.count_objects(&kind))
    });
    let rows = Memo::new(move |_| {
        let (kind, limit) = (kind.get(), limit.get());
        state.sandbox.with(|sb| {
            sb.objects(&kind)
                .take(limit)
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
                            href=crate::base::href(&format!("/workbench?tab=objects&type={t}"))
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
                        {move || rows.with(|rows| rows.iter().map(|(id, text, created)| {
                            let current = selected.with(|s| s.as_deref() == Some(id.as_str()));
                            view! {
                                <li>
                                    <a
                                        class="list__item"
                                        href=crate::base::href(&format!("/workbench?tab=objects&type={}&id={id}", kind.get_untracked()))
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
                <ListFooter shown=Signal::derive(move || total.get()) limit=limit noun="objects" />
            </div>
            <div class="workbench__detail card">
                {move || detail().unwrap_or_else(|| pick("an object"))}
            </div>
        </div>
    }
}

/// "Showing 100 of 2,345" and **Show more**, for a list wholly in memory.
#[component]
fn ListFooter(
    shown: Signal<usize>,
    limit: RwSignal<usize>,
    noun: &'static str,
    /// For a list that goes on in storage: whether it has more, is reading, or failed.
    #[prop(optional)]
    older: Option<OlderState>,
) -> impl IntoView {
    let more_in_storage = move || older.is_some_and(|o| !o.done.get());
    let has_more = move || shown.get() > limit.get() || more_in_storage();
    view! {
        {move || older.and_then(|o| o.error.get()).map(|e| view! {
            <p class="field__error" role="alert">{format!("Older {noun} could not be read: {e}")}</p>
        })}
        <Show when=move || older.is_some_and(|o| o.loading.get())>
            <p class="list__footer muted" role="status">{format!("Reading older {noun} from storage…")}</p>
        </Show>
        <Show when=has_more>
            <p class="list__footer">
                {move || {
                    let (limit, shown) = (limit.get(), shown.get());
                    if more_in_storage() {
                        format!("Showing {} {noun}; older ones are in storage", limit.min(shown))
                    } else {
                        format!("Showing {limit} of {shown} {noun}")
                    }
                }} " "
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

/// What the detail pane says for an id the history does not hold.
fn gone(what: &str, id: &str) -> AnyView {
    let days = 2 * RERUN_WINDOW_SECONDS / 86_400;
    let text = format!(
        "{what} {id} is not in the sandbox history: history older than {days} days of sandbox time is removed, and a reset empties it."
    );
    view! { <p class="muted">{text}</p> }.into_any()
}

/// What the detail pane says while storage is searched.
fn looking() -> AnyView {
    view! { <p class="muted" role="status">"Looking for it in the stored history…"</p> }.into_any()
}

/// What the detail pane says when storage could not be read.
fn failed(error: &str) -> AnyView {
    let text = format!("The stored history could not be read: {error}");
    view! { <p class="field__error" role="alert">{text}</p> }.into_any()
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
