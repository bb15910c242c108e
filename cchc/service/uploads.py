"""Upload limits: size, type by content (not by name), and zip bombs.

The name a browser sends says nothing; the first bytes and, for Office files,
the parts inside the zip do. An archive whose parts inflate past the limit is
refused before anything unpacks it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import PurePath

from fastapi import UploadFile

from cchc.core import safezip
from cchc.core.errors import CchcError
from cchc.core.incoming import Incoming
from cchc.core.vn import nfc
from cchc.extractors import formats

from .errors import ApiError

CHUNK = 256 * 1024
MEDIA = {f.name: f.media_type for f in formats.FORMATS.values()} | {"json": "application/json"}


@dataclass
class Upload:
    filename: str
    data: bytes
    kind: str  # a name in cchc.extractors.formats.FORMATS, or json

    @cached_property
    def incoming(self) -> Incoming:
        """The upload as the rest of cchc takes it: hashed here, once per upload."""
        return Incoming.of(self.filename, self.data, self.kind)


def safe_name(name: str | None, kind: str) -> str:
    base = nfc(PurePath((name or "").replace("\\", "/")).name).strip() or f"tep.{kind}"
    base = "".join(ch for ch in base if ch.isprintable() and ch not in '<>:"/|?*')[:200]
    return base or f"tep.{kind}"


def read_limited(upload: UploadFile, limit: int) -> bytes:
    buf = bytearray()
    upload.file.seek(0)
    while chunk := upload.file.read(CHUNK):
        buf += chunk
        if len(buf) > limit:
            raise ApiError(413, "too_large",
                           f"tệp '{upload.filename}' lớn hơn giới hạn "
                           f"{limit / (1024 * 1024):.0f} MB", field="file")
    return bytes(buf)


def sniff(data: bytes, filename: str, unzipped_limit: int, *, allow_json: bool) -> str:
    """The format's name from the one table (cchc.extractors.formats), or "json"."""
    if not data:
        raise ApiError(422, "empty_file", f"tệp '{filename}' rỗng", field="file")
    try:
        return formats.format_of(data, filename, unzipped_limit, allow_json=allow_json)
    except safezip.ZipTooLarge as exc:
        raise ApiError(413, "zip_bomb", f"tệp '{filename}': {exc.message}", field="file") from exc
    except CchcError as exc:
        accepted = formats.ACCEPTED + (" hoặc bản ghi JSON" if allow_json else "")
        message = exc.message.replace(f" (cần {formats.ACCEPTED})", "")  # said once, below
        raise ApiError(415, "unsupported_type", f"tệp '{filename}': {message} "
                       f"(nhận {accepted})", field="file") from exc


def accept(upload: UploadFile, limit: int, unzipped_limit: int, *,
           allow_json: bool = False) -> Upload:
    data = read_limited(upload, limit)
    kind = sniff(data, upload.filename or "tệp", unzipped_limit, allow_json=allow_json)
    name = safe_name(upload.filename, kind)
    suffix = PurePath(name).suffix.lower()
    wanted = formats.FORMATS[kind].extensions if kind in formats.FORMATS else (".json",)
    if suffix not in wanted:
        name = f"{PurePath(name).stem or 'tep'}{wanted[0]}"
    return Upload(name, data, kind)
