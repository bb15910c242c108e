"""Reading generated documents back the way a reader sees them (test helper)."""

from __future__ import annotations

import re
import unicodedata

from docx.oxml.ns import qn

_WS = re.compile(r"\s+")


def norm(text: str) -> str:
    """NFC with whitespace folded: the seed file itself is not NFC."""
    return _WS.sub(" ", unicodedata.normalize("NFC", text)).strip()


def paragraph_text(p_el) -> str:
    """Text of a w:p with footnote references shown as their numbers, as printed."""
    out = []
    for el in p_el.iter(qn("w:t"), qn("w:footnoteReference"), qn("w:tab"), qn("w:br")):
        if el.tag == qn("w:t"):
            out.append(el.text or "")
        elif el.tag == qn("w:footnoteReference"):
            out.append(el.get(qn("w:id")))
        else:
            out.append(" ")
    return "".join(out)


def blocks(document) -> list[str]:
    """Body paragraphs and table cell paragraphs in document order."""
    found = []
    for el in document.element.body.iterchildren():
        if el.tag == qn("w:p"):
            found.append(paragraph_text(el))
        elif el.tag == qn("w:tbl"):
            for tc in el.iter(qn("w:tc")):
                found.extend(paragraph_text(p) for p in tc.findall(qn("w:p")))
    return found


def in_order(expected: list[str], text: str) -> list[str]:
    """The expected lines not found in ``text`` in order (each search starts after the last hit)."""
    missing, pos = [], 0
    for line in expected:
        hit = text.find(line, pos)
        if hit < 0:
            missing.append(line)
        else:
            pos = hit + len(line)
    return missing
