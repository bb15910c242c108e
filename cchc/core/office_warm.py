"""A warm LibreOffice: long-running unoserver processes reused for every conversion.

A cold ``soffice --convert-to`` pays LibreOffice's start (about a second) on every
document. unoserver keeps one soffice running and converts over XML-RPC; it needs
the ``uno`` module of Debian's ``python3-uno``, which only the system Python
(``/usr/bin/python3``) can import, so each server runs as a separate process of that
Python (with just the unoserver package put on its path), on 127.0.0.1.

- Concurrency is bounded: a pool of ``size`` servers, one conversion each at a time.
- A server that died or hangs past the timeout is killed (with its soffice),
  started again, and the conversion tried once more.
- If no server can start (no python3-uno, no unoserver), :func:`cchc.core.office.convert`
  goes back to the cold path and logs why.
"""

from __future__ import annotations

import contextlib
import http.client
import logging
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import xmlrpc.client
from pathlib import Path

from .errors import CchcError

log = logging.getLogger("cchc.core.office")
START_SECONDS = 90.0
CONVERT_SECONDS = 120  # LibreOffice's own limit (unoserver kills it past this)
CALL_SECONDS = 130.0  # ours: a server silent this long is hung
CONVERTER_DIED = ("TimeoutError", "DisposedException", "Binary URP bridge")
SYSTEM_PYTHON = "/usr/bin/python3"


class WarmUnavailable(CchcError):
    """The warm converter cannot run here; the caller uses the cold path."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def uno_python() -> str:
    """The Python that can import uno: $CCHC_UNO_PYTHON, else the system one."""
    exe = os.environ.get("CCHC_UNO_PYTHON") or SYSTEM_PYTHON
    if not Path(exe).exists():
        raise WarmUnavailable(f"không có {exe} (gói Debian python3-uno)")
    ok = subprocess.run([exe, "-c", "import uno"], capture_output=True, timeout=60)
    if ok.returncode:
        raise WarmUnavailable(f"{exe} không nạp được uno (gói Debian python3-uno)")
    return exe


def unoserver_path(into: Path) -> Path:
    """A folder holding only the unoserver package (and its metadata) for the system Python.

    The whole virtualenv on its path could shadow Debian's own modules; this cannot.
    """
    try:
        import unoserver
    except ImportError as exc:
        raise WarmUnavailable("chưa cài gói unoserver (pip install unoserver)") from exc
    pkg = Path(unoserver.__file__).resolve().parent
    into.mkdir(parents=True, exist_ok=True)
    for item in [pkg, *pkg.parent.glob("unoserver-*.dist-info")]:
        link = into / item.name
        if not link.exists():
            link.symlink_to(item)
    return into


# unoserver under a watch: when the process that started it dies (even by kill -9), it
# gets SIGTERM, which unoserver passes on to its LibreOffice; no soffice is left behind.
# unoserver 3 also sleeps a fixed 5 s + 2 s at start "for LibreOffice to start": its
# sleeps here end as soon as LibreOffice's UNO port accepts a connection (never later
# than asked), which takes a CLI run's warm start from about 6 s to about 2 s. Its own
# retries on "Connection refused" still guard the connection itself.
_WATCHED = """
import os, signal, socket, sys, threading, time, types
parent = os.getppid()
def watch():
    while os.getppid() == parent:
        time.sleep(1)
    os.kill(os.getpid(), signal.SIGTERM)
threading.Thread(target=watch, daemon=True).start()
UNO_PORT = int(os.environ["CCHC_UNO_PORT"])
def sleep_until_office(seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", UNO_PORT), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
import unoserver.server
clock = types.ModuleType("time")
clock.__dict__.update(vars(time))
clock.sleep = sleep_until_office
unoserver.server.time = clock
sys.exit(unoserver.server.main())
"""


class _Transport(xmlrpc.client.Transport):
    def __init__(self, timeout: float):
        super().__init__()
        self.timeout = timeout

    def make_connection(self, host):
        conn = super().make_connection(host)
        conn.timeout = self.timeout
        return conn


class Server:
    """One unoserver process (and its soffice) on two free local ports."""

    def __init__(self, python: str, pypath: Path, workdir: Path):
        self.python, self.pypath, self.workdir = python, pypath, workdir
        self.proc: subprocess.Popen | None = None
        self.port = 0
        self.starts = 0

    def start(self) -> None:
        self.kill()
        self.port, uno_port = _free_port(), _free_port()
        profile = Path(tempfile.mkdtemp(prefix="profile-", dir=self.workdir))
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if not soffice:
            raise WarmUnavailable("không tìm thấy LibreOffice (lệnh soffice)")
        cmd = [self.python, "-c", _WATCHED, "--interface", "127.0.0.1",
               "--uno-interface", "127.0.0.1", "--port", str(self.port),
               "--uno-port", str(uno_port), "--executable", soffice,
               "--user-installation", str(profile),
               "--conversion-timeout", str(CONVERT_SECONDS)]
        env = {**os.environ, "PYTHONPATH": str(self.pypath), "CCHC_UNO_PORT": str(uno_port)}
        log_file = open(self.workdir / f"unoserver-{self.port}.log", "ab")  # noqa: SIM115
        with log_file:
            self.proc = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL,
                                         stdout=log_file, stderr=log_file,
                                         start_new_session=True)
        self.starts += 1
        self._wait_ready()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise WarmUnavailable(f"unoserver dừng khi khởi động (mã {self.proc.returncode})")
            try:
                self._proxy(5).info()
                return
            except (OSError, http.client.HTTPException, xmlrpc.client.Error):
                time.sleep(0.25)
        self.kill()
        raise WarmUnavailable(f"unoserver không sẵn sàng sau {START_SECONDS:.0f} giây")

    def _proxy(self, timeout: float) -> xmlrpc.client.ServerProxy:
        return xmlrpc.client.ServerProxy(f"http://127.0.0.1:{self.port}", allow_none=True,
                                         transport=_Transport(timeout))

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def convert(self, source: Path, target: Path, fmt: str) -> None:
        # update_index=False: a cold ``soffice --convert-to`` does not rebuild tables of
        # contents either, and the two refreshes it costs are a re-layout per document.
        self._proxy(CALL_SECONDS).convert(
            str(source), None, str(target), fmt, None, [], False, None, None)

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(30)
        self.proc = None


class WarmPool:
    """``size`` warm servers; :meth:`convert` waits for a free one (bounded concurrency)."""

    def __init__(self, size: int = 1):
        self.size = max(1, size)
        self.workdir = Path(tempfile.mkdtemp(prefix="cchc-warm-"))
        self.idle: queue.Queue[Server] = queue.Queue()
        self.servers: list[Server] = []
        self.error: Exception | None = None
        self.started = threading.Event()
        self.restarts = 0

    def start(self, background: bool = True) -> WarmPool:
        """Start the servers; in the background, conversions wait for them."""
        if background:
            threading.Thread(target=self._start, name="cchc-warm-start", daemon=True).start()
        else:
            self._start()
        return self

    def _start(self) -> None:
        try:
            python = uno_python()
            pypath = unoserver_path(self.workdir / "py")
            sample = self._sample()
            for _ in range(self.size):
                server = Server(python, pypath, self.workdir)
                self.servers.append(server)
                server.start()
                server.convert(sample, sample.with_suffix(".pdf"), "pdf")  # load Writer now
                self.idle.put(server)
        except Exception as exc:  # reported to the caller of convert, who goes cold
            self.error = exc
            for s in self.servers:
                s.kill()
        finally:
            self.started.set()

    def _sample(self) -> Path:
        """A one-line DOCX: the first conversion loads Writer and the PDF filter (seconds),
        so it is done at start rather than on a user's request."""
        from docx import Document

        path = self.workdir / "warm-up.docx"
        doc = Document()
        doc.add_paragraph("Khởi động")
        doc.save(str(path))
        return path

    def ready(self, timeout: float = START_SECONDS + 30) -> bool:
        self.started.wait(timeout)
        return self.error is None and self.started.is_set()

    def convert(self, source: str | os.PathLike, target: str | os.PathLike,
                fmt: str = "pdf") -> Path:
        """Convert one file; a dead or hung server is restarted and the file tried once more."""
        if not self.ready():
            raise WarmUnavailable(str(self.error or "LibreOffice thường trực chưa sẵn sàng"))
        source, target = Path(source).resolve(), Path(target).resolve()
        server = self.idle.get()
        try:
            for attempt in (1, 2):
                try:
                    if not server.alive():
                        raise ConnectionError("unoserver is not running")
                    server.convert(source, target, fmt)
                    return target
                except xmlrpc.client.Fault as exc:
                    died = any(k in exc.faultString for k in CONVERTER_DIED)
                    if server.alive() and not died:  # it answered: the document is the problem
                        raise CchcError(f"LibreOffice không chuyển đổi được "
                                        f"{source.name} sang {fmt}: {exc.faultString[-300:]}"
                                        ) from exc
                    self._restart(server, exc, attempt)
                except (OSError, http.client.HTTPException, xmlrpc.client.Error) as exc:
                    self._restart(server, exc, attempt)
            raise AssertionError("unreachable")
        finally:
            self.idle.put(server)

    def _restart(self, server: Server, exc: Exception, attempt: int) -> None:
        log.warning("LibreOffice thường trực lỗi (%s: %s); khởi động lại%s",
                    type(exc).__name__, exc, " và thử lại" if attempt == 1 else "")
        self.restarts += 1
        server.kill()
        if attempt == 2:
            raise CchcError(f"LibreOffice thường trực vẫn lỗi sau khi khởi động lại "
                            f"({type(exc).__name__})") from exc
        server.start()

    def close(self) -> None:
        self.started.wait(START_SECONDS + 30)
        for s in self.servers:
            s.kill()
        shutil.rmtree(self.workdir, ignore_errors=True)


def default_size() -> int:
    """$CCHC_OFFICE_WORKERS, else one per two cores (LibreOffice is heavy)."""
    env = os.environ.get("CCHC_OFFICE_WORKERS")
    return max(1, int(env)) if env else max(1, (os.cpu_count() or 2) // 2)


if __name__ == "__main__":  # pragma: no cover - manual check
    pool = WarmPool(1).start(background=False)
    print(pool.convert(sys.argv[1], sys.argv[2]))
    pool.close()
