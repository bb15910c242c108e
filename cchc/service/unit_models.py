"""The tables of the units' side (issue 25): invites, unit accounts, the report forms.

Kept beside ``models.py`` (same Base, same naming) so the units' side is one room.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base, utcnow


class UnitInvite(Base):
    """A one-time code a unit redeems to set its password. Only the code's SHA-256 is
    kept: the printed code is shown once, to the staff member who made it."""

    __tablename__ = "svc_unit_invites"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    unit_name: Mapped[str] = mapped_column(String(300))
    round_code: Mapped[str] = mapped_column(String(100), index=True)
    created_by: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("svc_users.id"))


class UnitAccess(Base):
    """A unit account's unit in one round: the only unit and rounds it may see."""

    __tablename__ = "svc_unit_access"
    __table_args__ = (UniqueConstraint("user_id", "round_code"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("svc_users.id"), index=True)
    unit_name: Mapped[str] = mapped_column(String(300))
    round_code: Mapped[str] = mapped_column(String(100))


class UnitForm(Base):
    """A unit's report being filled in online: the fields as typed so far (saved as it
    goes, with a version; the record is built from them), the signed file once
    uploaded, the report once submitted."""

    __tablename__ = "svc_unit_forms"
    __table_args__ = (UniqueConstraint("round_code", "unit_name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_code: Mapped[str] = mapped_column(String(100))
    unit_name: Mapped[str] = mapped_column(String(300))
    fields: Mapped[dict[str, Any]] = mapped_column(default=dict)  # as typed, see unit_report
    # fields read from an earlier Word draft that the extractor doubted: {name: {value,
    # message}}, kept until the unit changes that value
    doubts: Mapped[dict[str, Any]] = mapped_column(default=dict)
    version: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(20), default="editing")
    signed_filename: Mapped[str | None] = mapped_column(Text)
    signed_data: Mapped[bytes | None] = mapped_column(LargeBinary)
    report_id: Mapped[int | None] = mapped_column(Integer)
    updated_by: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
