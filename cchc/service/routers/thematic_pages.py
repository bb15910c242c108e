"""The round's thematic reports (plan II.7–8) uploaded from the upload page.

Sở Tư pháp's institutional-reform report and Sở Tài chính's public-finance report
come in through the same intake as a unit's report (size limit, format sniffing, the
extractors' readers on a private temporary copy) and are kept in the archive with
their originals; the round's summary quotes them in those two areas' sections.
"""

from __future__ import annotations

from fastapi import APIRouter, File, Form, Request, UploadFile
from starlette.concurrency import run_in_threadpool

from cchc.core.errors import CchcError

from .. import audit, rounds
from ..adapters import extract_incoming
from ..deps import archive_of, check_csrf
from ..errors import ApiError
from ..uploads import accept
from ..web import back, error_text, flash, page_user, require

router = APIRouter(include_in_schema=False)
AREA_WORDS = {"institutions": "cải cách thể chế", "public_finance": "cải cách tài chính công"}


def _read_and_store(archive, code: str, upload, area: str | None) -> dict:
    from cchc.archive.thematic import store_thematic
    from cchc.extractors import read_thematic_incoming

    incoming = upload.incoming  # identified and hashed once, by the upload's intake
    data = extract_incoming(lambda inc: read_thematic_incoming(inc, area), incoming)
    return store_thematic(archive, code, data, incoming)


@router.post("/rounds/{code}/thematic")
async def thematic_upload(code: str, request: Request, file: UploadFile = File(...),
                          area: str = Form(""), csrf: str = Form("")):
    who = page_user(request)
    check_csrf(request, csrf)
    require(who, "staff")
    archive = archive_of(request)
    code = rounds.require_round(archive, code)
    settings = request.app.state.settings
    try:
        if area and area not in AREA_WORDS:
            raise ApiError(422, "bad_area", f"lĩnh vực '{area[:40]}' không có", field="area")
        upload = accept(file, settings.upload_limit_bytes, settings.unzipped_limit_bytes)
        with audit.acting_as(who.name):  # the thread runs in a copy of this context
            got = await run_in_threadpool(_read_and_store, archive, code, upload,
                                          area or None)
    except (ApiError, CchcError) as exc:
        flash(request, "error", *error_text(exc))
        return back(f"/rounds/{code}/upload#thematic")
    if got["status"] == "duplicate":
        flash(request, "ok", f"Tệp {got['filename']} đã có trong đợt, không lưu lại.")
    else:
        flash(request, "ok", f"Đã lưu báo cáo {AREA_WORDS[got['area']]}"
              f"{' của ' + got['sender'] if got['sender'] else ''} (bản {got['version']}, "
              f"{got['paragraphs']} đoạn); nội dung vào báo cáo tổng hợp của đợt.",
              [w["message"] for w in got["warnings"]])
    return back(f"/rounds/{code}/upload#thematic")
