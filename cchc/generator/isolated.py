"""Render a user's template in a child process with a memory cap and a deadline.

The sandbox's own limits (``limits``) stop the expansions we know of with a
message naming them; this is the backstop for the ones we do not: the child may
use at most MEMORY_MB more address space than it started with and is killed
after its time budget plus a grace period. The built-in templates are ours and
render in-process.

The child is a fresh interpreter (``render_child``) started through
``cchc.core.child``, like every other program that reads untrusted input: a minimal
environment, a private HOME and TMPDIR, umask 077, no inherited open files. A fork
would carry CCHC_SECRET and the database URL in its environment, and the caller's
memory besides (issue 22). Request and outcome are JSON, so a child taken over by its
template cannot hand the caller a pickle to run.
"""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from cchc.core import child
from cchc.core.errors import CchcError

from . import limits

MEMORY_MB = 768
GRACE_SECONDS = 5.0  # the child's start-up (an interpreter, Jinja, python-docx) and exit
MAX_OUTCOME = 512 * 1024 * 1024


def _command() -> list[str]:
    """The child's command line: this interpreter, isolated (``-I``: no PYTHON* variables,
    no user site, and neither the current directory nor a script's on the path, so a
    ``cchc`` folder where the user stands is never imported), given the directory this
    ``cchc`` is imported from."""
    import cchc
    root = str(Path(cchc.__file__).resolve().parents[1])
    code = (f"import sys; sys.path.insert(0, {root!r}); "
            "from cchc.generator.render_child import main; sys.exit(main())")
    return [sys.executable, "-I", "-c", code]


def render_isolated(path: str | Path, context: Mapping, *,
                    seconds: float = limits.TIME_BUDGET, memory_mb: int = MEMORY_MB,
                    warnings: list[str] | None = None, filters_path: str | Path | None = None,
                    missing_ok: bool = False) -> bytes:
    """The rendered .docx of a user's template, or CchcError; never hangs, never swells.
    ``filters_path``: a CLI user's own filters module (loaded in the child);
    ``missing_ok``: render missing values empty, their names appended to ``warnings``."""
    path = Path(path)
    request = json.dumps({"path": str(path), "context": context, "seconds": seconds,
                          "memory_mb": memory_mb, "missing_ok": missing_ok,
                          "filters_path": str(filters_path) if filters_path else None},
                         ensure_ascii=False).encode()
    proc = child.popen(_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL)
    try:
        raw, _ = proc.communicate(request, timeout=seconds + GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise CchcError(f"mẫu chạy quá thời gian cho phép ({seconds:g} giây)",
                        file=str(path)) from None
    if not raw or len(raw) > MAX_OUTCOME:
        raise CchcError(_death(proc.returncode, memory_mb), file=str(path))
    try:
        outcome = json.loads(raw)
    except ValueError:
        raise CchcError(_death(proc.returncode, memory_mb), file=str(path)) from None
    if outcome.get("ok"):
        if warnings is not None:
            warnings.extend(str(m) for m in outcome.get("missing", []))
        return base64.b64decode(outcome["docx"])
    raise CchcError(str(outcome.get("message")), file=outcome.get("file"),
                    details=[str(d) for d in outcome.get("details") or []])


def _death(returncode: int | None, memory_mb: int) -> str:
    import signal

    if returncode in (-signal.SIGKILL, -signal.SIGSEGV):
        return f"tiến trình hiển thị mẫu bị dừng (có thể do dùng quá {memory_mb} MB bộ nhớ)"
    return "tiến trình hiển thị mẫu dừng bất thường (có thể do dùng quá nhiều bộ nhớ)"
