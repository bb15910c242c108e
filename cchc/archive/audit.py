"""The one audit trail: who changed what, written in the same transaction as the change.

Every change to the database writes exactly one ``audit_log`` row naming its actor (a
user name, "cli:<login>" for the command line, None for the system itself). The row is
added to the change's own session, so a crash leaves both or neither.

``audit(session, actor, action, entity, entity_id, detail)`` is the seam the use cases
call. Archive functions that do not know their caller's user take it from
``acting_as``: the service wraps each request's change in ``with acting_as(who.name):``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import AuditLog

_ACTOR: ContextVar[str | None] = ContextVar("cchc_audit_actor", default=None)
MAX_REF = 300


@contextmanager
def acting_as(actor: str | None) -> Iterator[None]:
    """Changes made inside the block are audited as ``actor``'s."""
    token = _ACTOR.set(actor)
    try:
        yield
    finally:
        _ACTOR.reset(token)


def cli_actor() -> str:
    """Who makes a change from the command line: "cli:<login>"."""
    import getpass

    try:
        return f"cli:{getpass.getuser()}"[:100]
    except (KeyError, OSError):
        return "cli"


def act_until(actor: str | None) -> Callable[[], None]:
    """Audit every change as ``actor`` until the returned function is called (a CLI
    command calls it when it closes, so a command run in-process leaves no actor)."""
    token = _ACTOR.set(actor)
    return lambda: _ACTOR.reset(token)


def current_actor() -> str | None:
    return _ACTOR.get()


def audit(session: Session, actor: str | None, action: str, entity: str,
          entity_id: int | str | None, detail: dict[str, Any] | None = None, *,
          ref: str | None = None) -> AuditLog:
    """Add the change's audit row to ``session`` (the change's own transaction).

    ``entity_id`` is the row's integer id, or a textual reference for things without
    one (a user's name, a file name, a document kind); ``ref``: the name people know
    the object by when it has both (a round's code).
    """
    number = entity_id if isinstance(entity_id, int) else None
    if ref is None and entity_id is not None and number is None:
        ref = str(entity_id)
    ref = ref[:MAX_REF] if ref else None
    row = AuditLog(actor=actor[:100] if actor else None, action=action[:50],
                   entity=entity[:50], entity_id=number, ref=ref, detail=detail or None)
    session.add(row)
    return row


def audit_here(session: Session, action: str, entity: str, entity_id: int | str | None,
               *, ref: str | None = None, **detail: Any) -> AuditLog:
    """``audit`` with the actor of the surrounding ``acting_as`` block."""
    return audit(session, current_actor(), action, entity, entity_id, detail, ref=ref)


def object_ref(row: AuditLog) -> str:
    """The compact reference the audit page shows: "report:12", "user:canbo"."""
    key = row.ref if row.ref is not None else row.entity_id
    return row.entity if key is None else f"{row.entity}:{key}"


def entries(session: Session, limit: int = 200) -> list[dict]:
    """The newest ``limit`` rows, newest first."""
    rows = session.scalars(select(AuditLog).order_by(AuditLog.id.desc()).limit(limit))
    return [{"id": r.id, "at": r.at.isoformat(timespec="seconds"), "user": r.actor,
             "action": r.action, "object": object_ref(r), "details": r.detail}
            for r in rows]
