"""The JSON Schemas (draft 2020-12) every document kind is validated against.

Schemas reference each other by relative names ("common.schema.json#/$defs/…");
the references are resolved locally, once, so nothing is ever fetched.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

HERE = Path(__file__).parent
BASE = "https://cchc.example/schemas/"


def names() -> list[str]:
    """Schema names usable as KIND ("plan", "outline", "stats", "report", …)."""
    return sorted(p.name.removesuffix(".schema.json") for p in HERE.glob("*.schema.json")
                  if p.name != "common.schema.json")


def load(name: str) -> dict:
    return json.loads((HERE / f"{name}.schema.json").read_text(encoding="utf-8"))


def _resolve(ref: str, current: dict, documents: dict) -> tuple[dict, dict]:
    """Return (subschema, the document it lives in) for a "$ref" value."""
    name, _, pointer = ref.partition("#")
    document = documents[name.removesuffix(".schema.json")] if name else current
    node = document
    for part in [p for p in pointer.split("/") if p]:
        node = node[part]
    return node, document


def _inline(node, current: dict, documents: dict, depth: int = 0):
    if depth > 50:
        raise RecursionError("recursive schema reference")
    if isinstance(node, list):
        return [_inline(n, current, documents, depth) for n in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        target, document = _resolve(node["$ref"], current, documents)
        resolved = _inline(target, document, documents, depth + 1)
        rest = {k: v for k, v in node.items() if k != "$ref"}
        if not rest:
            return resolved
        return {"allOf": [resolved, _inline(rest, current, documents, depth)]}
    return {k: (v if k in ("enum", "const") else _inline(v, current, documents, depth))
            for k, v in node.items() if k not in ("$id", "$schema", "$defs")}


def inlined(name: str) -> dict:
    """The schema with every "$ref" replaced by what it points to.

    jsonschema resolves a "$ref" through the registry on every use, which cost ~30 ms
    per report record, more than storing it; resolving once here makes the one
    validator fast enough for the archive, the service and the CLI alike.
    """
    documents = {n: load(n) for n in [*names(), "common"]}
    return _inline(documents[name], documents[name], documents)


@functools.cache
def _registry() -> Registry:
    resources = [(BASE + p.name, Resource.from_contents(
        json.loads(p.read_text(encoding="utf-8")))) for p in HERE.glob("*.schema.json")]
    return Registry().with_resources(resources)


@functools.cache
def validator(name: str) -> Draft202012Validator:
    """The validator of schema ``name``: inlined where the schema is not recursive (the
    outline's nested sections are), through the local registry otherwise."""
    checker = Draft202012Validator.FORMAT_CHECKER
    try:
        return Draft202012Validator(inlined(name), format_checker=checker)
    except RecursionError:
        return Draft202012Validator(load(name), registry=_registry(), format_checker=checker)
