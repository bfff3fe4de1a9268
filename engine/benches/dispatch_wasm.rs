//! The `dispatch` benchmark compiled to wasm, in headless Chromium: the same workload as
//! `benches/dispatch.rs` (shared through `workload/`), timed with
//! `performance.now()`, figures printed to the console. It asserts nothing about speed.
//!
//! ```text
//! CHROMEDRIVER=/usr/bin/chromedriver \
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//! cargo test -p sandflow-engine --release --target wasm32-unknown-unknown \
//!     --bench dispatch_wasm -- --nocapture
//! ```
//!
//! A bench target, so a plain `cargo test` leaves it out; it is run by naming it,
//! `cargo test --bench dispatch_wasm` as above. Natively it compiles to nothing.
#![cfg(target_arch = "wasm32")]

mod workload;

use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn dispatch_throughput_in_the_browser() {
    let performance = web_sys::window()
        .and_then(|w| w.performance())
        .expect("a browser with the Performance API");
    let mut now = || performance.now();
    console_log!(
        "dispatch with {} active workflows, at least {} events per round (wasm)",
        workload::workflows().len(),
        workload::ROUND
    );
    workload::run(&mut now, &mut |label, rate| {
        console_log!("{label:<52} {rate:>10.0} events/s");
    });
}
