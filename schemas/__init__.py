"""The JSON Schemas (draft 2020-12) every document kind is validated against.

Schemas reference each other by relative names ("common.schema.json#/$defs/…");
they are all registered locally so nothing is ever fetched.
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


@functools.cache
def _registry() -> Registry:
    resources = [(BASE + p.name, Resource.from_contents(
        json.loads(p.read_text(encoding="utf-8")))) for p in HERE.glob("*.schema.json")]
    return Registry().with_resources(resources)


@functools.cache
def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(load(name), registry=_registry(),
                                format_checker=Draft202012Validator.FORMAT_CHECKER)
