"""Render a user's template in a child process with a memory cap and a deadline.

The sandbox's own limits (``limits``) stop the expansions we know of with a
message naming them; this is the backstop for the ones we do not: the child may
use at most MEMORY_MB more address space than it started with and is killed
after its time budget plus a grace period. The built-in templates are ours and
render in-process.
"""

from __future__ import annotations

import os
import pickle
import resource
import select
import signal
import time
from collections.abc import Mapping
from pathlib import Path

from cchc.core.errors import CchcError

from . import limits
from .render import CompiledTemplate
from .xmlcheck import verify

MEMORY_MB = 768
GRACE_SECONDS = 5.0


def _address_space() -> int:
    with open("/proc/self/statm", encoding="ascii") as fh:
        return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _child(path: Path, context: Mapping, seconds: float, memory_mb: int, options: dict
           ) -> tuple:
    cap = _address_space() + memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    try:
        template = CompiledTemplate(path, filters=options.get("filters"))
        blob = template.render(context, seconds=seconds,
                               missing_ok=options.get("missing_ok", False))
        return ("ok", verify(blob, file=str(path)), template.missing_found)
    except CchcError as exc:
        return ("error", exc.message, exc.file, exc.details)
    except MemoryError:
        return ("error", f"mẫu dùng quá nhiều bộ nhớ (hơn {memory_mb} MB)", str(path), [])


def _read_all(fd: int, deadline: float) -> bytes | None:
    chunks = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            return None
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def render_isolated(path: str | Path, context: Mapping, *,
                    seconds: float = limits.TIME_BUDGET, memory_mb: int = MEMORY_MB,
                    warnings: list[str] | None = None, **options) -> bytes:
    """The rendered .docx of a user's template, or CchcError; never hangs, never swells.
    ``options``: ``filters`` (a CLI user's own) and ``missing_ok`` (render missing values
    empty; their names are appended to ``warnings``)."""
    path = Path(path)
    if not hasattr(os, "fork"):
        template = CompiledTemplate(path, filters=options.get("filters"))
        blob = template.render(context, seconds=seconds,
                               missing_ok=options.get("missing_ok", False))
        (warnings if warnings is not None else []).extend(template.missing_found)
        return verify(blob, file=str(path))
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: render, send the outcome, leave without cleanup handlers
        os.close(read_fd)
        code = 0
        try:
            payload = pickle.dumps(_child(path, context, seconds, memory_mb, options))
            with os.fdopen(write_fd, "wb") as out:
                out.write(payload)
        except BaseException:  # noqa: BLE001 - the parent reports a silent child
            code = 1
        os._exit(code)
    os.close(write_fd)
    try:
        raw = _read_all(read_fd, time.monotonic() + seconds + GRACE_SECONDS)
    finally:
        os.close(read_fd)
    if raw is None:
        os.kill(pid, signal.SIGKILL)
    _pid, status = os.waitpid(pid, 0)
    if raw is None:
        raise CchcError(f"mẫu chạy quá thời gian cho phép ({seconds:g} giây)", file=str(path))
    if not raw:
        raise CchcError(_death(status, memory_mb), file=str(path))
    outcome = pickle.loads(raw)
    if outcome[0] == "ok":
        if warnings is not None:
            warnings.extend(outcome[2])
        return outcome[1]
    _kind, message, file, details = outcome
    raise CchcError(message, file=file, details=details)


def _death(status: int, memory_mb: int) -> str:
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGKILL, signal.SIGSEGV):
        return f"tiến trình hiển thị mẫu bị dừng (có thể do dùng quá {memory_mb} MB bộ nhớ)"
    return "tiến trình hiển thị mẫu dừng bất thường (có thể do dùng quá nhiều bộ nhớ)"
