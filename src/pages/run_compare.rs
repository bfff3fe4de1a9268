//! **Compare** two runs of a workflow (`/workflows/:id/runs/:a/compare/:b`), chosen in
//! Recent runs: the engine's run diff, aligned by step id across versions. The address
//! names both runs, so a comparison can be linked to.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use sandflow_engine::{run_diff, Version};

use crate::components::empty_state::EmptyState;
use crate::components::link::A;
use crate::components::run_diff_view::RunDiffView;
use crate::state::use_app;

/// The run comparison page.
#[component]
pub fn RunComparePage() -> impl IntoView {
    let state = use_app();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let a = Memo::new(move |_| params.read().get("a").unwrap_or_default());
    let b = Memo::new(move |_| params.read().get("b").unwrap_or_default());
    let runs = LocalResource::new(move || {
        let (a, b) = (a.get(), b.get());
        state.ready.track();
        async move {
            let first = state.run(a.clone()).await.map_err(|e| e.to_string())?;
            let second = state.run(b.clone()).await.map_err(|e| e.to_string())?;
            match (first, second) {
                (Some(first), Some(second)) => Ok((first, second)),
                (None, _) => Err(trf!(
                    "Run {run} is not stored: it may have been deleted.",
                    run = a
                )),
                (_, None) => Err(trf!(
                    "Run {run} is not stored: it may have been deleted.",
                    run = b
                )),
            }
        }
    });
    view! {
        <header class="page-header">
            <div>
                <A href=move || format!("/workflows/{}", id.get()) attr:class="back-link">{tr!("← Workflow")}</A>
                <h1>{tr!("Compare runs")}</h1>
            </div>
        </header>
        {move || match runs.get() {
            None => view! { <p class="muted">{tr!("Loading…")}</p> }.into_any(),
            Some(Err(why)) => view! {
                <EmptyState title=tr!("Nothing to compare") text=why>
                    <A href=move || format!("/workflows/{}", id.get())>{tr!("Back to the workflow")}</A>
                </EmptyState>
            }.into_any(),
            Some(Ok((first, second))) => {
                let diff = run_diff(&first, &second);
                let a_label = format!("A ({})", Version::label(first.workflow.version));
                let b_label = format!("B ({})", Version::label(second.workflow.version));
                view! {
                    <section class="card" aria-label=tr!("Run differences")>
                        <RunDiffView diff=diff a_label=a_label b_label=b_label />
                    </section>
                }.into_any()
            }
        }}
    }
}
