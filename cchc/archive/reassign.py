"""A report put on the wrong unit is moved to the right one, and the move is kept.

An accepted report can still be on the wrong unit (a fuzzy match a reviewer let
through). Moving it makes it the newest version of the unit it belongs to; it is
refused once a notice was issued from it, since the notice quoted its figures.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cchc.core.errors import CchcError

from . import register
from .db import Archive
from .models import Conclusion, Report, Round, Unit
from .store import audit, transaction
from .unit_match import UnitNotScheduled, pick
from .units import find_unit


def _target(s: Session, rnd: Round, name: str) -> Unit:
    schedule = register.scheduled_units(s, rnd.id)
    if not schedule:
        unit = find_unit(s, name)
        if unit is None:
            raise CchcError(f"không có đơn vị '{name}' trong kho lưu trữ")
        return unit
    picked = pick(schedule, None, name)
    if picked is None:
        raise UnitNotScheduled(f"đơn vị '{name}' không có trong lịch kiểm tra của đợt "
                               f"{rnd.code}", printed=name, round_code=rnd.code)
    return s.get(Unit, picked[0].id)


def reassign_report(archive: Archive, report_id: int, unit_name: str,
                    user: str | None = None) -> dict:
    """Move report ``report_id`` to ``unit_name`` (a scheduled unit of its round) as that
    unit's newest version: {"report_id", "from", "unit", "version", "moved"}."""
    def work(s: Session) -> dict:
        rep = s.get(Report, report_id)
        if rep is None:
            raise CchcError(f"không có báo cáo số {report_id} trong kho lưu trữ")
        rnd, old = s.get(Round, rep.round_id), s.get(Unit, rep.unit_id)
        target = _target(s, rnd, unit_name)
        out = {"report_id": rep.id, "from": old.name, "unit": target.name,
               "version": rep.version, "moved": False}
        if target.id == old.id:
            return out
        if s.scalar(select(Conclusion.id).where(Conclusion.round_id == rnd.id,
                                                Conclusion.unit_id == old.id)):
            raise CchcError(f"đã ban hành thông báo kết luận cho {old.name} từ báo cáo này; "
                            "không chuyển được báo cáo sang đơn vị khác")
        if s.scalar(select(Report.id).where(Report.round_id == rnd.id,
                                            Report.unit_id == target.id,
                                            Report.sha256 == rep.sha256)):
            raise CchcError(f"{target.name} đã có chính tệp này trong đợt {rnd.code}")
        last = s.scalar(select(func.max(Report.version)).where(
            Report.round_id == rnd.id, Report.unit_id == target.id)) or 0
        rep.unit_id, rep.version = target.id, last + 1
        rep.unit_match = {**(rep.unit_match or {}), "method": "manual", "confidence": 1.0,
                          "label": register.METHOD_LABELS["manual"], "moved_from": old.name}
        s.flush()
        audit(s, "reassign", "report", rep.id, round=rnd.code, unit=target.name,
              moved_from=old.name, version=rep.version, user=user)
        return {**out, "version": rep.version, "moved": True}

    return transaction(archive, work)
