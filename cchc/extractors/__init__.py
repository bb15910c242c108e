"""Returned unit reports (DOCX, PDF, XLSX, DOC, scans) → report records.

``extract_file(path, max_pages=…, max_unzipped=…) -> dict`` is the entry point for
other subsystems; it returns a record valid against schemas/report.schema.json or
raises CchcError. ``extractors.model.set_text_hook`` installs a converter applied
to every text run (legacy TCVN3/VNI encodings); ``extractors.pdf_reader.NeedsOCR``
is raised for PDFs without a text layer.
"""

from __future__ import annotations


def extract_file(path, **limits) -> dict:
    from .record import extract_file as _extract

    return _extract(path, **limits)


__all__ = ["extract_file"]
