#!/usr/bin/env python3
"""Regenerates stripe_sample_fields.json, the facts tests/sandbox_fidelity.rs checks.

Usage: python3 engine/tests/data/derive.py PATH/TO/fixtures3.json

PATH is `openapi/fixtures3.json` of Stripe's public OpenAPI repository (stripe/openapi,
MIT licence, copyright Stripe, Inc.): one sample object per resource, under "resources". For each
core type of the sandbox (CORE_TYPES in engine/src/sandbox/objects/mod.rs, read from this
checkout), the output keeps the top-level field names of Stripe's sample and the JSON type of
each value (null kept as null), and lists the core types the fixtures have no sample for.

Standard library only. Run by hand to refresh the data; tests never run it.
"""

import datetime
import hashlib
import json
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
OUTPUT = HERE / "stripe_sample_fields.json"
CORE_TYPES_SOURCE = HERE.parent.parent / "src" / "sandbox" / "objects" / "mod.rs"


def core_types():
    text = CORE_TYPES_SOURCE.read_text(encoding="utf-8")
    found = re.search(r"pub const CORE_TYPES: &\[&str\] = &\[(.*?)\];", text, re.S)
    if not found:
        sys.exit(f"CORE_TYPES not found in {CORE_TYPES_SOURCE}")
    return re.findall(r'"([^"]+)"', found.group(1))


def kind(value):
    # The same names as `kind` in tests/sandbox_fidelity.rs.
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    raise TypeError(f"not a JSON value: {value!r}")


def main():
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} PATH/TO/fixtures3.json")
    source = pathlib.Path(sys.argv[1])
    raw = source.read_bytes()
    samples = json.loads(raw)["resources"]
    types = core_types()
    resources = {}
    missing = []
    for name in types:
        sample = samples.get(name)
        if isinstance(sample, dict):
            resources[name] = {field: kind(value) for field, value in sorted(sample.items())}
        else:
            missing.append(name)
    out = {
        "source": (
            "Top-level field names and JSON types of Stripe's published sample objects, from "
            "Stripe's OpenAPI fixtures (openapi/fixtures3.json of Stripe's public OpenAPI "
            "repository, stripe/openapi; MIT licence, copyright Stripe, Inc.), for "
            "the sandbox's core types: " + ", ".join(types) + ". Regenerate with "
            "engine/tests/data/derive.py."
        ),
        "derived": datetime.date.today().isoformat(),
        "input_sha256": hashlib.sha256(raw).hexdigest(),
        "resources": resources,
        "not_in_fixtures": missing,
    }
    OUTPUT.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT}: {len(resources)} resources, {len(missing)} not in the fixtures")


if __name__ == "__main__":
    main()
