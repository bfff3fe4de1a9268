//! Payments: payment intents through their states, their charges, refunds, and payment
//! methods attached to customers. As the CLI's fixtures do, payments are made without a
//! customer: nothing here emits `customer.*`.

use crate::json::json;

use serde_json::Value;

use crate::sandbox::{fake, objects, GenerateError, Sandbox};

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
                // As the CLI's fixture: a payment by bank transfer to the customer's cash
                // balance, of which half arrives.
                let customer = self.fake_customer(None)?;
                let cid = text(&customer["id"]);
                self.bank_transfer_payment(&cid, 20_000, "jpy")?;
                self.fund_cash_balance(&cid, 10_000, "jpy")?;
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

impl Sandbox {
    /// `POST /v1/payment_intents` confirmed with the customer's cash balance, funded by a
    /// bank transfer (`customer_balance`, a method workflow steps do not offer): it waits
    /// for the transfer, showing where to send it (`payment_intent.created`,
    /// `payment_intent.requires_action`).
    fn bank_transfer_payment(
        &mut self,
        customer: &str,
        amount: i64,
        currency: &str,
    ) -> Result<std::sync::Arc<serde_json::Value>, GenerateError> {
        let (customer, currency) = (customer.to_string(), currency.to_string());
        let given = json!({
            "amount": amount, "currency": currency, "customer": customer,
            "payment_method_types": ["customer_balance"],
            "payment_method_data": {"type": "customer_balance"},
            "payment_method_options": {"customer_balance": {"funding_type": "bank_transfer", "bank_transfer": {"type": "jp_bank_transfer"}}},
            "confirm": true
        });
        self.op(
            "payment_intents.create",
            crate::sandbox::Method::Post,
            "/v1/payment_intents".into(),
            given,
            move |sb, p| {
                sb.load("customer", &customer, "customer")?;
                let mut pm = sb.fresh("payment_method");
                if let Some(m) = pm.as_object_mut() {
                    m.remove("card");
                }
                pm["type"] = json!("customer_balance");
                pm["customer_balance"] = json!({});
                let pm = sb.save(pm);
                let id = crate::sandbox::ids::new_id(&mut sb.rng, "payment_intent");
                let mut pi = objects::payment_intent(id, sb.clock.now(), amount, &currency);
                pi["customer"] = json!(customer);
                pi["payment_method"] = pm["id"].clone();
                pi["payment_method_types"] = json!(["customer_balance"]);
                pi["payment_method_options"] = p.get("payment_method_options").cloned().unwrap_or_default();
                pi["automatic_payment_methods"] = Value::Null;
                pi["capture_method"] = json!("automatic");
                let created = sb.save(pi.clone());
                sb.emit("payment_intent.created", created, None);
                pi["status"] = json!("requires_action");
                pi["next_action"] = json!({
                    "type": "display_bank_transfer_instructions",
                    "display_bank_transfer_instructions": {
                        "amount_remaining": amount, "currency": currency,
                        "financial_addresses": [{"type": "zengin", "supported_networks": ["zengin"],
                            "zengin": {"account_holder_name": "SANDFLOW TEST", "account_number": "1234567", "account_type": "futsu", "bank_code": "0001", "bank_name": "Sandflow Test Bank", "branch_code": "001", "branch_name": "Test Branch"}}],
                        "hosted_instructions_url": "https://payments.stripe.com/bank_transfers/instructions/test_sandflow",
                        "reference": null,
                        "type": "jp_bank_transfer"
                    }
                });
                let pi = sb.save(pi);
                sb.emit("payment_intent.requires_action", std::sync::Arc::clone(&pi), None);
                Ok(pi)
            },
        )
    }
}
