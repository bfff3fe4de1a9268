//! One customer of the sandbox: its JSON, an edit form (`customers.update`, which fires
//! `customer.updated` with `previous_attributes`) and deletion after a confirmation
//! (`customers.delete`, which fires `customer.deleted`).

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use serde_json::{Map, Value};

use crate::components::customer_form::{runs_started, CustomerForm};
use crate::components::json_view::JsonView;
use crate::components::link::A;
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
