"""Scores kept in the archive: the round's criteria set and each unit's points.

Each point keeps the unit's self-score and evidence, the point computed from the
report with the figure and the record field it was read from, and the team's
verified score with its reason, so the ranking, the summary and the web page all
read one stored score, and a verified change is never lost by scoring again.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from cchc.core.errors import CchcError

from .audit import audit as audit_row
from .db import Archive
from .models import Round, RoundCriteria, ScoreLine, Unit, utcnow
from .store import get_round, transaction
from .units import find_unit


def stored_criteria(archive: Archive, code: str) -> dict | None:
    """The criteria set's data round ``code`` was scored on, or None."""
    with archive.sessions() as s:
        rnd = get_round(s, code)
        row = s.scalar(select(RoundCriteria).where(RoundCriteria.round_id == rnd.id))
        return row.data if row is not None else None


def stored_entries(archive: Archive, code: str) -> dict[str, dict]:
    """Unit name → its entry in the shape of a scores file (``schemas/scores``):
    {"unit", "self": {id: {points, evidence}}, "verified": {id: {points, reason}}}."""
    with archive.sessions() as s:
        rnd = get_round(s, code)
        rows = s.execute(select(ScoreLine, Unit).join(Unit, Unit.id == ScoreLine.unit_id)
                         .where(ScoreLine.round_id == rnd.id).order_by(ScoreLine.id)).all()
    out: dict[str, dict] = {}
    for line, unit in rows:
        entry = out.setdefault(unit.name, {"unit": unit.name, "self": {}, "verified": {}})
        if line.self_points is not None:
            entry["self"][line.leaf_id] = {"points": line.self_points,
                                           "evidence": line.evidence or ""}
        if line.verified_points is not None:
            entry["verified"][line.leaf_id] = {"points": line.verified_points,
                                               "reason": line.reason or ""}
    return out


def _line_values(line) -> dict:
    """A ``cchc.scoring.unit_score.Line`` as the columns it is stored in."""
    computed = line.computed
    return {"max_points": line.leaf.max_points, "self_points": line.self_points,
            "evidence": line.evidence or None,
            "computed_points": computed.points if computed else None,
            "computed_note": computed.note if computed else None,
            "figure_field": computed.where if computed else None,
            "figure_value": computed.value if computed else None,
            "verified_points": line.verified, "reason": line.reason or None}


def _unit_id(s: Session, name: str) -> int:
    unit = find_unit(s, name)
    if unit is None:
        raise CchcError(f"không có đơn vị '{name}' trong kho lưu trữ")
    return unit.id


def _version(s: Session, round_id: int, unit_id: int) -> str:
    count, last = s.execute(select(func.count(ScoreLine.id), func.max(ScoreLine.updated_at))
                            .where(ScoreLine.round_id == round_id,
                                   ScoreLine.unit_id == unit_id)).one()
    return f"{count}.{last.isoformat() if last else ''}"


def stored_version(archive: Archive, code: str, unit: str) -> str:
    """What a scoring form was made from: a save from an older one is refused."""
    with archive.sessions() as s:
        rnd = get_round(s, code)
        found = find_unit(s, unit)
        return _version(s, rnd.id, found.id) if found is not None else "0."


def _store_unit(s: Session, round_id: int, score, expected: str | None = None) -> list[dict]:
    """Write one unit's lines; returns the verified scores that changed. ``expected``:
    the version the form was made from; another save since is never overwritten."""
    unit_id = _unit_id(s, score.unit)
    if expected is not None and expected != _version(s, round_id, unit_id):
        raise CchcError(f"điểm của {score.unit} vừa được người khác lưu sau khi bạn mở trang; "
                        "không lưu để khỏi xoá mất điểm của họ. Hãy tải lại trang, xem điểm "
                        "mới rồi nhập lại")
    rows = {r.leaf_id: r for r in s.scalars(select(ScoreLine).where(
        ScoreLine.round_id == round_id, ScoreLine.unit_id == unit_id))}
    changed = []
    for line in score.lines:
        row = rows.pop(line.leaf.id, None)
        if row is None:
            row = ScoreLine(round_id=round_id, unit_id=unit_id, leaf_id=line.leaf.id)
            s.add(row)
        values = _line_values(line)
        if (row.verified_points, row.reason) != (values["verified_points"], values["reason"]):
            changed.append({"unit": score.unit, "criterion": line.leaf.id,
                            "old": row.verified_points, "new": values["verified_points"],
                            "reason": values["reason"]})
        for key, value in values.items():
            setattr(row, key, value)
        row.updated_at = utcnow()
    for stale in rows.values():      # a criterion the new set no longer has
        s.delete(stale)
    return changed


def save_scores(archive: Archive, code: str, criteria_data: dict, scores: list,
                *, user: str | None = None, whole_round: bool = True,
                expected: dict[str, str] | None = None,
                then: Callable[[Session, Round], None] | None = None) -> list[dict]:
    """Store round ``code``'s criteria set and ``scores`` (``UnitScore`` objects) in one
    transaction; ``whole_round`` also drops the stored points of units not scored now;
    ``expected``: unit → the version its form was made from (``stored_version``);
    ``then(session, round)``: the caller's audit row of the whole save, in the same
    transaction.
    Returns every verified score that changed, each also written to the audit log."""

    def work(s: Session) -> list[dict]:
        rnd = get_round(s, code)
        row = s.scalar(select(RoundCriteria).where(RoundCriteria.round_id == rnd.id))
        if row is None:
            row = RoundCriteria(round_id=rnd.id)
            s.add(row)
        row.name, row.data, row.updated_at = criteria_data["name"], criteria_data, utcnow()
        changed = []
        for score in scores:
            changed += _store_unit(s, rnd.id, score, (expected or {}).get(score.unit))
        if whole_round:
            kept = [_unit_id(s, sc.unit) for sc in scores]
            s.execute(delete(ScoreLine).where(ScoreLine.round_id == rnd.id,
                                              ScoreLine.unit_id.not_in(kept)))
        for change in changed:  # one row per verified score that changed, by its user
            what = {k: v for k, v in change.items() if k != "unit"}
            audit_row(s, user, "verify_score", "score", None, what,
                      ref=f"{change['unit']}, đợt {rnd.code}")
        if then is not None:
            then(s, rnd)
        return changed

    return transaction(archive, work)

