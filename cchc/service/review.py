"""A draft's record laid out the way the outline reads, for the review page.

Staff read a report as its outline: header, sections, indicators, investment, the
statistics table. Each value the page shows carries its JSON path (for the API and
the tooltip, never as the label), an outline label, the warnings that point at it
and, where the original's text shows where it came from, the page to scroll to.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from cchc.core.spec import (
    INDICATORS,
    OUTLINE_KEYS,
    OUTLINE_TITLES,
    STATS_COLUMNS,
    STATS_HEADER,
    STATS_HEADER_ROWS,
)
from cchc.core.vn import format_number, parse_date
from cchc.core.warning_codes import DOUBTFUL, label

from . import jsonpath

DATE_PATHS = ("$.document.date", "$.period.from", "$.period.to")
HEADER_FIELDS = (("$.unit.name", "Đơn vị"), ("$.document.number", "Số, ký hiệu"),
                 ("$.document.date", "Ngày báo cáo"), ("$.document.place", "Địa danh"),
                 ("$.period.from", "Kỳ báo cáo từ ngày"), ("$.period.to", "đến ngày"))
INDICATOR_PARTS = (("value", "Tỷ lệ (%)"), ("numerator", "Số đạt"), ("denominator", "Tổng số"))
INVESTMENT_FIELDS = (("$.investment.budget_assigned_vnd", "Tổng dự toán được giao (đồng)"),
                     ("$.investment.spent_vnd", "Tổng kinh phí đã thực hiện chi (đồng)"))


@dataclass
class Field:
    path: str
    label: str
    value: object = None
    editable: bool = True
    notes: list[dict] = field(default_factory=list)
    page: int | None = None  # where the evidence is, on the original (evidence_view.py)
    box: str | None = None
    source: str | None = None

    @property
    def shown(self) -> str:
        if self.value is None:
            return ""
        if isinstance(self.value, bool):
            return str(self.value)
        if isinstance(self.value, int | float):
            return format_number(self.value)
        if self.path in DATE_PATHS:
            return short_date(self.value)
        return str(self.value)

    @property
    def level(self) -> str:
        """'fixed' once corrected by hand (that settles earlier doubts), else 'doubt' for an
        uncertain reading, 'warn' for any other warning, '' if none."""
        codes = {n["code"] for n in self.notes}
        if "manual.correction" in codes:
            return "fixed"
        if codes & set(DOUBTFUL):
            return "doubt"
        return "warn" if codes else ""


def _where(path: str) -> str:
    return path[2:] if path.startswith("$.") else path


def _notes_for(path: str, warnings: list[dict]) -> list[dict]:
    """Warnings whose ``where`` names this value (an indicator's own warnings go to
    its percentage, the value the report states)."""
    where = _where(path)
    return [w for w in warnings if str(w.get("where") or "") in (where, _indicator_of(where))]


def _indicator_of(where: str) -> str | None:
    parts = where.split(".")
    if len(parts) == 3 and parts[0] == "indicators" and parts[2] == "value":
        return ".".join(parts[:2])
    return None


def _value(record: dict, path: str):
    try:
        return jsonpath.get(record, jsonpath.parse(path))
    except (KeyError, IndexError, TypeError, ValueError):
        return None


def _field(record: dict, path: str, label: str, warnings: list[dict],
           editable: set[str]) -> Field:
    return Field(path, label, _value(record, path), path in editable,
                 _notes_for(path, warnings))


def _row_notes(prefix: str, warnings: list[dict]) -> list[dict]:
    return [w for w in warnings if str(w.get("where") or "") == prefix]


def stats_grid(record: dict, warnings: list[dict], editable: set[str]) -> dict | None:
    stats = record.get("tthc_stats")
    if not isinstance(stats, dict):
        return None
    header = [[c for c in STATS_HEADER if c.row == r] for r in range(1, STATS_HEADER_ROWS + 1)]
    rows = []
    for i, row in enumerate(stats.get("rows") or []):
        base = f"$.tthc_stats.rows[{i}]"
        cells = [_field(record, f"{base}.{c.key}", f"Dòng {i + 1}, cột ({c.number}) {c.header}",
                        warnings, editable) for c in STATS_COLUMNS]
        rows.append({"cells": cells, "group": row.get("group") if isinstance(row, dict) else None,
                     "notes": _row_notes(_where(base), warnings)})
    total = None
    if isinstance(stats.get("total"), dict):
        total = [None, None] + [
            _field(record, f"$.tthc_stats.total.{c.key}", f"Dòng tổng số, cột ({c.number}) "
                   f"{c.header}", warnings, editable) for c in STATS_COLUMNS[2:]]
    return {"header": header, "rows": rows, "total": total,
            "notes": _row_notes("tthc_stats", warnings) + _row_notes("tthc_stats.total",
                                                                     warnings)}


def layout(record: dict) -> dict:
    """Everything the review page shows, in outline order."""
    warnings = [w for w in record.get("warnings") or [] if isinstance(w, dict)]
    editable = {p for p, _ in jsonpath.editable(record)}
    header = [_field(record, p, label, warnings, editable) for p, label in HEADER_FIELDS]
    sections = []
    texts = record.get("sections") if isinstance(record.get("sections"), dict) else {}
    for key in OUTLINE_KEYS:
        inds = [ind for ind in INDICATORS if ind.section == key]
        rows = []
        for ind in inds:
            if ind.id not in (record.get("indicators") or {}):
                continue
            parts = [_field(record, f"$.indicators.{ind.id}.{part}", f"{ind.label}: {label}",
                            warnings, editable) for part, label in INDICATOR_PARTS]
            rows.append({"label": ind.label, "parts": parts})
        investment = ([_field(record, p, label, warnings, editable)
                       for p, label in INVESTMENT_FIELDS] if key == "5.5" else [])
        text = texts.get(key)
        if text or rows or any(f.value is not None for f in investment):
            sections.append({"key": key, "title": OUTLINE_TITLES[key], "text": text or "",
                             "indicators": rows, "investment": investment})
    placed = {_where(f.path) for f in header}
    general = [w for w in warnings if not str(w.get("where") or "").startswith(
        ("indicators", "tthc_stats", "investment")) and str(w.get("where") or "") not in placed]
    return {"header": header, "sections": sections,
            "stats": stats_grid(record, warnings, editable),
            "general_warnings": general, "warnings": warnings,
            "doubtful": sum(1 for w in warnings if w.get("code") in DOUBTFUL)}


def warning_label(code: str) -> str:
    return label(code)


def short_date(iso) -> str:
    """2023-05-10 as staff write it, 10/05/2023 (anything else as it is)."""
    try:
        return dt.date.fromisoformat(str(iso)).strftime("%d/%m/%Y")
    except ValueError:
        return str(iso)


def posted_value(path: str, text: str) -> str:
    """What the record keeps for a typed value: dates back to ISO, the rest as typed."""
    if path in DATE_PATHS and text.strip():
        d = parse_date(text)
        return d.isoformat() if d else text
    return text
