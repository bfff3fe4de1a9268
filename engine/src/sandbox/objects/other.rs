//! Generic shapes for the resources the sandbox does not simulate in depth.
//!
//! Events of about 200 types carry objects of some 60 other resources (issuing, treasury,
//! identity, terminal, ...). Each starts from its shape in `shapes.json`: every field of
//! Stripe's published sample object one level deep, with Stripe's JSON types, and no other
//! (no `metadata` or `created` where Stripe's object has none; singletons such as `balance`
//! have no `id`; a capability's id is its name). The sandbox then sets its own values for
//! the handful of fields people filter on (amount and currency, status, the parent id), so
//! a workflow can be built and tested against them.

use serde_json::{Map, Value};

use crate::json::json;

use super::Shape;

/// Resources Stripe returns without an `id`.
const WITHOUT_ID: &[&str] = &[
    "balance",
    "balance_settings",
    "cash_balance",
    "tax.settings",
    "entitlements.active_entitlement_summary",
    "billing.alert_triggered",
];

/// The type-specific fields of a generic resource.
fn extra(object: &str, now: i64) -> Value {
    match object {
        "account" => {
            static SHAPE: Shape = Shape::new(
                r#"{
                        "business_type": "company",
                        "charges_enabled": true,
                        "country": "US",
                        "default_currency": "usd",
                        "details_submitted": true,
                        "email": "owner@example.com",
                        "payouts_enabled": true,
                        "type": "standard"
                    }"#,
            );
            SHAPE.value()
        }
        "application" => json!({"name": "Sandflow test app"}),
        "application_fee" => {
            static SHAPE: Shape = Shape::new(
                r#"{
                        "account": "acct_1SandflowConnected00",
                        "amount": 150,
                        "amount_refunded": 0,
                        "charge": "ch_SandflowPlaceholder0000000",
                        "currency": "usd",
                        "refunded": false
                    }"#,
            );
            SHAPE.value()
        }
        "fee_refund" => {
            json!({"amount": 150, "currency": "usd", "fee": "fee_SandflowPlaceholder000000"})
        }
        "balance" => {
            static SHAPE: Shape = Shape::new(
                r#"{
                        "available": [{"amount": 125000, "currency": "usd", "source_types": {"card": 125000}}],
                        "pending": [{"amount": 4200, "currency": "usd", "source_types": {"card": 4200}}]
                    }"#,
            );
            SHAPE.value()
        }
        "balance_settings" => {
            static SHAPE: Shape = Shape::new(
                r#"{
                        "payments": {"payouts": {"schedule": {"interval": "daily"}, "statement_descriptor": null}, "settlement_timing": {"delay_days": 2}}
                    }"#,
            );
            SHAPE.value()
        }
        "bank_account" => {
            static SHAPE: Shape = Shape::new(
                r#"{
                        "account_holder_name": "Jenny Rosen",
                        "account_holder_type": "individual",
                        "bank_name": "STRIPE TEST BANK",
                        "country": "US",
                        "currency": "usd",
                        "last4": "6789",
                        "routing_number": "110000000",
                        "status": "new"
                    }"#,
            );
            SHAPE.value()
        }
        "billing.alert_triggered" => {
            static SHAPE: Shape = Shape::new(
                r#"{
                        "alert": {"id": "alrt_SandflowPlaceholder00000", "alert_type": "usage_threshold", "title": "Usage alert"},
                        "created": null,
                        "customer": "cus_SandflowPlace",
                        "value": 1000
                    }"#,
            );
            let mut object = SHAPE.value();
            object["created"] = json!(now);
            object
        }
        "billing.credit_balance_transaction" => {
            static SHAPE: Shape = Shape::new(
                r#"{
                        "credit": {"amount": {"monetary": {"currency": "usd", "value": 1000}, "type": "monetary"}, "type": "credits_granted"},
                        "credit_grant": "credgr_SandflowPlaceholder0000",
                        "effective_at": null,
                        "type": "credit"
                    }"#,
            );
            let mut object = SHAPE.value();
            object["effective_at"] = json!(now);
            object
        }
        "billing.credit_grant" => {
            static SHAPE: Shape = Shape::new(
                r#"{
                        "amount": {"monetary": {"currency": "usd", "value": 1000}, "type": "monetary"},
                        "category": "promotional",
                        "customer": "cus_SandflowPlace",
                        "effective_at": null,
                        "expires_at": null,
                        "name": "Welcome credit",
                        "voided_at": null
                    }"#,
            );
            let mut object = SHAPE.value();
            object["effective_at"] = json!(now);
            object
        }
        "billing.meter" => {
            json!({"display_name": "API requests", "event_name": "api_requests", "status": "active", "default_aggregation": {"formula": "sum"}})
        }
        "billing_portal.configuration" => json!({"active": true, "is_default": true, "name": null}),
        "billing_portal.session" => {
            json!({"customer": "cus_SandflowPlace", "return_url": "https://example.com/account", "url": "https://billing.stripe.com/p/session/test_sandflow"})
        }
        "capability" => {
            json!({"account": "acct_1SandflowConnected00", "requested": true, "status": "active"})
        }
        "cash_balance" => json!({"available": {"usd": 5000}, "customer": "cus_SandflowPlace"}),
        "climate.order" => {
            json!({"amount_total": 2500, "currency": "usd", "metric_tons": "0.01", "product": "climsku_frontier_offtake", "status": "open"})
        }
        "climate.product" => {
            static SHAPE: Shape = Shape::new(
                r#"{
                        "current_prices_per_metric_ton": {"usd": {"amount_fees": 1000, "amount_subtotal": 50000, "amount_total": 51000}},
                        "name": "Frontier offtake"
                    }"#,
            );
            SHAPE.value()
        }
        "customer_cash_balance_transaction" => {
            json!({"currency": "usd", "customer": "cus_SandflowPlace", "ending_balance": 5000, "net_amount": 5000, "type": "funded"})
        }
        "entitlements.active_entitlement_summary" => {
            static SHAPE: Shape = Shape::new(
                r#"{
                        "customer": "cus_SandflowPlace",
                        "entitlements": {"object": "list", "data": [], "has_more": false, "url": "/v1/entitlements/active_entitlements"}
                    }"#,
            );
            SHAPE.value()
        }
        "file" => {
            json!({"filename": "receipt.pdf", "purpose": "dispute_evidence", "size": 9863, "type": "pdf", "url": null})
        }
        "financial_connections.account" => {
            static SHAPE: Shape = Shape::new(
                r#"{
                        "category": "cash",
                        "display_name": "Checking",
                        "institution_name": "StripeBank",
                        "last4": "6789",
                        "status": "active",
                        "subcategory": "checking"
                    }"#,
            );
            SHAPE.value()
        }
        "financial_connections.authorization" => {
            json!({"institution_name": "StripeBank", "status": "active"})
        }
        "identity.verification_session" => {
            json!({"client_reference_id": null, "last_error": null, "status": "requires_input", "type": "document", "url": null})
        }
        "invoice_payment" => {
            static SHAPE: Shape = Shape::new(
                r#"{
                        "amount_paid": 2000,
                        "amount_requested": 2000,
                        "currency": "usd",
                        "invoice": "in_SandflowPlaceholder00000000",
                        "is_default": true,
                        "payment": {"payment_intent": null, "type": "payment_intent"},
                        "status": "paid",
                        "status_transitions": {"canceled_at": null, "paid_at": null}
                    }"#,
            );
            let mut object = SHAPE.value();
            object["status_transitions"]["paid_at"] = json!(now);
            object
        }
        "issuing.authorization" => {
            static SHAPE: Shape = Shape::new(
                r#"{
                        "amount": 1200,
                        "approved": true,
                        "card": "ic_SandflowPlaceholder00000000",
                        "currency": "usd",
                        "merchant_data": {"category": "taxicabs_limousines", "city": "San Francisco", "country": "US", "name": "Rocket Rides"},
                        "status": "pending"
                    }"#,
            );
            SHAPE.value()
        }
        "issuing.card" => {
            static SHAPE: Shape = Shape::new(
                r#"{
                        "brand": "Visa",
                        "cardholder": "ich_SandflowPlaceholder0000000",
                        "currency": "usd",
                        "exp_month": 12,
                        "exp_year": 2034,
                        "last4": "0008",
                        "status": "active",
                        "type": "virtual"
                    }"#,
            );
            SHAPE.value()
        }
        "issuing.cardholder" => {
            json!({"email": "jenny@example.com", "name": "Jenny Rosen", "phone_number": "+15555550100", "status": "active", "type": "individual"})
        }
        "issuing.dispute" => {
            json!({"amount": 1200, "currency": "usd", "status": "unsubmitted", "transaction": "ipi_SandflowPlaceholder0000000"})
        }
        "issuing.personalization_design" => {
            json!({"card_logo": null, "name": "Default design", "status": "active"})
        }
        "issuing.token" => {
            json!({"card": "ic_SandflowPlaceholder00000000", "last4": "0008", "network": "visa", "status": "active", "wallet_provider": "apple_pay"})
        }
        "issuing.transaction" => {
            json!({"amount": -1200, "authorization": "iauth_SandflowPlaceholder0000", "card": "ic_SandflowPlaceholder00000000", "currency": "usd", "type": "capture"})
        }
        "mandate" => {
            json!({"payment_method": "pm_SandflowPlaceholder00000000", "status": "active", "type": "multi_use"})
        }
        "payment_link" => {
            json!({"active": true, "currency": "usd", "url": "https://buy.stripe.com/test_sandflow"})
        }
        "person" => {
            json!({"account": "acct_1SandflowConnected00", "email": "jenny@example.com", "first_name": "Jenny", "last_name": "Rosen"})
        }
        "quote" => {
            static SHAPE: Shape = Shape::new(
                r#"{
                        "amount_subtotal": 5000,
                        "amount_total": 5000,
                        "currency": "usd",
                        "customer": "cus_SandflowPlace",
                        "expires_at": null,
                        "number": null,
                        "status": "draft"
                    }"#,
            );
            let mut object = SHAPE.value();
            object["expires_at"] = json!(now + 30 * 86_400);
            object
        }
        "reporting.report_run" => {
            static SHAPE: Shape = Shape::new(
                r#"{
                        "parameters": {"interval_end": null, "interval_start": null},
                        "report_type": "balance.summary.1",
                        "result": null,
                        "status": "pending",
                        "succeeded_at": null
                    }"#,
            );
            let mut object = SHAPE.value();
            object["parameters"]["interval_end"] = json!(now);
            object["parameters"]["interval_start"] = json!(now - 30 * 86_400);
            object
        }
        "reporting.report_type" => {
            json!({"data_available_end": now, "data_available_start": now - 365 * 86_400, "name": "Balance summary", "updated": now, "version": 1})
        }
        "reserve.hold" => {
            json!({"amount": 5000, "currency": "usd", "reason": "standard", "release_schedule": {"release_after": now + 7 * 86_400}})
        }
        "reserve.plan" => json!({"percent": 10, "status": "active", "type": "rolling_release"}),
        "reserve.release" => {
            json!({"amount": 5000, "currency": "usd", "reason": "scheduled_release"})
        }
        "scheduled_query_run" => {
            json!({"data_load_time": now, "result_available_until": now + 30 * 86_400, "sql": "select count(*) from charges", "status": "completed", "title": "Charges count"})
        }
        "source" => {
            static SHAPE: Shape = Shape::new(
                r#"{
                        "amount": null,
                        "currency": "usd",
                        "flow": "none",
                        "status": "chargeable",
                        "type": "ach_credit_transfer",
                        "usage": "reusable"
                    }"#,
            );
            SHAPE.value()
        }
        "source_mandate_notification" => {
            static SHAPE: Shape = Shape::new(
                r#"{
                        "amount": 2000,
                        "reason": "debit_initiated",
                        "source": {"id": "src_SandflowPlaceholder0000000", "object": "source"},
                        "status": "submitted",
                        "type": "sepa_debit"
                    }"#,
            );
            SHAPE.value()
        }
        "source_transaction" => {
            json!({"amount": 2000, "currency": "usd", "source": "src_SandflowPlaceholder0000000", "status": "succeeded", "type": "ach_credit_transfer"})
        }
        "subscription_schedule" => {
            static SHAPE: Shape = Shape::new(
                r#"{
                        "canceled_at": null,
                        "completed_at": null,
                        "customer": "cus_SandflowPlace",
                        "end_behavior": "release",
                        "phases": [],
                        "released_at": null,
                        "status": "not_started",
                        "subscription": null
                    }"#,
            );
            SHAPE.value()
        }
        "tax.settings" => {
            json!({"defaults": {"tax_behavior": "exclusive", "tax_code": "txcd_10000000"}, "head_office": null, "status": "pending"})
        }
        "tax_rate" => {
            static SHAPE: Shape = Shape::new(
                r#"{
                        "active": true,
                        "country": "DE",
                        "display_name": "VAT",
                        "inclusive": false,
                        "jurisdiction": "DE",
                        "percentage": 19.0,
                        "tax_type": "vat"
                    }"#,
            );
            SHAPE.value()
        }
        "terminal.reader" => {
            static SHAPE: Shape = Shape::new(
                r#"{
                        "action": null,
                        "device_type": "bbpos_wisepos_e",
                        "label": "Front desk",
                        "location": "tml_SandflowPlaceholder",
                        "serial_number": "WSC513000000001",
                        "status": "online"
                    }"#,
            );
            SHAPE.value()
        }
        "test_helpers.test_clock" => {
            json!({"deletes_after": now + 30 * 86_400, "frozen_time": now, "name": "Sandflow test clock", "status": "ready"})
        }
        "topup" => {
            json!({"amount": 10_000, "currency": "usd", "description": "Top-up", "expected_availability_date": now + 86_400, "status": "pending"})
        }
        "transfer" => {
            json!({"amount": 4_000, "amount_reversed": 0, "currency": "usd", "destination": "acct_1SandflowConnected00", "reversed": false})
        }
        o if o.starts_with("treasury.") => {
            json!({"amount": 2_500, "currency": "usd", "financial_account": "fa_SandflowPlaceholder00000000", "status": "processing"})
        }
        _ => json!({}),
    }
}

/// The blank object, one level deep, of every type an event carries that has no dedicated
/// builder: Stripe's sample object's fields with their JSON types, enum-like values kept,
/// ids as placeholders, timestamps `-1` (set to the sandbox's time here). Derived from
/// Stripe's published samples by `tests/data/derive.py`; `tests/sandbox_fidelity.rs`
/// measures every object against them.
static SHAPES: Shape = Shape::new(include_str!("shapes.json"));

/// Sets the placeholder timestamps (`-1`) of an object, and of its objects, to `now`.
fn stamp(value: &mut Value, now: i64, depth: u8) {
    match value {
        Value::Number(n) if n.as_i64() == Some(-1) => *value = Value::from(now),
        Value::Object(map) if depth < 2 => {
            for v in map.values_mut() {
                stamp(v, now, depth + 1);
            }
        }
        _ => {}
    }
}

/// Same JSON type, or either side null.
fn fits(shape: &Value, value: &Value) -> bool {
    use std::mem::discriminant;
    shape.is_null() || value.is_null() || discriminant(shape) == discriminant(value)
}

/// A generic object of `object` type: its shape, with the sandbox's own values for the
/// fields people filter on (`extra`) where they fit Stripe's type; no field Stripe's
/// object lacks.
pub(crate) fn generic(object: &str, id: String, now: i64) -> Value {
    let Some(shape) = SHAPES.parsed().get(object) else {
        return envelope(object, id, now);
    };
    let mut out = shape.clone();
    if out.get("id").is_some_and(Value::is_null) {
        out["id"] = Value::String(id);
    }
    stamp(&mut out, now, 0);
    let mut own = extra(object, now);
    if object == "treasury.financial_account" {
        own["status"] = Value::from("open");
        own["supported_currencies"] = json!(["usd"]);
    }
    if let (Value::Object(out), Value::Object(own)) = (&mut out, own) {
        for (k, v) in own {
            match (out.get_mut(&k), v) {
                // An object of ours fills Stripe's in, keeping the fields we do not set.
                (Some(Value::Object(slot)), Value::Object(v)) => slot.extend(v),
                (Some(slot), v) if fits(slot, &v) => *slot = v,
                _ => {}
            }
        }
    }
    out
}

/// The common envelope of a type the samples do not cover.
fn envelope(object: &str, id: String, now: i64) -> Value {
    let mut map = Map::new();
    if !WITHOUT_ID.contains(&object) {
        map.insert("id".into(), Value::String(id));
    }
    map.insert("object".into(), Value::String(object.to_string()));
    map.insert("created".into(), Value::from(now));
    map.insert("livemode".into(), Value::Bool(false));
    map.insert("metadata".into(), Value::Object(Map::new()));
    if let Value::Object(fields) = extra(object, now) {
        map.extend(fields);
    }
    Value::Object(map)
}
