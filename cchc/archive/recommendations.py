"""Recommendations (kiến nghị) and their follow-up by the next round.

"Overdue" is not something anyone types: an open recommendation whose deadline
has passed is shown as overdue, so the status can never go stale.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cchc.core.errors import CchcError
from cchc.core.spec import RECOMMENDATION_STATUS_LABELS as STATUS_LABELS
from cchc.core.vn import clean

from .db import Archive
from .mergers import lineage
from .models import Recommendation, Round, Unit, utcnow
from .store import audit, get_round, iso_date, previous_round, transaction
from .units import find_unit, get_or_create_unit

SETTABLE = ("open", "remedied")


def effective_status(rec: Recommendation, today: dt.date | None = None) -> str:
    today = today or dt.date.today()
    if rec.status == "open" and rec.deadline is not None and rec.deadline < today:
        return "overdue"
    return rec.status


def _row(rec: Recommendation, unit: Unit, rnd: Round, today: dt.date | None) -> dict:
    status = effective_status(rec, today)
    return {"id": rec.id, "round": rnd.code, "unit": unit.name, "seq": rec.seq,
            "text": rec.text, "deadline": rec.deadline.isoformat() if rec.deadline else None,
            "status": status, "status_label": STATUS_LABELS[status], "evidence": rec.evidence,
            "conclusion_id": rec.conclusion_id,
            "updated_at": rec.updated_at.isoformat(timespec="seconds")}


def add_recommendations(archive: Archive, code: str, unit_name: str, items: list[dict], *,
                        conclusion_id: int | None = None) -> list[dict]:
    """Store a unit's recommendations of a round ({"text", "deadline"} each), numbered
    after any it already has."""
    parsed = []
    for i, item in enumerate(items):
        text = clean(item.get("text") or "")
        if not text:
            raise CchcError(f"kiến nghị thứ {i + 1} không có nội dung (text)")
        parsed.append((text, iso_date(item.get("deadline"), "hạn khắc phục")))

    def work(s: Session) -> list[dict]:
        rnd = get_round(s, code)
        unit, _ = get_or_create_unit(s, unit_name)
        seq = s.scalar(select(func.max(Recommendation.seq)).where(
            Recommendation.round_id == rnd.id, Recommendation.unit_id == unit.id)) or 0
        added = []
        for text, deadline in parsed:
            seq += 1
            rec = Recommendation(round_id=rnd.id, unit_id=unit.id, seq=seq, text=text,
                                 deadline=deadline, status="open", conclusion_id=conclusion_id)
            s.add(rec)
            s.flush()
            audit(s, "create", "recommendation", rec.id, round=rnd.code, unit=unit.name)
            added.append(_row(rec, unit, rnd, None))
        return added

    return transaction(archive, work)


def list_recommendations(archive: Archive, code: str, *, status: str | None = None,
                         unit: str | None = None, today: dt.date | None = None) -> list[dict]:
    """``status='open'`` lists every unresolved one (overdue included); ``'overdue'``
    only those past their deadline."""
    with archive.sessions() as s:
        rnd = get_round(s, code)
        q = (select(Recommendation, Unit).join(Unit, Unit.id == Recommendation.unit_id)
             .where(Recommendation.round_id == rnd.id))
        if unit:
            found = find_unit(s, unit)
            if found is None:
                raise CchcError(f"không có đơn vị '{unit}' trong kho lưu trữ")
            q = q.where(Recommendation.unit_id == found.id)
        rows = [_row(rec, u, rnd, today)
                for rec, u in s.execute(q.order_by(Unit.name, Recommendation.seq))]
    if status == "open":
        return [r for r in rows if r["status"] in ("open", "overdue")]
    if status:
        return [r for r in rows if r["status"] == status]
    return rows


def update_recommendation(archive: Archive, rec_id: int, *, status: str,
                          evidence: str | None = None, today: dt.date | None = None) -> dict:
    """Mark remedied (with the evidence that shows it) or reopen."""
    if status not in SETTABLE:
        raise CchcError(f"trạng thái '{status}' không đặt được; chỉ đặt 'open' (chưa khắc phục) "
                        "hoặc 'remedied' (đã khắc phục) — 'quá hạn' tự tính theo hạn khắc phục")
    evidence = clean(evidence) if evidence else None
    if status == "remedied" and not evidence:
        raise CchcError(f"kiến nghị số {rec_id}: cần ghi bằng chứng khắc phục (--evidence)")

    def work(s: Session) -> dict:
        rec = s.get(Recommendation, rec_id)
        if rec is None:
            raise CchcError(f"không có kiến nghị số {rec_id} trong kho lưu trữ")
        before = rec.status
        rec.status = status
        if evidence:
            rec.evidence = evidence
        rec.updated_at = utcnow()
        s.flush()
        audit(s, "status", "recommendation", rec.id, before=before, after=status,
              evidence=evidence)
        return _row(rec, s.get(Unit, rec.unit_id), s.get(Round, rec.round_id), today)

    return transaction(archive, work)


def previous_round_follow_up(archive: Archive, code: str, unit_name: str, *,
                             today: dt.date | None = None) -> list[dict]:
    """The unit's recommendations from the round before ``code``, each with its status:
    what the next notice reports under "Việc khắc phục tồn tại, kiến nghị của lần
    kiểm tra trước". A unit formed by a merger answers for its predecessors' too
    (each row names the unit the recommendation was made to)."""
    with archive.sessions() as s:
        prev = previous_round(s, get_round(s, code))
        unit = find_unit(s, unit_name)
        if prev is None or unit is None:
            return []
        recs = s.execute(select(Recommendation, Unit).join(
            Unit, Unit.id == Recommendation.unit_id).where(
            Recommendation.round_id == prev.id,
            Recommendation.unit_id.in_(lineage(s, unit.id)))
            .order_by(Recommendation.unit_id != unit.id, Unit.name, Recommendation.seq))
        return [_row(rec, owner, prev, today) for rec, owner in recs]
