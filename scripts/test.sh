#!/usr/bin/env bash
# Runs every test of Sandflow, installing what is missing first:
#   1. the engine, natively (cargo test), and the app's strings table (each English with its
#      French, checked natively);
#   2. browser tests of the app (wasm-bindgen-test in headless Chromium);
#   3. end-to-end flows (Playwright + Debian's Chromium) against the release build, and
#      against the same build put online under a sub-path (offline copy, new builds).
# Each layer prints how many tests it ran; a layer that ran none fails the command.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=setup.sh
source "$root/scripts/setup.sh" --browser
cd "$root"

logs=$(mktemp -d)
total_passed=0

# Sums "N passed" over cargo's "test result:" lines of a log.
cargo_passed() { grep -E '^test result: ' "$1" | sed -E 's/.* ([0-9]+) passed.*/\1/' | awk '{s+=$1} END {print s+0}'; }

layer_done() { # name count
  if [ "$2" -eq 0 ]; then
    echo "FAIL: layer '$1' ran no test" >&2
    exit 1
  fi
  printf '\033[1;32m[test]\033[0m %s: %s passed\n' "$1" "$2"
  total_passed=$((total_passed + $2))
}

echo "== 1/3 engine (native), and the interface's strings table"
cargo test -p sandflow-engine 2>&1 | tee "$logs/engine.log"
cargo test -p sandflow --lib 2>&1 | tee -a "$logs/engine.log"
layer_done engine "$(cargo_passed "$logs/engine.log")"

echo "== 2/3 browser (wasm-bindgen-test, headless Chromium)"
export CHROMEDRIVER=/usr/bin/chromedriver
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export WASM_BINDGEN_TEST_TIMEOUT=120
cargo test -p sandflow --target wasm32-unknown-unknown --test browser --test components --test history --test catalog 2>&1 | tee "$logs/browser.log"
layer_done browser "$(cargo_passed "$logs/browser.log")"

echo "== 3/3 end to end (Playwright, release build)"
trunk build --release 2>&1 | tail -n 5
# The same code built for a sub-path, as a host gets it, for tests/e2e/hosted.spec.mjs
# (which serves it with a plain static server): cargo has nothing to redo, only
# wasm-bindgen and wasm-opt run again (about 30 seconds).
scripts/bundle.sh /any/sub/path/ dist-hosted
npx playwright test --config tests/e2e/playwright.config.mjs 2>&1 | tee "$logs/e2e.log"
e2e=$(grep -E '^\s+[0-9]+ passed' "$logs/e2e.log" | sed -E 's/^\s+([0-9]+) passed.*/\1/' | tail -n 1)
layer_done e2e "${e2e:-0}"

echo "$total_passed passed, 0 failed"
