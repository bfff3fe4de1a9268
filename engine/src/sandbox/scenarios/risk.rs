//! Disputes, early fraud warnings and reviews, reached with Stripe's test cards
//! (`pm_card_createDispute`, ...) and then moved on through the API or directly.

use serde_json::{json, Value};

use crate::sandbox::{objects, GenerateError, Sandbox};

use super::text;

impl Sandbox {
    /// Runs the scenario of `kind` (whose last segment is `verb`) if it is one of these.
    pub(super) fn risk_scenario(&mut self, kind: &str, verb: &str) -> Result<(), GenerateError> {
        match kind {
            "charge.dispute.created" | "charge.dispute.funds_withdrawn" => {
                self.fake_charge("pm_card_createDispute")?;
            }
            "charge.dispute.updated"
            | "charge.dispute.closed"
            | "charge.dispute.funds_reinstated" => {
                self.fake_charge("pm_card_createDispute")?;
                let dp = self
                    .store
                    .list("dispute")
                    .next()
                    .cloned()
                    .unwrap_or(Value::Null);
                match verb {
                    "updated" => {
                        self.step("disputes.update", json!({"dispute": dp["id"], "evidence.uncategorized_text": "The customer received the goods on time.", "submit": true}))?;
                    }
                    "closed" => {
                        self.step("disputes.close", json!({"dispute": dp["id"]}))?;
                    }
                    _ => {
                        let id = text(&dp["id"]);
                        let won =
                            self.change("charge.dispute.closed", &id, json!({"status": "won"}))?;
                        self.emit(kind, won, None);
                    }
                }
            }
            "radar.early_fraud_warning.created" => {
                self.fake_charge("pm_card_createEarlyFraudWarning")?;
            }
            "radar.early_fraud_warning.updated" => {
                self.fake_charge("pm_card_createEarlyFraudWarning")?;
                let efw = self
                    .store
                    .list("radar.early_fraud_warning")
                    .next()
                    .cloned()
                    .unwrap_or(Value::Null);
                self.change(kind, &text(&efw["id"]), json!({"actionable": false}))?;
            }
            "review.opened" | "review.closed" => {
                let ch = self.fake_charge("pm_card_visa")?;
                let id = self.new_id("review");
                let mut review = objects::review(id.clone(), self.now(), &text(&ch["id"]));
                review["payment_intent"] = ch["payment_intent"].clone();
                self.emit_direct("review.opened", review, None);
                self.change("charge.updated", &text(&ch["id"]), json!({"review": id}))?;
                if verb == "closed" {
                    self.step("reviews.approve", json!({"review": id}))?;
                }
            }
            _ => {}
        }
        Ok(())
    }
}
