"""An annex merged into a unit's report, field by field, with the conflicts shown.

A unit often sends its report in more than one file: the full DOCX, then the
statistics sheet as XLSX, or a scan of the signed page. A later file is then not a
new version that replaces the report (its indicators would vanish from the summary)
but an annex: what the report lacks is taken from the annex, what both give alike is
kept, and what they give differently keeps the report's value with a warning naming
both, for a person to decide. Nothing is silently overwritten.
"""

from __future__ import annotations

import copy
import json

from cchc.core.vn import format_number

FIELDS = ("document", "period", "sections", "indicators", "investment")


def _empty(value) -> bool:
    return value is None or value == "" or value == {} or value == []


def _shown(value) -> str:
    if isinstance(value, int | float):
        return format_number(value)
    return json.dumps(value, ensure_ascii=False)[:80]


def _merge_dict(base: dict, annex: dict, path: str, conflicts: list[dict]) -> dict:
    out = dict(base)
    for key, theirs in annex.items():
        ours = base.get(key)
        where = f"{path}.{key}"
        if _empty(theirs):
            continue
        if _empty(ours):
            out[key] = copy.deepcopy(theirs)
        elif isinstance(ours, dict) and isinstance(theirs, dict):
            out[key] = _merge_dict(ours, theirs, where, conflicts)
        elif ours != theirs:
            conflicts.append({"where": where, "report": ours, "annex": theirs})
    return out


def _merge_stats(base: dict | None, annex: dict | None, conflicts: list[dict]) -> dict | None:
    if not annex or not annex.get("rows"):
        return base
    if not base or not base.get("rows"):
        return copy.deepcopy(annex)
    if (base.get("total") or {}) != (annex.get("total") or {}) or base["rows"] != annex["rows"]:
        conflicts.append({"where": "tthc_stats", "report": base.get("total"),
                          "annex": annex.get("total")})
    return base


def merge_annex(record: dict, annex: dict, annex_file: str) -> tuple[dict, list[dict]]:
    """(the report's record with the annex merged in, the conflicts); the merged record
    carries a warning per conflict and one naming the annex."""
    merged, conflicts = copy.deepcopy(record), []
    for field in FIELDS:
        if isinstance(annex.get(field), dict):
            merged[field] = _merge_dict(record.get(field) or {}, annex[field], field, conflicts)
    merged["tthc_stats"] = _merge_stats(record.get("tthc_stats"), annex.get("tthc_stats"),
                                        conflicts)
    if merged["tthc_stats"] is None:
        merged.pop("tthc_stats")
    notes = [{"code": "annex.merged", "where": "source",
              "message": f"Đã ghép phụ lục “{annex_file}” vào báo cáo"}]
    notes += [{"code": "annex.conflict", "where": c["where"],
               "message": f"Báo cáo ghi {_shown(c['report'])}, phụ lục “{annex_file}” ghi "
                          f"{_shown(c['annex'])}; giữ số của báo cáo, cần cán bộ quyết định"}
              for c in conflicts]
    merged["warnings"] = [*(record.get("warnings") or []), *notes]
    return merged, conflicts
