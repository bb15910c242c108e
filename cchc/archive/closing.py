"""What closes a round for a unit: the inspection visit and the notice of conclusions.

The notice's recommendations are stored with it in the same transaction, so a
notice never exists without the recommendations the next round will follow up.
The DOCX itself is written by the generator; this module only keeps it.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from cchc.core.errors import CchcError, Conflict

from .db import Archive
from .models import Conclusion, Inspection, Recommendation, Round, Unit
from .recommendations import _row
from .store import audit, get_round, iso_date, record_change, transaction
from .units import find_unit, get_or_create_unit


def record_inspection(archive: Archive, code: str, unit_name: str, *, date=None,
                      team: list | None = None, findings: dict | None = None) -> int:
    """Store the team's visit to a unit; returns its id."""
    when = iso_date(date, "ngày kiểm tra")

    def work(s: Session) -> int:
        rnd = get_round(s, code)
        unit, _ = get_or_create_unit(s, unit_name)
        inspection = Inspection(round_id=rnd.id, unit_id=unit.id, date=when, team=team,
                                findings=findings)
        s.add(inspection)
        s.flush()
        audit(s, "create", "inspection", inspection.id, round=rnd.code, unit=unit.name)
        return inspection.id

    return transaction(archive, work)


def save_conclusion(archive: Archive, code: str, unit_name: str, *, number: str | None,
                    date=None, data: dict | None = None, docx: bytes | None = None,
                    recommendations: list[dict] = (), actor: str | None = None,
                    then: Callable[[Session, dict], None] | None = None) -> dict:
    """Store a notice of conclusions and its recommendations ({"text", "deadline"});
    ``actor``: who issued it, audited in the same transaction; ``then(session,
    stored)``: the caller's own rows that go with the notice (the audit of each drafted
    sentence's decision), in that transaction too.

    One notice per unit and round: a second one is refused, naming both, rather
    than silently replacing what was issued.
    """
    when = iso_date(date, "ngày thông báo")
    items = [(str(r.get("text") or "").strip(), iso_date(r.get("deadline"), "hạn khắc phục"))
             for r in recommendations]
    if any(not text for text, _ in items):
        raise CchcError("có kiến nghị không có nội dung (text)")

    def work(s: Session) -> dict:
        rnd = get_round(s, code)
        unit, _ = get_or_create_unit(s, unit_name)
        _refuse_second(s, rnd, unit)
        conclusion = Conclusion(round_id=rnd.id, unit_id=unit.id, number=number, date=when,
                                data=data, docx=docx)
        s.add(conclusion)
        s.flush()
        rows = []
        for seq, (text, deadline) in enumerate(items, start=1 + _last_seq(s, rnd.id, unit.id)):
            rec = Recommendation(round_id=rnd.id, unit_id=unit.id, conclusion_id=conclusion.id,
                                 seq=seq, text=text, deadline=deadline, status="open")
            s.add(rec)
            s.flush()
            rows.append(_row(rec, unit, rnd, None))
        record_change(s, actor, "create", "conclusion", conclusion.id, round=rnd.code,
                      unit=unit.name, number=number, recommendations=len(rows))
        stored = {"id": conclusion.id, "round": rnd.code, "unit": unit.name,
                  "number": number, "recommendations": rows}
        if then is not None:
            then(s, stored)
        return stored

    return transaction(archive, work)


def _refuse_second(s: Session, rnd: Round, unit: Unit) -> None:
    if s.scalar(select(Conclusion.id).where(Conclusion.round_id == rnd.id,
                                            Conclusion.unit_id == unit.id)):
        raise Conflict(f"đợt {rnd.code} đã có thông báo kết luận cho {unit.name}",
                       code="conclusion_exists", field="$.unit")


def check_no_conclusion(archive: Archive, code: str, unit_name: str) -> None:
    """Conflict if the unit already has its notice in the round: asked before a notice
    is drafted or rendered, and again when it is stored (save_conclusion)."""
    with archive.sessions() as s:
        rnd = get_round(s, code)
        unit = find_unit(s, unit_name)
        if unit is not None:
            _refuse_second(s, rnd, unit)


def _last_seq(s: Session, round_id: int, unit_id: int) -> int:
    seqs = s.scalars(select(Recommendation.seq).where(Recommendation.round_id == round_id,
                                                      Recommendation.unit_id == unit_id))
    return max(seqs, default=0)


def get_conclusion(archive: Archive, code: str, unit_name: str) -> dict | None:
    """The stored notice (data and DOCX bytes) of a unit in a round, or None."""
    with archive.sessions() as s:
        rnd = get_round(s, code)
        unit = find_unit(s, unit_name)
        if unit is None:
            return None
        found = s.scalar(select(Conclusion).where(Conclusion.round_id == rnd.id,
                                                  Conclusion.unit_id == unit.id))
        if found is None:
            return None
        return {"id": found.id, "round": rnd.code, "unit": s.get(Unit, unit.id).name,
                "number": found.number, "date": found.date, "data": found.data,
                "docx": found.docx}
