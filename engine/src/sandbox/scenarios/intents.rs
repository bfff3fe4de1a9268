//! Setup intents and subscription schedules, through the calls of the CLI's fixtures.

use crate::json::json;

use crate::sandbox::{GenerateError, Sandbox};

use super::text;

impl Sandbox {
    /// Runs the scenario of `kind` (whose last segment is `verb`) if it is one of these.
    pub(super) fn intent_scenario(&mut self, kind: &str, verb: &str) -> Result<(), GenerateError> {
        let refused = |source| GenerateError::Scenario {
            action: "setup_intents.create".into(),
            source: Box::new(source),
        };
        match kind {
            "setup_intent.created" | "setup_intent.canceled" => {
                let si = self
                    .create_setup_intent(json!({"description": "Save a card for later", "payment_method_types": ["card"]}))
                    .map_err(refused)?;
                if verb == "canceled" {
                    self.cancel_setup_intent(&text(&si["id"]))?;
                }
            }
            "setup_intent.succeeded"
            | "setup_intent.requires_action"
            | "setup_intent.setup_failed" => {
                let card = match verb {
                    "succeeded" => "pm_card_visa",
                    "requires_action" => "pm_card_authenticationRequired",
                    _ => "pm_card_chargeDeclined",
                };
                let made = self.create_setup_intent(
                    json!({"confirm": true, "description": "Save a card for later", "payment_method": card, "payment_method_types": ["card"]}),
                );
                match made {
                    Err(e) if e.kind == "card_error" => {}
                    other => {
                        other.map_err(refused)?;
                    }
                }
            }
            "subscription_schedule.created"
            | "subscription_schedule.canceled"
            | "subscription_schedule.released"
            | "subscription_schedule.updated" => {
                let customer = self.create_customer_with_source(
                    json!({"description": "Scheduled plan", "source": "tok_visa"}),
                )?;
                let price = self.fake_price(true)?;
                let schedule = self.create_schedule(&text(&customer["id"]), &text(&price["id"]))?;
                if verb != "created" {
                    self.change_schedule(&text(&schedule["id"]), verb)?;
                }
            }
            _ => {}
        }
        Ok(())
    }
}
