"""LibreOffice headless as a converter (DOCX → PDF, DOC → DOCX).

Cold path: each call starts soffice with its own throw-away user profile (two
soffice processes sharing a profile make the second exit silently without
converting, which is how batch jobs and parallel tests lose files).

Warm path: inside :func:`warm` (``cchc demo``, the service), PDFs go to long-running
LibreOffice servers (:mod:`cchc.core.office_warm`); the cold path is used only when
those cannot start, and the log says so.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from . import child
from .errors import CchcError

log = logging.getLogger("cchc.core.office")
TIMEOUT_SECONDS = 300
WARM_FORMATS = ("pdf",)
_warm_pool = None  # the active cchc.core.office_warm.WarmPool, if any
_MISSING = ("không tìm thấy LibreOffice (lệnh soffice); hãy cài gói Debian "
            "libreoffice-writer-nogui (apt-get install -y libreoffice-writer-nogui)")


def available() -> bool:
    return bool(shutil.which("soffice") or shutil.which("libreoffice"))


def soffice_path() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if not path:
        raise CchcError(_MISSING)
    return path


def convert(sources: Sequence[str | os.PathLike], fmt: str, outdir: str | os.PathLike,
            infilter: str | None = None) -> list[Path]:
    """Convert files with one soffice run; returns the output paths in order.

    ``fmt`` is a LibreOffice filter spec such as "pdf" or "docx"; ``infilter`` names
    the import filter when the bytes alone mislead LibreOffice (a Word web page).
    The argument list is passed without a shell, so file names never reach one.
    """
    exe = soffice_path()
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    sources = [Path(s).resolve() for s in sources]
    if not sources:
        return []
    ext = fmt.split(":")[0]
    warm = None if infilter else _warm_convert(sources, fmt, outdir)
    if warm is not None:
        return warm
    with tempfile.TemporaryDirectory(prefix="cchc-lo-") as profile:
        cmd = [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               *([f"--infilter={infilter}"] if infilter else []),
               "--convert-to", fmt, "--outdir", str(outdir), *map(str, sources)]
        try:
            proc = child.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired as exc:
            raise CchcError(f"LibreOffice không chuyển đổi xong sau {TIMEOUT_SECONDS} giây"
                            ) from exc
    outputs = [outdir / f"{s.stem}.{ext}" for s in sources]
    missing = [s.name for s, o in zip(sources, outputs, strict=False) if not o.exists()]
    if missing:  # LibreOffice's own words (paths, English) go to the log, not to the user
        log.warning("soffice converted nothing for %s: %s", missing,
                    (proc.stderr or proc.stdout).strip()[-500:])
        raise CchcError(f"LibreOffice không chuyển được {', '.join(missing)} sang {ext} "
                        "(tệp hỏng hoặc có mật khẩu?)")
    return outputs


def to_pdf(source: str | os.PathLike, target: str | os.PathLike) -> Path:
    """Write ``target`` (a PDF) from one document, atomically."""
    from .outfile import atomic_path

    target = Path(target)
    with tempfile.TemporaryDirectory(prefix="cchc-pdf-") as tmp:
        (produced,) = convert([source], "pdf", tmp)
        with atomic_path(target) as out:
            shutil.copyfile(produced, out)
    return target


def _warm_convert(sources: list[Path], fmt: str, outdir: Path) -> list[Path] | None:
    """Convert on the active warm pool; None (cold path) when there is none or it is down."""
    from .office_warm import WarmUnavailable

    pool = _warm_pool
    if pool is None or fmt not in WARM_FORMATS:
        return None
    try:
        return [pool.convert(s, outdir / f"{s.stem}.{fmt}", fmt) for s in sources]
    except WarmUnavailable as exc:
        log.warning("không dùng được LibreOffice thường trực (%s); chuyển đổi bằng cách "
                    "chạy soffice cho từng lần (chậm hơn)", exc)
        return None


def start_warm(size: int | None = None):
    """Start a warm pool (in the background) and make it the active one; returns it."""
    global _warm_pool
    from .office_warm import WarmPool, default_size

    _warm_pool = WarmPool(size or default_size()).start(background=True)
    return _warm_pool


def stop_warm(pool) -> None:
    global _warm_pool
    if _warm_pool is pool:
        _warm_pool = None
    pool.close()


@contextlib.contextmanager
def warm(size: int | None = None):
    """Within the block, PDFs are made by one warm LibreOffice (started now, in the
    background, so it gets ready while the caller does other work).

    CCHC_OFFICE_WARM=0 turns it off (the cold path, as before), e.g. to compare."""
    if _warm_pool is not None or not available() or os.environ.get("CCHC_OFFICE_WARM") == "0":
        yield _warm_pool
        return
    pool = start_warm(size)
    try:
        yield pool
    finally:
        stop_warm(pool)
