"""The round's summary report (Báo cáo kết quả kiểm tra) as an official-format DOCX.

Fed by ``archive.summary_data.round_summary``: the same per-unit figures as the
summary workbook, plus a ranking by on-time rate (ties broken by the online
ratio) and, once the round is scored, the ranking by its criteria set, so the
standing office can send it to the People's Committee as is.
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


def _tie_break_words(cs) -> str:
    groups = {g["id"]: g["title"] for g in cs.groups}
    words = []
    for rule in cs.tie_break:
        kind, _, ref = rule.partition(":")
        words.append(f"điểm lĩnh vực {ref} ({groups.get(ref, ref)})" if kind == "group"
                     else f"điểm tiêu chí {ref}")
    return ", rồi ".join(words)


def score_rows(cs, by_level: dict) -> dict | None:
    """The ranking by a criteria set, for the summary's table: each level in turn, its
    units by rank (equal rank written "2 (đồng hạng)")."""
    from cchc.scoring.criteria import LEVEL_LABELS

    if not by_level:
        return None
    rows = []
    for level, ranked in by_level.items():
        for item in ranked:
            s = item.score
            own = [ln.self_points for ln in s.lines if ln.self_points is not None]
            rows.append({"stt": str(len(rows) + 1),
                         "name": s.unit + (f" (khối {LEVEL_LABELS.get(level, level)})"
                                           if len(by_level) > 1 else ""),
                         "self": vn.format_number(round(sum(own), 2)) if own else "–",
                         "final": vn.format_number(s.total),
                         "percent": vn.format_number(s.percent, 2),
                         "rank": str(item.rank) + (" (đồng hạng)" if item.tied else "")})
    ties = _tie_break_words(cs)
    return {"rows": rows, "rule": (
        f"Chấm theo {cs.name} ({cs.source}), tối đa {vn.format_number(cs.max_points)} điểm; "
        "xếp hạng theo tỷ lệ điểm đạt" + (f", bằng nhau thì theo {ties}" if ties else "")
        + "; vẫn bằng nhau thì đồng hạng.")}


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


def summary_context(data: dict, header: dict, scores: dict | None = None) -> dict:
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
        scores=scores,
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


def summary_docx(data: dict, header: dict, scores: dict | None = None) -> bytes:
    """The round's official summary report as .docx bytes; ``scores`` (``score_rows``)
    adds the ranking by the criteria set the round was scored on."""
    return compiled(templates.path("summary")).render(summary_context(data, header, scores))


def write_summary_docx(data: dict, target: str | Path, header: dict,
                       scores: dict | None = None) -> Path:
    write_bytes(target, summary_docx(data, header, scores))
    return Path(target)
