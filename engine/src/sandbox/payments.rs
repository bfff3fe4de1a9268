//! Payment flows: payment methods (test tokens, attach, detach), payment intents (create,
//! confirm, capture, cancel), charges, refunds, disputes, payouts, Checkout sessions and
//! Radar reviews.
//!
//! [`Sandbox::attempt_payment`] is the one place a card is charged: it creates the charge
//! and emits `charge.succeeded` / `charge.failed` then `payment_intent.succeeded` /
//! `payment_intent.payment_failed` (or `payment_intent.amount_capturable_updated` for a
//! manual capture), followed by the dispute or early fraud warning that some test cards
//! cause (`pm_card_createDispute`, `pm_card_createEarlyFraudWarning`).

use std::sync::Arc;

use serde_json::Value;

use crate::json::json;

use super::api::{
    apply_params, authentication_required, card_declined, invalid, no_such, param_missing, refused,
    Params,
};
use super::objects;
use super::{ids, ApiError, Sandbox};

fn text(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

/// A confirmation made on-session: a card that needs 3D Secure leaves the payment intent
/// in `requires_action` and answers it (200), as Stripe does when the customer is present.
fn on_session(attempt: Result<(), ApiError>) -> Result<(), ApiError> {
    match attempt {
        Err(e) if e.code.as_deref() == Some("authentication_required") => Ok(()),
        other => other,
    }
}

/// Statuses in which a payment intent can still be canceled.
const CANCELABLE: &[&str] = &[
    "requires_payment_method",
    "requires_capture",
    "requires_confirmation",
    "requires_action",
    "processing",
];

impl Sandbox {
    /// The id of a payment method: an existing one, or a new one made from a test token
    /// (`pm_card_visa`, ...), as Stripe does for each use of a token.
    pub(crate) fn resolve_payment_method(
        &mut self,
        token: &str,
        param: &str,
    ) -> Result<String, ApiError> {
        if self.store.live("payment_method", token).is_some() {
            return Ok(token.to_string());
        }
        let Some(card) = objects::test_card(token) else {
            return Err(no_such("payment_method", token, param));
        };
        let id = ids::new_id(&mut self.rng, "payment_method");
        let pm = objects::payment_method(id.clone(), self.clock.now(), card);
        self.store.put(pm);
        Ok(id)
    }

    /// Attaches a payment method to a customer; emits `payment_method.attached`.
    pub(crate) fn attach_payment_method(
        &mut self,
        pm_id: &str,
        customer: &str,
    ) -> Result<Arc<Value>, ApiError> {
        let pm = self.load("payment_method", pm_id, "payment_method")?;
        match pm["customer"].as_str() {
            Some(c) if c == customer => return Ok(pm),
            Some(_) => {
                return Err(refused(
                    None,
                    "The payment method you provided has already been attached to a customer."
                        .into(),
                    Some("payment_method"),
                ))
            }
            None => {}
        }
        let mut pm = Arc::unwrap_or_clone(pm);
        pm["customer"] = json!(customer);
        let pm = self.save(pm);
        self.emit("payment_method.attached", pm.clone(), None);
        Ok(pm)
    }

    pub(crate) fn payment_method_attach_call(
        &mut self,
        p: &Params,
    ) -> Result<Arc<Value>, ApiError> {
        let customer = p.id("customer");
        self.load("customer", customer, "customer")?;
        let pm = self.resolve_payment_method(p.id("payment_method"), "payment_method")?;
        self.attach_payment_method(&pm, customer)
    }

    pub(crate) fn payment_method_detach(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        let id = p.id("payment_method");
        let mut pm = self.load_copy("payment_method", id, "payment_method")?;
        if pm["customer"].is_null() {
            return Err(refused(
                None,
                "The payment method you provided is not attached to a customer so detachment is impossible.".into(),
                None,
            ));
        }
        pm["customer"] = Value::Null;
        let pm = self.save(pm);
        self.emit("payment_method.detached", pm.clone(), None);
        Ok(pm)
    }

    /// A new payment intent (stored, `payment_intent.created` emitted).
    pub(crate) fn new_payment_intent(
        &mut self,
        amount: i64,
        currency: &str,
        customer: Option<&str>,
    ) -> Arc<Value> {
        let id = ids::new_id(&mut self.rng, "payment_intent");
        let mut pi = objects::payment_intent(id, self.clock.now(), amount, currency);
        pi["customer"] = json!(customer);
        let pi = self.save(pi);
        self.emit("payment_intent.created", pi.clone(), None);
        pi
    }

    /// Charges a payment intent with a payment method (see the file's doc).
    pub(crate) fn attempt_payment(&mut self, pi_id: &str, pm_id: &str) -> Result<(), ApiError> {
        let mut pi = self.load_copy("payment_intent", pi_id, "payment_intent")?;
        let pm = self.load("payment_method", pm_id, "payment_method")?;
        let card = objects::card_behavior(&pm);
        let amount = pi["amount"].as_i64().unwrap_or(0);
        let currency = text(&pi["currency"]).to_string();
        let now = self.clock.now();
        let ch_id = ids::new_id(&mut self.rng, "charge");
        let mut charge = objects::charge(ch_id.clone(), now, amount, &currency);
        charge["customer"] = pi["customer"].clone();
        charge["payment_intent"] = json!(pi_id);
        charge["payment_method"] = json!(pm_id);
        charge["description"] = pi["description"].clone();
        charge["metadata"] = pi["metadata"].clone();
        charge["receipt_email"] = pi["receipt_email"].clone();
        charge["billing_details"] = pm["billing_details"].clone();
        charge["payment_method_details"]["card"] = objects::charge_card_details(&pm, amount);
        charge["balance_transaction"] = json!(ids::new_id(&mut self.rng, "balance_transaction"));
        pi["payment_method"] = json!(pm_id);
        if card.authentication {
            // 3D Secure: no charge until the customer authenticates.
            pi["status"] = json!("requires_action");
            pi["next_action"] = json!({
                "type": "use_stripe_sdk",
                "use_stripe_sdk": {"type": "three_d_secure_redirect", "stripe_js": "https://hooks.stripe.com/redirect/authenticate/src_sandflow", "source": "src_sandflow"}
            });
            let pi = self.save(pi);
            self.emit("payment_intent.requires_action", pi, None);
            return Err(authentication_required());
        }
        pi["latest_charge"] = json!(ch_id);
        if pm["type"] == "sepa_debit" {
            // A bank debit takes days: the charge is pending, the payment processing.
            charge["status"] = json!("pending");
            charge["paid"] = json!(false);
            charge["payment_method_details"] =
                json!({"sepa_debit": pm["sepa_debit"], "type": "sepa_debit"});
            pi["status"] = json!("processing");
            let charge = self.save(charge);
            self.emit("charge.pending", charge, None);
            let pi = self.save(pi);
            self.emit("payment_intent.processing", pi, None);
            return Ok(());
        }
        if let Some(code) = card.decline {
            charge["status"] = json!("failed");
            charge["paid"] = json!(false);
            charge["captured"] = json!(false);
            charge["amount_captured"] = json!(0);
            charge["balance_transaction"] = Value::Null;
            charge["failure_code"] = json!("card_declined");
            charge["failure_message"] = json!(card_declined(code).message);
            charge["outcome"]["network_status"] = json!("declined_by_network");
            charge["outcome"]["reason"] = json!(code);
            charge["outcome"]["type"] = json!("issuer_declined");
            charge["outcome"]["seller_message"] =
                json!("The bank did not return any further details with this decline.");
            let charge = self.save(charge);
            self.emit("charge.failed", charge, None);
            let err = card_declined(code);
            pi["status"] = json!("requires_payment_method");
            pi["last_payment_error"] = json!({
                "type": err.kind, "code": err.code, "decline_code": code, "message": err.message,
                "charge": ch_id, "payment_method": pm
            });
            let pi = self.save(pi);
            self.emit("payment_intent.payment_failed", pi, None);
            return Err(err);
        }
        let manual = pi["capture_method"] == "manual";
        if manual {
            charge["captured"] = json!(false);
            charge["amount_captured"] = json!(0);
            pi["status"] = json!("requires_capture");
            pi["amount_capturable"] = json!(amount);
        } else {
            pi["status"] = json!("succeeded");
            pi["amount_received"] = json!(amount);
        }
        pi["last_payment_error"] = Value::Null;
        let review = card.review.then(|| ids::new_id(&mut self.rng, "review"));
        charge["review"] = json!(review);
        let charge = self.save(charge);
        self.emit("charge.succeeded", charge.clone(), None);
        let pi = self.save(pi);
        let kind = if manual {
            "payment_intent.amount_capturable_updated"
        } else {
            "payment_intent.succeeded"
        };
        self.emit(kind, Arc::clone(&pi), None);
        if let Some(id) = review {
            let mut object = objects::review(id, now, &ch_id);
            object["payment_intent"] = json!(pi_id);
            let object = self.save(object);
            self.emit("review.opened", object, None);
        }
        if card.disputes {
            self.open_dispute(&ch_id, card.inquiry)?;
        }
        if card.fraud_warning {
            self.early_fraud_warning(&ch_id)?;
        }
        Ok(())
    }

    /// Emits an event the account causes on its own, later than any API call (a
    /// cardholder's dispute, an issuer's warning): its `request.id` is null.
    pub(crate) fn emit_async(&mut self, kind: &str, object: Arc<Value>, previous: Option<Value>) {
        let serving = self.request.take();
        self.emit(kind, object, previous);
        self.request = serving;
    }

    /// A cardholder disputes a charge: `charge.dispute.created`, then
    /// `charge.dispute.funds_withdrawn` unless the dispute is an `inquiry` (no funds move
    /// until it escalates). Both come later than the payment, without a request id.
    pub(crate) fn open_dispute(
        &mut self,
        charge_id: &str,
        inquiry: bool,
    ) -> Result<Arc<Value>, ApiError> {
        let mut charge = self.load_copy("charge", charge_id, "charge")?;
        let id = ids::new_id(&mut self.rng, "dispute");
        let amount = charge["amount"].as_i64().unwrap_or(0);
        let mut dispute = objects::dispute(
            id,
            self.clock.now(),
            charge_id,
            amount,
            text(&charge["currency"]),
        );
        dispute["payment_intent"] = charge["payment_intent"].clone();
        if let Some(brand) = charge["payment_method_details"]["card"]["brand"].as_str() {
            dispute["payment_method_details"]["card"]["brand"] = json!(brand);
        }
        if inquiry {
            dispute["status"] = json!("warning_needs_response");
            dispute["reason"] = json!("general");
            dispute["is_charge_refundable"] = json!(true);
        }
        charge["disputed"] = json!(true);
        self.store.put(charge);
        let dispute = self.save(dispute);
        self.emit_async("charge.dispute.created", dispute.clone(), None);
        if inquiry {
            return Ok(dispute);
        }
        let mut dispute = Value::clone(&dispute);
        let txn = ids::new_id(&mut self.rng, "balance_transaction");
        dispute["balance_transactions"] = json!([{
            "id": txn, "object": "balance_transaction", "amount": -amount,
            "currency": dispute["currency"], "type": "adjustment", "reporting_category": "dispute"
        }]);
        let dispute = self.save(dispute);
        self.emit_async("charge.dispute.funds_withdrawn", dispute.clone(), None);
        Ok(dispute)
    }

    /// The issuer reports fraud on a charge: `radar.early_fraud_warning.created`.
    pub(crate) fn early_fraud_warning(&mut self, charge_id: &str) -> Result<Arc<Value>, ApiError> {
        let charge = self.load("charge", charge_id, "charge")?;
        let id = ids::new_id(&mut self.rng, "radar.early_fraud_warning");
        let mut efw = objects::early_fraud_warning(id, self.clock.now(), charge_id);
        efw["payment_intent"] = charge["payment_intent"].clone();
        let efw = self.save(efw);
        self.emit_async("radar.early_fraud_warning.created", efw.clone(), None);
        Ok(efw)
    }

    pub(crate) fn payment_intent_create(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        let amount = p.int("amount").unwrap_or(0);
        if amount < 50 {
            return Err(invalid(
                "amount",
                "amount_too_small",
                "Amount must be at least 50 cents".into(),
            ));
        }
        if amount > 99_999_999 {
            return Err(invalid(
                "amount",
                "amount_too_large",
                "Amount must be no more than 999,999.99".into(),
            ));
        }
        if let Some(c) = p.str("customer") {
            self.load("customer", c, "customer")?;
        }
        let pm = match p.str("payment_method") {
            Some(token) => Some(self.resolve_payment_method(token, "payment_method")?),
            None => None,
        };
        let confirm = p.bool("confirm").unwrap_or(false);
        if confirm && pm.is_none() {
            return Err(param_missing("payment_method"));
        }
        let id = ids::new_id(&mut self.rng, "payment_intent");
        let mut pi = objects::payment_intent(
            id.clone(),
            self.clock.now(),
            amount,
            &p.id("currency").to_lowercase(),
        );
        apply_params(
            &mut pi,
            p,
            &["amount", "currency", "confirm", "payment_method"],
        );
        if let Some(pm) = &pm {
            pi["payment_method"] = json!(pm);
            pi["status"] = json!("requires_confirmation");
        }
        let pi = self.save(pi);
        self.emit("payment_intent.created", pi.clone(), None);
        if let (true, Some(pm)) = (confirm, pm) {
            on_session(self.attempt_payment(&id, &pm))?;
        }
        self.load("payment_intent", &id, "payment_intent")
    }

    pub(crate) fn payment_intent_update(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        let id = p.id("payment_intent");
        let old = self.load("payment_intent", id, "payment_intent")?;
        if p.int("amount").is_some()
            && matches!(
                text(&old["status"]),
                "succeeded" | "canceled" | "requires_capture"
            )
        {
            return Err(refused(
                Some("payment_intent_unexpected_state"),
                format!("This PaymentIntent's amount could not be updated because it has a status of {}.", text(&old["status"])),
                Some("amount"),
            ));
        }
        let mut pi = Value::clone(&old);
        apply_params(&mut pi, p, &["payment_intent"]);
        let pi = self.save(pi);
        Ok(pi)
    }

    pub(crate) fn payment_intent_confirm(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        let id = p.id("payment_intent");
        let pi = self.load("payment_intent", id, "payment_intent")?;
        let status = text(&pi["status"]);
        if status != "requires_payment_method" && status != "requires_confirmation" {
            return Err(refused(
                Some("payment_intent_unexpected_state"),
                format!(
                    "You cannot confirm this PaymentIntent because it has a status of {status}."
                ),
                None,
            ));
        }
        let pm = match p.str("payment_method") {
            Some(token) => self.resolve_payment_method(token, "payment_method")?,
            None => match pi["payment_method"].as_str() {
                Some(pm) => pm.to_string(),
                None => return Err(param_missing("payment_method")),
            },
        };
        on_session(self.attempt_payment(id, &pm))?;
        self.load("payment_intent", id, "payment_intent")
    }

    pub(crate) fn payment_intent_capture(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        let id = p.id("payment_intent");
        let mut pi = self.load_copy("payment_intent", id, "payment_intent")?;
        if pi["status"] != "requires_capture" {
            return Err(refused(
                Some("payment_intent_unexpected_state"),
                format!("This PaymentIntent could not be captured because it has a status of {}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.", text(&pi["status"])),
                None,
            ));
        }
        let capturable = pi["amount_capturable"].as_i64().unwrap_or(0);
        let amount = p.int("amount_to_capture").unwrap_or(capturable);
        if amount <= 0 || amount > capturable {
            return Err(invalid(
                "amount_to_capture",
                "amount_too_large",
                format!("The amount to capture must be positive and at most the capturable amount ({capturable})."),
            ));
        }
        let ch_id = text(&pi["latest_charge"]).to_string();
        let mut charge = self.load_copy("charge", &ch_id, "charge")?;
        charge["captured"] = json!(true);
        charge["amount_captured"] = json!(amount);
        if amount < capturable {
            charge["amount_refunded"] = json!(capturable - amount);
        }
        let charge = self.save(charge);
        self.emit("charge.captured", charge, None);
        pi["status"] = json!("succeeded");
        pi["amount_capturable"] = json!(0);
        pi["amount_received"] = json!(amount);
        let pi = self.save(pi);
        self.emit("payment_intent.succeeded", pi.clone(), None);
        Ok(pi)
    }

    pub(crate) fn payment_intent_cancel(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        let id = p.id("payment_intent");
        let mut pi = self.load_copy("payment_intent", id, "payment_intent")?;
        let status = text(&pi["status"]).to_string();
        if !CANCELABLE.contains(&status.as_str()) {
            return Err(refused(
                Some("payment_intent_unexpected_state"),
                format!("You cannot cancel this PaymentIntent because it has a status of {status}. Only a PaymentIntent with one of the following statuses may be canceled: {}.", CANCELABLE.join(", ")),
                None,
            ));
        }
        pi["status"] = json!("canceled");
        pi["canceled_at"] = json!(self.clock.now());
        pi["cancellation_reason"] = p.get("cancellation_reason").cloned().unwrap_or(Value::Null);
        pi["amount_capturable"] = json!(0);
        let pi = self.save(pi);
        self.emit("payment_intent.canceled", pi.clone(), None);
        Ok(pi)
    }

    pub(crate) fn refund_create(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        let charge_id = match (p.str("charge"), p.str("payment_intent")) {
            (Some(c), _) => c.to_string(),
            (None, Some(pi)) => {
                let pi = self.load("payment_intent", pi, "payment_intent")?;
                match pi["latest_charge"].as_str() {
                    Some(c) if pi["status"] == "succeeded" => c.to_string(),
                    _ => {
                        return Err(refused(
                            Some("charge_not_refundable"),
                            "This PaymentIntent does not have a successful charge to refund.".into(),
                            Some("payment_intent"),
                        ))
                    }
                }
            }
            (None, None) => {
                return Err(refused(
                    Some("parameter_missing"),
                    "One of the following params should be provided for this request: payment_intent or charge.".into(),
                    Some("charge"),
                ))
            }
        };
        let old = self.load("charge", &charge_id, "charge")?;
        if old["status"] != "succeeded" || old["captured"] != true {
            return Err(refused(
                Some("charge_not_refundable"),
                format!("Charge {charge_id} cannot be refunded: it has not succeeded and been captured."),
                Some("charge"),
            ));
        }
        let captured = old["amount_captured"].as_i64().unwrap_or(0);
        let refunded = old["amount_refunded"].as_i64().unwrap_or(0);
        let left = captured - refunded;
        if left <= 0 {
            return Err(refused(
                Some("charge_already_refunded"),
                format!("Charge {charge_id} has already been refunded."),
                Some("charge"),
            ));
        }
        let amount = p.int("amount").unwrap_or(left);
        if amount <= 0 || amount > left {
            return Err(invalid(
                "amount",
                "amount_too_large",
                format!(
                    "Refund amount ({amount}) is greater than unrefunded amount on charge ({left})"
                ),
            ));
        }
        let id = ids::new_id(&mut self.rng, "refund");
        let mut refund = objects::refund(
            id,
            self.clock.now(),
            &charge_id,
            amount,
            text(&old["currency"]),
        );
        refund["payment_intent"] = old["payment_intent"].clone();
        refund["customer"] = old["customer"].clone();
        refund["payment_method"] = old["payment_method"].clone();
        refund["balance_transaction"] = json!(ids::new_id(&mut self.rng, "balance_transaction"));
        apply_params(&mut refund, p, &["charge", "payment_intent", "amount"]);
        let refund = self.save(refund);
        self.emit("refund.created", refund.clone(), None);
        let mut charge = Value::clone(&old);
        charge["amount_refunded"] = json!(refunded + amount);
        charge["refunded"] = json!(refunded + amount == captured);
        let charge = self.save(charge);
        let previous = super::previous_attributes(&old, &charge);
        self.emit("charge.refunded", charge, previous);
        Ok(refund)
    }

    pub(crate) fn refund_update(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        let old = self.load("refund", p.id("refund"), "refund")?;
        let refund = self.simple_update("refund", p, "refund")?;
        self.emit_update("charge.refund.updated", &old, &refund);
        Ok(refund)
    }

    pub(crate) fn dispute_update(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        let id = p.id("dispute");
        let old = self.load("dispute", id, "dispute")?;
        if matches!(text(&old["status"]), "won" | "lost") {
            return Err(refused(
                None,
                "This dispute is already closed and can no longer be updated.".into(),
                None,
            ));
        }
        let mut dispute = Value::clone(&old);
        apply_params(&mut dispute, p, &["dispute", "submit"]);
        let has_evidence = p.iter().any(|(k, _)| k.starts_with("evidence."));
        if has_evidence {
            dispute["evidence_details"]["has_evidence"] = json!(true);
        }
        if p.bool("submit").unwrap_or(true) && has_evidence {
            let n = dispute["evidence_details"]["submission_count"]
                .as_i64()
                .unwrap_or(0);
            dispute["evidence_details"]["submission_count"] = json!(n + 1);
            dispute["status"] = json!("under_review");
        }
        let dispute = self.save(dispute);
        self.emit_update("charge.dispute.updated", &old, &dispute);
        Ok(dispute)
    }

    pub(crate) fn dispute_close(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        let id = p.id("dispute");
        let mut dispute = self.load_copy("dispute", id, "dispute")?;
        if matches!(text(&dispute["status"]), "won" | "lost" | "warning_closed") {
            return Err(refused(
                None,
                "This dispute is already closed.".into(),
                None,
            ));
        }
        // Closing an inquiry ends it without a chargeback.
        let closed = if dispute["status"]
            .as_str()
            .is_some_and(|s| s.starts_with("warning_"))
        {
            "warning_closed"
        } else {
            "lost"
        };
        dispute["status"] = json!(closed);
        let dispute = self.save(dispute);
        self.emit("charge.dispute.closed", dispute.clone(), None);
        Ok(dispute)
    }

    pub(crate) fn payout_create(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        let amount = p.int("amount").unwrap_or(0);
        if amount <= 0 {
            return Err(invalid(
                "amount",
                "parameter_invalid_integer",
                "Invalid positive integer".into(),
            ));
        }
        let id = ids::new_id(&mut self.rng, "payout");
        let mut payout = objects::payout(
            id,
            self.clock.now(),
            amount,
            &p.id("currency").to_lowercase(),
        );
        apply_params(&mut payout, p, &["amount", "currency"]);
        let payout = self.save(payout);
        self.emit("payout.created", payout.clone(), None);
        Ok(payout)
    }

    pub(crate) fn payout_cancel(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        let mut payout = self.load_copy("payout", p.id("payout"), "payout")?;
        if payout["status"] != "pending" {
            return Err(refused(
                None,
                format!(
                    "Payouts can only be canceled while they are pending; this one is {}.",
                    text(&payout["status"])
                ),
                None,
            ));
        }
        payout["status"] = json!("canceled");
        let payout = self.save(payout);
        self.emit("payout.canceled", payout.clone(), None);
        Ok(payout)
    }

    pub(crate) fn checkout_session_create(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        let mode = p.str("mode").unwrap_or("payment").to_string();
        let rows = self.price_rows(p, "line_items", false)?;
        if rows.is_empty() && mode != "setup" {
            return Err(param_missing("line_items"));
        }
        if let Some(i) = rows.iter().position(|r| r.quantity.is_none()) {
            return Err(param_missing(&format!("line_items[{i}][quantity]")));
        }
        if mode == "subscription" && !rows.iter().any(|r| r.price["type"] == "recurring") {
            return Err(invalid(
                "line_items",
                "parameter_invalid_string",
                "You must provide at least one recurring price in `subscription` mode when using prices.".into(),
            ));
        }
        if let Some(c) = p.str("customer") {
            self.load("customer", c, "customer")?;
        }
        let id = ids::new_id(&mut self.rng, "checkout.session");
        let mut session = objects::checkout_session(id, self.clock.now(), &mode);
        if let Some(first) = rows.first() {
            let total: i64 = rows
                .iter()
                .map(|r| r.price["unit_amount"].as_i64().unwrap_or(0) * r.quantity.unwrap_or(1))
                .sum();
            session["amount_subtotal"] = json!(total);
            session["amount_total"] = json!(total);
            session["currency"] = first.price["currency"].clone();
        }
        apply_params(&mut session, p, &["mode", "line_items"]);
        // The sandbox remembers what is sold to complete the session later.
        if !rows.is_empty() {
            let lines: Vec<Value> = rows
                .iter()
                .map(|r| json!({"price": r.price, "quantity": r.quantity.unwrap_or(1)}))
                .collect();
            self.store.put(json!({"id": format!("{}_line", text(&session["id"])), "object": "item", "lines": lines}));
        }
        let session = self.save(session);
        Ok(session)
    }

    pub(crate) fn checkout_session_expire(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        let id = p.id("session");
        let session = self.load("checkout.session", id, "session")?;
        if session["status"] != "open" {
            return Err(refused(
                None,
                format!("Only Checkout Sessions with a status of `open` can be expired. This session is {}.", text(&session["status"])),
                None,
            ));
        }
        Ok(self.expire_session(Arc::unwrap_or_clone(session)))
    }

    /// Open → expired; emits `checkout.session.expired`.
    pub(crate) fn expire_session(&mut self, mut session: Value) -> Arc<Value> {
        session["status"] = json!("expired");
        session["url"] = Value::Null;
        let session = self.save(session);
        self.emit("checkout.session.expired", session.clone(), None);
        session
    }

    /// A customer pays an open Checkout Session with the payment method `pm_id` (Checkout's
    /// page confirming). In payment mode no customer is created (Checkout's default
    /// `customer_creation: if_required`): the payment intent is created and charged, then
    /// `checkout.session.completed`. A bank debit (`sepa_debit`) completes `unpaid` with the
    /// payment `processing`. In subscription mode the customer is created, and the
    /// subscription with it.
    pub(crate) fn complete_checkout(
        &mut self,
        id: &str,
        pm_id: &str,
    ) -> Result<Arc<Value>, ApiError> {
        let mut session = self.load_copy("checkout.session", id, "session")?;
        if session["status"] != "open" {
            return Err(refused(
                Some("checkout_session_not_open"),
                format!(
                    "This Checkout Session is {} and can no longer be paid.",
                    text(&session["status"])
                ),
                None,
            ));
        }
        let line = self.store.get(&format!("{id}_line")).cloned();
        let pm = self.load("payment_method", pm_id, "payment_method")?;
        let billing = pm["billing_details"].clone();
        session["customer_details"] = json!({
            "address": billing["address"], "business_name": null, "email": billing["email"],
            "individual_name": null, "name": billing["name"],
            "phone": billing["phone"], "tax_exempt": "none", "tax_ids": []
        });
        let mode = text(&session["mode"]).to_string();
        let mut outcome = Ok(());
        if mode == "payment" {
            let amount = session["amount_total"].as_i64().unwrap_or(0);
            let customer = session["customer"].as_str().map(str::to_string);
            let pi =
                self.new_payment_intent(amount, text(&session["currency"]), customer.as_deref());
            let pi_id = text(&pi["id"]).to_string();
            session["payment_intent"] = json!(pi_id);
            outcome = self.attempt_payment(&pi_id, pm_id);
        } else if mode == "subscription" {
            let customer = match session["customer"].as_str() {
                Some(c) => c.to_string(),
                None => {
                    let mut c = self.fresh("customer");
                    c["name"] = billing["name"].clone();
                    c["email"] = billing["email"].clone();
                    let c = self.save(c);
                    self.emit("customer.created", c.clone(), None);
                    text(&c["id"]).to_string()
                }
            };
            self.attach_payment_method(pm_id, &customer)?;
            session["customer"] = json!(customer);
            if let Some(line) = line {
                let items: Vec<Value> = line["lines"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|l| l["price"]["type"] == "recurring")
                    .map(|l| json!({"price": l["price"]["id"], "quantity": l["quantity"]}))
                    .collect();
                let params =
                    json!({"customer": customer, "items": items, "default_payment_method": pm_id});
                let p = Params(params.as_object().cloned().unwrap_or_default());
                let sub = self.subscription_create(&p)?;
                session["subscription"] = sub["id"].clone();
                session["invoice"] = sub["latest_invoice"].clone();
            }
        }
        outcome?;
        let processing = session["payment_intent"]
            .as_str()
            .and_then(|pi| self.store.get(pi))
            .is_some_and(|pi| pi["status"] == "processing");
        session["status"] = json!("complete");
        session["payment_status"] = json!(match mode.as_str() {
            "setup" => "no_payment_required",
            _ if processing => "unpaid",
            _ => "paid",
        });
        session["url"] = Value::Null;
        let session = self.save(session);
        self.emit("checkout.session.completed", session.clone(), None);
        Ok(session)
    }

    /// A bank debit that was `processing` settles, days later (no request): the charge and
    /// payment intent succeed or fail, then the Checkout Session that took it, if any, sends
    /// `checkout.session.async_payment_succeeded` / `_failed`.
    pub(crate) fn settle_debit(&mut self, pi_id: &str, succeeds: bool) -> Result<(), ApiError> {
        let mut pi = self.load_copy("payment_intent", pi_id, "payment_intent")?;
        let mut charge = self.load_copy("charge", text(&pi["latest_charge"]), "charge")?;
        let amount = pi["amount"].as_i64().unwrap_or(0);
        if succeeds {
            charge["status"] = json!("succeeded");
            charge["paid"] = json!(true);
            pi["status"] = json!("succeeded");
            pi["amount_received"] = json!(amount);
        } else {
            charge["status"] = json!("failed");
            charge["failure_code"] = json!("insufficient_funds");
            charge["failure_message"] =
                json!("The account has insufficient funds to cover the payment.");
            pi["status"] = json!("requires_payment_method");
        }
        let charge = self.save(charge);
        let pi = self.save(pi);
        let (charge_kind, pi_kind, session_kind) = if succeeds {
            (
                "charge.succeeded",
                "payment_intent.succeeded",
                "checkout.session.async_payment_succeeded",
            )
        } else {
            (
                "charge.failed",
                "payment_intent.payment_failed",
                "checkout.session.async_payment_failed",
            )
        };
        self.emit_async(charge_kind, charge, None);
        self.emit_async(pi_kind, pi, None);
        let session = self
            .store
            .list("checkout.session")
            .find(|s| s["payment_intent"] == pi_id)
            .cloned();
        if let Some(mut session) = session {
            if succeeds {
                session["payment_status"] = json!("paid");
            }
            let session = self.save(session);
            self.emit_async(session_kind, session, None);
        }
        Ok(())
    }

    pub(crate) fn review_approve(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        let mut review = self.load_copy("review", p.id("review"), "review")?;
        if review["open"] != true {
            return Err(refused(None, "This review is already closed.".into(), None));
        }
        review["open"] = json!(false);
        review["closed_reason"] = json!("approved");
        review["reason"] = json!("approved");
        let review = self.save(review);
        self.emit("review.closed", review.clone(), None);
        Ok(review)
    }
}
