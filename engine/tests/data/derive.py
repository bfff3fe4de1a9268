#!/usr/bin/env python3
"""Regenerates stripe_sample_fields.json, the facts tests/sandbox_fidelity.rs checks.

Usage: python3 engine/tests/data/derive.py PATH/TO/fixtures3.json [PATH/TO/stripe-cli-triggers]
       python3 engine/tests/data/derive.py --api-ops PATH/TO/api-ops.json.gz

PATH is `openapi/fixtures3.json` of Stripe's public OpenAPI repository (stripe/openapi,
MIT licence, copyright Stripe, Inc.): one sample object per resource, under "resources". For each
core type of the sandbox (CORE_TYPES in engine/src/sandbox/objects/mod.rs, read from this
checkout), the output keeps the top-level field names of Stripe's sample and the JSON type of
each value (null kept as null), and lists the core types the fixtures have no sample for.

With the second path (the `pkg/fixtures/triggers` folder of the Stripe CLI, Apache 2.0
licence, copyright Stripe, Inc.), it also writes stripe_cli_trigger_calls.json, the facts
tests/sandbox_scenarios.rs checks: for each `stripe trigger` fixture, the API calls it makes
in order, as "METHOD /path" with every id in the path written `{}`.

It also writes engine/src/sandbox/objects/shapes.json: for each object type an event carries
that has no dedicated builder, the blank object the sandbox starts from, one level deep, with
the sample's field names and JSON types and only enum-like values kept (see blank_value).

With `--api-ops` (the operations of Stripe's v1 API at one API version, as
`{"api_version", "ops": {"POST /v1/customers": {"fields": {name: {"r": 0|1, "s": {nested}}}}}}`,
derived from the code Stripe generates from its OpenAPI spec in stripe-python, MIT licence,
copyright Stripe, Inc.), it writes stripe_api_params.json, the facts tests/sandbox_catalog.rs
checks: for each operation the catalog offers (ACTIONS in engine/src/sandbox/catalog.rs, read
from this checkout), keyed "METHOD /path" with every path parameter written `{}`, each parameter
Stripe takes, nested ones written with a dot (`recurring.interval`), and whether it is required
(a nested one: required when its parent is given).

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


# Fields Stripe's sample objects still show that the API no longer returns unless they are
# expanded, at the API version the sandbox's events claim (Event API_VERSION in
# engine/src/event.rs): Stripe's changelog, 2022-11-15, "a charge's refunds are no longer
# returned by default". Left out of every derived file, so the sandbox is held to omit them.
NOT_RETURNED = {"charge": {"refunds"}}


def returned(name, sample):
    return {f: v for f, v in sample.items() if f not in NOT_RETURNED.get(name, set())}


CALLS_OUTPUT = HERE / "stripe_cli_trigger_calls.json"
SHAPES_OUTPUT = HERE / "stripe_sample_shapes.json"
EVENTS_SOURCE = HERE.parent.parent / "src" / "sandbox" / "events_catalog.rs"


def event_object_types():
    text = EVENTS_SOURCE.read_text(encoding="utf-8")
    found = re.findall(r'e\(\s*"[^"]+",\s*"[^"]*",\s*"[^"]*",\s*"([^"]+)"', text)
    if not found:
        sys.exit(f"no event types found in {EVENTS_SOURCE}")
    return sorted(set(found))


GENERIC_OUTPUT = HERE.parent.parent / "src" / "sandbox" / "objects" / "shapes.json"
ID_LIKE = re.compile(r"^[a-z]+(_[a-z]+)*_(?=[A-Za-z0-9]*[0-9A-Z])[A-Za-z0-9]{6,}$")
TOKEN_LIKE = re.compile(r"^[a-z][a-z0-9_.\-]*$")


def blank_value(field, value, depth):
    # The sandbox's own value of a field, keeping only facts from the sample: its JSON
    # type, enum-like tokens (status: "active", currency: "usd"), booleans and numbers.
    # Ids become placeholders with the sample's prefix (the sandbox fills real ones);
    # free text becomes a neutral value; below one level deep, objects and lists are empty.
    if field == "livemode":
        return False
    if isinstance(value, int) and not isinstance(value, bool) and 1_000_000_000 <= value < 3_000_000_000:
        return -1  # a timestamp: other.rs sets it to the sandbox's time
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        if ID_LIKE.match(value) or (field == "id" and re.match(r"^[a-z]+_\d+$", value)):
            return value.split("_")[0] + "_SandflowPlaceholder"
        if TOKEN_LIKE.match(value) and len(value) <= 40:
            return value
        if value.startswith("http"):
            return "https://example.com"
        if "@" in value:
            return "jenny.rosen@example.com"
        return ""
    if isinstance(value, list):
        return []
    if depth >= 1:
        return {}
    if field == "metadata":
        return {}
    return {k: blank_value(k, v, depth + 1) for k, v in sorted(value.items())}


def derive_generic(samples):
    # engine/src/sandbox/objects/shapes.json: the blank object, one level deep, of every
    # type an event carries that has no dedicated builder (CORE_TYPES), for other.rs.
    core = set(core_types())
    shapes = {}
    for name in event_object_types():
        sample = samples.get(name)
        if name in core or not isinstance(sample, dict):
            continue
        shape = {}
        for field, value in sorted(returned(name, sample).items()):
            if field == "id" and isinstance(value, str) and "." not in value and re.search(r"\d", value):
                shape[field] = None  # other.rs gives it a sandbox id
            else:
                shape[field] = blank_value(field, value, 0)
        shapes[name] = shape
    lines = ["{"]
    items = list(shapes.items())
    for i, (name, shape) in enumerate(items):
        comma = "," if i + 1 < len(items) else ""
        lines.append(f" {json.dumps(name)}: {json.dumps(shape, separators=(',', ':'))}{comma}")
    lines.append("}")
    GENERIC_OUTPUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {GENERIC_OUTPUT}: {len(shapes)} generic shapes")


def derive_shapes(samples, raw):
    # Every object type an event carries: its sample's fields one level deep (`field` and,
    # for a field whose sample value is an object, `field.sub`), each with its JSON type.
    resources = {}
    missing = []
    for name in event_object_types():
        sample = samples.get(name)
        if not isinstance(sample, dict):
            missing.append(name)
            continue
        fields = {}
        for field, value in sorted(returned(name, sample).items()):
            fields[field] = kind(value)
            if isinstance(value, dict):
                for sub, inner in sorted(value.items()):
                    fields[f"{field}.{sub}"] = kind(inner)
        resources[name] = fields
    out = {
        "source": (
            "Field names, one level deep, and JSON types of Stripe's published sample object "
            "of every type an event carries, from Stripe's OpenAPI fixtures "
            "(openapi/fixtures3.json of stripe/openapi; MIT licence, copyright Stripe, Inc.). "
            "Regenerate with engine/tests/data/derive.py."
        ),
        "derived": datetime.date.today().isoformat(),
        "input_sha256": hashlib.sha256(raw).hexdigest(),
        "resources": resources,
        "not_in_fixtures": missing,
    }
    text = json.dumps(out, indent=1, sort_keys=False)
    SHAPES_OUTPUT.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {SHAPES_OUTPUT}: {len(resources)} resources, {len(missing)} not in the fixtures")


def path_template(path):
    # `${customer:id}` and test tokens such as `pm_card_visa` name an object: `{}`.
    parts = []
    for part in path.split("/"):
        if part.startswith("${") or part.startswith("pm_card_"):
            parts.append("{}")
        else:
            parts.append(part)
    return "/".join(parts)


def derive_calls(folder):
    calls = {}
    digest = hashlib.sha256()
    for file in sorted(folder.glob("*.json")):
        raw = file.read_bytes()
        digest.update(raw)
        fixture = json.loads(raw)
        calls[file.stem] = [
            f"{step.get('method', 'post').upper()} {path_template(step['path'])}"
            for step in fixture.get("fixtures", [])
        ]
    out = {
        "source": (
            "The API calls of each `stripe trigger` fixture of the Stripe CLI "
            "(pkg/fixtures/triggers of the stripe/stripe-cli repository, Apache 2.0 licence, "
            "copyright Stripe, Inc.), in order, ids in paths written {}. Regenerate with "
            "engine/tests/data/derive.py."
        ),
        "derived": datetime.date.today().isoformat(),
        "input_sha256": digest.hexdigest(),
        "fixtures": calls,
    }
    CALLS_OUTPUT.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {CALLS_OUTPUT}: {len(calls)} fixtures")


PARAMS_OUTPUT = HERE / "stripe_api_params.json"
CATALOG_SOURCE = HERE.parent.parent / "src" / "sandbox" / "catalog.rs"


def catalog_operations():
    text = CATALOG_SOURCE.read_text(encoding="utf-8")
    found = re.findall(r'method: Method::(\w+),\s*path: "([^"]+)"', text)
    if not found:
        sys.exit(f"no actions found in {CATALOG_SOURCE}")
    return sorted({f"{method.upper()} {re.sub(r'[{][^}]*[}]', '{}', path)}" for method, path in found})


def flatten(fields, prefix=""):
    out = {}
    for name, spec in sorted(fields.items()):
        out[prefix + name] = spec.get("r", 0)
        out.update(flatten(spec.get("s", {}), prefix + name + "."))
    return out


def derive_params(source):
    import gzip

    raw = source.read_bytes()
    data = json.loads(gzip.decompress(raw) if source.suffix == ".gz" else raw)
    by_template = {}
    for key, op in data["ops"].items():
        method, path = key.split(" ", 1)
        by_template[f"{method} {re.sub(r'[{][^}]*[}]', '{}', path)}"] = op
    operations = {}
    missing = []
    for key in catalog_operations():
        op = by_template.get(key)
        if op is None:
            missing.append(key)
            continue
        operations[key] = flatten(op.get("fields", {}))
    out = {
        "source": (
            "The parameters of each Stripe API operation the catalog offers, nested ones "
            "dotted, 1 when required (a nested one: when its parent is given), at API version "
            + data.get("api_version", "?")
            + ", from the code Stripe generates from its OpenAPI spec in its Python library "
            "(stripe/stripe-python, MIT licence, copyright Stripe, Inc.). Regenerate with "
            "engine/tests/data/derive.py --api-ops."
        ),
        "api_version": data.get("api_version"),
        "derived": datetime.date.today().isoformat(),
        "input_sha256": hashlib.sha256(raw).hexdigest(),
        "operations": operations,
        "not_in_api": missing,
    }
    PARAMS_OUTPUT.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {PARAMS_OUTPUT}: {len(operations)} operations, {len(missing)} not in the API")


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--api-ops":
        derive_params(pathlib.Path(sys.argv[2]))
        return
    if len(sys.argv) not in (2, 3):
        sys.exit(f"usage: {sys.argv[0]} PATH/TO/fixtures3.json [PATH/TO/stripe-cli-triggers]")
    if len(sys.argv) == 3:
        derive_calls(pathlib.Path(sys.argv[2]))
    source = pathlib.Path(sys.argv[1])
    raw = source.read_bytes()
    samples = json.loads(raw)["resources"]
    derive_shapes(samples, raw)
    derive_generic(samples)
    types = core_types()
    resources = {}
    missing = []
    for name in types:
        sample = samples.get(name)
        if isinstance(sample, dict):
            resources[name] = {
                field: kind(value) for field, value in sorted(returned(name, sample).items())
            }
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
