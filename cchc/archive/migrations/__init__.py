"""Alembic migrations of the archive.

HEAD is the newest revision; opening an archive already at HEAD skips loading
Alembic (a test checks HEAD against the migration scripts).
"""

HEAD = "0007"
