//! Sources: what each step can read, in order, and that validation agrees with it; the
//! fields they offer and the search over them.

mod common;

use common::TestCatalog;
use sandflow_engine::{
    search_fields, source_fields, sources, step_name, update_step, validate, Condition, Issue, Op,
    Root, SandboxCatalog, Source, SourceField, SourceName, Step, Trigger, ValueKind, Workflow,
};
use serde_json::{json, Value};

fn cond(field: &str) -> Condition {
    Condition::compare(field, Op::Exists, ValueKind::String, Value::Null).unwrap()
}

fn email(id: &str) -> Step {
    Step::email(id, "team@example.com", "hi", "", &[])
}

/// r1, b (then: t1, t2; else: e1), c, u: an action, a condition with two branches, an
/// email, and an action the catalog does not know.
fn flow(event_type: Option<&str>) -> Workflow {
    Workflow {
        trigger: event_type.map(|t| Trigger {
            event_type: t.into(),
            condition: None,
        }),
        steps: vec![
            Step::action("r1", "customers.retrieve", json!({"customer": "cus_1"})),
            Step::branch(
                "b",
                cond("trigger.data.object.name"),
                vec![Step::action("t1", "refunds.create", json!({})), email("t2")],
                vec![Step::action(
                    "e1",
                    "charges.retrieve",
                    json!({"charge": "ch_1"}),
                )],
            ),
            email("c"),
            Step::action("u", "nope.do", json!({})),
        ],
        ..Workflow::new("wf_1", 0)
    }
}

/// The roots of what `at` can read: "trigger" or the step id.
fn roots(w: &Workflow, at: Option<&str>) -> Vec<String> {
    sources(w, at, &TestCatalog)
        .iter()
        .map(|s| match &s.root {
            Root::Trigger => "trigger".to_owned(),
            Root::Step(id) => id.clone(),
        })
        .collect()
}

#[test]
fn each_step_reads_the_trigger_and_the_steps_run_before_it_on_its_path() {
    let w = flow(Some("customer.created"));
    let cases: [(&str, Option<&str>, &[&str]); 10] = [
        ("trigger conditions", None, &["trigger"]),
        ("first step", Some("r1"), &["trigger"]),
        ("condition step", Some("b"), &["trigger", "r1"]),
        ("first in then", Some("t1"), &["trigger", "r1", "b"]),
        ("second in then", Some("t2"), &["trigger", "r1", "b", "t1"]),
        ("else skips then", Some("e1"), &["trigger", "r1", "b"]),
        ("after the branches", Some("c"), &["trigger", "r1", "b"]),
        ("last", Some("u"), &["trigger", "r1", "b", "c"]),
        ("unknown step", Some("missing"), &["trigger"]),
        ("empty id", Some(""), &["trigger"]),
    ];
    for (name, at, want) in cases {
        assert_eq!(roots(&w, at), want, "case `{name}`");
    }
}

#[test]
fn sources_carry_their_object_type_and_name() {
    let w = flow(Some("payment_intent.succeeded"));
    let got: Vec<(Option<&str>, String)> = sources(&w, Some("u"), &TestCatalog)
        .into_iter()
        .map(|s| (s.object, s.name))
        .collect();
    let want = [
        (Some("payment_intent"), "Payment intent"),
        (Some("customer"), "Retrieve a customer"),
        (None, "Condition"),
        (None, "Email a team member"),
    ];
    let want: Vec<(Option<&str>, String)> =
        want.iter().map(|(o, n)| (*o, (*n).to_owned())).collect();
    assert_eq!(got, want);

    let inner = sources(&w, Some("t2"), &TestCatalog);
    assert_eq!(inner[3].object, Some("refund"));
    assert_eq!(inner[3].step.map(Step::id), Some("t1"));
    assert_eq!(inner[0].step, None);
}

#[test]
fn an_unknown_trigger_or_action_gives_no_object() {
    for (name, event_type) in [("no trigger", None), ("unknown", Some("nope.happened"))] {
        let w = flow(event_type);
        let trigger = &sources(&w, None, &TestCatalog)[0];
        assert_eq!(trigger.object, None, "case `{name}`");
        assert_eq!(trigger.name, "Trigger", "case `{name}`");
    }
    let w = flow(Some("customer.created"));
    let unknown = Source::step(w.step("u").unwrap(), &TestCatalog);
    assert_eq!((unknown.object, unknown.name.as_str()), (None, "nope.do"));
    assert_eq!(step_name(w.step("u").unwrap(), &TestCatalog), "nope.do");
}

#[test]
fn field_references_follow_the_reference_syntax() {
    let w = flow(Some("customer.created"));
    let all = sources(&w, Some("c"), &TestCatalog);
    assert_eq!(
        all[0].field_reference("address.city"),
        "trigger.data.object.address.city"
    );
    assert_eq!(all[1].field_reference("id"), "steps.r1.id");
}

/// Makes step `at` read `reference` (through a parameter, a condition or an email body).
fn read_from(w: &mut Workflow, at: &str, reference: &str) {
    let text = format!("{{{{{reference}}}}}");
    update_step(w, at, |step| match step {
        Step::Action { action, params, .. } => {
            let name = match action.as_str() {
                "customers.retrieve" => "customer",
                _ => "charge",
            };
            params.insert(name.into(), Value::String(text));
        }
        Step::Branch { condition, .. } => *condition = cond(reference),
        Step::Email { body, .. } => *body = text,
    })
    .unwrap();
}

#[test]
fn validation_accepts_a_step_reference_exactly_when_sources_offer_it() {
    let base = flow(Some("customer.created"));
    let ids: Vec<String> = base.all_steps().iter().map(|s| s.id().to_owned()).collect();
    for at in &ids {
        let offered = roots(&base, Some(at));
        for target in &ids {
            let mut w = base.clone();
            read_from(&mut w, at, &format!("steps.{target}.id"));
            let refused = validate(&w, &TestCatalog).into_iter().any(|p| {
                p.location.step_id.as_deref() == Some(at.as_str())
                    && matches!(p.issue, Issue::LaterStep { .. } | Issue::OtherBranch { .. })
            });
            assert_eq!(
                refused,
                !offered.contains(target),
                "step {at} reading step {target}"
            );
        }
    }
}

#[test]
fn source_fields_list_each_sources_fields_in_order_with_references_and_depth() {
    let w = flow(Some("customer.created"));
    let fields = source_fields(&w, Some("t1"), &TestCatalog);
    let trigger = fields.iter().find(|f| f.label == "address.city").unwrap();
    assert_eq!(
        trigger,
        &SourceField {
            reference: "trigger.data.object.address.city".into(),
            source: "Customer".into(),
            named: SourceName::Trigger(Some("customer")),
            label: "address.city".into(),
            path: "address.city".into(),
            kind: ValueKind::String,
            depth: 1,
        }
    );
    assert_eq!(trigger.title(), "Customer | address.city");
    // The trigger's customer fields, then step r1's (the condition step gives none).
    let sources_in_order: Vec<&str> = fields.iter().map(|f| f.source.as_str()).collect();
    let first_step = sources_in_order
        .iter()
        .position(|s| *s != "Customer")
        .unwrap();
    assert!(sources_in_order[..first_step]
        .iter()
        .all(|s| *s == "Customer"));
    assert!(sources_in_order[first_step..]
        .iter()
        .all(|s| *s == "Retrieve a customer"));
    assert_eq!(fields[first_step].reference, "steps.r1.id");
    assert!(source_fields(&flow(None), None, &TestCatalog).is_empty());
}

#[test]
fn field_search_matches_every_word_in_source_label_or_reference() {
    let w = flow(Some("customer.created"));
    let fields = source_fields(&w, Some("t1"), &TestCatalog);
    #[rustfmt::skip]
    let cases: [(&str, &str, &[&str]); 9] = [
        ("one word of a label", "city", &["trigger.data.object.address.city", "steps.r1.address.city"]),
        ("case-insensitive", "CITY", &["trigger.data.object.address.city", "steps.r1.address.city"]),
        ("a word of the source narrows", "retrieve city", &["steps.r1.address.city"]),
        ("words in any order", "city retrieve", &["steps.r1.address.city"]),
        ("the reference as written", "r1.address.city", &["steps.r1.address.city"]),
        ("a dot counts as a space", "address city customer", &["trigger.data.object.address.city", "steps.r1.address.city"]),
        ("an underscore counts as a space", "preferred locales retrieve", &["steps.r1.preferred_locales"]),
        ("every word must match", "city balance", &[]),
        ("nothing", "zzz", &[]),
    ];
    for (name, query, want) in cases {
        let got: Vec<&str> = search_fields(&fields, query)
            .iter()
            .map(|f| f.reference.as_str())
            .collect();
        assert_eq!(got, want, "case `{name}`");
    }
    assert_eq!(search_fields(&fields, "").len(), fields.len());
    assert_eq!(search_fields(&fields, "  ").len(), fields.len());
}

#[test]
fn two_steps_of_the_same_action_each_offer_their_own_fields() {
    let mut w = flow(Some("customer.created"));
    w.steps.insert(
        1,
        Step::action("r2", "customers.retrieve", json!({"customer": "cus_2"})),
    );
    let fields = source_fields(&w, Some("c"), &TestCatalog);
    let found: Vec<&str> = search_fields(&fields, "retrieve email")
        .iter()
        .map(|f| f.reference.as_str())
        .collect();
    assert_eq!(found, ["steps.r1.email", "steps.r2.email"]);
}

#[test]
fn the_sandbox_catalog_offers_searchable_fields() {
    let w = flow(Some("payment_intent.succeeded"));
    let fields = source_fields(&w, None, &SandboxCatalog);
    let found = search_fields(&fields, "amount");
    assert!(!found.is_empty());
    assert!(found
        .iter()
        .all(|f| f.reference.starts_with("trigger.data.object.")));
    assert!(found.iter().any(|f| f.kind == ValueKind::Money));
}

#[test]
fn each_source_says_what_it_is_so_the_app_can_word_its_name() {
    let w = flow(Some("customer.created"));
    let named: Vec<SourceName> = sources(&w, Some("t1"), &TestCatalog)
        .into_iter()
        .map(|s| s.named)
        .collect();
    assert_eq!(named[0], SourceName::Trigger(Some("customer")));
    assert!(named.contains(&SourceName::Action("customers.retrieve".into())));
    assert!(named.contains(&SourceName::Condition));
    // Every field carries its source's kind of name and the path its label is made from.
    for f in source_fields(&w, Some("t1"), &TestCatalog) {
        assert!(
            f.reference.ends_with(&f.path),
            "{} / {}",
            f.reference,
            f.path
        );
        assert!(named.contains(&f.named));
    }
    assert_eq!(
        sources(&flow(None), None, &TestCatalog)[0].named,
        SourceName::Trigger(None)
    );
}
