"""The service's side of the one audit trail (cchc.archive.audit, table audit_log).

Every change is audited inside its own transaction: archive functions take the user
from ``acting_as`` (``with audit.acting_as(who.name): store.import_record(...)``) or a
``user``/``actor`` argument, the service's own changes call ``audit`` on their session.

``record`` writes one row in a transaction of its own, so it is only for what changes
nothing else in the database: a refused login (``login_failed``), a document generated
(``generate``), one file extracted and returned (``extract``), a file refused from a
batch (``refuse``). Anything that changes a row is never audited through ``record``.
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
