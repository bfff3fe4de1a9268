//! Invoices and what is billed on them: items, invoices through their life (finalized,
//! paid, failed, voided, sent, overdue, upcoming) and the credit notes issued against them.

use serde_json::{json, Value};

use crate::sandbox::{fake, GenerateError, Sandbox};

use super::text;

impl Sandbox {
    /// Runs the scenario of `kind` (whose last segment is `verb`) if it is one of these.
    pub(super) fn invoice_scenario(&mut self, kind: &str, verb: &str) -> Result<(), GenerateError> {
        match kind {
            "invoice.created" => {
                self.fake_invoice("pm_card_visa", false, false)?;
            }
            "invoice.finalized" => {
                self.fake_invoice("pm_card_visa", false, true)?;
            }
            "invoice.paid" | "invoice.payment_succeeded" | "invoice_payment.paid" => {
                let inv = self.fake_invoice("pm_card_visa", false, true)?;
                self.step("invoices.pay", json!({"invoice": inv["id"]}))?;
            }
            "invoice.payment_failed" => {
                let inv = self.fake_invoice("pm_card_chargeCustomerFail", false, true)?;
                self.step_declined("invoices.pay", json!({"invoice": inv["id"]}))?;
            }
            "invoice.voided" => {
                let inv = self.fake_invoice("pm_card_visa", false, true)?;
                self.step("invoices.void", json!({"invoice": inv["id"]}))?;
            }
            "invoice.marked_uncollectible" => {
                let inv = self.fake_invoice("pm_card_visa", false, true)?;
                self.step("invoices.mark_uncollectible", json!({"invoice": inv["id"]}))?;
            }
            "invoice.sent" => {
                let inv = self.fake_invoice("pm_card_visa", true, true)?;
                self.step("invoices.send", json!({"invoice": inv["id"]}))?;
            }
            "invoice.deleted" => {
                let inv = self.fake_invoice("pm_card_visa", false, false)?;
                self.step("invoices.delete", json!({"invoice": inv["id"]}))?;
            }
            "invoice.updated" => {
                let inv = self.fake_invoice("pm_card_visa", false, false)?;
                self.step(
                    "invoices.update",
                    json!({"invoice": inv["id"], "metadata": {"order_id": "6735"}}),
                )?;
            }
            "invoice.overdue" | "invoice.will_be_due" => {
                let inv = self.fake_invoice("pm_card_visa", true, true)?;
                self.emit(kind, inv, None);
            }
            "invoice.upcoming" => {
                let sub = self.fake_subscription(0)?;
                if let Some(mut inv) = self.store.get(&text(&sub["latest_invoice"])).cloned() {
                    if let Value::Object(m) = &mut inv {
                        m.remove("id");
                    }
                    inv["status"] = json!("draft");
                    inv["billing_reason"] = json!("upcoming");
                    inv["created"] = sub["items"]["data"][0]["current_period_end"].clone();
                    self.emit("invoice.upcoming", inv, None);
                }
            }
            "invoice.finalization_failed" => {
                let inv = self.fake_invoice("pm_card_visa", false, false)?;
                let err = json!({"type": "invalid_request_error", "code": "customer_tax_location_invalid",
                    "message": "The customer's location is not valid for automatic tax."});
                self.change(
                    kind,
                    &text(&inv["id"]),
                    json!({"last_finalization_error": err}),
                )?;
            }
            "invoice.payment_action_required"
            | "invoice.payment_attempt_required"
            | "invoice.overpaid" => {
                let inv = self.fake_invoice("pm_card_visa", false, true)?;
                self.emit(kind, inv, None);
            }
            "invoiceitem.created" | "invoiceitem.deleted" => {
                let customer = self.fake_customer(None)?;
                let amount = fake::amount(&mut self.rng, "usd");
                let description = fake::product(&mut self.rng);
                let item = self.step("invoiceitems.create", json!({"customer": customer["id"], "amount": amount, "currency": "usd", "description": description}))?;
                if verb == "deleted" {
                    self.step("invoiceitems.delete", json!({"invoiceitem": item["id"]}))?;
                }
            }
            "credit_note.created" | "credit_note.updated" | "credit_note.voided" => {
                let inv = self.fake_invoice("pm_card_visa", false, true)?;
                let due = inv["amount_due"].as_i64().unwrap_or(0);
                let note = self.step("credit_notes.create", json!({"invoice": inv["id"], "amount": (due / 2).max(1), "reason": "order_change"}))?;
                match verb {
                    "updated" => {
                        self.change(
                            kind,
                            &text(&note["id"]),
                            json!({"memo": "Partial credit for a late delivery"}),
                        )?;
                    }
                    "voided" => {
                        self.step("credit_notes.void", json!({"credit_note": note["id"]}))?;
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        Ok(())
    }
}
