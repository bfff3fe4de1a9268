//! Customers, their card sources and their discounts: created, updated and deleted through
//! the API as the CLI's fixtures do. The CLI gives a customer a discount with `coupon` on
//! `POST /v1/customers`, a parameter Stripe removed before the API version the events
//! claim: the sandbox applies the discount to a real customer directly (no request), and
//! removes it with the call Stripe has for that.

use crate::json::json;

use crate::sandbox::{objects, GenerateError, Sandbox};

use super::text;

impl Sandbox {
    /// Runs the scenario of `kind` (whose last segment is `verb`) if it is one of these.
    pub(super) fn customer_scenario(
        &mut self,
        kind: &str,
        verb: &str,
    ) -> Result<(), GenerateError> {
        match kind {
            "customer.created" => {
                self.fake_customer(None)?;
            }
            "customer.updated" => {
                let c = self.fake_customer(None)?;
                self.step(
                    "customers.update",
                    json!({"customer": c["id"], "metadata": {"order_id": "6735"}}),
                )?;
            }
            "customer.source.created" | "customer.source.updated" => {
                let c = self.fake_customer(None)?;
                let card = self.create_source(&text(&c["id"]))?;
                if verb == "updated" {
                    self.update_source(&text(&c["id"]), &text(&card["id"]))?;
                }
            }
            "customer.deleted" => {
                let c = self.fake_customer(None)?;
                self.step("customers.delete", json!({"customer": c["id"]}))?;
            }
            "customer.discount.created"
            | "customer.discount.updated"
            | "customer.discount.deleted" => {
                // The CLI gives the customer its coupon with `coupon` on `POST /v1/customers`
                // (and replaces it with `POST /v1/customers/{id}`), a parameter Stripe
                // removed before the API version the events claim; no call at that version
                // sets a customer's discount (the Dashboard does). So the calls are made
                // without it and the discount comes without a request. Removing it has a
                // call of its own at that version: `DELETE /v1/customers/{id}/discount`.
                let coupon = self.fake_coupon()?;
                let customer = self.fake_customer(None)?;
                let cid = text(&customer["id"]);
                let discount_id = self.new_id("discount");
                let mut discount = objects::discount(discount_id, self.now(), &text(&coupon["id"]));
                discount["customer"] = json!(cid);
                self.emit_direct("customer.discount.created", discount.clone(), None);
                self.change("customer.updated", &cid, json!({"discount": discount}))?;
                if verb == "updated" {
                    let other = self.fake_coupon()?;
                    let old = discount.clone();
                    discount["source"]["coupon"] = other["id"].clone();
                    let previous = crate::sandbox::previous_attributes(&old, &discount);
                    self.emit_direct("customer.discount.updated", discount.clone(), previous);
                    self.change("customer.updated", &cid, json!({"discount": discount}))?;
                } else if verb == "deleted" {
                    self.delete_customer_discount(&cid)?;
                }
            }
            _ => {}
        }
        Ok(())
    }
}
