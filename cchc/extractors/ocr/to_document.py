"""A scanned PDF → the extractor's format-neutral ``model.Document``.

This is the OCR reader behind ``pdf_reader.NeedsOCR``: OCR lines outside tables
become paragraphs, each part of the statistics form becomes a ``Table`` with its column
map and OCR's confidence per cell (``ocr/stats.py``), which the form interpreter
(``interpret/stats_table.py``) reads like a typed one; ``meta`` carries what the record
needs beyond the model: ``ocr`` (the record's ``source.ocr``) and ``ocr_warnings``
(``ocr.used``).
"""

from __future__ import annotations

import os
import re

from cchc.extractors.model import Document, Para, Table
from cchc.extractors.ocr.lexicon import fix_tones
from cchc.extractors.ocr.pages import is_text_table
from cchc.extractors.ocr.reading import ScanReading, read_scan
from cchc.extractors.ocr.stats import find_stats_tables, form_tables
from cchc.extractors.ocr.table import form_shaped
from cchc.extractors.text import is_upper

_MARKER = re.compile(r"^\s*(?:[-–+•*]|\(?\d{1,2}(?:[.,]\d{1,2})*[.,)]|[IVX]{1,4}[.,)]|"
                     r"[a-zđ]\))(?:\s|(?=[A-ZĐÀ-Ỹ]))")  # "I.Về …": OCR lost the space


# A Roman heading number OCR garbled beyond reading ("H1." for II., "HI." for III.):
# which number it was cannot be told, so it is dropped, and the heading is known by
# its words (see _para). Plain numbers and real Roman numerals stay.
_GARBLED_LABEL = re.compile(r"^(?=[IVXHl1|]*[Hl|])(?=[IVXHl1|]*[IVXH])[IVXHl1|]{2,4}[.,)]\s*")


def _para(line: str) -> Para:
    """One OCR paragraph; a garbled heading number is dropped, but the heading stays a
    numbered one (``numbered``), so its title is still matched as a heading."""
    garbled = _GARBLED_LABEL.match(line)
    if garbled:
        return Para(text=fix_tones(line[garbled.end():]), numbered=True)
    return Para(text=fix_tones(line))


def paragraphs(lines: list[tuple[str, tuple, float]]) -> list[tuple[str, tuple, float]]:
    """OCR lines joined into paragraphs again: a line that reaches the right margin
    runs on into the next one unless that starts a new item ("+ …", "2. …"); a
    numbered heading in capitals runs on into a capitals line after it. Closeness and
    the margin are judged on the paragraph's last line, not on the whole paragraph."""
    if not lines:
        return []
    left = min(b[0] for _, b, _ in lines)
    right = max(b[2] for _, b, _ in lines)
    out: list[tuple[str, tuple, float]] = []
    last: tuple = ()
    for text, box, conf in lines:
        if out and _runs_on(out[-1][0], last, text, box, left, right):
            ptext, pbox, pconf = out[-1]
            joined = (min(pbox[0], box[0]), pbox[1], max(pbox[2], box[2]), box[3])
            out[-1] = (f"{ptext} {text}", joined, min(pconf, conf))
        else:
            out.append((text, box, conf))
        last = box
    return out


def _runs_on(ptext: str, pbox: tuple, text: str, box: tuple, left: int, right: int) -> bool:
    """Whether ``text`` (at ``box``) continues the paragraph ``ptext`` whose last line
    sits at ``pbox``."""
    height = max(pbox[3] - pbox[1], 1)
    width = right - left
    close = 0 <= box[1] - pbox[3] < 1.2 * height and box[0] < left + 0.15 * width
    from_margin = pbox[0] < left + 0.15 * width  # not the right column (the motto)
    full = pbox[2] >= right - 0.07 * width
    caps = is_upper(ptext) and is_upper(text) and bool(_MARKER.match(ptext + " ")) \
        and len(text) < 60
    # capitals start a heading, and a heading in capitals does not run into prose
    heading = is_upper(text) != is_upper(ptext)
    return close and not heading and not _MARKER.match(text + " ") and (
        (full and from_margin) or caps)


def read_scanned_pdf(path: str | os.PathLike, jobs: int | None = None,
                     pages: list[int] | None = None) -> Document:
    return document_of(read_scan(path, jobs=jobs, pages=pages))


def document_of(reading: ScanReading, fmt: str = "pdf") -> Document:
    """The pages as the model: paragraphs and text tables in reading order, and the
    statistics form's parts, one table each, where its first part stands."""
    parts = find_stats_tables(reading.document)  # the form and its parts on later pages
    forms = form_tables(parts)
    page_of = {id(t): page for page in reading.document.pages for t in page.tables}
    blocks: list = []
    for page in reading.document.pages:
        tables = []
        for t in page.tables:
            if parts and t is parts[0]:  # the whole form goes where it starts
                tables += [(t.bbox[1], _placed(form, part.bbox, page_of[id(part)]))
                           for form, part in zip(forms, parts, strict=True)]
            elif not any(t is p for p in parts) and not form_shaped(t) and is_text_table(t):
                tables.append((t.bbox[1], _placed(_text_table(t), t.bbox, page)))
        blocks += _in_reading_order(paragraphs(page.lines), sorted(tables, key=_top), page)
    return Document(format=fmt, blocks=blocks,
                    meta={"pages": len(reading.document.pages), "pages_without_text": [],
                          "ocr": reading.ocr, "ocr_warnings": reading.warnings})


def _top(item: tuple) -> int:
    return item[0]


def _text_table(table) -> Table:
    """A ruled table other than the form (an indicator table): its cells' OCR text."""
    return Table(rows=[[fix_tones(cell.text) for cell in row] for row in table.rows])


def _placed(block, bbox: tuple, page):
    """The block's page, and its box as fractions of the page image OCR read. A page OCR
    turned upright has no box: the original's image shows it the other way round."""
    block.page = page.number
    width, height = page.size
    if width and height and not page.turn:
        block.box = (round(bbox[0] / width, 4), round(bbox[1] / height, 4),
                     round(bbox[2] / width, 4), round(bbox[3] / height, 4))
    return block


def _in_reading_order(lines: list, tables: list[tuple[int, Table]], page) -> list:
    """Paragraphs in their order, each table before the first paragraph below its top."""
    blocks: list = []
    pending = list(tables)
    for line, box, conf in lines:
        while pending and box[1] > pending[0][0]:
            blocks.append(pending.pop(0)[1])
        para = _placed(_para(line), box, page)
        para.conf = round(float(conf), 1)
        blocks.append(para)
    blocks += [table for _top_y, table in pending]
    return blocks
