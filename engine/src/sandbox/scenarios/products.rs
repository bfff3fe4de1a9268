//! The product catalog and its discounts: products, prices (and their legacy plan
//! form), coupons and promotion codes.

use std::sync::Arc;

use serde_json::json;

use crate::sandbox::{fake, objects, GenerateError, Sandbox};

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
                            json!({"coupon": coupon["id"], "metadata": {"campaign": "spring"}}),
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
                let promo = self.step("promotion_codes.create", json!({"coupon": coupon["id"]}))?;
                if verb == "updated" {
                    self.step(
                        "promotion_codes.update",
                        json!({"promotion_code": promo["id"], "active": false}),
                    )?;
                }
            }
            "product.created" | "product.updated" | "product.deleted" => {
                let name = fake::product(&mut self.rng);
                let product = self.step("products.create", json!({"name": name}))?;
                match verb {
                    "updated" => {
                        self.step("products.update", json!({"product": product["id"], "description": "Now with more features"}))?;
                    }
                    "deleted" => {
                        self.step("products.delete", json!({"product": product["id"]}))?;
                    }
                    _ => {}
                }
            }
            "price.created" | "plan.created" => {
                self.fake_price(true)?;
            }
            "price.updated" | "plan.updated" => {
                let price = self.fake_price(true)?;
                self.step(
                    "prices.update",
                    json!({"price": price["id"], "nickname": "Legacy monthly"}),
                )?;
            }
            "price.deleted" | "plan.deleted" => {
                let price = self.fake_price(true)?;
                let object = if kind == "plan.deleted" {
                    Arc::new(objects::plan_of(&price))
                } else {
                    Arc::clone(&price)
                };
                self.store.delete(&text(&price["id"]));
                self.emit(kind, object, None);
            }
            _ => {}
        }
        Ok(())
    }
}
