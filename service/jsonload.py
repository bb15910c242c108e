"""Parsing JSON from users with a bound on nesting.

Python's parser stops at its recursion limit with a RecursionError, and a document
just under that limit still overflows whatever walks it next (schema validation,
the record's editable paths). No real record nests more than a dozen levels.
"""

from __future__ import annotations

import json
from typing import Any

MAX_DEPTH = 64


class TooDeep(ValueError):
    """JSON nested deeper than MAX_DEPTH (a ValueError, like any other bad JSON)."""


def depth_exceeds(value: Any, limit: int = MAX_DEPTH) -> bool:
    """Whether ``value`` nests lists and objects more than ``limit`` deep (no recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children
                     if isinstance(child, (dict, list)))
    return False


def loads(text: str | bytes) -> Any:
    """``json.loads`` that refuses nesting deeper than MAX_DEPTH with TooDeep."""
    try:
        value = json.loads(text)
    except RecursionError as exc:
        raise TooDeep(f"JSON lồng nhau quá {MAX_DEPTH} tầng") from exc
    if depth_exceeds(value):
        raise TooDeep(f"JSON lồng nhau quá {MAX_DEPTH} tầng")
    return value
