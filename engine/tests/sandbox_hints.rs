//! The sentence a failed step shows under Stripe's error: how to fix the step in Sandflow.

mod common;

use common::sandbox::{call, call_err, id};
use sandflow_engine::sandbox::{action, fix_hint, ApiError, Sandbox};
use serde_json::{json, Map, Value};

const T0: i64 = 1_700_000_000;

fn error(code: &str, param: Option<&str>, message: &str) -> ApiError {
    ApiError {
        kind: "invalid_request_error".into(),
        code: Some(code.into()),
        message: message.into(),
        param: param.map(str::to_owned),
        status: 400,
    }
}

fn map(v: Value) -> Map<String, Value> {
    v.as_object().cloned().unwrap_or_default()
}

#[test]
fn hints_by_case() {
    // (name, action, step params as configured, error, the hint's expected start or None)
    let cases: Vec<(&str, &str, Value, ApiError, Option<&str>)> = vec![
        (
            "typed id of no customer",
            "customers.update",
            json!({"customer": "cus_123"}),
            error("resource_missing", Some("customer"), "No such customer: 'cus_123'"),
            Some("The value of Customer does not name an existing customer: pick the trigger's Customer | ID (or another field that holds a customer ID) as a dynamic value."),
        ),
        (
            "dynamic id of no customer",
            "customers.update",
            json!({"customer": "{{trigger.data.object.metadata.crm}}"}),
            error("resource_missing", Some("customer"), "No such customer: 'x'"),
            Some("The dynamic value of Customer gave an ID that names no existing customer: pick a field that holds a customer ID, such as the trigger's Customer | ID."),
        ),
        (
            "missing price in a row of items",
            "subscriptions.create",
            json!({"customer": "cus_1", "items": [{"price": "price_nope"}]}),
            error("resource_missing", Some("items[0][price]"), "No such price: 'price_nope'"),
            Some("The value of Price (Items, row 1) does not name an existing price"),
        ),
        (
            "nested parameter",
            "promotion_codes.create",
            json!({"promotion.type": "coupon", "promotion.coupon": "NOPE"}),
            error("resource_missing", Some("promotion[coupon]"), "No such coupon: 'NOPE'"),
            Some("The value of Promotion coupon does not name an existing coupon"),
        ),
        (
            "conditionally required, left empty",
            "promotion_codes.create",
            json!({"promotion.type": "coupon"}),
            error("parameter_missing", Some("promotion[coupon]"), "Missing required param: promotion[coupon]."),
            Some("Fill in Promotion coupon: The coupon the code applies. Required when Promotion type is coupon."),
        ),
        (
            "dynamic value that came out empty",
            "invoices.create",
            json!({"customer": "{{trigger.data.object.customer}}"}),
            error("parameter_missing", Some("customer"), "Missing required param: customer."),
            Some("The dynamic value of Customer was empty in this run"),
        ),
        (
            "old parameter name",
            "promotion_codes.create",
            json!({"coupon": "SUMMER"}),
            error("parameter_unknown", Some("coupon"), "Received unknown parameter: coupon"),
            Some("Stripe now names this parameter differently: remove Coupon from the step and fill in Promotion coupon instead."),
        ),
        (
            "unknown parameter",
            "customers.create",
            json!({"nickname": "x"}),
            error("parameter_unknown", Some("nickname"), "Received unknown parameter: nickname"),
            Some("Remove Nickname from the step: Create a customer takes no such parameter."),
        ),
        (
            "bad integer",
            "invoiceitems.create",
            json!({"customer": "cus_1", "amount": "lots"}),
            error("parameter_invalid_integer", Some("amount"), "Invalid integer: lots"),
            Some("Change the value of Amount to a whole amount in the currency's minor unit (cents)."),
        ),
        (
            "bad quantity from a dynamic value",
            "subscriptions.create",
            json!({"customer": "cus_1", "items": [{"price": "price_1", "quantity": "{{trigger.data.object.name}}"}]}),
            error("parameter_invalid_integer", Some("items[0][quantity]"), "Invalid integer: Jean"),
            Some("The dynamic value of Quantity (Items, row 1) is not of the right type: pick a field of the type the parameter takes (a whole number)."),
        ),
        (
            "amount too small",
            "payment_intents.create",
            json!({"amount": 10, "currency": "usd"}),
            error("amount_too_small", Some("amount"), "Amount must be at least 50 cents"),
            Some("Raise Amount to at least 50 cents"),
        ),
        (
            "declined card",
            "payment_intents.create",
            json!({"amount": 1000, "currency": "usd", "payment_method": "pm_card_chargeDeclined", "confirm": true}),
            ApiError { kind: "card_error".into(), code: Some("card_declined".into()), message: "Your card was declined.".into(), param: None, status: 402 },
            Some("The card was declined"),
        ),
        (
            "a state Stripe refuses, with nothing to add",
            "invoices.pay",
            json!({"invoice": "in_1"}),
            error("invoice_already_paid", None, "Invoice is already paid"),
            None,
        ),
    ];
    for (name, action_id, params, err, want) in cases {
        let spec = action(action_id).unwrap_or_else(|| panic!("{name}: {action_id}"));
        let got = fix_hint(&err, spec, &map(params)).map(|h| h.to_string());
        match (want, got) {
            (None, None) => {}
            (Some(want), Some(got)) => {
                assert!(got.starts_with(want), "{name}: {got}");
                assert!(got.ends_with('.'), "{name}: one sentence: {got}");
            }
            (want, got) => panic!("{name}: want {want:?}, got {got:?}"),
        }
    }
}

#[test]
fn a_refused_call_gives_the_hint_from_its_request_log() {
    let mut sb = Sandbox::new(T0, 9);
    let params = json!({"customer": "cus_gone", "name": "Jean"});
    call_err(&mut sb, "customers.update", params.clone());
    let log = sb.logs().next().unwrap();
    let err = log.error().expect("the log keeps Stripe's error");
    assert_eq!(
        (err.kind.as_str(), err.code.as_deref(), err.param.as_deref()),
        (
            "invalid_request_error",
            Some("resource_missing"),
            Some("customer")
        )
    );
    assert_eq!(err.message, "No such customer: 'cus_gone'");
    let hint = fix_hint(&err, action("customers.update").unwrap(), &map(params))
        .unwrap()
        .to_string();
    assert!(hint.starts_with("The value of Customer does not name an existing customer"));
    let customer = call(&mut sb, "customers.create", json!({"name": "Jean"}));
    call(
        &mut sb,
        "customers.update",
        json!({"customer": id(&customer)}),
    );
    assert!(
        sb.logs().next().unwrap().error().is_none(),
        "a success has no error"
    );
}
