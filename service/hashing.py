"""A bound on concurrent password hashing.

argon2 takes 64 MiB and about half a second of both cores per hash, so 32 logins at
once would take 2 GiB and starve every other request. At most SLOTS hashes run at
once; a few more wait their turn, and beyond that a login is told to come back
(503 with Retry-After) instead of queueing without end.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

from cchc.errors import CchcError

SLOTS = 1
MAX_WAITING = 8
WAIT_SECONDS = 10.0

_slots = threading.BoundedSemaphore(SLOTS)
_waiting = 0
_lock = threading.Lock()


class Busy(CchcError):
    """Too many password checks already running or waiting."""

    retry_after = 2

    def __init__(self) -> None:
        super().__init__("máy chủ đang kiểm tra quá nhiều mật khẩu cùng lúc; "
                         f"hãy thử lại sau {self.retry_after} giây")


@contextlib.contextmanager
def hashing() -> Iterator[None]:
    """Hold one hashing slot for the duration of the block (raises Busy when full)."""
    global _waiting
    with _lock:
        if _waiting >= MAX_WAITING:
            raise Busy()
        _waiting += 1
    try:
        acquired = _slots.acquire(timeout=WAIT_SECONDS)
    finally:
        with _lock:
            _waiting -= 1
    if not acquired:
        raise Busy()
    try:
        yield
    finally:
        _slots.release()
