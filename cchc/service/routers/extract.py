"""Extraction of uploaded reports: one now, or many as a background job."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Depends, File, Request, UploadFile

from .. import audit
from ..deps import Principal, archive_of, extractor_of, settings_of, staff, viewer
from ..drafts import read_record
from ..errors import ApiError, not_found
from ..jobs import job_info
from ..uploads import accept

router = APIRouter(prefix="/api", tags=["extract"])


def accept_all(request: Request, files: list[UploadFile], *, allow_json: bool = False):
    settings = settings_of(request)
    if not files:
        raise ApiError(422, "no_files", "chưa chọn tệp nào", field="files")
    if len(files) > settings.max_files:
        raise ApiError(413, "too_many_files", f"tối đa {settings.max_files} tệp mỗi lần "
                       "tải lên", field="files")
    return [accept(f, settings.upload_limit_bytes, settings.unzipped_limit_bytes,
                   allow_json=allow_json) for f in files]


@router.post("/extract", summary="Trích xuất một báo cáo tải lên")
def extract_one(request: Request, file: UploadFile = File(...),
                extractor: Callable = Depends(extractor_of),
                who: Principal = Depends(staff)) -> dict:
    settings = settings_of(request)
    upload = accept(file, settings.upload_limit_bytes, settings.unzipped_limit_bytes)
    record = read_record(upload, extractor)
    audit.record(archive_of(request), who.name, "extract", f"file:{upload.filename}")
    warnings = record.get("warnings", []) if isinstance(record, dict) else []
    return {"filename": upload.filename, "record": record, "warnings": warnings}


@router.post("/extract/batch", status_code=202, summary="Trích xuất nhiều báo cáo (nền)")
def extract_batch(request: Request, files: list[UploadFile] = File(...),
                  who: Principal = Depends(staff)) -> dict:
    uploads = accept_all(request, files)
    job_id = request.app.state.jobs.submit("extract", who.name, uploads)
    audit.record(archive_of(request), who.name, "extract_batch", f"job:{job_id}",
                 files=[u.filename for u in uploads])
    return {"job_id": job_id, "url": f"/api/jobs/{job_id}", "total": len(uploads)}


@router.get("/jobs/{job_id}", summary="Tiến độ và kết quả một việc chạy nền")
def get_job(job_id: str, request: Request, _: Principal = Depends(viewer)) -> dict:
    found = job_info(archive_of(request), job_id)
    if found is None:
        raise not_found(f"việc chạy nền '{job_id}'")
    return found
