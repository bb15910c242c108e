"""One uploaded or named file, as it enters cchc: made once, then passed along.

Every entry (``cchc archive import``, ``cchc round …``, ``POST /api/rounds/{code}/reports``,
background imports, the review page's uploads) makes one ``Incoming``: its name, bytes,
format and SHA-256. What comes after (the duplicate check, the extractor, the archive)
reads these fields instead of identifying, inflating or hashing the bytes again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

JSON = "json"  # the format of a file that already holds an extracted record


@dataclass(frozen=True)
class Incoming:
    name: str      # the user's file name (NFC, no folder), shown in every message
    data: bytes = field(repr=False)
    format: str    # a name in cchc.extractors.formats.FORMATS, or "json"
    sha256: str

    @classmethod
    def of(cls, name: str, data: bytes, format: str) -> Incoming:
        """The one place an incoming file's bytes are hashed."""
        return cls(name, data, format, hashlib.sha256(data).hexdigest())


def holds_json(data: bytes) -> bool:
    """Whether the bytes are a JSON document (an already extracted record), decided by
    content for every entry: a JSON object, after an optional BOM and white space.
    RTF also starts with ``{`` and is told apart here."""
    text = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    return text.startswith(b"{") and not text.startswith(b"{\\rtf")
