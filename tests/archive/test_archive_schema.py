"""The migration and the models describe the same tables on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from archive.db import open_archive
from archive.models import Base


def test_migration_matches_models(archive):
    with archive.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(ctx, Base.metadata) == []
        assert ctx.get_current_revision() == "0001"


def test_reopening_is_a_no_op(db_url):
    with open_archive(db_url) as first:
        tables = set(inspect(first.engine).get_table_names())
    with open_archive(db_url) as second:
        assert set(inspect(second.engine).get_table_names()) == tables
    assert {"rounds", "units", "reports", "original_files", "recommendations"} <= tables


def test_head_constant_is_the_newest_migration():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from archive.db import MIGRATIONS
    from archive.migrations import HEAD

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(cfg).get_current_head() == HEAD
