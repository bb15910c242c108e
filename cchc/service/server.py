"""uvicorn's HTTP/1.1 protocol (h11) with the time and connection limits it lacks.

uvicorn times out an idle keep-alive connection, but not a fresh one that never sends
its headers, nor one that sends them or its body a byte at a time (slowloris). With the
usual 1,024 open files, a client that had not even logged in held 1,100 such
connections and the service stopped answering (issue 22). Here:

- a connection must send a request's complete headers within HEADER_SECONDS of
  connecting (or of its previous response);
- while a request's body comes in, a gap over READ_SECONDS between two reads ends the
  connection (unless we stopped reading ourselves: flow control);
- at most MAX_CONNECTIONS per process: a new one beyond it pushes out the connection
  that has waited longest without a request in progress, so a real client (and
  /api/health) always gets in; if every connection is busy, the new one is closed.

``cchc serve`` sets the three numbers in the environment (its workers read them) and
raises the soft limit on open files so MAX_CONNECTIONS fits under it.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import resource

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_SECONDS, READ_SECONDS, MAX_CONNECTIONS = 10.0, 30.0, 900  # defaults
SWEEP_SECONDS = 0.5
BACKLOG = 128  # asyncio accepts up to this many at once, before any is counted here
FILES_FOR_THE_REST = BACKLOG + 128  # that burst, the database, uploads, LibreOffice, logs
_sweepers: dict[asyncio.AbstractEventLoop, asyncio.Task] = {}


def raise_open_files(wanted: int = 65536) -> int:
    """Soft RLIMIT_NOFILE up to the hard limit (at most ``wanted``); returns the soft one."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = min(wanted, hard) if hard != resource.RLIM_INFINITY else wanted
    if target > soft:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def limits() -> tuple[float, float, int]:
    """(header seconds, read seconds, connection cap), as ``cchc serve`` set them."""
    env = os.environ.get
    return (float(env("CCHC_SERVE_HEADER_TIMEOUT") or HEADER_SECONDS),
            float(env("CCHC_SERVE_READ_TIMEOUT") or READ_SECONDS),
            connection_cap(int(env("CCHC_SERVE_MAX_CONNECTIONS") or MAX_CONNECTIONS)))


def connection_cap(asked: int) -> int:
    """``asked``, lowered to what the open-files limit leaves for connections."""
    soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    return max(16, min(asked, soft - FILES_FOR_THE_REST))


class GuardedH11Protocol(H11Protocol):
    """H11Protocol that closes connections too slow to send a request (see module)."""

    def connection_made(self, transport: asyncio.Transport) -> None:
        super().connection_made(transport)
        self.header_seconds, self.read_seconds, self.cap = limits()
        now = self.loop.time()
        self.waiting_since = now  # waiting for a request's headers since
        self.last_read = now
        self._start_sweeper()
        if len(self.connections) > self.cap:
            self._make_room()

    def data_received(self, data: bytes) -> None:
        self.last_read = self.loop.time()
        super().data_received(data)

    def on_response_complete(self) -> None:
        self.waiting_since = self.last_read = self.loop.time()
        super().on_response_complete()

    # ---------------------------------------------------------------- states

    def idle(self) -> bool:
        """No request in progress: waiting for (the rest of) a request's headers."""
        return self.conn.their_state is h11.IDLE and (
            self.cycle is None or self.cycle.response_complete)

    def overdue(self, now: float) -> bool:
        if self.transport.is_closing():
            return False
        if self.idle():
            return now - self.waiting_since > self.header_seconds
        if self.conn.their_state is h11.SEND_BODY and not self.flow.read_paused:
            return now - self.last_read > self.read_seconds
        return False  # the app is working on it, or we paused reading

    def drop(self) -> None:
        if not self.transport.is_closing():
            self.transport.close()

    def _make_room(self) -> None:
        """Close the longest-waiting idle connections: a twentieth of the cap at once, so
        a flood of new ones does not scan every connection each time."""
        waiting = [c for c in self.connections
                   if c is not self and isinstance(c, GuardedH11Protocol) and c.idle()
                   and not c.transport.is_closing()]
        if not waiting:
            self.drop()
            return
        waiting.sort(key=lambda c: c.waiting_since)
        for conn in waiting[:max(1, self.cap // 20)]:
            conn.drop()

    # ---------------------------------------------------------------- sweeping

    def _start_sweeper(self) -> None:
        task = _sweepers.get(self.loop)
        if task is None or task.done():
            _sweepers[self.loop] = self.loop.create_task(_sweep(self.connections))


async def _sweep(connections: set) -> None:
    """Every SWEEP_SECONDS, close the connections that are overdue (one task per loop,
    ended when no connection is left; the next connection starts it again)."""
    loop = asyncio.get_running_loop()
    while connections:
        await asyncio.sleep(SWEEP_SECONDS)
        now = loop.time()
        for conn in list(connections):
            if isinstance(conn, GuardedH11Protocol) and conn.overdue(now):
                conn.drop()
