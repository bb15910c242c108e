"""Self-scores (and the team's verified scores) from an XLSX scoring sheet.

Units keep their self-assessment in a spreadsheet: one row per criterion with its
code, the points and the evidence. Columns are found by their header words, wherever
they stand; the rows become the same data a scores JSON file holds, so one schema
validates both. Every part is inflated under cchc.core.safezip's caps before openpyxl
opens the workbook, and a bad cell is named by its sheet and row.
"""

from __future__ import annotations

from pathlib import Path

from cchc.core import safezip, vn
from cchc.core.errors import CchcError, ValidationFailed

COLUMNS = {"unit": ("đơn vị",), "id": ("mã tiêu chí", "mã"),
           "self": ("điểm tự chấm", "tự chấm"), "evidence": ("tài liệu kiểm chứng", "kiểm chứng"),
           "verified": ("điểm thẩm định", "thẩm định"), "reason": ("lý do",)}
MAX_ROWS = 5000


def _header(row: tuple) -> dict[str, int] | None:
    found = {}
    for i, cell in enumerate(row):
        text = vn.clean(str(cell or "")).casefold()
        for key, words in COLUMNS.items():
            if key not in found and any(text == w or text.startswith(w) for w in words):
                found[key] = i
    return found if {"id", "self"} <= found.keys() else None


def _points(value, where: str, problems: list[str]) -> float | None:
    if value is None or str(value).strip() == "":
        return None
    number = value if isinstance(value, int | float) else vn.parse_number(str(value))
    if number is None:
        problems.append(f"{where}: '{value}' không phải số điểm")
    return number


def _rows(ws, name: str) -> tuple[dict[str, dict], list[str]]:
    units: dict[str, dict] = {}
    problems: list[str] = []
    columns = None
    for n, row in enumerate(ws.iter_rows(values_only=True, max_row=MAX_ROWS), start=1):
        if columns is None:
            columns = _header(row)
            continue
        cell = {k: row[i] if i < len(row) else None for k, i in columns.items()}
        if not cell.get("id"):
            continue
        unit = vn.clean(str(cell.get("unit") or name))
        entry = units.setdefault(unit, {"unit": unit, "self": {}, "verified": {}})
        code = vn.clean(str(cell["id"]))
        where = f"trang '{ws.title}', dòng {n}"
        own = _points(cell.get("self"), where, problems)
        if own is not None:
            entry["self"][code] = {"points": own,
                                   "evidence": vn.clean(str(cell.get("evidence") or ""))}
        team = _points(cell.get("verified"), where, problems)
        if team is not None:
            entry["verified"][code] = {"points": team,
                                       "reason": vn.clean(str(cell.get("reason") or ""))}
    if columns is None:
        problems.append(f"trang '{ws.title}': không thấy dòng tiêu đề có cột “Mã tiêu chí” và "
                        "“Điểm tự chấm”")
    return units, problems


def read_scores_sheet(path: str | Path, unit: str | None = None) -> dict:
    """Scores data (schema ``scores``) from every sheet of the workbook; a sheet without a
    "Đơn vị" column is ``unit``'s (or the sheet's name)."""
    import openpyxl

    path = Path(path)
    try:
        with path.open("rb") as fh:
            safezip.check(fh, str(path), safezip.XLSX_CAPS)
            fh.seek(0)
            wb = openpyxl.load_workbook(fh, read_only=True, data_only=True)
            units, problems = {}, []
            for ws in wb.worksheets:
                found, bad = _rows(ws, unit or ws.title)
                units.update(found)
                problems += bad
    except FileNotFoundError as exc:
        raise CchcError("không tìm thấy tệp", file=str(path)) from exc
    except (OSError, KeyError, ValueError) as exc:
        raise CchcError("không đọc được bảng tính chấm điểm (.xlsx)", file=str(path)) from exc
    if problems:
        raise ValidationFailed(f"bảng chấm điểm có {len(problems)} lỗi", file=str(path),
                               details=problems)
    return {"units": list(units.values())}
