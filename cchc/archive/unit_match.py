"""Which unit of the round a report belongs to: the one place imports decide it.

A round with a schedule takes only its scheduled units (archive.register matches the
name the report prints, or a person chooses); a report that matches none raises
UnitNotScheduled, and the caller holds it for a person. It never becomes a unit.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from cchc.core.errors import CchcError

from . import register
from .models import Round, Unit
from .units import get_or_create_unit


def pick(schedule: list[register.Known], printed: str | None, chosen: str | None
         ) -> tuple[register.Known, dict] | None:
    """(unit, match) from the schedule: a person's choice (``chosen``, by its name or
    another name, never a fuzzy guess) or the printed name's match; None if neither."""
    found = register.match(chosen or printed or "", schedule) if (chosen or printed) else None
    if found is None or (chosen and found.method == "fuzzy"):
        return None
    match = found.as_dict(printed or "")
    if chosen:
        match.update(method="manual", confidence=1.0, label=register.METHOD_LABELS["manual"])
    return found.unit, match


class UnitNotScheduled(CchcError):
    """A report that matches no unit of its round's schedule: held for a person to
    choose the unit, never made a unit of its own."""

    def __init__(self, message: str, *, printed: str, round_code: str,
                 file: str | None = None):
        self.printed, self.round_code = printed, round_code
        super().__init__(message, file=file)


def unit_of_report(s: Session, rnd: Round, printed: str, chosen: str | None = None,
                   filename: str | None = None, *, learn: bool = False
                   ) -> tuple[Unit, bool, bool, dict]:
    """(unit, created, scheduled, match) for a report printing ``printed``.

    A round with a schedule takes only its scheduled units: by name, alias, short or
    fuzzy match, or the unit a person chose (``chosen``; with ``learn``, a choice made
    for this one report, the printed name is remembered as an alias). A round without
    one keeps the register's units and adds new ones, written as the register would
    (not in a letterhead's capitals).
    """
    schedule = register.scheduled_units(s, rnd.id)
    if schedule:
        picked = pick(schedule, printed, chosen)
        if picked is None:
            if chosen:
                raise UnitNotScheduled(f"đơn vị '{chosen}' không có trong lịch kiểm tra của "
                                       f"đợt {rnd.code}", printed=printed, round_code=rnd.code,
                                       file=filename)
            raise UnitNotScheduled(
                f"báo cáo ghi đơn vị '{printed}', không khớp đơn vị nào trong lịch kiểm tra "
                f"của đợt {rnd.code}; cần cán bộ chọn đơn vị", printed=printed,
                round_code=rnd.code, file=filename)
        known, match = picked
        if chosen and learn and printed and register.match(printed, [known]) is None:
            register.add_alias(s, known.id, printed)
        return s.get(Unit, known.id), False, True, match
    name = chosen or printed
    unit, created = get_or_create_unit(s, register.tidy(name))
    method = "manual" if chosen else "name"
    return unit, created, False, {"method": method, "confidence": 1.0, "printed": printed,
                                  "label": register.METHOD_LABELS[method]}


def match_warnings(match: dict, unit: Unit) -> list[dict]:
    """A fuzzy match is a guess: flagged on the report, never silent."""
    if match.get("method") != "fuzzy":
        return []
    return [{"code": "unit.uncertain", "where": "unit.name",
             "message": f"tên đơn vị “{match['printed']}” được khớp gần đúng "
                        f"({round(match['confidence'] * 100)}%) với “{unit.name}”"}]
