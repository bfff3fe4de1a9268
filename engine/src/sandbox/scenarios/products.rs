//! The product catalog and its discounts: products, prices (and their legacy plan
//! form), coupons and promotion codes.

use crate::json::json;

use crate::sandbox::{fake, GenerateError, Sandbox};

use super::text;

impl Sandbox {
    /// Runs the scenario of `kind` (whose last segment is `verb`) if it is one of these.
    pub(super) fn product_scenario(&mut self, kind: &str, verb: &str) -> Result<(), GenerateError> {
        match kind {
            "coupon.created" | "coupon.updated" | "coupon.deleted" => {
                let coupon = self.fake_coupon()?;
                match verb {
                    "updated" => {
                        self.step(
                            "coupons.update",
                            json!({"coupon": coupon["id"], "metadata": {"order_id": "6735"}}),
                        )?;
                    }
                    "deleted" => {
                        self.step("coupons.delete", json!({"coupon": coupon["id"]}))?;
                    }
                    _ => {}
                }
            }
            "promotion_code.created" | "promotion_code.updated" => {
                let coupon = self.fake_coupon()?;
                let promo = self.step(
                    "promotion_codes.create",
                    json!({"promotion.type": "coupon", "promotion.coupon": coupon["id"]}),
                )?;
                if verb == "updated" {
                    self.step(
                        "promotion_codes.update",
                        json!({"promotion_code": promo["id"], "metadata": {"order_id": "6735"}}),
                    )?;
                }
            }
            "product.created" | "product.updated" | "product.deleted" => {
                let name = fake::product(&mut self.rng);
                let product = self.step("products.create", json!({"name": name}))?;
                match verb {
                    "updated" => {
                        self.step(
                            "products.update",
                            json!({"product": product["id"], "metadata": {"order_id": "6735"}}),
                        )?;
                    }
                    "deleted" => {
                        self.step("products.delete", json!({"product": product["id"]}))?;
                    }
                    _ => {}
                }
            }
            "price.created" => {
                self.fake_price(true)?;
            }
            "price.updated" => {
                let price = self.fake_price(true)?;
                self.step(
                    "prices.update",
                    json!({"price": price["id"], "metadata": {"order_id": "6735"}}),
                )?;
            }
            "plan.created" | "plan.updated" | "plan.deleted" => {
                let amount = fake::amount(&mut self.rng, "usd");
                let name = fake::product(&mut self.rng);
                let plan = self.create_plan(json!({"currency": "usd", "interval": "month", "amount": amount, "product": {"name": name}}))?;
                let id = text(&plan["id"]);
                match verb {
                    "updated" => {
                        self.update_plan(&id, json!({"order_id": "6735"}))?;
                    }
                    "deleted" => {
                        self.delete_plan(&id)?;
                    }
                    _ => {}
                }
            }
            "price.deleted" => {
                // Stripe's API cannot delete a price: this happens when its product is
                // deleted in the Dashboard (no request).
                let price = self.fake_price(true)?;
                self.store.delete(&text(&price["id"]));
                self.emit(kind, price, None);
            }
            _ => {}
        }
        Ok(())
    }
}
