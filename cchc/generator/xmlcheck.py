"""Strict XML parsing and the completeness checks of generated documents.

docxtpl parses rendered XML with a recovering parser: a character XML cannot
carry then silently drops the rest of the part (a plan came out as 2 of its 42
paragraphs). Here every part is parsed strictly, the paragraphs of the rendered
text are counted against the parsed tree, and a finished document is re-read
part by part before it is written.
"""

from __future__ import annotations

import hashlib
import io
import re
import threading
import zipfile
from collections import OrderedDict

from docx.oxml.ns import qn
from lxml import etree

from cchc.core.errors import CchcError

CORE = "docProps/core.xml"
W_P, W_T = qn("w:p"), qn("w:t")
_P_OPEN = re.compile(r"<w:p[ >/]")


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                           load_dtd=False)


def parse_strict(blob: bytes, part: str, file: str, *, generated: bool = False):
    """Parse one package part; never recover, never resolve entities."""
    try:
        return etree.fromstring(blob, parser=_parser())
    except (etree.XMLSyntaxError, ValueError) as exc:
        what = "mẫu sinh ra XML hỏng" if generated else "tệp mẫu có phần XML hỏng"
        raise CchcError(f"{what} ở {part} ({_reason(exc)})", file=_shown(file)) from exc


def _reason(exc: Exception) -> str:
    msg = str(exc).split(", line ")[0]
    if "too long" in msg or "huge" in msg.lower() or "limit" in msg.lower():
        return "có đoạn văn bản quá dài, vượt giới hạn của bộ đọc XML (10 triệu ký tự)"
    return msg[:120]


def _shown(file: str) -> str:
    """A built-in template by its name (templates/plan.docx), never its install path."""
    from pathlib import Path

    from cchc import templates

    try:
        return f"templates/{Path(file).resolve().relative_to(Path(templates.__file__).parent)}"
    except (ValueError, OSError):
        return file


def visible_text(tree) -> str:
    return "".join(tree.itertext())


def count_paragraphs(xml: str, tree, part: str, file: str) -> int:
    """The parsed part has as many paragraphs as the rendered text opened."""
    opened = len(_P_OPEN.findall(xml))
    parsed = sum(1 for _ in tree.iter(W_P))
    if opened != parsed:
        raise CchcError(f"văn bản sinh ra không đầy đủ ở {part}: có {opened} đoạn nhưng chỉ "
                        f"đọc được {parsed}", file=file)
    return parsed


# Parts already parsed strictly, by content digest -> paragraph count. Most parts of a
# generated document (styles, theme, numbering, settings) are the template's own bytes:
# parsing them again for every document was most of the time of a render (issue 14).
# Equal bytes parse to equal trees, so the memo cannot change an answer.
_KNOWN_GOOD: OrderedDict[bytes, int] = OrderedDict()
_KNOWN_GOOD_MAX = 512
_KNOWN_GOOD_LOCK = threading.Lock()


def _part_paragraphs(data: bytes, part: str, file: str) -> int:
    key = hashlib.blake2b(data, digest_size=20).digest()
    with _KNOWN_GOOD_LOCK:
        count = _KNOWN_GOOD.get(key)
    if count is None:
        tree = parse_strict(data, part, file, generated=True)
        count = sum(1 for _ in tree.iter(W_P))
        with _KNOWN_GOOD_LOCK:
            _KNOWN_GOOD[key] = count
            if len(_KNOWN_GOOD) > _KNOWN_GOOD_MAX:
                _KNOWN_GOOD.popitem(last=False)
    return count


def paragraph_counts(blob: bytes, file: str = "") -> dict[str, int]:
    """Paragraphs of every Word XML part of a finished .docx, each parsed strictly."""
    counts: dict[str, int] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(blob)) as zf:
            for info in zf.infolist():
                if info.filename.endswith((".xml", ".rels")):
                    counts[info.filename] = _part_paragraphs(zf.read(info),
                                                             info.filename, file)
    except (zipfile.BadZipFile, OSError) as exc:
        raise CchcError(f"tài liệu sinh ra bị hỏng ({exc})", file=file) from exc
    if "word/document.xml" not in counts:
        raise CchcError("tài liệu sinh ra thiếu phần thân văn bản", file=file)
    return counts


def verify(blob: bytes, rendered: bytes | None = None, *, file: str = "") -> bytes:
    """Check a finished document before it is written; return it unchanged.

    Every part must parse strictly; when ``rendered`` (the template's output before
    post-processing such as footnotes) is given, no part may have lost paragraphs.
    """
    counts = paragraph_counts(blob, file)
    if rendered is not None:
        for part, before in paragraph_counts(rendered, file).items():
            after = counts.get(part, 0)
            if after < before:
                raise CchcError(f"văn bản sinh ra không đầy đủ ở {part}: còn {after} trên "
                                f"{before} đoạn", file=file)
    return blob
