"""Upload limits: size, type by content (not by name), and zip bombs.

The name a browser sends says nothing; the first bytes and, for Office files,
the parts inside the zip do. An archive whose parts inflate past the limit is
refused before anything unpacks it.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from fastapi import UploadFile

from cchc.vn import nfc

from .errors import ApiError

CHUNK = 256 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
IMAGE_MAGIC = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpg", b"II*\x00": "tif",
               b"MM\x00*": "tif"}
MEDIA = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "pdf": "application/pdf", "doc": "application/msword", "json": "application/json",
         "png": "image/png", "jpg": "image/jpeg", "tif": "image/tiff"}


@dataclass
class Upload:
    filename: str
    data: bytes
    kind: str  # docx, xlsx, pdf, doc, json, png, jpg, tif


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


def _zip_kind(data: bytes, filename: str, unzipped_limit: int) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise ApiError(415, "unsupported_type", f"tệp '{filename}' là tệp nén hỏng",
                       field="file") from exc
    total = sum(i.file_size for i in infos)
    if total > unzipped_limit or len(infos) > 10_000:
        raise ApiError(413, "zip_bomb", f"tệp '{filename}' khi giải nén vượt giới hạn "
                       f"{unzipped_limit // (1024 * 1024)} MB", field="file")
    names = {i.filename for i in infos}
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    raise ApiError(415, "unsupported_type", f"tệp '{filename}' là tệp nén nhưng không phải "
                   "Word (.docx) hay Excel (.xlsx)", field="file")


def sniff(data: bytes, filename: str, unzipped_limit: int, *, allow_json: bool) -> str:
    if not data:
        raise ApiError(422, "empty_file", f"tệp '{filename}' rỗng", field="file")
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(OLE_MAGIC):
        return "doc"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data, filename, unzipped_limit)
    for magic, kind in IMAGE_MAGIC.items():
        if data.startswith(magic):
            return kind
    if allow_json and data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        try:
            json.loads(data.decode("utf-8-sig"))
            return "json"
        except RecursionError:
            return "json"  # it is JSON; reading it as a record refuses the depth
        except (UnicodeDecodeError, ValueError):
            pass
    raise ApiError(415, "unsupported_type", f"tệp '{filename}' không phải DOCX, XLSX, PDF, "
                   "DOC hay ảnh quét (PNG, JPEG, TIFF)" + (" hay bản ghi JSON" if allow_json
                                                           else ""), field="file")


def accept(upload: UploadFile, limit: int, unzipped_limit: int, *,
           allow_json: bool = False) -> Upload:
    data = read_limited(upload, limit)
    kind = sniff(data, upload.filename or "tệp", unzipped_limit, allow_json=allow_json)
    name = safe_name(upload.filename, kind)
    if PurePath(name).suffix.lower().lstrip(".") != kind:
        name = f"{PurePath(name).stem or 'tep'}.{kind}"
    return Upload(name, data, kind)
