"""The format-neutral document every reader produces and every interpreter reads.

Readers know DOCX, PDF or XLSX; interpreters know the outline and the form. The
model between them is deliberately small — ordered paragraphs and tables whose
merged cells are already resolved — so a new format (OCR, legacy encodings) only
has to produce it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from contextvars import ContextVar, Token
from dataclasses import dataclass, field

from cchc.core.vn import clean


@dataclass
class Para:
    """One paragraph (DOCX), one line segment or joined lines (PDF), one title row (XLSX)."""

    text: str
    bold: bool = False
    level: int | None = None  # outline level from a Word heading style (1 = top)
    numbered: bool = False  # Word numbers it (a list label that is not a bullet)
    label: str | None = None  # the number Word shows in front of it ("II.", "1.", "a)")
    bold_lead: int = 0  # characters of bold at the start ("Đề xuất, kiến nghị: …")
    page: int | None = None  # 1-based page, where the reader knows pages (PDF, scans)
    box: tuple | None = None  # (x0, y0, x1, y1) as fractions of the page, where known
    index: int | None = None  # position in the document's blocks: the evidence's "block"
    conf: float | None = None  # OCR's mean word confidence (0–100) for a scanned line


@dataclass
class Table:
    """Rows of cell texts; a merged cell's text is repeated in every cell it covers."""

    rows: list[list[str]]
    page: int | None = None
    box: tuple | None = None
    index: int | None = None
    # What a reader knows beyond the texts (OCR): the statistics form's column per key,
    # and per cell (row, column) OCR's confidence (0–100, None if unknown) and whether the
    # cell holds ink that was not read as text. The interpreter doubts numbers by them.
    columns: dict[str, int] | None = None
    readings: dict[tuple[int, int], tuple[float | None, bool]] | None = None

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def text(self) -> str:
        lines = []
        for row in self.rows:
            cells: list[str] = []
            for c in row:
                c = clean(c)
                if c and (not cells or cells[-1] != c):
                    cells.append(c)
            if cells:
                lines.append(" | ".join(cells))
        return "\n".join(lines)


Block = Para | Table


def nfc_blocks(blocks: list) -> list:
    """Every text in Unicode NFC. A file typed with decomposed accents (NFD: "triệu" as
    "trie\u0302\u0323u") reads the same as one typed composed; interpreters match words
    and units ("triệu đồng") on the composed form."""
    for block in blocks:
        if isinstance(block, Para):
            if not unicodedata.is_normalized("NFC", block.text):
                block.text = unicodedata.normalize("NFC", block.text)
        else:
            block.rows = [[c if unicodedata.is_normalized("NFC", c)
                           else unicodedata.normalize("NFC", c) for c in row]
                          for row in block.rows]
    return blocks


@dataclass
class Document:
    format: str
    blocks: list[Block] = field(default_factory=list)
    meta: dict = field(default_factory=dict)


# --- legacy-encoding seam -------------------------------------------------------------
# A hook converts one run of text written in a legacy Vietnamese font encoding
# (TCVN3 ".VnTime", VNI) to Unicode. Readers call ``fix_text(text, font)`` for every
# run before anything interprets it; the default leaves the text alone. The hook is
# a context variable, not a process-wide global: the service extracts on threads,
# and one thread decoding a TCVN3 report must not decode another's Unicode report.
# A new thread starts with no hook.

TextHook = Callable[[str, "str | None"], str]
_text_hook: ContextVar[TextHook | None] = ContextVar("cchc_text_hook", default=None)


def set_text_hook(hook: TextHook | None) -> Token:
    """Install (or remove with None) the hook for the current thread or task; returns the
    token that ``reset_text_hook`` takes to put the previous one back."""
    return _text_hook.set(hook)


def reset_text_hook(token: Token) -> None:
    _text_hook.reset(token)


def fix_text(text: str, font: str | None = None) -> str:
    hook = _text_hook.get()
    return hook(text, font) if hook is not None else text


def hook_active() -> bool:
    return _text_hook.get() is not None
