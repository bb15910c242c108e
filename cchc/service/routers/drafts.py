"""Uploads waiting for review: extract in the background, correct, accept."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from fastapi import APIRouter, Depends, File, Header, Query, Request, Response, UploadFile
from pydantic import BaseModel, Field

from .. import audit, drafts, rounds
from ..deps import Id, Principal, archive_of, extractor_of, staff, viewer
from ..json_body import JsonRoute
from .extract import accept_each

router = APIRouter(prefix="/api", tags=["drafts"], route_class=JsonRoute)


class Correction(BaseModel):
    path: str = Field(min_length=2, max_length=300, examples=["$.unit.name"])
    value: str | float | int | None = None


class Accept(BaseModel):
    unit: str | None = Field(None, max_length=300)
    annex: bool = Field(False, description="Ghép vào báo cáo đơn vị đã có, thay vì bản mới")


def start_upload(request: Request, code: str, files: list[UploadFile], extractor: Callable,
                 who: Principal) -> dict:
    archive = archive_of(request)
    code = rounds.require_round(archive, code)
    uploads, refused = accept_each(request, files, allow_json=True)
    job_id = request.app.state.jobs.submit("drafts", who.name, uploads, {"round": code},
                                           audited_as="drafts_batch")
    for r in refused:
        audit.record(archive, who.name, "refuse", f"file:{r['filename']}", round=code,
                     reason=r["error"]["message"])
    return {"job_id": job_id, "url": f"/api/jobs/{job_id}", "total": len(uploads),
            "refused": refused}


@router.post("/rounds/{code}/drafts", status_code=202,
             summary="Tải lên báo cáo để xem trước, sửa và duyệt (trích xuất chạy nền)")
def upload_drafts(code: str, request: Request, files: list[UploadFile] = File(...),
                  extractor: Callable = Depends(extractor_of),
                  who: Principal = Depends(staff)) -> dict:
    return start_upload(request, code, files, extractor, who)


@router.get("/rounds/{code}/drafts", summary="Các bản tải lên của đợt")
def list_drafts(code: str, request: Request,
                status: Literal["pending", "accepted", "failed"] | None = Query(None),
                _: Principal = Depends(viewer)) -> list[dict]:
    archive = archive_of(request)
    return drafts.list_for_round(archive, rounds.require_round(archive, code), status)


@router.get("/drafts/{draft_id}", summary="Một bản tải lên: bản ghi, cảnh báo, sửa tay")
def get_draft(draft_id: Id, request: Request, response: Response,
              _: Principal = Depends(viewer)) -> dict:
    out = drafts.info(drafts.get(archive_of(request), draft_id))
    response.headers["ETag"] = f'"{out["version"]}"'
    return out


@router.patch("/drafts/{draft_id}", summary="Sửa tay một giá trị (được ghi lại); If-Match: "
              "phiên bản đã đọc (ETag), cũ thì 412")
def correct_draft(draft_id: Id, body: Correction, request: Request, response: Response,
                  who: Principal = Depends(staff),
                  if_match: str | None = Header(default=None)) -> dict:
    archive = archive_of(request)
    expected = if_match.strip().removeprefix("W/").strip('"') if if_match else None
    out = drafts.correct(archive, draft_id, body.path, body.value, who.name,
                         expected=expected)
    response.headers["ETag"] = f'"{out["draft"]["version"]}"'
    return out["draft"]


class UnitChoice(BaseModel):
    unit: str = Field(min_length=1, max_length=300, examples=["Sở Tư pháp"])


@router.get("/drafts/{draft_id}/unit", summary="Đơn vị trong lịch mà bản tải lên khớp")
def draft_unit(draft_id: Id, request: Request, _: Principal = Depends(viewer)) -> dict:
    archive = archive_of(request)
    return drafts.unit_match(archive, drafts.get(archive, draft_id))


@router.put("/drafts/{draft_id}/unit", summary="Chọn đơn vị trong lịch cho bản tải lên")
def choose_draft_unit(draft_id: Id, body: UnitChoice, request: Request,
                      who: Principal = Depends(staff)) -> dict:
    archive = archive_of(request)
    found = drafts.choose_unit(archive, draft_id, body.unit, who.name)
    return found


@router.post("/drafts/{draft_id}/accept", summary="Duyệt bản tải lên vào kho lưu trữ")
def accept_draft(draft_id: Id, request: Request, body: Accept | None = None,
                 who: Principal = Depends(staff)) -> dict:
    archive = archive_of(request)
    result = drafts.accept_draft(archive, draft_id, who.name, unit_name=body.unit if body else None,
                           annex=bool(body and body.annex))
    return result


@router.delete("/drafts/{draft_id}", status_code=204, summary="Bỏ một bản tải lên")
def discard_draft(draft_id: Id, request: Request, who: Principal = Depends(staff)) -> None:
    archive = archive_of(request)
    drafts.discard(archive, draft_id, who.name)
