//! The sandbox API: every action, Stripe's errors, the events each mutation emits (types,
//! order, `previous_attributes`, request ids) and the request log.

mod common;

use common::sandbox::{call, call_err, id, params, taken_kinds};
use sandflow_engine::sandbox::{actions, RunOrigin, Sandbox};
use serde_json::{json, Map, Value};

const T0: i64 = 1_700_000_000;

/// Objects every action case can refer to.
struct Fixture {
    customer: String,
    product: String,
    price: String,
    one_time_price: String,
    coupon: String,
    promo: String,
    invoice_draft: String,
    invoice_open: String,
    invoice_paid: String,
    item: String,
    subscription: String,
    pi_manual: String,
    pi_open: String,
    charge: String,
    refund: String,
    dispute: String,
    credit_note: String,
    pm: String,
    payout: String,
    session: String,
    review: String,
    efw: String,
}

fn fixture(sb: &mut Sandbox) -> Fixture {
    let customer = call(
        sb,
        "customers.create",
        json!({"name": "Jean Dupont", "email": "jean@example.com", "payment_method": "pm_card_visa"}),
    );
    let customer_id = id(&customer);
    let pm = id(sb.objects("payment_method").next().unwrap());
    call(
        sb,
        "customers.update",
        json!({"customer": customer_id, "invoice_settings.default_payment_method": pm}),
    );
    let product = call(sb, "products.create", json!({"name": "Pro plan"}));
    let price = call(
        sb,
        "prices.create",
        json!({"product": id(&product), "currency": "usd", "unit_amount": 2000, "recurring.interval": "month"}),
    );
    let one_time = call(
        sb,
        "prices.create",
        json!({"product": id(&product), "currency": "usd", "unit_amount": 500}),
    );
    let coupon = call(
        sb,
        "coupons.create",
        json!({"percent_off": 20, "duration": "once"}),
    );
    let promo = call(
        sb,
        "promotion_codes.create",
        json!({"promotion.type": "coupon", "promotion.coupon": id(&coupon)}),
    );
    let draft = call(sb, "invoices.create", json!({"customer": customer_id}));
    let item = call(
        sb,
        "invoiceitems.create",
        json!({"customer": customer_id, "amount": 1500, "currency": "usd", "invoice": id(&draft)}),
    );
    let open = call(sb, "invoices.create", json!({"customer": customer_id}));
    call(
        sb,
        "invoiceitems.create",
        json!({"customer": customer_id, "amount": 3000, "currency": "usd", "invoice": id(&open)}),
    );
    call(sb, "invoices.finalize", json!({"invoice": id(&open)}));
    let paid = call(sb, "invoices.create", json!({"customer": customer_id}));
    call(
        sb,
        "invoiceitems.create",
        json!({"customer": customer_id, "amount": 4000, "currency": "usd", "invoice": id(&paid)}),
    );
    call(sb, "invoices.pay", json!({"invoice": id(&paid)}));
    let sub = call(
        sb,
        "subscriptions.create",
        json!({"customer": customer_id, "items": [{"price": id(&price)}]}),
    );
    let manual = call(
        sb,
        "payment_intents.create",
        json!({"amount": 2500, "currency": "usd", "payment_method": "pm_card_visa", "confirm": true, "capture_method": "manual"}),
    );
    let open_pi = call(
        sb,
        "payment_intents.create",
        json!({"amount": 900, "currency": "usd"}),
    );
    let paid_pi = call(
        sb,
        "payment_intents.create",
        json!({"amount": 7000, "currency": "usd", "customer": customer_id, "payment_method": "pm_card_visa", "confirm": true}),
    );
    let charge = paid_pi["latest_charge"].as_str().unwrap().to_string();
    let refund = call(
        sb,
        "refunds.create",
        json!({"charge": charge, "amount": 1000}),
    );
    let disputed = call(
        sb,
        "payment_intents.create",
        json!({"amount": 5000, "currency": "usd", "payment_method": "pm_card_createDispute", "confirm": true}),
    );
    let dispute = id(sb.objects("dispute").next().unwrap());
    assert_eq!(
        sb.object(&dispute).unwrap()["charge"],
        disputed["latest_charge"]
    );
    call(
        sb,
        "payment_intents.create",
        json!({"amount": 5000, "currency": "usd", "payment_method": "pm_card_createEarlyFraudWarning", "confirm": true}),
    );
    let efw = id(sb.objects("radar.early_fraud_warning").next().unwrap());
    let note = call(
        sb,
        "credit_notes.create",
        json!({"invoice": id(&open), "amount": 500}),
    );
    let payout = call(
        sb,
        "payouts.create",
        json!({"amount": 10_000, "currency": "usd"}),
    );
    let session = call(
        sb,
        "checkout.sessions.create",
        json!({"mode": "payment", "line_items": [{"price": id(&one_time), "quantity": 1}]}),
    );
    sb.generate_event("review.opened", &Map::new()).unwrap();
    let review = id(sb.objects("review").next().unwrap());
    sb.take_events();
    Fixture {
        customer: customer_id,
        product: id(&product),
        price: id(&price),
        one_time_price: id(&one_time),
        coupon: id(&coupon),
        promo: id(&promo),
        invoice_draft: id(&draft),
        invoice_open: id(&open),
        invoice_paid: id(&paid),
        item: id(&item),
        subscription: id(&sub),
        pi_manual: id(&manual),
        pi_open: id(&open_pi),
        charge,
        refund: id(&refund),
        dispute,
        credit_note: id(&note),
        pm,
        payout: id(&payout),
        session: id(&session),
        review,
        efw,
    }
}

#[test]
fn every_action_runs_with_its_required_parameters() {
    let mut sb = Sandbox::new(T0, 7);
    let f = fixture(&mut sb);
    let cases: Vec<(&str, Value, &str)> = vec![
        ("customers.create", json!({}), "customer"),
        (
            "customers.retrieve",
            json!({"customer": f.customer}),
            "customer",
        ),
        (
            "customers.update",
            json!({"customer": f.customer, "name": "Jean D."}),
            "customer",
        ),
        ("customers.list", json!({}), "list"),
        ("products.create", json!({"name": "Stickers"}), "product"),
        (
            "products.retrieve",
            json!({"product": f.product}),
            "product",
        ),
        (
            "products.update",
            json!({"product": f.product, "active": false}),
            "product",
        ),
        (
            "prices.create",
            json!({"currency": "eur", "product": f.product, "unit_amount": 900}),
            "price",
        ),
        ("prices.retrieve", json!({"price": f.price}), "price"),
        (
            "prices.update",
            json!({"price": f.one_time_price, "nickname": "Single"}),
            "price",
        ),
        (
            "coupons.create",
            json!({"amount_off": 500, "currency": "usd"}),
            "coupon",
        ),
        ("coupons.retrieve", json!({"coupon": f.coupon}), "coupon"),
        (
            "coupons.update",
            json!({"coupon": f.coupon, "name": "Spring"}),
            "coupon",
        ),
        (
            "promotion_codes.create",
            json!({"promotion.type": "coupon", "promotion.coupon": f.coupon}),
            "promotion_code",
        ),
        (
            "promotion_codes.update",
            json!({"promotion_code": f.promo, "active": false}),
            "promotion_code",
        ),
        (
            "invoiceitems.create",
            json!({"customer": f.customer, "amount": 700, "currency": "usd"}),
            "invoiceitem",
        ),
        (
            "invoiceitems.update",
            json!({"invoiceitem": f.item, "description": "Setup"}),
            "invoiceitem",
        ),
        (
            "invoices.create",
            json!({"customer": f.customer}),
            "invoice",
        ),
        (
            "invoices.retrieve",
            json!({"invoice": f.invoice_open}),
            "invoice",
        ),
        (
            "invoices.update",
            json!({"invoice": f.invoice_draft, "description": "March"}),
            "invoice",
        ),
        (
            "invoices.send",
            json!({"invoice": f.invoice_open}),
            "invoice",
        ),
        ("invoices.list", json!({"customer": f.customer}), "list"),
        (
            "invoices.finalize",
            json!({"invoice": f.invoice_draft}),
            "invoice",
        ),
        (
            "invoices.pay",
            json!({"invoice": f.invoice_draft}),
            "invoice",
        ),
        (
            "invoices.mark_uncollectible",
            json!({"invoice": f.invoice_open}),
            "invoice",
        ),
        (
            "invoices.void",
            json!({"invoice": f.invoice_open}),
            "invoice",
        ),
        (
            "subscriptions.create",
            json!({"customer": f.customer, "items": [{"price": f.price, "quantity": 2}]}),
            "subscription",
        ),
        (
            "subscriptions.retrieve",
            json!({"subscription": f.subscription}),
            "subscription",
        ),
        (
            "subscriptions.update",
            json!({"subscription": f.subscription, "cancel_at_period_end": true}),
            "subscription",
        ),
        ("subscriptions.list", json!({}), "list"),
        (
            "subscriptions.cancel",
            json!({"subscription": f.subscription}),
            "subscription",
        ),
        (
            "payment_intents.create",
            json!({"amount": 1000, "currency": "usd"}),
            "payment_intent",
        ),
        (
            "payment_intents.retrieve",
            json!({"payment_intent": f.pi_open}),
            "payment_intent",
        ),
        (
            "payment_intents.update",
            json!({"payment_intent": f.pi_open, "description": "Gift"}),
            "payment_intent",
        ),
        (
            "payment_intents.capture",
            json!({"payment_intent": f.pi_manual}),
            "payment_intent",
        ),
        (
            "payment_intents.confirm",
            json!({"payment_intent": f.pi_open, "payment_method": "pm_card_visa"}),
            "payment_intent",
        ),
        ("charges.retrieve", json!({"charge": f.charge}), "charge"),
        (
            "charges.update",
            json!({"charge": f.charge, "metadata": {"order": "42"}}),
            "charge",
        ),
        ("charges.list", json!({"limit": 5}), "list"),
        ("refunds.create", json!({"charge": f.charge}), "refund"),
        ("refunds.retrieve", json!({"refund": f.refund}), "refund"),
        (
            "refunds.update",
            json!({"refund": f.refund, "metadata": {"why": "late"}}),
            "refund",
        ),
        (
            "disputes.retrieve",
            json!({"dispute": f.dispute}),
            "dispute",
        ),
        (
            "disputes.update",
            json!({"dispute": f.dispute, "evidence.uncategorized_text": "Delivered"}),
            "dispute",
        ),
        ("disputes.close", json!({"dispute": f.dispute}), "dispute"),
        (
            "credit_notes.create",
            json!({"invoice": f.invoice_paid}),
            "credit_note",
        ),
        (
            "credit_notes.void",
            json!({"credit_note": f.credit_note}),
            "credit_note",
        ),
        (
            "payment_methods.attach",
            json!({"payment_method": "pm_card_amex", "customer": f.customer}),
            "payment_method",
        ),
        (
            "payment_methods.detach",
            json!({"payment_method": f.pm}),
            "payment_method",
        ),
        (
            "payouts.create",
            json!({"amount": 500, "currency": "usd"}),
            "payout",
        ),
        ("payouts.cancel", json!({"payout": f.payout}), "payout"),
        (
            "checkout.sessions.create",
            json!({"line_items": [{"price": f.one_time_price, "quantity": 3}]}),
            "checkout.session",
        ),
        (
            "checkout.sessions.expire",
            json!({"session": f.session}),
            "checkout.session",
        ),
        ("reviews.approve", json!({"review": f.review}), "review"),
        (
            "radar.early_fraud_warnings.retrieve",
            json!({"early_fraud_warning": f.efw}),
            "radar.early_fraud_warning",
        ),
        (
            "invoiceitems.delete",
            json!({"invoiceitem": sb_item(&mut sb, &f.customer)}),
            "invoiceitem",
        ),
        (
            "invoices.delete",
            json!({"invoice": sb_draft(&mut sb, &f.customer)}),
            "invoice",
        ),
        ("coupons.delete", json!({"coupon": f.coupon}), "coupon"),
        (
            "products.delete",
            json!({"product": sb_product(&mut sb)}),
            "product",
        ),
        (
            "customers.delete",
            json!({"customer": f.customer}),
            "customer",
        ),
        (
            "payment_intents.cancel",
            json!({"payment_intent": sb_open_pi(&mut sb)}),
            "payment_intent",
        ),
    ];
    for (action, p, returns) in &cases {
        let out = call(&mut sb, action, p.clone());
        assert_eq!(out["object"], *returns, "{action}");
    }
    let covered: Vec<&str> = cases.iter().map(|(a, _, _)| *a).collect();
    for spec in actions() {
        assert!(covered.contains(&spec.id), "no case for {}", spec.id);
        assert_eq!(
            spec.returns,
            cases.iter().find(|c| c.0 == spec.id).map_or("", |c| c.2),
            "{}: returns",
            spec.id
        );
    }
}

fn sb_item(sb: &mut Sandbox, customer: &str) -> String {
    id(&call(
        sb,
        "invoiceitems.create",
        json!({"customer": customer, "amount": 100, "currency": "usd"}),
    ))
}
fn sb_draft(sb: &mut Sandbox, customer: &str) -> String {
    id(&call(sb, "invoices.create", json!({"customer": customer})))
}
fn sb_product(sb: &mut Sandbox) -> String {
    id(&call(sb, "products.create", json!({"name": "Temp"})))
}
fn sb_open_pi(sb: &mut Sandbox) -> String {
    id(&call(
        sb,
        "payment_intents.create",
        json!({"amount": 800, "currency": "usd"}),
    ))
}

#[test]
fn errors_are_stripes() {
    let mut sb = Sandbox::new(T0, 3);
    let f = fixture(&mut sb);
    // (name, action, params, status, code, param, message)
    let cases: Vec<(&str, &str, Value, u16, &str, &str, &str)> = vec![
        ("missing customer", "customers.retrieve", json!({"customer": "cus_123"}), 404, "resource_missing", "customer", "No such customer: 'cus_123'"),
        ("missing invoice on update", "invoices.update", json!({"invoice": "in_nope"}), 404, "resource_missing", "invoice", "No such invoice: 'in_nope'"),
        ("missing path id", "customers.update", json!({"name": "x"}), 400, "parameter_missing", "customer", "Missing required param: customer."),
        ("blank path id", "invoices.pay", json!({"invoice": ""}), 400, "parameter_missing", "invoice", "Missing required param: invoice."),
        ("unknown parameter", "customers.create", json!({"foo": "bar"}), 400, "parameter_unknown", "foo", "Received unknown parameter: foo"),
        ("bad integer", "invoiceitems.create", json!({"customer": f.customer, "amount": "lots"}), 400, "parameter_invalid_integer", "amount", "Invalid integer: lots"),
        ("bad boolean", "products.update", json!({"product": f.product, "active": "maybe"}), 400, "parameter_invalid_boolean", "active", "Invalid boolean: maybe"),
        ("bad enum", "refunds.create", json!({"charge": f.charge, "reason": "bored"}), 400, "parameter_invalid_string", "reason", "Invalid reason: must be one of duplicate, fraudulent, requested_by_customer"),
        ("metadata must be flat", "customers.update", json!({"customer": f.customer, "metadata": {"a": {"b": 1}}}), 400, "parameter_invalid_string", "metadata[a]", "Invalid string: {\"b\":1}"),
        ("over-refund", "refunds.create", json!({"charge": f.charge, "amount": 999_999}), 400, "amount_too_large", "amount", "Refund amount (999999) is greater than unrefunded amount on charge (6000)"),
        ("declined card", "payment_intents.create", json!({"amount": 1000, "currency": "usd", "payment_method": "pm_card_chargeDeclined", "confirm": true}), 402, "card_declined", "", "Your card was declined."),
        ("paid invoice", "invoices.pay", json!({"invoice": f.invoice_paid}), 400, "invoice_already_paid", "", "Invoice is already paid"),
        ("one-time price for a subscription", "subscriptions.create", json!({"customer": f.customer, "items": [{"price": f.one_time_price}]}), 400, "parameter_invalid_string", "items[0][price]", "The price specified is set to `type=one_time` but this field only accepts prices with `type=recurring`."),
        ("subscription without items", "subscriptions.create", json!({"customer": f.customer}), 400, "parameter_missing", "items", "Missing required param: items."),
        ("subscription item without a price", "subscriptions.create", json!({"customer": f.customer, "items": [{"quantity": 2}]}), 400, "parameter_missing", "items[0][price]", "Missing required param: items[0][price]."),
        ("unknown field in an item", "subscriptions.create", json!({"customer": f.customer, "items": [{"price": f.price, "plan": "gold"}]}), 400, "parameter_unknown", "items[0][plan]", "Received unknown parameter: items[0][plan]"),
        ("bad quantity in an item", "subscriptions.create", json!({"customer": f.customer, "items": [{"price": f.price, "quantity": "two"}]}), 400, "parameter_invalid_integer", "items[0][quantity]", "Invalid integer: two"),
        ("missing price in an item", "subscriptions.create", json!({"customer": f.customer, "items": [{"price": "price_nope"}]}), 404, "resource_missing", "items[0][price]", "No such price: 'price_nope'"),
        ("unknown subscription item", "subscriptions.update", json!({"subscription": f.subscription, "items": [{"id": "si_nope", "quantity": 3}]}), 404, "resource_missing", "items[0][id]", "No such subscription_item: 'si_nope'"),
        ("checkout without line items", "checkout.sessions.create", json!({"mode": "payment"}), 400, "parameter_missing", "line_items", "Missing required param: line_items."),
        ("checkout line without quantity", "checkout.sessions.create", json!({"line_items": [{"price": f.one_time_price}]}), 400, "parameter_missing", "line_items[0][quantity]", "Missing required param: line_items[0][quantity]."),
        ("promotion code without its coupon", "promotion_codes.create", json!({"promotion.type": "coupon"}), 400, "parameter_missing", "promotion[coupon]", "Missing required param: promotion[coupon]."),
        ("promotion code without a promotion", "promotion_codes.create", json!({}), 400, "parameter_missing", "promotion", "Missing required param: promotion."),
        ("promotion code without its type", "promotion_codes.create", json!({"promotion.coupon": f.coupon}), 400, "parameter_missing", "promotion[type]", "Missing required param: promotion[type]."),
        ("old name for a promotion code's coupon", "promotion_codes.create", json!({"coupon": f.coupon}), 400, "parameter_unknown", "coupon", "Received unknown parameter: coupon"),
        ("price without a product", "prices.create", json!({"currency": "usd", "unit_amount": 100}), 400, "parameter_missing", "product", "Missing required param: product."),
        ("invoice without a customer", "invoices.create", json!({}), 400, "parameter_missing", "customer", "Missing required param: customer."),
        ("missing price of an invoice item", "invoiceitems.create", json!({"customer": f.customer, "pricing.price": "price_nope"}), 404, "resource_missing", "pricing[price]", "No such price: 'price_nope'"),
        ("unknown payment method token", "payment_methods.attach", json!({"payment_method": "pm_nope", "customer": f.customer}), 404, "resource_missing", "payment_method", "No such PaymentMethod: 'pm_nope'"),
        ("amount too small", "payment_intents.create", json!({"amount": 10, "currency": "usd"}), 400, "amount_too_small", "amount", "Amount must be at least 50 cents"),
    ];
    for (name, action, p, status, code, param, message) in cases {
        let e = call_err(&mut sb, action, p);
        assert_eq!(e.status, status, "{name}");
        assert_eq!(e.code.as_deref(), Some(code), "{name}");
        assert_eq!(e.param.as_deref().unwrap_or(""), param, "{name}");
        assert_eq!(e.message, message, "{name}");
    }
}

#[test]
fn a_price_with_product_data_creates_its_product_first() {
    let mut sb = Sandbox::new(T0, 6);
    let price = call(
        &mut sb,
        "prices.create",
        json!({"currency": "eur", "unit_amount": 900, "product_data.name": "Pro plan", "recurring.interval": "month"}),
    );
    assert_eq!(
        taken_kinds(&mut sb),
        ["product.created", "price.created", "plan.created"]
    );
    let product = sb
        .object(price["product"].as_str().unwrap())
        .expect("the product");
    assert_eq!(product["name"], "Pro plan");

    let both = call_err(
        &mut sb,
        "prices.create",
        json!({"currency": "eur", "unit_amount": 900, "product": price["product"], "product_data.name": "Twice"}),
    );
    assert_eq!(both.param.as_deref(), Some("product_data"));
    assert!(
        both.message.contains("only specify one"),
        "{}",
        both.message
    );
    let no_amount = call_err(
        &mut sb,
        "prices.create",
        json!({"currency": "eur", "product_data.name": "Never made"}),
    );
    assert_eq!(no_amount.param.as_deref(), Some("unit_amount"));
    assert!(
        taken_kinds(&mut sb).is_empty(),
        "a refused price makes no product"
    );
}

#[test]
fn validation_errors_change_nothing_and_emit_nothing() {
    let mut sb = Sandbox::new(T0, 3);
    let before = sb.object_count();
    call_err(&mut sb, "customers.create", json!({"name": "A", "nope": 1}));
    assert_eq!(sb.object_count(), before);
    assert!(sb.take_events().is_empty());
    let log = sb.logs().next().unwrap();
    assert_eq!(log.status, 400);
    assert_eq!(log.response["error"]["code"], "parameter_unknown");
}

#[test]
fn mutations_emit_stripes_events_in_order() {
    let mut sb = Sandbox::new(T0, 11);
    let f = fixture(&mut sb);
    let cases: Vec<(&str, &str, Value, Vec<&str>)> = vec![
        (
            "create a customer",
            "customers.create",
            json!({"name": "Ana"}),
            vec!["customer.created"],
        ),
        (
            "create a customer with a card",
            "customers.create",
            json!({"name": "Bo", "payment_method": "pm_card_visa"}),
            vec!["customer.created", "payment_method.attached"],
        ),
        (
            "update with no change emits nothing",
            "customers.update",
            json!({"customer": f.customer}),
            vec![],
        ),
        (
            "recurring price",
            "prices.create",
            json!({"product": f.product, "currency": "usd", "unit_amount": 100, "recurring.interval": "year"}),
            vec!["price.created", "plan.created"],
        ),
        (
            "pay an open invoice",
            "invoices.pay",
            json!({"invoice": f.invoice_open}),
            vec![
                "payment_intent.created",
                "charge.succeeded",
                "payment_intent.succeeded",
                "invoice_payment.paid",
                "invoice.paid",
                "invoice.payment_succeeded",
            ],
        ),
        (
            "pay a draft invoice finalizes it first",
            "invoices.pay",
            json!({"invoice": f.invoice_draft}),
            vec![
                "invoice.finalized",
                "payment_intent.created",
                "charge.succeeded",
                "payment_intent.succeeded",
                "invoice_payment.paid",
                "invoice.paid",
                "invoice.payment_succeeded",
            ],
        ),
        (
            "refund",
            "refunds.create",
            json!({"charge": f.charge, "amount": 500}),
            vec!["refund.created", "charge.refunded"],
        ),
        (
            "capture",
            "payment_intents.capture",
            json!({"payment_intent": f.pi_manual}),
            vec!["charge.captured", "payment_intent.succeeded"],
        ),
        (
            "close a dispute",
            "disputes.close",
            json!({"dispute": f.dispute}),
            vec!["charge.dispute.closed"],
        ),
        (
            "subscribe",
            "subscriptions.create",
            json!({"customer": f.customer, "items": [{"price": f.price}]}),
            vec![
                "customer.subscription.created",
                "invoice.created",
                "invoice.finalized",
                "payment_intent.created",
                "charge.succeeded",
                "payment_intent.succeeded",
                "invoice_payment.paid",
                "invoice.paid",
                "invoice.payment_succeeded",
            ],
        ),
        (
            "cancel a subscription",
            "subscriptions.cancel",
            json!({"subscription": f.subscription}),
            vec!["customer.subscription.deleted"],
        ),
        (
            "delete a customer",
            "customers.delete",
            json!({"customer": f.customer}),
            vec!["customer.subscription.deleted", "customer.deleted"],
        ),
    ];
    for (name, action, p, want) in cases {
        call(&mut sb, action, p);
        assert_eq!(taken_kinds(&mut sb), want, "{name}");
    }
}

#[test]
fn a_declined_invoice_payment_emits_the_failure_chain() {
    let mut sb = Sandbox::new(T0, 5);
    let c = call(
        &mut sb,
        "customers.create",
        json!({"name": "Zoe", "payment_method": "pm_card_chargeCustomerFail"}),
    );
    let pm = id(sb.objects("payment_method").next().unwrap());
    call(
        &mut sb,
        "customers.update",
        json!({"customer": id(&c), "invoice_settings.default_payment_method": pm}),
    );
    call(
        &mut sb,
        "invoiceitems.create",
        json!({"customer": id(&c), "amount": 2000, "currency": "usd"}),
    );
    let inv = call(
        &mut sb,
        "invoices.create",
        json!({"customer": id(&c), "pending_invoice_items_behavior": "include"}),
    );
    assert_eq!(inv["amount_due"], 2000);
    sb.take_events();
    let e = call_err(&mut sb, "invoices.pay", json!({"invoice": id(&inv)}));
    assert_eq!((e.kind.as_str(), e.status), ("card_error", 402));
    assert_eq!(
        taken_kinds(&mut sb),
        vec![
            "invoice.finalized",
            "payment_intent.created",
            "charge.failed",
            "payment_intent.payment_failed",
            "invoice.payment_failed"
        ]
    );
    let inv = sb.object(&id(&inv)).unwrap();
    assert_eq!(inv["status"], "open");
    assert_eq!(inv["attempt_count"], 1);
    assert_eq!(inv["next_payment_attempt"], T0 + 3 * 86_400);
}

#[test]
fn updates_carry_previous_attributes() {
    let mut sb = Sandbox::new(T0, 9);
    let c = call(
        &mut sb,
        "customers.create",
        json!({"name": "Jean", "metadata": {"plan": "free"}}),
    );
    sb.take_events();
    let cases: Vec<(&str, Value, Value)> = vec![
        (
            "name",
            json!({"name": "Jean Dupont"}),
            json!({"name": "Jean"}),
        ),
        (
            "metadata key added",
            json!({"metadata": {"tier": "VIP"}}),
            json!({"metadata": {"tier": null}}),
        ),
        (
            "metadata key changed",
            json!({"metadata": {"plan": "pro"}}),
            json!({"metadata": {"plan": "free"}}),
        ),
        (
            "metadata key removed",
            json!({"metadata": {"plan": ""}}),
            json!({"metadata": {"plan": "pro"}}),
        ),
        (
            "address set",
            json!({"address.city": "Lyon"}),
            json!({"address": null}),
        ),
    ];
    for (name, change, want) in cases {
        let mut p = change.clone();
        p["customer"] = json!(id(&c));
        call(&mut sb, "customers.update", p);
        let events = sb.take_events();
        assert_eq!(events.len(), 1, "{name}");
        assert_eq!(events[0].kind, "customer.updated", "{name}");
        assert_eq!(events[0].data.previous_attributes, Some(want), "{name}");
    }
}

#[test]
fn events_carry_the_request_id_and_the_log_records_the_call() {
    let mut sb = Sandbox::new(T0, 4);
    let origin = RunOrigin {
        workflow_id: "wf_1".into(),
        run_id: "run_1".into(),
        step_id: "step_1".into(),
    };
    let (result, request) = sb.call_with_request(
        "customers.create",
        &params(json!({"name": "Li"})),
        Some(&origin),
    );
    let customer = result.unwrap();
    assert!(request.starts_with("req_"));
    let events = sb.take_events();
    assert_eq!(events[0].request.id.as_deref(), Some(request.as_str()));
    assert_eq!(events[0].created, T0);
    let log = sb.log(&request).unwrap();
    assert_eq!(
        (log.status, log.path.as_str(), log.origin.as_ref()),
        (200, "/v1/customers", Some(&origin))
    );
    assert_eq!(*log.response, customer);
    sb.call(
        "customers.update",
        &params(json!({"customer": id(&customer), "name": "Lee"})),
        None,
    )
    .unwrap();
    assert_eq!(
        sb.logs().next().unwrap().path,
        format!("/v1/customers/{}", id(&customer))
    );
    assert_eq!(sb.events().next().unwrap().kind, "customer.updated");
    let first = sb.events().last().unwrap().id.clone();
    assert_eq!(sb.event(&first).unwrap().kind, "customer.created");
}

#[test]
fn list_filters_and_limits() {
    let mut sb = Sandbox::new(T0, 4);
    for name in ["A", "B", "C"] {
        call(
            &mut sb,
            "customers.create",
            json!({"name": name, "email": format!("{name}@example.com")}),
        );
    }
    let all = call(&mut sb, "customers.list", json!({"limit": 2}));
    assert_eq!(all["data"].as_array().unwrap().len(), 2);
    assert_eq!(all["has_more"], true);
    assert_eq!(all["data"][0]["name"], "C", "newest first");
    let one = call(&mut sb, "customers.list", json!({"email": "B@example.com"}));
    assert_eq!(one["data"][0]["name"], "B");
    assert_eq!(one["has_more"], false);
}

#[test]
fn deleted_objects_retrieve_as_stubs_and_refuse_updates() {
    let mut sb = Sandbox::new(T0, 4);
    let c = call(&mut sb, "customers.create", json!({"name": "Gone"}));
    call(&mut sb, "customers.delete", json!({"customer": id(&c)}));
    let stub = call(&mut sb, "customers.retrieve", json!({"customer": id(&c)}));
    assert_eq!(
        stub,
        json!({"id": id(&c), "object": "customer", "deleted": true})
    );
    let e = call_err(
        &mut sb,
        "customers.update",
        json!({"customer": id(&c), "name": "Back"}),
    );
    assert_eq!(e.code.as_deref(), Some("resource_missing"));
}

#[test]
fn sandbox_round_trips_through_json() {
    let mut sb = Sandbox::new(T0, 21);
    fixture(&mut sb);
    let text = serde_json::to_string(&sb).unwrap();
    let mut back: Sandbox = serde_json::from_str(&text).unwrap();
    assert_eq!(serde_json::to_string(&back).unwrap(), text);
    // The restored sandbox continues the same sequence as the original.
    let a = call(&mut sb, "customers.create", json!({"name": "Next"}));
    let b = call(&mut back, "customers.create", json!({"name": "Next"}));
    assert_eq!(a, b);
}

#[test]
fn reset_empties_the_account_but_keeps_the_clock() {
    let mut sb = Sandbox::new(T0, 21);
    fixture(&mut sb);
    let before = sb.now();
    sb.advance(60);
    sb.reset();
    assert_eq!(sb.object_count(), 0);
    assert_eq!(sb.events().count(), 0);
    assert_eq!(sb.logs().count(), 0);
    assert_eq!(sb.now(), before + 60);
}

#[test]
fn items_rows_bill_every_price_and_updates_change_or_add_items() {
    let mut sb = Sandbox::new(T0, 5);
    let f = fixture(&mut sb);
    let product = id(&call(&mut sb, "products.create", json!({"name": "Seats"})));
    let seat = id(&call(
        &mut sb,
        "prices.create",
        json!({"product": product, "currency": "usd", "unit_amount": 300, "recurring.interval": "month"}),
    ));
    let sub = call(
        &mut sb,
        "subscriptions.create",
        json!({"customer": f.customer, "items": [{"price": f.price}, {"price": seat, "quantity": 4}]}),
    );
    assert_eq!(sub["items"]["total_count"], 2);
    let invoice = sb.object(sub["latest_invoice"].as_str().unwrap()).unwrap();
    assert_eq!(invoice["amount_due"], 2000 + 4 * 300, "one line per item");
    let first = sub["items"]["data"][0]["id"].as_str().unwrap().to_owned();
    let changed = call(
        &mut sb,
        "subscriptions.update",
        json!({"subscription": id(&sub), "items": [{"id": first, "quantity": 3}, {"price": seat}]}),
    );
    let items = changed["items"]["data"].as_array().unwrap();
    assert_eq!(items.len(), 3, "a row without an id adds an item");
    assert_eq!(items[0]["quantity"], 3);
    assert_eq!(items[2]["price"]["id"], seat.as_str());
    // The request log shows what Stripe receives: rows as given, dotted names nested.
    call(
        &mut sb,
        "promotion_codes.create",
        json!({"promotion.type": "coupon", "promotion.coupon": f.coupon}),
    );
    let log = sb.logs().next().unwrap();
    assert_eq!(
        Value::Object(log.params.clone()),
        json!({"promotion": {"type": "coupon", "coupon": f.coupon}})
    );
    let session = call(
        &mut sb,
        "checkout.sessions.create",
        json!({"line_items": [{"price": f.one_time_price, "quantity": 2}, {"price": f.one_time_price, "quantity": 1}]}),
    );
    assert_eq!(
        session["mode"], "payment",
        "payment is Stripe's default mode"
    );
    assert_eq!(session["amount_total"], 3 * 500);
}
