"""Spreadsheet cells that hold data as text, never as a formula (CSV/formula injection).

A unit's name, a field name or a recommendation comes from people outside the office.
Written as is, ``=HYPERLINK("http://…", "Bấm")`` or ``=cmd|' /C calc'!A0`` becomes a live
formula when the office opens the workbook or the CSV. Following OWASP's CSV-injection
guidance, every writer of cchc puts data through here:

- XLSX: a string is always a text cell (data type ``s``), and one starting with a
  trigger character also gets Excel's quote prefix, so editing it keeps it text;
- CSV: a string starting with a trigger character gets a leading ``'``.

Formulas cchc writes itself (sums, references) go through :func:`put_formula`, the only
way to write one.
"""

from __future__ import annotations

from collections.abc import Iterable

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def is_risky(text: str) -> bool:
    return text.startswith(TRIGGERS)


def put(ws, row: int, col: int, value):
    """Write ``value`` into the cell; strings stay text whatever they start with."""
    cell = ws.cell(row=row, column=col)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if is_risky(value):
            cell.quotePrefix = True
    return cell


def put_formula(ws, row: int, col: int, formula: str):
    """A formula cchc wrote itself (never built from data)."""
    if not formula.startswith("="):
        raise ValueError(f"not a formula: {formula!r}")
    cell = ws.cell(row=row, column=col)
    cell.value = formula
    return cell


def csv_text(value) -> str:
    """One CSV field: None is empty, numbers as they are, risky text behind a ``'``."""
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if is_risky(value) else value
    return str(value)


def csv_row(values: Iterable) -> list[str]:
    return [csv_text(v) for v in values]
