//! The **Logs** tab: every API request of the sandbox, filtered by status and by run;
//! memory's first, then storage's.

use leptos::prelude::*;
use sandflow_engine::sandbox::RequestLog;
use serde_json::Value;

use super::list::{detail, joined, lookup, pick, ListFooter};
use super::PAGE;
use crate::components::json_view::JsonView;
use crate::components::timestamp::Timestamp;
use crate::state::{use_app, Hint, LogFilter};

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
        super::list::item_href("logs", &self.id, self.record.as_deref())
    }
}

/// The **Logs** tab. `run` (from the address) prefills the run filter, and tells where to
/// look for a selected request that memory no longer holds.
#[component]
pub(super) fn LogsTab(
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
            detail(id, found.get(), tr!("Request"), |log, id| {
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
                        <span class="field__label">{tr!("Status")}</span>
                        <select on:change=move |ev| status.set(match event_target_value(&ev).as_str() {
                            "succeeded" => Some(true),
                            "failed" => Some(false),
                            _ => None,
                        })>
                            <option value="all">{tr!("All")}</option>
                            <option value="succeeded">{tr!("Succeeded (2xx)")}</option>
                            <option value="failed">{tr!("Failed (4xx, 5xx)")}</option>
                        </select>
                    </label>
                    <label class="field field--inline">
                        <span class="field__label">{tr!("Filter by run")}</span>
                        <input type="search" placeholder="wfrun_" bind:value=run_text />
                    </label>
                </div>
                <Show
                    when=move || { shown.get() > 0 || !list.progress().done }
                    fallback=|| view! { <p class="muted">{tr!("No request matches. Requests appear when a workflow step, a form or the Event generator calls the sandbox API.")}</p> }
                >
                    <ul class="list" aria-label=tr!("Request logs")>
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
                <ListFooter shown=shown older=Signal::derive(move || list.progress()) limit=limit noun=tr!("requests") />
            </div>
            <div class="workbench__detail card">
                {move || detail().unwrap_or_else(|| pick(tr!("a request")))}
            </div>
        </div>
    }
}

fn method(log: &RequestLog) -> String {
    format!("{:?}", log.method).to_uppercase()
}
