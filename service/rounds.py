"""Round-level views the service adds on top of the archive: dashboard, summary,
conclusions issued."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from archive import recommendations as recs
from archive import store
from archive.db import Archive
from archive.models import Round
from archive.store import transaction
from cchc.vn import clean

from .errors import ApiError, not_found
from .generate import generate
from .models import Document, Draft


def require_round(archive: Archive, code: str) -> str:
    with archive.sessions() as s:
        found = s.scalar(select(Round.code).where(Round.code == clean(code or "")))
    if found is None:
        raise not_found(f"đợt kiểm tra '{code}'")
    return found


def create(archive: Archive, code: str, **kw) -> dict:
    code = clean(code or "")
    with archive.sessions() as s:
        if s.scalar(select(Round.id).where(Round.code == code)) is not None:
            raise ApiError(409, "round_exists", f"đợt kiểm tra '{code}' đã có", field="$.code")
    return store.create_round(archive, code, **kw)


def conclusions(archive: Archive, code: str) -> list[dict]:
    with archive.sessions() as s:
        rows = s.scalars(select(Document).where(Document.round_code == code,
                                                Document.kind == "conclusion")
                         .order_by(Document.id))
        return [document_info(d) for d in rows]


def document_info(d: Document) -> dict:
    return {"id": d.id, "round": d.round_code, "unit": d.unit, "kind": d.kind,
            "filename": d.filename, "user": d.user_name, "url": f"/api/documents/{d.id}",
            "created_at": d.created_at.isoformat(timespec="seconds")}


def dashboard(archive: Archive, code: str) -> dict:
    shown = store.show_round(archive, code)
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
    with archive.sessions() as s:
        pending = s.scalar(select(func.count()).select_from(Draft).where(
            Draft.round_code == code, Draft.status == "pending")) or 0
    return {**shown, "warnings_total": sum(r["warnings"] for r in reports.values()),
            "conclusions_issued": len(issued), "conclusions": issued,
            "open_recommendations": len(open_recs), "pending_drafts": pending}


def _iso(date) -> str | None:
    if isinstance(date, dict) and date.get("year") and date.get("month") and date.get("day"):
        return dt.date(date["year"], date["month"], date["day"]).isoformat()
    return date if isinstance(date, str) else None


def issue_conclusion(archive: Archive, code: str, data: dict, user: str,
                     fmt: str = "docx") -> dict:
    """Render the notice, keep it as issued, and open its recommendations in the archive."""
    content, media, filename = generate("conclusion", data, fmt)
    unit = clean(((data.get("unit") or {}).get("name")) or "")
    if conclusions_for(archive, code, unit):
        raise ApiError(409, "conclusion_exists", f"đã ban hành thông báo kết luận cho "
                       f"'{unit}' trong đợt '{code}'", field="$.unit.name")
    items = [{"text": r.get("text"), "deadline": _iso(r.get("deadline"))}
             for r in data.get("recommendations") or [] if isinstance(r, dict)]

    def work(s: Session) -> dict:
        doc = Document(round_code=code, unit=unit, kind="conclusion", filename=filename,
                       media_type=media, data=content, user_name=user)
        s.add(doc)
        s.flush()
        return document_info(doc)

    doc = transaction(archive, work)
    added = recs.add_recommendations(archive, code, unit, items) if items else []
    return {"document": doc, "recommendations": added}


def conclusions_for(archive: Archive, code: str, unit: str) -> list[dict]:
    return [c for c in conclusions(archive, code) if c["unit"] == unit]


def get_document(archive: Archive, doc_id: int) -> Document:
    with archive.sessions() as s:
        d = s.get(Document, doc_id)
    if d is None:
        raise not_found(f"văn bản số {doc_id}")
    return d


def summary_file(archive: Archive, code: str, fmt: str = "xlsx") -> bytes:
    """The round's official summary (archive.summary_data + generator), as bytes."""
    import tempfile
    from pathlib import Path

    from archive.summary_data import round_summary

    data = round_summary(archive, code)
    with tempfile.TemporaryDirectory(prefix="cchc-sum-") as tmp:
        target = Path(tmp) / f"tong-hop.{fmt}"
        if fmt == "xlsx":
            from generator.summary_xlsx import write_summary_xlsx
            write_summary_xlsx(data, target)
        else:
            from generator.summary_docx import default_header, write_summary_docx
            with archive.sessions() as s:
                plan = store.get_round(s, code).plan
            write_summary_docx(data, target, default_header(plan, data.get("year")))
        return target.read_bytes()
