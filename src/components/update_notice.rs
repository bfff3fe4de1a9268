//! The quiet notice of a new build: "A new version is ready", with **Reload**.

use leptos::prelude::*;

use crate::offline;

/// Shown while a new build waits ([`offline::register`]); the page moves to it only when
/// the person clicks **Reload**, so nothing reloads in the middle of their work.
#[component]
pub fn UpdateNotice(
    /// Whether a new build is waiting.
    #[prop(into)]
    waiting: Signal<bool>,
) -> impl IntoView {
    move || {
        waiting.get().then(|| {
            view! {
                <div class="notice notice--update" role="status">
                    {tr!("A new version is ready.")} " "
                    <button type="button" class="link-button" on:click=|_| offline::reload_into_update()>{tr!("Reload")}</button>
                </div>
            }
        })
    }
}
