"""Units are data: found by name however a report prints it, created when new.

A report's header prints "SỞ XÂY DỰNG" or "ỦY BAN NHÂN DÂN HUYỆN TÂN YÊN" where
the plan says "Sở Xây dựng" and "UBND huyện Tân Yên", and the plan's short list
says "Lao động – Thương binh và Xã hội" with an en dash, so units are matched on
a folded key: no case, no diacritics, one kind of dash, the usual abbreviations.
"""

from __future__ import annotations

import re

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from cchc.core.vn import clean, fold

from .models import Unit

_DASHES = re.compile(r"\s*[-‐‑‒–—―]\s*")
# On folded text: the spelled-out forms become the abbreviations offices write.
_ABBREVIATIONS = (
    (re.compile(r"\buy ban nhan dan\b"), "ubnd"),
    (re.compile(r"\bhoi dong nhan dan\b"), "hdnd"),
    (re.compile(r"\btp\.\s*"), "thanh pho "),
    (re.compile(r"\btx\.\s*"), "thi xa "),
)


def unit_key(name: str) -> str:
    key = _DASHES.sub(" - ", fold(name))
    for pattern, short in _ABBREVIATIONS:
        key = pattern.sub(short, key)
    return key.strip()


def find_unit(session: Session, name: str) -> Unit | None:
    """The unit whose name or short name folds to the same key as ``name``."""
    key = unit_key(name)
    rows = session.scalars(
        select(Unit).where(or_(Unit.key == key, Unit.short_key == key)).order_by(Unit.id)
    ).all()
    exact = [u for u in rows if u.key == key]
    return (exact or rows or [None])[0]


def get_or_create_unit(session: Session, name: str, *, short: str | None = None,
                       level: str | None = None, parent: str | None = None,
                       authoritative: bool = False) -> tuple[Unit, bool]:
    """Return (unit, created). A concurrent creator makes the flush raise
    IntegrityError on the unique key; the caller's retry then finds the unit.

    ``authoritative`` (a plan's schedule) rewrites a name kept in a letterhead's
    capitals ("SỞ TƯ PHÁP") the way the plan writes it, and fills a missing level.
    """
    name = clean(name)
    unit = find_unit(session, name)
    if unit is not None:
        changed = False
        if authoritative and unit.key == unit_key(name) and unit.name != name \
                and _shouting(unit.name) and not _shouting(name):
            unit.name, changed = name, True
        if short and not unit.short:
            unit.short, unit.short_key, changed = clean(short), unit_key(short), True
        if level and not unit.level:
            unit.level, changed = clean(level), True
        if changed:
            session.flush()
        return unit, False
    parent_unit = get_or_create_unit(session, parent)[0] if parent else None
    unit = Unit(name=name, key=unit_key(name),
                short=clean(short) if short else None,
                short_key=unit_key(short) if short else None,
                level=clean(level) if level else None,
                parent_id=parent_unit.id if parent_unit else None)
    session.add(unit)
    session.flush()
    return unit, True


def _shouting(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def plan_units(plan: dict):
    """Yield (quarter, group label, unit entry as a dict) from a plan's schedule."""
    for slot in plan.get("schedule") or []:
        for group in slot.get("groups") or []:
            for entry in group.get("units") or []:
                unit = {"name": entry} if isinstance(entry, str) else dict(entry)
                yield slot.get("quarter"), group.get("label"), unit
