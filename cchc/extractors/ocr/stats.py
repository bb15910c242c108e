"""The statistics form as OCR found it → the model's tables, cell by cell.

Only geometry is decided here: which OCR table is the form (its "(1) … (16)" numbering
row, or its 16 columns going on from the page before), and which cell is which of the
16 columns. Each cell keeps the text OCR read and what OCR knows of it (confidence, ink);
what a row is (data, group, total, a note, a page scanned twice) and what a number is
are the form interpreter's (``interpret/stats_table.py``), the same for a typed table.
"""

from __future__ import annotations

from cchc.core.spec import STATS_KEYS
from cchc.core.vn import clean
from cchc.extractors.model import Table
from cchc.extractors.ocr.lexicon import fix_tones
from cchc.extractors.ocr.model import OcrCell, OcrDocument, OcrTable
from cchc.extractors.ocr.table import form_shaped

COLUMNS = {key: i for i, key in enumerate(STATS_KEYS)}


def _key_for(table: OcrTable, col: int) -> str | None:
    number = table.columns[col] if col < len(table.columns) else None
    if number is None or not 1 <= number <= len(STATS_KEYS):
        return None
    return STATS_KEYS[number - 1]


def _by_key(table: OcrTable, grid_row: list[OcrCell]) -> dict[str, OcrCell]:
    cells: dict[str, OcrCell] = {}
    for c, cell in enumerate(grid_row):
        key = _key_for(table, c)
        if key and key not in cells:
            cells[key] = cell
    return cells


def form_tables(parts: list[OcrTable]) -> list[Table]:
    """One model table per part of the form, its cells in the form's column order, each
    with OCR's (confidence, ink) in ``readings``; a column OCR did not find is absent
    from ``readings`` (unknown, never 0). Rows OCR saw nothing in are left out."""
    out = []
    for part in parts:
        rows: list[list[str]] = []
        readings: dict[tuple[int, int], tuple[float | None, bool]] = {}
        for grid_row in part.rows[part.header_rows:]:
            cells = _by_key(part, grid_row)
            if not any(c.text or c.ink for c in cells.values()):
                continue
            r = len(rows)
            row = []
            for c, key in enumerate(STATS_KEYS):
                cell = cells.get(key)
                text = "" if cell is None else clean(fix_tones(cell.text) if key == "field"
                                                     else cell.text)
                row.append(text)
                if cell is not None:
                    readings[(r, c)] = (cell.conf, bool(cell.ink))
            rows.append(row)
        out.append(Table(rows=rows, columns=dict(COLUMNS), readings=readings))
    return out


def find_stats_tables(document: OcrDocument) -> list[OcrTable]:
    """Every table mapped to the form's 16 columns (with a numbering row), in page order:
    the statistics table, then its parts on the next pages (a long table repeats its
    header, or at least its "(1) … (16)" row, on every page, or goes on in the same 16
    columns without one)."""
    found: list[OcrTable] = []
    for page in document.pages:
        for table in page.tables:
            if found and form_shaped(table):
                found.append(table)  # its part on a later page, under a header or none
            elif table.header_rows and len({n for n in table.columns if n}) >= 14:
                found.append(table)
    return found


def find_stats_table(document: OcrDocument) -> OcrTable | None:
    """The first part of the statistics table (see :func:`find_stats_tables`)."""
    found = find_stats_tables(document)
    return found[0] if found else None


def ocr_summary(document: OcrDocument) -> dict:
    """The record's ``source.ocr``: that OCR was used, on how many pages, how sure."""
    return {"used": bool(document.pages), "pages": len(document.pages),
            "mean_confidence": document.mean_confidence if document.pages else None}
