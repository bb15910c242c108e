"""Open a file the user named, refusing anything that is not a regular file at once.

A FIFO given to ``open()`` blocks until someone writes to it, a device may never
end, and a directory fails late with a confusing message. Opening with
O_NONBLOCK never waits, and ``fstat`` on the open descriptor (not on the name,
which could be swapped in between) says what it really is.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import BinaryIO

from .errors import CchcError

_KINDS = ((stat.S_ISDIR, "đây là thư mục, không phải tệp"),
          (stat.S_ISFIFO, "đây là ống dẫn (FIFO), không phải tệp thông thường"),
          (stat.S_ISSOCK, "đây là socket, không phải tệp thông thường"),
          (stat.S_ISCHR, "đây là thiết bị, không phải tệp thông thường"),
          (stat.S_ISBLK, "đây là thiết bị, không phải tệp thông thường"))


def open_regular(path: str | os.PathLike, name: str | None = None) -> BinaryIO:
    """A binary handle on a regular file; CchcError naming ``name`` (default: the path)."""
    name = name or str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError as exc:
        raise CchcError("không tìm thấy tệp", file=name) from exc
    except IsADirectoryError as exc:
        raise CchcError(_KINDS[0][1], file=name) from exc
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise CchcError("tên tệp quá dài để mở (hãy đổi sang tên ngắn hơn)",
                            file=name) from exc
        raise CchcError(f"không đọc được tệp ({exc.strerror})", file=name) from exc
    try:
        mode = os.fstat(fd).st_mode
        for test, message in _KINDS:
            if test(mode):
                raise CchcError(message, file=name)
        if not stat.S_ISREG(mode):
            raise CchcError("không phải tệp thông thường", file=name)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def regular_size(path: str | os.PathLike, name: str | None = None) -> int:
    """Size of a regular file, with the same refusals as ``open_regular``."""
    with open_regular(path, name) as fh:
        return os.fstat(fh.fileno()).st_size


__all__ = ["open_regular", "regular_size"]
