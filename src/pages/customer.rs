//! One customer of the sandbox: its JSON, an edit form (`customers.update`, which fires
//! `customer.updated` with `previous_attributes`) and deletion after a confirmation
//! (`customers.delete`, which fires `customer.deleted`).

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use sandflow_engine::sandbox::{customer_update_params, ApiError, CustomerEdit};
use serde_json::{Map, Value};

use crate::components::json_view::JsonView;
use crate::components::link::A;
use crate::components::metadata_editor::{metadata_map, MetadataEditor, MetadataRow};
use crate::components::modal::Modal;
use crate::state::use_app;

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
    let on_saved = Callback::new(move |message: String| {
        editing.set(false);
        outcome.set(Some(Ok(message)));
    });

    view! {
        <p class="crumbs"><A href="/customers">"Customers"</A></p>
        <Show
            when=move || customer.with(Option::is_some)
            fallback=move || view! {
                <header class="page-header"><h1>"Customer not found"</h1></header>
                <p>"There is no customer " <code>{id}</code> " in the sandbox. It may have been created before a reset. "
                   <A href="/customers">"Back to Customers"</A></p>
            }
        >
            <header class="page-header">
                <h1>{title}</h1>
                <Show when=move || !deleted()>
                    <div class="page-header__actions">
                        <button type="button" class="button" on:click=move |_| { outcome.set(None); editing.set(true) }>
                            "Edit customer"
                        </button>
                        <button type="button" class="button button--danger" on:click=move |_| confirming.set(true)>
                            "Delete customer"
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
                    <EditCustomer customer=c on_close=Callback::new(move |()| editing.set(false)) on_saved=on_saved />
                })}
            </Show>
            <section class="card">
                <h2>"Customer object"</h2>
                <JsonView value=Signal::derive(move || customer.get().unwrap_or(Value::Null)) />
            </section>
        </Show>
        <Show when=move || confirming.get()>
            <Modal title="Delete customer" on_close=Callback::new(move |()| confirming.set(false))>
                <p>"Delete " <strong>{title}</strong> "? This is permanent: the customer is deleted on the sandbox account, its subscriptions are canceled and customer.deleted fires."</p>
                <div class="form__actions">
                    <button type="button" class="button" on:click=move |_| confirming.set(false)>"Cancel"</button>
                    <button type="button" class="button button--danger" on:click=move |_| delete.run(())>"Delete"</button>
                </div>
            </Modal>
        </Show>
    }
}

/// The edit dialog; only changed fields are sent, as the Dashboard does (the engine's
/// [`customer_update_params`] says which).
#[component]
fn EditCustomer(
    customer: Value,
    on_close: Callback<()>,
    on_saved: Callback<String>,
) -> impl IntoView {
    let state = use_app();
    let original = StoredValue::new(customer.clone());
    let field = |key: &str| RwSignal::new(customer[key].as_str().unwrap_or_default().to_owned());
    let name = field("name");
    let email = field("email");
    let description = field("description");
    let phone = field("phone");
    let metadata = RwSignal::new(
        customer["metadata"]
            .as_object()
            .map(|m| {
                m.iter()
                    .map(|(k, v)| MetadataRow::new(k.clone(), v.as_str().unwrap_or_default()))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default(),
    );
    let error = RwSignal::new(None::<ApiError>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let before = original.get_value();
        let edit = CustomerEdit {
            name: name.get_untracked(),
            email: email.get_untracked(),
            description: description.get_untracked(),
            phone: phone.get_untracked(),
            metadata: metadata_map(&metadata.get_untracked()),
        };
        let mut params = customer_update_params(&before, &edit);
        if params.is_empty() {
            on_close.run(());
            return;
        }
        params.insert("customer".to_owned(), before["id"].clone());
        leptos::task::spawn_local(async move {
            match state.call("customers.update".to_owned(), params).await {
                Ok((_, runs)) => {
                    on_saved.run(format!(
                        "Saved: customer.updated fired with the previous values. {}",
                        match runs {
                            0 => "No workflow ran.".to_owned(),
                            1 => "1 workflow run started.".to_owned(),
                            n => format!("{n} workflow runs started."),
                        }
                    ));
                }
                Err(e) => {
                    error.try_set(Some(e.into_api_error()));
                }
            }
        });
    };

    view! {
        <Modal title="Edit customer" on_close=on_close>
            <form class="form" on:submit=submit novalidate>
                <label class="field"><span class="field__label">"Name"</span><input type="text" bind:value=name /></label>
                <label class="field"><span class="field__label">"Email"</span><input type="email" bind:value=email /></label>
                <label class="field"><span class="field__label">"Description"</span><input type="text" bind:value=description /></label>
                <label class="field"><span class="field__label">"Phone"</span><input type="tel" bind:value=phone /></label>
                <MetadataEditor rows=metadata />
                {move || error.get().map(|e| view! { <p class="form__error" role="alert">{e.message}</p> })}
                <div class="form__actions">
                    <button type="button" class="button" on:click=move |_| on_close.run(())>"Cancel"</button>
                    <button type="submit" class="button button--primary">"Save changes"</button>
                </div>
            </form>
        </Modal>
    }
}
