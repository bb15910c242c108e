"""``--fix`` checks its page numbers as printed: the fixed file rendered by LibreOffice.

The rules read page numbers from the Word XML; what a reader sees is the
rendered page. After ``--fix`` writes its output, the file is converted to PDF
(``cchc.core.office``) and the number lines at the top of each page are read
back (pdfplumber): page 1 must show no number, every later page exactly its own one.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import docx
import pdfplumber
from docx.oxml.ns import qn

from cchc.core import office
from cchc.core.errors import CchcError

from .findings import Finding, finding

_NUMBER_LINE = re.compile(r"^(?:trang\s*)?[-–]?\s*(\d{1,4})\s*[-–]?(?:\s*/\s*\d{1,4})?$",
                          re.IGNORECASE)
_PT_MM = 25.4 / 72


def header_numbers(pdf_path: Path, top_mm: float) -> list[list[int]]:
    """Per page, the numbers printed as lines of their own at the top, above the text:
    the lines from the top of the page down to the first other line that reaches into
    the text area (numbers stacked in the header push the text down)."""
    pages = []
    with pdfplumber.open(str(pdf_path)) as pdf:
        for page in pdf.pages:
            found = []
            for line in sorted(page.extract_text_lines(), key=lambda ln: ln["top"]):
                m = _NUMBER_LINE.match(line["text"].strip())
                if m:
                    found.append(int(m.group(1)))
                elif line["bottom"] * _PT_MM > top_mm - 2:
                    break
            pages.append(found)
    return pages


def wrong_pages(pages: list[list[int]], start: int = 1) -> list[str]:
    """What differs from the decree: page 1 bare, page N showing N once (counted from
    ``start``, the section's own first page number, when it sets one)."""
    out = []
    for i, numbers in enumerate(pages, start=1):
        want = [] if i == 1 else [i + start - 1]
        if numbers != want:
            shown = ", ".join(map(str, numbers)) if numbers else "không có số"
            out.append(f"trang {i}: {shown}")
    return out


def verify(docx_path: str | Path) -> tuple[list[Finding], str | None]:
    """(findings about the printed page numbers, a note when rendering was not possible)."""
    if not office.available():
        return [], "không có LibreOffice nên chưa kiểm tra số trang khi in"
    section = docx.Document(str(docx_path)).sections[0]
    top_mm = section.top_margin.mm
    numbering = section._sectPr.find(qn("w:pgNumType"))
    start = numbering.get(qn("w:start")) if numbering is not None else None
    with tempfile.TemporaryDirectory(prefix="cchc-render-") as tmp:
        try:
            (pdf,) = office.convert([docx_path], "pdf", tmp)
        except CchcError as exc:
            return [], f"không in thử được bằng LibreOffice ({exc.message})"
        pages = header_numbers(pdf, top_mm)
    wrong = wrong_pages(pages, int(start) if start and start.isdigit() else 1)
    if len(pages) == 1 or not wrong:
        return [], f"đã in thử bằng LibreOffice: {len(pages)} trang, số trang đúng ở mọi trang"
    found = "; ".join(wrong[:5]) + (f" (và {len(wrong) - 5} trang khác)" if len(wrong) > 5 else "")
    return [finding("page.numbers.rendered", "bản in thử (LibreOffice)", found,
                    "trang 1 không số; trang N hiện số N một lần ở đầu trang",
                    f"In thử bằng LibreOffice, số trang ở đầu trang chưa đúng: {found}.")], None
