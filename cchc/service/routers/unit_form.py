"""The units' side (issue 25): invites for staff, the unit's own report form.

A unit account reaches only the routes here, and through them only the forms of the
(unit, round) pairs its invite gave it: another unit's form is "not found", the
same answer as an id that does not exist, so ids guessed in the URL say nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Depends, File, Request, UploadFile
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from cchc.core.errors import CchcError
from cchc.core.filenames import slug
from cchc.generator.documents import render_report

from .. import audit, drafts, forms, rounds, unit_accounts, unit_forms, unit_report, users
from ..deps import Id, Principal, archive_of, current_user, extractor_of
from ..errors import ApiError, not_found
from ..generate import MEDIA, _pdf
from ..hashing import Busy
from ..login import client_address
from ..responses import download
from ..uploads import accept
from ..web import back, error_text, flash, page_user, posted, render, require, session_user

router = APIRouter(include_in_schema=False)
SIGNED_KINDS = ("pdf", "png", "jpeg", "tiff")


# ---------------------------------------------------------------- staff: invites

def _invite_page(request: Request, who: Principal, code: str, made: dict | None = None,
                 status: int = 200) -> HTMLResponse:
    archive = archive_of(request)
    units = [k.name for k in unit_accounts.scheduled(archive, code)]
    return render(request, "unit_invites.html", who, status=status, code=code, units=units,
                  invites=unit_accounts.invites(archive, code), made=made)


@router.get("/rounds/{code}/don-vi", response_class=HTMLResponse)
def invites_page(code: str, request: Request, who: Principal = Depends(page_user)):
    require(who, "staff")
    code = rounds.require_round(archive_of(request), code)
    return _invite_page(request, who, code)


@router.post("/rounds/{code}/don-vi", response_class=HTMLResponse)
async def invite_post(code: str, request: Request):
    """A new code, shown once on the page (to print or copy into the schedule notice)."""
    who, form = await posted(request, "staff")
    archive = archive_of(request)
    code = rounds.require_round(archive, code)
    try:
        made = unit_accounts.create_invite(archive, code, form.get("unit") or "", who.name)
    except ApiError as exc:
        flash(request, "error", *error_text(exc))
        return _invite_page(request, who, code, status=exc.status)
    return _invite_page(request, who, code, made=made)


# ---------------------------------------------------------------- units: the invite

@router.get("/don-vi/nhan-ma", response_class=HTMLResponse)
def redeem_page(request: Request, code: str = ""):
    return render(request, "unit_redeem.html", None, code=unit_accounts.normal_code(code))


@router.post("/don-vi/nhan-ma", response_class=HTMLResponse)
async def redeem_post(request: Request):
    from ..deps import check_csrf

    form = await request.form()
    check_csrf(request, form.get("csrf"))
    archive = archive_of(request)
    text = {k: str(form.get(k) or "")[:1000] for k in ("code", "username", "password",
                                                       "password2")}
    throttle = request.app.state.throttle
    # per address only: a shared key would let one guesser hold up every unit
    wait = throttle.attempt([f"invite:{client_address(request)}"])
    try:
        if wait:
            raise ApiError(429, "too_many_attempts", f"nhập sai mã quá nhiều lần; hãy thử lại "
                           f"sau {wait} giây", headers={"Retry-After": str(wait)})
        if text["password"] != text["password2"]:
            raise ApiError(422, "password_mismatch", "hai lần nhập mật khẩu không giống nhau",
                           field="password2")
        made = await run_in_threadpool(unit_accounts.redeem, archive, text["code"],
                                       text["username"], text["password"])
    except (ApiError, CchcError, Busy) as exc:
        if isinstance(exc, Busy):
            exc = ApiError(503, "busy", exc.message)
        flash(request, "error", *error_text(exc))
        return render(request, "unit_redeem.html", None, status=getattr(exc, "status", 422),
                      code=unit_accounts.normal_code(text["code"]), username=text["username"])
    user = users.find_user(archive, made["name"])
    sid = await run_in_threadpool(users.start_session, archive, user)
    request.session.clear()
    request.session["sid"] = sid
    flash(request, "ok", f"Đã tạo tài khoản {made['name']} cho {made['unit']}.")
    return back("/don-vi")


# ---------------------------------------------------------------- units: the form

def unit_user(request: Request) -> Principal:
    who = session_user(request)
    if who.role != unit_accounts.UNIT_ROLE:
        raise ApiError(403, "forbidden", "trang này dành cho tài khoản của đơn vị được "
                       "kiểm tra")
    return who


def _own(request: Request, who: Principal, form_id: int):
    """The form, if it is this account's unit's in a round it may see; else not found."""
    archive = archive_of(request)
    try:
        row = unit_forms.get(archive, form_id)
    except ApiError:
        row = None
    if row is None or not unit_accounts.may_see(archive, who.id, row.round_code,
                                                row.unit_name):
        raise not_found(f"báo cáo số {form_id}")
    return row


def _outline(archive, code: str) -> dict:
    """The round's outline (from its plan), else the example outline."""
    from .. import round_docs

    plan = rounds.round_plan(archive, code)
    return round_docs.kind_data("outline", plan) if plan else forms.example("outline")


@router.get("/don-vi", response_class=HTMLResponse)
def unit_home(request: Request, who: Principal = Depends(unit_user)):
    archive = archive_of(request)
    rows = []
    for a in unit_accounts.access(archive, who.id):
        rows.append({**a, "form": unit_forms.open_form(archive, a["round"], a["unit"],
                                                         who.name)})
    return render(request, "unit_home.html", who, rows=rows)


@router.get("/don-vi/bao-cao/{form_id}", response_class=HTMLResponse)
def form_page(form_id: Id, request: Request, who: Principal = Depends(unit_user)):
    archive = archive_of(request)
    row = _own(request, who, form_id)
    district = unit_accounts.is_district(archive, row.unit_name)
    fields = row.fields or {}
    parts = unit_report.layout(_outline(archive, row.round_code), district)
    found = unit_report.checks(fields, row.unit_name, district, parts, row.doubts)
    return render(request, "unit_form.html", who, form=unit_forms.info(row), fields=fields,
                  parts=parts,
                  header_fields=unit_report.HEADER_FIELDS, stats_header=unit_report.stats_header(),
                  grid=unit_report.grid_rows(fields), district=district,
                  locked=row.status != "editing",
                  checks=found, notes=unit_report.placed(found, parts))


def _version(request: Request, body: dict) -> int | None:
    """The version the save was made from: If-Match, else the body's ``version``."""
    raw = request.headers.get("If-Match", "").strip('"W/ ') or body.get("version")
    if raw is None:
        raise ApiError(428, "version_required", "thiếu phiên bản của báo cáo (If-Match)",
                       field="$.version")
    try:
        return int(str(raw))
    except ValueError as exc:
        raise ApiError(422, "invalid", "phiên bản không hợp lệ", field="$.version") from exc


@router.put("/api/don-vi/bao-cao/{form_id}")
async def form_save(form_id: Id, request: Request, who: Principal = Depends(current_user)):
    """Autosave: the whole form as typed; 412 if saved elsewhere since it was opened."""
    if who.role != unit_accounts.UNIT_ROLE:
        raise ApiError(403, "forbidden", "chỉ tài khoản của đơn vị được nhập báo cáo này")
    try:
        body = await request.json()
    except ValueError as exc:
        raise ApiError(422, "invalid", "JSON sai cú pháp", field="$") from exc
    if not isinstance(body, dict):
        raise ApiError(422, "invalid", "dữ liệu phải là một đối tượng JSON", field="$")
    archive = archive_of(request)
    row = _own(request, who, form_id)
    expected = _version(request, body)
    fields = unit_report.clean_fields(body.get("fields"))
    saved = unit_forms.save(archive, form_id, fields, expected, who.name)
    district = unit_accounts.is_district(archive, row.unit_name)
    parts = unit_report.layout(_outline(archive, row.round_code), district)
    return {"version": saved["version"], "saved_at": saved["updated_at"].isoformat(),
            **unit_report.checks(fields, row.unit_name, district, parts, saved["doubts"])}


@router.get("/don-vi/bao-cao/{form_id}/van-ban")
def form_document(form_id: Id, request: Request, format: str = "docx",
                  who: Principal = Depends(unit_user)):
    """The report in official format (the ``report`` kind), to print, sign and send back."""
    archive = archive_of(request)
    row = _own(request, who, form_id)
    if format not in ("docx", "pdf"):
        raise ApiError(422, "bad_format", "chỉ tải được dạng docx hoặc pdf", field="format")
    fields = row.fields or {}
    district = unit_accounts.is_district(archive, row.unit_name)
    record, _ = unit_report.build(fields, row.unit_name, district=district)
    content = render_report(record, _outline(archive, row.round_code),
                            signer=unit_report.signer(fields))
    if format == "pdf":
        content = _pdf(content)
    audit.record(archive, who.name, "generate", "document:report", round=row.round_code,
                 unit=row.unit_name, format=format)
    return download(content, MEDIA[format], f"bao-cao-{slug(row.unit_name)}-"
                    f"{slug(row.round_code)}.{format}")


async def _received(request: Request, file: UploadFile, kinds: tuple, what: str):
    """The unit's file through the one upload intake and its limits, of one of ``kinds``."""
    settings = request.app.state.settings
    upload = await run_in_threadpool(accept, file, settings.upload_limit_bytes,
                                     settings.unzipped_limit_bytes)
    if upload.kind not in kinds:
        raise ApiError(415, "unsupported_type", f"tệp '{upload.filename}' không phải {what}",
                       field="file")
    return upload


@router.post("/don-vi/bao-cao/{form_id}/ban-ky")
async def signed_upload(form_id: Id, request: Request, file: UploadFile = File(...)):
    """The signed scan or PDF, through the same intake and limits as every upload."""
    who, _form = await posted_unit(request)
    archive = archive_of(request)
    _own(request, who, form_id)
    try:
        upload = await _received(request, file, SIGNED_KINDS,
                                 "bản quét hay PDF (nhận PDF, PNG, JPEG, TIFF)")
        unit_forms.attach_signed(archive, form_id, upload, who.name)
    except (ApiError, CchcError) as exc:
        flash(request, "error", *error_text(exc))
        return back(f"/don-vi/bao-cao/{form_id}#nop")
    flash(request, "ok", f"Đã nhận bản đã ký: {upload.filename}.")
    return back(f"/don-vi/bao-cao/{form_id}#nop")


WORD_KINDS = ("docx", "doc", "pdf")


@router.post("/don-vi/bao-cao/{form_id}/word")
async def word_import(form_id: Id, request: Request, file: UploadFile = File(...),
                      extractor: Callable = Depends(extractor_of)):
    """A unit that started in Word: the extractor reads its draft and fills the form;
    each value it doubted is marked until the unit changes it."""
    who, _form = await posted_unit(request)
    archive = archive_of(request)
    _own(request, who, form_id)
    try:
        upload = await _received(request, file, WORD_KINDS, "văn bản Word hay PDF")
        record = await run_in_threadpool(drafts.read_record, upload, extractor)
        fields, doubts = unit_report.fields_from(record)
        fields = unit_report.clean_fields(fields)
        unit_forms.replace(archive, form_id, fields, doubts, who.name,
                           filename=upload.filename)
    except (ApiError, CchcError) as exc:
        flash(request, "error", *error_text(exc))
        return back(f"/don-vi/bao-cao/{form_id}")
    flash(request, "ok", f"Đã điền biểu mẫu từ {upload.filename}" + (
        f"; {len(doubts)} ô đọc chưa chắc chắn được tô đỏ, hãy đối chiếu." if doubts else "."))
    return back(f"/don-vi/bao-cao/{form_id}")


async def posted_unit(request: Request) -> tuple[Principal, dict]:
    from ..deps import check_csrf

    who = unit_user(request)
    form = await request.form()
    check_csrf(request, form.get("csrf"))
    return who, {k: v for k, v in form.items() if isinstance(v, str)}


@router.post("/don-vi/bao-cao/{form_id}/nop")
async def submit_post(form_id: Id, request: Request):
    who, _form = await posted_unit(request)
    archive = archive_of(request)
    row = _own(request, who, form_id)
    try:
        district = unit_accounts.is_district(archive, row.unit_name)
        result = unit_forms.submit(archive, form_id, district, who.name)
    except (ApiError, CchcError) as exc:
        flash(request, "error", *error_text(exc))
        return back(f"/don-vi/bao-cao/{form_id}#nop")
    flash(request, "ok", f"Đã nộp báo cáo của {result['unit']} vào đợt {result['round']} "
          f"(bản {result['version']}).")
    return back("/don-vi")
