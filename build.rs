//! With the `split` feature, the wasm32 link keeps its relocations (`--emit-relocs`):
//! scripts/split.mjs needs them to cut the module into the lazy pages' chunks.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    if wasm && std::env::var_os("CARGO_FEATURE_SPLIT").is_some() {
        println!("cargo::rustc-link-arg-bins=--emit-relocs");
    }
}
