"""Write outputs whole or not at all.

A generator that fails half-way must not leave a truncated DOCX that an office
worker might send out, so every output is written to a temporary file beside the
target and renamed over it only when complete. The temporary file is private
(mkstemp makes it 0600); the finished file gets the mode any new file would get
under the user's umask, so colleagues can open it in a shared folder as usual.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import CchcError


def check_writable(target: str | os.PathLike) -> Path:
    """Fail early, before any work is stored, when ``target`` cannot be written."""
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise CchcError(f"thư mục '{folder}' không tồn tại", file=str(target))
    if not os.access(folder, os.W_OK):
        raise CchcError(f"không có quyền ghi vào thư mục '{folder}'", file=str(target))
    if target.is_dir():
        raise CchcError("đường dẫn kết quả là một thư mục", file=str(target))
    return folder


def current_umask() -> int:
    """The process umask, read without changing it where Linux allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o077)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path; on success rename it to ``target``, else delete it."""
    target = Path(target)
    folder = check_writable(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o666 & ~current_umask())
        os.replace(tmp_path, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp_path.unlink()
        raise


def write_bytes(target: str | os.PathLike, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_text(target: str | os.PathLike, text: str) -> None:
    write_bytes(target, text.encode("utf-8"))
