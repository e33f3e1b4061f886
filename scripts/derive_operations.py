#!/usr/bin/env python3
"""Derive the facts of every Spotify Web API operation from the OpenAPI
description into tests/spec/operations.json (read by tests/conformance.rs).

Usage (from anywhere):
    python3 scripts/derive_operations.py [path/to/openapi.yml]

The default input is ../shared/spotify/openapi.yml relative to the repository
root (in a linked git worktree: relative to the main checkout's root). The output holds facts only (no descriptions), one operation per line,
sorted by operationId, so a regenerated file diffs cleanly.
"""

import json
import re
import os
import subprocess
import sys

import yaml

METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SPEC_FROM_ROOT = os.path.join("..", "shared", "spotify", "openapi.yml")
OUTPUT = os.path.join(REPO_ROOT, "tests", "spec", "operations.json")


def default_spec():
    """../shared/spotify/openapi.yml from the repository root; in a linked git
    worktree, from the main checkout's root if the first does not exist."""
    spec = os.path.join(REPO_ROOT, SPEC_FROM_ROOT)
    if os.path.exists(spec):
        return spec
    try:
        common = subprocess.run(
            ["git", "rev-parse", "--path-format=absolute", "--git-common-dir"],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return spec
    main_root = os.path.dirname(common)
    return os.path.join(main_root, SPEC_FROM_ROOT)


def resolve(doc, node):
    """Follows local `$ref`s (`#/components/...`) until a plain node."""
    seen = set()
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        if not ref.startswith("#/") or ref in seen:
            raise ValueError(f"cannot resolve $ref {ref!r}")
        seen.add(ref)
        node = doc
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def body_keys(doc, op):
    """Top-level property names of the JSON request body, if any."""
    body = resolve(doc, op.get("requestBody"))
    if not body:
        return []
    media = body.get("content", {}).get("application/json")
    if not media or "schema" not in media:
        return []
    schema = resolve(doc, media["schema"])
    keys = set(schema.get("properties", {}))
    for part in schema.get("allOf", []):
        keys |= set(resolve(doc, part).get("properties", {}))
    return sorted(keys)


# "Maximum: 50 IDs.", "A maximum of 100 items can be added", "Maximum: 40 URIs."
CAP = re.compile(r"[Mm]aximum(?::| of) (\d+) (?:IDs?|URIs|items|objects|ids?)\b")


def cap_of(node):
    """The most list entries a parameter or body property takes, if stated."""
    match = CAP.search(str(node.get("description", "")))
    return int(match.group(1)) if match else None


def body_caps(doc, op):
    """Caps of the JSON body's top-level list properties."""
    body = resolve(doc, op.get("requestBody"))
    if not body:
        return {}
    media = body.get("content", {}).get("application/json")
    if not media or "schema" not in media:
        return {}
    schema = resolve(doc, media["schema"])
    props = dict(schema.get("properties", {}))
    for part in schema.get("allOf", []):
        props.update(resolve(doc, part).get("properties", {}))
    caps = {}
    for name, prop in props.items():
        cap = cap_of(resolve(doc, prop))
        if cap is not None:
            caps[name] = cap
    return caps


def facts(doc, path, method, op, shared_params):
    query, path_params = [], []
    caps = {}
    for raw in shared_params + op.get("parameters", []):
        param = resolve(doc, raw)
        schema = resolve(doc, param.get("schema", {}))
        if param["in"] == "query":
            cap = cap_of(param) or cap_of(schema)
            if cap is not None and schema.get("type") != "integer":
                caps.setdefault(param["name"], {})["query"] = cap
            query.append(
                {
                    "name": param["name"],
                    "required": bool(param.get("required", False)),
                    "min": schema.get("minimum"),
                    "max": schema.get("maximum"),
                }
            )
        elif param["in"] == "path":
            path_params.append(param["name"])
    scopes = []
    for requirement in op.get("security", []):
        for scope in requirement.get("oauth_2_0", []):
            if scope not in scopes:
                scopes.append(scope)
    for name, cap in body_caps(doc, op).items():
        caps.setdefault(name, {})["body"] = cap
    return {
        "caps": caps,
        "operation_id": op["operationId"],
        "method": method.upper(),
        "path": path,
        "query": query,
        "path_params": path_params,
        "body": body_keys(doc, op),
        "scopes": sorted(scopes),
        "deprecated": bool(op.get("deprecated", False)),
        "tags": list(op.get("tags", [])),
    }


def main(argv):
    spec = argv[1] if len(argv) > 1 else default_spec()
    with open(spec, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    ops = []
    for path, item in doc["paths"].items():
        shared = item.get("parameters", [])
        for method in METHODS:
            if method in item:
                ops.append(facts(doc, path, method, item[method], shared))
    ops.sort(key=lambda o: o["operation_id"])
    ids = [o["operation_id"] for o in ops]
    if len(set(ids)) != len(ids):
        sys.exit("duplicate operationId in the description")
    lines = [json.dumps(o, sort_keys=True, separators=(",", ":")) for o in ops]
    os.makedirs(os.path.dirname(OUTPUT), exist_ok=True)
    with open(OUTPUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("[\n" + ",\n".join(lines) + "\n]\n")
    print(f"{len(ops)} operations -> {os.path.relpath(OUTPUT, REPO_ROOT)}")


if __name__ == "__main__":
    main(sys.argv)
