"""Round-level views the service adds on top of the archive: dashboard, summary,
conclusions issued."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import func, select

from cchc.archive import recommendations as recs
from cchc.archive import store
from cchc.archive.db import Archive
from cchc.archive.models import Conclusion, Round, Unit
from cchc.archive.units import find_unit
from cchc.core.vn import clean

from .errors import ApiError, not_found
from .models import Draft


def require_round(archive: Archive, code: str) -> str:
    with archive.sessions() as s:
        found = s.scalar(select(Round.code).where(Round.code == clean(code or "")))
    if found is None:
        raise not_found(f"đợt kiểm tra '{code}'")
    return found


def create(archive: Archive, code: str, **kw) -> dict:
    """A new round; one that exists is the archive's Conflict (409 round_exists)."""
    return store.create_round(archive, clean(code or ""), **kw)


def exists(archive: Archive, code: str) -> bool:
    with archive.sessions() as s:
        return s.scalar(select(Round.id).where(Round.code == clean(code or ""))) is not None


def round_plan(archive: Archive, code: str) -> dict | None:
    with archive.sessions() as s:
        return store.get_round(s, code).plan


def latest_plan(archive: Archive) -> tuple[str, dict] | None:
    """The newest round that has a plan (by year, then creation), to copy from."""
    with archive.sessions() as s:  # JSON null is not SQL NULL on every backend: ask Python
        for rnd in s.scalars(select(Round).order_by(Round.year.desc().nulls_last(),
                                                    Round.created_at.desc(), Round.id.desc())):
            if rnd.plan:
                return rnd.code, rnd.plan
    return None


def plan_issued(plan: dict | None) -> bool:
    """A plan is issued once the clerk has given it its number."""
    return bool(plan) and plan.get("number") is not None


def update_plan(archive: Archive, code: str, plan: dict, title: str | None = None) -> dict:
    """Replace a round's plan (and its schedule of units) while the plan is not issued."""
    from cchc.archive.models import RoundUnit
    from cchc.archive.register import plan_entries
    from cchc.archive.units import get_or_create_unit
    from cchc.schemas.validate import errors as schema_errors

    bad = schema_errors("plan", plan)
    if bad:
        raise ApiError(422, "schema_invalid", "kế hoạch chưa đủ để lưu", details=bad[:20])

    def work(s) -> dict:
        rnd = store.get_round(s, code)
        if plan_issued(rnd.plan):
            raise ApiError(409, "plan_issued", f"kế hoạch của đợt {rnd.code} đã có số "
                           f"{rnd.plan['number']} (đã ban hành) nên không sửa được nữa",
                           field="number")
        rnd.plan = plan
        if title and title.strip():
            rnd.title = clean(title)
        s.query(RoundUnit).filter(RoundUnit.round_id == rnd.id).delete()
        seen = set()
        for position, (quarter, label, entry) in enumerate(plan_entries(s, plan)):
            unit, _ = get_or_create_unit(s, entry["name"], short=entry.get("short"),
                                         level=entry.get("level"), parent=entry.get("parent"),
                                         authoritative=True)
            if unit.id in seen:
                raise ApiError(422, "duplicate_unit", f"đơn vị '{entry['name']}' có hai lần "
                               f"trong lịch kiểm tra (quý {quarter})", field="schedule")
            seen.add(unit.id)
            s.add(RoundUnit(round_id=rnd.id, unit_id=unit.id, quarter=quarter,
                            group_label=label, position=position))
        store.audit(s, "update", "round", rnd.id, ref=rnd.code, what="plan")
        s.flush()
        return store.round_info(s, rnd)

    return store.transaction(archive, work)


def conclusions(archive: Archive, code: str) -> list[dict]:
    """The notices issued in the round (the archive's conclusions table)."""
    with archive.sessions() as s:
        rnd = store.get_round(s, code)
        rows = s.execute(select(Conclusion, Unit).join(Unit, Unit.id == Conclusion.unit_id)
                         .where(Conclusion.round_id == rnd.id).order_by(Conclusion.id)).all()
        return [{"id": c.id, "round": rnd.code, "unit": u.name, "number": c.number,
                 "date": c.date.isoformat() if c.date else None,
                 "has_docx": c.docx is not None, "url": f"/api/conclusions/{c.id}",
                 "created_at": c.created_at.isoformat(timespec="seconds")}
                for c, u in rows]


def dashboard(archive: Archive, code: str, today: dt.date | None = None) -> dict:
    """The round's page: each unit's report, deadline standing (on ``today``, the
    app's clock), conclusion and open recommendations."""
    from cchc.archive.schedule import standing

    shown = store.show_round(archive, code)
    deadlines = {r["unit"]: r for r in standing(archive, code, today or dt.date.today())}
    reports = {r["unit"]: r for r in store.list_reports(archive, code)}
    issued = conclusions(archive, code)
    issued_units = {c["unit"] for c in issued}
    open_recs = recs.list_recommendations(archive, code, status="open")
    open_by_unit: dict[str, int] = {}
    for r in open_recs:
        open_by_unit[r["unit"]] = open_by_unit.get(r["unit"], 0) + 1
    for u in shown["units"]:
        rep = reports.get(u["unit"])
        u["report_id"] = rep["id"] if rep else None
        u["warnings"] = rep["warnings"] if rep else 0
        u["conclusion"] = u["unit"] in issued_units
        u["open_recommendations"] = open_by_unit.get(u["unit"], 0)
        u["deadline"] = deadlines.get(u["unit"])
    with archive.sessions() as s:
        pending = s.scalar(select(func.count()).select_from(Draft).where(
            Draft.round_code == code, Draft.status == "pending")) or 0
    return {**shown, "warnings_total": sum(r["warnings"] for r in reports.values()),
            "conclusions_issued": len(issued), "conclusions": issued,
            "open_recommendations": len(open_recs), "pending_drafts": pending}


def check_new_conclusion(archive: Archive, code: str, unit: str, findings: dict) -> str:
    """The unit's name once a notice may be made for it (previewed or issued)."""
    from cchc.archive.closing import check_no_conclusion
    from cchc.usecases.conclusion import FROM_ARCHIVE

    taken = [k for k in FROM_ARCHIVE if k in findings and k != "plan"]
    if taken:
        raise ApiError(422, "from_archive", f"các trường {', '.join(taken)} lấy từ kho lưu "
                       "trữ, không gửi trong kết quả kiểm tra", field=f"$.findings.{taken[0]}")
    unit = clean(unit or "")
    if not unit:
        raise ApiError(422, "invalid", "chưa ghi đơn vị được kiểm tra", field="$.unit")
    check_no_conclusion(archive, code, unit)  # Conflict, answered 409 by its class
    with archive.sessions() as s:
        if find_unit(s, unit) is None:
            raise ApiError(404, "not_found", f"không có đơn vị '{unit}' trong kho lưu trữ",
                           field="$.unit")
    return unit


def issue_conclusion(archive: Archive, code: str, unit: str, findings: dict, *,
                     actor: str | None = None, then: Callable | None = None) -> dict:
    """Render the notice from the archive (plan, unit's figures, previous round) and the
    findings, store it with its recommendations and ``then(session, stored)``'s rows in
    one transaction (cchc.usecases.conclusion)."""
    from cchc.usecases.conclusion import issue_conclusion as issue

    unit = check_new_conclusion(archive, code, unit, findings)
    _blob, stored = issue(archive, code, unit, findings, actor=actor, then=then)
    return {**stored, "url": f"/api/conclusions/{stored['id']}"}


def conclusion_docx(archive: Archive, conclusion_id: int) -> tuple[bytes, str]:
    with archive.sessions() as s:
        c = s.get(Conclusion, conclusion_id)
        unit = s.get(Unit, c.unit_id).name if c is not None else None
    if c is None or c.docx is None:
        raise not_found(f"thông báo kết luận số {conclusion_id}")
    from cchc.core.filenames import slug

    return c.docx, f"thong-bao-ket-luan-{slug(unit)}.docx"  # the CLI's tidy name


def summary_file(archive: Archive, code: str, fmt: str = "xlsx") -> bytes:
    """The round's official summary (archive.summary_data + generator), as bytes."""
    from cchc.archive.summary_data import round_summary

    data = round_summary(archive, code)
    if fmt == "xlsx":
        from cchc.generator.summary_xlsx import summary_xlsx
        return summary_xlsx(data)
    from cchc.generator.summary_docx import default_header, summary_docx
    from cchc.usecases.summary import score_ranking
    with archive.sessions() as s:
        plan = store.get_round(s, code).plan
    return summary_docx(data, default_header(plan, data.get("year")),
                        score_ranking(archive, code))
