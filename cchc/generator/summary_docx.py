"""The round's summary report (Báo cáo kết quả kiểm tra) as an official-format DOCX.

Fed by ``archive.summary_data.round_summary``: the same per-unit figures as the
summary workbook, plus a ranking by on-time rate (ties broken by the online
ratio), so the standing office can send it to the People's Committee as is.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cchc import templates
from cchc.core import vn
from cchc.core.outfile import write_bytes

from . import context
from .documents import compiled

KEY_INDICATORS = {"full_process": "full_process_dvc_ratio", "payment": "online_payment_ratio",
                  "fully_online": "records_fully_online_ratio",
                  "digitized": "digitized_result_ratio"}


def _pct(value) -> str:
    return "–" if value is None else vn.format_number(value, 2)


def _unit_row(u: dict) -> dict:
    stats = u.get("stats") or {}
    row = {
        "name": u["unit"] + ("" if u["reported"] else " (chưa nộp báo cáo)"),
        "received": vn.format_number(stats["received_total"]) if stats else "–",
        "resolved": vn.format_number(stats["resolved_total"]) if stats else "–",
        "late": vn.format_number(stats["resolved_late"]) if stats else "–",
        "online_ratio": _pct(u["online_ratio"]), "on_time_rate": _pct(u["on_time_rate"]),
        "warnings": str(u["warnings"]) if u["reported"] else "–",
    }
    row.update({k: _pct(u["indicators"].get(i)) for k, i in KEY_INDICATORS.items()})
    return row


def ranking(units: list[dict]) -> list[dict]:
    """Reporting units by on-time rate, then online ratio; equal figures share a rank."""
    ranked = sorted((u for u in units if u["on_time_rate"] is not None),
                    key=lambda u: (-u["on_time_rate"], -(u["online_ratio"] or 0), u["unit"]))
    out, last, rank = [], None, 0
    for i, u in enumerate(ranked, 1):
        key = (u["on_time_rate"], u["online_ratio"])
        rank = rank if key == last else i
        last = key
        out.append({"rank": str(rank), "name": u["unit"], "on_time_rate": _pct(u["on_time_rate"]),
                    "online_ratio": _pct(u["online_ratio"]),
                    "open": str(u["recommendations"].get("open", 0)
                                + u["recommendations"].get("overdue", 0))})
    return out


# Plan II.7–8: the area, its heading in the summary, the Sở that reports on it.
THEMATIC = (("institutions", "V. CẢI CÁCH THỂ CHẾ", "Sở Tư pháp"),
            ("public_finance", "VI. CẢI CÁCH TÀI CHÍNH CÔNG", "Sở Tài chính"))


def _cited(doc: dict, sender: str) -> str:
    """"Theo Báo cáo số 45/BC-STP ngày 25/11/2023 của Sở Tư pháp:" from what was read."""
    number, date = doc.get("number"), doc.get("date")
    when = ""
    if date:
        try:
            when = " ngày " + dt.date.fromisoformat(str(date)[:10]).strftime("%d/%m/%Y")
        except ValueError:
            when = ""
    return f"Theo Báo cáo{f' số {number}' if number else ''}{when} của {sender}:"


def thematic_sections(thematic: dict) -> list[dict]:
    """Each area's section: the latest report's body, or that it has not come in."""
    out = []
    for area, heading, sender in THEMATIC:
        got = (thematic or {}).get(area)
        if got and got.get("paragraphs"):
            read = vn.clean(got.get("sender") or "")
            named = sender if not read or read.casefold() == sender.casefold() else read
            out.append({"heading": heading, "paragraphs": got["paragraphs"],
                        "source_line": _cited(got.get("document") or {}, named)})
        else:
            out.append({"heading": heading, "paragraphs": [],
                        "source_line": f"Chưa nhận được báo cáo kết quả kiểm tra của {sender} "
                                       "về lĩnh vực này."})
    return out


def summary_context(data: dict, header: dict) -> dict:
    year = data.get("year") or dt.date.today().year
    totals = data["totals"]
    ctx = context.document_context({**header, "subject": header.get("subject") or [
        "Kết quả kiểm tra công tác cải cách hành chính,",
        f"thực hiện ISO, chuyển đổi số năm {year}"]})
    st = totals["stats"]
    ctx.update(
        title="BÁO CÁO",
        intro=[f"Thực hiện kế hoạch kiểm tra năm {year} (đợt {data['round']}), các Tổ kiểm tra "
               f"đã kiểm tra {totals['units']} cơ quan, đơn vị, địa phương"
               + (f" (trong đó {totals['units_surprise']} đơn vị kiểm tra đột xuất)"
                  if totals.get("units_surprise") else "") + "; "
               f"{totals['units_reported']} đơn vị đã gửi báo cáo"
               + (f" (ngoài ra {totals['units_unscheduled']} đơn vị ngoài lịch kiểm tra)"
                  if totals.get("units_unscheduled") else "") + ". Kết quả như sau:"],
        units=[_unit_row(u) for u in data["units"]],
        totals_line=(f"Tổng cộng: tiếp nhận {vn.format_number(st['received_total'])} hồ sơ, "
                     f"tỷ lệ trực tuyến {_pct(totals['online_ratio'])}%; đã giải quyết "
                     f"{vn.format_number(st['resolved_total'])} hồ sơ, tỷ lệ đúng hạn "
                     f"{_pct(totals['on_time_rate'])}%."),
        ranking_rule="Xếp theo tỷ lệ hồ sơ giải quyết đúng hạn, bằng nhau thì theo tỷ lệ "
                     "tiếp nhận trực tuyến.",
        ranking=ranking(data["units"]),
        recommendations=[{"unit": r["unit"], "text": r["text"],
                          "deadline": r["deadline"].strftime("%d/%m/%Y") if r["deadline"]
                          else "–", "status": r["status_label"]}
                         for r in data["recommendations"]],
        thematic=thematic_sections(data.get("thematic") or {}),
    )
    return ctx


def default_header(plan: dict | None, year: int | None) -> dict:
    """Issued under the plan's issuer and signer unless the office gives its own header."""
    plan = plan or {}
    today = dt.date.today()
    return {"issuer": plan.get("issuer") or {"name": "SỞ NỘI VỤ"}, "number": None,
            "symbol": "BC-UBND", "place": plan.get("place") or "…",
            "date": {"year": year or today.year},
            "signer": plan.get("signer") or {"title": "THỦ TRƯỞNG CƠ QUAN", "name": "…"},
            "recipients": plan.get("recipients") or ["Lưu: VT."]}


def summary_docx(data: dict, header: dict) -> bytes:
    """The round's official summary report as .docx bytes."""
    return compiled(templates.path("summary")).render(summary_context(data, header))


def write_summary_docx(data: dict, target: str | Path, header: dict) -> Path:
    write_bytes(target, summary_docx(data, header))
    return Path(target)
