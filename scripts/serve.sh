#!/usr/bin/env bash
# Installs what is missing, builds Sandflow in release mode and serves it at
# http://127.0.0.1:8080 (rebuilding on change).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=setup.sh
source "$root/scripts/setup.sh"
cd "$root"
echo "Sandflow: open http://127.0.0.1:8080 once the build below finishes."
exec trunk serve --release "$@"
