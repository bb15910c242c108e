"""Opening the service's database: the archive (its own migrations) plus our svc_ tables."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text

from cchc.archive.db import Archive, open_archive

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_PG_LOCK = 0x73766363  # "svcc"


def migrate(archive: Archive) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with archive.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        if conn.dialect.name == "postgresql":
            apply_queue_schema(conn)


def apply_queue_schema(conn) -> None:
    """procrastinate's own tables, from its schema, once (under the caller's lock).

    Its schema is its own business (``procrastinate schema --apply``); ours goes
    through Alembic. A database that has the tables is left alone.
    """
    if conn.execute(text("SELECT to_regclass('procrastinate_jobs')")).scalar() is not None:
        return
    from procrastinate.schema import SchemaManager

    sql = SchemaManager.get_schema()
    conn.connection.driver_connection.execute(sql)  # many statements, no parameters


def open_service_db(url: str | None) -> Archive:
    archive = open_archive(url)
    migrate(archive)
    return archive
