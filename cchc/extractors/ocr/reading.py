"""A scanned PDF read for the extractor in one call: text, statistics table, warnings.

``read_scan(path, jobs)`` is what ``cchc extract`` calls for pages without a text
layer. Its ``text`` holds the pages' lines outside tables (headings, sections,
"Từ ngày … đến ngày …"), page by page; ``tthc_stats`` is the statistics table in
the record's shape (or None); ``warnings`` are record warnings (each doubtful
number, named by its cell); ``ocr`` is the record's ``source.ocr``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from cchc.core.vn import format_number
from cchc.extractors.ocr.model import OcrDocument
from cchc.extractors.ocr.pages import ocr_pdf
from cchc.extractors.ocr.stats import find_stats_tables, ocr_summary, stats_from_table


@dataclass
class ScanReading:
    document: OcrDocument
    text: str
    tthc_stats: dict | None
    warnings: list[dict]
    ocr: dict


def read_scan(path: str | os.PathLike, jobs: int | None = None,
              pages: list[int] | None = None) -> ScanReading:
    return reading_of(ocr_pdf(path, jobs=jobs, pages=pages))


def reading_of(document: OcrDocument) -> ScanReading:
    text = "\n\n".join("\n".join(line for line, _box, _conf in page.lines)
                       for page in document.pages)
    warnings: list[dict] = []
    stats = None
    tables = find_stats_tables(document)
    if tables:
        stats, warnings = stats_from_table(*tables)
    if document.pages:
        warnings.insert(0, {
            "code": "ocr.used", "where": "source.ocr",
            "message": f"{len(document.pages)} trang không có lớp chữ được đọc bằng OCR "
                       f"(Tesseract), độ tin cậy trung bình "
                       f"{format_number(document.mean_confidence, 1)}%"})
    return ScanReading(document=document, text=text, tthc_stats=stats, warnings=warnings,
                       ocr=ocr_summary(document))
