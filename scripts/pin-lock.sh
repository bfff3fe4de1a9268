#!/usr/bin/env bash
# Writes Cargo.lock.pins, the versions Cargo.lock resolved, without the lines naming the
# registry they come from (cargo writes its index's address there; the repository names
# no registry host). scripts/setup.sh rebuilds Cargo.lock from it, asking cargo itself for
# that line. Run it after any change of the dependencies, and commit Cargo.lock.pins.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
grep -v '^source = "registry+' "$root/Cargo.lock" > "$root/Cargo.lock.pins"
echo "wrote Cargo.lock.pins ($(grep -c '^checksum = ' "$root/Cargo.lock.pins") registry packages)"
