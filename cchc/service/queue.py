"""Jobs on PostgreSQL through procrastinate: one queue task per item.

procrastinate keeps its queue in PostgreSQL itself (no broker to run), fetches
with ``SELECT … FOR UPDATE SKIP LOCKED`` and wakes workers with LISTEN/NOTIFY, so
the items of one job spread over every ``cchc worker`` on any machine that reaches
the database. The item's state stays in our own tables (:mod:`.job_store`); a task
only says "run item N", and running it twice is harmless (the claim is
conditional, imports are idempotent by content hash).

Recovery: a worker killed in the middle leaves a task in ``doing``; procrastinate
notices its worker's heartbeat stopped and the sweeper here puts it back in the
queue, and re-queues any item whose lease ran out with no task left to run it.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import threading
from collections.abc import Sequence

import procrastinate
from procrastinate.exceptions import AlreadyEnqueued
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from cchc.archive.store import transaction

from . import job_store
from .job_work import Runtime
from .jobs import Heartbeat, run_item
from .page_work import QueuePages, run_page
from .uploads import Upload

log = logging.getLogger("cchc.service.queue")
TASK = "cchc.job_item"
PAGE_TASK = "cchc.job_page"
PAGE_PRIORITY = 10  # before new items: a scan already started finishes first
QUEUE = "cchc"


def conninfo(url: str) -> str:
    """libpq's URL from SQLAlchemy's (``postgresql+psycopg://`` → ``postgresql://``)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def build_app(url: str, runtime: Runtime | None = None, beat: Heartbeat | None = None,
              pool_size: int = 2, deferrer: procrastinate.App | None = None
              ) -> procrastinate.App:
    """A procrastinate App with our two tasks (an item, one page of a scanned item);
    a deferring-only App needs no runtime. ``deferrer`` queues a scan's pages from
    inside an item's run (a synchronous App, in the page rows' transaction)."""
    app = procrastinate.App(connector=procrastinate.PsycopgConnector(
        conninfo=conninfo(url), min_size=1, max_size=max(2, pool_size)))

    def pages(item_id: int) -> QueuePages:
        return QueuePages(runtime, beat, item_id, lambda s, ids: defer_pages(deferrer, ids, s))

    @app.task(name=TASK, queue=QUEUE)
    def job_item(item_id: int) -> None:
        if runtime is None:
            raise RuntimeError("this App only defers")
        run_item(runtime, beat, item_id, pages if deferrer is not None else None)

    @app.task(name=PAGE_TASK, queue=QUEUE, priority=PAGE_PRIORITY)
    def job_page(page_id: int) -> None:
        if runtime is None:
            raise RuntimeError("this App only defers")
        run_page(runtime, beat, page_id)

    return app


def defer_pages(app: procrastinate.App, page_ids: Sequence[int], s: Session) -> None:
    """One task per page, in the caller's transaction. No queueing lock: a page queued
    twice (its item run again) costs one look at its row, the claim decides."""
    driver = s.connection().connection.driver_connection
    task = app.tasks[PAGE_TASK].configure(connection=driver)
    for page_id in page_ids:
        task.defer(page_id=page_id)


def item_lock(item_id: int) -> str:
    return f"cchc-item-{item_id}"


def defer_items(app: procrastinate.App, item_ids: Sequence[int], connection=None) -> int:
    """Queue one task per item; an item already waiting in the queue is left alone."""
    task = app.tasks[TASK]
    queued = 0
    for item_id in item_ids:
        try:
            task.configure(queueing_lock=item_lock(item_id), connection=connection
                           ).defer(item_id=item_id)
            queued += 1
        except AlreadyEnqueued:
            pass
    return queued


async def defer_items_async(app: procrastinate.App, item_ids: Sequence[int]) -> int:
    task = app.tasks[TASK]
    queued = 0
    for item_id in item_ids:
        try:
            await task.configure(queueing_lock=item_lock(item_id)).defer_async(item_id=item_id)
            queued += 1
        except AlreadyEnqueued:
            pass
    return queued


ORPHANS = text("""
SELECT i.id FROM svc_job_items i
 WHERE (i.status = 'queued' OR (i.status = 'running' AND i.lease_until < :now))
   AND NOT EXISTS (SELECT 1 FROM procrastinate_jobs j
                    WHERE j.queueing_lock = 'cchc-item-' || i.id
                      AND j.status IN ('todo', 'doing'))
 ORDER BY i.id LIMIT 500""")


def orphans(archive) -> list[int]:
    """Unfinished items with no queue task left to run them (their worker died)."""
    with archive.engine.connect() as conn:
        return list(conn.execute(ORPHANS, {"now": job_store.utcnow()}).scalars())


class QueueRunner:
    """The web side on PostgreSQL: persist the job and queue its items in one transaction.

    ``workers`` > 0 also runs a procrastinate worker inside this process, so a
    server alone still finishes its jobs; ``cchc worker`` adds more anywhere.
    """

    def __init__(self, runtime: Runtime, workers: int = 2):
        self.runtime = runtime
        self.deferrer = build_app(runtime.archive.url)
        self.worker = QueueWorker(runtime, workers) if workers > 0 else None
        if self.worker is not None:
            self.worker.start_thread()

    def submit(self, kind: str, user: str | None, uploads: Sequence[Upload],
               params: dict | None = None, *, audited_as: str | None = None) -> str:
        """Queue the job and its tasks in one transaction, with its audit row
        (``audited_as``), as :meth:`EmbeddedRunner.submit`."""
        def work(s: Session) -> str:
            job_id, ids = job_store.create(s, kind, user, uploads, params or {},
                                           audited_as=audited_as)
            driver = s.connection().connection.driver_connection  # same transaction
            defer_items(self.deferrer, ids, connection=driver)
            return job_id

        return transaction(self.runtime.archive, work)

    def shutdown(self) -> None:
        if self.worker is not None:
            self.worker.stop()


class QueueWorker:
    """A procrastinate worker plus the sweeper that brings back a dead worker's items."""

    def __init__(self, runtime: Runtime, concurrency: int = 2):
        self.runtime, self.concurrency = runtime, concurrency
        self.beat = Heartbeat(runtime, job_store.worker_name())
        self.deferrer = build_app(runtime.archive.url)
        self.loop: asyncio.AbstractEventLoop | None = None
        self.stopping: asyncio.Event | None = None
        self.ready = threading.Event()
        self.thread: threading.Thread | None = None

    def options(self) -> dict:
        lease = job_store.lease_seconds()
        return {"concurrency": self.concurrency, "queues": [QUEUE], "wait": True,
                "install_signal_handlers": False, "delete_jobs": "successful",
                "update_heartbeat_interval": max(0.5, lease / 6),
                "stalled_worker_timeout": lease / 2, "fetch_job_polling_interval": 2.0}

    async def main(self, signals: bool = False) -> None:
        self.loop, self.stopping = asyncio.get_running_loop(), asyncio.Event()
        if signals:
            for sig in (signal.SIGTERM, signal.SIGINT):
                self.loop.add_signal_handler(sig, self.stopping.set)
        app = build_app(self.runtime.archive.url, self.runtime, self.beat,
                        pool_size=self.concurrency + 2, deferrer=self.deferrer)
        async with app.open_async():
            tasks = [asyncio.create_task(app.run_worker_async(**self.options())),
                     asyncio.create_task(self.sweep(app))]
            self.ready.set()
            await self.stopping.wait()
            for t in tasks:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        self.beat.stop()

    async def sweep(self, app: procrastinate.App) -> None:
        """Every quarter lease: requeue tasks of dead workers and items nobody runs."""
        lease = job_store.lease_seconds()
        while True:
            try:
                for job in await app.job_manager.get_stalled_jobs(
                        queue=QUEUE, seconds_since_heartbeat=lease / 2):
                    try:
                        await app.job_manager.retry_job(job)
                    except Exception as exc:  # e.g. its item is queued again already
                        log.info("stalled task %s not retried: %s", job.id, exc)
                lost = await asyncio.to_thread(orphans, self.runtime.archive)
                if lost:
                    n = await defer_items_async(app, lost)
                    log.info("requeued %d of %d items left by dead workers", n, len(lost))
            except Exception:
                log.exception("job sweeper failed")
            await asyncio.sleep(lease / 4)

    def start_thread(self) -> None:
        self.thread = threading.Thread(target=asyncio.run, args=(self.main(),),
                                       name="cchc-queue-worker", daemon=True)
        self.thread.start()
        self.ready.wait(30)

    def stop(self) -> None:
        if self.loop is not None and self.stopping is not None and not self.loop.is_closed():
            self.loop.call_soon_threadsafe(self.stopping.set)
        if self.thread is not None:
            self.thread.join(60)
