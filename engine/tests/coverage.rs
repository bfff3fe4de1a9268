//! Coverage: the tally of what runs reached, generated events run through a draft, the
//! search for an event that reaches a never-exercised point, and contradictions.

use sandflow_engine::sandbox::Sandbox;
use sandflow_engine::{
    cover, generate_events, run_test, search, tally, templates, Arm, Condition, Coverage,
    CoverageError, Ids, Op, Point, Search, Step, TestCase, Trigger, ValueKind, Workflow,
};
use serde_json::{json, Value};

const NOW: i64 = 1_750_000_000;

fn cmp(field: &str, op: Op, kind: ValueKind, value: Value) -> Condition {
    Condition::compare(&format!("trigger.data.object.{field}"), op, kind, value).unwrap()
}

fn email(id: &str) -> Step {
    Step::email(id, "team@example.com", "Hello", "", &[])
}

fn workflow(event_type: &str, trigger: Option<Condition>, steps: Vec<Step>) -> Workflow {
    Workflow {
        trigger: Some(Trigger {
            event_type: event_type.into(),
            condition: trigger,
        }),
        steps,
        ..Workflow::new("wf_cov", NOW)
    }
}

fn fraud_template() -> Workflow {
    templates()
        .into_iter()
        .find(|t| t.name == "Refund on early fraud warning")
        .expect("the template")
        .instantiate(&mut Ids::new(1), NOW)
}

fn branch(step_id: &str, arm: Arm) -> Point {
    Point::Branch {
        step_id: step_id.into(),
        arm,
    }
}

fn found(outcome: Search) -> sandflow_engine::Example {
    match outcome {
        Search::Found(example) => *example,
        other => panic!("expected an event, got {other:?}"),
    }
}

/// The definition of done of issue 17: a branch the sandbox's events never exercise, an
/// event found for it, added as a test, and every branch covered.
#[test]
fn the_fraud_template_reaches_every_branch_once_the_found_event_is_a_test() {
    let w = fraud_template();
    let sandbox = Sandbox::new(NOW, 7);
    // The sandbox's events: three early fraud warnings, all on small charges.
    let seen = generate_events(&w, &sandbox, 3, 11).unwrap();
    let first = cover(&w, &seen.account, &seen.events, 1);
    let small = branch("small_charge", Arm::Then);
    let large = branch("small_charge", Arm::Else);
    assert_eq!(first.coverage.reached(&small), 3);
    assert_eq!(
        first.coverage.never_exercised(),
        vec![
            large.clone(),
            Point::Step {
                step_id: "email_team".into()
            }
        ]
    );
    assert_eq!(first.coverage.branches_covered(), (1, 2));
    assert_eq!(first.coverage.percent(), 50.0);

    let example = found(search(&w, &seen.account, &large, 5, 50).unwrap());
    // The charge the step retrieves was given an amount above the threshold (100 USD).
    let charge = example
        .objects
        .iter()
        .find(|o| o["object"] == "charge")
        .expect("the charge the run reads is among the objects");
    let minor = charge["amount"].as_f64().unwrap();
    let limit = if charge["currency"] == "jpy" {
        100.0
    } else {
        10_000.0
    };
    assert!(minor > limit, "{charge}");
    assert_eq!(example.event.kind, "radar.early_fraud_warning.created");

    // "Add as test": saved from the search's copy, the test runs in a fresh account with
    // only its objects, takes the branch, and its run counts with the others.
    let test = TestCase::from_outcome(
        "test_large".into(),
        "Large charge".into(),
        &w,
        &example.event,
        example.run.as_ref(),
        &example.account,
        NOW,
    );
    let result = run_test(&test, &w);
    assert!(
        result.passed(),
        "{:?}",
        result.failures().collect::<Vec<_>>()
    );
    let mut total = first.coverage.clone();
    total.add(result.run.as_ref());
    assert_eq!(total.reached(&large), 1);
    assert!(total.never_exercised().is_empty(), "{total:?}");
    assert_eq!(total.percent(), 100.0);
}

#[test]
fn five_hundred_generated_events_exercise_both_sides_of_the_fraud_template() {
    let w = fraud_template();
    let generated = generate_events(&w, &Sandbox::new(NOW, 7), 500, 3).unwrap();
    assert_eq!(generated.events.len(), 500);
    let out = cover(&w, &generated.account, &generated.events, 1);
    assert_eq!(out.coverage.events, 500);
    let c = &out.coverage.branches[0];
    assert_eq!(c.then + c.otherwise, 500);
    assert!(c.then > 0 && c.otherwise > 0, "{c:?}");
    assert!(out.failures.is_empty(), "{:?}", out.failures.first());
}

#[test]
fn the_same_seed_generates_the_same_events_and_the_same_tally() {
    let w = fraud_template();
    let sandbox = Sandbox::new(NOW, 7);
    let a = generate_events(&w, &sandbox, 30, 9).unwrap();
    let b = generate_events(&w, &sandbox, 30, 9).unwrap();
    assert_eq!(a.events, b.events);
    assert_eq!(
        cover(&w, &a.account, &a.events, 1),
        cover(&w, &b.account, &b.events, 1)
    );
    // Nothing outside the copies changed.
    assert_eq!(sandbox.object_count(), 0);
}

#[test]
fn an_event_given_twice_is_counted_once_not_as_filtered_the_second_time() {
    let w = workflow(
        "payment_intent.succeeded",
        Some(cmp("amount", Op::GreaterThan, ValueKind::Money, json!(0))),
        vec![email("tell")],
    );
    let generated = generate_events(&w, &Sandbox::new(NOW, 7), 2, 4).unwrap();
    let twice = [
        generated.events[0].clone(),
        generated.events[0].clone(),
        generated.events[1].clone(),
    ];
    let out = cover(&w, &generated.account, &twice, 1);
    assert_eq!(out.coverage.events, 2);
    let t = out.coverage.trigger.unwrap();
    assert_eq!((t.ran, t.filtered), (2, 0));
}

#[test]
fn trigger_conditions_count_events_let_through_and_filtered_out() {
    let w = workflow(
        "payment_intent.succeeded",
        Some(cmp("amount", Op::GreaterThan, ValueKind::Money, json!(100))),
        vec![email("tell")],
    );
    let generated = generate_events(&w, &Sandbox::new(NOW, 7), 60, 4).unwrap();
    let out = cover(&w, &generated.account, &generated.events, 1);
    let t = out.coverage.trigger.expect("the trigger has conditions");
    assert_eq!(t.ran + t.filtered, 60);
    assert!(t.ran > 0 && t.filtered > 0, "{t:?}");
    assert_eq!(out.coverage.steps[0].reached, t.ran);
    // The step is reached by every run; the trigger's two sides are its branches.
    assert_eq!(out.coverage.branches_covered(), (2, 2));
}

#[test]
fn a_tally_counts_failed_steps_as_reached_and_ignores_steps_it_does_not_have() {
    let w = workflow(
        "payment_intent.succeeded",
        None,
        vec![
            Step::action(
                "who",
                "customers.retrieve",
                json!({"customer": "{{trigger.data.object.customer}}"}),
            ),
            email("tell"),
        ],
    );
    // Payments the generator makes have no customer: the retrieve fails on all of them.
    let generated = generate_events(&w, &Sandbox::new(NOW, 7), 5, 4).unwrap();
    let out = cover(&w, &generated.account, &generated.events, 1);
    let runs: Vec<_> = out.failures.iter().map(|f| f.run.clone()).collect();
    assert_eq!(runs.len(), 5);
    let c = tally(&w, runs.iter().map(Some).chain([None]));
    assert_eq!(c.events, 6);
    assert_eq!(c.trigger, None);
    assert_eq!((c.steps[0].reached, c.steps[0].failed), (5, 5));
    assert_eq!(c.steps[1].reached, 0);
    assert_eq!(
        c.never_exercised(),
        vec![Point::Step {
            step_id: "tell".into()
        }]
    );
    // A workflow without conditions has no branch to cover.
    assert_eq!(c.percent(), 100.0);
    let mut other = workflow("payment_intent.succeeded", None, vec![email("else")]);
    other.id = "wf_other".into();
    let unrelated = tally(&other, runs.iter().map(Some));
    assert_eq!(unrelated.steps[0].reached, 0);
}

#[test]
fn a_step_that_fails_on_generated_events_is_listed_with_its_error_and_objects() {
    let w = workflow(
        "payment_intent.succeeded",
        None,
        vec![Step::action(
            "who",
            "customers.retrieve",
            json!({"customer": "{{trigger.data.object.customer}}"}),
        )],
    );
    let generated = generate_events(&w, &Sandbox::new(NOW, 7), 3, 4).unwrap();
    let out = cover(&w, &generated.account, &generated.events, 1);
    let failure = &out.failures[0];
    assert_eq!(failure.step_id.as_deref(), Some("who"));
    assert!(
        failure.error.contains("Required parameter"),
        "{}",
        failure.error
    );
    assert_eq!(failure.event, generated.events[0]);
    // The payment intent the event carries, and what it names (its charge...), as the
    // run found them.
    assert!(
        failure.objects.iter().any(|o| o["object"] == "charge"),
        "{:?}",
        failure.objects
    );
}

#[test]
fn contradicting_conditions_make_a_branch_unreachable_and_say_which() {
    let w = workflow(
        "payment_intent.succeeded",
        Some(cmp("amount", Op::GreaterThan, ValueKind::Money, json!(100))),
        vec![Step::branch(
            "tiny",
            Condition::All(vec![
                cmp("currency", Op::Equals, ValueKind::String, json!("usd")),
                cmp("amount", Op::LessThan, ValueKind::Money, json!(50)),
            ]),
            vec![email("never")],
            vec![email("always")],
        )],
    );
    let sandbox = Sandbox::new(NOW, 7);
    let Search::Unreachable(why) = search(&w, &sandbox, &branch("tiny", Arm::Then), 1, 20).unwrap()
    else {
        panic!("amount > 100 and amount < 50 cannot both hold");
    };
    // Only the two amounts conflict; the currency is not part of it.
    assert_eq!(why.conditions.len(), 2);
    assert_eq!(why.conditions[0].at, Point::Trigger { holds: true });
    assert_eq!(
        why.conditions[0].condition.describe(),
        "amount is greater than 100"
    );
    assert_eq!(why.conditions[1].at, branch("tiny", Arm::Then));
    assert_eq!(
        why.conditions[1].condition.describe(),
        "amount is less than 50"
    );
    assert_eq!(
        why.to_string(),
        "unreachable: amount is greater than 100 (trigger conditions) and amount is less than 50 (condition “tiny”, then) cannot all hold"
    );
    // The step inside is unreachable for the same reason; the other side is reachable.
    assert!(matches!(
        search(
            &w,
            &sandbox,
            &Point::Step {
                step_id: "never".into()
            },
            1,
            20
        )
        .unwrap(),
        Search::Unreachable(_)
    ));
    let example = found(search(&w, &sandbox, &branch("tiny", Arm::Else), 1, 20).unwrap());
    assert_eq!(
        example.run.unwrap().step("always").unwrap().status,
        sandflow_engine::StepStatus::Succeeded
    );
}

#[test]
fn contradictions_of_texts_presence_and_lists_of_values() {
    let cases: Vec<(&str, Condition, bool)> = vec![
        (
            "two different currencies",
            Condition::All(vec![
                cmp("currency", Op::Equals, ValueKind::String, json!("usd")),
                cmp("currency", Op::Equals, ValueKind::String, json!("eur")),
            ]),
            true,
        ),
        (
            "one of and not one of the same values",
            Condition::All(vec![
                cmp(
                    "currency",
                    Op::OneOf,
                    ValueKind::String,
                    json!(["usd", "eur"]),
                ),
                cmp(
                    "currency",
                    Op::NotOneOf,
                    ValueKind::String,
                    json!(["eur", "usd"]),
                ),
            ]),
            true,
        ),
        (
            "does not exist and is not empty",
            Condition::All(vec![
                cmp(
                    "description",
                    Op::DoesNotExist,
                    ValueKind::String,
                    Value::Null,
                ),
                cmp(
                    "description",
                    Op::IsNotEmpty,
                    ValueKind::String,
                    Value::Null,
                ),
            ]),
            true,
        ),
        (
            "an equal amount outside a range",
            Condition::All(vec![
                cmp("amount", Op::Equals, ValueKind::Money, json!(75)),
                Condition::Not(Box::new(Condition::Any(vec![
                    cmp("amount", Op::LessThan, ValueKind::Money, json!(80)),
                    cmp("amount", Op::GreaterThan, ValueKind::Money, json!(120)),
                ]))),
                cmp("amount", Op::LessThanOrEqual, ValueKind::Money, json!(100)),
            ]),
            true,
        ),
        ("a never group", Condition::Any(vec![]), true),
        (
            "empty and existing: the empty text",
            Condition::All(vec![
                cmp("description", Op::IsEmpty, ValueKind::String, Value::Null),
                cmp("description", Op::Exists, ValueKind::String, Value::Null),
            ]),
            false,
        ),
        (
            "a narrow range",
            Condition::All(vec![
                cmp("amount", Op::GreaterThan, ValueKind::Money, json!(100)),
                cmp("amount", Op::LessThan, ValueKind::Money, json!(100.02)),
            ]),
            false,
        ),
        (
            "one yen: a zero-decimal currency",
            Condition::All(vec![
                cmp("amount", Op::LessThanOrEqual, ValueKind::Money, json!(1)),
                cmp("amount", Op::GreaterThan, ValueKind::Money, json!(0)),
                cmp("currency", Op::Equals, ValueKind::String, json!("jpy")),
            ]),
            false,
        ),
    ];
    let sandbox = Sandbox::new(NOW, 7);
    for (name, condition, contradicts) in cases {
        let w = workflow(
            "payment_intent.succeeded",
            None,
            vec![Step::branch("b", condition, vec![email("yes")], vec![])],
        );
        let outcome = search(&w, &sandbox, &branch("b", Arm::Then), 3, 30).unwrap();
        match (outcome, contradicts) {
            (Search::Unreachable(_), true) => {}
            (Search::Found(example), false) => {
                let run = example.run.expect("a run");
                assert_eq!(run.step("b").unwrap().branch, Some(Arm::Then), "{name}");
            }
            (other, _) => panic!("{name}: {other:?}"),
        }
    }
}

#[test]
fn the_search_aims_at_zero_decimal_currencies_and_list_sizes() {
    let sandbox = Sandbox::new(NOW, 7);
    // 1 yen: 1 in Stripe's minor units, where 1 dollar is 100.
    let w = workflow(
        "payment_intent.succeeded",
        Some(Condition::All(vec![
            cmp("amount", Op::LessThanOrEqual, ValueKind::Money, json!(1)),
            cmp("amount", Op::GreaterThan, ValueKind::Money, json!(0)),
        ])),
        vec![email("tell")],
    );
    let example = found(search(&w, &sandbox, &Point::Trigger { holds: true }, 2, 40).unwrap());
    let object = example.event.object();
    let limit = if object["currency"] == "jpy" { 1 } else { 100 };
    assert!(object["amount"].as_i64().unwrap() <= limit, "{object}");

    // A list field: "no item is card" needs a list without it (or with it past item 100).
    let no_card = Condition::Compare(sandflow_engine::Compare {
        quantifier: sandflow_engine::Quantifier::None,
        ..match Condition::compare(
            "trigger.data.object.payment_method_types",
            Op::Equals,
            ValueKind::List,
            json!("card"),
        )
        .unwrap()
        {
            Condition::Compare(c) => c,
            _ => unreachable!(),
        }
    });
    let w = workflow(
        "payment_intent.succeeded",
        None,
        vec![Step::branch(
            "other_methods",
            no_card,
            vec![email("tell")],
            vec![],
        )],
    );
    let example = found(search(&w, &sandbox, &branch("other_methods", Arm::Then), 2, 40).unwrap());
    let types = &example.event.object()["payment_method_types"];
    assert!(
        types.is_null()
            || types
                .as_array()
                .is_some_and(|t| !t.iter().take(100).any(|v| v == "card")),
        "{types}"
    );
}

#[test]
fn a_contradiction_seen_only_through_text_operators_is_not_claimed() {
    // "contains abc" and "does not contain abc" cannot both hold, but text operators are
    // not judged: the search tries, finds nothing, and says so rather than guessing.
    let w = workflow(
        "payment_intent.succeeded",
        None,
        vec![Step::branch(
            "b",
            Condition::All(vec![
                cmp("description", Op::Contains, ValueKind::String, json!("abc")),
                cmp(
                    "description",
                    Op::NotContains,
                    ValueKind::String,
                    json!("abc"),
                ),
            ]),
            vec![email("yes")],
            vec![],
        )],
    );
    let outcome = search(&w, &Sandbox::new(NOW, 7), &branch("b", Arm::Then), 1, 5).unwrap();
    assert!(
        matches!(outcome, Search::NotFound { tried: 5 }),
        "{outcome:?}"
    );
}

#[test]
fn points_that_are_not_in_the_workflow_are_refused() {
    let w = fraud_template();
    let sandbox = Sandbox::new(NOW, 7);
    let cases = [
        Point::Step {
            step_id: "gone".into(),
        },
        branch("retrieve_charge", Arm::Then),
        // No trigger conditions: the trigger has no sides.
        Point::Trigger { holds: false },
        Point::Trigger { holds: true },
    ];
    for point in cases {
        assert_eq!(
            search(&w, &sandbox, &point, 1, 5).unwrap_err(),
            CoverageError::NoSuchPoint,
            "{point:?}"
        );
    }
    let mut no_trigger = w.clone();
    no_trigger.trigger = None;
    assert_eq!(
        generate_events(&no_trigger, &sandbox, 5, 1).unwrap_err(),
        CoverageError::NoTrigger
    );
    assert!(matches!(
        generate_events(&w, &sandbox, 10_001, 1).unwrap_err(),
        CoverageError::TooManyEvents { .. }
    ));
    assert_eq!(Coverage::new(&w).reached(&branch("gone", Arm::Else)), 0);
}
