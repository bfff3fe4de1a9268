//! The **Events** tab: every event of the sandbox, newest first, filtered by type (a
//! prefix such as `customer.`) and searched by id; memory's first, then storage's.

use leptos::prelude::*;
use sandflow_engine::sandbox::event_types;
use sandflow_engine::Event;

use super::list::{detail, joined, lookup, pick, ListFooter};
use super::PAGE;
use crate::components::json_view::{JsonView, EVENT_OBJECT};
use crate::components::timestamp::Timestamp;
use crate::state::{use_app, EventFilter, Hint};

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
        super::list::item_href("events", &self.id, self.record.as_deref())
    }
}

/// The **Events** tab.
#[component]
pub(super) fn EventsTab(selected: Memo<Option<String>>, hint: Memo<Hint>) -> impl IntoView {
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
            detail(id, found.get(), tr!("Event"), |event, id| {
                let json = event.to_value();
                view! {
                    <h2>{event.kind.clone()}</h2>
                    <p class="muted"><code>{id}</code></p>
                    <JsonView value=json open_to=EVENT_OBJECT />
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
                        <span class="field__label">{tr!("Filter by type")}</span>
                        <input type="search" placeholder="customer." list="workbench-event-types" bind:value=kind />
                    </label>
                    <datalist id="workbench-event-types">
                        {event_types().iter().map(|t| view! { <option value=t.kind>{t.label}</option> }).collect_view()}
                    </datalist>
                    <label class="field field--inline">
                        <span class="field__label">{tr!("Search by id")}</span>
                        <input type="search" placeholder="evt_" bind:value=id />
                    </label>
                </div>
                <ul class="list" aria-label=tr!("Events")>
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
                    older=Signal::derive(move || list.progress())
                    limit=limit
                    noun=tr!("events")
                />
            </div>
            <div class="workbench__detail card">
                {move || detail().unwrap_or_else(|| pick(tr!("an event")))}
            </div>
        </div>
    }
}
