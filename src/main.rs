//! Mounts Sandflow in the page; nothing else.

#[cfg(target_arch = "wasm32")]
fn main() {
    sandflow::crash::install();
    leptos::mount::mount_to_body(sandflow::App);
}

/// Panics on purpose, so that the end-to-end tests can check the banner a crash shows
/// (called from the page as `wasmBindings.sandflow_crash_test()`). Nothing in the
/// interface calls it.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn sandflow_crash_test() {
    panic!("a crash asked for by the crash test");
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Sandflow runs in the browser: start it with scripts/serve.sh");
}
