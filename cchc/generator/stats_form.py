"""The statistics table (THỐNG KÊ KẾT QUẢ GIẢI QUYẾT TTHC) as an Excel form.

Units receive this workbook, type their counts into the unlocked input rows and
send it back; ``extractors`` reads it again. The layout therefore sits at fixed,
documented rows (constants below) and the header is laid out only from
``cchc.core.spec.STATS_HEADER`` so the form, the DOCX table and the extractor agree.

Sheet layout (rows count from 1, columns A…P are the form's columns (1)…(16)):

- ``TITLE_ROW`` (1): the title, bold, merged A:P. Locked.
- ``UNIT_ROW`` (2): "Đơn vị: <name>" ("Đơn vị:" alone when the data names no unit).
- ``PERIOD_ROW`` (3): "Từ ngày … tháng … năm … đến ngày … tháng … năm …" with
  non-breaking-space blanks where the date is partial or null.
  The unit and period rows are unlocked: on a blank form the unit fills them in.
- ``HEADER_TOP`` (5) … ``HEADER_TOP + 3`` (8): the merged header, its last row the
  numbering "(1)" … "(16)". Locked, repeated on every printed page.
- ``FIRST_INPUT_ROW`` (9) onwards: the data rows, then the blank rows; STT, field
  and the count cells are unlocked and counts only accept whole numbers ≥ 0.
- the row after the last input row: "Tổng số" in column B, locked formulas.

Derived totals (3), (8), (11) of each input row, and every column of the total
row, are formulas that stay blank while their inputs are blank. Where the data
gives a total that contradicts its parts (or a total row that contradicts the
column sums), the given number is written instead of the formula, with a cell
comment saying so: the form keeps what the unit reported and the extractor warns,
never a silent fix. Such a contradicting cell in an input row is left unlocked so
the unit can correct it; in the total row it stays locked like the rest.

openpyxl writes formulas without cached results. Excel recalculates on load
(``fullCalcOnLoad`` is set) and so does LibreOffice; a reader that needs the
numbers without an office suite (``openpyxl`` with ``data_only=True``) should first
pass the file through :func:`recalculate_with_libreoffice`.
"""

from __future__ import annotations

import math
import os
import shutil
import tempfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.properties import CalcProperties
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from cchc.core import layout, office
from cchc.core.cells import put, put_formula
from cchc.core.errors import CchcError
from cchc.core.figures import total_of
from cchc.core.outfile import atomic_path
from cchc.core.spec import (
    COUNT_KEYS,
    STATS_COLUMNS,
    STATS_HEADER,
    STATS_HEADER_ROWS,
    STATS_SUMS,
    STATS_TITLE,
    TOTAL_LABEL,
)
from cchc.core.vn import BLANK_DAY, PartialDate, format_date, nfc
from cchc.schemas.validate import check

TITLE_ROW = 1
UNIT_ROW = 2
PERIOD_ROW = 3
HEADER_TOP = 5
FIRST_INPUT_ROW = HEADER_TOP + STATS_HEADER_ROWS
NCOLS = len(STATS_COLUMNS)
SHEET_TITLE = "Thống kê TTHC"
DEFAULT_BLANK_ROWS = 2
COMMENT_AUTHOR = "cchc"

COLUMN = {c.key: c.number for c in STATS_COLUMNS}
LETTER = {c.key: get_column_letter(c.number) for c in STATS_COLUMNS}
COLUMN_WIDTHS = {1: 5.5, 2: 32, 16: 13}
DEFAULT_WIDTH = 9.5
INPUT_ROW_HEIGHT = 20

_FONT_SIZE = layout.ELEMENTS["table"].size
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_UNLOCKED = Protection(locked=False)
_BLANK_YEAR = "\u00a0" * 8


def write_stats_form(data: dict, target: str | os.PathLike, *,
                     source: str | None = None) -> Path:
    """Write the form for ``data`` (schemas/stats.schema.json) to ``target``, atomically.

    ``source`` names the data file in error messages when the data came from one.
    """
    check("stats", data, file=source)
    target = Path(target)
    wb = build_workbook(data)
    try:
        with atomic_path(target) as tmp:
            wb.save(tmp)
    except OSError as exc:
        raise CchcError(f"không ghi được tệp ({exc.strerror or exc})", file=str(target)) from exc
    return target


def build_workbook(data: dict) -> Workbook:
    """The workbook for valid ``data``; separate from writing so callers can add sheets."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_TITLE
    _write_title(ws, data)
    _write_header(ws)
    rows = data.get("rows") or []
    last = _write_inputs(ws, rows, _blank_rows(data))
    total_row = last + 1
    _write_total(ws, total_row, data.get("total"), rows)
    _style_table(ws, total_row)
    _add_validation(ws, last)
    _page_setup(ws, total_row)
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # False = allowed: units may widen columns
    ws.protection.formatRows = False
    wb.calculation = CalcProperties(fullCalcOnLoad=True)
    return wb


def _blank_rows(data: dict) -> int:
    """Two blank rows on a blank form, none after data unless asked; at least one input row."""
    default = 0 if data.get("rows") else DEFAULT_BLANK_ROWS
    count = data.get("blank_rows", default)
    return max(count, 0 if data.get("rows") else 1)


# ---------------------------------------------------------------- title rows

def _write_title(ws: Worksheet, data: dict) -> None:
    unit = (data.get("unit") or {}).get("name")
    lines = {
        TITLE_ROW: (nfc(data.get("title") or STATS_TITLE), True),
        UNIT_ROW: (f"Đơn vị: {nfc(unit)}" if unit else "Đơn vị:", False),
        PERIOD_ROW: (period_text(data.get("period")), False),
    }
    for row, (text, bold) in lines.items():
        cell = put(ws, row, 1, text)
        cell.font = Font(name=layout.FONT, size=_FONT_SIZE + (2 if bold else 1), bold=bold,
                         italic=row == PERIOD_ROW)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=NCOLS)
        if row != TITLE_ROW:
            cell.protection = _UNLOCKED
    ws.row_dimensions[TITLE_ROW].height = 24
    ws.row_dimensions[UNIT_ROW].height = ws.row_dimensions[PERIOD_ROW].height = 19


def _date_words(value) -> str:
    if value is None:
        return f"ngày {BLANK_DAY} tháng {BLANK_DAY} năm {_BLANK_YEAR}"
    return format_date(PartialDate.from_data(value))


def period_text(period: dict | None) -> str:
    """"Từ ngày 15 tháng 12 năm 2022 đến ngày 14 tháng 5 năm 2023", blanks where unknown."""
    period = period or {}
    return f"Từ {_date_words(period.get('from'))} đến {_date_words(period.get('to'))}"


# ---------------------------------------------------------------- header

def _write_header(ws: Worksheet) -> None:
    for h in STATS_HEADER:
        row = HEADER_TOP + h.row - 1
        cell = put(ws, row, h.col, h.text)
        numbering = h.row == STATS_HEADER_ROWS
        cell.font = Font(name=layout.FONT, size=_FONT_SIZE - (1 if numbering else 0),
                         bold=not numbering, italic=numbering)
        cell.alignment = _CENTER
        if h.rowspan > 1 or h.colspan > 1:
            ws.merge_cells(start_row=row, start_column=h.col,
                           end_row=row + h.rowspan - 1, end_column=h.col + h.colspan - 1)
    for col in range(1, NCOLS + 1):
        ws.column_dimensions[get_column_letter(col)].width = COLUMN_WIDTHS.get(col, DEFAULT_WIDTH)
    for offset, height in enumerate(_header_heights(), start=0):
        ws.row_dimensions[HEADER_TOP + offset].height = height


def _header_heights() -> list[float]:
    """Row heights so wrapped header text shows: about 1.15 characters per width unit."""
    line = _FONT_SIZE * 1.35
    heights = [line + 4] * STATS_HEADER_ROWS
    for h in sorted(STATS_HEADER, key=lambda c: c.rowspan):
        width = sum(COLUMN_WIDTHS.get(c, DEFAULT_WIDTH) for c in range(h.col, h.col + h.colspan))
        per_line = max(int(width * 0.95) - 1, 1)
        need = math.ceil(len(h.text) / per_line) * line + 6
        rows = range(h.row - 1, h.row - 1 + h.rowspan)
        have = sum(heights[i] for i in rows)
        if need > have:
            heights[rows[-1]] += need - have
    return heights


# ---------------------------------------------------------------- input rows

def _sum_formula(cells: list[str]) -> str:
    """Blank while all of ``cells`` are blank, so an unfilled row prints empty, not 0."""
    refs = ",".join(cells)
    return f'=IF(COUNT({refs})=0,"",SUM({refs}))'


def _parts_sum(row: dict, parts: tuple[str, ...]) -> int | None:
    return total_of(row.get(p) for p in parts)


def _write_inputs(ws: Worksheet, rows: list[dict], blanks: int) -> int:
    """Data rows, then blank rows; returns the last input row."""
    r = FIRST_INPUT_ROW - 1
    for r, row in enumerate(rows, start=FIRST_INPUT_ROW):
        _write_input_row(ws, r, row)
    numbered = not rows  # the seed's blank form numbers its empty rows 1, 2, …
    for i in range(blanks):
        r += 1
        _write_input_row(ws, r, {"stt": i + 1} if numbered else {})
    return r


def _write_input_row(ws: Worksheet, r: int, row: dict) -> None:
    for key in ("stt", "field"):
        value = row.get(key)
        cell = put(ws, r, COLUMN[key], nfc(value) if isinstance(value, str) else value)
        cell.protection = _UNLOCKED
    ws.row_dimensions[r].height = INPUT_ROW_HEIGHT
    for key in COUNT_KEYS:
        if key not in STATS_SUMS:
            cell = put(ws, r, COLUMN[key], row.get(key))
            cell.protection = _UNLOCKED
    for key, parts in STATS_SUMS.items():
        given, computed = row.get(key), _parts_sum(row, parts)
        if given is None or given == computed:
            put_formula(ws, r, COLUMN[key], _sum_formula([f"{LETTER[p]}{r}" for p in parts]))
        elif computed is None:
            cell = put(ws, r, COLUMN[key], given)  # only the total was reported
            cell.protection = _UNLOCKED
        else:
            cell = put(ws, r, COLUMN[key], given)
            cell.protection = _UNLOCKED
            cell.comment = _comment(
                f"Tổng số ({COLUMN[key]}) ghi {given}, khác tổng các cột thành phần "
                + "+".join(f"({COLUMN[p]})" for p in parts)
                + f" = {computed}. Giữ nguyên số đã ghi; hãy kiểm tra lại.")


def _comment(text: str) -> Comment:
    comment = Comment(text, COMMENT_AUTHOR)
    comment.width, comment.height = 260, 90
    return comment


# ---------------------------------------------------------------- total row

def _row_value(row: dict, key: str) -> int | None:
    """What the input row's cell shows: the given total, else the sum of its parts."""
    if key in STATS_SUMS and row.get(key) is None:
        return _parts_sum(row, STATS_SUMS[key])
    return row.get(key)


def _write_total(ws: Worksheet, r: int, total: dict | None, rows: list[dict]) -> None:
    label = put(ws, r, COLUMN["field"], TOTAL_LABEL)
    label.font = Font(name=layout.FONT, size=_FONT_SIZE, bold=True)
    for key in COUNT_KEYS:
        letter = LETTER[key]
        values = [v for v in (_row_value(row, key) for row in rows) if v is not None]
        computed = sum(values) if values else None
        given = (total or {}).get(key)
        if given is None or given == computed:
            column = f"{letter}{FIRST_INPUT_ROW}:{letter}{r - 1}"
            put_formula(ws, r, COLUMN[key], _sum_formula([column]))
        else:
            cell = put(ws, r, COLUMN[key], given)
            cell.comment = _comment(
                f"Dòng Tổng số ghi {given} ở cột ({COLUMN[key]}), khác tổng các dòng = "
                f"{computed if computed is not None else 'trống'}. Giữ nguyên số đã ghi; "
                "hãy kiểm tra lại.")


# ---------------------------------------------------------------- styling, printing

def _style_table(ws: Worksheet, total_row: int) -> None:
    for row in ws.iter_rows(min_row=HEADER_TOP, max_row=total_row, max_col=NCOLS):
        for cell in row:
            cell.border = _BORDER
            if cell.row < FIRST_INPUT_ROW:
                continue
            bold = cell.row == total_row
            cell.font = Font(name=layout.FONT, size=_FONT_SIZE, bold=bold)
            if cell.column == COLUMN["field"]:
                cell.alignment = Alignment(vertical="center", wrap_text=True)
            elif cell.column == COLUMN["stt"]:
                cell.alignment = _CENTER
            else:
                cell.alignment = Alignment(horizontal="right", vertical="center")
                cell.number_format = "#,##0"


def _add_validation(ws: Worksheet, last: int) -> None:
    """Whole numbers ≥ 0 in every count cell of the input rows (formula cells are locked)."""
    dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0",
                        allow_blank=True, showErrorMessage=True, errorStyle="stop",
                        errorTitle="Số liệu không hợp lệ",
                        error="Chỉ nhập số nguyên không âm (số hồ sơ), ví dụ 0, 12, 1250.",
                        promptTitle="Số hồ sơ", prompt="Nhập số nguyên không âm.",
                        showInputMessage=True)
    first_col, last_col = LETTER[COUNT_KEYS[0]], LETTER[COUNT_KEYS[-1]]
    dv.add(f"{first_col}{FIRST_INPUT_ROW}:{last_col}{last}")
    ws.add_data_validation(dv)


def _page_setup(ws: Worksheet, total_row: int) -> None:
    ws.freeze_panes = ws.cell(row=FIRST_INPUT_ROW, column=COLUMN["field"] + 1)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{HEADER_TOP}:{FIRST_INPUT_ROW - 1}"
    ws.print_area = f"A1:{get_column_letter(NCOLS)}{total_row}"
    ws.print_options.horizontalCentered = True
    m = layout.LANDSCAPE_MARGINS
    ws.page_margins.top, ws.page_margins.bottom = m.top / 25.4, m.bottom / 25.4
    ws.page_margins.left, ws.page_margins.right = m.left / 25.4, m.right / 25.4


# ---------------------------------------------------------------- recalculation

def recalculate_with_libreoffice(source: str | os.PathLike,
                                 target: str | os.PathLike | None = None) -> Path:
    """Store computed formula results by a LibreOffice round trip.

    For readers that cannot evaluate formulas (openpyxl ``data_only=True``). The copy
    keeps merges, validation, protection, comments and print setup, but LibreOffice
    7.4 headless drops the frozen panes, so send units the original form and use the
    copy for reading. ``target`` defaults to ``source``, replaced atomically.
    """
    source = Path(source)
    target = Path(target) if target is not None else source
    with tempfile.TemporaryDirectory(prefix="cchc-xlsx-") as tmp:
        (produced,) = office.convert([source], "xlsx", tmp)
        with atomic_path(target) as out:
            shutil.copyfile(produced, out)
    return target
