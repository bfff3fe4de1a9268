//! The **Objects** tab: a compact browser of the account's objects by type (customers,
//! invoices, subscriptions, disputes, ...), each opening as JSON.

use leptos::prelude::*;
use sandflow_engine::sandbox::CORE_TYPES;
use serde_json::Value;

use super::list::{pick, ListFooter};
use super::PAGE;
use crate::components::json_view::JsonView;
use crate::components::timestamp::Timestamp;
use crate::state::use_app;

/// The **Objects** tab: a compact browser of the account's objects by type.
#[component]
pub(super) fn ObjectsTab(
    selected: Memo<Option<String>>,
    object_type: Memo<Option<String>>,
) -> impl IntoView {
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
            None => view! { <p class="muted">{tr!("There is no object")} " " <code>{id}</code> " " {tr!("in the sandbox.")}</p> }.into_any(),
        })
    };
    view! {
        <div class="workbench">
            <div class="workbench__list">
                <nav class="type-list" aria-label=tr!("Object types")>
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
                    fallback=move || view! { <p class="muted">{move || trf!("No {kind} objects in the sandbox yet.", kind = kind.get())}</p> }
                >
                    <ul class="list" aria-label=tr!("Objects")>
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
                <ListFooter shown=Signal::derive(move || total.get()) limit=limit noun=tr!("objects") />
            </div>
            <div class="workbench__detail card">
                {move || detail().unwrap_or_else(|| pick(tr!("an object")))}
            </div>
        </div>
    }
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
        .map(|a| match object["currency"].as_str() {
            Some(currency) => crate::i18n::format::money(a, currency),
            None => crate::i18n::format::count(a as f64),
        });
    let status = object["status"].as_str();
    let mut parts = vec![kind.to_owned()];
    parts.extend(name.map(str::to_owned));
    parts.extend(amount);
    parts.extend(status.map(str::to_owned));
    parts.join(" · ")
}
