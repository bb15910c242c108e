"""The database kernel: one engine, one session factory, one transaction with retry,
one naming convention, and every migration chain run under one lock.

The archive's tables and the service's live in the same database, declared on one
``Base`` (one metadata, one naming convention). Each migration chain owns part of it:
the service's tables carry the ``svc_`` prefix, every other table is the archive's,
and ``owned_by`` tells Alembic which tables a chain compares. Both open it here:
``make_engine`` (SQLite file or PostgreSQL URL), ``Database`` (engine and sessions),
``transaction`` (one unit of work, run again when it lost a race) and ``migrate``,
which brings every chain to its head on one connection holding one lock (SQLite:
BEGIN IMMEDIATE; PostgreSQL: one advisory lock), so two processes opening a new
database never both create tables, and never see the archive's schema new and the
service's old.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import JSON, Connection, Engine, MetaData, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, OperationalError, ProgrammingError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from .errors import CchcError

SQLITE_BUSY_MS = 60_000
MIGRATION_LOCK = 0x63636863  # "cchc": the one advisory lock of every chain
RETRIES = 12
T = TypeVar("T")

# Named constraints: Alembic and both databases then agree on every name.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


SERVICE_PREFIX = "svc_"  # the service chain's tables; every other table is the archive's
FOREIGN_PREFIXES = ("procrastinate_",)  # the job queue's own schema: no chain's


class Base(DeclarativeBase):
    """Every table of the database: the archive's models and the service's share this
    metadata, so one naming convention and one type map hold for all of them."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


def owned_by(chain: str) -> Callable[..., bool]:
    """Alembic's ``include_object`` for one chain ("archive" or "service"): its own
    tables (and what hangs on them) only, so comparing the one metadata with a
    database never reports the other chain's tables as missing or extra."""
    service = chain == "service"

    def include(obj, name, type_, reflected, compare_to) -> bool:
        table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", "")
        table = table or ""
        if table.startswith(FOREIGN_PREFIXES):
            return False
        return table.startswith(SERVICE_PREFIX) == service

    return include


def utcnow() -> dt.datetime:
    """Naive UTC: SQLite keeps no zone, so storing none keeps both databases equal."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


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

    BEGIN IMMEDIATE makes concurrent writers queue on the busy timeout instead of
    failing half-way with "database is locked" on their first write. WAL with
    synchronous=FULL keeps every commit across a crash or power cut at one fsync per
    commit instead of three; WAL needs a local disk, and an office that shares one
    database over the network uses PostgreSQL.
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


def private_sqlite_file(path: Path) -> None:
    """The database holds password hashes and token digests: create it 0600 (SQLite
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


@dataclass
class Database:
    """An open database: the engine and a session factory."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _retryable(exc: OperationalError) -> bool:
    code = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
    return code in ("40001", "40P01") or "database is locked" in str(exc.orig)


def transaction(db: Database, work: Callable[[Session], T]) -> T:
    """Run ``work`` in one transaction, again from the start if it lost a race.

    Races between processes are settled by the unique constraints: the loser gets an
    IntegrityError, rolls back and runs again, this time seeing the winner's rows.
    """
    for attempt in range(RETRIES):
        session = db.sessions()
        try:
            with session.begin():
                return work(session)
        except IntegrityError:
            if attempt == RETRIES - 1:
                raise
        except OperationalError as exc:
            if attempt == RETRIES - 1 or not _retryable(exc):
                raise
        finally:
            session.close()
        time.sleep(0.01 * (attempt + 1))
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class Chain:
    """One Alembic chain: its scripts, its version table and its head revision;
    ``after`` runs under the same lock once the chain is at its head."""

    scripts: Path
    version_table: str
    head: str
    after: Callable[[Connection], None] | None = field(default=None, compare=False)


def revision(engine: Engine, version_table: str) -> str | None:
    try:
        with engine.connect() as conn:
            return conn.execute(text(f"SELECT version_num FROM {version_table}")).scalar()
    except (OperationalError, ProgrammingError) as exc:
        if version_table in str(exc.orig):  # a new, empty database
            return None
        raise


def _upgrade(conn: Connection, chain: Chain) -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(chain.scripts))
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, "head")


def migrate(engine: Engine, chains: list[Chain]) -> None:
    """Bring every chain to its head, in order, on one connection holding one lock."""
    if all(revision(engine, c.version_table) == c.head for c in chains):
        return
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:  # SQLite rebuilds a table to alter it; its rows' references must hold
            conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                if not sqlite:
                    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"),
                                 {"k": MIGRATION_LOCK})
                for chain in chains:
                    _upgrade(conn, chain)
                    if chain.after is not None:
                        chain.after(conn)
                if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise CchcError("cập nhật lược đồ cơ sở dữ liệu làm hỏng liên kết dữ "
                                    "liệu; đã huỷ, cơ sở dữ liệu giữ nguyên")
        finally:
            if sqlite:
                conn.connection.driver_connection.execute("PRAGMA foreign_keys=ON")
