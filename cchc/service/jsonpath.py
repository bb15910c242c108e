"""The few JSON paths a person may correct by hand: ``$.a.b[0].c``."""

from __future__ import annotations

import re

_STEP = re.compile(r"\.([A-Za-z0-9_]+)|\[(\d+)\]")
TEXT_KEYS = {"name", "number", "date", "place", "from", "to", "field"}
EDITABLE_ROOTS = ("unit", "document", "period", "indicators", "investment", "tthc_stats")


def parse(path: str) -> list[str | int]:
    if not isinstance(path, str) or not path.startswith("$"):
        raise ValueError(path)
    steps, pos = [], 1
    while pos < len(path):
        m = _STEP.match(path, pos)
        if not m:
            raise ValueError(path)
        steps.append(m.group(1) if m.group(1) is not None else int(m.group(2)))
        pos = m.end()
    if not steps:
        raise ValueError(path)
    return steps


def render(steps: list[str | int]) -> str:
    return "$" + "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in steps)


def leaves(data, steps: list | None = None):
    """Every scalar (or null) under ``data`` with its path steps."""
    steps = steps or []
    if isinstance(data, dict):
        for key, value in data.items():
            yield from leaves(value, [*steps, key])
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from leaves(value, [*steps, i])
    else:
        yield steps, data


def editable(record: dict) -> list[tuple[str, object]]:
    out = []
    for root in EDITABLE_ROOTS:
        if root in record and record[root] is not None:
            out += [(render(s), v) for s, v in leaves(record[root], [root])]
    return out


def get(data, steps):
    for s in steps:
        data = data[s]
    return data


def put(data, steps, value) -> None:
    get(data, steps[:-1])[steps[-1]] = value


def is_text(steps) -> bool:
    last = next((s for s in reversed(steps) if isinstance(s, str)), "")
    return last in TEXT_KEYS
