//! Payouts to the bank account. As the CLI's fixtures do, a payment comes first
//! (`pm_card_bypassPending`, whose funds are available at once), then the payout; it is
//! then canceled or updated through the API, or paid, failed or reconciled by the bank
//! later (no request).

use crate::json::json;

use crate::sandbox::{GenerateError, Sandbox};

use super::text;

impl Sandbox {
    /// Runs the scenario of `kind` (whose last segment is `verb`) if it is one of these.
    pub(super) fn payout_scenario(&mut self, kind: &str, verb: &str) -> Result<(), GenerateError> {
        match kind {
            "payout.created"
            | "payout.canceled"
            | "payout.paid"
            | "payout.failed"
            | "payout.updated"
            | "payout.reconciliation_completed" => {
                let pi = self.fake_payment("pm_card_bypassPending", false)?;
                let amount = (pi["amount"].as_i64().unwrap_or(2_000) / 2).max(100);
                let currency = pi["currency"].clone();
                let po = self.step(
                    "payouts.create",
                    json!({"amount": amount, "currency": currency, "description": "Weekly payout"}),
                )?;
                let id = text(&po["id"]);
                match verb {
                    "canceled" => {
                        self.step("payouts.cancel", json!({"payout": id}))?;
                    }
                    "updated" => {
                        self.update_payout(&id, json!({"batch": "2024-W18"}))?;
                    }
                    "paid" => {
                        self.change(kind, &id, json!({"status": "paid"}))?;
                    }
                    "failed" => {
                        self.change(kind, &id, json!({"status": "failed", "failure_code": "account_closed", "failure_message": "The bank account has been closed."}))?;
                    }
                    "reconciliation_completed" => {
                        self.change(
                            kind,
                            &id,
                            json!({"status": "paid", "reconciliation_status": "completed"}),
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
