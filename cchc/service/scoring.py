"""The scoring pages' data: one unit's points laid out by group, the round's ranking
per level, a posted scoring form read back into a scores entry, and the scoring
rules' refusals said in the page's words (criterion and column, never a JSON path).
"""

from __future__ import annotations

import re

from cchc.archive.db import Archive
from cchc.core.spec import INDICATORS
from cchc.core.vn import format_number

from .errors import ApiError

COLUMNS = {"self": "điểm tự chấm", "evidence": "tài liệu kiểm chứng",
           "verified": "điểm thẩm định", "reason": "lý do"}
FIELD_LABELS = {"tthc_stats": "bảng thống kê kết quả giải quyết TTHC",
                "investment": "mục kinh phí của báo cáo",
                **{f"indicators.{i.id}": f"chỉ tiêu {i.section} ({i.label})" for i in INDICATORS}}
_PROBLEM = re.compile(r"^\$?\.?(self|verified)\['([^']+)'\](?:\.(\w+))?: (.*)$")
MAX_FIELD = 2000


def field_label(where: str | None) -> str:
    """The record field a computed point was read from, as staff know it."""
    if not where:
        return ""
    if where.startswith("sections."):
        return f"mục {where.removeprefix('sections.')} của báo cáo"
    return FIELD_LABELS.get(where, where)


def shown(points: float | None) -> str:
    return "" if points is None else format_number(points)


def draft_of_report(archive: Archive, report_id: int | None) -> int | None:
    """The accepted upload a report came from, whose review page shows the original
    beside the record; None for a report imported without one (API, command line)."""
    from sqlalchemy import select

    from .models import Draft

    if report_id is None:
        return None
    with archive.sessions() as s:
        return s.scalar(select(Draft.id).where(Draft.report_id == report_id)
                        .order_by(Draft.id.desc()).limit(1))


def place_of(draft_id: int | None, record: dict | None, where: str | None) -> str | None:
    """The review page's part where the field ``where`` stands beside the original:
    the statistics grid, or the outline section holding the text or the indicator."""
    from .review import layout

    if draft_id is None or not where or not isinstance(record, dict):
        return None
    if where == "tthc_stats":
        return f"/drafts/{draft_id}#h-stats"
    if where.startswith("sections."):
        key = where.removeprefix("sections.")
    elif where.startswith("indicators."):
        key = next((i.section for i in INDICATORS if f"indicators.{i.id}" == where), None)
    else:
        key = "5.5" if where == "investment" else None
    keys = [sec["key"] for sec in layout(record)["sections"]]
    return f"/drafts/{draft_id}#h-s{keys.index(key) + 1}" if key in keys else None


def unit_view(score, places: dict[str, str | None] | None = None) -> list[dict]:
    """The unit's points by group: [{"id", "title", "max", "lines": [...]}];
    ``places``: record field → where it stands beside the original."""
    places = places or {}
    groups = {g["id"]: {"id": g["id"], "title": g["title"], "lines": []}
              for g in score.criteria.groups}
    for ln in score.lines:
        c = ln.computed
        groups[ln.leaf.group]["lines"].append({
            "id": ln.leaf.id, "title": ln.leaf.title, "how": ln.leaf.how,
            "max": shown(ln.leaf.max_points), "self": shown(ln.self_points),
            "evidence": ln.evidence, "computed": shown(c.points) if c else None,
            "note": c.note if c else "", "field": field_label(c.where) if c else "",
            "place": places.get(c.where) if c else None,
            "verified": shown(ln.verified), "reason": ln.reason, "final": shown(ln.final),
            "differs": ln.differs, "missing": ln.missing})
    for g in groups.values():
        g["max"] = shown(score.criteria.group_max(g["id"]))
    return list(groups.values())


def _points(text: str, leaf_id: str, column: str) -> float | None:
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise ApiError(422, "invalid", f"tiêu chí {leaf_id}, {COLUMNS[column]}: '{text[:20]}' "
                       "không phải số điểm", field=f"{column}.{leaf_id}") from None
    if not 0 <= value <= 1000:
        raise ApiError(422, "invalid", f"tiêu chí {leaf_id}, {COLUMNS[column]}: {text[:20]} "
                       "không phải số điểm hợp lệ", field=f"{column}.{leaf_id}")
    return value


def entry_from_form(form: dict, leaf_ids: list[str]) -> dict:
    """A scores entry from the posted form: self.<id>, evidence.<id>, verified.<id>,
    reason.<id>; a blank score is no score."""
    own, team = {}, {}
    for leaf_id in leaf_ids:
        mine = _points(form.get(f"self.{leaf_id}", ""), leaf_id, "self")
        if mine is not None:
            own[leaf_id] = {"points": mine,
                            "evidence": form.get(f"evidence.{leaf_id}", "")[:MAX_FIELD].strip()}
        checked = _points(form.get(f"verified.{leaf_id}", ""), leaf_id, "verified")
        if checked is not None:
            team[leaf_id] = {"points": checked,
                             "reason": form.get(f"reason.{leaf_id}", "")[:MAX_FIELD].strip()}
    return {"self": own, "verified": team}


def self_changes(stored: dict, entry: dict, leaf_ids: list[str]) -> list[str]:
    """The criteria (in the set's order) whose self-score or its evidence ``entry``
    changes from the ``stored`` entry: what a save of the unit's form audits as its
    "score_self" (the verified ones have their own "verify_score" rows)."""
    def point(part: dict, leaf_id: str) -> tuple:
        p = part.get(leaf_id)
        return (None, "") if p is None else (float(p["points"]), p.get("evidence") or "")

    before, after = stored.get("self") or {}, entry.get("self") or {}
    return [i for i in leaf_ids if point(before, i) != point(after, i)]


def problem_words(problem: str) -> str:
    """"$.verified['4'].reason: điểm thẩm định 1 khác …" → "Tiêu chí 4, lý do: …"."""
    m = _PROBLEM.match(problem)
    if m is None:
        return problem
    part, leaf_id, column, text = m.groups()
    column = "reason" if column == "reason" else part
    return f"Tiêu chí {leaf_id}, {COLUMNS[column]}: {text}"


def ranking_view(archive: Archive, code: str) -> dict | None:
    """{"criteria", "levels": [{"label", "rows"}], "unscored"} or None when the round has
    not been scored on any set."""
    from cchc.archive.scores import stored_criteria
    from cchc.scoring.criteria import LEVEL_LABELS
    from cchc.usecases.score import stored_ranking

    if stored_criteria(archive, code) is None:
        return None
    cs, _data, _scores, by_level, unscored = stored_ranking(archive, code)
    levels = [{"level": level, "label": LEVEL_LABELS.get(level, level), "rows": [
        {"rank": r.rank, "tied": r.tied, "unit": r.score.unit, "total": shown(r.score.total),
         "percent": shown(r.score.percent), "missing": len(r.score.missing),
         "differs": sum(ln.differs for ln in r.score.lines)} for r in ranked]}
        for level, ranked in by_level.items()]
    return {"criteria": cs, "max": shown(cs.max_points), "levels": levels,
            "unscored": unscored}
