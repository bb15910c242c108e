"""A round's visit dates and report deadlines, surprise inspections, and where each
unit stands against its deadline.

The schedule notice's data (schema ``schedule``) gives each unit's visit; a unit is
found among the round's scheduled units the way reports are (archive.register), so
"Sở Tư pháp" in the notice is the plan's unit, never a new one. A surprise inspection
(plan V.3) adds a unit outside the plan, with its own dates, counted as "đột xuất".
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cchc.core.deadlines import STATUS_LABELS, report_deadline, status
from cchc.core.errors import CchcError, ValidationFailed

from . import register
from .db import Archive
from .models import Round, RoundUnit, Unit
from .received import first_received
from .store import audit, get_round, transaction
from .units import get_or_create_unit


def _visit_unit(s: Session, rnd: Round, name: str, path: str, problems: list[str]):
    found = register.match(name, register.scheduled_units(s, rnd.id))
    if found is None or found.method == "fuzzy":
        problems.append(f"{path}: '{name}' không có trong lịch kiểm tra của đợt {rnd.code}")
        return None
    return s.scalar(select(RoundUnit).where(RoundUnit.round_id == rnd.id,
                                            RoundUnit.unit_id == found.unit.id))


def apply_schedule(archive: Archive, code: str, schedule: dict) -> int:
    """Store each visit's date and deadline on the round's units; all or nothing."""
    days = schedule.get("report_days_before", 5)

    def work(s: Session) -> int:
        rnd, problems, rows = get_round(s, code), [], []
        for i, visit in enumerate(schedule["visits"]):
            name = visit["unit"] if isinstance(visit["unit"], str) else visit["unit"]["name"]
            row = _visit_unit(s, rnd, name, f"$.visits[{i}].unit", problems)
            rows.append((row, dt.date.fromisoformat(visit["date"])))
        if problems:
            raise ValidationFailed(f"lịch kiểm tra không khớp đợt {code} "
                                   f"({len(problems)} lỗi)", details=problems)
        for row, visit in rows:
            row.visit_date, row.report_deadline = visit, report_deadline(visit, days)
        audit(s, "schedule", "round", rnd.id, visits=len(rows))
        return len(rows)

    return transaction(archive, work)


def add_surprise(archive: Archive, code: str, name: str, visit: dt.date,
                 days: int = 5) -> dict:
    """Add ``name`` to round ``code`` as a surprise inspection on ``visit``."""
    def work(s: Session) -> dict:
        rnd = get_round(s, code)
        unit, _ = get_or_create_unit(s, register.tidy(name))
        if s.scalar(select(RoundUnit.id).where(RoundUnit.round_id == rnd.id,
                                               RoundUnit.unit_id == unit.id)):
            raise CchcError(f"{unit.name} đã có trong đợt {code}")
        last = s.scalar(select(func.max(RoundUnit.position))
                        .where(RoundUnit.round_id == rnd.id)) or 0
        s.add(RoundUnit(round_id=rnd.id, unit_id=unit.id, position=last + 1, surprise=True,
                        group_label="Kiểm tra đột xuất", visit_date=visit,
                        report_deadline=report_deadline(visit, days)))
        audit(s, "surprise", "unit", unit.id, round=code, visit=visit.isoformat())
        return {"unit": unit.name, "visit": visit.isoformat(),
                "deadline": report_deadline(visit, days).isoformat()}

    return transaction(archive, work)


def standing(archive: Archive, code: str, today: dt.date) -> list[dict]:
    """Each unit of the round with its visit, deadline, first report and status."""
    received = first_received(archive, code)
    with archive.sessions() as s:
        rnd = get_round(s, code)
        rows = s.execute(select(RoundUnit, Unit).join(Unit, Unit.id == RoundUnit.unit_id)
                         .where(RoundUnit.round_id == rnd.id)
                         .order_by(RoundUnit.position)).all()
    out = []
    for ru, unit in rows:
        got = received.get(unit.name.casefold())
        state = status(ru.report_deadline, got, today)
        out.append({"unit": unit.name, "surprise": ru.surprise, "visit": ru.visit_date,
                    "deadline": ru.report_deadline, "received": got, "status": state,
                    "status_label": STATUS_LABELS.get(state, "chưa có lịch")})
    return out
