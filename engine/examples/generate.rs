//! Prints generated sandbox events as JSON, one per line.
//!
//! ```text
//! cargo run -p sandflow-engine --example generate -- <event_type> [--count N] [--seed S]
//!     [--override path=value]... [--all] [--chain]
//! ```
//!
//! By default only the requested event is printed for each generation; `--chain` prints
//! every event the scenario caused, in order (as `stripe trigger` shows them). `--all`
//! generates every type of the catalog once. The time taken is reported on stderr, which
//! is how BENCHMARKS.md figures are measured.

use std::process::ExitCode;
use std::time::Instant;

use sandflow_engine::sandbox::{event_types, Sandbox};
use serde_json::{Map, Value};

/// Sandbox time used for generated events: 2025-01-01T00:00:00Z.
const START: i64 = 1_735_689_600;

fn usage() -> ExitCode {
    eprintln!(
        "usage: generate <event_type> [--count N] [--seed S] [--override path=value]... [--chain]\n       generate --all [--seed S] [--chain]"
    );
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut kind = None;
    let (mut count, mut seed, mut all, mut chain) = (1usize, 42u64, false, false);
    let mut overrides = Map::new();
    let mut i = 0;
    while i < args.len() {
        let next = args.get(i + 1);
        match (args[i].as_str(), next) {
            ("--count", Some(n)) => match n.parse() {
                Ok(n) => count = n,
                Err(_) => return usage(),
            },
            ("--seed", Some(s)) => match s.parse() {
                Ok(s) => seed = s,
                Err(_) => return usage(),
            },
            ("--override", Some(kv)) => match kv.split_once('=') {
                Some((k, v)) => {
                    let value = serde_json::from_str(v).unwrap_or_else(|_| Value::String(v.into()));
                    overrides.insert(k.to_string(), value);
                }
                None => return usage(),
            },
            ("--all", _) => {
                all = true;
                i += 1;
                continue;
            }
            ("--chain", _) => {
                chain = true;
                i += 1;
                continue;
            }
            (k, _) if !k.starts_with("--") && kind.is_none() => {
                kind = Some(k.to_string());
                i += 1;
                continue;
            }
            _ => return usage(),
        }
        i += 2;
    }
    let kinds: Vec<String> = if all {
        event_types().iter().map(|e| e.kind.to_string()).collect()
    } else {
        match kind {
            Some(k) => vec![k; count],
            None => return usage(),
        }
    };
    let mut sandbox = Sandbox::new(START, seed);
    let started = Instant::now();
    let mut lines = Vec::with_capacity(kinds.len());
    for kind in &kinds {
        match sandbox.generate_event(kind, &overrides) {
            Ok(_) if chain => {
                lines.extend(sandbox.take_events().iter().map(serde_json::to_string));
            }
            Ok(event) => {
                sandbox.take_events();
                lines.push(serde_json::to_string(&event));
            }
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let elapsed = started.elapsed();
    for line in lines {
        match line {
            Ok(line) => println!("{line}"),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    eprintln!(
        "generated {} event(s) in {:.1} ms ({} objects in the sandbox)",
        kinds.len(),
        elapsed.as_secs_f64() * 1_000.0,
        sandbox.object_count()
    );
    ExitCode::SUCCESS
}
