"""PostgreSQL for the tests: one database per pytest-xdist worker and purpose, so
parallel tests never reset each other's tables."""

from __future__ import annotations

import os

from sqlalchemy import create_engine, text

from cchc.archive.db import normalise_url

PG_URL = os.environ.get("CCHC_TEST_PG_URL")


def own_database(purpose: str = "") -> str:
    """The URL of a database of this worker's own (created when missing)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker and not purpose:
        return PG_URL
    base, _, name = PG_URL.rpartition("/")
    own = "_".join(x for x in (name, purpose, worker or "main") if x)
    engine = create_engine(normalise_url(PG_URL), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        if not conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": own}):
            conn.execute(text(f'CREATE DATABASE "{own}"'))
    engine.dispose()
    return f"{base}/{own}"


def empty_database(purpose: str = "") -> str:
    """``own_database`` with its public schema dropped and made again: every table,
    sequence and type of an earlier test (or of procrastinate) is gone."""
    url = own_database(purpose)
    engine = create_engine(normalise_url(url))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url
