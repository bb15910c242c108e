"""Who imported, edited or generated what: one row per mutating request."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from cchc.archive.db import Archive
from cchc.archive.store import transaction

from .models import AuditEntry


def record(archive: Archive, user: str | None, action: str, obj: str, **details: Any) -> None:
    transaction(archive, lambda s: s.add(AuditEntry(user_name=user, action=action,
                                                    object=obj[:300], details=details)))


def entries(archive: Archive, limit: int = 200) -> list[dict]:
    with archive.sessions() as s:
        rows = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit))
        return [{"id": r.id, "at": r.at.isoformat(timespec="seconds"), "user": r.user_name,
                 "action": r.action, "object": r.object, "details": r.details} for r in rows]
