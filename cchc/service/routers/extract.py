"""Extraction of uploaded reports: one now, or many as a background job."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Depends, File, Request, UploadFile

from .. import audit
from ..deps import Principal, archive_of, extractor_of, settings_of, staff, viewer
from ..drafts import read_record
from ..errors import ApiError, not_found
from ..jobs import item_error, job_info
from ..json_body import JsonRoute
from ..uploads import accept

router = APIRouter(prefix="/api", tags=["extract"], route_class=JsonRoute)


def _check_count(request: Request, files: list[UploadFile]) -> None:
    if not files:
        raise ApiError(422, "no_files", "chưa chọn tệp nào", field="files")
    if len(files) > settings_of(request).max_files:
        raise ApiError(413, "too_many_files", f"tối đa {settings_of(request).max_files} tệp "
                       "mỗi lần tải lên", field="files")


def accept_all(request: Request, files: list[UploadFile], *, allow_json: bool = False):
    """Every file, or the first refusal as the answer (a single upload)."""
    _check_count(request, files)
    settings = settings_of(request)
    return [accept(f, settings.upload_limit_bytes, settings.unzipped_limit_bytes,
                   allow_json=allow_json) for f in files]


def accept_each(request: Request, files: list[UploadFile], *, allow_json: bool = False
                ) -> tuple[list, list[dict]]:
    """(accepted uploads, refusals): a batch is never refused for one bad file; each
    refusal names its file and its position in the batch ("index")."""
    _check_count(request, files)
    settings = settings_of(request)
    uploads, refused = [], []
    for index, f in enumerate(files):
        try:
            uploads.append(accept(f, settings.upload_limit_bytes,
                                  settings.unzipped_limit_bytes, allow_json=allow_json))
        except ApiError as exc:
            refused.append({"index": index, "filename": f.filename, "ok": False,
                            "error": item_error(exc)})
    if not uploads:
        first = refused[0]["error"]
        raise ApiError(415 if first["code"] == "unsupported_type" else 422, first["code"],
                       "không tệp nào nhận được" if len(refused) > 1 else first["message"],
                       field="files", details=[r["error"]["message"] for r in refused])
    return uploads, refused


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
    uploads, refused = accept_each(request, files)
    job_id = request.app.state.jobs.submit("extract", who.name, uploads,
                                           audited_as="extract_batch")
    return {"job_id": job_id, "url": f"/api/jobs/{job_id}", "total": len(uploads),
            "refused": refused}


@router.get("/jobs/{job_id}", summary="Tiến độ và kết quả một việc chạy nền")
def get_job(job_id: str, request: Request, _: Principal = Depends(viewer)) -> dict:
    found = job_info(archive_of(request), job_id)
    if found is None:
        raise not_found(f"việc chạy nền '{job_id}'")
    return found
