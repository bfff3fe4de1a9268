//! How much room the browser gives Sandflow's storage, and asking it to keep the data.
//!
//! A browser may delete a site's storage when the disk runs low, unless the site's storage
//! is persistent: `navigator.storage.persist()` asks for that (once, at start-up; the
//! browser decides, by engagement or by asking the person), and
//! `navigator.storage.estimate()` tells how much is used and how much is allowed, so the
//! page can say it before anything is lost.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{StorageEstimate, StorageManager};

/// Below this many bytes left, the room is low whatever the quota (50 MB: a few bulk
/// sends of 10,000 events).
const LOW_BYTES: f64 = 50.0 * 1024.0 * 1024.0;
/// Above this share of the quota used, the room is low.
const LOW_SHARE: f64 = 0.9;

/// What the browser says about this site's storage.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Room {
    /// Bytes used by the site: its IndexedDB database and the offline copy of the app.
    pub used: f64,
    /// Of those, bytes of the database (where the browser tells; Chromium does).
    pub data: Option<f64>,
    /// Bytes the site may use in all.
    pub quota: f64,
    /// Whether the browser keeps the data even when the disk runs low.
    pub persisted: bool,
}

impl Room {
    /// Bytes the site may still write.
    pub fn left(&self) -> f64 {
        (self.quota - self.used).max(0.0)
    }

    /// Whether so little is left that writes may soon be refused (under 50 MB, or over
    /// nine tenths of the quota used).
    pub fn is_low(&self) -> bool {
        self.left() < LOW_BYTES || self.used > self.quota * LOW_SHARE
    }
}

/// The browser's storage manager, where it has one (not in an insecure context).
fn manager() -> Option<StorageManager> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::has(&navigator, &JsValue::from_str("storage"))
        .ok()?
        .then(|| navigator.storage())
}

/// Asks the browser to keep the data when the disk runs low; resolves with its answer
/// (false where it cannot be asked).
pub async fn keep() -> bool {
    let Some(asked) = manager().and_then(|m| m.persist().ok()) else {
        return false;
    };
    JsFuture::from(asked)
        .await
        .ok()
        .and_then(|answer| answer.as_bool())
        .unwrap_or(false)
}

/// How much is stored and how much room is left, or `None` where the browser cannot say.
pub async fn room() -> Option<Room> {
    let manager = manager()?;
    let estimate: StorageEstimate = JsFuture::from(manager.estimate().ok()?).await.ok()?.into();
    let persisted = match manager.persisted() {
        Ok(asked) => JsFuture::from(asked).await.ok().and_then(|v| v.as_bool()),
        Err(_) => None,
    };
    // `usageDetails` is Chromium's, not in web-sys: read it as a plain object.
    let data = js_sys::Reflect::get(&estimate, &JsValue::from_str("usageDetails"))
        .ok()
        .filter(|details| details.is_object())
        .and_then(|details| js_sys::Reflect::get(&details, &JsValue::from_str("indexedDB")).ok())
        .and_then(|bytes| bytes.as_f64());
    Some(Room {
        used: estimate.get_usage().unwrap_or(0.0),
        data,
        quota: estimate.get_quota()?,
        persisted: persisted.unwrap_or(false),
    })
}
