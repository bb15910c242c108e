"""Checking a password for the token route and the login page alike: throttled,
bounded, and every failure written to the audit log."""

from __future__ import annotations

from fastapi import Request

from cchc.core.vn import clean

from . import audit, users
from .errors import ApiError
from .hashing import Busy
from .models import User


def client_address(request: Request) -> str:
    """The peer's address. uvicorn puts a forwarded address here only when the peer is one
    of the proxies given to ``cchc serve --trusted-proxy``; otherwise X-Forwarded-For is
    ignored, so a client cannot pick a fresh address for each guess."""
    return request.client.host if request.client else "?"


def check_password(request: Request, name: str, password: str, via: str) -> User:
    """The user, or ApiError 401 (wrong), 429 (too many attempts) or 503 (too busy)."""
    archive = request.app.state.archive
    address = client_address(request)
    throttle = request.app.state.throttle
    account = clean(name or "").casefold()
    wait = throttle.attempt(throttle.keys(account, address))
    if wait:
        raise ApiError(429, "too_many_attempts", "đăng nhập sai quá nhiều lần; hãy thử lại "
                       f"sau {wait} giây", headers={"Retry-After": str(wait)})
    try:
        user = users.authenticate(archive, name, password)
    except Busy as exc:
        raise ApiError(503, "busy", exc.message,
                       headers={"Retry-After": str(exc.retry_after)}) from exc
    if user is None:
        audit.record(archive, None, "login_failed", f"user:{clean(name or '')[:100]}",
                     via=via, address=address)
        raise ApiError(401, "bad_credentials", "sai tên đăng nhập hoặc mật khẩu",
                       field="$.password")
    throttle.succeeded(account, address)
    return user
