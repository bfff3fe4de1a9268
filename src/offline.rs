//! The offline copy of the app: registers the service worker (`static/sw.js`) and says
//! when a new build is waiting.
//!
//! The worker serves the app from its cache, so a visit after a deployment still opens the
//! build the browser has; meanwhile the browser fetches the new `sw.js`, which copies the
//! new build and waits. The page then shows "A new version is ready" and moves to it only
//! when the person clicks **Reload** ([`reload_into_update`]): never in the middle of work.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState,
};

use crate::base;

/// The page's service worker container, where the browser has one (not in an insecure
/// context, nor in some private windows).
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker"))
        .ok()?
        .then(|| navigator.service_worker())
}

/// Registers the worker and returns whether a new build is waiting (true once one is).
pub fn register() -> ReadSignal<bool> {
    let (waiting, set_waiting) = signal(false);
    let Some(container) = container() else {
        return waiting;
    };
    leptos::task::spawn_local(async move {
        let registered = JsFuture::from(container.register(&base::href("/sw.js"))).await;
        // Checked, not assumed: a browser that refuses workers here (or a test harness that
        // blocks them) may resolve with nothing. The app then works as before, online only.
        let Some(registration) = registered
            .ok()
            .and_then(|r| r.dyn_into::<ServiceWorkerRegistration>().ok())
        else {
            return;
        };
        // A page the worker does not control yet is the first visit: its worker is the
        // first build the browser copies, not an update.
        let is_update = move || container.controller().is_some();
        if registration.waiting().is_some() && is_update() {
            set_waiting.set(true);
        }
        let found = registration.clone();
        let on_found = Closure::<dyn Fn()>::new(move || {
            let Some(worker) = found.installing() else {
                return;
            };
            let installed = worker.clone();
            let is_update = is_update.clone();
            let on_state = Closure::<dyn Fn()>::new(move || {
                if installed.state() == ServiceWorkerState::Installed && is_update() {
                    set_waiting.set(true);
                }
            });
            worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            // Kept as long as the worker it watches (one per new build).
            on_state.forget();
        });
        registration.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
        // The page's one registration, for as long as the page lives.
        on_found.forget();
    });
    waiting
}

/// Moves to the waiting build: lets its worker take over, then reloads this page once it
/// has. Other open tabs keep the build they run until they reload.
pub fn reload_into_update() {
    let reload = || {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    };
    let Some(container) = container() else {
        return reload();
    };
    leptos::task::spawn_local(async move {
        let waiting = JsFuture::from(container.get_registration())
            .await
            .ok()
            .and_then(|r| r.dyn_into::<ServiceWorkerRegistration>().ok())
            .and_then(|r| r.waiting());
        let Some(worker) = waiting else {
            // Another tab has already moved to it: this page only needs to load it.
            return reload();
        };
        let on_change = Closure::<dyn Fn()>::new(reload);
        container.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
        on_change.forget();
        activate(&worker);
    });
}

/// Asks a waiting worker to take over (static/sw.js listens for this message).
fn activate(worker: &ServiceWorker) {
    let _ = worker.post_message(&JsValue::from_str("activate-update"));
}
