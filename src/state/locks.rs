//! The Web Locks API (`navigator.locks`), for work that only one tab may do at a time.
//!
//! web-sys has `LockManager` only behind its unstable-APIs flag, so the one call needed is
//! made through `js_sys::Reflect`. Without the API (an insecure context, an old browser)
//! the work runs without a lock.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

/// Runs `work` while holding the exclusive lock `name`, shared by every tab of the origin.
pub async fn with_lock<T: 'static>(name: &str, work: impl Future<Output = T> + 'static) -> T {
    let Some((locks, request)) = lock_manager() else {
        return work.await;
    };
    let slot: Rc<RefCell<Option<T>>> = Rc::new(RefCell::new(None));
    let out = slot.clone();
    let work = Rc::new(RefCell::new(Some(work)));
    let queued = work.clone();
    // The lock is held until the promise this callback returns settles.
    let callback = Closure::<dyn FnMut(JsValue) -> Promise>::new(move |_lock: JsValue| {
        let out = out.clone();
        let next = queued.borrow_mut().take();
        match next {
            Some(work) => future_to_promise(async move {
                *out.borrow_mut() = Some(work.await);
                Ok(JsValue::UNDEFINED)
            }),
            None => Promise::resolve(&JsValue::UNDEFINED),
        }
    });
    let granted = request
        .call2(
            &locks,
            &JsValue::from_str(name),
            callback.as_ref().unchecked_ref(),
        )
        .ok()
        .and_then(|p| p.dyn_into::<Promise>().ok());
    if let Some(granted) = granted {
        let _ = JsFuture::from(granted).await;
    }
    drop(callback);
    let done = slot.borrow_mut().take();
    if let Some(value) = done {
        return value;
    }
    // The request failed before the callback ran: nothing was done yet, do it unlocked.
    let left = work.borrow_mut().take();
    match left {
        Some(work) => work.await,
        None => panic!("the locked work ended without a result"),
    }
}

/// `navigator.locks` and its `request` method, when the browser has them.
fn lock_manager() -> Option<(JsValue, Function)> {
    let navigator = web_sys::window()?.navigator();
    let locks = Reflect::get(&navigator, &JsValue::from_str("locks")).ok()?;
    if locks.is_undefined() || locks.is_null() {
        return None;
    }
    let request = Reflect::get(&locks, &JsValue::from_str("request"))
        .ok()?
        .dyn_into::<Function>()
        .ok()?;
    Some((locks, request))
}
