//! Sandbox times and durations as people read them.
//!
//! Sandbox time is Unix seconds on the account's own clock, which the person can move
//! forward; it is always shown in UTC so every screen, test and screenshot reads the same.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// `2025-01-05 14:03:07 UTC` for Unix seconds.
pub fn format_time(seconds: i64) -> String {
    let iso = iso(seconds);
    // "2025-01-05T14:03:07.000Z"
    match (iso.get(..10), iso.get(11..19)) {
        (Some(date), Some(time)) => format!("{date} {time} UTC"),
        _ => iso,
    }
}

/// `2025-01-05` for Unix seconds (the UTC day).
pub fn format_day(seconds: i64) -> String {
    iso(seconds).chars().take(10).collect()
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
        s => format!("{} d {} h", s / 86_400, (s % 86_400) / 3_600),
    }
}

/// How long a run or a step took: the wall-clock milliseconds measured while it ran
/// (`0.42 ms`, `18 ms`, `1.2 s`), or, for runs stored before steps were timed, its span of
/// sandbox time.
pub fn format_took(millis: Option<f64>, seconds: i64) -> String {
    match millis {
        Some(ms) if ms < 10.0 => format!("{ms:.2} ms"),
        Some(ms) if ms < 1_000.0 => format!("{ms:.0} ms"),
        Some(ms) => format!("{:.1} s", ms / 1_000.0),
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
