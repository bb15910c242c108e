"""Server-rendered pages for office staff (Vietnamese, no build step).

Pages read through the same service functions as the API; every form post
carries the session's CSRF token, and errors come back as a message on the page.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from cchc.archive import recommendations as recs
from cchc.archive import store
from cchc.errors import CchcError
from cchc.generator.documents import KINDS

from .. import audit, drafts, forms, jsonpath, rounds, users
from ..deps import RANK, ROLE_LABELS, Id, Principal, archive_of, check_csrf, csrf_token
from ..errors import ApiError
from ..generate import generate
from ..responses import download

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).resolve().parent.parent / "templates")
KIND_LABELS = {k.name: k.label for k in KINDS.values()}


class LoginRequired(Exception):
    pass


def page_user(request: Request) -> Principal:
    user = users.user_by_id(archive_of(request), request.session.get("user_id"))
    if user is None:
        raise LoginRequired()
    return Principal(user.id, user.name, user.role, via_session=True)


def _require(who: Principal, role: str) -> None:
    if RANK[who.role] < RANK[role]:
        raise ApiError(403, "forbidden", f"cần vai trò '{ROLE_LABELS[role]}' trở lên")


def flash(request: Request, kind: str, message: str, details: list[str] | None = None) -> None:
    request.session.setdefault("flash", [])
    request.session["flash"] = [*request.session["flash"],
                                {"kind": kind, "message": message,
                                 "details": list(details or [])[:20]}]


def _error_text(exc: Exception) -> tuple[str, list[str]]:
    if isinstance(exc, ApiError):
        return exc.message, exc.details
    if isinstance(exc, CchcError):
        return (f"{exc.file}: {exc.message}" if exc.file else exc.message), exc.details
    raise exc


def render(request: Request, name: str, who: Principal | None, status: int = 200,
           **ctx: Any) -> HTMLResponse:
    messages = request.session.pop("flash", [])
    return templates.TemplateResponse(request, name, {
        "who": who, "csrf": csrf_token(request), "messages": messages,
        "role_labels": ROLE_LABELS, "can": lambda role: who is not None and
        RANK[who.role] >= RANK[role], **ctx}, status_code=status)


def back(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


async def posted(request: Request, role: str) -> tuple[Principal, dict]:
    who = page_user(request)
    form = await request.form()
    check_csrf(request, form.get("csrf"))
    _require(who, role)
    return who, {k: v for k, v in form.items() if isinstance(v, str)}


# ---------------------------------------------------------------- login

@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request):
    return render(request, "login.html", None)


@router.post("/login")
async def login(request: Request):
    form = await request.form()
    check_csrf(request, form.get("csrf"))
    archive = archive_of(request)
    user = users.authenticate(archive, str(form.get("username") or ""),
                              str(form.get("password") or ""))
    if user is None:
        flash(request, "error", "Sai tên đăng nhập hoặc mật khẩu.")
        return render(request, "login.html", None, status=401)
    request.session.clear()
    request.session["user_id"] = user.id
    audit.record(archive, user.name, "login", f"user:{user.name}", via="session")
    return back("/")


@router.post("/logout")
async def logout(request: Request):
    form = await request.form()
    check_csrf(request, form.get("csrf"))
    request.session.clear()
    return back("/login")


# ---------------------------------------------------------------- rounds

@router.get("/", response_class=HTMLResponse)
def home(request: Request, who: Principal = Depends(page_user)):
    return render(request, "rounds.html", who, rounds=store.list_rounds(archive_of(request)))


@router.post("/rounds")
async def create_round(request: Request):
    who, form = await posted(request, "admin")
    archive = archive_of(request)
    try:
        plan = json.loads(form["plan"]) if form.get("plan", "").strip() else None
        created = rounds.create(archive, form.get("code", ""), plan=plan,
                                title=form.get("title") or None)
    except ValueError:
        flash(request, "error", "Kế hoạch (JSON) sai cú pháp.")
        return back("/")
    except (ApiError, CchcError) as exc:
        flash(request, "error", *_error_text(exc))
        return back("/")
    audit.record(archive, who.name, "create", f"round:{created['code']}")
    flash(request, "ok", f"Đã tạo đợt kiểm tra {created['code']}.")
    return back(f"/rounds/{created['code']}")


@router.get("/rounds/{code}", response_class=HTMLResponse)
def dashboard(code: str, request: Request, who: Principal = Depends(page_user)):
    archive = archive_of(request)
    code = rounds.require_round(archive, code)
    info = rounds.dashboard(archive, code)
    return render(request, "dashboard.html", who, round=info,
                  recommendations=recs.list_recommendations(archive, code))


@router.post("/recommendations/{rec_id}")
async def update_recommendation(rec_id: Id, request: Request):
    who, form = await posted(request, "staff")
    archive = archive_of(request)
    code = form.get("round", "")
    try:
        row = recs.update_recommendation(archive, rec_id, status=form.get("status", ""),
                                         evidence=form.get("evidence") or None)
        audit.record(archive, who.name, "update", f"recommendation:{rec_id}",
                     status=row["status"], evidence=form.get("evidence"))
        flash(request, "ok", f"Kiến nghị số {rec_id} ({row['unit']}): {row['status_label']}.")
        code = row["round"]
    except (ApiError, CchcError) as exc:
        flash(request, "error", *_error_text(exc))
    return back(f"/rounds/{quote(code)}#recommendations")


# ---------------------------------------------------------------- upload and review

@router.get("/rounds/{code}/upload", response_class=HTMLResponse)
def upload_page(code: str, request: Request, who: Principal = Depends(page_user)):
    archive = archive_of(request)
    code = rounds.require_round(archive, code)
    items = drafts.list_for_round(archive, code)
    for d in items:
        d["editable"] = jsonpath.editable(d["record"]) if d["record"] else []
        d["main"] = [e for e in d["editable"] if not e[0].startswith("$.tthc_stats.rows")]
        d["rows"] = [e for e in d["editable"] if e[0].startswith("$.tthc_stats.rows")]
    return render(request, "upload.html", who, code=code,
                  pending=[d for d in items if d["status"] == "pending"],
                  failed=[d for d in items if d["status"] == "failed"],
                  accepted=[d for d in items if d["status"] == "accepted"])


def _draft_round(request: Request, draft_id: Id) -> str:
    return drafts.get(archive_of(request), draft_id).round_code


@router.post("/drafts/{draft_id}/correct")
async def correct(draft_id: Id, request: Request):
    who, form = await posted(request, "staff")
    archive = archive_of(request)
    code = _draft_round(request, draft_id)
    try:
        out = drafts.correct(archive, draft_id, form.get("path", ""), form.get("value"),
                             who.name)
        audit.record(archive, who.name, "correct", f"draft:{draft_id}",
                     path=form.get("path"), old=out["old"], new=out["new"])
        flash(request, "ok", f"Đã sửa {form.get('path')} của {out['draft']['filename']}.")
    except (ApiError, CchcError) as exc:
        flash(request, "error", *_error_text(exc))
    return back(f"/rounds/{code}/upload#draft-{draft_id}")


@router.post("/drafts/{draft_id}/accept")
async def accept(draft_id: Id, request: Request):
    who, _form = await posted(request, "staff")
    archive = archive_of(request)
    code = _draft_round(request, draft_id)
    try:
        result = drafts.accept(archive, draft_id, who.name)
        audit.record(archive, who.name, "import", f"report:{result['report_id']}",
                     draft=draft_id, status=result["status"])
        flash(request, "ok", f"Đã duyệt báo cáo của {result['unit']} vào kho lưu trữ.")
    except (ApiError, CchcError) as exc:
        flash(request, "error", *_error_text(exc))
    return back(f"/rounds/{code}/upload")


@router.post("/drafts/{draft_id}/discard")
async def discard(draft_id: Id, request: Request):
    who, _form = await posted(request, "staff")
    archive = archive_of(request)
    code = _draft_round(request, draft_id)
    try:
        drafts.discard(archive, draft_id)
        audit.record(archive, who.name, "discard", f"draft:{draft_id}")
    except (ApiError, CchcError) as exc:
        flash(request, "error", *_error_text(exc))
    return back(f"/rounds/{code}/upload")


# ---------------------------------------------------------------- documents

@router.get("/rounds/{code}/conclusion", response_class=HTMLResponse)
def conclusion_page(code: str, request: Request, who: Principal = Depends(page_user)):
    archive = archive_of(request)
    code = rounds.require_round(archive, code)
    units = [u["unit"] for u in store.show_round(archive, code)["units"]]
    return render(request, "conclusion.html", who, code=code, units=units, areas=forms.AREAS,
                  form={}, office="{}")


@router.post("/rounds/{code}/conclusion")
async def issue_conclusion(code: str, request: Request):
    who, form = await posted(request, "staff")
    archive = archive_of(request)
    code = rounds.require_round(archive, code)
    try:
        unit, findings = forms.conclusion_from_form(form)
        issued = rounds.issue_conclusion(archive, code, unit, findings)
    except (ApiError, CchcError) as exc:
        message, details = _error_text(exc)
        flash(request, "error", message, details)
        units = [u["unit"] for u in store.show_round(archive, code)["units"]]
        return render(request, "conclusion.html", who, status=422, code=code, units=units,
                      areas=forms.AREAS, form=form, office=form.get("office", ""))
    audit.record(archive, who.name, "generate", f"conclusion:{issued['id']}", round=code,
                 unit=issued["unit"], recommendations=len(issued["recommendations"]))
    flash(request, "ok", f"Đã ban hành thông báo kết luận cho {issued['unit']}; "
          f"mở {len(issued['recommendations'])} kiến nghị.")
    return back(f"/rounds/{code}#conclusions")


@router.get("/plan", response_class=HTMLResponse)
def plan_page(request: Request, who: Principal = Depends(page_user)):
    return render(request, "plan.html", who, v=forms.plan_form_values(forms.example("plan")))


@router.post("/plan")
async def plan_post(request: Request):
    who, form = await posted(request, "staff")
    try:
        plan = forms.plan_from_form(form)
        content, media, filename = generate("plan", plan, form.get("format") or "docx")
    except (ApiError, CchcError) as exc:
        flash(request, "error", *_error_text(exc))
        return render(request, "plan.html", who, status=422, v=form)
    audit.record(archive_of(request), who.name, "generate", "document:plan",
                 format=filename.rsplit(".", 1)[-1])
    return download(content, media, filename)


@router.get("/generate", response_class=HTMLResponse)
def generate_page(request: Request, kind: str = "plan", who: Principal = Depends(page_user)):
    kind = kind if kind in KINDS else "plan"
    return render(request, "generate.html", who, kinds=KIND_LABELS, kind=kind,
                  formats=KINDS[kind].formats,
                  data=json.dumps(forms.example(kind), ensure_ascii=False, indent=2))


@router.post("/generate")
async def generate_post(request: Request):
    who, form = await posted(request, "staff")
    kind = form.get("kind", "plan")
    try:
        data = json.loads(form.get("data") or "")
        content, media, filename = generate(kind, data, form.get("format") or None)
    except ValueError:
        flash(request, "error", "Dữ liệu JSON sai cú pháp.")
        return back(f"/generate?kind={kind}")
    except (ApiError, CchcError) as exc:
        message, details = _error_text(exc)
        flash(request, "error", message, details)
        return render(request, "generate.html", who, status=422, kinds=KIND_LABELS,
                      kind=kind if kind in KINDS else "plan",
                      formats=KINDS[kind].formats if kind in KINDS else ("docx",),
                      data=form.get("data", ""))
    audit.record(archive_of(request), who.name, "generate", f"document:{kind}",
                 format=filename.rsplit(".", 1)[-1])
    return download(content, media, filename)


def install(app) -> None:
    def html_error(request: Request, status: int, error: dict) -> HTMLResponse:
        try:
            who = page_user(request)
        except LoginRequired:
            who = None
        return render(request, "error.html", who, status=status, error=error,
                      status_code=status)

    app.state.html_error = html_error

    @app.exception_handler(LoginRequired)
    async def _login(_request: Request, _exc: LoginRequired) -> Response:
        return back("/login")
