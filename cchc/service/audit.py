"""The service's side of the one audit trail (cchc.archive.audit, table audit_log).

A change is audited inside its own transaction: archive functions take the user from
``acting_as`` (``with audit.acting_as(who.name): store.import_record(...)``), the
service's own changes call ``audit`` on their session. ``record`` is for what changes
nothing else in the database (a login that was refused, a document generated), and
for the account changes not yet moved into their transaction: one row, its own
transaction.
"""

from __future__ import annotations

from typing import Any

from cchc.archive.audit import acting_as, audit, current_actor  # noqa: F401 - the seam
from cchc.archive.audit import entries as _entries
from cchc.archive.db import Archive
from cchc.archive.store import transaction


def split_ref(obj: str) -> tuple[str, int | str | None]:
    """ "draft:12" → ("draft", 12); "user:canbo" → ("user", "canbo")."""
    kind, sep, key = (obj or "").partition(":")
    if not sep:
        return obj or "?", None
    return kind, int(key) if key.isdigit() and len(key) < 10 else key


def record(archive: Archive, user: str | None, action: str, obj: str, **details: Any) -> None:
    kind, key = split_ref(obj)
    transaction(archive, lambda s: audit(s, user, action, kind, key, details))


def entries(archive: Archive, limit: int = 200) -> list[dict]:
    with archive.sessions() as s:
        return _entries(s, limit)
