"""Alembic environment for the archive.

The archive runs its own migrations at open time (archive.db.open_archive) and
hands over a connection that already holds the migration lock, so this file
only runs migrations on that connection; no alembic.ini is needed.
"""

from __future__ import annotations

from alembic import context

from cchc.archive.models import Base
from cchc.core.db import owned_by

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:  # `alembic` command line, for developers only
        from sqlalchemy import create_engine

        engine = create_engine(config.get_main_option("sqlalchemy.url"))
        with engine.begin() as connection:
            _run(connection)
        return
    _run(connection)


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite",
                      compare_type=True, include_object=owned_by("archive"))
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported")
run_migrations_online()
