"""The one door to the extractors subsystem, imported late.

The service must start (and generate documents) even where the extractors are
missing or their heavy libraries are not installed; then extraction answers 503.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

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
    """Extractors read files: write the upload to a private temporary directory."""
    with tempfile.TemporaryDirectory(prefix="cchc-up-") as tmp:
        path = Path(tmp) / filename
        path.write_bytes(data)
        record = extractor(path)
    if isinstance(record, dict) and isinstance(record.get("source"), dict):
        record["source"]["file"] = filename
    return record
