//! Invoices and what is billed on them, through the calls of the CLI's fixtures: a
//! customer, an invoice item, a draft invoice, then finalized, paid (with a card attached
//! first), voided, sent, ...; and the credit notes issued against them.

use serde_json::Value;

use crate::json::json;

use crate::sandbox::{fake, GenerateError, Sandbox};

use super::text;

impl Sandbox {
    /// Runs the scenario of `kind` (whose last segment is `verb`) if it is one of these.
    pub(super) fn invoice_scenario(&mut self, kind: &str, verb: &str) -> Result<(), GenerateError> {
        match kind {
            "invoice.created" => {
                self.fake_invoice(None, false)?;
            }
            "invoice.finalized" => {
                self.fake_open_invoice()?;
            }
            "invoice.paid" | "invoice.payment_succeeded" | "invoice_payment.paid" => {
                let (inv, pm) = self.fake_invoice(Some("pm_card_visa"), false)?;
                self.step(
                    "invoices.pay",
                    json!({"invoice": inv["id"], "payment_method": pm}),
                )?;
            }
            "invoice.payment_failed" | "invoice.payment_action_required" => {
                let card = if verb == "payment_failed" {
                    "pm_card_chargeCustomerFail"
                } else {
                    "pm_card_threeDSecure2Required"
                };
                let (inv, pm) = self.fake_invoice(Some(card), false)?;
                self.step_declined(
                    "invoices.pay",
                    json!({"invoice": inv["id"], "payment_method": pm}),
                )?;
            }
            "invoice.voided" => {
                let inv = self.fake_open_invoice()?;
                self.step("invoices.void", json!({"invoice": inv["id"]}))?;
            }
            "invoice.marked_uncollectible" => {
                let inv = self.fake_open_invoice()?;
                self.step("invoices.mark_uncollectible", json!({"invoice": inv["id"]}))?;
            }
            "invoice.sent" => {
                let (inv, _) = self.fake_invoice(None, true)?;
                self.step("invoices.send", json!({"invoice": inv["id"]}))?;
            }
            "invoice.deleted" => {
                let (inv, _) = self.fake_invoice(None, false)?;
                self.step("invoices.delete", json!({"invoice": inv["id"]}))?;
            }
            "invoice.updated" => {
                let (inv, _) = self.fake_invoice(None, false)?;
                self.step(
                    "invoices.update",
                    json!({"invoice": inv["id"], "metadata": {"order_id": "6735"}}),
                )?;
            }
            "invoice.overdue" | "invoice.will_be_due" => {
                // No CLI fixture: a sent invoice reaches (or nears) its due date (no request).
                let (inv, _) = self.fake_invoice(None, true)?;
                let inv = self.step("invoices.send", json!({"invoice": inv["id"]}))?;
                self.emit(kind, inv, None);
            }
            "invoice.upcoming" => {
                // No CLI fixture: Stripe announces a subscription's next invoice days before.
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
                // No CLI fixture: automatic finalization fails an hour after creation.
                let (inv, _) = self.fake_invoice(None, false)?;
                let err = json!({"type": "invalid_request_error", "code": "customer_tax_location_invalid",
                    "message": "The customer's location is not valid for automatic tax."});
                self.change(
                    kind,
                    &text(&inv["id"]),
                    json!({"last_finalization_error": err}),
                )?;
            }
            "invoice.payment_attempt_required" | "invoice.overpaid" => {
                // No CLI fixture: states Stripe reaches on its own after finalization.
                let inv = self.fake_open_invoice()?;
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
                let inv = self.fake_open_invoice()?;
                let due = inv["amount_due"].as_i64().unwrap_or(0);
                let note = self.step("credit_notes.create", json!({"invoice": inv["id"], "amount": (due / 2).max(1), "reason": "order_change"}))?;
                match verb {
                    "updated" => {
                        self.update_credit_note(&text(&note["id"]), json!({"order_id": "6735"}))?;
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
