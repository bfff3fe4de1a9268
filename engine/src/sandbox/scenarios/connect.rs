//! Money that moves between accounts, through the calls of the CLI's fixtures: connected
//! accounts (created, changed, disconnected), the balance a payment makes available,
//! top-ups, and transfers to a connected account (changed, reversed).
//!
//! Stripe has no `account.created` event: creating a connected account emits nothing here,
//! its later changes `account.updated`, and deleting it deauthorizes the platform's
//! application on it (`account.application.deauthorized`, which carries the application).

use std::sync::Arc;

use serde_json::Value;

use crate::json::json;

use crate::sandbox::{ids, GenerateError, Method, Sandbox};

use super::text;

impl Sandbox {
    /// Runs the scenario of `kind` (whose last segment is `verb`) if it is one of these.
    pub(super) fn connect_scenario(&mut self, kind: &str, verb: &str) -> Result<(), GenerateError> {
        match kind {
            "account.updated" | "account.application.deauthorized" => {
                let account = self.create_account(json!({"type": "standard"}))?;
                let id = text(&account["id"]);
                if verb == "updated" {
                    self.update_simple(
                        "accounts.update",
                        &format!("/v1/accounts/{id}"),
                        ("account", &id),
                        json!({"metadata": {"order_id": "6735"}}),
                        "account.updated",
                    )?;
                } else {
                    self.delete_account(&id)?;
                }
            }
            "balance.available" => {
                // The balance changes when the payment's funds become available, later.
                let pi = self.fake_payment("pm_card_bypassPending", false)?;
                let mut balance = self.fresh("balance");
                let amount = pi["amount_received"].as_i64().unwrap_or(0);
                let currency = pi["currency"].clone();
                balance["available"] = json!([{"amount": amount, "currency": currency, "source_types": {"card": amount}}]);
                balance["pending"] =
                    json!([{"amount": 0, "currency": currency, "source_types": {"card": 0}}]);
                self.emit("balance.available", balance, None);
            }
            "topup.created" => {
                self.create_simple(
                    "topups.create",
                    "/v1/topups",
                    "topup",
                    json!({"amount": 2_000, "currency": "usd", "description": "Top-up for week 18"}),
                    &["topup.created"],
                    |sb, t| {
                        t["status"] = json!("pending");
                        t["expected_availability_date"] = json!(sb.clock.now() + 86_400);
                        Ok(())
                    },
                )?;
            }
            "transfer.created" | "transfer.updated" | "transfer.reversed" => {
                let pi = self.fake_payment("pm_card_bypassPending", false)?;
                let account = self.create_account(json!({}))?;
                let amount = pi["amount"].as_i64().unwrap_or(1_000);
                let transfer = self.create_simple(
                    "transfers.create",
                    "/v1/transfers",
                    "transfer",
                    json!({"destination": account["id"], "amount": amount, "currency": pi["currency"]}),
                    &["transfer.created"],
                    |sb, t| {
                        t["reversed"] = json!(false);
                        t["amount_reversed"] = json!(0);
                        t["reversals"] = json!({"object": "list", "data": [], "has_more": false, "total_count": 0, "url": format!("/v1/transfers/{}/reversals", text(&t["id"]))});
                        t["balance_transaction"] = json!(ids::new_id(&mut sb.rng, "balance_transaction"));
                        Ok(())
                    },
                )?;
                let id = text(&transfer["id"]);
                match verb {
                    "updated" => {
                        self.update_simple(
                            "transfers.update",
                            &format!("/v1/transfers/{id}"),
                            ("transfer", &id),
                            json!({"metadata": {"order_id": "6735"}}),
                            "transfer.updated",
                        )?;
                    }
                    "reversed" => {
                        self.reverse_transfer(&id, (amount / 10).max(1))?;
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// `POST /v1/accounts`: a connected account, Standard unless told otherwise (no event:
    /// Stripe has no `account.created`).
    fn create_account(&mut self, given: Value) -> Result<Arc<Value>, GenerateError> {
        self.create_simple(
            "accounts.create",
            "/v1/accounts",
            "account",
            given,
            &[],
            |_, _| Ok(()),
        )
    }

    /// `DELETE /v1/accounts/{id}`: the account is gone, and the platform's application
    /// with it (`account.application.deauthorized`).
    fn delete_account(&mut self, id: &str) -> Result<Arc<Value>, GenerateError> {
        let id = id.to_string();
        self.op(
            "accounts.delete",
            Method::Delete,
            format!("/v1/accounts/{id}"),
            json!({}),
            move |sb, _| {
                sb.load("account", &id, "account")?;
                sb.store.delete(&id);
                let application = sb.fresh("application");
                sb.emit("account.application.deauthorized", application, None);
                Ok(Arc::new(
                    json!({"id": id, "object": "account", "deleted": true}),
                ))
            },
        )
    }

    /// `POST /v1/transfers/{id}/reversals`: part of the transfer comes back;
    /// `transfer.reversed` carries the transfer.
    fn reverse_transfer(&mut self, id: &str, amount: i64) -> Result<Arc<Value>, GenerateError> {
        let id = id.to_string();
        self.op(
            "transfers.reversals.create",
            Method::Post,
            format!("/v1/transfers/{id}/reversals"),
            json!({"amount": amount}),
            move |sb, _| {
                let mut transfer = sb.load_copy("transfer", &id, "id")?;
                let reversal_id = ids::new_id(&mut sb.rng, "transfer_reversal");
                let reversal = json!({
                    "id": reversal_id, "object": "transfer_reversal", "amount": amount,
                    "balance_transaction": ids::new_id(&mut sb.rng, "balance_transaction"),
                    "created": sb.clock.now(), "currency": transfer["currency"],
                    "destination_payment_refund": null, "metadata": {},
                    "source_refund": null, "transfer": id
                });
                let reversed = transfer["amount_reversed"].as_i64().unwrap_or(0) + amount;
                transfer["amount_reversed"] = json!(reversed);
                transfer["reversed"] = json!(reversed >= transfer["amount"].as_i64().unwrap_or(0));
                if let Some(data) = transfer["reversals"]["data"].as_array_mut() {
                    data.insert(0, reversal.clone());
                }
                let count = transfer["reversals"]["total_count"].as_i64().unwrap_or(0) + 1;
                transfer["reversals"]["total_count"] = json!(count);
                let transfer = sb.save(transfer);
                sb.emit("transfer.reversed", transfer, None);
                Ok(Arc::new(reversal))
            },
        )
    }
}
