"""Building a conclusion's data from the web form's plain fields."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

from cchc.vn import clean

from .errors import ApiError

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
AREAS = [("1", "Công tác chỉ đạo, điều hành"), ("2", "Cải cách thủ tục hành chính"),
         ("3", "Cải cách tổ chức bộ máy hành chính nhà nước"),
         ("4", "Cải cách chế độ công vụ"),
         ("5", "Xây dựng và phát triển Chính quyền điện tử, chính quyền số"),
         ("6", "Thực hiện các nhiệm vụ khác được giao"),
         ("7", "Khắc phục tồn tại, kiến nghị của đợt kiểm tra trước")]
def example(kind: str) -> dict:
    name = {"stats-form": "stats"}.get(kind, kind)
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


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
