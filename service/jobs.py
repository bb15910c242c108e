"""Background jobs: a thread pool in the worker, state in the database.

Progress lives in ``svc_jobs`` so any worker process (``--workers N``) can
answer GET /api/jobs/{id}; a job that fails on one item records it and goes on.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from cchc.archive.db import Archive
from cchc.archive.store import transaction
from cchc.errors import CchcError

from .errors import ApiError
from .models import Job, utcnow

log = logging.getLogger("cchc.service.jobs")


def item_error(exc: Exception) -> dict:
    if isinstance(exc, ApiError):
        return {"code": exc.code, "message": exc.message, "details": exc.details}
    if isinstance(exc, CchcError):
        return {"code": "rejected", "message": exc.message, "details": exc.details}
    log.exception("job item failed")
    return {"code": "internal", "message": f"lỗi không mong đợi: {type(exc).__name__}",
            "details": []}


class JobRunner:
    def __init__(self, archive: Archive, workers: int = 2):
        self.archive = archive
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="cchc-job")

    def submit(self, kind: str, user: str, items: Sequence[Any],
               work: Callable[[Any], dict]) -> str:
        """Run ``work`` on each item in the background; returns the job id."""
        job_id = uuid.uuid4().hex
        transaction(self.archive, lambda s: s.add(Job(
            id=job_id, kind=kind, user_name=user, status="queued", done=0,
            total=len(items), result=[])))
        self.pool.submit(self._run, job_id, list(items), work)
        return job_id

    def _run(self, job_id: str, items: list, work: Callable[[Any], dict]) -> None:
        results: list[dict] = []
        self._update(job_id, status="running")
        for item in items:
            try:
                results.append({"ok": True, **work(item)})
            except Exception as exc:  # a batch never stops at one bad file
                results.append({"ok": False, "error": item_error(exc),
                                "item": getattr(item, "filename", None)})
            self._update(job_id, done=len(results), result=list(results))
        failed = any(not r["ok"] for r in results)
        self._update(job_id, status="done_with_errors" if failed else "done")

    def _update(self, job_id: str, **values) -> None:
        def work(s):
            job = s.get(Job, job_id)
            for key, value in values.items():
                setattr(job, key, value)
            job.updated_at = utcnow()
        transaction(self.archive, work)

    def shutdown(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=False)


def job_info(archive: Archive, job_id: str) -> dict | None:
    with archive.sessions() as s:
        job = s.get(Job, job_id)
        if job is None:
            return None
        return {"id": job.id, "kind": job.kind, "user": job.user_name, "status": job.status,
                "done": job.done, "total": job.total, "results": job.result or [],
                "created_at": job.created_at.isoformat(timespec="seconds"),
                "updated_at": job.updated_at.isoformat(timespec="seconds")}
