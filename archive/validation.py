"""A fast yes/no check of report records before they are stored.

The shared validator resolves every "$ref" through the schema registry on each
use, which costs ~30 ms per record — more than the database write. The archive
checks records with a copy of the report schema whose references are inlined
once, and asks the shared validator for its Vietnamese, field-by-field messages
only when a record fails.
"""

from __future__ import annotations

import functools

from jsonschema import Draft202012Validator

from cchc import schemas


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
        raise ValueError("recursive schema reference")
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


@functools.cache
def _fast_validator() -> Draft202012Validator:
    documents = {name: schemas.load(name) for name in [*schemas.names(), "common"]}
    report = documents["report"]
    return Draft202012Validator(_inline(report, report, documents),
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


def report_is_valid(record) -> bool:
    return _fast_validator().is_valid(record)
