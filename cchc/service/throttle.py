"""Login backoff: per account from one address, per account, and per address, apart.

Each attempt is counted when it starts (so 32 parallel guesses cannot all slip in
before the first one fails) under three keys, each with its own allowance:

- ``pair:`` one account from one address: FREE attempts (someone guessing one password);
- ``user:`` one account from anywhere: USER_FREE (guesses spread over many addresses);
- ``addr:`` one address for any account: ADDRESS_FREE (one machine trying many names).

Past its allowance a key's next attempt must wait twice as long as the last (1 s, 2 s,
4 s … up to MAX_DELAY) and is answered 429 with Retry-After without checking the
password. The allowances differ so that twelve wrong passwords for one account from an
office's address do not lock out a colleague behind the same address (issue 22). A
successful login clears its account's counts.

The counts are kept in the service's database (``DatabaseCounts``, table
``svc_login_attempts``), so ``cchc serve --workers N`` gives an attacker the same number
of tries as one process, not N times as many; one read-and-update of an attempt's keys
is one transaction (SQLite's BEGIN IMMEDIATE, an advisory lock on PostgreSQL).
``MemoryCounts`` is the same policy in this process only (tests, a library user). Both
are bounded: entries idle for FORGET_AFTER are forgotten, and at most MAX_KEYS are kept.
"""

from __future__ import annotations

import hashlib
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

FREE = 5
USER_FREE = 20
ADDRESS_FREE = 30
ALLOWANCE = {"pair": FREE, "user": USER_FREE, "addr": ADDRESS_FREE}
MAX_DELAY = 15 * 60.0
FORGET_AFTER = 60 * 60.0
MAX_KEYS = 10_000
_PG_LOCK = 0x73767468  # "svth": one login's read-and-update at a time

Counts = dict[str, tuple[int, float]]
# decide(seen) -> (result, updates): a key's new (count, last), or None to drop it
Decide = Callable[[Counts], tuple[object, dict[str, tuple[int, float] | None]]]


class MemoryCounts:
    """The counts in this process (a lock, an OrderedDict oldest first)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: OrderedDict[str, tuple[int, float]] = OrderedDict()

    def change(self, keys: list[str], decide: Decide, now: float):
        with self._lock:
            result, updates = decide({k: self._seen[k] for k in keys if k in self._seen})
            for key, value in updates.items():
                self._seen.pop(key, None)
                if value is not None:
                    self._seen[key] = value
            while self._seen:
                key, (_, last) = next(iter(self._seen.items()))
                if len(self._seen) <= MAX_KEYS and now - last < FORGET_AFTER:
                    break
                del self._seen[key]
            return result


class DatabaseCounts:
    """The counts in the service database, shared by every worker (see the module)."""

    def __init__(self, archive) -> None:
        self.archive = archive

    @staticmethod
    def digest(key: str) -> str:
        return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()

    def change(self, keys: list[str], decide: Decide, now: float):
        from sqlalchemy import delete, func, select, text

        from cchc.archive.store import transaction

        from .models import LoginAttempt as Row

        digests = {k: self.digest(k) for k in keys}

        def work(session):
            if self.archive.dialect == "postgresql":
                session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})
            rows = {r.key_sha256: r for r in session.scalars(
                select(Row).where(Row.key_sha256.in_(list(digests.values()))))}
            result, updates = decide({k: (rows[d].count, rows[d].last)
                                      for k, d in digests.items() if d in rows})
            for key, value in updates.items():
                row = rows.get(digests[key])
                if value is None:
                    if row is not None:
                        session.delete(row)
                elif row is None:
                    session.add(Row(key_sha256=digests[key], count=value[0], last=value[1]))
                else:
                    row.count, row.last = value
            if updates:
                session.flush()
                session.execute(delete(Row).where(Row.last < now - FORGET_AFTER))
                extra = session.scalar(select(func.count()).select_from(Row)) - MAX_KEYS
                if extra > 0:
                    oldest = select(Row.key_sha256).order_by(Row.last).limit(extra)
                    session.execute(delete(Row).where(Row.key_sha256.in_(oldest.scalar_subquery())))
            return result

        return transaction(self.archive, work)


class Throttle:
    def __init__(self, counts: MemoryCounts | DatabaseCounts | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        self._counts = counts if counts is not None else MemoryCounts()
        self._clock = clock

    @staticmethod
    def delay(count: int, free: int = FREE) -> float:
        """How long after the last attempt the next may come, after ``count`` attempts."""
        return 0.0 if count < free else min(2.0 ** (count - free), MAX_DELAY)

    @staticmethod
    def keys(user: str, address: str) -> list[str]:
        """The three keys of one attempt (see the module's docstring)."""
        return [f"pair:{user}@{address}", f"user:{user}", f"addr:{address}"]

    def attempt(self, keys: list[str]) -> int:
        """0 and the attempt is counted; else the seconds to wait (nothing counted)."""
        now = self._clock()

        def decide(seen: Counts):
            wait = 0.0
            for key in keys:
                count, last = seen.get(key, (0, now))
                free = ALLOWANCE.get(key.split(":", 1)[0], FREE)
                wait = max(wait, last + self.delay(count, free) - now)
            if wait > 0:  # (at most MAX_DELAY, even if the clock went back)
                return max(1, math.ceil(min(wait, MAX_DELAY))), {}
            return 0, {key: (seen.get(key, (0, now))[0] + 1, now) for key in keys}

        return self._counts.change(keys, decide, now)

    def succeeded(self, user: str, address: str) -> None:
        pair_key, user_key, address_key = keys = self.keys(user, address)

        def decide(seen: Counts):
            count, last = seen.get(address_key, (0, 0.0))
            return None, {pair_key: None, user_key: None,
                          address_key: (count - 1, last) if count > 1 else None}

        self._counts.change(keys, decide, self._clock())
