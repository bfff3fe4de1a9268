//! Billing objects: customer, product, price, plan, coupon, promotion code, discount, tax
//! id, invoice (and its lines), invoice item, subscription (and its items), credit note.

use serde_json::Value;

use crate::json::json;

use super::Shape;

use super::super::ids;
use super::super::rng::Rng;

/// A customer with no name, email or address yet.
pub(crate) fn customer(id: String, now: i64, rng: &mut Rng) -> Value {
    let prefix = ids::random_tail(rng, 8).to_uppercase();
    static SHAPE: Shape = Shape::new(
        r#"{
            "id": null,
            "object": "customer",
            "address": null,
            "balance": 0,
            "created": null,
            "currency": null,
            "customer_account": null,
            "default_source": null,
            "delinquent": false,
            "description": null,
            "discount": null,
            "email": null,
            "invoice_prefix": null,
            "invoice_settings": {"custom_fields": null, "default_payment_method": null, "footer": null, "rendering_options": null},
            "livemode": false,
            "metadata": {},
            "name": null,
            "next_invoice_sequence": 1,
            "phone": null,
            "preferred_locales": [],
            "shipping": null,
            "tax_exempt": "none",
            "test_clock": null
        }"#,
    );
    let mut object = SHAPE.value();
    object["id"] = json!(id);
    object["created"] = json!(now);
    object["invoice_prefix"] = json!(prefix);
    object
}

/// A product without a default price.
pub(crate) fn product(id: String, now: i64) -> Value {
    static SHAPE: Shape = Shape::new(
        r#"{
            "id": null,
            "object": "product",
            "active": true,
            "created": null,
            "default_price": null,
            "description": null,
            "images": [],
            "livemode": false,
            "marketing_features": [],
            "metadata": {},
            "name": "",
            "package_dimensions": null,
            "shippable": null,
            "statement_descriptor": null,
            "tax_code": null,
            "type": "service",
            "unit_label": null,
            "updated": null,
            "url": null
        }"#,
    );
    let mut object = SHAPE.value();
    object["id"] = json!(id);
    object["created"] = json!(now);
    object["updated"] = json!(now);
    object
}

/// A one-time price of `product` (made recurring by setting `recurring`).
pub(crate) fn price(id: String, now: i64, currency: &str, product: &str) -> Value {
    static SHAPE: Shape = Shape::new(
        r#"{
            "id": null,
            "object": "price",
            "active": true,
            "billing_scheme": "per_unit",
            "created": null,
            "currency": null,
            "custom_unit_amount": null,
            "livemode": false,
            "lookup_key": null,
            "metadata": {},
            "nickname": null,
            "product": null,
            "recurring": null,
            "tax_behavior": "unspecified",
            "tiers_mode": null,
            "transform_quantity": null,
            "type": "one_time",
            "unit_amount": 0,
            "unit_amount_decimal": "0"
        }"#,
    );
    let mut object = SHAPE.value();
    object["id"] = json!(id);
    object["created"] = json!(now);
    object["currency"] = json!(currency);
    object["product"] = json!(product);
    object
}

/// The legacy plan view of a recurring price (same id, as Stripe keeps them).
pub(crate) fn plan(id: String, now: i64) -> Value {
    static SHAPE: Shape = Shape::new(
        r#"{
            "id": null,
            "object": "plan",
            "active": true,
            "amount": 0,
            "amount_decimal": "0",
            "billing_scheme": "per_unit",
            "created": null,
            "currency": "usd",
            "interval": "month",
            "interval_count": 1,
            "livemode": false,
            "metadata": {},
            "meter": null,
            "nickname": null,
            "product": null,
            "tiers_mode": null,
            "transform_usage": null,
            "trial_period_days": null,
            "usage_type": "licensed"
        }"#,
    );
    let mut object = SHAPE.value();
    object["id"] = json!(id);
    object["created"] = json!(now);
    object
}

/// The plan view of a recurring price object.
pub(crate) fn plan_of(price: &Value) -> Value {
    let recurring = &price["recurring"];
    static SHAPE: Shape = Shape::new(
        r#"{
            "id": null,
            "object": "plan",
            "active": null,
            "amount": null,
            "amount_decimal": null,
            "billing_scheme": "per_unit",
            "created": null,
            "currency": null,
            "interval": null,
            "interval_count": null,
            "livemode": false,
            "metadata": null,
            "meter": null,
            "nickname": null,
            "product": null,
            "tiers_mode": null,
            "transform_usage": null,
            "trial_period_days": null,
            "usage_type": "licensed"
        }"#,
    );
    let mut object = SHAPE.value();
    object["id"] = json!(price["id"]);
    object["active"] = json!(price["active"]);
    object["amount"] = json!(price["unit_amount"]);
    object["amount_decimal"] = json!(price["unit_amount_decimal"]);
    object["created"] = json!(price["created"]);
    object["currency"] = json!(price["currency"]);
    object["interval"] = json!(recurring["interval"]);
    object["interval_count"] = json!(recurring["interval_count"]);
    object["metadata"] = json!(price["metadata"]);
    object["nickname"] = json!(price["nickname"]);
    object["product"] = json!(price["product"]);
    object["trial_period_days"] = json!(recurring["trial_period_days"]);
    object
}

/// A coupon with no terms yet (the API sets percent_off or amount_off).
pub(crate) fn coupon(id: String, now: i64) -> Value {
    static SHAPE: Shape = Shape::new(
        r#"{
            "id": null,
            "object": "coupon",
            "amount_off": null,
            "created": null,
            "currency": null,
            "duration": "once",
            "duration_in_months": null,
            "livemode": false,
            "max_redemptions": null,
            "metadata": {},
            "name": null,
            "percent_off": null,
            "redeem_by": null,
            "times_redeemed": 0,
            "valid": true
        }"#,
    );
    let mut object = SHAPE.value();
    object["id"] = json!(id);
    object["created"] = json!(now);
    object
}

/// A promotion code for `coupon`.
pub(crate) fn promotion_code(id: String, now: i64, coupon: &str, code: &str) -> Value {
    static SHAPE: Shape = Shape::new(
        r#"{
            "id": null,
            "object": "promotion_code",
            "active": true,
            "code": null,
            "created": null,
            "customer": null,
            "customer_account": null,
            "expires_at": null,
            "livemode": false,
            "max_redemptions": null,
            "metadata": {},
            "promotion": {"coupon": null, "type": "coupon"},
            "restrictions": {"first_time_transaction": false, "minimum_amount": null, "minimum_amount_currency": null},
            "times_redeemed": 0
        }"#,
    );
    let mut object = SHAPE.value();
    object["id"] = json!(id);
    object["code"] = json!(code);
    object["created"] = json!(now);
    object["promotion"]["coupon"] = json!(coupon);
    object
}

/// A discount applying `coupon` to a customer (the caller sets `customer`).
pub(crate) fn discount(id: String, now: i64, coupon: &str) -> Value {
    static SHAPE: Shape = Shape::new(
        r#"{
            "id": null,
            "object": "discount",
            "checkout_session": null,
            "customer": null,
            "customer_account": null,
            "end": null,
            "invoice": null,
            "invoice_item": null,
            "promotion_code": null,
            "source": {"coupon": null, "type": "coupon"},
            "start": null,
            "subscription": null,
            "subscription_item": null
        }"#,
    );
    let mut object = SHAPE.value();
    object["id"] = json!(id);
    object["source"]["coupon"] = json!(coupon);
    object["start"] = json!(now);
    object
}

/// A tax id of `customer`.
pub(crate) fn tax_id(id: String, now: i64, customer: &str) -> Value {
    static SHAPE: Shape = Shape::new(
        r#"{
            "id": null,
            "object": "tax_id",
            "country": "DE",
            "created": null,
            "customer": null,
            "customer_account": null,
            "livemode": false,
            "owner": {"customer": null, "customer_account": null, "type": "customer"},
            "type": "eu_vat",
            "value": "DE123456789",
            "verification": {"status": "pending", "verified_address": null, "verified_name": null}
        }"#,
    );
    let mut object = SHAPE.value();
    object["id"] = json!(id);
    object["created"] = json!(now);
    object["customer"] = json!(customer);
    object["owner"]["customer"] = json!(customer);
    object
}

/// A draft invoice of `customer` with no lines.
pub(crate) fn invoice(id: String, now: i64, customer: &str, currency: &str) -> Value {
    let lines_url = format!("/v1/invoices/{id}/lines");
    static SHAPE: Shape = Shape::new(
        r#"{
            "id": null,
            "object": "invoice",
            "subscription": null,
            "account_country": "US",
            "account_name": "Sandflow sandbox",
            "account_tax_ids": null,
            "amount_due": 0,
            "amount_overpaid": 0,
            "amount_paid": 0,
            "amount_remaining": 0,
            "amount_shipping": 0,
            "application": null,
            "attempt_count": 0,
            "attempted": false,
            "auto_advance": false,
            "automatic_tax": {"disabled_reason": null, "enabled": false, "liability": null, "provider": null, "status": null},
            "automatically_finalizes_at": null,
            "billing_reason": "manual",
            "collection_method": "charge_automatically",
            "created": null,
            "currency": null,
            "custom_fields": null,
            "customer": null,
            "customer_account": null,
            "customer_address": null,
            "customer_email": null,
            "customer_name": null,
            "customer_phone": null,
            "customer_shipping": null,
            "customer_tax_exempt": "none",
            "customer_tax_ids": [],
            "default_payment_method": null,
            "default_source": null,
            "default_tax_rates": [],
            "description": null,
            "discounts": [],
            "due_date": null,
            "effective_at": null,
            "ending_balance": null,
            "footer": null,
            "from_invoice": null,
            "hosted_invoice_url": null,
            "invoice_pdf": null,
            "issuer": {"type": "self"},
            "last_finalization_error": null,
            "latest_revision": null,
            "lines": {"object": "list", "data": [], "has_more": false, "total_count": 0, "url": null},
            "livemode": false,
            "metadata": {},
            "next_payment_attempt": null,
            "number": null,
            "on_behalf_of": null,
            "parent": null,
            "payment_settings": {"default_mandate": null, "payment_method_options": null, "payment_method_types": null},
            "period_end": null,
            "period_start": null,
            "post_payment_credit_notes_amount": 0,
            "pre_payment_credit_notes_amount": 0,
            "receipt_number": null,
            "rendering": null,
            "shipping_cost": null,
            "shipping_details": null,
            "starting_balance": 0,
            "statement_descriptor": null,
            "status": "draft",
            "status_transitions": {"finalized_at": null, "marked_uncollectible_at": null, "paid_at": null, "voided_at": null},
            "subtotal": 0,
            "subtotal_excluding_tax": 0,
            "test_clock": null,
            "total": 0,
            "total_discount_amounts": [],
            "total_excluding_tax": 0,
            "total_pretax_credit_amounts": [],
            "total_taxes": [],
            "webhooks_delivered_at": null
        }"#,
    );
    let mut object = SHAPE.value();
    object["id"] = json!(id);
    object["created"] = json!(now);
    object["currency"] = json!(currency);
    object["customer"] = json!(customer);
    object["lines"]["url"] = json!(lines_url);
    object["period_end"] = json!(now);
    object["period_start"] = json!(now);
    object
}

/// One invoice line made from an invoice item or a subscription item.
pub(crate) fn invoice_line(
    id: String,
    invoice: &str,
    source: &Value,
    subscription: Option<(&str, &str)>,
) -> Value {
    let amount = source["amount"].as_i64().unwrap_or(0);
    let parent = match subscription {
        Some((sub, item)) => {
            static SHAPE: Shape = Shape::new(
                r#"{
                    "type": "subscription_item_details",
                    "invoice_item_details": null,
                    "subscription_item_details": {"invoice_item": null, "proration": false, "proration_details": {"credited_items": null}, "subscription": null, "subscription_item": null}
                }"#,
            );
            let mut object = SHAPE.value();
            object["subscription_item_details"]["subscription"] = json!(sub);
            object["subscription_item_details"]["subscription_item"] = json!(item);
            object
        }
        None => {
            static SHAPE: Shape = Shape::new(
                r#"{
                    "type": "invoice_item_details",
                    "invoice_item_details": {"invoice_item": null, "proration": false, "proration_details": {"credited_items": null}, "subscription": null},
                    "subscription_item_details": null
                }"#,
            );
            let mut object = SHAPE.value();
            object["invoice_item_details"]["invoice_item"] = json!(source["id"]);
            object
        }
    };
    static SHAPE: Shape = Shape::new(
        r#"{
            "id": null,
            "object": "line_item",
            "amount": null,
            "currency": null,
            "description": null,
            "discount_amounts": [],
            "discountable": true,
            "discounts": [],
            "invoice": null,
            "livemode": false,
            "metadata": {},
            "parent": null,
            "period": null,
            "pretax_credit_amounts": [],
            "pricing": {"type": "price_details", "price_details": {"price": null, "product": null}, "unit_amount_decimal": null},
            "quantity": null,
            "subscription": null,
            "subtotal": null,
            "taxes": []
        }"#,
    );
    let mut object = SHAPE.value();
    object["id"] = json!(id);
    object["amount"] = json!(amount);
    object["currency"] = json!(source["currency"]);
    object["description"] = json!(source["description"]);
    object["invoice"] = json!(invoice);
    object["parent"] = json!(parent);
    object["period"] = json!(source["period"]);
    object["pricing"]["price_details"]["price"] =
        json!(source["pricing"]["price_details"]["price"]);
    object["pricing"]["price_details"]["product"] =
        json!(source["pricing"]["price_details"]["product"]);
    object["pricing"]["unit_amount_decimal"] = json!(amount.to_string());
    object["quantity"] = json!(source["quantity"]);
    object["subscription"] = json!(subscription.map(|(s, _)| s));
    object["subtotal"] = json!(amount);
    object
}

/// A pending invoice item of `customer`.
pub(crate) fn invoiceitem(id: String, now: i64, customer: &str, currency: &str) -> Value {
    static SHAPE: Shape = Shape::new(
        r#"{
            "id": null,
            "object": "invoiceitem",
            "quantity_decimal": "1",
            "amount": 0,
            "currency": null,
            "customer": null,
            "customer_account": null,
            "date": null,
            "description": null,
            "discountable": true,
            "discounts": [],
            "invoice": null,
            "livemode": false,
            "metadata": {},
            "net_amount": 0,
            "parent": null,
            "period": {"end": null, "start": null},
            "pricing": {"type": "price_details", "price_details": {"price": null, "product": null}, "unit_amount_decimal": "0"},
            "proration": false,
            "quantity": 1,
            "tax_rates": [],
            "test_clock": null
        }"#,
    );
    let mut object = SHAPE.value();
    object["id"] = json!(id);
    object["currency"] = json!(currency);
    object["customer"] = json!(customer);
    object["date"] = json!(now);
    object["period"]["end"] = json!(now);
    object["period"]["start"] = json!(now);
    object
}

/// An item of a subscription: a price and a quantity, with its current period.
pub(crate) fn subscription_item(
    id: String,
    now: i64,
    subscription: &str,
    price: &Value,
    quantity: i64,
    period: (i64, i64),
) -> Value {
    static SHAPE: Shape = Shape::new(
        r#"{
            "id": null,
            "object": "subscription_item",
            "billing_thresholds": null,
            "created": null,
            "current_period_end": null,
            "current_period_start": null,
            "discounts": [],
            "metadata": {},
            "plan": null,
            "price": null,
            "quantity": null,
            "subscription": null,
            "tax_rates": []
        }"#,
    );
    let mut object = SHAPE.value();
    object["id"] = json!(id);
    object["created"] = json!(now);
    object["current_period_end"] = json!(period.1);
    object["current_period_start"] = json!(period.0);
    object["plan"] = json!(plan_of(price));
    object["price"] = json!(price);
    object["quantity"] = json!(quantity);
    object["subscription"] = json!(subscription);
    object
}

/// An incomplete subscription of `customer` with no items yet.
pub(crate) fn subscription(id: String, now: i64, customer: &str) -> Value {
    let items_url = format!("/v1/subscription_items?subscription={id}");
    static SHAPE: Shape = Shape::new(
        r#"{
            "id": null,
            "object": "subscription",
            "billing_schedules": [],
            "managed_payments": {"enabled": false},
            "application": null,
            "application_fee_percent": null,
            "automatic_tax": {"disabled_reason": null, "enabled": false, "liability": null},
            "billing_cycle_anchor": null,
            "billing_cycle_anchor_config": null,
            "billing_mode": {"type": "flexible", "flexible": {"proration_discounts": "included"}},
            "billing_thresholds": null,
            "cancel_at": null,
            "cancel_at_period_end": false,
            "canceled_at": null,
            "cancellation_details": {"comment": null, "feedback": null, "reason": null},
            "collection_method": "charge_automatically",
            "created": null,
            "currency": "usd",
            "customer": null,
            "customer_account": null,
            "days_until_due": null,
            "default_payment_method": null,
            "default_source": null,
            "default_tax_rates": [],
            "description": null,
            "discounts": [],
            "ended_at": null,
            "invoice_settings": {"account_tax_ids": null, "custom_fields": null, "description": null, "footer": null, "issuer": {"type": "self"}},
            "items": {"object": "list", "data": [], "has_more": false, "total_count": 0, "url": null},
            "latest_invoice": null,
            "livemode": false,
            "metadata": {},
            "next_pending_invoice_item_invoice": null,
            "on_behalf_of": null,
            "pause_collection": null,
            "payment_settings": {"payment_method_options": null, "payment_method_types": null, "save_default_payment_method": "off"},
            "pending_invoice_item_interval": null,
            "pending_setup_intent": null,
            "pending_update": null,
            "schedule": null,
            "start_date": null,
            "status": "incomplete",
            "test_clock": null,
            "transfer_data": null,
            "trial_end": null,
            "trial_settings": {"end_behavior": {"missing_payment_method": "create_invoice"}},
            "trial_start": null
        }"#,
    );
    let mut object = SHAPE.value();
    object["id"] = json!(id);
    object["billing_cycle_anchor"] = json!(now);
    object["created"] = json!(now);
    object["customer"] = json!(customer);
    object["items"]["url"] = json!(items_url);
    object["start_date"] = json!(now);
    object
}

/// An issued credit note on `invoice` (the caller sets the amounts and lines).
pub(crate) fn credit_note(id: String, now: i64, customer: &str, invoice: &str) -> Value {
    let lines_url = format!("/v1/credit_notes/{id}/lines");
    static SHAPE: Shape = Shape::new(
        r#"{
            "id": null,
            "object": "credit_note",
            "amount": 0,
            "amount_shipping": 0,
            "created": null,
            "currency": "usd",
            "customer": null,
            "customer_account": null,
            "customer_balance_transaction": null,
            "discount_amount": 0,
            "discount_amounts": [],
            "effective_at": null,
            "invoice": null,
            "lines": {"object": "list", "data": [], "has_more": false, "url": null},
            "livemode": false,
            "memo": null,
            "metadata": {},
            "number": null,
            "out_of_band_amount": null,
            "pdf": null,
            "pre_payment_amount": 0,
            "post_payment_amount": 0,
            "pretax_credit_amounts": [],
            "reason": null,
            "refunds": [],
            "shipping_cost": null,
            "status": "issued",
            "subtotal": 0,
            "subtotal_excluding_tax": 0,
            "total": 0,
            "total_excluding_tax": 0,
            "total_taxes": [],
            "type": "pre_payment",
            "voided_at": null
        }"#,
    );
    let mut object = SHAPE.value();
    object["id"] = json!(id);
    object["created"] = json!(now);
    object["customer"] = json!(customer);
    object["effective_at"] = json!(now);
    object["invoice"] = json!(invoice);
    object["lines"]["url"] = json!(lines_url);
    object
}
