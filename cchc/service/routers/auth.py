"""Tokens, the caller's own password, users (admin) and the audit log (admin)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Request
from fastapi.security import HTTPAuthorizationCredentials
from pydantic import BaseModel, Field

from .. import audit, login, users
from ..deps import Principal, admin, archive_of, bearer, current_user
from ..errors import ApiError, not_found
from ..json_body import JsonRoute

router = APIRouter(prefix="/api", tags=["auth"], route_class=JsonRoute)


class Credentials(BaseModel):
    username: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=1000)


class TokenOut(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int
    role: str


class NewUser(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=8, max_length=1000)
    role: Literal["viewer", "staff", "admin"]


class UserChange(BaseModel):
    role: Literal["viewer", "staff", "admin"] | None = None
    active: bool | None = None


class NewPassword(BaseModel):
    password: str = Field(min_length=8, max_length=1000)


class PasswordChange(BaseModel):
    old_password: str = Field(min_length=1, max_length=1000)
    new_password: str = Field(min_length=8, max_length=1000)


@router.post("/auth/token", response_model=TokenOut, summary="Lấy mã truy cập Bearer",
             responses={429: {"description": "Đăng nhập sai quá nhiều lần (Retry-After)"}})
def token(body: Credentials, request: Request) -> TokenOut:
    archive = archive_of(request)
    user = login.check_password(request, body.username, body.password, "token")
    value, ttl = users.issue_token(archive, user)  # audited in its transaction
    return TokenOut(access_token=value, expires_in=ttl, role=user.role)


@router.delete("/auth/token", status_code=204, summary="Thu hồi mã truy cập đang dùng")
def revoke(request: Request, who: Principal = Depends(current_user),
           creds: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:
    if creds is None:
        raise ApiError(400, "no_token", "yêu cầu này không dùng mã truy cập Bearer")
    users.revoke_token(archive_of(request), creds.credentials, who.name)


@router.post("/auth/password", status_code=204,
             summary="Đổi mật khẩu của mình (mọi phiên và mã truy cập cũ hết hiệu lực)")
def change_password(body: PasswordChange, request: Request,
                    who: Principal = Depends(current_user)) -> None:
    login.check_password(request, who.name, body.old_password, "password_change")
    with audit.acting_as(who.name):
        users.set_password(archive_of(request), who.name, body.new_password,
                           action="change_password")


@router.get("/auth/me", summary="Người đang đăng nhập")
def me(who: Principal = Depends(current_user)) -> dict:
    return {"id": who.id, "name": who.name, "role": who.role}


@router.get("/users", summary="Danh sách người dùng")
def list_users(request: Request, _: Principal = Depends(admin)) -> list[dict]:
    return users.list_users(archive_of(request))


@router.post("/users", status_code=201, summary="Thêm người dùng")
def add_user(body: NewUser, request: Request, who: Principal = Depends(admin)) -> dict:
    archive = archive_of(request)
    if users.find_user(archive, body.name) is not None:
        raise ApiError(409, "user_exists", f"người dùng '{body.name}' đã có", field="$.name")
    with audit.acting_as(who.name):
        return users.add_user(archive, body.name, body.password, body.role)


def _existing(request: Request, name: str) -> str:
    user = users.find_user(archive_of(request), name)
    if user is None:
        raise not_found(f"người dùng '{name}'")
    return user.name


@router.patch("/users/{name}", summary="Đổi vai trò, tắt hoặc bật một người dùng")
def change_user(name: str, body: UserChange, request: Request,
                who: Principal = Depends(admin)) -> dict:
    archive, name = archive_of(request), _existing(request, name)
    out = None
    with audit.acting_as(who.name):
        if body.role is not None:
            out = users.set_role(archive, name, body.role)
        if body.active is not None:
            out = users.set_active(archive, name, body.active)
    return out or users.user_info(users.find_user(archive, name))


@router.put("/users/{name}/password", status_code=204,
            summary="Đặt lại mật khẩu (mọi phiên và mã truy cập cũ hết hiệu lực)")
def reset_password(name: str, body: NewPassword, request: Request,
                   who: Principal = Depends(admin)) -> None:
    archive, name = archive_of(request), _existing(request, name)
    with audit.acting_as(who.name):
        users.set_password(archive, name, body.password)


@router.delete("/users/{name}", status_code=204, summary="Xoá một người dùng")
def remove_user(name: str, request: Request, who: Principal = Depends(admin)) -> None:
    archive, name = archive_of(request), _existing(request, name)
    with audit.acting_as(who.name):
        users.remove_user(archive, name)


@router.get("/audit", summary="Nhật ký thao tác")
def audit_log(request: Request, _: Principal = Depends(admin)) -> list[dict]:
    return audit.entries(archive_of(request))
