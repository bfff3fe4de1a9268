//! Cost of comparing two versions of a workflow at the step limit, as the Versions compare
//! view does (issue 15), and of replaying the diff.
//!
//! Run: `cargo bench -p sandflow-engine --bench diff`. The older version is the workflow the
//! editor benchmark uses (`tests/bench/fixtures/editor-workflow.json`, 11 steps, three
//! branches nested two deep) with a 12th step; the newer one has a typical set of edits: a
//! parameter and a branch condition changed, a trigger clause added, an email moved into
//! another arm and its subject changed, one step removed and another added. Figures, not
//! assertions; the `BENCH` lines have the form `scripts/bench.sh` collects, once it runs this
//! benchmark too.

use std::hint::black_box;
use std::time::Instant;

use sandflow_engine::{
    delete_step, diff, insert_step, update_step, Arm, Condition, ExportDocument, Op, Slot, Step,
    ValueKind, Workflow,
};
use serde_json::json;

/// Diffs per round; the best round of [`ROUNDS`] is reported.
const DIFFS: usize = 5_000;
const ROUNDS: usize = 5;

fn main() {
    let fixture = include_str!("../../tests/bench/fixtures/editor-workflow.json");
    let document: ExportDocument =
        serde_json::from_str(fixture).expect("the fixture is an export document");
    let mut v1 = document.workflows[0].clone();
    let end = Slot::top(v1.steps.len());
    insert_step(&mut v1, &end, email("email_audit", "Audit")).expect("room for a 12th step");
    let v2 = edited(&v1);
    let d = diff(&v1, &v2);
    assert_eq!(d.apply(&v1), v2, "the diff replays");
    println!(
        "diff of two {}-step versions with branches (native, best of {ROUNDS} rounds of {DIFFS}): {}",
        v1.step_count(),
        d.summary()
    );

    let edited_pair = best(|| {
        let started = Instant::now();
        for _ in 0..DIFFS {
            black_box(diff(black_box(&v1), black_box(&v2)));
        }
        started.elapsed().as_secs_f64() / DIFFS as f64
    });
    let name = format!(
        "version diff, {} steps, {} changes (engine, native)",
        v1.step_count(),
        d.changes.len()
    );
    report(&name, edited_pair);

    let same = best(|| {
        let started = Instant::now();
        for _ in 0..DIFFS {
            black_box(diff(black_box(&v1), black_box(&v1)));
        }
        started.elapsed().as_secs_f64() / DIFFS as f64
    });
    report("version diff, 12 steps, no change (engine, native)", same);

    let replay = best(|| {
        let started = Instant::now();
        for _ in 0..DIFFS {
            black_box(d.apply(black_box(&v1)));
        }
        started.elapsed().as_secs_f64() / DIFFS as f64
    });
    report("version diff apply, 12 steps (engine, native)", replay);
}

/// The newer version: the edits a person makes between two publishes.
fn edited(v1: &Workflow) -> Workflow {
    let mut v2 = v1.clone();
    let refused = "the benchmark's edit applies to the fixture";
    update_step(&mut v2, "tag_vip", |s| {
        if let Step::Action { params, .. } = s {
            params.insert("metadata".into(), json!({ "Tier": "Gold" }));
        }
    })
    .expect(refused);
    update_step(&mut v2, "large_payment", |s| {
        if let Step::Branch {
            condition: Condition::Compare(c),
            ..
        } = s
        {
            c.op = Op::GreaterThanOrEqual;
        }
    })
    .expect(refused);
    if let Some(trigger) = &mut v2.trigger {
        let currency = trigger
            .condition
            .take()
            .expect("the fixture has a condition");
        let amount = Condition::compare(
            "trigger.data.object.amount",
            Op::GreaterThan,
            ValueKind::Money,
            json!(10),
        )
        .expect("a valid field");
        trigger.condition = Some(Condition::All(vec![currency, amount]));
    }
    let moved = delete_step(&mut v2, "email_sales").expect(refused);
    insert_step(&mut v2, &Slot::inside("large_payment", Arm::Else, 1), moved).expect(refused);
    update_step(&mut v2, "email_sales", |s| {
        if let Step::Email { subject, .. } = s {
            *subject = "Standard payment {{trigger.data.object.id}}".into();
        }
    })
    .expect(refused);
    delete_step(&mut v2, "email_audit").expect(refused);
    insert_step(&mut v2, &Slot::top(0), email("email_first", "First")).expect(refused);
    v2
}

fn email(id: &str, subject: &str) -> Step {
    Step::email(id, "team@example.com", subject, "", &[])
}

/// The smallest of [`ROUNDS`] timings, in seconds.
fn best(mut round: impl FnMut() -> f64) -> f64 {
    (0..ROUNDS).map(|_| round()).fold(f64::INFINITY, f64::min)
}

fn report(name: &str, seconds: f64) {
    println!("BENCH {name} | {:.1} µs per diff", seconds * 1e6);
}
