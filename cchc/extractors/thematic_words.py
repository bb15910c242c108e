"""How a thematic report (plan II.7–8) names its area: what the thematic reader and the
unit-report reader's refusal (a thematic report sent as a unit's) both look for."""

from __future__ import annotations

from cchc.extractors.text import norm

AREAS = {"institutions": "Cải cách thể chế", "public_finance": "Cải cách tài chính công"}
# How each area is named in a report's title or body (accents folded by text.norm).
AREA_WORDS = {"institutions": (" cai cach the che ", " the che "),
              "public_finance": (" tai chinh cong ",)}


def area_of(text: str) -> str | None:
    """The area a report's title names, if exactly one."""
    n = norm(text)
    found = [a for a, words in AREA_WORDS.items() if any(w in n for w in words)]
    return found[0] if len(found) == 1 else None
