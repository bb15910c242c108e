"""The plan form: write the plan field by field, download it, or save it as a round.

A round is created from the form (or from a plan file read into the form), never
from pasted JSON. A saved plan stays editable until it carries its number: the
clerk numbers a plan when it is issued, and an issued plan is not rewritten.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, UploadFile
from fastapi.responses import HTMLResponse

from cchc.core import jsonload
from cchc.core.errors import CchcError
from cchc.schemas.validate import errors as schema_errors

from .. import audit, forms, rounds
from ..deps import ROUND_MAKER, Principal, archive_of, check_csrf
from ..errors import ApiError
from ..generate import generate
from ..responses import download
from ..web import back, error_text, flash, page_user, posted, render, require

router = APIRouter(include_in_schema=False)
MAX_PLAN_BYTES = 5 * 1024 * 1024


def _page(request: Request, who: Principal, values: dict, *, code: str | None = None,
          locked: bool = False, status: int = 200, open_upload: bool = False,
          start: str | None = None):
    blank = [dict.fromkeys(forms.SCHEDULE_COLUMNS, "") for _ in range(forms.BLANK_ROWS)]
    last = rounds.latest_plan(archive_of(request)) if code is None else None
    return render(request, "plan.html", who, status=status, v=values, round_code=code,
                  locked=locked, quarters=forms.QUARTERS, blank_rows=blank,
                  open_upload=open_upload, start=start,
                  last_round=last[0] if last else None)


def _start_values(request: Request, start: str) -> tuple[str, dict]:
    """Where a new plan starts: blank, last round's plan moved on a year, or the example."""
    if start == "copy":
        last = rounds.latest_plan(archive_of(request))
        if last is not None:
            return start, forms.plan_form_values(forms.next_year_plan(last[1]))
        flash(request, "error", "Chưa có đợt kiểm tra nào có kế hoạch để chép; "
              "biểu mẫu để trống.")
    if start == "example":
        return start, forms.plan_form_values(forms.example("plan"))
    return "blank", forms.plan_form_values({})


@router.get("/plan", response_class=HTMLResponse)
def plan_page(request: Request, start: str = "blank", who: Principal = Depends(page_user)):
    start, values = _start_values(request, start)
    return _page(request, who, values, start=start)


@router.get("/rounds/{code}/plan", response_class=HTMLResponse)
def round_plan_page(code: str, request: Request, who: Principal = Depends(page_user)):
    archive = archive_of(request)
    code = rounds.require_round(archive, code)
    plan = rounds.round_plan(archive, code)
    values = forms.plan_form_values(plan or forms.example("plan"))
    return _page(request, who, values, code=code, locked=rounds.plan_issued(plan))


def _redisplay(request: Request, who: Principal, form: dict, exc: Exception):
    flash(request, "error", *error_text(exc, forms.PLAN_LABELS))
    values = {**form, "rows": forms.form_rows(form)}
    status = exc.status if isinstance(exc, ApiError) and exc.status in (403, 409) else 422
    return _page(request, who, values, code=form.get("round") if form.get("existing") else None,
                 status=status)


@router.post("/plan")
async def plan_post(request: Request):
    who, form = await posted(request, "staff")
    archive = archive_of(request)
    code = (form.get("round") or "").strip()
    existing = bool(code) and rounds.exists(archive, code)
    form["existing"] = "1" if existing else ""
    try:
        plan = forms.plan_from_form(form)
        if form.get("action") != "save":
            content, media, filename = generate("plan", plan, form.get("format") or "docx")
            audit.record(archive, who.name, "generate", "document:plan",
                         format=filename.rsplit(".", 1)[-1])
            return download(content, media, filename)
        require(who, ROUND_MAKER)
        if existing:
            with audit.acting_as(who.name):
                saved = rounds.update_plan(archive, code, plan, title=form.get("round_title"))
            flash(request, "ok", f"Đã lưu kế hoạch của đợt {saved['code']}.")
        else:
            if not code:
                raise ApiError(422, "invalid", "cần ghi mã đợt kiểm tra (ví dụ 2024) để lưu "
                               "kế hoạch thành đợt", field="round")
            bad = schema_errors("plan", plan)
            if bad:
                raise ApiError(422, "schema_invalid", "kế hoạch chưa đủ để lưu", details=bad)
            with audit.acting_as(who.name):
                saved = rounds.create(archive, code, plan=plan,
                                      title=form.get("round_title") or None)
            flash(request, "ok", f"Đã tạo đợt kiểm tra {saved['code']} với "
                  f"{saved['units_scheduled']} đơn vị trong lịch.")
    except (ApiError, CchcError) as exc:
        return _redisplay(request, who, form, exc)
    return back(f"/rounds/{saved['code']}")


def _read_plan_file(archive, upload: UploadFile, data: bytes) -> dict:
    name = upload.filename or "ke-hoach"
    if name.lower().endswith(".json"):
        try:
            plan = jsonload.loads(data, name)
        except CchcError as exc:
            raise ApiError(422, "bad_json", f"tệp '{name}': {exc.message}",
                           field="file") from exc
        if not isinstance(plan, dict):
            raise ApiError(422, "bad_json", f"tệp '{name}': kế hoạch phải là một đối tượng",
                           field="file")
        return plan
    if name.lower().endswith(".docx"):
        from cchc.archive.register import known_units

        from ..plan_docx import read_plan_docx
        with archive.sessions() as s:
            known = known_units(s)
        return read_plan_docx(data, name, known)
    raise ApiError(422, "bad_file", f"tệp '{name}': chỉ đọc được kế hoạch DOCX hoặc JSON",
                   field="file")


@router.post("/plan/upload", response_class=HTMLResponse)
async def plan_upload(request: Request):
    who = page_user(request)
    form = await request.form()
    check_csrf(request, form.get("csrf"))
    require(who, ROUND_MAKER)
    upload = form.get("file")
    try:
        if not hasattr(upload, "read"):
            raise ApiError(422, "invalid", "chưa chọn tệp kế hoạch", field="file")
        data = await upload.read(MAX_PLAN_BYTES + 1)
        if len(data) > MAX_PLAN_BYTES:
            raise ApiError(413, "too_large", f"tệp '{upload.filename}' quá lớn (tối đa 5 MB)",
                           field="file")
        plan = _read_plan_file(archive_of(request), upload, data)
    except (ApiError, CchcError) as exc:
        flash(request, "error", *error_text(exc))
        return _page(request, who, forms.plan_form_values({}), status=422,
                     open_upload=True)
    values = forms.plan_form_values(plan)
    values["round"] = str(form.get("upload_round") or "")
    flash(request, "ok", f"Đã đọc {upload.filename}: {len(values['rows'])} đơn vị trong lịch. "
          "Kiểm tra lại rồi bấm “Lưu kế hoạch và tạo đợt”.")
    return _page(request, who, values)
