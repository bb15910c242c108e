"""Login backoff per user name and per client address.

Each attempt is counted when it starts (so 32 parallel guesses cannot all slip in
before the first one fails); FREE attempts pass, then each further one must wait
twice as long as the last (1 s, 2 s, 4 s … up to MAX_DELAY) and is answered 429 with
Retry-After without checking the password. A successful login clears its user's
count. The state is per process and bounded: old entries are forgotten.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict

FREE = 5
MAX_DELAY = 15 * 60.0
FORGET_AFTER = 60 * 60.0
MAX_KEYS = 10_000


class Throttle:
    def __init__(self, clock=time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._seen: OrderedDict[str, tuple[int, float]] = OrderedDict()

    @staticmethod
    def delay(count: int) -> float:
        """How long after the last attempt the next may come, after ``count`` attempts."""
        return 0.0 if count < FREE else min(2.0 ** (count - FREE), MAX_DELAY)

    def attempt(self, keys: list[str]) -> int:
        """0 and the attempt is counted; else the seconds to wait (nothing counted)."""
        now = self._clock()
        with self._lock:
            wait = 0.0
            for key in keys:
                count, last = self._seen.get(key, (0, now))
                wait = max(wait, last + self.delay(count) - now)
            if wait > 0:
                return max(1, math.ceil(wait))
            for key in keys:
                count, _ = self._seen.pop(key, (0, now))
                self._seen[key] = (count + 1, now)
            self._forget(now)
            return 0

    def succeeded(self, user_key: str, address_key: str) -> None:
        with self._lock:
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
