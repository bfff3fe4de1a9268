//! Cost of Coverage (issue 17): 500 generated events run through a 12-step draft, then the
//! search for an event for every point they never reached.
//!
//! Run: `cargo bench -p sandflow-engine --bench coverage`. The draft listens to
//! `payment_intent.succeeded`; its trigger conditions let every generated payment through
//! (so their "filtered" side is never exercised), and of its branches, some are taken by
//! generated payments, one never is (an amount above 200,000), one reads a step's output (a
//! refunded charge, which no generated payment has) and one contradicts the trigger
//! conditions (unreachable). The account starts with `BENCH_COVERAGE_CUSTOMERS` customers
//! (default 0), to see what copying a larger account costs the search. Figures, not
//! assertions; the `BENCH` lines have the form `scripts/bench.sh` collects.

use std::hint::black_box;
use std::time::Instant;

use sandflow_engine::sandbox::Sandbox;
use sandflow_engine::{
    cover, generate_events, search, Condition, Op, Search, Step, Trigger, ValueKind, Workflow,
    DEFAULT_GENERATED_EVENTS, DEFAULT_SEARCH_BUDGET,
};
use serde_json::json;

const NOW: i64 = 1_750_000_000;
const ROUNDS: usize = 3;

fn money(field: &str, op: Op, major: i64) -> Condition {
    Condition::compare(field, op, ValueKind::Money, json!(major)).expect("a field")
}

fn email(id: &str) -> Step {
    Step::email(
        id,
        "team@example.com",
        "Payment {{trigger.data.object.id}}",
        "",
        &[("Amount", "{{trigger.data.object.amount}}")],
    )
}

/// Twelve steps: a retrieve, four conditions, seven emails.
fn draft() -> Workflow {
    let amount = "trigger.data.object.amount";
    let w = Workflow {
        trigger: Some(Trigger {
            event_type: "payment_intent.succeeded".into(),
            condition: Some(money(amount, Op::GreaterThanOrEqual, 1)),
        }),
        steps: vec![
            Step::action(
                "charge",
                "charges.retrieve",
                json!({"charge": "{{trigger.data.object.latest_charge}}"}),
            ),
            Step::branch(
                "big",
                money(amount, Op::GreaterThan, 1000),
                vec![email("tell_big")],
                vec![Step::branch(
                    "yen",
                    Condition::compare(
                        "trigger.data.object.currency",
                        Op::Equals,
                        ValueKind::String,
                        json!("jpy"),
                    )
                    .expect("a field"),
                    vec![email("tell_yen")],
                    vec![email("tell_other")],
                )],
            ),
            Step::branch(
                "huge",
                money(amount, Op::GreaterThan, 200_000),
                vec![email("tell_huge")],
                vec![],
            ),
            Step::branch(
                "refunded",
                money("steps.charge.amount_refunded", Op::GreaterThan, 0),
                vec![email("tell_refunded")],
                vec![],
            ),
            Step::branch(
                "impossible",
                money(amount, Op::LessThan, 1),
                vec![email("tell_impossible")],
                vec![],
            ),
        ],
        ..Workflow::new("wf_bench", NOW)
    };
    assert_eq!(w.step_count(), 12);
    w
}

fn main() {
    let customers: usize = std::env::var("BENCH_COVERAGE_CUSTOMERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut sandbox = Sandbox::new(NOW, 7);
    for i in 0..customers {
        let params = json!({"name": format!("Customer {i}"), "email": format!("c{i}@example.com")});
        sandbox
            .call(
                "customers.create",
                params.as_object().expect("an object"),
                None,
            )
            .expect("a customer");
    }
    sandbox.take_events();
    println!(
        "account: {} objects; draft: 12 steps",
        sandbox.object_count()
    );
    let w = draft();
    let n = DEFAULT_GENERATED_EVENTS;

    let mut generated = None;
    let gen = best(|| {
        let started = Instant::now();
        generated = Some(generate_events(&w, &sandbox, n, 1).expect("events"));
        started.elapsed().as_secs_f64()
    });
    let generated = generated.expect("events");
    report(
        &format!("coverage: generate {n} events (engine, native)"),
        gen * 1e3,
        "ms",
    );

    let mut exercise = None;
    let run = best(|| {
        let started = Instant::now();
        exercise = Some(black_box(cover(
            &w,
            &generated.account,
            &generated.events,
            1,
        )));
        started.elapsed().as_secs_f64()
    });
    let exercise = exercise.expect("a tally");
    report(
        &format!("coverage: run {n} events through 12 steps and tally (engine, native)"),
        run * 1e3,
        "ms",
    );
    let (covered, total) = exercise.coverage.branches_covered();
    let never = exercise.coverage.never_exercised();
    println!(
        "  {covered} of {total} sides of conditions covered, {} points never exercised, {} failed runs",
        never.len(),
        exercise.failures.len()
    );

    let started = Instant::now();
    let mut tried = 0;
    for point in &never {
        let one = Instant::now();
        let outcome =
            search(&w, &generated.account, point, 1, DEFAULT_SEARCH_BUDGET).expect("a search");
        let what = match &outcome {
            Search::Found(example) => {
                tried += example.attempt;
                format!("found on attempt {}", example.attempt)
            }
            Search::Unreachable(why) => {
                tried += 0;
                why.to_string()
            }
            Search::NotFound { tried: t } => {
                tried += t;
                format!("not found in {t} runs")
            }
        };
        println!(
            "  {point:?}: {what} ({:.1} ms)",
            one.elapsed().as_secs_f64() * 1e3
        );
    }
    let search_total = started.elapsed().as_secs_f64();
    report(
        &format!(
            "coverage: search for all {} never-exercised points, {tried} runs tried (engine, native)",
            never.len()
        ),
        search_total * 1e3,
        "ms",
    );
    report(
        &format!("coverage: {n} events with the search, in all (engine, native)"),
        (gen + run + search_total) * 1e3,
        "ms",
    );
    // The worst case: a search that spends its whole budget (a contradiction seen only
    // through text operators, which the search does not claim).
    let text = |op| {
        Condition::compare(
            "trigger.data.object.description",
            op,
            ValueKind::String,
            json!("abc"),
        )
        .expect("a field")
    };
    let mut hopeless = draft();
    hopeless.steps = vec![Step::branch(
        "hopeless",
        Condition::All(vec![text(Op::Contains), text(Op::NotContains)]),
        vec![email("never")],
        vec![],
    )];
    let point = sandflow_engine::Point::Branch {
        step_id: "hopeless".into(),
        arm: sandflow_engine::Arm::Then,
    };
    let started = Instant::now();
    let outcome = search(
        &hopeless,
        &generated.account,
        &point,
        1,
        DEFAULT_SEARCH_BUDGET,
    )
    .expect("a search");
    assert!(matches!(outcome, Search::NotFound { .. }));
    report(
        &format!(
            "coverage: a search that finds nothing, {DEFAULT_SEARCH_BUDGET} runs (engine, native)"
        ),
        started.elapsed().as_secs_f64() * 1e3,
        "ms",
    );
    let copy = best(|| {
        let started = Instant::now();
        black_box(generated.account.clone());
        started.elapsed().as_secs_f64()
    });
    report(
        &format!(
            "coverage: account copy, {} objects (engine, native)",
            generated.account.object_count()
        ),
        copy * 1e3,
        "ms",
    );
}

/// The smallest of [`ROUNDS`] timings, in seconds.
fn best(mut round: impl FnMut() -> f64) -> f64 {
    (0..ROUNDS).map(|_| round()).fold(f64::INFINITY, f64::min)
}

fn report(name: &str, figure: f64, unit: &str) {
    println!("BENCH {name} | {figure:.1} {unit}");
}
