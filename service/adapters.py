"""The one door to the extractors subsystem, imported late.

The service must start (and generate documents) even where the extractors are
missing or their heavy libraries are not installed; then extraction answers 503.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from cchc.errors import CchcError

from .errors import ApiError


def _extract_file() -> Callable:
    try:
        from cchc import extractors
        return extractors.extract_file
    except (ImportError, AttributeError) as exc:
        raise ApiError(503, "extractor_missing", "bộ trích xuất báo cáo chưa được cài đặt "
                       "trên máy chủ; hãy tải lên bản ghi JSON đã trích xuất") from exc


def available() -> bool:
    try:
        _extract_file()
        return True
    except ApiError:
        return False


def extract(path: Path) -> dict:
    return _extract_file()(Path(path))


def extract_bytes(extractor: Callable[[Path], dict], data: bytes, filename: str) -> dict:
    """Extractors read files: write the upload to a private temporary directory.

    On disk the file is ``upload`` plus its extension: the user's name (kept for
    display, in the record and in every message) may be longer than a file name
    may be (255 bytes; 215 Vietnamese letters are ~320), and the temporary
    directory's path never reaches the user.
    """
    with tempfile.TemporaryDirectory(prefix="cchc-up-") as tmp:
        path = Path(tmp) / f"upload{disk_suffix(filename)}"
        path.write_bytes(data)
        try:
            record = extractor(path)
        except CchcError as exc:
            raise _renamed(exc, str(path), tmp, filename) from exc
    if isinstance(record, dict) and isinstance(record.get("source"), dict):
        record["source"]["file"] = filename
    return record


def disk_suffix(filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    return suffix if suffix.isascii() and len(suffix) <= 8 else ""


def _renamed(exc: CchcError, path: str, tmp: str, filename: str) -> CchcError:
    """The same error, naming the user's file instead of the temporary one."""
    def clean(text: str) -> str:
        return text.replace(path, filename).replace(tmp, "")

    exc.message = clean(exc.message)
    exc.details = [clean(d) for d in exc.details]
    exc.file = filename if exc.file else None
    exc.args = (exc.render(),)
    return exc
