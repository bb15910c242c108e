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


def has(normed: str, phrase: str) -> bool:
    return f" {phrase} " in normed


def score(normed: str, phrases: tuple[tuple[str, float], ...]) -> float:
    return sum(w for p, w in phrases if f" {p} " in normed)


def is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def lines_of(text: str) -> list[str]:
    return [clean(x) for x in text.split("\n") if clean(x)]
