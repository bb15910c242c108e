"""Users, password hashes (argon2), bearer tokens and the admin's changes to users.

Every change that takes access away (disable, password reset or change, removal)
deletes the user's tokens and web sessions in the same transaction, and clears
this process's token cache; other worker processes notice within
TOKEN_CACHE_SECONDS (under a second).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import time

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from cchc.archive.audit import audit, audit_here
from cchc.archive.db import Archive
from cchc.archive.store import transaction
from cchc.core.errors import CchcError
from cchc.core.vn import clean

from . import hashing
from .models import ROLES, Token, User, WebSession, utcnow

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


def _verify(stored: str | None, password: str) -> bool:
    """On a hashing thread (see hashing.py); a missing user checks a dummy hash."""
    try:
        return _hasher.verify(stored or _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return False


# A unit account is bound to its unit when its invite is redeemed (unit_accounts.py);
# made or granted here it would be bound to nothing.
UNIT_ROLE = "donvi"


def _check_name_role(name: str, role: str) -> str:
    name = clean(name or "")
    if not name or len(name) > 100:
        raise CchcError("tên đăng nhập phải có từ 1 đến 100 ký tự")
    staff_roles = [r for r in ROLES if r != UNIT_ROLE]
    if role == UNIT_ROLE:
        raise CchcError("tài khoản đơn vị chỉ tạo được bằng mã mời của đợt kiểm tra "
                        "(trang Tài khoản đơn vị của đợt)")
    if role not in ROLES:
        raise CchcError(f"vai trò '{role}' không có; chọn một trong: {', '.join(staff_roles)}")
    return name


def _check_password(password: str) -> str:
    if len(password or "") < 8:
        raise CchcError("mật khẩu phải có ít nhất 8 ký tự")
    if len(password) > 1000:
        raise CchcError("mật khẩu dài quá 1000 ký tự")
    return password


def hash_password(password: str) -> str:
    return hashing.run(_hasher.hash, _check_password(password))


def add_user(archive: Archive, name: str, password: str, role: str) -> dict:
    name = _check_name_role(name, role)
    hashed = hash_password(password)

    def work(s: Session) -> dict:
        if s.scalar(select(User.id).where(User.name == name)) is not None:
            raise CchcError(f"người dùng '{name}' đã có")
        user = User(name=name, password_hash=hashed, role=role, active=1)
        s.add(user)
        s.flush()
        audit_here(s, "create", "user", name, role=role)
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
    if not hashing.run(_verify, user.password_hash if user else None, password or ""):
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
        audit(s, user.name, "login", "user", user.name, {"via": "token"})

    transaction(archive, work)
    return token, int(TOKEN_TTL.total_seconds())


_TOKEN_CACHE: dict[str, tuple[float, User]] = {}
# Short enough that a revoked token or a disabled user stops working within a second
# in every worker process, long enough that a burst of calls shares one lookup.
TOKEN_CACHE_SECONDS = 0.5
_TOKEN_CACHE_MAX = 1000


def user_for_token(archive: Archive, token: str) -> User | None:
    """The token's user; a hit is remembered for TOKEN_CACHE_SECONDS so a burst of API
    calls does not queue on the database for the same answer."""
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
    else:
        _TOKEN_CACHE.pop(key, None)
    return user


def _lookup_token(archive: Archive, digest: str) -> User | None:
    with archive.sessions() as s:
        row = s.scalar(select(Token).where(Token.token_sha256 == digest))
        if row is None or row.expires_at < utcnow():
            return None
        user = s.get(User, row.user_id)
        return user if user is not None and user.active else None


def user_by_id(archive: Archive, user_id) -> User | None:
    if not isinstance(user_id, int) or isinstance(user_id, bool):
        return None
    with archive.sessions() as s:
        user = s.get(User, user_id)
        return user if user is not None and user.active else None


def revoke_token(archive: Archive, token: str, user: str) -> None:
    _TOKEN_CACHE.pop(_digest(token), None)

    def work(s: Session) -> None:
        s.execute(delete(Token).where(Token.token_sha256 == _digest(token)))
        audit(s, user, "revoke_token", "user", user)

    transaction(archive, work)


# ---------------------------------------------------------------- web sessions

SESSION_TTL = dt.timedelta(hours=12)


def start_session(archive: Archive, user: User) -> str:
    """A new server-side session; the returned id goes into the signed cookie."""
    sid = secrets.token_urlsafe(32)
    now = utcnow()

    def work(s: Session) -> None:
        s.execute(delete(WebSession).where(WebSession.expires_at < now))
        s.add(WebSession(sid_sha256=_digest(sid), user_id=user.id,
                         expires_at=now + SESSION_TTL))
        audit(s, user.name, "login", "user", user.name, {"via": "session"})

    transaction(archive, work)
    return sid


def user_for_session(archive: Archive, sid) -> User | None:
    """The user of a live session; None once it was ended or has expired."""
    if not isinstance(sid, str) or not sid or len(sid) > 100:
        return None
    with archive.sessions() as s:
        row = s.scalar(select(WebSession).where(WebSession.sid_sha256 == _digest(sid)))
        if row is None or row.expires_at < utcnow():
            return None
        user = s.get(User, row.user_id)
        return user if user is not None and user.active else None


def end_session(archive: Archive, sid, user: str | None = None) -> None:
    """End a session; ``user``: whose it was, for the audit row of the logout."""
    if not (isinstance(sid, str) and sid):
        return

    def work(s: Session) -> None:
        gone = s.execute(delete(WebSession).where(WebSession.sid_sha256 == _digest(sid)))
        if user is not None and gone.rowcount:
            audit(s, user, "logout", "user", user, {"via": "session"})

    transaction(archive, work)


# ---------------------------------------------------------------- the admin's changes

def _end_access(s: Session, user_id: int) -> None:
    """Delete every token and session of a user (inside the caller's transaction)."""
    s.execute(delete(Token).where(Token.user_id == user_id))
    s.execute(delete(WebSession).where(WebSession.user_id == user_id))
    _TOKEN_CACHE.clear()


def _named(s: Session, name: str) -> User:
    user = s.scalar(select(User).where(User.name == clean(name or "")))
    if user is None:
        raise CchcError(f"không có người dùng '{name}'")
    return user


def _keep_an_admin(s: Session, user: User, *, role: str | None = None,
                   active: bool | None = None, removing: bool = False) -> None:
    """Refuse a change that would leave no active admin (nobody could undo it)."""
    stays_admin = not removing and (role or user.role) == "admin" and \
        (user.active if active is None else active)
    if user.role != "admin" or not user.active or stays_admin:
        return
    others = s.scalar(select(func.count()).select_from(User).where(
        User.role == "admin", User.active == 1, User.id != user.id))
    if not others:
        raise CchcError(f"'{user.name}' là quản trị viên cuối cùng còn hoạt động; "
                        "hãy thêm hoặc bật một quản trị viên khác trước")


def set_active(archive: Archive, name: str, active: bool) -> dict:
    def work(s: Session) -> dict:
        user = _named(s, name)
        _keep_an_admin(s, user, active=active)
        user.active = 1 if active else 0
        if not active:
            _end_access(s, user.id)
        audit_here(s, "enable" if active else "disable", "user", user.name)
        return user_info(user)
    return transaction(archive, work)


def set_role(archive: Archive, name: str, role: str) -> dict:
    _check_name_role(name, role)

    def work(s: Session) -> dict:
        user = _named(s, name)
        if user.role == UNIT_ROLE:   # its name and password are the unit's own choice
            raise CchcError(f"'{user.name}' là tài khoản đơn vị, không đổi sang vai trò "
                            "khác được; hãy tạo tài khoản riêng cho cán bộ")
        _keep_an_admin(s, user, role=role)
        user.role = role
        _TOKEN_CACHE.clear()
        audit_here(s, "set_role", "user", user.name, role=role)
        return user_info(user)
    return transaction(archive, work)


def set_password(archive: Archive, name: str, password: str, *,
                 action: str = "reset_password") -> dict:
    """A new password (reset by an admin, or ``action="change_password"`` by the user
    themself): ends all access."""
    hashed = hash_password(password)

    def work(s: Session) -> dict:
        user = _named(s, name)
        user.password_hash = hashed
        _end_access(s, user.id)
        audit_here(s, action, "user", user.name)
        return user_info(user)
    return transaction(archive, work)


def remove_user(archive: Archive, name: str) -> dict:
    def work(s: Session) -> dict:
        user = _named(s, name)
        _keep_an_admin(s, user, removing=True)
        info = user_info(user)
        _end_access(s, user.id)
        s.delete(user)
        audit_here(s, "remove", "user", info["name"])
        return info
    return transaction(archive, work)
