"""The record's self-checks: each contradiction is a warning, never a silent fix."""

from __future__ import annotations

from cchc.core.figures import column_sums, total_of
from cchc.core.spec import (
    COUNT_KEYS,
    INDICATORS,
    OUTLINE_KEYS,
    OUTLINE_TITLES,
    STATS_COLUMNS,
    STATS_SUMS,
)
from cchc.core.vn import format_number
from cchc.core.warning_codes import WARNING_CODES

RATIO_TOLERANCE = 0.1
_COL = {c.key: c.number for c in STATS_COLUMNS}
_LABEL = {"received_total": "Số hồ sơ nhận giải quyết — Tổng số",
          "resolved_total": "Số hồ sơ đã giải quyết — Tổng số",
          "pending_total": "Số hồ sơ đang giải quyết — Tổng số"}


def warning(code: str, where: str, message: str) -> dict:
    assert code in WARNING_CODES, f"warning code {code} is not in cchc.core.warning_codes"
    return {"code": code, "where": where, "message": message}


def stats_warnings(stats: dict | None) -> list[dict]:
    if not stats:
        return []
    out = []
    for i, row in enumerate(stats["rows"]):
        name = row.get("field") or f"STT {row.get('stt')}"
        out.extend(_sum_checks(row, f"tthc_stats.rows[{i}]", f"Dòng {i + 1} ({name})"))
    total = stats.get("total")
    if total:
        out.extend(_sum_checks(total, "tthc_stats.total", "Dòng Tổng số"))
        sums = column_sums(stats["rows"])
        for key in COUNT_KEYS:
            printed, computed = total.get(key), sums[key]
            if printed is None or computed is None:
                continue
            if computed != printed:
                out.append(warning(
                    "stats.total_mismatch", f"tthc_stats.total.{key}",
                    f"Dòng Tổng số, cột ({_COL[key]}): ghi {format_number(printed)} nhưng tổng "
                    f"các dòng là {format_number(computed)}"))
    return out + _suspect_cells(out)


def _suspect_cells(found: list[dict]) -> list[dict]:
    """The one cell both its row's sum and its column's total contradict: the likely
    misread ("71" read "7"), flagged extract.uncertain by its own path."""
    columns = {w["where"].rsplit(".", 1)[1] for w in found if w["code"] == "stats.total_mismatch"}
    out = []
    for w in found:
        if w["code"] != "stats.sum_mismatch" or not w["where"].startswith("tthc_stats.rows["):
            continue
        row, total_key = w["where"].rsplit(".", 1)
        for key in (total_key, *STATS_SUMS[total_key]):
            if key in columns:
                out.append(warning(
                    "extract.uncertain", f"{row}.{key}",
                    f"Ô cột ({_COL[key]}) trái với cả tổng của dòng lẫn dòng Tổng số: có thể "
                    f"đọc sai, cần đối chiếu với bản gốc"))
    return out


def _sum_checks(row: dict, where: str, label: str) -> list[dict]:
    out = []
    for total_key, parts in STATS_SUMS.items():
        printed = row.get(total_key)
        computed = total_of(row.get(p) for p in parts)
        if printed is None or computed is None:
            continue
        if computed != printed:
            cols = " + ".join(f"({_COL[p]})" for p in parts)
            out.append(warning(
                "stats.sum_mismatch", f"{where}.{total_key}",
                f"{label}: {_LABEL[total_key]} ({_COL[total_key]}) ghi "
                f"{format_number(printed)} nhưng {cols} = {format_number(computed)}"))
    return out


def finish_indicator(ind_id: str, value: dict) -> tuple[dict, list[dict]]:
    """Compute the rate from the counts; warn when the written rate disagrees."""
    v, num, den = value.get("value"), value.get("numerator"), value.get("denominator")
    out = {"value": v, "numerator": num, "denominator": den}
    warnings = []
    if num is not None and den:
        computed = round(num / den * 100, 2)
        if v is None:
            out["value"] = computed
        elif abs(v - computed) > RATIO_TOLERANCE:
            warnings.append(warning(
                "indicator.ratio_mismatch", f"indicators.{ind_id}",
                f"Chỉ tiêu {_label(ind_id)}: ghi tỷ lệ {format_number(v)}% nhưng "
                f"{num}/{den} = {format_number(computed)}%"))
    if num is not None and den is not None and num > den:
        warnings.append(warning(
            "indicator.count_exceeds", f"indicators.{ind_id}",
            f"Chỉ tiêu {_label(ind_id)}: tử số {num} lớn hơn mẫu số {den}"))
    return out, warnings


def label(ind_id: str) -> str:
    """The indicator's outline wording (shortened), for messages."""
    return _label(ind_id)


def _label(ind_id: str) -> str:
    return next(i.label for i in INDICATORS if i.id == ind_id)


def outline_warnings(sections: dict, indicators: dict, district: bool) -> list[dict]:
    out = []
    has_sub5 = any(k.startswith("5.") for k in sections)
    for key in OUTLINE_KEYS:
        if key not in sections and not (key == "5" and has_sub5):
            out.append(warning("outline.section_missing", f"sections.{key}",
                               f"Báo cáo thiếu mục {key}. {OUTLINE_TITLES[key]} của đề cương"))
    for ind in INDICATORS:
        if ind.district_only and not district:
            continue
        if ind.id not in indicators:
            out.append(warning("outline.indicator_missing", f"indicators.{ind.id}",
                               f"Báo cáo không nêu chỉ tiêu mục {ind.section}: {ind.label}"))
    return out


def record_warnings(record: dict, district: bool) -> list[dict]:
    """Every check the extractor makes on what a report says, run on a record as typed
    (the units' online form, issue 25): the sums of the statistics table, rates that
    contradict their counts, missing sections and indicators. One validator for both,
    so a unit sees while typing exactly what staff would see after extraction."""
    out = []
    for ind_id, value in (record.get("indicators") or {}).items():
        out.extend(finish_indicator(ind_id, value)[1])
    out.extend(stats_warnings(record.get("tthc_stats")))
    out.extend(outline_warnings(record.get("sections") or {}, record.get("indicators") or {},
                                district))
    return out
