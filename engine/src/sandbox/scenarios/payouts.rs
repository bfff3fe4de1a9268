//! Payouts to the bank account: created, then canceled, paid, failed, updated or
//! reconciled.

use serde_json::json;

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
                let amount = 10_000 + 100 * self.rng.below(5_000) as i64;
                let po = self.step(
                    "payouts.create",
                    json!({"amount": amount, "currency": "usd", "description": "Weekly payout"}),
                )?;
                let id = text(&po["id"]);
                match verb {
                    "canceled" => {
                        self.step("payouts.cancel", json!({"payout": id}))?;
                    }
                    "paid" => {
                        self.change(kind, &id, json!({"status": "paid"}))?;
                    }
                    "failed" => {
                        self.change(kind, &id, json!({"status": "failed", "failure_code": "account_closed", "failure_message": "The bank account has been closed."}))?;
                    }
                    "updated" => {
                        self.change(kind, &id, json!({"metadata": {"batch": "2024-W18"}}))?;
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
