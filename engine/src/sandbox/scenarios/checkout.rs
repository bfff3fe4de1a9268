//! Checkout sessions in payment mode, as the CLI's fixtures make them: a product and a
//! price, the session, then Checkout's page loading and the customer paying there (card),
//! or paying by bank debit that settles later; and a session expired through the API.

use crate::json::json;

use crate::sandbox::{GenerateError, Sandbox};

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
                let session = self.step("checkout.sessions.create", json!({"mode": "payment", "line_items": [{"price": price["id"], "quantity": 2}], "success_url": "https://example.com/thanks"}))?;
                let id = text(&session["id"]);
                self.load_payment_page(&id)?;
                let billing = json!({"email": "jenny.rosen@example.com", "name": "Jenny Rosen"});
                let pm = if verb == "completed" {
                    self.create_payment_method("pm_card_visa", json!({"type": "card", "card": {"token": "tok_visa"}, "billing_details": billing}))?
                } else {
                    self.create_payment_method(
                        "sepa_debit",
                        json!({"type": "sepa_debit", "billing_details": billing}),
                    )?
                };
                let pm_id = text(&pm["id"]);
                if let Some(mut stored) = self.store.get(&pm_id).cloned() {
                    stored["billing_details"]["email"] = billing["email"].clone();
                    stored["billing_details"]["name"] = billing["name"].clone();
                    self.store.put(stored);
                }
                let done = self.confirm_payment_page(&id, &pm_id)?;
                if verb != "completed" {
                    let pi = text(&done["payment_intent"]);
                    self.settle_debit(&pi, verb == "async_payment_succeeded")
                        .map_err(|source| GenerateError::Scenario {
                            action: "payment_pages.confirm".into(),
                            source: Box::new(source),
                        })?;
                }
            }
            "checkout.session.expired" => {
                let price = self.fake_price(false)?;
                let session = self.step(
                    "checkout.sessions.create",
                    json!({"mode": "payment", "line_items": [{"price": price["id"], "quantity": 2}], "success_url": "https://example.com/thanks"}),
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
