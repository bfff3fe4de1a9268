//! The left navigation, as in Stripe's Dashboard. In a narrow window (a phone) it folds
//! into a top bar with a **Menu** button that opens it over the page; following a link or
//! pressing Escape closes it again.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::components::link::A;
use crate::components::reset_menu::ResetMenu;
use crate::components::storage_room::StorageRoom;

/// The sidebar: product name, then one link per page.
#[component]
pub fn Sidebar() -> impl IntoView {
    let open = RwSignal::new(false);
    let location = use_location();
    // A page followed from the menu closes it.
    Effect::new(move || {
        location.pathname.track();
        open.set(false);
    });
    view! {
        <nav
            class="sidebar"
            class:sidebar--open=move || open.get()
            aria-label=tr!("Main")
            on:keydown=move |e| {
                if e.key() == "Escape" && open.get_untracked() {
                    open.set(false);
                    crate::components::focus::focus_soon(".sidebar__toggle");
                }
            }
        >
            <div class="sidebar__top">
                <a class="sidebar__brand" href=crate::base::href("/workflows")>
                    <img src="favicon.svg" alt="" width="24" height="24" />
                    <span>"Sandflow"</span>
                </a>
                <button
                    type="button"
                    class="button sidebar__toggle"
                    aria-expanded=move || open.get().to_string()
                    aria-controls="sidebar-menu"
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    {tr!("Menu")}
                </button>
            </div>
            <div class="sidebar__menu" id="sidebar-menu">
            <span class="sidebar__mode">{tr!("Sandbox")}</span>
            <ul class="sidebar__links">
                <li><A href="/workflows">{tr!("Workflows")}</A></li>
                <li><A href="/customers">{tr!("Customers")}</A></li>
                <li><A href="/event-generator">{tr!("Event generator")}</A></li>
                <li><A href="/workbench">{tr!("Workbench")}</A></li>
                <li><A href="/outbox">{tr!("Outbox")}</A></li>
            </ul>
            <ResetMenu />
            <StorageRoom />
            </div>
        </nav>
    }
}
