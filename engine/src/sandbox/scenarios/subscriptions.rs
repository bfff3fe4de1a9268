//! Subscriptions, through the calls of the CLI's fixtures: a customer (with a default card
//! unless on trial), a product, a monthly price, the subscription; then an update, a
//! cancellation, a trial ended early that pauses it (and its resumption), or what Stripe
//! does later on its own (a trial about to end).

use std::sync::Arc;

use serde_json::Value;

use crate::json::json;

use crate::sandbox::api::refused;
use crate::sandbox::{GenerateError, Method, Sandbox};

use super::text;

impl Sandbox {
    /// Runs the scenario of `kind` (whose last segment is `verb`) if it is one of these.
    pub(super) fn subscription_scenario(
        &mut self,
        kind: &str,
        verb: &str,
    ) -> Result<(), GenerateError> {
        match kind {
            "customer.subscription.created" => {
                self.fake_subscription(0)?;
            }
            "customer.subscription.updated" => {
                let sub = self.fake_subscription(0)?;
                self.step(
                    "subscriptions.update",
                    json!({"subscription": sub["id"], "metadata": {"order_id": "6735"}}),
                )?;
            }
            "customer.subscription.deleted" => {
                let sub = self.fake_subscription(0)?;
                self.step("subscriptions.cancel", json!({"subscription": sub["id"]}))?;
            }
            "customer.subscription.trial_will_end" => {
                // Stripe sends it at once for a trial shorter than three days (no request).
                let sub = self.fake_subscription(1)?;
                self.emit("customer.subscription.trial_will_end", sub, None);
            }
            "customer.subscription.paused" | "customer.subscription.resumed" => {
                // As the CLI's fixture: a trial that pauses when it ends without a payment
                // method, ended at once. Resuming (no CLI fixture) keeps the billing cycle
                // and prorates nothing, so no invoice waits to be paid first.
                let customer = self.fake_customer(None)?;
                let price = self.fake_price(true)?;
                let sub = self.create_pausing_trial(&text(&customer["id"]), &text(&price["id"]))?;
                let id = text(&sub["id"]);
                self.end_trial_now(&id)?;
                if verb == "resumed" {
                    self.resume_subscription(&id)?;
                }
            }
            "customer.subscription.pending_update_applied"
            | "customer.subscription.pending_update_expired" => {
                let sub = self.fake_subscription(0)?;
                self.emit(kind, sub, None);
            }
            _ => {}
        }
        Ok(())
    }
}

impl Sandbox {
    /// `POST /v1/subscriptions` with a 7-day trial that pauses the subscription if it
    /// ends without a payment method (`trial_settings`, which workflow steps do not offer).
    fn create_pausing_trial(
        &mut self,
        customer: &str,
        price: &str,
    ) -> Result<Arc<Value>, GenerateError> {
        let given = json!({
            "customer": customer, "items": [{"price": price}], "trial_period_days": 7,
            "trial_settings": {"end_behavior": {"missing_payment_method": "pause"}}
        });
        self.op(
            "subscriptions.create",
            Method::Post,
            "/v1/subscriptions".into(),
            given,
            |sb, p| sb.subscription_create(p),
        )
    }

    /// `POST /v1/subscriptions/{id}` with `trial_end: now`: the trial ends; with no payment
    /// method and a trial that pauses, the subscription is `paused`
    /// (`customer.subscription.updated`, then `customer.subscription.paused`).
    fn end_trial_now(&mut self, id: &str) -> Result<Arc<Value>, GenerateError> {
        let id = id.to_string();
        self.op(
            "subscriptions.update",
            Method::Post,
            format!("/v1/subscriptions/{id}"),
            json!({"trial_end": "now"}),
            move |sb, _| {
                let old = sb.load("subscription", &id, "subscription")?;
                let customer = sb.load("customer", &text(&old["customer"]), "customer")?;
                let pauses = old["trial_settings"]["end_behavior"]["missing_payment_method"]
                    == "pause"
                    && old["default_payment_method"].is_null()
                    && customer["invoice_settings"]["default_payment_method"].is_null();
                if old["status"] != "trialing" || !pauses {
                    return Err(refused(
                        None,
                        "The sandbox ends a trial early only for a subscription on trial that pauses without a payment method.".into(),
                        Some("trial_end"),
                    ));
                }
                let mut new = Value::clone(&old);
                new["trial_end"] = json!(sb.clock.now());
                new["status"] = json!("paused");
                let new = sb.save(new);
                sb.emit_update("customer.subscription.updated", &old, &new);
                sb.emit("customer.subscription.paused", Arc::clone(&new), None);
                Ok(new)
            },
        )
    }

    /// `POST /v1/subscriptions/{id}/resume`, keeping the billing cycle and without
    /// prorations: the subscription is `active` again (`customer.subscription.updated`,
    /// then `customer.subscription.resumed`).
    fn resume_subscription(&mut self, id: &str) -> Result<Arc<Value>, GenerateError> {
        let id = id.to_string();
        self.op(
            "subscriptions.resume",
            Method::Post,
            format!("/v1/subscriptions/{id}/resume"),
            json!({"billing_cycle_anchor": "unchanged", "proration_behavior": "none"}),
            move |sb, _| {
                let old = sb.load("subscription", &id, "subscription")?;
                if old["status"] != "paused" {
                    return Err(refused(
                        Some("subscription_not_paused"),
                        format!(
                            "This subscription cannot be resumed because it has a status of {}.",
                            text(&old["status"])
                        ),
                        None,
                    ));
                }
                let mut new = Value::clone(&old);
                new["status"] = json!("active");
                let new = sb.save(new);
                sb.emit_update("customer.subscription.updated", &old, &new);
                sb.emit("customer.subscription.resumed", Arc::clone(&new), None);
                Ok(new)
            },
        )
    }
}
