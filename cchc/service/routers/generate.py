"""Any document kind from JSON: DOCX, XLSX or PDF."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Body, Depends, Query, Request, Response

from cchc.archive import store
from cchc.core.errors import CchcError
from cchc.generator.documents import KINDS

from .. import audit
from ..deps import Principal, archive_of, staff
from ..errors import not_found
from ..generate import MEDIA, generate
from ..json_body import JsonRoute
from ..responses import download

router = APIRouter(prefix="/api", tags=["generate"], route_class=JsonRoute)
FILE_RESPONSES = {200: {"content": {"application/octet-stream": {}},
                        "description": "Tệp DOCX, XLSX hoặc PDF"}}


@router.post("/generate/{kind}", summary="Sinh văn bản từ dữ liệu JSON",
             response_class=Response, responses=FILE_RESPONSES)
def generate_document(request: Request,
                      kind: Literal[tuple(KINDS)],  # type: ignore[valid-type]
                      data: dict[str, Any] = Body(...),
                      format: Literal[tuple(MEDIA)] | None = Query(None),  # type: ignore
                      report_id: int | None = Query(None, ge=1, le=2_147_483_647),
                      who: Principal = Depends(staff)):
    archive = archive_of(request)
    report = None
    if report_id is not None:
        try:
            report = store.get_report(archive, report_id)["record"]
        except CchcError as exc:
            raise not_found(f"báo cáo số {report_id}") from exc
    content, media, filename = generate(kind, data, format, report=report)
    audit.record(archive, who.name, "generate", f"document:{kind}", format=filename[-4:],
                 report_id=report_id)
    return download(content, media, filename)
