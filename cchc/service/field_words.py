"""Schema messages in the words of the page that shows them.

The validator says "$.signer.name: không được để trống"; a form says "Người ký: không
được để trống", and the generate page, whose data staff edit as text, says
"“signer” › “name”: …" — the names they see in the text, never a "$." path.
"""

from __future__ import annotations

import re

from .jsonpath import parse

_PATH = re.compile(r"\$(?:\.[A-Za-z0-9_]+|\[\d+\])*")
_QUOTED = re.compile(r"'([A-Za-z0-9_]+)'")


def _steps_text(steps: list, labels: dict[str, str]) -> str:
    """The longest labelled prefix (array indexes skipped in the key), then what is
    left as “key” and “mục N”."""
    best, at, keys = None, 0, []
    for i, step in enumerate(steps):
        if isinstance(step, str):
            keys.append(step)
            if ".".join(keys) in labels:
                best, at = labels[".".join(keys)], i + 1
    rest = _plain(steps[at:])
    return " › ".join([best, *rest] if best else rest) or "văn bản"


def _plain(steps: list) -> list[str]:
    return [f"mục {s + 1}" if isinstance(s, int) else f"“{s}”" for s in steps]


def where(path: str, labels: dict[str, str] | None = None) -> str:
    try:
        steps = parse(path)
    except ValueError:
        return "văn bản"  # "$" alone: the document as a whole
    return _steps_text(steps, labels or {})


def humane(text: str, labels: dict[str, str] | None = None) -> str:
    """Every "$…" path in ``text`` said as the page's labels or the data's own keys;
    a missing field named by its label when the page has one."""
    labels = labels or {}
    head, sep, tail = text.partition(": ")
    prefix = head if _PATH.fullmatch(head) else None

    def field(m: re.Match) -> str:
        key = ".".join(k for k in ([*(s for s in _safe(prefix) if isinstance(s, str))]
                                   if prefix else []) + [m.group(1)])
        return f"“{labels[key]}”" if key in labels else m.group(0)

    if sep and prefix is not None:
        tail = _QUOTED.sub(field, tail) if "thiếu trường" in tail else tail
        text = f"{where(prefix, labels)}: {tail}"
    return _PATH.sub(lambda m: where(m.group(0), labels) if len(m.group(0)) > 1 else m.group(0),
                     text)


def _safe(path: str | None) -> list:
    try:
        return parse(path) if path and path != "$" else []
    except ValueError:
        return []
