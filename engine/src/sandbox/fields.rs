//! Typed field lists per object type, for the builder's field picker and for validation.
//!
//! The lists are derived from the sandbox's own objects: for each type, a realistic sample
//! is generated once (through the generator, so it has names, addresses and amounts filled
//! in) and walked. Kinds come from the JSON value and, for `null`s and numbers, from
//! Stripe's naming conventions: `created`, `*_at`, `*_date`, period starts and ends are
//! [`ValueKind::Timestamp`]; `amount*`, `*_amount`, `total`, `subtotal`, `balance` are
//! [`ValueKind::Money`]; arrays (a list object's `data` too) are [`ValueKind::List`],
//! not descended into; `metadata` is an [`ValueKind::Object`] with free keys.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde_json::{Map, Value};

use super::{event_types, objects, Sandbox};
use crate::field_spec::{FieldSpec, ValueKind};

/// Object types whose fields are known: those events carry plus the core builders.
fn known_types() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = event_types().iter().map(|e| e.object).collect();
    out.extend_from_slice(objects::CORE_TYPES);
    out.sort_unstable();
    out.dedup();
    out
}

fn table() -> &'static BTreeMap<&'static str, Vec<FieldSpec>> {
    static TABLE: OnceLock<BTreeMap<&'static str, Vec<FieldSpec>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut sandbox = Sandbox::new(1_700_000_000, 0x5A4D_F10E);
        known_types()
            .into_iter()
            .map(|object| {
                let sample = sandbox.sample(object);
                let mut fields = Vec::new();
                if let Value::Object(map) = &sample {
                    walk(map, "", &mut fields);
                }
                (object, fields)
            })
            .collect()
    })
}

/// The fields of `object` (empty for an unknown type).
pub(crate) fn fields(object: &str) -> Vec<FieldSpec> {
    table().get(object).cloned().unwrap_or_default()
}

fn walk(map: &Map<String, Value>, prefix: &str, out: &mut Vec<FieldSpec>) {
    for (key, value) in map {
        let path = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        let kind = kind_of(key, value);
        out.push(FieldSpec {
            label: label(&path, kind),
            path: path.clone(),
            kind,
        });
        if let (Value::Object(inner), false) = (value, key == "metadata") {
            walk(inner, &path, out);
        }
    }
}

const TIME_NAMES: &[&str] = &[
    "created",
    "updated",
    "date",
    "start",
    "end",
    "due_date",
    "trial_start",
    "trial_end",
    "billing_cycle_anchor",
    "start_date",
    "redeem_by",
    "arrival_date",
    "next_payment_attempt",
    "due_by",
    "period_start",
    "period_end",
    "current_period_start",
    "current_period_end",
    "frozen_time",
    "deletes_after",
    "expected_availability_date",
    "data_load_time",
    "result_available_until",
    "next_pending_invoice_item_invoice",
    "data_available_end",
    "data_available_start",
    "interval_end",
    "interval_start",
    "release_after",
    "cancel_at",
    "ended_at",
    "effective_at",
];
const MONEY_NAMES: &[&str] = &[
    "amount",
    "unit_amount",
    "balance",
    "subtotal",
    "total",
    "subtotal_excluding_tax",
    "total_excluding_tax",
    "starting_balance",
    "ending_balance",
    "net_amount",
    "amount_off",
    "minimum_amount",
    "amount_due",
    "amount_paid",
    "amount_remaining",
];
const NUMBER_NAMES: &[&str] = &[
    "quantity",
    "percent_off",
    "duration_in_months",
    "max_redemptions",
    "days_until_due",
    "interval_count",
    "trial_period_days",
    "application_fee_percent",
    "exp_month",
    "exp_year",
    "percentage",
    "attempt_count",
    "next_invoice_sequence",
    "times_redeemed",
    "submission_count",
    "risk_score",
    "latitude",
    "longitude",
];

fn is_time(name: &str) -> bool {
    TIME_NAMES.contains(&name) || name.ends_with("_at")
}

fn is_money(name: &str) -> bool {
    MONEY_NAMES.contains(&name)
        || ((name.starts_with("amount_") || name.ends_with("_amount"))
            && !name.ends_with("_decimal")
            && !name.ends_with("_currency"))
}

/// The kind of a field from its value, or from its name when the value is `null`.
fn kind_of(name: &str, value: &Value) -> ValueKind {
    match value {
        Value::Bool(_) => ValueKind::Boolean,
        Value::Array(_) => ValueKind::List,
        Value::Object(_) => ValueKind::Object,
        Value::String(_) => ValueKind::String,
        Value::Number(_) if is_time(name) => ValueKind::Timestamp,
        Value::Number(_) if is_money(name) => ValueKind::Money,
        Value::Number(_) => ValueKind::Number,
        Value::Null if is_time(name) => ValueKind::Timestamp,
        Value::Null if is_money(name) => ValueKind::Money,
        Value::Null if NUMBER_NAMES.contains(&name) => ValueKind::Number,
        Value::Null
            if name.starts_with("is_") || name.starts_with("has_") || name == "shippable" =>
        {
            ValueKind::Boolean
        }
        Value::Null => ValueKind::String,
    }
}

/// Fields holding the id of another object get "ID" in their label.
const ID_FIELDS: &[&str] = &[
    "customer",
    "invoice",
    "charge",
    "payment_intent",
    "subscription",
    "payment_method",
    "latest_charge",
    "latest_invoice",
    "default_payment_method",
    "product",
    "price",
    "coupon",
    "dispute",
    "refund",
    "review",
    "default_price",
    "promotion_code",
    "balance_transaction",
    "setup_intent",
    "default_source",
    "source",
    "card",
    "cardholder",
    "financial_account",
    "account",
    "destination",
    "mandate",
    "payout",
    "invoice_item",
    "subscription_item",
    "checkout_session",
    "on_behalf_of",
    "application",
    "test_clock",
    "schedule",
    "transaction",
    "authorization",
    "quote",
    "payment_link",
];

/// "Address city", "Customer ID", "ID", "Hosted invoice URL".
fn label(path: &str, kind: ValueKind) -> String {
    let last = path.rsplit('.').next().unwrap_or(path);
    let words: Vec<String> = path
        .split('.')
        .flat_map(|seg| seg.split('_'))
        .map(|w| match w {
            "id" => "ID".to_string(),
            "url" => "URL".to_string(),
            "pdf" => "PDF".to_string(),
            "ip" => "IP".to_string(),
            "cvc" => "CVC".to_string(),
            other => other.to_string(),
        })
        .collect();
    let mut text = words.join(" ");
    if let Some(first) = text.get(0..1) {
        text = first.to_uppercase() + &text[1..];
    }
    if kind == ValueKind::String && ID_FIELDS.contains(&last) {
        text.push_str(" ID");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        let cases = [
            ("address.city", ValueKind::String, "Address city"),
            ("customer", ValueKind::String, "Customer ID"),
            ("id", ValueKind::String, "ID"),
            (
                "hosted_invoice_url",
                ValueKind::String,
                "Hosted invoice URL",
            ),
            ("amount", ValueKind::Money, "Amount"),
        ];
        for (path, kind, want) in cases {
            assert_eq!(label(path, kind), want, "{path}");
        }
    }

    #[test]
    fn kinds_by_name_and_value() {
        let cases = [
            ("created", Value::from(1), ValueKind::Timestamp),
            ("canceled_at", Value::Null, ValueKind::Timestamp),
            ("amount", Value::from(100), ValueKind::Money),
            ("amount_off", Value::Null, ValueKind::Money),
            ("quantity", Value::from(2), ValueKind::Number),
            ("name", Value::Null, ValueKind::String),
            ("unit_amount_decimal", Value::from("100"), ValueKind::String),
        ];
        for (name, value, want) in cases {
            assert_eq!(kind_of(name, &value), want, "{name}");
        }
    }
}
