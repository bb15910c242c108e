"""Opening an archive: a SQLite file by default, PostgreSQL from a URL.

Opening migrates the database to the current schema with Alembic, under a lock
(SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock), so the first two
processes to open a new archive do not both create the tables.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, ProgrammingError
from sqlalchemy.orm import Session, sessionmaker

from cchc.core.errors import CchcError

from . import DEFAULT_URL
from .migrations import HEAD

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_MS = 60_000
_PG_MIGRATION_LOCK = 0x63636863  # "cchc"


def default_url() -> str:
    return os.environ.get("CCHC_DB") or DEFAULT_URL


def normalise_url(url: str) -> str:
    """Accept a bare path and ``postgresql://`` (psycopg 3 is the driver we ship)."""
    url = url.strip()
    if "://" not in url:
        return f"sqlite:///{url}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _sqlite_setup(engine: Engine) -> None:
    """pysqlite's own transaction handling defers BEGIN; take the write lock up front.

    BEGIN IMMEDIATE makes concurrent importers queue on the busy timeout instead
    of failing half-way with "database is locked" on their first write. WAL with
    synchronous=FULL keeps every committed import across a crash or power cut at
    one fsync per commit instead of three; WAL needs a local disk, and an office
    that shares one archive over the network uses PostgreSQL.
    """

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE")


@dataclass
class Archive:
    """An open archive: the engine and a session factory for the service layer."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def private_sqlite_file(path: Path) -> None:
    """The archive holds password hashes and token digests: create it 0600 (SQLite
    gives its -wal and -shm files the database file's mode) and tighten an existing
    one of ours that others could read."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        return
    except FileExistsError:
        pass
    except OSError:
        return  # SQLite reports an unusable path itself, with its own words
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        try:
            st = name.stat()
            if st.st_uid == os.getuid() and st.st_mode & 0o077:
                name.chmod(st.st_mode & 0o700)
        except OSError:
            continue


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise CchcError(f"địa chỉ cơ sở dữ liệu không hợp lệ: {url!r}") from exc
    if parsed.get_backend_name() == "sqlite":
        db = parsed.database
        if db and db != ":memory:" and not Path(db).resolve().parent.is_dir():
            raise CchcError(f"thư mục chứa tệp lưu trữ không tồn tại: {db}")
        if db and db != ":memory:" and not db.startswith("file:"):
            private_sqlite_file(Path(db))
        engine = create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_MS / 1000})
        _sqlite_setup(engine)
        return engine
    if parsed.get_backend_name() != "postgresql":
        raise CchcError(f"chỉ hỗ trợ SQLite và PostgreSQL, không hỗ trợ "
                        f"'{parsed.get_backend_name()}' ({url})")
    return create_engine(parsed, pool_pre_ping=True)


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except (OperationalError, ProgrammingError) as exc:
        if "alembic_version" in str(exc.orig):  # a new, empty database
            return None
        raise


def migrate(engine: Engine) -> None:
    """Bring the schema to Alembic's head on one connection that holds the lock."""
    if current_revision(engine) == HEAD:
        return
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:  # SQLite rebuilds a table to alter it; its rows' references must hold
            conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                if not sqlite:
                    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"),
                                 {"k": _PG_MIGRATION_LOCK})
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise CchcError("cập nhật lược đồ kho lưu trữ làm hỏng liên kết dữ liệu; "
                                    "đã huỷ, kho giữ nguyên")
        finally:
            if sqlite:
                conn.connection.driver_connection.execute("PRAGMA foreign_keys=ON")


OPEN_ATTEMPTS = 8


def open_archive(url: str | None = None, *, upgrade: bool = True) -> Archive:
    """Open (and create or migrate) the archive at ``url``; errors name the URL.

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
                migrate(engine)
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
