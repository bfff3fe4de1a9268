//! Selling without code, through the calls of the CLI's fixtures: quotes (created for a
//! customer whose default source is a card, finalized, then accepted or canceled) and
//! payment links to a monthly price.

use std::sync::Arc;

use serde_json::Value;

use crate::json::json;

use crate::sandbox::api::refused;
use crate::sandbox::{ids, GenerateError, Method, Sandbox};

use super::text;

/// A quote is valid for 30 days unless told otherwise.
const QUOTE_DAYS: i64 = 30;

impl Sandbox {
    /// Runs the scenario of `kind` (whose last segment is `verb`) if it is one of these.
    pub(super) fn quote_scenario(&mut self, kind: &str, verb: &str) -> Result<(), GenerateError> {
        match kind {
            "quote.created" | "quote.finalized" | "quote.accepted" | "quote.canceled" => {
                let customer = self.create_customer_with_source(
                    json!({"description": "Quoted customer", "source": "tok_visa"}),
                )?;
                let price = self.fake_price(true)?;
                let quote = self.create_quote(&customer, &price)?;
                let id = text(&quote["id"]);
                let price = text(&price["id"]);
                if verb == "canceled" {
                    self.quote_transition(&id, "cancel", &price)?;
                } else if verb != "created" {
                    self.quote_transition(&id, "finalize", &price)?;
                    if verb == "accepted" {
                        self.quote_transition(&id, "accept", &price)?;
                    }
                }
            }
            "payment_link.created" | "payment_link.updated" => {
                let price = self.fake_price(true)?;
                let link = self.create_simple(
                    "payment_links.create",
                    "/v1/payment_links",
                    "payment_link",
                    json!({"line_items": [{"price": price["id"], "quantity": 1}]}),
                    &["payment_link.created"],
                    |sb, l| {
                        l["active"] = json!(true);
                        l["currency"] = price["currency"].clone();
                        l["url"] = json!(format!(
                            "https://buy.stripe.com/test_{}",
                            ids::random_tail(&mut sb.rng, 14)
                        ));
                        Ok(())
                    },
                )?;
                if verb == "updated" {
                    let id = text(&link["id"]);
                    self.update_simple(
                        "payment_links.update",
                        &format!("/v1/payment_links/{id}"),
                        ("payment_link", &id),
                        json!({"allow_promotion_codes": true}),
                        "payment_link.updated",
                    )?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// `POST /v1/quotes`: a draft quote for ten of `price`; `quote.created`.
    fn create_quote(
        &mut self,
        customer: &Value,
        price: &Value,
    ) -> Result<Arc<Value>, GenerateError> {
        let quantity = 10;
        let amount = price["unit_amount"].as_i64().unwrap_or(0) * quantity;
        let price = price.clone();
        self.create_simple(
            "quotes.create",
            "/v1/quotes",
            "quote",
            json!({
                "description": "Annual plan for the team", "customer": customer["id"],
                "line_items": [{"price": price["id"], "quantity": quantity}]
            }),
            &["quote.created"],
            move |sb, q| {
                q["status"] = json!("draft");
                q["currency"] = price["currency"].clone();
                q["amount_subtotal"] = json!(amount);
                q["amount_total"] = json!(amount);
                q["expires_at"] = json!(sb.clock.now() + QUOTE_DAYS * 86_400);
                q["number"] = Value::Null;
                Ok(())
            },
        )
    }

    /// `POST /v1/quotes/{id}/finalize` (`quote.finalized`), `/cancel` (`quote.canceled`) or
    /// `/accept`: the quote's subscription starts and bills its first period, then
    /// `quote.accepted` (`price` is the quote's line, which Stripe returns only expanded).
    fn quote_transition(
        &mut self,
        id: &str,
        action: &str,
        price: &str,
    ) -> Result<Arc<Value>, GenerateError> {
        let event = match action {
            "finalize" => "quote.finalized",
            "cancel" => "quote.canceled",
            _ => "quote.accepted",
        };
        let want = match action {
            "finalize" | "cancel" => "draft",
            _ => "open",
        };
        let (id, price) = (id.to_string(), price.to_string());
        let action_name = format!("quotes.{action}");
        self.transition(
            (
                &action_name,
                Method::Post,
                &format!("/v1/quotes/{id}/{action}"),
            ),
            ("quote", &id),
            json!({}),
            &[],
            move |sb, q| {
                let status = text(&q["status"]).to_string();
                if status != want && !(action == "cancel" && status == "open") {
                    return Err(refused(
                        Some("quote_unexpected_state"),
                        format!(
                            "This quote cannot be {action}ed because it has a status of {status}."
                        ),
                        None,
                    ));
                }
                let now = sb.clock.now();
                match action {
                    "finalize" => {
                        q["status"] = json!("open");
                        q["number"] = json!(format!(
                            "QT-{}",
                            ids::random_tail(&mut sb.rng, 8).to_uppercase()
                        ));
                        q["status_transitions"]["finalized_at"] = json!(now);
                    }
                    "cancel" => {
                        q["status"] = json!("canceled");
                        q["status_transitions"]["canceled_at"] = json!(now);
                    }
                    _ => {
                        let start = sb.pending.len();
                        let customer = text(&q["customer"]).to_string();
                        let sub = sb.subscribe_with_source(&customer, &price, |_| {})?;
                        q["status"] = json!("accepted");
                        q["subscription"] = sub["id"].clone();
                        q["status_transitions"]["accepted_at"] = json!(now);
                        // The quote is accepted before the subscription it starts is sent.
                        let after = sb.pending.len() - start;
                        let accepted = sb.save(q.clone());
                        sb.emit_before(after, event, accepted, None);
                        return Ok(());
                    }
                }
                sb.emit(event, Arc::new(q.clone()), None);
                Ok(())
            },
        )
    }
}
