"""The review page: one uploaded report laid out along the outline, its original beside it.

Values are corrected where they stand; each changed value goes through
``drafts.correct`` and so is recorded as a ``manual.correction``. "Accept and next"
saves, accepts and opens the next draft waiting in the round.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, HTMLResponse

from cchc.archive import store
from cchc.core.errors import CchcError

from .. import audit, drafts, evidence_view, preview, review
from ..deps import Id, Principal, archive_of
from ..errors import ApiError, not_found
from ..responses import download
from ..web import back, error_text, flash, page_user, posted, render

router = APIRouter(include_in_schema=False)
STATS_PHRASES = ("thong ke ket qua giai quyet", "so ho so nhan giai quyet")


def _pages(request: Request, draft) -> preview.Pages:
    cache = request.app.state.settings.data_dir / "previews"
    return preview.pages(drafts.original(archive_of(request), draft), draft.filename, cache)


def _anchor_pages(view: dict, pages: preview.Pages, evidence: dict) -> None:
    """Where known, the page of the original each part of the record came from: the
    record's evidence first (and the box to mark), else the page whose text names it."""
    evidence_view.annotate(_all_fields(view), evidence, pages)
    if not pages.count:
        return
    view["header_page"] = 1
    for section in view["sections"]:
        own = evidence_view.source_of(evidence, f"sections.{section['key']}")
        section["page"] = (own or {}).get("page") or pages.find(section["title"])
        for ind in section["indicators"]:
            ind["page"] = pages.find(ind["label"]) or section["page"]
    if view["stats"] is not None:
        own = evidence.get("tthc_stats") or {}
        view["stats"]["page"] = own.get("page") or pages.find(*STATS_PHRASES)


def _evidence(record: dict) -> dict:
    found = record.get("evidence")
    return found if isinstance(found, dict) else {}


def _neighbours(archive, draft) -> tuple[int | None, int | None]:
    waiting = [d["id"] for d in drafts.list_for_round(archive, draft.round_code, "pending")]
    before = [i for i in waiting if i < draft.id]
    after = [i for i in waiting if i > draft.id]
    return (before[-1] if before else None), (after[0] if after else (
        waiting[0] if waiting and waiting[0] != draft.id else None))


@router.get("/drafts/{draft_id}", response_class=HTMLResponse)
def review_page(draft_id: Id, request: Request, who: Principal = Depends(page_user)):
    archive = archive_of(request)
    draft = drafts.get(archive, draft_id)
    data = drafts.info(draft)
    view = review.layout(data["record"]) if isinstance(data["record"], dict) else None
    pages = _pages(request, draft)
    if view is not None:
        _anchor_pages(view, pages, _evidence(data["record"]))
    labels = {f.path: f.label for f in _all_fields(view)} if view else {}
    for c in data["corrections"]:
        c["label"] = labels.get(c["path"], "Giá trị")
        c["shown"] = f"{drafts.shown(c['old'])} → {drafts.shown(c['new'])}"
    previous, following = _neighbours(archive, draft)
    return render(request, "review.html", who, d=data, view=view, pages=pages,
                  previous=previous, following=following, label=review.warning_label,
                  unit=_unit_of(archive, draft, data))


def _unit_of(archive, draft, data: dict) -> dict:
    """The unit the page shows: the draft's match while it waits, the report's unit
    (and how it got there) once accepted, so a wrong one can still be moved."""
    unit = drafts.unit_match(archive, draft)
    if data["status"] == "pending" and unit.get("unit"):
        rows = store.list_reports(archive, draft.round_code, unit=unit["unit"])
        unit["existing"] = rows[0] if rows else None   # replace it, or add as an annex?
    if data["status"] == "accepted" and data["report_id"]:
        try:
            rep = store.get_report(archive, data["report_id"])
        except CchcError:
            return unit
        unit.update(unit=rep["unit"], match=rep["match"], reason=None,
                    report_id=rep["id"])
    return unit


@router.post("/reports/{report_id}/unit")
async def reassign_post(report_id: Id, request: Request):
    """Move an accepted report to the scheduled unit chosen on its review page."""
    from cchc.archive.reassign import reassign_report

    who, form = await posted(request, "staff")
    archive = archive_of(request)
    draft = form.get("draft") or ""
    try:
        with audit.acting_as(who.name):
            moved = reassign_report(archive, report_id, form.get("unit_choice") or "",
                                    who.name)
        if moved["moved"]:
            flash(request, "ok", f"Đã chuyển báo cáo từ {moved['from']} sang {moved['unit']} "
                  f"(bản {moved['version']}).")
        else:
            flash(request, "ok", f"Báo cáo vẫn thuộc {moved['unit']}.")
    except (ApiError, CchcError) as exc:
        flash(request, "error", *error_text(exc))
    return back(f"/drafts/{int(draft)}" if draft.isdigit() else "/")


@router.get("/drafts/{draft_id}/pages/{number}.png")
def page_image(draft_id: Id, number: int, request: Request,
               _who: Principal = Depends(page_user)):
    draft = drafts.get(archive_of(request), draft_id)
    path = _pages(request, draft).image(number)
    if path is None or not path.exists():
        raise not_found(f"trang {number} của bản gốc")
    return FileResponse(path, media_type="image/png",
                        headers={"Cache-Control": "private, max-age=86400"})


@router.get("/drafts/{draft_id}/original")
def original(draft_id: Id, request: Request, _who: Principal = Depends(page_user)):
    archive = archive_of(request)
    draft = drafts.get(archive, draft_id)
    return download(drafts.original(archive, draft), "application/octet-stream",
                    draft.filename)


def _changes(record: dict, form: dict) -> list[tuple[str, str]]:
    """The posted values that differ from what the record shows now."""
    shown = {}
    for f in _all_fields(review.layout(record)):
        shown[f.path] = f.shown
    return [(path, value) for path, value in form.items()
            if path in shown and value.strip() != shown[path]]


def _all_fields(view: dict):
    yield from view["header"]
    for section in view["sections"]:
        for ind in section["indicators"]:
            yield from ind["parts"]
        yield from section["investment"]
    if view["stats"]:
        for row in view["stats"]["rows"]:
            yield from row["cells"]
        yield from (c for c in view["stats"]["total"] or [] if c is not None)


def _choose_unit(archive, who: Principal, draft, form: dict) -> str | None:
    """The unit picked in the dropdown, when it is not the one the draft goes to now."""
    chosen = (form.get("unit_choice") or "").strip()
    if not chosen or chosen == drafts.unit_match(archive, draft)["unit"]:
        return None
    found = drafts.choose_unit(archive, draft.id, chosen, who.name)
    return found["unit"]


def _save(archive, who: Principal, draft_id: int, form: dict) -> tuple[str | None, int]:
    """Save the form's changes, if it was made from the draft's current version: the
    first correction checks the version in its own transaction; the rest follow it.
    Returns the unit chosen (if it changed) and how many values were corrected: a unit
    chosen in the dropdown is no value corrected by hand, and is not counted as one."""
    draft = drafts.get(archive, draft_id)
    expected = form.get("version") or None
    refusal = drafts.stale(draft, expected)
    if refusal is not None:
        raise refusal
    chosen, count = _choose_unit(archive, who, draft, form), 0
    if chosen:
        expected = None   # our own unit choice changed the version
    if not isinstance(draft.record, dict):
        return chosen, count
    for path, value in _changes(draft.record, form):
        drafts.correct(archive, draft_id, path, review.posted_value(path, value),
                       who.name, expected=expected)  # audited in its transaction
        expected = None
        count += 1
    return chosen, count


@router.post("/drafts/{draft_id}")
async def review_post(draft_id: Id, request: Request):
    who, form = await posted(request, "staff")
    archive = archive_of(request)
    draft = drafts.get(archive, draft_id)
    try:
        chosen, changed = _save(archive, who, draft_id, form)
        action = form.get("action")
        if action not in ("accept", "accept_annex"):
            said = "; ".join(([f"đã chọn đơn vị {chosen}"] if chosen else [])
                             + ([f"đã lưu {changed} giá trị sửa tay"] if changed else []))
            flash(request, "ok", f"{said[0].upper()}{said[1:]}." if said
                  else "Không có giá trị nào thay đổi.")
            return back(f"/drafts/{draft_id}")
        result = drafts.accept_draft(archive, draft_id, who.name, annex=action == "accept_annex")
    except (ApiError, CchcError) as exc:
        view = review.layout(draft.record) if isinstance(draft.record, dict) else None
        labels = {f.path: f.label for f in _all_fields(view)} if view else None
        flash(request, "error", *error_text(exc, labels))
        return back(f"/drafts/{draft_id}")
    if result["status"] == "annex":
        clashes = sum(w.get("code") == "annex.conflict" for w in result.get("warnings") or [])
        flash(request, "ok", f"Đã ghép tệp làm phụ lục vào báo cáo của {result['unit']} (bản "
              f"{result['version']})" + (f"; {clashes} chỗ phụ lục ghi khác báo cáo, giữ số của "
                                         "báo cáo, cần xem lại." if clashes else "."))
    else:
        flash(request, "ok", f"Đã duyệt báo cáo của {result['unit']} vào kho lưu trữ"
              + (f" ({changed} giá trị sửa tay)." if changed else "."))
    _previous, following = _neighbours(archive, draft)
    return back(f"/drafts/{following}" if following else f"/rounds/{draft.round_code}/upload")
