"""Returned unit reports (DOCX, PDF, XLSX, DOC, scans) → report records.

The public face of the subsystem; the rest of cchc imports only these names
(an import-linter contract checks it):

- ``extract_file(path, max_pages=…, max_unzipped=…) -> dict``: a record valid against
  schemas/report.schema.json, or CchcError;
- ``extract_incoming(incoming, …) -> dict``: the same for a file the intake already
  identified and hashed (``cchc.core.incoming.Incoming``, made by ``formats.receive``);
- ``formats``: the one table of accepted formats (``formats.FORMATS``, ``identify``,
  ``receive``: the one intake of a file's bytes);
- ``read_thematic(path)``: a Sở's thematic report on plan items II.7–8, read for the summary;
- ``page_runner``, ``page_to_json``, ``page_from_json``, ``check_tesseract``: what the
  service's job queue needs to read a scan's pages on its own workers;
- ``record_warnings(record, district)``: the record's self-checks (sums, rates against
  counts, missing sections), run by the units' online form on what is typed.

Inside, the rooms are ``read/`` (a file → the document model), ``ocr/`` (page images →
text and tables), ``legacy/`` (Word 97 and TCVN3/VNI), ``interpret/`` (the model → the
record's parts), with ``record.py`` joining them. Names load on first use, so the service
starts even where the extractors' libraries (OpenCV, pdfplumber) are missing.
"""

from __future__ import annotations

import importlib

_FACE = {
    "formats": ("cchc.extractors.read.formats", None),
    "page_runner": ("cchc.extractors.ocr.pages", "page_runner"),
    "page_to_json": ("cchc.extractors.ocr.json_pages", "page_to_json"),
    "page_from_json": ("cchc.extractors.ocr.json_pages", "page_from_json"),
    "check_tesseract": ("cchc.extractors.ocr.tesseract", "check_tesseract"),
    "read_thematic": ("cchc.extractors.thematic", "read_thematic"),
    "read_thematic_incoming": ("cchc.extractors.thematic", "read_thematic_incoming"),
    "record_warnings": ("cchc.extractors.interpret.checks", "record_warnings"),
}


def extract_file(path, **limits) -> dict:
    from .record import extract_file as _extract

    return _extract(path, **limits)


def extract_incoming(incoming, **limits) -> dict:
    from .record import extract_incoming as _extract

    return _extract(incoming, **limits)


def __getattr__(name: str):
    if name not in _FACE:
        raise AttributeError(f"module 'cchc.extractors' has no attribute {name!r}")
    module, attr = _FACE[name]
    found = importlib.import_module(module)
    return found if attr is None else getattr(found, attr)


__all__ = ["extract_file", "extract_incoming", *_FACE]
