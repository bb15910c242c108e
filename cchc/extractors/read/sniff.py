"""Which reader a file on disk needs, decided by its bytes, and the safety limits.

The formats themselves are in formats.py (shared with the service's upload
check); this is the command line's side: open the named file safely, identify
it, and refuse a name whose extension says another format. Limits on
uncompressed size and page count keep a zip bomb or a 2 000-page scan from
exhausting a worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cchc.core import safezip
from cchc.core.infile import open_regular
from cchc.extractors.read.formats import Format, check_name, identify

DEFAULT_MAX_UNZIPPED = safezip.DOCX_CAPS.total
DEFAULT_MAX_PAGES = 200


@dataclass(frozen=True)
class Limits:
    max_pages: int = DEFAULT_MAX_PAGES
    max_unzipped: int = DEFAULT_MAX_UNZIPPED
    inflated: bool = False  # the intake already inflated every zip part under the caps


def sniff_format(path: Path, limits: Limits) -> Format:
    """The file's Format; CchcError for anything unreadable, unknown or misnamed."""
    with open_regular(path) as fh:
        fmt = identify(fh, str(path), limits.max_unzipped)
    check_name(fmt, str(path))
    return fmt


def sniff(path: Path, limits: Limits) -> str:
    """Return the format's name ("docx", "pdf", "xlsx", "xls", "doc", "png", "jpeg", "tiff")."""
    return sniff_format(path, limits).name
