"""Documents from JSON data, as bytes for an HTTP response."""

from __future__ import annotations

import tempfile
from pathlib import Path

from cchc.core import office
from cchc.core.errors import CchcError
from cchc.generator.documents import KINDS, render_kind

from .errors import ApiError

MEDIA = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "pdf": "application/pdf"}


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
    spec = KINDS.get(kind)
    if spec is None:
        raise ApiError(404, "unknown_kind", f"không có loại văn bản '{kind}'; các loại: "
                       f"{', '.join(KINDS)}", field="kind")
    fmt = fmt or spec.formats[0]
    if fmt not in spec.formats:
        raise ApiError(422, "bad_format", f"văn bản '{kind}' chỉ xuất được dạng "
                       f"{', '.join(spec.formats)}", field="format")
    if not isinstance(data, dict):
        raise ApiError(422, "invalid", "dữ liệu phải là một đối tượng JSON", field="$")
    takes_report = any(i.name == "report" for i in spec.inputs)
    content = render_kind(kind, data, **({"report": report} if takes_report else {}))
    if fmt == "pdf":
        content = _pdf(content)
    return content, MEDIA[fmt], f"{spec.filename}.{fmt}"
