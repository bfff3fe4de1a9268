//! Dynamic values: present, missing, nested, list index, typed single references, errors.

mod common;

use common::event;
use sandflow_engine::{render_value, Piece, Scope, Template, TemplateError};
use serde_json::{json, Value};

#[test]
fn renders_dynamic_values() {
    let e = event(
        "evt_9",
        "customer.created",
        json!({
            "id": "cus_1", "name": "Jean", "balance": 250, "delinquent": false,
            "address": {"city": "Paris"}, "metadata": {"tier": "VIP"},
            "tags": ["a", "b"], "lines": {"data": [{"amount": 5}, {"amount": 7}]}
        }),
    );
    let mut scope = Scope::new(&e);
    scope.push_step("s1", json!({"id": "cus_2", "nested": {"deep": [10, 20]}}));
    let cases: &[(&str, Value, Value)] = &[
        ("plain text", json!("hello"), json!("hello")),
        (
            "single reference keeps a string",
            json!("{{trigger.data.object.name}}"),
            json!("Jean"),
        ),
        (
            "single reference keeps a number",
            json!("{{trigger.data.object.balance}}"),
            json!(250),
        ),
        (
            "single reference keeps a boolean",
            json!("{{ trigger.data.object.delinquent }}"),
            json!(false),
        ),
        (
            "single reference keeps an object",
            json!("{{trigger.data.object.address}}"),
            json!({"city": "Paris"}),
        ),
        (
            "missing single reference is null",
            json!("{{trigger.data.object.nope}}"),
            Value::Null,
        ),
        (
            "mixed text",
            json!("Hi {{trigger.data.object.name}} ({{trigger.data.object.balance}})"),
            json!("Hi Jean (250)"),
        ),
        (
            "missing inside text is nothing",
            json!("x{{trigger.data.object.nope}}y"),
            json!("xy"),
        ),
        (
            "nested field",
            json!("{{trigger.data.object.address.city}}"),
            json!("Paris"),
        ),
        (
            "metadata key",
            json!("{{trigger.data.object.metadata.tier}}"),
            json!("VIP"),
        ),
        (
            "list index",
            json!("{{trigger.data.object.tags.1}}"),
            json!("b"),
        ),
        (
            "list index past the end",
            json!("{{trigger.data.object.tags.5}}"),
            Value::Null,
        ),
        (
            "each item's field",
            json!("{{trigger.data.object.lines.data.amount}}"),
            json!([5, 7]),
        ),
        (
            "list in text",
            json!("tags: {{trigger.data.object.tags}}"),
            json!("tags: [\"a\",\"b\"]"),
        ),
        ("envelope id", json!("{{trigger.id}}"), json!("evt_9")),
        (
            "envelope type",
            json!("{{trigger.type}}"),
            json!("customer.created"),
        ),
        ("step output", json!("{{steps.s1.id}}"), json!("cus_2")),
        (
            "step nested list",
            json!("{{steps.s1.nested.deep.0}}"),
            json!(10),
        ),
        (
            "unknown step is null",
            json!("{{steps.s9.id}}"),
            Value::Null,
        ),
        (
            "inside metadata",
            json!({"tier": "{{trigger.data.object.metadata.tier}}", "fixed": 1}),
            json!({"tier": "VIP", "fixed": 1}),
        ),
        (
            "inside a list",
            json!(["{{trigger.data.object.name}}", "x"]),
            json!(["Jean", "x"]),
        ),
        ("numbers stay", json!(42), json!(42)),
        ("lone braces are text", json!("a } b"), json!("a } b")),
    ];
    for (name, input, expected) in cases {
        assert_eq!(
            &render_value(input, &scope).unwrap(),
            expected,
            "case `{name}`"
        );
    }
}

#[test]
fn reports_malformed_dynamic_values() {
    let cases: &[(&str, &str, &str)] = &[
        ("unclosed", "Hi {{trigger.data.object.name", "not closed"),
        ("empty", "{{ }}", "is empty"),
        (
            "unknown root",
            "{{customer.name}}",
            "must start with `trigger.`",
        ),
        ("no step id", "{{steps}}", "names no step"),
        ("double dot", "{{trigger.data..name}}", "empty part"),
        (
            "space in path",
            "{{trigger.data.object.first name}}",
            "contains ` `",
        ),
    ];
    for (name, text, fragment) in cases {
        let err: TemplateError = Template::parse(text).unwrap_err();
        assert!(err.to_string().contains(fragment), "case `{name}`: {err}");
    }
}

#[test]
fn single_reference_detection() {
    assert!(Template::parse("{{trigger.id}}")
        .unwrap()
        .single_reference()
        .is_some());
    assert!(Template::parse(" {{trigger.id}}")
        .unwrap()
        .single_reference()
        .is_none());
    assert!(!Template::parse("plain").unwrap().is_dynamic());
    let t = Template::parse("{{trigger.id}} and {{steps.a.b}}").unwrap();
    let refs: Vec<String> = t.references().map(ToString::to_string).collect();
    assert_eq!(refs, ["trigger.id", "steps.a.b"]);
}

fn text(t: &str) -> Piece {
    Piece::Text(t.into())
}

fn value(r: &str) -> Piece {
    Piece::Value(r.into())
}

#[test]
fn splits_text_into_pieces_without_judging_references() {
    let cases: &[(&str, &str, Vec<Piece>)] = &[
        ("empty", "", vec![]),
        ("plain", "plain", vec![text("plain")]),
        ("one value", "{{trigger.id}}", vec![value("trigger.id")]),
        (
            "mixed, spaces trimmed",
            "Hi {{ trigger.data.object.name }}!",
            vec![text("Hi "), value("trigger.data.object.name"), text("!")],
        ),
        ("adjacent", "{{a}}{{b}}", vec![value("a"), value("b")]),
        (
            "unclosed stays text",
            "Hi {{trigger.id",
            vec![text("Hi {{trigger.id")],
        ),
        (
            "unclosed after a value",
            "{{a}} and {{b",
            vec![value("a"), text(" and {{b")],
        ),
        ("not a reference", "{{ nope }}", vec![value("nope")]),
        ("empty braces", "{{}}", vec![value("")]),
        ("third brace", "{{{a}}}", vec![value("{a"), text("}")]),
    ];
    for (name, input, want) in cases {
        assert_eq!(&Piece::split(input), want, "case `{name}`");
    }
}

#[test]
fn pieces_write_back_as_written() {
    let pieces = Piece::split("Hi {{ trigger.data.object.name }}, {{steps.s1.id}}");
    let joined: String = pieces.iter().map(ToString::to_string).collect();
    assert_eq!(joined, "Hi {{trigger.data.object.name}}, {{steps.s1.id}}");
}

#[test]
fn parse_reads_the_values_split_finds() {
    let input = "{{trigger.id}} paid {{ steps.s1.amount }} on {{trigger.created}}";
    let parsed: Vec<String> = Template::parse(input)
        .unwrap()
        .references()
        .map(ToString::to_string)
        .collect();
    let split: Vec<String> = Piece::split(input)
        .into_iter()
        .filter_map(|p| match p {
            Piece::Value(r) => Some(r),
            Piece::Text(_) => None,
        })
        .collect();
    assert_eq!(parsed, split);
}
