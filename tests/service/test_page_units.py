"""The page rows of a scanned item without a queue: plan, claim, leases, cleanup."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select, update

from cchc.archive.store import transaction
from cchc.core.errors import CchcError
from cchc.service import job_store, page_store
from cchc.service.db import open_service_db
from cchc.service.models import JobPage
from cchc.service.page_work import reader_name, reader_of
from cchc.service.uploads import Upload


@pytest.fixture
def archive(tmp_path):
    a = open_service_db(f"sqlite:///{tmp_path / 'pages.db'}")
    yield a
    a.close()


def an_item(archive) -> int:
    _job, (item,) = transaction(archive, lambda s: job_store.create(
        s, "extract", "staff", [Upload("quet.pdf", b"%PDF-1.4", "pdf")], {}))
    return item


def test_a_page_is_claimed_once_and_taken_again_when_its_reader_died(archive):
    item = an_item(archive)
    ids = page_store.plan(archive, item, "cchc.extractors.ocr.pages:_ocr_pdf_page", [0, 2, 5])
    assert page_store.plan(archive, item, "cchc.extractors.ocr.pages:_ocr_pdf_page",
                           [0, 2, 5]) == ids  # the item run again finds its rows
    assert page_store.claim(archive, ids[1], "a")
    assert not page_store.claim(archive, ids[1], "b")
    transaction(archive, lambda s: s.execute(update(JobPage).where(
        JobPage.id == ids[1]).values(lease_until=job_store.utcnow())))  # a died
    assert page_store.states(archive, ids)[ids[1]] == ("running", True)
    assert page_store.claim(archive, ids[1], "b")
    page_store.finish(archive, ids[1], "a", True, {"from": "a"})  # too late
    page_store.finish(archive, ids[1], "b", True, {"from": "b"})
    assert [r.result for r in page_store.results(archive, ids)] == [None, {"from": "b"}, None]
    assert page_store.page(archive, ids[2]) == (item, 5, "cchc.extractors.ocr.pages:_ocr_pdf_page")


def test_a_page_that_keeps_killing_its_reader_fails(archive):
    (page,) = page_store.plan(archive, an_item(archive), "cchc.extractors.ocr.pages:x", [0])
    for n in range(job_store.MAX_ATTEMPTS):
        assert page_store.claim(archive, page, f"w{n}")
        transaction(archive, lambda s: s.execute(update(JobPage).where(
            JobPage.id == page).values(lease_until=job_store.utcnow())))
    assert not page_store.claim(archive, page, "last")
    assert page_store.states(archive, [page])[page] == ("failed", False)


def test_the_pages_go_when_their_item_finishes(archive):
    item = an_item(archive)
    page_store.plan(archive, item, "cchc.extractors.ocr.pages:_ocr_pdf_page", [0, 1])
    assert job_store.claim(archive, item, "w")
    job_store.finish(archive, item, "w", {"ok": True})
    with archive.sessions() as s:
        assert s.scalars(select(JobPage)).all() == []


def test_only_the_extractors_page_readers_can_be_named():
    from cchc.extractors.ocr import images as ocr_images
    from cchc.extractors.ocr import pages as ocr

    for reader in (ocr._ocr_pdf_page, ocr_images._ocr_frame):
        assert reader_of(reader_name(reader)) is reader
    for name in ("os:system", "cchc.extractors.ocr.pages:os", "cchc.extractors.ocr.pages:Path",
                 "cchc.extractors.ocr.pages:os.system", "cchc.extractorsx:y", "x"):
        with pytest.raises(CchcError):
            reader_of(name)


def test_the_items_worker_reads_what_nobody_has_and_keeps_what_is_read(archive):
    """The waiting runner: a page read earlier (another worker, a first run) is kept,
    a page whose reader died is read again here, the queued one too; each is queued."""
    from cchc.extractors.ocr.json_pages import page_to_json
    from cchc.extractors.ocr.model import OcrPage
    from cchc.service.job_work import Runtime
    from cchc.service.jobs import Heartbeat
    from cchc.service.page_work import QueuePages

    def page(n: int, by: str) -> OcrPage:
        return OcrPage(number=n, lines=[(by, (0, 0, 1, 1), 90.0)], tables=[], words=[],
                       mean_confidence=90.0, dpi=200)

    read, queued = [], []

    def read_page(task) -> OcrPage:
        read.append(task[1])
        return page(task[1] + 1, "me")

    item = an_item(archive)
    ids = page_store.plan(archive, item, reader_name(read_page), [0, 1, 2])
    assert page_store.claim(archive, ids[0], "other")
    page_store.finish(archive, ids[0], "other", True, page_to_json(page(1, "other")))
    assert page_store.claim(archive, ids[1], "dead")
    transaction(archive, lambda s: s.execute(update(JobPage).where(
        JobPage.id == ids[1]).values(lease_until=job_store.utcnow())))

    beat = Heartbeat(Runtime(archive, None), "me")
    runner = QueuePages(Runtime(archive, None), beat, item,
                        lambda s, todo: queued.extend(todo))
    got: list = []
    thread = threading.Thread(target=lambda: got.append(runner(
        read_page, [("f.pdf", i, "tesseract") for i in (0, 1, 2)])), daemon=True)
    thread.start()
    thread.join(30)  # a runner that waits for the dead reader would never return
    beat.stop()
    assert got, "the runner is still waiting"
    (pages,) = got
    assert read == [1, 2] and queued == ids[1:]
    assert [p.lines[0][0] for p in pages] == ["other", "me", "me"]
    assert runner.read_by == [{"page": 1, "worker": "other"}, {"page": 2, "worker": "me"},
                              {"page": 3, "worker": "me"}]
