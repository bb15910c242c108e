"""Matching helpers shared by the interpreters: folded text and keyword phrases."""

from __future__ import annotations

import re
from functools import lru_cache

from cchc.core.vn import clean, fold

_NON_WORD = re.compile(r"[^a-z0-9%]+")
_GLUED_DIGIT = re.compile(r"(?<=[a-z])(?=\d)")  # "so2": a footnote mark glued on in a PDF


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """Folded words separated by single spaces, padded so phrases match whole words."""
    return " " + _NON_WORD.sub(" ", _GLUED_DIGIT.sub(" ", fold(text))).strip() + " "


class Tight(str):
    """Folded text compared without spaces: "Lĩnhvực" and "Lĩnh vực" in a PDF's cells."""


def has(normed: str, phrase: str) -> bool:
    if isinstance(normed, Tight):
        return len(phrase) >= 3 and phrase.replace(" ", "") in normed.replace(" ", "")
    return f" {phrase} " in normed


def stats_header_row(rows: list[list[str]]) -> int | None:
    """Index of the statistics form's header row among a table's first rows, if any: the
    readers use it to keep the form one table, the form interpreter to start reading."""
    for i, row in enumerate(rows[:12]):
        n = norm(" ".join(row))
        for m in (n, Tight(n)):
            if (has(m, "linh vuc") or has(m, "stt")) and (
                    has(m, "ho so") or has(m, "tong so") or has(m, "giai quyet")):
                return i
    return None


def score(normed: str, phrases: tuple[tuple[str, float], ...]) -> float:
    return sum(w for p, w in phrases if f" {p} " in normed)


def is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def lines_of(text: str) -> list[str]:
    return [clean(x) for x in text.split("\n") if clean(x)]
