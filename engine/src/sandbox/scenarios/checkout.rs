//! Checkout sessions: completed by a fake customer (paid, or paid later), and expired.

use serde_json::json;

use crate::sandbox::{fake, GenerateError, Sandbox};

use super::text;

impl Sandbox {
    /// Runs the scenario of `kind` (whose last segment is `verb`) if it is one of these.
    pub(super) fn checkout_scenario(
        &mut self,
        kind: &str,
        verb: &str,
    ) -> Result<(), GenerateError> {
        match kind {
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
            _ => {}
        }
        Ok(())
    }
}
