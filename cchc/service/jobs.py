"""Background jobs: durable in the database, run by whichever worker is free.

A job is a row and one item per file (with the file's bytes), written before the
API answers 202. Two ways to run the items, chosen by the database:

- SQLite (one office, ``cchc serve`` alone): :class:`EmbeddedRunner`, threads in the
  web process that take queued items, and after a crash take back the items whose
  lease ran out;
- PostgreSQL (several processes or machines): procrastinate (:mod:`.queue`), one queue
  task per item, run by ``cchc worker`` anywhere and by ``cchc serve`` itself.

Both run an item the same way (:func:`run_item`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from typing import Any

from cchc.archive.store import transaction
from cchc.core.errors import CchcError, is_disk_full, plain_message

from . import job_store, page_store, page_work
from .errors import ApiError
from .uploads import Upload

log = logging.getLogger("cchc.service.jobs")


def item_error(exc: Exception) -> dict:
    if isinstance(exc, ApiError):
        return {"code": exc.code, "message": exc.message, "details": exc.details}
    if isinstance(exc, CchcError):
        return {"code": "rejected", "message": exc.message, "details": exc.details}
    log.exception("job item failed")
    code = "disk_full" if is_disk_full(exc) else "internal"
    return {"code": code, "message": plain_message(exc), "details": []}


class Heartbeat:
    """One thread per worker process renewing the leases of the items it runs."""

    def __init__(self, runtime: Any, worker: str):
        self.runtime, self.worker = runtime, worker
        self.held: set[int] = set()
        self.pages: set[int] = set()   # scanned pages (page_store) read here
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._loop, name="cchc-job-heartbeat",
                                       daemon=True)
        self.thread.start()

    def _loop(self) -> None:
        while not self.stopped.wait(job_store.lease_seconds() / 3):
            with self.lock:
                held, pages = list(self.held), list(self.pages)
            try:
                job_store.renew(self.runtime.archive, held, self.worker)
                page_store.renew(self.runtime.archive, pages, self.worker)
            except Exception:  # the next beat tries again; the lease has slack
                log.exception("job heartbeat failed")

    def hold(self, item_id: int) -> None:
        with self.lock:
            self.held.add(item_id)

    def release(self, item_id: int) -> None:
        with self.lock:
            self.held.discard(item_id)

    def hold_page(self, page_id: int) -> None:
        with self.lock:
            self.pages.add(page_id)

    def release_page(self, page_id: int) -> None:
        with self.lock:
            self.pages.discard(page_id)

    def stop(self) -> None:
        self.stopped.set()


def run_item(runtime: Any, beat: Heartbeat, item_id: int,
             pages: Callable[[int], Any] | None = None) -> bool:
    """Claim, run and finish one item; False when someone else has it or it is over.

    ``pages`` makes the item's OCR page runner (:class:`.page_work.QueuePages`), so
    a scan's pages are read by any worker; without it they are read here.
    """
    if not job_store.claim(runtime.archive, item_id, beat.worker):
        return False
    beat.hold(item_id)
    try:
        kind, params, upload = job_store.load(runtime.archive, item_id)
        runner = pages(item_id) if pages is not None else None
        try:
            with page_work.installed(runner):
                result = {"ok": True, **runtime.work[kind](runtime, params, upload)}
            if getattr(runner, "read_by", None):
                result["ocr_pages"] = runner.read_by
        except Exception as exc:  # a batch never stops at one bad file
            result = {"ok": False, "error": item_error(exc), "item": upload.filename}
        job_store.finish(runtime.archive, item_id, beat.worker, result)
    finally:
        beat.release(item_id)
    return True


class EmbeddedRunner:
    """Threads in the web process taking items from the database (SQLite's way).

    They wake when this process submits and poll every second for the rest (another
    web process's submissions, leases of a dead process running out).
    """

    POLL_SECONDS = 1.0

    def __init__(self, runtime: Any, workers: int = 2):
        self.runtime = runtime
        self.beat = Heartbeat(runtime, job_store.worker_name())
        self.wake = threading.Condition()
        self.stopping = False
        self.threads = [threading.Thread(target=self._loop, name=f"cchc-job-{i}", daemon=True)
                        for i in range(max(0, workers))]
        for t in self.threads:
            t.start()

    def submit(self, kind: str, user: str | None, uploads: Sequence[Upload],
               params: dict | None = None, *, audited_as: str | None = None) -> str:
        """Queue the job; ``audited_as``: the action of its audit row, written in the
        job insert's own transaction (``job_store.create``)."""
        job_id, _ids = transaction(self.runtime.archive, lambda s: job_store.create(
            s, kind, user, uploads, params or {}, audited_as=audited_as))
        with self.wake:
            self.wake.notify_all()
        return job_id

    def _loop(self) -> None:
        while not self.stopping:
            ran = False
            try:
                for item_id in job_store.pending(self.runtime.archive, limit=20):
                    if self.stopping:
                        return
                    ran = run_item(self.runtime, self.beat, item_id) or ran
            except Exception:  # the database went away for a moment: try again later
                log.exception("job runner failed")
            if not ran:
                with self.wake:
                    if not self.stopping:
                        self.wake.wait(self.POLL_SECONDS)

    def shutdown(self) -> None:
        self.stopping = True
        with self.wake:
            self.wake.notify_all()
        for t in self.threads:
            t.join()
        self.beat.stop()


def job_info(archive, job_id: str) -> dict | None:
    return job_store.info(archive, job_id)
