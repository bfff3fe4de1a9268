//! Sources: what each step can read, in order, and that validation agrees with it.

mod common;

use common::TestCatalog;
use sandflow_engine::{
    sources, step_name, update_step, validate, Condition, Issue, Op, Root, Source, Step, Trigger,
    ValueKind, Workflow,
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
