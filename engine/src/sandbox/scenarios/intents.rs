//! Setup intents and subscription schedules, through the calls of the CLI's fixtures; the
//! schedules that complete or expire do so on a test clock the scenario advances.

use crate::json::json;

use std::sync::Arc;

use serde_json::Value;

use crate::sandbox::{fake, GenerateError, Sandbox};

use super::text;
use super::tools::CLOCK_MONTH_LATER;

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
            "subscription_schedule.aborted" => {
                let customer = self.create_customer_with_source(
                    json!({"description": "Scheduled plan", "source": "tok_visa"}),
                )?;
                let price = self.fake_price(true)?;
                let start = self.clock.now() + 365 * 86_400;
                let schedule = self.create_future_schedule(
                    &text(&customer["id"]),
                    &text(&price["id"]),
                    start,
                )?;
                self.change_schedule(&text(&schedule["id"]), "canceled")?;
            }
            "subscription_schedule.completed" | "subscription_schedule.expiring" => {
                let clock = self.create_test_clock()?;
                let clock_id = text(&clock["id"]);
                let name = fake::name(&mut self.rng);
                let customer = self.create_clock_customer(&name, &clock_id)?;
                let price = self.fake_price(true)?;
                // The CLI's dates: one month from 2020-01-01, or a phase that ends on
                // 2020-01-29 with the clock advanced to nine days before.
                let (phase, end_behavior, to) = if verb == "completed" {
                    (json!({"iterations": 1}), "release", CLOCK_MONTH_LATER)
                } else {
                    (json!({"end_date": 1_580_256_000}), "cancel", 1_579_478_400)
                };
                let schedule = self.create_clock_schedule(
                    &text(&customer["id"]),
                    &text(&price["id"]),
                    phase,
                    end_behavior,
                )?;
                self.advance_test_clock(&clock_id, to)?;
                // Once the clock has run, Stripe sends what the time that passed caused.
                // The sandbox sends the schedule's own event and the clock's arrival; not
                // the unpaid subscription's expiry nor its renewal invoices, which it does
                // not play forward.
                let id = text(&schedule["id"]);
                if verb == "completed" {
                    self.change(
                        kind,
                        &id,
                        json!({"status": "completed", "completed_at": to, "current_phase": null}),
                    )?;
                } else {
                    let schedule = self.shared_or_null(&id);
                    self.emit(kind, schedule, None);
                }
                self.test_clock_ready(&clock_id);
            }
            _ => {}
        }
        Ok(())
    }
}

impl Sandbox {
    /// `POST /v1/customers` for a customer on test clock `clock` (no payment method);
    /// `customer.created`.
    fn create_clock_customer(
        &mut self,
        name: &str,
        clock: &str,
    ) -> Result<Arc<Value>, GenerateError> {
        let email = fake::email(&mut self.rng, name);
        let given = json!({"name": name, "email": email, "test_clock": clock});
        self.op(
            "customers.create",
            crate::sandbox::Method::Post,
            "/v1/customers".into(),
            given,
            |sb, p| sb.customer_create(p),
        )
    }
}
