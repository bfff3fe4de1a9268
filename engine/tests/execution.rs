//! Execution against a scripted account: the documented use cases, failures, skipped
//! branches, stale dynamic values, duplicate deliveries, cascades and reruns.

mod common;

use common::{event, FakeAccount, TestCatalog};
use sandflow_engine::{
    dispatch, templates, validate, Arm, BudgetExceeded, Condition, Dispatcher, Event, Failure, Op,
    RerunError, Run, RunStatus, Status, Step, StepStatus, Trigger, ValueKind, Workflow,
};
use serde_json::{json, Value};

fn template(name: &str) -> Workflow {
    let t = templates()
        .into_iter()
        .find(|t| t.name == name)
        .expect("template exists");
    let seed = name.len() as u64;
    let mut w = t.instantiate(&mut sandflow_engine::Ids::new(seed), 1_600_000_000);
    w.status = Status::Active;
    w
}

fn active(id: &str, event_type: &str, condition: Option<Condition>, steps: Vec<Step>) -> Workflow {
    Workflow {
        status: Status::Active,
        trigger: Some(Trigger {
            event_type: event_type.into(),
            condition,
        }),
        steps,
        ..Workflow::new(id, 0)
    }
}

fn payment(id: &str, amount: i64, currency: &str, tip: Option<i64>) -> Event {
    let mut object = json!({"id": "pi_1", "object": "payment_intent", "amount": amount, "currency": currency, "customer": "cus_1"});
    if let Some(tip) = tip {
        object["amount_details"] = json!({"tip": {"amount": tip}});
    }
    event(id, "payment_intent.succeeded", object)
}

fn statuses(run: &Run) -> Vec<(String, StepStatus)> {
    run.steps
        .iter()
        .map(|s| (s.step_id.clone(), s.status))
        .collect()
}

#[test]
fn personalize_orders_emails_the_team_about_large_usd_orders() {
    let w = template("Personalize orders");
    assert_eq!(validate(&w, &TestCatalog), vec![]);
    let mut account = FakeAccount::new();
    let mut dispatcher = Dispatcher::new(1);
    let cases: &[(&str, i64, &str, usize)] = &[
        ("1,500 USD runs", 150_000, "usd", 1),
        ("exactly 1,000 USD does not", 100_000, "usd", 0),
        ("1,500 EUR does not", 150_000, "eur", 0),
        ("1,000,001 JPY is not USD", 1_000_001, "jpy", 0),
    ];
    for (i, (name, amount, currency, runs)) in cases.iter().enumerate() {
        let out = dispatch(
            std::slice::from_ref(&w),
            &payment(&format!("evt_{i}"), *amount, currency, None),
            &mut account,
            &mut dispatcher,
        );
        assert_eq!(out.runs.len(), *runs, "case `{name}`");
    }
    let out = dispatch(
        std::slice::from_ref(&w),
        &payment("evt_big", 250_000, "usd", None),
        &mut account,
        &mut dispatcher,
    );
    let run = &out.runs[0];
    assert_eq!(run.status, RunStatus::Succeeded);
    let email = run.emails().next().expect("an email");
    assert_eq!(email.to, "orders@example.com");
    assert_eq!(email.subject, "Large order from cus_1");
    assert_eq!(email.rows[1].value, "250000");
    insta::assert_json_snapshot!("personalize_orders", run);
}

#[test]
fn tag_vip_customers_updates_metadata_only_when_there_is_a_tip() {
    let w = template("Tag VIP customers");
    assert_eq!(validate(&w, &TestCatalog), vec![]);
    let mut account = FakeAccount::new();
    let mut dispatcher = Dispatcher::new(1);

    let out = dispatch(
        std::slice::from_ref(&w),
        &payment("evt_1", 5000, "usd", None),
        &mut account,
        &mut dispatcher,
    );
    let run = &out.runs[0];
    assert_eq!(run.status, RunStatus::Succeeded);
    assert_eq!(run.step("has_tip").unwrap().branch, Some(Arm::Else));
    assert_eq!(run.step("tag_vip").unwrap().status, StepStatus::Skipped);
    assert_eq!(account.objects["cus_1"]["metadata"], json!({}));

    let out = dispatch(
        std::slice::from_ref(&w),
        &payment("evt_2", 5000, "usd", Some(500)),
        &mut account,
        &mut dispatcher,
    );
    let run = &out.runs[0];
    assert_eq!(
        statuses(run),
        [
            ("retrieve_customer".into(), StepStatus::Succeeded),
            ("has_tip".into(), StepStatus::Succeeded),
            ("tag_vip".into(), StepStatus::Succeeded)
        ]
    );
    assert_eq!(account.objects["cus_1"]["metadata"]["Tier"], "VIP");
    assert_eq!(out.events.len(), 1, "the update emitted customer.updated");
    assert_eq!(out.events[0].kind, "customer.updated");
    insta::assert_json_snapshot!("tag_vip_customers", run);
}

#[test]
fn refund_on_early_fraud_warning_refunds_small_charges_and_emails_about_large_ones() {
    let w = template("Refund on early fraud warning");
    assert_eq!(validate(&w, &TestCatalog), vec![]);
    let mut account = FakeAccount::new();
    let mut dispatcher = Dispatcher::new(1);
    let warning = |id: &str, charge: &str| {
        event(
            id,
            "radar.early_fraud_warning.created",
            json!({"id": "issfr_1", "object": "radar.early_fraud_warning", "charge": charge}),
        )
    };

    let small = dispatch(
        std::slice::from_ref(&w),
        &warning("evt_1", "ch_small"),
        &mut account,
        &mut dispatcher,
    );
    let run = &small.runs[0];
    assert_eq!(run.step("small_charge").unwrap().branch, Some(Arm::Then));
    assert_eq!(run.step("refund").unwrap().status, StepStatus::Succeeded);
    assert_eq!(
        run.step("refund").unwrap().input,
        json!({"charge": "ch_small", "reason": "fraudulent"})
    );
    assert_eq!(run.step("email_team").unwrap().status, StepStatus::Skipped);
    insta::assert_json_snapshot!("refund_small_charge", run);

    let big = dispatch(
        std::slice::from_ref(&w),
        &warning("evt_2", "ch_big"),
        &mut account,
        &mut dispatcher,
    );
    let run = &big.runs[0];
    assert_eq!(run.step("refund").unwrap().status, StepStatus::Skipped);
    assert_eq!(
        run.emails().next().unwrap().subject,
        "Early fraud warning on ch_big"
    );
    assert_eq!(
        account
            .calls
            .iter()
            .filter(|c| c.0 == "refunds.create")
            .count(),
        1
    );
    insta::assert_json_snapshot!("email_about_large_charge", run);
}

#[test]
fn the_first_failing_step_ends_the_run_with_its_message() {
    let w = active(
        "wf_1",
        "customer.created",
        None,
        vec![
            Step::action(
                "s1",
                "customers.update",
                json!({"customer": "{{trigger.data.object.id}}", "name": "x"}),
            ),
            Step::email("s2", "team@example.com", "never sent", "", &[]),
        ],
    );
    let mut account = FakeAccount::new();
    let out = dispatch(
        &[w],
        &event("evt_1", "customer.created", json!({"id": "cus_404"})),
        &mut account,
        &mut Dispatcher::new(1),
    );
    let run = &out.runs[0];
    assert_eq!(run.status, RunStatus::Failed);
    assert_eq!(run.error().as_deref(), Some("No such customer: 'cus_404'"));
    assert_eq!(
        run.failure,
        Some(Failure::Step {
            step_id: "s1".into(),
            message: "No such customer: 'cus_404'".into()
        })
    );
    let failed = run.failed_step().unwrap();
    assert_eq!(
        failed.request_id.as_deref(),
        Some("req_1"),
        "Inspect in Workbench needs the request"
    );
    assert_eq!(failed.input, json!({"customer": "cus_404", "name": "x"}));
    assert_eq!(run.step("s2").unwrap().status, StepStatus::Skipped);
    assert_eq!(run.emails().count(), 0);
}

#[test]
fn an_empty_required_dynamic_value_fails_before_calling_the_api() {
    let w = active(
        "wf_1",
        "customer.created",
        None,
        vec![Step::action(
            "s1",
            "customers.retrieve",
            json!({"customer": "{{trigger.data.object.missing_field}}"}),
        )],
    );
    let mut account = FakeAccount::new();
    let out = dispatch(
        &[w],
        &event("evt_1", "customer.created", json!({"id": "cus_1"})),
        &mut account,
        &mut Dispatcher::new(1),
    );
    assert_eq!(
        out.runs[0].error().unwrap(),
        "Required parameter Customer is empty: enter a value or pick a dynamic value that has one"
    );
    assert!(account.calls.is_empty());
}

#[test]
fn dynamic_values_are_snapshots_but_actions_act_on_the_latest_object() {
    let w = active(
        "wf_1",
        "customer.created",
        None,
        vec![
            Step::action(
                "s1",
                "customers.retrieve",
                json!({"customer": "{{trigger.data.object.id}}"}),
            ),
            Step::action(
                "s2",
                "customers.update",
                json!({"customer": "{{steps.s1.id}}", "name": "Marie Curie"}),
            ),
            Step::action(
                "s3",
                "customers.update",
                json!({"customer": "{{steps.s1.id}}", "email": "marie@example.com"}),
            ),
            Step::email(
                "s4",
                "team@example.com",
                "{{steps.s1.name}} is now {{steps.s3.name}}",
                "",
                &[],
            ),
        ],
    );
    let mut account = FakeAccount::new();
    let out = dispatch(
        &[w],
        &event("evt_1", "customer.created", json!({"id": "cus_1"})),
        &mut account,
        &mut Dispatcher::new(1),
    );
    let run = &out.runs[0];
    assert_eq!(run.status, RunStatus::Succeeded);
    assert_eq!(
        run.emails().next().unwrap().subject,
        "Jean Dupont is now Marie Curie"
    );
    assert_eq!(account.objects["cus_1"]["name"], "Marie Curie");
    assert_eq!(account.objects["cus_1"]["email"], "marie@example.com");
}

#[test]
fn actions_are_called_with_the_run_origin() {
    let w = active(
        "wf_7",
        "customer.created",
        None,
        vec![Step::action(
            "s1",
            "customers.retrieve",
            json!({"customer": "cus_1"}),
        )],
    );
    let mut account = FakeAccount::new();
    let out = dispatch(
        &[w],
        &event("evt_1", "customer.created", json!({})),
        &mut account,
        &mut Dispatcher::new(1),
    );
    let origin = account.calls[0].2.clone().unwrap();
    assert_eq!(origin.workflow_id, "wf_7");
    assert_eq!(origin.run_id, out.runs[0].id);
    assert_eq!(origin.step_id, "s1");
}

#[test]
fn only_active_matching_workflows_whose_conditions_hold_run() {
    let name_is_jean = Condition::compare(
        "trigger.data.object.name",
        Op::StartsWith,
        ValueKind::String,
        json!("Jean"),
    )
    .unwrap();
    let email = || vec![Step::email("s1", "team@example.com", "hi", "", &[])];
    let mut inactive = active("wf_inactive", "customer.created", None, email());
    inactive.status = Status::Inactive;
    let workflows = vec![
        active("wf_match", "customer.created", None, email()),
        active("wf_other_type", "customer.deleted", None, email()),
        inactive,
        active(
            "wf_jean",
            "customer.created",
            Some(name_is_jean.clone()),
            email(),
        ),
        Workflow {
            trigger: None,
            status: Status::Active,
            ..Workflow::new("wf_no_trigger", 0)
        },
    ];
    let cases: &[(&str, &str, &[&str])] = &[
        ("Jean matches both", "Jean Dupont", &["wf_match", "wf_jean"]),
        ("Marie matches one", "Marie Curie", &["wf_match"]),
    ];
    for (i, (name, customer, expected)) in cases.iter().enumerate() {
        let e = event(
            &format!("evt_{i}"),
            "customer.created",
            json!({"name": customer}),
        );
        let out = dispatch(
            &workflows,
            &e,
            &mut FakeAccount::new(),
            &mut Dispatcher::new(1),
        );
        let ran: Vec<&str> = out.runs.iter().map(|r| r.workflow_id.as_str()).collect();
        assert_eq!(&ran, expected, "case `{name}`");
    }
}

#[test]
fn the_same_event_delivered_twice_runs_each_workflow_once() {
    let w = active(
        "wf_1",
        "customer.created",
        None,
        vec![Step::email("s1", "team@example.com", "hi", "", &[])],
    );
    let mut dispatcher = Dispatcher::new(1);
    let e = event("evt_dup", "customer.created", json!({}));
    let mut account = FakeAccount::new();
    assert_eq!(
        dispatch(std::slice::from_ref(&w), &e, &mut account, &mut dispatcher)
            .runs
            .len(),
        1
    );
    assert_eq!(
        dispatch(std::slice::from_ref(&w), &e, &mut account, &mut dispatcher)
            .runs
            .len(),
        0
    );
    let other = event("evt_other", "customer.created", json!({}));
    assert_eq!(
        dispatch(&[w], &other, &mut account, &mut dispatcher)
            .runs
            .len(),
        1
    );
}

#[test]
fn a_workflow_that_triggers_itself_stops_at_the_cascade_limit() {
    let w = active(
        "wf_loop",
        "customer.updated",
        None,
        vec![Step::action(
            "s1",
            "customers.update",
            json!({"customer": "{{trigger.data.object.id}}", "metadata": {"n": "{{trigger.id}}"}}),
        )],
    );
    let mut account = FakeAccount::new();
    let start = event("evt_start", "customer.updated", json!({"id": "cus_1"}));
    let out = dispatch(&[w], &start, &mut account, &mut Dispatcher::new(1));
    let depths: Vec<u32> = out.runs.iter().map(|r| r.depth).collect();
    assert_eq!(depths, [0, 1, 2, 3, 4, 5, 6]);
    assert!(out.runs[..6]
        .iter()
        .all(|r| r.status == RunStatus::Succeeded));
    let capped = out.runs.last().unwrap();
    assert_eq!(capped.status, RunStatus::Failed);
    assert_eq!(
        capped.failure,
        Some(Failure::Budget {
            exceeded: BudgetExceeded::Cascade { limit: 5 }
        })
    );
    assert!(capped
        .error()
        .unwrap()
        .contains("chain of more than 5 workflow runs"));
    assert_eq!(capped.steps[0].status, StepStatus::Skipped);
    assert_eq!(capped.caused_by.as_deref(), Some(out.runs[5].id.as_str()));
    assert_eq!(account.calls.len(), 6, "the capped run calls nothing");
}

#[test]
fn fan_out_is_capped_by_the_run_budget() {
    let looping = |id: &str| {
        active(
            id,
            "customer.updated",
            None,
            vec![
                Step::action(
                    "a",
                    "customers.update",
                    json!({"customer": "cus_1", "name": "a"}),
                ),
                Step::action(
                    "b",
                    "customers.update",
                    json!({"customer": "cus_1", "name": "b"}),
                ),
            ],
        )
    };
    let workflows: Vec<Workflow> = (0..6).map(|i| looping(&format!("wf_{i}"))).collect();
    let out = dispatch(
        &workflows,
        &event("evt_0", "customer.updated", json!({"id": "cus_1"})),
        &mut FakeAccount::new(),
        &mut Dispatcher::new(1),
    );
    let ran = out
        .runs
        .iter()
        .filter(|r| r.status == RunStatus::Succeeded)
        .count();
    assert_eq!(ran, 100);
    assert!(out.runs.iter().any(|r| r.failure
        == Some(Failure::Budget {
            exceeded: BudgetExceeded::Runs { limit: 100 }
        })));
}

#[test]
fn reruns_use_the_workflow_as_it_is_now_and_link_to_the_original() {
    let mut w = active(
        "wf_1",
        "customer.created",
        None,
        vec![Step::action(
            "s1",
            "customers.retrieve",
            json!({"customer": "cus_404"}),
        )],
    );
    let mut account = FakeAccount::new();
    let mut dispatcher = Dispatcher::new(1);
    let e = event("evt_1", "customer.created", json!({"id": "cus_1"}));
    let original = dispatch(std::slice::from_ref(&w), &e, &mut account, &mut dispatcher)
        .runs
        .remove(0);
    assert_eq!(original.status, RunStatus::Failed);

    // Fix the step, then rerun.
    w.steps = vec![Step::action(
        "s1",
        "customers.retrieve",
        json!({"customer": "{{trigger.data.object.id}}"}),
    )];
    let out = dispatcher
        .rerun(std::slice::from_ref(&w), &w, &original, &mut account)
        .unwrap();
    let rerun = &out.runs[0];
    assert_eq!(rerun.status, RunStatus::Succeeded);
    assert_eq!(rerun.rerun_of.as_deref(), Some(original.id.as_str()));
    assert_ne!(rerun.id, original.id);
    assert_eq!(rerun.event, original.event);
    assert_eq!(
        rerun.workflow.steps, w.steps,
        "the copy is of the workflow as it is now"
    );
    assert_ne!(
        original.workflow.steps, w.steps,
        "the original keeps the definition it ran"
    );

    let cases: Vec<(&str, Workflow, i64, RerunError)> = vec![
        (
            "inactive",
            Workflow {
                status: Status::Inactive,
                ..w.clone()
            },
            0,
            RerunError::Inactive {
                name: "Untitled workflow".into(),
            },
        ),
        (
            "31 days later",
            w.clone(),
            31 * 86_400,
            RerunError::TooOld {
                days: 31,
                limit: 30,
            },
        ),
        (
            "conditions no longer hold",
            Workflow {
                trigger: Some(Trigger {
                    event_type: "customer.created".into(),
                    condition: Some(
                        Condition::compare(
                            "trigger.data.object.id",
                            Op::Equals,
                            ValueKind::String,
                            json!("cus_2"),
                        )
                        .unwrap(),
                    ),
                }),
                ..w.clone()
            },
            0,
            RerunError::ConditionsNotMet,
        ),
        (
            "trigger changed",
            Workflow {
                trigger: Some(Trigger {
                    event_type: "customer.deleted".into(),
                    condition: None,
                }),
                ..w.clone()
            },
            0,
            RerunError::TriggerChanged {
                was: "customer.created".into(),
                now: "customer.deleted".into(),
            },
        ),
        (
            "another workflow",
            Workflow {
                id: "wf_2".into(),
                ..w.clone()
            },
            0,
            RerunError::OtherWorkflow,
        ),
    ];
    for (name, workflow, later, expected) in cases {
        let mut account = FakeAccount::new();
        account.now = e.created + later;
        let got = dispatcher.rerun(
            std::slice::from_ref(&workflow),
            &workflow,
            &original,
            &mut account,
        );
        assert_eq!(got.unwrap_err(), expected, "case `{name}`");
    }
    let mut account = FakeAccount::new();
    account.now = e.created + 30 * 86_400;
    assert!(
        dispatcher
            .rerun(std::slice::from_ref(&w), &w, &original, &mut account)
            .is_ok(),
        "day 30 is still allowed"
    );
}

#[test]
fn same_inputs_give_the_same_runs_byte_for_byte() {
    let workflows = vec![
        template("Tag VIP customers"),
        template("Personalize orders"),
    ];
    let go = || {
        let mut account = FakeAccount::new();
        let mut dispatcher = Dispatcher::new(42);
        let out = dispatch(
            &workflows,
            &payment("evt_1", 500_000, "usd", Some(100)),
            &mut account,
            &mut dispatcher,
        );
        serde_json::to_string(&out).unwrap()
    };
    let first = go();
    assert_eq!(first, go());
    let parsed: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(parsed["runs"].as_array().unwrap().len(), 2);
}

#[test]
fn runs_round_trip_through_json_and_can_be_marked_interrupted() {
    let w = template("Personalize orders");
    let out = dispatch(
        &[w],
        &payment("evt_1", 500_000, "usd", None),
        &mut FakeAccount::new(),
        &mut Dispatcher::new(1),
    );
    let mut run = out.runs[0].clone();
    let text = serde_json::to_string(&run).unwrap();
    assert_eq!(serde_json::from_str::<Run>(&text).unwrap(), run);
    run.interrupt(5);
    assert_eq!(
        run.status,
        RunStatus::Succeeded,
        "a finished run stays finished"
    );
    run.status = RunStatus::Running;
    run.interrupt(5);
    assert_eq!((run.status, run.ended), (RunStatus::Interrupted, Some(5)));
}

#[test]
fn the_dispatcher_remembers_deliveries_across_a_reload_and_forgets_the_oldest() {
    let w = active(
        "wf_1",
        "customer.created",
        None,
        vec![Step::email("s1", "team@example.com", "hi", "", &[])],
    );
    let workflows = std::slice::from_ref(&w);
    let mut account = FakeAccount::new();
    let mut dispatcher = Dispatcher::new(1);
    let first = event("evt_first", "customer.created", json!({}));
    assert_eq!(
        dispatch(workflows, &first, &mut account, &mut dispatcher)
            .runs
            .len(),
        1
    );

    let saved = serde_json::to_string(&dispatcher).unwrap();
    let mut reloaded: Dispatcher = serde_json::from_str(&saved).unwrap();
    assert_eq!(
        dispatch(workflows, &first, &mut account, &mut reloaded)
            .runs
            .len(),
        0
    );

    for i in 0..sandflow_engine::limits::DELIVERY_MEMORY {
        let e = event(&format!("evt_{i}"), "customer.created", json!({}));
        assert_eq!(
            dispatch(workflows, &e, &mut account, &mut reloaded)
                .runs
                .len(),
            1
        );
    }
    assert_eq!(
        dispatch(workflows, &first, &mut account, &mut reloaded)
            .runs
            .len(),
        1,
        "the oldest delivery was forgotten"
    );
}

#[test]
fn failures_are_read_back_as_stored_whatever_the_order_of_their_fields() {
    let step = Failure::Step {
        step_id: "s".into(),
        message: "no such customer".into(),
    };
    let cascade = Failure::Budget {
        exceeded: BudgetExceeded::Cascade { limit: 5 },
    };
    let runs = Failure::Budget {
        exceeded: BudgetExceeded::Runs { limit: 50 },
    };
    let cases = [
        (
            "step, tag first",
            r#"{"reason":"step","step_id":"s","message":"no such customer"}"#,
            Ok(step.clone()),
        ),
        (
            "step, tag last",
            r#"{"message":"no such customer","step_id":"s","reason":"step"}"#,
            Ok(step),
        ),
        (
            "cascade budget",
            r#"{"reason":"budget","exceeded":{"limit":5,"budget":"cascade"}}"#,
            Ok(cascade),
        ),
        (
            "runs budget",
            r#"{"exceeded":{"budget":"runs","limit":50},"reason":"budget"}"#,
            Ok(runs),
        ),
        (
            "step without its message",
            r#"{"reason":"step","step_id":"s"}"#,
            Err("missing field `message`"),
        ),
        (
            "cascade limit too large",
            r#"{"reason":"budget","exceeded":{"budget":"cascade","limit":5000000000}}"#,
            Err("out of range"),
        ),
        (
            "unknown reason",
            r#"{"reason":"timeout"}"#,
            Err("unknown variant `timeout`"),
        ),
    ];
    for (name, text, expected) in cases {
        let read = serde_json::from_str::<Failure>(text).map_err(|e| e.to_string());
        match (read, expected) {
            (Ok(failure), Ok(want)) => {
                let again: Failure =
                    serde_json::from_str(&serde_json::to_string(&failure).unwrap()).unwrap();
                assert_eq!((&failure, &again), (&want, &want), "case `{name}`");
            }
            (Err(message), Err(fragment)) => {
                assert!(message.contains(fragment), "case `{name}`: {message}")
            }
            (read, _) => panic!("case `{name}`: {read:?}"),
        }
    }
}

/// A clock that moves one millisecond each time it is read.
fn ticking_clock() -> f64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static TICKS: AtomicU64 = AtomicU64::new(0);
    TICKS.fetch_add(1, Ordering::Relaxed) as f64
}

#[test]
fn with_a_timer_each_step_and_the_run_record_how_long_they_took() {
    let w = template("Tag VIP customers");
    let mut account = FakeAccount::new();
    let mut dispatcher = Dispatcher::new(1);
    let event = payment("evt_1", 5000, "usd", Some(500));
    // Without a timer (the default, and every stored run before): no durations.
    let out = dispatch(
        std::slice::from_ref(&w),
        &event,
        &mut account,
        &mut dispatcher,
    );
    assert!(out.runs[0].duration_ms.is_none());
    assert!(out.runs[0].steps.iter().all(|s| s.duration_ms.is_none()));

    dispatcher.set_timer(ticking_clock);
    let event = payment("evt_2", 5000, "usd", Some(500));
    let out = dispatch(
        std::slice::from_ref(&w),
        &event,
        &mut account,
        &mut dispatcher,
    );
    let run = &out.runs[0];
    let took = |id: &str| run.step(id).and_then(|s| s.duration_ms);
    // The clock is read once before and once after each step: one tick for a step alone,
    // and a branch also counts the two reads of the step inside it.
    assert_eq!(took("retrieve_customer"), Some(1.0));
    assert_eq!(took("tag_vip"), Some(1.0));
    assert_eq!(took("has_tip"), Some(3.0));
    // The run: its own two reads around the six of its steps.
    assert_eq!(run.duration_ms, Some(7.0));
    // Durations are not part of the dispatcher's state.
    assert_eq!(dispatcher, {
        let mut d = dispatcher.clone();
        d.set_timer(|| 0.0);
        d
    });
}
