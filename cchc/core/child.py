"""Every external program cchc starts (LibreOffice, Tesseract, the system Python for UNO)
goes through here, with a minimal environment.

Why: those programs parse untrusted uploads. The service's own environment holds
CCHC_SECRET (it signs every session) and the database URL (with its password on
PostgreSQL); a child that is taken over by a hostile document must not find them. A
child gets PATH, the locale, a private HOME and TMPDIR (0700, one per process of ours),
and only what its caller names; files it creates are ours alone (umask 077).
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Mapping, Sequence

# Passed on when set: what finding programs, the locale and Tesseract's data need.
KEEP = ("PATH", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "TZ", "TESSDATA_PREFIX")
DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin"
UMASK = 0o077
_home: str | None = None
_lock = threading.Lock()


def private_home() -> str:
    """A 0700 directory of this process, HOME and TMPDIR of every child (removed at exit)."""
    global _home
    with _lock:
        if _home is None or not os.path.isdir(_home):
            _home = tempfile.mkdtemp(prefix="cchc-child-")
            atexit.register(shutil.rmtree, _home, True)
        return _home


def env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of a child: the few inherited names of KEEP, a private HOME, extras."""
    out = {k: os.environ[k] for k in KEEP if os.environ.get(k)}
    out.setdefault("PATH", DEFAULT_PATH)
    out.setdefault("LANG", "C.UTF-8")
    home = private_home()
    out.update(HOME=home, TMPDIR=home)
    out.update(extra or {})
    return out


def run(cmd: Sequence[str], *, extra_env: Mapping[str, str] | None = None,
        **kwargs) -> subprocess.CompletedProcess:
    """subprocess.run with the minimal environment, umask 077, and no stdin unless given."""
    if "input" not in kwargs:
        kwargs.setdefault("stdin", subprocess.DEVNULL)
    return subprocess.run(list(cmd), env=env(extra_env), umask=UMASK, **kwargs)  # noqa: S603


def popen(cmd: Sequence[str], *, extra_env: Mapping[str, str] | None = None,
          **kwargs) -> subprocess.Popen:
    """subprocess.Popen with the minimal environment and umask 077."""
    return subprocess.Popen(list(cmd), env=env(extra_env), umask=UMASK, **kwargs)  # noqa: S603
