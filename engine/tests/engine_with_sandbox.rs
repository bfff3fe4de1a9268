//! The engine against the real sandbox: templates validate against its catalog, and the
//! documented use cases run end to end with its objects, events and request log.

mod common;

use common::sandbox::params;
use sandflow_engine::money;
use sandflow_engine::sandbox::Sandbox;
use sandflow_engine::{
    dispatch, has_errors, templates, validate, Account, BudgetExceeded, Dispatcher, Event, Failure,
    Ids, Issue, RunStatus, SandboxCatalog, Severity, Status, Step, StepStatus, Trigger, Workflow,
};
use serde_json::{json, Value};

const NOW: i64 = 1_750_000_000;

fn template(name: &str) -> Workflow {
    let t = templates()
        .into_iter()
        .find(|t| t.name == name)
        .expect("template exists");
    let mut w = t.instantiate(&mut Ids::new(name.len() as u64), NOW);
    w.status = Status::Active;
    w
}

fn generate(sandbox: &mut Sandbox, kind: &str, overrides: Value) -> Event {
    let event = sandbox
        .generate_event(kind, &params(overrides))
        .expect("generated");
    sandbox.take_events();
    event
}

#[test]
fn every_template_validates_cleanly_against_the_sandbox_catalog() {
    let all = templates();
    assert_eq!(all.len(), 5);
    for t in all {
        assert_eq!(
            validate(&t.workflow, &SandboxCatalog),
            vec![],
            "template `{}`",
            t.name
        );
        assert!(t.workflow.step_count() <= 12);
    }
}

#[test]
fn validation_reads_the_sandbox_catalog() {
    let w = Workflow {
        trigger: Some(Trigger {
            event_type: "customer.updated".into(),
            condition: None,
        }),
        steps: vec![
            Step::action(
                "s1",
                "customers.update",
                json!({"customer": "{{trigger.data.object.id}}", "name": "x"}),
            ),
            Step::action(
                "s2",
                "refunds.create",
                json!({"charge": "{{trigger.data.object.colour}}"}),
            ),
        ],
        ..Workflow::new("wf_1", 0)
    };
    let problems = validate(&w, &SandboxCatalog);
    assert!(problems
        .iter()
        .any(|p| p.severity == Severity::Warning && matches!(p.issue, Issue::Cycle { .. })));
    assert!(problems.iter().any(|p| p
        .to_string()
        .contains("`trigger.data.object.colour` is not a field of customer")));
    assert!(has_errors(&problems));
}

#[test]
fn thank_new_customers_runs_end_to_end_with_the_request_log() {
    let mut sandbox = Sandbox::new(NOW, 7);
    let created = sandbox
        .call(
            "customers.create",
            &params(json!({"name": "Jean Dupont", "email": "jean@example.com"})),
            None,
        )
        .unwrap();
    let events = sandbox.take_events();
    let event = events
        .iter()
        .find(|e| e.kind == "customer.created")
        .expect("customer.created");
    let w = template("Thank new customers");
    let mut dispatcher = Dispatcher::new(11);
    let out = dispatch(
        std::slice::from_ref(&w),
        event,
        &mut sandbox,
        &mut dispatcher,
    );
    assert_eq!(out.runs.len(), 1);
    let run = &out.runs[0];
    assert_eq!(run.status, RunStatus::Succeeded, "{:?}", run.error());
    let coupon = run.step("welcome_coupon").unwrap();
    let coupon_id = coupon.output["id"].as_str().unwrap().to_owned();
    assert_eq!(coupon.output["percent_off"].as_f64(), Some(10.0));
    let customer_id = created["id"].as_str().unwrap();
    let customer = sandbox.object(customer_id).unwrap();
    assert_eq!(customer["metadata"]["welcome_coupon"], json!(coupon_id));
    let email = run.emails().next().unwrap();
    assert_eq!(email.subject, "Say thank you to Jean Dupont");
    assert_eq!(email.rows[2].value, coupon_id);
    let request = run
        .step("remember_coupon")
        .unwrap()
        .request_id
        .clone()
        .expect("a request id");
    assert!(request.starts_with("req_"));
    let log = sandbox.log(&request).expect("the request is in the log");
    assert_eq!(log.action, "customers.update");
    let origin = log.origin.clone().expect("made by the run");
    assert_eq!(
        (origin.run_id.as_str(), origin.step_id.as_str()),
        (run.id.as_str(), "remember_coupon")
    );
    assert!(
        out.events.iter().any(|e| e.kind == "customer.updated"),
        "the update's event is dispatched"
    );
}

#[test]
fn personalize_orders_and_tag_vip_on_generated_payments() {
    let mut sandbox = Sandbox::new(NOW, 3);
    let workflows = vec![
        template("Personalize orders"),
        template("Tag VIP customers"),
    ];
    let mut dispatcher = Dispatcher::new(5);

    // A payment Stripe makes without a customer (as `stripe trigger` does) has none to
    // tag: these payments are a known customer's, as a shop that passes `customer` makes.
    let buyer = sandbox
        .call(
            "customers.create",
            &params(json!({"name": "Jean Dupont"})),
            None,
        )
        .unwrap();
    let big = generate(
        &mut sandbox,
        "payment_intent.succeeded",
        json!({"amount": 250_000, "currency": "usd", "amount_details.tip.amount": 500, "customer": buyer["id"]}),
    );
    let out = dispatch(&workflows, &big, &mut sandbox, &mut dispatcher);
    let names: Vec<&str> = out.runs.iter().map(|r| r.workflow.name.as_str()).collect();
    assert_eq!(names, ["Personalize orders", "Tag VIP customers"]);
    assert!(
        out.runs.iter().all(|r| r.status == RunStatus::Succeeded),
        "{:?}",
        out.runs.iter().map(|r| r.error()).collect::<Vec<_>>()
    );
    let customer = big.data.object["customer"].as_str().unwrap();
    assert_eq!(sandbox.object(customer).unwrap()["metadata"]["Tier"], "VIP");

    let small = generate(
        &mut sandbox,
        "payment_intent.succeeded",
        json!({"amount": 500, "currency": "usd", "customer": buyer["id"]}),
    );
    let out = dispatch(&workflows, &small, &mut sandbox, &mut dispatcher);
    assert_eq!(out.runs.len(), 1, "only Tag VIP listens without conditions");
    assert_eq!(
        out.runs[0].step("tag_vip").unwrap().status,
        StepStatus::Skipped
    );
}

#[test]
fn refund_on_early_fraud_warning_with_the_sandbox() {
    let mut sandbox = Sandbox::new(NOW, 9);
    let w = template("Refund on early fraud warning");
    let warning = generate(&mut sandbox, "radar.early_fraud_warning.created", json!({}));
    let charge_id = warning.data.object["charge"]
        .as_str()
        .expect("the warning names its charge")
        .to_owned();
    let charge = sandbox
        .object(&charge_id)
        .expect("the charge exists")
        .clone();
    let currency = charge["currency"].as_str().unwrap_or("usd").to_owned();
    let amount = charge["amount"].as_f64().unwrap_or(0.0);
    let out = dispatch(
        std::slice::from_ref(&w),
        &warning,
        &mut sandbox,
        &mut Dispatcher::new(1),
    );
    let run = &out.runs[0];
    assert_eq!(run.status, RunStatus::Succeeded, "{:?}", run.error());
    let refunded = run.step("refund").unwrap().status == StepStatus::Succeeded;
    let emailed = run.step("email_team").unwrap().status == StepStatus::Succeeded;
    assert!(refunded != emailed, "exactly one branch ran");
    assert_eq!(
        refunded,
        amount <= money::to_minor(100.0, &currency),
        "refund only up to 100 in the charge's currency ({amount} {currency})"
    );
}

#[test]
fn sandbox_errors_become_the_failed_steps_message() {
    let mut sandbox = Sandbox::new(NOW, 1);
    let w = Workflow {
        status: Status::Active,
        trigger: Some(Trigger {
            event_type: "customer.created".into(),
            condition: None,
        }),
        steps: vec![Step::action(
            "s1",
            "customers.retrieve",
            json!({"customer": "cus_missing"}),
        )],
        ..Workflow::new("wf_1", 0)
    };
    let event = generate(&mut sandbox, "customer.created", json!({}));
    let out = dispatch(&[w], &event, &mut sandbox, &mut Dispatcher::new(1));
    assert_eq!(
        out.runs[0].error().as_deref(),
        Some("No such customer: 'cus_missing'")
    );
    assert!(out.runs[0].steps[0].request_id.is_some());
    assert_eq!(sandbox.now(), Account::now(&sandbox));
}

#[test]
fn a_self_triggering_workflow_stops_at_the_cascade_limit_in_the_sandbox() {
    let mut sandbox = Sandbox::new(NOW, 2);
    let w = Workflow {
        status: Status::Active,
        trigger: Some(Trigger {
            event_type: "customer.updated".into(),
            condition: None,
        }),
        steps: vec![Step::action(
            "s1",
            "customers.update",
            json!({"customer": "{{trigger.data.object.id}}", "metadata": {"last_event": "{{trigger.id}}"}}),
        )],
        ..Workflow::new("wf_loop", 0)
    };
    let created = sandbox
        .call("customers.create", &params(json!({"name": "Loop"})), None)
        .unwrap();
    sandbox.take_events();
    sandbox
        .call(
            "customers.update",
            &params(json!({"customer": created["id"], "name": "Loop 2"})),
            None,
        )
        .unwrap();
    let start = sandbox
        .take_events()
        .into_iter()
        .find(|e| e.kind == "customer.updated")
        .unwrap();
    let out = dispatch(&[w], &start, &mut sandbox, &mut Dispatcher::new(1));
    assert_eq!(out.runs.len(), 7);
    assert_eq!(
        out.runs[6].failure,
        Some(Failure::Budget {
            exceeded: BudgetExceeded::Cascade { limit: 5 }
        })
    );
}
