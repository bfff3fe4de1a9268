//! Payments: payment intents through their states, their charges, refunds, and payment
//! methods attached to customers.

use serde_json::json;

use crate::sandbox::{fake, GenerateError, Sandbox};

use super::text;

impl Sandbox {
    /// Runs the scenario of `kind` (whose last segment is `verb`) if it is one of these.
    pub(super) fn payment_scenario(&mut self, kind: &str, verb: &str) -> Result<(), GenerateError> {
        match kind {
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
            _ => {}
        }
        Ok(())
    }
}
