"""A scanned PDF read by OCR in one call: its pages, their text, the OCR warning.

``read_scan(path, jobs)`` is what ``cchc extract`` calls for pages without a text
layer. ``document`` holds the pages (lines, words, tables with their cells); ``text``
the pages' lines outside tables, page by page; ``warnings`` the record's ``ocr.used``;
``ocr`` the record's ``source.ocr``. The statistics form is interpreted from the model
(``to_document.py``) like a typed one, its doubtful numbers named there by their cells.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from cchc.core.vn import format_number
from cchc.extractors.ocr.model import OcrDocument
from cchc.extractors.ocr.pages import ocr_pdf
from cchc.extractors.ocr.stats import ocr_summary


@dataclass
class ScanReading:
    document: OcrDocument
    text: str
    warnings: list[dict]
    ocr: dict


def read_scan(path: str | os.PathLike, jobs: int | None = None,
              pages: list[int] | None = None) -> ScanReading:
    return reading_of(ocr_pdf(path, jobs=jobs, pages=pages))


def reading_of(document: OcrDocument) -> ScanReading:
    text = "\n\n".join("\n".join(line for line, _box, _conf in page.lines)
                       for page in document.pages)
    warnings: list[dict] = []
    if document.pages:
        warnings.append({
            "code": "ocr.used", "where": "source.ocr",
            "message": f"{len(document.pages)} trang không có lớp chữ được đọc bằng OCR "
                       f"(Tesseract), độ tin cậy trung bình "
                       f"{format_number(document.mean_confidence, 1)}%"})
    return ScanReading(document=document, text=text, warnings=warnings,
                       ocr=ocr_summary(document))
