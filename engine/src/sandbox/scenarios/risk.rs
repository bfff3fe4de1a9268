//! Disputes, early fraud warnings and reviews, reached with Stripe's test cards as the
//! CLI's fixtures do (`pm_card_createDisputeInquiry`, ...), then moved on through the API,
//! or by the card network later (no request).

use serde_json::Value;

use crate::json::json;

use crate::sandbox::{GenerateError, Sandbox};

use super::text;

impl Sandbox {
    /// Runs the scenario of `kind` (whose last segment is `verb`) if it is one of these.
    pub(super) fn risk_scenario(&mut self, kind: &str, verb: &str) -> Result<(), GenerateError> {
        match kind {
            "charge.dispute.created" => {
                self.fake_payment("pm_card_createDisputeInquiry", false)?;
            }
            "charge.dispute.updated" | "charge.dispute.closed" => {
                let pi = self.fake_payment("pm_card_createDisputeInquiry", false)?;
                let list = self.list_disputes(&text(&pi["id"]))?;
                let dispute = list["data"][0]["id"].clone();
                if verb == "updated" {
                    self.step(
                        "disputes.update",
                        json!({"dispute": dispute, "metadata": {"order_id": "6735"}}),
                    )?;
                } else {
                    self.step("disputes.close", json!({"dispute": dispute}))?;
                }
            }
            "charge.dispute.funds_withdrawn" => {
                // No CLI fixture: a chargeback (`pm_card_createDispute`) withdraws the funds.
                self.fake_payment("pm_card_createDispute", false)?;
            }
            "charge.dispute.funds_reinstated" => {
                // No CLI fixture: a chargeback won weeks later reinstates the funds.
                let pi = self.fake_payment("pm_card_createDispute", false)?;
                let id = self
                    .store
                    .list("dispute")
                    .find(|d| d["payment_intent"] == pi["id"])
                    .map(|d| text(&d["id"]))
                    .unwrap_or_default();
                let won = self.change("charge.dispute.closed", &id, json!({"status": "won"}))?;
                self.emit(kind, won, None);
            }
            "radar.early_fraud_warning.created" => {
                // No CLI fixture: `pm_card_createEarlyFraudWarning` gets one after the payment.
                self.fake_payment("pm_card_createEarlyFraudWarning", false)?;
            }
            "radar.early_fraud_warning.updated" => {
                let pi = self.fake_payment("pm_card_createEarlyFraudWarning", false)?;
                let efw = self
                    .store
                    .list("radar.early_fraud_warning")
                    .find(|w| w["payment_intent"] == pi["id"])
                    .cloned()
                    .unwrap_or(Value::Null);
                self.change(kind, &text(&efw["id"]), json!({"actionable": false}))?;
            }
            "review.opened" | "review.closed" => {
                // No CLI fixture: an elevated-risk payment (`pm_card_riskLevelElevated`) is
                // held for review; approving it through the API closes the review.
                let ch = self.fake_charge("pm_card_riskLevelElevated")?;
                if verb == "closed" {
                    self.step("reviews.approve", json!({"review": ch["review"]}))?;
                }
            }
            _ => {}
        }
        Ok(())
    }
}
