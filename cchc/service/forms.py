"""Building a conclusion's data from the web form's plain fields."""

from __future__ import annotations

import datetime as dt

from cchc import examples
from cchc.core.vn import clean, parse_date
from cchc.generator.documents import KINDS

from .errors import ApiError

AREAS = [("1", "Công tác chỉ đạo, điều hành"), ("2", "Cải cách thủ tục hành chính"),
         ("3", "Cải cách tổ chức bộ máy hành chính nhà nước"),
         ("4", "Cải cách chế độ công vụ"),
         ("5", "Xây dựng và phát triển Chính quyền điện tử, chính quyền số"),
         ("6", "Thực hiện các nhiệm vụ khác được giao"),
         ("7", "Khắc phục tồn tại, kiến nghị của đợt kiểm tra trước")]
def example(kind: str) -> dict:
    return examples.load(KINDS[kind].example)


def lines(text: str | None) -> list[str]:
    return [clean(x) for x in (text or "").splitlines() if clean(x)]


def _date(value: str | None, field: str) -> dict:
    """ISO (what a date field sends) or as staff write it: 31/7/2023."""
    text = (value or "").strip()
    try:
        d = dt.date.fromisoformat(text)
    except ValueError:
        d = parse_date(text)
    if d is None:
        raise ApiError(422, "bad_date", f"ngày '{value}' không hợp lệ (viết dạng 31/7/2023)",
                       field=field)
    return {"year": d.year, "month": d.month, "day": d.day}


def _recommendations(text: str | None) -> list[dict]:
    out = []
    for i, line in enumerate(lines(text), start=1):
        body, _, deadline = line.partition("|")
        item = {"text": clean(body)}
        if deadline.strip():
            item["deadline"] = _date(deadline, f"recommendations[{i}]")
        out.append(item)
    return out


def conclusion_from_form(form: dict) -> tuple[str, dict]:
    """(unit, findings): what the archive does not know; the rest comes from the round's
    plan (issuer, place, signer), unless the form gives another signer or recipients."""
    findings: dict = {}
    signer = {k: clean(form.get(f"signer_{k}") or "") for k in ("authority", "title", "name")}
    if signer["title"] or signer["name"]:
        findings["signer"] = {"authority": signer["authority"] or None,
                              "title": signer["title"], "name": signer["name"]}
    if lines(form.get("recipients")):
        findings["recipients"] = _recipients(form.get("recipients"))
    number = (form.get("number") or "").strip()
    if number and not number.isdigit():
        raise ApiError(422, "bad_number", "số văn bản phải là số nguyên", field="number")
    findings.update({
        "number": int(number) if number else None,
        "symbol": clean(form.get("symbol") or ""), "date": _date(form.get("date"), "date"),
        "inspection": {"date": _date(form.get("inspection_date"), "inspection_date"),
                       "team": clean(form.get("team") or "")},
        "results": [{"key": key, "area": area, "paragraphs": lines(form.get(f"area_{key}"))}
                    for key, area in AREAS if lines(form.get(f"area_{key}"))],
        "strengths": lines(form.get("strengths")), "weaknesses": lines(form.get("weaknesses")),
        "causes": lines(form.get("causes")),
        "recommendations": _recommendations(form.get("recommendations")),
    })
    if (form.get("report_deadline") or "").strip():  # never a deadline nobody typed
        findings["report_deadline"] = _date(form.get("report_deadline"), "report_deadline")
    return clean(form.get("unit") or ""), findings


# ---------------------------------------------------------------- the plan form

# The plan form's labels by plan field, for its error messages.
PLAN_LABELS = {
    "title": "Tên loại văn bản", "number": "Số", "symbol": "Ký hiệu", "place": "Địa danh",
    "date": "Ngày ban hành", "date.year": "Năm", "date.month": "Tháng", "date.day": "Ngày",
    "issuer": "Cơ quan ban hành", "issuer.parent": "Cơ quan chủ quản",
    "issuer.name": "Tên cơ quan ban hành", "issuer.code": "Viết tắt",
    "subject": "Trích yếu", "preamble": "Căn cứ, mở đầu", "purposes": "Mục đích",
    "requirements": "Yêu cầu", "contents": "Nội dung kiểm tra", "schedule": "Lịch kiểm tra",
    "schedule_note": "Ghi chú lịch", "team": "Thành phần đoàn kiểm tra",
    "tasks": "Tổ chức thực hiện", "closing": "Câu kết", "signer": "Người ký",
    "signer.authority": "Thẩm quyền ký", "signer.title": "Chức vụ",
    "signer.name": "Người ký", "recipients": "Nơi nhận",
}
PLAN_LINES = ("subject", "preamble", "purposes", "requirements", "contents", "team", "tasks")
QUARTERS = ("I", "II", "III", "IV")
SCHEDULE_COLUMNS = ("quarter", "group", "name", "short", "level")
BLANK_ROWS = 3
MAX_ROWS = 300


def schedule_rows(schedule: list | None) -> list[dict]:
    """The plan's schedule as the form's table: one row per unit."""
    return [{"quarter": q.get("quarter", ""), "group": g.get("label", ""),
             "name": u.get("name", ""), "short": u.get("short") or "",
             "level": u.get("level") or ""}
            for q in schedule or [] for g in q.get("groups") or [] for u in g.get("units") or []]


def recipients_text(recipients: list | None) -> str:
    """Nơi nhận one per line; a sub-list's items follow their line, each after "+ "."""
    out = []
    for r in recipients or []:
        if isinstance(r, dict):
            out.append(r.get("text", ""))
            out += [f"+ {item}" for item in r.get("items") or []]
        else:
            out.append(str(r))
    return "\n".join(out)


def _recipients(text: str | None) -> list:
    out: list = []
    for line in lines(text):
        if line.startswith("+") and out:
            item = clean(line[1:])
            if isinstance(out[-1], str):
                out[-1] = {"text": out[-1], "items": []}
            out[-1]["items"].append(item)
        else:
            out.append(line)
    return out


def next_year_plan(plan: dict) -> dict:
    """Last round's plan as the start of the next: same schedule, signer and recipients,
    the year moved on ("năm 2023" → "năm 2024"), and no number or day, which belong to
    the new plan when it is issued."""
    import copy

    new = copy.deepcopy(plan)
    date = plan.get("date")
    old = date.get("year") if isinstance(date, dict) else (
        int(date[:4]) if isinstance(date, str) and date[:4].isdigit() else None)
    if isinstance(old, int):
        new["date"] = {"year": old + 1, "month": None, "day": None}
        for key in PLAN_LINES:
            new[key] = [x.replace(f"năm {old}", f"năm {old + 1}") if isinstance(x, str) else x
                        for x in new.get(key) or []]
    new["number"] = None
    return new


def plan_form_values(plan: dict) -> dict:
    """The plan as the form's plain fields (a new plan starts from last year's)."""
    date = plan.get("date") if isinstance(plan.get("date"), dict) else {}
    signer = plan.get("signer") or {}
    issuer = plan.get("issuer") or {}
    name = issuer.get("name") or []
    values = {k: "\n".join(x for x in plan.get(k) or [] if isinstance(x, str))
              for k in PLAN_LINES}
    values.update({
        "number": plan.get("number") or "", "symbol": plan.get("symbol") or "",
        "year": date.get("year") or "", "month": date.get("month") or "",
        "day": date.get("day") or "", "rows": schedule_rows(plan.get("schedule")),
        "schedule_note": plan.get("schedule_note") or "", "closing": plan.get("closing") or "",
        "signer_authority": signer.get("authority") or "", "signer_title": signer.get("title"),
        "signer_name": signer.get("name"), "issuer_parent": issuer.get("parent") or "",
        "issuer_name": "\n".join([name] if isinstance(name, str) else name),
        "issuer_code": issuer.get("code") or "", "place": plan.get("place") or "",
        "title": plan.get("title") or "KẾ HOẠCH",
        "recipients": recipients_text(plan.get("recipients")),
    })
    return values


def form_rows(form: dict) -> list[dict]:
    """The schedule table's rows as posted (``quarter_3``, ``name_3`` …), blank rows kept
    so a form sent back with an error shows what was typed."""
    rows = []
    for i in range(MAX_ROWS):
        if f"name_{i}" not in form and f"quarter_{i}" not in form:
            break
        rows.append({c: clean(form.get(f"{c}_{i}") or "") for c in SCHEDULE_COLUMNS})
    return rows


def _int_or_none(value: str | None, field: str, label: str) -> int | None:
    value = (value or "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise ApiError(422, "bad_number", f"{label} phải là số nguyên", field=field)
    return int(value)


def _schedule(rows: list[dict]) -> list[dict]:
    quarters: dict[str, dict] = {}
    for i, row in enumerate(rows, start=1):
        if not row["name"]:
            continue  # a blank row of the table
        if row["quarter"] not in QUARTERS or not row["group"]:
            raise ApiError(422, "bad_schedule", f"lịch kiểm tra, dòng {i} ({row['name']}): "
                           "cần chọn quý (I–IV) và ghi nhóm đơn vị", field=f"name_{i - 1}")
        quarter = quarters.setdefault(row["quarter"], {"quarter": row["quarter"], "groups": []})
        group = next((g for g in quarter["groups"] if g["label"] == row["group"]), None)
        if group is None:
            group = {"label": row["group"], "units": []}
            quarter["groups"].append(group)
        unit = {"name": row["name"]}
        unit.update({k: row[k] for k in ("short", "level") if row[k]})
        group["units"].append(unit)
    if not quarters:
        raise ApiError(422, "bad_schedule", "lịch kiểm tra chưa có đơn vị nào", field="name_0")
    return [quarters[q] for q in QUARTERS if q in quarters]


def plan_from_form(form: dict) -> dict:
    year = _int_or_none(form.get("year"), "year", "năm")
    if year is None:
        raise ApiError(422, "bad_date", "cần ghi năm ban hành", field="year")
    plan = {"kind": "plan", "title": clean(form.get("title") or "") or "KẾ HOẠCH",
            "issuer": {"parent": clean(form.get("issuer_parent") or "") or None,
                       "name": lines(form.get("issuer_name")),
                       "code": clean(form.get("issuer_code") or "") or None},
            "place": clean(form.get("place") or ""),
            "recipients": _recipients(form.get("recipients"))}
    plan["issuer"] = {k: v for k, v in plan["issuer"].items() if v is not None or k == "parent"}
    plan.update({k: lines(form.get(k)) for k in PLAN_LINES})
    plan.update({
        "number": _int_or_none(form.get("number"), "number", "số văn bản"),
        "symbol": clean(form.get("symbol") or ""),
        "date": {"year": year, "month": _int_or_none(form.get("month"), "month", "tháng"),
                 "day": _int_or_none(form.get("day"), "day", "ngày")},
        "schedule": _schedule(form_rows(form)),
        "schedule_note": clean(form.get("schedule_note") or "") or None,
        "closing": clean(form.get("closing") or "") or None,
        "signer": {"authority": clean(form.get("signer_authority") or "") or None,
                   "title": clean(form.get("signer_title") or ""),
                   "name": clean(form.get("signer_name") or "")},
    })
    return {k: v for k, v in plan.items() if v is not None or k == "number"}
