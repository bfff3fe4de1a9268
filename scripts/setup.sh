#!/usr/bin/env bash
# Installs what building and testing Sandflow needs, skipping whatever is already there.
# Everything comes through the ordinary package clients (rustup, cargo, npm, apt): no tool
# downloads a binary of its own. Sourced by serve.sh and test.sh; `setup.sh --browser` also
# installs Chromium and ChromeDriver for the tests.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TRUNK_VERSION=0.21.14
# The tool that cuts the WebAssembly into lazily loaded chunks (scripts/split.mjs): the
# cargo package `wasm_split_cli_support`, whose binary needs its `build-binary` feature.
WASM_SPLIT_VERSION=0.2.4

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

# The wasm-bindgen version the app is built with, read from Cargo.lock so the CLI always
# matches it exactly (a mismatch fails at build time).
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$root/Cargo.lock"
}

# Cargo.lock is not in the repository, as cargo writes its registry's address in it; the
# versions are, in Cargo.lock.pins (scripts/pin-lock.sh). Cargo.lock is rebuilt from them:
# each package with a checksum comes from the default registry, whose `source` line cargo
# itself gives, from the lock file of a throwaway crate that depends on one of them.
restore_lock() {
  local lock="$root/Cargo.lock" pins="$root/Cargo.lock.pins"
  if [ -f "$lock" ] && [ ! "$pins" -nt "$lock" ]; then
    return
  fi
  log "writing Cargo.lock from Cargo.lock.pins"
  local probe source
  probe=$(mktemp -d)
  cargo init --lib --quiet --name lock-probe "$probe"
  echo 'itoa = "1"' >> "$probe/Cargo.toml"
  (cd "$probe" && { cargo generate-lockfile --offline --quiet 2>/dev/null || cargo generate-lockfile --quiet; })
  source=$(grep -m1 '^source = "registry+' "$probe/Cargo.lock")
  rm -rf "$probe"
  awk -v source="$source" '/^checksum = / { print source } { print }' "$pins" > "$lock"
}

setup_rust() {
  export PATH="$HOME/.cargo/bin:$PATH"
  restore_lock
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    log "installing trunk $TRUNK_VERSION (a few minutes, once)"
    cargo install --locked "trunk@$TRUNK_VERSION"
  fi
  if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
    log "installing wasm-split-cli $WASM_SPLIT_VERSION (a few minutes, once)"
    cargo install --locked --features build-binary "wasm_split_cli_support@$WASM_SPLIT_VERSION"
  fi
  (cd "$root" && cargo fetch --locked --quiet)
  local wb
  wb=$(wasm_bindgen_version)
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wb" ]; then
    log "installing wasm-bindgen-cli $wb (a few minutes, once)"
    # Without --locked: the CLI's lock file has named a yanked dependency before.
    cargo install wasm-bindgen-cli --version "$wb"
  fi
}

setup_node() {
  # binaryen (wasm-opt 132, which knows today's wasm features), Playwright's test runner and
  # the static server for end-to-end tests; Playwright's own browser download is skipped:
  # the tests use Debian's Chromium.
  export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
  if [ ! -x "$root/node_modules/.bin/wasm-opt" ] || [ "$root/package-lock.json" -nt "$root/node_modules/.package-lock.json" ]; then
    log "installing npm packages"
    (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
  fi
  export PATH="$root/node_modules/.bin:$PATH"
}

setup_browser() {
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    log "installing chromium and chromium-driver from Debian"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
}

setup_rust
setup_node
if [ "${1:-}" = "--browser" ]; then
  setup_browser
fi
