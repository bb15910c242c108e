"""LibreOffice headless as a converter (DOCX → PDF, DOC → DOCX).

Each call gets its own throw-away user profile: two soffice processes sharing a
profile make the second exit silently without converting, which is how batch
jobs and parallel tests lose files.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .errors import CchcError

TIMEOUT_SECONDS = 300
_MISSING = ("không tìm thấy LibreOffice (lệnh soffice); hãy cài gói Debian "
            "libreoffice-writer-nogui (apt-get install -y libreoffice-writer-nogui)")


def soffice_path() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if not path:
        raise CchcError(_MISSING)
    return path


def convert(sources: Sequence[str | os.PathLike], fmt: str, outdir: str | os.PathLike,
            ) -> list[Path]:
    """Convert files with one soffice run; returns the output paths in order.

    ``fmt`` is a LibreOffice filter spec such as "pdf" or "docx". The argument list
    is passed without a shell, so file names never reach one.
    """
    exe = soffice_path()
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    sources = [Path(s).resolve() for s in sources]
    if not sources:
        return []
    ext = fmt.split(":")[0]
    with tempfile.TemporaryDirectory(prefix="cchc-lo-") as profile:
        cmd = [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               "--convert-to", fmt, "--outdir", str(outdir), *map(str, sources)]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_SECONDS,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired as exc:
            raise CchcError(f"LibreOffice không chuyển đổi xong sau {TIMEOUT_SECONDS} giây"
                            ) from exc
    outputs = [outdir / f"{s.stem}.{ext}" for s in sources]
    missing = [str(s) for s, o in zip(sources, outputs, strict=False) if not o.exists()]
    if missing:
        detail = (proc.stderr or proc.stdout).strip()[-500:]
        raise CchcError(f"LibreOffice không chuyển đổi được sang {ext}: {', '.join(missing)}"
                        + (f" ({detail})" if detail else ""))
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
