"""Opening an archive: a SQLite file by default, PostgreSQL from a URL.

The engine, sessions, the transaction with retry and the migration lock are the
database kernel's (cchc.core.db); this module adds the archive's Alembic chain.
Opening migrates the database to the current schema with every chain asked for
(the archive's first, then e.g. the service's) under one lock, so the first two
processes to open a new archive do not both create the tables.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import sessionmaker

from cchc.core.db import (  # noqa: F401 - the archive's names for the kernel's
    SQLITE_BUSY_MS,
    Chain,
    Database,
    make_engine,
    normalise_url,
    private_sqlite_file,
)
from cchc.core.db import migrate as migrate_chains
from cchc.core.db import revision as _revision
from cchc.core.errors import CchcError

from . import DEFAULT_URL
from .migrations import HEAD

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
CHAIN = Chain(MIGRATIONS, "alembic_version", HEAD)
Archive = Database  # an open archive: the engine and a session factory


def default_url() -> str:
    return os.environ.get("CCHC_DB") or DEFAULT_URL


def current_revision(engine) -> str | None:
    return _revision(engine, CHAIN.version_table)


def migrate(engine, also: tuple[Chain, ...] = ()) -> None:
    """Bring the archive's chain (and ``also``'s) to head under the one lock."""
    migrate_chains(engine, [CHAIN, *also])


OPEN_ATTEMPTS = 8


def open_archive(url: str | None = None, *, upgrade: bool = True,
                 also: tuple[Chain, ...] = ()) -> Archive:
    """Open (and create or migrate) the archive at ``url``; errors name the URL.
    ``also``: more migration chains (the service's), run under the same lock.

    Processes opening a brand-new SQLite archive together race for locks the busy
    timeout does not cover (switching the new file to WAL): opening is idempotent,
    so a "database is locked" that came at once (not after waiting out the busy
    timeout, which means someone really holds the archive) is tried again.
    """
    url = normalise_url(url or default_url())
    for attempt in range(OPEN_ATTEMPTS):
        engine = make_engine(url)
        started = time.monotonic()
        try:
            if upgrade:
                migrate(engine, also)
            return Archive(url, engine, sessionmaker(engine, expire_on_commit=False))
        except OperationalError as exc:
            engine.dispose()
            at_once = time.monotonic() - started < 1.0
            if "database is locked" in str(exc.orig) and at_once and attempt < OPEN_ATTEMPTS - 1:
                time.sleep(0.05 * (attempt + 1))
                continue
            shown = make_url(url).render_as_string(hide_password=True)
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise CchcError(f"không mở được kho lưu trữ {shown}: {reason}") from exc
    raise AssertionError("unreachable")
