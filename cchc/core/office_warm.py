"""A warm LibreOffice: long-running soffice processes reused for every conversion.

A cold ``soffice --convert-to`` pays LibreOffice's start (about a second) on every
document. A worker (:mod:`cchc.core.uno_worker`) keeps one soffice running and converts
with unoserver's converter; it needs the ``uno`` module of Debian's ``python3-uno``,
which only the system Python (``/usr/bin/python3``) can import, so each worker is a
separate process of that Python (with just the unoserver package put on its path).
Nothing listens on a TCP port: the worker is driven over its stdin/stdout and talks to
soffice over a UNO named pipe only the service's account can open (issue 22).

- Concurrency is bounded: a pool of ``size`` servers, one conversion each at a time.
- A server that died or hangs past the timeout is killed (with its soffice),
  started again, and the conversion tried once more.
- If no server can start (no python3-uno, no unoserver), :func:`cchc.core.office.convert`
  goes back to the cold path and logs why.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import queue
import secrets
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from . import child
from .errors import CchcError

log = logging.getLogger("cchc.core.office")
START_SECONDS = 90.0
CALL_SECONDS = 130.0  # ours: a server silent this long is hung
CONVERTER_DIED = ("TimeoutError", "DisposedException", "Binary URP bridge")
SYSTEM_PYTHON = "/usr/bin/python3"


class WarmUnavailable(CchcError):
    """The warm converter cannot run here; the caller uses the cold path."""


def uno_python() -> str:
    """The Python that can import uno: $CCHC_UNO_PYTHON, else the system one."""
    exe = os.environ.get("CCHC_UNO_PYTHON") or SYSTEM_PYTHON
    if not Path(exe).exists():
        raise WarmUnavailable(f"không có {exe} (gói Debian python3-uno)")
    ok = child.run([exe, "-c", "import uno"], capture_output=True, timeout=60)
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


WORKER = Path(__file__).with_name("uno_worker.py")


class ConverterDied(Exception):
    """The worker or its LibreOffice is gone, or silent past the timeout."""


class Server:
    """One worker process (:mod:`cchc.core.uno_worker`) and its soffice.

    They talk over the worker's stdin/stdout and a UNO named pipe only our account can
    open: no TCP port, so no other local account can reach LibreOffice (issue 22).
    """

    def __init__(self, python: str, pypath: Path, workdir: Path):
        self.python, self.pypath, self.workdir = python, pypath, workdir
        self.proc: subprocess.Popen | None = None
        self.pipe = ""
        self.starts = 0
        self._buf = b""

    def start(self) -> None:
        self.kill()
        profile = Path(tempfile.mkdtemp(prefix="profile-", dir=self.workdir))
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if not soffice:
            raise WarmUnavailable("không tìm thấy LibreOffice (lệnh soffice)")
        self.pipe = f"cchc{secrets.token_hex(16)}"
        cmd = [self.python, str(WORKER), soffice, profile.as_uri(), self.pipe]
        log_file = open(self.workdir / f"worker-{self.pipe[:12]}.log", "ab")  # noqa: SIM115
        with log_file:
            # umask 077 (child's): LibreOffice's named pipe is ours alone
            self.proc = child.popen(cmd, extra_env={"PYTHONPATH": str(self.pypath)},
                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                    stderr=log_file, start_new_session=True)
        self._buf = b""
        self.starts += 1
        self._wait_ready()

    def _wait_ready(self) -> None:
        try:
            self._answer(START_SECONDS)
        except ConverterDied as exc:
            code = self.proc.poll()
            self.kill()
            raise WarmUnavailable(
                f"LibreOffice thường trực không sẵn sàng sau {START_SECONDS:.0f} giây"
                if code is None else f"LibreOffice thường trực dừng khi khởi động (mã {code})"
            ) from exc

    def _answer(self, timeout: float) -> dict:
        """The worker's next line, or ConverterDied if it ends or stays silent."""
        deadline = time.monotonic() + timeout
        fd = self.proc.stdout.fileno()
        while b"\n" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise ConverterDied(f"no answer after {timeout:.0f} s")
            chunk = os.read(fd, 65536)
            if not chunk:
                raise ConverterDied("the worker ended")
            self._buf += chunk
        line, self._buf = self._buf.split(b"\n", 1)
        return json.loads(line)

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def convert(self, source: Path, target: Path, fmt: str) -> None:
        """One conversion; RuntimeError(message) when LibreOffice refuses the document."""
        request = json.dumps({"source": str(source), "target": str(target), "fmt": fmt})
        try:
            self.proc.stdin.write(request.encode() + b"\n")
            self.proc.stdin.flush()
        except (BrokenPipeError, ValueError) as exc:
            raise ConverterDied("the worker ended") from exc
        answer = self._answer(CALL_SECONDS)
        if not answer.get("ok"):
            error = str(answer.get("error"))
            if any(k in error for k in CONVERTER_DIED) or not self.alive():
                raise ConverterDied(error)
            raise RuntimeError(error)

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(30)
        if self.proc is not None:
            for stream in (self.proc.stdin, self.proc.stdout):
                with contextlib.suppress(OSError):
                    stream.close()
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
                        raise ConverterDied("the worker is not running")
                    server.convert(source, target, fmt)
                    return target
                except RuntimeError as exc:  # it answered: the document is the problem
                    log.warning("warm LibreOffice refused %s: %s", source, str(exc)[-300:])
                    raise CchcError(f"LibreOffice không chuyển được {source.name} sang {fmt} "
                                    "(tệp hỏng hoặc có mật khẩu?)") from exc
                except (ConverterDied, OSError) as exc:
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
