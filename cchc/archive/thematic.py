"""The round's thematic results reports (plan II.7–8), kept with their original files.

Sở Tư pháp reports on institutional reform and Sở Tài chính on public finance; the
summary quotes the latest version of each. The same bytes twice in a round are a
duplicate (nothing written), like a unit's report.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cchc.core.errors import CchcError
from cchc.core.incoming import Incoming
from cchc.core.vn import nfc

from .db import Archive
from .models import OriginalFile, ThematicReport
from .store import audit, get_round, read_source, transaction
from .units import find_unit

AREAS = ("institutions", "public_finance")


def _row(t: ThematicReport, status: str = "stored") -> dict:
    return {"id": t.id, "area": t.area, "version": t.version, "filename": t.filename,
            "sender": t.sender, "paragraphs": len((t.data or {}).get("paragraphs") or []),
            "warnings": list((t.data or {}).get("warnings") or []), "status": status}


def store_thematic(archive: Archive, code: str, data: dict, incoming: Incoming) -> dict:
    """Keep one read thematic report (cchc.extractors.thematic) and its original, the
    bytes the intake received and hashed once."""
    if data.get("kind") != "thematic_report" or data.get("area") not in AREAS:
        raise CchcError("không phải báo cáo chuyên đề (cải cách thể chế, tài chính công)",
                        file=incoming.name)
    filename, sha = nfc(Path(incoming.name).name), incoming.sha256
    original = incoming.data

    def work(s: Session) -> dict:
        rnd = get_round(s, code)
        dup = s.scalar(select(ThematicReport).where(ThematicReport.round_id == rnd.id,
                                                    ThematicReport.sha256 == sha))
        if dup is not None:
            return _row(dup, "duplicate")
        if s.get(OriginalFile, sha) is None:
            s.add(OriginalFile(sha256=sha, size=len(original), data=original))
        last = s.scalar(select(func.max(ThematicReport.version)).where(
            ThematicReport.round_id == rnd.id, ThematicReport.area == data["area"])) or 0
        sender = data.get("sender")
        known = find_unit(s, sender) if sender else None   # "SỞ TƯ PHÁP" → "Sở Tư pháp"
        row = ThematicReport(round_id=rnd.id, area=data["area"], version=last + 1,
                             sha256=sha, filename=filename,
                             sender=known.name if known else sender, data=data)
        s.add(row)
        s.flush()
        audit(s, "import", "thematic_report", row.id, round=rnd.code, area=row.area,
              version=row.version, sha256=sha, filename=filename)
        return _row(row, "new_version" if last else "stored")

    return transaction(archive, work)


def import_thematic(archive: Archive, code: str, path: str | Path,
                    area: str | None = None) -> dict:
    """Read (through the one intake and the extractors' readers) and keep one thematic
    report file."""
    from cchc import extractors

    path = Path(path)
    incoming = extractors.formats.receive(nfc(path.name), read_source(path), strict_name=True)
    with archive.sessions() as s:
        get_round(s, code)  # an unknown round is said before a long read
    return store_thematic(archive, code, extractors.read_thematic_incoming(incoming, area),
                          incoming)


def latest_thematic(archive: Archive, code: str) -> dict[str, dict]:
    """Each area's latest thematic report of the round: sender, paragraphs, file."""
    with archive.sessions() as s:
        rnd = get_round(s, code)
        rows = s.scalars(select(ThematicReport).where(ThematicReport.round_id == rnd.id)
                         .order_by(ThematicReport.area, ThematicReport.version)).all()
        return {t.area: {**_row(t), "paragraphs": list(t.data.get("paragraphs") or []),
                         "document": t.data.get("document") or {}} for t in rows}
