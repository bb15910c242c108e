"""Decide a request's fate before anything reads its body.

A pure ASGI middleware, so nothing (FastAPI's JSON parsing, the multipart parser and
its spooling to /tmp) has touched the body yet: it finds the route, takes that route's
own limit (JSON and forms 2 MB, one upload at the upload limit, a batch at the batch
limit, the login forms a few KB), refuses a declared length beyond it (413), refuses
an unauthenticated caller (401, or the login page for the web pages), and then counts
the bytes as they stream in, stopping at the limit whatever the headers said.
Only the two login routes read a body from someone not yet known.

Uploads (routes taking files) are also bounded in number: at most
``settings.uploads_in_flight`` per process are received and handled at once (each may
hold its file in memory and on disk, 32 parallel 20 MB uploads added about 1 GB); one
more is answered 503 with Retry-After before its body is read.
"""

from __future__ import annotations

import json
import typing
from dataclasses import dataclass

from anyio import to_thread
from fastapi import params
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException
from starlette.routing import Match

from .errors import HTTP_MESSAGES

BODY_METHODS = ("POST", "PUT", "PATCH", "DELETE")
JSON_LIMIT = 2 * 1024 * 1024
LOGIN_LIMIT = 16 * 1024
FRAMING = 1024 * 1024  # multipart boundaries and headers around the files
# and redeeming a unit's invite code (routers/unit_form.py)
LOGIN_ROUTES = {("POST", "/api/auth/token"), ("POST", "/login"), ("POST", "/don-vi/nhan-ma")}
# Pages that read an uploaded file from request.form() themselves (no File parameter).
FORM_UPLOADS = {("POST", "/plan/upload")}


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` when the streamed body passes the route's limit; an
    HTTPException so FastAPI's body parsing lets it through as a 413."""

    def __init__(self, limit: int):
        super().__init__(413, too_large_message(limit))
        self.limit = limit


def too_large_message(limit: int) -> str:
    if limit >= 1024 * 1024:
        return f"yêu cầu quá lớn: tối đa {limit / (1024 * 1024):.0f} MB cho địa chỉ này"
    return f"yêu cầu quá lớn: tối đa {limit // 1024} KB cho địa chỉ này"


UPLOAD_RETRY_SECONDS = 10


@dataclass(frozen=True)
class Policy:
    limit: int
    needs_auth: bool
    upload: bool = False


def _body_fields(route: APIRoute) -> list:
    """The route's body fields, its sub-dependencies' included."""
    fields, pending = [], [route.dependant]
    while pending:
        dependant = pending.pop()
        fields += dependant.body_params
        pending += dependant.dependencies
    return fields


def _upload_kind(route: APIRoute) -> str | None:
    """'one' for a single UploadFile, 'many' for a list of them, None for no file."""
    kind = None
    for field in _body_fields(route):
        if isinstance(field.field_info, params.File):
            many = typing.get_origin(field.field_info.annotation) is list
            kind = "many" if many or kind == "many" else "one"
    return kind


def policy_for(scope) -> Policy:
    """The limit and the authentication gate of the route this request goes to.

    ``app.state.body_routes`` lists the routers' own routes (create_app fills it): the
    app's router wraps included routers in private classes that differ by version."""
    method, path = scope["method"], scope["path"]
    settings = scope["app"].state.settings
    if (method, path) in LOGIN_ROUTES:
        return Policy(LOGIN_LIMIT, needs_auth=False)
    if (method, path) in FORM_UPLOADS:
        return Policy(settings.upload_limit_bytes + FRAMING, needs_auth=True, upload=True)
    for route in scope["app"].state.body_routes:
        match, _child = route.matches(scope)
        if match != Match.FULL:
            continue
        kind = _upload_kind(route) if isinstance(route, APIRoute) else None
        if kind == "one":
            return Policy(settings.upload_limit_bytes + FRAMING, needs_auth=True, upload=True)
        if kind == "many":
            return Policy(settings.batch_limit_bytes + FRAMING, needs_auth=True, upload=True)
        return Policy(JSON_LIMIT, needs_auth=True)
    return Policy(JSON_LIMIT, needs_auth=False)  # a 404 or 405: nothing reads the body


def _json_reply(status: int, code: str, message: str, extra: list | None = None):
    body = json.dumps({"error": {"code": code, "message": message, "field": None,
                                 "details": []}}, ensure_ascii=False).encode()
    headers = [(b"content-type", b"application/json"),
               (b"content-length", str(len(body)).encode()), (b"connection", b"close")]
    return headers + list(extra or []), body


async def _send(send, status: int, headers: list, body: bytes) -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class Gate:
    """Route limits and authentication ahead of the body (see the module docstring).

    ``authenticate(scope)`` is a blocking callable (it may query the database) that
    says whether the request carries a valid token or session; it runs in a thread.
    """

    def __init__(self, app, authenticate):
        self.app, self.authenticate = app, authenticate
        self.uploads = 0  # in flight in this process (one event loop: no lock needed)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] not in BODY_METHODS:
            return await self.app(scope, receive, send)
        policy = policy_for(scope)
        refusal = self._refuse_by_headers(scope, policy.limit)
        if refusal is not None:
            return await _send(send, *refusal)
        if policy.needs_auth and not await to_thread.run_sync(self.authenticate, scope):
            return await _send(send, *self._unauthenticated(scope))
        if not policy.upload:
            return await self._counted(scope, receive, send, policy.limit)
        if self.uploads >= scope["app"].state.settings.uploads_in_flight:
            return await _send(send, 503, *_json_reply(
                503, "busy", "máy chủ đang nhận nhiều tệp cùng lúc; hãy gửi lại sau "
                f"{UPLOAD_RETRY_SECONDS} giây",
                [(b"retry-after", str(UPLOAD_RETRY_SECONDS).encode())]))
        self.uploads += 1
        try:
            await self._counted(scope, receive, send, policy.limit)
        finally:
            self.uploads -= 1

    @staticmethod
    def _refuse_by_headers(scope, limit: int):
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is None:
            if b"chunked" in headers.get(b"transfer-encoding", b""):
                return (411, *_json_reply(411, "length_required",
                                          "yêu cầu phải ghi rõ độ dài (Content-Length)"))
            return None
        try:
            size = int(length)
        except ValueError:
            size = -1
        if size < 0:
            return (400, *_json_reply(400, "bad_request", "Content-Length không hợp lệ"))
        if size > limit:
            return (413, *_json_reply(413, "too_large", too_large_message(limit)))
        return None

    @staticmethod
    def _unauthenticated(scope):
        if scope["path"].startswith("/api/"):
            code, _ = HTTP_MESSAGES[401]
            return (401, *_json_reply(401, code, "cần đăng nhập (mã truy cập Bearer hoặc phiên)",
                                      [(b"www-authenticate", b"Bearer")]))
        return (303, [(b"location", b"/login"), (b"content-length", b"0"),
                      (b"connection", b"close")], b"")

    async def _counted(self, scope, receive, send, limit: int) -> None:
        seen = 0
        started = False

        async def counting_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(limit)
            return message

        async def tracking_send(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge as exc:
            if started:
                raise
            await _send(send, 413, *_json_reply(413, "too_large", exc.detail))
