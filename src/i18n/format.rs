//! Dates, numbers and money in the current language, by the browser's `Intl` (so `1 000,00 €`
//! in French and `€1,000.00` in English); no formatting rule is written here.
//!
//! Sandbox times are shown in UTC in every language, so that every screen, test and
//! screenshot reads the same instant.

use js_sys::{Array, Date, Function, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

use super::lang;

fn options(pairs: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object
}

fn locales() -> Array {
    Array::of1(&JsValue::from_str(lang().code()))
}

/// Calls a formatter's bound `format` function on `value`; `None` if the browser refused.
fn call(format: Function, value: &JsValue) -> Option<String> {
    format.call1(&JsValue::NULL, value).ok()?.as_string()
}

/// A sandbox time (Unix seconds) with the date, the time to the second and `UTC`:
/// `Jan 5, 2025, 14:03:07 UTC`, `5 janv. 2025, 14:03:07 UTC`. `None` outside the dates a
/// browser can show.
pub fn date_time(seconds: i64) -> Option<String> {
    let date = Date::new(&JsValue::from_f64(seconds as f64 * 1000.0));
    if date.get_time().is_nan() {
        return None;
    }
    let s = |v: &str| JsValue::from_str(v);
    let format = Intl::DateTimeFormat::new(
        &locales(),
        &options(&[
            ("year", s("numeric")),
            ("month", s("short")),
            ("day", s("numeric")),
            ("hour", s("2-digit")),
            ("minute", s("2-digit")),
            ("second", s("2-digit")),
            ("hourCycle", s("h23")),
            ("timeZone", s("UTC")),
            ("timeZoneName", s("short")),
        ]),
    );
    call(format.format(), date.as_ref())
}

/// A sandbox day (Unix seconds): `Jan 5, 2025`, `5 janv. 2025`.
pub fn date(seconds: i64) -> Option<String> {
    let date = Date::new(&JsValue::from_f64(seconds as f64 * 1000.0));
    if date.get_time().is_nan() {
        return None;
    }
    let format = Intl::DateTimeFormat::new(
        &locales(),
        &options(&[
            ("dateStyle", JsValue::from_str("medium")),
            ("timeZone", JsValue::from_str("UTC")),
        ]),
    );
    call(format.format(), date.as_ref())
}

/// A number with the language's grouping and decimal mark: `12,345.5`, `12 345,5`.
pub fn number(value: f64) -> String {
    let format = Intl::NumberFormat::new(
        &locales(),
        &options(&[("maximumFractionDigits", JsValue::from_f64(2.0))]),
    );
    call(format.format(), &JsValue::from_f64(value)).unwrap_or_else(|| value.to_string())
}

/// A number with exactly `digits` decimals: `0.42`, `0,42`.
pub fn decimal(value: f64, digits: u32) -> String {
    let format = Intl::NumberFormat::new(
        &locales(),
        &options(&[
            ("minimumFractionDigits", JsValue::from_f64(digits as f64)),
            ("maximumFractionDigits", JsValue::from_f64(digits as f64)),
        ]),
    );
    call(format.format(), &JsValue::from_f64(value)).unwrap_or_else(|| value.to_string())
}

/// A count: `1,000` or `1 000`.
pub fn count(value: impl Into<f64>) -> String {
    number(value.into())
}

/// An amount in a currency's minor unit, as Stripe stores it (`100000` for 1,000.00 EUR):
/// `€1,000.00`, `1 000,00 €`, `¥1,000`. An unknown currency code falls back to the amount
/// and the code.
pub fn money(minor: i64, currency: &str) -> String {
    let digits = sandflow_engine::money::decimals(currency);
    let major = sandflow_engine::money::to_major(minor as f64, currency);
    let code = currency.to_ascii_uppercase();
    // `Intl` throws on a code that is not three letters: such an amount is shown with its
    // code after it.
    if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
        return format!("{} {code}", number(major));
    }
    let format = Intl::NumberFormat::new(
        &locales(),
        &options(&[
            ("style", JsValue::from_str("currency")),
            ("currency", JsValue::from_str(&code)),
            ("minimumFractionDigits", JsValue::from_f64(digits as f64)),
            ("maximumFractionDigits", JsValue::from_f64(digits as f64)),
        ]),
    );
    call(format.format(), &JsValue::from_f64(major))
        .unwrap_or_else(|| format!("{} {code}", number(major)))
}
