"""The durable state of one item's scanned pages: planned, claimed, read, cleared.

A page is claimed and renewed like an item (:mod:`.job_store`): one conditional
UPDATE takes it when it is queued or its reader's lease ran out, and counts an
attempt; a page that used up its attempts (it keeps killing its worker) fails.
Its result is the OcrPage as JSON (a few hundred KB at most); the rows are
deleted when their item finishes (:func:`job_store.finish`, in its transaction).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from sqlalchemy import and_, delete, or_, select, update
from sqlalchemy.orm import Session

from cchc.archive.db import Archive
from cchc.archive.store import transaction

from .job_store import MAX_ATTEMPTS, lease_seconds
from .models import JobItem, JobPage, utcnow


def plan(archive: Archive, item_id: int, reader: str, pages: Sequence[int],
         defer: Callable[[Session, list[int]], None] | None = None) -> list[int]:
    """The page rows of ``item_id`` (made when missing), in the order of ``pages``.

    An item run again after a crash finds the rows (and the results) of its first
    run; rows planned differently (another reader) are made again. ``defer`` queues
    the pages not read yet, in the same transaction as the rows.
    """
    def work(s: Session) -> list[int]:
        # the item's row first: two runs of one item (a lease taken over) plan in turn
        s.execute(select(JobItem.id).where(JobItem.id == item_id).with_for_update())
        rows = {r.page: r for r in s.scalars(select(JobPage).where(
            JobPage.item_id == item_id).with_for_update())}
        if any(r.reader != reader for r in rows.values()) or not set(rows) <= set(pages):
            s.execute(delete(JobPage).where(JobPage.item_id == item_id))
            rows = {}
        for p in pages:
            if p not in rows:
                rows[p] = JobPage(item_id=item_id, page=p, reader=reader, status="queued",
                                  attempts=0, updated_at=utcnow())
                s.add(rows[p])
        s.flush()
        if defer is not None:
            defer(s, [rows[p].id for p in pages if rows[p].status != "done"])
        return [rows[p].id for p in pages]

    return transaction(archive, work)


def claim(archive: Archive, page_id: int, worker: str) -> bool:
    """Take the page for ``worker`` if nobody alive holds it; True when taken."""
    now = utcnow()
    claimable = or_(JobPage.status == "queued",
                    and_(JobPage.status == "running", JobPage.lease_until < now))

    def work(s: Session) -> bool:
        gave_up = s.execute(update(JobPage).where(
            JobPage.id == page_id, claimable, JobPage.attempts >= MAX_ATTEMPTS).values(
            status="failed", lease_until=None, updated_at=now,
            result={"message": f"tiến trình đọc trang dừng giữa chừng {MAX_ATTEMPTS} lần"}))
        if gave_up.rowcount:
            return False
        taken = s.execute(update(JobPage).where(JobPage.id == page_id, claimable).values(
            status="running", worker=worker, attempts=JobPage.attempts + 1, updated_at=now,
            lease_until=now + dt.timedelta(seconds=lease_seconds())))
        return bool(taken.rowcount)

    return transaction(archive, work)


def renew(archive: Archive, page_ids: Sequence[int], worker: str) -> None:
    if not page_ids:
        return
    until = utcnow() + dt.timedelta(seconds=lease_seconds())
    transaction(archive, lambda s: s.execute(update(JobPage).where(
        JobPage.id.in_(list(page_ids)), JobPage.worker == worker,
        JobPage.status == "running").values(lease_until=until)))


def finish(archive: Archive, page_id: int, worker: str, ok: bool, result: dict) -> None:
    """Keep the page's result (or its error) if the claim is still ours."""
    transaction(archive, lambda s: s.execute(update(JobPage).where(
        JobPage.id == page_id, JobPage.worker == worker, JobPage.status == "running").values(
        status="done" if ok else "failed", result=result, lease_until=None,
        updated_at=utcnow())))


def states(archive: Archive, page_ids: Sequence[int]) -> dict[int, tuple[str, bool]]:
    """page id → (status, claimable now), without the results."""
    now = utcnow()
    with archive.sessions() as s:
        rows = s.execute(select(JobPage.id, JobPage.status, JobPage.lease_until).where(
            JobPage.id.in_(list(page_ids)))).all()
    return {i: (st, st == "queued" or (st == "running" and lease is not None and lease < now))
            for i, st, lease in rows}


def results(archive: Archive, page_ids: Sequence[int]) -> list[JobPage]:
    with archive.sessions() as s:
        rows = {r.id: r for r in s.scalars(select(JobPage).where(
            JobPage.id.in_(list(page_ids))))}
        for r in rows.values():
            s.expunge(r)
    return [rows[i] for i in page_ids]


def page(archive: Archive, page_id: int) -> tuple[int, int, str] | None:
    """(item id, page index, reader) of a page row; None once its item finished."""
    with archive.sessions() as s:
        row = s.execute(select(JobPage.item_id, JobPage.page, JobPage.reader).where(
            JobPage.id == page_id)).first()
    return tuple(row) if row is not None else None

