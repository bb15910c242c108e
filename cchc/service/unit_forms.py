"""The units' report forms in the database: open, save as typed (with a version), the
signed file, submit into the round.

A save carries the version it was made from; one made from an older version (another
tab, another person of the unit) is refused with 412, as the review page refuses a
stale correction, so a tab never silently overwrites what another saved.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from cchc.archive import store
from cchc.archive.audit import acting_as, audit
from cchc.archive.db import Archive
from cchc.archive.store import transaction

from . import unit_report
from .errors import ApiError, not_found
from .models import utcnow
from .unit_models import UnitForm
from .uploads import Upload

STALE = ("báo cáo đã được lưu từ một thẻ (tab) hoặc máy khác sau khi bạn mở trang này; "
         "không lưu để khỏi xoá mất phần đã lưu ở đó. Hãy tải lại trang rồi nhập tiếp")


def info(f: UnitForm) -> dict:
    return {"id": f.id, "round": f.round_code, "unit": f.unit_name, "version": f.version,
            "status": f.status, "signed": f.signed_filename, "report_id": f.report_id,
            "doubts": dict(f.doubts or {}),
            "updated_at": f.updated_at, "updated_by": f.updated_by}


def open_form(archive: Archive, code: str, unit: str, user: str | None) -> dict:
    """The unit's form in the round, made empty on first visit: that making is audited
    as ``user``'s "open" in the same transaction (a later visit changes nothing)."""
    def work(s: Session) -> dict:
        row = s.scalar(select(UnitForm).where(UnitForm.round_code == code,
                                              UnitForm.unit_name == unit))
        if row is None:
            row = UnitForm(round_code=code, unit_name=unit, fields={}, doubts={}, version=1,
                           status="editing", updated_at=utcnow())
            s.add(row)
            s.flush()
            audit(s, user, "open", "unit_form", row.id, {"round": code, "unit": unit})
        return info(row)
    return transaction(archive, work)


def get(archive: Archive, form_id: int) -> UnitForm:
    with archive.sessions() as s:
        row = s.get(UnitForm, form_id)
    if row is None:
        raise not_found(f"báo cáo số {form_id}")
    return row


def _editable(row: UnitForm, expected: int | None) -> None:
    if row.status != "editing":
        raise ApiError(409, "submitted", "báo cáo đã nộp; không sửa được nữa")
    if expected is not None and expected != row.version:
        raise ApiError(412, "stale", STALE, details=[f"bản bạn mở: {expected}, bản đã lưu: "
                                                     f"{row.version}"])


MAX_NAMED = 50   # field names an autosave's audit row lists (its count is always there)


def changed_names(before: dict, after: dict) -> list[str]:
    """The fields whose text differs between two saves (added, removed or edited)."""
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def save(archive: Archive, form_id: int, fields: dict, expected: int | None, user: str
         ) -> dict:
    """Keep the typed fields (already checked by unit_report.clean_fields); a save that
    changes them is audited as ``user``'s "save" in the same transaction, naming the
    version made and the fields changed (their names only: the text is the form's)."""
    def work(s: Session) -> dict:
        row = s.get(UnitForm, form_id)
        if row is None:
            raise not_found(f"báo cáo số {form_id}")
        _editable(row, expected)
        if row.fields != fields:
            names = changed_names(row.fields or {}, fields)
            row.fields, row.version = fields, row.version + 1
            row.updated_at, row.updated_by = utcnow(), user
            row.doubts = {k: d for k, d in (row.doubts or {}).items()
                          if fields.get(k, "") == d["value"]}   # a changed value is checked
            audit(s, user, "save", "unit_form", form_id,
                  {"version": row.version, "changed": len(names),
                   "fields": names[:MAX_NAMED]})
        return info(row)
    return transaction(archive, work)


def replace(archive: Archive, form_id: int, fields: dict, doubts: dict, user: str, *,
            filename: str) -> dict:
    """The form filled from an earlier Word draft ``filename``: a new version (an open tab
    that saves after this is refused, as for any other save), audited as ``user``'s
    "import_word" in the same transaction."""
    def work(s: Session) -> dict:
        row = s.get(UnitForm, form_id)
        if row is None:
            raise not_found(f"báo cáo số {form_id}")
        _editable(row, None)
        row.fields, row.doubts, row.version = fields, doubts, row.version + 1
        row.updated_at, row.updated_by = utcnow(), user
        audit(s, user, "import_word", "unit_form", form_id,
              {"filename": filename, "doubts": len(doubts)})
        return info(row)
    return transaction(archive, work)


def attach_signed(archive: Archive, form_id: int, upload: Upload, user: str) -> dict:
    """Keep the signed scan or PDF with the form, audited as ``user``'s "upload" in the
    same transaction."""
    def work(s: Session) -> dict:
        row = s.get(UnitForm, form_id)
        if row is None:
            raise not_found(f"báo cáo số {form_id}")
        _editable(row, None)
        row.signed_filename, row.signed_data = upload.filename, upload.data
        row.updated_at, row.updated_by = utcnow(), user
        audit(s, user, "upload", "unit_form", form_id, {"filename": upload.filename})
        return info(row)
    return transaction(archive, work)


def _claim(archive: Archive, form_id: int) -> UnitForm:
    """Mark the form as being submitted, in one transaction: a second click, or a save
    from another tab, finds it no longer editable."""
    def work(s: Session) -> UnitForm:
        row = s.get(UnitForm, form_id)
        if row is None:
            raise not_found(f"báo cáo số {form_id}")
        _editable(row, None)
        if not row.signed_data:
            raise ApiError(422, "unsigned", "hãy tải lên bản đã ký (bản quét hoặc PDF) trước "
                           "khi nộp", field="signed")
        row.status = "submitting"
        s.flush()
        s.expunge(row)
        return row
    return transaction(archive, work)


def submit(archive: Archive, form_id: int, district: bool, user: str) -> dict:
    """The record as typed goes to the round as the unit's report, the signed file as its
    original, on the form's own unit."""
    row = _claim(archive, form_id)
    record, _ = unit_report.build(row.fields or {}, row.unit_name, district=district,
                                  filename=row.signed_filename or "ban-ky.pdf")
    def submitted(s: Session, result: store.ImportResult) -> None:
        done = s.get(UnitForm, form_id)
        done.status, done.report_id = "submitted", result.report_id
        done.updated_at, done.updated_by = utcnow(), user
        if result.status == "duplicate":  # nothing imported: the form's change is the one
            audit(s, user, "submit", "unit_form", form_id, {"report_id": result.report_id})

    try:
        # the record names the scheduled unit exactly as the schedule does: it matches
        # by name ("trùng tên"), never as a person's choice. The form is marked
        # submitted in the import's transaction, which carries the one audit row.
        with acting_as(user):
            result = store.import_record(archive, row.round_code, record, row.signed_data,
                                         row.signed_filename or "ban-ky.pdf",
                                         then=submitted, note={"unit_form": form_id},
                                         actor=user)
    except Exception as exc:
        transaction(archive, lambda s: setattr(s.get(UnitForm, form_id), "status", "editing"))
        if isinstance(exc, store.UnitNotScheduled):
            raise ApiError(422, "unit_not_scheduled", exc.message, field="unit") from exc
        raise
    return result.as_dict()
