"""Users, password hashes (argon2) and bearer tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import time

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from cchc.archive.db import Archive
from cchc.archive.store import transaction
from cchc.errors import CchcError
from cchc.vn import clean

from .models import ROLES, Token, User, utcnow

TOKEN_TTL = dt.timedelta(hours=12)
_hasher = PasswordHasher()  # argon2id, RFC 9106 low-memory profile
_dummy: dict[PasswordHasher, str] = {}


def use_hasher(hasher: PasswordHasher) -> None:
    """Tests swap in argon2's cheapest profile; the server keeps the default."""
    global _hasher
    _hasher = hasher


def _dummy_hash() -> str:
    """Verifying against this when the user does not exist keeps the timing the same."""
    if _hasher not in _dummy:
        _dummy[_hasher] = _hasher.hash("cchc-not-a-user")
    return _dummy[_hasher]


def _check_name_role(name: str, role: str) -> str:
    name = clean(name or "")
    if not name or len(name) > 100:
        raise CchcError("tên đăng nhập phải có từ 1 đến 100 ký tự")
    if role not in ROLES:
        raise CchcError(f"vai trò '{role}' không có; chọn một trong: {', '.join(ROLES)}")
    return name


def add_user(archive: Archive, name: str, password: str, role: str) -> dict:
    name = _check_name_role(name, role)
    if len(password or "") < 8:
        raise CchcError("mật khẩu phải có ít nhất 8 ký tự")
    hashed = _hasher.hash(password)

    def work(s: Session) -> dict:
        if s.scalar(select(User.id).where(User.name == name)) is not None:
            raise CchcError(f"người dùng '{name}' đã có")
        user = User(name=name, password_hash=hashed, role=role, active=1)
        s.add(user)
        s.flush()
        return user_info(user)

    return transaction(archive, work)


def user_info(user: User) -> dict:
    return {"id": user.id, "name": user.name, "role": user.role, "active": bool(user.active),
            "created_at": user.created_at.isoformat(timespec="seconds")}


def list_users(archive: Archive) -> list[dict]:
    with archive.sessions() as s:
        return [user_info(u) for u in s.scalars(select(User).order_by(User.name))]


def find_user(archive: Archive, name: str) -> User | None:
    with archive.sessions() as s:
        return s.scalar(select(User).where(User.name == clean(name or "")))


def authenticate(archive: Archive, name: str, password: str) -> User | None:
    user = find_user(archive, name)
    try:
        _hasher.verify(user.password_hash if user else _dummy_hash(), password or "")
    except (VerificationError, InvalidHashError):
        return None
    return user if user is not None and user.active else None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(archive: Archive, user: User) -> tuple[str, int]:
    token = secrets.token_urlsafe(32)
    now = utcnow()

    def work(s: Session) -> None:
        s.execute(delete(Token).where(Token.expires_at < now))
        s.add(Token(token_sha256=_digest(token), user_id=user.id, expires_at=now + TOKEN_TTL))

    transaction(archive, work)
    return token, int(TOKEN_TTL.total_seconds())


_TOKEN_CACHE: dict[str, tuple[float, User]] = {}
TOKEN_CACHE_SECONDS = 10.0
_TOKEN_CACHE_MAX = 1000


def user_for_token(archive: Archive, token: str) -> User | None:
    """The token's user; a hit is remembered for a few seconds so a burst of API calls
    does not queue on the database for the same answer (revoking and deactivating
    take effect within TOKEN_CACHE_SECONDS in the other worker processes, and a token
    expiring is noticed as late)."""
    key = _digest(token)
    now = time.monotonic()
    hit = _TOKEN_CACHE.get(key)
    if hit is not None and hit[0] > now:
        return hit[1]
    user = _lookup_token(archive, key)
    if user is not None:
        if len(_TOKEN_CACHE) >= _TOKEN_CACHE_MAX:
            _TOKEN_CACHE.clear()
        _TOKEN_CACHE[key] = (now + TOKEN_CACHE_SECONDS, user)
    return user


def _lookup_token(archive: Archive, digest: str) -> User | None:
    with archive.sessions() as s:
        row = s.scalar(select(Token).where(Token.token_sha256 == digest))
        if row is None or row.expires_at < utcnow():
            return None
        user = s.get(User, row.user_id)
        return user if user is not None and user.active else None


def user_by_id(archive: Archive, user_id) -> User | None:
    if not isinstance(user_id, int):
        return None
    with archive.sessions() as s:
        user = s.get(User, user_id)
        return user if user is not None and user.active else None


def revoke_token(archive: Archive, token: str) -> None:
    _TOKEN_CACHE.pop(_digest(token), None)
    transaction(archive, lambda s: s.execute(delete(Token).where(
        Token.token_sha256 == _digest(token))))
