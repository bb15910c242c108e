"""An OCR'd statistics table → the record's ``tthc_stats`` rows, with honest warnings.

Digits matter more than words: every number OCR read with low confidence, or read
as something that is not a number ("1S", "§.277"), gets an ``ocr.low_confidence``
warning naming its cell (``tthc_stats.rows[2].resolved_on_time``). Nothing is
guessed: an unreadable number becomes null, flagged, never a plausible digit.
"""

from __future__ import annotations

import difflib
import re

from cchc.spec import STATS_KEYS
from cchc.vn import clean, fold

from .ocr_model import OcrCell, OcrDocument, OcrTable
from .ocr_numbers import LOW_CONFIDENCE, parse_count, suggest_count


def _key_for(table: OcrTable, col: int) -> str | None:
    number = table.columns[col] if col < len(table.columns) else None
    if number is None or not 1 <= number <= len(STATS_KEYS):
        return None
    return STATS_KEYS[number - 1]


def _is_total(cells: dict[str, OcrCell]) -> bool:
    """The "Tổng số" row, also when OCR misread a letter of it ("Tấng số")."""
    label = re.sub(r"[^a-z]", "", fold(" ".join(cells[k].text for k in ("stt", "field")
                                                if k in cells)))
    if not label or len(label) > 12:
        return False
    return any(difflib.SequenceMatcher(None, label, word).ratio() >= 0.8
               for word in ("tongso", "tongcong", "cong"))


def _warn(where: str, cell: OcrCell, value, readable: bool) -> dict | None:
    text = cell.text or ""
    if not readable and value is not None:
        return {"code": "ocr.low_confidence", "where": where,
                "message": f"ô số đọc bằng OCR thành '{text}', tạm hiểu là {value}; "
                           "hãy đối chiếu với bản giấy"}
    if not readable:
        return {"code": "ocr.low_confidence", "where": where,
                "message": f"ô số đọc bằng OCR thành '{text}', không phải một số; "
                           "hãy đối chiếu với bản giấy"}
    if value is None and cell.ink:
        return {"code": "ocr.low_confidence", "where": where,
                "message": "ô có chữ nhưng OCR không đọc được số; hãy đối chiếu với bản giấy"}
    if value is not None and cell.conf is not None and cell.conf < LOW_CONFIDENCE:
        return {"code": "ocr.low_confidence", "where": where,
                "message": f"số {text} đọc bằng OCR với độ tin cậy thấp "
                           f"({cell.conf:.0f}%); hãy đối chiếu với bản giấy"}
    return None


def stats_from_table(table: OcrTable) -> tuple[dict, list[dict]]:
    """``({"rows": [...], "total": {...} | None}, warnings)`` from a rebuilt table."""
    rows: list[dict] = []
    total: dict | None = None
    warnings: list[dict] = []
    for grid_row in table.rows[table.header_rows:]:
        cells = {}
        for c, cell in enumerate(grid_row):
            key = _key_for(table, c)
            if key and key not in cells:
                cells[key] = cell
        if not any(cell.text or cell.ink for cell in cells.values()):
            continue  # a blank template row is not a data row
        is_total = _is_total(cells)
        record: dict = {}
        base = "tthc_stats.total" if is_total else f"tthc_stats.rows[{len(rows)}]"
        for key in STATS_KEYS:
            cell = cells.get(key)
            if is_total and key in ("stt", "field"):
                continue
            if cell is None:
                record[key] = None
                continue
            if key == "field":
                record[key] = clean(cell.text) or None
                continue
            value, readable = parse_count(cell.text)
            if not readable:
                value = suggest_count(cell.text)
            if value is None and readable and not cell.ink:
                value = 0  # a blank count cell in a filled row: nothing arose
            record[key] = value
            warning = _warn(f"{base}.{key}", cell, value, readable)
            if warning:
                warnings.append(warning)
        if is_total:
            total = record
        else:
            rows.append(record)
    return {"rows": rows, "total": total}, warnings


def find_stats_table(document: OcrDocument) -> OcrTable | None:
    """The first table mapped to the form's 16 columns (with a numbering row)."""
    for page in document.pages:
        for table in page.tables:
            if table.header_rows and len({n for n in table.columns if n}) >= 14:
                return table
    return None


def ocr_summary(document: OcrDocument) -> dict:
    """The record's ``source.ocr``: that OCR was used, on how many pages, how sure."""
    return {"used": bool(document.pages), "pages": len(document.pages),
            "mean_confidence": document.mean_confidence if document.pages else None}
