//! The small coloured badge that says whether a workflow is Active or Inactive.

use leptos::prelude::*;
use sandflow_engine::Status;

/// "Active" in green or "Inactive" in grey.
#[component]
pub fn StatusBadge(
    /// The workflow's status.
    #[prop(into)]
    status: Signal<Status>,
) -> impl IntoView {
    let active = move || status.get() == Status::Active;
    view! {
        <span class="badge" class:badge--active=active class:badge--inactive=move || !active()>
            {move || if active() { {tr!("Active")} } else { {tr!("Inactive")} }}
        </span>
    }
}
