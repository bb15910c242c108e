"""Documents from JSON data, as bytes for an HTTP response."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from cchc import office
from cchc.errors import CchcError
from cchc.generator.documents import render_kind
from cchc.generator.stats_form import build_workbook
from cchc.schemas.validate import check

from .errors import ApiError

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"
KINDS = ("plan", "outline", "conclusion", "stats-form")
FORMATS = {"plan": ("docx", "pdf"), "outline": ("docx", "pdf"),
           "conclusion": ("docx", "pdf"), "stats-form": ("xlsx",)}
MEDIA = {"docx": DOCX, "xlsx": XLSX, "pdf": PDF}
FILENAMES = {"plan": "ke-hoach", "outline": "de-cuong", "conclusion": "thong-bao-ket-luan",
             "stats-form": "bieu-thong-ke"}


def _pdf(docx: bytes) -> bytes:
    try:
        office.soffice_path()
    except CchcError as exc:
        raise ApiError(503, "office_missing", "máy chủ không có LibreOffice để xuất PDF; "
                       "hãy tải bản DOCX") from exc
    with tempfile.TemporaryDirectory(prefix="cchc-pdf-") as tmp:
        src = Path(tmp) / "van-ban.docx"
        src.write_bytes(docx)
        return office.to_pdf(src, Path(tmp) / "van-ban.pdf").read_bytes()


def generate(kind: str, data, fmt: str | None = None, *, report: dict | None = None
             ) -> tuple[bytes, str, str]:
    """(content, media type, file name) for ``kind`` rendered from ``data``."""
    if kind not in FORMATS:
        raise ApiError(404, "unknown_kind", f"không có loại văn bản '{kind}'; các loại: "
                       f"{', '.join(KINDS)}", field="kind")
    fmt = fmt or FORMATS[kind][0]
    if fmt not in FORMATS[kind]:
        raise ApiError(422, "bad_format", f"văn bản '{kind}' chỉ xuất được dạng "
                       f"{', '.join(FORMATS[kind])}", field="format")
    if not isinstance(data, dict):
        raise ApiError(422, "invalid", "dữ liệu phải là một đối tượng JSON", field="$")
    if kind == "stats-form":
        check("stats", data)
        buf = io.BytesIO()
        build_workbook(data).save(buf)
        content = buf.getvalue()
    else:
        content = render_kind(kind, data, report=report)
        if fmt == "pdf":
            content = _pdf(content)
    return content, MEDIA[fmt], f"{FILENAMES[kind]}.{fmt}"
