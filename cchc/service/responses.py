"""File downloads with a Vietnamese file name that every browser keeps."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import Response

from cchc.core.vn import fold


def download(content: bytes, media_type: str, filename: str) -> Response:
    ascii_name = "".join(ch if ch.isascii() and ch.isprintable() and ch not in '"\\' else "_"
                         for ch in fold(filename)) or "tep"
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    return Response(content, media_type=media_type,
                    headers={"Content-Disposition": disposition})
