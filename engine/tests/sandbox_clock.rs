//! The sandbox clock: time-based effects of advancing it.

mod common;

use common::sandbox::{call, id, kinds};
use sandflow_engine::sandbox::Sandbox;
use serde_json::json;

const T0: i64 = 1_704_067_200; // 2024-01-01T00:00:00Z
const DAY: i64 = 86_400;

/// A customer paying with `card`, and a monthly price of 20.00.
fn setup(sb: &mut Sandbox, card: &str) -> (String, String) {
    let c = call(
        sb,
        "customers.create",
        json!({"name": "Ada", "payment_method": card}),
    );
    let pm = id(sb.objects("payment_method").next().unwrap());
    call(
        sb,
        "customers.update",
        json!({"customer": id(&c), "invoice_settings.default_payment_method": pm}),
    );
    let product = call(sb, "products.create", json!({"name": "Pro"}));
    let price = call(
        sb,
        "prices.create",
        json!({"product": id(&product), "currency": "usd", "unit_amount": 2000, "recurring.interval": "month"}),
    );
    sb.take_events();
    (id(&c), id(&price))
}

#[test]
fn trial_reminder_then_first_charge() {
    let mut sb = Sandbox::new(T0, 1);
    let (customer, price) = setup(&mut sb, "pm_card_visa");
    let sub = call(
        &mut sb,
        "subscriptions.create",
        json!({"customer": customer, "items": [{"price": price}], "trial_period_days": 14}),
    );
    assert_eq!(sub["status"], "trialing");
    sb.take_events();

    assert!(
        sb.advance(10 * DAY).is_empty(),
        "nothing before the reminder"
    );
    let events = sb.advance(2 * DAY);
    assert_eq!(kinds(&events), vec!["customer.subscription.trial_will_end"]);
    assert_eq!(
        events[0].created,
        T0 + 11 * DAY,
        "three days before the trial ends"
    );
    assert!(
        events[0].request.id.is_none(),
        "automatic events have no request"
    );
    assert_eq!(sb.now(), T0 + 12 * DAY);
    assert!(sb.advance(DAY).is_empty(), "the reminder is sent once");

    let events = sb.advance(DAY);
    assert_eq!(
        kinds(&events),
        vec![
            "invoice.created",
            "invoice.finalized",
            "payment_intent.created",
            "charge.succeeded",
            "payment_intent.succeeded",
            "invoice_payment.paid",
            "invoice.paid",
            "invoice.payment_succeeded",
            "customer.subscription.updated",
        ]
    );
    let updated = events.last().unwrap();
    assert_eq!(updated.object()["status"], "active");
    assert_eq!(
        updated.data.previous_attributes.as_ref().unwrap()["status"],
        "trialing"
    );
    assert_eq!(events[0].object()["amount_due"], 2000);
    assert_eq!(events[0].created, T0 + 14 * DAY);
}

#[test]
fn renewal_bills_each_month_and_cancel_at_period_end_ends_it() {
    let mut sb = Sandbox::new(T0, 2);
    let (customer, price) = setup(&mut sb, "pm_card_visa");
    let sub = call(
        &mut sb,
        "subscriptions.create",
        json!({"customer": customer, "items": [{"price": price}]}),
    );
    sb.take_events();
    let events = sb.advance(62 * DAY);
    let paid: Vec<i64> = events
        .iter()
        .filter(|e| e.kind == "invoice.paid")
        .map(|e| e.created)
        .collect();
    // 2024-02-01 and 2024-03-01
    assert_eq!(paid, vec![T0 + 31 * DAY, T0 + 60 * DAY]);
    let renewal = events
        .iter()
        .find(|e| e.kind == "customer.subscription.updated")
        .unwrap();
    assert!(renewal
        .data
        .previous_attributes
        .as_ref()
        .unwrap()
        .get("items")
        .is_some());

    call(
        &mut sb,
        "subscriptions.update",
        json!({"subscription": id(&sub), "cancel_at_period_end": true}),
    );
    sb.take_events();
    let events = sb.advance(40 * DAY);
    assert_eq!(kinds(&events), vec!["customer.subscription.deleted"]);
    assert_eq!(sb.object(&id(&sub)).unwrap()["status"], "canceled");
}

#[test]
fn failed_renewal_makes_the_subscription_past_due_and_retries() {
    let mut sb = Sandbox::new(T0, 3);
    let (customer, price) = setup(&mut sb, "pm_card_visa");
    let sub = call(
        &mut sb,
        "subscriptions.create",
        json!({"customer": customer, "items": [{"price": price}]}),
    );
    // The card starts failing: switch the default to a declining one.
    let bad = call(
        &mut sb,
        "payment_methods.attach",
        json!({"payment_method": "pm_card_chargeCustomerFail", "customer": customer}),
    );
    call(
        &mut sb,
        "customers.update",
        json!({"customer": customer, "invoice_settings.default_payment_method": id(&bad)}),
    );
    sb.take_events();
    let events = sb.advance(31 * DAY);
    assert!(kinds(&events).contains(&"invoice.payment_failed"));
    let last = events.last().unwrap();
    assert_eq!(
        (last.kind.as_str(), &last.object()["status"]),
        ("customer.subscription.updated", &json!("past_due"))
    );
    let events = sb.advance(3 * DAY);
    assert_eq!(
        kinds(&events)
            .iter()
            .filter(|k| **k == "invoice.payment_failed")
            .count(),
        1,
        "one retry three days later"
    );
    assert_eq!(sb.object(&id(&sub)).unwrap()["status"], "past_due");
}

#[test]
fn due_dates_expirations_and_arrivals() {
    let mut sb = Sandbox::new(T0, 4);
    let (customer, price) = setup(&mut sb, "pm_card_visa");
    call(
        &mut sb,
        "invoiceitems.create",
        json!({"customer": customer, "amount": 1200, "currency": "usd"}),
    );
    let inv = call(
        &mut sb,
        "invoices.create",
        json!({"customer": customer, "collection_method": "send_invoice", "days_until_due": 7, "pending_invoice_items_behavior": "include"}),
    );
    call(&mut sb, "invoices.finalize", json!({"invoice": id(&inv)}));
    let product = sb.object(&price).unwrap()["product"].clone();
    let one_time = call(
        &mut sb,
        "prices.create",
        json!({"product": product, "currency": "usd", "unit_amount": 900}),
    );
    call(
        &mut sb,
        "checkout.sessions.create",
        json!({"mode": "payment", "line_items": [{"price": id(&one_time), "quantity": 1}]}),
    );
    call(
        &mut sb,
        "payouts.create",
        json!({"amount": 5000, "currency": "usd"}),
    );
    sb.take_events();
    let events = sb.advance(8 * DAY);
    let got: Vec<(&str, i64)> = events
        .iter()
        .map(|e| (e.kind.as_str(), e.created - T0))
        .collect();
    assert_eq!(
        got,
        vec![
            ("checkout.session.expired", DAY),
            ("payout.paid", 2 * DAY),
            ("invoice.overdue", 7 * DAY)
        ]
    );
    assert!(sb.advance(30 * DAY).is_empty(), "each effect happens once");
}

#[test]
fn negative_advance_does_nothing() {
    let mut sb = Sandbox::new(T0, 5);
    assert!(sb.advance(-100).is_empty());
    assert_eq!(sb.now(), T0);
}

#[test]
fn each_time_effect_names_real_event_types_under_its_own_id() {
    use sandflow_engine::sandbox::{event_type, TimeEffect};
    let mut ids: Vec<&str> = TimeEffect::ALL.iter().map(|e| e.id()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), TimeEffect::ALL.len(), "ids are unique");
    for effect in TimeEffect::ALL {
        assert!(!effect.events().is_empty(), "{effect:?} sends events");
        for kind in effect.events() {
            assert!(
                event_type(kind).is_some(),
                "{effect:?}: {kind} is an event type"
            );
            assert!(
                effect.label().contains(kind),
                "{effect:?}'s sentence names {kind}"
            );
        }
    }
}
