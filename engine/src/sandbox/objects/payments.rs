//! Payment objects: payment method, card, payment intent, charge, refund, dispute, Checkout
//! session, early fraud warning, review, payout, setup intent.
//!
//! Test cards behave as Stripe's test tokens do: `pm_card_visa` succeeds,
//! `pm_card_chargeDeclined` and `pm_card_chargeCustomerFail` are declined,
//! `pm_card_createDispute` succeeds then gets disputed, `pm_card_radarBlock`-style early
//! fraud warnings come from `pm_card_createEarlyFraudWarning`, `pm_card_createDisputeInquiry`
//! gets an inquiry (no funds withdrawn), `pm_card_authenticationRequired` and
//! `pm_card_threeDSecure2Required` need 3D Secure, `pm_card_riskLevelElevated` is held for a
//! Radar review, `pm_card_bypassPending` funds the available balance at once.

use serde_json::Value;

use crate::json::json;

use super::Shape;

/// A test card: what it looks like and how charging it behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TestCard {
    /// The token that selects it, such as `pm_card_visa`.
    pub token: &'static str,
    /// Brand, lower case as in `payment_method.card.brand`.
    pub brand: &'static str,
    /// Last four digits.
    pub last4: &'static str,
    /// credit / debit / prepaid.
    pub funding: &'static str,
    /// Issuing country.
    pub country: &'static str,
    /// The decline code when charging it fails.
    pub decline: Option<&'static str>,
    /// A successful charge is disputed right away.
    pub disputes: bool,
    /// A successful charge gets an early fraud warning.
    pub fraud_warning: bool,
    /// The dispute a successful charge gets is an inquiry (no funds withdrawn).
    pub inquiry: bool,
    /// Confirming needs the customer's authentication (3D Secure) first.
    pub authentication: bool,
    /// A successful charge is held for a Radar review.
    pub review: bool,
}

const fn card_of(token: &'static str, brand: &'static str, last4: &'static str) -> TestCard {
    TestCard {
        token,
        brand,
        last4,
        funding: "credit",
        country: "US",
        decline: None,
        disputes: false,
        fraud_warning: false,
        inquiry: false,
        authentication: false,
        review: false,
    }
}

/// The default test card.
pub(crate) const VISA: TestCard = card_of("pm_card_visa", "visa", "4242");

/// Every test token the sandbox understands.
pub(crate) const TEST_CARDS: &[TestCard] = &[
    VISA,
    TestCard {
        funding: "debit",
        ..card_of("pm_card_visa_debit", "visa", "5556")
    },
    card_of("pm_card_mastercard", "mastercard", "4444"),
    card_of("pm_card_amex", "amex", "8431"),
    card_of("pm_card_discover", "discover", "1117"),
    TestCard {
        country: "FR",
        ..card_of("pm_card_fr", "visa", "0003")
    },
    TestCard {
        decline: Some("generic_decline"),
        ..card_of("pm_card_chargeDeclined", "visa", "0002")
    },
    TestCard {
        decline: Some("insufficient_funds"),
        ..card_of("pm_card_chargeDeclinedInsufficientFunds", "visa", "9995")
    },
    TestCard {
        decline: Some("generic_decline"),
        ..card_of("pm_card_chargeCustomerFail", "visa", "0341")
    },
    TestCard {
        disputes: true,
        ..card_of("pm_card_createDispute", "visa", "0259")
    },
    TestCard {
        fraud_warning: true,
        ..card_of("pm_card_createEarlyFraudWarning", "visa", "0019")
    },
    TestCard {
        decline: Some("generic_decline"),
        ..card_of("pm_card_visa_chargeDeclined", "visa", "0002")
    },
    TestCard {
        disputes: true,
        inquiry: true,
        ..card_of("pm_card_createDisputeInquiry", "visa", "1976")
    },
    TestCard {
        authentication: true,
        ..card_of("pm_card_authenticationRequired", "visa", "3155")
    },
    TestCard {
        authentication: true,
        ..card_of("pm_card_threeDSecure2Required", "visa", "3220")
    },
    card_of("pm_card_bypassPending", "visa", "0077"),
    TestCard {
        review: true,
        ..card_of("pm_card_riskLevelElevated", "visa", "9235")
    },
];

/// The test card a token names.
pub(crate) fn test_card(token: &str) -> Option<&'static TestCard> {
    TEST_CARDS.iter().find(|c| c.token == token)
}

/// The card a payment method object describes (by its last four digits).
pub(crate) fn card_behavior(pm: &Value) -> TestCard {
    let last4 = pm["card"]["last4"].as_str().unwrap_or("4242");
    TEST_CARDS
        .iter()
        .find(|c| c.last4 == last4)
        .copied()
        .unwrap_or(VISA)
}

fn fingerprint(card: &TestCard) -> String {
    format!("Sf{}{}{}", card.last4, card.brand.len(), card.country)
}

/// A card payment method, not attached to a customer.
pub(crate) fn payment_method(id: String, now: i64, card: &TestCard) -> Value {
    static SHAPE: Shape = Shape::new(
        r#"{
            "id": null,
            "object": "payment_method",
            "allow_redisplay": "unspecified",
            "billing_details": {"address": {"city": null, "country": null, "line1": null, "line2": null, "postal_code": null, "state": null}, "email": null, "name": null, "phone": null, "tax_id": null},
            "card": {"brand": null, "checks": {"address_line1_check": null, "address_postal_code_check": null, "cvc_check": "pass"}, "country": null, "display_brand": null, "exp_month": 12, "exp_year": 2034, "fingerprint": null, "funding": null, "generated_from": null, "last4": null, "networks": {"available": [null], "preferred": null}, "regulated_status": "unregulated", "three_d_secure_usage": {"supported": true}, "wallet": null},
            "created": null,
            "customer": null,
            "customer_account": null,
            "livemode": false,
            "metadata": {},
            "type": "card"
        }"#,
    );
    let mut object = SHAPE.value();
    object["id"] = json!(id);
    object["card"]["brand"] = json!(card.brand);
    object["card"]["country"] = json!(card.country);
    object["card"]["display_brand"] = json!(card.brand);
    object["card"]["fingerprint"] = json!(fingerprint(card));
    object["card"]["funding"] = json!(card.funding);
    object["card"]["last4"] = json!(card.last4);
    object["card"]["networks"]["available"][0] = json!(card.brand);
    object["created"] = json!(now);
    object
}

/// A legacy card source (what `customer.source.*` events carry).
pub(crate) fn card(id: String, card: &TestCard) -> Value {
    static SHAPE: Shape = Shape::new(
        r#"{
            "id": null,
            "object": "card",
            "address_city": null,
            "address_country": null,
            "address_line1": null,
            "address_line1_check": null,
            "address_line2": null,
            "address_state": null,
            "address_zip": null,
            "address_zip_check": null,
            "brand": null,
            "country": null,
            "customer": null,
            "cvc_check": "pass",
            "dynamic_last4": null,
            "exp_month": 12,
            "exp_year": 2034,
            "fingerprint": null,
            "funding": null,
            "last4": null,
            "metadata": {},
            "name": null,
            "regulated_status": "unregulated",
            "tokenization_method": null
        }"#,
    );
    let mut object = SHAPE.value();
    object["id"] = json!(id);
    object["brand"] = json!(match card.brand {
        "visa" => "Visa",
        "mastercard" => "MasterCard",
        "amex" => "American Express",
        _ => "Discover",
    });
    object["country"] = json!(card.country);
    object["fingerprint"] = json!(fingerprint(card));
    object["funding"] = json!(card.funding);
    object["last4"] = json!(card.last4);
    object
}

/// A payment intent waiting for a payment method.
pub(crate) fn payment_intent(id: String, now: i64, amount: i64, currency: &str) -> Value {
    let secret = format!("{id}_secret_sandflow");
    static SHAPE: Shape = Shape::new(
        r#"{
            "id": null,
            "object": "payment_intent",
            "managed_payments": {"enabled": false},
            "amount": null,
            "amount_capturable": 0,
            "amount_details": {"tip": {}},
            "amount_received": 0,
            "application": null,
            "application_fee_amount": null,
            "automatic_payment_methods": {"allow_redirects": "always", "enabled": true},
            "canceled_at": null,
            "cancellation_reason": null,
            "capture_method": "automatic_async",
            "client_secret": null,
            "confirmation_method": "automatic",
            "created": null,
            "currency": null,
            "customer": null,
            "customer_account": null,
            "description": null,
            "excluded_payment_method_types": null,
            "last_payment_error": null,
            "latest_charge": null,
            "livemode": false,
            "metadata": {},
            "next_action": null,
            "on_behalf_of": null,
            "payment_method": null,
            "payment_method_configuration_details": null,
            "payment_method_options": {"card": {"installments": null, "mandate_options": null, "network": null, "request_three_d_secure": "automatic"}},
            "payment_method_types": ["card"],
            "processing": null,
            "receipt_email": null,
            "review": null,
            "setup_future_usage": null,
            "shipping": null,
            "source": null,
            "statement_descriptor": null,
            "statement_descriptor_suffix": null,
            "status": "requires_payment_method",
            "transfer_data": null,
            "transfer_group": null
        }"#,
    );
    let mut object = SHAPE.value();
    object["id"] = json!(id);
    object["amount"] = json!(amount);
    object["client_secret"] = json!(secret);
    object["created"] = json!(now);
    object["currency"] = json!(currency);
    object
}

/// A succeeded, captured card charge (the caller adjusts failures and captures).
pub(crate) fn charge(id: String, now: i64, amount: i64, currency: &str) -> Value {
    let receipt = format!("https://pay.stripe.com/receipts/sandflow/{id}");
    static SHAPE: Shape = Shape::new(
        r#"{
            "id": null,
            "object": "charge",
            "amount": null,
            "amount_captured": null,
            "amount_refunded": 0,
            "application": null,
            "application_fee": null,
            "application_fee_amount": null,
            "balance_transaction": null,
            "billing_details": {"address": {"city": null, "country": null, "line1": null, "line2": null, "postal_code": null, "state": null}, "email": null, "name": null, "phone": null, "tax_id": null},
            "calculated_statement_descriptor": "SANDFLOW",
            "captured": true,
            "created": null,
            "currency": null,
            "customer": null,
            "description": null,
            "disputed": false,
            "failure_balance_transaction": null,
            "failure_code": null,
            "failure_message": null,
            "fraud_details": {},
            "livemode": false,
            "metadata": {},
            "on_behalf_of": null,
            "outcome": {"advice_code": null, "network_advice_code": null, "network_decline_code": null, "network_status": "approved_by_network", "reason": null, "risk_level": "normal", "risk_score": 32, "seller_message": "Payment complete.", "type": "authorized"},
            "paid": true,
            "payment_intent": null,
            "payment_method": null,
            "payment_method_details": {"card": null, "type": "card"},
            "radar_options": {},
            "receipt_email": null,
            "receipt_number": null,
            "receipt_url": null,
            "refunded": false,
            "review": null,
            "shipping": null,
            "source": null,
            "source_transfer": null,
            "statement_descriptor": null,
            "statement_descriptor_suffix": null,
            "status": "succeeded",
            "transfer_data": null,
            "transfer_group": null
        }"#,
    );
    let mut object = SHAPE.value();
    object["id"] = json!(id);
    object["amount"] = json!(amount);
    object["amount_captured"] = json!(amount);
    object["created"] = json!(now);
    object["currency"] = json!(currency);
    object["receipt_url"] = json!(receipt);
    object
}

/// `payment_method_details.card` of a charge paid with `pm`.
pub(crate) fn charge_card_details(pm: &Value, amount: i64) -> Value {
    let c = &pm["card"];
    static SHAPE: Shape = Shape::new(
        r#"{
            "amount_authorized": null,
            "authorization_code": null,
            "brand": null,
            "checks": null,
            "country": null,
            "exp_month": null,
            "exp_year": null,
            "extended_authorization": {"status": "disabled"},
            "fingerprint": null,
            "funding": null,
            "incremental_authorization": {"status": "unavailable"},
            "installments": null,
            "last4": null,
            "mandate": null,
            "multicapture": {"status": "unavailable"},
            "network": null,
            "network_token": {"used": false},
            "network_transaction_id": "SF0000000000001",
            "overcapture": {"maximum_amount_capturable": null, "status": "unavailable"},
            "regulated_status": "unregulated",
            "three_d_secure": null,
            "wallet": null
        }"#,
    );
    let mut object = SHAPE.value();
    object["amount_authorized"] = json!(amount);
    object["brand"] = json!(c["brand"]);
    object["checks"] = json!(c["checks"]);
    object["country"] = json!(c["country"]);
    object["exp_month"] = json!(c["exp_month"]);
    object["exp_year"] = json!(c["exp_year"]);
    object["fingerprint"] = json!(c["fingerprint"]);
    object["funding"] = json!(c["funding"]);
    object["last4"] = json!(c["last4"]);
    object["network"] = json!(c["brand"]);
    object["overcapture"]["maximum_amount_capturable"] = json!(amount);
    object
}

/// A succeeded refund of `charge`.
pub(crate) fn refund(id: String, now: i64, charge: &str, amount: i64, currency: &str) -> Value {
    static SHAPE: Shape = Shape::new(
        r#"{
            "id": null,
            "object": "refund",
            "amount": null,
            "balance_transaction": null,
            "charge": null,
            "created": null,
            "currency": null,
            "customer": null,
            "customer_account": null,
            "destination_details": {"card": {"reference_status": "pending", "reference_type": "acquirer_reference_number", "type": "refund"}, "type": "card"},
            "metadata": {},
            "payment_intent": null,
            "payment_method": null,
            "reason": null,
            "receipt_number": null,
            "source_transfer_reversal": null,
            "status": "succeeded",
            "transfer_reversal": null
        }"#,
    );
    let mut object = SHAPE.value();
    object["id"] = json!(id);
    object["amount"] = json!(amount);
    object["charge"] = json!(charge);
    object["created"] = json!(now);
    object["currency"] = json!(currency);
    object
}

/// A dispute on `charge` that needs a response, evidence due in 7 days.
pub(crate) fn dispute(id: String, now: i64, charge: &str, amount: i64, currency: &str) -> Value {
    static SHAPE: Shape = Shape::new(
        r#"{
            "id": null,
            "object": "dispute",
            "amount": null,
            "balance_transactions": [],
            "charge": null,
            "created": null,
            "currency": null,
            "enhanced_eligibility_types": [],
            "evidence": {"access_activity_log": null, "billing_address": null, "cancellation_policy": null, "cancellation_policy_disclosure": null, "cancellation_rebuttal": null, "customer_communication": null, "customer_email_address": null, "customer_name": null, "customer_purchase_ip": null, "customer_signature": null, "duplicate_charge_documentation": null, "duplicate_charge_explanation": null, "duplicate_charge_id": null, "enhanced_evidence": {}, "product_description": null, "receipt": null, "refund_policy": null, "refund_policy_disclosure": null, "refund_refusal_explanation": null, "service_date": null, "service_documentation": null, "shipping_address": null, "shipping_carrier": null, "shipping_date": null, "shipping_documentation": null, "shipping_tracking_number": null, "uncategorized_file": null, "uncategorized_text": null},
            "evidence_details": {"due_by": null, "enhanced_eligibility": {}, "has_evidence": false, "past_due": false, "submission_count": 0},
            "is_charge_refundable": false,
            "livemode": false,
            "metadata": {},
            "payment_intent": null,
            "payment_method_details": {"card": {"brand": "visa", "case_type": "chargeback", "network_reason_code": "10.4"}, "type": "card"},
            "reason": "fraudulent",
            "status": "needs_response"
        }"#,
    );
    let mut object = SHAPE.value();
    object["id"] = json!(id);
    object["amount"] = json!(amount);
    object["charge"] = json!(charge);
    object["created"] = json!(now);
    object["currency"] = json!(currency);
    object["evidence_details"]["due_by"] = json!(now + 7 * 86_400);
    object
}

/// An open Checkout Session in `mode`, expiring in 24 hours.
pub(crate) fn checkout_session(id: String, now: i64, mode: &str) -> Value {
    let url = format!("https://checkout.stripe.com/c/pay/{id}");
    static SHAPE: Shape = Shape::new(
        r#"{
            "id": null,
            "object": "checkout.session",
            "currency_conversion": null,
            "customer_account": null,
            "integration_identifier": null,
            "managed_payments": {"enabled": false},
            "origin_context": null,
            "payment_method_configuration_details": null,
            "permissions": null,
            "adaptive_pricing": {"enabled": false},
            "after_expiration": null,
            "allow_promotion_codes": null,
            "amount_subtotal": 0,
            "amount_total": 0,
            "automatic_tax": {"enabled": false, "liability": null, "provider": null, "status": null},
            "billing_address_collection": null,
            "cancel_url": null,
            "client_reference_id": null,
            "client_secret": null,
            "collected_information": null,
            "consent": null,
            "consent_collection": null,
            "created": null,
            "currency": "usd",
            "custom_fields": [],
            "custom_text": {"after_submit": null, "shipping_address": null, "submit": null, "terms_of_service_acceptance": null},
            "customer": null,
            "customer_creation": "if_required",
            "customer_details": null,
            "customer_email": null,
            "discounts": [],
            "expires_at": null,
            "invoice": null,
            "invoice_creation": null,
            "livemode": false,
            "locale": null,
            "metadata": {},
            "mode": null,
            "payment_intent": null,
            "payment_link": null,
            "payment_method_collection": "if_required",
            "payment_method_options": {},
            "payment_method_types": ["card"],
            "payment_status": "unpaid",
            "phone_number_collection": {"enabled": false},
            "recovered_from": null,
            "saved_payment_method_options": null,
            "setup_intent": null,
            "shipping_address_collection": null,
            "shipping_cost": null,
            "shipping_options": [],
            "status": "open",
            "submit_type": null,
            "subscription": null,
            "success_url": "https://example.com/success",
            "total_details": {"amount_discount": 0, "amount_shipping": 0, "amount_tax": 0},
            "ui_mode": "hosted",
            "url": null,
            "wallet_options": null
        }"#,
    );
    let mut object = SHAPE.value();
    object["id"] = json!(id);
    object["created"] = json!(now);
    object["expires_at"] = json!(now + 86_400);
    object["mode"] = json!(mode);
    object["url"] = json!(url);
    object
}

/// An early fraud warning on `charge`.
pub(crate) fn early_fraud_warning(id: String, now: i64, charge: &str) -> Value {
    static SHAPE: Shape = Shape::new(
        r#"{
            "id": null,
            "object": "radar.early_fraud_warning",
            "actionable": true,
            "charge": null,
            "created": null,
            "fraud_type": "made_with_stolen_card",
            "livemode": false,
            "payment_intent": null
        }"#,
    );
    let mut object = SHAPE.value();
    object["id"] = json!(id);
    object["charge"] = json!(charge);
    object["created"] = json!(now);
    object
}

/// An open Radar review of `charge`.
pub(crate) fn review(id: String, now: i64, charge: &str) -> Value {
    static SHAPE: Shape = Shape::new(
        r#"{
            "id": null,
            "object": "review",
            "billing_zip": "94107",
            "charge": null,
            "closed_reason": null,
            "created": null,
            "ip_address": "203.0.113.7",
            "ip_address_location": {"city": "San Francisco", "country": "US", "latitude": 37.77, "longitude": -122.41, "region": "CA"},
            "livemode": false,
            "open": true,
            "opened_reason": "rule",
            "payment_intent": null,
            "reason": "rule",
            "session": {"browser": "Chrome", "device": "Desktop", "platform": "macOS", "version": "126.0"}
        }"#,
    );
    let mut object = SHAPE.value();
    object["id"] = json!(id);
    object["charge"] = json!(charge);
    object["created"] = json!(now);
    object
}

/// A pending payout to the default bank account, arriving in two days.
pub(crate) fn payout(id: String, now: i64, amount: i64, currency: &str) -> Value {
    static SHAPE: Shape = Shape::new(
        r#"{
            "id": null,
            "object": "payout",
            "amount": null,
            "application_fee": null,
            "application_fee_amount": null,
            "arrival_date": null,
            "automatic": false,
            "balance_transaction": null,
            "created": null,
            "currency": null,
            "description": null,
            "destination": "ba_SandflowDefaultBank00001",
            "failure_balance_transaction": null,
            "failure_code": null,
            "failure_message": null,
            "livemode": false,
            "metadata": {},
            "method": "standard",
            "original_payout": null,
            "payout_method": null,
            "reconciliation_status": "not_applicable",
            "reversed_by": null,
            "source_type": "card",
            "statement_descriptor": null,
            "status": "pending",
            "trace_id": {"status": "pending", "value": null},
            "type": "bank_account"
        }"#,
    );
    let mut object = SHAPE.value();
    object["id"] = json!(id);
    object["amount"] = json!(amount);
    object["arrival_date"] = json!(now + 2 * 86_400);
    object["created"] = json!(now);
    object["currency"] = json!(currency);
    object
}

/// A setup intent waiting for a payment method.
pub(crate) fn setup_intent(id: String, now: i64) -> Value {
    let secret = format!("{id}_secret_sandflow");
    static SHAPE: Shape = Shape::new(
        r#"{
            "id": null,
            "object": "setup_intent",
            "excluded_payment_method_types": null,
            "payment_method_configuration_details": null,
            "application": null,
            "automatic_payment_methods": {"allow_redirects": "always", "enabled": true},
            "cancellation_reason": null,
            "client_secret": null,
            "created": null,
            "customer": null,
            "description": null,
            "flow_directions": null,
            "last_setup_error": null,
            "latest_attempt": null,
            "livemode": false,
            "mandate": null,
            "metadata": {},
            "next_action": null,
            "on_behalf_of": null,
            "payment_method": null,
            "payment_method_options": {},
            "payment_method_types": ["card"],
            "single_use_mandate": null,
            "status": "requires_payment_method",
            "usage": "off_session"
        }"#,
    );
    let mut object = SHAPE.value();
    object["id"] = json!(id);
    object["client_secret"] = json!(secret);
    object["created"] = json!(now);
    object
}
