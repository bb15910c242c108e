"""Rounds, their units and reports, imports, the summary and archived originals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from fastapi import APIRouter, Depends, File, Form, Query, Request, Response, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from cchc.archive import store
from cchc.core.errors import CchcError
from cchc.usecases import intake

from .. import audit, drafts, rounds
from ..deps import Id, Principal, archive_of, extractor_of, round_maker, staff, viewer
from ..errors import ApiError
from ..json_body import JsonRoute
from ..responses import download
from ..uploads import MEDIA
from .drafts import UnitChoice
from .extract import accept_all, accept_each
from .generate import FILE_RESPONSES

router = APIRouter(prefix="/api", tags=["rounds"], route_class=JsonRoute)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class NewRound(BaseModel):
    code: str = Field(min_length=1, max_length=100)
    title: str | None = Field(None, max_length=1000)
    year: int | None = Field(None, ge=1990, le=2100)
    plan: dict[str, Any] | None = None


@router.get("/rounds", summary="Danh sách đợt kiểm tra")
def list_rounds(request: Request, _: Principal = Depends(viewer)) -> list[dict]:
    return store.list_rounds(archive_of(request))


@router.post("/rounds", status_code=201, summary="Tạo đợt kiểm tra")
def create_round(body: NewRound, request: Request,
                 who: Principal = Depends(round_maker)) -> dict:
    archive = archive_of(request)
    with audit.acting_as(who.name):
        created = rounds.create(archive, body.code, plan=body.plan, year=body.year,
                                title=body.title)
    return created


@router.get("/rounds/{code}", summary="Bảng theo dõi một đợt kiểm tra")
def show_round(code: str, request: Request, _: Principal = Depends(viewer)) -> dict:
    archive = archive_of(request)
    return rounds.dashboard(archive, rounds.require_round(archive, code))


@router.get("/rounds/{code}/units", summary="Đơn vị trong lịch kiểm tra")
def list_units(code: str, request: Request, _: Principal = Depends(viewer)) -> list[dict]:
    archive = archive_of(request)
    return store.show_round(archive, rounds.require_round(archive, code))["units"]


@router.get("/rounds/{code}/reports", summary="Báo cáo đã nhận của đợt")
def list_reports(code: str, request: Request, all_versions: bool = False,
                 _: Principal = Depends(viewer)) -> list[dict]:
    archive = archive_of(request)
    return store.list_reports(archive, rounds.require_round(archive, code),
                              all_versions=all_versions)


@router.post("/rounds/{code}/reports", status_code=201, summary="Nhập một báo cáo vào đợt",
             responses={202: {"description": "Báo cáo không khớp đơn vị nào trong lịch: "
                                             "được giữ lại chờ cán bộ chọn đơn vị"}})
def import_report(code: str, request: Request, file: UploadFile = File(...),
                  unit: str | None = Form(None, max_length=300),
                  extractor: Callable = Depends(extractor_of),
                  who: Principal = Depends(staff)) -> dict:
    archive = archive_of(request)
    code = rounds.require_round(archive, code)
    (upload,) = accept_all(request, [file], allow_json=True)
    read = drafts.Reading(upload, extractor)
    try:
        result = intake.import_report(archive, code, upload.incoming, read=read,
                                      actor=who.name, unit_name=unit or None).as_dict()
    except store.UnitNotScheduled as exc:
        held = drafts.hold(archive, code, upload, read.record, who.name, exc)
        return JSONResponse(held, status_code=202)
    return result


@router.post("/rounds/{code}/reports/batch", status_code=202,
             summary="Nhập nhiều báo cáo vào đợt (chạy nền)")
def import_batch(code: str, request: Request, files: list[UploadFile] = File(...),
                 extractor: Callable = Depends(extractor_of),
                 who: Principal = Depends(staff)) -> dict:
    archive = archive_of(request)
    code = rounds.require_round(archive, code)
    uploads, refused = accept_each(request, files, allow_json=True)
    job_id = request.app.state.jobs.submit("import", who.name, uploads, {"round": code},
                                           audited_as="import_batch")
    return {"job_id": job_id, "url": f"/api/jobs/{job_id}", "total": len(uploads),
            "refused": refused}


def _report(request: Request, report_id: Id, with_original: bool = False) -> dict:
    """The stored report; one that is not there is the archive's NotFound (404)."""
    return store.get_report(archive_of(request), report_id, with_original=with_original)


@router.get("/reports/{report_id}", summary="Bản ghi và cảnh báo của một báo cáo")
def get_report(report_id: Id, request: Request, _: Principal = Depends(viewer)) -> dict:
    return _report(request, report_id)


@router.put("/reports/{report_id}/unit",
            summary="Chuyển báo cáo đã nhận sang đơn vị khác trong lịch của đợt")
def reassign_report(report_id: Id, body: UnitChoice, request: Request,
                    who: Principal = Depends(staff)) -> dict:
    from cchc.archive.reassign import reassign_report as move

    archive = archive_of(request)
    _report(request, report_id)
    try:
        with audit.acting_as(who.name):
            moved = move(archive, report_id, body.unit, who.name)
    except store.UnitNotScheduled as exc:
        raise ApiError(422, "unit_not_scheduled", exc.message, field="$.unit") from exc
    except CchcError as exc:
        raise ApiError(409, "cannot_move", exc.message, field="$.unit") from exc
    return moved


@router.get("/reports/{report_id}/original", summary="Tải tệp gốc đã lưu trữ",
            response_class=Response, responses=FILE_RESPONSES)
def get_original(report_id: Id, request: Request, _: Principal = Depends(viewer)):
    rep = _report(request, report_id, with_original=True)
    media = MEDIA.get((rep.get("format") or "").lower(), "application/octet-stream")
    return download(rep["original"], media, rep["filename"])


@router.get("/rounds/{code}/summary", summary="Tải tổng hợp của đợt (XLSX hoặc DOCX)",
            response_class=Response, responses=FILE_RESPONSES)
def get_summary(code: str, request: Request,
                format: Literal["xlsx", "docx"] = Query("xlsx"),
                _: Principal = Depends(viewer)):
    archive = archive_of(request)
    code = rounds.require_round(archive, code)
    media = XLSX if format == "xlsx" else DOCX
    return download(rounds.summary_file(archive, code, format), media,
                    f"tong-hop-{code}.{format}")


@router.get("/rounds/{code}/conclusions", summary="Thông báo kết luận đã ban hành")
def list_conclusions(code: str, request: Request, _: Principal = Depends(viewer)) -> list:
    archive = archive_of(request)
    return rounds.conclusions(archive, rounds.require_round(archive, code))


class ConclusionRequest(BaseModel):
    unit: str = Field(min_length=1, max_length=300, examples=["Sở Xây dựng"])
    findings: dict[str, Any] = Field(
        default_factory=dict,
        description="Kết quả kiểm tra theo lược đồ conclusion (results, strengths, weaknesses, "
                    "causes, recommendations, number, date, inspection…); cơ quan, người ký, "
                    "số liệu của đơn vị và kiến nghị kỳ trước lấy từ kho lưu trữ")


@router.post("/rounds/{code}/conclusions", status_code=201,
             summary="Ban hành thông báo kết luận (lưu văn bản, mở các kiến nghị)")
def issue_conclusion(code: str, body: ConclusionRequest, request: Request,
                     who: Principal = Depends(staff)) -> dict:
    archive = archive_of(request)
    code = rounds.require_round(archive, code)
    issued = rounds.issue_conclusion(archive, code, body.unit, body.findings,
                                     actor=who.name)
    return issued


@router.get("/conclusions/{conclusion_id}", summary="Tải thông báo kết luận đã ban hành",
            response_class=Response, responses=FILE_RESPONSES)
def get_conclusion(conclusion_id: Id, request: Request, _: Principal = Depends(viewer)):
    blob, filename = rounds.conclusion_docx(archive_of(request), conclusion_id)
    return download(blob, DOCX, filename)
