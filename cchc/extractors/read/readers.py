"""One reader per format in formats.py, all with the same signature.

``reader(path, limits, ocr_jobs) -> Document``; the table names them so that the
format table stays free of heavy imports.
"""

from __future__ import annotations

from pathlib import Path

from cchc.core.errors import CchcError
from cchc.extractors.model import Document
from cchc.extractors.read.sniff import Limits


def read_docx_file(path: Path, limits: Limits, ocr_jobs: int | None = 1) -> Document:
    from cchc.extractors.read.docx_reader import read_docx

    return read_docx(path, max_unzipped=limits.max_unzipped, inflated=limits.inflated)


def read_xlsx_file(path: Path, limits: Limits, ocr_jobs: int | None = 1) -> Document:
    from cchc.extractors.read.xlsx_reader import read_xlsx

    return read_xlsx(path, max_unzipped=limits.max_unzipped, inflated=limits.inflated)


def read_xls_file(path: Path, limits: Limits, ocr_jobs: int | None = 1) -> Document:
    from cchc.extractors.read.xls_reader import read_xls

    return read_xls(path, max_unzipped=limits.max_unzipped)


def read_doc_file(path: Path, limits: Limits, ocr_jobs: int | None = 1) -> Document:
    from cchc.extractors.read.doc_reader import read_doc

    return read_doc(path)


def read_pdf_file(path: Path, limits: Limits, ocr_jobs: int | None = 1) -> Document:
    from cchc.extractors.ocr.to_document import read_scanned_pdf
    from cchc.extractors.read.pdf_reader import NeedsOCR, read_pdf

    try:
        doc = read_pdf(path, limits)
    except NeedsOCR:  # a scan: every page is an image
        return read_scanned_pdf(path, jobs=ocr_jobs)
    return _with_scanned_pages(doc, path, ocr_jobs) if doc.meta.get(
        "pages_without_text") else doc


def _with_scanned_pages(doc: Document, path: Path, ocr_jobs: int | None) -> Document:
    """A typed report with some pages scanned in (a signed, stamped table page):
    OCR reads those pages and their content follows the text pages'. Without
    Tesseract the text pages still count and the record warns about the rest."""
    from cchc.extractors.ocr.to_document import read_scanned_pdf

    try:
        scanned = read_scanned_pdf(path, jobs=ocr_jobs)  # only the pages without text
    except CchcError:
        return doc
    doc.blocks = doc.blocks + scanned.blocks
    doc.meta.update(ocr=scanned.meta.get("ocr"), ocr_warnings=scanned.meta.get("ocr_warnings"),
                    pages_without_text=[])
    return doc


def read_image_file(path: Path, limits: Limits, ocr_jobs: int | None = 1) -> Document:
    """Page images (PNG, JPEG, TIFF with one page per frame) are read by OCR, like the
    pages of a scanned PDF."""
    from cchc.extractors.ocr.images import ocr_images
    from cchc.extractors.ocr.reading import reading_of
    from cchc.extractors.ocr.to_document import document_of

    document, fmt = ocr_images(path, jobs=ocr_jobs, max_pages=limits.max_pages)
    return document_of(reading_of(document), fmt=fmt)
