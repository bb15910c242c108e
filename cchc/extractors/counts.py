"""Counts as offices type them and OCR reads them: "1.234" and "1,234" are thousands, a
dash is 0, and a look-alike letter ("I" for 1) only ever suggests a value that a warning
doubts. Shared by the OCR reader (which re-reads a doubtful cell) and the form interpreter
(which decides what a cell holds)."""

from __future__ import annotations

import re

from cchc.core.vn import fold

LOW_CONFIDENCE = 85.0   # Tesseract word confidence (0–100) below which a number is doubted
_PLAIN = re.compile(r"^\d+$")
_GROUPED = re.compile(r"^\d{1,3}(?:[.,]\d{3})+$")
_ZERO_MARKS = ("-", "–", "—", "--")


# Letters OCR puts for digits; used only to suggest a value, always with a warning.
_LOOKALIKE = str.maketrans({"i": "1", "I": "1", "l": "1", "|": "1", "]": "1", "[": "1",
                            "!": "1", "O": "0", "o": "0", "D": "0", "S": "5", "s": "5",
                            "B": "8", "Z": "2", "z": "2", "g": "9", "q": "9", "A": "4"})


# "không" as the English model (which reads the number cells) spells it: it has no
# "ô", so it writes "khong", "khéng", "khdng". No other word of that shape fits a
# count cell, so the shape itself is the reading, whatever the word confidence.
_NOTHING = re.compile(r"^kh[a-z0-9]{1,2}ng$")


def is_nothing_word(text: str) -> bool:
    return bool(_NOTHING.match(fold(text.replace(" ", ""))))


def parse_count(text: str) -> tuple[int | None, bool]:
    """(value, readable). "1.234" and "1,234" are thousands; "" is a blank cell."""
    t = text.replace(" ", "")
    if not t:
        return None, True
    if t in _ZERO_MARKS or is_nothing_word(t):
        return 0, True  # the form's "nothing arose" (contract v1.1)
    if _PLAIN.match(t):
        return int(t), True
    if _GROUPED.match(t):
        return int(re.sub(r"[.,]", "", t)), True
    return None, False


def suggest_count(text: str) -> int | None:
    """A reading of an unreadable cell: look-alike letters as digits, stray dots off.

    Only ever shown with a warning: "I" may well be 1, but the reader decides.
    """
    t = text.replace(" ", "").translate(_LOOKALIKE).strip(".,'`\"")
    value, readable = parse_count(t)
    return value if readable else None
