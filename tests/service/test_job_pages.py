"""One scan's OCR pages spread over the workers as queue tasks (issue 14, PostgreSQL).

The scan is made here: the synthetic report (text page, statistics table page) as a
150 dpi image-only PDF of 3 pages, read for real by Tesseract.
"""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time

import pytest
from sqlalchemy import create_engine, text
from svc_helpers import wait_stored_job
from svc_procs import CCHC, Proc

from cchc.archive import store
from cchc.archive.db import normalise_url
from cchc.service import adapters
from cchc.service.db import open_service_db
from cchc.service.job_work import Runtime
from cchc.service.uploads import Upload
from tests.once import once, shared_dir
from tests.pg import PG_URL, empty_database

pytestmark = pytest.mark.skipif(not PG_URL, reason="CCHC_TEST_PG_URL is not set "
                                "(bash .ci/start-postgres starts a server)")


def _make_scan(folder):
    from cchc.core.office import convert
    from cchc.extractors.tools.synthetic_scans import (
        Degrade,
        make_report_docx,
        make_rows,
        make_scan,
    )

    docx = make_report_docx(folder / "bao-cao.docx", make_rows(seed=11))
    (pdf,) = convert([docx], "pdf", folder)
    plan = ((0, Degrade(skew=1.0, noise=6, jpeg=60)), (1, Degrade(skew=-0.5, noise=6, jpeg=60)),
            (0, Degrade(noise=6, jpeg=60)))
    text_only = ((0, Degrade(noise=6, jpeg=60)),) * 3  # cheaper: no table to rebuild
    return {"table": make_scan(pdf, folder / "ban-quet-3-trang.pdf", dpi=150, plan=plan,
                               seed=3),
            "text": make_scan(pdf, folder / "ban-quet-chu.pdf", dpi=150, plan=text_only,
                              seed=5)}


@pytest.fixture(scope="module")
def scans(tmp_path_factory):
    pytest.importorskip("pypdfium2")
    folder = shared_dir(tmp_path_factory) / "job-pages"
    return once(folder, "scans", lambda: _make_scan(folder))


def cli_record(path) -> dict:
    """What `cchc extract` makes of the file (local OCR, no queue)."""
    out = subprocess.run([CCHC, "extract", str(path)], capture_output=True, check=True,
                         timeout=300).stdout
    return json.loads(out)


def page_rows(archive) -> list[tuple]:
    with archive.engine.connect() as conn:
        return conn.execute(text("SELECT page, status, worker FROM svc_job_pages")).all()


def rendezvous(monkeypatch, parties: int = 2):
    """The first ``parties`` page renders wait for each other: a worker reads one page
    at a time, so the scan finishes only if that many workers read pages together."""
    from cchc.extractors.ocr import pages as ocr

    barrier, count, lock = threading.Barrier(parties, timeout=90), [0], threading.Lock()
    real = ocr.render_page

    def render(path, index):
        with lock:
            count[0] += 1
            first = count[0] <= parties
        if first:
            barrier.wait()
        return real(path, index)

    monkeypatch.setattr(ocr, "render_page", render)


def test_one_scans_pages_are_read_by_two_workers_and_merged_once(scans, monkeypatch):
    from cchc.service.queue import QueueRunner, QueueWorker

    scan = scans["table"]
    rendezvous(monkeypatch)
    archive = open_service_db(empty_database("pages"))
    web = QueueRunner(Runtime(archive, adapters.extract), workers=0)  # queues only
    workers = [QueueWorker(Runtime(archive, adapters.extract), concurrency=1)
               for _ in range(2)]
    try:
        for w in workers:
            w.start_thread()
        job_id = web.submit("extract", "staff",
                            [Upload(scan.name, scan.read_bytes(), "pdf")])
        info = wait_stored_job(archive, job_id)
        left = page_rows(archive)
    finally:
        for w in workers:
            w.stop()
        archive.close()
    assert info["status"] == "done", info
    (result,) = info["results"]
    read_by = result["ocr_pages"]
    assert [p["page"] for p in read_by] == [1, 2, 3]
    assert len({p["worker"] for p in read_by}) == 2, read_by
    assert {p["worker"] for p in read_by} <= {w.beat.worker for w in workers}
    assert left == []  # the page results went with the finished item
    expected = cli_record(scan)
    assert result["record"] == expected
    assert expected["source"]["ocr"]["pages"] == 3 and len(expected["tthc_stats"]["rows"]) == 7


def test_a_page_that_cannot_be_read_fails_its_item_with_the_page_named(scans, monkeypatch):
    from cchc.core.errors import CchcError
    from cchc.extractors.ocr import pages as ocr
    from cchc.service.queue import QueueRunner, QueueWorker

    def render(path, index):
        raise CchcError(f"trang {index + 1} quá lớn để đọc bằng OCR", file=str(path))

    monkeypatch.setattr(ocr, "render_page", render)
    archive = open_service_db(empty_database("pages_fail"))
    web = QueueRunner(Runtime(archive, adapters.extract), workers=0)
    worker = QueueWorker(Runtime(archive, adapters.extract), concurrency=1)
    try:
        worker.start_thread()
        job_id = web.submit("extract", "staff",
                            [Upload("quet.pdf", scans["text"].read_bytes(), "pdf")])
        info = wait_stored_job(archive, job_id)
        left = page_rows(archive)
    finally:
        worker.stop()
        archive.close()
    assert info["status"] == "failed", info
    (result,) = info["results"]
    assert not result["ok"] and result["item"] == "quet.pdf"
    message = result["error"]["message"]
    assert "không đọc được trang 1 của bản quét: trang 1 quá lớn" in message, message
    assert "upload" not in message and "/tmp" not in message, message
    assert left == []


def test_a_worker_killed_while_reading_pages_imports_the_scan_once(scans, tmp_path):
    from cchc.service.queue import QueueRunner

    scan = scans["text"]
    db_url = empty_database("pages_kill")
    archive = open_service_db(db_url)
    plan = json.loads((__import__("cchc.examples", fromlist=["path"]).path("plan"))
                      .read_text(encoding="utf-8"))
    store.create_round(archive, "2023", plan=plan)
    env = {**os.environ, "CCHC_JOB_LEASE_SECONDS": "3"}
    worker = Proc(["worker", "--db", db_url, "--concurrency", "2"], env, tmp_path / "w1.log")
    web = QueueRunner(Runtime(archive, adapters.extract), workers=0)
    try:
        job_id = web.submit("import", "staff", [Upload(scan.name, scan.read_bytes(), "pdf")],
                            {"round": "2023"})
        worker.start()
        deadline = time.monotonic() + 120
        while not {"done", "running"} <= {status for _p, status, _w in page_rows(archive)}:
            assert time.monotonic() < deadline, worker.log.read_text()[-2000:]
            time.sleep(0.05)
        worker.kill9()  # one page read, another in the middle
        killed = page_rows(archive)
        worker = Proc(["worker", "--db", db_url, "--concurrency", "2"], env,
                      tmp_path / "w2.log").start()
        info = wait_stored_job(archive, job_id)
    finally:
        worker.stop()
    engine = create_engine(normalise_url(db_url))
    with engine.connect() as conn:
        reports = conn.execute(text("SELECT count(*) FROM reports")).scalar()
        attempts = conn.execute(text("SELECT attempts FROM svc_job_items")).scalar()
    engine.dispose()
    left = page_rows(archive)
    archive.close()
    logs = worker.log.read_text()[-2000:]
    assert len(killed) == 3 and any(s == "running" for _p, s, _w in killed), killed
    assert info["status"] == "done", (info, logs)
    (result,) = info["results"]
    assert result["status"] == "stored", result
    # the page read before the kill was kept, not read again
    read_by = {p["page"]: p["worker"] for p in result["ocr_pages"]}
    assert all(read_by[p + 1] == w for p, s, w in killed if s == "done"), (killed, read_by)
    assert attempts >= 2, "the item did not run again after the kill"
    assert reports == 1 and left == []
