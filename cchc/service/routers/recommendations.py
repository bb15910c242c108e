"""Recommendations of a round and their follow-up."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy import select

from cchc.archive import recommendations as recs
from cchc.archive.models import Recommendation

from .. import audit, rounds
from ..deps import Id, Principal, archive_of, staff, viewer
from ..errors import ApiError, not_found
from ..json_body import JsonRoute

router = APIRouter(prefix="/api", tags=["recommendations"], route_class=JsonRoute)


class Update(BaseModel):
    status: Literal["open", "remedied"]
    evidence: str | None = Field(None, max_length=5000)


@router.get("/rounds/{code}/recommendations", summary="Kiến nghị của đợt")
def list_recommendations(code: str, request: Request,
                         status: Literal["open", "remedied", "overdue"] | None = Query(None),
                         _: Principal = Depends(viewer)) -> list[dict]:
    archive = archive_of(request)
    return recs.list_recommendations(archive, rounds.require_round(archive, code),
                                     status=status)


@router.patch("/recommendations/{rec_id}", summary="Cập nhật trạng thái một kiến nghị")
def update_recommendation(rec_id: Id, body: Update, request: Request,
                          who: Principal = Depends(staff)) -> dict:
    archive = archive_of(request)
    with archive.sessions() as s:
        if s.scalar(select(Recommendation.id).where(Recommendation.id == rec_id)) is None:
            raise not_found(f"kiến nghị số {rec_id}")
    if body.status == "remedied" and not (body.evidence or "").strip():
        raise ApiError(422, "evidence_required", "cần ghi bằng chứng khắc phục",
                       field="$.evidence")
    with audit.acting_as(who.name):
        updated = recs.update_recommendation(archive, rec_id, status=body.status,
                                             evidence=body.evidence)
    return updated
