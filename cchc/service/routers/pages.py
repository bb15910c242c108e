"""Server-rendered pages for office staff (Vietnamese, no build step).

Pages read through the same service functions as the API; every form post
carries the session's CSRF token, and errors come back as a message on the page.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from cchc.archive import recommendations as recs
from cchc.archive import store
from cchc.core import jsonload
from cchc.core.errors import CchcError
from cchc.generator.documents import KINDS

from .. import (
    audit,
    charts,
    drafts,
    forms,
    preview,
    review,
    round_docs,
    rounds,
    users,
)
from ..deps import ROUND_MAKER, Id, Principal, archive_of, check_csrf
from ..errors import ApiError
from ..generate import generate
from ..login import check_password
from ..responses import download
from ..web import (
    LoginRequired,
    back,
    error_text,
    flash,
    page_user,
    posted,
    render,
    require,
    session_user,
)

router = APIRouter(include_in_schema=False)
KIND_LABELS = {k.name: k.label for k in KINDS.values()}


WARM_AT_ONCE = 10  # originals rendered ahead when the upload page lists the drafts


# ---------------------------------------------------------------- login

@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request):
    return render(request, "login.html", None)


@router.post("/login")
async def login(request: Request):
    form = await request.form()
    check_csrf(request, form.get("csrf"))
    archive = archive_of(request)
    try:
        user = await run_in_threadpool(
            check_password, request, str(form.get("username") or "")[:100],
            str(form.get("password") or "")[:1000], "session")
    except ApiError as exc:
        flash(request, "error", exc.message[0].upper() + exc.message[1:] + ".")
        return render(request, "login.html", None, status=exc.status, headers=exc.headers)
    sid = await run_in_threadpool(users.start_session, archive, user)
    request.session.clear()
    request.session["sid"] = sid  # the login's audit row came with the session
    return back("/don-vi" if user.role == users.UNIT_ROLE else "/")


@router.post("/logout")
async def logout(request: Request):
    form = await request.form()
    check_csrf(request, form.get("csrf"))
    archive = archive_of(request)
    user = users.user_for_session(archive, request.session.get("sid"))
    users.end_session(archive, request.session.get("sid"),
                      user.name if user is not None else None)
    request.session.clear()
    return back("/login")


# ---------------------------------------------------------------- rounds

@router.get("/", response_class=HTMLResponse)
def home(request: Request, who: Principal = Depends(page_user)):
    return render(request, "rounds.html", who, rounds=store.list_rounds(archive_of(request)))


@router.post("/rounds")
async def create_round(request: Request):
    who, form = await posted(request, ROUND_MAKER)
    archive = archive_of(request)
    try:
        with audit.acting_as(who.name):
            created = rounds.create(archive, form.get("code", ""),
                                    title=form.get("title") or None)
    except (ApiError, CchcError) as exc:
        flash(request, "error", *error_text(exc))
        return back("/")
    flash(request, "ok", f"Đã tạo đợt kiểm tra {created['code']}.")
    return back(f"/rounds/{created['code']}")


@router.get("/rounds/{code}", response_class=HTMLResponse)
def dashboard(code: str, request: Request, who: Principal = Depends(page_user)):
    archive = archive_of(request)
    code = rounds.require_round(archive, code)
    info = rounds.dashboard(archive, code, today=request.app.state.clock())
    return render(request, "dashboard.html", who, round=info, charts=charts.CHARTS,
                  recommendations=recs.list_recommendations(archive, code),
                  has_plan=bool(rounds.round_plan(archive, code)), kind_labels=KIND_LABELS,
                  one_click=round_docs.ONE_CLICK, started=round_docs.STARTED)


def _plan_or_back(request: Request, code: str) -> dict | None:
    plan = rounds.round_plan(archive_of(request), code)
    if not plan:
        flash(request, "error", f"Đợt {code} chưa có kế hoạch: hãy lập hoặc tải kế hoạch lên "
              "trước, văn bản gửi đơn vị lấy số và ngày của kế hoạch.")
    return plan


@router.get("/rounds/{code}/documents/{kind}")
def round_document(code: str, kind: str, request: Request, format: str | None = None,
                   who: Principal = Depends(page_user)):
    """The outline or the statistics form of a round, in one click, from its plan."""
    from cchc.core.filenames import slug

    require(who, "staff")
    archive = archive_of(request)
    code = rounds.require_round(archive, code)
    if kind not in round_docs.ONE_CLICK:
        raise ApiError(404, "not_found", f"đợt kiểm tra không có văn bản '{kind}' tải ngay")
    plan = _plan_or_back(request, code)
    if plan is None:
        return back(f"/rounds/{quote(code)}/plan")
    content, media, filename = generate(kind, round_docs.kind_data(kind, plan), format)
    stem, ext = filename.rsplit(".", 1)
    audit.record(archive, who.name, "generate", f"document:{kind}", round=code, format=ext)
    return download(content, media, f"{stem}-{slug(code)}.{ext}")


def _trend_history(archive, code: str, summary: dict, name: str) -> dict[str, list]:
    """Each unit's figure (or score) of trend chart ``name`` round by round, up to
    ``code``, through its mergers."""
    from cchc.archive.history import unit_history
    from cchc.scoring.figures import FIGURES
    from cchc.usecases.score import score_history

    out, cache = {}, {}
    for u in summary["units"]:
        if name == "trend-score":
            rounds = [(h["round"], h["percent"])
                      for h in score_history(archive, u["unit"], cache)]
        else:
            read = FIGURES[charts.TREND_FIGURES[name]].read
            rounds = [(h["round"], read(h["record"]).value)
                      for h in unit_history(archive, u["unit"])]
        codes = [c for c, _ in rounds]
        out[u["unit"]] = rounds[:codes.index(code) + 1] if code in codes else rounds
    return out


@router.get("/rounds/{code}/charts/{name}.svg")
def chart(code: str, name: str, request: Request, download_it: bool = False,
          _who: Principal = Depends(page_user)):
    from cchc.archive.summary_data import round_summary

    archive = archive_of(request)
    code = rounds.require_round(archive, code)
    if name not in charts.CHARTS:
        raise ApiError(404, "not_found", f"không có biểu đồ '{name}'")
    summary = round_summary(archive, code)
    if name in charts.TRENDS:
        history = _trend_history(archive, code, summary, name)
        svg = charts.trend(charts.CHARTS[name], [(u["unit"], history.get(u["unit"], []))
                                                 for u in summary["units"]])
    else:
        svg = charts.round_charts(summary)[name]
    svg = svg.encode("utf-8")
    if download_it:
        return download(svg, "image/svg+xml", f"bieu-do-{name}-{code}.svg")
    return Response(svg, media_type="image/svg+xml",
                    headers={"Cache-Control": "no-store"})


@router.post("/recommendations/{rec_id}")
async def update_recommendation(rec_id: Id, request: Request):
    who, form = await posted(request, "staff")
    archive = archive_of(request)
    code = form.get("round", "")
    try:
        with audit.acting_as(who.name):
            row = recs.update_recommendation(archive, rec_id, status=form.get("status", ""),
                                             evidence=form.get("evidence") or None)
        flash(request, "ok", f"Kiến nghị số {rec_id} ({row['unit']}): {row['status_label']}.")
        code = row["round"]
    except (ApiError, CchcError) as exc:
        flash(request, "error", *error_text(exc))
    return back(f"/rounds/{quote(code)}#recommendations")


# ---------------------------------------------------------------- upload and review

@router.get("/rounds/{code}/upload", response_class=HTMLResponse)
def upload_page(code: str, request: Request, who: Principal = Depends(page_user)):
    archive = archive_of(request)
    code = rounds.require_round(archive, code)
    items = drafts.list_for_round(archive, code)
    cache = request.app.state.settings.data_dir / "previews"
    for d in items:
        d["doubtful"] = sum(1 for w in d["warnings"] if w.get("code") in review.DOUBTFUL)
        if d["status"] == "pending":
            d["match"] = drafts.unit_match(archive, drafts.get(archive, d["id"]))
        elif d["status"] == "accepted" and d["report_id"]:
            d["report_unit"] = store.get_report(archive, d["report_id"])["unit"]
    for d in [d for d in items if d["status"] == "pending"][:WARM_AT_ONCE]:
        draft = drafts.get(archive, d["id"])
        preview.warm(draft.data or b"", draft.filename, cache)
    from cchc.archive.thematic import latest_thematic

    return render(request, "upload.html", who, code=code, thematic=latest_thematic(archive, code),
                  pending=[d for d in items if d["status"] == "pending"],
                  failed=[d for d in items if d["status"] == "failed"],
                  accepted=[d for d in items if d["status"] == "accepted"])


def _draft_round(request: Request, draft_id: Id) -> str:
    return drafts.get(archive_of(request), draft_id).round_code


@router.post("/drafts/{draft_id}/accept")
async def accept(draft_id: Id, request: Request):
    who, _form = await posted(request, "staff")
    archive = archive_of(request)
    code = _draft_round(request, draft_id)
    try:
        result = drafts.accept_draft(archive, draft_id, who.name)
        flash(request, "ok", f"Đã duyệt báo cáo của {result['unit']} vào kho lưu trữ.")
    except (ApiError, CchcError) as exc:
        flash(request, "error", *error_text(exc))
    return back(f"/rounds/{code}/upload")


@router.post("/drafts/{draft_id}/discard")
async def discard(draft_id: Id, request: Request):
    who, _form = await posted(request, "staff")
    archive = archive_of(request)
    code = _draft_round(request, draft_id)
    try:
        gone = drafts.discard(archive, draft_id, who.name)
        flash(request, "ok", f"Đã bỏ tệp {gone['filename']} khỏi danh sách chờ duyệt "
              "(việc bỏ được ghi vào nhật ký).")
    except (ApiError, CchcError) as exc:
        flash(request, "error", *error_text(exc))
    return back(f"/rounds/{code}/upload")


# ---------------------------------------------------------------- documents

def _conclusion_units(archive, code: str) -> list[dict]:
    """The round's units, each with where its report and conclusion stand."""
    units = rounds.dashboard(archive, code)["units"]
    for u in units:
        if u["conclusion"]:
            u["state"] = "đã có thông báo kết luận"
        elif u["report_id"]:
            u["state"] = f"báo cáo đã duyệt (bản {u['report_version']})"
        else:
            u["state"] = "chưa có báo cáo được duyệt"
    return units


def _conclusion_form(request: Request, who: Principal, code: str, form: dict,
                     status: int = 200, preview: dict | None = None,
                     drafted: list[dict] | None = None) -> HTMLResponse:
    from .. import notice_draft

    archive = archive_of(request)
    plan = rounds.round_plan(archive, code) or {}
    drafted = drafted if drafted is not None else _drafted_rows(archive, code, form)
    source = notice_draft.source_report(archive, code, form.get("unit") or "") \
        if drafted else None
    drafted = notice_draft.with_places(drafted, source)
    return render(request, "conclusion.html", who, status=status, code=code,
                  units=_conclusion_units(archive, code), areas=forms.AREAS, form=form,
                  plan_signer=plan.get("signer") or {}, preview=preview,
                  drafted=drafted, source=source)


def _drafted_rows(archive, code: str, form: dict) -> list[dict]:
    """The drafted sentences a posted form was made from (shown again with the staff's
    decisions), or none; a draft that changed is shown as the form had it, and the
    refusal message says why."""
    from .. import notice_draft

    count = str(form.get("draft_count") or "")
    if not form.get("draft_version") or not count.isdigit():
        return []
    return [{"i": i, "section": form.get(f"draft_{i}_section") or "",
             "title": dict(notice_draft.SECTIONS).get(form.get(f"draft_{i}_section"), ""),
             "text": form.get(f"draft_{i}_orig") or "",
             "evidence": (form.get(f"draft_{i}_evidence") or "").split("\n")}
            for i in range(min(int(count), 500))]


@router.post("/rounds/{code}/conclusion/draft", response_class=HTMLResponse)
async def draft_conclusion(code: str, request: Request):
    """Draft the unit's strengths, weaknesses and recommendations from the data (the
    round's targets from the uploaded file), to be kept, edited or dropped one by one."""
    from .. import notice_draft

    who = page_user(request)
    raw = await request.form()
    check_csrf(request, raw.get("csrf"))
    require(who, "staff")
    archive = archive_of(request)
    code = rounds.require_round(archive, code)
    form = {"unit": str(raw.get("unit") or "")}
    try:
        upload = raw.get("targets")
        text, name = "", "chỉ tiêu"
        if upload is not None and not isinstance(upload, str) and upload.filename:
            from ..uploads import read_limited

            name = upload.filename
            text = read_limited(upload, notice_draft.MAX_TARGETS_BYTES).decode(
                "utf-8-sig", errors="strict")
        targets = notice_draft.parse_targets(text, name)
        unit = rounds.check_new_conclusion(archive, code, form["unit"], {})
        unit, draft = await run_in_threadpool(notice_draft.make, archive, code, unit, targets)
    except UnicodeDecodeError:
        flash(request, "error", f"{name}: tệp chỉ tiêu không phải văn bản UTF-8")
        return _conclusion_form(request, who, code, form, status=422)
    except (ApiError, CchcError) as exc:
        flash(request, "error", *error_text(exc))
        return _conclusion_form(request, who, code, form, status=422)
    rows = notice_draft.sentences(draft)
    form.update(unit=unit, draft_version=notice_draft.version(draft),
                draft_targets=text if targets["targets"] else "", draft_count=str(len(rows)))
    flash(request, "ok", f"Đã dự thảo {len(rows)} câu từ số liệu của {unit}"
          + ("" if targets["targets"] else " (không có tệp chỉ tiêu: không so với chỉ tiêu)")
          + ". Giữ, sửa hoặc bỏ từng câu rồi xem trước thông báo.")
    return _conclusion_form(request, who, code, form, drafted=rows)


@router.get("/rounds/{code}/conclusion", response_class=HTMLResponse)
def conclusion_page(code: str, request: Request, unit: str = "",
                    who: Principal = Depends(page_user)):
    code = rounds.require_round(archive_of(request), code)
    return _conclusion_form(request, who, code, {"unit": unit})


@router.post("/rounds/{code}/conclusion/preview", response_class=HTMLResponse)
async def preview_conclusion(code: str, request: Request):
    """The notice as it will print, what it takes from the archive, what is blank."""
    from .. import notice_draft, notice_preview

    who, form = await posted(request, "staff")
    archive = archive_of(request)
    code = rounds.require_round(archive, code)
    try:
        unit, findings = forms.conclusion_from_form(form)
        unit = rounds.check_new_conclusion(archive, code, unit, findings)
        findings, _decided = await run_in_threadpool(notice_draft.apply, archive, code, unit,
                                                     form, findings)
        blob, data, record = await run_in_threadpool(notice_preview.render, archive, code,
                                                     unit, findings)
        digest, pages = await run_in_threadpool(
            notice_preview.page_images, blob, request.app.state.settings.data_dir / "previews")
    except (ApiError, CchcError) as exc:
        message, details = error_text(exc)
        flash(request, "error", message, details)
        return _conclusion_form(request, who, code, form, status=422)
    shown = {"digest": digest, "count": pages.count, "note": pages.note,
             "sources": notice_preview.from_archive(data, record, findings),
             "warnings": notice_preview.warnings(data)}
    return _conclusion_form(request, who, code, form, preview=shown)


@router.get("/previews/{digest}/{number}.png")
def preview_image(digest: str, number: int, request: Request,
                  _who: Principal = Depends(page_user)):
    """A page of a previewed notice, from the preview cache (the key is its SHA-256)."""
    from fastapi.responses import FileResponse

    if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        raise ApiError(404, "not_found", "không tìm thấy trang xem trước")
    path = request.app.state.settings.data_dir / "previews" / digest / f"{number}.png"
    if not 1 <= number <= preview.MAX_PAGES or not path.is_file():
        raise ApiError(404, "not_found", "không tìm thấy trang xem trước")
    return FileResponse(path, media_type="image/png", headers={"Cache-Control": "private"})


@router.post("/rounds/{code}/conclusion")
async def issue_conclusion(code: str, request: Request):
    from .. import notice_draft

    who, form = await posted(request, "staff")
    archive = archive_of(request)
    code = rounds.require_round(archive, code)
    try:
        unit, findings = forms.conclusion_from_form(form)
        unit = rounds.check_new_conclusion(archive, code, unit, findings)
        findings, decided = notice_draft.apply(archive, code, unit, form, findings)
        issued = rounds.issue_conclusion(  # each sentence's decision audited with the notice
            archive, code, unit, findings, actor=who.name,
            then=lambda s, stored: notice_draft.audit_decisions(s, who.name, stored["id"],
                                                                decided))
    except (ApiError, CchcError) as exc:
        message, details = error_text(exc)
        flash(request, "error", message, details)
        return _conclusion_form(request, who, code, form, status=422)
    flash(request, "ok", f"Đã ban hành thông báo kết luận cho {issued['unit']}; "
          f"mở {len(issued['recommendations'])} kiến nghị.")
    return back(f"/rounds/{code}#conclusions")


def _start_data(request: Request, kind: str, round_code: str) -> tuple[dict, str | None]:
    """What the generate page starts ``kind`` from: the example, or with a round the
    example with what the round knows (its plan; its stored dates for the schedule
    notice and the reminder) already in."""
    data, code = forms.example(kind), None
    if round_code and kind in round_docs.STARTED + round_docs.ONE_CLICK:
        archive = archive_of(request)
        code = rounds.require_round(archive, round_code)
        plan = _plan_or_back(request, code)
        if plan is not None:
            data = round_docs.round_data(archive, kind, code, plan, request.app.state.clock())
    return data, code


def _generate_form(request: Request, who: Principal, kind: str, code: str | None,
                   status: int = 200, data_text: str = "", shown: dict | None = None):
    from .. import paper_forms

    fields = paper_forms.FORMS.get(kind)
    return render(request, "generate.html", who, status=status, kinds=KIND_LABELS, kind=kind,
                  formats=KINDS[kind].formats, round_code=code, data=data_text,
                  fields=fields, values=shown or {},
                  rows=paper_forms.rows_of(kind, shown or {}) if fields else {})


@router.get("/generate", response_class=HTMLResponse)
def generate_page(request: Request, kind: str = "plan", round: str = "",
                  who: Principal = Depends(page_user)):
    """A document from its data: a form for the round's paperwork kinds, the data as
    text for the others."""
    from .. import paper_forms

    kind = kind if kind in KINDS else "plan"
    data, code = _start_data(request, kind, round)
    if kind in paper_forms.FORMS:
        return _generate_form(request, who, kind, code, shown=paper_forms.values(kind, data))
    return _generate_form(request, who, kind, code,
                          data_text=json.dumps(data, ensure_ascii=False, indent=2))


def _posted_data(request: Request, kind: str, form: dict) -> dict:
    from .. import paper_forms

    if kind in paper_forms.FORMS and form.get("paper_form"):
        start, _code = _start_data(request, kind, form.get("round") or "")
        return paper_forms.read(kind, form, start)
    return jsonload.loads(form.get("data") or "")


def _minutes_record(request: Request, kind: str, form: dict, data: dict) -> dict | None:
    """The minutes of a round's visit take the unit's accepted report (its figures of
    5.1–5.5 and the statistics, the report among the documents examined)."""
    if kind != "minutes" or not form.get("round") or not isinstance(data.get("unit"), str):
        return None
    from cchc.usecases.conclusion import latest_record

    try:
        return latest_record(archive_of(request), form["round"], data["unit"])[1]
    except CchcError:
        return None   # a unit not in the archive: the minutes print no figures


@router.post("/generate")
async def generate_post(request: Request):
    from .. import paper_forms

    who, form = await posted(request, "staff")
    kind = form.get("kind", "plan")
    if form.get("action") == "more_rows" and kind in paper_forms.FORMS:
        return _generate_form(request, who, kind, form.get("round") or None,
                              shown=paper_forms.more_rows(kind, form))
    try:
        data = _posted_data(request, kind, form)
        if kind == "schedule" and form.get("print_invites") and form.get("round"):
            data = round_docs.print_invites(archive_of(request), form["round"], data, who.name,
                                            f"{str(request.base_url).rstrip('/')}/don-vi/nhan-ma")
        report = _minutes_record(request, kind, form, data)
        content, media, filename = generate(kind, data, form.get("format") or None,
                                            **({"report": report} if report else {}))
    except ValueError:
        flash(request, "error", "Dữ liệu JSON sai cú pháp.")
        return back(f"/generate?kind={kind}")
    except (ApiError, CchcError) as exc:
        labels = paper_forms.labels(kind) if kind in paper_forms.FORMS else None
        message, details = error_text(exc, labels)
        flash(request, "error", message, details)
        if kind not in KINDS:
            kind = "plan"
        code = form.get("round") or None
        return _generate_form(request, who, kind, code, status=422,
                              data_text=form.get("data", ""),
                              shown=form if form.get("paper_form") else None)
    audit.record(archive_of(request), who.name, "generate", f"document:{kind}",
                 format=filename.rsplit(".", 1)[-1], **({"round": form["round"]}
                                                        if form.get("round") else {}))
    return download(content, media, filename)


def install(app) -> None:
    def html_error(request: Request, status: int, error: dict) -> HTMLResponse:
        try:
            who = session_user(request)
        except LoginRequired:
            who = None
        return render(request, "error.html", who, status=status, error=error,
                      status_code=status)

    app.state.html_error = html_error

    @app.exception_handler(LoginRequired)
    async def _login(_request: Request, _exc: LoginRequired) -> Response:
        return back("/login")
