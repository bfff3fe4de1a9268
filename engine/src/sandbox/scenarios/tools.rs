//! The account's other tools, through the calls of the CLI's fixtures: the customer
//! portal (its configuration, a session), a customer's cash balance funded by a bank
//! transfer, identity verification sessions, tax rates, report runs and test clocks.
//!
//! What finishes later on Stripe's side (a report run done, a redaction complete, a test
//! clock that has caught up) is sent afterwards with a null `request.id`.

use std::sync::Arc;

use serde_json::Value;

use crate::json::json;

use crate::sandbox::api::refused;
use crate::sandbox::{ids, GenerateError, Method, Sandbox};

use super::text;

/// 2020-01-01T00:00:00Z and 2020-02-01T00:00:00Z: where the CLI's test clocks start and
/// where they are advanced to.
pub(super) const CLOCK_START: i64 = 1_577_836_800;
pub(super) const CLOCK_MONTH_LATER: i64 = 1_580_515_200;

impl Sandbox {
    /// Runs the scenario of `kind` (whose last segment is `verb`) if it is one of these.
    pub(super) fn tool_scenario(&mut self, kind: &str, verb: &str) -> Result<(), GenerateError> {
        match kind {
            "billing_portal.configuration.created" | "billing_portal.configuration.updated" => {
                let config = self.create_simple(
                    "billing_portal.configurations.create",
                    "/v1/billing_portal/configurations",
                    "billing_portal.configuration",
                    json!({
                        "business_profile": {"headline": "Manage your subscription",
                            "privacy_policy_url": "https://example.com/privacy",
                            "terms_of_service_url": "https://example.com/terms"},
                        "features": {"subscription_cancel": {"enabled": true}}
                    }),
                    &["billing_portal.configuration.created"],
                    |sb, c| {
                        c["active"] = json!(true);
                        c["is_default"] = json!(false);
                        c["updated"] = json!(sb.clock.now());
                        Ok(())
                    },
                )?;
                if verb == "updated" {
                    let id = text(&config["id"]);
                    self.update_simple(
                        "billing_portal.configurations.update",
                        &format!("/v1/billing_portal/configurations/{id}"),
                        ("billing_portal.configuration", &id),
                        json!({"metadata": {"order_id": "6735"}}),
                        "billing_portal.configuration.updated",
                    )?;
                }
            }
            "billing_portal.session.created" => {
                let customer = self.fake_customer(None)?;
                self.create_simple(
                    "billing_portal.sessions.create",
                    "/v1/billing_portal/sessions",
                    "billing_portal.session",
                    json!({"customer": customer["id"]}),
                    &["billing_portal.session.created"],
                    |sb, s| {
                        s["url"] = json!(format!(
                            "https://billing.stripe.com/p/session/test_{}",
                            ids::random_tail(&mut sb.rng, 24)
                        ));
                        Ok(())
                    },
                )?;
            }
            "cash_balance.funds_available" => {
                let customer = self.fake_customer(None)?;
                self.fund_cash_balance(&text(&customer["id"]), 1_000, "usd")?;
            }
            "identity.verification_session.created"
            | "identity.verification_session.canceled"
            | "identity.verification_session.redacted" => {
                let session = self.create_simple(
                    "identity.verification_sessions.create",
                    "/v1/identity/verification_sessions",
                    "identity.verification_session",
                    json!({"type": "document", "options": {"document": {"require_matching_selfie": true}}, "return_url": "https://example.com/verified"}),
                    &["identity.verification_session.created"],
                    |sb, s| {
                        s["status"] = json!("requires_input");
                        s["redaction"] = Value::Null;
                        s["url"] = json!(format!(
                            "https://verify.stripe.com/start/test_{}",
                            ids::random_tail(&mut sb.rng, 24)
                        ));
                        Ok(())
                    },
                )?;
                let id = text(&session["id"]);
                match verb {
                    "canceled" => {
                        self.transition(
                            (
                                "identity.verification_sessions.cancel",
                                Method::Post,
                                &format!("/v1/identity/verification_sessions/{id}/cancel"),
                            ),
                            ("identity.verification_session", &id),
                            json!({}),
                            &["identity.verification_session.canceled"],
                            |_, s| {
                                s["status"] = json!("canceled");
                                Ok(())
                            },
                        )?;
                    }
                    "redacted" => {
                        // Redaction runs in the background: the call answers with the
                        // redaction `processing`; the event comes once it is done.
                        self.transition(
                            (
                                "identity.verification_sessions.redact",
                                Method::Post,
                                &format!("/v1/identity/verification_sessions/{id}/redact"),
                            ),
                            ("identity.verification_session", &id),
                            json!({}),
                            &[],
                            |_, s| {
                                s["redaction"] = json!({"status": "processing"});
                                Ok(())
                            },
                        )?;
                        self.change(
                            "identity.verification_session.redacted",
                            &id,
                            json!({"redaction": {"status": "redacted"}, "status": "canceled"}),
                        )?;
                    }
                    _ => {}
                }
            }
            "tax_rate.created" | "tax_rate.updated" => {
                let rate = self.create_simple(
                    "tax_rates.create",
                    "/v1/tax_rates",
                    "tax_rate",
                    json!({"display_name": "VAT", "inclusive": true, "percentage": 10, "description": "Standard rate"}),
                    &["tax_rate.created"],
                    |_, r| {
                        r["active"] = json!(true);
                        r["effective_percentage"] = r["percentage"].clone();
                        Ok(())
                    },
                )?;
                if verb == "updated" {
                    let id = text(&rate["id"]);
                    self.update_simple(
                        "tax_rates.update",
                        &format!("/v1/tax_rates/{id}"),
                        ("tax_rate", &id),
                        json!({"metadata": {"order_id": "6735"}}),
                        "tax_rate.updated",
                    )?;
                }
            }
            "reporting.report_run.succeeded" => {
                let run = self.create_simple(
                    "reporting.report_runs.create",
                    "/v1/reporting/report_runs",
                    "reporting.report_run",
                    json!({"report_type": "balance.summary.1", "parameters": {"interval_start": CLOCK_START, "interval_end": CLOCK_MONTH_LATER}}),
                    &[],
                    |_, r| {
                        r["status"] = json!("pending");
                        r["result"] = Value::Null;
                        Ok(())
                    },
                )?;
                let now = self.clock.now();
                self.change(
                    "reporting.report_run.succeeded",
                    &text(&run["id"]),
                    json!({"status": "succeeded", "succeeded_at": now}),
                )?;
            }
            "test_helpers.test_clock.created"
            | "test_helpers.test_clock.deleted"
            | "test_helpers.test_clock.advancing"
            | "test_helpers.test_clock.ready" => {
                let clock = self.create_test_clock()?;
                let id = text(&clock["id"]);
                if verb == "deleted" {
                    self.delete_test_clock(&id)?;
                } else if verb != "created" {
                    self.advance_test_clock(&id, CLOCK_MONTH_LATER)?;
                    if verb == "ready" {
                        self.test_clock_ready(&id);
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// `POST /v1/test_helpers/customers/{id}/fund_cash_balance`: a bank transfer lands in
    /// the customer's cash balance (`customer_cash_balance_transaction.created`). Stripe
    /// applies it at once to a payment intent of the customer waiting for a bank transfer
    /// in that currency for more than this (a second transaction, then
    /// `payment_intent.partially_funded`); otherwise the balance holds funds to apply to open
    /// payments (`cash_balance.funds_available`).
    pub(super) fn fund_cash_balance(
        &mut self,
        customer: &str,
        amount: i64,
        currency: &str,
    ) -> Result<Arc<Value>, GenerateError> {
        let (customer, currency) = (customer.to_string(), currency.to_string());
        self.op(
            "test_helpers.customers.fund_cash_balance",
            Method::Post,
            format!("/v1/test_helpers/customers/{customer}/fund_cash_balance"),
            json!({"amount": amount, "currency": currency}),
            move |sb, _| {
                sb.load("customer", &customer, "customer")?;
                let mut funded = sb.fresh("customer_cash_balance_transaction");
                funded["customer"] = json!(customer);
                funded["currency"] = json!(currency);
                funded["net_amount"] = json!(amount);
                funded["ending_balance"] = json!(amount);
                funded["type"] = json!("funded");
                funded["funded"] = json!({"bank_transfer": {"type": "us_bank_transfer", "reference": "REF-4242", "us_bank_transfer": {"network": "ach", "sender_name": "Jenny Rosen"}}});
                let funded = sb.save(funded);
                sb.emit("customer_cash_balance_transaction.created", Arc::clone(&funded), None);
                let waiting = sb
                    .store
                    .of_customer("payment_intent", &customer)
                    .find(|pi| {
                        pi["status"] == "requires_action"
                            && pi["currency"] == currency.as_str()
                            && pi["next_action"]["type"] == "display_bank_transfer_instructions"
                            // A transfer that settles the intent in full is not simulated
                            // (its charge and success): the funds stay available.
                            && pi["next_action"]["display_bank_transfer_instructions"]
                                ["amount_remaining"]
                                .as_i64()
                                .is_some_and(|due| due > amount)
                    })
                    .cloned();
                let Some(mut pi) = waiting else {
                    let mut balance = sb.fresh("cash_balance");
                    balance["customer"] = json!(customer);
                    balance["available"] = json!({});
                    balance["available"][currency.as_str()] = json!(amount);
                    sb.emit("cash_balance.funds_available", balance, None);
                    return Ok(funded);
                };
                let instructions = &mut pi["next_action"]["display_bank_transfer_instructions"];
                let due = instructions["amount_remaining"].as_i64().unwrap_or(0);
                instructions["amount_remaining"] = json!(due - amount);
                let mut used = sb.fresh("customer_cash_balance_transaction");
                used["customer"] = json!(customer);
                used["currency"] = json!(currency);
                used["net_amount"] = json!(-amount);
                used["ending_balance"] = json!(0);
                used["type"] = json!("applied_to_payment");
                used["applied_to_payment"] = json!({"payment_intent": pi["id"]});
                let used = sb.save(used);
                sb.emit("customer_cash_balance_transaction.created", used, None);
                let pi = sb.save(pi);
                sb.emit("payment_intent.partially_funded", pi, None);
                Ok(funded)
            },
        )
    }

    /// `POST /v1/test_helpers/test_clocks` frozen at 2020-01-01; `test_helpers.test_clock.created`.
    pub(super) fn create_test_clock(&mut self) -> Result<Arc<Value>, GenerateError> {
        self.create_simple(
            "test_helpers.test_clocks.create",
            "/v1/test_helpers/test_clocks",
            "test_helpers.test_clock",
            json!({"frozen_time": CLOCK_START, "name": "Renewal rehearsal"}),
            &["test_helpers.test_clock.created"],
            |sb, c| {
                c["status"] = json!("ready");
                c["deletes_after"] = json!(sb.clock.now() + 30 * 86_400);
                Ok(())
            },
        )
    }

    /// `POST /v1/test_helpers/test_clocks/{id}/advance`: the clock starts moving to
    /// `to` (`test_helpers.test_clock.advancing`); what happens in between, and the clock's
    /// arrival, come later.
    pub(super) fn advance_test_clock(
        &mut self,
        id: &str,
        to: i64,
    ) -> Result<Arc<Value>, GenerateError> {
        self.transition(
            ("test_helpers.test_clocks.advance", Method::Post, &format!("/v1/test_helpers/test_clocks/{id}/advance")),
            ("test_helpers.test_clock", id),
            json!({"frozen_time": to}),
            &["test_helpers.test_clock.advancing"],
            move |_, c| {
                if c["status"] != "ready" {
                    return Err(refused(
                        Some("test_clock_not_ready"),
                        "The test clock is still advancing; wait until it is ready before advancing it again.".into(),
                        None,
                    ));
                }
                c["status"] = json!("advancing");
                c["status_details"] = json!({"advancing": {"target_frozen_time": to}});
                Ok(())
            },
        )
    }

    /// The test clock has caught up with its target: `test_helpers.test_clock.ready`, later.
    pub(super) fn test_clock_ready(&mut self, id: &str) {
        let old = self.shared_or_null(id);
        let mut clock = Value::clone(&old);
        let target = clock["status_details"]["advancing"]["target_frozen_time"].clone();
        clock["frozen_time"] = target;
        clock["status"] = json!("ready");
        clock["status_details"] = json!({});
        self.emit_direct("test_helpers.test_clock.ready", clock, None);
    }

    /// `DELETE /v1/test_helpers/test_clocks/{id}`: `test_helpers.test_clock.deleted`.
    fn delete_test_clock(&mut self, id: &str) -> Result<Arc<Value>, GenerateError> {
        let id = id.to_string();
        self.op(
            "test_helpers.test_clocks.delete",
            Method::Delete,
            format!("/v1/test_helpers/test_clocks/{id}"),
            json!({}),
            move |sb, _| sb.simple_delete("test_helpers.test_clock", &id, "test_clock"),
        )
    }
}
