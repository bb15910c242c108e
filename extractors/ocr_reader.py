"""A scanned PDF → the extractor's format-neutral ``model.Document``.

This is the OCR reader behind ``pdf_reader.NeedsOCR``: OCR lines outside tables
become paragraphs, the statistics table becomes a ``Table`` the form interpreter
(stats_table.py) reads like any other, and ``meta`` carries what the record needs
beyond the model: ``ocr`` (the record's ``source.ocr``) and ``ocr_warnings``
(``ocr.used`` and one ``ocr.low_confidence`` per doubtful number, by cell).

The table's header rows are the form's own (cchc.spec.STATS_HEADER): the OCR found
the table by its "(1) … (16)" numbering row and mapped its columns by it, so
the header words it read around stamps and line breaks are not needed again.
"""

from __future__ import annotations

import os

from cchc.spec import STATS_HEADER, STATS_HEADER_ROWS, STATS_KEYS
from cchc.vn import format_number

from .model import Document, Para, Table
from .scan_reader import ScanReading, read_scan


def _header_rows() -> list[list[str]]:
    rows = [[""] * len(STATS_KEYS) for _ in range(STATS_HEADER_ROWS)]
    for cell in STATS_HEADER:
        for r in range(cell.row - 1, cell.row - 1 + cell.rowspan):
            for c in range(cell.col - 1, cell.col - 1 + cell.colspan):
                rows[r][c] = cell.text
    return rows


def _cell(value) -> str:
    if value is None:
        return "?"  # unreadable: the form interpreter keeps it null, not 0
    return value if isinstance(value, str) else format_number(value)


def stats_table(stats: dict) -> Table:
    rows = _header_rows()
    for row in stats["rows"]:
        rows.append([_cell(row.get(k)) for k in STATS_KEYS])
    if stats.get("total"):
        total = stats["total"]
        rows.append(["Tổng số", "Tổng số"] + [_cell(total.get(k)) for k in STATS_KEYS[2:]])
    return Table(rows=rows)


def read_scanned_pdf(path: str | os.PathLike, jobs: int | None = None,
                     pages: list[int] | None = None) -> Document:
    return document_of(read_scan(path, jobs=jobs, pages=pages))


def document_of(reading: ScanReading) -> Document:
    blocks: list = []
    table = find_table = None
    if reading.tthc_stats is not None:
        from .ocr_stats import find_stats_table

        find_table = find_stats_table(reading.document)
        table = stats_table(reading.tthc_stats)
    for page in reading.document.pages:
        placed = False
        for line, _box, _conf in page.lines:
            if table is not None and not placed and find_table in page.tables \
                    and _box[1] > find_table.bbox[1]:
                blocks.append(table)
                placed = True
            blocks.append(Para(text=line))
        if table is not None and not placed and find_table in page.tables:
            blocks.append(table)
    return Document(format="pdf", blocks=blocks,
                    meta={"pages": len(reading.document.pages), "pages_without_text": [],
                          "ocr": reading.ocr, "ocr_warnings": reading.warnings})
