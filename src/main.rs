//! Mounts Sandflow in the page; nothing else.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(sandflow::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Sandflow runs in the browser: start it with scripts/serve.sh");
}
