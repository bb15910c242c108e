"""XLSX → document model: title rows become paragraphs, the form a table.

The statistics form is often returned as a spreadsheet: unit and period in the
title rows, merged header cells, and totals computed by formulas. Values come
from the cached results Excel stores; a file saved by a program that never
calculated (openpyxl, some exporters) has no cache, so simple SUM and "+"
formulas are evaluated here rather than read as blanks.
"""

from __future__ import annotations

import datetime as dt
import zipfile
import zlib
from pathlib import Path

import openpyxl

from cchc.core import safezip
from cchc.core.errors import CchcError
from cchc.core.infile import open_regular
from cchc.core.vn import fold, format_number
from cchc.extractors.model import Document, Para, Table, fix_text, hook_active
from cchc.extractors.read.formula import FormulaError, evaluate

MAX_ROWS, MAX_COLS = 5000, 64  # a statistics form is far smaller; a huge sheet is not read whole


def read_xlsx(path: Path, *, max_unzipped: int | None = None,
              inflated: bool = False) -> Document:
    """Every part is inflated under cchc.core.safezip's caps before openpyxl opens the same
    handle (twice: cached values, then formulas); ``inflated``: the intake already did."""
    with open_regular(path) as fh:
        if not inflated:
            safezip.check(fh, str(path), safezip.XLSX_CAPS.with_total(max_unzipped))
        try:
            values = openpyxl.load_workbook(fh, data_only=True)
            fh.seek(0)
            formulas = openpyxl.load_workbook(fh, data_only=False)
        except (zipfile.BadZipFile, KeyError, ValueError, TypeError, zlib.error, OSError,
                EOFError, SyntaxError) as exc:
            raise CchcError(f"không đọc được bảng tính Excel (tệp hỏng?): "
                            f"{type(exc).__name__}", file=str(path)) from exc
    doc = Document(format="xlsx")
    for ws in values.worksheets:
        doc.blocks.extend(_sheet_blocks(ws, formulas[ws.title]))
    return doc


def _sheet_blocks(ws, fws) -> list:
    grid: dict[tuple[int, int], object] = {}
    bold: dict[int, bool] = {}
    for row in ws.iter_rows(max_row=min(ws.max_row or 0, MAX_ROWS),
                            max_col=min(ws.max_column or 0, MAX_COLS)):
        for c in row:
            v = c.value
            if v is None:
                f = fws.cell(row=c.row, column=c.column).value
                if isinstance(f, str) and f.startswith("="):
                    v = _evaluate(f, ws, fws, {(c.row, c.column)})
            if v is not None and str(v).strip() != "":
                grid[(c.row, c.column)] = _shown_percent(v, c.number_format)
                if c.font is not None and c.font.b:
                    bold[c.row] = True
    for rng in ws.merged_cells.ranges:
        min_col, min_row, max_col, max_row = rng.bounds
        max_col, max_row = min(max_col, MAX_COLS), min(max_row, MAX_ROWS)
        v = grid.get((min_row, min_col))
        if v is None:
            continue
        for r in range(min_row, max_row + 1):
            for c in range(min_col, max_col + 1):
                grid[(r, c)] = v
    if not grid:
        return []
    max_row = max(r for r, _ in grid)
    max_col = max(c for _, c in grid)
    rows = []
    for r in range(1, max_row + 1):
        row = [_text(grid.get((r, c))) for c in range(1, max_col + 1)]
        distinct = list(dict.fromkeys(x for x in row if x))
        if distinct:
            rows.append((r, row, distinct))
    return _split_sheet(rows, bold)


def _split_sheet(rows, bold: dict[int, bool]) -> list:
    """Header rows become paragraphs, runs of rows with several values tables.

    Above the title ("BÁO CÁO", "THỐNG KÊ …"), a row with a few values ("SỞ X" beside
    "CỘNG HÒA …") gives one paragraph per value, left to right, like the header of a
    document. Below it, a report laid out in a sheet alternates text rows (one value)
    with tables (several values per row): each run of such rows is one table, cut to
    the columns it uses, so a three-column indicator table stays a small table and the
    text after it stays text. A one-value row followed by more rows — a group row
    ("Cấp huyện") or an indicator the unit left blank — does not cut the table in two;
    a bold one (a heading) does, except inside the wide statistics form.
    """
    head = _header_end(rows)
    blocks: list = []
    for r, _, distinct in rows[:head]:
        blocks.extend(Para(text=v, bold=bold.get(r, False)) for v in distinct)
    run: list[list[str]] = []
    rest = rows[head:]
    for k, (r, row, distinct) in enumerate(rest):
        nxt = rest[k + 1][2] if k + 1 < len(rest) else []
        inside = run and len(nxt) >= 2 and (  # a group row, or a row left blank
            (_wide(run) and len(distinct[0]) < 60) or not bold.get(r, False))
        if len(distinct) >= 2 or inside:
            run.append(row)
            continue
        if run:
            blocks.append(_table(run))
            run = []
        blocks.append(Para(text=distinct[0], bold=bold.get(r, False)))
    if run:
        blocks.append(_table(run))
    return blocks


def _header_end(rows) -> int:
    """Index of the first row after the title, else of the first wide row (a bare form)."""
    for i, (_, _, distinct) in enumerate(rows[:20]):
        if len(distinct) == 1 and fold(distinct[0]).startswith(("bao cao", "thong ke")):
            return i
    wide = [i for i, (_, _, d) in enumerate(rows) if len(d) >= 4]
    return wide[0] if wide else len(rows)


def _wide(run: list[list[str]]) -> bool:
    return max(sum(1 for c in row if c) for row in run) >= 6


def _table(run: list[list[str]]) -> Table:
    used = [j for j in range(len(run[0])) if any(j < len(row) and row[j] for row in run)]
    lo, hi = (used[0], used[-1] + 1) if used else (0, 0)
    return Table([row[lo:hi] for row in run])


def _shown_percent(v, number_format: str | None):
    """A cell formatted as a percentage holds the fraction (0.6037) but shows "60,37%":
    the sheet's reader sees what the unit typed and printed, as in a Word table."""
    if isinstance(v, bool) or not isinstance(v, (int, float)) or "%" not in (
            number_format or "").replace('"%"', "").replace("\\%", ""):
        return v
    return f"{format_number(round(v * 100, 6))}%"


def _text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time() else v.isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    s = str(v)
    return fix_text(s, None) if hook_active() else s


def _evaluate(formula: str, ws, fws, seen: set):
    """A formula without a cached result, computed from the cells it names."""

    def cell(r: int, c: int):
        v = ws.cell(row=r, column=c).value
        if v is None and (r, c) not in seen:
            f = fws.cell(row=r, column=c).value
            if isinstance(f, str) and f.startswith("=") and len(seen) < 200:
                v = _evaluate(f, ws, fws, seen | {(r, c)})
        return v

    try:
        value = evaluate(formula, cell)
    except (FormulaError, ValueError, TypeError, IndexError, KeyError, RecursionError):
        return None
    return None if value == "" or isinstance(value, bool) else value
