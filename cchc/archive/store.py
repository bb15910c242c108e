"""The archive's service layer: rounds and reports. No click here; the CLI and the
HTTP service both call these functions.

Every change is one transaction. Races between processes are settled by the
unique constraints: the loser gets an IntegrityError, rolls back and runs again,
this time seeing the winner's rows (a duplicate, the next version number, the
unit someone else just created).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cchc.core.db import RETRIES, transaction  # noqa: F401 - the kernel's, named here too
from cchc.core.errors import CchcError, Conflict, Invalid, NotFound
from cchc.core.incoming import Incoming
from cchc.core.vn import clean, nfc
from cchc.core.warning_codes import still_open
from cchc.schemas.validate import errors as schema_errors
from cchc.schemas.validate import is_valid as schema_is_valid

from . import register, unit_match
from .annex import merge_annex
from .audit import audit as audit_row
from .audit import audit_here, current_actor
from .db import Archive
from .models import OriginalFile, Report, Round, RoundUnit, Unit
from .unit_match import UnitNotScheduled  # noqa: F401 - raised by import_record
from .units import find_unit, get_or_create_unit

MAX_FILE_BYTES = 200 * 1024 * 1024


def iso_date(value, what: str) -> dt.date | None:
    """A date given as "YYYY-MM-DD" (or already a date); ``what`` names it in the error."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise Invalid(f"{what} '{value}' không phải ngày dạng YYYY-MM-DD") from exc


def audit(session: Session, action: str, entity: str, entity_id: int | None,
          *, ref: str | None = None, **detail: Any) -> None:
    """The change's audit row, by the actor of the surrounding ``audit.acting_as``."""
    audit_here(session, action, entity, entity_id, ref=ref, **detail)


def record_change(session: Session, actor: str | None, action: str, entity: str,
                  entity_id: int | None, **detail: Any) -> None:
    """The one seam through which a use case (cchc.usecases.intake) audits a change: one
    audit_log row with who made it (``actor``, else the surrounding ``acting_as``), in
    the change's own transaction."""
    who = actor if actor is not None else current_actor()
    audit_row(session, who, action, entity, entity_id, detail or None)


# ---------------------------------------------------------------- rounds

def get_round(session: Session, code: str) -> Round:
    found = session.scalar(select(Round).where(Round.code == clean(code)))
    if found is None:
        raise NotFound(f"chưa có đợt kiểm tra '{code}' trong kho lưu trữ; "
                        f"tạo bằng lệnh: cchc round create {code}")
    return found


def _plan_year(plan: dict | None, code: str) -> int | None:
    date = (plan or {}).get("date")
    if isinstance(date, dict) and date.get("year"):
        return int(date["year"])
    if isinstance(date, str) and re.match(r"\d{4}-", date):
        return int(date[:4])
    m = re.search(r"(?<!\d)(19|20)\d\d(?!\d)", code)
    return int(m.group(0)) if m else None


def create_round(archive: Archive, code: str, *, plan: dict | None = None,
                 year: int | None = None, title: str | None = None) -> dict:
    """A new round, with the plan's schedule of units by quarter when given."""
    code = clean(code or "")
    if not code:
        raise CchcError("mã đợt kiểm tra không được để trống")

    def work(s: Session) -> dict:
        if s.scalar(select(Round.id).where(Round.code == code)) is not None:
            raise Conflict(f"đợt kiểm tra '{code}' đã có trong kho lưu trữ", code="round_exists",
                           field="$.code")
        subject = " ".join((plan or {}).get("subject") or []) or None
        rnd = Round(code=code, year=year or _plan_year(plan, code),
                    title=title or (clean(subject) if subject else None), plan=plan)
        s.add(rnd)
        s.flush()
        for position, (quarter, label, entry) in enumerate(
                register.plan_entries(s, plan or {})):
            unit, _ = get_or_create_unit(s, entry["name"], short=entry.get("short"),
                                         level=entry.get("level"), parent=entry.get("parent"),
                                         authoritative=True)
            if s.scalar(select(RoundUnit.id).where(RoundUnit.round_id == rnd.id,
                                                   RoundUnit.unit_id == unit.id)):
                raise CchcError(f"đơn vị '{entry['name']}' có hai lần trong lịch kiểm tra "
                                f"của kế hoạch (quý {quarter})")
            s.add(RoundUnit(round_id=rnd.id, unit_id=unit.id, quarter=quarter,
                            group_label=label, position=position))
        audit(s, "create", "round", rnd.id, ref=code, code=code)
        s.flush()
        return round_info(s, rnd)

    return transaction(archive, work)


def round_info(s: Session, rnd: Round) -> dict:
    scheduled = s.scalar(select(func.count()).select_from(RoundUnit)
                         .where(RoundUnit.round_id == rnd.id)) or 0
    reported = s.scalar(select(func.count(func.distinct(Report.unit_id)))
                        .where(Report.round_id == rnd.id)) or 0
    return {"id": rnd.id, "code": rnd.code, "year": rnd.year, "title": rnd.title,
            "units_scheduled": scheduled, "units_reported": reported,
            "created_at": rnd.created_at.isoformat(timespec="seconds")}


def list_rounds(archive: Archive) -> list[dict]:
    with archive.sessions() as s:
        rounds = s.scalars(select(Round).order_by(Round.year, Round.created_at, Round.id))
        return [round_info(s, r) for r in rounds]


def show_round(archive: Archive, code: str) -> dict:
    """The round with its schedule: each unit, its quarter and its latest report."""
    with archive.sessions() as s:
        rnd = get_round(s, code)
        info = round_info(s, rnd)
        latest = dict(s.execute(select(Report.unit_id, func.max(Report.version))
                                .where(Report.round_id == rnd.id)
                                .group_by(Report.unit_id)).all())
        rows = s.execute(select(RoundUnit, Unit).join(Unit, Unit.id == RoundUnit.unit_id)
                         .where(RoundUnit.round_id == rnd.id)
                         .order_by(RoundUnit.position)).all()
        units = [{"unit": u.name, "short": u.short, "level": u.level, "quarter": ru.quarter,
                  "group": ru.group_label, "report_version": latest.pop(u.id, None)}
                 for ru, u in rows]
        for unit_id, version in latest.items():  # reported, not in the plan's schedule
            u = s.get(Unit, unit_id)
            units.append({"unit": u.name, "short": u.short, "level": u.level, "quarter": None,
                          "group": None, "report_version": version})
        return {**info, "units": units}


def previous_round(s: Session, rnd: Round) -> Round | None:
    """The round before ``rnd`` (by year, then creation): the one whose
    recommendations ``rnd`` follows up."""
    ordered = s.scalars(select(Round).order_by(Round.year, Round.created_at, Round.id)).all()
    index = [r.id for r in ordered].index(rnd.id)
    return ordered[index - 1] if index > 0 else None


# ---------------------------------------------------------------- reports

@dataclass
class ImportResult:
    status: str  # "stored", "new_version" or "duplicate"
    round: str
    unit: str
    version: int
    report_id: int
    sha256: str
    filename: str
    warnings: list = field(default_factory=list)
    unit_created: bool = False
    scheduled: bool = True
    same_as_previous: bool = False  # other bytes, but nothing extracted changed
    match: dict | None = None  # how the report was put on its unit (register.Match)

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _result(s: Session, rep: Report, status: str, code: str, **extra) -> ImportResult:
    unit = s.get(Unit, rep.unit_id)
    return ImportResult(status, code, unit.name, rep.version, rep.id, rep.sha256,
                        rep.filename, list(rep.warnings or []), match=rep.unit_match, **extra)


def _content(record: dict) -> dict:
    """A record without its source block: what the report says, not which file said it."""
    return {k: v for k, v in record.items() if k != "source"}


def find_duplicate(archive: Archive, code: str, sha256: str) -> ImportResult | None:
    with archive.sessions() as s:
        rnd = get_round(s, code)
        rep = s.scalar(select(Report).where(Report.round_id == rnd.id,
                                            Report.sha256 == sha256).order_by(Report.id))
        return _result(s, rep, "duplicate", rnd.code) if rep else None


def check_record(record: Any, filename: str, *, validated: bool = False) -> None:
    """A unit's report valid against its schema; ``validated``: the extractor that made
    it already checked (its contract), so it is not checked twice."""
    if not isinstance(record, dict) or record.get("kind") != "unit_report":
        raise CchcError("không phải bản ghi báo cáo của đơn vị (kind phải là 'unit_report')",
                        file=filename)
    if validated or schema_is_valid("report", record):
        return
    problems = schema_errors("report", record)
    if problems:
        raise CchcError("bản ghi báo cáo không đúng hợp đồng dữ liệu (schemas/report.schema.json)",
                        file=filename, details=problems[:20])


def round_match(archive: Archive, code: str, printed: str | None,
                chosen: str | None = None) -> dict:
    """What importing a report printing ``printed`` would put it on, without writing:
    {"unit", "match", "scheduled": the round's scheduled unit names, "reason"}."""
    with archive.sessions() as s:
        rnd = get_round(s, code)
        schedule = register.scheduled_units(s, rnd.id)
        out = {"unit": None, "match": None, "scheduled": [k.name for k in schedule],
               "reason": None}
        printed = clean(printed or "")
        if not schedule:
            return out
        picked = unit_match.pick(schedule, printed, chosen)
        if picked is not None:
            out["unit"], out["match"] = picked[0].name, picked[1]
        elif printed:
            out["reason"] = (f"Báo cáo ghi đơn vị “{printed}”, không khớp đơn vị nào trong "
                             f"lịch kiểm tra của đợt {rnd.code}: hãy chọn đơn vị rồi duyệt.")
        else:
            out["reason"] = ("Không đọc được tên đơn vị trong báo cáo: hãy chọn đơn vị "
                             "rồi duyệt.")
        return out


def import_record(archive: Archive, code: str, record: dict, original: bytes | Incoming,
                  filename: str | None = None, *, unit_name: str | None = None,
                  learn_alias: bool = False, annex: bool = False, actor: str | None = None,
                  validated: bool = False,
                  then: Callable[[Session, ImportResult], None] | None = None,
                  note: dict | None = None) -> ImportResult:
    """Store an extracted record and its original file's bytes, in one transaction.

    The same bytes in the same round are a duplicate (nothing written); other bytes
    for a unit that already reported in the round become its next version.
    ``learn_alias``: ``unit_name`` is a person's choice for this very report, so the
    name it prints becomes another name of that unit. ``annex``: the file completes the
    unit's report rather than replacing it (archive.annex merges it, field by field).
    ``original``: the file as the intake made it (its hash is not taken again), or its
    bytes; ``actor``: who imports (else the surrounding ``audit.acting_as``), audited in
    the same transaction; ``validated``: the extractor that made the record validated
    it; ``then(session, result)``: the caller's own change that goes with the import (a
    draft marked accepted), run in the same transaction, so both are kept or neither;
    ``note`` goes into the import's audit row (the draft it came from).
    """
    if not isinstance(original, Incoming):
        original = Incoming.of(filename or "tệp", original, "")
    filename = nfc(Path(filename or original.name).name)
    check_record(record, filename, validated=validated)
    printed = clean((record.get("unit") or {}).get("name") or "")
    chosen = clean(unit_name or "") or None
    if not printed and not chosen:
        raise CchcError("báo cáo không ghi tên đơn vị ($.unit.name); chỉ rõ đơn vị bằng --unit",
                        file=filename)
    sha, data = original.sha256, original.data
    fmt = (record.get("source") or {}).get("format")

    def work(s: Session) -> ImportResult:
        result = _store(s)
        if then is not None:
            then(s, result)
        return result

    def _store(s: Session) -> ImportResult:
        rnd = get_round(s, code)
        dup = s.scalar(select(Report).where(Report.round_id == rnd.id, Report.sha256 == sha)
                       .order_by(Report.id))
        if dup is not None:
            return _result(s, dup, "duplicate", rnd.code)
        unit, created, scheduled, match = unit_match.unit_of_report(
            s, rnd, printed, chosen, filename, learn=learn_alias)
        if s.get(OriginalFile, sha) is None:
            s.add(OriginalFile(sha256=sha, size=len(data), data=data))
        previous = s.scalar(select(Report).where(
            Report.round_id == rnd.id, Report.unit_id == unit.id)
            .order_by(Report.version.desc()).limit(1))
        last = previous.version if previous else 0
        stored, conflicts = record, None
        if annex and previous is not None:
            stored, conflicts = merge_annex(previous.record, record, filename)
        rep = Report(round_id=rnd.id, unit_id=unit.id, version=last + 1, sha256=sha,
                     filename=filename, format=fmt, record=stored,
                     warnings=[*(stored.get("warnings") or []),
                               *unit_match.match_warnings(match, unit)],
                     unit_match=match)
        s.add(rep)
        s.flush()
        record_change(s, actor, "annex" if conflicts is not None else "import", "report",
                      rep.id, round=rnd.code, unit=unit.name, version=rep.version, sha256=sha,
                      filename=filename, match=match, **(note or {}))
        status = "annex" if conflicts is not None else "new_version" if last else "stored"
        return _result(s, rep, status, rnd.code,
                       unit_created=created, scheduled=scheduled,
                       same_as_previous=previous is not None
                       and _content(previous.record) == _content(record))

    return transaction(archive, work)


def read_source(path: str | Path) -> bytes:
    path = Path(path)
    if not path.is_file():
        raise CchcError("không tìm thấy tệp", file=str(path))
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise CchcError(f"tệp quá lớn ({size // (1024 * 1024)} MB; tối đa "
                        f"{MAX_FILE_BYTES // (1024 * 1024)} MB)", file=str(path))
    return path.read_bytes()


def _report_row(rep: Report, unit: Unit, rnd: Round, latest: int) -> dict:
    return {"id": rep.id, "round": rnd.code, "unit": unit.name, "version": rep.version,
            "current": rep.version == latest, "filename": rep.filename, "format": rep.format,
            "sha256": rep.sha256, "warnings": len(still_open(rep.warnings)),
            "created_at": rep.created_at.isoformat(timespec="seconds")}


def list_reports(archive: Archive, code: str | None = None, *, unit: str | None = None,
                 all_versions: bool = False) -> list[dict]:
    with archive.sessions() as s:
        q = (select(Report, Unit, Round).join(Unit, Unit.id == Report.unit_id)
             .join(Round, Round.id == Report.round_id))
        if code:
            q = q.where(Report.round_id == get_round(s, code).id)
        if unit:
            found = find_unit(s, unit)
            if found is None:
                raise NotFound(f"không có đơn vị '{unit}' trong kho lưu trữ", field="unit")
            q = q.where(Report.unit_id == found.id)
        latest = {(r, u): v for r, u, v in s.execute(
            select(Report.round_id, Report.unit_id, func.max(Report.version))
            .group_by(Report.round_id, Report.unit_id))}
        rows = [_report_row(rep, u, rnd, latest[(rep.round_id, rep.unit_id)])
                for rep, u, rnd in s.execute(q.order_by(Round.id, Unit.name, Report.version))]
        return rows if all_versions else [r for r in rows if r["current"]]


def original_bytes(archive: Archive, report_id: int) -> bytes | None:
    """The original file a stored report was read from, or None if there is no such report."""
    with archive.sessions() as s:
        rep = s.get(Report, report_id)
        kept = s.get(OriginalFile, rep.sha256) if rep is not None else None
        return kept.data if kept is not None else None


def get_report(archive: Archive, report_id: int, *, with_original: bool = False) -> dict:
    """One stored version: its record, warnings, and (if asked) the original bytes."""
    with archive.sessions() as s:
        rep = s.get(Report, report_id)
        if rep is None:
            raise NotFound(f"không có báo cáo số {report_id} trong kho lưu trữ")
        unit, rnd = s.get(Unit, rep.unit_id), s.get(Round, rep.round_id)
        latest = s.scalar(select(func.max(Report.version)).where(
            Report.round_id == rep.round_id, Report.unit_id == rep.unit_id))
        out = {**_report_row(rep, unit, rnd, latest), "record": rep.record,
               "warnings": list(rep.warnings or []), "match": rep.unit_match}
        if with_original:
            out["original"] = s.get(OriginalFile, rep.sha256).data
        return out
