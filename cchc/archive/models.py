"""Tables of the archive.

Only portable types (integer ids, JSON, LargeBinary, naive UTC timestamps) so the
same archive moves between SQLite and PostgreSQL without loss. The unique
constraints, not application checks, are what make a duplicate import impossible
when two processes import at once: the loser of a race gets an IntegrityError and
retries against the winner's rows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from cchc.core.db import NAMING, Base, utcnow  # noqa: F401 - the kernel's, for every table


class Round(Base):
    """One đợt kiểm tra; ``code`` is what the user types (``--round 2023``)."""

    __tablename__ = "rounds"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(100), unique=True)
    year: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str | None] = mapped_column(Text)
    plan: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Unit(Base):
    """An inspected body. Units are data: a merger ends the old units (valid_to) and
    points them at the new one (merged_into_id), which inherits their follow-up."""

    __tablename__ = "units"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    key: Mapped[str] = mapped_column(String(300), unique=True)  # archive.units.unit_key
    short: Mapped[str | None] = mapped_column(String(300))
    short_key: Mapped[str | None] = mapped_column(String(300), index=True)
    level: Mapped[str | None] = mapped_column(String(100))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    valid_from: Mapped[dt.date | None] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class UnitAlias(Base):
    """Another name a unit goes by ("Sở NN&PTNT", a letterhead's wording a person
    matched once), so the register finds it again without asking (archive.register)."""

    __tablename__ = "unit_aliases"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    key: Mapped[str] = mapped_column(String(300), unique=True)  # register.match_key
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class RoundUnit(Base):
    """The plan's schedule: which unit is inspected in which quarter of a round."""

    __tablename__ = "round_units"
    __table_args__ = (UniqueConstraint("round_id", "unit_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    quarter: Mapped[str | None] = mapped_column(String(4))
    group_label: Mapped[str | None] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)
    # The visit's date and the report's deadline (archive.schedule); a surprise
    # inspection (kiểm tra đột xuất, plan V.3) is a unit added to the round later.
    visit_date: Mapped[dt.date | None] = mapped_column(Date)
    report_deadline: Mapped[dt.date | None] = mapped_column(Date)
    surprise: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class OriginalFile(Base):
    """A returned file's bytes, stored once however many rounds refer to them."""

    __tablename__ = "original_files"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Report(Base):
    """One version of a unit's report in a round; the highest version is current."""

    __tablename__ = "reports"
    __table_args__ = (
        UniqueConstraint("round_id", "unit_id", "version"),
        UniqueConstraint("round_id", "unit_id", "sha256"),
        Index("ix_reports_round_sha256", "round_id", "sha256"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    version: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(ForeignKey("original_files.sha256"))
    filename: Mapped[str] = mapped_column(Text)
    format: Mapped[str | None] = mapped_column(String(20))
    record: Mapped[dict[str, Any]] = mapped_column(JSON)
    warnings: Mapped[list[Any]] = mapped_column(JSON)
    # How the report was put on its unit: {method, confidence, printed} (register.Match)
    unit_match: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Inspection(Base):
    """The team's visit to a unit: date, members, findings."""

    __tablename__ = "inspections"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    date: Mapped[dt.date | None] = mapped_column(Date)
    team: Mapped[list[Any] | None] = mapped_column(JSON)
    findings: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Conclusion(Base):
    """A Thông báo kết luận kiểm tra: its data, and the DOCX as issued."""

    __tablename__ = "conclusions"
    __table_args__ = (UniqueConstraint("round_id", "unit_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    number: Mapped[str | None] = mapped_column(String(100))
    date: Mapped[dt.date | None] = mapped_column(Date)
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    docx: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Recommendation(Base):
    """A kiến nghị the next round checks; ``overdue`` is also derived from the deadline."""

    __tablename__ = "recommendations"
    __table_args__ = (
        UniqueConstraint("round_id", "unit_id", "seq"),
        CheckConstraint("status IN ('open', 'remedied', 'overdue')", name="status"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    conclusion_id: Mapped[int | None] = mapped_column(ForeignKey("conclusions.id"))
    seq: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    deadline: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="open")
    evidence: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class RoundCriteria(Base):
    """The criteria set a round is scored on, as the data it was read from, so a
    score keeps meaning what it meant when the set is revised next year."""

    __tablename__ = "round_criteria"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"), unique=True)
    name: Mapped[str] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ScoreLine(Base):
    """One point of a unit's score in a round: the unit's self-score and evidence,
    the point computed from its report with the figure and field it used, and the
    team's verified score with its reason (archive.scores)."""

    __tablename__ = "unit_scores"
    __table_args__ = (UniqueConstraint("round_id", "unit_id", "leaf_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    leaf_id: Mapped[str] = mapped_column(String(50))
    max_points: Mapped[float] = mapped_column(Float)
    self_points: Mapped[float | None] = mapped_column(Float)
    evidence: Mapped[str | None] = mapped_column(Text)
    computed_points: Mapped[float | None] = mapped_column(Float)
    computed_note: Mapped[str | None] = mapped_column(Text)
    figure_field: Mapped[str | None] = mapped_column(String(200))
    figure_value: Mapped[float | None] = mapped_column(Float)
    verified_points: Mapped[float | None] = mapped_column(Float)
    reason: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
class ThematicReport(Base):
    """A thematic results report of the round (plan II.7–8): Sở Tư pháp's on
    institutional reform, Sở Tài chính's on public finance. Its body text feeds that
    area's section of the round's summary; a second file for the same area is the
    next version, the earlier kept."""

    __tablename__ = "thematic_reports"
    __table_args__ = (UniqueConstraint("round_id", "area", "version"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"))
    area: Mapped[str] = mapped_column(String(30))
    version: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(ForeignKey("original_files.sha256"))
    filename: Mapped[str] = mapped_column(Text)
    sender: Mapped[str | None] = mapped_column(String(300))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class AuditLog(Base):
    """Who changed what, one row per change, written in the change's transaction
    (archive.audit)."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    # Who: a user's name, "cli:<login>" from the command line, None for the system
    actor: Mapped[str | None] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(50))
    entity: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    # The object's name when it has no integer id (a user, a file, a document kind)
    ref: Mapped[str | None] = mapped_column(String(300))
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)
