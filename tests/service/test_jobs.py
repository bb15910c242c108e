"""The durable job store and the runners (issue 14), without server processes."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text, update
from svc_helpers import wait_stored_job
from svc_reports import fake_extract, report_docx

from cchc.archive.store import transaction
from cchc.service import job_store
from cchc.service.db import open_service_db
from cchc.service.job_work import Runtime
from cchc.service.jobs import EmbeddedRunner
from cchc.service.models import JobItem
from cchc.service.uploads import Upload
from tests.pg import PG_URL, empty_database


def uploads(n: int) -> list[Upload]:
    return [Upload(f"{i}.docx", report_docx(f"Sở Thử {i}"), "docx") for i in range(n)]


@pytest.fixture
def archive(tmp_path):
    a = open_service_db(f"sqlite:///{tmp_path / 'jobs.db'}")
    yield a
    a.close()


def new_job(archive, n: int) -> tuple[str, list[int]]:
    return transaction(archive, lambda s: job_store.create(s, "extract", "staff", uploads(n),
                                                           {}))


def test_claim_is_exclusive_and_a_lost_lease_is_taken_again(archive):
    job_id, (item,) = new_job(archive, 1)
    assert job_store.claim(archive, item, "a")
    assert not job_store.claim(archive, item, "b")  # a holds a live lease
    transaction(archive, lambda s: s.execute(update(JobItem).where(JobItem.id == item).values(
        lease_until=job_store.utcnow())))  # a died: its lease ran out
    assert job_store.pending(archive) == [item]
    assert job_store.claim(archive, item, "b")
    job_store.finish(archive, item, "a", {"ok": True, "from": "a"})  # too late: not a's now
    job_store.finish(archive, item, "b", {"ok": True, "from": "b"})
    info = job_store.info(archive, job_id)
    assert (info["status"], info["done"], info["results"]) == ("done", 1, [{"ok": True,
                                                                          "from": "b",
                                                                          "seq": 0}])
    assert not job_store.claim(archive, item, "c")  # finished items stay finished


def test_an_item_that_keeps_killing_its_worker_fails_and_the_job_still_ends(archive):
    job_id, (bad, good) = new_job(archive, 2)
    for attempt in range(job_store.MAX_ATTEMPTS):
        assert job_store.claim(archive, bad, f"w{attempt}")
        transaction(archive, lambda s: s.execute(update(JobItem).where(
            JobItem.id == bad).values(lease_until=job_store.utcnow())))
    assert not job_store.claim(archive, bad, "last")
    assert job_store.claim(archive, good, "w")
    job_store.finish(archive, good, "w", {"ok": True})
    info = job_store.info(archive, job_id)
    assert info["status"] == "done_with_errors"
    assert info["results"][0]["error"]["code"] == "worker_lost"


def test_a_job_whose_every_item_fails_is_failed(archive):
    job_id, items = new_job(archive, 2)
    for item in items:
        assert job_store.claim(archive, item, "w")
        job_store.finish(archive, item, "w", {"ok": False, "error": {"code": "x"}})
    assert job_store.info(archive, job_id)["status"] == "failed"


def barrier_extractor(parties: int):
    """Each call waits until ``parties`` calls run at once: a job finishes only if its
    items really ran on that many workers together (one worker alone breaks it)."""
    barrier = threading.Barrier(parties, timeout=60)

    def extract(path):
        barrier.wait()
        return fake_extract(path)

    return extract


def test_embedded_runner_spreads_one_jobs_items_over_its_threads(archive):
    runner = EmbeddedRunner(Runtime(archive, barrier_extractor(2)), workers=2)
    try:
        job_id = runner.submit("extract", "staff", uploads(2))
        info = wait_stored_job(archive, job_id)
    finally:
        runner.shutdown()
    assert info["status"] == "done", info


needs_pg = pytest.mark.skipif(not PG_URL, reason="CCHC_TEST_PG_URL is not set "
                              "(bash .ci/start-postgres starts a server)")


def fresh_pg(purpose: str):
    return open_service_db(empty_database(purpose))


@needs_pg
def test_procrastinate_workers_share_one_jobs_items():
    from cchc.service.queue import QueueRunner, QueueWorker

    archive = fresh_pg("jobs")
    extract = barrier_extractor(2)
    web = QueueRunner(Runtime(archive, extract), workers=0)  # queues only
    workers = [QueueWorker(Runtime(archive, extract), concurrency=1) for _ in range(2)]
    try:
        for w in workers:
            w.start_thread()
        job_id = web.submit("extract", "staff", uploads(2))
        info = wait_stored_job(archive, job_id)
    finally:
        for w in workers:
            w.stop()
        archive.close()
    assert info["status"] == "done", info
    assert [r["record"]["unit"]["name"] for r in info["results"]] == ["Sở Thử 0", "Sở Thử 1"]


@needs_pg
def test_an_item_whose_queue_task_was_lost_is_queued_again(monkeypatch):
    from cchc.service.queue import QueueRunner, QueueWorker

    monkeypatch.setenv("CCHC_JOB_LEASE_SECONDS", "2")  # the sweeper looks every 0.5 s
    archive = fresh_pg("orphans")
    web = QueueRunner(Runtime(archive, fake_extract), workers=0)
    job_id = web.submit("extract", "staff", uploads(3))
    with archive.engine.begin() as conn:  # as if the task rows never made it
        assert conn.execute(text("DELETE FROM procrastinate_jobs")).rowcount == 3
    worker = QueueWorker(Runtime(archive, fake_extract), concurrency=1)
    try:
        worker.start_thread()
        info = wait_stored_job(archive, job_id)
    finally:
        worker.stop()
        archive.close()
    assert (info["status"], info["done"]) == ("done", 3), info


def test_a_draft_item_run_again_after_a_crash_makes_no_second_draft(archive):
    from cchc.service.job_work import draft
    from cchc.service.models import Draft

    job_id, (item,) = transaction(archive, lambda s: job_store.create(
        s, "drafts", "staff", uploads(1), {"round": "2023"}))
    kind, params, upload = job_store.load(archive, item)
    rt = Runtime(archive, fake_extract)
    first = draft(rt, params, upload)  # ... then the worker died before finishing the item
    again = draft(rt, params, upload)
    assert first == again and first["status"] == "pending"
    # the same file in a later batch is a new draft
    _, (item2,) = transaction(archive, lambda s: job_store.create(
        s, "drafts", "staff", uploads(1), {"round": "2023"}))
    assert draft(rt, *job_store.load(archive, item2)[1:])["draft_id"] != first["draft_id"]
    with archive.sessions() as s:
        assert s.query(Draft).count() == 2
