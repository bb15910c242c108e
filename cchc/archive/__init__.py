"""The archive of rounds, units, reports, conclusions and recommendations."""

# Kept here, import-free, so the command line can show it without loading SQLAlchemy.
DEFAULT_URL = "sqlite:///cchc.db"
