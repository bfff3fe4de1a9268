//! The sidebar's reset actions, each behind a confirmation: empty the sandbox account, or
//! delete everything Sandflow stored in this browser.

use leptos::prelude::*;

use crate::components::modal::Modal;
use crate::state::{on_demand, use_app};

/// Which reset the person asked for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reset {
    Sandbox,
    Everything,
}

/// "Reset sandbox" and "Reset everything" buttons with their confirmation dialogs.
#[component]
pub fn ResetMenu() -> impl IntoView {
    let state = use_app();
    let asking = RwSignal::new(None::<Reset>);
    let close = Callback::new(move |()| asking.set(None));
    let confirm = move |_| {
        let which = asking.get_untracked();
        asking.set(None);
        leptos::task::spawn_local(async move {
            let result = match which {
                Some(Reset::Sandbox) => on_demand::reset_sandbox(state).await,
                Some(Reset::Everything) => on_demand::reset_everything(state).await,
                None => Ok(()),
            };
            if let Err(e) = result {
                state.notice.set(Some(trf!("Reset refused: {e}", e = e)));
            }
        });
    };
    view! {
        <div class="reset-menu">
            <button type="button" class="link-button" disabled=move || !state.ready.get() on:click=move |_| asking.set(Some(Reset::Sandbox))>
                {tr!("Reset sandbox")}
            </button>
            <button type="button" class="link-button" disabled=move || !state.ready.get() on:click=move |_| asking.set(Some(Reset::Everything))>
                {tr!("Reset everything")}
            </button>
        </div>
        {move || asking.get().map(|which| {
            let (title, text, button) = match which {
                Reset::Sandbox => (
                    tr!("Reset sandbox?"),
                    tr!("Customers, payments and every other sandbox object, the events, the request logs and the outbox are deleted. Workflows and their runs stay."),
                    tr!("Reset sandbox"),
                ),
                Reset::Everything => (
                    tr!("Reset everything?"),
                    tr!("Every workflow, every run and the whole sandbox are deleted from this browser. Export your workflows first if you want to keep them."),
                    tr!("Reset everything"),
                ),
            };
            view! {
                <Modal title=title on_close=close>
                    <p>{text}</p>
                    <div class="modal__actions">
                        <button type="button" class="button" on:click=move |_| close.run(())>{tr!("Cancel")}</button>
                        <button type="button" class="button button--danger" on:click=confirm>{button}</button>
                    </div>
                </Modal>
            }
        })}
    }
}
