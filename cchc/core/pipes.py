"""A reader that closes the pipe early (``cchc check … | head -1``) ends the output quietly.

Python raises BrokenPipeError on the next write and again when it flushes stdout
at exit ("Exception ignored … BrokenPipeError"). Pointing stdout at /dev/null
once the pipe is gone stops both, as other Unix tools simply stop writing.
"""

from __future__ import annotations

import os
import sys


def quiet_stdout() -> None:
    """Send whatever is still written to stdout to /dev/null (the reader has gone)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real file descriptor (tests capture stdout)
        pass
