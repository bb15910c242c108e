"""When each unit's report first reached the archive in a round: the date a report
deadline is judged against (a later version does not make a report late or on time
again)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from .db import Archive
from .models import Report, Unit
from .store import get_round


def first_received(archive: Archive, code: str) -> dict[str, dt.date]:
    """Unit name (casefolded) → the date its first report of round ``code`` was stored."""
    with archive.sessions() as s:
        rnd = get_round(s, code)
        rows = s.execute(select(Unit.name, func.min(Report.created_at))
                         .join(Unit, Unit.id == Report.unit_id)
                         .where(Report.round_id == rnd.id).group_by(Unit.name)).all()
    return {name.casefold(): when.date() for name, when in rows}
