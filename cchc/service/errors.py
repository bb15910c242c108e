"""One JSON shape for every error: ``{"error": {code, message, field, details}}``.

Messages are Vietnamese for the office user; ``code`` is stable for programs;
``field`` is the JSON path (or form field) the problem is in, when there is one.
"""

from __future__ import annotations

import logging
import re

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from cchc.core.errors import DISK_FULL, CchcError, Conflict, Invalid, NotFound, is_disk_full

log = logging.getLogger("cchc.service")
_PATH = re.compile(r"^(\$[^:\s]*):\s")

HTTP_MESSAGES = {
    400: ("bad_request", "yêu cầu không hợp lệ"),
    401: ("unauthenticated", "cần đăng nhập"),
    403: ("forbidden", "không đủ quyền"),
    404: ("not_found", "không tìm thấy địa chỉ này"),
    405: ("method_not_allowed", "phương thức không được hỗ trợ ở địa chỉ này"),
    406: ("not_acceptable", "không trả được định dạng yêu cầu"),
    409: ("conflict", "xung đột với dữ liệu đã có"),
    413: ("too_large", "tệp tải lên quá lớn"),
    415: ("unsupported_type", "loại tệp không được hỗ trợ"),
    422: ("invalid", "dữ liệu không hợp lệ"),
    503: ("unavailable", "chức năng tạm thời không dùng được"),
}


# The base's typed refusals, answered by their class (cchc.core.errors).
KIND_STATUS = ((NotFound, 404), (Conflict, 409), (Invalid, 422))


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, *, field: str | None = None,
                 details: list[str] | None = None, headers: dict | None = None):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.field, self.details, self.headers = field, list(details or []), headers


def not_found(what: str) -> ApiError:
    return ApiError(404, "not_found", f"không tìm thấy {what}")


def body(code: str, message: str, field: str | None = None,
         details: list[str] | None = None) -> dict:
    return {"error": {"code": code, "message": message, "field": field,
                      "details": list(details or [])}}


def field_of(details: list[str]) -> str | None:
    for d in details:
        m = _PATH.match(d)
        if m:
            return m.group(1)
    return None


def _loc_path(loc) -> str:
    parts = [p for p in loc if p not in ("body", "query", "path", "header", "cookie", "form")]
    out = "$"
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else f".{p}"
    return out


def _pydantic_message(err: dict) -> str:
    kind = err.get("type", "")
    if kind == "missing":
        return "thiếu trường bắt buộc"
    if kind.endswith("_type") or kind.endswith("_parsing"):
        return "sai kiểu dữ liệu"
    if kind in ("enum", "literal_error"):
        return "giá trị không thuộc danh sách cho phép"
    if kind.startswith("too_") or kind.startswith("string_too") or kind.endswith("_than"):
        return "giá trị vượt giới hạn cho phép"
    if kind == "json_invalid":
        return "JSON sai cú pháp"
    return "giá trị không hợp lệ"


def respond(request: Request, status: int, payload: dict, headers: dict | None = None):
    """JSON for the API; a page in the same words for a person using the web pages."""
    page = getattr(request.app.state, "html_error", None)
    if page is not None and not request.url.path.startswith(("/api/", "/static/")) \
            and request.url.path not in ("/openapi.json", "/docs", "/redoc"):
        return page(request, status, payload["error"])
    return JSONResponse(payload, status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api(request: Request, exc: ApiError):
        return respond(request, exc.status, body(exc.code, exc.message, exc.field, exc.details),
                       exc.headers)

    async def _kind(request: Request, exc: NotFound | Conflict | Invalid):
        status = next(code for kind, code in KIND_STATUS if isinstance(exc, kind))
        return respond(request, status, body(exc.code, exc.message,
                                             exc.field or field_of(exc.details), exc.details))

    for kind, _status in KIND_STATUS:
        app.add_exception_handler(kind, _kind)

    @app.exception_handler(CchcError)
    async def _cchc(request: Request, exc: CchcError):
        message = f"{exc.file}: {exc.message}" if exc.file else exc.message
        return respond(request, 400, body("rejected", message, field_of(exc.details),
                                          exc.details))

    @app.exception_handler(RequestValidationError)
    async def _request_invalid(request: Request, exc: RequestValidationError):
        details = [f"{_loc_path(e.get('loc', ()))}: {_pydantic_message(e)}"
                   for e in exc.errors()]
        field = _loc_path(exc.errors()[0].get("loc", ())) if exc.errors() else None
        return respond(request, 422, body("invalid", "dữ liệu gửi lên không hợp lệ", field,
                                          details))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        code, message = HTTP_MESSAGES.get(exc.status_code, ("error", "lỗi"))
        if isinstance(exc.detail, str) and exc.status_code not in HTTP_MESSAGES:
            message = exc.detail
        return respond(request, exc.status_code, body(code, message),
                       getattr(exc, "headers", None))

    @app.exception_handler(RecursionError)
    async def _too_deep(request: Request, _exc: RecursionError):
        return respond(request, 422, body("too_deep", "dữ liệu lồng nhau quá sâu"))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        log.exception("unexpected error")
        if is_disk_full(exc):  # the office can act on this one: say so, in its words
            return respond(request, 507, body("disk_full", DISK_FULL))
        return respond(request, 500, body("internal", "lỗi không mong đợi của máy chủ; "
                                          "đã ghi vào nhật ký"))
