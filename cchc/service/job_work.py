"""What a background job does with one file, by job kind.

The work is named, not a closure: a job is persisted as (kind, params, files) and
may be run later by another process or machine, which looks the work up here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select

from cchc.archive import store
from cchc.archive.db import Archive
from cchc.usecases import intake

from . import drafts
from .models import Draft
from .uploads import Upload


@dataclass
class Runtime:
    """What a worker needs to run any item: the open database, the extractor, and the
    work by job kind (carried here so the runners need not import the work)."""

    archive: Archive
    extractor: Callable
    work: dict[str, Callable] = field(default_factory=lambda: WORK)


def extract(rt: Runtime, params: dict, upload: Upload) -> dict:
    record = drafts.read_record(upload, rt.extractor)
    return {"filename": upload.filename, "record": record,
            "warnings": record.get("warnings", []) if isinstance(record, dict) else []}


def draft(rt: Runtime, params: dict, upload: Upload) -> dict:
    """Run again after a crash, it finds the draft its first run made instead of a second."""
    user, code = params.get("user"), params["round"]
    made = _earlier_draft(rt, params, upload)
    if made is None:
        made = drafts.create(rt.archive, code, upload, rt.extractor, user)
    matched = (drafts.unit_match(rt.archive, drafts.get(rt.archive, made["id"]))
               if made["status"] == "pending" else {"unit": None, "reason": None})
    return {"draft_id": made["id"], "filename": made["filename"], "status": made["status"],
            "error": made["error"], "unit": matched["unit"] or made.get("unit"),
            "unit_reason": matched["reason"]}


def _earlier_draft(rt: Runtime, params: dict, upload: Upload) -> dict | None:
    since = dt.datetime.fromisoformat(params["submitted_at"])
    with rt.archive.sessions() as s:
        found = s.scalars(select(Draft).where(
            Draft.round_code == params["round"], Draft.filename == upload.filename,
            Draft.user_name == params.get("user"), Draft.created_at >= since,
            Draft.data == upload.data).order_by(Draft.id).limit(1)).first()
        return drafts.info(found, with_data=False) if found is not None else None


def import_report(rt: Runtime, params: dict, upload: Upload) -> dict:
    """Idempotent by content hash: the same bytes run twice give one report."""
    user, code = params.get("user"), params["round"]
    read = drafts.Reading(upload, rt.extractor)
    try:
        result = intake.import_report(rt.archive, code, upload.incoming, read=read, actor=user)
    except store.UnitNotScheduled as exc:  # held for a person, like a reviewed upload
        return drafts.hold(rt.archive, code, upload, read.record, user, exc)
    return result.as_dict()


WORK: dict[str, Callable[[Runtime, dict, Upload], dict]] = {
    "extract": extract, "drafts": draft, "import": import_report}
