//! Stripe-style object ids (`cus_...`, `in_...`, `evt_...`), deterministic from the seed.
//!
//! Stripe ids are a type prefix and a random base-62 tail; customers and products have a
//! short 14-character tail, most other objects a 24-character one. Ours are drawn from the
//! sandbox's seeded generator, so the same seed produces the same ids.

use super::rng::Rng;

const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// The id prefix Stripe uses for an object type; `obj` for the rare types without one.
pub fn prefix(object: &str) -> &'static str {
    match object {
        "customer" => "cus",
        "product" => "prod",
        "price" | "plan" => "price",
        "invoice" => "in",
        "invoiceitem" => "ii",
        "line_item" => "il",
        "subscription" => "sub",
        "subscription_item" => "si",
        "payment_intent" => "pi",
        "charge" => "ch",
        "refund" => "re",
        "dispute" => "dp",
        "event" => "evt",
        "request" => "req",
        "promotion_code" => "promo",
        "checkout.session" => "cs_test",
        "payment_method" => "pm",
        "radar.early_fraud_warning" => "issfr",
        "review" => "prv",
        "payout" => "po",
        "credit_note" => "cn",
        "credit_note_line_item" => "cnli",
        "discount" => "di",
        "card" => "card",
        "bank_account" => "ba",
        "tax_id" => "txi",
        "balance_transaction" => "txn",
        "account" => "acct",
        "application" => "ca",
        "application_fee" => "fee",
        "fee_refund" => "fr",
        "billing.alert" => "alrt",
        "billing.credit_balance_transaction" => "cbtxn",
        "billing.credit_grant" => "credgr",
        "billing.meter" => "mtr",
        "billing_portal.configuration" => "bpc",
        "billing_portal.session" => "bps",
        "climate.order" => "climorder",
        "climate.product" => "climsku",
        "customer_cash_balance_transaction" => "ccsbtxn",
        "file" => "file",
        "financial_connections.account" => "fca",
        "financial_connections.authorization" => "fcauth",
        "identity.verification_session" => "vs",
        "invoice_payment" => "inpay",
        "issuing.authorization" => "iauth",
        "issuing.card" => "ic",
        "issuing.cardholder" => "ich",
        "issuing.dispute" => "idp",
        "issuing.personalization_design" => "ipcd",
        "issuing.token" => "intok",
        "issuing.transaction" => "ipi",
        "mandate" => "mandate",
        "payment_link" => "plink",
        "person" => "person",
        "quote" => "qt",
        "reporting.report_run" => "frr",
        "reserve.hold" => "rsvh",
        "reserve.plan" => "rsvp",
        "reserve.release" => "rsvr",
        "scheduled_query_run" => "sqr",
        "setup_intent" => "seti",
        "source" => "src",
        "source_mandate_notification" => "srcmn",
        "source_transaction" => "srctxn",
        "subscription_schedule" => "sub_sched",
        "tax_rate" => "txr",
        "terminal.reader" => "tmr",
        "test_helpers.test_clock" => "clock",
        "topup" => "tu",
        "transfer" => "tr",
        "transfer_reversal" => "trr",
        "treasury.credit_reversal" => "credrev",
        "treasury.debit_reversal" => "debrev",
        "treasury.financial_account" => "fa",
        "treasury.inbound_transfer" => "ibt",
        "treasury.outbound_payment" => "obp",
        "treasury.outbound_transfer" => "obt",
        "treasury.received_credit" => "rc",
        "treasury.received_debit" => "rd",
        _ => "obj",
    }
}

/// Length of the random tail for an object type.
fn tail_len(object: &str) -> usize {
    match object {
        "customer" | "product" | "request" | "subscription_item" => 14,
        "checkout.session" => 58,
        _ => 24,
    }
}

/// A random base-62 string of `len` characters.
pub fn random_tail(rng: &mut Rng, len: usize) -> String {
    let mut s = String::with_capacity(len);
    let mut bits = 0u64;
    let mut left = 0;
    for _ in 0..len {
        if left == 0 {
            bits = rng.next_u64();
            left = 10;
        }
        s.push(ALPHABET[(bits % 62) as usize] as char);
        bits /= 62;
        left -= 1;
    }
    s
}

/// A fresh id for an object of type `object`, such as `cus_Qx3...`.
pub fn new_id(rng: &mut Rng, object: &str) -> String {
    let p = prefix(object);
    let mut id = String::with_capacity(p.len() + 1 + 58);
    id.push_str(p);
    id.push('_');
    if object == "checkout.session" {
        id.push_str("a1");
        id.push_str(&random_tail(rng, tail_len(object) - 2));
    } else {
        id.push_str(&random_tail(rng, tail_len(object)));
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_carry_the_prefix_and_are_reproducible() {
        let cases = [
            ("customer", "cus_"),
            ("invoice", "in_"),
            ("checkout.session", "cs_test_"),
            ("event", "evt_"),
            ("unknown.thing", "obj_"),
        ];
        for (object, want) in cases {
            let a = new_id(&mut Rng::new(3), object);
            let b = new_id(&mut Rng::new(3), object);
            assert!(a.starts_with(want), "{object}: {a}");
            assert_eq!(a, b, "{object}");
        }
    }
}
