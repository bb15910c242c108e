"""A bound on concurrent password hashing, at low CPU priority.

argon2 takes 64 MiB and about half a second of both cores per hash, so 32 logins at
once would take 2 GiB and starve every other request. Hashes run on SLOTS dedicated
threads with a raised nice value (argon2's own lane threads inherit it), so the
event loop answering other requests keeps the CPU; a few more logins wait their
turn, and beyond that a login is told to come back (503 with Retry-After) instead
of queueing without end.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TypeVar

from cchc.core.errors import CchcError

SLOTS = 1
MAX_WAITING = 8
WAIT_SECONDS = 10.0
NICE = 10

T = TypeVar("T")
_lock = threading.Lock()
_waiting = 0


def _lower_priority() -> None:
    """Linux nice values are per thread: only the hashing threads give way."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICE)
    except (AttributeError, OSError):
        pass


_pool = ThreadPoolExecutor(max_workers=SLOTS, thread_name_prefix="cchc-hash",
                           initializer=_lower_priority)


class Busy(CchcError):
    """Too many password checks already running or waiting."""

    retry_after = 2

    def __init__(self) -> None:
        super().__init__("máy chủ đang kiểm tra quá nhiều mật khẩu cùng lúc; "
                         f"hãy thử lại sau {self.retry_after} giây")


def _finished(_future) -> None:
    global _waiting
    with _lock:
        _waiting -= 1


def run(fn: Callable[..., T], *args) -> T:
    """``fn(*args)`` on a hashing thread; raises Busy when too many are queued or
    when the turn does not come within WAIT_SECONDS. A job counts until it has
    finished or was taken off the queue, so a caller who gave up frees no slot early."""
    global _waiting
    with _lock:
        if _waiting >= SLOTS + MAX_WAITING:
            raise Busy()
        _waiting += 1
    future = _pool.submit(fn, *args)
    future.add_done_callback(_finished)
    try:
        return future.result(timeout=WAIT_SECONDS)
    except FutureTimeout as exc:
        future.cancel()
        raise Busy() from exc
