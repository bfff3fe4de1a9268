//! Small UI preferences, kept in local storage with `gloo-storage` (IndexedDB is for data).
//! A missing or unreadable preference falls back to its default.

use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};

const KEY: &str = "sandflow.prefs";

/// The preferences this browser remembers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// The last page visited, reopened when Sandflow is opened at its root address.
    pub last_page: Option<String>,
    /// The width of the editor's configuration panel, in pixels.
    pub panel_width: Option<u32>,
    /// The interface language the person picked (`en`, `fr`); none follows the browser's.
    pub lang: Option<String>,
}

impl Prefs {
    /// The stored preferences, or the defaults.
    pub fn load() -> Prefs {
        LocalStorage::get(KEY).unwrap_or_default()
    }

    /// Remembers the preferences; local storage being full or disabled only loses them.
    pub fn save(&self) {
        let _ = LocalStorage::set(KEY, self);
    }

    /// Remembers `path` as the last page, if it is one of the app's pages.
    pub fn remember_page(path: &str) {
        if path.len() > 1 && path.starts_with('/') {
            let mut prefs = Prefs::load();
            if prefs.last_page.as_deref() != Some(path) {
                prefs.last_page = Some(path.to_owned());
                prefs.save();
            }
        }
    }

    /// Remembers the interface language picked with the switch.
    pub fn remember_lang(code: &str) {
        let mut prefs = Prefs::load();
        prefs.lang = Some(code.to_owned());
        prefs.save();
    }

    /// Remembers the editor's configuration panel width.
    pub fn remember_panel_width(width: u32) {
        let mut prefs = Prefs::load();
        prefs.panel_width = Some(width);
        prefs.save();
    }
}
