//! Cost of one edit in the workflow editor, engine side, on a workflow at the step limit.
//!
//! Run: `cargo bench -p sandflow-engine --bench edit`. The workflow is the one the browser
//! benchmark imports (`tests/bench/fixtures/editor-workflow.json`): 11 steps, three of them
//! branches, nested two deep. Each edit does what the editor does on a click: apply the
//! change to a copy through the undo [`History`], validate the draft against the sandbox
//! catalog, and compare it with the saved workflow (the "unsaved changes" test). Two edits:
//! adding a 12th step, and changing the operator of a branch's condition on the 12-step
//! workflow. Figures, not assertions; `BENCH` lines are collected by `scripts/bench.sh`.

use std::hint::black_box;
use std::time::Instant;

use sandflow_engine::{
    insert_step, update_step, validate, ExportDocument, History, Op, SandboxCatalog, Slot, Step,
    Workflow,
};

/// Edits per round; the best round of [`ROUNDS`] is reported.
const EDITS: usize = 2_000;
const ROUNDS: usize = 5;

fn main() {
    let fixture = include_str!("../../tests/bench/fixtures/editor-workflow.json");
    let document: ExportDocument =
        serde_json::from_str(fixture).expect("the fixture is an export document");
    let saved = document.workflows[0].clone();
    let errors: Vec<_> = validate(&saved, &SandboxCatalog)
        .into_iter()
        .filter(|p| p.is_error())
        .collect();
    assert!(errors.is_empty(), "the fixture must be valid: {errors:?}");
    println!(
        "one editor edit on a {}-step workflow with branches (native, best of {ROUNDS} rounds of {EDITS})",
        saved.step_count() + 1
    );

    let add = best(|| {
        let mut history = History::new(saved.clone());
        let started = Instant::now();
        for _ in 0..EDITS {
            edit(&mut history, &saved, |w| {
                let end = Slot::top(w.steps.len());
                insert_step(w, &end, email("email_added"))
            });
            history.undo();
        }
        started.elapsed().as_secs_f64() / EDITS as f64
    });
    report("editor add step (engine, native)", add);

    let condition = best(|| {
        let mut full = saved.clone();
        let end = Slot::top(full.steps.len());
        insert_step(&mut full, &end, email("email_added")).expect("room for a 12th step");
        let mut history = History::new(full);
        let ops = [Op::GreaterThanOrEqual, Op::GreaterThan];
        let started = Instant::now();
        for i in 0..EDITS {
            edit(&mut history, &saved, |w| {
                update_step(w, "large_payment", |s| set_op(s, ops[i % 2]))
            });
        }
        started.elapsed().as_secs_f64() / EDITS as f64
    });
    report("editor change condition (engine, native)", condition);

    let validation = best(|| {
        let started = Instant::now();
        for _ in 0..EDITS {
            black_box(validate(black_box(&saved), &SandboxCatalog));
        }
        started.elapsed().as_secs_f64() / EDITS as f64
    });
    report("editor validate alone (engine, native)", validation);
}

/// One edit as the editor makes it: history, validation, and the unsaved-changes test.
fn edit<E>(
    history: &mut History<Workflow>,
    saved: &Workflow,
    f: impl FnOnce(&mut Workflow) -> Result<(), E>,
) {
    if history.edit(f).is_err() {
        panic!("the benchmark's edit was refused");
    }
    black_box(validate(history.current(), &SandboxCatalog));
    black_box(history.current() != saved);
}

fn set_op(step: &mut Step, op: Op) {
    if let Step::Branch {
        condition: sandflow_engine::Condition::Compare(c),
        ..
    } = step
    {
        c.op = op;
    }
}

fn email(id: &str) -> Step {
    Step::email(id, "team@example.com", "Added", "", &[])
}

/// The smallest of [`ROUNDS`] timings, in seconds.
fn best(mut round: impl FnMut() -> f64) -> f64 {
    (0..ROUNDS).map(|_| round()).fold(f64::INFINITY, f64::min)
}

fn report(name: &str, seconds: f64) {
    println!("BENCH {name} | {:.1} µs per edit", seconds * 1e6);
}
