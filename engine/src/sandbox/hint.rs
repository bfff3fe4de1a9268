//! How to fix a step that the sandbox's API refused, in one sentence.
//!
//! A failed step shows Stripe's error as the request log has it (type, code, parameter,
//! message), which says what Stripe did not accept but not what to change in Sandflow.
//! [`fix_hint`] reads the error together with the step's own parameters (as configured,
//! dynamic values still written `{{…}}`) and says which input to change and how: a fixed ID
//! that names nothing is better picked as a dynamic value, a dynamic value that came out
//! empty needs a field that always has one, a parameter an older catalog had is now named
//! otherwise, an object in a state that refuses the call (an invoice already paid) needs a
//! condition or another call. It decides only from its arguments, so the run page and tests get the same
//! sentence; errors it has nothing useful to add to get `None`.

use std::fmt;

use serde_json::{Map, Value};

use super::catalog::{ActionSpec, ParamKind, ParamSpec};
use super::ApiError;
use crate::catalog::humanize;

/// Parameters that older versions of the catalog took, and what replaced them:
/// (action, old name, the label of its replacement).
const RENAMED: &[(&str, &str, &str)] = &[
    ("promotion_codes.create", "coupon", "Promotion coupon"),
    ("invoiceitems.create", "price", "Pricing price"),
    ("subscriptions.create", "price", "Items (a row's Price)"),
    (
        "subscriptions.create",
        "quantity",
        "Items (a row's Quantity)",
    ),
    ("subscriptions.update", "price", "Items (a row's Price)"),
    (
        "subscriptions.update",
        "quantity",
        "Items (a row's Quantity)",
    ),
    (
        "checkout.sessions.create",
        "price",
        "Line items (a row's Price)",
    ),
    (
        "checkout.sessions.create",
        "quantity",
        "Line items (a row's Quantity)",
    ),
];

/// Errors about the state of an object (an invoice already paid, a charge already refunded,
/// a dispute closed): (action, Stripe's error code, `""` where Stripe gives none, the
/// sentence). The step asked for something the object's state no longer allows, so the fix
/// is to run it only in the state that does, or to take the call that fits that state.
const STATE_HINTS: &[(&str, &str, &str)] = &[
    (
        "invoices.pay",
        "invoice_already_paid",
        "The invoice is already paid: add a condition before this step so it runs only while the invoice's Status is open or draft.",
    ),
    (
        "invoices.pay",
        "invoice_not_editable",
        "A voided invoice can no longer be paid: add a condition before this step so it runs only while the invoice's Status is open or draft.",
    ),
    (
        "invoices.finalize",
        "invoice_not_editable",
        "Only a draft invoice can be finalized: add a condition before this step so it runs only while the invoice's Status is draft (paying or sending an invoice finalizes it too).",
    ),
    (
        "invoices.update",
        "invoice_not_editable",
        "Once an invoice is finalized only some of its fields can change: keep to its metadata in this step, or run it only while the invoice's Status is draft.",
    ),
    (
        "invoices.delete",
        "invoice_not_editable",
        "Only a draft invoice can be deleted: to cancel a finalized one use Void an invoice instead, or run this step only while the invoice's Status is draft.",
    ),
    (
        "invoices.void",
        "invoice_unexpected_state",
        "Only an open invoice can be voided (a draft one is deleted instead): add a condition before this step so it runs only while the invoice's Status is open.",
    ),
    (
        "invoices.mark_uncollectible",
        "invoice_unexpected_state",
        "Only an open invoice can be marked uncollectible: add a condition before this step so it runs only while the invoice's Status is open.",
    ),
    (
        "invoices.send",
        "invoice_unexpected_state",
        "Only an open invoice can be sent: finalize it in an earlier step (Finalize an invoice), or run this step only while the invoice's Status is open.",
    ),
    (
        "invoiceitems.create",
        "invoice_not_editable",
        "Items can be added only to a draft invoice: leave Invoice empty so the item waits for the customer's next invoice, or pick a draft invoice.",
    ),
    (
        "invoiceitems.update",
        "invoice_not_editable",
        "This item is on a finalized invoice and can no longer change: run this step before the invoice is finalized, or credit the difference with Create a credit note.",
    ),
    (
        "invoiceitems.delete",
        "invoice_not_editable",
        "This item is on a finalized invoice and can no longer be deleted: run this step before the invoice is finalized, or credit it with Create a credit note.",
    ),
    (
        "credit_notes.create",
        "invoice_unexpected_state",
        "A credit note needs an open or paid invoice: finalize the invoice in an earlier step, or run this step only while the invoice's Status is open or paid.",
    ),
    (
        "credit_notes.void",
        "",
        "The credit note is already voided: add a condition before this step so it runs only while the credit note's Status is issued.",
    ),
    (
        "subscriptions.update",
        "",
        "A canceled subscription takes only metadata and cancellation details: run this step only while the subscription's Status is not canceled, or start a new subscription.",
    ),
    (
        "payment_intents.confirm",
        "payment_intent_unexpected_state",
        "This payment intent is past confirmation: add a condition before this step so it runs only while its Status is requires_payment_method or requires_confirmation.",
    ),
    (
        "payment_intents.capture",
        "payment_intent_unexpected_state",
        "Only a payment waiting for capture can be captured: create it with Capture method manual, or run this step only while the payment intent's Status is requires_capture.",
    ),
    (
        "payment_intents.cancel",
        "payment_intent_unexpected_state",
        "A payment that succeeded or was canceled cannot be canceled: to give the money back use Create a refund instead, or run this step only before the payment succeeds.",
    ),
    (
        "refunds.create",
        "charge_not_refundable",
        "Only a succeeded, captured payment can be refunded: run this step on charge.succeeded or payment_intent.succeeded, or capture the payment in an earlier step.",
    ),
    (
        "refunds.create",
        "charge_already_refunded",
        "The charge is already refunded in full: add a condition before this step so it runs only while the charge's Refunded is false.",
    ),
    (
        "disputes.update",
        "",
        "The dispute is closed and can no longer change: run this step only while the dispute's Status is needs_response or warning_needs_response.",
    ),
    (
        "disputes.close",
        "",
        "The dispute is already closed: add a condition before this step so it runs only while the dispute's Status is needs_response or warning_needs_response.",
    ),
    (
        "payouts.cancel",
        "",
        "Only a pending payout can be canceled: add a condition before this step so it runs only while the payout's Status is pending.",
    ),
    (
        "checkout.sessions.expire",
        "",
        "Only an open Checkout Session can be expired: add a condition before this step so it runs only while the session's Status is open.",
    ),
    (
        "reviews.approve",
        "",
        "The review is already closed: add a condition before this step so it runs only while the review's Open is true.",
    ),
    (
        "payment_methods.attach",
        "",
        "This payment method already belongs to a customer: detach it first (Detach a payment method), or attach a new test card such as pm_card_visa.",
    ),
    (
        "payment_methods.detach",
        "",
        "This payment method belongs to no customer, so there is nothing to detach: run this step only while the payment method's Customer is set.",
    ),
    (
        "products.delete",
        "",
        "A product that has prices cannot be deleted: set Active to false with Update a product instead, which stops it from being sold.",
    ),
    (
        "coupons.create",
        "resource_already_exists",
        "A coupon with this ID already exists: choose another ID, or leave ID empty so Stripe makes one.",
    ),
];

/// The [`STATE_HINTS`] entry for this action and error, if any.
fn state_hint(error: &ApiError, action: &ActionSpec) -> Option<Hint> {
    let code = error.code.as_deref().unwrap_or_default();
    STATE_HINTS
        .iter()
        .find(|(id, c, _)| *id == action.id && *c == code)
        .map(|(action, code, _)| Hint::State { action, code })
}

/// Every (action, error code) pair that has a state hint, for the catalogs' wording.
pub fn state_hints() -> impl Iterator<Item = (&'static str, &'static str)> {
    STATE_HINTS.iter().map(|(action, code, _)| (*action, *code))
}
/// Every parameter an older catalog took and a newer one names otherwise:
/// (action id, old name, the English label of its replacement).
pub fn renamed_params() -> &'static [(&'static str, &'static str, &'static str)] {
    RENAMED
}

/// The step input a hint is about, as the panel labels it: a parameter, or a field of one
/// row of a list parameter ("Price (Items, row 1)").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HintPlace {
    /// The parameter's Stripe name (dotted for nested ones: `promotion.coupon`).
    pub param: String,
    /// For a row of a list parameter: the row's index (from 0) and the field's name.
    pub row: Option<(usize, &'static str)>,
}

impl fmt::Display for HintPlace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.row {
            Some((row, field)) => write!(
                f,
                "{} ({}, row {})",
                humanize(field),
                humanize(&self.param),
                row + 1
            ),
            None => f.write_str(&humanize(&self.param)),
        }
    }
}

/// How to fix a step Stripe refused: structured, so the app words it in each language;
/// `Display` is the English sentence.
#[derive(Clone, Debug, PartialEq)]
pub enum Hint {
    /// An ID names no existing object of type `object` (`customer`).
    MissingObject {
        /// The input.
        at: HintPlace,
        /// The object type the ID should name.
        object: &'static str,
        /// Whether the input is a dynamic value.
        dynamic: bool,
    },
    /// A value Stripe requires is missing.
    MissingValue {
        /// The input.
        at: HintPlace,
        /// The catalog's description of the input (English), when the catalog knows it.
        why: Option<&'static str>,
        /// Whether the input is a dynamic value (that came out empty).
        dynamic: bool,
    },
    /// A parameter that Stripe now names otherwise.
    Renamed {
        /// The input.
        at: HintPlace,
        /// The English label of the replacement, from [`renamed_params`].
        new: &'static str,
    },
    /// A parameter the action does not take.
    NoSuchParam {
        /// The input.
        at: HintPlace,
        /// The action's name (English).
        action: &'static str,
    },
    /// A value of the wrong type.
    WrongType {
        /// The input.
        at: HintPlace,
        /// The kind of the input, when the catalog knows it.
        kind: Option<ParamKind>,
        /// Whether the input is a dynamic value.
        dynamic: bool,
    },
    /// `amount_too_small`.
    AmountTooSmall,
    /// `amount_too_large`, from `action` (a refund, a capture, or an amount past Stripe's
    /// maximum).
    AmountTooLarge {
        /// The action's id.
        action: &'static str,
    },
    /// The object's state refuses the call (an entry of `STATE_HINTS`).
    State {
        /// The action's id.
        action: &'static str,
        /// Stripe's error code, `""` where Stripe gives none.
        code: &'static str,
    },
    /// `card_declined`.
    CardDeclined,
    /// `authentication_required`.
    AuthenticationRequired,
    /// The customer has no payment method.
    NoPaymentSource,
}

impl fmt::Display for Hint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Hint::MissingObject { at, object, dynamic } => {
                let noun = humanize(object).to_lowercase();
                let source = format!("{} | ID", humanize(object));
                if *dynamic {
                    write!(f, "The dynamic value of {at} gave an ID that names no existing {noun}: pick a field that holds a {noun} ID, such as the trigger's {source}.")
                } else {
                    write!(f, "The value of {at} does not name an existing {noun}: pick the trigger's {source} (or another field that holds a {noun} ID) as a dynamic value.")
                }
            }
            Hint::MissingValue { at, why, dynamic } => {
                let why = why.unwrap_or("Stripe requires it for this action.");
                if *dynamic {
                    write!(f, "The dynamic value of {at} was empty in this run: pick a field that always has a value, or add a condition before this step. {why}")
                } else {
                    write!(f, "Fill in {at}: {why}")
                }
            }
            Hint::Renamed { at, new } => write!(f, "Stripe now names this parameter differently: remove {at} from the step and fill in {new} instead."),
            Hint::NoSuchParam { at, action } => {
                write!(f, "Remove {at} from the step: {action} takes no such parameter.")
            }
            Hint::WrongType { at, kind, dynamic } => {
                if *dynamic {
                    write!(f, "The dynamic value of {at} is not of the right type: pick a field of the type the parameter takes ({}).", kind_words(*kind))
                } else {
                    write!(f, "Change the value of {at} to {}.", kind_words(*kind))
                }
            }
            Hint::AmountTooSmall => f.write_str("Raise Amount to at least 50 cents, or the same in the payment's currency (a dynamic amount may need a condition before this step)."),
            Hint::AmountTooLarge { action } => f.write_str(match *action {
                "refunds.create" => "Lower Amount to at most what is left to refund, or leave it empty to refund all of it.",
                "payment_intents.capture" => "Lower Amount to capture to at most the amount the payment authorized, or leave it empty to capture all of it.",
                _ => "Lower Amount to at most 99,999,999 in the currency's minor unit (999,999.99 dollars, say).",
            }),
            Hint::State { action, code } => f.write_str(
                STATE_HINTS
                    .iter()
                    .find(|(a, c, _)| a == action && c == code)
                    .map_or("", |(_, _, sentence)| sentence),
            ),
            Hint::CardDeclined => f.write_str("The card was declined, as a test card that always declines is meant to be: to test the success path pick a card that succeeds, such as pm_card_visa; to handle the decline, add a workflow on the failure's event."),
            Hint::AuthenticationRequired => f.write_str("The card asks for 3D Secure, which a workflow cannot complete: use a card that needs no authentication, such as pm_card_visa."),
            Hint::NoPaymentSource => f.write_str("Give the customer a payment method first: set Default payment method, or attach one in an earlier step (Attach a payment method to a customer)."),
        }
    }
}

/// Where a parameter Stripe names (`customer`, `promotion[coupon]`, `items[0][price]`) sits
/// in a step: the catalog's parameter, and for a row of a list its index and field.
struct Place<'a> {
    spec: Option<&'a ParamSpec>,
    field: Option<(usize, &'a ParamSpec)>,
    /// How the hint names it.
    at: HintPlace,
}

impl Place<'_> {
    /// The kind of the input a person fills in.
    fn kind(&self) -> Option<ParamKind> {
        self.field
            .map(|(_, f)| f.kind)
            .or_else(|| self.spec.map(|s| s.kind))
    }

    /// Its value in the step, as configured.
    fn value<'v>(&self, params: &'v Map<String, Value>) -> Option<&'v Value> {
        let spec = self.spec?;
        let value = params.get(spec.name)?;
        match self.field {
            Some((row, field)) => value.get(row)?.get(field.name),
            None => Some(value),
        }
        .filter(|v| !v.is_null())
    }
}

/// Finds the step's input a Stripe parameter name points at.
fn place(action: &'static ActionSpec, param: &str) -> Place<'static> {
    let parts: Vec<&str> = param.split(['[', ']']).filter(|p| !p.is_empty()).collect();
    if let [list, row, field, ..] = parts.as_slice() {
        if let Ok(row) = row.parse::<usize>() {
            let spec = action.params.iter().find(|p| p.name == *list);
            if let Some(
                spec @ ParamSpec {
                    kind: ParamKind::Items(fields),
                    ..
                },
            ) = spec
            {
                if let Some(f) = fields.iter().find(|f| f.name == *field) {
                    return Place {
                        spec: Some(spec),
                        field: Some((row, f)),
                        at: HintPlace {
                            param: spec.name.to_owned(),
                            row: Some((row, f.name)),
                        },
                    };
                }
            }
        }
    }
    let dotted = parts.join(".");
    let spec = action.params.iter().find(|p| p.name == dotted);
    Place {
        spec,
        field: None,
        at: HintPlace {
            param: dotted,
            row: None,
        },
    }
}

/// Whether a configured value is (or holds) a dynamic value.
fn is_dynamic(value: Option<&Value>) -> bool {
    matches!(value, Some(Value::String(s)) if s.contains("{{"))
}

/// How to change the step so that Stripe accepts it, or `None` when the error says all
/// there is to say (a declined card in a test of the failure path, say). Its `Display` is
/// the English sentence; the app words it per language.
///
/// `params` are the step's parameters as configured (dynamic values unrendered).
pub fn fix_hint(
    error: &ApiError,
    action: &'static ActionSpec,
    params: &Map<String, Value>,
) -> Option<Hint> {
    if let Some(hint) = state_hint(error, action) {
        return Some(hint);
    }
    let code = error.code.as_deref().unwrap_or_default();
    let at = error.param.as_deref().map(|p| place(action, p));
    let value = at.as_ref().and_then(|p| p.value(params));
    let dynamic = is_dynamic(value);
    match (code, at) {
        ("resource_missing", Some(at)) => {
            let object = match at.kind() {
                Some(ParamKind::Id(object)) => object,
                _ => at.spec.map_or("object", |s| s.name),
            };
            Some(Hint::MissingObject {
                at: at.at,
                object,
                dynamic,
            })
        }
        ("parameter_missing", Some(at)) => {
            let why = at
                .field
                .map(|(_, f)| f.description)
                .or_else(|| at.spec.map(|s| s.description));
            Some(Hint::MissingValue {
                at: at.at,
                why,
                dynamic,
            })
        }
        ("parameter_unknown", Some(at)) => {
            let name = error.param.as_deref().unwrap_or_default();
            Some(
                match RENAMED
                    .iter()
                    .find(|(id, old, _)| *id == action.id && *old == name)
                {
                    Some((_, _, new)) => Hint::Renamed { at: at.at, new },
                    None => Hint::NoSuchParam {
                        at: at.at,
                        action: action.name,
                    },
                },
            )
        }
        (code, Some(at)) if code.starts_with("parameter_invalid") => Some(Hint::WrongType {
            kind: at.kind(),
            at: at.at,
            dynamic,
        }),
        ("amount_too_small", _) => Some(Hint::AmountTooSmall),
        ("amount_too_large", _) => Some(Hint::AmountTooLarge { action: action.id }),
        ("card_declined", _) => Some(Hint::CardDeclined),
        ("authentication_required", _) => Some(Hint::AuthenticationRequired),
        _ if error.message.contains("no attached payment source") => Some(Hint::NoPaymentSource),
        _ => None,
    }
}

/// What a value of this kind looks like, for "Change the value of X to …".
fn kind_words(kind: Option<ParamKind>) -> String {
    match kind {
        Some(ParamKind::Integer) => "a whole number".into(),
        Some(ParamKind::Money) => "a whole amount in the currency's minor unit (cents)".into(),
        Some(ParamKind::Timestamp) => "a date".into(),
        Some(ParamKind::Boolean) => "true or false".into(),
        Some(ParamKind::Enum(values)) => format!("one of {}", values.join(", ")),
        Some(ParamKind::Metadata) => "key / value pairs of text".into(),
        Some(ParamKind::Items(_)) => "a list of rows".into(),
        Some(ParamKind::List) => "a list of text".into(),
        Some(ParamKind::Id(object)) => format!("the ID of a {}", humanize(object).to_lowercase()),
        Some(ParamKind::String) | None => "text".into(),
    }
}
