"""Units change: communes and districts are merged (as in 2025), and the unit that
results answers for what its predecessors were asked to fix.

A merger never deletes a unit: the old ones keep their reports and
recommendations, get a ``valid_to`` date and point at the new unit, so the next
round's notice to the new unit lists the predecessors' open recommendations.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from cchc.core.errors import CchcError

from .db import Archive
from .models import Unit, UnitAlias
from .store import audit, iso_date, transaction
from .units import find_unit, get_or_create_unit


def merge_units(archive: Archive, sources: list[str], into: str, *, date=None,
                level: str | None = None, parent: str | None = None) -> dict:
    """Merge ``sources`` into ``into`` (created if new) from ``date`` on."""
    when = iso_date(date, "ngày sáp nhập")
    if not sources:
        raise CchcError("cần ít nhất một đơn vị được sáp nhập")

    def work(s: Session) -> dict:
        target, created = get_or_create_unit(s, into, level=level, parent=parent)
        if created:
            target.valid_from = when
        merged = []
        for name in sources:
            unit = find_unit(s, name)
            if unit is None:
                raise CchcError(f"không có đơn vị '{name}' trong kho lưu trữ")
            if unit.id == target.id:
                raise CchcError(f"không thể sáp nhập '{unit.name}' vào chính nó")
            if unit.merged_into_id is not None:
                already = s.get(Unit, unit.merged_into_id)
                raise CchcError(f"đơn vị '{unit.name}' đã được sáp nhập vào '{already.name}'")
            if target.id in lineage(s, unit.id):
                raise CchcError(f"'{target.name}' đã được sáp nhập vào '{unit.name}' trước đó")
            unit.merged_into_id, unit.valid_to = target.id, when
            merged.append(unit.name)
        s.flush()
        audit(s, "merge", "unit", target.id, sources=merged,
              date=when.isoformat() if when else None)
        return {"unit": target.name, "created": created, "merged": merged,
                "date": when.isoformat() if when else None}

    return transaction(archive, work)


def lineage(s: Session, unit_id: int) -> list[int]:
    """The unit and every unit merged into it, directly or through other mergers."""
    found, frontier = [unit_id], [unit_id]
    while frontier:
        frontier = [u for u in s.scalars(select(Unit.id).where(Unit.merged_into_id.in_(frontier)))
                    if u not in found]
        found += frontier
    return found


def list_units(archive: Archive) -> list[dict]:
    with archive.sessions() as s:
        units = s.scalars(select(Unit).order_by(Unit.name)).all()
        names = {u.id: u.name for u in units}
        aliases: dict[int, list[str]] = {}
        for a in s.scalars(select(UnitAlias).order_by(UnitAlias.id)):
            aliases.setdefault(a.unit_id, []).append(a.name)
        return [{"id": u.id, "name": u.name, "short": u.short, "level": u.level,
                 "parent": names.get(u.parent_id),
                 "valid_from": u.valid_from.isoformat() if u.valid_from else None,
                 "valid_to": u.valid_to.isoformat() if u.valid_to else None,
                 "merged_into": names.get(u.merged_into_id),
                 "aliases": aliases.get(u.id, [])} for u in units]
