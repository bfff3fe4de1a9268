//! Subscriptions, through the calls of the CLI's fixtures: a customer (with a default card
//! unless on trial), a product, a monthly price, the subscription; then an update, a
//! cancellation, or what Stripe does later on its own (a trial about to end, a pause).

use crate::json::json;

use crate::sandbox::{GenerateError, Sandbox};

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
                // The CLI ends a trial without a payment method (`trial_end: now`), which the
                // sandbox's catalog cannot ask for: the trial's end pauses it (no request).
                let sub = self.fake_subscription(7)?;
                let id = text(&sub["id"]);
                self.change(
                    "customer.subscription.updated",
                    &id,
                    json!({"status": "paused"}),
                )?;
                let paused = self.shared_or_null(&id);
                self.emit("customer.subscription.paused", paused, None);
                if verb == "resumed" {
                    self.change(
                        "customer.subscription.updated",
                        &id,
                        json!({"status": "active"}),
                    )?;
                    let resumed = self.shared_or_null(&id);
                    self.emit("customer.subscription.resumed", resumed, None);
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
