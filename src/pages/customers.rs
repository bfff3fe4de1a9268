//! The sandbox's customers, and the seed's own test: **+ New customer**, fill in the form,
//! **Add customer**; `customers.create` runs on the sandbox as the Dashboard would call it,
//! so `customer.created` fires and reaches the active workflows.

use leptos::prelude::*;
use sandflow_engine::sandbox::ApiError;
use serde_json::{Map, Value};

use crate::components::empty_state::EmptyState;
use crate::components::link::A;
use crate::components::metadata_editor::{metadata_map, MetadataEditor, MetadataRow};
use crate::components::modal::Modal;
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
            <h1>"Customers"</h1>
            <p class="muted" data-testid="customer-count">
                {move || match total.get() {
                    1 => "1 customer".to_owned(),
                    n => format!("{n} customers"),
                }}
            </p>
            <button type="button" class="button button--primary" disabled=move || !state.ready.get() on:click=move |_| creating.set(true)>
                "+ New customer"
            </button>
        </header>
        {move || created.get().map(|(id, runs)| {
            let started = match runs {
                0 => "No workflow ran.".to_owned(),
                1 => "1 workflow run started.".to_owned(),
                n => format!("{n} workflow runs started."),
            };
            view! {
                <p class="callout callout--success" role="status">
                    "Customer " <A href=format!("/customers/{id}")>{id.clone()}</A>
                    " created: customer.created fired. " {started}
                </p>
            }
        })}
        <Show
            when=move || !customers.with(Vec::is_empty)
            fallback=|| view! {
                <EmptyState
                    title="No customers yet"
                    text="Customers of your sandbox account appear here. Creating one fires customer.created, which can trigger your workflows."
                />
            }
        >
            <table class="table card">
                <thead>
                    <tr><th>"Name"</th><th>"Email"</th><th>"Created"</th></tr>
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
                    {move || format!("Showing {} of {} customers", shown.get(), total.get())}
                    " "
                    <button type="button" class="button button--small" on:click=move |_| shown.update(|n| *n += PAGE)>
                        "Show more"
                    </button>
                </p>
            </Show>
        </Show>
        <Show when=move || creating.get()>
            <NewCustomerForm on_close=Callback::new(move |()| creating.set(false)) on_created=on_created />
        </Show>
    }
}

/// The **New customer** dialog.
#[component]
fn NewCustomerForm(on_close: Callback<()>, on_created: Callback<(String, usize)>) -> impl IntoView {
    let state = use_app();
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let metadata = RwSignal::new(Vec::<MetadataRow>::new());
    let error = RwSignal::new(None::<ApiError>);

    let field_error = move |param: &'static str| {
        move || {
            error
                .get()
                .filter(|e| e.param.as_deref() == Some(param))
                .map(|e| view! { <span class="field__error" role="alert">{e.message}</span> })
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let mut params = Map::new();
        for (key, signal) in [
            ("name", name),
            ("email", email),
            ("description", description),
            ("phone", phone),
        ] {
            let v = signal.get_untracked();
            if !v.trim().is_empty() {
                params.insert(key.to_owned(), Value::String(v.trim().to_owned()));
            }
        }
        let meta = metadata_map(&metadata.get_untracked());
        if !meta.is_empty() {
            params.insert("metadata".to_owned(), Value::Object(meta));
        }
        leptos::task::spawn_local(async move {
            match state.call("customers.create".to_owned(), params).await {
                Ok((customer, runs)) => {
                    on_created.run((text(&customer, "id"), runs));
                }
                Err(e) => {
                    error.try_set(Some(e.into_api_error()));
                }
            }
        });
    };

    view! {
        <Modal title="New customer" on_close=on_close>
            <form class="form" on:submit=submit novalidate>
                <label class="field">
                    <span class="field__label">"Name"</span>
                    <input type="text" autocomplete="off" bind:value=name />
                    {field_error("name")}
                </label>
                <label class="field">
                    <span class="field__label">"Email"</span>
                    <input
                        type="email"
                        autocomplete="off"
                        bind:value=email
                        aria-invalid=move || error.with(|e| e.as_ref().is_some_and(|e| e.param.as_deref() == Some("email"))).to_string()
                    />
                    {field_error("email")}
                </label>
                <label class="field">
                    <span class="field__label">"Description"</span>
                    <input type="text" bind:value=description />
                    {field_error("description")}
                </label>
                <label class="field">
                    <span class="field__label">"Phone"</span>
                    <input type="tel" bind:value=phone />
                    {field_error("phone")}
                </label>
                <MetadataEditor rows=metadata />
                {move || error.get().filter(|e| !matches!(e.param.as_deref(), Some("name" | "email" | "description" | "phone"))).map(|e| {
                    view! { <p class="form__error" role="alert">{e.message}</p> }
                })}
                <div class="form__actions">
                    <button type="button" class="button" on:click=move |_| on_close.run(())>"Cancel"</button>
                    <button type="submit" class="button button--primary" disabled=move || !state.ready.get()>"Add customer"</button>
                </div>
            </form>
        </Modal>
    }
}

fn text(object: &Value, key: &str) -> String {
    object[key].as_str().unwrap_or_default().to_owned()
}
