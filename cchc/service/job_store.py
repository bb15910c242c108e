"""The durable state of background jobs: jobs, their items (with the bytes), leases.

Every backend (the embedded threads, procrastinate workers) goes through these
functions, so an item is claimed, renewed and finished the same way everywhere:

- a claim is one conditional UPDATE: queued, or running under a lease that ran out
  (its worker died); the claim counts an attempt, and an item that used up its
  attempts (it keeps killing its worker) is failed instead of run again;
- the job's end (``done``, ``done_with_errors``, ``failed``) is decided under a lock
  on the job's row by whichever worker finishes its last item.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import uuid
from collections.abc import Sequence

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.orm import Session

from cchc.archive.audit import audit
from cchc.archive.db import Archive
from cchc.archive.store import transaction

from .models import Job, JobItem, JobPage, utcnow
from .uploads import Upload

MAX_ATTEMPTS = 3
TERMINAL = ("done", "failed")


def lease_seconds() -> float:
    """How long a claim holds without a heartbeat; $CCHC_JOB_LEASE_SECONDS (default 60)."""
    return float(os.environ.get("CCHC_JOB_LEASE_SECONDS") or 60)


def worker_name() -> str:
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def create(s: Session, kind: str, user: str | None, uploads: Sequence[Upload],
           params: dict, *, audited_as: str | None = None) -> tuple[str, list[int]]:
    """Add the job and one item per file (with its bytes) in the caller's transaction;
    ``audited_as``: the action of its audit row there (``user``'s, with the files' names
    and ``params``), whichever runner queues it."""
    job_id = uuid.uuid4().hex
    now = utcnow()
    s.add(Job(id=job_id, kind=kind, user_name=user, status="queued", done=0,
              total=len(uploads), result=[], created_at=now, updated_at=now,
              params={**params, "user": user,
                      "submitted_at": now.isoformat(timespec="microseconds")}))
    s.flush()
    items = [JobItem(job_id=job_id, seq=i, filename=u.filename, kind=u.kind, data=u.data,
                     status="queued", attempts=0) for i, u in enumerate(uploads)]
    s.add_all(items)
    s.flush()
    if audited_as is not None:
        audit(s, user, audited_as, "job", job_id,
              {"files": [u.filename for u in uploads], **params})
    return job_id, [it.id for it in items]


def claim(archive: Archive, item_id: int, worker: str) -> bool:
    """Take the item for ``worker`` if nobody alive holds it; True when taken."""
    now = utcnow()
    claimable = or_(JobItem.status == "queued",
                    and_(JobItem.status == "running", JobItem.lease_until < now))

    def work(s: Session) -> bool:
        done = s.execute(update(JobItem).where(
            JobItem.id == item_id, claimable, JobItem.attempts >= MAX_ATTEMPTS).values(
            status="failed", lease_until=None, updated_at=now, result={
                "ok": False, "error": {"code": "worker_lost", "details": [],
                                       "message": f"tiến trình xử lý dừng giữa chừng "
                                       f"{MAX_ATTEMPTS} lần với tệp này; đã bỏ qua"}}))
        if done.rowcount:
            _clear_pages(s, item_id)
            _finish_job(s, s.get(JobItem, item_id).job_id)
            return False
        taken = s.execute(update(JobItem).where(JobItem.id == item_id, claimable).values(
            status="running", worker=worker, attempts=JobItem.attempts + 1, updated_at=now,
            lease_until=now + dt.timedelta(seconds=lease_seconds())))
        if taken.rowcount:
            job_id = s.get(JobItem, item_id).job_id
            s.execute(update(Job).where(Job.id == job_id, Job.status == "queued")
                      .values(status="running", updated_at=now))
        return bool(taken.rowcount)

    return transaction(archive, work)


def renew(archive: Archive, item_ids: Sequence[int], worker: str) -> None:
    """The heartbeat: push the leases of the items this worker is running."""
    if not item_ids:
        return
    until = utcnow() + dt.timedelta(seconds=lease_seconds())
    transaction(archive, lambda s: s.execute(update(JobItem).where(
        JobItem.id.in_(list(item_ids)), JobItem.worker == worker,
        JobItem.status == "running").values(lease_until=until)))


def load(archive: Archive, item_id: int) -> tuple[str, dict, Upload]:
    with archive.sessions() as s:
        it = s.get(JobItem, item_id)
        job = s.get(Job, it.job_id)
        return job.kind, dict(job.params or {}), Upload(it.filename, it.data, it.kind)


def finish(archive: Archive, item_id: int, worker: str, result: dict) -> None:
    """Record the item's outcome (if the lease is still ours) and maybe end the job."""
    def work(s: Session) -> None:
        row = s.execute(update(JobItem).where(
            JobItem.id == item_id, JobItem.worker == worker, JobItem.status == "running")
            .values(status="done" if result.get("ok") else "failed", result=result,
                    lease_until=None, updated_at=utcnow(),
                    # a done item's bytes are not needed again (an import keeps its own
                    # copy); a failed one keeps them for whoever looks into why
                    **({"data": b""} if result.get("ok") else {})))
        if row.rowcount:
            _clear_pages(s, item_id)
            _finish_job(s, s.get(JobItem, item_id).job_id)

    transaction(archive, work)


def _clear_pages(s: Session, item_id: int) -> None:
    """The item is over: its scanned pages' results are in its record, or not needed."""
    s.execute(delete(JobPage).where(JobPage.item_id == item_id))


def _finish_job(s: Session, job_id: str) -> None:
    """Count the finished items under the job row's lock; end the job after the last one."""
    job = s.execute(select(Job).where(Job.id == job_id).with_for_update()).scalar_one()
    counts = dict(s.execute(select(JobItem.status, func.count()).where(
        JobItem.job_id == job_id).group_by(JobItem.status)).all())
    finished = sum(counts.get(k, 0) for k in TERMINAL)
    job.done, job.updated_at = finished, utcnow()
    if finished == job.total and job.status not in ("done", "done_with_errors", "failed"):
        failed = counts.get("failed", 0)
        job.status = ("done" if not failed else
                      "failed" if failed == job.total else "done_with_errors")


def pending(archive: Archive, limit: int = 100) -> list[int]:
    """Items a worker could take now: queued, or running under a lease that ran out."""
    now = utcnow()
    queued = JobItem.status == "queued"
    lost = and_(JobItem.status == "running", JobItem.lease_until < now)
    with archive.sessions() as s:
        return list(s.scalars(select(JobItem.id).where(or_(queued, lost))
                              .order_by(JobItem.id).limit(limit)))


def info(archive: Archive, job_id: str) -> dict | None:
    with archive.sessions() as s:
        job = s.get(Job, job_id)
        if job is None:
            return None
        # the result and position only, never the items' bytes; each result names its
        # file's position (seq), as items finish in any order
        results = [{**(result or {}), "seq": seq} for seq, result in s.execute(
            select(JobItem.seq, JobItem.result).where(
                JobItem.job_id == job_id, JobItem.status.in_(TERMINAL)).order_by(JobItem.seq))]
        return {"id": job.id, "kind": job.kind, "user": job.user_name, "status": job.status,
                "done": len(results), "total": job.total, "results": results,
                "created_at": job.created_at.isoformat(timespec="seconds"),
                "updated_at": job.updated_at.isoformat(timespec="seconds")}
