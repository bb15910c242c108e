"""An OCR'd statistics table → the record's ``tthc_stats`` rows, with honest warnings.

Digits matter more than words: every number OCR read with low confidence, or read
as something that is not a number ("1S", "§.277"), gets an ``ocr.low_confidence``
warning naming its cell (``tthc_stats.rows[2].resolved_on_time``). Nothing is
guessed: an unreadable number becomes null, flagged, never a plausible digit.
"""

from __future__ import annotations

import difflib
import re

from cchc.core.spec import STATS_KEYS
from cchc.core.vn import clean, fold
from cchc.extractors.ocr.model import OcrCell, OcrDocument, OcrTable
from cchc.extractors.ocr.numbers import LOW_CONFIDENCE, is_nothing_word, parse_count, suggest_count
from cchc.extractors.ocr.table import form_shaped


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
    if value is not None and cell.conf is not None and cell.conf < LOW_CONFIDENCE \
            and not is_nothing_word(text):
        return {"code": "ocr.low_confidence", "where": where,
                "message": f"số {text} đọc bằng OCR với độ tin cậy thấp "
                           f"({cell.conf:.0f}%); hãy đối chiếu với bản giấy"}
    return None


_ROMAN = re.compile(r"^(?:I{1,3}|IV|V|VI{1,3}|IX|X)$")


def _roman(text: str) -> str | None:
    """The STT as a Roman numeral, reading OCR's "il", "Il", "ll" for "II"."""
    t = text.replace(" ", "").rstrip(".)").replace("l", "I").replace("i", "I")
    return t if _ROMAN.match(t) else None


def _is_group(cells: dict[str, OcrCell], following: dict[str, OcrCell] | None) -> bool:
    """A group row ("I | Lĩnh vực Đất đai | sub-totals"): not a data row (contract v1.1).

    "II", "III", "IV" cannot be counts; a lone "I" may be a misread 1, so it is a group
    only when the row under it starts again at 1. A field that names a field of work
    ("Lĩnh vực …") without a plain number in front is a group too.
    """
    stt = cells["stt"].text if "stt" in cells else ""
    roman = _roman(stt)
    if roman and roman != "I":
        return True
    if roman == "I":
        nxt = following.get("stt").text if following and "stt" in following else ""
        return parse_count(nxt)[0] == 1
    field = fold(cells["field"].text) if "field" in cells else ""
    return field.startswith("linh vuc") and not parse_count(stt)[0]


def _signature(cells: dict[str, OcrCell]) -> tuple[int | None, str]:
    stt = parse_count(cells["stt"].text)[0] if "stt" in cells else None
    field = re.sub(r"[^a-z]", "", fold(cells["field"].text)) if "field" in cells else ""
    return stt, field


def _repeats(seen: list[dict[str, OcrCell]], part: list[dict[str, OcrCell]]) -> bool:
    """A later table whose rows were already read (same STT, same field name, allowing
    for OCR noise) is the same table scanned twice (a page fed through the scanner
    again), not its continuation; a continuation may restart its STT under a new
    group ("II. Cấp xã": 1, 2 …) but not with the same fields."""
    known = [_signature(cells) for cells in seen]
    rows = [_signature(cells) for cells in part]
    rows = [r for r in rows if r[1]]
    if not rows:
        return False
    again = sum(1 for stt, field in rows if any(
        stt == k_stt and difflib.SequenceMatcher(None, field, k_field).ratio() >= 0.8
        for k_stt, k_field in known))
    return again >= 0.6 * len(rows)


def _is_note(cells: dict[str, OcrCell]) -> bool:
    """A note written across the table's last row ("Số liệu tính đến ngày báo cáo"):
    no count anywhere and no number in the STT column. Not a data row."""
    counts = [cell for key, cell in cells.items() if key not in ("stt", "field")]
    if any(cell.text.strip() or cell.ink for cell in counts):
        return False
    stt = cells["stt"].text if "stt" in cells else ""
    return parse_count(stt)[0] is None and not _is_total(cells)


def _by_key(table: OcrTable, grid_row: list[OcrCell]) -> dict[str, OcrCell]:
    cells: dict[str, OcrCell] = {}
    for c, cell in enumerate(grid_row):
        key = _key_for(table, c)
        if key and key not in cells:
            cells[key] = cell
    return cells


def stats_from_table(table: OcrTable, *continued: OcrTable) -> tuple[dict, list[dict]]:
    """``({"rows": [...], "total": {...} | None}, warnings)`` from a rebuilt table and
    the parts of it that went on to later pages (each under its own header)."""
    rows: list[dict] = []
    total: dict | None = None
    warnings: list[dict] = []
    body: list[dict[str, OcrCell]] = []
    for part in (table, *continued):
        cells_of = [_by_key(part, r) for r in part.rows[part.header_rows:]]
        cells_of = [cells for cells in cells_of if any(c.text or c.ink for c in cells.values())]
        if body and _repeats(body, cells_of):
            warnings.append({"code": "stats.repeated_table", "where": "tthc_stats",
                             "message": "bảng thống kê được chụp lại lần nữa (cùng các dòng "
                                        "đã đọc); chỉ lấy số liệu của lần đầu"})
            continue
        body += cells_of
    for i, cells in enumerate(body):  # blank template rows are gone: not data rows
        if _is_group(cells, body[i + 1] if i + 1 < len(body) else None) or _is_note(cells):
            continue
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
