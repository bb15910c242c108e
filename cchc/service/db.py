"""Opening the service's database: the archive's chain and ours (svc_ tables, own
version table), run under the kernel's one migration lock (cchc.core.db.migrate)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from cchc.archive.db import Archive, Chain, open_archive

from .migrations import HEAD

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def apply_queue_schema(conn) -> None:
    """procrastinate's own tables, from its schema, once (under the caller's lock).

    Its schema is its own business (``procrastinate schema --apply``); ours goes
    through Alembic. A database that has the tables is left alone.
    """
    if conn.dialect.name != "postgresql":
        return
    if conn.execute(text("SELECT to_regclass('procrastinate_jobs')")).scalar() is not None:
        return
    from procrastinate.schema import SchemaManager

    sql = SchemaManager.get_schema()
    conn.connection.driver_connection.execute(sql)  # many statements, no parameters


CHAIN = Chain(MIGRATIONS, "svc_alembic_version", HEAD, after=apply_queue_schema)


def open_service_db(url: str | None) -> Archive:
    return open_archive(url, also=(CHAIN,))
