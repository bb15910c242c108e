"""One scan's pages read by any worker: the map step of a scanned item (PostgreSQL).

The item's worker runs the extractor as always, with :class:`QueuePages` installed
as the OCR page runner (``cchc.extractors.page_runner``). When the scan has more
than one page to read, the runner writes one row per page (:mod:`.page_store`) and
queues one task per page in the same transaction; any ``cchc worker`` takes them
(:func:`run_page`), and the item's worker reads whatever nobody has taken yet
instead of idling, so a worker alone never waits for itself. Once every page is
in, the runner hands the pages back and the extractor goes on (tables, record,
import) exactly once, in the item's run. Each page is stored as its OCR result
(words, boxes, confidences, tables), never as an image, and the rows go when the
item finishes.

Crash safety: a page whose reader died is claimed again when its lease runs out
(by a retried task or by the waiting item worker); an item whose worker died is
run again, finds its pages' rows and reads only those not done yet.
"""

from __future__ import annotations

import importlib
import inspect
import logging
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from cchc.core.errors import CchcError, plain_message

from . import job_store, page_store
from .adapters import disk_suffix

log = logging.getLogger("cchc.service.pages")
READERS = "cchc.extractors."   # page readers are the extractors' own functions


@contextmanager
def installed(runner: Callable | None) -> Iterator[None]:
    """``runner`` reads the OCR pages of whatever the extractor opens in this block."""
    if runner is None:
        yield
        return
    try:
        from cchc.extractors import page_runner
    except ImportError:  # no extractors here: nothing will read pages either
        yield
        return
    with page_runner(runner):
        yield


def reader_name(read_page: Callable) -> str:
    return f"{read_page.__module__}:{read_page.__qualname__}"


def reader_of(name: str) -> Callable:
    """The page reader a page row names; only a top-level function of the extractors
    (the name comes from the database: it picks code, so it is checked)."""
    module, _, attr = name.partition(":")
    if not module.startswith(READERS) or not attr.isidentifier():
        raise CchcError(f"bộ đọc trang không hợp lệ: {name}")
    found = getattr(importlib.import_module(module), attr, None)
    if not inspect.isfunction(found) or found.__module__ != module:
        raise CchcError(f"bộ đọc trang không hợp lệ: {name}")
    return found


def read_claimed(runtime: Any, beat: Any, page_id: int, read_page: Callable,
                 task: tuple) -> None:
    """Read a page this worker has claimed, and store its result or its error."""
    from cchc.extractors import page_to_json

    beat.hold_page(page_id)
    try:
        try:
            ok, result = True, page_to_json(read_page(task))
        except CchcError as exc:
            ok, result = False, {"message": exc.message}
        except Exception as exc:  # a crafted page must not kill the worker
            log.exception("page %s failed", page_id)
            ok, result = False, {"message": plain_message(exc)}
        page_store.finish(runtime.archive, page_id, beat.worker, ok, result)
    finally:
        beat.release_page(page_id)


def run_page(runtime: Any, beat: Any, page_id: int) -> None:
    """The page task: read one page of an item's file, if nobody alive has it."""
    found = page_store.page(runtime.archive, page_id)
    if found is None or not page_store.claim(runtime.archive, page_id, beat.worker):
        return  # its item finished, or another worker has it
    item_id, index, reader = found
    from cchc.extractors import check_tesseract

    try:
        read_page, exe = reader_of(reader), check_tesseract()
    except CchcError as exc:
        page_store.finish(runtime.archive, page_id, beat.worker, False,
                          {"message": exc.message})
        return
    _kind, _params, upload = job_store.load(runtime.archive, item_id)
    with tempfile.TemporaryDirectory(prefix="cchc-page-") as tmp:
        path = Path(tmp) / f"upload{disk_suffix(upload.filename)}"
        path.write_bytes(upload.data)
        del upload
        read_claimed(runtime, beat, page_id, read_page, (str(path), index, exe))


class QueuePages:
    """The page runner of one item: plan and queue the pages, help read them, collect."""

    POLL_SECONDS = 0.5

    def __init__(self, runtime: Any, beat: Any, item_id: int,
                 defer: Callable[[Session, list[int]], None]):
        self.runtime, self.beat, self.item_id, self.defer = runtime, beat, item_id, defer
        self.read_by: list[dict] = []   # which worker read which page (in the result)

    def __call__(self, read_page: Callable, tasks: list) -> list:
        if len(tasks) < 2:  # nothing to spread
            return [read_page(t) for t in tasks]
        archive = self.runtime.archive
        ids = page_store.plan(archive, self.item_id, reader_name(read_page),
                              [t[1] for t in tasks], self.defer)
        todo = dict(zip(ids, tasks))
        while todo:
            states = page_store.states(archive, ids)
            self._check(states, ids, tasks)
            todo = {i: t for i, t in todo.items() if states[i][0] != "done"}
            mine = next((i for i in todo if states[i][1]
                         and page_store.claim(archive, i, self.beat.worker)), None)
            if mine is not None:  # one page, then look again: a failed page ends it
                read_claimed(self.runtime, self.beat, mine, read_page, todo[mine])
            elif todo:
                time.sleep(self.POLL_SECONDS)
        from cchc.extractors import page_from_json

        rows = page_store.results(archive, ids)
        self.read_by = [{"page": r.page + 1, "worker": r.worker} for r in rows]
        return [page_from_json(r.result) for r in rows]

    def _check(self, states: dict, ids: list[int], tasks: list) -> None:
        for i, task in zip(ids, tasks):
            if i not in states:
                raise CchcError("các trang của bản quét đã bị xoá giữa chừng (tệp đã được "
                                "một tiến trình khác xử lý xong)")
            if states[i][0] == "failed":
                (row,) = page_store.results(self.runtime.archive, [i])
                raise CchcError(f"không đọc được trang {task[1] + 1} của bản quét: "
                                f"{(row.result or {}).get('message', 'lỗi không rõ')}")
