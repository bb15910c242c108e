"""A unit's reports across rounds, through mergers: the history trends are drawn from.

A unit formed by merging others (Sở A + Sở B → Sở A-B) answers for their past: its
history holds, for each earlier round, the current report of whichever unit of its
lineage reported then (its own first, then its predecessors'), so "so với năm 2022"
compares like with like.
"""

from __future__ import annotations

from sqlalchemy import func, select

from .db import Archive
from .mergers import lineage
from .models import Report, Round
from .units import find_unit


def unit_history(archive: Archive, unit_name: str) -> list[dict]:
    """[{"round", "year", "unit_id", "record"}] oldest first, one per round."""
    with archive.sessions() as s:
        unit = find_unit(s, unit_name)
        if unit is None:
            return []
        family = lineage(s, unit.id)
        latest = (select(Report.round_id, Report.unit_id, func.max(Report.version).label("v"))
                  .where(Report.unit_id.in_(family))
                  .group_by(Report.round_id, Report.unit_id).subquery())
        rows = s.execute(
            select(Report, Round).join(latest, (Report.round_id == latest.c.round_id)
                                       & (Report.unit_id == latest.c.unit_id)
                                       & (Report.version == latest.c.v))
            .join(Round, Round.id == Report.round_id)
            .order_by(Round.year, Round.created_at, Round.id)).all()
        out: dict[int, dict] = {}
        for rep, rnd in rows:
            mine = rep.unit_id == unit.id
            if rnd.id not in out or (mine and out[rnd.id]["unit_id"] != unit.id):
                out[rnd.id] = {"round": rnd.code, "year": rnd.year, "unit_id": rep.unit_id,
                               "record": rep.record}
        return list(out.values())


def record_before(archive: Archive, code: str, unit_name: str) -> tuple[dict | None, int | None]:
    """The unit's (or its lineage's) record of the latest round before ``code``, and
    that round's year."""
    history = unit_history(archive, unit_name)
    codes = [h["round"] for h in history]
    if code in codes:
        history = history[:codes.index(code)]
    else:
        with archive.sessions() as s:
            year = s.scalar(select(Round.year).where(Round.code == code))
        history = [h for h in history if year is None or (h["year"] or 0) < year]
    return (history[-1]["record"], history[-1]["year"]) if history else (None, None)

