//! Saved test cases: pre-filled from what happened, run in isolation, deterministic, and
//! failing with what was found instead when the definition changes.

#[path = "replay_scenario/mod.rs"]
mod scenario;

use proptest::prelude::*;
use sandflow_engine::sandbox::Sandbox;
use sandflow_engine::{
    check_room, dispatch, run_test, run_tests, templates, Arm, Dispatcher, Expectation, Ids, Run,
    Status, TestCase, TestError, TestFound, TestTally, Workflow, MAX_TESTS,
};
use scenario::{balance_over, welcome, welcome_twelve, world, NOW};
use serde_json::{json, Map, Value};

/// A test saved from run `i` of the scenario's live workflow.
fn saved(i: usize, live: &Workflow) -> (TestCase, scenario::World) {
    let w = world(i + 1, live.clone());
    let run = w.runs.iter().find(|r| r.event.id == w.events[i].id);
    let test = TestCase::from_outcome(
        format!("test_{i}"),
        format!("Customer {i}"),
        live,
        &w.events[i],
        run,
        &w.sandbox,
        NOW,
    );
    (test, w)
}

#[test]
fn a_saved_run_prefills_the_path_the_calls_and_the_emails() {
    let (test, _) = saved(7, &welcome(450));
    let e = &test.expectations;
    assert!(e.contains(&Expectation::Runs { runs: true }));
    assert!(e.contains(&Expectation::Status {
        succeeds: true,
        failing_step: None
    }));
    assert!(e.contains(&Expectation::Branch {
        step: "big".into(),
        arm: Arm::Then
    }));
    assert!(e.contains(&Expectation::Called {
        step: "tell".into(),
        called: false
    }));
    assert!(e.contains(&Expectation::Request {
        step: "tag".into(),
        path: "metadata.welcomed".into(),
        value: json!("yes")
    }));
    // What the request set, read back from the response.
    assert!(e.contains(&Expectation::Response {
        step: "tag".into(),
        path: "metadata.welcomed".into(),
        value: json!("yes")
    }));
    assert!(e.contains(&Expectation::Request {
        step: "credit".into(),
        path: "amount".into(),
        value: json!(500)
    }));
    assert!(e.contains(&Expectation::EmailTo {
        step: "tell_vip".into(),
        to: "team@example.com".into()
    }));
    // The subject names the credit's generated id: another id in the test's own account.
    assert!(!e
        .iter()
        .any(|x| matches!(x, Expectation::EmailSubject { step, .. } if step == "tell_vip")));
    // The customer id comes from the event: it is the same in the test, so it is kept.
    let customer = test.event.object()["id"].clone();
    assert!(e.contains(&Expectation::Request {
        step: "tag".into(),
        path: "customer".into(),
        value: customer
    }));
}

#[test]
fn a_saved_test_passes_on_its_own_definition_every_time_and_changes_nothing() {
    let live = welcome(450);
    let (test, w) = saved(7, &live);
    let before = serde_json::to_string(&w.sandbox).unwrap();
    let first = run_test(&test, &live);
    assert!(
        first.passed(),
        "{:#?}",
        first.failures().collect::<Vec<_>>()
    );
    let second = run_test(&test, &live);
    assert_eq!(first, second);
    assert_eq!(serde_json::to_string(&w.sandbox).unwrap(), before);
    assert_eq!(first.run.as_ref().unwrap().workflow.status, live.status);
}

#[test]
fn a_raised_threshold_fails_the_test_with_the_branch_taken_and_the_diff() {
    let (test, _) = saved(7, &welcome(450));
    // Customer 7 has a balance of 700: over 450, not over 800.
    let result = run_test(&test, &welcome(800));
    assert!(!result.passed());
    let branch = result
        .failures()
        .find(|c| matches!(c.expectation, Expectation::Branch { .. }))
        .expect("the branch expectation fails");
    assert_eq!(branch.found, TestFound::Arm { arm: Arm::Else });
    let credit = result
        .failures()
        .find(|c| matches!(&c.expectation, Expectation::Called { step, .. } if step == "credit"))
        .expect("the credit is no longer made");
    assert_eq!(credit.found, TestFound::Ran { ran: false });
    let diff = result.diff(&test).expect("both ran");
    assert_eq!(diff.diverges_at.as_deref(), Some("big"));
    // Undo: the test passes again.
    assert!(run_test(&test, &welcome(450)).passed());
}

#[test]
fn a_test_that_expects_no_run_fails_when_the_trigger_starts_matching() {
    let mut live = welcome(450);
    if let Some(trigger) = live.trigger.as_mut() {
        trigger.condition = Some(balance_over(1_000));
    }
    let (test, _) = saved(3, &live);
    assert_eq!(test.expectations, vec![Expectation::Runs { runs: false }]);
    assert!(test.baseline.is_none());
    assert!(run_test(&test, &live).passed());
    let now_runs = run_test(&test, &welcome(450));
    assert_eq!(now_runs.checks[0].found, TestFound::Ran { ran: true });
    assert!(!now_runs.passed());
}

#[test]
fn a_removed_step_fails_what_was_expected_of_it_but_not_that_it_is_not_called() {
    let live = welcome(450);
    let (test, _) = saved(7, &live);
    let mut edited = live.clone();
    edited.steps.remove(0); // "tag"
    let result = run_test(&test, &edited);
    for check in &result.checks {
        if check.expectation.step() == Some("tag") {
            assert!(!check.passed);
            assert_eq!(check.found, TestFound::NoStep);
        }
    }
    let mut not_called = test.clone();
    not_called.expectations = vec![Expectation::Called {
        step: "tag".into(),
        called: false,
    }];
    assert!(run_test(&not_called, &edited).passed());
}

#[test]
fn removing_expectations_leaves_only_what_a_person_cares_about() {
    let (mut test, _) = saved(7, &welcome(450));
    test.expectations
        .retain(|e| matches!(e, Expectation::Request { path, .. } if path == "metadata.welcomed"));
    assert_eq!(test.expectations.len(), 1);
    // The threshold no longer matters to this test.
    assert!(run_test(&test, &welcome(800)).passed());
    let mut retagged = welcome(450);
    if let sandflow_engine::Step::Action { params, .. } = &mut retagged.steps[0] {
        params.insert("metadata".into(), json!({"welcomed": "no"}));
    }
    let result = run_test(&test, &retagged);
    assert_eq!(
        result.checks[0].found,
        TestFound::Value { value: json!("no") }
    );
}

#[test]
fn the_starting_state_holds_the_objects_the_event_names_and_not_the_runs_own() {
    let (test, w) = saved(7, &welcome(450));
    let ids: Vec<&str> = test
        .objects
        .iter()
        .filter_map(|o| o["id"].as_str())
        .collect();
    let customer = test.event.object()["id"].as_str().unwrap();
    assert_eq!(ids, vec![customer]);
    // As the event carried it, not as the account holds it now (tagged since).
    assert_eq!(&test.objects[0], test.event.object());
    assert_ne!(w.sandbox.object(customer), Some(&test.objects[0]));
}

#[test]
fn bounds_are_checked_before_a_test_is_stored() {
    let (mut test, _) = saved(1, &welcome(450));
    assert_eq!(test.check(), Ok(()));
    test.name = "  ".into();
    assert_eq!(test.check(), Err(TestError::EmptyName));
    test.name = "x".repeat(101);
    assert!(matches!(test.check(), Err(TestError::OutOfBounds(_))));
    test.name = "ok".into();
    test.objects
        .push(json!({"id": "cus_big", "note": "x".repeat(600 * 1024)}));
    assert!(matches!(
        test.check(),
        Err(TestError::TooLarge { .. }) | Err(TestError::OutOfBounds(_))
    ));
    assert_eq!(check_room(MAX_TESTS - 1), Ok(()));
    assert_eq!(
        check_room(MAX_TESTS),
        Err(TestError::TooMany { limit: MAX_TESTS })
    );
}

#[test]
fn an_event_written_as_json_must_be_a_stripe_event_of_the_trigger_type() {
    let live = welcome(450);
    let (mut test, w) = saved(2, &live);
    assert!(matches!(
        test.set_event_json("{not json", &live),
        Err(TestError::BadEvent { .. })
    ));
    let mut other = w.events[0].clone();
    other.kind = "customer.deleted".into();
    let text = serde_json::to_string(&other).unwrap();
    assert_eq!(
        test.set_event_json(&text, &live),
        Err(TestError::WrongType {
            found: "customer.deleted".into(),
            trigger: "customer.created".into()
        })
    );
    let mut richer = w.events[2].clone();
    let mut object = richer.object().clone();
    object["balance"] = json!(5_000);
    richer.data.object = object.into();
    test.set_event_json(&serde_json::to_string(&richer).unwrap(), &live)
        .expect("a customer.created event");
    assert_eq!(test.event.object()["balance"], json!(5_000));
    // Now over the threshold: the saved path (else) no longer holds.
    assert!(!run_test(&test, &live).passed());
}

#[test]
fn fifty_tests_of_a_twelve_step_workflow_tally() {
    let live = welcome_twelve(450);
    let w = world(50, live.clone());
    let tests: Vec<TestCase> = w
        .events
        .iter()
        .enumerate()
        .map(|(i, event)| {
            let run = w.runs.iter().find(|r| r.event.id == event.id);
            TestCase::from_outcome(
                format!("test_{i}"),
                format!("t{i}"),
                &live,
                event,
                run,
                &w.sandbox,
                NOW,
            )
        })
        .collect();
    let results = run_tests(&tests, &live);
    assert_eq!(TestTally::of(&results).passed, 50);
    let results = run_tests(&tests, &welcome_twelve(2_000));
    let tally = TestTally::of(&results);
    // Balances 0, 100, ..., 4,900. The first branch now needs over 2,000 (was 450): it
    // changes for 500..=2,000; the second over 1,000 (was 225): 300..=1,000. Customers
    // 3..=20 fail, 18 of them.
    assert_eq!(
        tally,
        TestTally {
            passed: 32,
            failed: 18
        }
    );
}

/// Every template, on events generated for its trigger: a test saved from whatever the
/// workflow did passes on the same definition, whatever the event.
fn template_case(index: usize, seed: u64) -> Option<(Workflow, TestCase)> {
    let all = templates();
    let template = &all[index % all.len()];
    let mut ids = Ids::new(seed);
    let mut workflow = template.instantiate(&mut ids, NOW);
    workflow.status = Status::Active;
    let kind = workflow.event_type()?.to_owned();
    let mut sandbox = Sandbox::new(NOW, seed);
    sandbox.generate_event(&kind, &Map::new()).ok()?;
    let mut dispatcher = Dispatcher::new(seed);
    let mut runs: Vec<Run> = Vec::new();
    let mut target = None;
    for event in sandbox.take_events() {
        let out = dispatch(
            std::slice::from_ref(&workflow),
            &event,
            &mut sandbox,
            &mut dispatcher,
        );
        runs.extend(out.runs);
        if event.kind == kind {
            target = Some(event);
        }
    }
    let event = target?;
    let run = runs
        .iter()
        .find(|r| r.event.id == event.id && r.caused_by.is_none());
    let test = TestCase::from_outcome(
        "test_p".into(),
        "p".into(),
        &workflow,
        &event,
        run,
        &sandbox,
        NOW,
    );
    Some((workflow, test))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]
    #[test]
    fn a_test_saved_from_any_run_of_a_template_passes_on_that_template(index in 0usize..5, seed in 1u64..10_000) {
        let (workflow, test) = template_case(index, seed).expect("the template's trigger can be generated");
        let result = run_test(&test, &workflow);
        prop_assert!(result.passed(), "{:#?}", result.failures().collect::<Vec<_>>());
        prop_assert_eq!(run_test(&test, &workflow), result);
    }
}

#[test]
fn a_test_round_trips_through_json() {
    let (test, _) = saved(7, &welcome(450));
    let text = serde_json::to_string(&test).unwrap();
    let back: TestCase = serde_json::from_str(&text).unwrap();
    assert_eq!(back, test);
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        value["expectations"][0],
        json!({"expect": "runs", "runs": true})
    );
}

#[test]
fn tests_travel_with_their_workflow_in_an_export_and_follow_a_new_id() {
    use sandflow_engine::{
        export_with_history, import_with_history, ImportProblem, SandboxCatalog,
    };
    let live = welcome(450);
    let (test, _) = saved(7, &live);
    let text = export_with_history(
        std::slice::from_ref(&live),
        &[],
        &[],
        std::slice::from_ref(&test),
    );
    let fresh = import_with_history(&text, &[], &SandboxCatalog, &mut Ids::new(3)).unwrap();
    assert_eq!(fresh.tests, vec![test.clone()]);
    // Next to a workflow with the same id: it gets a new one, and its test follows.
    let again = import_with_history(
        &text,
        std::slice::from_ref(&live),
        &SandboxCatalog,
        &mut Ids::new(3),
    )
    .unwrap();
    assert_ne!(again.workflows[0].id, live.id);
    assert_eq!(again.tests[0].workflow_id, again.workflows[0].id);
    assert!(run_test(&again.tests[0], &again.workflows[0]).passed());

    // A test of no workflow of the file, or twice the same: the file is refused.
    let mut stray = test.clone();
    stray.workflow_id = "wf_elsewhere".into();
    let text = export_with_history(
        std::slice::from_ref(&live),
        &[],
        &[],
        &[test.clone(), test.clone(), stray],
    );
    let problems = import_with_history(&text, &[], &SandboxCatalog, &mut Ids::new(3)).unwrap_err();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems
        .iter()
        .all(|p| matches!(p, ImportProblem::BadHistory { what: "test", .. })));
}

#[test]
fn a_generated_test_starts_from_a_new_event_of_the_trigger_and_changes_nothing() {
    let live = welcome(450);
    let w = world(2, live.clone());
    let before = serde_json::to_string(&w.sandbox).unwrap();
    let test = TestCase::generated("test_g".into(), "Generated".into(), &live, &w.sandbox, 11)
        .expect("a customer.created event");
    assert_eq!(test.event.kind, "customer.created");
    assert!(w.sandbox.event(&test.event.id).is_none(), "a new event");
    assert!(test
        .expectations
        .contains(&Expectation::Runs { runs: true }));
    assert!(run_test(&test, &live).passed());
    assert_eq!(serde_json::to_string(&w.sandbox).unwrap(), before);
    let mut untriggered = live.clone();
    untriggered.trigger = None;
    assert_eq!(
        TestCase::generated("test_n".into(), "n".into(), &untriggered, &w.sandbox, 11),
        Err(TestError::NoTrigger)
    );
}

#[test]
fn a_test_the_workflow_no_longer_runs_on_says_which_part_of_the_trigger_failed() {
    use sandflow_engine::{Asks, Clause, Condition, Op, ValueKind};
    let mut live = welcome(450);
    let (test, _) = saved(4, &live);
    if let Some(trigger) = live.trigger.as_mut() {
        trigger.condition = Some(
            Condition::compare(
                "trigger.data.object.name",
                Op::StartsWith,
                ValueKind::String,
                json!("Marie"),
            )
            .unwrap(),
        );
    }
    let result = run_test(&test, &live);
    assert!(!result.passed());
    assert_eq!(
        result.trigger,
        vec![
            Clause {
                description: "the event is a `customer.created` event".into(),
                held: true,
                found: Some(json!("customer.created")),
                asks: Some(Asks::EventType("customer.created".into())),
            },
            Clause {
                description: "name starts with \"Marie\"".into(),
                held: false,
                found: Some(json!("Customer 4")),
                asks: match live.trigger.as_ref().and_then(|t| t.condition.clone()) {
                    Some(Condition::Compare(c)) => Some(Asks::Compare(c)),
                    _ => None,
                },
            },
        ]
    );
    // When it runs, there is nothing to explain.
    assert!(run_test(&test, &welcome(450)).trigger.is_empty());
}
