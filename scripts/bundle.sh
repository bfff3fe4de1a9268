#!/usr/bin/env bash
# Writes Sandflow ready to put online: the release build for the path it will be served
# from, plus 404.html (a copy of index.html) for hosts such as GitHub Pages, which answer
# every unknown address with it: that is how a deep link (/path/workflows/wf_…) opens.
#
#   scripts/bundle.sh [PUBLIC_PATH] [OUT]     defaults: / and bundle/
#   scripts/bundle.sh /sandflow/              for https://example.org/sandflow/
#
# Upload OUT as it is. Any static host works; it needs only the single-page fallback
# (unknown paths under PUBLIC_PATH answer with index.html or 404.html), see README.md.
# Each file also gets .gz and .br twins (scripts/precompress.mjs) for hosts that serve them.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
path=${1:-/}
out=${2:-bundle}
case "$path" in
  /*/ | /) ;;
  *) echo "bundle.sh: the public path starts and ends with / (e.g. /sandflow/), not '$path'" >&2; exit 1 ;;
esac
cd "$root"
trunk build --release --public-url "$path" --dist "$out" 2>&1 | tail -n 3
cp "$out/index.html" "$out/404.html"
node scripts/precompress.mjs "$out"
echo "bundle.sh: $out/ is ready to serve at $path ($(find "$out" -type f | wc -l) files, $(du -sh "$out" | cut -f1))"
