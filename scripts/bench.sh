#!/usr/bin/env bash
# Runs every benchmark of Sandflow and writes their figures into BENCHMARKS.md, between
# the markers `<!-- bench:begin -->` and `<!-- bench:end -->` (the hand-written analysis
# around them is left as it is):
#
#   1. engine: the dispatch benchmark, native and wasm (scripts/bench-engine.sh);
#   2. edit:   one editor edit, engine side, native (cargo bench --bench edit);
#   3. size:   the release build (trunk build --release: wasm-opt -Oz), raw and gzip -9,
#              every part of the wasm and the first screen's share;
#   4. browser: every tests/bench/*.spec.mjs (Playwright + Debian's Chromium) against that
#      build: first load, editor, and any spec added to the folder.
#
#   scripts/bench.sh                 # all four
#   scripts/bench.sh size browser    # only these parts (the section then holds only them)
#
# A benchmark reports a figure by printing a line `BENCH <name> | <figure>`; this script
# collects those lines, so a new spec in tests/bench/ only has to print them. Nothing is
# asserted about speed. Not part of scripts/test.sh or CI: it takes several minutes and
# its figures depend on the machine.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=setup.sh
source "$root/scripts/setup.sh" --browser
cd "$root"

parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(engine edit size browser)
for p in "${parts[@]}"; do
  case "$p" in
    engine | edit | size | browser) ;;
    *) echo "unknown part '$p': choose among engine, edit, size, browser" >&2; exit 2 ;;
  esac
done
wants() { [[ " ${parts[*]} " == *" $1 "* ]]; }

log=$(mktemp)
trap 'rm -f "$log"' EXIT
started=$(date -u '+%Y-%m-%d %H:%M UTC')
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# Prints `BENCH size: <what> | <raw> B raw, <gzip> B gzip -9` for the files given; each
# file is compressed on its own, as a server sends it.
size_line() { # label files...
  local label=$1 raw=0 gz=0 f
  shift
  for f in "$@"; do
    raw=$((raw + $(wc -c <"$f")))
    gz=$((gz + $(gzip -9 -c "$f" | wc -c)))
  done
  printf 'BENCH size: %s | %s B raw, %s B gzip -9\n' "$label" "$(group "$raw")" "$(group "$gz")"
}
group() { echo "$1" | sed -E ':a; s/([0-9])([0-9]{3})($|,)/\1,\2\3/; ta'; } # 1234567 -> 1,234,567

if wants engine; then
  echo "== engine: scripts/bench-engine.sh"
  bash scripts/bench-engine.sh 2>&1 | tee -a "$log"
fi

if wants edit; then
  echo "== edit: cargo bench -p sandflow-engine --bench edit"
  cargo bench -q -p sandflow-engine --bench edit 2>&1 | tee -a "$log"
fi

if wants size || wants browser; then
  echo "== release build: trunk build --release"
  trunk build --release 2>&1 | tail -n 3
fi

if wants size; then
  echo "== size of dist/"
  {
    size_line "wasm, every part (wasm-opt -Oz)" dist/*.wasm
    # What the Workflows list loads: the main module, its script and the parts' loader
    # (scripts/split.mjs); the other parts come when their pages open.
    size_line "first screen: main wasm and its scripts" dist/sandflow-*_bg.wasm dist/sandflow-*.js dist/__wasm_split-*.js
    size_line "JS glue" dist/*.js
    size_line "CSS" dist/*.css
    size_line "whole page (dist/)" $(find dist -type f | sort)
  } | tee -a "$log"
fi

if wants browser; then
  echo "== browser: every tests/bench/*.spec.mjs"
  npx playwright test --config tests/bench/playwright.config.mjs 2>&1 | tee -a "$log"
fi

figures=$(grep -o 'BENCH .*' "$log" || true)
if [ -z "$figures" ]; then
  echo "FAIL: no benchmark printed a figure" >&2
  exit 1
fi

chromium_version=$(chromium --version 2>/dev/null | grep -o 'Chromium [0-9.]*' || echo "Chromium (unknown)")
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
commit=$(git rev-parse --short HEAD 2>/dev/null || echo "?")
git diff --quiet HEAD 2>/dev/null || commit="$commit + uncommitted changes"

section=$(mktemp)
{
  echo "<!-- bench:begin -->"
  echo "<!-- Written by scripts/bench.sh: edit the text around the markers, not inside. -->"
  echo
  echo "Last run: $started, \`scripts/bench.sh${*:+ $*}\` at commit $commit."
  echo "Machine: $(nproc) cores ($cpu), $chromium_version headless; load average"
  echo "$load_before when it started (the machine may be shared: read orders of magnitude)."
  echo
  echo "| benchmark | figure |"
  echo "| --- | --- |"
  printf '%s\n' "$figures" | sed -E 's/^BENCH +//; s/ +\| +/\t/' |
    awk -F'\t' '{ gsub(/^ +| +$/, "", $1); gsub(/\|/, "\\|", $1); printf "| %s | %s |\n", $1, $2 }'
  echo "<!-- bench:end -->"
} >"$section"

if grep -q '<!-- bench:begin -->' BENCHMARKS.md && grep -q '<!-- bench:end -->' BENCHMARKS.md; then
  awk -v section="$section" '
    /<!-- bench:begin -->/ { while ((getline line < section) > 0) print line; skipping = 1; next }
    /<!-- bench:end -->/ { skipping = 0; next }
    !skipping { print }' BENCHMARKS.md >BENCHMARKS.md.new
else
  { cat BENCHMARKS.md; echo; echo "## Latest figures"; echo; cat "$section"; } >BENCHMARKS.md.new
fi
mv BENCHMARKS.md.new BENCHMARKS.md
rm -f "$section"

echo
printf '%s\n' "$figures"
echo "Written to BENCHMARKS.md ($(printf '%s\n' "$figures" | wc -l) figures)."
