"""Building a conclusion's data from the web form's plain fields."""

from __future__ import annotations

import copy
import datetime as dt
import json

from cchc import examples
from cchc.generator.documents import KINDS
from cchc.vn import clean

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
    try:
        d = dt.date.fromisoformat((value or "").strip())
    except ValueError as exc:
        raise ApiError(422, "bad_date", f"ngày '{value}' không hợp lệ (dạng YYYY-MM-DD)",
                       field=field) from exc
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
    """(unit, findings): what the archive does not know; the rest comes from the round."""
    try:
        office = json.loads(form.get("office") or "{}")
    except ValueError as exc:
        raise ApiError(422, "bad_json", "phần ghi đè thông tin cơ quan (JSON) sai cú pháp",
                       field="office") from exc
    if not isinstance(office, dict):
        raise ApiError(422, "bad_json", "phần ghi đè thông tin cơ quan phải là đối tượng JSON",
                       field="office")
    findings = copy.deepcopy(office)
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
    return clean(form.get("unit") or ""), findings


# ---------------------------------------------------------------- the plan form

PLAN_LINES = ("subject", "preamble", "purposes", "requirements", "contents", "team", "tasks")
PLAN_OTHER = ("issuer", "place", "title", "recipients")


def _schedule_text(schedule: list) -> str:
    out = []
    for q in schedule or []:
        for g in q.get("groups") or []:
            for u in g.get("units") or []:
                parts = [q.get("quarter", ""), g.get("label", ""), u.get("name", ""),
                         u.get("short") or "", u.get("level") or ""]
                while parts and not parts[-1]:
                    parts.pop()
                out.append(" | ".join(parts))
    return "\n".join(out)


def plan_form_values(plan: dict) -> dict:
    """The plan as the form's plain fields (a new plan starts from last year's)."""
    date = plan.get("date") if isinstance(plan.get("date"), dict) else {}
    signer = plan.get("signer") or {}
    values = {k: "\n".join(x for x in plan.get(k) or [] if isinstance(x, str))
              for k in PLAN_LINES}
    values.update({
        "number": plan.get("number") or "", "symbol": plan.get("symbol") or "",
        "year": date.get("year") or "", "month": date.get("month") or "",
        "day": date.get("day") or "", "schedule": _schedule_text(plan.get("schedule")),
        "schedule_note": plan.get("schedule_note") or "", "closing": plan.get("closing") or "",
        "signer_authority": signer.get("authority") or "", "signer_title": signer.get("title"),
        "signer_name": signer.get("name"),
        "other": json.dumps({k: plan[k] for k in PLAN_OTHER if k in plan}, ensure_ascii=False,
                            indent=2),
    })
    return values


def _int_or_none(value: str | None, field: str, label: str) -> int | None:
    value = (value or "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise ApiError(422, "bad_number", f"{label} phải là số nguyên", field=field)
    return int(value)


def _schedule(text: str | None) -> list[dict]:
    quarters: dict[str, dict] = {}
    for i, line in enumerate(lines(text), start=1):
        parts = [clean(p) for p in line.split("|")]
        if len(parts) < 3 or not all(parts[:3]):
            raise ApiError(422, "bad_schedule", f"lịch kiểm tra, dòng {i}: cần ghi "
                           "'Quý | Nhóm | Tên đơn vị' (thêm '| Tên ngắn | Cấp' nếu có)",
                           field="schedule")
        quarter = quarters.setdefault(parts[0], {"quarter": parts[0], "groups": []})
        group = next((g for g in quarter["groups"] if g["label"] == parts[1]), None)
        if group is None:
            group = {"label": parts[1], "units": []}
            quarter["groups"].append(group)
        unit = {"name": parts[2]}
        if len(parts) > 3 and parts[3]:
            unit["short"] = parts[3]
        if len(parts) > 4 and parts[4]:
            unit["level"] = parts[4]
        group["units"].append(unit)
    return list(quarters.values())


def plan_from_form(form: dict) -> dict:
    try:
        other = json.loads(form.get("other") or "{}")
    except ValueError as exc:
        raise ApiError(422, "bad_json", "phần cơ quan ban hành, nơi nhận (JSON) sai cú pháp",
                       field="other") from exc
    if not isinstance(other, dict):
        raise ApiError(422, "bad_json", "phần cơ quan ban hành, nơi nhận phải là đối tượng JSON",
                       field="other")
    year = _int_or_none(form.get("year"), "year", "năm")
    if year is None:
        raise ApiError(422, "bad_date", "cần ghi năm ban hành", field="year")
    plan = {**other, "kind": "plan"}
    plan.update({k: lines(form.get(k)) for k in PLAN_LINES})
    plan.update({
        "number": _int_or_none(form.get("number"), "number", "số văn bản"),
        "symbol": clean(form.get("symbol") or ""),
        "date": {"year": year, "month": _int_or_none(form.get("month"), "month", "tháng"),
                 "day": _int_or_none(form.get("day"), "day", "ngày")},
        "schedule": _schedule(form.get("schedule")),
        "schedule_note": clean(form.get("schedule_note") or "") or None,
        "closing": clean(form.get("closing") or "") or None,
        "signer": {"authority": clean(form.get("signer_authority") or "") or None,
                   "title": clean(form.get("signer_title") or ""),
                   "name": clean(form.get("signer_name") or "")},
    })
    return {k: v for k, v in plan.items() if v is not None or k == "number"}
