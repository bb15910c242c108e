"""The one table of file formats a report may come in, and how to tell them apart.

Both ``cchc extract`` (through sniff.py) and the service's upload check identify a
file here, by its bytes and never by its name: users rename files ("bao-cao.doc"
that is really a DOCX, a PDF saved as .docx). Zip-based formats are told apart by
their parts, after every part has been inflated under the caps of cchc.core.safezip,
so nothing downstream unpacks a zip bomb. This module imports nothing heavy: the
service loads it even where the extractors' libraries are missing; readers are
named, and imported only when a file is read.
"""

from __future__ import annotations

import importlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from typing import BinaryIO

from cchc.core import office_html, safezip
from cchc.core.errors import CchcError
from cchc.core.incoming import JSON, Incoming, holds_json

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HEAD = 2048


@dataclass(frozen=True)
class Format:
    name: str                   # the record's source.format
    label: str                  # what users call it, in messages
    extensions: tuple[str, ...]
    media_type: str
    reader: str                 # "module:function", the module in cchc.extractors.read
    caps: safezip.ZipCaps | None = None   # zip-based formats only

    def read(self) -> Callable:
        module, _, func = self.reader.partition(":")
        return getattr(importlib.import_module(f"cchc.extractors.read.{module}"), func)


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("docx", "Word (DOCX)", (".docx", ".docm", ".dotx"),
           "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
           "readers:read_docx_file", safezip.DOCX_CAPS),
    Format("xlsx", "Excel (XLSX)", (".xlsx", ".xlsm"),
           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           "readers:read_xlsx_file", safezip.XLSX_CAPS),
    Format("pdf", "PDF", (".pdf",), "application/pdf", "readers:read_pdf_file"),
    # LibreOffice reads old Word, RTF, OpenDocument text and Word's web pages the same way.
    Format("doc", "Word cũ (DOC, RTF, ODT, Word-HTML)", (".doc", ".rtf", ".odt"),
           "application/msword", "readers:read_doc_file", safezip.DOCX_CAPS),
    # Excel 97–2003 and Excel's web pages: LibreOffice turns them into XLSX first.
    Format("xls", "Excel cũ (XLS)", (".xls",), "application/vnd.ms-excel",
           "readers:read_xls_file"),
    Format("png", "ảnh quét PNG", (".png",), "image/png", "readers:read_image_file"),
    Format("jpeg", "ảnh quét JPEG", (".jpg", ".jpeg"), "image/jpeg", "readers:read_image_file"),
    Format("tiff", "ảnh quét TIFF", (".tif", ".tiff"), "image/tiff", "readers:read_image_file"),
)}

IMAGE_MAGIC = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg", b"II*\x00": "tiff",
               b"MM\x00*": "tiff"}
# What each zip-based format must hold, in the order tried.
ZIP_PARTS = (("word/document.xml", "docx"), ("xl/workbook.xml", "xlsx"), ("content.xml", "doc"))
ACCEPTED = "DOCX, DOC, PDF, XLSX, XLS hoặc ảnh quét PNG, JPEG, TIFF"


# Users cannot tell the members of one family apart and rename freely: a ".doc" that
# is really a DOCX, a Word 97 file or a Word web page named ".docx", an ".xls" that is an
# XLSX. Each is read by what its bytes are; only a name of another family is refused.
FAMILIES = ({"docx", "doc"}, {"xlsx", "xls"}, {"png", "jpeg", "tiff"})


class UnknownFormat(CchcError):
    """Bytes that are none of the formats in the table."""


def receive(name: str, data: bytes, *, max_unzipped: int | None = None,
            allow_json: bool = False, strict_name: bool = False) -> Incoming:
    """The one intake of a file's bytes: identified once (a JSON record by content when
    ``allow_json``, else by the table below, zips inflated under the caps once) and
    hashed once. ``strict_name``: a name of another format family is refused (the
    command line, where the user named the file; the service renames instead)."""
    found = format_of(data, name, max_unzipped, allow_json=allow_json)
    if strict_name and found != JSON:
        check_name(FORMATS[found], name)
    return Incoming.of(name, data, found)


def format_of(data: bytes, name: str, max_unzipped: int | None = None, *,
              allow_json: bool = False) -> str:
    """The format's name of a file's bytes, or "json" for an extracted record (by
    content, for every entry: the CLI, the API, the jobs and the review page)."""
    if allow_json and holds_json(data):
        return JSON
    return identify(io.BytesIO(data), name, max_unzipped).name


def check_name(fmt: Format, name: str) -> None:
    """Refuse a file whose extension says a format of another family than its bytes."""
    suffix = PurePath(name).suffix
    expected = by_extension(suffix)
    if expected and expected.name != fmt.name \
            and not any({expected.name, fmt.name} <= family for family in FAMILIES):
        raise CchcError(f"tệp có đuôi {suffix} nhưng nội dung là {fmt.label}; "
                        f"hãy đổi tên tệp cho đúng định dạng", file=name)


def by_extension(suffix: str) -> Format | None:
    suffix = suffix.lower()
    return next((f for f in FORMATS.values() if suffix in f.extensions), None)


def identify(fh: BinaryIO, name: str, max_unzipped: int | None = None) -> Format:
    """The format of an open, seekable file; CchcError (naming ``name``) otherwise.

    ``max_unzipped`` overrides the total cap of zip-based formats.
    """
    fh.seek(0)
    head = fh.read(HEAD)
    fh.seek(0)
    if not head:
        raise CchcError("tệp rỗng (0 byte)", file=name)
    if b"%PDF-" in head[:1024]:
        return FORMATS["pdf"]
    if head.startswith(b"PK"):
        return _zip_format(fh, name, max_unzipped)
    if head.startswith(OLE_MAGIC):
        return _ole_format(fh, name)
    if head.lstrip().startswith(b"{\\rtf"):
        return FORMATS["doc"]
    for magic, fmt in IMAGE_MAGIC.items():
        if head.startswith(magic):
            return FORMATS[fmt]
    if b"<" in head[:1024]:
        return _web_page(fh, name)
    raise UnknownFormat(f"không nhận ra định dạng tệp (cần {ACCEPTED})", file=name)


def _zip_format(fh: BinaryIO, name: str, max_unzipped: int | None) -> Format:
    infos = safezip.check(fh, name, safezip.DOCX_CAPS.with_total(max_unzipped))
    names = {i.filename for i in infos}
    for part, fmt in ZIP_PARTS:
        if part in names:
            found = FORMATS[fmt]
            safezip.enforce(infos, name, found.caps.with_total(max_unzipped))
            return found
    raise UnknownFormat("tệp ZIP không phải tài liệu Word (DOCX) hay Excel (XLSX)", file=name)


def _ole_format(fh: BinaryIO, name: str) -> Format:
    """Old binary Office files; encrypted DOCX/XLSX also live in this container."""
    data = fh.read(4 * 1024 * 1024)
    fh.seek(0)
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise CchcError("tệp được bảo vệ bằng mật khẩu; hãy gỡ mật khẩu rồi gửi lại", file=name)
    if "WordDocument".encode("utf-16-le") in data:
        return FORMATS["doc"]
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return FORMATS["xls"]
    raise UnknownFormat("tệp Office dạng cũ không phải tài liệu Word hay bảng tính Excel",
                        file=name)


def _web_page(fh: BinaryIO, name: str) -> Format:
    """A Word or Excel document saved as a web page (named .doc/.xls by the office) is
    read as one; any other HTML is refused, naming what it is."""
    head = fh.read(office_html.HEAD)
    fh.seek(0)
    kind = office_html.html_kind(head)
    if kind == "word":
        return FORMATS["doc"]
    if kind == "excel":
        return FORMATS["xls"]
    if office_html.is_html(head):
        raise UnknownFormat(f"tệp là một trang web HTML, không phải tài liệu Word hay Excel "
                            f"(cần {ACCEPTED}); hãy mở bằng Word rồi lưu thành .docx",
                            file=name)
    raise UnknownFormat(f"không nhận ra định dạng tệp (cần {ACCEPTED})", file=name)
