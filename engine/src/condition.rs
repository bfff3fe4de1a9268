//! Conditions: trigger conditions and the test of a branch step.
//!
//! A condition is data, not a language: the builder produces a tree of [`Condition::All`],
//! [`Condition::Any`], [`Condition::Not`] and [`Compare`] leaves, and that serialized tree is
//! what is stored and evaluated. A [`Compare`] reads a [field](crate::FieldRef) of the
//! trigger event or of an earlier step's output and compares it with a value, as a given
//! [`ValueKind`]:
//!
//! - **string**: equality, contains, starts / ends with, one of (case-sensitive);
//! - **number** and **timestamp** (Unix seconds): equality and ordering;
//! - **money**: the value is typed in the currency's major unit (dollars, yen) and compared
//!   with Stripe's minor units, using the `currency` next to the amount (or the condition's
//!   own currency), so zero-decimal currencies such as JPY compare right;
//! - **boolean**: equality;
//! - **list**: a field holding a list (or a path that looks into each item of a list) is
//!   matched item by item over **only the first 100 items**, with a [`Quantifier`] saying
//!   whether any, every or no item must match. `contains` on a list field asks whether one
//!   of those items equals the value.
//!
//! A tree is at most [`MAX_DEPTH`](crate::limits::MAX_DEPTH) levels deep once saved
//! ([`check_condition`](crate::bounds::check_condition)), so the recursive walks below stay
//! shallow.
//!
//! A field that is missing or `null` makes every positive test false (`is equal to`,
//! `contains`, `exists`, ...) and every negative one true (`is not equal to`, `does not
//! contain`, `is empty`, `does not exist`, ...). `changed` and `changed to` read
//! `data.previous_attributes` and hold only on `*.updated` events.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::field_spec::ValueKind;
use crate::limits::LIST_ITEM_LIMIT;
use crate::money;
use crate::path::{Found, Path};
use crate::reference::{FieldRef, Reference, ReferenceError, Root};
use crate::scope::Scope;

/// A tree of tests on the trigger event and step outputs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    /// Every condition holds (AND). An empty group holds.
    All(Vec<Condition>),
    /// At least one condition holds (OR). An empty group does not hold.
    Any(Vec<Condition>),
    /// The condition does not hold.
    Not(Box<Condition>),
    /// One comparison.
    Compare(Compare),
}

/// Compares one field with a value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Compare {
    /// The field read, e.g. `trigger.data.object.amount`.
    pub field: FieldRef,
    /// The operator.
    pub op: Op,
    /// The value compared with: text, a number (major units for money), a boolean, or a
    /// list of those for `is one of`. Unused by `exists`, `is empty` and `changed`.
    #[serde(default, skip_serializing_if = "Value::is_null")]
    pub value: Value,
    /// The type the field is compared as.
    pub kind: ValueKind,
    /// For list fields: whether any, every or no item must match.
    #[serde(default, skip_serializing_if = "Quantifier::is_any")]
    pub quantifier: Quantifier,
    /// For money: the currency of `value`, when the object has no `currency` of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
}

/// How a comparison on a list combines the results of its items.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quantifier {
    /// At least one of the first 100 items matches.
    #[default]
    Any,
    /// There is at least one item and every one of the first 100 matches.
    All,
    /// None of the first 100 items matches.
    None,
}

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// is equal to
    Equals,
    /// is not equal to
    NotEquals,
    /// contains (text: substring; list: one item equals)
    Contains,
    /// does not contain
    NotContains,
    /// starts with
    StartsWith,
    /// ends with
    EndsWith,
    /// is greater than
    GreaterThan,
    /// is greater than or equal to
    GreaterThanOrEqual,
    /// is less than
    LessThan,
    /// is less than or equal to
    LessThanOrEqual,
    /// is empty (missing, null, "", [] or {})
    IsEmpty,
    /// is not empty
    IsNotEmpty,
    /// exists (present and not null)
    Exists,
    /// does not exist
    DoesNotExist,
    /// is one of a list of values
    OneOf,
    /// is not one of a list of values
    NotOneOf,
    /// changed in this update (`*.updated` only)
    Changed,
    /// changed to the value in this update (`*.updated` only)
    ChangedTo,
}

impl Op {
    /// Every operator, in the order the builder lists them.
    pub const ALL: [Op; 18] = [
        Op::Equals,
        Op::NotEquals,
        Op::Contains,
        Op::NotContains,
        Op::StartsWith,
        Op::EndsWith,
        Op::GreaterThan,
        Op::GreaterThanOrEqual,
        Op::LessThan,
        Op::LessThanOrEqual,
        Op::IsEmpty,
        Op::IsNotEmpty,
        Op::Exists,
        Op::DoesNotExist,
        Op::OneOf,
        Op::NotOneOf,
        Op::Changed,
        Op::ChangedTo,
    ];

    /// The label the builder shows.
    pub fn label(self) -> &'static str {
        match self {
            Op::Equals => "is equal to",
            Op::NotEquals => "is not equal to",
            Op::Contains => "contains",
            Op::NotContains => "does not contain",
            Op::StartsWith => "starts with",
            Op::EndsWith => "ends with",
            Op::GreaterThan => "is greater than",
            Op::GreaterThanOrEqual => "is greater than or equal to",
            Op::LessThan => "is less than",
            Op::LessThanOrEqual => "is less than or equal to",
            Op::IsEmpty => "is empty",
            Op::IsNotEmpty => "is not empty",
            Op::Exists => "exists",
            Op::DoesNotExist => "does not exist",
            Op::OneOf => "is one of",
            Op::NotOneOf => "is not one of",
            Op::Changed => "changed",
            Op::ChangedTo => "changed to",
        }
    }

    /// Whether the operator compares with a value (`exists` does not).
    pub fn needs_value(self) -> bool {
        !matches!(
            self,
            Op::IsEmpty | Op::IsNotEmpty | Op::Exists | Op::DoesNotExist | Op::Changed
        )
    }

    /// Whether the operator holds on a missing or null field.
    fn holds_when_missing(self) -> bool {
        matches!(
            self,
            Op::NotEquals | Op::NotContains | Op::NotOneOf | Op::IsEmpty | Op::DoesNotExist
        )
    }

    /// Whether the operator reads `data.previous_attributes`.
    pub fn is_change(self) -> bool {
        matches!(self, Op::Changed | Op::ChangedTo)
    }

    /// Whether the operator makes sense for a field of this type.
    pub fn fits(self, kind: ValueKind) -> bool {
        use Op::*;
        let presence = matches!(
            self,
            IsEmpty | IsNotEmpty | Exists | DoesNotExist | Changed | ChangedTo
        );
        presence
            || match kind {
                ValueKind::String => matches!(
                    self,
                    Equals
                        | NotEquals
                        | Contains
                        | NotContains
                        | StartsWith
                        | EndsWith
                        | OneOf
                        | NotOneOf
                ),
                ValueKind::Number | ValueKind::Money => matches!(
                    self,
                    Equals
                        | NotEquals
                        | GreaterThan
                        | GreaterThanOrEqual
                        | LessThan
                        | LessThanOrEqual
                        | OneOf
                        | NotOneOf
                ),
                ValueKind::Timestamp => matches!(
                    self,
                    Equals
                        | NotEquals
                        | GreaterThan
                        | GreaterThanOrEqual
                        | LessThan
                        | LessThanOrEqual
                ),
                ValueKind::Boolean => matches!(self, Equals | NotEquals),
                ValueKind::List => true,
                ValueKind::Object => false,
            }
    }

    /// The operators that fit a field of this type, in builder order.
    pub fn for_kind(kind: ValueKind) -> Vec<Op> {
        Op::ALL.into_iter().filter(|op| op.fits(kind)).collect()
    }

    /// The operators that can hold for this field of this type when the workflow starts on
    /// `event_type`: those of [`Op::for_kind`], less `changed` / `changed to` where nothing
    /// can have changed (any event but `*.updated`, or a field outside the event's object).
    pub fn for_field(field: &Reference, kind: ValueKind, event_type: Option<&str>) -> Vec<Op> {
        Op::for_kind(kind)
            .into_iter()
            .filter(|op| !op.is_change() || change_can_hold(field, event_type))
            .collect()
    }
}

/// Whether `changed` / `changed to` can ever hold on `field` for a workflow started by
/// `event_type`: only an update carries the previous values, and only of its own object.
pub fn change_can_hold(field: &Reference, event_type: Option<&str>) -> bool {
    event_type.is_some_and(|t| t.ends_with(".updated"))
        && field.object_path().is_some_and(|p| !p.is_root())
}

impl Quantifier {
    fn is_any(&self) -> bool {
        *self == Quantifier::Any
    }

    /// How the builder words it: "any item", "every item", "no item".
    pub fn label(self) -> &'static str {
        match self {
            Quantifier::Any => "any item",
            Quantifier::All => "every item",
            Quantifier::None => "no item",
        }
    }
}

impl Condition {
    /// A comparison on the field written as a reference (`trigger.data.object.amount`).
    pub fn compare(
        field: &str,
        op: Op,
        kind: ValueKind,
        value: Value,
    ) -> Result<Condition, ReferenceError> {
        Ok(Condition::Compare(Compare {
            field: Reference::parse(field)?,
            op,
            value,
            kind,
            quantifier: Quantifier::Any,
            currency: None,
        }))
    }

    /// Whether the condition holds in `scope`.
    pub fn eval(&self, scope: &Scope<'_>) -> bool {
        match self {
            Condition::All(cs) => cs.iter().all(|c| c.eval(scope)),
            Condition::Any(cs) => cs.iter().any(|c| c.eval(scope)),
            Condition::Not(c) => !c.eval(scope),
            Condition::Compare(c) => c.eval(scope),
        }
    }

    /// Every comparison in the tree, depth first.
    pub fn compares(&self) -> Vec<&Compare> {
        let mut out = Vec::new();
        self.collect(&mut out);
        out
    }

    fn collect<'a>(&'a self, out: &mut Vec<&'a Compare>) {
        match self {
            Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| c.collect(out)),
            Condition::Not(c) => c.collect(out),
            Condition::Compare(c) => out.push(c),
        }
    }

    /// A sentence for people with each field named by `name` (its "Source | Field" label,
    /// say; the path when it gives none) and amounts written as money:
    /// `Retrieve a charge | Amount is less than or equal to 100.00`.
    pub fn describe_with(&self, name: &dyn Fn(&Reference) -> Option<String>) -> String {
        self.describe_in(&English {
            name,
            as_money: true,
        })
    }

    /// A sentence for people: `trigger.data.object.amount is greater than 1000 and …`.
    pub fn describe(&self) -> String {
        self.describe_in(&English::PLAIN)
    }

    /// The sentence in `words`: the engine decides its structure (groups, parentheses,
    /// quantifiers, which value is shown how), `words` gives every word of it.
    pub fn describe_in(&self, words: &dyn ConditionWords) -> String {
        match self {
            Condition::All(cs) if cs.is_empty() => words.always(),
            Condition::Any(cs) if cs.is_empty() => words.never(),
            Condition::All(cs) | Condition::Any(cs) => {
                let parts: Vec<String> = cs
                    .iter()
                    .map(|c| match c {
                        Condition::Compare(_) | Condition::Not(_) => c.describe_in(words),
                        _ => format!("({})", c.describe_in(words)),
                    })
                    .collect();
                parts.join(&words.joiner(matches!(self, Condition::All(_))))
            }
            Condition::Not(c) => words.not(&c.describe_in(words)),
            Condition::Compare(c) => c.describe_in(words),
        }
    }
}

/// The words of a condition's sentence, in one language. The engine's English is
/// [`English`]; the app gives the others. Stripe's own names (field paths, currency codes)
/// are not words and stay as they are.
pub trait ConditionWords {
    /// An empty All group: "always".
    fn always(&self) -> String;
    /// An empty Any group: "never".
    fn never(&self) -> String;
    /// What joins the clauses of a group: " and " (`all`) or " or ".
    fn joiner(&self, all: bool) -> String;
    /// A negated clause: "not (…)".
    fn not(&self, inner: &str) -> String;
    /// What people call `field` ("Customer | Name"), `None` to show its path.
    fn field(&self, field: &Reference) -> Option<String>;
    /// The items of a list field a quantifier looks at: "any item of tags".
    fn items_of(&self, quantifier: Quantifier, field: &str) -> String;
    /// An operator: "is greater than".
    fn op(&self, op: Op) -> String;
    /// A text value: `"Jean"`.
    fn text(&self, text: &str) -> String;
    /// A yes / no value: `true`.
    fn boolean(&self, value: bool) -> String;
    /// A money value typed in the currency's major unit (`10.5`), with the condition's
    /// currency code when it names one (`usd`).
    fn money(&self, amount: &serde_json::Number, currency: Option<&str>) -> String;
}

/// The engine's English words: those of [`Condition::describe`] (fields by their paths,
/// amounts as typed) and of [`Condition::describe_with`] (fields named, amounts with their
/// currency's decimals).
pub struct English<'a> {
    name: &'a dyn Fn(&Reference) -> Option<String>,
    as_money: bool,
}

impl English<'static> {
    /// Fields by their paths, amounts as typed.
    pub const PLAIN: English<'static> = English {
        name: &|_| None,
        as_money: false,
    };
}

impl ConditionWords for English<'_> {
    fn always(&self) -> String {
        "always".into()
    }
    fn never(&self) -> String {
        "never".into()
    }
    fn joiner(&self, all: bool) -> String {
        if all { " and " } else { " or " }.into()
    }
    fn not(&self, inner: &str) -> String {
        format!("not ({inner})")
    }
    fn field(&self, field: &Reference) -> Option<String> {
        (self.name)(field)
    }
    fn items_of(&self, quantifier: Quantifier, field: &str) -> String {
        format!("{} of {field}", quantifier.label())
    }
    fn op(&self, op: Op) -> String {
        op.label().into()
    }
    fn text(&self, text: &str) -> String {
        format!("\"{text}\"")
    }
    fn boolean(&self, value: bool) -> String {
        value.to_string()
    }
    fn money(&self, amount: &serde_json::Number, currency: Option<&str>) -> String {
        if !self.as_money {
            return match currency {
                Some(c) => format!("{amount} {}", c.to_ascii_uppercase()),
                None => amount.to_string(),
            };
        }
        let currency = currency.unwrap_or_default();
        let digits = money::decimals(if currency.is_empty() { "usd" } else { currency });
        let amount = format!(
            "{:.*}",
            digits as usize,
            amount.as_f64().unwrap_or_default()
        );
        match currency {
            "" => amount,
            c => format!("{amount} {}", c.to_ascii_uppercase()),
        }
    }
}

impl Compare {
    /// A sentence for people, naming the list quantifier where one applies.
    pub fn describe(&self) -> String {
        self.describe_in(&English::PLAIN)
    }

    /// The sentence of [`Compare::describe`] in `words`: the field by
    /// [`ConditionWords::field`] (its path when that gives none), the quantifier, the
    /// operator and the value.
    pub fn describe_in(&self, words: &dyn ConditionWords) -> String {
        let field = match (words.field(&self.field), self.field.object_path()) {
            (Some(label), _) => label,
            (None, Some(p)) if !p.is_root() => p.to_string(),
            _ => self.field.to_string(),
        };
        let subject = if self.kind == ValueKind::List || self.quantifier != Quantifier::Any {
            words.items_of(self.quantifier, &field)
        } else {
            field
        };
        if !self.op.needs_value() {
            return format!("{subject} {}", words.op(self.op));
        }
        let value = match (&self.value, self.kind) {
            (Value::Array(items), _) => {
                let parts: Vec<String> = items.iter().map(|v| show(v, words)).collect();
                parts.join(", ")
            }
            (Value::Number(n), ValueKind::Money) => words.money(n, self.currency.as_deref()),
            (v, ValueKind::Money) => match &self.currency {
                Some(c) => format!("{} {}", show(v, words), c.to_ascii_uppercase()),
                None => show(v, words),
            },
            (v, _) => show(v, words),
        };
        format!("{subject} {} {value}", words.op(self.op))
    }

    /// Whether the comparison holds in `scope`.
    pub fn eval(&self, scope: &Scope<'_>) -> bool {
        if self.op.is_change() {
            return self.eval_change(scope);
        }
        let currency = if self.kind == ValueKind::Money {
            self.currency_in(scope)
        } else {
            ""
        };
        match scope.find(&self.field) {
            Found::Missing | Found::One(Value::Null) => self.op.holds_when_missing(),
            Found::One(Value::Array(items)) => self.eval_list(items.iter(), currency),
            Found::One(v) if is_list_object(v) => match v.get("data") {
                Some(Value::Array(items)) => self.eval_list(items.iter(), currency),
                _ => self.op.holds_when_missing(),
            },
            Found::One(v) => self.eval_scalar(v, self.kind, currency),
            Found::Many(items) => self.eval_list(items.into_iter(), currency),
        }
    }

    /// The currency an amount is in: the condition's own, else the `currency` next to the
    /// field, else the object's, else USD.
    fn currency_in<'s>(&'s self, scope: &'s Scope<'_>) -> &'s str {
        if let Some(c) = &self.currency {
            return c;
        }
        if let Some(Value::String(c)) = scope.sibling(&self.field, "currency") {
            return c;
        }
        let root_currency = match &self.field.root {
            Root::Trigger => scope.event().data.object.get("currency"),
            Root::Step(id) => scope.step(id).and_then(|o| o.get("currency")),
        };
        match root_currency {
            Some(Value::String(c)) => c,
            _ => "usd",
        }
    }

    fn eval_list<'v>(
        &self,
        items: impl Iterator<Item = &'v Value> + Clone,
        currency: &str,
    ) -> bool {
        let mut items = items.take(LIST_ITEM_LIMIT);
        match self.op {
            Op::Exists => true,
            Op::DoesNotExist => false,
            Op::IsEmpty => items.next().is_none(),
            Op::IsNotEmpty => items.next().is_some(),
            Op::Contains if self.kind == ValueKind::List => {
                items.any(|i| self.item_equals(i, currency))
            }
            Op::NotContains if self.kind == ValueKind::List => {
                !items.any(|i| self.item_equals(i, currency))
            }
            _ => {
                let mut test = items.map(|i| self.eval_scalar(i, self.item_kind(i), currency));
                match self.quantifier {
                    Quantifier::Any => test.any(|t| t),
                    Quantifier::None => !test.any(|t| t),
                    Quantifier::All => {
                        let mut seen = false;
                        for t in test {
                            if !t {
                                return false;
                            }
                            seen = true;
                        }
                        seen
                    }
                }
            }
        }
    }

    /// The type an item is compared as: the condition's, or the item's own for lists.
    fn item_kind(&self, item: &Value) -> ValueKind {
        if self.kind != ValueKind::List {
            return self.kind;
        }
        match item {
            Value::Number(_) => ValueKind::Number,
            Value::Bool(_) => ValueKind::Boolean,
            Value::String(_) => ValueKind::String,
            _ => ValueKind::Object,
        }
    }

    fn item_equals(&self, item: &Value, currency: &str) -> bool {
        equals(item, &self.value, self.item_kind(item), currency)
    }

    fn eval_scalar(&self, v: &Value, kind: ValueKind, currency: &str) -> bool {
        let value = &self.value;
        match self.op {
            Op::Exists => !v.is_null(),
            Op::DoesNotExist => v.is_null(),
            Op::IsEmpty => is_empty(v),
            Op::IsNotEmpty => !is_empty(v),
            Op::Equals | Op::ChangedTo => equals(v, value, kind, currency),
            Op::NotEquals => !equals(v, value, kind, currency),
            Op::Contains => text_test(v, value, |a, b| a.contains(b)),
            Op::NotContains => !text_test(v, value, |a, b| a.contains(b)),
            Op::StartsWith => text_test(v, value, |a, b| a.starts_with(b)),
            Op::EndsWith => text_test(v, value, |a, b| a.ends_with(b)),
            Op::GreaterThan => order(v, value, kind, currency) == Some(Ordering::Greater),
            Op::GreaterThanOrEqual => matches!(
                order(v, value, kind, currency),
                Some(Ordering::Greater | Ordering::Equal)
            ),
            Op::LessThan => order(v, value, kind, currency) == Some(Ordering::Less),
            Op::LessThanOrEqual => matches!(
                order(v, value, kind, currency),
                Some(Ordering::Less | Ordering::Equal)
            ),
            Op::OneOf => one_of(v, value, kind, currency),
            Op::NotOneOf => !one_of(v, value, kind, currency),
            Op::Changed => false,
        }
    }

    fn eval_change(&self, scope: &Scope<'_>) -> bool {
        let event = scope.event();
        if !event.kind.ends_with(".updated") {
            return false;
        }
        let (Some(rest), Some(previous)) =
            (self.field.object_path(), &event.data.previous_attributes)
        else {
            return false;
        };
        if rest.is_root() || !changed(&rest, previous) {
            return false;
        }
        match self.op {
            Op::Changed => true,
            _ => {
                let currency = if self.kind == ValueKind::Money {
                    self.currency_in(scope)
                } else {
                    ""
                };
                match scope.find(&self.field) {
                    Found::One(v) => equals(v, &self.value, self.kind, currency),
                    _ => false,
                }
            }
        }
    }
}

/// Whether `previous_attributes` names the field: the field itself is listed, or a parent
/// of it that was not an object before (an address that was `null`, say).
fn changed(rest: &Path, previous: &Value) -> bool {
    let mut here = previous;
    for key in rest.keys() {
        match here {
            Value::Object(map) => match map.get(key) {
                Some(next) => here = next,
                None => return false,
            },
            _ => return true,
        }
    }
    true
}

fn is_list_object(v: &Value) -> bool {
    v.get("object").and_then(Value::as_str) == Some("list")
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

fn show(v: &Value, words: &dyn ConditionWords) -> String {
    match v {
        Value::String(s) => words.text(s),
        Value::Bool(b) => words.boolean(*b),
        other => other.to_string(),
    }
}

fn text(v: &Value) -> Option<std::borrow::Cow<'_, str>> {
    match v {
        Value::String(s) => Some(std::borrow::Cow::Borrowed(s)),
        Value::Number(n) => Some(std::borrow::Cow::Owned(n.to_string())),
        Value::Bool(b) => Some(std::borrow::Cow::Borrowed(if *b {
            "true"
        } else {
            "false"
        })),
        _ => None,
    }
}

fn text_test(v: &Value, value: &Value, f: impl Fn(&str, &str) -> bool) -> bool {
    match (text(v), text(value)) {
        (Some(a), Some(b)) => f(&a, &b),
        _ => false,
    }
}

fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => crate::decimal::parse_f64(s.trim()),
        _ => None,
    }
}

/// The value typed by the person, in the unit the field is stored in.
fn operand(value: &Value, kind: ValueKind, currency: &str) -> Option<f64> {
    let n = number(value)?;
    Some(if kind == ValueKind::Money {
        money::to_minor(n, currency)
    } else {
        n
    })
}

fn order(v: &Value, value: &Value, kind: ValueKind, currency: &str) -> Option<Ordering> {
    number(v)?.partial_cmp(&operand(value, kind, currency)?)
}

fn equals(v: &Value, value: &Value, kind: ValueKind, currency: &str) -> bool {
    match kind {
        ValueKind::String => match (text(v), text(value)) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        },
        ValueKind::Number | ValueKind::Timestamp | ValueKind::Money => {
            order(v, value, kind, currency) == Some(Ordering::Equal)
        }
        ValueKind::Boolean => match (boolean(v), boolean(value)) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        },
        ValueKind::List | ValueKind::Object => v == value,
    }
}

fn boolean(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s == "true" => Some(true),
        Value::String(s) if s == "false" => Some(false),
        _ => None,
    }
}

fn one_of(v: &Value, value: &Value, kind: ValueKind, currency: &str) -> bool {
    match value {
        Value::Array(options) => options.iter().any(|o| equals(v, o, kind, currency)),
        single => equals(v, single, kind, currency),
    }
}
