//! Editing condition trees as the builder does: normalizing to a top group, adding rows and
//! nested groups, switching AND / OR, replacing and removing nodes by index path, a new
//! row's operator and the values typed into it.

use sandflow_engine::{
    add_compare, add_group, compare_for, finish, node_at, normalize, parse_value, remove_node,
    replace_compare, set_combinator, value_text, Combinator, Compare, Condition,
    ConditionEditError, Op, Quantifier, Reference, ValueKind,
};
use serde_json::{json, Value};

/// A comparison on `trigger.data.object.<name>` (string, `exists`).
fn row(name: &str) -> Compare {
    compare_for(
        Reference::trigger(&format!("data.object.{name}")).unwrap(),
        ValueKind::String,
    )
}

fn leaf(name: &str) -> Condition {
    Condition::Compare(row(name))
}

/// A tree written short: `all(a, any(b, c))`, rows by the last segment of their field.
fn shape(c: &Condition) -> String {
    let list = |items: &[Condition]| items.iter().map(shape).collect::<Vec<_>>().join(", ");
    match c {
        Condition::All(items) => format!("all({})", list(items)),
        Condition::Any(items) => format!("any({})", list(items)),
        Condition::Not(inner) => format!("not({})", shape(inner)),
        Condition::Compare(c) => c.field.to_string().rsplit('.').next().unwrap().to_owned(),
    }
}

/// `all(a, any(b, c), d)`.
fn sample() -> Condition {
    Condition::All(vec![
        leaf("a"),
        Condition::Any(vec![leaf("b"), leaf("c")]),
        leaf("d"),
    ])
}

#[test]
fn normalize_always_gives_a_top_group_and_finish_gives_it_back() {
    #[rustfmt::skip]
    let cases: [(&str, Option<Condition>, &str, Option<&str>); 5] = [
        ("no condition", None, "all()", None),
        ("a lone comparison", Some(leaf("a")), "all(a)", Some("all(a)")),
        ("a not", Some(Condition::Not(Box::new(leaf("a")))), "all(not(a))", Some("all(not(a))")),
        ("an any group is kept", Some(Condition::Any(vec![leaf("a")])), "any(a)", Some("any(a)")),
        ("an empty any group", Some(Condition::Any(vec![])), "any()", None),
    ];
    for (name, stored, want, back) in cases {
        let top = normalize(stored);
        assert_eq!(shape(&top), want, "case `{name}`");
        assert_eq!(
            finish(top).as_ref().map(shape).as_deref(),
            back,
            "case `{name}`"
        );
    }
}

#[test]
fn node_at_follows_the_index_path() {
    let tree = sample();
    #[rustfmt::skip]
    let cases: [(&str, &[usize], Option<&str>); 6] = [
        ("the top", &[], Some("all(a, any(b, c), d)")),
        ("a row", &[0], Some("a")),
        ("a nested group", &[1], Some("any(b, c)")),
        ("a row of a nested group", &[1, 1], Some("c")),
        ("past the end", &[3], None),
        ("inside a row", &[0, 0], None),
    ];
    for (name, path, want) in cases {
        assert_eq!(
            node_at(&tree, path).map(shape).as_deref(),
            want,
            "case `{name}`"
        );
    }
}

#[test]
fn each_edit_changes_exactly_its_node() {
    type Edit = fn(&mut Condition) -> Result<(), ConditionEditError>;
    #[rustfmt::skip]
    let cases: [(&str, Edit, &str); 10] = [
        ("add a row to the top", |c| add_compare(c, &[], row("e")), "all(a, any(b, c), d, e)"),
        ("add a row to a nested group", |c| add_compare(c, &[1], row("e")), "all(a, any(b, c, e), d)"),
        ("a nested group under AND is OR", |c| add_group(c, &[], row("e")), "all(a, any(b, c), d, any(e))"),
        ("a nested group under OR is AND", |c| add_group(c, &[1], row("e")), "all(a, any(b, c, all(e)), d)"),
        ("switch the top to OR", |c| set_combinator(c, &[], Combinator::Any), "any(a, any(b, c), d)"),
        ("switch a nested group to AND", |c| set_combinator(c, &[1], Combinator::All), "all(a, all(b, c), d)"),
        ("switching to the same keeps it", |c| set_combinator(c, &[], Combinator::All), "all(a, any(b, c), d)"),
        ("replace a row", |c| replace_compare(c, &[0], row("z")), "all(z, any(b, c), d)"),
        ("replace a nested row", |c| replace_compare(c, &[1, 0], row("z")), "all(a, any(z, c), d)"),
        ("remove a nested row", |c| remove_node(c, &[1, 0]).map(drop), "all(a, any(c), d)"),
    ];
    for (name, edit, want) in cases {
        let mut tree = sample();
        edit(&mut tree).unwrap_or_else(|e| panic!("case `{name}`: {e}"));
        assert_eq!(shape(&tree), want, "case `{name}`");
    }
}

#[test]
fn edits_at_a_wrong_path_are_refused_and_change_nothing() {
    type Edit = fn(&mut Condition) -> Result<(), ConditionEditError>;
    let not_found = |path: &[usize]| ConditionEditError::NotFound {
        path: path.to_vec(),
    };
    #[rustfmt::skip]
    let cases: [(&str, Edit, ConditionEditError); 8] = [
        ("a row into a missing group", |c| add_compare(c, &[7], row("e")), not_found(&[7])),
        ("a row into a row", |c| add_compare(c, &[0], row("e")), ConditionEditError::NotAGroup { path: vec![0] }),
        ("a group into a row", |c| add_group(c, &[2], row("e")), ConditionEditError::NotAGroup { path: vec![2] }),
        ("the combinator of a row", |c| set_combinator(c, &[0], Combinator::Any), ConditionEditError::NotAGroup { path: vec![0] }),
        ("replace a group", |c| replace_compare(c, &[1], row("z")), ConditionEditError::NotACompare { path: vec![1] }),
        ("replace past the end", |c| replace_compare(c, &[1, 5], row("z")), not_found(&[1, 5])),
        ("remove past the end", |c| remove_node(c, &[3]).map(drop), not_found(&[3])),
        ("remove the top group", |c| remove_node(c, &[]).map(drop), ConditionEditError::TopGroup),
    ];
    for (name, edit, want) in cases {
        let mut tree = sample();
        assert_eq!(edit(&mut tree), Err(want), "case `{name}`");
        assert_eq!(tree, sample(), "case `{name}`");
    }
}

#[test]
fn an_emptied_nested_group_is_removed_rather_than_left_holding_always() {
    let mut tree = Condition::All(vec![leaf("a"), Condition::Any(vec![leaf("b")])]);
    let removed = remove_node(&mut tree, &[1, 0]).unwrap();
    assert_eq!(shape(&removed), "b");
    assert_eq!(shape(&tree), "all(a)");
}

#[test]
fn removing_the_last_row_leaves_an_empty_top_group_stored_as_no_condition() {
    let mut tree = normalize(Some(leaf("a")));
    remove_node(&mut tree, &[0]).unwrap();
    assert_eq!(shape(&tree), "all()");
    assert_eq!(finish(tree), None);
}

#[test]
fn adding_a_group_to_no_condition_starts_an_or_group_inside_and() {
    let mut tree = normalize(None);
    add_compare(&mut tree, &[], row("a")).unwrap();
    add_group(&mut tree, &[], row("b")).unwrap();
    assert_eq!(shape(&tree), "all(a, any(b))");
}

#[test]
fn a_new_row_starts_with_the_first_operator_of_its_type_and_no_value() {
    let field = Reference::trigger("data.object.x").unwrap();
    #[rustfmt::skip]
    let cases = [
        (ValueKind::String, Op::Equals),
        (ValueKind::Number, Op::Equals),
        (ValueKind::Money, Op::Equals),
        (ValueKind::Timestamp, Op::Equals),
        (ValueKind::Boolean, Op::Equals),
        (ValueKind::List, Op::Equals),
        (ValueKind::Object, Op::IsEmpty),
    ];
    for (kind, op) in cases {
        let c = compare_for(field.clone(), kind);
        assert_eq!(c.op, op, "{kind:?}");
        assert_eq!(c.op, Op::for_kind(kind)[0], "{kind:?}");
        assert_eq!(
            (c.kind, &c.value, c.quantifier, &c.currency),
            (kind, &Value::Null, Quantifier::Any, &None)
        );
    }
}

#[test]
fn typed_values_are_parsed_by_type_and_operator() {
    use ValueKind::*;
    #[rustfmt::skip]
    let cases: [(&str, &str, ValueKind, Op, Value); 17] = [
        ("text is trimmed", "  Jean ", String, Op::Equals, json!("Jean")),
        ("empty text is no value", "   ", String, Op::Equals, Value::Null),
        ("digits stay text for a string", "42", String, Op::Equals, json!("42")),
        ("a number", "42", Number, Op::Equals, json!(42.0)),
        ("a decimal amount", " 10.50 ", Money, Op::GreaterThan, json!(10.5)),
        ("a timestamp in seconds", "1700000000", Timestamp, Op::LessThan, json!(1_700_000_000.0)),
        ("not a number stays text", "ten", Number, Op::Equals, json!("ten")),
        ("infinity is no value", "inf", Number, Op::Equals, Value::Null),
        ("NaN is no value", "NaN", Number, Op::Equals, Value::Null),
        ("true", "True", Boolean, Op::Equals, json!(true)),
        ("false", "false", Boolean, Op::NotEquals, json!(false)),
        ("one of splits on commas", "vip, eu ,new", String, Op::OneOf, json!(["vip", "eu", "new"])),
        ("one of drops empty items", "vip,, ,eu,", String, Op::NotOneOf, json!(["vip", "eu"])),
        ("one of numbers", "1, 2.5", Number, Op::OneOf, json!([1.0, 2.5])),
        ("one of nothing is an empty list", "", String, Op::OneOf, json!([])),
        ("contains on a list is one value", "vip, eu", List, Op::Contains, json!("vip, eu")),
        ("commas are text outside one of", "a,b", String, Op::Equals, json!("a,b")),
    ];
    for (name, text, kind, op, want) in cases {
        assert_eq!(parse_value(text, kind, op), want, "case `{name}`");
    }
}

#[test]
fn a_value_shown_in_the_input_reads_back_as_itself() {
    #[rustfmt::skip]
    let cases: [(Value, &str, ValueKind, Op); 5] = [
        (Value::Null, "", ValueKind::String, Op::Equals),
        (json!("Jean"), "Jean", ValueKind::String, Op::Equals),
        (json!(10.5), "10.5", ValueKind::Money, Op::Equals),
        (json!(["vip", "eu"]), "vip, eu", ValueKind::String, Op::OneOf),
        (json!(true), "true", ValueKind::Boolean, Op::Equals),
    ];
    for (value, text, kind, op) in cases {
        assert_eq!(value_text(&value), text);
        assert_eq!(parse_value(text, kind, op), value, "{text}");
    }
}
