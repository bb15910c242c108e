"""The migration and the models describe the same tables on both databases."""

from __future__ import annotations

import datetime as dt
import json

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from archive_records import make_record
from sqlalchemy import inspect, text

from cchc.archive import store
from cchc.archive.db import MIGRATIONS, make_engine, open_archive
from cchc.archive.migrations import HEAD
from cchc.archive.models import Base
from cchc.core.db import owned_by

ARCHIVE = {"compare_type": True, "include_object": owned_by("archive")}


def test_migration_matches_models(archive):
    with archive.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts=ARCHIVE)
        assert compare_metadata(ctx, Base.metadata) == []
        assert ctx.get_current_revision() == HEAD


def test_reopening_is_a_no_op(db_url):
    with open_archive(db_url) as first:
        tables = set(inspect(first.engine).get_table_names())
    with open_archive(db_url) as second:
        assert set(inspect(second.engine).get_table_names()) == tables
    assert {"rounds", "units", "reports", "original_files", "recommendations"} <= tables


def test_head_constant_is_the_newest_migration():
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(cfg).get_current_head() == HEAD


def test_upgrade_keeps_an_older_archive_whole(db_url):
    """An archive made by the first release opens in this one with all its rows."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    engine = make_engine(db_url)
    now = dt.datetime(2023, 5, 10, 8, 30)
    record = {"kind": "unit_report", "unit": {"name": "Sở Xây dựng"}}
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        rows = [
            ("INSERT INTO rounds (code, year, created_at) VALUES ('2023', 2023, :t)", {}),
            ("INSERT INTO units (name, key, created_at) VALUES ('Sở Xây dựng', "
             "'so xay dung', :t)", {}),
            ("INSERT INTO units (name, key, parent_id, created_at) VALUES ('Phòng A', "
             "'phong a', 1, :t)", {}),
            ("INSERT INTO original_files (sha256, size, data, created_at) VALUES "
             "(:sha, 3, :data, :t)", {"sha": "a" * 64, "data": b"\x00\x01\x02"}),
            ("INSERT INTO reports (round_id, unit_id, version, sha256, filename, record, "
             "warnings, created_at) VALUES (1, 1, 1, :sha, 'a.docx', :rec, '[]', :t)",
             {"sha": "a" * 64, "rec": json.dumps(record, ensure_ascii=False)}),
        ]
        for sql, params in rows:
            conn.execute(text(sql), {"t": now, **params})
    engine.dispose()
    with open_archive(db_url) as upgraded:
        with upgraded.engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts=ARCHIVE)
            assert ctx.get_current_revision() == HEAD
            assert compare_metadata(ctx, Base.metadata) == []
            assert conn.execute(text("SELECT parent_id FROM units WHERE id = 2")).scalar() == 1
        report = store.get_report(upgraded, 1, with_original=True)
        assert (report["record"], report["original"]) == (record, b"\x00\x01\x02")
        assert report["unit"] == "Sở Xây dựng"
        added = store.import_record(upgraded, "2023", make_record("Sở Xây dựng"), b"new",
                                    "b.docx")
        assert (added.status, added.version) == ("new_version", 2)
