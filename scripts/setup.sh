#!/usr/bin/env bash
# Installs what building and testing Sandflow needs, skipping whatever is already there.
# Everything comes through the ordinary package clients (rustup, cargo, npm, apt): no tool
# downloads a binary of its own. Sourced by serve.sh and test.sh; `setup.sh --browser` also
# installs Chromium and ChromeDriver for the tests.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TRUNK_VERSION=0.21.14

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

# The wasm-bindgen version the app is built with, read from Cargo.lock so the CLI always
# matches it exactly (a mismatch fails at build time).
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$root/Cargo.lock"
}

setup_rust() {
  export PATH="$HOME/.cargo/bin:$PATH"
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    log "installing trunk $TRUNK_VERSION (a few minutes, once)"
    cargo install --locked "trunk@$TRUNK_VERSION"
  fi
  (cd "$root" && cargo fetch --quiet)
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
