"""Request dependencies: the open database, who is asking, and whether they may."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Request
from fastapi import Path as PathParam
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from cchc.archive.db import Archive

from . import users
from .errors import ApiError
from .models import ROLES

RANK = {role: i for i, role in enumerate(ROLES)}
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
CSRF_HEADER = "X-CSRF-Token"


@dataclass
class Settings:
    upload_limit_bytes: int = 20 * 1024 * 1024
    batch_limit_bytes: int = 100 * 1024 * 1024
    unzipped_limit_bytes: int = 100 * 1024 * 1024  # cchc.core.safezip.DOCX_CAPS.total
    max_files: int = 50
    data_dir: Path = field(default_factory=lambda: Path("."))
    job_workers: int = 2
    public_docs: bool = False
    uploads_in_flight: int = 4  # per process: beyond it, 503 + Retry-After (issue 22)


@dataclass(frozen=True)
class Principal:
    id: int
    name: str
    role: str
    via_session: bool = False


bearer = HTTPBearer(auto_error=False, description="Mã truy cập từ POST /api/auth/token")


def archive_of(request: Request) -> Archive:
    return request.app.state.archive


def settings_of(request: Request) -> Settings:
    return request.app.state.settings


def extractor_of(request: Request) -> Callable:
    """Overridable in tests (app.dependency_overrides) to stand in for the extractors."""
    return request.app.state.extractor


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(24)
    return token


def check_csrf(request: Request, supplied: str | None) -> None:
    expected = request.session.get("csrf")
    if not expected or not supplied or not secrets.compare_digest(expected, supplied):
        raise ApiError(403, "csrf", "phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ; "
                       "hãy tải lại trang rồi thử lại")


def optional_user(request: Request,
                  creds: HTTPAuthorizationCredentials | None = Depends(bearer)
                  ) -> Principal | None:
    """A bearer token for programs; the signed session cookie for the web pages.

    A session-authenticated request that changes something must carry the CSRF
    token (header for scripts; form pages check their hidden field themselves).
    """
    archive = archive_of(request)
    if creds is not None:
        user = users.user_for_token(archive, creds.credentials)
        if user is None:
            raise ApiError(401, "bad_token", "mã truy cập không hợp lệ hoặc đã hết hạn",
                           headers={"WWW-Authenticate": "Bearer"})
        return Principal(user.id, user.name, user.role)
    user = users.user_for_session(archive, request.session.get("sid"))
    if user is None:
        return None
    if request.method not in SAFE_METHODS and request.headers.get(CSRF_HEADER) is not None:
        check_csrf(request, request.headers.get(CSRF_HEADER))
    return Principal(user.id, user.name, user.role, via_session=True)


def authenticated(scope) -> bool:
    """Whether a request carries a live token or session, from its headers alone (the
    body gate asks this before anything reads the body; blocking: it may query)."""
    archive = scope["app"].state.archive
    header = dict(scope.get("headers") or []).get(b"authorization", b"").decode("latin-1")
    scheme, _, credentials = header.partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return users.user_for_token(archive, credentials.strip()) is not None
    session = scope.get("session") or {}
    return users.user_for_session(archive, session.get("sid")) is not None


def current_user(request: Request, who: Principal | None = Depends(optional_user)) -> Principal:
    if who is None:
        raise ApiError(401, "unauthenticated", "cần đăng nhập (mã truy cập Bearer hoặc phiên)",
                       headers={"WWW-Authenticate": "Bearer"})
    if who.via_session and request.method not in SAFE_METHODS \
            and request.url.path.startswith("/api/"):
        check_csrf(request, request.headers.get(CSRF_HEADER))
    return who


ROLE_LABELS = {"donvi": "đơn vị", "viewer": "người xem", "staff": "cán bộ", "admin": "quản trị"}


def require(role: str) -> Callable:
    def dependency(who: Principal = Depends(current_user)) -> Principal:
        if RANK[who.role] < RANK[role]:
            raise ApiError(403, "forbidden", f"cần vai trò '{ROLE_LABELS[role]}' trở lên; "
                           f"tài khoản '{who.name}' là '{ROLE_LABELS[who.role]}'")
        return who
    return dependency


viewer = require("viewer")
staff = require("staff")
admin = require("admin")

# Who makes a round and writes its plan: the standing office's staff (issue 21), not
# only an administrator. The API, the pages and what the pages offer all ask this.
ROUND_MAKER = "staff"
round_maker = require(ROUND_MAKER)


# Database ids: a path id beyond a 32-bit integer is a 422, never a driver overflow.
Id = Annotated[int, PathParam(ge=1, le=2_147_483_647)]
