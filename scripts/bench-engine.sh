#!/usr/bin/env bash
# The engine's dispatch benchmark, natively and compiled to wasm in headless Chromium, with
# the wasm/native ratio of each case. Same workload on both sides (engine/benches/workload).
# Figures only, nothing asserted; BENCHMARKS.md records them. Each case also ends up as a
# `BENCH dispatch: <case> | ...` line, which scripts/bench.sh collects.
#
#   scripts/bench-engine.sh
#
# Needs the wasm32-unknown-unknown target, wasm-bindgen-test-runner (scripts/setup.sh) and
# chromedriver (CHROMEDRIVER, default /usr/bin/chromedriver).
set -euo pipefail
cd "$(dirname "$0")/.."

native=$(mktemp) wasm=$(mktemp)
trap 'rm -f "$native" "$wasm"' EXIT

echo "== native: cargo bench -p sandflow-engine --bench dispatch"
cargo bench -q -p sandflow-engine --bench dispatch | tee "$native"

echo
echo "== wasm in headless Chromium: cargo test -p sandflow-engine --release --target wasm32-unknown-unknown --bench dispatch_wasm"
CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}" \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    cargo test -p sandflow-engine --release --target wasm32-unknown-unknown \
    --bench dispatch_wasm -- --nocapture 2>/dev/null | grep 'events/s\|^dispatch' | tee "$wasm"

echo
echo "== wasm / native"
# Lines look like "<label>   <rate> events/s"; the label is everything before the rate.
awk '
    / events\/s$/ {
        rate = $(NF - 1); label = $0; sub(/ +[0-9]+ events\/s$/, "", label)
        if (FILENAME == ARGV[1]) { native[label] = rate; order[++n] = label }
        else { wasm[label] = rate }
    }
    END {
        printf "%-52s %12s %12s %7s\n", "case", "native/s", "wasm/s", "ratio"
        for (i = 1; i <= n; i++) {
            l = order[i]
            if (l in wasm) printf "%-52s %12d %12d %7.2f\n", l, native[l], wasm[l], wasm[l] / native[l]
        }
        print ""
        for (i = 1; i <= n; i++) {
            l = order[i]
            if (!(l in wasm)) continue
            name = l; sub(/^ +/, "", name)
            printf "BENCH dispatch: %s | native %s events/s, wasm %s events/s, wasm/native %.2f\n",
                name, group(native[l]), group(wasm[l]), wasm[l] / native[l]
        }
    }
    # 1234567 -> 1,234,567
    function group(n,    s) {
        s = sprintf("%d", n)
        while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s)
        return s
    }' "$native" "$wasm"
