//! The sandbox's customers, and the seed's own test: **+ New customer**, fill in the form,
//! **Add customer**; `customers.create` runs on the sandbox as the Dashboard would call it,
//! so `customer.created` fires and reaches the active workflows.

use leptos::prelude::*;
use serde_json::Value;

use crate::components::customer_form::{runs_started, CustomerForm};
use crate::components::empty_state::EmptyState;
use crate::components::link::A;
use crate::components::timestamp::Timestamp;
use crate::state::use_app;

/// Customers listed before **Show more**.
const PAGE: usize = 100;

/// Lists the customers of the simulated Stripe account and creates new ones.
#[component]
pub fn CustomersPage() -> impl IntoView {
    let state = use_app();
    let creating = RwSignal::new(false);
    let created = RwSignal::new(None::<(String, usize)>);
    let shown = RwSignal::new(PAGE);

    // Only the rows shown are read: the sandbox keeps objects as text until they are.
    let total = Memo::new(move |_| state.sandbox.with(|sb| sb.count_objects("customer")));
    let customers = Memo::new(move |_| {
        let shown = shown.get();
        state.sandbox.with(|sb| {
            sb.objects("customer")
                .take(shown)
                .map(|c| {
                    (
                        text(c, "id"),
                        text(c, "name"),
                        text(c, "email"),
                        c["created"].as_i64().unwrap_or_default(),
                    )
                })
                .collect::<Vec<_>>()
        })
    });

    let on_created = Callback::new(move |(id, runs): (String, usize)| {
        creating.set(false);
        created.set(Some((id, runs)));
    });

    view! {
        <header class="page-header">
            <h1>{tr!("Customers")}</h1>
            <p class="muted" data-testid="customer-count">
                {move || {
                    let n = total.get();
                    trn!(n, "{n} customer", "{n} customers", n = crate::i18n::format::count(n as f64))
                }}
            </p>
            <button type="button" class="button button--primary" disabled=move || !state.ready.get() on:click=move |_| creating.set(true)>
                {tr!("+ New customer")}
            </button>
        </header>
        {move || created.get().map(|(id, runs)| {
            let started = runs_started(runs);
            view! {
                <p class="callout callout--success" role="status">
                    {tr!("Customer")} " " <A href=format!("/customers/{id}")>{id.clone()}</A>
                    " created: customer.created fired. " {started}
                </p>
            }
        })}
        <Show
            when=move || !customers.with(Vec::is_empty)
            fallback=|| view! {
                <EmptyState
                    title=tr!("No customers yet")
                    text=tr!("Customers of your sandbox account appear here. Creating one fires customer.created, which can trigger your workflows.")
                />
            }
        >
            <table class="table card">
                <thead>
                    <tr><th>{tr!("Name")}</th><th>{tr!("Email")}</th><th>{tr!("Created")}</th></tr>
                </thead>
                <tbody>
                    <For
                        each=move || customers.get()
                        key=|c| c.clone()
                        children=|(id, name, email, created)| {
                            let label = if name.is_empty() { id.clone() } else { name };
                            view! {
                                <tr>
                                    <td><A href=format!("/customers/{id}")>{label}</A></td>
                                    <td>{email}</td>
                                    <td><Timestamp seconds=created /></td>
                                </tr>
                            }
                        }
                    />
                </tbody>
            </table>
            <Show when=move || { total.get() > shown.get() }>
                <p class="list__footer">
                    {move || trf!("Showing {shown} of {total} customers", shown = crate::i18n::format::count(shown.get() as f64), total = crate::i18n::format::count(total.get() as f64))}
                    " "
                    <button type="button" class="button button--small" on:click=move |_| shown.update(|n| *n += PAGE)>
                        {tr!("Show more")}
                    </button>
                </p>
            </Show>
        </Show>
        <Show when=move || creating.get()>
            <CustomerForm customer=None on_close=Callback::new(move |()| creating.set(false)) on_saved=on_created />
        </Show>
    }
}

fn text(object: &Value, key: &str) -> String {
    object[key].as_str().unwrap_or_default().to_owned()
}
