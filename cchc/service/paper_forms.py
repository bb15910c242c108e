"""The round's paperwork kinds as web forms: staff fill fields and tables, never JSON.

Each kind (team decision, schedule notice, reminder, minutes) lists its fields once
(``FORMS``): where the value goes in the kind's data, its label, and how it is typed —
a line, a paragraph, one item per line, a date as staff write it ("12/9/2023", or
"9/2023" for a date the signer completes), a number, the recipients (sub-items after
"+"), or a table with one row per visit, unit or member. The page shows the values
of the data it starts from (the example, or the round's plan and stored dates);
a post is read back over that same start, so what the form does not show (the
issuer) is kept, and the schema's refusal is said in the form's labels.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass

from cchc.core.vn import clean, parse_date
from cchc.generator.paperwork import ROLE_LABELS

from . import forms
from .errors import ApiError

ROLE_OF = {label.casefold(): role for role, label in ROLE_LABELS.items()}
BLANK_ROWS = 2
MAX_ROWS = 300


@dataclass(frozen=True)
class Field:
    path: str            # "signer.name"; a table's path is its list ("visits")
    label: str
    type: str = "text"   # text, long, lines, int, date, pdate, recipients, table
    columns: tuple = ()  # a table's (key, label, type) columns
    help: str = ""


HEAD = (Field("number", "Số (để trống cho văn thư)", "int"), Field("symbol", "Ký hiệu"),
        Field("place", "Địa danh"),
        Field("date", "Ngày ban hành", "pdate", help="ví dụ 25/8/2023; 8/2023 để trống ngày"),
        Field("subject", "Trích yếu (mỗi dòng một dòng in)", "lines"))
SIGNED = (Field("signer.authority", "Thẩm quyền ký (KT., TL.…)"),
          Field("signer.title", "Chức vụ người ký"), Field("signer.name", "Người ký"),
          Field("recipients", "Nơi nhận (mỗi dòng một nơi; dòng con bắt đầu bằng +)",
                "recipients"))
PLAN = (Field("plan.number", "Số kế hoạch", "int"), Field("plan.symbol", "Ký hiệu kế hoạch"),
        Field("plan.date", "Ngày kế hoạch", "pdate"))

FORMS: dict[str, tuple[Field, ...]] = {
    "schedule": HEAD + SIGNED + PLAN + (
        Field("content", "Nội dung kiểm tra", "long"),
        Field("report_days_before", "Đơn vị gửi báo cáo trước ngày kiểm tra (ngày)", "int"),
        Field("visits", "Lịch kiểm tra từng đơn vị", "table", (
            ("unit", "Đơn vị", "text"), ("date", "Ngày", "date"),
            ("session", "Buổi", "text"), ("time", "Giờ", "text"),
            ("team", "Tổ kiểm tra", "text"), ("place", "Địa điểm", "text"),
            ("content", "Nội dung riêng", "text"))),
        Field("notes", "Ghi chú (mỗi dòng một ý)", "lines")),
    "reminder": HEAD + SIGNED + PLAN + (
        Field("schedule.number", "Số Thông báo lịch kiểm tra", "int"),
        Field("schedule.symbol", "Ký hiệu Thông báo lịch"),
        Field("schedule.date", "Ngày Thông báo lịch", "pdate"),
        Field("units", "Đơn vị chưa gửi báo cáo", "table", (
            ("name", "Đơn vị", "text"), ("deadline", "Hạn đã giao", "date"))),
        Field("new_deadline", "Hạn gửi mới", "date"),
        Field("contact", "Nơi liên hệ")),
    "minutes": (HEAD[1], HEAD[2], Field("date", "Ngày kiểm tra", "date"), HEAD[4]) + PLAN + (
        Field("issuer.parent", "Cơ quan chủ quản (dòng trên)"),
        Field("issuer.name", "Tổ kiểm tra (dòng dưới)"), Field("time", "Giờ bắt đầu"),
        Field("unit", "Đơn vị được kiểm tra"),
        Field("team_members", "Thành phần Tổ kiểm tra", "table", (
            ("name", "Họ và tên", "text"), ("title", "Chức vụ, cơ quan", "text"),
            ("role", "Nhiệm vụ trong Tổ", "text"))),
        Field("unit_members", "Thành phần đơn vị", "table", (
            ("name", "Họ và tên", "text"), ("title", "Chức vụ", "text"))),
        Field("documents", "Hồ sơ, tài liệu đã kiểm tra (mỗi dòng một loại)", "lines"),
        Field("note_lines", "Số dòng trống để ghi tại chỗ", "int"),
        Field("signers.team.title", "Chức danh ký của Tổ"),
        Field("signers.team.name", "Người ký của Tổ"),
        Field("signers.unit.title", "Chức danh ký của đơn vị"),
        Field("signers.unit.name", "Người ký của đơn vị")),
    "team-decision": HEAD + SIGNED + PLAN + (
        Field("authority_line", "Thẩm quyền ban hành (dòng in hoa)"),
        Field("bases", "Căn cứ (mỗi dòng một căn cứ)", "lines"),
        Field("proposal", "Theo đề nghị của"),
        Field("roster", "Danh sách thành viên", "table", (
            ("id", "Mã (viết liền, ví dụ nv-gd)", "text"), ("name", "Họ và tên", "text"),
            ("title", "Chức vụ", "text"), ("agency", "Cơ quan", "text"),
            ("body", "Thuộc", "text"))),
        Field("teams", "Các Tổ kiểm tra", "table", (
            ("name", "Tên Tổ", "text"),
            ("members", "Thành viên (mỗi dòng: mã: Tổ trưởng / Tổ phó / Thành viên / Thư ký)",
             "members"),
            ("units", "Đơn vị được kiểm tra (mỗi dòng một đơn vị)", "lines"))),
        Field("duties", "Nhiệm vụ của các Tổ (mỗi dòng một ý)", "lines"),
        Field("executors", "Điều 3: người thi hành", "long")),
}


# ---------------------------------------------------------------- data → shown text

def _get(data: dict, path: str):
    for step in path.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(step)
    return data


def _date_text(value) -> str:
    if isinstance(value, dict):
        parts = [value.get("day"), value.get("month"), value.get("year")]
        return "/".join(f"{p:02d}" if i == 0 else str(p) for i, p in enumerate(parts) if p)
    try:
        d = dt.date.fromisoformat(str(value))
    except ValueError:
        return "" if value is None else str(value)
    return f"{d.day:02d}/{d.month}/{d.year}"


def shown(kind_type: str, value) -> str:
    if value is None:
        return ""
    if kind_type in ("date", "pdate"):
        return _date_text(value)
    if kind_type == "lines":
        return "\n".join(v if isinstance(v, str) else str(v.get("name", "")) for v in value)
    if kind_type == "recipients":
        return forms.recipients_text(value)
    if kind_type == "members":
        return "\n".join(f"{m['ref']}: {ROLE_LABELS.get(m['role'], m['role'])}" for m in value)
    return str(value)


def values(kind: str, data: dict) -> dict[str, str]:
    """The form's field values (input name → text) for ``data``."""
    out: dict[str, str] = {}
    for f in FORMS[kind]:
        if f.type != "table":
            out[f.path] = shown(f.type, _get(data, f.path))
            continue
        rows = _get(data, f.path) or []
        out[f"{f.path}.rows"] = str(len(rows) + BLANK_ROWS)
        for i, row in enumerate(rows):
            for key, _label, ctype in f.columns:
                value = row.get(key) if isinstance(row, dict) else None
                out[f"{f.path}.{i}.{key}"] = shown(ctype, value)
    return out


# ---------------------------------------------------------------- posted text → data

def _date(text: str, label: str, partial: bool = False):
    text = clean(text)
    bits = text.replace("-", "/").replace(".", "/").split("/")
    if partial and all(b.isdigit() for b in bits) and len(bits) in (1, 2):
        year, month = int(bits[-1]), int(bits[0]) if len(bits) == 2 else None
        if 1945 <= year <= 2100 and (month is None or 1 <= month <= 12):
            return {"year": year, "month": month, "day": None}
    try:
        d = dt.date.fromisoformat(text)
    except ValueError:
        d = parse_date(text)
    if d is None:
        raise ApiError(422, "bad_date", f"{label}: ngày '{text[:40]}' không hợp lệ (viết dạng "
                       "12/9/2023)", field=label)
    return d.isoformat()   # a whole date: the ISO form every date field takes


def _members(text: str, label: str) -> list[dict]:
    out = []
    for line in forms.lines(text):
        ref, _, role = line.partition(":")
        code = ROLE_OF.get(clean(role).casefold())
        if not clean(ref) or code is None:
            raise ApiError(422, "bad_member", f"{label}: dòng “{line[:80]}” phải có dạng "
                           "“mã: Tổ trưởng” (Tổ trưởng, Tổ phó, Thành viên hoặc Thư ký)",
                           field=label)
        out.append({"ref": clean(ref), "role": code})
    return out


def parse(kind_type: str, text: str, label: str):
    """The value ``text`` gives, None for a blank."""
    if not clean(text or ""):
        return None
    if kind_type == "int":
        if not clean(text).isdigit():
            raise ApiError(422, "bad_number", f"{label}: phải là số nguyên", field=label)
        return int(clean(text))
    if kind_type in ("date", "pdate"):
        return _date(text, label, partial=kind_type == "pdate")
    if kind_type == "lines":
        return forms.lines(text)
    if kind_type == "recipients":
        return forms._recipients(text)
    if kind_type == "members":
        return _members(text, label)
    return text.strip() if kind_type == "long" else clean(text)


def _put(data: dict, path: str, value) -> None:
    *parents, last = path.split(".")
    for step in parents:
        if not isinstance(data.get(step), dict):
            data[step] = {}
        data = data[step]
    if value is None and last != "number":
        data.pop(last, None)
    else:
        data[last] = value


def _table(f: Field, form: dict) -> list[dict]:
    count = form.get(f"{f.path}.rows") or "0"
    rows = []
    for i in range(min(int(count) if count.isdigit() else 0, MAX_ROWS)):
        row = {}
        for key, label, ctype in f.columns:
            value = parse(ctype, form.get(f"{f.path}.{i}.{key}") or "",
                          f"{f.label}, dòng {i + 1}, {label}")
            if value is not None:
                row[key] = value
        if row:
            rows.append(row)
    return rows


def read(kind: str, form: dict, start: dict) -> dict:
    """The kind's data: ``start`` with every field of the form put in."""
    data = copy.deepcopy(start)
    for f in FORMS[kind]:
        value = _table(f, form) if f.type == "table" else parse(f.type, form.get(f.path) or "",
                                                                f.label)
        _put(data, f.path, value)
    return data


def labels(kind: str) -> dict[str, str]:
    """The form's labels by data path, for the schema's messages (field_words)."""
    out = {}
    for f in FORMS[kind]:
        out[f.path] = f.label
        for key, label, _ in f.columns:
            out[f"{f.path}.{key}"] = f"{f.label} › {label}"
    return out


def rows_of(kind: str, shown_values: dict) -> dict[str, int]:
    """How many rows each table of the form shows."""
    out = {}
    for f in FORMS[kind]:
        if f.type == "table":
            count = shown_values.get(f"{f.path}.rows") or str(BLANK_ROWS)
            out[f.path] = min(int(count) if count.isdigit() else BLANK_ROWS, MAX_ROWS)
    return out


def more_rows(kind: str, form: dict) -> dict:
    """The posted form again with more blank rows in every table: a table grows without
    a script (the page's "Thêm dòng trống" button posts the form back)."""
    out = dict(form)
    for path, count in rows_of(kind, form).items():
        out[f"{path}.rows"] = str(min(count + BLANK_ROWS, MAX_ROWS))
    return out
