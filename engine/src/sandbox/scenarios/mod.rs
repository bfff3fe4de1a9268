//! Scenarios: how the [generator](super::Sandbox::generate_event) reaches each event type
//! the sandbox simulates, the way `stripe trigger` does: by making the API calls of the
//! Stripe CLI's trigger fixture for that type, in the same order (create a customer, add an
//! invoice item, create the invoice, pay it, ...), each call emitting exactly the events
//! Stripe emits for it. Where the CLI has no fixture for a type, the scenario makes the most
//! common real call sequence and its code says so. A few states no API call reaches (a
//! dispute won, a payout paid, a trial about to end) happen to real objects after the calls,
//! as Stripe causes them: later, with a null `request.id`.
//!
//! The clock moves one second before each call, so the events of successive calls have
//! different `created` times that sort as Stripe's do. Calls the catalog does not offer to
//! workflow steps (`POST /v1/setup_intents`, `GET /v1/disputes`, ...) are served by
//! `operations.rs` and logged like any other request.
//!
//! The chain of every scenario (calls, and the events of each call) is written down in
//! `engine/tests/sandbox_scenarios.rs` and listed in `docs/sandbox-scenarios.md`.
//!
//! This file holds the building blocks the chains share (one API call, a fake customer,
//! price, payment, invoice, ...) and sends each event type to its resource family, one
//! file each. A type no family knows emits nothing here and is
//! [synthesized](super::Sandbox::generate_event) instead.

mod checkout;
mod connect;
mod customers;
mod intents;
mod invoices;
mod issuing;
mod operations;
mod payments;
mod payouts;
mod products;
mod quotes;
mod risk;
mod simple;
mod subscriptions;
mod tools;

use std::sync::Arc;

use serde_json::{Map, Value};

use crate::json::json;

use super::api::set_path;
use super::{fake, EventSpec, GenerateError, Sandbox};

fn map(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

fn text(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

impl Sandbox {
    /// Runs the scenario of one event type (emits nothing for the types without one).
    pub(super) fn scenario(&mut self, spec: &EventSpec) -> Result<(), GenerateError> {
        let kind = spec.kind;
        let verb = kind.rsplit('.').next().unwrap_or_default();
        let resource = kind.split('.').next().unwrap_or_default();
        match resource {
            _ if kind.starts_with("customer.subscription.") => {
                self.subscription_scenario(kind, verb)
            }
            "customer" => self.customer_scenario(kind, verb),
            _ if kind.starts_with("charge.dispute.") => self.risk_scenario(kind, verb),
            "radar" | "review" => self.risk_scenario(kind, verb),
            "invoice" | "invoice_payment" | "invoiceitem" | "credit_note" => {
                self.invoice_scenario(kind, verb)
            }
            "payment_intent" | "charge" | "refund" | "payment_method" => {
                self.payment_scenario(kind, verb)
            }
            "checkout" => self.checkout_scenario(kind, verb),
            "product" | "price" | "plan" | "coupon" | "promotion_code" => {
                self.product_scenario(kind, verb)
            }
            "payout" => self.payout_scenario(kind, verb),
            "setup_intent" | "subscription_schedule" => self.intent_scenario(kind, verb),
            "account" | "balance" | "topup" | "transfer" => self.connect_scenario(kind, verb),
            "issuing_cardholder"
            | "issuing_card"
            | "issuing_authorization"
            | "issuing_transaction" => self.issuing_scenario(kind, verb),
            "quote" | "payment_link" => self.quote_scenario(kind, verb),
            "billing_portal" | "cash_balance" | "identity" | "tax_rate" | "reporting"
            | "test_helpers" => self.tool_scenario(kind, verb),
            _ => Ok(()),
        }
    }

    /// One API call of a scenario, a second after the previous one.
    fn step(&mut self, action: &str, params: Value) -> Result<Arc<Value>, GenerateError> {
        self.clock.tick(1);
        self.call_logged(action, &map(params), None)
            .0
            .map_err(|source| GenerateError::Scenario {
                action: action.to_string(),
                source: Box::new(source),
            })
    }

    /// A call expected to be declined (a failing test card).
    fn step_declined(&mut self, action: &str, params: Value) -> Result<(), GenerateError> {
        self.clock.tick(1);
        match self.call_logged(action, &map(params), None).0 {
            Err(e) if e.kind == "card_error" => Ok(()),
            Err(source) => Err(GenerateError::Scenario {
                action: action.to_string(),
                source: Box::new(source),
            }),
            Ok(_) => Ok(()),
        }
    }

    /// Emits an event about an object without an API call, storing the object.
    pub(super) fn emit_direct(&mut self, kind: &str, object: Value, previous: Option<Value>) {
        let object = self.save(object);
        self.emit(kind, object, previous);
    }

    /// Changes a stored object's fields and emits `kind` with the previous attributes.
    fn change(
        &mut self,
        kind: &str,
        id: &str,
        changes: Value,
    ) -> Result<Arc<Value>, GenerateError> {
        let old = self.shared_or_null(id);
        let mut new = Value::clone(&old);
        for (k, v) in map(changes) {
            set_path(&mut new, &k, v);
        }
        let previous = super::previous_attributes(&old, &new);
        let with_previous = kind.ends_with("updated");
        let new = self.save(new);
        self.emit(
            kind,
            Arc::clone(&new),
            if with_previous { previous } else { None },
        );
        Ok(new)
    }

    /// `POST /v1/customers`: a customer with a fake identity; with `card`, the card is
    /// attached and made the invoices' default in the same call (as the CLI's subscription
    /// fixtures do): `customer.created`, `payment_method.attached`.
    pub(super) fn fake_customer(
        &mut self,
        card: Option<&str>,
    ) -> Result<Arc<Value>, GenerateError> {
        let name = fake::name(&mut self.rng);
        let email = fake::email(&mut self.rng, &name);
        let phone = fake::phone(&mut self.rng);
        let address = fake::address(&mut self.rng);
        let mut params = json!({
            "name": name, "email": email, "phone": phone,
            "address.line1": address["line1"], "address.city": address["city"],
            "address.postal_code": address["postal_code"], "address.country": address["country"],
        });
        if let Some(state) = address["state"].as_str() {
            params["address.state"] = json!(state);
        }
        if let Some(card) = card {
            params["payment_method"] = json!(card);
            params["invoice_settings.default_payment_method"] = json!(card);
        }
        self.step("customers.create", params)
    }

    /// `POST /v1/products`, then `POST /v1/prices` (recurring monthly when `recurring`).
    fn fake_price(&mut self, recurring: bool) -> Result<Arc<Value>, GenerateError> {
        let name = fake::product(&mut self.rng);
        let product = self.step("products.create", json!({"name": name}))?;
        let currency = fake::currency(&mut self.rng);
        let amount = fake::amount(&mut self.rng, currency);
        let mut params =
            json!({"product": product["id"], "currency": currency, "unit_amount": amount});
        if recurring {
            params["recurring.interval"] = json!("month");
            params["nickname"] = json!(format!("{name} monthly"));
        }
        self.step("prices.create", params)
    }

    /// `POST /v1/payment_intents` confirmed with `card` (declines tolerated), without a
    /// customer, as the CLI's payment fixtures make it; returns the payment intent.
    fn fake_payment(&mut self, card: &str, manual: bool) -> Result<Arc<Value>, GenerateError> {
        let currency = fake::currency(&mut self.rng);
        let amount = fake::amount(&mut self.rng, currency);
        let mut params = json!({
            "amount": amount, "currency": currency,
            "payment_method": card, "confirm": true,
            "description": format!("Order {}", 1_000 + self.rng.below(9_000)),
        });
        if manual {
            params["capture_method"] = json!("manual");
        }
        self.step_declined("payment_intents.create", params)?;
        let newest = self
            .store
            .list("payment_intent")
            .next()
            .map(|pi| text(&pi["id"]));
        Ok(self.shared_or_null(newest.as_deref().unwrap_or_default()))
    }

    /// A stored object, shared; `null` when there is none.
    fn shared_or_null(&self, id: &str) -> Arc<Value> {
        self.store
            .shared(id)
            .cloned()
            .unwrap_or_else(|| Arc::new(Value::Null))
    }

    /// A succeeded charge; returns the charge.
    fn fake_charge(&mut self, card: &str) -> Result<Arc<Value>, GenerateError> {
        let pi = self.fake_payment(card, false)?;
        Ok(self.shared_or_null(&text(&pi["latest_charge"])))
    }

    /// The CLI's invoice fixtures: `POST /v1/customers`, with `card` also
    /// `POST /v1/payment_methods/{card}/attach`, then `POST /v1/invoiceitems` and
    /// `POST /v1/invoices` (a draft including the item). Returns the invoice and the
    /// attached payment method's id.
    fn fake_invoice(
        &mut self,
        card: Option<&str>,
        send: bool,
    ) -> Result<(Arc<Value>, Option<String>), GenerateError> {
        let customer = self.fake_customer(None)?;
        let pm = match card {
            Some(card) => {
                let pm = self.step(
                    "payment_methods.attach",
                    json!({"payment_method": card, "customer": customer["id"]}),
                )?;
                Some(text(&pm["id"]))
            }
            None => None,
        };
        let currency = fake::currency(&mut self.rng);
        let amount = fake::amount(&mut self.rng, currency);
        let product = fake::product(&mut self.rng);
        self.step(
            "invoiceitems.create",
            json!({"customer": customer["id"], "amount": amount, "currency": currency, "description": product}),
        )?;
        let mut params =
            json!({"customer": customer["id"], "pending_invoice_items_behavior": "include"});
        if send {
            params["collection_method"] = json!("send_invoice");
            params["days_until_due"] = json!(7);
        }
        Ok((self.step("invoices.create", params)?, pm))
    }

    /// A draft invoice finalized with `POST /v1/invoices/{id}/finalize`.
    fn fake_open_invoice(&mut self) -> Result<Arc<Value>, GenerateError> {
        let (inv, _) = self.fake_invoice(None, false)?;
        self.step("invoices.finalize", json!({"invoice": inv["id"]}))
    }

    /// The CLI's subscription fixtures: `POST /v1/customers` (with a default card unless
    /// on trial), `POST /v1/products`, `POST /v1/prices` (monthly), `POST /v1/subscriptions`.
    fn fake_subscription(&mut self, trial_days: i64) -> Result<Arc<Value>, GenerateError> {
        let card = (trial_days == 0).then_some("pm_card_visa");
        let customer = self.fake_customer(card)?;
        let price = self.fake_price(true)?;
        let mut params = json!({"customer": customer["id"], "items": [{"price": price["id"]}]});
        if trial_days > 0 {
            params["trial_period_days"] = json!(trial_days);
        }
        self.step("subscriptions.create", params)
    }

    /// A coupon with plausible terms.
    fn fake_coupon(&mut self) -> Result<Arc<Value>, GenerateError> {
        let pct = *self.rng.pick(&[10, 15, 20, 25, 50]);
        let duration = *self.rng.pick(&["once", "forever", "repeating"]);
        let mut params =
            json!({"percent_off": pct, "duration": duration, "name": format!("{pct}% off")});
        if duration == "repeating" {
            params["duration_in_months"] = json!(3);
        }
        self.step("coupons.create", params)
    }
}
