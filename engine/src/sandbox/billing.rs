//! Billing flows: invoice items, invoices (create, finalize, pay, void, send, mark
//! uncollectible, delete), subscriptions (create, update, cancel, renew) and credit notes.
//!
//! Each flow checks the object's state first (Stripe's errors, nothing changed), then
//! changes the objects and emits the events in the order Stripe sends them. Paying goes
//! through the payment-intent flow of `payments.rs`, so an invoice payment emits the
//! payment intent and charge events too. Amounts are kept consistent: an invoice's totals
//! are the sum of its lines; `amount_remaining` is `amount_due - amount_paid`.

use std::sync::Arc;

use serde_json::Value;

use crate::json::json;

use super::api::{apply_params, invalid, param_missing, refused, Params};
use super::clock::add_interval;
use super::{ids, objects, ApiError, Sandbox};

/// Days between a failed automatic collection and the next attempt.
const RETRY_DAYS: i64 = 3;

/// One row of an `items` / `line_items` parameter, its price loaded.
pub(crate) struct PriceRow {
    /// The price.
    pub(crate) price: Arc<Value>,
    /// The quantity, when given.
    pub(crate) quantity: Option<i64>,
}

fn text(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

impl Sandbox {
    pub(crate) fn invoiceitem_create(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        let customer_id = p.id("customer");
        let customer = self.load("customer", customer_id, "customer")?;
        let price = match p.str("pricing.price") {
            Some(id) => Some(self.load("price", id, "pricing.price")?),
            None => None,
        };
        let quantity = p.int("quantity").unwrap_or(1).max(1);
        let amount = match (p.int("amount"), &price) {
            (Some(a), _) => a,
            (None, Some(price)) => price["unit_amount"].as_i64().unwrap_or(0) * quantity,
            (None, None) => return Err(param_missing("amount")),
        };
        let currency = p
            .str("currency")
            .map(str::to_lowercase)
            .or_else(|| {
                price
                    .as_ref()
                    .and_then(|pr| pr["currency"].as_str().map(str::to_string))
            })
            .or_else(|| customer["currency"].as_str().map(str::to_string))
            .unwrap_or_else(|| "usd".to_string());
        let invoice = match p.str("invoice") {
            Some(id) => {
                let inv = self.load("invoice", id, "invoice")?;
                if inv["status"] != "draft" {
                    return Err(refused(
                        Some("invoice_not_editable"),
                        format!(
                            "You can only add invoice items to draft invoices. This invoice is {}.",
                            text(&inv["status"])
                        ),
                        Some("invoice"),
                    ));
                }
                if inv["customer"] != customer_id {
                    return Err(refused(
                        None,
                        "The invoice and the invoice item must belong to the same customer.".into(),
                        Some("invoice"),
                    ));
                }
                Some(inv)
            }
            None => None,
        };
        let id = ids::new_id(&mut self.rng, "invoiceitem");
        let mut item = objects::invoiceitem(id, self.clock.now(), customer_id, &currency);
        item["amount"] = json!(amount);
        item["net_amount"] = json!(amount);
        item["quantity"] = json!(quantity);
        item["quantity_decimal"] = json!(quantity.to_string());
        let unit = if quantity > 0 {
            amount / quantity
        } else {
            amount
        };
        item["pricing"]["unit_amount_decimal"] = json!(unit.to_string());
        if let Some(price) = &price {
            item["pricing"]["price_details"] =
                json!({"price": price["id"], "product": price["product"]});
        }
        apply_params(
            &mut item,
            p,
            &[
                "customer",
                "amount",
                "currency",
                "pricing.price",
                "quantity",
                "invoice",
            ],
        );
        if let Some(inv) = &invoice {
            item["invoice"] = inv["id"].clone();
        }
        let item = self.save(item);
        self.emit("invoiceitem.created", item.clone(), None);
        if let Some(inv) = invoice {
            let mut inv = Arc::unwrap_or_clone(inv);
            self.add_item_line(&mut inv, &item);
            self.store.put(inv);
        }
        Ok(item)
    }

    /// Adds an invoice item as a line of a draft invoice and recomputes its totals.
    fn add_item_line(&mut self, invoice: &mut Value, item: &Value) {
        let line_id = ids::new_id(&mut self.rng, "line_item");
        let line = objects::invoice_line(line_id, text(&invoice["id"]), item, None);
        if let Some(data) = invoice["lines"]["data"].as_array_mut() {
            data.push(line);
        }
        recompute(invoice);
    }

    pub(crate) fn invoiceitem_update(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        let id = p.id("invoiceitem");
        let old = self.load("invoiceitem", id, "invoiceitem")?;
        self.check_item_editable(&old)?;
        let mut item = Value::clone(&old);
        apply_params(&mut item, p, &["invoiceitem"]);
        if let Some(a) = p.int("amount") {
            item["net_amount"] = json!(a);
        }
        let item = self.save(item);
        if let Some(inv_id) = old["invoice"].as_str() {
            if let Some(mut inv) = self.store.live("invoice", inv_id).map(|o| Value::clone(o)) {
                if let Some(lines) = inv["lines"]["data"].as_array_mut() {
                    for line in lines.iter_mut() {
                        if line["parent"]["invoice_item_details"]["invoice_item"] == id {
                            line["amount"] = item["amount"].clone();
                            line["subtotal"] = item["amount"].clone();
                            line["description"] = item["description"].clone();
                        }
                    }
                }
                recompute(&mut inv);
                self.store.put(inv);
            }
        }
        Ok(item)
    }

    fn check_item_editable(&self, item: &Value) -> Result<(), ApiError> {
        if let Some(inv) = item["invoice"].as_str().and_then(|i| self.store.get(i)) {
            if inv["status"] != "draft" && inv.get("deleted").is_none() {
                return Err(refused(
                    Some("invoice_not_editable"),
                    "This invoice item is on a finalized invoice and can no longer be changed."
                        .into(),
                    None,
                ));
            }
        }
        Ok(())
    }

    pub(crate) fn invoiceitem_delete(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        let id = p.id("invoiceitem").to_string();
        let item = self.load("invoiceitem", &id, "invoiceitem")?;
        self.check_item_editable(&item)?;
        if let Some(inv_id) = item["invoice"].as_str() {
            if let Some(mut inv) = self.store.live("invoice", inv_id).map(|o| Value::clone(o)) {
                if let Some(lines) = inv["lines"]["data"].as_array_mut() {
                    lines.retain(|l| {
                        l["parent"]["invoice_item_details"]["invoice_item"] != id.as_str()
                    });
                }
                recompute(&mut inv);
                self.store.put(inv);
            }
        }
        self.simple_delete("invoiceitem", &id, "invoiceitem")
    }

    /// A draft invoice for a customer, copying the customer's details.
    fn new_invoice(&mut self, customer: &Value, currency: &str) -> Value {
        let id = ids::new_id(&mut self.rng, "invoice");
        let mut inv = objects::invoice(id, self.clock.now(), text(&customer["id"]), currency);
        for (to, from) in [
            ("customer_email", "email"),
            ("customer_name", "name"),
            ("customer_phone", "phone"),
            ("customer_address", "address"),
            ("customer_shipping", "shipping"),
        ] {
            inv[to] = customer[from].clone();
        }
        inv["default_payment_method"] = Value::Null;
        inv
    }

    pub(crate) fn invoice_create(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        // Stripe takes `customer` or `from_invoice`; the catalog offers only `customer`.
        let Some(customer) = p.str("customer") else {
            return Err(param_missing("customer"));
        };
        let customer = self.load("customer", customer, "customer")?;
        let send = p.str("collection_method") == Some("send_invoice");
        if send && p.int("days_until_due").is_none() {
            return Err(param_missing("days_until_due"));
        }
        if !send && p.int("days_until_due").is_some() {
            return Err(invalid(
                "days_until_due",
                "parameter_invalid_integer",
                "You can only set days_until_due when collection_method is send_invoice.".into(),
            ));
        }
        let include = p.str("pending_invoice_items_behavior") == Some("include");
        let pending: Vec<Value> = if include {
            self.store
                .of_customer("invoiceitem", text(&customer["id"]))
                .filter(|i| i["invoice"].is_null())
                .cloned()
                .collect()
        } else {
            Vec::new()
        };
        let currency = pending
            .first()
            .and_then(|i| i["currency"].as_str())
            .or_else(|| customer["currency"].as_str())
            .unwrap_or("usd")
            .to_string();
        let mut inv = self.new_invoice(&customer, &currency);
        apply_params(
            &mut inv,
            p,
            &[
                "customer",
                "days_until_due",
                "pending_invoice_items_behavior",
            ],
        );
        if let Some(days) = p.int("days_until_due") {
            inv["due_date"] = json!(self.clock.now() + days * 86_400);
        }
        for mut item in pending {
            item["invoice"] = inv["id"].clone();
            let item = self.save(item);
            self.add_item_line(&mut inv, &item);
        }
        let inv = self.save(inv);
        self.emit("invoice.created", inv.clone(), None);
        Ok(inv)
    }

    pub(crate) fn invoice_update(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        let inv = self.load("invoice", p.id("invoice"), "invoice")?;
        let status = text(&inv["status"]);
        if status == "void" || status == "paid" {
            if let Some((k, _)) = p
                .iter()
                .find(|(k, _)| !matches!(k.as_str(), "invoice" | "metadata"))
            {
                return Err(refused(
                    Some("invoice_not_editable"),
                    format!("You can only update metadata on a {status} invoice."),
                    Some(k),
                ));
            }
        }
        self.simple_update("invoice", p, "invoice")
    }

    pub(crate) fn invoice_finalize_call(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        let id = p.id("invoice");
        let mut inv = self.load_copy("invoice", id, "invoice")?;
        if let Some(auto) = p.bool("auto_advance") {
            inv["auto_advance"] = json!(auto);
            self.store.put(inv);
        }
        self.finalize_invoice(id)
    }

    /// Draft → open: number, due date, hosted URL; emits `invoice.finalized`.
    pub(crate) fn finalize_invoice(&mut self, id: &str) -> Result<Arc<Value>, ApiError> {
        let mut inv = self.load_copy("invoice", id, "invoice")?;
        if inv["status"] != "draft" {
            return Err(refused(
                Some("invoice_not_editable"),
                "This invoice is already finalized, you can't re-finalize a non-draft invoice."
                    .into(),
                None,
            ));
        }
        let now = self.clock.now();
        let customer = self.store.live("customer", text(&inv["customer"]));
        let number = match customer.map(|c| Value::clone(c)) {
            Some(mut c) => {
                let seq = c["next_invoice_sequence"].as_i64().unwrap_or(1);
                c["next_invoice_sequence"] = json!(seq + 1);
                let number = format!("{}-{:04}", text(&c["invoice_prefix"]), seq);
                self.store.put(c);
                number
            }
            None => format!("SANDFLOW-{:04}", self.rng.below(10_000)),
        };
        inv["status"] = json!("open");
        inv["number"] = json!(number);
        inv["status_transitions"]["finalized_at"] = json!(now);
        inv["effective_at"] = json!(now);
        let token = ids::random_tail(&mut self.rng, 24);
        inv["hosted_invoice_url"] = json!(format!("https://invoice.stripe.com/i/sandflow/{token}"));
        inv["invoice_pdf"] = json!(format!(
            "https://pay.stripe.com/invoice/sandflow/{token}/pdf"
        ));
        if inv["collection_method"] == "charge_automatically"
            && inv["auto_advance"] == true
            && inv["amount_due"].as_i64().unwrap_or(0) > 0
        {
            inv["next_payment_attempt"] = json!(now + 3_600);
        }
        recompute(&mut inv);
        let inv = self.save(inv);
        self.emit("invoice.finalized", inv.clone(), None);
        Ok(inv)
    }

    pub(crate) fn invoice_pay(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        self.pay_invoice(
            p.id("invoice"),
            p.str("payment_method"),
            p.bool("paid_out_of_band").unwrap_or(false),
        )
    }

    /// Pays an invoice: finalizes a draft, then charges it (or marks it paid out of band).
    pub(crate) fn pay_invoice(
        &mut self,
        id: &str,
        payment_method: Option<&str>,
        out_of_band: bool,
    ) -> Result<Arc<Value>, ApiError> {
        let inv = self.load("invoice", id, "invoice")?;
        match text(&inv["status"]) {
            "paid" => {
                return Err(refused(
                    Some("invoice_already_paid"),
                    "Invoice is already paid".into(),
                    None,
                ))
            }
            "void" => {
                return Err(refused(
                    Some("invoice_not_editable"),
                    "This invoice has been voided and can no longer be paid.".into(),
                    None,
                ))
            }
            _ => {}
        }
        let pm = match payment_method {
            Some(token) => Some(self.resolve_payment_method(token, "payment_method")?),
            None => None,
        };
        let inv = if inv["status"] == "draft" {
            self.finalize_invoice(id)?
        } else {
            inv
        };
        let mut inv = Arc::unwrap_or_clone(inv);
        let due = inv["amount_remaining"].as_i64().unwrap_or(0);
        if out_of_band || due == 0 {
            return Ok(self.mark_invoice_paid(inv, None, out_of_band));
        }
        let Some(pm) = pm.or_else(|| self.default_payment_method(&inv)) else {
            return Err(refused(
                Some("invoice_no_payment_method"),
                "This customer has no attached payment source or default payment method. Please consider adding a default payment method.".into(),
                None,
            ));
        };
        let pi = self.new_payment_intent(due, text(&inv["currency"]), inv["customer"].as_str());
        let pi_id = text(&pi["id"]).to_string();
        let attempt = self.attempt_payment(&pi_id, &pm);
        inv["attempt_count"] = json!(inv["attempt_count"].as_i64().unwrap_or(0) + 1);
        inv["attempted"] = json!(true);
        match attempt {
            Ok(()) => Ok(self.mark_invoice_paid(inv, Some(&pi_id), false)),
            Err(e) => {
                let next = (inv["collection_method"] == "charge_automatically"
                    && inv["attempt_count"].as_i64().unwrap_or(0) < 4)
                    .then(|| self.clock.now() + RETRY_DAYS * 86_400);
                inv["next_payment_attempt"] = json!(next);
                let inv = self.save(inv);
                self.emit("invoice.payment_failed", Arc::clone(&inv), None);
                if e.code.as_deref() == Some("authentication_required") {
                    self.emit("invoice.payment_action_required", inv, None);
                }
                Err(e)
            }
        }
    }

    /// The payment method an invoice is charged with when none is given.
    fn default_payment_method(&self, inv: &Value) -> Option<String> {
        let from_sub = inv["parent"]["subscription_details"]["subscription"]
            .as_str()
            .and_then(|s| self.store.get(s))
            .and_then(|s| s["default_payment_method"].as_str());
        let from_customer = self
            .store
            .get(text(&inv["customer"]))
            .and_then(|c| c["invoice_settings"]["default_payment_method"].as_str());
        inv["default_payment_method"]
            .as_str()
            .or(from_sub)
            .or(from_customer)
            .map(str::to_string)
    }

    /// Open → paid; emits `invoice_payment.paid` (when charged), `invoice.paid`,
    /// `invoice.payment_succeeded`. Returns the paid invoice.
    fn mark_invoice_paid(
        &mut self,
        mut inv: Value,
        payment_intent: Option<&str>,
        out_of_band: bool,
    ) -> Arc<Value> {
        let now = self.clock.now();
        let due = inv["amount_due"].as_i64().unwrap_or(0);
        inv["status"] = json!("paid");
        inv["amount_paid"] = json!(due);
        inv["amount_remaining"] = json!(0);
        inv["next_payment_attempt"] = Value::Null;
        inv["status_transitions"]["paid_at"] = json!(now);
        if inv["attempted"] == false && !out_of_band {
            inv["attempted"] = json!(true);
        }
        let inv = self.save(inv);
        if let Some(pi) = payment_intent {
            let id = ids::new_id(&mut self.rng, "invoice_payment");
            let payment = json!({
                "id": id,
                "object": "invoice_payment",
                "amount_paid": due,
                "amount_requested": due,
                "created": now,
                "currency": inv["currency"],
                "invoice": inv["id"],
                "is_default": true,
                "livemode": false,
                "payment": {"payment_intent": pi, "type": "payment_intent"},
                "status": "paid",
                "status_transitions": {"canceled_at": null, "paid_at": now}
            });
            let payment = self.save(payment);
            self.emit("invoice_payment.paid", payment, None);
        }
        self.emit("invoice.paid", inv.clone(), None);
        if !out_of_band {
            self.emit("invoice.payment_succeeded", inv.clone(), None);
        }
        inv
    }

    /// Moves an open invoice to `status`, stamping `stamp`, emitting `event`.
    fn invoice_transition(
        &mut self,
        id: &str,
        allowed: &[&str],
        status: &str,
        stamp: &str,
        event: &str,
    ) -> Result<Arc<Value>, ApiError> {
        let mut inv = self.load_copy("invoice", id, "invoice")?;
        let current = text(&inv["status"]).to_string();
        if !allowed.contains(&current.as_str()) {
            return Err(refused(
                Some("invoice_unexpected_state"),
                format!(
                    "You can only pass in {} invoices. This invoice is {current}.",
                    allowed.join(" or ")
                ),
                None,
            ));
        }
        inv["status"] = json!(status);
        if !stamp.is_empty() {
            inv["status_transitions"][stamp] = json!(self.clock.now());
        }
        inv["next_payment_attempt"] = Value::Null;
        let inv = self.save(inv);
        self.emit(event, inv.clone(), None);
        Ok(inv)
    }

    pub(crate) fn invoice_void(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        self.invoice_transition(
            p.id("invoice"),
            &["open", "uncollectible"],
            "void",
            "voided_at",
            "invoice.voided",
        )
    }

    pub(crate) fn invoice_mark_uncollectible(
        &mut self,
        p: &Params,
    ) -> Result<Arc<Value>, ApiError> {
        self.invoice_transition(
            p.id("invoice"),
            &["open"],
            "uncollectible",
            "marked_uncollectible_at",
            "invoice.marked_uncollectible",
        )
    }

    pub(crate) fn invoice_send(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        let mut inv = self.load("invoice", p.id("invoice"), "invoice")?;
        // Sending a draft finalizes it first, as Stripe does (`invoice.finalized`).
        if inv["status"] == "draft" && inv["collection_method"] == "send_invoice" {
            inv = self.finalize_invoice(p.id("invoice"))?;
        }
        if inv["status"] != "open" {
            return Err(refused(
                Some("invoice_unexpected_state"),
                format!(
                    "You can only send open invoices. This invoice is {}.",
                    text(&inv["status"])
                ),
                None,
            ));
        }
        self.emit("invoice.sent", inv.clone(), None);
        Ok(inv)
    }

    pub(crate) fn invoice_delete(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        let id = p.id("invoice").to_string();
        let inv = self.load("invoice", &id, "invoice")?;
        if inv["status"] != "draft" {
            return Err(refused(
                Some("invoice_not_editable"),
                "You can only delete draft invoices.".into(),
                None,
            ));
        }
        let items: Vec<Value> = self
            .store
            .of_customer("invoiceitem", text(&inv["customer"]))
            .filter(|i| i["invoice"] == id.as_str())
            .cloned()
            .collect();
        for mut item in items {
            item["invoice"] = Value::Null;
            self.store.put(item);
        }
        self.simple_delete("invoice", &id, "invoice")
    }

    /// The rows of an `items` / `line_items` parameter: each row's price and quantity. A row must name its price (Stripe also takes `price_data`,
    /// which the catalog does not offer); `recurring` refuses one-time prices.
    pub(crate) fn price_rows(
        &self,
        p: &Params,
        param: &str,
        recurring: bool,
    ) -> Result<Vec<PriceRow>, ApiError> {
        let rows = p.get(param).and_then(Value::as_array);
        let mut out = Vec::new();
        for (i, row) in rows.into_iter().flatten().enumerate() {
            let at = |field: &str| format!("{param}[{i}][{field}]");
            let Some(price) = row["price"].as_str() else {
                return Err(param_missing(&at("price")));
            };
            let price = self.load("price", price, &at("price"))?;
            if recurring && price["type"] != "recurring" {
                return Err(invalid(
                    &at("price"),
                    "parameter_invalid_string",
                    "The price specified is set to `type=one_time` but this field only accepts prices with `type=recurring`.".into(),
                ));
            }
            out.push(PriceRow {
                quantity: row["quantity"].as_i64().map(|q| q.max(1)),
                price,
            });
        }
        Ok(out)
    }

    pub(crate) fn subscription_create(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        let customer = self.load("customer", p.id("customer"), "customer")?;
        let rows = self.price_rows(p, "items", true)?;
        let Some(first) = rows.first() else {
            return Err(param_missing("items"));
        };
        let price = Arc::clone(&first.price);
        let interval = |pr: &Value| {
            (
                text(&pr["recurring"]["interval"]).to_owned(),
                pr["recurring"]["interval_count"].as_i64().unwrap_or(1),
            )
        };
        if let Some(i) = rows.iter().position(|r| {
            interval(&r.price) != interval(&price) || r.price["currency"] != price["currency"]
        }) {
            return Err(invalid(
                &format!("items[{i}][price]"),
                "parameter_invalid_string",
                "All prices on a subscription must have the same currency, `recurring[interval]` and `recurring[interval_count]`.".into(),
            ));
        }
        let send = p.str("collection_method") == Some("send_invoice");
        if send && p.int("days_until_due").is_none() {
            return Err(param_missing("days_until_due"));
        }
        let pm = match p.str("default_payment_method") {
            Some(token) => Some(self.resolve_payment_method(token, "default_payment_method")?),
            None => None,
        };
        let trial_days = p.int("trial_period_days").unwrap_or(0).max(0);
        let has_pm =
            pm.is_some() || !customer["invoice_settings"]["default_payment_method"].is_null();
        // `default_incomplete` (only the sandbox's own calls pass it: a schedule's phase
        // for a customer without a payment method) leaves the first invoice open instead.
        let incomplete_ok = p.str("payment_behavior") == Some("default_incomplete");
        if !send && trial_days == 0 && !has_pm && !incomplete_ok {
            return Err(refused(
                Some("resource_missing"),
                "This customer has no attached payment source or default payment method. Please consider adding a default payment method.".into(),
                None,
            ));
        }
        let now = self.clock.now();
        let id = ids::new_id(&mut self.rng, "subscription");
        let mut sub = objects::subscription(id.clone(), now, text(&customer["id"]));
        let interval = text(&price["recurring"]["interval"]).to_string();
        let count = price["recurring"]["interval_count"].as_i64().unwrap_or(1);
        let period_end = if trial_days > 0 {
            now + trial_days * 86_400
        } else {
            add_interval(now, &interval, count)
        };
        let mut items = Vec::new();
        for row in &rows {
            let item_id = ids::new_id(&mut self.rng, "subscription_item");
            items.push(objects::subscription_item(
                item_id,
                now,
                &id,
                &row.price,
                row.quantity.unwrap_or(1),
                (now, period_end),
            ));
        }
        sub["items"]["total_count"] = json!(items.len());
        sub["items"]["data"] = json!(items);
        sub["currency"] = price["currency"].clone();
        sub["default_payment_method"] = json!(pm);
        apply_params(
            &mut sub,
            p,
            &[
                "customer",
                "items",
                "trial_period_days",
                "default_payment_method",
                "payment_behavior",
            ],
        );
        if trial_days > 0 {
            sub["status"] = json!("trialing");
            sub["trial_start"] = json!(now);
            sub["trial_end"] = json!(period_end);
        } else if send {
            sub["status"] = json!("active");
        }
        self.save(sub);
        // Stripe creates the subscription and pays its first invoice in the same request:
        // `customer.subscription.created` comes first but shows the outcome (`active` with
        // `latest_invoice` when paid, `incomplete` when not), and no update follows.
        let start = self.pending.len();
        self.bill_subscription(&id, "subscription_create", trial_days > 0, None)?;
        let sub = self.load("subscription", &id, "subscription")?;
        let after = self.pending.len() - start;
        self.emit_before(
            after,
            "customer.subscription.created",
            Arc::clone(&sub),
            None,
        );
        Ok(sub)
    }

    /// Invoices one period of a subscription: invoice.created, invoice.finalized, then the
    /// payment (charge_automatically) and the subscription's status change it causes.
    ///
    /// `before` is the subscription as it was before the period changed, the baseline of
    /// the `customer.subscription.updated` that renewals emit.
    pub(crate) fn bill_subscription(
        &mut self,
        id: &str,
        reason: &str,
        free: bool,
        before: Option<Value>,
    ) -> Result<(), ApiError> {
        let sub = self.load("subscription", id, "subscription")?;
        let customer = self.load("customer", text(&sub["customer"]), "customer")?;
        let mut inv = self.new_invoice(&customer, text(&sub["currency"]));
        inv["billing_reason"] = json!(reason);
        inv["collection_method"] = sub["collection_method"].clone();
        inv["auto_advance"] = json!(true);
        inv["parent"] = json!({
            "type": "subscription_details",
            "quote_details": null,
            "subscription_details": {"metadata": sub["metadata"], "subscription": id}
        });
        if let Some(days) = sub["days_until_due"].as_i64() {
            inv["due_date"] = json!(self.clock.now() + days * 86_400);
        }
        let inv_id = text(&inv["id"]).to_string();
        if let Some(items) = sub["items"]["data"].as_array() {
            let mut lines = Vec::new();
            for item in items {
                let unit = item["price"]["unit_amount"].as_i64().unwrap_or(0);
                let qty = item["quantity"].as_i64().unwrap_or(1);
                let name = item["price"]["nickname"].as_str().unwrap_or("Subscription");
                let source = json!({
                    "amount": if free { 0 } else { unit * qty },
                    "currency": sub["currency"],
                    "description": format!("{qty} × {name}"),
                    "period": {"start": item["current_period_start"], "end": item["current_period_end"]},
                    "pricing": {"price_details": {"price": item["price"]["id"], "product": item["price"]["product"]}},
                    "quantity": qty
                });
                let line_id = ids::new_id(&mut self.rng, "line_item");
                lines.push(objects::invoice_line(
                    line_id,
                    &inv_id,
                    &source,
                    Some((id, text(&item["id"]))),
                ));
            }
            inv["lines"]["data"] = json!(lines);
        }
        recompute(&mut inv);
        let inv = self.save(inv);
        self.emit("invoice.created", inv.clone(), None);
        let old_sub = before.map_or_else(|| Arc::clone(&sub), Arc::new);
        let mut sub = Value::clone(&sub);
        sub["latest_invoice"] = json!(inv_id);
        let sub = self.save(sub);
        self.finalize_invoice(&inv_id)?;
        if sub["collection_method"] == "send_invoice" {
            return Ok(());
        }
        let paid = self.pay_invoice(&inv_id, None, false).is_ok();
        let mut sub = self.load_copy("subscription", id, "subscription")?;
        let status = text(&sub["status"]).to_string();
        let next = match (status.as_str(), paid) {
            ("incomplete", true) | ("past_due", true) => Some("active"),
            ("active", false) => Some("past_due"),
            _ => None,
        };
        let sub = match next {
            Some(next) => {
                sub["status"] = json!(next);
                self.save(sub)
            }
            None => Arc::new(sub),
        };
        if reason != "subscription_create" {
            self.emit_update("customer.subscription.updated", &old_sub, &sub);
        }
        Ok(())
    }

    pub(crate) fn subscription_update(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        let id = p.id("subscription");
        let old = self.load("subscription", id, "subscription")?;
        if old["status"] == "canceled" {
            return Err(refused(
                None,
                "A canceled subscription can only update its cancellation_details and metadata."
                    .into(),
                None,
            ));
        }
        let mut sub = Value::clone(&old);
        if let Some(token) = p.str("default_payment_method") {
            let pm = self.resolve_payment_method(token, "default_payment_method")?;
            sub["default_payment_method"] = json!(pm);
        }
        self.update_items(&mut sub, p)?;
        apply_params(
            &mut sub,
            p,
            &["subscription", "items", "default_payment_method"],
        );
        if let Some(at_end) = p.bool("cancel_at_period_end") {
            let end = sub["items"]["data"][0]["current_period_end"].clone();
            sub["cancel_at"] = if at_end { end } else { Value::Null };
            sub["canceled_at"] = if at_end {
                json!(self.clock.now())
            } else {
                Value::Null
            };
        }
        let sub = self.save(sub);
        self.emit_update("customer.subscription.updated", &old, &sub);
        Ok(sub)
    }

    /// A subscription update's `items`: a row with an `id` changes that item's price or
    /// quantity, a row without one adds an item (its price then required), as Stripe does.
    fn update_items(&mut self, sub: &mut Value, p: &Params) -> Result<(), ApiError> {
        let rows = p.get("items").and_then(Value::as_array);
        for (i, row) in rows.into_iter().flatten().enumerate() {
            let at = |field: &str| format!("items[{i}][{field}]");
            let price = match row["price"].as_str() {
                Some(pid) => {
                    let price = self.load("price", pid, &at("price"))?;
                    if price["type"] != "recurring" {
                        return Err(invalid(
                            &at("price"),
                            "parameter_invalid_string",
                            "The price specified is set to `type=one_time` but this field only accepts prices with `type=recurring`.".into(),
                        ));
                    }
                    Some(price)
                }
                None => None,
            };
            let quantity = row["quantity"].as_i64().map(|q| q.max(1));
            let Some(items) = sub["items"]["data"].as_array_mut() else {
                continue;
            };
            match row["id"].as_str() {
                Some(item_id) => {
                    let Some(item) = items.iter_mut().find(|it| it["id"] == item_id) else {
                        return Err(super::api::no_such("subscription_item", item_id, &at("id")));
                    };
                    if let Some(price) = price {
                        item["plan"] = objects::plan_of(&price);
                        item["price"] = Arc::unwrap_or_clone(price);
                    }
                    if let Some(q) = quantity {
                        item["quantity"] = json!(q);
                    }
                }
                None => {
                    let Some(price) = price else {
                        return Err(param_missing(&at("price")));
                    };
                    let period = items.first().map_or((0, 0), |it| {
                        (
                            it["current_period_start"].as_i64().unwrap_or(0),
                            it["current_period_end"].as_i64().unwrap_or(0),
                        )
                    });
                    let item_id = ids::new_id(&mut self.rng, "subscription_item");
                    let now = self.clock.now();
                    let sub_id = text(&sub["id"]).to_owned();
                    let item = objects::subscription_item(
                        item_id,
                        now,
                        &sub_id,
                        &price,
                        quantity.unwrap_or(1),
                        period,
                    );
                    if let Some(items) = sub["items"]["data"].as_array_mut() {
                        items.push(item);
                    }
                    let count = sub["items"]["data"].as_array().map_or(0, Vec::len);
                    sub["items"]["total_count"] = json!(count);
                }
            }
        }
        Ok(())
    }

    pub(crate) fn subscription_cancel(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        let id = p.id("subscription");
        let mut sub = self.load_copy("subscription", id, "subscription")?;
        if sub["status"] == "canceled" {
            return Err(refused(
                Some("resource_missing"),
                format!("No such subscription: '{id}'"),
                Some("subscription"),
            ));
        }
        for key in [
            "cancellation_details.comment",
            "cancellation_details.feedback",
        ] {
            if let Some(v) = p.get(key) {
                super::api::set_path(&mut sub, key, v.clone());
            }
        }
        self.store.put(sub);
        self.end_subscription(id, "cancellation_requested")
    }

    /// Ends a subscription now; emits `customer.subscription.deleted`.
    pub(crate) fn end_subscription(
        &mut self,
        id: &str,
        reason: &str,
    ) -> Result<Arc<Value>, ApiError> {
        let mut sub = self.load_copy("subscription", id, "subscription")?;
        let now = self.clock.now();
        sub["status"] = json!("canceled");
        if sub["canceled_at"].is_null() {
            sub["canceled_at"] = json!(now);
        }
        sub["ended_at"] = json!(now);
        sub["cancellation_details"]["reason"] = json!(reason);
        let sub = self.save(sub);
        self.emit("customer.subscription.deleted", sub.clone(), None);
        Ok(sub)
    }

    pub(crate) fn credit_note_create(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        let old = self.load("invoice", p.id("invoice"), "invoice")?;
        let status = text(&old["status"]).to_string();
        if status != "open" && status != "paid" {
            return Err(refused(
                Some("invoice_unexpected_state"),
                format!("You can only create credit notes for open or paid invoices. This invoice is {status}."),
                Some("invoice"),
            ));
        }
        let creditable = if status == "open" {
            old["amount_remaining"].as_i64().unwrap_or(0)
        } else {
            old["amount_paid"].as_i64().unwrap_or(0)
                - old["post_payment_credit_notes_amount"]
                    .as_i64()
                    .unwrap_or(0)
        };
        let amount = p.int("amount").unwrap_or(creditable);
        if amount <= 0 || amount > creditable {
            return Err(invalid(
                "amount",
                "parameter_invalid_integer",
                format!("The credit note amount ({amount}) must be positive and at most the creditable amount of the invoice ({creditable})."),
            ));
        }
        let id = ids::new_id(&mut self.rng, "credit_note");
        let mut note = objects::credit_note(
            id.clone(),
            self.clock.now(),
            text(&old["customer"]),
            text(&old["id"]),
        );
        let seq = self
            .store
            .of_customer("credit_note", text(&old["customer"]))
            .filter(|c| c["invoice"] == old["id"])
            .count()
            + 1;
        note["number"] = json!(format!("{}-CN-{seq:02}", text(&old["number"])));
        note["currency"] = old["currency"].clone();
        for key in [
            "amount",
            "subtotal",
            "subtotal_excluding_tax",
            "total",
            "total_excluding_tax",
        ] {
            note[key] = json!(amount);
        }
        let line_id = ids::new_id(&mut self.rng, "credit_note_line_item");
        note["lines"]["data"] = json!([{
            "id": line_id, "object": "credit_note_line_item", "amount": amount,
            "description": p.str("memo").unwrap_or("Credit"), "discount_amount": 0,
            "discount_amounts": [], "livemode": false, "metadata": {}, "quantity": 1,
            "tax_rates": [], "taxes": [], "type": "custom_line_item",
            "unit_amount": amount, "unit_amount_decimal": amount.to_string(),
            "pretax_credit_amounts": []
        }]);
        let mut inv = Value::clone(&old);
        if status == "open" {
            note["type"] = json!("pre_payment");
            note["pre_payment_amount"] = json!(amount);
            let pre = inv["pre_payment_credit_notes_amount"].as_i64().unwrap_or(0) + amount;
            inv["pre_payment_credit_notes_amount"] = json!(pre);
        } else {
            note["type"] = json!("post_payment");
            note["post_payment_amount"] = json!(amount);
            note["out_of_band_amount"] = json!(amount);
            let post = inv["post_payment_credit_notes_amount"]
                .as_i64()
                .unwrap_or(0)
                + amount;
            inv["post_payment_credit_notes_amount"] = json!(post);
        }
        apply_params(&mut note, p, &["invoice", "amount"]);
        recompute(&mut inv);
        let note = self.save(note);
        self.emit("credit_note.created", note.clone(), None);
        let inv = self.save(inv);
        self.emit_update("invoice.updated", &old, &inv);
        if inv["status"] == "open" && inv["amount_remaining"] == 0 {
            self.mark_invoice_paid(Arc::unwrap_or_clone(inv), None, true);
        }
        Ok(note)
    }

    pub(crate) fn credit_note_void(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        let id = p.id("credit_note");
        let mut note = self.load_copy("credit_note", id, "credit_note")?;
        if note["status"] == "void" {
            return Err(refused(
                None,
                "This credit note is already voided.".into(),
                None,
            ));
        }
        note["status"] = json!("void");
        note["voided_at"] = json!(self.clock.now());
        let note = self.save(note);
        self.emit("credit_note.voided", note.clone(), None);
        Ok(note)
    }
}

/// Recomputes an invoice's totals from its lines, credit notes and payments.
pub(crate) fn recompute(inv: &mut Value) {
    let subtotal: i64 = inv["lines"]["data"]
        .as_array()
        .map(|lines| lines.iter().filter_map(|l| l["amount"].as_i64()).sum())
        .unwrap_or(0);
    let count = inv["lines"]["data"].as_array().map_or(0, Vec::len);
    inv["lines"]["total_count"] = json!(count);
    let pre = inv["pre_payment_credit_notes_amount"].as_i64().unwrap_or(0);
    for key in [
        "subtotal",
        "subtotal_excluding_tax",
        "total",
        "total_excluding_tax",
    ] {
        inv[key] = json!(subtotal);
    }
    let due = (subtotal - pre).max(0);
    inv["amount_due"] = json!(due);
    let paid = inv["amount_paid"].as_i64().unwrap_or(0);
    inv["amount_remaining"] = json!((due - paid).max(0));
}
