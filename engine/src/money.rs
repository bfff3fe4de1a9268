//! Amounts of money: Stripe's minor units against the major units people type.
//!
//! Stripe stores amounts as integers in the currency's smallest unit: cents for USD or EUR,
//! but whole yen for JPY (a "zero-decimal" currency) and thousandths for the three-decimal
//! currencies such as KWD. A condition "amount is greater than 1,000" typed by a person
//! means 1,000 dollars, so 100000 in a USD object and 1000 in a JPY object. This module owns
//! that conversion.

/// Stripe's zero-decimal currencies (lower-case ISO codes).
pub const ZERO_DECIMAL: &[&str] = &[
    "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv",
    "xaf", "xof", "xpf",
];

/// Stripe's three-decimal currencies (lower-case ISO codes).
pub const THREE_DECIMAL: &[&str] = &["bhd", "jod", "kwd", "omr", "tnd"];

/// Digits after the decimal point of a currency's major unit (2 when unknown).
pub fn decimals(currency: &str) -> u32 {
    let lower = currency.to_ascii_lowercase();
    if ZERO_DECIMAL.contains(&lower.as_str()) {
        0
    } else if THREE_DECIMAL.contains(&lower.as_str()) {
        3
    } else {
        2
    }
}

/// A major-unit amount (what a person types: `10.5` dollars) in minor units (`1050`).
pub fn to_minor(major: f64, currency: &str) -> f64 {
    (major * 10f64.powi(decimals(currency) as i32)).round()
}

/// A minor-unit amount (`1050`) in major units (`10.5`).
pub fn to_major(minor: f64, currency: &str) -> f64 {
    minor / 10f64.powi(decimals(currency) as i32)
}

/// A minor-unit amount as a person reads it: `10.50 USD`, `1000 JPY`.
pub fn format(minor: i64, currency: &str) -> String {
    let digits = decimals(currency) as usize;
    let code = currency.to_ascii_uppercase();
    if digits == 0 {
        return format!("{minor} {code}");
    }
    let scale = 10i64.pow(digits as u32);
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    format!(
        "{sign}{}.{:0digits$} {code}",
        abs / scale as u64,
        abs % scale as u64
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_by_currency() {
        let cases = [
            ("usd", 10.5, 1050.0),
            ("USD", 1000.0, 100000.0),
            ("jpy", 1000.0, 1000.0),
            ("krw", 5000.0, 5000.0),
            ("kwd", 1.234, 1234.0),
            ("eur", 0.01, 1.0),
            ("xyz", 1.0, 100.0),
        ];
        for (currency, major, minor) in cases {
            assert_eq!(to_minor(major, currency), minor, "{currency} {major}");
            assert_eq!(to_major(minor, currency), major, "{currency} {minor}");
        }
    }

    #[test]
    fn formats_amounts() {
        assert_eq!(format(1050, "usd"), "10.50 USD");
        assert_eq!(format(-5, "eur"), "-0.05 EUR");
        assert_eq!(format(1000, "jpy"), "1000 JPY");
        assert_eq!(format(1234, "kwd"), "1.234 KWD");
    }
}
