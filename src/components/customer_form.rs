//! The customer form, in a dialog: **Name**, **Email**, **Description**, **Phone** and
//! metadata rows. One form creates a customer (`customers.create`, from **+ New
//! customer**) and edits one (`customers.update`, from **Edit customer**). Either way the
//! engine's [`customer_update_params`] says what is sent: only what changed, as the
//! Dashboard sends it, and from no customer at all, every field filled in.

use leptos::prelude::*;
use sandflow_engine::sandbox::{customer_update_params, ApiError, CustomerEdit};
use serde_json::Value;

use crate::components::key_value_rows::{KeyValue, KeyValueRows, RowLabels};
use crate::components::modal::Modal;
use crate::state::use_app;

/// The fields of the form with an error of their own under them.
const FIELDS: [&str; 4] = ["name", "email", "description", "phone"];

/// The create or edit dialog of a customer.
#[component]
pub fn CustomerForm(
    /// The customer edited, or `None` for a new one.
    customer: Option<Value>,
    /// Called when the person closes the form, or saves it unchanged.
    on_close: Callback<()>,
    /// Called with the customer's id and how many workflow runs the call started.
    on_saved: Callback<(String, usize)>,
) -> impl IntoView {
    let state = use_app();
    let before = customer.unwrap_or(Value::Null);
    let editing = !before.is_null();
    let text = |key: &str| RwSignal::new(before[key].as_str().unwrap_or_default().to_owned());
    let [name, email, description, phone] = FIELDS.map(text);
    let metadata = RwSignal::new(
        before["metadata"]
            .as_object()
            .map(|m| {
                m.iter()
                    .map(|(k, v)| KeyValue::new(k.clone(), v.as_str().unwrap_or_default()))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default(),
    );
    let before = StoredValue::new(before);
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
        let before = before.get_value();
        let edit = CustomerEdit {
            name: name.get_untracked(),
            email: email.get_untracked(),
            description: description.get_untracked(),
            phone: phone.get_untracked(),
            metadata: KeyValue::pairs(&metadata.get_untracked())
                .map(|(k, v)| (k, Value::String(v)))
                .collect(),
        };
        let mut params = customer_update_params(&before, &edit);
        let action = if editing {
            if params.is_empty() {
                on_close.run(());
                return;
            }
            params.insert("customer".to_owned(), before["id"].clone());
            "customers.update"
        } else {
            "customers.create"
        };
        leptos::task::spawn_local(async move {
            match state.call(action.to_owned(), params).await {
                Ok((customer, runs)) => {
                    let id = customer["id"].as_str().unwrap_or_default().to_owned();
                    on_saved.run((id, runs));
                }
                Err(e) => {
                    error.try_set(Some(e.into_api_error()));
                }
            }
        });
    };

    let labels = RowLabels {
        key: tr!("Key"),
        key_example: "tier",
        value_example: "gold",
        remove: tr!("Remove metadata row"),
        add: tr!("Add metadata"),
    };
    view! {
        <Modal title=if editing { {tr!("Edit customer")} } else { {tr!("New customer")} } on_close=on_close>
            <form class="form" on:submit=submit novalidate>
                <label class="field">
                    <span class="field__label">{tr!("Name")}</span>
                    <input type="text" autocomplete="off" bind:value=name />
                    {field_error("name")}
                </label>
                <label class="field">
                    <span class="field__label">{tr!("Email")}</span>
                    <input type="email" autocomplete="off" bind:value=email aria-invalid=move || error.with(|e| e.as_ref().is_some_and(|e| e.param.as_deref() == Some("email"))).to_string() />
                    {field_error("email")}
                </label>
                <label class="field">
                    <span class="field__label">{tr!("Description")}</span>
                    <input type="text" bind:value=description />
                    {field_error("description")}
                </label>
                <label class="field">
                    <span class="field__label">{tr!("Phone")}</span>
                    <input type="tel" bind:value=phone />
                    {field_error("phone")}
                </label>
                <fieldset class="fieldset">
                    <legend>{tr!("Metadata")}</legend>
                    <KeyValueRows rows=metadata labels=labels />
                </fieldset>
                {move || error.get().filter(|e| !FIELDS.contains(&e.param.as_deref().unwrap_or_default())).map(|e| {
                    view! { <p class="form__error" role="alert">{e.message}</p> }
                })}
                <div class="form__actions">
                    <button type="button" class="button" on:click=move |_| on_close.run(())>{tr!("Cancel")}</button>
                    <button type="submit" class="button button--primary" disabled=move || !state.ready.get()>
                        {if editing { {tr!("Save changes")} } else { {tr!("Add customer")} }}
                    </button>
                </div>
            </form>
        </Modal>
    }
}

/// What a call that fired events started, in a sentence: "1 workflow run started."
pub fn runs_started(runs: usize) -> String {
    match runs {
        0 => tr!("No workflow ran.").to_owned(),
        n => trn!(
            n,
            "{n} workflow run started.",
            "{n} workflow runs started.",
            n = n
        ),
    }
}
