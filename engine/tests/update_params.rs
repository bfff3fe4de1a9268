//! The parameters of an update from a form: only what changed, and Stripe's rule that a
//! metadata key given an empty value is unset.

mod common;

use common::sandbox::params;
use sandflow_engine::sandbox::{customer_update_params, metadata_changes, CustomerEdit, Sandbox};
use serde_json::{json, Map, Value};

fn customer() -> Value {
    json!({
        "id": "cus_1",
        "name": "Jean Dupont",
        "email": "jean@example.com",
        "description": null,
        "phone": "+33 1 23 45 67 89",
        "metadata": {"tier": "gold", "region": "eu"},
    })
}

/// The form as it opens on [`customer`]: nothing edited yet.
fn unedited() -> CustomerEdit {
    CustomerEdit {
        name: "Jean Dupont".into(),
        email: "jean@example.com".into(),
        description: String::new(),
        phone: "+33 1 23 45 67 89".into(),
        metadata: params(json!({"tier": "gold", "region": "eu"})),
    }
}

#[test]
fn only_what_changed_is_sent() {
    type Change = fn(&mut CustomerEdit);
    #[rustfmt::skip]
    let cases: [(&str, Change, Value); 10] = [
        ("nothing changed gives no parameters", |_| {}, json!({})),
        ("a changed name", |e| e.name = "Jean Martin".into(), json!({"name": "Jean Martin"})),
        ("spaces around a field are not a change", |e| e.email = " jean@example.com ".into(), json!({})),
        ("a changed field is sent trimmed", |e| e.phone = " +33 6 ".into(), json!({"phone": "+33 6"})),
        ("a null field left empty is unchanged", |e| e.description = "  ".into(), json!({})),
        ("a null field filled in", |e| e.description = "VIP".into(), json!({"description": "VIP"})),
        ("a field emptied is sent empty", |e| e.name = String::new(), json!({"name": ""})),
        ("a new metadata key", |e| { e.metadata.insert("plan".into(), json!("pro")); }, json!({"metadata": {"plan": "pro"}})),
        ("a changed metadata value, the other key left out", |e| { e.metadata.insert("tier".into(), json!("silver")); }, json!({"metadata": {"tier": "silver"}})),
        ("a removed metadata key is unset with an empty value", |e| { e.metadata.remove("region"); }, json!({"metadata": {"region": ""}})),
    ];
    for (name, change, want) in cases {
        let mut edit = unedited();
        change(&mut edit);
        assert_eq!(
            Value::Object(customer_update_params(&customer(), &edit)),
            want,
            "case `{name}`"
        );
    }
}

#[test]
fn several_changes_are_sent_together() {
    let mut edit = unedited();
    edit.email = "jm@example.com".into();
    edit.metadata = params(json!({"tier": "gold", "plan": "pro"}));
    assert_eq!(
        Value::Object(customer_update_params(&customer(), &edit)),
        json!({"email": "jm@example.com", "metadata": {"plan": "pro", "region": ""}})
    );
}

#[test]
fn a_customer_without_metadata_gets_only_the_new_keys() {
    #[rustfmt::skip]
    let cases: [(&str, Value); 3] = [
        ("missing", json!({"id": "cus_1"})),
        ("null", json!({"id": "cus_1", "metadata": null})),
        ("empty", json!({"id": "cus_1", "metadata": {}})),
    ];
    for (name, before) in cases {
        let after = params(json!({"tier": "gold"}));
        assert_eq!(
            Value::Object(metadata_changes(&before["metadata"], &after)),
            json!({"tier": "gold"}),
            "case `{name}`"
        );
        assert!(
            metadata_changes(&before["metadata"], &Map::new()).is_empty(),
            "case `{name}`"
        );
    }
}

#[test]
fn the_parameters_do_what_the_form_shows_on_the_sandbox() {
    let mut sandbox = Sandbox::new(1_700_000_000, 3);
    let created = sandbox
        .call(
            "customers.create",
            &params(json!({"name": "Jean Dupont", "email": "jean@example.com", "metadata": {"tier": "gold", "region": "eu"}})),
            None,
        )
        .unwrap();
    let mut edit = CustomerEdit {
        name: "Jean Martin".into(),
        email: "jean@example.com".into(),
        metadata: params(json!({"tier": "silver"})),
        ..CustomerEdit::default()
    };
    let mut update = customer_update_params(&created, &edit);
    update.insert("customer".into(), created["id"].clone());
    let updated = sandbox.call("customers.update", &update, None).unwrap();
    assert_eq!(updated["name"], "Jean Martin");
    assert_eq!(updated["metadata"], json!({"tier": "silver"}));
    // Sending the form again changes nothing.
    edit.metadata = params(json!({"tier": "silver"}));
    assert!(customer_update_params(&updated, &edit).is_empty());
}

#[test]
fn from_no_customer_the_parameters_are_those_of_a_create() {
    // One form creates and edits: a new customer is an edit of nothing.
    let edit = CustomerEdit {
        name: " Jean Dupont ".into(),
        email: "jean@example.com".into(),
        description: "  ".into(),
        metadata: params(json!({"tier": "gold"})),
        ..CustomerEdit::default()
    };
    assert_eq!(
        Value::Object(customer_update_params(&Value::Null, &edit)),
        json!({"name": "Jean Dupont", "email": "jean@example.com", "metadata": {"tier": "gold"}})
    );
    assert!(customer_update_params(&Value::Null, &CustomerEdit::default()).is_empty());
}
