//! With the `split` feature, the wasm32 link keeps its relocations (`--emit-relocs`):
//! scripts/split.mjs needs them to cut the module into the lazy pages' chunks.
//!
//! `SANDFLOW_FR_VERSION`: a hash of `src/i18n/fr.json`, which the browser fetches as
//! `fr.json?v=<hash>` (src/i18n/switch.rs), so a new text is never hidden by an HTTP cache.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/i18n/fr.json");
    let french = std::fs::read("src/i18n/fr.json").expect("src/i18n/fr.json is readable");
    println!(
        "cargo::rustc-env=SANDFLOW_FR_VERSION={:016x}",
        fnv1a(&french)
    );
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    if wasm && std::env::var_os("CARGO_FEATURE_SPLIT").is_some() {
        println!("cargo::rustc-link-arg-bins=--emit-relocs");
    }
}

/// FNV-1a, 64 bits: enough to tell two versions of one file apart (not a security hash).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}
