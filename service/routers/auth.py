"""Tokens, users (admin) and the audit log (admin)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from .. import audit, users
from ..deps import Principal, admin, archive_of, current_user
from ..errors import ApiError

router = APIRouter(prefix="/api", tags=["auth"])


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


@router.post("/auth/token", response_model=TokenOut, summary="Lấy mã truy cập Bearer")
def token(body: Credentials, request: Request) -> TokenOut:
    archive = archive_of(request)
    user = users.authenticate(archive, body.username, body.password)
    if user is None:
        raise ApiError(401, "bad_credentials", "sai tên đăng nhập hoặc mật khẩu",
                       field="$.password")
    value, ttl = users.issue_token(archive, user)
    audit.record(archive, user.name, "login", f"user:{user.name}", via="token")
    return TokenOut(access_token=value, expires_in=ttl, role=user.role)


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
    created = users.add_user(archive, body.name, body.password, body.role)
    audit.record(archive, who.name, "create", f"user:{created['name']}", role=body.role)
    return created


@router.get("/audit", summary="Nhật ký thao tác")
def audit_log(request: Request, _: Principal = Depends(admin)) -> list[dict]:
    return audit.entries(archive_of(request))
