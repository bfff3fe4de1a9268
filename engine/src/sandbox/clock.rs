//! The sandbox clock and the time-based effects of advancing it.
//!
//! Sandbox time starts at the real time the app passes in and only moves when
//! [`Sandbox::advance`] is called. Advancing walks through every effect due in the skipped
//! interval, in time order, setting the clock to each effect's time so the objects and
//! events it creates carry it. The effects simulated (see [`TimeEffect`]) are the ones
//! workflows commonly react to; everything else stays still.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::json::json;

use super::Sandbox;
use crate::event::Event;

/// One time-based effect [`Sandbox::advance`] simulates: what the clock's **Advance time**
/// panel lists. The engine gives what happens and the events it sends (Stripe's names); the
/// app words it per language (English: [`TimeEffect::label`]; French: its catalog, by
/// [`TimeEffect::id`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimeEffect {
    /// 3 days before a trial ends, the reminder.
    TrialWillEnd,
    /// At a trial's end, the first paid period is invoiced and charged.
    TrialEnd,
    /// At a period's end, a subscription renews or ends.
    PeriodEnd,
    /// An automatically collected invoice is attempted an hour after it is finalized, and
    /// on each retry.
    PaymentAttempt,
    /// An open `send_invoice` invoice passes its due date.
    InvoiceOverdue,
    /// An open Checkout Session reaches its `expires_at`.
    CheckoutExpired,
    /// A pending payout reaches its `arrival_date`.
    PayoutPaid,
}

impl TimeEffect {
    /// Every effect, in the order the panel lists them.
    pub const ALL: [TimeEffect; 7] = [
        TimeEffect::TrialWillEnd,
        TimeEffect::TrialEnd,
        TimeEffect::PeriodEnd,
        TimeEffect::PaymentAttempt,
        TimeEffect::InvoiceOverdue,
        TimeEffect::CheckoutExpired,
        TimeEffect::PayoutPaid,
    ];

    /// A stable id, the key of its wording in other languages.
    pub fn id(self) -> &'static str {
        match self {
            TimeEffect::TrialWillEnd => "trial_will_end",
            TimeEffect::TrialEnd => "trial_end",
            TimeEffect::PeriodEnd => "period_end",
            TimeEffect::PaymentAttempt => "payment_attempt",
            TimeEffect::InvoiceOverdue => "invoice_overdue",
            TimeEffect::CheckoutExpired => "checkout_expired",
            TimeEffect::PayoutPaid => "payout_paid",
        }
    }

    /// The event types it sends, as Stripe names them (a sentence in any language names
    /// every one).
    pub fn events(self) -> &'static [&'static str] {
        match self {
            TimeEffect::TrialWillEnd => &["customer.subscription.trial_will_end"],
            TimeEffect::TrialEnd => &[
                "invoice.created",
                "invoice.finalized",
                "invoice.paid",
                "customer.subscription.updated",
            ],
            TimeEffect::PeriodEnd => &["customer.subscription.deleted"],
            TimeEffect::PaymentAttempt => &["invoice.paid", "invoice.payment_failed"],
            TimeEffect::InvoiceOverdue => &["invoice.overdue"],
            TimeEffect::CheckoutExpired => &["checkout.session.expired"],
            TimeEffect::PayoutPaid => &["payout.paid"],
        }
    }

    /// What it does, in English.
    pub fn label(self) -> &'static str {
        match self {
            TimeEffect::TrialWillEnd => {
                "3 days before a trial ends: customer.subscription.trial_will_end"
            }
            TimeEffect::TrialEnd => {
                "trial end: the first paid period is invoiced and charged (invoice.created, invoice.finalized, payment events, invoice.paid, customer.subscription.updated)"
            }
            TimeEffect::PeriodEnd => {
                "period end: a subscription renews and bills its next period, or ends if cancel_at_period_end (customer.subscription.deleted)"
            }
            TimeEffect::PaymentAttempt => {
                "an hour after an automatically collected invoice is finalized, and on each retry: payment attempt (invoice.paid or invoice.payment_failed; the subscription becomes past_due)"
            }
            TimeEffect::InvoiceOverdue => {
                "due date of an open send_invoice invoice: invoice.overdue"
            }
            TimeEffect::CheckoutExpired => {
                "expires_at of an open Checkout Session: checkout.session.expired"
            }
            TimeEffect::PayoutPaid => "arrival_date of a pending payout: payout.paid",
        }
    }
}

/// Most effects one advance applies, so a huge jump cannot hang the page.
const MAX_EFFECTS: usize = 10_000;

/// Sandbox time, plus the one-off reminders already sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    now: i64,
    /// Keys of reminders already emitted (`trial_will_end:<sub>:<trial_end>`).
    fired: BTreeSet<String>,
}

impl Clock {
    /// A clock reading `now` (Unix seconds).
    pub fn new(now: i64) -> Self {
        Self {
            now,
            fired: BTreeSet::new(),
        }
    }

    /// Current time, Unix seconds.
    pub fn now(&self) -> i64 {
        self.now
    }

    /// Moves time forward by `seconds` without applying effects (the time an API call
    /// takes; effects that fall due are applied by the next [`Sandbox::advance`], which
    /// applies every effect due by its target).
    pub(crate) fn tick(&mut self, seconds: i64) {
        self.now = self.now.saturating_add(seconds.max(0));
    }
}

/// One due effect.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Effect {
    TrialWillEnd(String),
    TrialEnds(String),
    PeriodEnds(String),
    RetryInvoice(String),
    InvoiceOverdue(String),
    SessionExpires(String),
    PayoutArrives(String),
}

/// `(year, month, day)` of a count of days since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Days since 1970-01-01 of a civil date.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `ts` plus `count` billing intervals (`day`, `week`, `month`, `year`), with calendar
/// months as Stripe bills them (Jan 31 + 1 month = Feb 28/29).
pub(crate) fn add_interval(ts: i64, interval: &str, count: i64) -> i64 {
    let count = count.max(1);
    match interval {
        "day" => ts + count * 86_400,
        "week" => ts + count * 7 * 86_400,
        "month" | "year" => {
            let months = if interval == "year" {
                count * 12
            } else {
                count
            };
            let days = ts.div_euclid(86_400);
            let secs = ts.rem_euclid(86_400);
            let (y, m, d) = civil_from_days(days);
            let total = y * 12 + i64::from(m) - 1 + months;
            let (ny, nm) = (total.div_euclid(12), (total.rem_euclid(12) + 1) as u32);
            let nd = d.min(days_in_month(ny, nm));
            days_from_civil(ny, nm, nd) * 86_400 + secs
        }
        _ => ts + count * 30 * 86_400,
    }
}

impl Sandbox {
    /// Moves sandbox time forward by `seconds` (negative values are ignored) and applies
    /// every effect due on the way, in time order. Returns the events they emitted, oldest
    /// first; the same events are also queued for [`Sandbox::take_events`], so dispatch
    /// from one of the two.
    pub fn advance(&mut self, seconds: i64) -> Vec<Event> {
        let target = self.clock.now.saturating_add(seconds.max(0));
        let start = self.pending.len();
        for _ in 0..MAX_EFFECTS {
            let Some((at, effect)) = self.next_effect(target) else {
                break;
            };
            self.clock.now = self.clock.now.max(at);
            self.apply(effect);
        }
        self.clock.now = target;
        self.pending[start..].to_vec()
    }

    /// The earliest effect due at or before `target`.
    fn next_effect(&self, target: i64) -> Option<(i64, Effect)> {
        let mut best: Option<(i64, Effect)> = None;
        let mut consider = |at: Option<i64>, effect: Effect| {
            if let Some(at) = at.filter(|at| *at <= target) {
                if best.as_ref().is_none_or(|(t, e)| (at, &effect) < (*t, e)) {
                    best = Some((at, effect));
                }
            }
        };
        for sub in self.store.list("subscription") {
            let id = sub["id"].as_str().unwrap_or_default().to_string();
            let period_end = sub["items"]["data"][0]["current_period_end"].as_i64();
            match sub["status"].as_str() {
                Some("trialing") => {
                    let trial_end = sub["trial_end"].as_i64();
                    let key = format!("trial_will_end:{id}:{}", trial_end.unwrap_or(0));
                    if !self.clock.fired.contains(&key) {
                        consider(
                            trial_end.map(|t| t - 3 * 86_400),
                            Effect::TrialWillEnd(id.clone()),
                        );
                    }
                    consider(trial_end, Effect::TrialEnds(id));
                }
                Some("active") | Some("past_due") => consider(period_end, Effect::PeriodEnds(id)),
                _ => {}
            }
        }
        for inv in self.store.list("invoice") {
            if inv["status"] != "open" {
                continue;
            }
            let id = inv["id"].as_str().unwrap_or_default().to_string();
            if inv["collection_method"] == "charge_automatically" && inv["auto_advance"] == true {
                consider(
                    inv["next_payment_attempt"].as_i64(),
                    Effect::RetryInvoice(id),
                );
            } else if inv["collection_method"] == "send_invoice" {
                let key = format!("overdue:{id}");
                if !self.clock.fired.contains(&key) {
                    consider(inv["due_date"].as_i64(), Effect::InvoiceOverdue(id));
                }
            }
        }
        for session in self.store.list("checkout.session") {
            if session["status"] == "open" {
                let id = session["id"].as_str().unwrap_or_default().to_string();
                consider(session["expires_at"].as_i64(), Effect::SessionExpires(id));
            }
        }
        for payout in self.store.list("payout") {
            if payout["status"] == "pending" || payout["status"] == "in_transit" {
                let id = payout["id"].as_str().unwrap_or_default().to_string();
                consider(payout["arrival_date"].as_i64(), Effect::PayoutArrives(id));
            }
        }
        best
    }

    /// Applies one effect; every branch changes state so it is not due again.
    fn apply(&mut self, effect: Effect) {
        match effect {
            Effect::TrialWillEnd(id) => {
                if let Some(sub) = self.store.shared(&id).cloned() {
                    let key = format!(
                        "trial_will_end:{id}:{}",
                        sub["trial_end"].as_i64().unwrap_or(0)
                    );
                    self.clock.fired.insert(key);
                    self.emit("customer.subscription.trial_will_end", sub, None);
                }
            }
            Effect::TrialEnds(id) => {
                if let Some(mut sub) = self.store.get(&id).cloned() {
                    let before = sub.clone();
                    sub["status"] = json!("active");
                    self.start_next_period(&mut sub);
                    self.store.put(sub);
                    if self
                        .bill_subscription(&id, "subscription_cycle", false, Some(before))
                        .is_err()
                    {
                        self.force_status(&id, "past_due");
                    }
                }
            }
            Effect::PeriodEnds(id) => {
                let Some(mut sub) = self.store.get(&id).cloned() else {
                    return;
                };
                if sub["cancel_at_period_end"] == true {
                    if self
                        .end_subscription(&id, "cancellation_requested")
                        .is_err()
                    {
                        self.force_status(&id, "canceled");
                    }
                    return;
                }
                let before = sub.clone();
                self.start_next_period(&mut sub);
                self.store.put(sub);
                if self
                    .bill_subscription(&id, "subscription_cycle", false, Some(before))
                    .is_err()
                {
                    self.force_status(&id, "past_due");
                }
            }
            Effect::RetryInvoice(id) => {
                let old_sub = self
                    .store
                    .get(&id)
                    .and_then(|inv| inv["parent"]["subscription_details"]["subscription"].as_str())
                    .and_then(|s| self.store.shared(s))
                    .cloned();
                let paid = self.pay_invoice(&id, None, false).is_ok();
                if let Some(inv) = self.store.get(&id).cloned() {
                    if !paid
                        && inv["next_payment_attempt"]
                            .as_i64()
                            .is_some_and(|t| t <= self.clock.now)
                    {
                        let mut inv = inv;
                        inv["next_payment_attempt"] = Value::Null;
                        self.store.put(inv);
                    }
                }
                if let Some(old) = old_sub {
                    let next = match (old["status"].as_str(), paid) {
                        (Some("past_due") | Some("incomplete"), true) => Some("active"),
                        (Some("active"), false) => Some("past_due"),
                        _ => None,
                    };
                    if let Some(status) = next {
                        let mut sub = Value::clone(&old);
                        sub["status"] = json!(status);
                        let sub = self.save(sub);
                        self.emit_update("customer.subscription.updated", &old, &sub);
                    }
                }
            }
            Effect::InvoiceOverdue(id) => {
                self.clock.fired.insert(format!("overdue:{id}"));
                if let Some(inv) = self.store.shared(&id).cloned() {
                    self.emit("invoice.overdue", inv, None);
                }
            }
            Effect::SessionExpires(id) => {
                if let Some(session) = self.store.get(&id).cloned() {
                    self.expire_session(session);
                }
            }
            Effect::PayoutArrives(id) => {
                if let Some(mut payout) = self.store.get(&id).cloned() {
                    payout["status"] = json!("paid");
                    payout["reconciliation_status"] = json!("completed");
                    let payout = self.save(payout);
                    self.emit("payout.paid", payout, None);
                }
            }
        }
    }

    /// Moves every item of a subscription to its next billing period.
    fn start_next_period(&mut self, sub: &mut Value) {
        let now = self.clock.now;
        if let Some(items) = sub["items"]["data"].as_array_mut() {
            for item in items {
                let start = item["current_period_end"].as_i64().unwrap_or(now);
                let interval = item["price"]["recurring"]["interval"]
                    .as_str()
                    .unwrap_or("month")
                    .to_string();
                let count = item["price"]["recurring"]["interval_count"]
                    .as_i64()
                    .unwrap_or(1);
                item["current_period_start"] = json!(start);
                item["current_period_end"] = json!(add_interval(start, &interval, count));
            }
        }
    }

    /// Sets a subscription's status without events (when billing itself failed).
    fn force_status(&mut self, id: &str, status: &str) {
        if let Some(mut sub) = self.store.get(id).cloned() {
            sub["status"] = json!(status);
            self.store.put(sub);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_intervals() {
        // 2024-01-31T10:00:00Z
        let jan31 = days_from_civil(2024, 1, 31) * 86_400 + 36_000;
        let cases = [
            ("month clamps to leap February", "month", 1, (2024, 2, 29)),
            ("two months", "month", 2, (2024, 3, 31)),
            ("year", "year", 1, (2025, 1, 31)),
            ("week", "week", 1, (2024, 2, 7)),
        ];
        for (name, interval, count, want) in cases {
            let got = add_interval(jan31, interval, count);
            assert_eq!(civil_from_days(got.div_euclid(86_400)), want, "{name}");
            assert_eq!(got.rem_euclid(86_400), 36_000, "{name}: time of day kept");
        }
    }
}
