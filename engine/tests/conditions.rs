//! Conditions: every operator on every type, missing fields, money, lists and the 100-item
//! limit, changes, groups.

mod common;

use common::event;
use sandflow_engine::{Compare, Condition, Event, Op, Quantifier, Reference, Scope, ValueKind};
use serde_json::{json, Value};

fn object() -> Value {
    json!({
        "id": "pi_1",
        "name": "Jean Dupont",
        "email": "jean@example.com",
        "amount": 150000,
        "currency": "usd",
        "count": 7,
        "ratio": 0.5,
        "created": 1_700_000_000,
        "livemode": false,
        "paid": true,
        "empty_text": "",
        "nothing": null,
        "tags": ["vip", "eu", "new"],
        "numbers": [1, 5, 10],
        "no_tags": [],
        "metadata": {"tier": "gold", "score": "42"},
        "address": {"city": "Paris", "country": "FR"},
        "lines": {"object": "list", "data": [
            {"amount": 1000, "description": "Pro plan"},
            {"amount": 2500, "description": "Seats"}
        ]},
        "jpy": {"amount": 1000, "currency": "jpy"},
        "kwd": {"amount": 1500, "currency": "kwd"}
    })
}

fn compare(field: &str, op: Op, kind: ValueKind, value: Value) -> Compare {
    Compare {
        field: Reference::trigger(&format!("data.object.{field}")).unwrap(),
        op,
        value,
        kind,
        quantifier: Quantifier::Any,
        currency: None,
    }
}

fn holds_on(e: &Event, c: Compare) -> bool {
    Condition::Compare(c).eval(&Scope::new(e))
}

#[test]
fn every_operator_on_every_type() {
    use Op::*;
    use ValueKind::*;
    let cases: &[(&str, &str, Op, ValueKind, Value, bool)] = &[
        // string
        (
            "string equal",
            "name",
            Equals,
            String,
            json!("Jean Dupont"),
            true,
        ),
        (
            "string equal is case-sensitive",
            "name",
            Equals,
            String,
            json!("jean dupont"),
            false,
        ),
        (
            "string not equal",
            "name",
            NotEquals,
            String,
            json!("Marie"),
            true,
        ),
        (
            "string not equal same",
            "name",
            NotEquals,
            String,
            json!("Jean Dupont"),
            false,
        ),
        (
            "string contains",
            "email",
            Contains,
            String,
            json!("@example"),
            true,
        ),
        (
            "string contains not",
            "email",
            Contains,
            String,
            json!("@stripe"),
            false,
        ),
        (
            "string does not contain",
            "email",
            NotContains,
            String,
            json!("@stripe"),
            true,
        ),
        (
            "string starts with",
            "name",
            StartsWith,
            String,
            json!("Jean"),
            true,
        ),
        (
            "string starts with not",
            "name",
            StartsWith,
            String,
            json!("Dupont"),
            false,
        ),
        (
            "string ends with",
            "email",
            EndsWith,
            String,
            json!(".com"),
            true,
        ),
        (
            "string ends with not",
            "email",
            EndsWith,
            String,
            json!(".fr"),
            false,
        ),
        (
            "string one of",
            "currency",
            OneOf,
            String,
            json!(["eur", "usd"]),
            true,
        ),
        (
            "string one of not",
            "currency",
            OneOf,
            String,
            json!(["eur", "gbp"]),
            false,
        ),
        (
            "string not one of",
            "currency",
            NotOneOf,
            String,
            json!(["eur", "gbp"]),
            true,
        ),
        (
            "string is empty",
            "empty_text",
            IsEmpty,
            String,
            Value::Null,
            true,
        ),
        (
            "string is empty not",
            "name",
            IsEmpty,
            String,
            Value::Null,
            false,
        ),
        (
            "string is not empty",
            "name",
            IsNotEmpty,
            String,
            Value::Null,
            true,
        ),
        ("string exists", "name", Exists, String, Value::Null, true),
        (
            "string does not exist",
            "name",
            DoesNotExist,
            String,
            Value::Null,
            false,
        ),
        (
            "metadata value",
            "metadata.tier",
            Equals,
            String,
            json!("gold"),
            true,
        ),
        (
            "nested object value",
            "address.city",
            StartsWith,
            String,
            json!("Par"),
            true,
        ),
        // number
        ("number equal", "count", Equals, Number, json!(7), true),
        (
            "number equal as text",
            "count",
            Equals,
            Number,
            json!("7"),
            true,
        ),
        (
            "number not equal",
            "count",
            NotEquals,
            Number,
            json!(8),
            true,
        ),
        (
            "number greater",
            "count",
            GreaterThan,
            Number,
            json!(6),
            true,
        ),
        (
            "number greater not",
            "count",
            GreaterThan,
            Number,
            json!(7),
            false,
        ),
        (
            "number greater or equal",
            "count",
            GreaterThanOrEqual,
            Number,
            json!(7),
            true,
        ),
        ("number less", "count", LessThan, Number, json!(7.5), true),
        (
            "number less not",
            "count",
            LessThan,
            Number,
            json!(7),
            false,
        ),
        (
            "number less or equal",
            "count",
            LessThanOrEqual,
            Number,
            json!(7),
            true,
        ),
        ("number fraction", "ratio", LessThan, Number, json!(1), true),
        ("number one of", "count", OneOf, Number, json!([1, 7]), true),
        (
            "number not one of",
            "count",
            NotOneOf,
            Number,
            json!([1, 7]),
            false,
        ),
        (
            "number from metadata text",
            "metadata.score",
            GreaterThan,
            Number,
            json!(40),
            true,
        ),
        (
            "number compared with text fails",
            "name",
            GreaterThan,
            Number,
            json!(1),
            false,
        ),
        // boolean
        (
            "boolean equal true",
            "paid",
            Equals,
            Boolean,
            json!(true),
            true,
        ),
        (
            "boolean equal false",
            "livemode",
            Equals,
            Boolean,
            json!(false),
            true,
        ),
        (
            "boolean equal text",
            "paid",
            Equals,
            Boolean,
            json!("true"),
            true,
        ),
        (
            "boolean not equal",
            "paid",
            NotEquals,
            Boolean,
            json!(true),
            false,
        ),
        // timestamp
        (
            "timestamp after",
            "created",
            GreaterThan,
            Timestamp,
            json!(1_600_000_000),
            true,
        ),
        (
            "timestamp before",
            "created",
            LessThan,
            Timestamp,
            json!(1_600_000_000),
            false,
        ),
        (
            "timestamp equal",
            "created",
            Equals,
            Timestamp,
            json!(1_700_000_000),
            true,
        ),
        (
            "timestamp at or before",
            "created",
            LessThanOrEqual,
            Timestamp,
            json!(1_700_000_000),
            true,
        ),
        (
            "timestamp at or after",
            "created",
            GreaterThanOrEqual,
            Timestamp,
            json!(1_700_000_001),
            false,
        ),
        // money: major units against minor units
        (
            "money usd greater",
            "amount",
            GreaterThan,
            Money,
            json!(1000),
            true,
        ),
        (
            "money usd equal",
            "amount",
            Equals,
            Money,
            json!(1500),
            true,
        ),
        (
            "money usd equal decimal text",
            "amount",
            Equals,
            Money,
            json!("1500.00"),
            true,
        ),
        (
            "money usd less or equal",
            "amount",
            LessThanOrEqual,
            Money,
            json!(1499.99),
            false,
        ),
        (
            "money jpy zero-decimal",
            "jpy.amount",
            Equals,
            Money,
            json!(1000),
            true,
        ),
        (
            "money jpy greater",
            "jpy.amount",
            GreaterThan,
            Money,
            json!(999),
            true,
        ),
        (
            "money kwd three-decimal",
            "kwd.amount",
            Equals,
            Money,
            json!(1.5),
            true,
        ),
        (
            "money one of",
            "amount",
            OneOf,
            Money,
            json!([10, 1500]),
            true,
        ),
        (
            "money is not empty",
            "amount",
            IsNotEmpty,
            Money,
            Value::Null,
            true,
        ),
        // list fields
        ("list contains", "tags", Contains, List, json!("eu"), true),
        (
            "list contains not",
            "tags",
            Contains,
            List,
            json!("us"),
            false,
        ),
        (
            "list does not contain",
            "tags",
            NotContains,
            List,
            json!("us"),
            true,
        ),
        ("list is empty", "no_tags", IsEmpty, List, Value::Null, true),
        (
            "list is not empty",
            "tags",
            IsNotEmpty,
            List,
            Value::Null,
            true,
        ),
        ("list exists", "tags", Exists, List, Value::Null, true),
        (
            "list any item equals",
            "tags",
            Equals,
            List,
            json!("new"),
            true,
        ),
        (
            "list any item starts with",
            "tags",
            StartsWith,
            List,
            json!("v"),
            true,
        ),
        (
            "list numbers any greater",
            "numbers",
            GreaterThan,
            List,
            json!(9),
            true,
        ),
        (
            "list numbers contains",
            "numbers",
            Contains,
            List,
            json!(5),
            true,
        ),
        (
            "list object data",
            "lines",
            IsNotEmpty,
            List,
            Value::Null,
            true,
        ),
        (
            "path through list items",
            "lines.data.amount",
            GreaterThan,
            Money,
            json!(20),
            true,
        ),
        (
            "path through list items none",
            "lines.data.amount",
            GreaterThan,
            Money,
            json!(30),
            false,
        ),
        (
            "path through list text",
            "lines.data.description",
            Contains,
            String,
            json!("Pro"),
            true,
        ),
        (
            "list index",
            "lines.data.1.amount",
            Equals,
            Money,
            json!(25),
            true,
        ),
        // missing and null fields
        ("missing equal", "nope", Equals, String, json!("x"), false),
        (
            "missing not equal",
            "nope",
            NotEquals,
            String,
            json!("x"),
            true,
        ),
        (
            "missing contains",
            "nope",
            Contains,
            String,
            json!("x"),
            false,
        ),
        (
            "missing does not contain",
            "nope",
            NotContains,
            String,
            json!("x"),
            true,
        ),
        (
            "missing greater",
            "nope",
            GreaterThan,
            Number,
            json!(1),
            false,
        ),
        (
            "missing is empty",
            "nope",
            IsEmpty,
            String,
            Value::Null,
            true,
        ),
        (
            "missing is not empty",
            "nope",
            IsNotEmpty,
            String,
            Value::Null,
            false,
        ),
        ("missing exists", "nope", Exists, String, Value::Null, false),
        (
            "missing does not exist",
            "nope",
            DoesNotExist,
            String,
            Value::Null,
            true,
        ),
        ("missing one of", "nope", OneOf, String, json!(["x"]), false),
        (
            "missing not one of",
            "nope",
            NotOneOf,
            String,
            json!(["x"]),
            true,
        ),
        ("null exists", "nothing", Exists, String, Value::Null, false),
        (
            "null is empty",
            "nothing",
            IsEmpty,
            String,
            Value::Null,
            true,
        ),
        (
            "deep missing",
            "address.zip.code",
            Exists,
            String,
            Value::Null,
            false,
        ),
        // change operators are false outside *.updated
        (
            "changed on created",
            "name",
            Changed,
            String,
            Value::Null,
            false,
        ),
    ];
    let e = event("evt_1", "payment_intent.succeeded", object());
    for (name, field, op, kind, value, expected) in cases {
        let got = holds_on(&e, compare(field, *op, *kind, value.clone()));
        assert_eq!(got, *expected, "case `{name}`");
    }
}

#[test]
fn money_uses_the_conditions_currency_when_given() {
    let e = event("evt_1", "x", json!({"total": 1000}));
    let mut c = compare("total", Op::Equals, ValueKind::Money, json!(1000));
    c.currency = Some("jpy".into());
    assert!(holds_on(&e, c.clone()));
    c.currency = Some("usd".into());
    assert!(!holds_on(&e, c));
    let c = compare("total", Op::Equals, ValueKind::Money, json!(10));
    assert!(
        holds_on(&e, c),
        "without any currency, amounts are in cents"
    );
}

fn list_of(n: usize, matching_at: usize) -> Value {
    let items: Vec<Value> = (0..n)
        .map(|i| {
            if i == matching_at {
                json!({"sku": "gold", "n": 1000})
            } else {
                json!({"sku": "plain", "n": 1})
            }
        })
        .collect();
    json!({"items": items, "codes": items.iter().map(|i| i["sku"].clone()).collect::<Vec<_>>() })
}

#[test]
fn lists_are_only_read_up_to_100_items() {
    let cases: &[(&str, usize, usize, bool)] = &[
        ("first item", 150, 0, true),
        ("100th item", 150, 99, true),
        ("101st item is never read", 101, 100, false),
        ("item 120 of 150 is never read", 150, 119, false),
    ];
    for (name, n, at, expected) in cases {
        let e = event("evt_1", "x", list_of(*n, *at));
        let membership = compare("codes", Op::Contains, ValueKind::List, json!("gold"));
        assert_eq!(holds_on(&e, membership), *expected, "{name}: list contains");
        let projected = compare("items.sku", Op::Equals, ValueKind::String, json!("gold"));
        assert_eq!(holds_on(&e, projected), *expected, "{name}: item path");
        let numbers = compare("items.n", Op::GreaterThan, ValueKind::Number, json!(10));
        assert_eq!(holds_on(&e, numbers), *expected, "{name}: item numbers");
        let mut none = compare("items.sku", Op::Equals, ValueKind::String, json!("gold"));
        none.quantifier = Quantifier::None;
        assert_eq!(holds_on(&e, none), !*expected, "{name}: no item");
    }
}

#[test]
fn quantifiers_any_every_none() {
    let e = event("evt_1", "x", json!({"prices": [5, 10, 15], "none": []}));
    let cases: &[(&str, &str, Quantifier, Op, Value, bool)] = &[
        (
            "any greater than 12",
            "prices",
            Quantifier::Any,
            Op::GreaterThan,
            json!(12),
            true,
        ),
        (
            "every greater than 12",
            "prices",
            Quantifier::All,
            Op::GreaterThan,
            json!(12),
            false,
        ),
        (
            "every greater than 1",
            "prices",
            Quantifier::All,
            Op::GreaterThan,
            json!(1),
            true,
        ),
        (
            "no item greater than 20",
            "prices",
            Quantifier::None,
            Op::GreaterThan,
            json!(20),
            true,
        ),
        (
            "no item greater than 12",
            "prices",
            Quantifier::None,
            Op::GreaterThan,
            json!(12),
            false,
        ),
        (
            "every item of an empty list",
            "none",
            Quantifier::All,
            Op::GreaterThan,
            json!(1),
            false,
        ),
        (
            "no item of an empty list",
            "none",
            Quantifier::None,
            Op::GreaterThan,
            json!(1),
            true,
        ),
        (
            "any item of an empty list",
            "none",
            Quantifier::Any,
            Op::GreaterThan,
            json!(1),
            false,
        ),
    ];
    for (name, field, quantifier, op, value, expected) in cases {
        let mut c = compare(field, *op, ValueKind::List, value.clone());
        c.quantifier = *quantifier;
        assert_eq!(holds_on(&e, c), *expected, "case `{name}`");
    }
}

#[test]
fn changed_and_changed_to_read_previous_attributes_on_updates() {
    let mut e = event(
        "evt_1",
        "customer.updated",
        json!({"name": "Jean", "email": "new@example.com", "metadata": {"tier": "VIP"}, "address": {"city": "Lyon"}}),
    );
    e.data.previous_attributes =
        Some(json!({"email": "old@example.com", "metadata": {"tier": null}, "address": null}));
    let cases: &[(&str, &str, Op, Value, bool)] = &[
        ("email changed", "email", Op::Changed, Value::Null, true),
        (
            "name did not change",
            "name",
            Op::Changed,
            Value::Null,
            false,
        ),
        (
            "email changed to new",
            "email",
            Op::ChangedTo,
            json!("new@example.com"),
            true,
        ),
        (
            "email changed to other",
            "email",
            Op::ChangedTo,
            json!("x@example.com"),
            false,
        ),
        (
            "metadata key changed",
            "metadata.tier",
            Op::Changed,
            Value::Null,
            true,
        ),
        (
            "metadata key changed to VIP",
            "metadata.tier",
            Op::ChangedTo,
            json!("VIP"),
            true,
        ),
        (
            "other metadata key did not change",
            "metadata.other",
            Op::Changed,
            Value::Null,
            false,
        ),
        (
            "parent was null before",
            "address.city",
            Op::Changed,
            Value::Null,
            true,
        ),
    ];
    for (name, field, op, value, expected) in cases {
        assert_eq!(
            holds_on(&e, compare(field, *op, ValueKind::String, value.clone())),
            *expected,
            "case `{name}`"
        );
    }
    e.kind = "customer.created".into();
    assert!(
        !holds_on(
            &e,
            compare("email", Op::Changed, ValueKind::String, Value::Null)
        ),
        "only on *.updated"
    );
}

#[test]
fn groups_combine_and_nest() {
    let e = event(
        "evt_1",
        "x",
        json!({"amount": 5000, "currency": "usd", "country": "FR"}),
    );
    let big = Condition::compare(
        "trigger.data.object.amount",
        Op::GreaterThan,
        ValueKind::Money,
        json!(10),
    )
    .unwrap();
    let usd = Condition::compare(
        "trigger.data.object.currency",
        Op::Equals,
        ValueKind::String,
        json!("usd"),
    )
    .unwrap();
    let us = Condition::compare(
        "trigger.data.object.country",
        Op::Equals,
        ValueKind::String,
        json!("US"),
    )
    .unwrap();
    let cases: Vec<(&str, Condition, bool)> = vec![
        ("and", Condition::All(vec![big.clone(), usd.clone()]), true),
        (
            "and with a false",
            Condition::All(vec![big.clone(), us.clone()]),
            false,
        ),
        ("or", Condition::Any(vec![us.clone(), usd.clone()]), true),
        ("or all false", Condition::Any(vec![us.clone()]), false),
        ("not", Condition::Not(Box::new(us.clone())), true),
        (
            "nested",
            Condition::All(vec![
                big.clone(),
                Condition::Any(vec![us.clone(), Condition::Not(Box::new(us.clone()))]),
            ]),
            true,
        ),
        ("empty and", Condition::All(vec![]), true),
        ("empty or", Condition::Any(vec![]), false),
    ];
    for (name, c, expected) in cases {
        assert_eq!(c.eval(&Scope::new(&e)), expected, "case `{name}`");
    }
}

#[test]
fn envelope_and_step_fields() {
    let e = event("evt_42", "customer.created", json!({"id": "cus_1"}));
    let mut scope = Scope::new(&e);
    scope.push_step("retrieve", json!({"balance": -500, "currency": "eur"}));
    let cases: Vec<(&str, &str, Op, ValueKind, Value, bool)> = vec![
        (
            "event id",
            "trigger.id",
            Op::Equals,
            ValueKind::String,
            json!("evt_42"),
            true,
        ),
        (
            "event type",
            "trigger.type",
            Op::StartsWith,
            ValueKind::String,
            json!("customer."),
            true,
        ),
        (
            "step output",
            "steps.retrieve.balance",
            Op::LessThan,
            ValueKind::Money,
            json!(-4),
            true,
        ),
        (
            "unknown step",
            "steps.nope.balance",
            Op::Exists,
            ValueKind::Money,
            Value::Null,
            false,
        ),
    ];
    for (name, field, op, kind, value, expected) in cases {
        let c = Condition::compare(field, op, kind, value).unwrap();
        assert_eq!(c.eval(&scope), expected, "case `{name}`");
    }
}

#[test]
fn operators_fit_types() {
    assert!(Op::GreaterThan.fits(ValueKind::Money));
    assert!(!Op::GreaterThan.fits(ValueKind::String));
    assert!(!Op::StartsWith.fits(ValueKind::Number));
    assert!(Op::Contains.fits(ValueKind::List));
    assert!(!Op::Equals.fits(ValueKind::Object));
    assert!(Op::Exists.fits(ValueKind::Object));
    assert_eq!(Op::for_kind(ValueKind::Boolean).len(), 8);
    assert_eq!(
        Op::ALL
            .iter()
            .map(|o| o.label())
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        18
    );
}

#[test]
fn descriptions_name_the_quantifier() {
    let mut c = compare("tags", Op::Contains, ValueKind::List, json!("vip"));
    assert_eq!(c.describe(), "any item of tags contains \"vip\"");
    c.quantifier = Quantifier::All;
    c.op = Op::StartsWith;
    assert_eq!(c.describe(), "every item of tags starts with \"vip\"");
    let amount = compare("amount", Op::GreaterThan, ValueKind::Money, json!(1000));
    let usd = compare("currency", Op::Equals, ValueKind::String, json!("usd"));
    let both = Condition::All(vec![Condition::Compare(amount), Condition::Compare(usd)]);
    assert_eq!(
        both.describe(),
        "amount is greater than 1000 and currency is equal to \"usd\""
    );
}

#[test]
fn conditions_round_trip_through_json() {
    let c = Condition::Any(vec![
        Condition::Not(Box::new(
            Condition::compare(
                "trigger.data.object.name",
                Op::StartsWith,
                ValueKind::String,
                json!("Jean"),
            )
            .unwrap(),
        )),
        Condition::compare(
            "steps.s1.amount",
            Op::OneOf,
            ValueKind::Money,
            json!([1, 2]),
        )
        .unwrap(),
    ]);
    let text = serde_json::to_string(&c).unwrap();
    assert!(
        text.contains("\"field\":\"trigger.data.object.name\""),
        "{text}"
    );
    assert_eq!(serde_json::from_str::<Condition>(&text).unwrap(), c);
    let bad = r#"{"compare":{"field":"nowhere.x","op":"equals","kind":"string","value":"a"}}"#;
    assert!(serde_json::from_str::<Condition>(bad).is_err());
}
