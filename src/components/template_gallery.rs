//! The template gallery: Stripe's documented use cases and a few more, each a ready-made
//! workflow; choosing one creates an editable, inactive copy and opens it, as **New
//! workflow** opens the blank one it creates ([`open_created`]).

use std::fmt::Display;
use std::future::Future;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use sandflow_engine::templates;

use crate::state::{on_demand, use_app};

/// Cards for every template in the engine's gallery.
#[component]
pub fn TemplateGallery() -> impl IntoView {
    let app = use_app();
    let navigate = use_navigate();
    let refusal = RwSignal::new(None::<String>);
    let choose = Callback::new(move |index: usize| {
        open_created(
            navigate.clone(),
            on_demand::add_template(app, index),
            move |e| {
                refusal.try_set(Some(trf!("Not created: {e}", e = e)));
            },
        );
    });
    view! {
        <section class="templates" aria-labelledby="templates-heading">
            <h2 id="templates-heading">{tr!("Start from a template")}</h2>
            {move || refusal.get().map(|r| view! { <div class="callout callout--danger" role="alert">{r}</div> })}
            <ul class="templates__grid">
                {templates().into_iter().enumerate().map(|(i, t)| view! {
                    <li class="template-card">
                        <h3>{crate::i18n::catalog::template_name(crate::i18n::lang(), &t)}</h3>
                        <p class="muted">{crate::i18n::catalog::template_description(crate::i18n::lang(), &t)}</p>
                        <button type="button" class="button" aria-label=trf!("Use template {name}", name = crate::i18n::catalog::template_name(crate::i18n::lang(), &t)) disabled=move || !app.ready.get() on:click=move |_| choose.run(i)>
                            {tr!("Use template")}
                        </button>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// What the history entry of a workflow just made says, so that its editor puts focus in
/// the name box, the person's next step.
pub const JUST_CREATED: &str = "just-created";

/// Opens the workflow `created` makes once it is stored, or hands `refused` the reason.
pub fn open_created<E: Display>(
    navigate: impl Fn(&str, NavigateOptions) + 'static,
    created: impl Future<Output = Result<String, E>> + 'static,
    refused: impl FnOnce(String) + 'static,
) {
    leptos::task::spawn_local(async move {
        match created.await {
            Ok(id) => navigate(
                &format!("/workflows/{id}"),
                NavigateOptions {
                    state: JUST_CREATED.into(),
                    ..NavigateOptions::default()
                },
            ),
            Err(e) => refused(e.to_string()),
        }
    });
}
