//! One run of a workflow, step by step.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The run page (`/workflows/:id/runs/:run_id`).
#[component]
pub fn RunPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("run_id").unwrap_or_default();
    view! { <h1>"Run " {id}</h1> }
}
