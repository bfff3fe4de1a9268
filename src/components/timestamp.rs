//! Sandbox times and durations as people read them.
//!
//! Sandbox time is Unix seconds on the account's own clock, which the person can move
//! forward; it is always shown in UTC so every screen, test and screenshot reads the same.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// A sandbox time in the interface's language, by the browser's `Intl`, always in UTC:
/// `Jan 5, 2025, 14:03:07 UTC`, `5 janv. 2025, 14:03:07 UTC` (the number itself out of range).
pub fn format_time(seconds: i64) -> String {
    crate::i18n::format::date_time(seconds).unwrap_or_else(|| seconds.to_string())
}

/// The UTC day of a sandbox time in the interface's language: `Jan 5, 2025`, `5 janv. 2025`.
pub fn format_day(seconds: i64) -> String {
    crate::i18n::format::date(seconds).unwrap_or_else(|| seconds.to_string())
}

/// `2025-01-05T14:03:07.000Z`, or the number itself when it is out of the date range.
fn iso(seconds: i64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(seconds as f64 * 1000.0));
    if date.get_time().is_nan() {
        return seconds.to_string();
    }
    String::from(date.to_iso_string())
}

/// A duration in sandbox seconds: `< 1 s`, `42 s`, `3 min 5 s`, `2 h 10 min`, `3 d 4 h`.
fn format_duration(seconds: i64) -> String {
    match seconds {
        s if s < 1 => "< 1 s".to_owned(),
        s if s < 60 => format!("{s} s"),
        s if s < 3_600 => format!("{} min {} s", s / 60, s % 60),
        s if s < 86_400 => format!("{} h {} min", s / 3_600, (s % 3_600) / 60),
        s => trf!("{d} d {h} h", d = s / 86_400, h = (s % 86_400) / 3_600),
    }
}

/// How long a run or a step took: the wall-clock milliseconds measured while it ran
/// (`0.42 ms`, `18 ms`, `1.2 s`), or, for runs stored before steps were timed, its span of
/// sandbox time.
pub fn format_took(millis: Option<f64>, seconds: i64) -> String {
    match millis {
        Some(ms) if ms < 10.0 => format!("{} ms", crate::i18n::format::decimal(ms, 2)),
        Some(ms) if ms < 1_000.0 => format!("{ms:.0} ms"),
        Some(ms) => format!("{} s", crate::i18n::format::decimal(ms / 1_000.0, 1)),
        None => format_duration(seconds),
    }
}

/// A `<time>` element showing a sandbox time in UTC.
#[component]
pub fn Timestamp(
    /// Unix seconds of sandbox time.
    #[prop(into)]
    seconds: Signal<i64>,
) -> impl IntoView {
    view! {
        <time datetime=move || iso(seconds.get())>{move || format_time(seconds.get())}</time>
    }
}
