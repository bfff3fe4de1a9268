//! What the builder and the pages say about conditions and events: summaries in the words
//! of the field picker (never a raw path), amounts as money, only the operators that can
//! hold for the trigger (`changed` only on `*.updated`), and which events are about an
//! object (a customer's page).

use sandflow_engine::{
    describe_condition, templates, Compare, Condition, ConditionWords, English, Op, Quantifier,
    Reference, SandboxCatalog, Step, Trigger, ValueKind, Workflow,
};
use serde_json::{json, Value};

mod common;

fn compare(field: &str, op: Op, kind: ValueKind, value: Value) -> Condition {
    Condition::Compare(Compare {
        field: Reference::parse(field).unwrap(),
        op,
        value,
        kind,
        quantifier: Quantifier::Any,
        currency: None,
    })
}

fn on(event_type: &str, condition: Option<Condition>) -> Workflow {
    let mut w = Workflow::new("wf_1", 0);
    w.trigger = Some(Trigger {
        event_type: event_type.into(),
        condition,
    });
    w
}

#[test]
fn the_fraud_template_summary_names_its_field_and_shows_money() {
    let w = templates()
        .into_iter()
        .find(|t| t.name == "Refund on early fraud warning")
        .expect("the template exists")
        .workflow;
    let (id, condition) = w
        .all_steps()
        .into_iter()
        .find_map(|s| match s {
            Step::Branch { id, condition, .. } => Some((id.clone(), condition.clone())),
            _ => None,
        })
        .expect("the template has a condition step");
    let text = describe_condition(&condition, &w, Some(&id), &SandboxCatalog);
    assert_eq!(
        text,
        "Retrieve a charge | Amount is less than or equal to 100.00"
    );
    assert!(!text.contains("steps."), "no raw path in {text}");
}

#[test]
fn trigger_conditions_are_described_with_labels() {
    let cases = [
        (
            compare(
                "trigger.data.object.name",
                Op::StartsWith,
                ValueKind::String,
                json!("Jean"),
            ),
            "Customer | Name starts with \"Jean\"",
        ),
        (
            Condition::All(vec![
                compare(
                    "trigger.data.object.email",
                    Op::Exists,
                    ValueKind::String,
                    Value::Null,
                ),
                compare(
                    "trigger.data.object.name",
                    Op::Equals,
                    ValueKind::String,
                    json!("Ada"),
                ),
            ]),
            "Customer | Email exists and Customer | Name is equal to \"Ada\"",
        ),
    ];
    for (condition, expected) in cases {
        let w = on("customer.created", Some(condition.clone()));
        assert_eq!(
            describe_condition(&condition, &w, None, &SandboxCatalog),
            expected
        );
    }
}

#[test]
fn money_keeps_the_decimals_of_its_currency() {
    let mut yen = Compare {
        field: Reference::parse("trigger.data.object.amount").unwrap(),
        op: Op::GreaterThan,
        value: json!(1000),
        kind: ValueKind::Money,
        quantifier: Quantifier::Any,
        currency: Some("jpy".into()),
    };
    let w = on("charge.succeeded", None);
    let text =
        |c: &Compare| describe_condition(&Condition::Compare(c.clone()), &w, None, &SandboxCatalog);
    assert_eq!(text(&yen), "Charge | Amount is greater than 1000 JPY");
    yen.currency = Some("usd".into());
    yen.value = json!(10.5);
    assert_eq!(text(&yen), "Charge | Amount is greater than 10.50 USD");
}

#[test]
fn a_field_no_source_offers_keeps_its_path() {
    let c = compare(
        "steps.gone.amount",
        Op::Exists,
        ValueKind::Number,
        Value::Null,
    );
    let w = on("charge.succeeded", Some(c.clone()));
    assert_eq!(
        describe_condition(&c, &w, None, &SandboxCatalog),
        "steps.gone.amount exists"
    );
}

#[test]
fn changed_is_offered_only_where_it_can_hold() {
    let field = Reference::parse("trigger.data.object.email").unwrap();
    let whole = Reference::parse("trigger.data.object").unwrap();
    let step = Reference::parse("steps.retrieve.email").unwrap();
    let has_change = |ops: Vec<Op>| ops.iter().any(|o| o.is_change());
    let cases = [
        (&field, Some("customer.created"), false),
        (&field, Some("customer.deleted"), false),
        (&field, None, false),
        (&field, Some("customer.updated"), true),
        (&whole, Some("customer.updated"), false),
        (&step, Some("customer.updated"), false),
    ];
    for (reference, event_type, offered) in cases {
        let ops = Op::for_field(reference, ValueKind::String, event_type);
        assert_eq!(
            has_change(ops.clone()),
            offered,
            "{reference} on {event_type:?}"
        );
        // Everything else of the type stays on offer.
        let rest: Vec<Op> = Op::for_kind(ValueKind::String)
            .into_iter()
            .filter(|o| !o.is_change())
            .collect();
        assert!(rest.iter().all(|o| ops.contains(o)));
    }
}

#[test]
fn an_event_concerns_its_object_and_what_belongs_to_it() {
    let cases = [
        (
            "customer.created",
            json!({"id": "cus_1", "object": "customer"}),
            true,
        ),
        (
            "charge.succeeded",
            json!({"id": "ch_1", "customer": "cus_1"}),
            true,
        ),
        (
            "invoice.paid",
            json!({"id": "in_1", "customer": {"id": "cus_1"}}),
            true,
        ),
        (
            "charge.succeeded",
            json!({"id": "ch_2", "customer": "cus_2"}),
            false,
        ),
        (
            "charge.succeeded",
            json!({"id": "ch_3", "customer": null}),
            false,
        ),
        ("coupon.created", json!({"id": "cus_10"}), false),
    ];
    for (kind, object, expected) in cases {
        let event = common::event("evt_1", kind, object.clone());
        assert_eq!(event.concerns("cus_1"), expected, "{kind} {object}");
    }
    assert!(!common::event("evt_1", "x.y", json!({"id": ""})).concerns(""));
}

/// Words that mark every part they give, to see that the sentence takes each of them from
/// the words and none from the engine.
struct Marked;

impl ConditionWords for Marked {
    fn always(&self) -> String {
        "<always>".into()
    }
    fn never(&self) -> String {
        "<never>".into()
    }
    fn joiner(&self, all: bool) -> String {
        if all { " <and> " } else { " <or> " }.into()
    }
    fn not(&self, inner: &str) -> String {
        format!("<not>[{inner}]")
    }
    fn field(&self, field: &Reference) -> Option<String> {
        (field.to_string() == "trigger.data.object.name").then(|| "<Name>".into())
    }
    fn items_of(&self, quantifier: Quantifier, field: &str) -> String {
        format!("<{quantifier:?} of {field}>")
    }
    fn op(&self, op: Op) -> String {
        format!("<{op:?}>")
    }
    fn text(&self, text: &str) -> String {
        format!("«{text}»")
    }
    fn boolean(&self, value: bool) -> String {
        format!("<{value}>")
    }
    fn money(&self, amount: &serde_json::Number, currency: Option<&str>) -> String {
        format!("<{amount} in {currency:?}>")
    }
}

#[test]
fn every_word_of_a_sentence_comes_from_the_words_given() {
    let mut tags = match compare(
        "trigger.data.object.tags",
        Op::StartsWith,
        ValueKind::List,
        json!("vip"),
    ) {
        Condition::Compare(c) => c,
        _ => unreachable!(),
    };
    tags.quantifier = Quantifier::All;
    let mut amount = match compare(
        "trigger.data.object.amount",
        Op::GreaterThan,
        ValueKind::Money,
        json!(10.5),
    ) {
        Condition::Compare(c) => c,
        _ => unreachable!(),
    };
    amount.currency = Some("eur".into());
    let condition = Condition::All(vec![
        compare(
            "trigger.data.object.name",
            Op::OneOf,
            ValueKind::String,
            json!(["Ada", "Jean"]),
        ),
        Condition::Any(vec![
            Condition::Compare(tags),
            Condition::Not(Box::new(Condition::Compare(amount))),
            compare(
                "trigger.data.object.livemode",
                Op::Equals,
                ValueKind::Boolean,
                json!(false),
            ),
        ]),
        compare(
            "trigger.data.object.email",
            Op::Exists,
            ValueKind::String,
            Value::Null,
        ),
    ]);
    assert_eq!(
        condition.describe_in(&Marked),
        "<Name> <OneOf> «Ada», «Jean» <and> (<All of tags> <StartsWith> «vip» <or> \
         <not>[amount <GreaterThan> <10.5 in Some(\"eur\")>] <or> livemode <Equals> <false>) \
         <and> email <Exists>"
    );
    assert_eq!(Condition::All(vec![]).describe_in(&Marked), "<always>");
    assert_eq!(Condition::Any(vec![]).describe_in(&Marked), "<never>");
    // The engine's own English is the same sentence in its words.
    assert_eq!(condition.describe_in(&English::PLAIN), condition.describe());
    assert_eq!(
        condition.describe(),
        "name is one of \"Ada\", \"Jean\" and (every item of tags starts with \"vip\" or \
         not (amount is greater than 10.5 EUR) or livemode is equal to false) and email exists"
    );
}
