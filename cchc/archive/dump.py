"""Move a whole archive between databases (SQLite ⇄ PostgreSQL) without loss.

The dump is JSON Lines: a header, one line per row of every table in key order
(bytes as base64, dates ISO), and a footer with the row count so a truncated dump
is refused instead of half-loaded. Loading is one transaction into an empty
archive, keeping every id, so references and report numbers stay the same.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from pathlib import Path

from sqlalchemy import Date, DateTime, LargeBinary, func, select, text, update
from sqlalchemy.orm import Session

from cchc.core.db import owned_by
from cchc.core.errors import CchcError
from cchc.core.outfile import atomic_path

from .db import Archive
from .models import Base, Unit

FORMAT = "cchc-archive-dump"
VERSION = 1
BATCH = 500
UNIT_LINKS = ("parent_id", "merged_into_id")


def _tables():
    """The archive's tables only: the service's (accounts, sessions, jobs) share the
    kernel's metadata but are not the archive's to dump."""
    include = owned_by("archive")
    return [t for t in Base.metadata.sorted_tables if include(t, t.name, "table", False, None)]


def _encode(column, value):
    if value is None:
        return None
    if isinstance(column.type, LargeBinary):
        return base64.b64encode(value).decode("ascii")
    if isinstance(column.type, DateTime | Date):
        return value.isoformat()
    return value


def _decode(column, value):
    if value is None:
        return None
    if isinstance(column.type, LargeBinary):
        return base64.b64decode(value)
    if isinstance(column.type, DateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(column.type, Date):
        return dt.date.fromisoformat(value)
    return value


def _schema_revision(session: Session) -> str | None:
    return session.execute(text("SELECT version_num FROM alembic_version")).scalar()


def export_dump(archive: Archive, target: str | Path) -> dict:
    """Write every table to ``target``; returns row counts per table."""
    counts: dict[str, int] = {}
    with archive.sessions() as s, s.begin(), atomic_path(target) as tmp, \
            open(tmp, "w", encoding="utf-8") as out:
        if archive.dialect == "postgresql":  # one consistent snapshot of all tables
            s.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
        header = {"format": FORMAT, "version": VERSION, "schema": _schema_revision(s),
                  "tables": [t.name for t in _tables()]}
        out.write(json.dumps(header, ensure_ascii=False) + "\n")
        for table in _tables():
            counts[table.name] = 0
            query = select(table).order_by(*table.primary_key.columns)
            for row in s.execute(query).yield_per(BATCH):
                values = {c.name: _encode(c, row._mapping[c]) for c in table.columns}
                out.write(json.dumps({"t": table.name, "r": values}, ensure_ascii=False) + "\n")
                counts[table.name] += 1
        out.write(json.dumps({"end": True, "rows": sum(counts.values())}) + "\n")
    return counts


def _read_dump(source: Path, revision: str | None):
    """Yield (table, row); check the header, the schema revision and the footer's count."""
    try:
        lines = open(source, encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise CchcError(f"không đọc được tệp kết xuất: {exc.strerror}", file=str(source)) from exc
    with lines:
        try:
            header = json.loads(next(lines))
        except (StopIteration, json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise CchcError("không phải tệp kết xuất kho lưu trữ của cchc",
                            file=str(source)) from exc
        if header.get("format") != FORMAT or header.get("version") != VERSION:
            raise CchcError("không phải tệp kết xuất kho lưu trữ của cchc (phiên bản "
                            f"{header.get('version')!r})", file=str(source))
        if header.get("schema") != revision:
            raise CchcError(f"tệp kết xuất theo lược đồ {header.get('schema')!r}, kho đích theo "
                            f"lược đồ {revision!r}; hãy cập nhật cchc", file=str(source))
        seen, ended = 0, False
        for number, line in enumerate(lines, start=2):
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CchcError(f"dòng {number} hỏng: {exc.msg}", file=str(source)) from exc
            except ValueError as exc:  # a number past Python's 4,300 digits
                raise CchcError(f"dòng {number} hỏng: có số quá dài", file=str(source)) from exc
            if item.get("end"):
                if item.get("rows") != seen:
                    raise CchcError(f"tệp kết xuất có {seen} dòng dữ liệu, phần cuối ghi "
                                    f"{item.get('rows')}", file=str(source))
                ended = True
                break
            seen += 1
            yield item["t"], item["r"]
        if not ended:
            raise CchcError("tệp kết xuất bị cắt cụt (thiếu dòng kết thúc); không nạp gì",
                            file=str(source))


def _reset_sequences(s: Session) -> None:
    """PostgreSQL's id sequences do not see explicit ids; move them past the maximum."""
    for table in _tables():
        if "id" in table.columns and table.name != "alembic_version":
            s.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                           f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"))


def import_dump(archive: Archive, source: str | Path) -> dict:
    """Load a dump into an empty archive, all or nothing; returns row counts."""
    source = Path(source)
    tables = {t.name: t for t in _tables()}
    counts = dict.fromkeys(tables, 0)
    unit_links: list[tuple[int, dict]] = []
    with archive.sessions() as s, s.begin():
        for table in tables.values():
            if s.scalar(select(func.count()).select_from(table)):
                raise CchcError(f"kho lưu trữ đích đã có dữ liệu (bảng {table.name}); chỉ nạp "
                                "vào kho trống", file=str(source))
        pending: dict[str, list[dict]] = {}

        def flush(name: str) -> None:
            if pending.get(name):
                s.execute(tables[name].insert(), pending.pop(name))

        for name, raw in _read_dump(source, _schema_revision(s)):
            table = tables.get(name)
            if table is None:
                raise CchcError(f"tệp kết xuất có bảng lạ '{name}'", file=str(source))
            row = {c.name: _decode(c, raw.get(c.name)) for c in table.columns}
            if name == "units":  # a unit may point at one that comes later
                links = {k: row[k] for k in UNIT_LINKS if row[k] is not None}
                if links:
                    unit_links.append((row["id"], links))
                    row.update(dict.fromkeys(links))
            for other in list(pending):
                if other != name:
                    flush(other)
            pending.setdefault(name, []).append(row)
            counts[name] += 1
            if len(pending[name]) >= BATCH:
                flush(name)
        for name in list(pending):
            flush(name)
        for unit_id, links in unit_links:
            s.execute(update(Unit).where(Unit.id == unit_id).values(**links))
        if archive.dialect == "postgresql":
            _reset_sequences(s)
    return counts
