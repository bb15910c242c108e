"""Office documents saved as web pages: Word-HTML and Excel-HTML under a .doc/.xls name.

Word's "Save as Web Page" (and e-office systems that export that way) writes HTML
carrying Word's namespace (``xmlns:w="urn:schemas-microsoft-com:office:word"``), and
offices then name the file ".doc"; Excel's writes ``…office:excel`` and becomes ".xls".
Neither is a Word or Excel binary. LibreOffice reads both when told they are HTML for
Writer or Calc; without that hint it opens them as a web page it cannot save as DOCX.

The page is hostile input: before LibreOffice sees it, every attribute that names
another resource (src, href, background, data, …) is renamed so nothing is fetched or
included from the network or the local disk.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import CchcError
from .infile import open_regular

HEAD = 8192
MAX_BYTES = 50 << 20
# LibreOffice import filters that read the page as a text document or a spreadsheet.
INFILTERS = {"word": "HTML (StarWriter)", "excel": "HTML (StarCalc)"}
LABELS = {"word": "trang web Word (Word-HTML, \"Lưu dạng trang web\")",
          "excel": "trang web Excel (Excel-HTML)"}
_MARKS = {"word": (b"urn:schemas-microsoft-com:office:word", b"word.document"),
          "excel": (b"urn:schemas-microsoft-com:office:excel", b"excel.sheet")}
_LINKS = re.compile(rb"(?i)(?<![\w-])(src|href|background|data|codebase|action|srcset|"
                    rb"lowsrc|dynsrc|longdesc|poster)(\s*=)")


def is_html(head: bytes) -> bool:
    """The bytes open an HTML page: "<html" after a BOM, an XML declaration, a doctype and
    comments. Scanned with find(), not a regular expression: a head of nothing but
    comments must not make a backtracking pattern run for minutes."""
    pos = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    low = head.lower()
    while pos < len(low):
        if low[pos:pos + 1].isspace():
            pos += 1
            continue
        for opening, closing in ((b"<!--", b"-->"), (b"<?xml", b">"), (b"<!doctype", b">")):
            if low.startswith(opening, pos):
                end = low.find(closing, pos + len(opening))
                if end < 0:
                    return False
                pos = end + len(closing)
                break
        else:
            return low.startswith(b"<html", pos) and low[pos + 5:pos + 6] in (
                b" ", b">", b"\t", b"\r", b"\n", b"")
    return False


def html_kind(head: bytes) -> str | None:
    """"word" or "excel" for an Office web page, None for anything else (plain HTML too)."""
    if not is_html(head):
        return None
    low = head.lower()
    for kind, marks in _MARKS.items():
        if any(mark in low for mark in marks):
            return kind
    return None


def file_kind(path: str | Path) -> str | None:
    with open_regular(path) as fh:
        return html_kind(fh.read(HEAD))


def inert_copy(source: str | Path, target: str | Path, name: str | None = None) -> Path:
    """A copy of the page whose links are renamed (``src=`` → ``x-src=``), for LibreOffice.
    A page is text of a few megabytes at most; a larger one is refused, not read whole."""
    with open_regular(source, name) as fh:
        data = fh.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise CchcError(f"tệp trang web lớn hơn {MAX_BYTES // (1 << 20)} MB; không đọc",
                        file=name or str(source))
    Path(target).write_bytes(_LINKS.sub(rb"x-\1\2", data))
    return Path(target)


__all__ = ["INFILTERS", "LABELS", "MAX_BYTES", "file_kind", "html_kind", "inert_copy", "is_html"]
