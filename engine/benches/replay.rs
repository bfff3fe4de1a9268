//! Cost of the test bench (issue 16): replaying past events through a draft, and diffing
//! two runs.
//!
//! Run: `cargo bench -p sandflow-engine --bench replay`. The account is the replay tests'
//! scenario (`tests/replay_scenario`) with the 12-step variant of its workflow: customers
//! with growing balances, each delivered to the live version as it was created. The draft
//! moves both branch thresholds, so some rows differ in path and the rest are compared
//! value by value. Also timed: copying the account, which a replay does once (a copy per
//! event is the alternative it avoids). Figures, not assertions; the `BENCH` lines have the
//! form `scripts/bench.sh` collects.

#[path = "../tests/replay_scenario/mod.rs"]
mod scenario;

use std::hint::black_box;
use std::time::Instant;

use sandflow_engine::{replay, run_diff};
use scenario::{welcome_twelve, world};

const ROUNDS: usize = 3;

fn main() {
    for events in [1_000, 10_000] {
        let started = Instant::now();
        let w = world(events, welcome_twelve(50_000));
        println!(
            "account of {events} customers after the live runs: {} objects, {} live runs (built in {:.1} s)",
            w.sandbox.object_count(),
            w.runs.len(),
            started.elapsed().as_secs_f64()
        );
        let draft = welcome_twelve(80_000);
        let mut summary = String::new();
        let took = best(|| {
            let started = Instant::now();
            let out = replay(&draft, &w.events, &w.sandbox, &w.runs, 1);
            let took = started.elapsed().as_secs_f64();
            summary = out.summary.to_string();
            black_box(out);
            took
        });
        println!("  replay: {summary}");
        report(
            &format!("replay of {events} events, 12 steps (engine, native)"),
            took * 1e3,
            "ms",
        );
        let copy = best(|| {
            let started = Instant::now();
            black_box(w.sandbox.clone());
            started.elapsed().as_secs_f64()
        });
        report(
            &format!(
                "account copy, {} objects (engine, native)",
                w.sandbox.object_count()
            ),
            copy * 1e3,
            "ms",
        );
        println!(
            "  a copy per event would add {:.0} ms to this replay",
            copy * 1e3 * events as f64
        );
    }

    let w = world(1_000, welcome_twelve(50_000));
    let (a, b) = (&w.runs[100], &w.runs[900]);
    assert_eq!((a.steps.len(), b.steps.len()), (12, 12));
    let diff = run_diff(a, b);
    println!(
        "run diff of two 12-step runs: diverges at {:?}, {} steps differ",
        diff.diverges_at,
        diff.changed_steps().count()
    );
    const DIFFS: usize = 2_000;
    let per = best(|| {
        let started = Instant::now();
        for _ in 0..DIFFS {
            black_box(run_diff(black_box(a), black_box(b)));
        }
        started.elapsed().as_secs_f64() / DIFFS as f64
    });
    report("run diff, 12 steps (engine, native)", per * 1e6, "µs");
}

/// The smallest of [`ROUNDS`] timings, in seconds.
fn best(mut round: impl FnMut() -> f64) -> f64 {
    (0..ROUNDS).map(|_| round()).fold(f64::INFINITY, f64::min)
}

fn report(name: &str, figure: f64, unit: &str) {
    println!("BENCH {name} | {figure:.1} {unit}");
}
