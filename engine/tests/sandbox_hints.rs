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
            "a state Stripe refuses",
            "invoices.pay",
            json!({"invoice": "in_1"}),
            error("invoice_already_paid", None, "Invoice is already paid"),
            Some("The invoice is already paid: add a condition before this step"),
        ),
        (
            "an error with nothing to add",
            "customers.create",
            json!({"name": "Jean"}),
            error("lock_timeout", None, "This object cannot be accessed right now because another API request or Stripe process is currently accessing it."),
            None,
        ),
        (
            "capturing more than authorized",
            "payment_intents.capture",
            json!({"payment_intent": "pi_1", "amount_to_capture": 99_999}),
            error("amount_too_large", Some("amount_to_capture"), "The amount to capture must be positive and at most the capturable amount (1000)."),
            Some("Lower Amount to capture to at most the amount the payment authorized"),
        ),
        (
            "a payment above Stripe's maximum",
            "payment_intents.create",
            json!({"amount": 100_000_000, "currency": "usd"}),
            error("amount_too_large", Some("amount"), "Amount must be no more than 999,999.99"),
            Some("Lower Amount to at most 99,999,999 in the currency's minor unit"),
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

/// The first object of `object` type the sandbox holds.
fn first(sb: &Sandbox, object: &str) -> Value {
    sb.objects(object)
        .next()
        .cloned()
        .unwrap_or_else(|| panic!("no {object}"))
}

/// A call on an object in a state that refuses it.
type Refused = fn(&mut Sandbox, &Value) -> (&'static str, Value);

/// Objects brought to a state by the event generator's scenarios, then a call that state
/// refuses: the sandbox's real error gets a hint that says which state the step needs.
#[test]
fn calls_an_objects_state_refuses_get_a_hint() {
    // (event type that makes the object, the refused call on its data.object, hint start)
    let cases: Vec<(&str, Refused, &str)> = vec![
        (
            "invoice.paid",
            |_, inv| ("invoices.pay", json!({"invoice": inv["id"]})),
            "The invoice is already paid",
        ),
        (
            "invoice.voided",
            |_, inv| ("invoices.pay", json!({"invoice": inv["id"]})),
            "A voided invoice can no longer be paid",
        ),
        (
            "invoice.finalized",
            |_, inv| ("invoices.finalize", json!({"invoice": inv["id"]})),
            "Only a draft invoice can be finalized",
        ),
        (
            "invoice.voided",
            |_, inv| {
                (
                    "invoices.update",
                    json!({"invoice": inv["id"], "description": "Late"}),
                )
            },
            "Once an invoice is finalized",
        ),
        (
            "invoice.finalized",
            |_, inv| ("invoices.delete", json!({"invoice": inv["id"]})),
            "Only a draft invoice can be deleted",
        ),
        (
            "invoice.voided",
            |_, inv| ("invoices.void", json!({"invoice": inv["id"]})),
            "Only an open invoice can be voided",
        ),
        (
            "invoice.voided",
            |_, inv| ("invoices.mark_uncollectible", json!({"invoice": inv["id"]})),
            "Only an open invoice can be marked uncollectible",
        ),
        (
            "invoice.voided",
            |_, inv| ("invoices.send", json!({"invoice": inv["id"]})),
            "Only an open invoice can be sent",
        ),
        (
            "invoice.finalized",
            |_, inv| {
                (
                    "invoiceitems.create",
                    json!({"customer": inv["customer"], "invoice": inv["id"], "amount": 500, "currency": inv["currency"]}),
                )
            },
            "Items can be added only to a draft invoice",
        ),
        (
            "invoice.finalized",
            |sb, _| {
                (
                    "invoiceitems.update",
                    json!({"invoiceitem": first(sb, "invoiceitem")["id"], "description": "Changed"}),
                )
            },
            "This item is on a finalized invoice and can no longer change",
        ),
        (
            "invoice.finalized",
            |sb, _| {
                (
                    "invoiceitems.delete",
                    json!({"invoiceitem": first(sb, "invoiceitem")["id"]}),
                )
            },
            "This item is on a finalized invoice and can no longer be deleted",
        ),
        (
            "invoice.voided",
            |_, inv| {
                (
                    "credit_notes.create",
                    json!({"invoice": inv["id"], "amount": 100}),
                )
            },
            "A credit note needs an open or paid invoice",
        ),
        (
            "credit_note.voided",
            |_, cn| ("credit_notes.void", json!({"credit_note": cn["id"]})),
            "The credit note is already voided",
        ),
        (
            "customer.subscription.deleted",
            |_, sub| {
                (
                    "subscriptions.update",
                    json!({"subscription": sub["id"], "description": "Back"}),
                )
            },
            "A canceled subscription takes only metadata",
        ),
        (
            "payment_intent.succeeded",
            |_, pi| {
                (
                    "payment_intents.confirm",
                    json!({"payment_intent": pi["id"]}),
                )
            },
            "This payment intent is past confirmation",
        ),
        (
            "payment_intent.succeeded",
            |_, pi| {
                (
                    "payment_intents.capture",
                    json!({"payment_intent": pi["id"]}),
                )
            },
            "Only a payment waiting for capture can be captured",
        ),
        (
            "payment_intent.succeeded",
            |_, pi| {
                (
                    "payment_intents.cancel",
                    json!({"payment_intent": pi["id"]}),
                )
            },
            "A payment that succeeded or was canceled cannot be canceled",
        ),
        (
            "payment_intent.payment_failed",
            |_, pi| ("refunds.create", json!({"payment_intent": pi["id"]})),
            "Only a succeeded, captured payment can be refunded",
        ),
        (
            "charge.refunded",
            |_, ch| ("refunds.create", json!({"charge": ch["id"]})),
            "The charge is already refunded in full",
        ),
        (
            "charge.succeeded",
            |_, ch| {
                (
                    "refunds.create",
                    json!({"charge": ch["id"], "amount": 99_999_999}),
                )
            },
            "Lower Amount to at most what is left to refund",
        ),
        (
            "charge.dispute.funds_reinstated",
            |_, dp| {
                (
                    "disputes.update",
                    json!({"dispute": dp["id"], "metadata": {"case": "42"}}),
                )
            },
            "The dispute is closed and can no longer change",
        ),
        (
            "charge.dispute.closed",
            |_, dp| ("disputes.close", json!({"dispute": dp["id"]})),
            "The dispute is already closed",
        ),
        (
            "payout.paid",
            |_, po| ("payouts.cancel", json!({"payout": po["id"]})),
            "Only a pending payout can be canceled",
        ),
        (
            "checkout.session.expired",
            |_, cs| ("checkout.sessions.expire", json!({"session": cs["id"]})),
            "Only an open Checkout Session can be expired",
        ),
        (
            "review.closed",
            |_, prv| ("reviews.approve", json!({"review": prv["id"]})),
            "The review is already closed",
        ),
        (
            "payment_method.attached",
            |sb, pm| {
                let other = call(sb, "customers.create", json!({"name": "Other"}));
                (
                    "payment_methods.attach",
                    json!({"payment_method": pm["id"], "customer": other["id"]}),
                )
            },
            "This payment method already belongs to a customer",
        ),
        (
            "payment_method.detached",
            |_, pm| {
                (
                    "payment_methods.detach",
                    json!({"payment_method": pm["id"]}),
                )
            },
            "This payment method belongs to no customer",
        ),
        (
            "price.created",
            |_, price| ("products.delete", json!({"product": price["product"]})),
            "A product that has prices cannot be deleted",
        ),
        (
            "coupon.created",
            |_, coupon| {
                (
                    "coupons.create",
                    json!({"id": coupon["id"], "percent_off": 10, "duration": "once"}),
                )
            },
            "A coupon with this ID already exists",
        ),
    ];
    for (kind, refused, want) in cases {
        let mut sb = Sandbox::new(T0, 12);
        let event = sb.generate_event(kind, &Map::new()).unwrap();
        let (action_id, params) = refused(&mut sb, &event.data.object);
        let err = call_err(&mut sb, action_id, params.clone());
        let spec = action(action_id).unwrap();
        let hint = fix_hint(&err, spec, &map(params))
            .unwrap_or_else(|| panic!("{kind} / {action_id}: no hint for {err:?}"))
            .to_string();
        assert!(
            hint.starts_with(want),
            "{kind} / {action_id}: {hint} ({err:?})"
        );
        assert!(
            hint.ends_with('.'),
            "{kind} / {action_id}: one sentence: {hint}"
        );
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
