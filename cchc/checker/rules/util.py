"""Small helpers shared by the rule modules."""

from __future__ import annotations

from collections.abc import Iterable

from ..findings import Finding, finding


def fmt(value: float) -> str:
    """12.0 → "12", 12.5 → "12,5" (Vietnamese decimal comma)."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def span(rng: tuple[float, float], unit: str = "") -> str:
    lo, hi = rng
    return f"{fmt(lo)}{unit}" if lo == hi else f"{fmt(lo)}–{fmt(hi)}{unit}"


def within(value: float, rng: tuple[float, float], tol: float = 0.01) -> bool:
    return rng[0] - tol <= value <= rng[1] + tol


def grouped(rule_id: str, hits: Iterable[tuple[str, str]], expected: str,
            message: str) -> Iterable[Finding]:
    """One finding per distinct value found, at its first place, with a count of the rest.

    An Arial document would otherwise give a finding per paragraph and bury the
    one that matters.
    """
    first: dict[str, str] = {}
    count: dict[str, int] = {}
    for found, where in hits:
        first.setdefault(found, where)
        count[found] = count.get(found, 0) + 1
    for found, where in first.items():
        more = count[found] - 1
        where_text = f"{where} (và {more} chỗ khác)" if more else where
        yield finding(rule_id, where_text, found, expected, message.format(found=found))
