"""File names made from Vietnamese names: "Sở Xây dựng" → "so-xay-dung".

Offices pass files by e-mail and USB sticks between Windows machines; a name without
diacritics, spaces or capitals survives every one of them, and the CLI, the demo and
the service's downloads all name a unit's file the same way through ``slug``.
"""

from __future__ import annotations

import re

from .vn import fold

_NOT_NAME = re.compile(r"[^a-z0-9]+")


def slug(text: str, *, limit: int = 80) -> str:
    """Lower case ASCII words joined by "-"; "van-ban" when nothing is left."""
    words = _NOT_NAME.sub("-", fold(text)).strip("-")
    return words[:limit].rstrip("-") or "van-ban"
