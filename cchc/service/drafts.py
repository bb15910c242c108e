"""Uploaded reports before they enter the archive: see, correct by hand, accept.

A hand correction is never silent: it is listed on the draft and, once accepted,
travels with the record as a ``manual.correction`` warning naming who changed
what from which value.
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from cchc.archive import store
from cchc.archive.db import Archive
from cchc.archive.store import transaction
from cchc.core.errors import UNEXPECTED, CchcError, plain_message
from cchc.core.incoming import JSON
from cchc.core.vn import clean, format_number, parse_number
from cchc.schemas.validate import errors as schema_errors
from cchc.usecases.intake import parse_record

from . import audit, jsonpath
from .adapters import extract_incoming
from .errors import ApiError, not_found
from .jobs import item_error
from .models import Draft, utcnow
from .uploads import Upload

log = logging.getLogger("cchc.service.drafts")


def _as_dict(record) -> dict:
    if isinstance(record, dict):
        return record
    for name in ("as_dict", "to_dict", "model_dump"):
        if hasattr(record, name):
            return getattr(record, name)()
    raise CchcError("bộ trích xuất trả về kết quả không phải bản ghi")


def read_record(upload: Upload, extractor: Callable) -> dict:
    """The record for an upload: parsed if it is already a JSON record, else extracted
    (``extractor``: Incoming → record); the upload's hash is the intake's."""
    incoming = upload.incoming
    if incoming.format == JSON:
        try:
            record = parse_record(incoming)
        except CchcError as exc:
            raise ApiError(422, "bad_json", f"tệp '{upload.filename}': {exc.message}",
                           field="file") from exc
    else:
        try:
            record = _as_dict(extract_incoming(extractor, incoming))
        except (ApiError, CchcError):
            raise
        except Exception as exc:  # a crafted file must not become a 500
            log.exception("extractor failed on %s", upload.filename)
            reason = plain_message(exc)
            raise ApiError(422, "extract_failed", f"không trích xuất được tệp "
                           f"'{upload.filename}'; tệp có thể hỏng" + (
                               f" ({reason})" if reason != UNEXPECTED else ""),
                           field="file") from exc
    if isinstance(record, dict) and isinstance(record.get("source"), dict):
        record["source"].setdefault("sha256", incoming.sha256)
    return record


class Reading:
    """``read_record`` for the import use case, keeping the record it read: a report of
    no scheduled unit is held as a draft with it, not read a second time."""

    def __init__(self, upload: Upload, extractor: Callable):
        self.upload, self.extractor, self.record = upload, extractor, None

    def __call__(self, _incoming) -> dict:
        self.record = read_record(self.upload, self.extractor)
        return self.record


def problems(record) -> list[str]:
    if not isinstance(record, dict) or record.get("kind") != "unit_report":
        return ["$.kind: không phải bản ghi báo cáo của đơn vị (kind phải là 'unit_report')"]
    return schema_errors("report", record)


def version(d: Draft) -> str:
    """The draft's version: how many corrections it has had, and a digest of what it
    holds now. A form or a PATCH carries the version it was made from; a save from an
    older one would silently undo another person's correction, so it is refused."""
    content = json.dumps([d.record, d.unit_name, d.status], sort_keys=True, default=str)
    return f"{len(d.corrections or [])}.{hashlib.sha256(content.encode()).hexdigest()[:12]}"


def stale(d: Draft, expected: str | None) -> ApiError | None:
    """The refusal for a save made from version ``expected``, or None if it is current."""
    if expected is None or expected == version(d):
        return None
    seen = expected.split(".", 1)[0]
    since = (d.corrections or [])[int(seen):] if seen.isdigit() else (d.corrections or [])
    changes = [f"{c['path']}: {shown(c['old'])} → {shown(c['new'])} (tài khoản {c['user']} "
               "đã sửa)" for c in since]
    return ApiError(412, "stale", "bản này đã được người khác sửa sau khi bạn mở trang; "
                    "không lưu để khỏi xoá mất phần sửa của họ. Hãy tải lại trang, xem các "
                    "thay đổi rồi sửa lại", details=changes or ["đơn vị hoặc trạng thái đã đổi"])


def info(d: Draft, *, with_data: bool = True) -> dict:
    out = {"id": d.id, "round": d.round_code, "filename": d.filename, "status": d.status,
           "error": json.loads(d.error) if d.error else None, "report_id": d.report_id,
           "corrections": d.corrections or [], "user": d.user_name,
           "created_at": d.created_at.isoformat(timespec="seconds"), "version": version(d)}
    record = d.record if isinstance(d.record, dict) else None
    out["unit"] = ((record or {}).get("unit") or {}).get("name")
    out["unit_choice"] = d.unit_name
    out["warnings"] = list((record or {}).get("warnings") or [])
    out["problems"] = problems(record) if record is not None else []
    if with_data:
        out["record"] = record
    return out


def _not_a_report(record, filename: str) -> dict | None:
    """Why a JSON upload is no unit's report (a plan sent by mistake), else None: such a
    file is listed with the failed ones, to be discarded, not left waiting for review."""
    if not isinstance(record, dict) or record.get("kind") in ("unit_report", None):
        return None
    from cchc.generator.documents import KINDS

    what = next((k.label.lower() for k in KINDS.values() if k.schema == record.get("kind")),
                "một loại dữ liệu khác")
    return {"code": "not_a_report", "message": f"tệp '{filename}' là {what}, không phải báo "
            "cáo của đơn vị; hãy bỏ tệp này", "details": []}


def create(archive: Archive, code: str, upload: Upload, extractor: Callable,
           user: str, record: dict | None = None, *, held: str | None = None) -> dict:
    """Extract (unless ``record`` is given) and keep one upload as a draft; a failed
    extraction is kept too, with why. ``held``: why an import waits as this draft."""
    error = None
    if record is None:
        try:
            record = read_record(upload, extractor)
        except Exception as exc:  # shown beside the file on the page
            error = json.dumps(item_error(exc), ensure_ascii=False)
    if error is None and (not_report := _not_a_report(record, upload.filename)):
        record, error = None, json.dumps(not_report, ensure_ascii=False)

    def work(s: Session) -> dict:
        d = Draft(round_code=code, filename=upload.filename, data=upload.data, record=record,
                  corrections=[], error=error, status="failed" if error else "pending",
                  user_name=user)
        s.add(d)
        s.flush()
        audit.audit(s, user, "upload", "draft", d.id,
                    {"round": code, "filename": upload.filename,
                     **({"held": held} if held else {})})
        return info(d)

    return transaction(archive, work)


def hold(archive: Archive, code: str, upload: Upload, record: dict, user: str | None,
         exc: store.UnitNotScheduled) -> dict:
    """A report that matches no scheduled unit waits as a draft for a person to choose
    its unit (never a new unit): {"status": "held", "draft_id", "reason", "url"}."""
    made = create(archive, code, upload, lambda *_: record, user, record=record,
                  held=exc.message)
    return {"status": "held", "draft_id": made["id"], "filename": upload.filename,
            "round": code, "unit": exc.printed or None, "reason": exc.message,
            "url": f"/drafts/{made['id']}"}


def get(archive: Archive, draft_id: int) -> Draft:
    with archive.sessions() as s:
        d = s.get(Draft, draft_id)
    if d is None:
        raise not_found(f"bản tải lên số {draft_id}")
    return d


def original(archive: Archive, d: Draft) -> bytes:
    """The uploaded file: the draft's own bytes while it waits, the archive's copy (its
    original_files) once accepted, when the draft no longer keeps them."""
    if d.data is not None:
        return d.data
    if d.report_id is not None:
        return store.original_bytes(archive, d.report_id) or b""
    return b""


def list_for_round(archive: Archive, code: str, status: str | None = None) -> list[dict]:
    with archive.sessions() as s:
        q = select(Draft).where(Draft.round_code == code)
        if status:
            q = q.where(Draft.status == status)
        return [info(d, with_data=True) for d in s.scalars(q.order_by(Draft.id))]


def _parse_value(steps, raw):
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if jsonpath.is_text(steps):
        return clean(str(raw))
    if isinstance(raw, bool):
        raise ValueError(raw)
    if isinstance(raw, int | float):
        return raw
    value = parse_number(str(raw))
    if value is None:
        raise ValueError(raw)
    return value


def shown(value) -> str:
    """A value as staff write it: 85,5 and 1.234, '(trống)' for nothing."""
    if value is None:
        return "(trống)"
    return format_number(value) if isinstance(value, int | float) else str(value)


def correct(archive: Archive, draft_id: int, path: str, raw, user: str, *,
            expected: str | None = None) -> dict:
    """Correct one value; ``expected``: the version the change was made from."""
    try:
        steps = jsonpath.parse(path)
    except ValueError as exc:
        raise ApiError(422, "bad_path", f"đường dẫn '{path}' không hợp lệ (dạng $.a.b[0].c)",
                       field="$.path") from exc

    def work(s: Session) -> dict:
        d = s.get(Draft, draft_id)
        if d is None:
            raise not_found(f"bản tải lên số {draft_id}")
        if d.status != "pending" or not isinstance(d.record, dict):
            raise ApiError(409, "not_pending", f"bản tải lên số {draft_id} không còn chờ duyệt")
        refusal = stale(d, expected)
        if refusal is not None:
            raise refusal
        record = copy.deepcopy(d.record)
        if path not in dict(jsonpath.editable(record)):
            raise ApiError(422, "not_editable", f"không sửa được '{path}': chỉ sửa được giá "
                           "trị đã có trong đơn vị, văn bản, kỳ báo cáo, chỉ số, kinh phí, "
                           "bảng thống kê", field="$.path")
        old = jsonpath.get(record, steps)
        try:
            new = _parse_value(steps, raw)
        except ValueError as exc:
            said = str(raw) if len(str(raw)) <= 40 else f"{str(raw)[:20]}… ({len(str(raw))} ký tự)"
            raise ApiError(422, "bad_value", f"giá trị '{said}' không phải số hợp lệ cho "
                           f"{path}", field="$.value") from exc
        jsonpath.put(record, steps, new)
        message = f"giá trị sửa tay bởi {user}: {shown(old)} → {shown(new)}"
        record.setdefault("warnings", []).append(
            {"code": "manual.correction", "where": path[2:], "message": message})
        bad = schema_errors("report", record)
        if bad:
            raise ApiError(422, "schema_invalid", "giá trị sửa làm bản ghi không đúng hợp đồng "
                           "dữ liệu", field=path, details=bad[:20])
        d.record = record
        d.corrections = [*(d.corrections or []), {"path": path, "old": old, "new": new,
                                                  "user": user,
                                                  "at": utcnow().isoformat(timespec="seconds")}]
        s.flush()
        audit.audit(s, user, "correct", "draft", draft_id,
                    {"path": path, "old": old, "new": new})
        return {"draft": info(d), "old": old, "new": new}

    return transaction(archive, work)


def unit_match(archive: Archive, d: Draft) -> dict:
    """The scheduled unit the draft goes to (a person's choice, else the register's
    match), how sure that is, the round's scheduled units, and why none if none."""
    printed = ((d.record if isinstance(d.record, dict) else {}).get("unit") or {}).get("name")
    try:
        return store.round_match(archive, d.round_code, printed, d.unit_name)
    except CchcError:  # the round is gone: nothing to match against
        return {"unit": None, "match": None, "scheduled": [], "reason": None}


def choose_unit(archive: Archive, draft_id: int, name: str, user: str | None) -> dict:
    """Put a pending draft on a scheduled unit of its round (the review's dropdown); in
    a round without a schedule, on the unit named."""
    d = get(archive, draft_id)
    if d.status != "pending":
        raise ApiError(409, "not_pending", f"bản tải lên số {draft_id} không còn chờ duyệt")
    found = store.round_match(archive, d.round_code, None, clean(name or ""))
    if not found["scheduled"] and clean(name or ""):  # a round without a schedule
        found["unit"] = clean(name)
    if found["unit"] is None:
        raise ApiError(422, "unit_not_scheduled", f"đơn vị '{name}' không có trong lịch "
                       f"kiểm tra của đợt {d.round_code}", field="unit")

    def work(s: Session) -> None:
        s.get(Draft, draft_id).unit_name = found["unit"]
        audit.audit(s, user, "assign", "draft", draft_id, {"unit": found["unit"]})

    transaction(archive, work)
    return found


def accept_draft(archive: Archive, draft_id: int, user: str, unit_name: str | None = None,
                 *, annex: bool = False) -> dict:
    """The accept use case: store the draft in the archive as the unit's report (a new
    version if it has one), or, with ``annex``, merged into the report it already has,
    field by field. The report, its audit row (with ``user``) and the draft marked
    accepted are one transaction: a crash leaves both or neither."""
    d = get(archive, draft_id)
    if d.status != "pending":
        raise ApiError(409, "not_pending", f"bản tải lên số {draft_id} không còn chờ duyệt")
    bad = problems(d.record)
    if bad:
        raise ApiError(422, "schema_invalid", "bản ghi chưa đúng hợp đồng dữ liệu; hãy sửa "
                       "trước khi duyệt", field=jsonpath_field(bad), details=bad[:20])
    def accepted(s: Session, result: store.ImportResult) -> None:
        row = s.get(Draft, draft_id)
        if row is None or row.status != "pending":  # someone else accepted or discarded it
            raise ApiError(409, "not_pending", f"bản tải lên số {draft_id} không còn chờ duyệt")
        row.status, row.report_id = "accepted", result.report_id
        row.data = None  # the archive's original_files keeps the bytes (result.sha256)
        if result.status == "duplicate":  # nothing imported: the draft's change is the one
            audit.audit(s, user, "accept", "draft", draft_id,
                        {"report_id": result.report_id, "status": result.status})

    with audit.acting_as(user):
        try:
            result = store.import_record(archive, d.round_code, d.record, d.data or b"",
                                         d.filename, unit_name=unit_name or d.unit_name,
                                         learn_alias=True, annex=annex, then=accepted,
                                         note={"draft": draft_id}, actor=user,
                                         validated=True)
        except store.UnitNotScheduled as exc:
            raise ApiError(422, "unit_not_scheduled", exc.message, field="unit") from exc
    return result.as_dict()


def discard(archive: Archive, draft_id: int, user: str | None) -> dict:
    """Drop a pending or failed upload (a file sent by mistake); what it was is returned
    for the audit log, which keeps it after the draft is gone."""
    def work(s: Session) -> dict:
        d = s.get(Draft, draft_id)
        if d is None:
            raise not_found(f"bản tải lên số {draft_id}")
        if d.status == "accepted":
            raise ApiError(409, "not_pending", f"bản tải lên số {draft_id} đã được duyệt")
        gone = {"round": d.round_code, "filename": d.filename, "status": d.status,
                "sha256": hashlib.sha256(d.data or b"").hexdigest()}
        s.delete(d)
        audit.audit(s, user, "discard", "draft", draft_id, gone)
        return gone

    return transaction(archive, work)


def jsonpath_field(details: list[str]) -> str | None:
    first = details[0] if details else ""
    return first.split(":", 1)[0] if first.startswith("$") else None
