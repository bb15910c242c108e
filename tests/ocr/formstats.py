"""The OCR path's statistics form as the extractor reads it: OCR's tables → the model's
tables (geometry only) → the one form interpreter."""

from __future__ import annotations

from cchc.extractors.interpret.stats_table import find_stats
from cchc.extractors.ocr.stats import form_tables


def stats_of(*parts) -> tuple[dict | None, list[dict]]:
    """(tthc_stats, warnings) of an OCR'd form and its parts on later pages."""
    notes: list[dict] = []
    stats, _period = find_stats(form_tables(list(parts)), notes)
    return stats, notes
