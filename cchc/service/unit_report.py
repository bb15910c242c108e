"""The units' report form (issue 25): laid out from the round's outline, read back
into a record of the contract (shared/spec/report-record.md), checked by the
extractor's own validator.

The form is the outline's data, not code: each section of the outline becomes a text
area with the outline's guiding text beside it, each ``{"indicator": id}`` placeholder
a count / total pair with its rate, each ``{"investment": key}`` an amount; a part or
section whose footnote says it is for districts ("dành cho khối huyện") is shown only
to district units. The statistics grid follows the contract's sixteen columns.

What a unit types is kept as typed (``fields``: a flat {name: text}); the record is
built from it whenever it is needed, so a reload shows exactly what was typed and the
record never holds half-parsed values.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from cchc.core.figures import column_sums
from cchc.core.spec import (
    COUNT_KEYS,
    INDICATOR_IDS,
    INDICATORS,
    INVESTMENT_KEYS,
    SCHEMA_VERSION,
    STATS_COLUMNS,
    STATS_HEADER,
    STATS_HEADER_ROWS,
    STATS_KEYS,
    STATS_SUMS,
)
from cchc.core.vn import clean, fold, format_number, parse_date, parse_number
from cchc.core.warning_codes import DOUBTFUL
from cchc.extractors import record_warnings

from .errors import ApiError

DISTRICT_NOTE = "khoi huyen"          # folded: "Chỉ tiêu này dành cho khối huyện báo cáo"
MAX_TEXT = 20_000                     # characters in one section
MAX_SHORT = 300                       # a number, place, field name
MAX_ROWS = 300                        # rows of the statistics grid
MAX_COUNT = 10**12
INDICATOR_LABELS = {i.id: i.label for i in INDICATORS}
HEADER_FIELDS = (("document.number", "Số, ký hiệu", "125/BC-SXD"),
                 ("document.date", "Ngày báo cáo", "dd/mm/yyyy"),
                 ("document.place", "Địa danh", "Bắc Giang"),
                 ("period.from", "Kỳ báo cáo từ ngày", "dd/mm/yyyy"),
                 ("period.to", "đến ngày", "dd/mm/yyyy"),
                 ("signer.authority", "Quyền hạn ký (KT., TL., …)", "KT. GIÁM ĐỐC"),
                 ("signer.title", "Chức vụ người ký", "PHÓ GIÁM ĐỐC"),
                 ("signer.name", "Họ tên người ký", "Trần Văn Hùng"))
_ROW = re.compile(r"^stats\[(\d{1,3})\]\.([a-z_]+)$")
_ONE_OF = "|".join
_NAME = re.compile(
    r"^(?:document\.(?:number|date|place)|period\.(?:from|to)|"
    r"signer\.(?:authority|title|name)|sections\.\d(?:\.\d)?|"
    rf"indicators\.(?:{_ONE_OF(INDICATOR_IDS)})\.(?:value|numerator|denominator)|"
    rf"investment\.(?:{_ONE_OF(INVESTMENT_KEYS)})|"
    rf"stats\[\d{{1,3}}\]\.(?:kind|{_ONE_OF(STATS_KEYS)}))$")


_PARTS = {"value": "tỷ lệ ghi", "numerator": "số đạt", "denominator": "tổng số"}


def label(name: str) -> str:
    """A form field in the unit's words ("Bảng thống kê, dòng 1, cột (3)"), for messages."""
    if m := _ROW.match(name):
        col = next((c.number for c in STATS_COLUMNS if c.key == m.group(2)), None)
        return f"Bảng thống kê, dòng {int(m.group(1)) + 1}" + (f", cột ({col})" if col else "")
    if name.startswith("indicators."):
        _, ind, part = name.split(".", 2)
        return f"Chỉ tiêu {INDICATOR_LABELS.get(ind, ind)}: {_PARTS.get(part, part)}"
    if name.startswith("sections."):
        return f"Mục {name.split('.', 1)[1]}"
    if name.startswith("investment."):
        return {"investment.budget_assigned_vnd": "Tổng dự toán được giao",
                "investment.spent_vnd": "Tổng kinh phí đã chi"}.get(name, name)
    return next((text for n, text, _ in HEADER_FIELDS if n == name), "Một ô")


@dataclass
class Part:
    """One section of the form: its text area, its guiding text, what it asks for."""

    key: str
    title: str
    guide: list[str] = field(default_factory=list)
    indicators: list[dict] = field(default_factory=list)
    investment: list[dict] = field(default_factory=list)
    note: str | None = None
    heading_only: bool = False
    level: int = 1


def _for_district(note) -> bool:
    return bool(note) and DISTRICT_NOTE in fold(str(note))


def _item_text(item) -> tuple[str, list[tuple[str, str]], list[str], bool]:
    """An outline item's words (placeholders as "…"), its indicators (each with the
    words just before its placeholder: one line may ask for three rates), its amounts,
    and whether its own footnote keeps it for districts."""
    if isinstance(item, str):
        return item, [], [], False
    words, inds, money, district = [], [], [], False
    since = []
    for part in item.get("parts") or []:
        if isinstance(part, str):
            words.append(part)
            since.append(part)
        elif "indicator" in part:
            words.append("…")
            ask = "".join(since).strip().lstrip("%.,; ").strip()
            inds.append((part["indicator"], ask[:1].upper() + ask[1:]))
            since = []
        elif "investment" in part:
            words.append(" …")
            money.append(part["investment"])
        elif "footnote" in part:
            district = district or _for_district(part["footnote"])
    text = "".join(words).strip()
    return text, inds, money, district


def _part(sec: dict, district: bool, level: int) -> Part | None:
    if _for_district(sec.get("footnote")) and not district:
        return None   # the whole section is for districts
    part = Part(str(sec["key"]), sec.get("title") or "", note=sec.get("footnote"), level=level)
    for item in sec.get("items") or []:
        text, inds, money, for_district = _item_text(item)
        if for_district and not district:
            continue
        part.guide.append(text)
        for ind, ask in inds:
            part.indicators.append({"id": ind, "label": INDICATOR_LABELS.get(ind, ind),
                                    "text": ask if len(inds) > 1 else text})
        for key in money:
            part.investment.append({"key": key, "label": text.rstrip(" …:")})
    return part


def layout(outline: dict, district: bool) -> list[Part]:
    """The form's sections in outline order (a section with subsections is a heading)."""
    out = []
    for sec in outline.get("sections") or []:
        subs = sec.get("subsections") or []
        top = _part(sec, district, 1)
        if top is None:
            continue
        top.heading_only = bool(subs) and not sec.get("items")
        out.append(top)
        out.extend(p for p in (_part(s, district, 2) for s in subs) if p is not None)
    return out


def stats_header() -> list[list]:
    return [[c for c in STATS_HEADER if c.row == r] for r in range(1, STATS_HEADER_ROWS + 1)]


# ---------------------------------------------------------------- typed fields

def clean_fields(posted) -> dict[str, str]:
    """The posted fields, refused whole (422, nothing saved) if they are not a flat
    map of known names to short enough text."""
    if not isinstance(posted, dict) or len(posted) > 6000:
        raise ApiError(422, "invalid", "dữ liệu biểu mẫu phải là một bảng tên → giá trị",
                       field="$.fields")
    out = {}
    for name, value in posted.items():
        if not isinstance(name, str) or not _NAME.match(name):
            raise ApiError(422, "invalid", "dữ liệu gửi lên có ô không có trong biểu mẫu",
                           field="$.fields", details=[str(name)[:60]])
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise ApiError(422, "invalid", f"{label(name)}: phải là chữ",
                           field=f"$.fields.{name}")
        limit = MAX_TEXT if name.startswith("sections.") else MAX_SHORT
        if len(value) > limit:
            raise ApiError(422, "too_long", f"{label(name)}: dài quá {limit} ký tự "
                           f"({len(value)} ký tự)", field=f"$.fields.{name}")
        m = _ROW.match(name)
        if m and int(m.group(1)) >= MAX_ROWS:
            raise ApiError(422, "too_many_rows", f"bảng thống kê có tối đa {MAX_ROWS} dòng",
                           field=f"$.fields.{name}")
        out[name] = value
    numbers(out)   # every number as the record will hold it, or a 422 naming the cell
    return out


def _count(name: str, text: str) -> int | None:
    if not text.strip():
        return None
    value = parse_number(text)
    if value is None or value != int(value) or not 0 <= value < MAX_COUNT:
        raise ApiError(422, "bad_value", f"{label(name)}: '{text[:40]}' không phải số đếm "
                       "(số nguyên không âm)", field=f"$.fields.{name}")
    return int(value)


def _rate(name: str, text: str) -> float | None:
    if not text.strip():
        return None
    value = parse_number(text.replace("%", ""))
    if value is None or not 0 <= value <= 100:
        raise ApiError(422, "bad_value", f"{label(name)}: '{text[:40]}' không phải tỷ lệ phần "
                       "trăm từ 0 đến 100", field=f"$.fields.{name}")
    return float(value)


def _date(name: str, text: str) -> str | None:
    if not text.strip():
        return None
    day = parse_date(text)
    if day is None:
        raise ApiError(422, "bad_value", f"{label(name)}: '{text[:40]}' không phải ngày "
                       "(dd/mm/yyyy)", field=f"$.fields.{name}")
    return day.isoformat()


def numbers(fields: dict[str, str]) -> dict:
    """Every non-text value parsed: {name: value}; a 422 for the first bad one."""
    out = {}
    for name, text in fields.items():
        if name in ("document.date", "period.from", "period.to"):
            out[name] = _date(name, text)
        elif name.startswith("indicators.") and name.endswith(".value"):
            out[name] = _rate(name, text)
        elif name.startswith(("indicators.", "investment.")):
            out[name] = _count(name, text)
        elif (m := _ROW.match(name)) and m.group(2) in COUNT_KEYS:
            out[name] = _count(name, text)
    return out


# ---------------------------------------------------------------- the record

def _rows(fields: dict, parsed: dict) -> tuple[list[dict], dict[int, int]]:
    """The statistics rows (group rows become the ``group`` of the rows under them)
    and, for each record row, the grid row it came from."""
    count = 1 + max([int(m.group(1)) for n in fields if (m := _ROW.match(n))], default=-1)
    rows, where, group = [], {}, None
    for i in range(count):
        get = lambda key, i=i: fields.get(f"stats[{i}].{key}", "")  # noqa: E731
        if get("kind") == "group":
            group = clean(get("field")) or None
            continue
        cells = {k: parsed.get(f"stats[{i}].{k}") for k in COUNT_KEYS}
        name = clean(get("field"))
        if not name and all(v is None for v in cells.values()):
            continue  # an empty row of the grid is no data row
        stt = parse_number(get("stt")) if get("stt").strip() else None
        row = {"stt": int(stt) if stt is not None and stt == int(stt) else len(rows) + 1,
               "field": name or None}
        row.update({k: (0 if v is None else v) for k, v in cells.items()})  # blank is 0
        if group:
            row["group"] = group
        where[len(rows)] = i
        rows.append(row)
    return rows, where


def build(fields: dict, unit: str, *, district: bool, filename: str = "bieu-mau.json"
          ) -> tuple[dict, dict[int, int]]:
    """The record the typed fields say (with the validator's warnings) and the grid row
    of each statistics row."""
    parsed = numbers(fields)
    text = lambda n: clean(fields.get(n, "")) or None  # noqa: E731
    sections = {n.split(".", 1)[1]: fields[n].strip() for n in fields
                if n.startswith("sections.") and fields[n].strip()}
    indicators = {}
    for ind in INDICATORS:
        value = {p: parsed.get(f"indicators.{ind.id}.{p}")
                 for p in ("value", "numerator", "denominator")}
        if any(v is not None for v in value.values()):
            if value["value"] is None and value["numerator"] is not None and value["denominator"]:
                value["value"] = round(value["numerator"] / value["denominator"] * 100, 2)
            indicators[ind.id] = value
    investment = {n.split(".", 1)[1]: v for n, v in parsed.items()
                  if n.startswith("investment.") and v is not None}
    rows, where = _rows(fields, parsed)
    record = {
        "kind": "unit_report", "schema_version": SCHEMA_VERSION,
        "source": {"file": filename, "format": "json"},
        "unit": {"name": unit},
        "document": {"number": text("document.number"), "date": parsed.get("document.date"),
                     "place": text("document.place")},
        "period": {"from": parsed.get("period.from"), "to": parsed.get("period.to")},
        "sections": sections, "indicators": indicators,
        "investment": investment,
        "tthc_stats": {"rows": rows, "total": _total(rows)} if rows else None,
        "warnings": [],
    }
    record["warnings"] = record_warnings(record, district)
    return record, where


def _total(rows: list[dict]) -> dict:
    """The total row: the column sums (the form adds up; it never asks for them)."""
    sums = column_sums(rows)
    return {k: sums[k] for k in COUNT_KEYS}


def signer(fields: dict) -> dict | None:
    found = {k: clean(fields.get(f"signer.{k}", "")) for k in ("authority", "title", "name")}
    return found if found["name"] else None


def field_of(where: str, grid_rows: dict[int, int]) -> str | None:
    """The form field a warning's ``where`` points at (None: the form as a whole)."""
    m = re.match(r"^tthc_stats\.rows\[(\d+)\](?:\.([a-z_]+))?$", where or "")
    if m:
        i = grid_rows.get(int(m.group(1)))
        return None if i is None else f"stats[{i}].{m.group(2) or 'field'}"
    if (where or "").startswith("tthc_stats.total."):
        return "total." + where.rsplit(".", 1)[1]
    if (where or "").startswith("indicators.") and where.count(".") == 1:
        return where + ".value"
    return where or None


def checks(fields: dict, unit: str, district: bool, parts: list[Part] | None = None,
           doubts: dict | None = None) -> dict:
    """What the page shows after a save: each warning by field, the computed rates and
    the total row. A missing section the form does not show (a district-only section
    for a department) is not the unit's to fill, so it is not shown. ``doubts``: what
    the extractor doubted in an imported Word draft, still as it was read."""
    record, grid_rows = build(fields, unit, district=district)
    keys = {p.key for p in parts} if parts is not None else None
    shown = [{"code": "extract.uncertain", "field": name, "message": d["message"]}
             for name, d in (doubts or {}).items()]
    for w in record["warnings"]:
        if keys is not None and w["code"] == "outline.section_missing" \
                and str(w.get("where")).split(".", 1)[1] not in keys:
            continue
        shown.append({"code": w["code"], "field": field_of(str(w.get("where") or ""),
                                                           grid_rows),
                      "message": w["message"]})
    rates = {i: v["value"] for i, v in record["indicators"].items()}
    total = (record["tthc_stats"] or {}).get("total") or {}
    return {"warnings": shown, "rates": rates, "total": total,
            "sums": {k: list(v) for k, v in STATS_SUMS.items()}}


def grid_rows(fields: dict) -> list[dict]:
    """The grid as typed, for the page: [{kind, cells: {key: text}}], at least a few
    empty rows to start with."""
    count = 1 + max([int(m.group(1)) for n in fields if (m := _ROW.match(n))], default=-1)
    out = []
    for i in range(max(count, 3)):
        kind = fields.get(f"stats[{i}].kind") or "data"
        out.append({"kind": "group" if kind == "group" else "data",
                    "cells": {c.key: fields.get(f"stats[{i}].{c.key}", "")
                              for c in STATS_COLUMNS}})
    return out


def slots(parts: list[Part]) -> set[str]:
    """The fields that have a place for their warnings beside them on the page."""
    out = {name for name, _, _ in HEADER_FIELDS}
    for p in parts:
        if not p.heading_only:
            out.add(f"sections.{p.key}")
        out.update(f"indicators.{i['id']}.value" for i in p.indicators)
        out.update(f"investment.{m['key']}" for m in p.investment)
    return out


def placed(checks_out: dict, parts: list[Part]) -> dict:
    """The warnings as the page first shows them (the script redraws them after each
    save): beside their field, under the grid, or in the list at the top."""
    where = slots(parts)
    beside: dict[str, list[dict]] = {}
    grid, loose = [], []
    for w in checks_out["warnings"]:
        name = w["field"] or ""
        shown = {"message": w["message"], "kind": kind_of(w["code"])}
        if name in where:
            beside.setdefault(name, []).append(shown)
        elif name.startswith(("stats[", "total.")):
            grid.append(shown)
        else:
            loose.append(shown)
    marked = {w["field"]: kind_of(w["code"]) for w in reversed(checks_out["warnings"])
              if w["field"] and kind_of(w["code"]) != "hint"}   # the first one says
    return {"beside": beside, "grid": grid, "loose": loose, "marked": marked}


def kind_of(code: str) -> str:
    """'hint' for what is not written yet (a reminder), 'doubt' for a value read from a
    Word draft that needs checking, 'warn' for a contradiction."""
    if code.startswith("outline."):
        return "hint"
    return "doubt" if code in DOUBTFUL else "warn"


# ---------------------------------------------------------------- an earlier Word draft

DOUBT = "Đọc từ tệp Word, chưa chắc chắn: hãy đối chiếu rồi sửa nếu cần"


def _number(value) -> str:
    return "" if value is None else format_number(value)


def _day(iso) -> str:
    try:
        return dt.date.fromisoformat(str(iso)).strftime("%d/%m/%Y") if iso else ""
    except ValueError:
        return ""


def fields_from(record: dict) -> tuple[dict[str, str], dict[str, dict]]:
    """The form's fields from an extracted record (the unit started in Word), and the
    fields the extractor doubted, each with what it read (the mark goes once the unit
    changes that value). What the form cannot hold is left out, never half-kept."""
    out: dict[str, str] = {}
    doc, period = record.get("document") or {}, record.get("period") or {}
    out["document.number"], out["document.place"] = doc.get("number") or "", doc.get("place") or ""
    out["document.date"] = _day(doc.get("date"))
    out["period.from"], out["period.to"] = _day(period.get("from")), _day(period.get("to"))
    for key, text in (record.get("sections") or {}).items():
        if re.fullmatch(r"\d(\.\d)?", str(key)) and isinstance(text, str):
            out[f"sections.{key}"] = text[:MAX_TEXT]
    for ind_id, value in (record.get("indicators") or {}).items():
        if ind_id not in INDICATOR_IDS or not isinstance(value, dict):
            continue
        for part in ("numerator", "denominator", "value"):
            out[f"indicators.{ind_id}.{part}"] = _number(value.get(part))
        num, den, v = value.get("numerator"), value.get("denominator"), value.get("value")
        if num is not None and den and v is not None and abs(num / den * 100 - v) < 0.01:
            out[f"indicators.{ind_id}.value"] = ""     # the form computes it
    for key in INVESTMENT_KEYS:
        out[f"investment.{key}"] = _number((record.get("investment") or {}).get(key))
    grid: dict[int, int] = {}
    i, group = 0, None
    for n, row in enumerate(((record.get("tthc_stats") or {}).get("rows") or [])[:MAX_ROWS]):
        if row.get("group") and row.get("group") != group and i < MAX_ROWS - 1:
            group = row["group"]
            out[f"stats[{i}].kind"], out[f"stats[{i}].field"] = "group", str(group)[:MAX_SHORT]
            i += 1
        if i >= MAX_ROWS:
            break
        grid[n] = i
        for c in STATS_COLUMNS:
            cell = row.get(c.key)
            out[f"stats[{i}].{c.key}"] = str(cell or "")[:MAX_SHORT] if c.key == "field" \
                else _number(cell)
        i += 1
    fields = {k: v for k, v in out.items() if v != ""}
    doubts = {}
    for w in record.get("warnings") or []:
        if not isinstance(w, dict) or w.get("code") not in DOUBTFUL:
            continue
        name = field_of(str(w.get("where") or ""), grid)
        if name and name.startswith("indicators.") and not fields.get(name):
            name = name.rsplit(".", 1)[0] + ".numerator"    # a computed rate: mark the counts
        if name in fields:
            doubts[name] = {"value": fields[name], "message": f"{DOUBT} ({w.get('message')})"}
    return fields, doubts
