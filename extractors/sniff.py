"""Which reader a file needs, decided by its bytes, and the safety limits.

Users rename files ("bao-cao.doc" that is really a DOCX, a PDF saved as .docx),
so the extension alone is not trusted. Limits on uncompressed size and page count
keep a zip bomb or a 2 000-page scan from exhausting a worker.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from cchc.errors import CchcError

DEFAULT_MAX_UNZIPPED = 200 * 1024 * 1024
DEFAULT_MAX_PAGES = 200

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_EXTENSIONS = {
    ".docx": "docx", ".docm": "docx", ".dotx": "docx",
    ".pdf": "pdf",
    ".xlsx": "xlsx", ".xlsm": "xlsx",
    ".doc": "doc", ".rtf": "doc", ".odt": "doc",
    ".tif": "image", ".tiff": "image", ".png": "image", ".jpg": "image", ".jpeg": "image",
}
# A ".doc" that is really a DOCX or RTF is common and harmless.
_LENIENT = {("doc", "docx")}
_NAMES = {"docx": "DOCX", "pdf": "PDF", "xlsx": "XLSX", "doc": "DOC", "image": "ảnh quét"}
_IMAGE_MAGIC = (b"II*\x00", b"MM\x00*", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


@dataclass(frozen=True)
class Limits:
    max_pages: int = DEFAULT_MAX_PAGES
    max_unzipped: int = DEFAULT_MAX_UNZIPPED


def sniff(path: Path, limits: Limits) -> str:
    """Return "docx", "pdf", "xlsx", "doc" or "image"; raise CchcError for anything else."""
    try:
        with path.open("rb") as fh:
            head = fh.read(2048)
    except FileNotFoundError as exc:
        raise CchcError("không tìm thấy tệp", file=str(path)) from exc
    except IsADirectoryError as exc:
        raise CchcError("đây là thư mục, không phải tệp", file=str(path)) from exc
    except OSError as exc:
        raise CchcError(f"không đọc được tệp ({exc.strerror})", file=str(path)) from exc
    if not head:
        raise CchcError("tệp rỗng (0 byte)", file=str(path))
    fmt = _by_content(path, head, limits)
    expected = _EXTENSIONS.get(path.suffix.lower())
    if expected and expected != fmt and (expected, fmt) not in _LENIENT:
        raise CchcError(f"tệp có đuôi {path.suffix} nhưng nội dung là {_NAMES[fmt]}; "
                        f"hãy đổi tên tệp cho đúng định dạng", file=str(path))
    return fmt


def _by_content(path: Path, head: bytes, limits: Limits) -> str:
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK"):
        return _zip_kind(path, limits)
    if head.startswith(OLE_MAGIC):
        return _ole_kind(path)
    if head.lstrip().startswith(b"{\\rtf"):
        return "doc"
    if head.startswith(_IMAGE_MAGIC):
        return "image"  # a scan saved as TIFF, PNG or JPEG: read by OCR like a scanned PDF
    raise CchcError("không nhận ra định dạng tệp (cần DOCX, PDF, XLSX, DOC hoặc ảnh quét "
                    "TIFF/PNG/JPEG)", file=str(path))


def _zip_kind(path: Path, limits: Limits) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise CchcError("tệp ZIP (DOCX/XLSX) bị hỏng hoặc bị cắt cụt", file=str(path)) from exc
    total = sum(i.file_size for i in infos)
    if total > limits.max_unzipped:
        raise CchcError(f"tệp giải nén ra {total // (1024 * 1024)} MB, vượt giới hạn "
                        f"{limits.max_unzipped // (1024 * 1024)} MB (nghi tệp ZIP độc hại); "
                        f"dùng --max-unzipped-mb để nới giới hạn nếu tệp đáng tin",
                        file=str(path))
    names = {i.filename for i in infos}
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "content.xml" in names:
        return "doc"  # OpenDocument: LibreOffice reads it the same way as .doc
    raise CchcError("tệp ZIP không phải tài liệu Word (DOCX) hay Excel (XLSX)", file=str(path))


def _ole_kind(path: Path) -> str:
    """Old binary Office files; encrypted DOCX/XLSX also live in this container."""
    with path.open("rb") as fh:
        data = fh.read(4 * 1024 * 1024)
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise CchcError("tệp được bảo vệ bằng mật khẩu; hãy gỡ mật khẩu rồi gửi lại",
                        file=str(path))
    if "Workbook".encode("utf-16-le") in data:
        raise CchcError("tệp Excel cũ (.xls) chưa được hỗ trợ; hãy lưu lại thành .xlsx",
                        file=str(path))
    if "WordDocument".encode("utf-16-le") in data:
        return "doc"
    raise CchcError("tệp Office dạng cũ không phải tài liệu Word", file=str(path))
