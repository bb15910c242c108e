"""The database kernel (cchc.core.db): the archive's and the service's migration chains
run in one transaction under one lock, and each chain's HEAD names its newest script."""

from __future__ import annotations

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import event

from cchc.archive import db as archive_db
from cchc.core.db import make_engine, migrate, revision
from cchc.service import db as service_db
from tests.pg import PG_URL, empty_database


def test_each_chain_names_its_newest_script_as_head():
    for chain in (archive_db.CHAIN, service_db.CHAIN):
        cfg = Config()
        cfg.set_main_option("script_location", str(chain.scripts))
        assert ScriptDirectory.from_config(cfg).get_current_head() == chain.head


def _migrate_watching(url: str) -> tuple[set, list[str]]:
    engine = make_engine(url)
    seen, locks = [], []

    @event.listens_for(engine, "before_cursor_execute")
    def _watch(conn, _cursor, statement, *_):
        head = statement.lstrip().upper()
        if head.startswith("CREATE TABLE"):
            seen.append((id(conn.get_transaction()), head.split("(")[0].split()[-1]))
        if "PG_ADVISORY_XACT_LOCK" in head:
            locks.append(id(conn.get_transaction()))

    try:
        migrate(engine, [archive_db.CHAIN, service_db.CHAIN])
        assert revision(engine, "alembic_version") == archive_db.CHAIN.head
        assert revision(engine, "svc_alembic_version") == service_db.CHAIN.head
    finally:
        engine.dispose()
    return {t for t, _ in seen}, [name.strip('"').lower() for _, name in seen] + \
        [f"lock:{x}" for x in locks]


def test_both_chains_migrate_in_one_transaction_on_sqlite(tmp_path):
    transactions, tables = _migrate_watching(f"sqlite:///{tmp_path / 'k.db'}")
    assert len(transactions) == 1
    assert "audit_log" in tables and "svc_users" in tables and "svc_audit" in tables


def test_both_chains_migrate_under_one_advisory_lock_on_postgres():
    if not PG_URL:
        pytest.skip("CCHC_TEST_PG_URL is not set (bash .ci/start-postgres starts a server)")
    transactions, tables = _migrate_watching(empty_database("kernel"))
    locks = [t for t in tables if t.startswith("lock:")]
    assert len(transactions) == 1 and len(locks) == 1
    assert locks[0] == f"lock:{next(iter(transactions))}"
    assert "audit_log" in tables and "svc_users" in tables


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_one_base_and_each_chain_matches_its_own_tables(tmp_path, backend):
    """Both layers declare their tables on the kernel's one Base; in a database holding
    both chains (and on PostgreSQL the job queue's own tables), each chain's migrations
    equal the models it owns, and nothing else."""
    if backend == "postgresql" and not PG_URL:
        pytest.skip("CCHC_TEST_PG_URL is not set (bash .ci/start-postgres starts a server)")
    url = str(tmp_path / "one.db") if backend == "sqlite" else empty_database("onebase")
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from cchc.archive import dump
    from cchc.archive.models import Report
    from cchc.core.db import Base, owned_by
    from cchc.service.models import User
    from cchc.service.unit_models import UnitForm

    assert Report.metadata is User.metadata is UnitForm.metadata is Base.metadata
    with service_db.open_service_db(url) as db:
        with db.engine.connect() as conn:
            for chain in (archive_db.CHAIN, service_db.CHAIN):
                name = "service" if chain is service_db.CHAIN else "archive"
                ctx = MigrationContext.configure(conn, opts={
                    "compare_type": True, "include_object": owned_by(name),
                    "version_table": chain.version_table})
                assert compare_metadata(ctx, Base.metadata) == [], name
    dumped = {t.name for t in dump._tables()}
    assert "reports" in dumped and "audit_log" in dumped
    assert not {n for n in dumped if n.startswith("svc_")}  # accounts are not the archive's
