"""Every archive test runs on SQLite and on PostgreSQL.

PostgreSQL comes from CCHC_TEST_PG_URL (``.ci/run`` starts a server and sets it;
locally: ``eval "$(bash .ci/start-postgres)"``). Without it the PostgreSQL
variants are skipped, never silently passed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from cchc.archive.db import normalise_url, open_archive
from tests.pg import PG_URL, own_database

sys.path.insert(0, str(Path(__file__).parent))



def reset_pg(url: str) -> None:
    engine = create_engine(normalise_url(url))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def fresh_url(kind: str, tmp_path: Path, name: str = "cchc.db") -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / name}"
    if not PG_URL:
        pytest.skip("CCHC_TEST_PG_URL is not set (bash .ci/start-postgres starts a server)")
    url = own_database()
    reset_pg(url)
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    return fresh_url(request.param, tmp_path)


@pytest.fixture
def archive(db_url):
    with open_archive(db_url) as opened:
        yield opened


@pytest.fixture
def pg_url(tmp_path) -> str:
    return fresh_url("postgresql", tmp_path)


class Ran:
    """What a command run left behind, shaped like subprocess.CompletedProcess."""

    def __init__(self, result):
        self.returncode = result.exit_code
        self.stdout = result.stdout
        self.stderr = result.stderr


@pytest.fixture
def cchc():
    """Run the real ``cchc`` command group in this process (click's CliRunner).

    A subprocess per command costs a second of imports; the archive tests make
    dozens of calls, so they run in-process and keep one subprocess test for the
    real exit code and the absence of a traceback.
    """
    from click.testing import CliRunner

    from cchc.cli import main

    def run(*args, env: dict | None = None):
        return Ran(CliRunner().invoke(main, [str(a) for a in args], env=env,
                                      catch_exceptions=False))

    return run
