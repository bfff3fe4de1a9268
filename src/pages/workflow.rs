//! One workflow: its editor and its Recent runs.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The workflow page (`/workflows/:id`).
#[component]
pub fn WorkflowPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    view! { <h1>"Workflow " {id}</h1> }
}
