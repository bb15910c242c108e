"""Alembic migrations of the service's tables (version table svc_alembic_version).

HEAD is the newest revision; opening a database already at every chain's head skips
loading Alembic (a test checks HEAD against the migration scripts).
"""

HEAD = "svc0008"
