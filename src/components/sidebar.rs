//! The left navigation, as in Stripe's Dashboard.

use leptos::prelude::*;

use crate::components::link::A;
use crate::components::reset_menu::ResetMenu;
use crate::components::storage_room::StorageRoom;

/// The sidebar: product name, then one link per page.
#[component]
pub fn Sidebar() -> impl IntoView {
    view! {
        <nav class="sidebar" aria-label=tr!("Main")>
            <a class="sidebar__brand" href=crate::base::href("/workflows")>
                <img src="favicon.svg" alt="" width="24" height="24" />
                <span>"Sandflow"</span>
            </a>
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
        </nav>
    }
}
