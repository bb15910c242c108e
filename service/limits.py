"""Refuse an oversized request body before anything reads it.

The per-file limit is checked again while reading each upload; this gate stops a
request whose declared length is beyond every file together, so nothing spools
gigabytes to disk first. A body without a declared length is refused (411).
"""

from __future__ import annotations

import json

BODY_METHODS = (b"POST", b"PUT", b"PATCH")


def _reply(status: int, code: str, message: str):
    body = json.dumps({"error": {"code": code, "message": message, "field": None,
                                 "details": []}}, ensure_ascii=False).encode()

    async def send_error(send) -> None:
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})
    return send_error


class BodyLimit:
    def __init__(self, app, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["method"].encode() in BODY_METHODS:
            headers = dict(scope.get("headers") or [])
            length = headers.get(b"content-length")
            if length is None and b"chunked" in headers.get(b"transfer-encoding", b""):
                return await _reply(411, "length_required",
                                    "yêu cầu phải ghi rõ độ dài (Content-Length)")(send)
            if length is not None:
                try:
                    size = int(length)
                except ValueError:
                    size = -1
                if size < 0:
                    return await _reply(400, "bad_request", "Content-Length không hợp lệ")(send)
                if size > self.max_bytes:
                    return await _reply(413, "too_large", "yêu cầu quá lớn: tối đa "
                                        f"{self.max_bytes // (1024 * 1024)} MB mỗi lần gửi")(send)
        await self.app(scope, receive, send)
