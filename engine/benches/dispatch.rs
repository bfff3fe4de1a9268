//! Throughput of `dispatch` with 6 active workflows and realistic trigger conditions.
//!
//! Run: `cargo bench -p sandflow-engine --bench dispatch`. It prints events per second for
//! events no workflow listens to, events whose trigger matches but whose conditions do
//! not hold, and the two mixed; then each kind of condition alone, over 100 events that
//! stay in the CPU cache (an event is dispatched right after it is generated or parsed, so
//! it is usually there) and over 40,000 that do not. Figures, not assertions: speed is
//! reported, not tested. The same workload runs in headless Chromium as
//! `benches/dispatch_wasm.rs` (see `scripts/bench-engine.sh`).

use std::time::Instant;

mod workload;

fn main() {
    let started = Instant::now();
    let mut now = || started.elapsed().as_secs_f64() * 1_000.0;
    println!(
        "dispatch with {} active workflows, at least {} events per round (native)",
        workload::workflows().len(),
        workload::ROUND
    );
    workload::run(&mut now, &mut |label, rate| {
        println!("{label:<52} {rate:>10.0} events/s");
    });
}
