//! Payments: payment intents through their states, their charges, refunds, and payment
//! methods attached to customers. As the CLI's fixtures do, payments are made without a
//! customer: nothing here emits `customer.*`.

use crate::json::json;

use crate::sandbox::{fake, GenerateError, Sandbox};

use super::text;

impl Sandbox {
    /// Runs the scenario of `kind` (whose last segment is `verb`) if it is one of these.
    pub(super) fn payment_scenario(&mut self, kind: &str, verb: &str) -> Result<(), GenerateError> {
        match kind {
            "payment_intent.created" => {
                let amount = fake::amount(&mut self.rng, "usd");
                self.step(
                    "payment_intents.create",
                    json!({"amount": amount, "currency": "usd"}),
                )?;
            }
            "payment_intent.succeeded" | "charge.succeeded" => {
                self.fake_payment("pm_card_visa", false)?;
            }
            "payment_intent.payment_failed" => {
                self.fake_payment("pm_card_chargeDeclined", false)?;
            }
            "charge.failed" => {
                self.fake_payment("pm_card_visa_chargeDeclined", false)?;
            }
            "payment_intent.requires_action" => {
                self.fake_payment("pm_card_authenticationRequired", false)?;
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
                let amount = fake::amount(&mut self.rng, "usd");
                let pi = self.step(
                    "payment_intents.create",
                    json!({"amount": amount, "currency": "usd"}),
                )?;
                self.step("payment_intents.cancel", json!({"payment_intent": pi["id"], "cancellation_reason": "requested_by_customer"}))?;
            }
            "payment_intent.processing" | "charge.pending" => {
                let pm = self.create_payment_method(
                    "sepa_debit",
                    json!({"type": "sepa_debit", "billing_details": {"name": "Bob", "email": "bob@example.com"}}),
                )?;
                let amount = fake::amount(&mut self.rng, "eur");
                self.step(
                    "payment_intents.create",
                    json!({"amount": amount, "currency": "eur", "payment_method": pm["id"], "confirm": true}),
                )?;
            }
            "payment_intent.partially_funded" => {
                // The CLI funds a customer's cash balance, which the sandbox does not model:
                // the payment intent waits, then the partial funding arrives (no request).
                let customer = self.fake_customer(None)?;
                let amount = fake::amount(&mut self.rng, "usd");
                let pi = self.step(
                    "payment_intents.create",
                    json!({"amount": amount, "currency": "usd", "customer": customer["id"]}),
                )?;
                self.change(
                    kind,
                    &text(&pi["id"]),
                    json!({"status": "requires_payment_method"}),
                )?;
            }
            "charge.refunded" | "refund.created" => {
                let pi = self.fake_payment("pm_card_visa", false)?;
                self.step("refunds.create", json!({"payment_intent": pi["id"]}))?;
            }
            "charge.refund.updated" | "refund.updated" => {
                let pi = self.fake_payment("pm_card_visa", false)?;
                let re = self.step("refunds.create", json!({"payment_intent": pi["id"]}))?;
                self.step(
                    "refunds.update",
                    json!({"refund": re["id"], "metadata": {"order_id": "6735"}}),
                )?;
            }
            "refund.failed" => {
                // No CLI fixture: a refund that the card network later returns (no request).
                let pi = self.fake_payment("pm_card_visa", false)?;
                let re = self.step("refunds.create", json!({"payment_intent": pi["id"]}))?;
                self.change(
                    kind,
                    &text(&re["id"]),
                    json!({"status": "failed", "failure_reason": "expired_or_canceled_card"}),
                )?;
            }
            "charge.updated" => {
                // No CLI fixture: the most common update, a description set through the API.
                let ch = self.fake_charge("pm_card_visa")?;
                self.step(
                    "charges.update",
                    json!({"charge": ch["id"], "description": "Updated by the support team"}),
                )?;
            }
            "charge.expired" => {
                // No CLI fixture: an uncaptured charge expires after 7 days (no request).
                let pi = self.fake_payment("pm_card_visa", true)?;
                let amount = pi["amount"].clone();
                self.change(
                    kind,
                    &text(&pi["latest_charge"]),
                    json!({"refunded": true, "amount_refunded": amount}),
                )?;
            }
            "payment_method.attached" | "payment_method.detached" => {
                let customer = self.fake_customer(None)?;
                let pm = self.step(
                    "payment_methods.attach",
                    json!({"payment_method": "pm_card_visa", "customer": customer["id"]}),
                )?;
                if verb == "detached" {
                    self.step(
                        "payment_methods.detach",
                        json!({"payment_method": pm["id"]}),
                    )?;
                }
            }
            "payment_method.updated" => {
                let customer = self.fake_customer(None)?;
                let si = self
                    .create_setup_intent(json!({"customer": customer["id"], "payment_method": "pm_card_visa", "confirm": true}))
                    .map_err(|source| GenerateError::Scenario {
                        action: "setup_intents.create".into(),
                        source: Box::new(source),
                    })?;
                self.update_payment_method(
                    &text(&si["payment_method"]),
                    json!({"order_id": "6735"}),
                )?;
            }
            "payment_method.automatically_updated" => {
                // No CLI fixture: the card network updates a saved card (no request).
                let customer = self.fake_customer(None)?;
                let pm = self.step(
                    "payment_methods.attach",
                    json!({"payment_method": "pm_card_visa", "customer": customer["id"]}),
                )?;
                self.change(
                    kind,
                    &text(&pm["id"]),
                    json!({"card.exp_year": 2036, "card.exp_month": 4}),
                )?;
            }
            _ => {}
        }
        Ok(())
    }
}
