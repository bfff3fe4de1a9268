//! The scenario of every event type the sandbox simulates, call by call: the API calls it
//! makes, in order, and for each call exactly the event types Stripe emits, in Stripe's
//! order; `later` holds what Stripe causes afterwards on its own (a null `request.id`).
//!
//! Where a Stripe CLI trigger fixture exists for the type (`Cli`), the calls must be the
//! fixture's, read from `tests/data/stripe_cli_trigger_calls.json` (derived from the CLI's
//! fixtures by `tests/data/derive.py`). `NoFixture` scenarios make the most common real
//! sequence (the scenario's code says which); `Differs` says why a fixture cannot be
//! followed. `docs/sandbox-scenarios.md` lists the same table, written by
//! `the_docs_list_every_scenario` when `SANDFLOW_WRITE_DOCS=1`.

mod common;

use common::sandbox::chain;
use sandflow_engine::sandbox::Sandbox;
use serde_json::{Map, Value};
use Follows::{Cli, Differs, NoFixture};

/// The CLI fixtures' calls: `fixtures` maps each fixture to its "METHOD /path" calls.
const CLI_CALLS: &str = include_str!("data/stripe_cli_trigger_calls.json");

/// How a scenario relates to the Stripe CLI's fixture for its type.
#[derive(Clone, Copy, Debug)]
enum Follows {
    /// It makes exactly the calls of the fixture of the same name.
    Cli,
    /// The CLI has no fixture for the type.
    NoFixture,
    /// The fixture cannot be followed, for this reason.
    Differs(&'static str),
}

/// One scenario: its event type, how it relates to the CLI, and its chain.
struct Scenario {
    kind: &'static str,
    follows: Follows,
    chain: &'static [(&'static str, &'static [&'static str])],
}

const SCENARIOS: &[Scenario] = &[
    Scenario {
        kind: "account.application.deauthorized",
        follows: Cli,
        chain: &[
            ("POST /v1/accounts", &[]),
            ("DELETE /v1/accounts/{}", &["account.application.deauthorized"]),
        ],
    },
    Scenario {
        kind: "account.updated",
        follows: Cli,
        chain: &[
            ("POST /v1/accounts", &[]),
            ("POST /v1/accounts/{}", &["account.updated"]),
        ],
    },
    Scenario {
        kind: "balance.available",
        follows: Cli,
        chain: &[
            ("POST /v1/payment_intents", &["payment_intent.created", "charge.succeeded", "payment_intent.succeeded"]),
            ("later", &["balance.available"]),
        ],
    },
    Scenario {
        kind: "billing_portal.configuration.created",
        follows: Cli,
        chain: &[
            ("POST /v1/billing_portal/configurations", &["billing_portal.configuration.created"]),
        ],
    },
    Scenario {
        kind: "billing_portal.configuration.updated",
        follows: Cli,
        chain: &[
            ("POST /v1/billing_portal/configurations", &["billing_portal.configuration.created"]),
            ("POST /v1/billing_portal/configurations/{}", &["billing_portal.configuration.updated"]),
        ],
    },
    Scenario {
        kind: "billing_portal.session.created",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created"]),
            ("POST /v1/billing_portal/sessions", &["billing_portal.session.created"]),
        ],
    },
    Scenario {
        kind: "cash_balance.funds_available",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created"]),
            ("POST /v1/test_helpers/customers/{}/fund_cash_balance", &["customer_cash_balance_transaction.created", "cash_balance.funds_available"]),
        ],
    },
    Scenario {
        kind: "charge.captured",
        follows: Cli,
        chain: &[
            ("POST /v1/payment_intents", &["payment_intent.created", "charge.succeeded", "payment_intent.amount_capturable_updated"]),
            ("POST /v1/payment_intents/{}/capture", &["charge.captured", "payment_intent.succeeded"]),
        ],
    },
    Scenario {
        kind: "charge.dispute.closed",
        follows: Cli,
        chain: &[
            ("POST /v1/payment_intents", &["payment_intent.created", "charge.succeeded", "payment_intent.succeeded"]),
            ("later", &["charge.dispute.created"]),
            ("GET /v1/disputes", &[]),
            ("POST /v1/disputes/{}/close", &["charge.dispute.closed"]),
        ],
    },
    Scenario {
        kind: "charge.dispute.created",
        follows: Cli,
        chain: &[
            ("POST /v1/payment_intents", &["payment_intent.created", "charge.succeeded", "payment_intent.succeeded"]),
            ("later", &["charge.dispute.created"]),
        ],
    },
    Scenario {
        kind: "charge.dispute.funds_reinstated",
        follows: NoFixture,
        chain: &[
            ("POST /v1/payment_intents", &["payment_intent.created", "charge.succeeded", "payment_intent.succeeded"]),
            ("later", &["charge.dispute.created", "charge.dispute.funds_withdrawn", "charge.dispute.closed", "charge.dispute.funds_reinstated"]),
        ],
    },
    Scenario {
        kind: "charge.dispute.funds_withdrawn",
        follows: NoFixture,
        chain: &[
            ("POST /v1/payment_intents", &["payment_intent.created", "charge.succeeded", "payment_intent.succeeded"]),
            ("later", &["charge.dispute.created", "charge.dispute.funds_withdrawn"]),
        ],
    },
    Scenario {
        kind: "charge.dispute.updated",
        follows: Cli,
        chain: &[
            ("POST /v1/payment_intents", &["payment_intent.created", "charge.succeeded", "payment_intent.succeeded"]),
            ("later", &["charge.dispute.created"]),
            ("GET /v1/disputes", &[]),
            ("POST /v1/disputes/{}", &["charge.dispute.updated"]),
        ],
    },
    Scenario {
        kind: "charge.expired",
        follows: NoFixture,
        chain: &[
            ("POST /v1/payment_intents", &["payment_intent.created", "charge.succeeded", "payment_intent.amount_capturable_updated"]),
            ("later", &["charge.expired"]),
        ],
    },
    Scenario {
        kind: "charge.failed",
        follows: Cli,
        chain: &[
            ("POST /v1/payment_intents", &["payment_intent.created", "charge.failed", "payment_intent.payment_failed"]),
        ],
    },
    Scenario {
        kind: "charge.pending",
        follows: NoFixture,
        chain: &[
            ("POST /v1/payment_methods", &[]),
            ("POST /v1/payment_intents", &["payment_intent.created", "charge.pending", "payment_intent.processing"]),
        ],
    },
    Scenario {
        kind: "charge.refund.updated",
        follows: Cli,
        chain: &[
            ("POST /v1/payment_intents", &["payment_intent.created", "charge.succeeded", "payment_intent.succeeded"]),
            ("POST /v1/refunds", &["refund.created", "charge.refunded"]),
            ("POST /v1/refunds/{}", &["refund.updated", "charge.refund.updated"]),
        ],
    },
    Scenario {
        kind: "charge.refunded",
        follows: Cli,
        chain: &[
            ("POST /v1/payment_intents", &["payment_intent.created", "charge.succeeded", "payment_intent.succeeded"]),
            ("POST /v1/refunds", &["refund.created", "charge.refunded"]),
        ],
    },
    Scenario {
        kind: "charge.succeeded",
        follows: Cli,
        chain: &[
            ("POST /v1/payment_intents", &["payment_intent.created", "charge.succeeded", "payment_intent.succeeded"]),
        ],
    },
    Scenario {
        kind: "charge.updated",
        follows: NoFixture,
        chain: &[
            ("POST /v1/payment_intents", &["payment_intent.created", "charge.succeeded", "payment_intent.succeeded"]),
            ("POST /v1/charges/{}", &["charge.updated"]),
        ],
    },
    Scenario {
        kind: "checkout.session.async_payment_failed",
        follows: Cli,
        chain: &[
            ("POST /v1/products", &["product.created"]),
            ("POST /v1/prices", &["price.created"]),
            ("POST /v1/checkout/sessions", &[]),
            ("GET /v1/payment_pages/{}", &[]),
            ("POST /v1/payment_methods", &[]),
            ("POST /v1/payment_pages/{}/confirm", &["payment_intent.created", "charge.pending", "payment_intent.processing", "checkout.session.completed"]),
            ("later", &["charge.failed", "payment_intent.payment_failed", "checkout.session.async_payment_failed"]),
        ],
    },
    Scenario {
        kind: "checkout.session.async_payment_succeeded",
        follows: Cli,
        chain: &[
            ("POST /v1/products", &["product.created"]),
            ("POST /v1/prices", &["price.created"]),
            ("POST /v1/checkout/sessions", &[]),
            ("GET /v1/payment_pages/{}", &[]),
            ("POST /v1/payment_methods", &[]),
            ("POST /v1/payment_pages/{}/confirm", &["payment_intent.created", "charge.pending", "payment_intent.processing", "checkout.session.completed"]),
            ("later", &["charge.succeeded", "payment_intent.succeeded", "checkout.session.async_payment_succeeded"]),
        ],
    },
    Scenario {
        kind: "checkout.session.completed",
        follows: Cli,
        chain: &[
            ("POST /v1/products", &["product.created"]),
            ("POST /v1/prices", &["price.created"]),
            ("POST /v1/checkout/sessions", &[]),
            ("GET /v1/payment_pages/{}", &[]),
            ("POST /v1/payment_methods", &[]),
            ("POST /v1/payment_pages/{}/confirm", &["payment_intent.created", "charge.succeeded", "payment_intent.succeeded", "checkout.session.completed"]),
        ],
    },
    Scenario {
        kind: "checkout.session.expired",
        follows: Cli,
        chain: &[
            ("POST /v1/products", &["product.created"]),
            ("POST /v1/prices", &["price.created"]),
            ("POST /v1/checkout/sessions", &[]),
            ("POST /v1/checkout/sessions/{}/expire", &["checkout.session.expired"]),
        ],
    },
    Scenario {
        kind: "coupon.created",
        follows: Cli,
        chain: &[
            ("POST /v1/coupons", &["coupon.created"]),
        ],
    },
    Scenario {
        kind: "coupon.deleted",
        follows: Cli,
        chain: &[
            ("POST /v1/coupons", &["coupon.created"]),
            ("DELETE /v1/coupons/{}", &["coupon.deleted"]),
        ],
    },
    Scenario {
        kind: "coupon.updated",
        follows: Cli,
        chain: &[
            ("POST /v1/coupons", &["coupon.created"]),
            ("POST /v1/coupons/{}", &["coupon.updated"]),
        ],
    },
    Scenario {
        kind: "credit_note.created",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created"]),
            ("POST /v1/invoiceitems", &["invoiceitem.created"]),
            ("POST /v1/invoices", &["invoice.created"]),
            ("POST /v1/invoices/{}/finalize", &["invoice.finalized"]),
            ("POST /v1/credit_notes", &["credit_note.created", "invoice.updated"]),
        ],
    },
    Scenario {
        kind: "credit_note.updated",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created"]),
            ("POST /v1/invoiceitems", &["invoiceitem.created"]),
            ("POST /v1/invoices", &["invoice.created"]),
            ("POST /v1/invoices/{}/finalize", &["invoice.finalized"]),
            ("POST /v1/credit_notes", &["credit_note.created", "invoice.updated"]),
            ("POST /v1/credit_notes/{}", &["credit_note.updated"]),
        ],
    },
    Scenario {
        kind: "credit_note.voided",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created"]),
            ("POST /v1/invoiceitems", &["invoiceitem.created"]),
            ("POST /v1/invoices", &["invoice.created"]),
            ("POST /v1/invoices/{}/finalize", &["invoice.finalized"]),
            ("POST /v1/credit_notes", &["credit_note.created", "invoice.updated"]),
            ("POST /v1/credit_notes/{}/void", &["credit_note.voided"]),
        ],
    },
    Scenario {
        kind: "customer.created",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created"]),
        ],
    },
    Scenario {
        kind: "customer.deleted",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created"]),
            ("DELETE /v1/customers/{}", &["customer.deleted"]),
        ],
    },
    Scenario {
        kind: "customer.discount.created",
        follows: Cli,
        chain: &[
            ("POST /v1/coupons", &["coupon.created"]),
            ("POST /v1/customers", &["customer.created"]),
            ("later", &["customer.discount.created", "customer.updated"]),
        ],
    },
    Scenario {
        kind: "customer.discount.deleted",
        follows: Differs("the fixture removes the coupon with `coupon: \"\"` on `POST /v1/customers/{id}`, gone at the events' API version: the sandbox makes the call Stripe has for it, `DELETE /v1/customers/{id}/discount`"),
        chain: &[
            ("POST /v1/coupons", &["coupon.created"]),
            ("POST /v1/customers", &["customer.created"]),
            ("later", &["customer.discount.created", "customer.updated"]),
            ("DELETE /v1/customers/{}/discount", &["customer.discount.deleted", "customer.updated"]),
        ],
    },
    Scenario {
        kind: "customer.discount.updated",
        follows: Differs("the fixture replaces the coupon with `coupon` on `POST /v1/customers/{id}`, a parameter gone at the events' API version: the new discount comes without a request"),
        chain: &[
            ("POST /v1/coupons", &["coupon.created"]),
            ("POST /v1/customers", &["customer.created"]),
            ("later", &["customer.discount.created", "customer.updated"]),
            ("POST /v1/coupons", &["coupon.created"]),
            ("later", &["customer.discount.updated", "customer.updated"]),
        ],
    },
    Scenario {
        kind: "customer.source.created",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created"]),
            ("POST /v1/customers/{}/sources", &["customer.source.created", "customer.updated"]),
        ],
    },
    Scenario {
        kind: "customer.source.updated",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created"]),
            ("POST /v1/customers/{}/sources", &["customer.source.created", "customer.updated"]),
            ("POST /v1/customers/{}/sources/{}", &["customer.source.updated"]),
        ],
    },
    Scenario {
        kind: "customer.subscription.created",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created", "payment_method.attached"]),
            ("POST /v1/products", &["product.created"]),
            ("POST /v1/prices", &["price.created", "plan.created"]),
            ("POST /v1/subscriptions", &["customer.subscription.created", "invoice.created", "invoice.finalized", "payment_intent.created", "charge.succeeded", "payment_intent.succeeded", "invoice_payment.paid", "invoice.paid", "invoice.payment_succeeded"]),
        ],
    },
    Scenario {
        kind: "customer.subscription.deleted",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created", "payment_method.attached"]),
            ("POST /v1/products", &["product.created"]),
            ("POST /v1/prices", &["price.created", "plan.created"]),
            ("POST /v1/subscriptions", &["customer.subscription.created", "invoice.created", "invoice.finalized", "payment_intent.created", "charge.succeeded", "payment_intent.succeeded", "invoice_payment.paid", "invoice.paid", "invoice.payment_succeeded"]),
            ("DELETE /v1/subscriptions/{}", &["customer.subscription.deleted"]),
        ],
    },
    Scenario {
        kind: "customer.subscription.paused",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created"]),
            ("POST /v1/products", &["product.created"]),
            ("POST /v1/prices", &["price.created", "plan.created"]),
            ("POST /v1/subscriptions", &["customer.subscription.created", "invoice.created", "invoice.finalized", "invoice.paid", "invoice.payment_succeeded"]),
            ("POST /v1/subscriptions/{}", &["customer.subscription.updated", "customer.subscription.paused"]),
        ],
    },
    Scenario {
        kind: "customer.subscription.pending_update_applied",
        follows: NoFixture,
        chain: &[
            ("POST /v1/customers", &["customer.created", "payment_method.attached"]),
            ("POST /v1/products", &["product.created"]),
            ("POST /v1/prices", &["price.created", "plan.created"]),
            ("POST /v1/subscriptions", &["customer.subscription.created", "invoice.created", "invoice.finalized", "payment_intent.created", "charge.succeeded", "payment_intent.succeeded", "invoice_payment.paid", "invoice.paid", "invoice.payment_succeeded"]),
            ("later", &["customer.subscription.pending_update_applied"]),
        ],
    },
    Scenario {
        kind: "customer.subscription.pending_update_expired",
        follows: NoFixture,
        chain: &[
            ("POST /v1/customers", &["customer.created", "payment_method.attached"]),
            ("POST /v1/products", &["product.created"]),
            ("POST /v1/prices", &["price.created", "plan.created"]),
            ("POST /v1/subscriptions", &["customer.subscription.created", "invoice.created", "invoice.finalized", "payment_intent.created", "charge.succeeded", "payment_intent.succeeded", "invoice_payment.paid", "invoice.paid", "invoice.payment_succeeded"]),
            ("later", &["customer.subscription.pending_update_expired"]),
        ],
    },
    Scenario {
        kind: "customer.subscription.resumed",
        follows: NoFixture,
        chain: &[
            ("POST /v1/customers", &["customer.created"]),
            ("POST /v1/products", &["product.created"]),
            ("POST /v1/prices", &["price.created", "plan.created"]),
            ("POST /v1/subscriptions", &["customer.subscription.created", "invoice.created", "invoice.finalized", "invoice.paid", "invoice.payment_succeeded"]),
            ("POST /v1/subscriptions/{}", &["customer.subscription.updated", "customer.subscription.paused"]),
            ("POST /v1/subscriptions/{}/resume", &["customer.subscription.updated", "customer.subscription.resumed"]),
        ],
    },
    Scenario {
        kind: "customer.subscription.trial_will_end",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created"]),
            ("POST /v1/products", &["product.created"]),
            ("POST /v1/prices", &["price.created", "plan.created"]),
            ("POST /v1/subscriptions", &["customer.subscription.created", "invoice.created", "invoice.finalized", "invoice.paid", "invoice.payment_succeeded"]),
            ("later", &["customer.subscription.trial_will_end"]),
        ],
    },
    Scenario {
        kind: "customer.subscription.updated",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created", "payment_method.attached"]),
            ("POST /v1/products", &["product.created"]),
            ("POST /v1/prices", &["price.created", "plan.created"]),
            ("POST /v1/subscriptions", &["customer.subscription.created", "invoice.created", "invoice.finalized", "payment_intent.created", "charge.succeeded", "payment_intent.succeeded", "invoice_payment.paid", "invoice.paid", "invoice.payment_succeeded"]),
            ("POST /v1/subscriptions/{}", &["customer.subscription.updated"]),
        ],
    },
    Scenario {
        kind: "customer.updated",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created"]),
            ("POST /v1/customers/{}", &["customer.updated"]),
        ],
    },
    Scenario {
        kind: "identity.verification_session.canceled",
        follows: Cli,
        chain: &[
            ("POST /v1/identity/verification_sessions", &["identity.verification_session.created"]),
            ("POST /v1/identity/verification_sessions/{}/cancel", &["identity.verification_session.canceled"]),
        ],
    },
    Scenario {
        kind: "identity.verification_session.created",
        follows: Cli,
        chain: &[
            ("POST /v1/identity/verification_sessions", &["identity.verification_session.created"]),
        ],
    },
    Scenario {
        kind: "identity.verification_session.redacted",
        follows: Cli,
        chain: &[
            ("POST /v1/identity/verification_sessions", &["identity.verification_session.created"]),
            ("POST /v1/identity/verification_sessions/{}/redact", &[]),
            ("later", &["identity.verification_session.redacted"]),
        ],
    },
    Scenario {
        kind: "invoice.created",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created"]),
            ("POST /v1/invoiceitems", &["invoiceitem.created"]),
            ("POST /v1/invoices", &["invoice.created"]),
        ],
    },
    Scenario {
        kind: "invoice.deleted",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created"]),
            ("POST /v1/invoiceitems", &["invoiceitem.created"]),
            ("POST /v1/invoices", &["invoice.created"]),
            ("DELETE /v1/invoices/{}", &["invoice.deleted"]),
        ],
    },
    Scenario {
        kind: "invoice.finalization_failed",
        follows: NoFixture,
        chain: &[
            ("POST /v1/customers", &["customer.created"]),
            ("POST /v1/invoiceitems", &["invoiceitem.created"]),
            ("POST /v1/invoices", &["invoice.created"]),
            ("later", &["invoice.finalization_failed"]),
        ],
    },
    Scenario {
        kind: "invoice.finalized",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created"]),
            ("POST /v1/invoiceitems", &["invoiceitem.created"]),
            ("POST /v1/invoices", &["invoice.created"]),
            ("POST /v1/invoices/{}/finalize", &["invoice.finalized"]),
        ],
    },
    Scenario {
        kind: "invoice.marked_uncollectible",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created"]),
            ("POST /v1/invoiceitems", &["invoiceitem.created"]),
            ("POST /v1/invoices", &["invoice.created"]),
            ("POST /v1/invoices/{}/finalize", &["invoice.finalized"]),
            ("POST /v1/invoices/{}/mark_uncollectible", &["invoice.marked_uncollectible"]),
        ],
    },
    Scenario {
        kind: "invoice.overdue",
        follows: NoFixture,
        chain: &[
            ("POST /v1/customers", &["customer.created"]),
            ("POST /v1/invoiceitems", &["invoiceitem.created"]),
            ("POST /v1/invoices", &["invoice.created"]),
            ("POST /v1/invoices/{}/send", &["invoice.finalized", "invoice.sent"]),
            ("later", &["invoice.overdue"]),
        ],
    },
    Scenario {
        kind: "invoice.overpaid",
        follows: NoFixture,
        chain: &[
            ("POST /v1/customers", &["customer.created"]),
            ("POST /v1/invoiceitems", &["invoiceitem.created"]),
            ("POST /v1/invoices", &["invoice.created"]),
            ("POST /v1/invoices/{}/finalize", &["invoice.finalized"]),
            ("later", &["invoice.overpaid"]),
        ],
    },
    Scenario {
        kind: "invoice.paid",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created"]),
            ("POST /v1/payment_methods/{}/attach", &["payment_method.attached"]),
            ("POST /v1/invoiceitems", &["invoiceitem.created"]),
            ("POST /v1/invoices", &["invoice.created"]),
            ("POST /v1/invoices/{}/pay", &["invoice.finalized", "payment_intent.created", "charge.succeeded", "payment_intent.succeeded", "invoice_payment.paid", "invoice.paid", "invoice.payment_succeeded"]),
        ],
    },
    Scenario {
        kind: "invoice.payment_action_required",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created"]),
            ("POST /v1/payment_methods/{}/attach", &["payment_method.attached"]),
            ("POST /v1/invoiceitems", &["invoiceitem.created"]),
            ("POST /v1/invoices", &["invoice.created"]),
            ("POST /v1/invoices/{}/pay", &["invoice.finalized", "payment_intent.created", "payment_intent.requires_action", "invoice.payment_failed", "invoice.payment_action_required"]),
        ],
    },
    Scenario {
        kind: "invoice.payment_attempt_required",
        follows: NoFixture,
        chain: &[
            ("POST /v1/customers", &["customer.created"]),
            ("POST /v1/invoiceitems", &["invoiceitem.created"]),
            ("POST /v1/invoices", &["invoice.created"]),
            ("POST /v1/invoices/{}/finalize", &["invoice.finalized"]),
            ("later", &["invoice.payment_attempt_required"]),
        ],
    },
    Scenario {
        kind: "invoice.payment_failed",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created"]),
            ("POST /v1/payment_methods/{}/attach", &["payment_method.attached"]),
            ("POST /v1/invoiceitems", &["invoiceitem.created"]),
            ("POST /v1/invoices", &["invoice.created"]),
            ("POST /v1/invoices/{}/pay", &["invoice.finalized", "payment_intent.created", "charge.failed", "payment_intent.payment_failed", "invoice.payment_failed"]),
        ],
    },
    Scenario {
        kind: "invoice.payment_succeeded",
        follows: NoFixture,
        chain: &[
            ("POST /v1/customers", &["customer.created"]),
            ("POST /v1/payment_methods/{}/attach", &["payment_method.attached"]),
            ("POST /v1/invoiceitems", &["invoiceitem.created"]),
            ("POST /v1/invoices", &["invoice.created"]),
            ("POST /v1/invoices/{}/pay", &["invoice.finalized", "payment_intent.created", "charge.succeeded", "payment_intent.succeeded", "invoice_payment.paid", "invoice.paid", "invoice.payment_succeeded"]),
        ],
    },
    Scenario {
        kind: "invoice.sent",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created"]),
            ("POST /v1/invoiceitems", &["invoiceitem.created"]),
            ("POST /v1/invoices", &["invoice.created"]),
            ("POST /v1/invoices/{}/send", &["invoice.finalized", "invoice.sent"]),
        ],
    },
    Scenario {
        kind: "invoice.upcoming",
        follows: NoFixture,
        chain: &[
            ("POST /v1/customers", &["customer.created", "payment_method.attached"]),
            ("POST /v1/products", &["product.created"]),
            ("POST /v1/prices", &["price.created", "plan.created"]),
            ("POST /v1/subscriptions", &["customer.subscription.created", "invoice.created", "invoice.finalized", "payment_intent.created", "charge.succeeded", "payment_intent.succeeded", "invoice_payment.paid", "invoice.paid", "invoice.payment_succeeded"]),
            ("later", &["invoice.upcoming"]),
        ],
    },
    Scenario {
        kind: "invoice.updated",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created"]),
            ("POST /v1/invoiceitems", &["invoiceitem.created"]),
            ("POST /v1/invoices", &["invoice.created"]),
            ("POST /v1/invoices/{}", &["invoice.updated"]),
        ],
    },
    Scenario {
        kind: "invoice.voided",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created"]),
            ("POST /v1/invoiceitems", &["invoiceitem.created"]),
            ("POST /v1/invoices", &["invoice.created"]),
            ("POST /v1/invoices/{}/finalize", &["invoice.finalized"]),
            ("POST /v1/invoices/{}/void", &["invoice.voided"]),
        ],
    },
    Scenario {
        kind: "invoice.will_be_due",
        follows: NoFixture,
        chain: &[
            ("POST /v1/customers", &["customer.created"]),
            ("POST /v1/invoiceitems", &["invoiceitem.created"]),
            ("POST /v1/invoices", &["invoice.created"]),
            ("POST /v1/invoices/{}/send", &["invoice.finalized", "invoice.sent"]),
            ("later", &["invoice.will_be_due"]),
        ],
    },
    Scenario {
        kind: "invoice_payment.paid",
        follows: NoFixture,
        chain: &[
            ("POST /v1/customers", &["customer.created"]),
            ("POST /v1/payment_methods/{}/attach", &["payment_method.attached"]),
            ("POST /v1/invoiceitems", &["invoiceitem.created"]),
            ("POST /v1/invoices", &["invoice.created"]),
            ("POST /v1/invoices/{}/pay", &["invoice.finalized", "payment_intent.created", "charge.succeeded", "payment_intent.succeeded", "invoice_payment.paid", "invoice.paid", "invoice.payment_succeeded"]),
        ],
    },
    Scenario {
        kind: "invoiceitem.created",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created"]),
            ("POST /v1/invoiceitems", &["invoiceitem.created"]),
        ],
    },
    Scenario {
        kind: "invoiceitem.deleted",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created"]),
            ("POST /v1/invoiceitems", &["invoiceitem.created"]),
            ("DELETE /v1/invoiceitems/{}", &["invoiceitem.deleted"]),
        ],
    },
    Scenario {
        kind: "issuing_authorization.request",
        follows: Cli,
        chain: &[
            ("POST /v1/issuing/cardholders", &["issuing_cardholder.created"]),
            ("POST /v1/issuing/cards", &["issuing_card.created"]),
            ("POST /v1/issuing/cards/{}/test/authorizations", &["issuing_authorization.request", "issuing_authorization.created"]),
        ],
    },
    Scenario {
        kind: "issuing_card.created",
        follows: Cli,
        chain: &[
            ("POST /v1/issuing/cardholders", &["issuing_cardholder.created"]),
            ("POST /v1/issuing/cards", &["issuing_card.created"]),
        ],
    },
    Scenario {
        kind: "issuing_cardholder.created",
        follows: Cli,
        chain: &[
            ("POST /v1/issuing/cardholders", &["issuing_cardholder.created"]),
        ],
    },
    Scenario {
        kind: "issuing_transaction.created",
        follows: Cli,
        chain: &[
            ("POST /v1/issuing/cardholders", &["issuing_cardholder.created"]),
            ("POST /v1/issuing/cards", &["issuing_card.created"]),
            ("POST /v1/test_helpers/issuing/transactions/create_force_capture", &["issuing_transaction.created"]),
        ],
    },
    Scenario {
        kind: "issuing_transaction.purchase_details_receipt_updated",
        follows: Cli,
        chain: &[
            ("POST /v1/issuing/cardholders", &["issuing_cardholder.created"]),
            ("POST /v1/issuing/cards", &["issuing_card.created"]),
            ("POST /v1/test_helpers/issuing/transactions/create_force_capture", &["issuing_transaction.created", "issuing_transaction.purchase_details_receipt_updated"]),
        ],
    },
    Scenario {
        kind: "issuing_transaction.updated",
        follows: Cli,
        chain: &[
            ("POST /v1/issuing/cardholders", &["issuing_cardholder.created"]),
            ("POST /v1/issuing/cards", &["issuing_card.created"]),
            ("POST /v1/test_helpers/issuing/transactions/create_force_capture", &["issuing_transaction.created"]),
            ("POST /v1/issuing/transactions/{}", &["issuing_transaction.updated"]),
        ],
    },
    Scenario {
        kind: "payment_intent.amount_capturable_updated",
        follows: Cli,
        chain: &[
            ("POST /v1/payment_intents", &["payment_intent.created", "charge.succeeded", "payment_intent.amount_capturable_updated"]),
        ],
    },
    Scenario {
        kind: "payment_intent.canceled",
        follows: Cli,
        chain: &[
            ("POST /v1/payment_intents", &["payment_intent.created"]),
            ("POST /v1/payment_intents/{}/cancel", &["payment_intent.canceled"]),
        ],
    },
    Scenario {
        kind: "payment_intent.created",
        follows: Cli,
        chain: &[
            ("POST /v1/payment_intents", &["payment_intent.created"]),
        ],
    },
    Scenario {
        kind: "payment_intent.partially_funded",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created"]),
            ("POST /v1/payment_intents", &["payment_intent.created", "payment_intent.requires_action"]),
            ("POST /v1/test_helpers/customers/{}/fund_cash_balance", &["customer_cash_balance_transaction.created", "customer_cash_balance_transaction.created", "payment_intent.partially_funded"]),
        ],
    },
    Scenario {
        kind: "payment_intent.payment_failed",
        follows: Cli,
        chain: &[
            ("POST /v1/payment_intents", &["payment_intent.created", "charge.failed", "payment_intent.payment_failed"]),
        ],
    },
    Scenario {
        kind: "payment_intent.processing",
        follows: Cli,
        chain: &[
            ("POST /v1/payment_methods", &[]),
            ("POST /v1/payment_intents", &["payment_intent.created", "charge.pending", "payment_intent.processing"]),
        ],
    },
    Scenario {
        kind: "payment_intent.requires_action",
        follows: Cli,
        chain: &[
            ("POST /v1/payment_intents", &["payment_intent.created", "payment_intent.requires_action"]),
        ],
    },
    Scenario {
        kind: "payment_intent.succeeded",
        follows: Cli,
        chain: &[
            ("POST /v1/payment_intents", &["payment_intent.created", "charge.succeeded", "payment_intent.succeeded"]),
        ],
    },
    Scenario {
        kind: "payment_link.created",
        follows: Cli,
        chain: &[
            ("POST /v1/products", &["product.created"]),
            ("POST /v1/prices", &["price.created", "plan.created"]),
            ("POST /v1/payment_links", &["payment_link.created"]),
        ],
    },
    Scenario {
        kind: "payment_link.updated",
        follows: Cli,
        chain: &[
            ("POST /v1/products", &["product.created"]),
            ("POST /v1/prices", &["price.created", "plan.created"]),
            ("POST /v1/payment_links", &["payment_link.created"]),
            ("POST /v1/payment_links/{}", &["payment_link.updated"]),
        ],
    },
    Scenario {
        kind: "payment_method.attached",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created"]),
            ("POST /v1/payment_methods/{}/attach", &["payment_method.attached"]),
        ],
    },
    Scenario {
        kind: "payment_method.automatically_updated",
        follows: NoFixture,
        chain: &[
            ("POST /v1/customers", &["customer.created"]),
            ("POST /v1/payment_methods/{}/attach", &["payment_method.attached"]),
            ("later", &["payment_method.automatically_updated"]),
        ],
    },
    Scenario {
        kind: "payment_method.detached",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created"]),
            ("POST /v1/payment_methods/{}/attach", &["payment_method.attached"]),
            ("POST /v1/payment_methods/{}/detach", &["payment_method.detached"]),
        ],
    },
    Scenario {
        kind: "payment_method.updated",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created"]),
            ("POST /v1/setup_intents", &["setup_intent.created", "setup_intent.succeeded", "payment_method.attached"]),
            ("POST /v1/payment_methods/{}", &["payment_method.updated"]),
        ],
    },
    Scenario {
        kind: "payout.canceled",
        follows: NoFixture,
        chain: &[
            ("POST /v1/payment_intents", &["payment_intent.created", "charge.succeeded", "payment_intent.succeeded"]),
            ("POST /v1/payouts", &["payout.created"]),
            ("POST /v1/payouts/{}/cancel", &["payout.canceled"]),
        ],
    },
    Scenario {
        kind: "payout.created",
        follows: Cli,
        chain: &[
            ("POST /v1/payment_intents", &["payment_intent.created", "charge.succeeded", "payment_intent.succeeded"]),
            ("POST /v1/payouts", &["payout.created"]),
        ],
    },
    Scenario {
        kind: "payout.failed",
        follows: NoFixture,
        chain: &[
            ("POST /v1/payment_intents", &["payment_intent.created", "charge.succeeded", "payment_intent.succeeded"]),
            ("POST /v1/payouts", &["payout.created"]),
            ("later", &["payout.failed"]),
        ],
    },
    Scenario {
        kind: "payout.paid",
        follows: NoFixture,
        chain: &[
            ("POST /v1/payment_intents", &["payment_intent.created", "charge.succeeded", "payment_intent.succeeded"]),
            ("POST /v1/payouts", &["payout.created"]),
            ("later", &["payout.paid"]),
        ],
    },
    Scenario {
        kind: "payout.reconciliation_completed",
        follows: NoFixture,
        chain: &[
            ("POST /v1/payment_intents", &["payment_intent.created", "charge.succeeded", "payment_intent.succeeded"]),
            ("POST /v1/payouts", &["payout.created"]),
            ("later", &["payout.reconciliation_completed"]),
        ],
    },
    Scenario {
        kind: "payout.updated",
        follows: Cli,
        chain: &[
            ("POST /v1/payment_intents", &["payment_intent.created", "charge.succeeded", "payment_intent.succeeded"]),
            ("POST /v1/payouts", &["payout.created"]),
            ("POST /v1/payouts/{}", &["payout.updated"]),
        ],
    },
    Scenario {
        kind: "plan.created",
        follows: Cli,
        chain: &[
            ("POST /v1/plans", &["product.created", "price.created", "plan.created"]),
        ],
    },
    Scenario {
        kind: "plan.deleted",
        follows: Cli,
        chain: &[
            ("POST /v1/plans", &["product.created", "price.created", "plan.created"]),
            ("DELETE /v1/plans/{}", &["plan.deleted", "price.deleted"]),
        ],
    },
    Scenario {
        kind: "plan.updated",
        follows: Cli,
        chain: &[
            ("POST /v1/plans", &["product.created", "price.created", "plan.created"]),
            ("POST /v1/plans/{}", &["price.updated", "plan.updated"]),
        ],
    },
    Scenario {
        kind: "price.created",
        follows: Cli,
        chain: &[
            ("POST /v1/products", &["product.created"]),
            ("POST /v1/prices", &["price.created", "plan.created"]),
        ],
    },
    Scenario {
        kind: "price.deleted",
        follows: NoFixture,
        chain: &[
            ("POST /v1/products", &["product.created"]),
            ("POST /v1/prices", &["price.created", "plan.created"]),
            ("later", &["price.deleted"]),
        ],
    },
    Scenario {
        kind: "price.updated",
        follows: Cli,
        chain: &[
            ("POST /v1/products", &["product.created"]),
            ("POST /v1/prices", &["price.created", "plan.created"]),
            ("POST /v1/prices/{}", &["price.updated", "plan.updated"]),
        ],
    },
    Scenario {
        kind: "product.created",
        follows: Cli,
        chain: &[
            ("POST /v1/products", &["product.created"]),
        ],
    },
    Scenario {
        kind: "product.deleted",
        follows: Cli,
        chain: &[
            ("POST /v1/products", &["product.created"]),
            ("DELETE /v1/products/{}", &["product.deleted"]),
        ],
    },
    Scenario {
        kind: "product.updated",
        follows: Cli,
        chain: &[
            ("POST /v1/products", &["product.created"]),
            ("POST /v1/products/{}", &["product.updated"]),
        ],
    },
    Scenario {
        kind: "promotion_code.created",
        follows: Cli,
        chain: &[
            ("POST /v1/coupons", &["coupon.created"]),
            ("POST /v1/promotion_codes", &["promotion_code.created"]),
        ],
    },
    Scenario {
        kind: "promotion_code.updated",
        follows: Cli,
        chain: &[
            ("POST /v1/coupons", &["coupon.created"]),
            ("POST /v1/promotion_codes", &["promotion_code.created"]),
            ("POST /v1/promotion_codes/{}", &["promotion_code.updated"]),
        ],
    },
    Scenario {
        kind: "quote.accepted",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created", "customer.source.created"]),
            ("POST /v1/products", &["product.created"]),
            ("POST /v1/prices", &["price.created", "plan.created"]),
            ("POST /v1/quotes", &["quote.created"]),
            ("POST /v1/quotes/{}/finalize", &["quote.finalized"]),
            ("POST /v1/quotes/{}/accept", &["quote.accepted", "customer.subscription.created", "invoice.created", "invoice.finalized", "payment_intent.created", "charge.succeeded", "payment_intent.succeeded", "invoice_payment.paid", "invoice.paid", "invoice.payment_succeeded"]),
        ],
    },
    Scenario {
        kind: "quote.canceled",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created", "customer.source.created"]),
            ("POST /v1/products", &["product.created"]),
            ("POST /v1/prices", &["price.created", "plan.created"]),
            ("POST /v1/quotes", &["quote.created"]),
            ("POST /v1/quotes/{}/cancel", &["quote.canceled"]),
        ],
    },
    Scenario {
        kind: "quote.created",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created", "customer.source.created"]),
            ("POST /v1/products", &["product.created"]),
            ("POST /v1/prices", &["price.created", "plan.created"]),
            ("POST /v1/quotes", &["quote.created"]),
        ],
    },
    Scenario {
        kind: "quote.finalized",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created", "customer.source.created"]),
            ("POST /v1/products", &["product.created"]),
            ("POST /v1/prices", &["price.created", "plan.created"]),
            ("POST /v1/quotes", &["quote.created"]),
            ("POST /v1/quotes/{}/finalize", &["quote.finalized"]),
        ],
    },
    Scenario {
        kind: "radar.early_fraud_warning.created",
        follows: NoFixture,
        chain: &[
            ("POST /v1/payment_intents", &["payment_intent.created", "charge.succeeded", "payment_intent.succeeded"]),
            ("later", &["radar.early_fraud_warning.created"]),
        ],
    },
    Scenario {
        kind: "radar.early_fraud_warning.updated",
        follows: NoFixture,
        chain: &[
            ("POST /v1/payment_intents", &["payment_intent.created", "charge.succeeded", "payment_intent.succeeded"]),
            ("later", &["radar.early_fraud_warning.created", "radar.early_fraud_warning.updated"]),
        ],
    },
    Scenario {
        kind: "refund.created",
        follows: NoFixture,
        chain: &[
            ("POST /v1/payment_intents", &["payment_intent.created", "charge.succeeded", "payment_intent.succeeded"]),
            ("POST /v1/refunds", &["refund.created", "charge.refunded"]),
        ],
    },
    Scenario {
        kind: "refund.failed",
        follows: NoFixture,
        chain: &[
            ("POST /v1/payment_intents", &["payment_intent.created", "charge.succeeded", "payment_intent.succeeded"]),
            ("POST /v1/refunds", &["refund.created", "charge.refunded"]),
            ("later", &["refund.failed"]),
        ],
    },
    Scenario {
        kind: "refund.updated",
        follows: NoFixture,
        chain: &[
            ("POST /v1/payment_intents", &["payment_intent.created", "charge.succeeded", "payment_intent.succeeded"]),
            ("POST /v1/refunds", &["refund.created", "charge.refunded"]),
            ("POST /v1/refunds/{}", &["refund.updated", "charge.refund.updated"]),
        ],
    },
    Scenario {
        kind: "reporting.report_run.succeeded",
        follows: Cli,
        chain: &[
            ("POST /v1/reporting/report_runs", &[]),
            ("later", &["reporting.report_run.succeeded"]),
        ],
    },
    Scenario {
        kind: "review.closed",
        follows: NoFixture,
        chain: &[
            ("POST /v1/payment_intents", &["payment_intent.created", "charge.succeeded", "payment_intent.succeeded", "review.opened"]),
            ("POST /v1/reviews/{}/approve", &["review.closed"]),
        ],
    },
    Scenario {
        kind: "review.opened",
        follows: NoFixture,
        chain: &[
            ("POST /v1/payment_intents", &["payment_intent.created", "charge.succeeded", "payment_intent.succeeded", "review.opened"]),
        ],
    },
    Scenario {
        kind: "setup_intent.canceled",
        follows: Cli,
        chain: &[
            ("POST /v1/setup_intents", &["setup_intent.created"]),
            ("POST /v1/setup_intents/{}/cancel", &["setup_intent.canceled"]),
        ],
    },
    Scenario {
        kind: "setup_intent.created",
        follows: Cli,
        chain: &[
            ("POST /v1/setup_intents", &["setup_intent.created"]),
        ],
    },
    Scenario {
        kind: "setup_intent.requires_action",
        follows: Cli,
        chain: &[
            ("POST /v1/setup_intents", &["setup_intent.created", "setup_intent.requires_action"]),
        ],
    },
    Scenario {
        kind: "setup_intent.setup_failed",
        follows: Cli,
        chain: &[
            ("POST /v1/setup_intents", &["setup_intent.created", "setup_intent.setup_failed"]),
        ],
    },
    Scenario {
        kind: "setup_intent.succeeded",
        follows: Cli,
        chain: &[
            ("POST /v1/setup_intents", &["setup_intent.created", "setup_intent.succeeded"]),
        ],
    },
    Scenario {
        kind: "subscription_schedule.aborted",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created", "customer.source.created"]),
            ("POST /v1/products", &["product.created"]),
            ("POST /v1/prices", &["price.created", "plan.created"]),
            ("POST /v1/subscription_schedules", &["subscription_schedule.created"]),
            ("POST /v1/subscription_schedules/{}/cancel", &["subscription_schedule.aborted"]),
        ],
    },
    Scenario {
        kind: "subscription_schedule.canceled",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created", "customer.source.created"]),
            ("POST /v1/products", &["product.created"]),
            ("POST /v1/prices", &["price.created", "plan.created"]),
            ("POST /v1/subscription_schedules", &["subscription_schedule.created", "customer.subscription.created", "invoice.created", "invoice.finalized", "payment_intent.created", "charge.succeeded", "payment_intent.succeeded", "invoice_payment.paid", "invoice.paid", "invoice.payment_succeeded"]),
            ("POST /v1/subscription_schedules/{}/cancel", &["subscription_schedule.canceled", "customer.subscription.deleted"]),
        ],
    },
    Scenario {
        kind: "subscription_schedule.completed",
        follows: Cli,
        chain: &[
            ("POST /v1/test_helpers/test_clocks", &["test_helpers.test_clock.created"]),
            ("POST /v1/customers", &["customer.created"]),
            ("POST /v1/products", &["product.created"]),
            ("POST /v1/prices", &["price.created", "plan.created"]),
            ("POST /v1/subscription_schedules", &["subscription_schedule.created", "customer.subscription.created", "invoice.created", "invoice.finalized"]),
            ("POST /v1/test_helpers/test_clocks/{}/advance", &["test_helpers.test_clock.advancing"]),
            ("later", &["subscription_schedule.completed", "test_helpers.test_clock.ready"]),
        ],
    },
    Scenario {
        kind: "subscription_schedule.created",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created", "customer.source.created"]),
            ("POST /v1/products", &["product.created"]),
            ("POST /v1/prices", &["price.created", "plan.created"]),
            ("POST /v1/subscription_schedules", &["subscription_schedule.created", "customer.subscription.created", "invoice.created", "invoice.finalized", "payment_intent.created", "charge.succeeded", "payment_intent.succeeded", "invoice_payment.paid", "invoice.paid", "invoice.payment_succeeded"]),
        ],
    },
    Scenario {
        kind: "subscription_schedule.expiring",
        follows: Cli,
        chain: &[
            ("POST /v1/test_helpers/test_clocks", &["test_helpers.test_clock.created"]),
            ("POST /v1/customers", &["customer.created"]),
            ("POST /v1/products", &["product.created"]),
            ("POST /v1/prices", &["price.created", "plan.created"]),
            ("POST /v1/subscription_schedules", &["subscription_schedule.created", "customer.subscription.created", "invoice.created", "invoice.finalized"]),
            ("POST /v1/test_helpers/test_clocks/{}/advance", &["test_helpers.test_clock.advancing"]),
            ("later", &["subscription_schedule.expiring", "test_helpers.test_clock.ready"]),
        ],
    },
    Scenario {
        kind: "subscription_schedule.released",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created", "customer.source.created"]),
            ("POST /v1/products", &["product.created"]),
            ("POST /v1/prices", &["price.created", "plan.created"]),
            ("POST /v1/subscription_schedules", &["subscription_schedule.created", "customer.subscription.created", "invoice.created", "invoice.finalized", "payment_intent.created", "charge.succeeded", "payment_intent.succeeded", "invoice_payment.paid", "invoice.paid", "invoice.payment_succeeded"]),
            ("POST /v1/subscription_schedules/{}/release", &["subscription_schedule.released", "customer.subscription.updated"]),
        ],
    },
    Scenario {
        kind: "subscription_schedule.updated",
        follows: Cli,
        chain: &[
            ("POST /v1/customers", &["customer.created", "customer.source.created"]),
            ("POST /v1/products", &["product.created"]),
            ("POST /v1/prices", &["price.created", "plan.created"]),
            ("POST /v1/subscription_schedules", &["subscription_schedule.created", "customer.subscription.created", "invoice.created", "invoice.finalized", "payment_intent.created", "charge.succeeded", "payment_intent.succeeded", "invoice_payment.paid", "invoice.paid", "invoice.payment_succeeded"]),
            ("POST /v1/subscription_schedules/{}", &["subscription_schedule.updated"]),
        ],
    },
    Scenario {
        kind: "tax_rate.created",
        follows: Cli,
        chain: &[
            ("POST /v1/tax_rates", &["tax_rate.created"]),
        ],
    },
    Scenario {
        kind: "tax_rate.updated",
        follows: Cli,
        chain: &[
            ("POST /v1/tax_rates", &["tax_rate.created"]),
            ("POST /v1/tax_rates/{}", &["tax_rate.updated"]),
        ],
    },
    Scenario {
        kind: "test_helpers.test_clock.advancing",
        follows: Cli,
        chain: &[
            ("POST /v1/test_helpers/test_clocks", &["test_helpers.test_clock.created"]),
            ("POST /v1/test_helpers/test_clocks/{}/advance", &["test_helpers.test_clock.advancing"]),
        ],
    },
    Scenario {
        kind: "test_helpers.test_clock.created",
        follows: Cli,
        chain: &[
            ("POST /v1/test_helpers/test_clocks", &["test_helpers.test_clock.created"]),
        ],
    },
    Scenario {
        kind: "test_helpers.test_clock.deleted",
        follows: Cli,
        chain: &[
            ("POST /v1/test_helpers/test_clocks", &["test_helpers.test_clock.created"]),
            ("DELETE /v1/test_helpers/test_clocks/{}", &["test_helpers.test_clock.deleted"]),
        ],
    },
    Scenario {
        kind: "test_helpers.test_clock.ready",
        follows: Cli,
        chain: &[
            ("POST /v1/test_helpers/test_clocks", &["test_helpers.test_clock.created"]),
            ("POST /v1/test_helpers/test_clocks/{}/advance", &["test_helpers.test_clock.advancing"]),
            ("later", &["test_helpers.test_clock.ready"]),
        ],
    },
    Scenario {
        kind: "topup.created",
        follows: Cli,
        chain: &[
            ("POST /v1/topups", &["topup.created"]),
        ],
    },
    Scenario {
        kind: "transfer.created",
        follows: Cli,
        chain: &[
            ("POST /v1/payment_intents", &["payment_intent.created", "charge.succeeded", "payment_intent.succeeded"]),
            ("POST /v1/accounts", &[]),
            ("POST /v1/transfers", &["transfer.created"]),
        ],
    },
    Scenario {
        kind: "transfer.reversed",
        follows: Cli,
        chain: &[
            ("POST /v1/payment_intents", &["payment_intent.created", "charge.succeeded", "payment_intent.succeeded"]),
            ("POST /v1/accounts", &[]),
            ("POST /v1/transfers", &["transfer.created"]),
            ("POST /v1/transfers/{}/reversals", &["transfer.reversed"]),
        ],
    },
    Scenario {
        kind: "transfer.updated",
        follows: Cli,
        chain: &[
            ("POST /v1/payment_intents", &["payment_intent.created", "charge.succeeded", "payment_intent.succeeded"]),
            ("POST /v1/accounts", &[]),
            ("POST /v1/transfers", &["transfer.created"]),
            ("POST /v1/transfers/{}", &["transfer.updated"]),
        ],
    },
];

fn cli_calls() -> Map<String, Value> {
    let doc: Value = serde_json::from_str(CLI_CALLS).expect("the CLI calls are JSON");
    doc["fixtures"].as_object().expect("fixtures").clone()
}

/// The chain the sandbox runs for `kind`, from a fresh account.
fn run(kind: &str) -> Vec<(String, Vec<String>)> {
    let mut sb = Sandbox::new(1_700_000_000, 8);
    sb.generate_event(kind, &Map::new())
        .unwrap_or_else(|e| panic!("{kind}: {e}"));
    let events = sb.take_events();
    chain(&sb, &events)
}

fn expected(scenario: &Scenario) -> Vec<(String, Vec<String>)> {
    scenario
        .chain
        .iter()
        .map(|(call, kinds)| {
            (
                (*call).to_string(),
                kinds.iter().map(|k| (*k).to_string()).collect(),
            )
        })
        .collect()
}

#[test]
fn every_scenario_emits_exactly_its_chain_call_by_call() {
    let mut wrong = Vec::new();
    for scenario in SCENARIOS {
        let got = run(scenario.kind);
        if got != expected(scenario) {
            wrong.push(format!(
                "{}:\n  want {:?}\n  got  {:?}",
                scenario.kind,
                expected(scenario),
                got
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn scenarios_with_a_cli_fixture_make_the_fixtures_calls() {
    let cli = cli_calls();
    for scenario in SCENARIOS {
        let ours: Vec<&str> = scenario
            .chain
            .iter()
            .map(|(call, _)| *call)
            .filter(|c| *c != "later")
            .collect();
        let theirs: Option<Vec<&str>> = cli.get(scenario.kind).map(|calls| {
            calls
                .as_array()
                .expect("a list of calls")
                .iter()
                .map(|c| c.as_str().expect("a call"))
                .collect()
        });
        match (scenario.follows, theirs) {
            (Follows::Cli, Some(theirs)) => assert_eq!(ours, theirs, "{}", scenario.kind),
            (Follows::Cli, None) => panic!("{}: no CLI fixture of that name", scenario.kind),
            (Follows::NoFixture, Some(_)) => {
                panic!("{}: the CLI has a fixture; follow it", scenario.kind)
            }
            (Follows::Differs(_), Some(theirs)) => {
                assert_ne!(
                    ours, theirs,
                    "{}: now follows the CLI; say Cli",
                    scenario.kind
                )
            }
            (Follows::NoFixture | Follows::Differs(_), None) => {}
        }
    }
}

/// Every `stripe trigger` fixture named after an event type the sandbox offers has a
/// scenario (the `.eu` / `.gb` variants and the fixtures of other names are not types).
#[test]
fn every_fixture_of_an_event_type_has_a_scenario() {
    let missing: Vec<String> = cli_calls()
        .keys()
        .filter(|name| sandflow_engine::sandbox::event_type(name).is_some())
        .filter(|name| !SCENARIOS.iter().any(|s| s.kind == name.as_str()))
        .cloned()
        .collect();
    assert!(missing.is_empty(), "no scenario for {missing:?}");
}

/// Keys of `previous` whose value is the same in `now` (nested objects compared key by key).
fn unchanged_keys(previous: &Value, now: &Value, at: &str, out: &mut Vec<String>) {
    let Some(previous) = previous.as_object() else {
        return;
    };
    for (key, was) in previous {
        let is = now.get(key).unwrap_or(&Value::Null);
        let path = format!("{at}{key}");
        if was.is_object() && is.is_object() {
            unchanged_keys(was, is, &format!("{path}."), out);
        } else if was == is {
            out.push(path);
        }
    }
}

#[test]
fn previous_attributes_list_only_what_changed() {
    for scenario in SCENARIOS {
        let mut sb = Sandbox::new(1_700_000_000, 8);
        sb.generate_event(scenario.kind, &Map::new()).unwrap();
        for event in sb.take_events() {
            let Some(previous) = &event.data.previous_attributes else {
                continue;
            };
            let mut same = Vec::new();
            unchanged_keys(previous, &event.data.object, "", &mut same);
            assert!(
                same.is_empty() && previous.as_object().is_some_and(|m| !m.is_empty()),
                "{}: {} lists {same:?} unchanged in {previous}",
                scenario.kind,
                event.kind
            );
        }
    }
}

/// The issue 14 cases: events Stripe never emits for these calls.
#[test]
fn payments_create_no_customer_and_inquiries_withdraw_no_funds() {
    for kind in [
        "payment_intent.succeeded",
        "charge.succeeded",
        "charge.refunded",
        "charge.dispute.created",
        "radar.early_fraud_warning.created",
        "checkout.session.completed",
    ] {
        let events: Vec<String> = run(kind).into_iter().flat_map(|(_, k)| k).collect();
        assert!(
            !events.iter().any(|k| k.starts_with("customer.")),
            "{kind}: {events:?}"
        );
    }
    let dispute: Vec<String> = run("charge.dispute.created")
        .into_iter()
        .flat_map(|(_, k)| k)
        .collect();
    assert!(!dispute.contains(&"charge.dispute.funds_withdrawn".to_string()));
}

#[test]
fn a_paid_subscription_is_active_at_creation_and_never_updated() {
    let mut sb = Sandbox::new(1_700_000_000, 3);
    sb.generate_event("customer.subscription.created", &Map::new())
        .unwrap();
    let events = sb.take_events();
    let created = events
        .iter()
        .find(|e| e.kind == "customer.subscription.created")
        .expect("created");
    assert_eq!(created.object()["status"], "active");
    assert!(created.object()["latest_invoice"].is_string());
    assert!(!events
        .iter()
        .any(|e| e.kind == "customer.subscription.updated"));
}

#[test]
fn attaching_a_payment_method_does_not_update_the_customer() {
    for kind in [
        "invoice.paid",
        "invoice.finalized",
        "payment_method.attached",
    ] {
        let events: Vec<String> = run(kind).into_iter().flat_map(|(_, k)| k).collect();
        assert!(
            !events.contains(&"customer.updated".to_string()),
            "{kind}: {events:?}"
        );
    }
}

/// The Markdown table of `docs/sandbox-scenarios.md`.
fn docs_table() -> String {
    let mut out = String::from(
        "# Sandbox scenarios\n\n\
         What the event generator does for each event type it simulates with API calls, as\n\
         `stripe trigger` does: the calls, in order, and the events each call emits (→), in\n\
         order; *later* is what Stripe causes afterwards on its own (`request.id` null).\n\
         *CLI* scenarios make exactly the calls of the Stripe CLI's fixture for the type.\n\
         Generated from `engine/tests/sandbox_scenarios.rs` (run it with\n\
         `SANDFLOW_WRITE_DOCS=1`); every other event type gets a plausible object, emitted\n\
         without a call.\n\n\
         | Event type | Follows | Calls → events |\n|---|---|---|\n",
    );
    let count = |f: fn(&Follows) -> bool| SCENARIOS.iter().filter(|s| f(&s.follows)).count();
    let figures = format!(
        "{} scenarios: {} make exactly the calls of the CLI's fixture for their type, {} \
         differ from it (the reason is given), {} have no CLI fixture.\n\n",
        SCENARIOS.len(),
        count(|f| matches!(f, Follows::Cli)),
        count(|f| matches!(f, Follows::Differs(_))),
        count(|f| matches!(f, Follows::NoFixture)),
    );
    out.insert_str(out.find("| Event type").unwrap_or(out.len()), &figures);
    for s in SCENARIOS {
        let follows = match s.follows {
            Follows::Cli => "CLI".to_string(),
            Follows::NoFixture => "no CLI fixture".to_string(),
            Follows::Differs(why) => format!("differs: {why}"),
        };
        let chain: Vec<String> = s
            .chain
            .iter()
            .map(|(call, kinds)| {
                let call = if *call == "later" {
                    "*later*".to_string()
                } else {
                    format!("`{call}`")
                };
                if kinds.is_empty() {
                    call
                } else {
                    format!("{call} → {}", kinds.join(", "))
                }
            })
            .collect();
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            s.kind,
            follows,
            chain.join("<br>")
        ));
    }
    out
}

#[test]
fn the_docs_list_every_scenario() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/sandbox-scenarios.md");
    let table = docs_table();
    if std::env::var_os("SANDFLOW_WRITE_DOCS").is_some() {
        std::fs::write(path, &table).expect("docs written");
    }
    let docs = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        docs == table,
        "docs/sandbox-scenarios.md is out of date: run this test with SANDFLOW_WRITE_DOCS=1"
    );
}

#[test]
fn each_call_of_a_scenario_is_a_second_later_than_the_one_before() {
    for scenario in SCENARIOS {
        let mut sb = Sandbox::new(1_700_000_000, 8);
        sb.generate_event(scenario.kind, &Map::new()).unwrap();
        let times: Vec<i64> = sb.logs().map(|l| l.created).collect();
        assert!(
            times.windows(2).all(|w| w[0] > w[1]),
            "{}: {times:?}",
            scenario.kind
        );
        let events = sb.take_events();
        for event in &events {
            if let Some(req) = &event.request.id {
                let log = sb.log(req).expect("its request is logged");
                assert_eq!(event.created, log.created, "{}", scenario.kind);
            }
        }
    }
}
