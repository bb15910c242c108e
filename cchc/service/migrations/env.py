"""Alembic environment of the service tables: own version table, run on a given connection."""

from __future__ import annotations

from alembic import context

from cchc.core.db import owned_by
from cchc.service import unit_models  # noqa: F401
from cchc.service.models import Base  # noqa: F401 - and unit_models: the service's tables

VERSION_TABLE = "svc_alembic_version"
config = context.config


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=Base.metadata,
                      version_table=VERSION_TABLE, include_object=owned_by("service"),
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported")
_run(config.attributes["connection"])
