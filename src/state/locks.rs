//! The Web Locks API (`navigator.locks`), for work that only one tab may do at a time.
//!
//! web-sys has `LockManager` only behind its unstable-APIs flag, so the one call needed is
//! made through `js_sys::Reflect`. [`acquire`] waits until the lock is granted and returns
//! a guard; the lock is let go when the guard is dropped (the promise the lock callback
//! returned then settles). One non-generic function serves every caller, so holding a lock
//! costs the wasm nothing per use. Without the API (an insecure context, an old browser)
//! the guard holds nothing.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Holds an exclusive Web Lock until dropped.
pub struct LockGuard {
    release: Option<Function>,
}

impl Drop for LockGuard {
    fn drop(&mut self) {
        if let Some(release) = self.release.take() {
            let _ = release.call0(&JsValue::NULL);
        }
    }
}

/// Waits for the exclusive lock `name`, shared by every tab of the origin.
pub async fn acquire(name: &str) -> LockGuard {
    let Some((locks, request)) = lock_manager() else {
        return LockGuard { release: None };
    };
    // `granted` settles when the callback runs (the lock is ours); the promise the
    // callback returns settles when the guard calls `release`.
    let release: Rc<RefCell<Option<Function>>> = Rc::new(RefCell::new(None));
    let kept = release.clone();
    let mut on_granted: Option<Function> = None;
    let granted = Promise::new(&mut |resolve, _reject| on_granted = Some(resolve));
    let callback = Closure::once_into_js(move |_lock: JsValue| -> Promise {
        Promise::new(&mut |resolve, _reject| {
            *kept.borrow_mut() = Some(resolve);
            if let Some(granted) = &on_granted {
                let _ = granted.call0(&JsValue::NULL);
            }
        })
    });
    let requested = request.call2(&locks, &JsValue::from_str(name), &callback);
    if requested.is_err() {
        return LockGuard { release: None };
    }
    let _ = JsFuture::from(granted).await;
    let release = release.borrow_mut().take();
    LockGuard { release }
}

/// Whether a request for the lock `name` is waiting (in this tab or another), so that a
/// long holder can let it in.
pub async fn is_wanted(name: &str) -> bool {
    let Some((locks, _)) = lock_manager() else {
        return false;
    };
    let query = Reflect::get(&locks, &JsValue::from_str("query"))
        .ok()
        .and_then(|q| q.dyn_into::<Function>().ok())
        .and_then(|q| q.call0(&locks).ok())
        .and_then(|p| p.dyn_into::<Promise>().ok());
    let Some(query) = query else {
        return false;
    };
    let Ok(snapshot) = JsFuture::from(query).await else {
        return false;
    };
    let pending = Reflect::get(&snapshot, &JsValue::from_str("pending")).unwrap_or_default();
    js_sys::Array::from(&pending).iter().any(|request| {
        Reflect::get(&request, &JsValue::from_str("name"))
            .ok()
            .and_then(|n| n.as_string())
            .is_some_and(|n| n == name)
    })
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
