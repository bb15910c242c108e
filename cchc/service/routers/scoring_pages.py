"""The scoring pages: the round's ranking per level, and one unit's points.

Staff choose the round's criteria set (the bundled example or a JSON file), then
score unit by unit: each criterion with its maximum, the unit's self-score and
evidence, the point computed from the report with the figure and the field it came
from, and the team's verified score, with a reason wherever it differs from the
self-score. Every verified change is written to the audit log, and so is each save
that changes a self-score ("score_self", naming the criteria).
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from cchc import examples
from cchc.archive import store
from cchc.core import jsonload
from cchc.core.errors import CchcError, ValidationFailed
from cchc.usecases import score as scoring

from .. import rounds
from .. import scoring as view
from ..deps import Principal, archive_of, check_csrf
from ..errors import ApiError
from ..responses import download
from ..web import back, error_text, flash, page_user, posted, render, require

router = APIRouter(include_in_schema=False)
MAX_CRITERIA_BYTES = 1024 * 1024
MAX_SHEET_BYTES = 5 * 1024 * 1024


def _unit_url(code: str, unit: str) -> str:
    from urllib.parse import quote

    return f"/rounds/{quote(code)}/scores/unit?unit={quote(unit)}"


@router.get("/rounds/{code}/scores", response_class=HTMLResponse)
def ranking_page(code: str, request: Request, who: Principal = Depends(page_user)):
    archive = archive_of(request)
    code = rounds.require_round(archive, code)
    return render(request, "scores.html", who, code=code,
                  ranking=view.ranking_view(archive, code),
                  example=examples.load("criteria-iso")["name"])


@router.get("/rounds/{code}/scores/ranking.xlsx")
def ranking_download(code: str, request: Request, _who: Principal = Depends(page_user)):
    """The ranking workbook (totals and percentages are formulas, units' text is text)."""
    from cchc.core.filenames import slug
    from cchc.generator.ranking_xlsx import ranking_xlsx

    archive = archive_of(request)
    code = rounds.require_round(archive, code)
    if view.ranking_view(archive, code) is None:
        raise ApiError(404, "not_found", f"đợt {code} chưa được chấm theo bộ tiêu chí nào")
    cs, _data, scores, by_level, _unscored = scoring.stored_ranking(archive, code)
    return download(ranking_xlsx(cs, scores, by_level, code),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    f"xep-hang-{slug(code)}.xlsx")


async def _criteria_data(form) -> tuple[dict, str]:
    """The set chosen on the page: the bundled example, or an uploaded JSON file."""
    if form.get("source") == "example":
        return examples.load("criteria-iso"), "bộ tiêu chí mẫu"
    upload = form.get("file")
    if not hasattr(upload, "read") or not upload.filename:
        raise ApiError(422, "invalid", "chưa chọn tệp bộ tiêu chí (JSON)", field="file")
    data = await upload.read(MAX_CRITERIA_BYTES + 1)
    if len(data) > MAX_CRITERIA_BYTES:
        raise ApiError(413, "too_large", f"tệp '{upload.filename}' quá lớn (tối đa 1 MB)",
                       field="file")
    return jsonload.loads(data, upload.filename), upload.filename


@router.post("/rounds/{code}/scores/criteria")
async def criteria_post(code: str, request: Request):
    who = page_user(request)
    form = await request.form()
    check_csrf(request, form.get("csrf"))
    require(who, "staff")
    archive = archive_of(request)
    code = rounds.require_round(archive, code)
    try:
        data, name = await _criteria_data(form)
        cs, scores = scoring.score_round_on(archive, code, data, file=name, user=who.name)
        flash(request, "ok", f"Đã chấm {len(scores)} đơn vị theo “{cs.name}”: điểm tính từ "
              "báo cáo đã có; nhập điểm tự chấm và điểm thẩm định theo từng đơn vị.")
    except (ApiError, CchcError) as exc:
        flash(request, "error", *error_text(exc))
    return back(f"/rounds/{code}/scores")


def _unit_score(archive, code: str, unit: str):
    cs, _data = scoring.round_criteria(archive, code, None)
    given = scoring.with_stored(archive, code, {}, cs)
    found, _ = scoring.round_scores(archive, code, cs, given, only=unit)
    if not found:
        raise ApiError(404, "not_found", f"đơn vị '{unit}' không thuộc khối được chấm của "
                       f"đợt {code}, hoặc chưa có báo cáo và điểm")
    return found[0]


def _report_of(archive, code: str, unit: str) -> int | None:
    from cchc.archive.summary_data import round_summary

    return next((r["report_id"] for r in round_summary(archive, code)["units"]
                 if r["unit"] == unit), None)


@router.get("/rounds/{code}/scores/unit", response_class=HTMLResponse)
def unit_page(code: str, request: Request, unit: str = "",
              who: Principal = Depends(page_user)):
    archive = archive_of(request)
    code = rounds.require_round(archive, code)
    try:
        score = _unit_score(archive, code, unit[:300])
    except CchcError as exc:
        flash(request, "error", *error_text(exc))
        return back(f"/rounds/{code}/scores")
    report_id = _report_of(archive, code, score.unit)
    draft_id = view.draft_of_report(archive, report_id)
    record = store.get_report(archive, report_id)["record"] if draft_id else None
    places = {ln.computed.where: view.place_of(draft_id, record, ln.computed.where)
              for ln in score.lines if ln.computed is not None}
    from cchc.archive.scores import stored_version

    return render(request, "score_unit.html", who, code=code, score=score,
                  version=stored_version(archive, code, score.unit),
                  groups=view.unit_view(score, places), report_id=report_id,
                  max=view.shown(score.criteria.max_points), total=view.shown(score.total),
                  percent=view.shown(score.percent))


def _stored_entry(archive, code: str, unit: str) -> dict:
    """The unit's stored points (a scores file's entry), {} before its first save."""
    from cchc.archive.scores import stored_entries

    return next((e for n, e in stored_entries(archive, code).items()
                 if n.casefold() == unit.casefold()), {})


@router.post("/rounds/{code}/scores/unit")
async def unit_post(code: str, request: Request):
    who, form = await posted(request, "staff")
    archive = archive_of(request)
    code = rounds.require_round(archive, code)
    unit = (form.get("unit") or "")[:300]
    try:
        cs, _data = scoring.round_criteria(archive, code, None)
        leaf_ids = [leaf.id for leaf in cs.leaves]
        entry = view.entry_from_form(form, leaf_ids)
        mine = view.self_changes(_stored_entry(archive, code, unit), entry, leaf_ids)
        score, changed = scoring.store_unit_entry(
            archive, code, unit, entry, who.name, version=form.get("version"),
            audited=("score_self", {"points": mine}) if mine else None)
    except ValidationFailed as exc:
        flash(request, "error", "Chưa lưu: " + exc.message,
              [view.problem_words(d) for d in exc.details])
        return back(_unit_url(code, unit))
    except (ApiError, CchcError) as exc:
        flash(request, "error", *error_text(exc))
        return back(_unit_url(code, unit))
    flash(request, "ok", f"Đã lưu điểm của {score.unit}: {view.shown(score.total)}/"
          f"{view.shown(cs.max_points)} điểm" + (f"; {len(changed)} điểm thẩm định thay đổi."
                                                 if changed else "."))
    return back(_unit_url(code, unit))


async def _sheet_entry(upload, unit: str) -> dict:
    """The unit's self-scores (and any verified scores) from its uploaded XLSX sheet; a
    sheet without a "Đơn vị" column is the unit's own, one naming other units refused."""
    import tempfile
    from pathlib import Path

    from cchc.core.filenames import slug
    from cchc.schemas.validate import check
    from cchc.scoring.sheet import read_scores_sheet

    if not hasattr(upload, "read") or not upload.filename:
        raise ApiError(422, "invalid", "chưa chọn bảng tính tự chấm (.xlsx)", field="file")
    name = upload.filename
    if not name.lower().endswith(".xlsx"):
        raise ApiError(422, "bad_file", f"tệp '{name}': bảng tự chấm phải là tệp .xlsx")
    data = await upload.read(MAX_SHEET_BYTES + 1)
    if len(data) > MAX_SHEET_BYTES:
        raise ApiError(413, "too_large", f"tệp '{name}' quá lớn (tối đa 5 MB)", field="file")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{slug(Path(name).stem) or 'bang-tu-cham'}.xlsx"
        path.write_bytes(data)
        try:
            sheet = read_scores_sheet(path, unit=unit)
            check("scores", sheet, file=name)
        except CchcError as exc:
            exc.file = name          # the staff member's file, never our temporary copy
            raise
    mine = [e for e in sheet["units"] if e["unit"].casefold() == unit.casefold()]
    others = [e["unit"] for e in sheet["units"] if e["unit"].casefold() != unit.casefold()]
    if others or not mine:
        raise ApiError(422, "invalid", f"tệp '{name}' nêu điểm của đơn vị khác ("
                       + ", ".join(others[:5]) + f"), không phải của {unit}")
    return mine[0]


@router.post("/rounds/{code}/scores/unit/sheet")
async def unit_sheet_post(code: str, request: Request):
    """Self-scores imported from the unit's XLSX scoring sheet: each point the sheet
    gives replaces the stored one, the others are kept."""
    who = page_user(request)
    form = await request.form()
    check_csrf(request, form.get("csrf"))
    require(who, "staff")
    archive = archive_of(request)
    code = rounds.require_round(archive, code)
    unit = str(form.get("unit") or "")[:300]
    try:
        entry = await _sheet_entry(form.get("file"), unit)
        stored = _stored_entry(archive, code, unit)
        merged = {part: {**(stored.get(part) or {}), **(entry.get(part) or {})}
                  for part in ("self", "verified")}
        version = form.get("version")
        score, changed = scoring.store_unit_entry(
            archive, code, unit, merged, who.name,
            version=version if isinstance(version, str) else None,
            audited=("score_sheet", {"points": len(entry.get("self") or {})}))
    except ValidationFailed as exc:
        flash(request, "error", "Chưa lưu: " + error_text(exc)[0],
              [view.problem_words(d) for d in exc.details])
        return back(_unit_url(code, unit))
    except (ApiError, CchcError) as exc:
        flash(request, "error", *error_text(exc))
        return back(_unit_url(code, unit))
    flash(request, "ok", f"Đã nhập {len(entry.get('self') or {})} điểm tự chấm của "
          f"{score.unit} từ bảng tính: {view.shown(score.total)}/"
          f"{view.shown(score.criteria.max_points)} điểm.")
    return back(_unit_url(code, unit))
