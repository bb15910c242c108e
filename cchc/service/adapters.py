"""The one door to the extractors subsystem, imported late.

The service must start (and generate documents) even where the extractors are
missing or their heavy libraries are not installed; then extraction answers 503.
"""

from __future__ import annotations

import logging
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from cchc.core.errors import CchcError
from cchc.core.incoming import Incoming

from .errors import ApiError

log = logging.getLogger("cchc.service")
_LEFTOVER = re.compile(r"\s*(\(\s*\)|:\s*$)")
# The extractor's private copy of an upload (cchc.extractors.record.extract_incoming).
_TEMPORARY = re.compile(re.escape(tempfile.gettempdir()) + r"/cchc-up-[^/\s]+(/upload[.\w]*)?")


def _extract_file() -> Callable:
    try:
        from cchc import extractors
        return extractors.extract_incoming
    except (ImportError, AttributeError) as exc:
        raise ApiError(503, "extractor_missing", "bộ trích xuất báo cáo chưa được cài đặt "
                       "trên máy chủ; hãy tải lên bản ghi JSON đã trích xuất") from exc


def available() -> bool:
    try:
        _extract_file()
        return True
    except ApiError:
        return False


def extract(incoming: Incoming) -> dict:
    """The service's extractor: ``Incoming`` → record (the app's ``extractor``; tests
    stand in their own with the same signature)."""
    return _extract_file()(incoming)


def extract_incoming(extractor: Callable[[Incoming], dict], incoming: Incoming) -> dict:
    """Run the extractor on an upload the intake already identified and hashed; a
    refusal names the upload and keeps the library's own words for the server log."""
    try:
        record = extractor(incoming)
    except CchcError as exc:
        log.info("extractor refused %s: %s", incoming.name, exc.render())
        raise public_error(exc, "", "", incoming.name) from exc
    if isinstance(record, dict) and isinstance(record.get("source"), dict):
        record["source"]["file"] = incoming.name
    return record


def disk_suffix(filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    return suffix if suffix.isascii() and len(suffix) <= 8 else ""


def _public(text: str, internal: str, tmp: str, disk_name: str, filename: str) -> str:
    if internal:
        text = text.replace(internal, "")
    if tmp:
        text = text.replace(str(Path(tmp) / disk_name), filename).replace(tmp, "")
    text = _TEMPORARY.sub(lambda m: filename if m.group(1) else "", text)
    return _LEFTOVER.sub("", text).strip()


def public_error(exc: CchcError, tmp: str, disk_name: str, filename: str) -> CchcError:
    """The same refusal without the temporary path or the quoted library error."""
    internal = str(exc.__cause__) if exc.__cause__ is not None else ""
    message = _public(exc.message, internal, tmp, disk_name, filename) \
        or "tệp hỏng hoặc không đọc được"
    details = [_public(d, internal, tmp, disk_name, filename) for d in exc.details]
    out = CchcError(message, file=filename if exc.file else None, details=details)
    out.exit_code = exc.exit_code
    return out
