//! Builders of Stripe-shaped objects.
//!
//! Each builder returns an object of one type as Stripe renders it at the sandbox's API
//! version, in its blank state (the state a create call starts from): every field present,
//! with Stripe's JSON types, `livemode: false`, timestamps from the sandbox clock. The API
//! and the generator then fill fields in. Field names and nesting follow Stripe's API
//! reference; the values are ours. Types without a dedicated builder get a small generic
//! shape from `other.rs`, so every event type still carries an object of its type.

mod billing;
mod other;
mod payments;

use std::sync::OnceLock;

use serde_json::Value;

use super::ids;
use super::rng::Rng;

/// The constant part of an object type: its fields as Stripe renders them, as JSON text,
/// parsed the first time it is needed and copied for each new object. The builders then
/// set the fields that vary (ids, times, amounts), which are `null` in the text. Text is
/// much smaller in the wasm than the code `json!` expands to (one call per field), and
/// copying a parsed shape is quicker than building it field by field.
pub(crate) struct Shape {
    text: &'static str,
    parsed: OnceLock<Value>,
}

impl Shape {
    /// A shape from its JSON text (checked by the tests, which build every object type).
    pub(crate) const fn new(text: &'static str) -> Self {
        Self {
            text,
            parsed: OnceLock::new(),
        }
    }

    /// A fresh copy of the shape.
    pub(crate) fn value(&self) -> Value {
        self.parsed().clone()
    }

    /// The parsed shape itself, to copy a part of it.
    pub(crate) fn parsed(&self) -> &Value {
        self.parsed
            .get_or_init(|| serde_json::from_str(self.text).expect("object shapes are valid JSON"))
    }
}

pub(crate) use billing::{
    coupon, credit_note, customer, discount, invoice, invoice_line, invoiceitem, plan_of, price,
    product, promotion_code, subscription, subscription_item, tax_id,
};
pub(crate) use payments::{
    card, card_behavior, charge, charge_card_details, checkout_session, dispute,
    early_fraud_warning, payment_intent, payment_method, payout, refund, review, setup_intent,
    test_card, VISA,
};

/// The object types with a dedicated builder.
pub const CORE_TYPES: &[&str] = &[
    "customer",
    "product",
    "price",
    "plan",
    "coupon",
    "promotion_code",
    "discount",
    "tax_id",
    "invoice",
    "invoiceitem",
    "subscription",
    "credit_note",
    "payment_intent",
    "charge",
    "refund",
    "dispute",
    "payment_method",
    "card",
    "checkout.session",
    "radar.early_fraud_warning",
    "review",
    "payout",
    "setup_intent",
];

/// A blank object of any type, with a fresh id. Core types come from their builder (with
/// placeholder references where one is needed); the others from the generic table.
pub(crate) fn blank(object: &str, rng: &mut Rng, now: i64) -> Value {
    let id = if object == "coupon" {
        ids::random_tail(rng, 8).to_uppercase()
    } else {
        ids::new_id(rng, object)
    };
    match object {
        "customer" => customer(id, now, rng),
        "product" => product(id, now),
        "price" => price(id, now, "usd", ""),
        "plan" => billing::plan(id, now),
        "coupon" => coupon(id, now),
        "promotion_code" => promotion_code(id, now, "", "CODE"),
        "discount" => discount(id, now, ""),
        "tax_id" => tax_id(id, now, ""),
        "invoice" => invoice(id, now, "", "usd"),
        "invoiceitem" => invoiceitem(id, now, "", "usd"),
        "subscription" => subscription(id, now, ""),
        "credit_note" => credit_note(id, now, "", ""),
        "payment_intent" => payment_intent(id, now, 0, "usd"),
        "charge" => charge(id, now, 0, "usd"),
        "refund" => refund(id, now, "", 0, "usd"),
        "dispute" => dispute(id, now, "", 0, "usd"),
        "payment_method" => payment_method(id, now, &payments::VISA),
        "card" => card(id, &payments::VISA),
        "checkout.session" => checkout_session(id, now, "payment"),
        "radar.early_fraud_warning" => early_fraud_warning(id, now, ""),
        "review" => review(id, now, ""),
        "payout" => payout(id, now, 0, "usd"),
        "setup_intent" => setup_intent(id, now),
        _ => other::generic(object, id, now),
    }
}
