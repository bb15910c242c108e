"""What a round's summary needs, per unit, from the current version of each report.

One query for the current reports, one for the schedule, one for the
recommendations, then one pass in Python: the figures come out of JSON records,
which neither database aggregates portably, and a pass over a thousand records
takes well under a second.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy import func, select

from cchc.core.figures import indicator_value, ratio, stats_totals, total_of
from cchc.core.spec import COUNT_KEYS, INDICATORS
from cchc.core.spec import RECOMMENDATION_STATUS_LABELS as STATUS_LABELS
from cchc.core.warning_codes import still_open

from .db import Archive
from .models import Recommendation, Report, RoundUnit, Unit
from .recommendations import effective_status
from .store import get_round


def _unit_figures(record: dict | None) -> dict:
    if record is None:
        return {"indicators": {}, "stats": None, "on_time_rate": None, "online_ratio": None}
    indicators = record.get("indicators") or {}
    stats = stats_totals(record)
    return {
        "indicators": {i.id: indicator_value(indicators.get(i.id)) for i in INDICATORS
                       if i.id in indicators},
        "stats": stats,
        "on_time_rate": ratio(stats["resolved_on_time"], stats["resolved_total"])
        if stats else None,
        "online_ratio": ratio(stats["received_online"], stats["received_total"])
        if stats else None,
    }


def round_summary(archive: Archive, code: str, *, today: dt.date | None = None) -> dict:
    """Per-unit figures of round ``code``: scheduled units first (plan order), then
    units that reported without being scheduled."""
    with archive.sessions() as s:
        rnd = get_round(s, code)
        current = (select(Report.unit_id, func.max(Report.version).label("v"))
                   .where(Report.round_id == rnd.id).group_by(Report.unit_id).subquery())
        reports = {r.unit_id: r for r in s.scalars(
            select(Report).join(current, (Report.unit_id == current.c.unit_id)
                                & (Report.version == current.c.v))
            .where(Report.round_id == rnd.id))}
        schedule = s.execute(select(RoundUnit, Unit).join(Unit, Unit.id == RoundUnit.unit_id)
                             .where(RoundUnit.round_id == rnd.id)
                             .order_by(RoundUnit.position)).all()
        recs = s.execute(select(Recommendation, Unit).join(
            Unit, Unit.id == Recommendation.unit_id).where(Recommendation.round_id == rnd.id)
            .order_by(Unit.name, Recommendation.seq)).all()
        units = {u.id: u for _, u in schedule}
        extra = [uid for uid in reports if uid not in units]
        for unit in s.scalars(select(Unit).where(Unit.id.in_(extra))) if extra else []:
            units[unit.id] = unit
        quarters = {ru.unit_id: ru.quarter for ru, _ in schedule}
        surprise = {ru.unit_id for ru, _ in schedule if ru.surprise}
        order = [u.id for _, u in schedule] + sorted(extra, key=lambda i: units[i].name)

        rec_rows, rec_counts = [], {uid: Counter() for uid in order}
        for rec, unit in recs:
            status = effective_status(rec, today)
            rec_counts.setdefault(unit.id, Counter())[status] += 1
            rec_rows.append({"id": rec.id, "unit": unit.name, "seq": rec.seq, "text": rec.text,
                             "deadline": rec.deadline, "status": status,
                             "status_label": STATUS_LABELS[status], "evidence": rec.evidence})

        rows = []
        for uid in order:
            unit, rep = units[uid], reports.get(uid)
            rows.append({
                "unit": unit.name, "short": unit.short, "level": unit.level,
                "quarter": quarters.get(uid), "scheduled": uid in quarters,
                "surprise": uid in surprise,
                "reported": rep is not None,
                "version": rep.version if rep else None,
                "report_id": rep.id if rep else None,
                "warnings": len(still_open(rep.warnings)) if rep else 0,
                **_unit_figures(rep.record if rep else None),
                "recommendations": {k: rec_counts.get(uid, Counter())[k] for k in STATUS_LABELS},
            })
    from .thematic import latest_thematic

    return {"round": rnd.code, "year": rnd.year, "title": rnd.title, "units": rows,
            "thematic": latest_thematic(archive, code),
            "indicator_ids": [i.id for i in INDICATORS
                              if any(i.id in r["indicators"] for r in rows)],
            "recommendations": rec_rows, "totals": _totals(rows)}


def _totals(rows: list[dict]) -> dict:
    """The round's totals. The units inspected are the plan's: a round with a schedule
    counts its scheduled units (a report kept on another unit, from an older archive,
    is counted apart as ``units_unscheduled``, never as one more unit inspected)."""
    stats = [r["stats"] for r in rows if r["stats"]]
    sums = {k: total_of(st[k] for st in stats) for k in COUNT_KEYS}
    counted = [r for r in rows if r["scheduled"]] or rows
    return {"stats": sums,
            "on_time_rate": ratio(sums["resolved_on_time"], sums["resolved_total"]),
            "online_ratio": ratio(sums["received_online"], sums["received_total"]),
            "units_reported": sum(r["reported"] for r in counted), "units": len(counted),
            "units_surprise": sum(r.get("surprise", False) for r in counted),
            "units_unscheduled": len(rows) - len(counted)}
