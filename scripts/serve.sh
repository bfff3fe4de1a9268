#!/usr/bin/env bash
# Installs what is missing, builds Sandflow in release mode and serves it at
# http://127.0.0.1:8080 (rebuilding on change).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=setup.sh
source "$root/scripts/setup.sh"
cd "$root"
echo "Sandflow: open http://127.0.0.1:8080 once the build below finishes."
# No service worker while developing: its offline copy would open the previous build after
# each change (scripts/precache.mjs writes one that removes itself instead).
SANDFLOW_SERVICE_WORKER=off exec trunk serve --release "$@"
