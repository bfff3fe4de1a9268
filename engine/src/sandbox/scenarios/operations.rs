//! Stripe operations the scenarios make that the catalog does not offer to workflow steps:
//! the calls of `stripe trigger` fixtures such as `POST /v1/setup_intents`,
//! `GET /v1/disputes`, `POST /v1/payment_pages/{session}/confirm` or `POST /v1/plans`.
//!
//! Each is served through [`Sandbox::internal_call`], so it has a `req_` id that the events
//! it causes carry, and a request log entry at Stripe's path. They emit what Stripe emits for
//! the same call, reusing the flows of `payments.rs` and `billing.rs`.

use std::sync::Arc;

use serde_json::Value;

use crate::json::json;

use super::{map, text};
use crate::sandbox::api::{no_such, refused, Params};
use crate::sandbox::{ids, objects, ApiError, GenerateError, Method, Sandbox};

/// Parameters as the flows read them.
fn params(v: Value) -> Params {
    Params(map(v))
}

impl Sandbox {
    /// One call of an operation outside the catalog, a second after the previous call.
    pub(super) fn op(
        &mut self,
        action: &str,
        method: Method,
        path: String,
        given: Value,
        serve: impl FnOnce(&mut Self, &Params) -> Result<Arc<Value>, ApiError>,
    ) -> Result<Arc<Value>, GenerateError> {
        self.clock.tick(1);
        let given = map(given);
        let p = Params(given.clone());
        self.internal_call(action, method, path, &given, |sb| serve(sb, &p))
            .0
            .map_err(|source| GenerateError::Scenario {
                action: action.to_string(),
                source: Box::new(source),
            })
    }

    /// `GET /v1/disputes?payment_intent=…`: the disputes of a payment, newest first.
    pub(super) fn list_disputes(
        &mut self,
        payment_intent: &str,
    ) -> Result<Arc<Value>, GenerateError> {
        let pi = payment_intent.to_string();
        self.op(
            "disputes.list",
            Method::Get,
            "/v1/disputes".into(),
            json!({"payment_intent": pi}),
            move |sb, _| {
                let data: Vec<Value> = sb
                    .store
                    .list("dispute")
                    .filter(|d| d["payment_intent"] == pi.as_str())
                    .cloned()
                    .collect();
                Ok(Arc::new(
                    json!({"object": "list", "data": data, "has_more": false, "url": "/v1/disputes"}),
                ))
            },
        )
    }

    /// `POST /v1/payment_methods`: a payment method that belongs to no customer (no event).
    /// `token` is a test token (`pm_card_visa`) or `sepa_debit` for a SEPA Direct Debit
    /// mandate-less test account.
    pub(super) fn create_payment_method(
        &mut self,
        token: &str,
        given: Value,
    ) -> Result<Arc<Value>, GenerateError> {
        let token = token.to_string();
        self.op(
            "payment_methods.create",
            Method::Post,
            "/v1/payment_methods".into(),
            given,
            move |sb, p| {
                if token == "sepa_debit" {
                    let id = ids::new_id(&mut sb.rng, "payment_method");
                    let mut pm = objects::payment_method(id, sb.clock.now(), &objects::VISA);
                    if let Value::Object(m) = &mut pm {
                        m.remove("card");
                    }
                    pm["type"] = json!("sepa_debit");
                    pm["sepa_debit"] = json!({
                        "bank_code": "19043", "branch_code": "", "country": "AT",
                        "fingerprint": "SfSepa3204AT", "generated_from": {"charge": null, "setup_attempt": null},
                        "last4": "3204"
                    });
                    if let Some(b) = p.get("billing_details") {
                        pm["billing_details"] = b.clone();
                    }
                    return Ok(sb.save(pm));
                }
                let id = sb.resolve_payment_method(&token, "payment_method")?;
                sb.load("payment_method", &id, "payment_method")
            },
        )
    }

    /// `POST /v1/payment_methods/{id}`: metadata; emits `payment_method.updated`.
    pub(super) fn update_payment_method(
        &mut self,
        id: &str,
        metadata: Value,
    ) -> Result<Arc<Value>, GenerateError> {
        let given = json!({"payment_method": id, "metadata": metadata});
        self.op(
            "payment_methods.update",
            Method::Post,
            format!("/v1/payment_methods/{id}"),
            given,
            |sb, p| sb.simple_update("payment_method", p, "payment_method"),
        )
    }

    /// `POST /v1/credit_notes/{id}`: metadata or memo; emits `credit_note.updated`.
    pub(super) fn update_credit_note(
        &mut self,
        id: &str,
        metadata: Value,
    ) -> Result<Arc<Value>, GenerateError> {
        let given = json!({"credit_note": id, "metadata": metadata});
        self.op(
            "credit_notes.update",
            Method::Post,
            format!("/v1/credit_notes/{id}"),
            given,
            |sb, p| sb.simple_update("credit_note", p, "credit_note"),
        )
    }

    /// `POST /v1/payouts/{id}`: metadata; emits `payout.updated`.
    pub(super) fn update_payout(
        &mut self,
        id: &str,
        metadata: Value,
    ) -> Result<Arc<Value>, GenerateError> {
        let given = json!({"payout": id, "metadata": metadata});
        self.op(
            "payouts.update",
            Method::Post,
            format!("/v1/payouts/{id}"),
            given,
            |sb, p| sb.simple_update("payout", p, "payout"),
        )
    }

    /// `GET /v1/payment_pages/{session}`: what Checkout's page loads (no event).
    pub(super) fn load_payment_page(&mut self, session: &str) -> Result<Arc<Value>, GenerateError> {
        let id = session.to_string();
        self.op(
            "payment_pages.retrieve",
            Method::Get,
            format!("/v1/payment_pages/{id}"),
            json!({}),
            move |sb, _| sb.load("checkout.session", &id, "session"),
        )
    }

    /// `POST /v1/payment_pages/{session}/confirm`: the customer pays on Checkout's page.
    pub(super) fn confirm_payment_page(
        &mut self,
        session: &str,
        payment_method: &str,
    ) -> Result<Arc<Value>, GenerateError> {
        let (id, pm) = (session.to_string(), payment_method.to_string());
        self.op(
            "payment_pages.confirm",
            Method::Post,
            format!("/v1/payment_pages/{id}/confirm"),
            json!({"payment_method": pm}),
            move |sb, _| sb.complete_checkout(&id, &pm),
        )
    }

    /// `POST /v1/plans` with an inline product: `product.created`, then the price the plan
    /// is (`price.created`, `plan.created`).
    pub(super) fn create_plan(&mut self, given: Value) -> Result<Arc<Value>, GenerateError> {
        self.op(
            "plans.create",
            Method::Post,
            "/v1/plans".into(),
            given,
            |sb, p| {
                let name = p
                    .get("product")
                    .and_then(|product| product["name"].as_str())
                    .unwrap_or("Plan")
                    .to_string();
                let product = sb.product_create(&params(json!({"name": name})))?;
                let price = sb.price_create(&params(json!({
                    "product": product["id"], "currency": p.str("currency").unwrap_or("usd"),
                    "unit_amount": p.int("amount").unwrap_or(0),
                    "recurring.interval": p.str("interval").unwrap_or("month")
                })))?;
                Ok(Arc::new(objects::plan_of(&price)))
            },
        )
    }

    /// `POST /v1/plans/{id}`: metadata; emits `price.updated` and `plan.updated`.
    pub(super) fn update_plan(
        &mut self,
        id: &str,
        metadata: Value,
    ) -> Result<Arc<Value>, GenerateError> {
        let given = json!({"price": id, "metadata": metadata});
        self.op(
            "plans.update",
            Method::Post,
            format!("/v1/plans/{id}"),
            given,
            |sb, p| {
                sb.price_update(p)
                    .map(|price| Arc::new(objects::plan_of(&price)))
            },
        )
    }

    /// `DELETE /v1/plans/{id}`: `plan.deleted`, then `price.deleted` (a plan is a price).
    pub(super) fn delete_plan(&mut self, id: &str) -> Result<Arc<Value>, GenerateError> {
        let id = id.to_string();
        self.op(
            "plans.delete",
            Method::Delete,
            format!("/v1/plans/{id}"),
            json!({}),
            move |sb, _| {
                let price = sb.load("price", &id, "plan")?;
                sb.store.delete(&id);
                sb.emit("plan.deleted", objects::plan_of(&price), None);
                sb.emit("price.deleted", price, None);
                Ok(Arc::new(
                    json!({"id": id, "object": "plan", "deleted": true}),
                ))
            },
        )
    }

    /// `POST /v1/customers` with `source`: `customer.created`, then the card saved as a
    /// source (`customer.source.created`).
    pub(super) fn create_customer_with_source(
        &mut self,
        given: Value,
    ) -> Result<Arc<Value>, GenerateError> {
        self.op(
            "customers.create",
            Method::Post,
            "/v1/customers".into(),
            given,
            |sb, p| {
                let mut fields = p.0.clone();
                fields.remove("source");
                let customer = sb.customer_create(&Params(fields))?;
                let id = text(&customer["id"]);
                sb.add_card_source(&id, false)
            },
        )
    }

    /// `DELETE /v1/customers/{id}/discount`: `customer.discount.deleted` (the discount with
    /// its `end`), then `customer.updated` without it.
    pub(super) fn delete_customer_discount(
        &mut self,
        customer: &str,
    ) -> Result<Arc<Value>, GenerateError> {
        let id = customer.to_string();
        self.op(
            "customers.delete_discount",
            Method::Delete,
            format!("/v1/customers/{id}/discount"),
            json!({}),
            move |sb, _| {
                let old = sb.load("customer", &id, "customer")?;
                if old["discount"].is_null() {
                    let mut none = refused(
                        Some("resource_missing"),
                        format!("The customer {id} has no discount to delete."),
                        None,
                    );
                    none.status = 404;
                    return Err(none);
                }
                let mut discount = old["discount"].clone();
                discount["end"] = json!(sb.clock.now());
                sb.emit("customer.discount.deleted", discount.clone(), None);
                let mut new = Value::clone(&old);
                new["discount"] = Value::Null;
                let new = sb.save(new);
                sb.emit_update("customer.updated", &old, &new);
                Ok(Arc::new(json!({
                    "object": "discount", "deleted": true, "id": discount["id"]
                })))
            },
        )
    }

    /// `POST /v1/customers/{id}/sources`: `customer.source.created`, and `customer.updated`
    /// as the card becomes the default source.
    pub(super) fn create_source(&mut self, customer: &str) -> Result<Arc<Value>, GenerateError> {
        let id = customer.to_string();
        self.op(
            "customers.sources.create",
            Method::Post,
            format!("/v1/customers/{id}/sources"),
            json!({"source": "tok_visa"}),
            move |sb, _| {
                sb.add_card_source(&id, true)?;
                let customer = sb.load("customer", &id, "customer")?;
                let card = text(&customer["default_source"]);
                sb.load("card", &card, "source")
            },
        )
    }

    /// `POST /v1/customers/{id}/sources/{card}`: metadata; `customer.source.updated`.
    pub(super) fn update_source(
        &mut self,
        customer: &str,
        card: &str,
    ) -> Result<Arc<Value>, GenerateError> {
        let card = card.to_string();
        self.op(
            "customers.sources.update",
            Method::Post,
            format!("/v1/customers/{customer}/sources/{card}"),
            json!({"metadata": {"order_id": "6735"}}),
            move |sb, p| {
                let old = sb.load("card", &card, "source")?;
                let mut new = Value::clone(&old);
                crate::sandbox::api::apply_params(&mut new, p, &[]);
                let new = sb.save(new);
                sb.emit_update("customer.source.updated", &old, &new);
                Ok(new)
            },
        )
    }

    /// Saves a Visa test card as a customer's default source (`customer.source.created`,
    /// and `customer.updated` when `announce` is set); returns the customer. The card also
    /// stands behind a payment method the sandbox charges.
    fn add_card_source(&mut self, customer: &str, announce: bool) -> Result<Arc<Value>, ApiError> {
        let old = self.load("customer", customer, "customer")?;
        let card_id = ids::new_id(&mut self.rng, "card");
        let mut card = objects::card(card_id.clone(), &objects::VISA);
        card["customer"] = json!(customer);
        let card = self.save(card);
        self.emit("customer.source.created", card, None);
        let mut new = Value::clone(&old);
        new["default_source"] = json!(card_id);
        let new = self.save(new);
        if announce {
            self.emit_update("customer.updated", &old, &new);
        }
        Ok(new)
    }

    /// `POST /v1/setup_intents` (and its confirmation when `confirm`): `setup_intent.created`,
    /// then `setup_intent.succeeded` (with `payment_method.attached` when it has a customer),
    /// `setup_intent.requires_action` or `setup_intent.setup_failed`.
    pub(super) fn create_setup_intent(&mut self, given: Value) -> Result<Arc<Value>, ApiError> {
        self.clock.tick(1);
        let given = map(given);
        let p = Params(given.clone());
        self.internal_call(
            "setup_intents.create",
            Method::Post,
            "/v1/setup_intents".into(),
            &given,
            |sb| sb.setup_intent_create(&p),
        )
        .0
    }

    fn setup_intent_create(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        if let Some(c) = p.str("customer") {
            self.load("customer", c, "customer")?;
        }
        let pm = match p.str("payment_method") {
            Some(token) => Some(self.resolve_payment_method(token, "payment_method")?),
            None => None,
        };
        let id = ids::new_id(&mut self.rng, "setup_intent");
        let mut si = objects::setup_intent(id, self.clock.now());
        si["customer"] = json!(p.str("customer"));
        si["description"] = json!(p.str("description"));
        if let Some(types) = p.get("payment_method_types") {
            si["payment_method_types"] = types.clone();
        }
        if let Some(pm) = &pm {
            si["payment_method"] = json!(pm);
            si["status"] = json!("requires_confirmation");
        }
        let si = self.save(si);
        self.emit("setup_intent.created", Arc::clone(&si), None);
        let (true, Some(pm)) = (p.bool("confirm").unwrap_or(false), pm) else {
            return Ok(si);
        };
        let card = objects::card_behavior(&*self.load("payment_method", &pm, "payment_method")?);
        let mut si = Arc::unwrap_or_clone(si);
        if card.authentication {
            si["status"] = json!("requires_action");
            si["next_action"] = json!({"type": "use_stripe_sdk", "use_stripe_sdk": {"type": "three_d_secure_redirect"}});
            let si = self.save(si);
            self.emit("setup_intent.requires_action", Arc::clone(&si), None);
            return Ok(si);
        }
        if let Some(code) = card.decline {
            let err = crate::sandbox::api::card_declined(code);
            si["status"] = json!("requires_payment_method");
            si["payment_method"] = Value::Null;
            si["last_setup_error"] = json!({
                "type": err.kind, "code": err.code, "decline_code": code, "message": err.message
            });
            let si = self.save(si);
            self.emit("setup_intent.setup_failed", si, None);
            return Err(err);
        }
        si["status"] = json!("succeeded");
        let si = self.save(si);
        self.emit("setup_intent.succeeded", Arc::clone(&si), None);
        if let Some(customer) = p.str("customer") {
            self.attach_payment_method(&pm, customer)?;
        }
        Ok(si)
    }

    /// `POST /v1/setup_intents/{id}/cancel`: `setup_intent.canceled`.
    pub(super) fn cancel_setup_intent(&mut self, id: &str) -> Result<Arc<Value>, GenerateError> {
        let id = id.to_string();
        self.op(
            "setup_intents.cancel",
            Method::Post,
            format!("/v1/setup_intents/{id}/cancel"),
            json!({"cancellation_reason": "requested_by_customer"}),
            move |sb, p| {
                let mut si = sb.load_copy("setup_intent", &id, "intent")?;
                if matches!(text(&si["status"]).as_str(), "succeeded" | "canceled") {
                    return Err(refused(
                        Some("setup_intent_unexpected_state"),
                        format!(
                            "You cannot cancel this SetupIntent because it has a status of {}.",
                            text(&si["status"])
                        ),
                        None,
                    ));
                }
                si["status"] = json!("canceled");
                si["cancellation_reason"] = json!(p.str("cancellation_reason"));
                let si = sb.save(si);
                sb.emit("setup_intent.canceled", Arc::clone(&si), None);
                Ok(si)
            },
        )
    }

    /// Subscribes a customer whose default source is a card to `price`, as a schedule's
    /// phase or an accepted quote does: the subscription is created and its first invoice
    /// paid with the source (`customer.subscription.created`, the invoice's events), and
    /// `mark` sets what ties it to its origin before the events are sent.
    pub(super) fn subscribe_with_source(
        &mut self,
        customer: &str,
        price: &str,
        mark: impl FnOnce(&mut Value),
    ) -> Result<Arc<Value>, ApiError> {
        // The default source pays: the sandbox charges the card's payment method.
        let pm = self.resolve_payment_method("pm_card_visa", "customer")?;
        let mut pm_obj = self.load_copy("payment_method", &pm, "customer")?;
        pm_obj["customer"] = json!(customer);
        self.store.put(pm_obj);
        let start = self.pending.len();
        let sub = self.subscription_create(&params(json!({
            "customer": customer, "items": [{"price": price, "quantity": 1}], "default_payment_method": pm
        })))?;
        let mut sub = Arc::unwrap_or_clone(sub);
        mark(&mut sub);
        sub["default_payment_method"] = Value::Null;
        Ok(self.restate_created(start, sub))
    }

    /// Stores `sub` as changed by its origin after `subscription_create`, and makes the
    /// `customer.subscription.created` sent since the `start`th pending event carry it.
    fn restate_created(&mut self, start: usize, sub: Value) -> Arc<Value> {
        let sub = self.save(sub);
        if let Some(e) = self.pending[start..]
            .iter_mut()
            .find(|e| e.kind == "customer.subscription.created")
        {
            e.data.object = Arc::clone(&sub);
        }
        sub
    }

    /// `POST /v1/subscription_schedules` starting now: `subscription_schedule.created`, then
    /// the subscription it starts, created and billed as `POST /v1/subscriptions` does.
    pub(super) fn create_schedule(
        &mut self,
        customer: &str,
        price: &str,
    ) -> Result<Arc<Value>, GenerateError> {
        let (customer, price) = (customer.to_string(), price.to_string());
        let given = json!({
            "customer": customer, "start_date": "now",
            "phases": [{"iterations": 1, "items": [{"price": price, "quantity": 1}]},
                       {"iterations": 1, "items": [{"price": price, "quantity": 2}]}]
        });
        self.op(
            "subscription_schedules.create",
            Method::Post,
            "/v1/subscription_schedules".into(),
            given,
            move |sb, _| {
                let c = sb.load("customer", &customer, "customer")?;
                let id = ids::new_id(&mut sb.rng, "subscription_schedule");
                let mut schedule =
                    objects::blank("subscription_schedule", &mut sb.rng, sb.clock.now());
                schedule["id"] = json!(id);
                schedule["customer"] = c["id"].clone();
                schedule["status"] = json!("active");
                let start = sb.pending.len();
                let sub = sb.subscribe_with_source(&customer, &price, |sub| {
                    sub["schedule"] = json!(id);
                })?;
                schedule["subscription"] = sub["id"].clone();
                schedule["current_phase"] = json!({
                    "start_date": sub["items"]["data"][0]["current_period_start"],
                    "end_date": sub["items"]["data"][0]["current_period_end"]
                });
                let schedule = sb.save(schedule);
                let after = sb.pending.len() - start;
                sb.emit_before(
                    after,
                    "subscription_schedule.created",
                    Arc::clone(&schedule),
                    None,
                );
                Ok(schedule)
            },
        )
    }

    /// `POST /v1/subscription_schedules` for one phase of `price` that starts at `start`,
    /// after now: the schedule waits (`not_started`, no subscription yet) and only
    /// `subscription_schedule.created` is sent.
    pub(super) fn create_future_schedule(
        &mut self,
        customer: &str,
        price: &str,
        start: i64,
    ) -> Result<Arc<Value>, GenerateError> {
        let customer = customer.to_string();
        let given = json!({
            "customer": customer, "start_date": start,
            "phases": [{"items": [{"price": price, "quantity": 1}]}]
        });
        self.op(
            "subscription_schedules.create",
            Method::Post,
            "/v1/subscription_schedules".into(),
            given,
            move |sb, p| {
                sb.load("customer", &customer, "customer")?;
                let mut schedule = objects::blank("subscription_schedule", &mut sb.rng, sb.clock.now());
                schedule["customer"] = json!(customer);
                schedule["status"] = json!("not_started");
                schedule["subscription"] = Value::Null;
                schedule["current_phase"] = Value::Null;
                schedule["phases"] = json!([{"start_date": start, "items": p.get("phases").map(|ph| ph[0]["items"].clone())}]);
                let schedule = sb.save(schedule);
                sb.emit("subscription_schedule.created", Arc::clone(&schedule), None);
                Ok(schedule)
            },
        )
    }

    /// `POST /v1/subscription_schedules` on a test clock's customer, starting at the
    /// clock's time (so at once) with one phase of `price` that ends after `phase` (its
    /// `iterations: 1` or its `end_date`), then `end_behavior`. The customer has no payment
    /// method, as in the CLI's fixtures: the subscription starts `incomplete`, its first
    /// invoice finalized and left open (`subscription_schedule.created`,
    /// `customer.subscription.created`, `invoice.created`, `invoice.finalized`).
    pub(super) fn create_clock_schedule(
        &mut self,
        customer: &str,
        price: &str,
        phase: Value,
        end_behavior: &str,
    ) -> Result<Arc<Value>, GenerateError> {
        let (customer, price, end) = (
            customer.to_string(),
            price.to_string(),
            end_behavior.to_string(),
        );
        let mut first = phase;
        first["items"] = json!([{"price": price, "quantity": 1}]);
        let given = json!({
            "customer": customer, "start_date": super::tools::CLOCK_START,
            "end_behavior": end, "phases": [first]
        });
        self.op(
            "subscription_schedules.create",
            Method::Post,
            "/v1/subscription_schedules".into(),
            given,
            move |sb, _| {
                sb.load("customer", &customer, "customer")?;
                let id = ids::new_id(&mut sb.rng, "subscription_schedule");
                let mut schedule =
                    objects::blank("subscription_schedule", &mut sb.rng, sb.clock.now());
                schedule["id"] = json!(id);
                schedule["customer"] = json!(customer);
                schedule["status"] = json!("active");
                schedule["end_behavior"] = json!(end);
                let start = sb.pending.len();
                let sub = sb.subscription_create(&params(json!({
                    "customer": customer, "items": [{"price": price, "quantity": 1}],
                    "payment_behavior": "default_incomplete"
                })))?;
                let mut sub = Arc::unwrap_or_clone(sub);
                sub["schedule"] = json!(id);
                let sub = sb.restate_created(start, sub);
                schedule["subscription"] = sub["id"].clone();
                schedule["current_phase"] = json!({
                    "start_date": sub["items"]["data"][0]["current_period_start"],
                    "end_date": sub["items"]["data"][0]["current_period_end"]
                });
                let schedule = sb.save(schedule);
                let after = sb.pending.len() - start;
                sb.emit_before(
                    after,
                    "subscription_schedule.created",
                    Arc::clone(&schedule),
                    None,
                );
                Ok(schedule)
            },
        )
    }

    /// `POST /v1/subscription_schedules/{id}[/cancel|/release]`: what each does to the
    /// schedule and its subscription.
    pub(super) fn change_schedule(
        &mut self,
        id: &str,
        verb: &str,
    ) -> Result<Arc<Value>, GenerateError> {
        let (id, verb) = (id.to_string(), verb.to_string());
        let (path, given) = match verb.as_str() {
            "updated" => (
                format!("/v1/subscription_schedules/{id}"),
                json!({"metadata": {"order_id": "6735"}}),
            ),
            "released" => (
                format!("/v1/subscription_schedules/{id}/release"),
                json!({}),
            ),
            _ => (
                format!("/v1/subscription_schedules/{id}/cancel"),
                json!({"prorate": false, "invoice_now": false}),
            ),
        };
        let action = match verb.as_str() {
            "updated" => "subscription_schedules.update",
            "released" => "subscription_schedules.release",
            _ => "subscription_schedules.cancel",
        };
        self.op(action, Method::Post, path, given, move |sb, p| {
            let old = sb
                .store
                .get(&id)
                .cloned()
                .ok_or_else(|| no_such("subscription_schedule", &id, "schedule"))?;
            let mut new = old.clone();
            let now = sb.clock.now();
            let sub = text(&old["subscription"]);
            match verb.as_str() {
                "updated" => crate::sandbox::api::apply_params(&mut new, p, &[]),
                "released" => {
                    new["status"] = json!("released");
                    new["released_at"] = json!(now);
                    new["released_subscription"] = json!(sub);
                    new["subscription"] = Value::Null;
                }
                _ => {
                    new["status"] = json!("canceled");
                    new["canceled_at"] = json!(now);
                }
            }
            let new = sb.save(new);
            // A schedule canceled before it started ends without ever having run: Stripe
            // reports it `aborted`, as the CLI's fixture for that type shows by canceling
            // a schedule that starts in the future. One that runs is `canceled`, with its
            // subscription.
            let never_ran = old["status"] == "not_started";
            let kind = if never_ran {
                "subscription_schedule.aborted".to_string()
            } else {
                format!("subscription_schedule.{verb}")
            };
            let previous = (verb == "updated")
                .then(|| crate::sandbox::previous_attributes(&old, &new))
                .flatten();
            sb.emit(&kind, Arc::clone(&new), previous);
            match verb.as_str() {
                "released" => {
                    let old_sub = sb.load("subscription", &sub, "subscription")?;
                    let mut s = Value::clone(&old_sub);
                    s["schedule"] = Value::Null;
                    let s = sb.save(s);
                    sb.emit_update("customer.subscription.updated", &old_sub, &s);
                }
                "canceled" if !never_ran => {
                    sb.end_subscription(&sub, "cancellation_requested")?;
                }
                _ => {}
            }
            Ok(new)
        })
    }
}
