"""The service's own tables (users, tokens, audit, jobs, drafts).

They live in the archive's database, on the kernel's one ``Base``, under an ``svc_``
prefix with their own Alembic version table: the prefix tells the two migration
chains apart (``cchc.core.db.owned_by``), so their migrations never collide.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from cchc.core.db import Base, utcnow  # noqa: F401 - the kernel's one Base

# Lowest first: a unit account ("donvi", issue 25) ranks below a viewer, so every
# route that asks for a viewer or more refuses it; its own pages ask for it by name.
ROLES = ("donvi", "viewer", "staff", "admin")


class User(Base):
    __tablename__ = "svc_users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Token(Base):
    """Only the token's SHA-256 is kept: a stolen database gives no working token."""

    __tablename__ = "svc_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("svc_users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)


class WebSession(Base):
    """A signed-in browser. The cookie holds a random id; only its SHA-256 is kept, and
    deleting the row (logout, password change, disabling the user) ends the session
    even for someone who copied the cookie."""

    __tablename__ = "svc_sessions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sid_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("svc_users.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Job(Base):
    """A background job; kept in the database so any worker can report its progress."""

    __tablename__ = "svc_jobs"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(50))
    user_name: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(20), default="queued")
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    result: Mapped[list[Any] | None] = mapped_column(JSON)
    params: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class JobItem(Base):
    """One file of a job, with its bytes: persisted before the 202 so a crash loses nothing.

    ``lease_until`` is the claim of the worker running it (renewed by a heartbeat):
    an item whose lease ran out belongs to a dead worker and is taken again.
    """

    __tablename__ = "svc_job_items"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[str] = mapped_column(ForeignKey("svc_jobs.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(10))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(20), default="queued", index=True)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    worker: Mapped[str | None] = mapped_column(String(100))
    lease_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class JobPage(Base):
    """One scanned page of a job item, read by whichever worker claims it (a map step).

    ``result`` is the page's OCR (words, boxes, confidences, tables: never the image)
    or, when ``status`` is failed, the error; the rows go when their item finishes.
    ``reader`` names the extractor's page reader (module:function).
    """

    __tablename__ = "svc_job_pages"
    __table_args__ = (UniqueConstraint("item_id", "page"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("svc_job_items.id"), index=True)
    page: Mapped[int] = mapped_column(Integer)  # 0-based index in the file
    reader: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="queued")
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    worker: Mapped[str | None] = mapped_column(String(100))
    lease_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Draft(Base):
    """An uploaded report waiting to be checked, corrected and accepted into a round."""

    __tablename__ = "svc_drafts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_code: Mapped[str] = mapped_column(String(100), index=True)
    filename: Mapped[str] = mapped_column(Text)
    # The upload's bytes until it is accepted; then NULL, the archive's original_files
    # keeps them (the report's sha256)
    data: Mapped[bytes | None] = mapped_column(LargeBinary)
    record: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    corrections: Mapped[list[Any]] = mapped_column(JSON, default=list)
    error: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    report_id: Mapped[int | None] = mapped_column(Integer)
    user_name: Mapped[str | None] = mapped_column(String(100))
    # The scheduled unit a person chose on the review page (else the register's match)
    unit_name: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class LoginAttempt(Base):
    """The login throttle's counts, shared by every worker process (``throttle``). The
    key (account, address or both) is kept as its SHA-256: a name typed by mistake into
    the user field is not kept in clear, and every key has the same bounded length."""

    __tablename__ = "svc_login_attempts"
    key_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)
    last: Mapped[float] = mapped_column(Float, index=True)  # seconds since the epoch
