//! One customer of the sandbox: view, edit, delete.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The customer page (`/customers/:id`).
#[component]
pub fn CustomerPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    view! { <h1>"Customer " {id}</h1> }
}
