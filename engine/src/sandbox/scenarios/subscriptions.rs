//! Subscriptions of a new customer to a new monthly price: created, changed, canceled,
//! paused and resumed, and a trial about to end.

use serde_json::json;

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
            _ => {}
        }
        Ok(())
    }
}
