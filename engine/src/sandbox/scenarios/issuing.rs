//! Issuing, through the calls of the CLI's fixtures: a cardholder, a virtual card for them,
//! then a test authorization on the card, or a transaction captured without one (a "force
//! capture"), changed afterwards or carrying the receipt of the purchase.

use std::sync::Arc;

use serde_json::Value;

use crate::json::json;

use crate::sandbox::{fake, ids, GenerateError, Sandbox};

use super::text;

impl Sandbox {
    /// Runs the scenario of `kind` (whose last segment is `verb`) if it is one of these.
    pub(super) fn issuing_scenario(&mut self, kind: &str, verb: &str) -> Result<(), GenerateError> {
        match kind {
            "issuing_cardholder.created" => {
                self.create_cardholder()?;
            }
            "issuing_card.created" => {
                self.issue_card()?;
            }
            "issuing_authorization.request" => {
                let card = self.issue_card()?;
                self.test_authorization(&card)?;
            }
            "issuing_transaction.created"
            | "issuing_transaction.updated"
            | "issuing_transaction.purchase_details_receipt_updated" => {
                let card = self.issue_card()?;
                let receipt = verb == "purchase_details_receipt_updated";
                let transaction = self.force_capture(&card, receipt)?;
                if verb == "updated" {
                    let id = text(&transaction["id"]);
                    self.update_simple(
                        "issuing.transactions.update",
                        &format!("/v1/issuing/transactions/{id}"),
                        ("issuing.transaction", &id),
                        json!({"metadata": {"order_id": "6735"}}),
                        "issuing_transaction.updated",
                    )?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// `POST /v1/issuing/cardholders`: an individual with a billing address;
    /// `issuing_cardholder.created`.
    fn create_cardholder(&mut self) -> Result<Arc<Value>, GenerateError> {
        let name = fake::name(&mut self.rng);
        let (first, last) = name.split_once(' ').unwrap_or((&name, ""));
        let given = json!({
            "name": name, "type": "individual",
            "individual": {"first_name": first, "last_name": last,
                "card_issuing": {"user_terms_acceptance": {"date": self.clock.now(), "ip": "192.0.2.10"}}},
            "billing": {"address": {"line1": "1234 Main Street", "city": "San Francisco", "state": "CA", "postal_code": "94111", "country": "US"}}
        });
        self.create_simple(
            "issuing.cardholders.create",
            "/v1/issuing/cardholders",
            "issuing.cardholder",
            given,
            &["issuing_cardholder.created"],
            |_, c| {
                c["status"] = json!("active");
                Ok(())
            },
        )
    }

    /// A cardholder, then `POST /v1/issuing/cards`: an active virtual card in dollars;
    /// `issuing_card.created`.
    fn issue_card(&mut self) -> Result<Arc<Value>, GenerateError> {
        let holder = self.create_cardholder()?;
        let given = json!({"currency": "usd", "type": "virtual", "cardholder": holder["id"], "status": "active"});
        self.create_simple(
            "issuing.cards.create",
            "/v1/issuing/cards",
            "issuing.card",
            given,
            &["issuing_card.created"],
            move |_, c| {
                // The card carries its cardholder whole, as Stripe returns it.
                c["cardholder"] = Value::clone(&holder);
                Ok(())
            },
        )
    }

    /// `POST /v1/issuing/cards/{id}/test/authorizations`: a merchant asks to hold an amount
    /// on the card; Stripe asks the account in real time (`issuing_authorization.request`),
    /// then records the approved authorization (`issuing_authorization.created`).
    fn test_authorization(&mut self, card: &Value) -> Result<Arc<Value>, GenerateError> {
        let card = card.clone();
        let path = format!(
            "/v1/issuing/cards/{}/test/authorizations",
            text(&card["id"])
        );
        self.op(
            "issuing.cards.test_authorization",
            crate::sandbox::Method::Post,
            path,
            json!({"held_amount": 100, "authorization_method": "online"}),
            move |sb, _| {
                let mut auth = sb.fresh("issuing.authorization");
                auth["card"] = card.clone();
                auth["cardholder"] = card["cardholder"]["id"].clone();
                auth["amount"] = json!(0);
                auth["authorization_method"] = json!("online");
                auth["currency"] = json!("usd");
                auth["merchant_currency"] = json!("usd");
                auth["status"] = json!("pending");
                auth["approved"] = json!(false);
                auth["pending_request"] = json!({
                    "amount": 100, "amount_details": {"atm_fee": null, "cashback_amount": null},
                    "currency": "usd", "is_amount_controllable": false,
                    "merchant_amount": 100, "merchant_currency": "usd", "network_risk_score": null
                });
                let asked = sb.save(auth);
                sb.emit("issuing_authorization.request", Arc::clone(&asked), None);
                let mut approved = Value::clone(&asked);
                approved["amount"] = json!(100);
                approved["merchant_amount"] = json!(100);
                approved["approved"] = json!(true);
                approved["pending_request"] = Value::Null;
                let approved = sb.save(approved);
                sb.emit("issuing_authorization.created", Arc::clone(&approved), None);
                Ok(approved)
            },
        )
    }

    /// `POST /v1/test_helpers/issuing/transactions/create_force_capture`: a capture with
    /// no authorization before it; `issuing_transaction.created`, and with the purchase's
    /// receipt also `issuing_transaction.purchase_details_receipt_updated`.
    fn force_capture(&mut self, card: &Value, receipt: bool) -> Result<Arc<Value>, GenerateError> {
        let mut given = json!({"card": card["id"], "amount": 100, "currency": "usd"});
        if receipt {
            given["merchant_data"] = json!({
                "category": "taxicabs_limousines", "city": "San Francisco", "country": "US",
                "name": "Rocket Rides", "network_id": "1234567890", "postal_code": "94111"
            });
            given["purchase_details"] = json!({"receipt": [{"description": "Ride from SFO to downtown", "quantity": 1, "unit_cost": 10_000}]});
        }
        let card = card.clone();
        self.op(
            "issuing.transactions.create_force_capture",
            crate::sandbox::Method::Post,
            "/v1/test_helpers/issuing/transactions/create_force_capture".into(),
            given,
            move |sb, p| {
                let mut t = sb.fresh("issuing.transaction");
                // Spending: a negative amount on the account's Issuing balance.
                t["amount"] = json!(-100);
                t["merchant_amount"] = json!(-100);
                t["currency"] = json!("usd");
                t["merchant_currency"] = json!("usd");
                t["type"] = json!("capture");
                t["card"] = card["id"].clone();
                t["cardholder"] = card["cardholder"]["id"].clone();
                t["authorization"] = Value::Null;
                t["balance_transaction"] = json!(ids::new_id(&mut sb.rng, "balance_transaction"));
                if let (Some(Value::Object(given)), Some(Value::Object(merchant))) =
                    (p.get("merchant_data"), t.get_mut("merchant_data"))
                {
                    merchant.extend(given.clone());
                }
                // The receipt is kept by Stripe but returned only when `purchase_details`
                // is expanded, which events never are.
                let t = sb.save(t);
                sb.emit("issuing_transaction.created", Arc::clone(&t), None);
                if receipt {
                    sb.emit(
                        "issuing_transaction.purchase_details_receipt_updated",
                        Arc::clone(&t),
                        None,
                    );
                }
                Ok(t)
            },
        )
    }
}
