//! The status badge of a run: **Succeeded**, **Failed**, **Running** (and **Interrupted**
//! for a run the page closed on).

use leptos::prelude::*;
use sandflow_engine::RunStatus;

/// The visible label of a run status.
pub fn status_label(status: RunStatus) -> &'static str {
    match status {
        RunStatus::Succeeded => tr!("Succeeded"),
        RunStatus::Failed => tr!("Failed"),
        RunStatus::Running => tr!("Running"),
        RunStatus::Interrupted => tr!("Interrupted"),
    }
}

/// A small coloured badge with the run's status.
#[component]
pub fn RunBadge(
    /// The status shown.
    #[prop(into)]
    status: Signal<RunStatus>,
) -> impl IntoView {
    let class = move || {
        let modifier = match status.get() {
            RunStatus::Succeeded => "success",
            RunStatus::Failed => "danger",
            RunStatus::Running => "info",
            RunStatus::Interrupted => "warn",
        };
        format!("badge badge--{modifier}")
    };
    view! { <span class=class>{move || status_label(status.get())}</span> }
}
