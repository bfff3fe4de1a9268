//! The event generator: any of the 265 event types, with realistic data, reproducibly.
//!
//! For the resources the sandbox simulates, an event is produced the way `stripe trigger`
//! does: by running the same chain of API calls through [`Sandbox::call`] (create a
//! customer with a test card, add an invoice item, create and pay the invoice, ...), so
//! every side-effect event is emitted in order and the objects really exist in the account.
//! A few states no API call reaches (a dispute won, a payout failed, a trial about to end)
//! are set directly on real objects after the chain. Every other type gets a plausible
//! object of the right type from the builders, linked to a real customer where it has one.
//!
//! Overrides set fields of the generated `data.object` by dotted path (`name`,
//! `metadata.tier`), like `stripe trigger --override`; the stored object gets them too.
//! They are checked against the [bounds](crate::bounds) of an input before the scenario
//! runs, so a refused override leaves the account as it was.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::api::set_path;
use super::{event_type, fake, objects, ApiError, EventSpec, Sandbox};
use crate::bounds::{check_fields, BoundsError};
use crate::event::Event;
use crate::limits::MAX_BULK_EVENTS;

/// The seed of a sandbox's generator: the same seed, the same ids and data.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seed(pub u64);

impl From<u64> for Seed {
    fn from(seed: u64) -> Self {
        Self(seed)
    }
}

/// Why an event could not be generated.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum GenerateError {
    /// The event type is not in the catalog.
    #[error("unknown event type {kind}: pick one from the event catalog")]
    UnknownEventType {
        /// The type asked for.
        kind: String,
    },
    /// An override path is empty or has an empty segment.
    #[error("override path {path:?} is not a dotted field path such as metadata.tier")]
    BadOverride {
        /// The path given.
        path: String,
    },
    /// The sandbox refused a call of the scenario (a bug in the scenario).
    #[error("scenario step {action} was refused: {source}")]
    Scenario {
        /// The action of the refused step.
        action: String,
        /// Stripe's error.
        #[source]
        source: Box<ApiError>,
    },
    /// Bulk generation was asked for no event type.
    #[error("bulk generation needs at least one event type")]
    NoEventTypes,
    /// An override crosses a bound of what an input may hold (too deep, too long, too big).
    #[error(transparent)]
    OutOfBounds(#[from] BoundsError),
    /// Bulk generation was asked for more events than one send may make.
    #[error("{count} events were asked for; one send makes at most {limit}: send fewer")]
    TooManyEvents {
        /// Asked for.
        count: usize,
        /// The limit.
        limit: usize,
    },
}

/// How [`Sandbox::generate_bulk`] delivers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkOptions {
    /// How many events to generate (each may cause side-effect events too).
    pub count: usize,
    /// Percent chance (0-100) that a delivered event is delivered a second time, as
    /// Stripe's at-least-once delivery can.
    pub duplicate_percent: u8,
    /// When above 1, events are shuffled within windows of this many, mimicking
    /// out-of-order delivery.
    pub shuffle_window: usize,
}

fn map(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

fn text(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

/// Status values a verb sets on a generic object that has a `status`.
fn status_for(verb: &str) -> Option<&'static str> {
    Some(match verb {
        "succeeded" => "succeeded",
        "failed" | "setup_failed" | "action_failed" | "finalization_failed" => "failed",
        "canceled" => "canceled",
        "paid" => "paid",
        "closed" => "closed",
        "posted" => "posted",
        "returned" => "returned",
        "processing" => "processing",
        "expired" => "expired",
        "verified" => "verified",
        "requires_input" => "requires_input",
        "requires_action" => "requires_action",
        "submitted" => "submitted",
        "deactivated" | "disabled" => "inactive",
        "activated" | "reactivated" => "active",
        "rejected" => "rejected",
        "delivered" => "delivered",
        "ready" => "ready",
        "advancing" => "advancing",
        "internal_failure" => "internal_failure",
        "reversed" => "reversed",
        "redacted" => "redacted",
        "accepted" => "accepted",
        "finalized" => "open",
        "completed" | "action_succeeded" => "completed",
        "aborted" => "canceled",
        "released" => "released",
        "chargeable" => "chargeable",
        "disconnected" => "disconnected",
        "delayed" => "delayed",
        _ => return None,
    })
}

impl Sandbox {
    /// Restarts the generator's sequence from `seed` (objects and history are kept).
    pub fn reseed(&mut self, seed: Seed) {
        self.rng = super::rng::Rng::new(seed.0);
    }

    /// Generates one event of `kind` with realistic data, applying `overrides` (dotted
    /// paths into `data.object`). Returns that event. Every event the scenario caused, the
    /// returned one included, is also queued for [`Sandbox::take_events`], in order.
    ///
    /// Overrides out of [bounds](crate::bounds) (a path of more than 16 segments, a value
    /// nested more than 32 levels deep counting the path, ...) are refused before anything
    /// changes.
    pub fn generate_event(
        &mut self,
        kind: &str,
        overrides: &Map<String, Value>,
    ) -> Result<Event, GenerateError> {
        let spec = event_type(kind).ok_or_else(|| GenerateError::UnknownEventType {
            kind: kind.to_string(),
        })?;
        check_fields(overrides)?;
        if let Some(bad) = overrides
            .keys()
            .find(|p| p.is_empty() || p.split('.').any(str::is_empty))
        {
            return Err(GenerateError::BadOverride { path: bad.clone() });
        }
        let start = self.pending.len();
        self.scenario(spec)?;
        let index = match self.pending[start..]
            .iter()
            .rposition(|e| e.kind == spec.kind)
        {
            Some(i) => start + i,
            None => {
                self.synthesize(spec)?;
                self.pending.len() - 1
            }
        };
        if !overrides.is_empty() {
            self.apply_overrides(index, overrides);
        }
        Ok(self.pending[index].clone())
    }

    /// Generates `options.count` events cycling through `kinds`, then delivers them as
    /// Stripe might: every event caused (side effects included), some twice, some out of
    /// order. Drains the queue: the returned list is what to dispatch. At most
    /// [`MAX_BULK_EVENTS`] events are generated by one call.
    pub fn generate_bulk(
        &mut self,
        kinds: &[&str],
        options: &BulkOptions,
    ) -> Result<Vec<Event>, GenerateError> {
        if kinds.is_empty() {
            return Err(GenerateError::NoEventTypes);
        }
        if let Some(unknown) = kinds.iter().find(|k| event_type(k).is_none()) {
            return Err(GenerateError::UnknownEventType {
                kind: (*unknown).to_string(),
            });
        }
        if options.count > MAX_BULK_EVENTS {
            return Err(GenerateError::TooManyEvents {
                count: options.count,
                limit: MAX_BULK_EVENTS,
            });
        }
        let none = Map::new();
        for i in 0..options.count {
            self.generate_event(kinds[i % kinds.len()], &none)?;
        }
        let mut delivered = Vec::new();
        for event in self.take_events() {
            let twice = options.duplicate_percent > 0
                && self
                    .rng
                    .chance(u64::from(options.duplicate_percent.min(100)));
            if twice {
                delivered.push(event.clone());
            }
            delivered.push(event);
        }
        if options.shuffle_window > 1 {
            for chunk in delivered.chunks_mut(options.shuffle_window) {
                for i in (1..chunk.len()).rev() {
                    let j = self.rng.below(i as u64 + 1) as usize;
                    chunk.swap(i, j);
                }
            }
        }
        Ok(delivered)
    }

    /// A realistic object of `object` type (what the field lists are derived from).
    pub(crate) fn sample(&mut self, object: &str) -> Value {
        let kinds: Vec<&'static EventSpec> = super::event_types()
            .iter()
            .filter(|e| e.object == object)
            .collect();
        let pick = kinds
            .iter()
            .find(|e| e.kind.ends_with(".created") || e.kind.ends_with(".succeeded"))
            .or(kinds.first());
        match pick.map(|spec| self.generate_event(spec.kind, &Map::new())) {
            Some(Ok(event)) => Arc::unwrap_or_clone(event.data.object),
            _ => self.fresh(object),
        }
    }

    fn apply_overrides(&mut self, index: usize, overrides: &Map<String, Value>) {
        let event = &mut self.pending[index];
        let object = Arc::make_mut(&mut event.data.object);
        for (path, value) in overrides {
            set_path(object, path, value.clone());
        }
        let (id, object) = (event.id.clone(), event.data.object.clone());
        if let Some(h) = self.history.iter_mut().rev().find(|e| e.id == id) {
            h.data.object = object.clone();
        }
        if let Some(oid) = object["id"].as_str() {
            if let Some(stored) = self.store.get(oid).cloned() {
                if stored.get("deleted").is_none() {
                    let mut stored = stored;
                    for (path, value) in overrides {
                        set_path(&mut stored, path, value.clone());
                    }
                    self.store.put(stored);
                }
            }
        }
    }

    /// One API call of a scenario.
    fn step(&mut self, action: &str, params: Value) -> Result<Arc<Value>, GenerateError> {
        self.call_logged(action, &map(params), None)
            .0
            .map_err(|source| GenerateError::Scenario {
                action: action.to_string(),
                source: Box::new(source),
            })
    }

    /// A call expected to be declined (a failing test card).
    fn step_declined(&mut self, action: &str, params: Value) -> Result<(), GenerateError> {
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
    fn emit_direct(&mut self, kind: &str, object: Value, previous: Option<Value>) {
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

    /// A customer with a fake identity, optionally with a default test card.
    fn fake_customer(&mut self, card: Option<&str>) -> Result<Arc<Value>, GenerateError> {
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
        let Some(card) = card else {
            return self.step("customers.create", params);
        };
        params["payment_method"] = json!(card);
        let customer = self.step("customers.create", params)?;
        let id = text(&customer["id"]);
        let pm = self
            .store
            .of_customer("payment_method", &id)
            .next()
            .map(|pm| text(&pm["id"]))
            .unwrap_or_default();
        self.step(
            "customers.update",
            json!({"customer": id, "invoice_settings.default_payment_method": pm}),
        )
    }

    /// A product and a price for it (recurring monthly when `recurring`).
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

    /// A payment intent paid with `card` (declines tolerated); returns it.
    fn fake_payment(&mut self, card: &str, manual: bool) -> Result<Arc<Value>, GenerateError> {
        let customer = self.fake_customer(None)?;
        let currency = fake::currency(&mut self.rng);
        let amount = fake::amount(&mut self.rng, currency);
        let mut params = json!({
            "amount": amount, "currency": currency, "customer": customer["id"],
            "payment_method": card, "confirm": true,
            "description": format!("Order {}", 1_000 + self.rng.below(9_000)),
            "receipt_email": customer["email"],
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

    /// A customer (paying with `card`) and an invoice with one item; finalized if asked.
    fn fake_invoice(
        &mut self,
        card: &str,
        send: bool,
        finalize: bool,
    ) -> Result<Arc<Value>, GenerateError> {
        let customer = self.fake_customer(Some(card))?;
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
            params["days_until_due"] = json!(30);
        }
        let inv = self.step("invoices.create", params)?;
        if finalize {
            return self.step("invoices.finalize", json!({"invoice": inv["id"]}));
        }
        Ok(inv)
    }

    /// A subscription of a new customer to a new monthly price.
    fn fake_subscription(&mut self, trial_days: i64) -> Result<Arc<Value>, GenerateError> {
        let price = self.fake_price(true)?;
        let customer = self.fake_customer(Some("pm_card_visa"))?;
        let mut params = json!({"customer": customer["id"], "price": price["id"]});
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

    /// Runs the scenario of one event type (may emit nothing for the generic types).
    fn scenario(&mut self, spec: &EventSpec) -> Result<(), GenerateError> {
        let kind = spec.kind;
        let verb = kind.rsplit('.').next().unwrap_or_default();
        match kind {
            "customer.created" => {
                self.fake_customer(None)?;
            }
            "customer.updated" => {
                let c = self.fake_customer(None)?;
                self.step(
                    "customers.update",
                    json!({"customer": c["id"], "metadata": {"segment": "enterprise"}}),
                )?;
            }
            "customer.deleted" => {
                let c = self.fake_customer(None)?;
                self.step("customers.delete", json!({"customer": c["id"]}))?;
            }
            "customer.discount.created"
            | "customer.discount.updated"
            | "customer.discount.deleted" => {
                let coupon = self.fake_coupon()?;
                let customer = self.fake_customer(None)?;
                let cid = text(&customer["id"]);
                let discount_id = self.new_id("discount");
                let mut discount = objects::discount(discount_id, self.now(), &text(&coupon["id"]));
                discount["customer"] = json!(cid);
                self.emit_direct("customer.discount.created", discount.clone(), None);
                self.change("customer.updated", &cid, json!({"discount": discount}))?;
                if verb == "updated" {
                    let other = self.fake_coupon()?;
                    let prev = json!({"source": discount["source"]});
                    discount["source"]["coupon"] = other["id"].clone();
                    self.emit_direct("customer.discount.updated", discount, Some(prev));
                } else if verb == "deleted" {
                    discount["end"] = json!(self.now());
                    self.emit_direct("customer.discount.deleted", discount, None);
                    self.change("customer.updated", &cid, json!({"discount": null}))?;
                }
            }
            "customer.subscription.created" => {
                self.fake_subscription(0)?;
            }
            "customer.subscription.updated" => {
                let sub = self.fake_subscription(0)?;
                self.step(
                    "subscriptions.update",
                    json!({"subscription": sub["id"], "metadata": {"plan_change": "upgrade"}}),
                )?;
            }
            "customer.subscription.deleted" => {
                let sub = self.fake_subscription(0)?;
                self.step("subscriptions.cancel", json!({"subscription": sub["id"]}))?;
            }
            "customer.subscription.trial_will_end" => {
                let sub = self.fake_subscription(3)?;
                self.emit("customer.subscription.trial_will_end", sub, None);
            }
            "customer.subscription.paused" | "customer.subscription.resumed" => {
                let sub = self.fake_subscription(0)?;
                let id = text(&sub["id"]);
                self.change(
                    "customer.subscription.paused",
                    &id,
                    json!({"status": "paused"}),
                )?;
                if verb == "resumed" {
                    self.change(
                        "customer.subscription.resumed",
                        &id,
                        json!({"status": "active"}),
                    )?;
                }
            }
            "customer.subscription.pending_update_applied"
            | "customer.subscription.pending_update_expired" => {
                let sub = self.fake_subscription(0)?;
                self.emit(kind, sub, None);
            }
            "invoice.created" => {
                self.fake_invoice("pm_card_visa", false, false)?;
            }
            "invoice.finalized" => {
                self.fake_invoice("pm_card_visa", false, true)?;
            }
            "invoice.paid" | "invoice.payment_succeeded" | "invoice_payment.paid" => {
                let inv = self.fake_invoice("pm_card_visa", false, true)?;
                self.step("invoices.pay", json!({"invoice": inv["id"]}))?;
            }
            "invoice.payment_failed" => {
                let inv = self.fake_invoice("pm_card_chargeCustomerFail", false, true)?;
                self.step_declined("invoices.pay", json!({"invoice": inv["id"]}))?;
            }
            "invoice.voided" => {
                let inv = self.fake_invoice("pm_card_visa", false, true)?;
                self.step("invoices.void", json!({"invoice": inv["id"]}))?;
            }
            "invoice.marked_uncollectible" => {
                let inv = self.fake_invoice("pm_card_visa", false, true)?;
                self.step("invoices.mark_uncollectible", json!({"invoice": inv["id"]}))?;
            }
            "invoice.sent" => {
                let inv = self.fake_invoice("pm_card_visa", true, true)?;
                self.step("invoices.send", json!({"invoice": inv["id"]}))?;
            }
            "invoice.deleted" => {
                let inv = self.fake_invoice("pm_card_visa", false, false)?;
                self.step("invoices.delete", json!({"invoice": inv["id"]}))?;
            }
            "invoice.updated" => {
                let inv = self.fake_invoice("pm_card_visa", false, false)?;
                self.step(
                    "invoices.update",
                    json!({"invoice": inv["id"], "metadata": {"order_id": "6735"}}),
                )?;
            }
            "invoice.overdue" | "invoice.will_be_due" => {
                let inv = self.fake_invoice("pm_card_visa", true, true)?;
                self.emit(kind, inv, None);
            }
            "invoice.upcoming" => {
                let sub = self.fake_subscription(0)?;
                if let Some(mut inv) = self.store.get(&text(&sub["latest_invoice"])).cloned() {
                    if let Value::Object(m) = &mut inv {
                        m.remove("id");
                    }
                    inv["status"] = json!("draft");
                    inv["billing_reason"] = json!("upcoming");
                    inv["created"] = sub["items"]["data"][0]["current_period_end"].clone();
                    self.emit("invoice.upcoming", inv, None);
                }
            }
            "invoice.finalization_failed" => {
                let inv = self.fake_invoice("pm_card_visa", false, false)?;
                let err = json!({"type": "invalid_request_error", "code": "customer_tax_location_invalid",
                    "message": "The customer's location is not valid for automatic tax."});
                self.change(
                    kind,
                    &text(&inv["id"]),
                    json!({"last_finalization_error": err}),
                )?;
            }
            "invoice.payment_action_required"
            | "invoice.payment_attempt_required"
            | "invoice.overpaid" => {
                let inv = self.fake_invoice("pm_card_visa", false, true)?;
                self.emit(kind, inv, None);
            }
            "invoiceitem.created" | "invoiceitem.deleted" => {
                let customer = self.fake_customer(None)?;
                let amount = fake::amount(&mut self.rng, "usd");
                let description = fake::product(&mut self.rng);
                let item = self.step("invoiceitems.create", json!({"customer": customer["id"], "amount": amount, "currency": "usd", "description": description}))?;
                if verb == "deleted" {
                    self.step("invoiceitems.delete", json!({"invoiceitem": item["id"]}))?;
                }
            }
            "payment_intent.created" => {
                let customer = self.fake_customer(None)?;
                let amount = fake::amount(&mut self.rng, "usd");
                self.step(
                    "payment_intents.create",
                    json!({"amount": amount, "currency": "usd", "customer": customer["id"]}),
                )?;
            }
            "payment_intent.succeeded" | "charge.succeeded" => {
                self.fake_payment("pm_card_visa", false)?;
            }
            "payment_intent.payment_failed" | "charge.failed" => {
                self.fake_payment("pm_card_chargeDeclined", false)?;
            }
            "payment_intent.amount_capturable_updated" => {
                self.fake_payment("pm_card_visa", true)?;
            }
            "charge.captured" => {
                let pi = self.fake_payment("pm_card_visa", true)?;
                self.step(
                    "payment_intents.capture",
                    json!({"payment_intent": pi["id"]}),
                )?;
            }
            "payment_intent.canceled" => {
                let pi = self.fake_payment("pm_card_visa", true)?;
                self.step("payment_intents.cancel", json!({"payment_intent": pi["id"], "cancellation_reason": "requested_by_customer"}))?;
            }
            "payment_intent.processing"
            | "payment_intent.requires_action"
            | "payment_intent.partially_funded" => {
                let customer = self.fake_customer(None)?;
                let amount = fake::amount(&mut self.rng, "usd");
                let pi = self.step(
                    "payment_intents.create",
                    json!({"amount": amount, "currency": "usd", "customer": customer["id"]}),
                )?;
                let status = if verb == "partially_funded" {
                    "requires_payment_method"
                } else {
                    verb
                };
                let mut changes = json!({"status": status});
                if verb == "requires_action" {
                    changes["next_action"] = json!({"type": "use_stripe_sdk", "use_stripe_sdk": {"type": "three_d_secure_redirect"}});
                }
                self.change(kind, &text(&pi["id"]), changes)?;
            }
            "charge.refunded" | "refund.created" => {
                let ch = self.fake_charge("pm_card_visa")?;
                self.step(
                    "refunds.create",
                    json!({"charge": ch["id"], "reason": "requested_by_customer"}),
                )?;
            }
            "charge.refund.updated" | "refund.updated" => {
                let ch = self.fake_charge("pm_card_visa")?;
                let re = self.step("refunds.create", json!({"charge": ch["id"]}))?;
                self.step(
                    "refunds.update",
                    json!({"refund": re["id"], "metadata": {"ticket": "SUP-1042"}}),
                )?;
            }
            "refund.failed" => {
                let ch = self.fake_charge("pm_card_visa")?;
                let re = self.step("refunds.create", json!({"charge": ch["id"]}))?;
                self.change(
                    kind,
                    &text(&re["id"]),
                    json!({"status": "failed", "failure_reason": "expired_or_canceled_card"}),
                )?;
            }
            "charge.updated" => {
                let ch = self.fake_charge("pm_card_visa")?;
                self.step(
                    "charges.update",
                    json!({"charge": ch["id"], "description": "Updated by the support team"}),
                )?;
            }
            "charge.pending" => {
                let ch = self.fake_charge("pm_card_visa")?;
                self.change(kind, &text(&ch["id"]), json!({"status": "pending"}))?;
            }
            "charge.expired" => {
                let pi = self.fake_payment("pm_card_visa", true)?;
                let amount = pi["amount"].clone();
                self.change(
                    kind,
                    &text(&pi["latest_charge"]),
                    json!({"refunded": true, "amount_refunded": amount}),
                )?;
            }
            "charge.dispute.created" | "charge.dispute.funds_withdrawn" => {
                self.fake_charge("pm_card_createDispute")?;
            }
            "charge.dispute.updated"
            | "charge.dispute.closed"
            | "charge.dispute.funds_reinstated" => {
                self.fake_charge("pm_card_createDispute")?;
                let dp = self
                    .store
                    .list("dispute")
                    .next()
                    .cloned()
                    .unwrap_or(Value::Null);
                match verb {
                    "updated" => {
                        self.step("disputes.update", json!({"dispute": dp["id"], "evidence.uncategorized_text": "The customer received the goods on time.", "submit": true}))?;
                    }
                    "closed" => {
                        self.step("disputes.close", json!({"dispute": dp["id"]}))?;
                    }
                    _ => {
                        let id = text(&dp["id"]);
                        let won =
                            self.change("charge.dispute.closed", &id, json!({"status": "won"}))?;
                        self.emit(kind, won, None);
                    }
                }
            }
            "radar.early_fraud_warning.created" => {
                self.fake_charge("pm_card_createEarlyFraudWarning")?;
            }
            "radar.early_fraud_warning.updated" => {
                self.fake_charge("pm_card_createEarlyFraudWarning")?;
                let efw = self
                    .store
                    .list("radar.early_fraud_warning")
                    .next()
                    .cloned()
                    .unwrap_or(Value::Null);
                self.change(kind, &text(&efw["id"]), json!({"actionable": false}))?;
            }
            "review.opened" | "review.closed" => {
                let ch = self.fake_charge("pm_card_visa")?;
                let id = self.new_id("review");
                let mut review = objects::review(id.clone(), self.now(), &text(&ch["id"]));
                review["payment_intent"] = ch["payment_intent"].clone();
                self.emit_direct("review.opened", review, None);
                self.change("charge.updated", &text(&ch["id"]), json!({"review": id}))?;
                if verb == "closed" {
                    self.step("reviews.approve", json!({"review": id}))?;
                }
            }
            "checkout.session.completed"
            | "checkout.session.async_payment_succeeded"
            | "checkout.session.async_payment_failed" => {
                let price = self.fake_price(false)?;
                let session = self.step("checkout.sessions.create", json!({"mode": "payment", "price": price["id"], "quantity": 1, "success_url": "https://example.com/thanks"}))?;
                let name = fake::name(&mut self.rng);
                let email = fake::email(&mut self.rng, &name);
                let done = self
                    .complete_checkout(&text(&session["id"]), "pm_card_visa", &name, &email)
                    .map_err(|source| GenerateError::Scenario {
                        action: "checkout.complete".into(),
                        source: Box::new(source),
                    })?;
                if verb != "completed" {
                    let status = if verb == "async_payment_succeeded" {
                        "paid"
                    } else {
                        "unpaid"
                    };
                    self.change(kind, &text(&done["id"]), json!({"payment_status": status}))?;
                }
            }
            "checkout.session.expired" => {
                let price = self.fake_price(false)?;
                let session = self.step(
                    "checkout.sessions.create",
                    json!({"mode": "payment", "price": price["id"]}),
                )?;
                self.step(
                    "checkout.sessions.expire",
                    json!({"session": session["id"]}),
                )?;
            }
            "coupon.created" | "coupon.updated" | "coupon.deleted" => {
                let coupon = self.fake_coupon()?;
                match verb {
                    "updated" => {
                        self.step(
                            "coupons.update",
                            json!({"coupon": coupon["id"], "metadata": {"campaign": "spring"}}),
                        )?;
                    }
                    "deleted" => {
                        self.step("coupons.delete", json!({"coupon": coupon["id"]}))?;
                    }
                    _ => {}
                }
            }
            "promotion_code.created" | "promotion_code.updated" => {
                let coupon = self.fake_coupon()?;
                let promo = self.step("promotion_codes.create", json!({"coupon": coupon["id"]}))?;
                if verb == "updated" {
                    self.step(
                        "promotion_codes.update",
                        json!({"promotion_code": promo["id"], "active": false}),
                    )?;
                }
            }
            "product.created" | "product.updated" | "product.deleted" => {
                let name = fake::product(&mut self.rng);
                let product = self.step("products.create", json!({"name": name}))?;
                match verb {
                    "updated" => {
                        self.step("products.update", json!({"product": product["id"], "description": "Now with more features"}))?;
                    }
                    "deleted" => {
                        self.step("products.delete", json!({"product": product["id"]}))?;
                    }
                    _ => {}
                }
            }
            "price.created" | "plan.created" => {
                self.fake_price(true)?;
            }
            "price.updated" | "plan.updated" => {
                let price = self.fake_price(true)?;
                self.step(
                    "prices.update",
                    json!({"price": price["id"], "nickname": "Legacy monthly"}),
                )?;
            }
            "price.deleted" | "plan.deleted" => {
                let price = self.fake_price(true)?;
                let object = if kind == "plan.deleted" {
                    Arc::new(objects::plan_of(&price))
                } else {
                    Arc::clone(&price)
                };
                self.store.delete(&text(&price["id"]));
                self.emit(kind, object, None);
            }
            "credit_note.created" | "credit_note.updated" | "credit_note.voided" => {
                let inv = self.fake_invoice("pm_card_visa", false, true)?;
                let due = inv["amount_due"].as_i64().unwrap_or(0);
                let note = self.step("credit_notes.create", json!({"invoice": inv["id"], "amount": (due / 2).max(1), "reason": "order_change"}))?;
                match verb {
                    "updated" => {
                        self.change(
                            kind,
                            &text(&note["id"]),
                            json!({"memo": "Partial credit for a late delivery"}),
                        )?;
                    }
                    "voided" => {
                        self.step("credit_notes.void", json!({"credit_note": note["id"]}))?;
                    }
                    _ => {}
                }
            }
            "payment_method.attached"
            | "payment_method.detached"
            | "payment_method.updated"
            | "payment_method.automatically_updated" => {
                let customer = self.fake_customer(None)?;
                let pm = self.step(
                    "payment_methods.attach",
                    json!({"payment_method": "pm_card_mastercard", "customer": customer["id"]}),
                )?;
                match verb {
                    "detached" => {
                        self.step(
                            "payment_methods.detach",
                            json!({"payment_method": pm["id"]}),
                        )?;
                    }
                    "updated" | "automatically_updated" => {
                        self.change(
                            kind,
                            &text(&pm["id"]),
                            json!({"card.exp_year": 2036, "card.exp_month": 4}),
                        )?;
                    }
                    _ => {}
                }
            }
            "payout.created"
            | "payout.canceled"
            | "payout.paid"
            | "payout.failed"
            | "payout.updated"
            | "payout.reconciliation_completed" => {
                let amount = 10_000 + 100 * self.rng.below(5_000) as i64;
                let po = self.step(
                    "payouts.create",
                    json!({"amount": amount, "currency": "usd", "description": "Weekly payout"}),
                )?;
                let id = text(&po["id"]);
                match verb {
                    "canceled" => {
                        self.step("payouts.cancel", json!({"payout": id}))?;
                    }
                    "paid" => {
                        self.change(kind, &id, json!({"status": "paid"}))?;
                    }
                    "failed" => {
                        self.change(kind, &id, json!({"status": "failed", "failure_code": "account_closed", "failure_message": "The bank account has been closed."}))?;
                    }
                    "updated" => {
                        self.change(kind, &id, json!({"metadata": {"batch": "2024-W18"}}))?;
                    }
                    "reconciliation_completed" => {
                        self.change(
                            kind,
                            &id,
                            json!({"status": "paid", "reconciliation_status": "completed"}),
                        )?;
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// A plausible event for a type without a scenario: an object of the right type from
    /// the builders, linked to a real customer where it belongs to one.
    fn synthesize(&mut self, spec: &EventSpec) -> Result<(), GenerateError> {
        let verb = spec.kind.rsplit('.').next().unwrap_or_default();
        let mut object = self.fresh(spec.object);
        if matches!(
            spec.object,
            "discount"
                | "tax_id"
                | "card"
                | "setup_intent"
                | "subscription_schedule"
                | "quote"
                | "billing_portal.session"
                | "cash_balance"
                | "customer_cash_balance_transaction"
                | "billing.credit_grant"
                | "entitlements.active_entitlement_summary"
        ) {
            let customer = self.fake_customer(None)?;
            object["customer"] = customer["id"].clone();
            if spec.object == "tax_id" {
                object["owner"]["customer"] = customer["id"].clone();
            }
        }
        if object.get("status").is_some() {
            if let Some(status) = status_for(verb) {
                object["status"] = json!(status);
            }
        }
        let previous = if verb.ends_with("updated") {
            let old = object.clone();
            object["metadata"] = json!({"sandflow_updated": "true"});
            super::previous_attributes(&old, &object)
        } else {
            None
        };
        self.emit_direct(spec.kind, object, previous);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_verb_with_a_status_maps_to_a_status_string() {
        for verb in ["succeeded", "failed", "canceled", "activated"] {
            assert!(status_for(verb).is_some(), "{verb}");
        }
        assert_eq!(status_for("created"), None);
    }
}
