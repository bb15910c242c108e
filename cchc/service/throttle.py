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
successful login clears its account's counts. The state is per process and bounded:
old entries are forgotten.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict

FREE = 5
USER_FREE = 20
ADDRESS_FREE = 30
ALLOWANCE = {"pair": FREE, "user": USER_FREE, "addr": ADDRESS_FREE}
MAX_DELAY = 15 * 60.0
FORGET_AFTER = 60 * 60.0
MAX_KEYS = 10_000


class Throttle:
    def __init__(self, clock=time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._seen: OrderedDict[str, tuple[int, float]] = OrderedDict()

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
        with self._lock:
            wait = 0.0
            for key in keys:
                count, last = self._seen.get(key, (0, now))
                free = ALLOWANCE.get(key.split(":", 1)[0], FREE)
                wait = max(wait, last + self.delay(count, free) - now)
            if wait > 0:
                return max(1, math.ceil(wait))
            for key in keys:
                count, _ = self._seen.pop(key, (0, now))
                self._seen[key] = (count + 1, now)
            self._forget(now)
            return 0

    def succeeded(self, user: str, address: str) -> None:
        pair_key, user_key, address_key = self.keys(user, address)
        with self._lock:
            self._seen.pop(pair_key, None)
            self._seen.pop(user_key, None)
            count, last = self._seen.get(address_key, (0, 0.0))
            if count > 1:
                self._seen[address_key] = (count - 1, last)
            else:
                self._seen.pop(address_key, None)

    def _forget(self, now: float) -> None:
        while self._seen:
            key, (_, last) = next(iter(self._seen.items()))
            if len(self._seen) <= MAX_KEYS and now - last < FORGET_AFTER:
                break
            del self._seen[key]
